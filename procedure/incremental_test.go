package procedure_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"reflect"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/procedure"
)

// incremental returns a counter Runner on store that keeps folded states,
// and the number of whole replays it makes.
func incremental(store history.Store[CounterID, Event]) (*counterRunner, *atomic.Int64) {
	run := newCounterRunner(store, fixedClock(monday))
	var replays atomic.Int64
	run.Replay = func(id CounterID, recs []history.Record[Event]) (Counter, error) {
		replays.Add(1)
		return replayCounter(id, recs)
	}
	run.Fold, run.Copy, run.States = foldCounter, copyCounter, procedure.NewStates[CounterID, Counter](16)
	return run, &replays
}

// TestIncrementalEqualsReplay: two incremental Runners (two application
// instances) act in random order on three counters of one store; after
// every act each one's state equals the whole history replayed, and they
// replay whole only when the other one wrote meanwhile... or never, when
// the kept state continues the stored head.
func TestIncrementalEqualsReplay(t *testing.T) {
	store := history.NewMemory[CounterID, Event]()
	a, replaysA := incremental(store)
	b, replaysB := incremental(store)
	plain := newCounterRunner(store, fixedClock(monday))
	ids := []CounterID{"C-1", "C-2", "C-3"}
	for _, id := range ids {
		openCounter(t, a, id)
	}
	rng := rand.New(rand.NewPCG(8, 1990))
	acts := 0
	for range 400 {
		run := []*counterRunner{a, b}[rng.IntN(2)]
		id := ids[rng.IntN(len(ids))]
		var err error
		switch rng.IntN(5) {
		case 0:
			_, err = run.Do(t.Context(), act{ID: id, By: desk}, EventLinked, func(Counter, *step) (Event, error) {
				return Event{Type: EventLinked, With: ids[rng.IntN(len(ids))]}, nil
			})
		case 1:
			_, err = run.Do(t.Context(), act{ID: id, By: officer}, EventClosed, closing)
		case 2:
			_, err = run.Do(t.Context(), act{ID: id, By: admin}, EventReopened, func(Counter, *step) (Event, error) { return Event{Type: EventReopened}, nil })
		default:
			_, err = run.Do(t.Context(), act{ID: id, By: desk}, EventAdded, adding(1+rng.IntN(9)))
		}
		if err == nil {
			acts++
		} else if !errors.Is(err, procedure.ErrNotAllowed) {
			t.Fatal(err)
		}
		for _, id := range ids {
			want, wantHead, err := plain.Get(t.Context(), id)
			require.NoError(t, err)
			for name, r := range map[string]*counterRunner{"a": a, "b": b} {
				got, head, err := r.Get(t.Context(), id)
				require.NoError(t, err)
				require.Equal(t, wantHead, head, "%s: head of %s", name, id)
				require.True(t, reflect.DeepEqual(want, got), "%s: %s folded to %+v, replayed to %+v", name, id, got, want)
			}
		}
	}
	require.Greater(t, acts, 100, "the random acts must mostly succeed")
	// Each Runner replayed each counter whole once (its first read) and then
	// only folded: 3 openings by a, 3 first reads by b.
	assert.LessOrEqual(t, replaysA.Load()+replaysB.Load(), int64(2*len(ids)), "whole replays")
}

// TestIncrementalHandsOutCopies: changing a state the Runner returned does
// not change what the next act sees.
func TestIncrementalHandsOutCopies(t *testing.T) {
	run, _ := incremental(history.NewMemory[CounterID, Event]())
	c := openCounter(t, run, "C-1", 5)
	c, err := run.Do(t.Context(), act{ID: "C-1", By: desk}, EventLinked, func(Counter, *step) (Event, error) { return Event{Type: EventLinked, With: "C-9"}, nil })
	require.NoError(t, err)
	c.Total, c.Links[0] = 1000, "X"
	got, _, err := run.Get(t.Context(), "C-1")
	require.NoError(t, err)
	got.Links[0] = "Y"
	got, err = run.Do(t.Context(), act{ID: "C-1", By: desk}, EventAdded, adding(1))
	require.NoError(t, err)
	assert.Equal(t, 6, got.Total)
	assert.Equal(t, []CounterID{"C-9"}, got.Links)
}

