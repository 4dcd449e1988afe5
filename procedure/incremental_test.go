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
