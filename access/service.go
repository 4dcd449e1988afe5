package access

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/procedure"
)

// Config ties a Service to its store, calendar, directory, clock and policy.
type Config struct {
	// Store persists the histories. Required.
	Store Store
	// Calendar computes terms. Required: Roma Capitale uses deadline.Rome()
	// (29 June moves terms in Rome), other administrations deadline.Italy().
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
	// Keep is how many requests' folded histories the Service keeps
	// between acts, each with the head it was folded at: the next act on a
	// kept request is decided on it and written with a compare-and-set on
	// that head, without reading the store, and a read loads only the
	// records written since and folds them on, instead of loading and
	// replaying the whole history.
	// 0 means DefaultKeep; a negative Keep keeps none. Beyond Keep
	// requests, the least recently kept is forgotten. See Service.
	Keep int
}

// DefaultKeep is the number of requests whose folded histories a Service
// keeps when Config.Keep is 0.
const DefaultKeep = 64

// Service performs the acts of the access procedures: one method per act,
// Verb(ctx, Act, payload), each loading the request, checking the
// lifecycle (state and role), the dates and the rules of law, recording
// one event with the actor, the day of the fact and the act's legal basis,
// and returning the updated Request with its deadlines (procedure.Runner).
// A refused act records nothing. A concurrent act on the same request
// makes the later one fail with ErrConflict: the Service never retries
// (see procedure.Retry).
//
// An act is checked on the request folded from the history before it; its
// record is folded on top and the deadlines derived again from the
// result, as Replay derives them once at its end. Between acts the Service
// keeps the folded histories of the requests it last read or wrote
// (Config.Keep) as a cache: the next act is decided on the kept history
// and written with a compare-and-set on its head; if another Service wrote
// meanwhile, that write is refused and the act decided again after loading
// only the records written since the kept head, folded on
// (procedure.Runner's incremental mode). A read loads those records too.
// The store stays
// the only truth: a kept history is used only when the stored records
// continue its head, so any number of Services, in one process or in
// several, may work on one store. A Service is safe for concurrent use if
// its Store is.
type Service struct {
	run   procedure.Runner[ID, Event, *state, EventType]
	cal   *deadline.Calendar
	dir   *office.Directory
	now   func() time.Time
	pol   Policy
	newID func() ID
}

// step is what an act's build function is told.
type step = procedure.Step[ID, Event]

