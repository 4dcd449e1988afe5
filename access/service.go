package access

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/eventlog"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
)

// Config ties a Service to its store, calendar, directory, clock and policy.
type Config struct {
	// Store persists the histories. Required.
	Store Store
	// Calendar computes terms; nil means deadline.Italy(). Roma Capitale
	// uses deadline.Rome() (29 June moves terms in Rome).
	Calendar *deadline.Calendar
	// Directory is the administration's offices; nil accepts any office ID
	// and treats every forwarding without a directory entry as leaving the
	// administration only when Forwarding.External is set.
	Directory *office.Directory
	// Now is the clock; nil means time.Now. Rules never read it: the
	// Service stamps records with it and takes "today" from it.
	Now func() time.Time
	// Policy holds the administration's choices (zero fields: defaults).
	Policy Policy
	// NewID generates request IDs; nil means random UUIDs.
	NewID func() ID
}

// Service performs the acts of the access procedures: one method per act,
// each loading the request, checking the lifecycle (state and role) and the
// rules of law, appending one event at Now with the actor and the act's
// legal basis, and returning the updated Request with its deadlines. A
// refused act appends nothing. A concurrent act on the same request makes
// the later one fail with ErrConflict: the Service never retries.
type Service struct {
	store Store
	cal   *deadline.Calendar
	dir   *office.Directory
	now   func() time.Time
	pol   Policy
	newID func() ID
}

// NewService returns a Service for c. It fails with ErrInvalid without a store.
func NewService(c Config) (*Service, error) {
	if c.Store == nil {
		return nil, invalidf("a Service needs a Store")
	}
	s := &Service{store: c.Store, cal: c.Calendar, dir: c.Directory, now: c.Now, pol: c.Policy.withDefaults(), newID: c.NewID}
	if s.cal == nil {
		s.cal = deadline.Italy()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.newID == nil {
		s.newID = func() ID { return ID(uuid.NewString()) }
	}
	return s, nil
}

// Policy returns the policy in force, defaults filled.
func (s *Service) Policy() Policy { return s.pol }

// Calendar returns the calendar in use.
func (s *Service) Calendar() *deadline.Calendar { return s.cal }

// Act says who performs an act on which request and when the fact took
// place. The zero On means today by the Service's clock; a past date
// records a fact that happened earlier (an opposition received by PEC on
// Friday, entered on Monday). Future dates are refused.
type Act struct {
	// Request is the request acted on.
	Request ID
	// By is the actor.
	By office.Actor
	// On is the day of the fact; zero means today.
	On deadline.Date
}

// citeChronology is the rule that acts follow one another in time.
var citeChronology = law.Citation{Note: "coerenza cronologica: un atto non può precedere quelli che presuppone", Confidence: law.Policy}

// Get returns the request with its deadlines.
func (s *Service) Get(ctx context.Context, id ID) (*Request, error) {
	st, err := s.store.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	return ReplayStream(st, s.cal, s.pol)
}

// Permitted returns the acts actor may perform on the request now, for a
// UI's buttons: its role's acts allowed in the current state, without those
// reserved to the competent office when the actor acts for another office,
// and without the recourse to the difensore civico where the
// administration has none (civic access to a State administration).
// An actor without a valid role (the zero Actor included) may perform
// nothing: Permitted returns no act and an error wrapping ErrInvalid.
// Guards that look at dates, grounds and parties are checked when the act
// is attempted.
func (s *Service) Permitted(ctx context.Context, id ID, actor office.Actor) ([]EventType, error) {
	if !actor.Role.Valid() {
		return nil, invalidf("actor %q has no valid role: no act is permitted", actor.ID)
	}
	r, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	acts := r.Permitted(actor.Role)
	if _, ok := s.pol.OmbudsmanBody(r.Kind); !ok {
		acts = slices.DeleteFunc(acts, func(a EventType) bool { return a == EventOmbudsmanFiled })
	}
	if actor.Role == office.CompetentOffice && actor.Office != r.Office {
		acts = slices.DeleteFunc(acts, func(a EventType) bool {
			switch a {
			case EventDecided, EventReleased, EventPublished, EventOmbudsmanAnswered:
				return true
			}
			return false
		})
	}
	return acts, nil
}

// Verify checks the request's hash chain: nil if intact, else an error
// wrapping eventlog.ErrBroken that names the first broken record.
func (s *Service) Verify(ctx context.Context, id ID) error {
	st, err := s.store.Load(ctx, id)
	if err != nil {
		return err
	}
	return eventlog.Verify(st.Records)
}

// Due lists the requests with an unmet office deadline due between from and
// to inclusive (for reminders: "what is due in the next 7 days"), ordered
// by due date. It reads the store's due-date index, never every request.
func (s *Service) Due(ctx context.Context, from, to deadline.Date) ([]Summary, error) {
	if from.IsZero() && to.IsZero() {
		return nil, invalidf("a due range needs at least one bound")
	}
	var out []Summary
	q := Query{DueFrom: from, DueTo: to, Limit: 1000}
	for {
		p, err := s.store.List(ctx, q)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Items...)
		if p.Next == "" {
			return out, nil
		}
		q.Cursor = p.Next
	}
}

// Receipt renders the receipt of r with the competent office's name.
func (s *Service) Receipt(r *Request) Receipt {
	name := string(r.Office)
	if s.dir != nil && r.Office != "" {
		if o, err := s.dir.Office(r.Office); err == nil {
			name = o.Name
		}
	}
	return NewReceipt(r, s.pol, name)
}

// Suggest proposes competent offices for the request from its subject and
// matter (office.Directory.Suggest); nil without a directory.
func (s *Service) Suggest(r *Request) []office.Suggestion {
	if s.dir == nil {
		return nil
	}
	return s.dir.Suggest(r.Subject, r.Matter)
}

// today returns the Rome date of the clock.
func (s *Service) today() deadline.Date { return deadline.DateOf(s.now()) }

