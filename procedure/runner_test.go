package procedure_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/procedure"
)

type (
	counterRunner = procedure.Runner[CounterID, Event, Counter, EventType]
	step          = procedure.Step[CounterID, Event]
	act           = procedure.Act[CounterID]
)

// monday is the instant the tests' clock shows: 2 March 2026, 10:00 in Rome.
var monday = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func fixedClock(at time.Time) func() time.Time { return func() time.Time { return at } }

// newFixture returns a counter Runner on an empty memory store, at monday.
func newFixture(t *testing.T) (*counterRunner, *history.Memory[CounterID, Event]) {
	t.Helper()
	store := history.NewMemory[CounterID, Event]()
	return newCounterRunner(store, fixedClock(monday)), store
}

// openCounter opens id by the desk, with an optional amount added after.
func openCounter(t *testing.T, run *counterRunner, id CounterID, adds ...int) Counter {
	t.Helper()
	c, err := run.Open(t.Context(), act{ID: id, By: desk}, EventOpened, opening)
	require.NoError(t, err)
	for _, n := range adds {
		c, err = run.Do(t.Context(), act{ID: id, By: desk}, EventAdded, adding(n))
		require.NoError(t, err)
	}
	return c
}

// stored is a history as the store keeps it: head, index and the bytes of
// each record.
type stored struct {
	Missing bool
	Head    history.Head
	Index   history.Index
	Bytes   [][]byte
}

func snapshot(t *testing.T, store history.Store[CounterID, Event], ids ...CounterID) map[CounterID]stored {
	t.Helper()
	out := make(map[CounterID]stored, len(ids))
	for _, id := range ids {
		s, err := store.Load(context.Background(), id, 0)
		if errors.Is(err, history.ErrNotFound) {
			out[id] = stored{Missing: true}
			continue
		}
		require.NoError(t, err)
		st := stored{Head: s.Head, Index: s.Index}
		for _, r := range s.Records {
			b, err := history.Encode(r)
			require.NoError(t, err)
			st.Bytes = append(st.Bytes, b)
		}
		out[id] = st
	}
	return out
}

// Open creates the history at version 1, Do appends to it; each record is
// sealed with the clock's instant, the day of the fact, the actor and the
// rule Check returned, and the store's index is the folded state's.
func TestRunner_OpenThenDo(t *testing.T) {
	run, store := newFixture(t)
	ctx := t.Context()

	c, err := run.Open(ctx, act{ID: "C-1", By: desk}, EventOpened, opening)
	require.NoError(t, err)
	assert.Equal(t, Counter{ID: "C-1", State: Open, Opened: deadline.MustDate(2026, 3, 2), Version: 1}, c)

	c, err = run.Do(ctx, act{ID: "C-1", By: officer}, EventAdded, adding(4))
	require.NoError(t, err)
	assert.Equal(t, 4, c.Total)
	assert.Equal(t, 2, c.Version)

	got, head, err := run.Get(ctx, "C-1")
	require.NoError(t, err)
	assert.Equal(t, c, got)
	assert.Equal(t, 2, head.Version)
	require.NoError(t, run.Verify(ctx, "C-1"))

	s, err := store.Load(ctx, "C-1", 0)
	require.NoError(t, err)
	assert.Equal(t, indexCounter(c), s.Index)
	assert.Equal(t, head, s.Head)
	require.Len(t, s.Records, 2)
	open, add := s.Records[0], s.Records[1]
	assert.Equal(t, monday, open.At)
	assert.Equal(t, deadline.MustDate(2026, 3, 2), open.On)
	assert.Equal(t, desk, open.Actor)
	assert.Equal(t, citeOpen, open.Basis)
	assert.Equal(t, Event{Type: EventOpened}, open.Event)
	assert.Equal(t, officer, add.Actor)
	assert.Equal(t, law.Cite("L. 241/1990", "8", ""), add.Basis, "the basis is the table's row")
	assert.Equal(t, Event{Type: EventAdded, N: 4}, add.Event)
	assert.Equal(t, open.Hash, add.Prev)
}

