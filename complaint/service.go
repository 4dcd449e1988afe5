package complaint

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/eventlog"
	"github.com/puntodiascolto/ascolto/internal/eventstore"
	"github.com/puntodiascolto/ascolto/office"
)

// Config configures a Service.
type Config struct {
	// Store keeps the histories. Required.
	Store Store
	// Directory is the administration's offices, used to route complaints.
	// Required.
	Directory *office.Directory
	// Calendar computes the deadlines; nil means deadline.Rome().
	Calendar *deadline.Calendar
	// Policy holds the administration's choices; the zero Policy means
	// DefaultPolicy().
	Policy Policy
	// Now is the clock; nil means time.Now. Rules never read the clock:
	// only the Service does, once per act, to date the record.
	Now func() time.Time
	// NewID generates IDs for complaints filed without one; nil means a
	// random UUID.
	NewID func() ID
}

// Service performs the acts of the complaint procedure. Each method loads
// the complaint, replays its history, checks the act against the Lifecycle
// (state and role) and the procedure's rules, seals one new record at Now()
// with the actor and the act's legal basis, appends it at the version it
// read, and returns the new View. A refused act appends nothing; a
// concurrent change makes the append fail with an error wrapping
// ErrConflict, which is returned, never retried behind the caller's back.
//
// Offices act only on the complaints assigned to them: an actor in role
// CompetentOffice whose Office is not the complaint's gets ErrForbidden.
//
// A Service is safe for concurrent use if its Store is.
type Service struct {
	store Store
	dir   *office.Directory
	cal   *deadline.Calendar
	pol   Policy
	now   func() time.Time
	newID func() ID
}