// TestIncrementalRefusedActKeepsNothingWrong: a refused act, and one that
// loses a race, leave the next act on the right state.
func TestIncrementalRefusedActKeepsNothingWrong(t *testing.T) {
	store := history.NewMemory[CounterID, Event]()
	run, _ := incremental(store)
	openCounter(t, run, "C-1", 2)
	_, err := run.Do(t.Context(), act{ID: "C-1", By: desk}, EventAdded, adding(-1))
	require.ErrorIs(t, err, procedure.ErrRule)
	_, err = run.Do(t.Context(), act{ID: "C-1", By: desk, Version: 1}, EventAdded, adding(1))
	require.ErrorIs(t, err, history.ErrConflict)
	other := newCounterRunner(store, fixedClock(monday))
	_, err = other.Do(t.Context(), act{ID: "C-1", By: desk}, EventAdded, adding(10))
	require.NoError(t, err)
	c, err := run.Do(t.Context(), act{ID: "C-1", By: desk, Version: 3}, EventAdded, adding(100))
	require.NoError(t, err)
	assert.Equal(t, 112, c.Total)
	assert.Equal(t, 4, c.Version)
}

// forked is a store that, after version 2, serves another history than the
// one a Runner folded: a second record with the same version and another
// hash (a history rewritten behind the Runner's back).
type forked struct {
	history.Store[CounterID, Event]
	other history.Store[CounterID, Event]
	on    atomic.Bool
}

func (f *forked) Load(ctx context.Context, id CounterID, after int) (history.Stream[CounterID, Event], error) {
	if f.on.Load() {
		return f.other.Load(ctx, id, after)
	}
	return f.Store.Load(ctx, id, after)
}

// TestIncrementalReplaysWholeWhenTheHistoryDoesNotContinue: a kept state is
// used only when the stored records continue its head.
func TestIncrementalReplaysWholeWhenTheHistoryDoesNotContinue(t *testing.T) {
	one, two := history.NewMemory[CounterID, Event](), history.NewMemory[CounterID, Event]()
	openCounter(t, newCounterRunner(two, fixedClock(monday.Add(1))), "C-1", 7, 7)
	f := &forked{Store: one, other: two}
	run, replays := incremental(f)
	openCounter(t, run, "C-1", 1)
	before := replays.Load()
	f.on.Store(true)
	c, _, err := run.Get(t.Context(), "C-1")
	require.NoError(t, err)
	assert.Equal(t, 14, c.Total, "the state of the history served, not of the one kept")
	assert.Equal(t, before+1, replays.Load(), "replayed whole")
}

// TestStatesBound: NewStates keeps at most its size.
func TestStatesBound(t *testing.T) {
	run, _ := incremental(history.NewMemory[CounterID, Event]())
	run.States = procedure.NewStates[CounterID, Counter](2)
	for _, id := range []CounterID{"C-1", "C-2", "C-3", "C-4"} {
		openCounter(t, run, id, 1)
	}
	assert.Equal(t, 2, run.States.Len())
}

// TestFoldAloneFoldsTheAct: with Fold and no States, each act replays the
// history once (to check the act) and folds its record on top.
func TestFoldAloneFoldsTheAct(t *testing.T) {
	run, replays := incremental(history.NewMemory[CounterID, Event]())
	run.Copy, run.States = nil, nil
	c := openCounter(t, run, "C-1", 1, 2, 3)
	assert.Equal(t, 6, c.Total)
	assert.Equal(t, int64(1+3), replays.Load(), "the opening, then one replay per act")
}