// build is told the case, the actor, the day of the fact, today in Rome,
// the instant and the basis; it may narrow the basis, which is recorded.
func TestRunner_StepAndBasis(t *testing.T) {
	store := history.NewMemory[CounterID, Event]()
	// 23:30 UTC on 2 March is 00:30 on 3 March in Rome.
	late := time.Date(2026, 3, 2, 23, 30, 0, 0, time.UTC)
	run := newCounterRunner(store, fixedClock(late))
	ctx := t.Context()

	var seen step
	_, err := run.Open(ctx, act{ID: "C-1", By: desk}, EventOpened, func(st *step) (Event, error) {
		seen = *st
		return Event{Type: EventOpened}, nil
	})
	require.NoError(t, err)
	tuesday := deadline.MustDate(2026, 3, 3)
	assert.Equal(t, step{ID: "C-1", By: desk, On: tuesday, Today: tuesday, Now: late, Basis: citeOpen}, seen)

	friday := deadline.MustDate(2026, 2, 27)
	narrow := law.Cite("L. 241/1990", "8", "2").WithLetter("a")
	c, err := run.Do(ctx, act{ID: "C-1", By: desk, On: friday}, EventAdded, func(cur Counter, st *step) (Event, error) {
		assert.Equal(t, Open, cur.State)
		assert.Equal(t, friday, st.On, "a past day of the fact is kept")
		assert.Equal(t, tuesday, st.Today)
		assert.Equal(t, law.Cite("L. 241/1990", "8", ""), st.Basis)
		st.Basis = narrow
		return Event{Type: EventAdded, N: 1}, nil
	})
	require.NoError(t, err)
	assert.Equal(t, 1, c.Total)
	s, err := store.Load(ctx, "C-1", 1)
	require.NoError(t, err)
	require.Len(t, s.Records, 1)
	assert.Equal(t, friday, s.Records[0].On)
	assert.Equal(t, narrow, s.Records[0].Basis)
	assert.Equal(t, late, s.Records[0].At)
}

// A nil clock is the system's.
func TestRunner_NilClock(t *testing.T) {
	run := newCounterRunner(history.NewMemory[CounterID, Event](), nil)
	before := time.Now()
	_, err := run.Open(t.Context(), act{ID: "C-1", By: desk}, EventOpened, opening)
	require.NoError(t, err)
	s, err := run.Store.Load(t.Context(), "C-1", 0)
	require.NoError(t, err)
	assert.False(t, s.Records[0].At.Before(before.Truncate(time.Second)))
	assert.Equal(t, time.UTC, s.Records[0].At.Location())
}