// NewService checks cfg and returns a Service. It fails with an error
// wrapping ErrInvalid if the store or directory is missing, the policy is
// invalid, or a category names an office the directory does not have.
func NewService(cfg Config) (*Service, error) {
	if cfg.Store == nil {
		return nil, invalid("service without store")
	}
	if cfg.Directory == nil {
		return nil, invalid("service without office directory")
	}
	if err := cfg.Policy.Validate(); err != nil {
		return nil, err
	}
	s := &Service{store: cfg.Store, dir: cfg.Directory, cal: cfg.Calendar, pol: cfg.Policy.orDefault().clone(), now: cfg.Now, newID: cfg.NewID}
	for _, c := range s.pol.Taxonomy.Categories() {
		if c.Office != "" && !s.dir.Has(c.Office) {
			return nil, invalid("category %s names office %q, which is not in the directory", c.Code, c.Office)
		}
	}
	if s.cal == nil {
		s.cal = deadline.Rome()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.newID == nil {
		s.newID = func() ID { return ID(uuid.NewString()) }
	}
	return s, nil
}

// Policy returns a copy of the policy the Service applies (DefaultPolicy
// if it was configured with the zero Policy).
func (s *Service) Policy() Policy { return s.pol.clone() }

// Calendar returns the calendar the Service computes deadlines on.
func (s *Service) Calendar() *deadline.Calendar { return s.cal }

// Directory returns the office directory the Service routes with.
func (s *Service) Directory() *office.Directory { return s.dir }

// Store returns the Service's store.
func (s *Service) Store() Store { return s.store }

func validID(id ID) error {
	if id == "" || len(id) > 128 {
		return invalid("id must have 1 to 128 bytes")
	}
	for _, r := range string(id) {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == unicode.ReplacementChar {
			return invalid("id %q has a space or control character", id)
		}
	}
	return nil
}

func checkActor(a office.Actor) error {
	if err := a.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return nil
}

// File registers a new complaint as id (a random UUID if id is empty) and
// returns its View. f.Received defaults to now; it must not be in the
// future. The category must be in the Policy's taxonomy. Filing is done by
// the front office, or with role External by a system taking complaints
// from citizens (an online form, an Open311 gateway). A summary containing
// personal data (the reporter's names, codes, contacts or address, or
// anyone's codice fiscale, e-mail, telephone or IBAN) is refused with a
// *RuleError citing art. 5 c. 1 lett. c Reg. UE 2016/679, and nothing is
// stored: the summary is published.
func (s *Service) File(ctx context.Context, actor office.Actor, id ID, f Filed) (View, error) {
	if err := checkActor(actor); err != nil {
		return View{}, err
	}
	row, _ := table().Row(ActFile)
	if _, err := table().Check(Incoming, ActFile, actor.Role); err != nil {
		return View{}, err
	}
	if id == "" {
		id = s.newID()
	}
	if err := validID(id); err != nil {
		return View{}, err
	}
	at := s.now()
	f = normalizeFiled(f)
	if f.Received.IsZero() {
		f.Received = at
	}
	if f.Received.After(at) {
		return View{}, invalid("received %s, in the future", f.Received.Format(time.RFC3339))
	}
	if f.Category != "" && !s.pol.Taxonomy.Has(f.Category) {
		return View{}, invalid("unknown category %q", f.Category)
	}
	ev, err := NewEvent(&f)
	if err != nil {
		return View{}, err
	}
	if err := publishable("summary", f.Summary, f.Person); err != nil {
		return View{}, err
	}
	basis := row.Basis
	if f.Channel == Escalation060606 {
		basis = basisEscalation
	}
	recs, err := eventlog.Extend(nil, at, actor, basis, ev)
	if err != nil {
		return View{}, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	v, err := ReplayStream(Stream{ID: id, Version: len(recs), Records: recs}, s.cal, s.pol)
	if err != nil {
		return View{}, err
	}
	if err := s.store.Create(ctx, id, v.Index(), recs...); err != nil {
		return View{}, err
	}
	return v, nil
}

func normalizeFiled(f Filed) Filed {
	f.Person = f.Person.normalize()
	f.Description = strings.TrimSpace(f.Description)
	f.Summary = strings.TrimSpace(f.Summary)
	f.Category = strings.TrimSpace(f.Category)
	f.Place = f.Place.clone()
	f.Place.Address = strings.TrimSpace(f.Place.Address)
	f.Media = slices.Clone(f.Media)
	if f.Escalation != nil {
		e := *f.Escalation
		e.Ticket = strings.TrimSpace(e.Ticket)
		f.Escalation = &e
	}
	return f
}

// act is the skeleton every act but File follows. The history is folded
// once: the guards see the view before the act (without its deadlines,
// which only the new view needs), and the new record is folded on top.
func (s *Service) act(ctx context.Context, actor office.Actor, id ID, act Act, build func(v *View, at time.Time) (Payload, error)) (View, error) {
	if err := checkActor(actor); err != nil {
		return View{}, err
	}
	st, err := s.store.Load(ctx, id)
	if err != nil {
		return View{}, err
	}
	f, err := foldHistory(st.Records, s.pol)
	if err != nil {
		return View{}, fmt.Errorf("%s: %w", id, err)
	}
	v := f.v
	v.ID = id
	row, _ := table().Row(act)
	if _, err := table().Check(v.State, act, actor.Role); err != nil {
		return View{}, err
	}
	if err := officeMay(actor, v); err != nil {
		return View{}, err
	}
	// Records are dated in order even if clocks disagree.
	at := s.now()
	if at.Before(v.Updated) {
		at = v.Updated
	}
	p, err := build(&v, at)
	if err != nil {
		return View{}, err
	}
	ev, err := NewEvent(p)
	if err != nil {
		return View{}, err
	}
	recs, err := eventlog.Extend(st.Records, at, actor, row.Basis, ev)
	if err != nil {
		return View{}, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	if err := f.apply(&recs[0], st.Version); err != nil {
		return View{}, fmt.Errorf("%s: %w", id, err)
	}
	f.labels()
	if err := f.finish(s.cal); err != nil {
		return View{}, fmt.Errorf("%s: %w", id, err)
	}
	nv := f.v
	nv.ID = id
	if err := s.store.Append(ctx, id, st.Version, nv.Index(), recs...); err != nil {
		return View{}, err
	}
	// The act is done; a master that cannot be read leaves Master nil.
	_ = s.resolveMaster(ctx, &nv)
	return nv, nil
}

// officeMay refuses an office acting on a complaint assigned elsewhere.
func officeMay(a office.Actor, v View) error {
	if a.Role == office.CompetentOffice && (v.Office == "" || a.Office != v.Office) {
		return fmt.Errorf("%w: office %q acts on a complaint assigned to %q", ErrForbidden, a.Office, v.Office)
	}
	return nil
}

// internalOffice returns the office with that ID if it belongs to the
// administration.
func (s *Service) internalOffice(id office.ID) (office.Office, error) {
	o, err := s.dir.Office(id)
	if err != nil {
		return office.Office{}, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	if o.External {
		return office.Office{}, ruleErr(basisConcession, "%s is outside the administration: use ForwardOutside", id)
	}
	return o, nil
}

// SuggestOffices proposes offices of the administration for a complaint,
// best first: the category's default office, then the offices competent
// for the category's matter, then the directory's suggestions from the
// summary and the citizen's description. It only proposes: Assign decides.
func (s *Service) SuggestOffices(ctx context.Context, id ID) ([]office.Suggestion, error) {
	v, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.suggest(v), nil
}

func (s *Service) suggest(v View) []office.Suggestion {
	var out []office.Suggestion
	seen := map[office.ID]int{}
	add := func(o office.Office, score int, reason string) {
		if o.External {
			return
		}
		if i, ok := seen[o.ID]; ok {
			out[i].Score += score
			out[i].Reasons = append(out[i].Reasons, reason)
			return
		}
		seen[o.ID] = len(out)
		out = append(out, office.Suggestion{Office: o, Score: score, Reasons: []string{reason}})
	}
	if oid, ok := s.pol.Taxonomy.Office(v.Category); ok {
		if o, err := s.dir.Office(oid); err == nil {
			add(o, 100, "categoria: "+s.pol.Taxonomy.Label(v.Category))
		}
	}
	matter, _ := s.pol.Taxonomy.Matter(v.Category)
	for _, sg := range s.dir.Suggest(v.Summary+" "+v.Description+" "+v.CategoryLabel, matter) {
		add(sg.Office, sg.Score, strings.Join(sg.Reasons, ", "))
	}
	slices.SortStableFunc(out, func(a, b office.Suggestion) int { return b.Score - a.Score })
	return out
}

// Assign sends a registered (or reopened) complaint to an office of the
// administration. With an empty to, it picks the best of SuggestOffices and
// records why; if there is none, it fails with a *RuleError asking for an
// office. Offices outside the administration are refused: use
// ForwardOutside.
func (s *Service) Assign(ctx context.Context, actor office.Actor, id ID, to office.ID, reason string) (View, error) {
	return s.act(ctx, actor, id, ActAssign, func(v *View, _ time.Time) (Payload, error) {
		if to == "" {
			sg := s.suggest(*v)
			if len(sg) == 0 {
				return nil, ruleErr(basisURP, "no competent office found for %s: name one", v.ID)
			}
			to = sg[0].Office.ID
			if reason == "" {
				reason = strings.Join(sg[0].Reasons, "; ")
			}
		}
		if _, err := s.internalOffice(to); err != nil {
			return nil, err
		}
		return &Assignment{Office: to, Reason: reason}, nil
	})
}

// Forward sends the complaint from its office to another office of the
// administration: the desk re-routes it, or the office declares it is not
// competent and names the right one. The answer term goes on unless
// Policy.RestartOnForward.
func (s *Service) Forward(ctx context.Context, actor office.Actor, id ID, to office.ID, reason string) (View, error) {
	return s.act(ctx, actor, id, ActForward, func(v *View, _ time.Time) (Payload, error) {
		if _, err := s.internalOffice(to); err != nil {
			return nil, err
		}
		if to == v.Office {
			return nil, invalid("%s is already with %s", v.ID, to)
		}
		return &Forwarding{From: v.Office, To: to, Reason: reason}, nil
	})
}

// Start records that the competent office took the complaint up (SUS "In
// lavorazione").
func (s *Service) Start(ctx context.Context, actor office.Actor, id ID) (View, error) {
	return s.act(ctx, actor, id, ActStart, func(*View, time.Time) (Payload, error) {
		return &WorkStart{}, nil
	})
}

// RequestInfo asks the citizen for more information. The citizen has
// Policy.ReplyTerm to answer; the answer term is suspended meanwhile only if
// Policy.SuspendWhileAwaiting. An anonymous reporter, or one without any
// contact, cannot be asked: *RuleError.
func (s *Service) RequestInfo(ctx context.Context, actor office.Actor, id ID, question string) (View, error) {
	return s.act(ctx, actor, id, ActRequestInfo, func(v *View, _ time.Time) (Payload, error) {
		if !v.Person.Reachable() {
			return nil, ruleErr(basisReplyTerm, "the reporter left no contact: nobody can be asked")
		}
		return &InfoRequest{Question: strings.TrimSpace(question)}, nil
	})
}

// RecordReply records the citizen's reply to the pending request for
// information; r.Received defaults to now and must fall between the request
// and now.
func (s *Service) RecordReply(ctx context.Context, actor office.Actor, id ID, r CitizenReply) (View, error) {
	return s.act(ctx, actor, id, ActRecordReply, func(v *View, at time.Time) (Payload, error) {
		if r.Received.IsZero() {
			r.Received = at
		}
		x, _ := v.Awaiting()
		if r.Received.Before(x.Asked) || r.Received.After(at) {
			return nil, invalid("reply received %s, outside the request (%s) and now", r.Received.Format(time.RFC3339), x.Asked.Format(time.RFC3339))
		}
		return &r, nil
	})
}

// Answer records the answer to the citizen. The outcome must be one of
// Outcomes(kind): *RuleError otherwise. The summary is published with the
// complaint and its merged duplicates: one containing personal data of the
// reporter or of a duplicate's reporter, or anyone's codice fiscale, e-mail,
// telephone or IBAN, is refused with a *RuleError citing art. 5 c. 1 lett.
// c Reg. UE 2016/679.
func (s *Service) Answer(ctx context.Context, actor office.Actor, id ID, a Answer) (View, error) {
	return s.act(ctx, actor, id, ActAnswer, func(v *View, _ time.Time) (Payload, error) {
		if !slices.Contains(Outcomes(v.Kind), a.Outcome) {
			return nil, ruleErr(basisCharter, "outcome %q does not answer a %s (allowed: %v)", a.Outcome, v.Kind.Italian(), Outcomes(v.Kind))
		}
		a.Text, a.Summary = strings.TrimSpace(a.Text), strings.TrimSpace(a.Summary)
		// The summary is published with the complaint and with every
		// duplicate merged into it.
		if err := s.publishableFor(ctx, v, "answer summary", a.Summary, true); err != nil {
			return nil, err
		}
		return &a, nil
	})
}

// Close closes the complaint. An empty c.Reason is ClosedAnswered after an
// answer and ClosedForwarded after sending it outside. ClosedAnswered needs
// an answer, ClosedForwarded a forwarding outside, and ClosedNoReply a
// pending request whose reply term has passed (*RuleError otherwise);
// ClosedWithdrawn and ClosedNotPertinent are always possible.
func (s *Service) Close(ctx context.Context, actor office.Actor, id ID, c Closure) (View, error) {
	return s.act(ctx, actor, id, ActClose, func(v *View, at time.Time) (Payload, error) {
		if c.Reason == "" {
			switch v.State {
			case Answered:
				c.Reason = ClosedAnswered
			case ForwardedOutside:
				c.Reason = ClosedForwarded
			default:
				return nil, invalid("say why %s is closed", v.State.Italian())
			}
		}
		switch c.Reason {
		case ClosedAnswered:
			if v.State != Answered {
				return nil, ruleErr(basisSUS, "a complaint in state %s has not been answered", v.State.Italian())
			}
		case ClosedForwarded:
			if v.State != ForwardedOutside {
				return nil, ruleErr(basisSUS, "a complaint in state %s was not sent outside", v.State.Italian())
			}
		case ClosedNoReply:
			x, ok := v.Awaiting()
			if !ok {
				return nil, ruleErr(basisReplyTerm, "no request for information is pending")
			}
			if t := s.pol.ReplyTerm; t != nil {
				due, err := s.cal.Expiry(deadline.DateOf(x.Asked), *t)
				if err != nil {
					return nil, fmt.Errorf("%w: reply term: %w", ErrInvalid, err)
				}
				if !deadline.DateOf(at).After(due) {
					return nil, ruleErr(basisReplyTerm, "the citizen may reply until %s", due.Italian())
				}
			}
		}
		return &c, nil
	})
}

// Reopen reopens an answered complaint at the citizen's request: a new
// answer term runs from the request (r.Requested, default now). It needs an
// answer to contest (a complaint closed without one, or sent outside,
// cannot be reopened: file a new one) and a request within
// Policy.ReopenTerm of the last answer: *RuleError otherwise.
func (s *Service) Reopen(ctx context.Context, actor office.Actor, id ID, r Reopening) (View, error) {
	return s.act(ctx, actor, id, ActReopen, func(v *View, at time.Time) (Payload, error) {
		last, ok := v.LastAnswer()
		if !ok || (v.State == Closed && v.CloseReason != ClosedAnswered) {
			return nil, ruleErr(basisReopen, "there is no answer to contest: file a new complaint")
		}
		if r.Requested.IsZero() {
			r.Requested = at
		}
		if r.Requested.Before(last.At) || r.Requested.After(at) {
			return nil, invalid("reopening requested %s, outside the answer (%s) and now", r.Requested.Format(time.RFC3339), last.At.Format(time.RFC3339))
		}
		if t := s.pol.ReopenTerm; t != nil {
			limit, err := s.cal.Expiry(deadline.DateOf(last.At), *t)
			if err != nil {
				return nil, fmt.Errorf("%w: reopening term: %w", ErrInvalid, err)
			}
			if asked := deadline.DateOf(r.Requested); asked.After(limit) {
				return nil, ruleErr(t.Source, "reopening asked on %s, after the term ended on %s: file a new complaint", asked.Italian(), limit.Italian())
			}
		}
		return &r, nil
	})
}

// maxChain bounds how many merged complaints are followed to find a root.
const maxChain = 32

// Merge merges the complaint into master as its duplicate ("the same
// pothole"). If master was itself merged, the complaint is merged into the
// root of the chain. The duplicate's answer term is met by the merger; from
// then on it follows its master: View.Master and Public show the master's
// state and outcome. A master closed without an answer (withdrawn, not
// pertinent, no reply) cannot take duplicates, nor can a complaint be merged
// into itself: *RuleError. Nor can a master whose answer summary, which the
// duplicate will publish, names the duplicate's reporter (art. 5 c. 1 lett.
// c Reg. UE 2016/679).
func (s *Service) Merge(ctx context.Context, actor office.Actor, id, master ID, note string) (View, error) {
	return s.act(ctx, actor, id, ActMerge, func(v *View, _ time.Time) (Payload, error) {
		root, err := s.root(ctx, master)
		if err != nil {
			return nil, err
		}
		if root.ID == id {
			return nil, ruleErr(basisMerge, "%s cannot be merged into itself", id)
		}
		if root.State == Closed && root.CloseReason != ClosedAnswered && root.CloseReason != ClosedForwarded {
			return nil, ruleErr(basisMerge, "%s was closed (%s) and takes no duplicates", root.ID, root.CloseReason.Italian())
		}
		// The duplicate will publish its master's answer summary.
		if a, ok := root.LastAnswer(); ok {
			if err := publishable("master's answer summary", a.Summary, v.Person); err != nil {
				return nil, err
			}
		}
		return &Merger{Master: root.ID, Note: note}, nil
	})
}

// root loads id and follows its mergers to the complaint that is not merged.
func (s *Service) root(ctx context.Context, id ID) (View, error) {
	seen := map[ID]bool{}
	for range maxChain {
		if seen[id] {
			return View{}, invalid("merger chain loops at %s", id)
		}
		seen[id] = true
		v, err := s.load(ctx, id)
		if err != nil {
			return View{}, err
		}
		if v.State != Merged {
			return v, nil
		}
		id = v.MergedInto
	}
	return View{}, invalid("merger chain longer than %d", maxChain)
}

// Separate undoes a merger: the complaint goes back to Registered, without
// office, and its answer term, which the merger had met, runs again from
// TermStart as if the merger had not happened.
func (s *Service) Separate(ctx context.Context, actor office.Actor, id ID, note string) (View, error) {
	return s.act(ctx, actor, id, ActSeparate, func(*View, time.Time) (Payload, error) {
		return &Separation{Note: note}, nil
	})
}

// ForwardOutside sends the complaint to a body outside the administration,
// which must be an External office of the directory (a city company such
// as AMA or ATAC, another administration): *RuleError otherwise. Sending it
// there meets the administration's answer term; summary is the publishable
// note on it, reference the body's own reference if known. Either
// containing personal data is refused with a *RuleError citing art. 5 c. 1
// lett. c Reg. UE 2016/679.
func (s *Service) ForwardOutside(ctx context.Context, actor office.Actor, id ID, to office.ID, reference, summary string) (View, error) {
	return s.act(ctx, actor, id, ActForwardOutside, func(v *View, _ time.Time) (Payload, error) {
		o, err := s.dir.Office(to)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
		}
		if !o.External {
			return nil, ruleErr(basisConcession, "%s belongs to the administration: use Assign or Forward", to)
		}
		x := &OutsideForwarding{Office: to, Reference: strings.TrimSpace(reference), Summary: strings.TrimSpace(summary)}
		if err := publishable("summary of the forwarding", x.Summary, v.Person); err != nil {
			return nil, err
		}
		if err := publishable("reference of the outside body", x.Reference, v.Person); err != nil {
			return nil, err
		}
		return x, nil
	})
}

// RecordExternalReply records what the outside body answered. Its summary
// enters the public timeline: one containing personal data is refused with
// a *RuleError citing art. 5 c. 1 lett. c Reg. UE 2016/679.
func (s *Service) RecordExternalReply(ctx context.Context, actor office.Actor, id ID, r ExternalReply) (View, error) {
	return s.act(ctx, actor, id, ActRecordExternalReply, func(v *View, _ time.Time) (Payload, error) {
		r.Summary = strings.TrimSpace(r.Summary)
		if err := publishable("summary of the outside reply", r.Summary, v.Person); err != nil {
			return nil, err
		}
		return &r, nil
	})
}

// Reclassify corrects kind, category, place or public summary. The
// category must be in the taxonomy; the answer term follows the new
// classification, counted from the same start. A summary containing
// personal data is refused with a *RuleError citing art. 5 c. 1 lett. c Reg.
// UE 2016/679.
func (s *Service) Reclassify(ctx context.Context, actor office.Actor, id ID, r Reclassification) (View, error) {
	return s.act(ctx, actor, id, ActReclassify, func(v *View, _ time.Time) (Payload, error) {
		if r.Category != "" && !s.pol.Taxonomy.Has(r.Category) {
			return nil, invalid("unknown category %q", r.Category)
		}
		if r.Kind != "" && r.Kind != v.Kind && len(v.Answers) > 0 {
			return nil, ruleErr(basisClassify, "an answered complaint keeps its kind")
		}
		if r.Place != nil {
			pl := r.Place.clone()
			r.Place = &pl
		}
		r.Summary = strings.TrimSpace(r.Summary)
		if err := publishable("summary", r.Summary, v.Person); err != nil {
			return nil, err
		}
		return &r, nil
	})
}

// load reads and replays a complaint, without resolving its master.
func (s *Service) load(ctx context.Context, id ID) (View, error) {
	st, err := s.store.Load(ctx, id)
	if err != nil {
		return View{}, err
	}
	return ReplayStream(st, s.cal, s.pol)
}

// Get returns the View of a complaint; for a merged duplicate, with its
// master's standing in View.Master.
func (s *Service) Get(ctx context.Context, id ID) (View, error) {
	v, err := s.load(ctx, id)
	if err != nil {
		return View{}, err
	}
	if err := s.resolveMaster(ctx, &v); err != nil {
		return View{}, err
	}
	return v, nil
}

// resolveMaster fills v.Master for a merged duplicate.
func (s *Service) resolveMaster(ctx context.Context, v *View) error {
	if v.State != Merged || v.MergedInto == "" {
		return nil
	}
	m, err := s.root(ctx, v.MergedInto)
	if err != nil {
		return err
	}
	ms := &MasterStatus{ID: m.ID, State: m.State, Office: m.Responsible(), CloseReason: m.CloseReason}
	if a, ok := m.LastAnswer(); ok {
		ms.Outcome, ms.AnswerSummary, ms.Answered = a.Outcome, a.Summary, deadline.DateOf(a.At)
	}
	if !m.ClosedAt.IsZero() {
		ms.Closed = deadline.DateOf(m.ClosedAt)
	}
	v.Master = ms
	return nil
}

// Duplicates returns the complaints merged into id, directly or through a
// chain of mergers, level by level, each level in order of receipt
// (Received, then ID). Each level is a List by the "master:<id>" tag, which
// a store with an index on tags answers from the few complaints carrying it.
func (s *Service) Duplicates(ctx context.Context, id ID) ([]ID, error) {
	var out []ID
	seen := map[ID]bool{id: true}
	queue := []ID{id}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		q := Query{Tags: []string{"master:" + string(cur)}, Limit: eventstore.MaxLimit}
		for {
			p, err := s.store.List(ctx, q)
			if err != nil {
				return nil, err
			}
			for _, it := range p.Items {
				if !seen[it.ID] {
					seen[it.ID] = true
					out = append(out, it.ID)
					queue = append(queue, it.ID)
				}
			}
			if p.Next == "" {
				break
			}
			q.Cursor = p.Next
		}
	}
	return out, nil
}

// Permitted returns the acts actor may perform now on the complaint, in
// Lifecycle order: what a user interface shows as buttons. An office sees
// no act on a complaint assigned elsewhere. An actor every act would refuse
// (no ID, or the zero or an undeclared role) may perform nothing: Permitted
// returns no act and an error wrapping ErrInvalid, as the acts do.
func (s *Service) Permitted(ctx context.Context, id ID, actor office.Actor) ([]Act, error) {
	if err := checkActor(actor); err != nil {
		return nil, err
	}
	v, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	if officeMay(actor, v) != nil {
		return nil, nil
	}
	return Permitted(v.State, actor.Role), nil
}

// Verify checks the stored history of a complaint: the hash chain links
// and every record matches its hash (eventlog), and the history replays
// under the Lifecycle. It returns nil for an intact history.
func (s *Service) Verify(ctx context.Context, id ID) error {
	st, err := s.store.Load(ctx, id)
	if err != nil {
		return err
	}
	if err := eventlog.Verify(st.Records); err != nil {
		return fmt.Errorf("complaint: %s: %w", id, err)
	}
	_, err = ReplayStream(st, s.cal, s.pol)
	return err
}

// Reminders returns the reminders of a complaint on today, with the
// Policy's threshold (Policy.Soon days ahead).
func (s *Service) Reminders(ctx context.Context, id ID, today deadline.Date) ([]Reminder, error) {
	v, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	return v.Reminders(today, s.pol.Soon), nil
}

// Worklist lists the complaints whose answer is due by today plus
// Policy.Soon days, overdue ones first (ordered by due date, then ID),
// one page at a time: pass the previous Page's Next as cursor. The query
// visits only the due days in range.
func (s *Service) Worklist(ctx context.Context, today deadline.Date, cursor string) (Page, error) {
	return s.store.List(ctx, Query{DueTo: today.AddDays(s.pol.Soon), Cursor: cursor})
}

// List passes q to the store: complaints by kind, state, office, channel,
// tags, received or due dates. Query{DueTo: today} lists what is overdue or
// due today, oldest due first.
func (s *Service) List(ctx context.Context, q Query) (Page, error) { return s.store.List(ctx, q) }