// File records a new request and returns it; render its receipt with
// Receipt. The filing's Received instant defaults to now; its ID to a new
// UUID. What the request lacks is listed in Request.Intake, never refused.
func (s *Service) File(ctx context.Context, by office.Actor, f Filing) (*Request, error) {
	if err := by.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	if !f.Kind.Valid() {
		return nil, invalidf("unknown kind %q", f.Kind)
	}
	if !f.Channel.Valid() {
		return nil, invalidf("unknown channel %q", f.Channel)
	}
	if f.Informal && f.Kind != Documentale {
		return nil, ruleErr(citeDPRInformal, "only documentale access has an informal variant")
	}
	now := s.now()
	if f.Received.IsZero() {
		f.Received = now
	}
	got := deadline.DateOf(f.Received)
	today := deadline.DateOf(now)
	switch {
	case got.IsZero() || got.Year() < deadline.FirstYear:
		return nil, invalidf("received on %s: outside the calendars' range", got)
	case got.After(today):
		return nil, ruleErr(citeChronology, "received on %s, after today (%s)", got, today)
	}
	if f.Protocol.Number != "" && f.Protocol.Date.IsZero() {
		f.Protocol.Date = got
	}
	if !f.Protocol.Date.IsZero() && f.Protocol.Date.Before(got) {
		return nil, ruleErr(citeChronology, "protocol date %s before the receipt (%s)", f.Protocol.Date, got)
	}
	if !f.Protocol.Date.IsZero() && f.Protocol.Date.After(today) {
		return nil, ruleErr(citeChronology, "protocol date %s after today (%s)", f.Protocol.Date, today)
	}
	if f.Office == "" && by.Role == office.CompetentOffice {
		f.Office = by.Office
	}
	if err := s.checkOffice(f.Office, true); err != nil {
		return nil, err
	}
	id := f.ID
	if id == "" {
		id = s.newID()
	}
	if strings.TrimSpace(string(id)) == "" {
		return nil, invalidf("empty request ID")
	}
	if _, err := Lifecycle(f.Kind).Check(StateNew, EventReceived, by.Role); err != nil {
		return nil, err
	}
	f.ID = ""
	ev := Event{Type: EventReceived, Filed: &f}
	recs, err := eventlog.Extend(nil, now, by, basisOf(f.Kind, EventReceived), ev)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	r, err := ReplayStream(Stream{ID: id, Records: recs}, s.cal, s.pol)
	if err != nil {
		return nil, err
	}
	if err := s.store.Create(ctx, id, r.Index(), recs...); err != nil {
		return nil, err
	}
	return r, nil
}

// checkOffice checks an office ID against the directory. internal requires
// an office of the administration.
func (s *Service) checkOffice(id office.ID, internal bool) error {
	if id == "" || s.dir == nil {
		return nil
	}
	o, err := s.dir.Office(id)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if internal && o.External {
		return ruleErr(citeCompetent, "%s is outside the administration: forward the request instead", id)
	}
	return nil
}

// exec runs one act: load, replay, lifecycle check, date checks, the act's
// guard and event, seal, replay, append.
func (s *Service) exec(ctx context.Context, a Act, typ EventType, build func(r *Request, on deadline.Date) (Event, error)) (*Request, error) {
	if err := a.By.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	st, err := s.store.Load(ctx, a.Request)
	if err != nil {
		return nil, err
	}
	r, err := ReplayStream(st, s.cal, s.pol)
	if err != nil {
		return nil, err
	}
	if _, err := Lifecycle(r.Kind).Check(r.State, typ, a.By.Role); err != nil {
		return nil, err
	}
	now := s.now()
	today := deadline.DateOf(now)
	on := a.On
	if on.IsZero() {
		on = today
	}
	switch {
	case on.After(today):
		return nil, ruleErr(citeChronology, "%s dated %s, after today (%s)", typ, on, today)
	case on.Before(r.Received):
		return nil, ruleErr(citeChronology, "%s dated %s, before the request was received (%s)", typ, on, r.Received)
	}
	if !backdatable(typ) {
		if last := latest(st.Records); on.Before(last) {
			return nil, ruleErr(citeChronology, "%s dated %s, before the last recorded act (%s)", typ, on, last)
		}
	}
	ev, err := build(r, on)
	if err != nil {
		return nil, err
	}
	ev.Type = typ
	if !a.On.IsZero() && a.On != today {
		ev.On = a.On
	}
	if err := ev.Validate(); err != nil {
		return nil, err
	}
	recs, err := eventlog.Extend(st.Records, now, a.By, basisOf(r.Kind, typ), ev)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	all := make([]Record, 0, len(st.Records)+len(recs))
	all = append(append(all, st.Records...), recs...)
	next, err := ReplayStream(Stream{ID: st.ID, Version: len(all), Records: all}, s.cal, s.pol)
	if err != nil {
		return nil, err
	}
	if err := s.store.Append(ctx, a.Request, st.Version, next.Index(), recs...); err != nil {
		return nil, err
	}
	return next, nil
}

// backdatable reports whether an act records an outside fact whose date may
// precede acts recorded meanwhile (a return receipt arriving late); each
// has its own anchor checked by its guard.
func backdatable(t EventType) bool {
	switch t {
	case EventNoticeReceived, EventOppositionReceived, EventAcceptanceReceived, EventDocumentsReceived, EventDecisionCommunicated:
		return true
	}
	return false
}

// latest returns the latest fact date in a history.
func latest(recs []Record) deadline.Date {
	var d deadline.Date
	for _, r := range recs {
		if backdatable(r.Event.Type) {
			continue
		}
		if x := dateOf(r); x.After(d) {
			d = x
		}
	}
	return d
}

func notBefore(on, ref deadline.Date, what string) error {
	if !ref.IsZero() && on.Before(ref) {
		return ruleErr(citeChronology, "dated %s, before %s (%s)", on, what, ref)
	}
	return nil
}

func (s *Service) competent(r *Request, by office.Actor, rule law.Citation) error {
	if r.Office == "" {
		return ruleErr(citeCompetent, "no competent office is assigned yet")
	}
	if by.Office != r.Office {
		return forbidErr(rule, "only the competent office (%s) may do this, not %s", r.Office, by.Office)
	}
	return nil
}

func (r *Request) checkPublishable(text string) error {
	if f, ok := r.containsPersonalData(text); ok {
		return ruleErr(citeRegister, "publishable text contains personal data (%s): rewrite it without names, identifiers or contacts", f.Kind)
	}
	return nil
}

// NotifyIrregularity tells the requester the request is irregular or
// incomplete (art. 6 c. 5 DPR 184/2006): sent within 10 days, the 30 days
// restart from the corrected request; later, nothing restarts. For civic
// access it invites the requester to make a generic request precise
// (Delibera ANAC 1309/2016 § 4.2), with no effect on the term [P].
func (s *Service) NotifyIrregularity(ctx context.Context, a Act, n Irregularity) (*Request, error) {
	return s.exec(ctx, a, EventIrregularityNotified, func(r *Request, on deadline.Date) (Event, error) {
		if len(n.Missing) == 0 && blank(n.Note) {
			return Event{}, invalidf("an irregularity notice says what is missing")
		}
		if r.Informal {
			return Event{}, ruleErr(citeDPRFormal, "an informal request is not irregular: invite a formal request instead")
		}
		n.Missing = slices.Clone(n.Missing)
		return Event{Irregularity: &n}, nil
	})
}

// RequestFormal invites an informal documentale requester to file a formal
// request, because counter-interested parties emerged or the request cannot
// be granted at once (art. 5 c. 6 DPR 184/2006).
func (s *Service) RequestFormal(ctx context.Context, a Act, fr FormalRequest) (*Request, error) {
	return s.exec(ctx, a, EventFormalRequested, func(r *Request, on deadline.Date) (Event, error) {
		if !r.Informal {
			return Event{}, ruleErr(citeDPRFormal, "only an informal request is invited to become formal")
		}
		if blank(fr.Why) {
			return Event{}, invalidf("say why the informal request cannot proceed")
		}
		return Event{FormalRequest: &fr}, nil
	})
}