// A refused act writes nothing: whatever refuses it (the actor, the case ID,
// the version, the table, the build, the text limits, the date, the
// context, the replay), every history is byte for byte as it was.
func TestRunner_RefusedActWritesNothing(t *testing.T) {
	tomorrow := deadline.MustDate(2026, 3, 3)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name  string
		ctx   context.Context
		a     act
		act   EventType
		build func(Counter, *step) (Event, error)
		touch CounterID // the other history build touches; "" for C-2
		err   error
	}{
		{name: "table: wrong role", a: act{ID: "C-1", By: desk}, act: EventClosed, build: closing, err: procedure.ErrForbidden},
		{name: "table: wrong state", a: act{ID: "C-2", By: desk}, act: EventAdded, build: adding(1), err: procedure.ErrNotAllowed},
		{name: "table: unknown act", a: act{ID: "C-1", By: admin}, act: "shred", build: closing, err: procedure.ErrNotAllowed},
		{name: "build refuses", a: act{ID: "C-1", By: desk}, act: EventAdded, build: adding(-1), err: procedure.ErrRule},
		{name: "event text too long", a: act{ID: "C-1", By: desk}, act: EventAdded, build: func(Counter, *step) (Event, error) {
			return Event{Type: EventAdded, N: 1, Note: strings.Repeat("n", 41)}, nil
		}, err: history.ErrInvalid},
		{name: "event not UTF-8", a: act{ID: "C-1", By: desk}, act: EventAdded, build: func(Counter, *step) (Event, error) {
			return Event{Type: EventAdded, N: 1, Note: "\xff"}, nil
		}, err: history.ErrInvalid},
		{name: "the new state does not replay", a: act{ID: "C-1", By: desk}, act: EventAdded, build: func(Counter, *step) (Event, error) {
			return Event{Type: "bogus"}, nil
		}, err: history.ErrInvalid},
		{name: "basis narrowed to invalid UTF-8", a: act{ID: "C-1", By: desk}, act: EventAdded, build: func(_ Counter, st *step) (Event, error) {
			st.Basis = st.Basis.WithNote("\xff")
			return Event{Type: EventAdded, N: 1}, nil
		}, err: history.ErrInvalid},
		{name: "future day of the fact", a: act{ID: "C-1", By: desk, On: tomorrow}, act: EventAdded, build: adding(1), err: procedure.ErrRule},
		{name: "stale version", a: act{ID: "C-1", By: desk, Version: 1}, act: EventAdded, build: adding(1), err: history.ErrConflict},
		{name: "version from the future", a: act{ID: "C-1", By: desk, Version: 9}, act: EventAdded, build: adding(1), err: history.ErrConflict},
		{name: "invalid actor", a: act{ID: "C-1", By: office.Actor{ID: "x"}}, act: EventAdded, build: adding(1), err: office.ErrInvalidActor},
		{name: "invalid case ID", a: act{ID: "C-1\n", By: desk}, act: EventAdded, build: adding(1), err: history.ErrInvalid},
		{name: "unknown case", a: act{ID: "C-9", By: desk}, act: EventAdded, build: adding(1), err: history.ErrNotFound},
		{name: "cancelled context", ctx: cancelled, a: act{ID: "C-1", By: desk}, act: EventAdded, build: adding(1), err: context.Canceled},
		{name: "the touched history is unknown", a: act{ID: "C-1", By: desk}, act: EventAdded, build: adding(1), touch: "C-9", err: history.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run, store := newFixture(t)
			openCounter(t, run, "C-1", 2)
			openCounter(t, run, "C-2")
			_, err := run.Do(t.Context(), act{ID: "C-2", By: officer}, EventClosed, closing)
			require.NoError(t, err)
			ids := []CounterID{"C-1", "C-2", "C-9"}
			before := snapshot(t, store, ids...)

			ctx := tt.ctx
			if ctx == nil {
				ctx = t.Context()
			}
			built := false
			build := func(cur Counter, st *step) (Event, error) {
				built = true
				touch := tt.touch
				if touch == "" {
					touch = "C-2"
				}
				// A change to another history, which the refusal must drop too.
				if _, _, err := run.Touch(ctx, st, touch, Event{Type: EventAdded, N: 5}); err != nil {
					return Event{}, err
				}
				return tt.build(cur, st)
			}
			got, err := run.Do(ctx, tt.a, tt.act, build)
			require.ErrorIs(t, err, tt.err)
			assert.Zero(t, got)
			assert.Equal(t, before, snapshot(t, store, ids...))
			if errors.Is(tt.err, procedure.ErrNotAllowed) || errors.Is(tt.err, procedure.ErrForbidden) || errors.Is(tt.err, history.ErrConflict) {
				assert.False(t, built, "build runs only for an act the rules allow")
			}
		})
	}
}

// Open refuses, writing nothing, an ID that is taken (ErrExists), an empty
// or invalid ID, an act Check refuses, a failing build, a bad event, a
// future day; and a cancelled context.
func TestRunner_OpenRefusals(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name  string
		ctx   context.Context
		a     act
		build func(*step) (Event, error)
		err   error
	}{
		{name: "existing ID", a: act{ID: "C-1", By: desk}, build: opening, err: history.ErrExists},
		{name: "empty ID", a: act{By: desk}, build: opening, err: history.ErrInvalid},
		{name: "ID too long", a: act{ID: CounterID(strings.Repeat("c", history.MaxIDLength+1)), By: desk}, build: opening, err: history.ErrInvalid},
		{name: "Check refuses", a: act{ID: "C-2", By: officer}, build: opening, err: procedure.ErrForbidden},
		{name: "invalid actor", a: act{ID: "C-2", By: office.Actor{Role: office.FrontOffice}}, build: opening, err: office.ErrInvalidActor},
		{name: "build fails", a: act{ID: "C-2", By: desk}, build: func(*step) (Event, error) { return Event{}, procedure.Invalid("no") }, err: history.ErrInvalid},
		{name: "event too long", a: act{ID: "C-2", By: desk}, build: func(*step) (Event, error) {
			return Event{Type: EventOpened, Note: strings.Repeat("è", 41)}, nil
		}, err: history.ErrInvalid},
		{name: "first event does not replay", a: act{ID: "C-2", By: desk}, build: func(*step) (Event, error) {
			return Event{Type: EventAdded}, nil
		}, err: history.ErrInvalid},
		{name: "future day", a: act{ID: "C-2", By: desk, On: deadline.MustDate(2026, 3, 3)}, build: opening, err: procedure.ErrRule},
		{name: "cancelled", ctx: cancelled, a: act{ID: "C-2", By: desk}, build: opening, err: context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run, store := newFixture(t)
			openCounter(t, run, "C-1", 3)
			ids := []CounterID{"C-1", "C-2", tt.a.ID}
			before := snapshot(t, store, ids...)
			ctx := tt.ctx
			if ctx == nil {
				ctx = t.Context()
			}
			got, err := run.Open(ctx, tt.a, EventOpened, tt.build)
			require.ErrorIs(t, err, tt.err)
			assert.Zero(t, got)
			assert.Equal(t, before, snapshot(t, store, ids...))
			page, err := store.List(t.Context(), history.Query{})
			require.NoError(t, err)
			assert.Len(t, page.Items, 1)
		})
	}
}