// NewService returns a Service for c. It fails with ErrInvalid without a
// store or a calendar.
func NewService(c Config) (*Service, error) {
	if c.Store == nil {
		return nil, procedure.Invalid("a Service needs a Store")
	}
	if c.Calendar == nil {
		return nil, procedure.Invalid("a Service needs a Calendar (deadline.Rome() for Roma Capitale, deadline.Italy() elsewhere)")
	}
	s := &Service{cal: c.Calendar, dir: c.Directory, now: c.Now, pol: c.Policy.withDefaults(), newID: c.NewID}
	if err := s.pol.checkAdministrations(); err != nil {
		return nil, err
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.newID == nil {
		s.newID = func() ID { return ID(uuid.NewString()) }
	}
	s.run = procedure.Runner[ID, Event, *state, EventType]{
		Store:  c.Store,
		Now:    s.now,
		Replay: s.replay,
		Fold:   s.fold,
		Copy:   (*state).clone,
		Index:  func(st *state) Index { return st.r.Index() },
		Check:  s.check,
	}
	if keep := c.Keep; keep >= 0 {
		if keep == 0 {
			keep = DefaultKeep
		}
		s.run.States = procedure.NewStates[ID, *state](keep)
	}
	return s, nil
}

// state is what the Service's Runner folds: the request with its
// deadlines, which the acts read and the Service returns, and the fold it
// was derived from, without them, which the next records continue
// (Runner.Fold) instead of replaying the whole history again.
type state struct {
	r *Request
	f *fold
}

// replay is the Runner's Replay: the whole history folded (newFold), and
// the request with its deadlines derived on a copy (fold.finished).
func (s *Service) replay(id ID, recs []Record) (*state, error) {
	f, err := newFold(recs, s.cal, s.pol)
	if err != nil {
		return nil, err
	}
	f.r.ID = id
	return f.state()
}

// fold is the Runner's Fold: recs, the records after those prev was
// folded from, folded onto prev's fold (changed in place), and the
// deadlines derived again, from the records' state alone, on a copy: as
// Replay of the whole history derives them once at its end. prev's
// request is not used.
func (s *Service) fold(_ ID, prev *state, recs []Record) (*state, error) {
	if err := prev.f.more(recs); err != nil {
		return nil, err
	}
	return prev.f.state()
}

// state returns f with its request finished on a copy.
func (f *fold) state() (*state, error) {
	r, err := f.finished()
	if err != nil {
		return nil, err
	}
	return &state{r: r, f: f}, nil
}

// clone returns a deep copy of st (Runner.Copy): the Runner keeps one and
// the Service hands out the other's request.
func (st *state) clone() *state { return &state{r: st.r.clone(), f: st.f.clone()} }

// request returns the request of a state the Runner returned.
func (s *Service) request(st *state, err error) (*Request, error) {
	if err != nil {
		return nil, err
	}
	return st.r, nil
}

// Policy returns the policy in force, defaults filled.
func (s *Service) Policy() Policy { return s.pol }

// Calendar returns the calendar in use.
func (s *Service) Calendar() *deadline.Calendar { return s.cal }

// Act says who performs an act on which request (ID), and on which day the
// fact took place (On). The zero On means today by the Service's clock; a
// past date records a fact that happened earlier (an opposition received
// by PEC on Friday, entered on Monday). Future dates are refused, and so
// are dates before the request was received; acts that record an outside
// fact arriving late (a party's receipt, an opposition, the requester's
// receipt of a decision, an office's answer) may be dated before acts
// recorded meanwhile, the others not. A non-zero Version makes the act
// fail with ErrConflict if the request has moved on since.
type Act = procedure.Act[ID]

// Get returns the request with its deadlines.
func (s *Service) Get(ctx context.Context, id ID) (*Request, error) {
	st, _, err := s.run.Get(ctx, id)
	return s.request(st, err)
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
		return nil, procedure.Invalid("actor %q has no valid role: no act is permitted", actor.ID)
	}
	r, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	acts := r.Permitted(actor.Role)
	if r.Substitute != nil || r.DecisionDue.IsZero() || !s.today().After(r.DecisionDue) {
		acts = slices.DeleteFunc(acts, func(a EventType) bool { return a == EventSubstituteRequested })
	}
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

// Verify checks the request's history against its stored head: nil if
// intact, else a *history.BrokenError (ErrBroken) that names the first
// broken record, a history cut short included.
func (s *Service) Verify(ctx context.Context, id ID) error { return s.run.Verify(ctx, id) }

// Reindex replays every request of the store and rewrites the index of
// those whose stored index differs (after a calendar correction or a
// change of policy moved a due date): it returns how many it read and how
// many it rewrote.
func (s *Service) Reindex(ctx context.Context) (read, rewritten int, err error) {
	return s.run.Reindex(ctx)
}

// Due lists the requests with an unmet office deadline due between from and
// to inclusive (for reminders: "what is due in the next 7 days"), ordered
// by due date. It reads the store's due-date index, never every request.
func (s *Service) Due(ctx context.Context, from, to deadline.Date) ([]Summary, error) {
	if from.IsZero() && to.IsZero() {
		return nil, procedure.Invalid("a due range needs at least one bound")
	}
	var out []Summary
	q := Query{DueFrom: from, DueTo: to, Limit: 1000}
	for {
		p, err := s.run.Store.List(ctx, q)
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

// check is the Runner's check: the act's row in the request's lifecycle
// table (state and role), whose basis the act applies. The opening act
// (no request yet) is checked by File against its kind's table.
func (s *Service) check(st *state, act EventType, by office.Actor) (law.Citation, error) {
	if st == nil {
		return law.Citation{}, nil
	}
	cur := st.r
	t := Lifecycle(cur.Kind)
	if t == nil {
		return law.Citation{}, procedure.Invalid("unknown kind %q", cur.Kind)
	}
	if _, err := t.Check(cur.State, act, by.Role); err != nil {
		return law.Citation{}, err
	}
	row, _ := t.Row(act)
	return row.Basis, nil
}

// do performs an act on an existing request through the Runner: access's
// own chronology, then the act's guard and event.
func (s *Service) do(ctx context.Context, a Act, typ EventType, build func(r *Request, on deadline.Date) (Event, error)) (*Request, error) {
	if err := validActor(a.By); err != nil {
		return nil, err
	}
	return s.request(s.run.Do(ctx, a, typ, func(cur *state, st *step) (Event, error) {
		r := cur.r
		if err := chronology(r, typ, st.On); err != nil {
			return Event{}, err
		}
		ev, err := build(r, st.On)
		if err != nil {
			return Event{}, err
		}
		ev.Type = typ
		return ev, ev.Validate()
	}))
}

// validActor checks the actor before the Runner does, so that the actor's
// own error (office.ErrInvalidActor) stays in the chain beside ErrInvalid.
func validActor(by office.Actor) error {
	if err := by.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return nil
}

// chronology checks the day of an act against the request: not before it
// was received and, unless the act records an outside fact that may
// arrive late (backdatable), not before the last act recorded.
func chronology(r *Request, typ EventType, on deadline.Date) error {
	if on.Before(r.Received) {
		return procedure.Refuse(procedure.Chronology(), "%s dated %s, before the request was received (%s)", typ, on, r.Received)
	}
	if !backdatable(typ) && on.Before(r.lastAct) {
		return procedure.Refuse(procedure.Chronology(), "%s dated %s, before the last recorded act (%s)", typ, on, r.lastAct)
	}
	return nil
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

func notBefore(on, ref deadline.Date, what string) error {
	if !ref.IsZero() && on.Before(ref) {
		return procedure.Refuse(procedure.Chronology(), "dated %s, before %s (%s)", on, what, ref)
	}
	return nil
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
		return procedure.Refuse(citeCompetent, "%s is outside the administration: forward the request instead", id)
	}
	return nil
}

func (s *Service) competent(r *Request, by office.Actor, rule law.Citation) error {
	if r.Office == "" {
		return procedure.Refuse(citeCompetent, "no competent office is assigned yet")
	}
	if by.Office != r.Office {
		return procedure.Forbid(rule, "only the competent office (%s) may do this, not %s", r.Office, by.Office)
	}
	return nil
}

func (r *Request) checkPublishable(text string) error {
	if f, ok := r.containsPersonalData(text); ok {
		return procedure.Refuse(citeRegister, "publishable text contains personal data (%s): rewrite it without names, identifiers or contacts", f.Kind)
	}
	return nil
}
