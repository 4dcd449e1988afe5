package petition

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/eventlog"
	"github.com/puntodiascolto/ascolto/office"
)

// Config configures a Service.
type Config struct {
	// Store keeps the histories. Required.
	Store Store
	// Directory holds the offices petitions are forwarded to. Required.
	Directory *office.Directory
	// Calendar computes the deadlines; nil means deadline.Rome().
	Calendar *deadline.Calendar
	// Policy holds the kinds, bodies and categories; a Policy without kinds
	// means Rome().
	Policy Policy
	// Now is the clock; nil means time.Now. Tests and examples pass a fixed
	// clock: the Service never reads the time otherwise.
	Now func() time.Time
	// NewID generates petition IDs when the caller supplies none; nil means
	// random UUIDs (version 4, github.com/google/uuid).
	NewID func() ID
	// CacheSize is how many petitions' folded state the Service keeps
	// between acts, so that an act on a petition with 100,000 signatures
	// does not replay them: 0 means 256; a negative value keeps none (every
	// act loads and replays).
	CacheSize int
}

// Service performs the acts of the petition procedure: one method per act,
// each loading the petition, checking the lifecycle (state and role) and the
// rules, appending one event at the expected version and returning the
// updated Petition with its deadlines and counts. A refused act appends
// nothing. Conflicts are returned (wrapping ErrConflict), never retried.
//
// # Scale
//
// Signatures are events in the history (a Batch per sheet or upload), so
// the history stays the single source of truth. To keep Sign at constant
// cost per signature, the Service keeps, for the petitions it has acted on
// recently, the folded state: the view, the signatory set keyed by the
// codice fiscale as issued (a map: duplicates are found without scanning)
// and the last record, to which it chains new records without reloading.
// The store's optimistic concurrency keeps this safe: if another process
// appended to a petition since, the next act here fails with ErrConflict and
// drops the cached state, and a retry reloads. Reads (Get) always load the
// history and reuse the cached state only if its version is current.
//
// A Service is safe for concurrent use; acts on one petition are serialized.
type Service struct {
	store  Store
	dir    *office.Directory
	cal    *deadline.Calendar
	policy Policy
	now    func() time.Time
	newID  func() ID
	size   int

	mu    sync.Mutex
	cache map[ID]*entry
}

type entry struct {
	mu  sync.Mutex
	agg *aggregate // nil until loaded, or after a failed write
}