// A future day of the fact is refused under the rule of chronology; today
// and the past are not.
func TestRunner_FutureDayRefused(t *testing.T) {
	run, _ := newFixture(t)
	openCounter(t, run, "C-1")
	today := deadline.DateOf(monday)
	_, err := run.Do(t.Context(), act{ID: "C-1", By: desk, On: today.AddDays(1)}, EventAdded, adding(1))
	re, ok := procedure.IsRule(err)
	require.True(t, ok, "got %v", err)
	assert.ErrorIs(t, err, procedure.ErrRule)
	assert.Equal(t, procedure.Chronology(), re.Rule)

	_, err = run.Do(t.Context(), act{ID: "C-1", By: desk, On: today}, EventAdded, adding(1))
	require.NoError(t, err)
	c, err := run.Do(t.Context(), act{ID: "C-1", By: desk, On: today.AddDays(-400)}, EventAdded, adding(1))
	require.NoError(t, err)
	assert.Equal(t, 2, c.Total)
}

// Version names the version the actor saw: the act passes on it and fails
// with ErrConflict on any other; zero acts on the latest.
func TestRunner_Version(t *testing.T) {
	run, _ := newFixture(t)
	openCounter(t, run, "C-1", 1, 1) // version 3
	_, err := run.Do(t.Context(), act{ID: "C-1", By: desk, Version: 2}, EventAdded, adding(1))
	require.ErrorIs(t, err, history.ErrConflict)
	c, err := run.Do(t.Context(), act{ID: "C-1", By: desk, Version: 3}, EventAdded, adding(1))
	require.NoError(t, err)
	assert.Equal(t, 4, c.Version)
	c, err = run.Do(t.Context(), act{ID: "C-1", By: desk}, EventAdded, adding(1))
	require.NoError(t, err)
	assert.Equal(t, 5, c.Version)
}

// Get and Verify: ErrNotFound for an unknown case, ErrInvalid for a bad ID.
func TestRunner_GetAndVerifyErrors(t *testing.T) {
	run, _ := newFixture(t)
	openCounter(t, run, "C-1")
	for _, tt := range []struct {
		id  CounterID
		err error
	}{{"C-9", history.ErrNotFound}, {"", history.ErrInvalid}, {"C\x00", history.ErrInvalid}} {
		_, head, err := run.Get(t.Context(), tt.id)
		assert.ErrorIs(t, err, tt.err, "Get(%q)", tt.id)
		assert.Zero(t, head)
		assert.ErrorIs(t, run.Verify(t.Context(), tt.id), tt.err, "Verify(%q)", tt.id)
	}
}

// Get returns Replay's error, with the head.
func TestRunner_GetReplayError(t *testing.T) {
	run, _ := newFixture(t)
	openCounter(t, run, "C-1")
	boom := errors.New("boom")
	run.Replay = func(CounterID, []history.Record[Event]) (Counter, error) { return Counter{}, boom }
	_, head, err := run.Get(t.Context(), "C-1")
	assert.ErrorIs(t, err, boom)
	assert.Equal(t, 1, head.Version)
	_, err = run.Do(t.Context(), act{ID: "C-1", By: desk}, EventAdded, adding(1))
	assert.ErrorIs(t, err, boom)
}