// TestStatesForgetTheLeastRecent: beyond its size, States forgets the
// history kept longest ago, not the one just used.
func TestStatesForgetTheLeastRecent(t *testing.T) {
	run, replays := incremental(history.NewMemory[CounterID, Event]())
	run.States = procedure.NewStates[CounterID, Counter](2)
	openCounter(t, run, "C-1")
	openCounter(t, run, "C-2")
	_, _, err := run.Get(t.Context(), "C-1") // C-1 is now the most recent
	require.NoError(t, err)
	openCounter(t, run, "C-3") // forgets C-2
	before := replays.Load()
	_, _, err = run.Get(t.Context(), "C-1")
	require.NoError(t, err)
	assert.Equal(t, before, replays.Load(), "C-1 was kept")
	_, _, err = run.Get(t.Context(), "C-2")
	require.NoError(t, err)
	assert.Equal(t, before+1, replays.Load(), "C-2 was forgotten")
}

// counting is a store that counts its Loads and Writes, and fails the
// next Write with failWrite when set.
type counting struct {
	history.Store[CounterID, Event]
	loads, writes atomic.Int64
	failWrite     error
}

func (c *counting) Load(ctx context.Context, id CounterID, after int) (history.Stream[CounterID, Event], error) {
	c.loads.Add(1)
	return c.Store.Load(ctx, id, after)
}

func (c *counting) Write(ctx context.Context, changes ...history.Change[CounterID, Event]) error {
	c.writes.Add(1)
	if err := c.failWrite; err != nil {
		c.failWrite = nil
		return err
	}
	return c.Store.Write(ctx, changes...)
}

// TestKeptStateActsWithoutLoading: on a history whose state it keeps, an
// act is one Write and no Load: the write's compare-and-set on the kept
// head proves the state current.
func TestKeptStateActsWithoutLoading(t *testing.T) {
	store := &counting{Store: history.NewMemory[CounterID, Event]()}
	run, replays := incremental(store)
	c := openCounter(t, run, "C-1", 1, 2, 3)
	assert.Equal(t, 6, c.Total)
	assert.Equal(t, int64(0), store.loads.Load(), "loads")
	assert.Equal(t, int64(4), store.writes.Load(), "the opening and three acts")
	assert.Equal(t, int64(1), replays.Load(), "whole replays: the opening's only")
	want, _, err := newCounterRunner(store, fixedClock(monday)).Get(t.Context(), "C-1")
	require.NoError(t, err)
	assert.Equal(t, want, c)
}

// TestKeptStateOvertakenIsDecidedAgain: when another instance wrote since
// the state was kept, the act's write is refused and the act is decided
// again on the stored history, folded onto the kept state (no whole
// replay).
func TestKeptStateOvertakenIsDecidedAgain(t *testing.T) {
	store := &counting{Store: history.NewMemory[CounterID, Event]()}
	a, replays := incremental(store)
	openCounter(t, a, "C-1", 1)
	other := newCounterRunner(store, fixedClock(monday))
	_, err := other.Do(t.Context(), act{ID: "C-1", By: desk}, EventAdded, adding(10))
	require.NoError(t, err)
	loads, writes := store.loads.Load(), store.writes.Load()
	c, err := a.Do(t.Context(), act{ID: "C-1", By: desk}, EventAdded, adding(100))
	require.NoError(t, err)
	assert.Equal(t, 111, c.Total)
	assert.Equal(t, 4, c.Version)
	assert.Equal(t, loads+1, store.loads.Load(), "one load, after the refused write")
	assert.Equal(t, writes+2, store.writes.Load(), "the refused write and the one recorded")
	assert.Equal(t, int64(1), replays.Load(), "the opening's only: the records since folded onto the kept state")
	want, _, err := other.Get(t.Context(), "C-1")
	require.NoError(t, err)
	assert.Equal(t, want, c)
}

