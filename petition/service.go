package petition

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/procedure"
)

// Act says who performs an act on which petition (ID) and on which day the
// fact took place (On): the convention every procedure of ascolto shares
// (see procedure.Act). The zero On means today by the Service's clock; a
// future On is refused (ErrRule). An act may not be dated before the last
// act recorded, except a filing, which may be dated back to the opening of
// the collection (the protocol date of a deposit entered later). A non-zero
// Version makes the act fail with ErrConflict if the petition has moved on
// since. For Draft, an empty ID lets the Service assign one.
type Act = procedure.Act[ID]

// Config configures a Service.
type Config struct {
	// Store keeps the histories. Required.
	Store Store
	// Directory holds the offices petitions are forwarded to. Required.
	Directory *office.Directory
	// Calendar computes the deadlines. Required: Roma Capitale passes
	// deadline.Rome() (29 June, the patron day, moves a term ending on it),
	// other administrations deadline.Italy().
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
	// Keep is how many petitions' folded states the Service keeps between
	// acts, each with the head of the history it was folded at: an act on
	// a kept petition is decided on it and written with a compare-and-set
	// on that head (after another Service's write, it loads only the
	// records written since and folds them onto it), instead of loading and
	// replaying the whole history (on a
	// proposal of 5,000 signatures, a fraction of a millisecond instead of
	// tens of milliseconds: BenchmarkSign). 0 means
	// DefaultKeep; a negative Keep keeps none, and every act replays the
	// whole history. A kept state costs about 24 bytes per live signature
	// (a proposal of 5,000 signatures, some 120 KB), and each act copies
	// it; beyond Keep petitions, one is forgotten and its next act replays
	// it whole. See Service.
	Keep int
}

// DefaultKeep is the number of petitions whose folded states a Service
// keeps when Config.Keep is 0.
const DefaultKeep = 64

// Service performs the acts of the petition procedure: one method per act,
// each Verb(ctx, Act, payload), through procedure.Runner. Each loads the
// petition's history from the store (only its new records when the Service
// keeps the petition's state: see below), folds it, checks the lifecycle
// (state and role) and the rules, records one event with the actor, the day
// of the fact and the act's legal basis at the version it read, and returns
// the updated Petition with its deadlines and counts. A refused act records
// nothing; an invalid actor or ID is ErrInvalid; a concurrent act on the
// same petition makes the later one fail with ErrConflict, never retried
// silently (see procedure.Retry).
//
// The store is the only truth: any number of Services (in one process or
// in several application processes) may work on one store, each seeing
// every act the others recorded, and the store's expected version refuses
// a write decided on a stale state. Between acts the Service keeps the
// folded state of the petitions it last read or wrote (Config.Keep), each
// with the head of the history it was folded at, as a cache: the next act
// is decided on the kept state and written with a compare-and-set on that
// head; if another Service wrote meanwhile, the write is refused and the
// act decided again after loading only the records written after that
// head, folded onto the kept state (procedure.Runner's incremental mode). A kept state is used only when the
// stored records continue its head (the first one links to its hash, the
// last one is the stored head); a history that does not (rewritten,
// restored from an older copy) is replayed whole, and so is a petition
// whose state is not kept (first read, or forgotten beyond Config.Keep).
// A Service is safe for concurrent use if its Store is.
type Service struct {
	run    procedure.Runner[ID, Event, *aggregate, EventType]
	dir    *office.Directory
	cal    *deadline.Calendar
	policy Policy
	newID  func() ID
}

// step is what an act's build function is told.
type step = procedure.Step[ID, Event]

// NewService returns a Service, or an error wrapping ErrInvalid (and
// ErrInvalidEvent for an unusable policy) if the configuration is unusable:
// no Store, Directory or Calendar, an invalid policy, a secretariat missing
// from the directory.
func NewService(cfg Config) (*Service, error) {
	switch {
	case cfg.Store == nil || cfg.Directory == nil:
		return nil, fmt.Errorf("%w: a Service needs a Store and a Directory", ErrInvalidEvent)
	case cfg.Calendar == nil:
		return nil, fmt.Errorf("%w: a Service needs a Calendar (deadline.Rome() for Roma Capitale, deadline.Italy() elsewhere)", ErrInvalidEvent)
	}
	if len(cfg.Policy.Kinds) == 0 {
		cfg.Policy = Rome()
	}
	if err := cfg.Policy.Validate(); err != nil {
		return nil, err
	}
	s := &Service{dir: cfg.Directory, cal: cfg.Calendar, policy: cfg.Policy.clone(), newID: cfg.NewID}
	for _, b := range s.policy.Bodies {
		if b.Secretariat != "" && !s.dir.Has(b.Secretariat) {
			return nil, fmt.Errorf("%w: secretariat %q of %s is not in the directory", ErrInvalidEvent, b.Secretariat, b.ID)
		}
	}
	if s.newID == nil {
		s.newID = func() ID { return ID(uuid.NewString()) }
	}
	s.run = procedure.Runner[ID, Event, *aggregate, EventType]{
		Store:  cfg.Store,
		Now:    cfg.Now,
		Replay: func(id ID, recs []Record) (*aggregate, error) { return replay(id, recs, s.cal, s.policy) },
		Index:  func(a *aggregate) Index { return a.view().Index() },
		Check:  check,
		Fold:   func(_ ID, prev *aggregate, recs []Record) (*aggregate, error) { return prev.fold(recs) },
		Copy:   (*aggregate).clone,
	}
	if keep := cfg.Keep; keep >= 0 {
		if keep == 0 {
			keep = DefaultKeep
		}
		s.run.States = procedure.NewStates[ID, *aggregate](keep)
	}
	return s, nil
}