// Correct records the requester's corrected request, or the formal request
// after an invitation: the term restarts from it when the notice was timely.
func (s *Service) Correct(ctx context.Context, a Act, c Correction) (*Request, error) {
	return s.exec(ctx, a, EventCorrected, func(r *Request, on deadline.Date) (Event, error) {
		if c.Applicant != nil {
			p := *c.Applicant
			c.Applicant = &p
		}
		return Event{Correction: &c}, nil
	})
}

// Assign gives the request to the office competent ratione materiae
// (Circolare FP 2/2017). Assigning does not move the term: the request was
// validly filed with the front office (art. 5 c. 3 lett. b D.Lgs. 33/2013).
// To move it to an office that was not its proper recipient, use Forward.
func (s *Service) Assign(ctx context.Context, a Act, as Assignment) (*Request, error) {
	return s.exec(ctx, a, EventAssigned, func(r *Request, on deadline.Date) (Event, error) {
		if as.Office == "" {
			return Event{}, invalidf("assign to which office?")
		}
		if err := s.checkOffice(as.Office, true); err != nil {
			return Event{}, err
		}
		return Event{Assignment: &as}, nil
	})
}

// Forward sends the request to another office of the administration (the
// term runs anew from that office's receipt: art. 6 c. 2 and 4 DPR
// 184/2006, Circolare FP 2/2017) or, when the destination is outside the
// administration (an External office in the directory, or a name with
// External set), transfers it there and closes it here.
func (s *Service) Forward(ctx context.Context, a Act, fw Forwarding) (*Request, error) {
	typ := EventForwarded
	if fw.To != "" && s.dir != nil {
		o, err := s.dir.Office(fw.To)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
		}
		fw.External = o.External
		if fw.Name == "" {
			fw.Name = o.Name
		}
	}
	if fw.External {
		typ = EventTransferred
	}
	return s.exec(ctx, a, typ, func(r *Request, on deadline.Date) (Event, error) {
		switch {
		case fw.To == "" && blank(fw.Name):
			return Event{}, invalidf("forward to where?")
		case fw.To == "" && !fw.External:
			return Event{}, invalidf("an office of the administration is named by its ID")
		case !fw.External && fw.To == r.Office:
			return Event{}, invalidf("the request is already with %s", fw.To)
		}
		if !fw.ReceivedOn.IsZero() && fw.ReceivedOn.Before(on) {
			return Event{}, ruleErr(citeChronology, "received by the destination on %s, before it was forwarded (%s)", fw.ReceivedOn, on)
		}
		if fw.ReceivedOn.After(s.today()) {
			return Event{}, ruleErr(citeChronology, "received by the destination on %s, after today", fw.ReceivedOn)
		}
		return Event{Forwarding: &fw}, nil
	})
}

// NotifyStart records the communication that the procedure has started,
// to the requester and the competent office (artt. 7-8 L. 241/1990).
func (s *Service) NotifyStart(ctx context.Context, a Act, n StartNotice) (*Request, error) {
	return s.exec(ctx, a, EventStartNotified, func(r *Request, on deadline.Date) (Event, error) {
		if n.Office == "" {
			n.Office = r.Office
		}
		if err := s.checkOffice(n.Office, true); err != nil {
			return Event{}, err
		}
		n.Addressees = slices.Clone(n.Addressees)
		return Event{StartNotice: &n}, nil
	})
}

// RequestDocuments asks one or more offices holding documents for them,
// each by an internal due date: the given one, or Policy.InternalLead days
// before the legal decision date, moved back to a weekday offices are open [P].
// An internal date after the legal one is refused.
func (s *Service) RequestDocuments(ctx context.Context, a Act, dr DocumentRequest) (*Request, error) {
	return s.exec(ctx, a, EventDocumentsRequested, func(r *Request, on deadline.Date) (Event, error) {
		if len(dr.Requests) == 0 {
			return Event{}, invalidf("no internal request")
		}
		out := make([]InternalRequest, len(dr.Requests))
		for i, q := range dr.Requests {
			if q.Office == "" || blank(q.Documents) {
				return Event{}, invalidf("internal request %d needs an office and the documents asked", i+1)
			}
			if err := s.checkOffice(q.Office, true); err != nil {
				return Event{}, err
			}
			if q.Due.IsZero() {
				if r.DecisionDue.IsZero() {
					return Event{}, invalidf("internal request %d: no legal date to count back from, set Due", i+1)
				}
				q.Due = r.DecisionDue.AddDays(-s.pol.InternalLead)
				for q.Due.After(on) && (s.cal.IsOfficeClosed(q.Due) || q.Due.Weekday() == time.Saturday) {
					q.Due = q.Due.AddDays(-1) // an internal date falls on a day offices are open
				}
				if !q.Due.After(on) {
					q.Due = on.AddDays(1)
				}
				if q.Due.After(r.DecisionDue) {
					q.Due = r.DecisionDue
				}
			}
			if !q.Due.After(on) {
				return Event{}, ruleErr(citeInternalLead, "internal request %d due %s, not after today (%s)", i+1, q.Due, on)
			}
			if !r.DecisionDue.IsZero() && q.Due.After(r.DecisionDue) {
				return Event{}, ruleErr(citeInternalLead, "internal request %d due %s, after the legal date %s", i+1, q.Due, r.DecisionDue)
			}
			out[i] = q
		}
		return Event{DocRequest: &DocumentRequest{Requests: out}}, nil
	})
}

// RecordDocuments records a holding office's answer to internal request
// number n.
func (s *Service) RecordDocuments(ctx context.Context, a Act, ans DocumentAnswer) (*Request, error) {
	return s.exec(ctx, a, EventDocumentsReceived, func(r *Request, on deadline.Date) (Event, error) {
		in, err := internal(r, ans.Request)
		if err != nil {
			return Event{}, err
		}
		if !in.Answered.IsZero() {
			return Event{}, invalidf("internal request %d already answered on %s", ans.Request, in.Answered)
		}
		if err := notBefore(on, in.Requested, "the internal request"); err != nil {
			return Event{}, err
		}
		return Event{DocAnswer: &ans}, nil
	})
}

// RemindOffice records a reminder to an office late on internal request
// number n; refused before its internal due date has passed.
func (s *Service) RemindOffice(ctx context.Context, a Act, rm Reminder) (*Request, error) {
	return s.exec(ctx, a, EventOfficeReminded, func(r *Request, on deadline.Date) (Event, error) {
		in, err := internal(r, rm.Request)
		if err != nil {
			return Event{}, err
		}
		if !in.Answered.IsZero() {
			return Event{}, invalidf("internal request %d was answered on %s", rm.Request, in.Answered)
		}
		if !on.After(in.Due) {
			return Event{}, ruleErr(citeInternalLead, "internal request %d is due %s: not late yet", rm.Request, in.Due)
		}
		return Event{Reminder: &rm}, nil
	})
}

func internal(r *Request, n int) (Internal, error) {
	if n < 1 || n > len(r.Internal) {
		return Internal{}, invalidf("no internal request %d", n)
	}
	return r.Internal[n-1], nil
}