// Verify finds a history whose stored head no longer matches its records.
func TestRunner_VerifyFindsABrokenHistory(t *testing.T) {
	store := &lyingStore{Memory: history.NewMemory[CounterID, Event]()}
	run := newCounterRunner(store, fixedClock(monday))
	openCounter(t, run, "C-1", 1)
	require.NoError(t, run.Verify(t.Context(), "C-1"))
	store.cut = true
	err := run.Verify(t.Context(), "C-1")
	var be *history.BrokenError
	require.ErrorAs(t, err, &be)
	assert.ErrorIs(t, err, history.ErrBroken)
}

// lyingStore loses the last record of every history it loads when cut.
type lyingStore struct {
	*history.Memory[CounterID, Event]
	cut bool
}

func (s *lyingStore) Load(ctx context.Context, id CounterID, after int) (history.Stream[CounterID, Event], error) {
	st, err := s.Memory.Load(ctx, id, after)
	if s.cut && len(st.Records) > 0 {
		st.Records = st.Records[:len(st.Records)-1]
	}
	return st, err
}

// linking builds a link act from the case acted on to other, recording it on
// both histories through Touch and Step.Also. If between is set, it runs
// after Touch and before the write (another writer acting meanwhile).
func linking(t *testing.T, run *counterRunner, between func(), other CounterID) func(Counter, *step) (Event, error) {
	return func(cur Counter, st *step) (Event, error) {
		before, after, err := run.Touch(context.Background(), st, other, Event{Type: EventLinked, With: st.ID})
		if err != nil {
			return Event{}, err
		}
		if before.Version+1 != after.Version || len(after.Links) != len(before.Links)+1 {
			t.Errorf("Touch: before %+v, after %+v", before, after)
		}
		if between != nil {
			between()
		}
		return Event{Type: EventLinked, With: other}, nil
	}
}

// Touch and Step.Also write two histories in one write, with the same
// instant, day, actor and basis.
func TestRunner_TouchWritesBothHistories(t *testing.T) {
	run, store := newFixture(t)
	openCounter(t, run, "A", 1)
	openCounter(t, run, "B")

	a, err := run.Do(t.Context(), act{ID: "A", By: desk}, EventLinked, linking(t, run, nil, "B"))
	require.NoError(t, err)
	assert.Equal(t, []CounterID{"B"}, a.Links)
	b, head, err := run.Get(t.Context(), "B")
	require.NoError(t, err)
	assert.Equal(t, []CounterID{"A"}, b.Links)
	assert.Equal(t, 2, head.Version)
	require.NoError(t, run.Verify(t.Context(), "A"))
	require.NoError(t, run.Verify(t.Context(), "B"))

	sa, err := store.Load(t.Context(), "A", 2)
	require.NoError(t, err)
	sb, err := store.Load(t.Context(), "B", 1)
	require.NoError(t, err)
	ra, rb := sa.Records[0], sb.Records[0]
	assert.Equal(t, ra.At, rb.At)
	assert.Equal(t, ra.On, rb.On)
	assert.Equal(t, ra.Actor, rb.Actor)
	assert.Equal(t, ra.Basis, rb.Basis)
	assert.Equal(t, indexCounter(b), sb.Index)
}

// A change of the touched history between Touch and the write makes the
// whole write fail with ErrConflict: neither history gets the act.
func TestRunner_TouchConflictFailsTheWholeWrite(t *testing.T) {
	run, store := newFixture(t)
	openCounter(t, run, "A", 1)
	openCounter(t, run, "B")
	before := snapshot(t, store, "A", "B")

	meanwhile := func() {
		_, err := run.Do(context.Background(), act{ID: "B", By: officer}, EventAdded, adding(7))
		require.NoError(t, err)
	}
	_, err := run.Do(t.Context(), act{ID: "A", By: desk}, EventLinked, linking(t, run, meanwhile, "B"))
	require.ErrorIs(t, err, history.ErrConflict)

	after := snapshot(t, store, "A", "B")
	assert.Equal(t, before["A"], after["A"], "the act's own history is unchanged")
	assert.Equal(t, before["B"].Bytes, after["B"].Bytes[:1], "the touched history holds only the other writer's act")
	b, _, err := run.Get(t.Context(), "B")
	require.NoError(t, err)
	assert.Equal(t, Counter{ID: "B", State: Open, Total: 7, Opened: deadline.DateOf(monday), Version: 2}, b)

	// Retried, the act is checked again on the new state and passes.
	a, err := procedure.Retry(t.Context(), 3, func(ctx context.Context) (Counter, error) {
		return run.Do(ctx, act{ID: "A", By: desk}, EventLinked, linking(t, run, nil, "B"))
	})
	require.NoError(t, err)
	assert.Equal(t, []CounterID{"B"}, a.Links)
}