// Policy returns the Service's policy.
func (s *Service) Policy() Policy { return s.policy.clone() }

// Calendar returns the calendar the Service computes deadlines with.
func (s *Service) Calendar() *deadline.Calendar { return s.cal }

// check is the Runner's check: the act's row in the petition's lifecycle
// table (state and role), whose basis the act applies. The opening act
// (no petition yet) is checked by Draft against its kind's table.
func check(cur *aggregate, act EventType, by office.Actor) (law.Citation, error) {
	if cur == nil {
		return law.Citation{}, nil
	}
	if _, err := cur.table.Check(cur.state, act, by.Role); err != nil {
		return law.Citation{}, err
	}
	row, _ := cur.table.Row(act)
	return row.Basis, nil
}

// do performs an act on an existing petition through the Runner: the
// chronology of the acts, then the act's guard and event. The guards read
// cur and never change it (procedure.Runner.Do): a duplicate signature or
// a withdrawal is looked up in the signatory set, never inserted, so a
// refused act leaves the kept state as it found it; only the fold (apply)
// changes an aggregate.
func (s *Service) do(ctx context.Context, a Act, typ EventType, build func(cur *aggregate, st *step) (Event, error)) (Petition, error) {
	next, err := s.run.Do(ctx, a, typ, func(cur *aggregate, st *step) (Event, error) {
		if err := chronology(cur, typ, st.On); err != nil {
			return Event{}, err
		}
		ev, err := build(cur, st)
		if err != nil {
			return Event{}, err
		}
		return ev, ev.Validate()
	})
	if err != nil {
		return Petition{}, err
	}
	return next.view(), nil
}

// chronology checks the day of an act: not before the registration and,
// except for a filing (which may be dated back to the opening of the
// collection, checked by File), not before the last act recorded.
func chronology(cur *aggregate, typ EventType, on deadline.Date) error {
	if on.Before(cur.p.Drafted) {
		return procedure.Refuse(procedure.Chronology(), "%s dated %s, before the registration (%s)", typ.Italian(), on.Italian(), cur.p.Drafted.Italian())
	}
	if typ != EventFiled && on.Before(cur.lastOn) {
		return procedure.Refuse(procedure.Chronology(), "%s dated %s, before the last recorded act (%s)", typ.Italian(), on.Italian(), cur.lastOn.Italian())
	}
	return nil
}

// Get returns the petition as it stands in the store.
func (s *Service) Get(ctx context.Context, id ID) (Petition, error) {
	a, _, err := s.run.Get(ctx, id)
	if err != nil {
		return Petition{}, err
	}
	return a.view(), nil
}

// Permitted returns the acts actor may perform on the petition now, in
// Lifecycle order, for a UI's buttons. An invalid actor (the zero Actor, a
// role a caller forgot to set) or ID is ErrInvalid. Guards that look at
// signatures, dates and offices are checked when the act is attempted.
func (s *Service) Permitted(ctx context.Context, id ID, actor office.Actor) ([]EventType, error) {
	if err := (Act{ID: id, By: actor}).Check(false); err != nil {
		return nil, err
	}
	a, _, err := s.run.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return a.permitted(actor.Role), nil
}

// Verify checks the petition's stored history against its stored head: nil
// if intact, else a *history.BrokenError (ErrBroken) naming the first bad
// record, a history cut short included.
func (s *Service) Verify(ctx context.Context, id ID) error { return s.run.Verify(ctx, id) }

// Reindex replays every petition of the store and rewrites the index of
// each one whose stored index differs from the replayed one (after a
// calendar correction or a change of policy); it returns how many it read
// and how many it rewrote.
func (s *Service) Reindex(ctx context.Context) (read, rewritten int, err error) {
	return s.run.Reindex(ctx)
}

// History returns the petition's records, oldest first, verified against
// the stored head. They contain personal data (signatures, promoters).
func (s *Service) History(ctx context.Context, id ID) ([]Record, error) {
	st, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := st.Verify(); err != nil {
		return nil, err
	}
	return st.Records, nil
}

// Signatories returns the petition's signatures not withdrawn: personal
// data, for the officers who verify them.
func (s *Service) Signatories(ctx context.Context, id ID) ([]Signature, error) {
	st, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	return Signatories(st.Records), nil
}

func (s *Service) load(ctx context.Context, id ID) (Stream, error) {
	if err := history.CheckID(string(id)); err != nil {
		return Stream{}, err
	}
	return s.run.Store.Load(ctx, id, 0)
}

// List returns a page of petitions' summaries matching q.
func (s *Service) List(ctx context.Context, q Query) (Page, error) {
	return s.run.Store.List(ctx, q)
}