// NotifyCounterInterested sends the notice of the request to
// counter-interested parties (art. 3 DPR 184/2006; art. 5 c. 5 D.Lgs.
// 33/2013). For generalizzato access the 30 days are suspended, for each
// party, from the sending of its notice until its opposition or the end of
// its 10 days; notices sent at different times suspend the term
// separately, and the days when none was pending count. For documentale
// access the same applies only if Policy.DocumentaleSuspension. An informal
// request cannot go on: invite a formal one (art. 5 c. 6 DPR 184/2006).
func (s *Service) NotifyCounterInterested(ctx context.Context, a Act, n Notification) (*Request, error) {
	return s.exec(ctx, a, EventCounterInterestedNotified, func(r *Request, on deadline.Date) (Event, error) {
		if r.Informal {
			return Event{}, ruleErr(citeDPRFormal, "counter-interested parties emerged: invite the requester to file a formal request")
		}
		if len(n.Parties) == 0 {
			return Event{}, invalidf("no counter-interested party")
		}
		for i, p := range n.Parties {
			if blank(p.FullName()) {
				return Event{}, invalidf("counter-interested party %d has no name", i+1)
			}
		}
		n.Parties = slices.Clone(n.Parties)
		return Event{Notification: &n}, nil
	})
}

// RecordNoticeReceipt records the day party number n received the notice:
// its 10 days to oppose run from it (art. 3 c. 2 DPR 184/2006; art. 5 c. 5
// D.Lgs. 33/2013), and no act granting access is allowed until it is
// recorded for every party that has not opposed. Date it (Act.On) with
// the day of delivery on the return receipt or the PEC delivery receipt.
// For a registered letter the party did not collect (compiuta giacenza),
// record the day the letter is deemed received: the office determines it
// under the rules of the means used (for instance art. 1335 c.c. for a
// letter, art. 8 c. 4 L. 890/1982 for a notice served through the post),
// the Service does not compute it.
func (s *Service) RecordNoticeReceipt(ctx context.Context, a Act, pa PartyAct) (*Request, error) {
	return s.exec(ctx, a, EventNoticeReceived, func(r *Request, on deadline.Date) (Event, error) {
		p := r.party(pa.Party)
		if p == nil {
			return Event{}, invalidf("no counter-interested party %d", pa.Party)
		}
		if !p.Received.IsZero() {
			return Event{}, invalidf("party %d received the notice on %s", pa.Party, p.Received)
		}
		if err := notBefore(on, p.Notified, "the notice was sent"); err != nil {
			return Event{}, err
		}
		if !p.Opposed.IsZero() && on.After(p.Opposed) {
			return Event{}, ruleErr(citeChronology, "party %d opposed on %s, before receiving the notice on %s", pa.Party, p.Opposed, on)
		}
		return Event{PartyAct: &pa}, nil
	})
}

// RecordOpposition records party number n's opposition. One received after
// the party's 10 days is recorded and flagged late (Party.OpposedLate).
func (s *Service) RecordOpposition(ctx context.Context, a Act, pa PartyAct) (*Request, error) {
	return s.exec(ctx, a, EventOppositionReceived, func(r *Request, on deadline.Date) (Event, error) {
		p := r.party(pa.Party)
		if p == nil {
			return Event{}, invalidf("no counter-interested party %d", pa.Party)
		}
		if !p.Opposed.IsZero() {
			return Event{}, invalidf("party %d already opposed on %s", pa.Party, p.Opposed)
		}
		if err := notBefore(on, p.Notified, "the notice was sent"); err != nil {
			return Event{}, err
		}
		if err := notBefore(on, p.Received, "the party received the notice"); err != nil {
			return Event{}, err
		}
		return Event{PartyAct: &pa}, nil
	})
}

// decisionRule returns the rule that requires a reasoned decision.
func decisionRule(k Kind) law.Citation {
	if k.Civic() {
		return citeCivicTerm
	}
	return citeDPRRefusal
}

// checkRuling applies the rules every decision that limits access follows.
func checkRuling(r *Request, outcome Outcome, codes []GroundCode, reasons, summary string) error {
	if !outcome.Denies() {
		if len(codes) > 0 {
			return invalidf("an acceptance names no grounds of refusal")
		}
		return r.checkPublishable(summary)
	}
	if len(codes) == 0 {
		return ruleErr(decisionRule(r.Kind), "a %s must name its grounds", outcome.Italian())
	}
	for _, c := range codes {
		g, ok := LookupGround(c)
		if !ok {
			return ruleErr(decisionRule(r.Kind), "unknown ground %q", c)
		}
		if !g.AppliesTo(r.Kind) {
			return ruleErr(g.Source, "ground %s does not apply to %s", g, r.Kind.Italian())
		}
	}
	if blank(reasons) {
		return ruleErr(decisionRule(r.Kind), "a %s must state its reasons", outcome.Italian())
	}
	if blank(summary) {
		return ruleErr(citeRegister, "a %s needs a publishable summary of its reasons for the register", outcome.Italian())
	}
	return r.checkPublishable(summary)
}

// Decide records the competent office's decision. It refuses, citing the
// rule: a decision by another office; a refusal, partial acceptance,
// deferral or inadmissibility without grounds valid for the kind, reasons
// and a publishable summary; a refusal that does not state why deferral
// would not suffice (art. 24 c. 4 L. 241/1990; art. 5-bis c. 5 D.Lgs.
// 33/2013); a deferral without its duration (art. 9 c. 3 DPR 184/2006:
// "ne indica la durata"; art. 5-bis c. 5 D.Lgs. 33/2013); a
// documentale acceptance without reasons in the request (art. 25 c. 2) or
// without a viewing period of at least 15 days (art. 7 DPR 184/2006); an
// acceptance (or partial acceptance) while a notified counter-interested
// party that has not opposed may still oppose, or while its receipt of the
// notice, from which its 10 days run, is not recorded (art. 3 c. 2 DPR
// 184/2006; art. 5 c. 5 D.Lgs. 33/2013); summaries naming the parties.
func (s *Service) Decide(ctx context.Context, a Act, ru Ruling) (*Request, error) {
	return s.exec(ctx, a, EventDecided, func(r *Request, on deadline.Date) (Event, error) {
		if err := s.competent(r, a.By, decisionRule(r.Kind)); err != nil {
			return Event{}, err
		}
		if !ru.Outcome.Valid() {
			return Event{}, invalidf("unknown outcome %q", ru.Outcome)
		}
		if err := checkRuling(r, ru.Outcome, ru.Grounds, ru.Reasons, ru.Summary); err != nil {
			return Event{}, err
		}
		deferral := citeDocDeferral
		if r.Kind.Civic() {
			deferral = citeCivicDeferral
		}
		switch ru.Outcome {
		case Refused:
			if blank(ru.NoDeferral) {
				return Event{}, ruleErr(deferral, "access cannot be refused where deferral suffices: state why it does not")
			}
		case Deferred:
			if !ru.DeferredUntil.After(on) {
				rule := citeDPRDeferral
				if r.Kind.Civic() {
					rule = citeCivicDeferral
				}
				return Event{}, ruleErr(rule, "a deferral states until when access is deferred, a day after the decision")
			}
		}
		if ru.Outcome != Deferred && !ru.DeferredUntil.IsZero() {
			return Event{}, invalidf("only a deferral has a deferral date")
		}
		if err := s.checkCommunicated(ru.Communicated, on); err != nil {
			return Event{}, err
		}
		if ru.Outcome.Grants() {
			if r.Kind == Documentale && blank(r.Reasons) {
				return Event{}, ruleErr(citeDocReasons, "a documentale request without reasons is irregular and cannot be granted")
			}
			if r.Kind == Documentale {
				if ru.Viewing == nil || blank(ru.Viewing.Place) || ru.Viewing.Days < 15 {
					return Event{}, ruleErr(citeDPRAcceptance, "a documentale acceptance states where and for at least 15 days the documents can be viewed")
				}
			}
			if err := s.partiesHeard(r, on); err != nil {
				return Event{}, err
			}
		}
		if ru.Viewing != nil {
			v := *ru.Viewing
			ru.Viewing = &v
		}
		ru.Grounds = slices.Clone(ru.Grounds)
		return Event{Ruling: &ru}, nil
	})
}