// NewService returns a Service, or an error wrapping ErrInvalidEvent if the
// configuration is unusable.
func NewService(cfg Config) (*Service, error) {
	if cfg.Store == nil || cfg.Directory == nil {
		return nil, fmt.Errorf("%w: a Service needs a Store and a Directory", ErrInvalidEvent)
	}
	if len(cfg.Policy.Kinds) == 0 {
		cfg.Policy = Rome()
	}
	if err := cfg.Policy.Validate(); err != nil {
		return nil, err
	}
	s := &Service{
		store: cfg.Store, dir: cfg.Directory, cal: cfg.Calendar, policy: cfg.Policy.clone(),
		now: cfg.Now, newID: cfg.NewID, size: cfg.CacheSize, cache: map[ID]*entry{},
	}
	for _, b := range s.policy.Bodies {
		if b.Secretariat != "" && !s.dir.Has(b.Secretariat) {
			return nil, fmt.Errorf("%w: secretariat %q of %s is not in the directory", ErrInvalidEvent, b.Secretariat, b.ID)
		}
	}
	if s.cal == nil {
		s.cal = deadline.Rome()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.newID == nil {
		s.newID = randomID
	}
	if s.size == 0 {
		s.size = 256
	}
	return s, nil
}

// randomID returns a random (version 4) UUID.
func randomID() ID { return ID(uuid.NewString()) }

// Policy returns the Service's policy.
func (s *Service) Policy() Policy { return s.policy.clone() }

// entry returns the cache entry of id, creating it (and evicting another
// if the cache is full).
func (s *Service) entry(id ID) *entry {
	if s.size < 0 {
		return &entry{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.cache[id]; ok {
		return e
	}
	if len(s.cache) >= s.size {
		for other := range s.cache { // evict any one: map order is random
			delete(s.cache, other)
			break
		}
	}
	e := &entry{}
	s.cache[id] = e
	return e
}

// drop removes e from the cache if it is still the entry of id and holds
// nothing: unknown or unreadable IDs do not take places in the cache.
// e.mu must be held (locks are taken in the order e.mu, s.mu).
func (s *Service) drop(id ID, e *entry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cache[id] == e && e.agg == nil {
		delete(s.cache, id)
	}
}

// load returns the folded state of id, from the cache or from the store.
// e.mu must be held.
func (s *Service) load(ctx context.Context, id ID, e *entry) (*aggregate, error) {
	if e.agg != nil {
		return e.agg, nil
	}
	st, err := s.store.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.refresh(id, e, st)
}

// refresh makes e hold the fold of st, reusing the cached state if it is at
// the same version and hash. e.mu must be held.
func (s *Service) refresh(id ID, e *entry, st Stream) (*aggregate, error) {
	if a := e.agg; a != nil && len(st.Records) > 0 && a.p.Version == st.Version && a.last.Hash == st.Records[len(st.Records)-1].Hash {
		return a, nil
	}
	a, err := replay(id, st.Records, s.cal, s.policy)
	if err != nil {
		e.agg = nil
		return nil, err
	}
	e.agg = a
	return a, nil
}

// current returns the folded state of id as it stands in the store.
func (s *Service) current(ctx context.Context, id ID, use func(*aggregate)) error {
	st, err := s.store.Load(ctx, id)
	if err != nil {
		return err
	}
	e := s.entry(id)
	e.mu.Lock()
	defer e.mu.Unlock()
	a, err := s.refresh(id, e, st)
	if err != nil {
		s.drop(id, e)
		return err
	}
	use(a)
	return nil
}

// act runs one act on an existing petition: load (or reuse) the folded
// state, check the lifecycle, let guard build the event, seal it, fold it
// and append it at the expected version.
func (s *Service) act(ctx context.Context, actor office.Actor, id ID, typ EventType,
	guard func(a *aggregate, today deadline.Date) (Event, error)) (Petition, error) {
	if err := ctx.Err(); err != nil {
		return Petition{}, err
	}
	if err := actor.Validate(); err != nil {
		return Petition{}, fmt.Errorf("%w: %v", ErrForbidden, err)
	}
	e := s.entry(id)
	e.mu.Lock()
	defer e.mu.Unlock()
	a, err := s.load(ctx, id, e)
	if err != nil {
		s.drop(id, e)
		return Petition{}, err
	}
	if _, err := a.table.Check(a.state, typ, actor.Role); err != nil {
		return Petition{}, err
	}
	now := s.now()
	ev, err := guard(a, deadline.DateOf(now))
	if err != nil {
		return Petition{}, err
	}
	if err := ev.Validate(); err != nil {
		return Petition{}, err
	}
	row, _ := a.table.Row(typ)
	recs, err := eventlog.Extend([]Record{a.last}, now, actor, row.Basis, ev)
	if err != nil {
		return Petition{}, fmt.Errorf("%w: %v", ErrInvalidEvent, err)
	}
	if err := a.apply(recs[0]); err != nil {
		e.agg = nil
		return Petition{}, err
	}
	view := a.view()
	if err := s.store.Append(ctx, id, recs[0].Version-1, view.Index(), recs...); err != nil {
		e.agg = nil // the folded state holds an event the store refused
		return Petition{}, err
	}
	return view, nil
}

// Draft registers a petition as a draft and returns it. id may be empty:
// the Service then generates one. The kind and addressee must be in the
// policy, and the kind addressed to that body; EqualOpportunities only for a
// kind with a special term on equal opportunities; the desk (FrontOffice) or
// the online portal (External) registers.
func (s *Service) Draft(ctx context.Context, actor office.Actor, id ID, r Registration) (Petition, error) {
	if err := ctx.Err(); err != nil {
		return Petition{}, err
	}
	if err := actor.Validate(); err != nil {
		return Petition{}, fmt.Errorf("%w: %v", ErrForbidden, err)
	}
	ev := r.Event()
	if err := ev.Validate(); err != nil {
		return Petition{}, err
	}
	if err := publishable("l'oggetto", r.Subject, r.Promoters); err != nil {
		return Petition{}, err
	}
	if err := publishable("la materia", r.Matter, r.Promoters); err != nil {
		return Petition{}, err
	}
	rules, err := s.policy.Rules(r.Kind)
	if err != nil {
		return Petition{}, err
	}
	if _, err := s.policy.Body(r.Addressee); err != nil {
		return Petition{}, err
	}
	if !containsAddressee(rules.Addressees, r.Addressee) {
		return Petition{}, &RuleError{Rule: rules.Source,
			Reason: fmt.Sprintf("una %s non può essere rivolta a %s", rules.Name, r.Addressee)}
	}
	if r.EqualOpportunities && !rules.hasEqualOpportunities() {
		return Petition{}, invalid("the policy of %s sets no special term on equal opportunities for a %s", s.policy.Administration, rules.Name)
	}
	table := Lifecycle(rules)
	if _, err := table.Check(start, EventDrafted, actor.Role); err != nil {
		return Petition{}, err
	}
	if id == "" {
		id = s.newID()
	}
	row, _ := table.Row(EventDrafted)
	recs, err := eventlog.Extend(nil, s.now(), actor, row.Basis, ev)
	if err != nil {
		return Petition{}, fmt.Errorf("%w: %v", ErrInvalidEvent, err)
	}
	a := newAggregate(id, s.cal, s.policy)
	if err := a.apply(recs[0]); err != nil {
		return Petition{}, err
	}
	view := a.view()
	if err := s.store.Create(ctx, id, view.Index(), recs...); err != nil {
		return Petition{}, err
	}
	if s.size >= 0 {
		e := s.entry(id)
		e.mu.Lock()
		e.agg = a
		e.mu.Unlock()
	}
	return view, nil
}

func containsAddressee(list []Addressee, a Addressee) bool {
	for _, x := range list {
		if x == a {
			return true
		}
	}
	return false
}

// OpenCollection opens the signature collection. closes is the last day of
// collection the promoters declare (zero: none); it cannot be in the past.
func (s *Service) OpenCollection(ctx context.Context, actor office.Actor, id ID, closes deadline.Date) (Petition, error) {
	return s.act(ctx, actor, id, EventCollectionOpened, func(_ *aggregate, today deadline.Date) (Event, error) {
		if !closes.IsZero() && closes.Before(today) {
			return Event{}, invalid("collection closing on %s, before today %s", closes.Italian(), today.Italian())
		}
		return Collection{Closes: closes}.Event(), nil
	})
}

// Sign records a batch of signatures (a paper sheet, or online adhesions),
// all or nothing. Each signature must carry a valid codice fiscale (stored
// as issued, in upper case), a category of the policy with its evidence, and
// a date: paper signatures the date on the form; online ones, if zero, take
// today. It is refused, with a *BatchError listing each refused signature
// and why (a *codicefiscale.Error or a *RuleError wrapping ErrDuplicate,
// ErrWindow, ErrIneligible or ErrOnline), when a signatory:
//
//   - has already signed with the same codice fiscale as issued (case,
//     spaces and the SPID prefix aside), or appears twice in the batch; an
//     omocodic variant of a code already signed is another person (the
//     Agenzia delle Entrate issues it to tell two people apart): it is
//     accepted and both signatures are listed in Petition.ToVerify for a
//     manual check;
//   - is under the category's age on the day of signing (birth date as
//     declared; else read from the codice fiscale, whose two-digit year is
//     read as an adult's whenever a reading of at most MaxAge years allows
//     it [P]), or declared a birth date that the codice fiscale
//     contradicts;
//   - signed before the collection opened, after its declared end or in the
//     future, or so long ago that the signature could no longer count for a
//     filing today (outside the kind's window);
//   - signed online where the kind does not accept it, or not as the single
//     signatory of an online petition.
//
// A duplicate and a signature dated outside the collection period cite a
// stated policy (law.Policy, with a note): no located article says them in
// words. A signature too old for the kind's window cites the window's rule.
//
// Duplicates are found in the petition's signatory set, a map keyed by the
// codice fiscale as issued: checking costs the same with 10 or 100,000
// signatures.
func (s *Service) Sign(ctx context.Context, actor office.Actor, id ID, sigs ...Signature) (Petition, error) {
	return s.act(ctx, actor, id, EventSigned, func(a *aggregate, today deadline.Date) (Event, error) {
		if len(sigs) == 0 {
			return Event{}, invalid("no signatures")
		}
		batch := make([]Signature, len(sigs))
		var refused []SignatureError
		inBatch := make(map[codicefiscale.Key]int, len(sigs))
		for i, sg := range sigs {
			if sg.Date.IsZero() && sg.Method.IsOnline() {
				sg.Date = today
			}
			cf, err := a.admit(&sg, today, len(sigs))
			if err == nil {
				if j, dup := inBatch[cf.Key()]; dup {
					err = &RuleError{Rule: citeOneSignature, Err: ErrDuplicate,
						Reason: fmt.Sprintf("firmatario già presente nello stesso lotto (firma %d)", j)}
				} else {
					inBatch[cf.Key()] = i
				}
			}
			if err != nil {
				refused = append(refused, SignatureError{Index: i, Err: err})
				continue
			}
			sg.Signatory.CodiceFiscale = cf.String()
			batch[i] = sg
		}
		if len(refused) > 0 {
			return Event{}, &BatchError{Refused: refused, Of: len(sigs)}
		}
		return Batch{Signatures: batch}.Event(), nil
	})
}

// admit checks one signature against the petition and returns its parsed
// codice fiscale. batch is the size of the batch it arrives in.
func (a *aggregate) admit(sg *Signature, today deadline.Date, batch int) (codicefiscale.Code, error) {
	cf, err := sg.validate()
	if err != nil {
		return cf, err
	}
	r := a.rules
	// Online signatures.
	online := a.methodN[methodIndex(SPID)] + a.methodN[methodIndex(CIE)]
	switch {
	case sg.Method.IsOnline() && r.Online == OnlineNone:
		return cf, &RuleError{Rule: r.OnlineSource, Err: ErrOnline,
			Reason: fmt.Sprintf("la %s si sottoscrive solo su carta", r.Name)}
	case sg.Method.IsOnline() && r.Online == OnlineSingle && (batch > 1 || a.p.Signatures.Valid > 0):
		return cf, &RuleError{Rule: r.OnlineSource, Err: ErrOnline,
			Reason: fmt.Sprintf("online la %s ha un solo firmatario: le firme collettive si raccolgono su carta", r.Name)}
	case !sg.Method.IsOnline() && r.Online == OnlineSingle && online > 0:
		return cf, &RuleError{Rule: r.OnlineSource, Err: ErrOnline,
			Reason: fmt.Sprintf("la %s è stata sottoscritta online dal suo unico firmatario", r.Name)}
	}
	// Eligibility.
	cat, err := a.policy.Category(sg.Category)
	if err != nil {
		return cf, &RuleError{Rule: citeStatutoArt6, Err: ErrIneligible,
			Reason: fmt.Sprintf("categoria %q non prevista", sg.Category)}
	}
	if cat.Evidence != "" && !nonBlank(sg.Evidence) {
		return cf, &RuleError{Rule: cat.Source, Err: ErrIneligible,
			Reason: fmt.Sprintf("manca la dichiarazione richiesta per la categoria %q: %s", cat.ID, cat.Evidence)}
	}
	// Age: from the declared date of birth; without one, from the code,
	// whose year has no century: of age if any reading of at most MaxAge
	// years makes the signatory of age (MaxAge).
	bd := sg.Signatory.BirthDate
	if !bd.IsZero() {
		yy, m, d := cf.BirthDay()
		if bd.Year()%100 != yy || bd.Month() != m || bd.Day() != d {
			return cf, &RuleError{Rule: citeCodiceFiscale, Err: ErrIneligible,
				Reason: "la data di nascita dichiarata non corrisponde a quella del codice fiscale"}
		}
	}
	if cat.MinAge > 0 {
		ofAge := !bd.IsZero() && ageOn(bd, sg.Date) >= cat.MinAge
		if bd.IsZero() {
			ofAge = mayBeOfAge(cf, sg.Date, cat.MinAge)
		}
		if !ofAge {
			return cf, &RuleError{Rule: cat.Source, Err: ErrIneligible,
				Reason: fmt.Sprintf("il firmatario non ha compiuto %d anni il %s", cat.MinAge, sg.Date.Italian())}
		}
	}
	// Collection period (a stated policy) and the kind's window (its rule).
	from := r.Window.Start(today)
	switch {
	case sg.Date.After(today):
		return cf, &RuleError{Rule: citeCollectionPeriod, Err: ErrWindow,
			Reason: fmt.Sprintf("firma datata %s, nel futuro", sg.Date.Italian())}
	case sg.Date.Before(a.p.Opened):
		return cf, &RuleError{Rule: citeCollectionPeriod, Err: ErrWindow,
			Reason: fmt.Sprintf("firma datata %s, prima dell'apertura della raccolta (%s)", sg.Date.Italian(), a.p.Opened.Italian())}
	case !a.p.Closes.IsZero() && sg.Date.After(a.p.Closes):
		return cf, &RuleError{Rule: citeCollectionPeriod, Err: ErrWindow,
			Reason: fmt.Sprintf("firma datata %s, dopo la chiusura della raccolta (%s)", sg.Date.Italian(), a.p.Closes.Italian())}
	case !from.IsZero() && sg.Date.Before(from):
		return cf, &RuleError{Rule: r.Window.Source, Err: ErrWindow,
			Reason: fmt.Sprintf("firma datata %s: contano solo le firme raccolte nei %s, cioè dal %s per un deposito oggi",
				sg.Date.Italian(), r.Window, from.Italian())}
	}
	// Duplicates: the same code as issued, found with one map lookup. An
	// omocodic variant of a code already signed is another person: it is
	// accepted, and the fold lists both in Petition.ToVerify.
	if prev, dup := a.roll.get(cf.Key()); dup {
		return cf, &RuleError{Rule: citeOneSignature, Err: ErrDuplicate,
			Reason: fmt.Sprintf("il firmatario ha già sottoscritto (firma del %s)", prev.day.Italian())}
	}
	return cf, nil
}

// WithdrawSignature withdraws a signatory's signature before filing; the
// person is identified by the codice fiscale as signed (case, spaces and the
// SPID prefix aside: an omocodic variant is another person) and may sign
// again later.
func (s *Service) WithdrawSignature(ctx context.Context, actor office.Actor, id ID, codiceFiscale string) (Petition, error) {
	return s.act(ctx, actor, id, EventSignatureWithdrawn, func(a *aggregate, _ deadline.Date) (Event, error) {
		cf, err := codicefiscale.Parse(codiceFiscale)
		if err != nil {
			return Event{}, err
		}
		if _, ok := a.roll.get(cf.Key()); !ok {
			return Event{}, &RuleError{Rule: citeWithdrawal, Reason: "non risulta una firma valida con questo codice fiscale da revocare"}
		}
		return Withdrawal{CodiceFiscale: cf.String()}.Event(), nil
	})
}

// File files the petition. f.On is the day of filing (zero: today); it may
// not be in the future nor before the collection opened. Filing is refused
// with a *RuleError wrapping ErrThreshold unless the valid signatures inside
// the kind's window (counted back from f.On) reach the threshold.
func (s *Service) File(ctx context.Context, actor office.Actor, id ID, f Filing) (Petition, error) {
	return s.act(ctx, actor, id, EventFiled, func(a *aggregate, today deadline.Date) (Event, error) {
		if f.On.IsZero() {
			f.On = today
		}
		switch {
		case f.On.After(today):
			return Event{}, invalid("filing dated %s, in the future", f.On.Italian())
		case f.On.Before(a.p.Opened):
			return Event{}, invalid("filing dated %s, before the collection opened (%s)", f.On.Italian(), a.p.Opened.Italian())
		}
		n, need := a.countable(f.On), a.rules.Threshold.Signatures
		if n < need {
			where := ""
			if !a.rules.Window.IsZero() {
				where = fmt.Sprintf(" raccolte dal %s", a.rules.Window.Start(f.On).Italian())
			}
			return Event{}, &RuleError{Rule: a.rules.Threshold.Source, Err: ErrThreshold,
				Reason: fmt.Sprintf("firme valide%s: %s; ne servono almeno %s", where, thousands(n), thousands(need))}
		}
		f.Protocol = trimmed(f.Protocol)
		if err := publishable("il numero di protocollo", f.Protocol, a.p.Promoters); err != nil {
			return Event{}, err
		}
		return f.Event(), nil
	})
}

// thousands formats n the Italian way: 5.000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

// DeclareAdmissible records a positive admissibility check, with an optional
// note.
func (s *Service) DeclareAdmissible(ctx context.Context, actor office.Actor, id ID, note string) (Petition, error) {
	return s.act(ctx, actor, id, EventDeclaredAdmissible, func(a *aggregate, _ deadline.Date) (Event, error) {
		if err := publishable("la nota di ammissibilità", note, a.p.Promoters); err != nil {
			return Event{}, err
		}
		return Admission{Note: trimmed(note)}.Event(), nil
	})
}

// DeclareInadmissible records a negative admissibility check with its
// grounds (published: no personal data).
func (s *Service) DeclareInadmissible(ctx context.Context, actor office.Actor, id ID, r Refusal) (Petition, error) {
	return s.act(ctx, actor, id, EventDeclaredInadmissible, func(a *aggregate, _ deadline.Date) (Event, error) {
		r.Reason = trimmed(r.Reason)
		if err := publishable("la motivazione", r.Reason, a.p.Promoters); err != nil {
			return Event{}, err
		}
		if err := publishableCitation("la norma citata", r.Ground, a.p.Promoters); err != nil {
			return Event{}, err
		}
		return r.Event(), nil
	})
}

// Forward sends requests for the information needed to answer to one or
// more competent offices at once. Each request names an office of the
// Directory, asks a question and may set its own term in days (0: the
// policy's ReplyTerm); an office may not be asked again while its reply to
// the same petition is pending.
func (s *Service) Forward(ctx context.Context, actor office.Actor, id ID, reqs ...Request) (Petition, error) {
	return s.act(ctx, actor, id, EventForwarded, func(a *aggregate, _ deadline.Date) (Event, error) {
		clean := make([]Request, len(reqs))
		for i, r := range reqs {
			if r.Office != "" && !s.dir.Has(r.Office) {
				return Event{}, fmt.Errorf("%w: %w: %q", ErrInvalidEvent, office.ErrUnknownOffice, r.Office)
			}
			for _, p := range a.p.Requests {
				if p.Office == r.Office && p.Pending() {
					return Event{}, invalid("request %d to %s is still pending", p.N, r.Office)
				}
			}
			clean[i] = Request{Office: r.Office, Question: trimmed(r.Question), Days: r.Days}
		}
		return Forwarding{Requests: clean}.Event(), nil
	})
}

// RecordReply records a competent office's reply to request n. A
// CompetentOffice actor may only record replies to its own office's
// requests; the desk may record any (a reply received by PEC, say).
func (s *Service) RecordReply(ctx context.Context, actor office.Actor, id ID, r Reply) (Petition, error) {
	return s.act(ctx, actor, id, EventReplyRecorded, func(a *aggregate, _ deadline.Date) (Event, error) {
		if r.Request < 1 || r.Request > len(a.p.Requests) {
			return Event{}, invalid("no request number %d", r.Request)
		}
		req := a.p.Requests[r.Request-1]
		if !req.Pending() {
			return Event{}, invalid("request %d to %s already has a reply", req.N, req.Office)
		}
		if actor.Role == office.CompetentOffice && actor.Office != req.Office {
			return Event{}, fmt.Errorf("%w: %s may not reply for %s", ErrForbidden, actor, req.Office)
		}
		r.Summary = trimmed(r.Summary)
		return r.Event(), nil
	})
}

// Answer records the addressee's answer (or decision on a proposal). If the
// addressee's body has a Secretariat, only a CompetentOffice actor of that
// office may record it. Requests still pending are superseded.
func (s *Service) Answer(ctx context.Context, actor office.Actor, id ID, ans Answer) (Petition, error) {
	return s.act(ctx, actor, id, EventAnswered, func(a *aggregate, _ deadline.Date) (Event, error) {
		if a.p.Office != "" && actor.Office != a.p.Office {
			return Event{}, fmt.Errorf("%w: the answer to a %s addressed to %s is recorded by %s, not by %s",
				ErrForbidden, a.rules.Name, a.p.AddresseeName, a.p.Office, actor)
		}
		ans.Summary = trimmed(ans.Summary)
		if err := publishable("la sintesi della risposta", ans.Summary, a.p.Promoters); err != nil {
			return Event{}, err
		}
		if err := publishable("il riferimento dell'atto di risposta", ans.Act, a.p.Promoters); err != nil {
			return Event{}, err
		}
		return ans.Event(), nil
	})
}

// Archive archives the petition: after its answer, after it was declared
// inadmissible, or when a draft or collection is abandoned.
func (s *Service) Archive(ctx context.Context, actor office.Actor, id ID, reason string) (Petition, error) {
	return s.act(ctx, actor, id, EventArchived, func(a *aggregate, _ deadline.Date) (Event, error) {
		if err := publishable("il motivo dell'archiviazione", reason, a.p.Promoters); err != nil {
			return Event{}, err
		}
		return Archiving{Reason: trimmed(reason)}.Event(), nil
	})
}

// Get returns the petition as it stands in the store.
func (s *Service) Get(ctx context.Context, id ID) (Petition, error) {
	var p Petition
	err := s.current(ctx, id, func(a *aggregate) { p = a.view() })
	return p, err
}

// Permitted returns the acts role may perform on the petition now, in
// Lifecycle order, for a UI's buttons. The zero Role (a caller that forgot
// to set it) and any undeclared role may perform nothing: Permitted returns
// no act and an error wrapping ErrForbidden, as the acts refuse such an
// actor.
func (s *Service) Permitted(ctx context.Context, id ID, role office.Role) ([]EventType, error) {
	if !role.Valid() {
		return nil, fmt.Errorf("%w: %w: role %d", ErrForbidden, office.ErrInvalidActor, role)
	}
	var acts []EventType
	err := s.current(ctx, id, func(a *aggregate) { acts = a.permitted(role) })
	return acts, err
}

// History returns the petition's records, oldest first, with their hash
// chain verified. They contain personal data (signatures, promoters).
func (s *Service) History(ctx context.Context, id ID) ([]Record, error) {
	st, err := s.store.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := eventlog.Verify(st.Records); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrInvalid, id, err)
	}
	return st.Records, nil
}

// Signatories returns the petition's signatures not withdrawn: personal
// data, for the officers who verify them.
func (s *Service) Signatories(ctx context.Context, id ID) ([]Signature, error) {
	st, err := s.store.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	return Signatories(st.Records), nil
}

// List returns a page of petitions' summaries matching q.
func (s *Service) List(ctx context.Context, q Query) (Page, error) {
	return s.store.List(ctx, q)
}