// Touch refuses an event over its text limits and an unknown history.
func TestRunner_TouchRefusals(t *testing.T) {
	run, _ := newFixture(t)
	openCounter(t, run, "A")
	st := &step{ID: "X", By: desk, Now: monday, On: deadline.DateOf(monday)}
	_, _, err := run.Touch(t.Context(), st, "A", Event{Type: EventLinked, Note: strings.Repeat("x", 41)})
	var te *history.TextError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, "Note", te.Field)
	_, _, err = run.Touch(t.Context(), st, "Z", Event{Type: EventLinked})
	assert.ErrorIs(t, err, history.ErrNotFound)
	_, _, err = run.Touch(t.Context(), st, "A", Event{Type: "bogus"})
	assert.ErrorIs(t, err, history.ErrInvalid)
}

// Two runners on one store race Do on one history: every version has one
// winner, every loser gets ErrConflict, no record is lost and the history
// verifies. Run with -race.
func TestRunner_ConcurrentDo(t *testing.T) {
	store := history.NewMemory[CounterID, Event]()
	runners := []*counterRunner{newCounterRunner(store, nil), newCounterRunner(store, nil)}
	openCounter(t, runners[0], "C-1")

	const workers, tries = 8, 25
	var (
		mu      sync.Mutex
		winners = map[int]int{} // version -> amount added
		lost    int
		wg      sync.WaitGroup
	)
	for w := range workers {
		wg.Go(func() {
			run := runners[w%2]
			for i := range tries {
				n := w*tries + i + 1
				_, head, err := run.Get(context.Background(), "C-1")
				if !assert.NoError(t, err) {
					return
				}
				c, err := run.Do(context.Background(), act{ID: "C-1", By: desk, Version: head.Version}, EventAdded, adding(n))
				mu.Lock()
				switch {
				case err == nil:
					if _, dup := winners[c.Version]; dup {
						t.Errorf("version %d won twice", c.Version)
					}
					winners[c.Version] = n
				case errors.Is(err, history.ErrConflict):
					lost++
				default:
					t.Errorf("Do: %v", err)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()

	c, head, err := runners[1].Get(t.Context(), "C-1")
	require.NoError(t, err)
	require.NoError(t, runners[0].Verify(t.Context(), "C-1"))
	assert.Equal(t, workers*tries, len(winners)+lost)
	assert.Equal(t, 1+len(winners), head.Version)
	total := 0
	for v := 2; v <= head.Version; v++ {
		n, ok := winners[v]
		require.True(t, ok, "version %d has no winner", v)
		total += n
	}
	assert.Equal(t, total, c.Total, "every winner's record is in the history")

	s, err := store.Load(t.Context(), "C-1", 1)
	require.NoError(t, err)
	for _, r := range s.Records {
		assert.Equal(t, winners[r.Version], r.Event.N, "version %d", r.Version)
	}
}

// With Retry, racing acts that record a fact all land.
func TestRunner_ConcurrentDoWithRetry(t *testing.T) {
	store := history.NewMemory[CounterID, Event]()
	runners := []*counterRunner{newCounterRunner(store, nil), newCounterRunner(store, nil)}
	openCounter(t, runners[0], "C-1")
	const workers, tries = 6, 10
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for range tries {
				_, err := procedure.Retry(context.Background(), 1000, func(ctx context.Context) (Counter, error) {
					return runners[w%2].Do(ctx, act{ID: "C-1", By: desk}, EventAdded, adding(1))
				})
				assert.NoError(t, err)
			}
		})
	}
	wg.Wait()
	c, head, err := runners[0].Get(t.Context(), "C-1")
	require.NoError(t, err)
	assert.Equal(t, workers*tries, c.Total)
	assert.Equal(t, 1+workers*tries, head.Version)
	require.NoError(t, runners[1].Verify(t.Context(), "C-1"))
}

// Reindex rewrites exactly the histories whose stored index differs from
// the replayed one, leaving their records alone, and counts what it read
// and rewrote.
func TestRunner_Reindex(t *testing.T) {
	run, store := newFixture(t)
	for i := range 5 {
		openCounter(t, run, CounterID(fmt.Sprintf("C-%d", i)), i+1) // totals 1 to 5
	}
	ids := []CounterID{"C-0", "C-1", "C-2", "C-3", "C-4"}

	read, rewritten, err := run.Reindex(t.Context())
	require.NoError(t, err)
	assert.Equal(t, [2]int{5, 0}, [2]int{read, rewritten}, "nothing to rewrite")

	// Plant wrong indexes on two histories: a change with no records.
	for _, id := range []CounterID{"C-1", "C-3"} {
		s, err := store.Load(t.Context(), id, 0)
		require.NoError(t, err)
		wrong := history.Index{Kind: "contatore", State: "closed", Tags: []string{"stale"}}
		require.NoError(t, store.Write(t.Context(), history.Change[CounterID, Event]{ID: id, Expected: s.Head.Version, Index: wrong}))
	}
	before := snapshot(t, store, ids...)

	read, rewritten, err = run.Reindex(t.Context())
	require.NoError(t, err)
	assert.Equal(t, [2]int{5, 2}, [2]int{read, rewritten})
	after := snapshot(t, store, ids...)
	for _, id := range ids {
		c, _, err := run.Get(t.Context(), id)
		require.NoError(t, err)
		assert.Equal(t, indexCounter(c), after[id].Index, id)
		assert.Equal(t, before[id].Head, after[id].Head, "%s: the head is unchanged", id)
		assert.Equal(t, before[id].Bytes, after[id].Bytes, "%s: the records are unchanged", id)
		if id != "C-1" && id != "C-3" {
			assert.Equal(t, before[id], after[id], "%s: untouched", id)
		}
	}

	read, rewritten, err = run.Reindex(t.Context())
	require.NoError(t, err)
	assert.Equal(t, [2]int{5, 0}, [2]int{read, rewritten})

	// A change of policy: the index now carries a tag for the total.
	run.Index = func(c Counter) history.Index {
		x := indexCounter(c)
		if c.Total > 3 {
			x.Tags = []string{"big"}
		}
		return x
	}
	read, rewritten, err = run.Reindex(t.Context())
	require.NoError(t, err)
	assert.Equal(t, [2]int{5, 2}, [2]int{read, rewritten})
	page, err := store.List(t.Context(), history.Query{Tags: []string{"big"}})
	require.NoError(t, err)
	require.Len(t, page.Items, 2)
	assert.Equal(t, CounterID("C-3"), page.Items[0].ID)
	assert.Equal(t, CounterID("C-4"), page.Items[1].ID)
}

// Reindex reads each history once even when there are more than a page of
// them and the new index moves them later in List's order.
func TestRunner_ReindexManyPagesCountsEachHistoryOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("opens more than a page of histories")
	}
	run, _ := newFixture(t)
	n := history.MaxLimit + 50
	for i := range n {
		_, err := run.Open(t.Context(), act{ID: CounterID(fmt.Sprintf("C-%05d", i)), By: desk}, EventOpened, opening)
		require.NoError(t, err)
	}
	// A calendar correction: every received date moves a year later (each
	// history comes again on a later page), then two years earlier, then
	// one year later again, but one history five years later, past all the
	// others.
	for _, years := range []int{1, -1, 0} {
		run.Index = func(c Counter) history.Index {
			x := indexCounter(c)
			x.Received = c.Opened.AddYears(years)
			if years == 0 && c.ID == "C-00007" {
				x.Received = c.Opened.AddYears(5)
			}
			return x
		}
		read, rewritten, err := run.Reindex(t.Context())
		require.NoError(t, err)
		assert.Equal(t, [2]int{n, n}, [2]int{read, rewritten}, "%d years", years)

		read, rewritten, err = run.Reindex(t.Context())
		require.NoError(t, err)
		assert.Equal(t, [2]int{n, 0}, [2]int{read, rewritten}, "%d years, again", years)
	}
}