// checkCommunicated checks the day the requester received a decision taken
// on day on, if known: not before the decision, not after today.
func (s *Service) checkCommunicated(c, on deadline.Date) error {
	if !c.IsZero() && (c.Before(on) || c.After(s.today())) {
		return ruleErr(citeKnowledge, "the requester received the decision on %s: between the decision (%s) and today", c, on)
	}
	return nil
}

// CommunicateDecision records the day (Act.On) the requester received the
// decision (Communication.Of empty or CommunicatedDecision), the RPCT's
// decision on the review (CommunicatedReview) or the outcome of the
// difensore civico or the Commissione (CommunicatedOmbudsman): the remedy
// terms against it run from that day (art. 116 c. 1 c.p.a., "dalla
// conoscenza"; art. 25 c. 4 L. 241/1990; art. 5 c. 8 D.Lgs. 33/2013),
// until then from the act's own day [P]. It may be dated before acts
// recorded meanwhile (a return receipt that arrives late), never before
// the act, and is recorded once per act.
func (s *Service) CommunicateDecision(ctx context.Context, a Act, c Communication) (*Request, error) {
	return s.exec(ctx, a, EventDecisionCommunicated, func(r *Request, on deadline.Date) (Event, error) {
		if !c.Of.Valid() {
			return Event{}, invalidf("unknown act %q", c.Of)
		}
		at, ok := communicated(r, c.Of)
		if !ok {
			return Event{}, ruleErr(citeKnowledge, "no %s has been taken yet", c.Of.orDecision())
		}
		if !at.day.IsZero() {
			return Event{}, invalidf("the requester received the %s on %s", c.Of.orDecision(), *at.day)
		}
		if on.Before(at.act) {
			return Event{}, ruleErr(citeChronology, "dated %s, before the %s (%s)", on, c.Of.orDecision(), at.act)
		}
		return Event{Communication: &c}, nil
	})
}

// partiesHeard checks, before an act that grants access on day on, that
// every notified counter-interested party that has not opposed had its 10
// days to oppose, counted from its receipt of the notice (art. 3 c. 2 DPR
// 184/2006; art. 5 c. 5 D.Lgs. 33/2013): the receipt must be recorded (the
// window counted from the sending is an estimate for display only) and the
// window closed. A party that opposed has been heard.
func (s *Service) partiesHeard(r *Request, on deadline.Date) error {
	rule := citeDPROpposition
	if r.Kind.Civic() {
		rule = citeCivicParties
	}
	for i := range r.Parties {
		p := &r.Parties[i]
		if !p.Opposed.IsZero() {
			continue
		}
		if p.Received.IsZero() {
			return ruleErr(rule, "counter-interested party %d has 10 days to oppose from receiving the notice sent on %s, and its receipt is not recorded: record it (for an unclaimed registered letter, the day it is deemed received) before granting access", p.Number, p.Notified)
		}
		w, err := s.cal.Compute(partySpec(r, p))
		if err != nil {
			return fmt.Errorf("%w: %v", ErrInvalid, err)
		}
		if !on.After(w) {
			return ruleErr(rule, "counter-interested party %d may oppose until %s: decide after it", p.Number, w)
		}
	}
	return nil
}

// partySpec is a party's opposition window (see fold.partyWindow).
func partySpec(r *Request, p *Party) deadline.Spec {
	f := fold{r: r}
	return f.partyWindow(p)
}

// RecordAcceptanceReceipt records the day an opposing party received the
// communication of the acceptance: the data may be transmitted from the
// day after its 15th day (art. 5 c. 6 D.Lgs. 33/2013).
func (s *Service) RecordAcceptanceReceipt(ctx context.Context, a Act, pa PartyAct) (*Request, error) {
	return s.exec(ctx, a, EventAcceptanceReceived, func(r *Request, on deadline.Date) (Event, error) {
		p := r.party(pa.Party)
		if p == nil {
			return Event{}, invalidf("no counter-interested party %d", pa.Party)
		}
		if !accessGranted(r) {
			return Event{}, ruleErr(citeCivicRelease, "no acceptance to communicate")
		}
		if p.Opposed.IsZero() {
			return Event{}, ruleErr(citeCivicRelease, "party %d did not oppose", pa.Party)
		}
		if !p.AcceptanceReceived.IsZero() {
			return Event{}, invalidf("party %d received the acceptance on %s", pa.Party, p.AcceptanceReceived)
		}
		if r.Decision != nil {
			if err := notBefore(on, r.Decision.Date, "the decision"); err != nil {
				return Event{}, err
			}
		}
		return Event{PartyAct: &pa}, nil
	})
}

// accessGranted reports whether the last word so far grants access. A
// counter-interested party's remedy that prevails (its review accepted, its
// appeal granted, the administration not confirming its acceptance after the
// difensore civico's finding) refuses it.
func accessGranted(r *Request) bool {
	if a := r.Appeal; a != nil && a.Outcome != "" && (a.ByParty == 0 || appealGrants(a.Outcome)) {
		return a.ByParty == 0 && appealGrants(a.Outcome)
	}
	if o := r.Ombudsman; o != nil && !o.Answered.IsZero() && !o.Confirmed {
		return o.ByParty == 0
	}
	if rv := r.Review; rv != nil && !rv.Decided.IsZero() {
		switch {
		case rv.ByParty > 0 && rv.Outcome.Grants():
			return false // the party prevailed against the acceptance
		case rv.ByParty == 0 && rv.Outcome.Grants():
			return true
		}
		// A review that confirms a refusal leaves the decision as it was:
		// the part granted by a partial acceptance stays granted.
	}
	return r.Decision != nil && r.Decision.Outcome.Grants()
}