// TestKeptStateRefusalsComeFromTheStore: an act is refused only on the
// stored history, never on a kept state that may be stale, and allowed
// only if the stored history allows it.
func TestKeptStateRefusalsComeFromTheStore(t *testing.T) {
	store := history.NewMemory[CounterID, Event]()
	a, _ := incremental(store)
	other := newCounterRunner(store, fixedClock(monday))
	openCounter(t, a, "C-1")
	_, err := a.Do(t.Context(), act{ID: "C-1", By: officer}, EventClosed, closing)
	require.NoError(t, err)
	// Closed in a's kept state, reopened by the other instance: adding is
	// allowed.
	_, err = other.Do(t.Context(), act{ID: "C-1", By: admin}, EventReopened, func(Counter, *step) (Event, error) { return Event{Type: EventReopened}, nil })
	require.NoError(t, err)
	c, err := a.Do(t.Context(), act{ID: "C-1", By: desk}, EventAdded, adding(5))
	require.NoError(t, err, "refused on the kept state, allowed on the stored one")
	assert.Equal(t, Open, c.State)
	assert.Equal(t, 5, c.Total)
	// Open in a's kept state, closed by the other instance: closing again
	// is refused, and nothing is written.
	_, err = other.Do(t.Context(), act{ID: "C-1", By: officer}, EventClosed, closing)
	require.NoError(t, err)
	before, err := store.Load(t.Context(), "C-1", 0)
	require.NoError(t, err)
	_, err = a.Do(t.Context(), act{ID: "C-1", By: officer}, EventClosed, closing)
	require.ErrorIs(t, err, procedure.ErrNotAllowed, "allowed on the kept state, refused on the stored one")
	after, err := store.Load(t.Context(), "C-1", 0)
	require.NoError(t, err)
	assert.Equal(t, before.Head, after.Head)
}

// TestKeptStateVersion: an act decided on the kept version (Act.Version)
// that the store has passed fails with ErrConflict, as on a loaded
// history, and records nothing; one decided on another version is checked
// on the stored history.
func TestKeptStateVersion(t *testing.T) {
	store := history.NewMemory[CounterID, Event]()
	a, _ := incremental(store)
	openCounter(t, a, "C-1", 1) // version 2, kept
	other := newCounterRunner(store, fixedClock(monday))
	_, err := other.Do(t.Context(), act{ID: "C-1", By: desk}, EventAdded, adding(10))
	require.NoError(t, err)
	_, err = a.Do(t.Context(), act{ID: "C-1", By: desk, Version: 2}, EventAdded, adding(100))
	require.ErrorIs(t, err, history.ErrConflict)
	assert.Contains(t, err.Error(), "is at version 3, the act was decided on version 2")
	c, err := a.Do(t.Context(), act{ID: "C-1", By: desk, Version: 3}, EventAdded, adding(100))
	require.NoError(t, err)
	assert.Equal(t, 111, c.Total)
}

// TestKeptStateSurvivesAFailedWrite: a write failing for another reason
// than a conflict fails the act, and the kept state is still the one the
// next act starts from.
func TestKeptStateSurvivesAFailedWrite(t *testing.T) {
	store := &counting{Store: history.NewMemory[CounterID, Event]()}
	a, replays := incremental(store)
	openCounter(t, a, "C-1", 1)
	broken := errors.New("disk full")
	store.failWrite = broken
	_, err := a.Do(t.Context(), act{ID: "C-1", By: desk}, EventAdded, adding(100))
	require.ErrorIs(t, err, broken)
	c, err := a.Do(t.Context(), act{ID: "C-1", By: desk}, EventAdded, adding(2))
	require.NoError(t, err)
	assert.Equal(t, 3, c.Total)
	assert.Equal(t, 3, c.Version)
	assert.Equal(t, int64(0), store.loads.Load(), "loads")
	assert.Equal(t, int64(1), replays.Load(), "whole replays: the opening's only")
}