// Reindex stops on an error: a cancelled context, a history that does not
// replay.
func TestRunner_ReindexErrors(t *testing.T) {
	run, _ := newFixture(t)
	openCounter(t, run, "C-1")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, _, err := run.Reindex(ctx)
	assert.ErrorIs(t, err, context.Canceled)

	boom := errors.New("boom")
	run.Replay = func(CounterID, []history.Record[Event]) (Counter, error) { return Counter{}, boom }
	read, rewritten, err := run.Reindex(t.Context())
	assert.ErrorIs(t, err, boom)
	assert.Equal(t, [2]int{0, 0}, [2]int{read, rewritten})
}

// Reindex reads a history again when another writer changed it between its
// load and its rewrite.
func TestRunner_ReindexRereadsAfterConflict(t *testing.T) {
	inner := history.NewMemory[CounterID, Event]()
	store := &interferingStore{Memory: inner}
	run := newCounterRunner(store, fixedClock(monday))
	openCounter(t, run, "C-1", 1)
	s, err := inner.Load(t.Context(), "C-1", 0)
	require.NoError(t, err)
	require.NoError(t, inner.Write(t.Context(), history.Change[CounterID, Event]{ID: "C-1", Expected: s.Head.Version, Index: history.Index{Kind: "wrong"}}))

	// The other writer still derives the index the old way.
	other := newCounterRunner(inner, fixedClock(monday))
	other.Index = func(c Counter) history.Index { return history.Index{Kind: "old", State: string(c.State)} }
	store.before = func() {
		store.before = nil
		_, err := other.Do(context.Background(), act{ID: "C-1", By: officer}, EventClosed, closing)
		require.NoError(t, err)
	}
	read, rewritten, err := run.Reindex(t.Context())
	require.NoError(t, err)
	assert.Equal(t, [2]int{1, 1}, [2]int{read, rewritten})
	assert.Nil(t, store.before, "the other writer acted between the load and the rewrite")
	c, _, err := run.Get(t.Context(), "C-1")
	require.NoError(t, err)
	assert.Equal(t, Closed, c.State)
	s, err = inner.Load(t.Context(), "C-1", 0)
	require.NoError(t, err)
	assert.Equal(t, indexCounter(c), s.Index, "the index is the one of the state after the other writer's act")
}