// accessAllowed reports whether documents may be released on day on.
func accessAllowed(r *Request, on deadline.Date) bool {
	if accessGranted(r) {
		return true
	}
	if o := r.Ombudsman; o != nil && !o.AccessFrom.IsZero() && !on.Before(o.AccessFrom) {
		return true
	}
	if d := r.Decision; d != nil && d.Outcome == Deferred && !on.Before(d.DeferredUntil) && r.Review == nil {
		return true
	}
	return false
}

// Release records documents or data released to the requester. Refused
// unless access is allowed (accepted, accepted on review, deferral
// reached, ombudsman's finding not confirmed in 30 days, appeal granted);
// for generalizzato access after an opposition, refused before the day
// after the 15th day from the party's receipt of the acceptance unless an
// urgency is stated (art. 5 c. 6 D.Lgs. 33/2013).
func (s *Service) Release(ctx context.Context, a Act, rl Release) (*Request, error) {
	return s.exec(ctx, a, EventReleased, func(r *Request, on deadline.Date) (Event, error) {
		return s.release(r, a, on, rl)
	})
}

// Publish records, for simple civic access, the publication of the data in
// "Amministrazione trasparente" and the link sent to the requester (art. 5
// c. 6 D.Lgs. 33/2013). The link is required.
func (s *Service) Publish(ctx context.Context, a Act, rl Release) (*Request, error) {
	return s.exec(ctx, a, EventPublished, func(r *Request, on deadline.Date) (Event, error) {
		if blank(rl.Link) {
			return Event{}, ruleErr(citeCivicRelease, "publication sends the requester the link to the published data")
		}
		return s.release(r, a, on, rl)
	})
}

func (s *Service) release(r *Request, a Act, on deadline.Date, rl Release) (Event, error) {
	rule := citeDPRAcceptance
	if r.Kind.Civic() {
		rule = citeCivicRelease
	}
	if err := s.competent(r, a.By, rule); err != nil {
		return Event{}, err
	}
	if rl.Medium != "" && !rl.Medium.Valid() {
		return Event{}, invalidf("unknown medium %q", rl.Medium)
	}
	if !accessAllowed(r, on) {
		return Event{}, ruleErr(rule, "access is not allowed on %s", on)
	}
	if r.Kind == Generalizzato && blank(rl.Urgency) {
		for i := range r.Parties {
			p := &r.Parties[i]
			if p.Opposed.IsZero() || p.OpposedLate {
				continue
			}
			if p.AcceptanceReceived.IsZero() {
				return Event{}, ruleErr(citeCivicRelease, "party %d opposed: it must receive the acceptance, and 15 days pass, before the data are transmitted", p.Number)
			}
			from, err := s.cal.Compute(deadline.Spec{Start: p.AcceptanceReceived, Term: releaseTerm})
			if err != nil {
				return Event{}, fmt.Errorf("%w: %v", ErrInvalid, err)
			}
			if on.Before(from) {
				return Event{}, ruleErr(citeCivicRelease, "party %d opposed: the data may be transmitted from %s, unless urgency is stated", p.Number, from)
			}
		}
	}
	return Event{Release: &rl}, nil
}

// Withdraw records that the requester withdrew the request.
func (s *Service) Withdraw(ctx context.Context, a Act, n Note) (*Request, error) {
	return s.exec(ctx, a, EventWithdrawn, func(r *Request, on deadline.Date) (Event, error) {
		return Event{Note: &n}, nil
	})
}

// ChargeFees charges the reproduction cost of copies c from the tariff of
// the request's kind in Policy.Tariffs (art. 25 c. 1 L. 241/1990; art. 5
// c. 4 D.Lgs. 33/2013). Refused while access is not allowed.
func (s *Service) ChargeFees(ctx context.Context, a Act, c Copy) (*Request, error) {
	return s.exec(ctx, a, EventFeesCharged, func(r *Request, on deadline.Date) (Event, error) {
		if !accessAllowed(r, on) {
			return Event{}, ruleErr(citeDocFees, "no copies are due while access is not allowed")
		}
		fee, err := s.pol.Tariffs[r.Kind].Cost(r.Kind, c)
		if err != nil {
			return Event{}, err
		}
		return Event{Charge: &Charge{Copy: c, Fee: fee}}, nil
	})
}

// ReportBreach records the RPCT's report that data subject to mandatory
// publication had been omitted (art. 5 c. 10 and art. 43 c. 5 D.Lgs. 33/2013).
func (s *Service) ReportBreach(ctx context.Context, a Act, n Note) (*Request, error) {
	return s.exec(ctx, a, EventBreachReported, func(r *Request, on deadline.Date) (Event, error) {
		if blank(n.Text) {
			return Event{}, invalidf("say whom the breach was reported to")
		}
		return Event{Note: &n}, nil
	})
}

// canChallenge checks that a remedy by the requester (party 0) or a
// counter-interested party has something to be directed against on day on.
func (s *Service) canChallenge(r *Request, party int, on deadline.Date, rule law.Citation) error {
	if party != 0 {
		if r.party(party) == nil {
			return invalidf("no counter-interested party %d", party)
		}
		if !accessGranted(r) {
			return ruleErr(citeCivicPartyRem, "a counter-interested party's remedy is directed against an acceptance")
		}
		return nil
	}
	switch r.State {
	case StatePending:
		if r.DecisionDue.IsZero() || !on.After(r.DecisionDue) {
			return ruleErr(rule, "no decision and no silence yet: the term runs until %s", r.DecisionDue)
		}
	case StateDecided:
		if !r.Decision.Outcome.Denies() {
			return ruleErr(rule, "the request was granted: nothing to challenge")
		}
		if err := notBefore(on, r.Decision.Date, "the decision"); err != nil {
			return err
		}
	case StateReview:
		if rv, ok := r.Deadline(DeadlineReview); !ok || !on.After(rv.Due) {
			return ruleErr(rule, "the review is still within its term")
		}
	case StateReviewed:
		rv := r.Review
		if (rv.ByParty == 0 && !rv.Outcome.Denies()) || (rv.ByParty > 0 && !rv.Outcome.Grants() && !r.Decision.Outcome.Denies()) {
			return ruleErr(rule, "access stands granted after the review: nothing to challenge")
		}
	case StateOmbudsman:
		if od, ok := r.Deadline(DeadlineOmbudsman); !ok || !on.After(od.Due) {
			return ruleErr(remedyBasis(r.Kind), "the %s is still within its 30 days", r.Ombudsman.Body.Italian())
		}
	case StateOmbudsmanDecided:
		if o := r.Ombudsman; o.Outcome == OmbudsmanUnlawful && (o.Answered.IsZero() || !o.Confirmed) {
			return ruleErr(remedyBasis(r.Kind), "the refusal was found unlawful and not confirmed: nothing to challenge")
		}
	}
	return nil
}

