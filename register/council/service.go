package council

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/eventlog"
	"github.com/puntodiascolto/ascolto/office"
)

// Config ties a Service to its store, calendar, clock and policy.
type Config struct {
	// Store keeps the histories; required.
	Store Store
	// Calendar computes the answer terms; nil means deadline.Rome().
	Calendar *deadline.Calendar
	// Policy sets the answer terms; nil means DefaultPolicy().
	Policy *Policy
	// Now is the clock; nil means time.Now. Tests pass a fixed clock.
	Now func() time.Time
}

// Service records the acts of the catalogue: one method per act an officer
// performs. Each loads the history, replays it, checks the act against the
// lifecycle (state and role) and the catalogue's rules, appends the new
// record at the version it read and returns the updated Act. A refused act
// appends nothing; a concurrent change is returned as ErrConflict, never
// retried silently. A Service is safe for concurrent use if its Store is.
type Service struct {
	store Store
	cal   *deadline.Calendar
	pol   Policy
	now   func() time.Time
}

// NewService returns a Service for cfg.
func NewService(cfg Config) (*Service, error) {
	if cfg.Store == nil {
		return nil, errors.New("council: NewService needs a Store")
	}
	s := &Service{store: cfg.Store, cal: cfg.Calendar, now: cfg.Now, pol: DefaultPolicy()}
	if s.cal == nil {
		s.cal = deadline.Rome()
	}
	if cfg.Policy != nil {
		s.pol = *cfg.Policy
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s, nil
}

// Policy returns the policy the service applies.
func (s *Service) Policy() Policy { return s.pol }

// Register catalogues an act filed with a council. Its ID is ActID(body,
// number), so that the same act cannot be catalogued twice (ErrExists).
func (s *Service) Register(ctx context.Context, actor office.Actor, r Registered) (Act, error) {
	if err := actor.Validate(); err != nil {
		return Act{}, fmt.Errorf("council: %w", err)
	}
	if err := r.Validate(); err != nil {
		return Act{}, fmt.Errorf("%w: %v", ErrInvalidEvent, err)
	}
	id := ActID(r.Body, r.Number)
	recs, err := eventlog.Extend(nil, s.now(), actor, tuel43c1, r.Event())
	if err != nil {
		return Act{}, err
	}
	a, err := Replay(recs, s.cal, s.pol)
	if err != nil {
		return Act{}, err
	}
	a.ID = id
	if err := s.store.Create(ctx, id, a.Index(), recs...); err != nil {
		return Act{}, err
	}
	return a, nil
}

// Classify sets the act's matters and the catalogue's summary.
func (s *Service) Classify(ctx context.Context, actor office.Actor, id ID, c Classified) (Act, error) {
	return s.do(ctx, actor, id, c.Event())
}

// Link links the act to another catalogued act; the target must exist
// (ErrNotFound) and differ from the act.
func (s *Service) Link(ctx context.Context, actor office.Actor, id ID, l Linked) (Act, error) {
	if l.To == id {
		return Act{}, &RuleError{Rule: catalogue, Reason: "an act cannot be linked to itself"}
	}
	if _, err := s.store.Load(ctx, l.To); err != nil {
		return Act{}, fmt.Errorf("council: link target: %w", err)
	}
	return s.do(ctx, actor, id, l.Event())
}

// Remind records a reminder (sollecito) for an awaited answer.
func (s *Service) Remind(ctx context.Context, actor office.Actor, id ID, r Reminded) (Act, error) {
	return s.do(ctx, actor, id, r.Event())
}

// Schedule records that a mozione, risoluzione or ordine del giorno is on
// the agenda of a session.
func (s *Service) Schedule(ctx context.Context, actor office.Actor, id ID, sc Scheduling) (Act, error) {
	return s.do(ctx, actor, id, sc.Event())
}

// Answer records the answer to an interrogazione or interpellanza.
func (s *Service) Answer(ctx context.Context, actor office.Actor, id ID, a Answer) (Act, error) {
	return s.do(ctx, actor, id, a.Event())
}

// Vote records the council's vote on a mozione, risoluzione or ordine del giorno.
func (s *Service) Vote(ctx context.Context, actor office.Actor, id ID, v Vote) (Act, error) {
	return s.do(ctx, actor, id, v.Event())
}

// Withdraw records that the presenters withdrew the act.
func (s *Service) Withdraw(ctx context.Context, actor office.Actor, id ID, w Withdrawal) (Act, error) {
	return s.do(ctx, actor, id, w.Event())
}

// Lapse records that the act lapsed without answer or vote.
func (s *Service) Lapse(ctx context.Context, actor office.Actor, id ID, l Lapse) (Act, error) {
	return s.do(ctx, actor, id, l.Event())
}

// Load returns the act with the given ID, replayed.
func (s *Service) Load(ctx context.Context, id ID) (Act, error) {
	st, err := s.store.Load(ctx, id)
	if err != nil {
		return Act{}, err
	}
	a, err := Replay(st.Records, s.cal, s.pol)
	if err != nil {
		return Act{}, fmt.Errorf("council: %s: %w", id, err)
	}
	a.ID = id
	return a, nil
}

func (s *Service) do(ctx context.Context, actor office.Actor, id ID, e Event) (Act, error) {
	if err := actor.Validate(); err != nil {
		return Act{}, fmt.Errorf("council: %w", err)
	}
	if err := e.Validate(); err != nil {
		return Act{}, err
	}
	st, err := s.store.Load(ctx, id)
	if err != nil {
		return Act{}, err
	}
	cur, err := Replay(st.Records, s.cal, s.pol)
	if err != nil {
		return Act{}, fmt.Errorf("council: %s: stored history: %w", id, err)
	}
	act, _ := eventAction(e)
	row, _ := Lifecycle(cur.Kind).Row(act)
	recs, err := eventlog.Extend(st.Records, s.now(), actor, row.Basis, e)
	if err != nil {
		return Act{}, err
	}
	all := make([]Record, 0, len(st.Records)+len(recs))
	all = append(append(all, st.Records...), recs...)
	a, err := Replay(all, s.cal, s.pol)
	if err != nil {
		return Act{}, err
	}
	a.ID = id
	if err := s.store.Append(ctx, id, st.Version, a.Index(), recs...); err != nil {
		return Act{}, err
	}
	return a, nil
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
func (s *Service) Search(ctx context.Context, f Filter) iter.Seq2[Act, error] {
	return func(yield func(Act, error) bool) {
		q := f.Query()
		q.Limit = MaxPage
		for {
			p, err := s.store.List(ctx, q)
			if err != nil {
				yield(Act{}, err)
				return
			}
			for _, it := range p.Items {
				a, err := s.Load(ctx, it.ID)
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
