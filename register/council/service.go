package council

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/procedure"
)

// Act says who records an act on which council act and on which day: the
// convention every procedure of ascolto shares (see procedure.Act). On is
// the day the office records what happened in the council; the payload's
// own date (filing, answer, vote...) may precede it, never follow it. Zero
// On means today.
type Act = procedure.Act[ID]

// Config ties a Service to its store, calendar, clock and policy.
type Config struct {
	// Store keeps the histories; required.
	Store Store
	// Calendar computes the answer terms; required (deadline.Rome() for
	// Roma Capitale, whose patron day, 29 June, moves a term ending on it).
	Calendar *deadline.Calendar
	// Policy sets the answer terms; nil means DefaultPolicy().
	Policy *Policy
	// Now is the clock; nil means time.Now. Tests pass a fixed clock.
	Now func() time.Time
}

// Service records the acts of the catalogue: one method per act an officer
// performs, each Verb(ctx, Act, payload). Each loads the history, replays
// it, checks the act against the lifecycle (state and role) and the
// catalogue's rules, appends the new record at the version it read and
// returns the updated Item. A refused act appends nothing; an invalid actor
// or ID is ErrInvalid; a concurrent change is returned as ErrConflict, never
// retried silently (see procedure.Retry). A Service is safe for concurrent
// use if its Store is.
type Service struct {
	run procedure.Runner[ID, Event, Item, EventType]
	cal *deadline.Calendar
	pol Policy
}

// NewService returns a Service for cfg. It fails with ErrInvalid without a
// Store or a Calendar.
func NewService(cfg Config) (*Service, error) {
	if cfg.Store == nil {
		return nil, procedure.Invalid("council: NewService needs a Store")
	}
	if cfg.Calendar == nil {
		return nil, procedure.Invalid("council: NewService needs a Calendar (deadline.Rome() for Roma Capitale)")
	}
	s := &Service{cal: cfg.Calendar, pol: DefaultPolicy()}
	if cfg.Policy != nil {
		s.pol = *cfg.Policy
	}
	s.run = procedure.Runner[ID, Event, Item, EventType]{Store: cfg.Store, Now: cfg.Now, Replay: s.replay, Index: Item.Index, Check: s.check}
	return s, nil
}

// Policy returns the policy the service applies.
func (s *Service) Policy() Policy { return s.pol }

func (s *Service) replay(id ID, records []Record) (Item, error) {
	it, err := Replay(records, s.cal, s.pol)
	if err != nil {
		return Item{}, fmt.Errorf("council: %s: %w", id, err)
	}
	it.ID = id
	return it, nil
}

// check applies the lifecycle table of cur's kind. An act not yet
// catalogued (the zero Item) is in state New, where both tables have the
// same registration row.
func (s *Service) check(cur Item, act EventType, by office.Actor) (law.Citation, error) {
	state := cur.State
	if state == "" {
		state = New
	}
	t := Lifecycle(cur.Kind)
	if _, err := t.Check(state, act, by.Role); err != nil {
		return law.Citation{}, err
	}
	row, _ := t.Row(act)
	return row.Basis, nil
}

// record performs an act that records e, checked as act.
func (s *Service) record(ctx context.Context, a Act, act EventType, e Event) (Item, error) {
	return s.run.Do(ctx, a, act, func(Item, *procedure.Step[ID, Event]) (Event, error) {
		return e, e.Validate()
	})
}

// Register catalogues an act filed with a council. An empty a.ID gives it
// ActID(body, number), so that the same act cannot be catalogued twice
// (ErrExists).
func (s *Service) Register(ctx context.Context, a Act, r Registered) (Item, error) {
	e := r.Event()
	if a.ID == "" {
		if err := e.Validate(); err != nil {
			return Item{}, err
		}
		a.ID = ActID(r.Body, r.Number)
	}
	return s.run.Open(ctx, a, EventRegistered, func(*procedure.Step[ID, Event]) (Event, error) {
		return e, e.Validate()
	})
}

// Classify sets the act's matters and the catalogue's summary.
func (s *Service) Classify(ctx context.Context, a Act, c Classified) (Item, error) {
	return s.record(ctx, a, EventClassified, c.Event())
}

// Link links the act to another catalogued act; the target must exist
// (ErrNotFound) and differ from the act (ErrRule).
func (s *Service) Link(ctx context.Context, a Act, l Linked) (Item, error) {
	return s.run.Do(ctx, a, EventLinked, func(cur Item, _ *procedure.Step[ID, Event]) (Event, error) {
		e := l.Event()
		if err := e.Validate(); err != nil {
			return e, err
		}
		if l.To == cur.ID {
			return e, procedure.Refuse(catalogue, "an act cannot be linked to itself")
		}
		if _, err := s.run.Store.Load(ctx, l.To, 0); err != nil {
			return e, fmt.Errorf("council: link target: %w", err)
		}
		return e, nil
	})
}