// FileReview records a request for review (riesame) to the RPCT: by the
// requester after a total or partial refusal, a deferral, an inadmissibility
// or no answer within the term (art. 5 c. 7 D.Lgs. 33/2013), or by a
// counter-interested party against an acceptance (c. 9), stating the
// private interests of art. 5-bis c. 2 it invokes (RemedyRequest.Interests).
// The RPCT decides within 20 days in either case. There is no statutory
// term to file: a review filed later than Policy.ReviewLateAfter days is
// flagged (Review.Late), never refused [P].
func (s *Service) FileReview(ctx context.Context, a Act, rq RemedyRequest) (*Request, error) {
	return s.exec(ctx, a, EventReviewFiled, func(r *Request, on deadline.Date) (Event, error) {
		if err := s.canChallenge(r, rq.Party, on, citeCivicReview); err != nil {
			return Event{}, err
		}
		if rq.Party == 0 && len(rq.Interests) > 0 {
			return Event{}, invalidf("the requester's review states no interests: they are a counter-interested party's")
		}
		for _, c := range rq.Interests {
			if g, ok := LookupGround(c); !ok || !privateInterest(g) || !g.AppliesTo(r.Kind) {
				return Event{}, ruleErr(citeCivicPartyRem, "%q is not a private interest of art. 5-bis c. 2 a counter-interested party may invoke", c)
			}
		}
		rq.Body, rq.Court = "", ""
		rq.Interests = slices.Clone(rq.Interests)
		return Event{Remedy: &rq}, nil
	})
}

// ConsultGarante records the RPCT's request for the opinion of the Garante
// per la protezione dei dati personali, required when the refusal rests on
// the protection of personal data (art. 5 c. 7 D.Lgs. 33/2013), or when a
// counter-interested party's review invokes it against an acceptance (c. 7
// applied by c. 9): the review term is suspended until the opinion, at most
// 10 days.
func (s *Service) ConsultGarante(ctx context.Context, a Act, n Note) (*Request, error) {
	return s.exec(ctx, a, EventGaranteConsulted, func(r *Request, on deadline.Date) (Event, error) {
		rv := r.Review
		if !rv.GaranteConsulted.IsZero() {
			return Event{}, invalidf("the Garante was consulted on %s", rv.GaranteConsulted)
		}
		personal := func(g Ground) bool { return g.PersonalData }
		switch {
		case rv.ByParty > 0 && !slices.ContainsFunc(rv.Interests, personal):
			return Event{}, ruleErr(citePartyReview, "the Garante is heard when the party's review invokes the protection of personal data (art. 5-bis c. 2 lett. a)")
		case rv.ByParty == 0 && (r.Decision == nil || !slices.ContainsFunc(r.Decision.Grounds, personal)):
			return Event{}, ruleErr(citeCivicReview, "the Garante is heard when the refusal rests on personal data (art. 5-bis c. 2 lett. a)")
		}
		return Event{Note: &n}, nil
	})
}

// RecordGaranteOpinion records the Garante's opinion.
func (s *Service) RecordGaranteOpinion(ctx context.Context, a Act, n Note) (*Request, error) {
	return s.exec(ctx, a, EventGaranteAnswered, func(r *Request, on deadline.Date) (Event, error) {
		if r.Review.GaranteConsulted.IsZero() {
			return Event{}, ruleErr(citeCivicReview, "the Garante was not consulted")
		}
		if !r.Review.GaranteAnswered.IsZero() {
			return Event{}, invalidf("the Garante answered on %s", r.Review.GaranteAnswered)
		}
		return Event{Note: &n}, nil
	})
}

// DecideReview records the RPCT's decision on the review: Accepted,
// PartiallyAccepted or Refused, with grounds, reasons and a publishable
// summary when access stays refused. While the Garante has been consulted
// and has not answered, the RPCT waits for its 10 days, until the
// Garante's deadline (moved to the next working day when the 10th day is a
// Sunday or a holiday); the review's term is suspended 10 days at most
// (art. 5 c. 7 D.Lgs. 33/2013).
func (s *Service) DecideReview(ctx context.Context, a Act, rr ReviewRuling) (*Request, error) {
	return s.exec(ctx, a, EventReviewDecided, func(r *Request, on deadline.Date) (Event, error) {
		switch rr.Outcome {
		case Accepted, PartiallyAccepted, Refused:
		default:
			return Event{}, invalidf("a review is accepted, partially accepted or refused, not %q", rr.Outcome)
		}
		if r.Review.ByParty > 0 {
			// A party's review against an acceptance: refusing it keeps the
			// acceptance, accepting it refuses access on stated grounds.
			if err := checkRuling(r, map[bool]Outcome{true: Refused, false: Accepted}[rr.Outcome.Grants()], rr.Grounds, rr.Reasons, rr.Summary); err != nil {
				return Event{}, err
			}
		} else if err := checkRuling(r, rr.Outcome, rr.Grounds, rr.Reasons, rr.Summary); err != nil {
			return Event{}, err
		}
		if err := s.checkCommunicated(rr.Communicated, on); err != nil {
			return Event{}, err
		}
		if r.Review.ByParty == 0 && rr.Outcome.Grants() {
			if err := s.partiesHeard(r, on); err != nil {
				return Event{}, err
			}
		}
		// The Garante's 10 days end on its deadline's due date, extended
		// when the 10th day is a Sunday or a holiday (RULES.md §1.4): the
		// RPCT decides without the opinion only after it.
		if g, ok := r.Deadline(DeadlineGarante); ok && !r.Review.GaranteConsulted.IsZero() && r.Review.GaranteAnswered.IsZero() && !on.After(g.Due) {
			return Event{}, ruleErr(citeCivicReview, "the Garante may answer until %s: wait for its opinion", g.Due)
		}
		rr.Grounds = slices.Clone(rr.Grounds)
		return Event{ReviewRuling: &rr}, nil
	})
}

// FileOmbudsman records a recourse to the body the administration's
// requesters may turn to besides the TAR (Policy.OmbudsmanBody): the
// difensore civico against a regional or local administration (art. 25
// c. 4 L. 241/1990; art. 5 c. 8 D.Lgs. 33/2013), the Commissione per
// l'accesso against a State administration's documentale refusal (art. 25
// c. 4). An empty Body is that body; another is refused, and so is any
// recourse on civic access against a State administration, for which the
// law provides no difensore civico.
func (s *Service) FileOmbudsman(ctx context.Context, a Act, rq RemedyRequest) (*Request, error) {
	return s.exec(ctx, a, EventOmbudsmanFiled, func(r *Request, on deadline.Date) (Event, error) {
		body, ok := s.pol.OmbudsmanBody(r.Kind)
		if !ok {
			return Event{}, ruleErr(citeCivicOmbudsman, "the difensore civico hears recourses against regional and local administrations only: against a State administration civic access has the review and the TAR")
		}
		if rq.Body == "" {
			rq.Body = body
		}
		if !rq.Body.Valid() {
			return Event{}, invalidf("unknown body %q", rq.Body)
		}
		if rq.Body == CommissioneAccesso && r.Kind != Documentale {
			return Event{}, ruleErr(citeCivicOmbudsman, "civic access goes to the difensore civico")
		}
		if rq.Body != body {
			return Event{}, ruleErr(citeDocRemedies, "against the acts of this administration the recourse goes %s, not %s", toBody(body), toBody(rq.Body))
		}
		if err := s.canChallenge(r, rq.Party, on, remedyBasis(r.Kind)); err != nil {
			return Event{}, err
		}
		rq.Court, rq.Interests = "", nil
		return Event{Remedy: &rq}, nil
	})
}