// interferingStore runs before once, just before the next index-only write.
type interferingStore struct {
	*history.Memory[CounterID, Event]
	before func()
}

func (s *interferingStore) Write(ctx context.Context, changes ...history.Change[CounterID, Event]) error {
	if s.before != nil && len(changes) == 1 && len(changes[0].Records) == 0 {
		s.before()
	}
	return s.Memory.Write(ctx, changes...)
}

// Retry repeats an act only while it fails with ErrConflict, at most
// attempts times (at least once), and stops when the context is done.
func TestRetry(t *testing.T) {
	conflict := fmt.Errorf("case moved: %w", history.ErrConflict)
	other := errors.New("other")
	tests := []struct {
		name     string
		attempts int
		results  []error // what each call returns; past the end, nil
		cancelAt int     // cancel the context during this call (1-based); 0 never
		calls    int
		err      error
		value    int
	}{
		{name: "success at once", attempts: 3, calls: 1, value: 1},
		{name: "success after two conflicts", attempts: 3, results: []error{conflict, conflict}, calls: 3, value: 3},
		{name: "conflicts exhaust the attempts", attempts: 3, results: []error{conflict, conflict, conflict, conflict}, calls: 3, err: history.ErrConflict, value: 3},
		{name: "zero attempts run once", attempts: 0, results: []error{conflict, conflict}, calls: 1, err: history.ErrConflict, value: 1},
		{name: "negative attempts run once", attempts: -5, results: []error{conflict}, calls: 1, err: history.ErrConflict, value: 1},
		{name: "another error is not retried", attempts: 5, results: []error{other}, calls: 1, err: other, value: 1},
		{name: "a rule is not retried", attempts: 5, results: []error{conflict, procedure.Refuse(law.Citation{}, "no")}, calls: 2, err: procedure.ErrRule, value: 2},
		{name: "not found is not retried", attempts: 5, results: []error{history.ErrNotFound}, calls: 1, err: history.ErrNotFound, value: 1},
		{name: "cancelled during a conflicting call", attempts: 5, results: []error{conflict, conflict, conflict}, cancelAt: 2, calls: 2, err: context.Canceled, value: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			calls := 0
			v, err := procedure.Retry(ctx, tt.attempts, func(got context.Context) (int, error) {
				assert.Equal(t, ctx, got)
				calls++
				if calls == tt.cancelAt {
					cancel()
				}
				if calls <= len(tt.results) {
					return calls, tt.results[calls-1]
				}
				return calls, nil
			})
			assert.Equal(t, tt.calls, calls)
			assert.Equal(t, tt.value, v)
			if tt.err == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, tt.err)
			}
		})
	}
}