// Remind records a reminder (sollecito) for an awaited answer.
func (s *Service) Remind(ctx context.Context, a Act, r Reminded) (Item, error) {
	return s.record(ctx, a, EventReminded, r.Event())
}

// Schedule records that a mozione, risoluzione or ordine del giorno is on
// the agenda of a session.
func (s *Service) Schedule(ctx context.Context, a Act, sc Scheduling) (Item, error) {
	return s.record(ctx, a, EventScheduled, sc.Event())
}

// Answer records the answer to an interrogazione or interpellanza.
func (s *Service) Answer(ctx context.Context, a Act, ans Answer) (Item, error) {
	return s.record(ctx, a, EventAnswered, ans.Event())
}

// Vote records the council's vote on a mozione, risoluzione or ordine del
// giorno: the lifecycle act EventApproved or EventRejected by its outcome.
func (s *Service) Vote(ctx context.Context, a Act, v Vote) (Item, error) {
	return s.record(ctx, a, voteAct(v), v.Event())
}

// Withdraw records that the presenters withdrew the act.
func (s *Service) Withdraw(ctx context.Context, a Act, w Withdrawal) (Item, error) {
	return s.record(ctx, a, EventWithdrawn, w.Event())
}

// Lapse records that the act lapsed without answer or vote.
func (s *Service) Lapse(ctx context.Context, a Act, l Lapse) (Item, error) {
	return s.record(ctx, a, EventLapsed, l.Event())
}

// Get returns the act with the given ID, replayed.
func (s *Service) Get(ctx context.Context, id ID) (Item, error) {
	it, _, err := s.run.Get(ctx, id)
	return it, err
}

// Permitted returns the acts actor may record on the act now, in table
// order: the buttons a UI shows. An invalid actor or ID is ErrInvalid.
func (s *Service) Permitted(ctx context.Context, id ID, actor office.Actor) ([]EventType, error) {
	if err := (Act{ID: id, By: actor}).Check(false); err != nil {
		return nil, err
	}
	it, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return it.Permitted(actor.Role), nil
}

// Verify checks the act's stored history against its stored head: nil if
// intact, else a *history.BrokenError (ErrBroken) naming the first bad record.
func (s *Service) Verify(ctx context.Context, id ID) error { return s.run.Verify(ctx, id) }

// Reindex replays every act of the store and rewrites the index of each
// one whose stored index differs from the replayed one (after a calendar
// correction or a change of policy); it returns how many it read and
// rewrote.
func (s *Service) Reindex(ctx context.Context) (read, rewritten int, err error) {
	return s.run.Reindex(ctx)
}

// Filter selects acts for Search. Zero fields do not filter; all set fields
// must match.
type Filter struct {
	// Bodies, Kinds and States: any of the listed values.
	Bodies []Body
	Kinds  []Kind
	States []State
	// Matter and Presenter match the act's matters and presenters, ignoring
	// case and accents; Group matches a presenter's council group.
	Matter    string
	Presenter string
	Group     string
	// From and To bound the filing date, inclusive.
	From, To deadline.Date
}

// Query returns the store query that selects f's acts.
func (f Filter) Query() Query {
	q := Query{ReceivedFrom: f.From, ReceivedTo: f.To}
	for _, b := range f.Bodies {
		q.Offices = append(q.Offices, b.Code())
	}
	for _, k := range f.Kinds {
		q.Kinds = append(q.Kinds, string(k))
	}
	for _, st := range f.States {
		q.States = append(q.States, string(st))
	}
	if f.Matter != "" {
		q.Tags = append(q.Tags, Tag("matter", f.Matter))
	}
	if f.Presenter != "" {
		q.Tags = append(q.Tags, Tag("presenter", f.Presenter))
	}
	if f.Group != "" {
		q.Tags = append(q.Tags, Tag("group", f.Group))
	}
	return q
}

// Search yields the acts f selects, replayed, in order of filing date then
// ID, reading the store page by page; it stops at the first error, which it
// yields.
func (s *Service) Search(ctx context.Context, f Filter) iter.Seq2[Item, error] {
	return func(yield func(Item, error) bool) {
		q := f.Query()
		q.Limit = MaxPage
		for {
			p, err := s.run.Store.List(ctx, q)
			if err != nil {
				yield(Item{}, err)
				return
			}
			for _, it := range p.Items {
				a, err := s.Get(ctx, it.ID)
				if !yield(a, err) || err != nil {
					return
				}
			}
			if p.Next == "" {
				return
			}
			q.Cursor = p.Next
		}
	}
}

// MaxPage is the page size Search asks the store for.
const MaxPage = 1000