// RecordOmbudsmanOutcome records the outcome of the recourse on the day
// it is recorded (Act.On), with the day of the body's decision
// (OmbudsmanRuling.Decided, default that day), checked against its 30
// days; the day the requester received it (RequesterReceived), from which
// the TAR term runs (art. 25 c. 4 L. 241/1990; art. 5 c. 8 D.Lgs.
// 33/2013), counted from the decision while unknown [P]; and the day the
// administration received it (AdministrationReceived, default the day of
// recording), from which its 30 days to confirm run. The decision must not
// precede the recourse nor follow the recording; each receipt must not
// precede the decision nor follow today, whatever the other's date.
func (s *Service) RecordOmbudsmanOutcome(ctx context.Context, a Act, o OmbudsmanRuling) (*Request, error) {
	return s.exec(ctx, a, EventOmbudsmanDecided, func(r *Request, on deadline.Date) (Event, error) {
		if !o.Outcome.Valid() {
			return Event{}, invalidf("unknown outcome %q", o.Outcome)
		}
		decided := o.Decided
		if decided.IsZero() {
			decided = on
		}
		if decided.Before(r.Ombudsman.Filed) || decided.After(on) {
			return Event{}, ruleErr(citeChronology, "the body decided on %s: between the recourse (%s) and the day the outcome is recorded (%s)", decided, r.Ombudsman.Filed, on)
		}
		today := s.today()
		for _, x := range []struct {
			who string
			on  deadline.Date
		}{{"the requester", o.RequesterReceived}, {"the administration", o.AdministrationReceived}} {
			if !x.on.IsZero() && (x.on.Before(decided) || x.on.After(today)) {
				return Event{}, ruleErr(citeChronology, "%s received the outcome on %s: between the decision (%s) and today (%s)", x.who, x.on, decided, today)
			}
		}
		if err := r.checkPublishable(o.Summary); err != nil {
			return Event{}, err
		}
		return Event{OmbudsmanRuling: &o}, nil
	})
}

// AnswerOmbudsman records the administration's answer after the body found
// its refusal unlawful: a reasoned confirmation within 30 days of receiving
// the finding, or access allowed (art. 25 c. 4 L. 241/1990; art. 5 c. 8
// D.Lgs. 33/2013 for civic access). A confirmation
// after the 30 days is refused: access is already allowed by law.
func (s *Service) AnswerOmbudsman(ctx context.Context, a Act, ans AdministrationAnswer) (*Request, error) {
	return s.exec(ctx, a, EventOmbudsmanAnswered, func(r *Request, on deadline.Date) (Event, error) {
		o := r.Ombudsman
		rule := remedyBasis(r.Kind)
		if err := s.competent(r, a.By, rule); err != nil {
			return Event{}, err
		}
		if o.Outcome != OmbudsmanUnlawful {
			return Event{}, ruleErr(rule, "the body did not find the refusal unlawful: nothing to confirm")
		}
		if !o.Answered.IsZero() {
			return Event{}, invalidf("the administration answered on %s", o.Answered)
		}
		if ans.Confirm {
			if c, ok := r.Deadline(DeadlineConfirmation); ok && on.After(c.Due) {
				return Event{}, ruleErr(rule, "the 30 days to confirm ended on %s: access is allowed", c.Due)
			}
			if blank(ans.Reasons) {
				return Event{}, ruleErr(rule, "a confirmation states its reasons")
			}
			if blank(ans.Summary) {
				return Event{}, ruleErr(citeRegister, "a confirmation needs a publishable summary")
			}
		}
		if !ans.Confirm && o.ByParty == 0 {
			if err := s.partiesHeard(r, on); err != nil {
				return Event{}, err
			}
		}
		if err := r.checkPublishable(ans.Summary); err != nil {
			return Event{}, err
		}
		return Event{Answer: &ans}, nil
	})
}

// FileAppeal records an appeal to the TAR (art. 116 c.p.a.) against a
// refusal, a deferral, the silence, the review's outcome or silence, the
// ombudsman's outcome or silence; or by a counter-interested party against
// an acceptance. A late appeal is recorded all the same: its admissibility
// is the court's to decide.
func (s *Service) FileAppeal(ctx context.Context, a Act, rq RemedyRequest) (*Request, error) {
	return s.exec(ctx, a, EventAppealFiled, func(r *Request, on deadline.Date) (Event, error) {
		if err := s.canChallenge(r, rq.Party, on, citeAppeal); err != nil {
			return Event{}, err
		}
		rq.Body, rq.Interests = "", nil
		return Event{Remedy: &rq}, nil
	})
}

// RecordAppealOutcome records the court's decision, dated (Act.On) the day
// of the judgment, with the day it was communicated to the administration
// when known (AppealRuling.Communicated: the register's court block,
// Circolare FP 2/2017 All. 3 § 4), which cannot precede the judgment nor
// follow today.
func (s *Service) RecordAppealOutcome(ctx context.Context, a Act, ar AppealRuling) (*Request, error) {
	return s.exec(ctx, a, EventAppealDecided, func(r *Request, on deadline.Date) (Event, error) {
		if !slices.Contains(appealOutcomes, ar.Outcome) {
			return Event{}, invalidf("unknown appeal outcome %q", ar.Outcome)
		}
		if c := ar.Communicated; !c.IsZero() && (c.Before(on) || c.After(s.today())) {
			return Event{}, ruleErr(citeChronology, "the ruling was communicated to the administration on %s: between the ruling (%s) and today", c, on)
		}
		return Event{AppealRuling: &ar}, nil
	})
}

// SetPublicSubject records the office's publishable summary of the subject
// for the register; refused if it contains the requester's or a party's
// name or identifiers (ANAC 1309/2016 § 9).
func (s *Service) SetPublicSubject(ctx context.Context, a Act, ps PublicSubject) (*Request, error) {
	return s.exec(ctx, a, EventPublicSubjectSet, func(r *Request, on deadline.Date) (Event, error) {
		if blank(ps.Text) {
			return Event{}, invalidf("empty subject")
		}
		if err := r.checkPublishable(ps.Text); err != nil {
			return Event{}, err
		}
		return Event{Subject: &ps}, nil
	})
}

// Close closes the file: after the decision and its sequels, or after an
// irregularity notice left unanswered.
func (s *Service) Close(ctx context.Context, a Act, n Note) (*Request, error) {
	return s.exec(ctx, a, EventClosed, func(r *Request, on deadline.Date) (Event, error) {
		return Event{Note: &n}, nil
	})
}

// IsRule reports whether err is a refusal under a rule of law, and returns
// it.
func IsRule(err error) (*RuleError, bool) {
	var re *RuleError
	ok := errors.As(err, &re)
	return re, ok
}
