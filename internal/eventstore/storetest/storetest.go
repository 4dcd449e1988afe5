// Package storetest is the conformance suite shared by every procedure store:
// each procedure's own suite (accesstest, complainttest, ...) runs it with its
// event type and sentinel errors. Each case states the rule it checks, and a
// failure prints it, like testing/fstest.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/eventlog"
	"github.com/puntodiascolto/ascolto/internal/eventstore"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
)

// Harness tells the suite how to build stores and events.
type Harness[ID ~string, E any] struct {
	// New returns a new, empty store. It is called once per case.
	New func(t *testing.T) eventstore.Store[ID, E]
	// Errors are the sentinels the store must wrap.
	Errors eventstore.Errors
	// Event returns a valid event of the procedure; distinct n give distinct
	// events (the suite checks that none is lost or reordered).
	Event func(n int) E
}

type rule struct {
	name string
	why  string
	run  func(t *testing.T)
}

// Run checks every clause of the eventstore.Store contract on stores made by h.New.
func Run[ID ~string, E any](t *testing.T, h Harness[ID, E]) {
	t.Helper()
	s := suite[ID, E]{h: h}
	for _, r := range []rule{
		{"RoundTrip", "Create then Load returns the same records (hash chain intact), version and index", s.roundTrip},
		{"LoadMissing", "Load of an unknown id wraps NotFound", s.loadMissing},
		{"CreateExisting", "Create of an existing id wraps Exists and leaves the first history untouched", s.createExisting},
		{"CreateEmpty", "Create without records wraps Invalid and stores nothing", s.createEmpty},
		{"AppendAdvancesVersion", "Append at the current version adds the records and replaces the index", s.appendAdvances},
		{"AppendMissing", "Append to an unknown id wraps NotFound", s.appendMissing},
		{"AppendStale", "Append at a stale version wraps Conflict and stores nothing", s.appendStale},
		{"AppendAllOrNothing", "a batch with one record out of sequence or unlinked wraps Invalid and stores none of it", s.appendAllOrNothing},
		{"Isolation", "changing what Load returned or what was passed in does not change the store", s.isolation},
		{"ListFilters", "List filters by kind, state, office, channel, tags, received and due ranges", s.listFilters},
		{"ListOrderAndPages", "List orders by (Received, ID), or (Due, ID) with a due range, and pages without loss or repetition", s.listPages},
		{"ListByTag", "a query narrowed by tags pages in the same order, with and without a due range, and follows tags that change", s.listByTag},
		{"ListFollowsAppend", "List sees the index of the last write, including a due date that moved or ended", s.listFollowsAppend},
		{"ListBadInput", "a negative limit or a foreign cursor wraps Invalid", s.listBadInput},
		{"CancelledContext", "every method fails with the context's error and stores nothing once the context is done", s.cancelled},
		{"ConcurrentWriters", "writers racing on one history: exactly one wins each version, no record is lost", s.concurrentWriters},
		{"ConcurrentStreams", "writers on different histories do not interfere", s.concurrentStreams},
	} {
		t.Run(r.name, func(t *testing.T) {
			defer func() {
				if t.Failed() {
					t.Logf("rule: %s", r.why)
				}
			}()
			r.run(t)
		})
	}
}

type suite[ID ~string, E any] struct{ h Harness[ID, E] }

var clerk = office.Actor{ID: "storetest", Role: office.FrontOffice, Office: "urp"}

func day(n int) deadline.Date { return deadline.MustDate(2026, time.January, 1).AddDays(n) }

func (s suite[ID, E]) records(t *testing.T, history []eventlog.Record[E], from, n int) []eventlog.Record[E] {
	t.Helper()
	events := make([]E, n)
	for i := range events {
		events[i] = s.h.Event(from + i)
	}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC).Add(time.Duration(from) * time.Minute)
	recs, err := eventlog.Extend(history, at, clerk, law.Cite("L. 241/1990", "25", "4"), events...)
	require.NoError(t, err)
	return recs
}

func (s suite[ID, E]) create(t *testing.T, st eventstore.Store[ID, E], id ID, idx eventstore.Index, n int) []eventlog.Record[E] {
	t.Helper()
	recs := s.records(t, nil, 0, n)
	require.NoError(t, st.Create(context.Background(), id, idx, recs...))
	return recs
}

func hashes[E any](recs []eventlog.Record[E]) []eventlog.Hash {
	out := make([]eventlog.Hash, len(recs))
	for i, r := range recs {
		out[i] = r.Hash
	}
	return out
}

// same checks that got holds exactly want: same hashes, and every hash still
// matches its content, which proves instants, actors, bases and events came
// back unchanged whatever the store's encoding.
func same[ID ~string, E any](t *testing.T, want []eventlog.Record[E], got eventstore.Stream[ID, E]) {
	t.Helper()
	require.NoError(t, eventlog.Verify(got.Records), "loaded history must verify")
	require.Equal(t, hashes(want), hashes(got.Records))
	require.Equal(t, len(want), got.Version)
}

func (s suite[ID, E]) roundTrip(t *testing.T) {
	st := s.h.New(t)
	idx := eventstore.Index{Kind: "k", State: "s", Office: "o", Channel: "pec", Received: day(1), Due: day(31), Tags: []string{"a:1", "b:2"}}
	recs := s.create(t, st, "req-1", idx, 3)
	got, err := st.Load(context.Background(), "req-1")
	require.NoError(t, err)
	require.Equal(t, ID("req-1"), got.ID)
	same(t, recs, got)
	require.Equal(t, idx, got.Index)
}

func (s suite[ID, E]) loadMissing(t *testing.T) {
	_, err := s.h.New(t).Load(context.Background(), "nope")
	require.ErrorIs(t, err, s.h.Errors.NotFound)
}

func (s suite[ID, E]) createExisting(t *testing.T) {
	st := s.h.New(t)
	first := s.create(t, st, "x", eventstore.Index{Kind: "k1", Received: day(1)}, 2)
	other := s.records(t, nil, 100, 1)
	err := st.Create(context.Background(), "x", eventstore.Index{Kind: "k2", Received: day(2)}, other...)
	require.ErrorIs(t, err, s.h.Errors.Exists)
	got, err := st.Load(context.Background(), "x")
	require.NoError(t, err)
	same(t, first, got)
	require.Equal(t, "k1", got.Index.Kind)
}

func (s suite[ID, E]) createEmpty(t *testing.T) {
	st := s.h.New(t)
	require.ErrorIs(t, st.Create(context.Background(), "x", eventstore.Index{}), s.h.Errors.Invalid)
	_, err := st.Load(context.Background(), "x")
	require.ErrorIs(t, err, s.h.Errors.NotFound)
}

func (s suite[ID, E]) appendAdvances(t *testing.T) {
	st := s.h.New(t)
	ctx := context.Background()
	recs := s.create(t, st, "x", eventstore.Index{State: "received", Received: day(1), Due: day(31)}, 1)
	more := s.records(t, recs, 1, 2)
	idx := eventstore.Index{State: "decided", Received: day(1)}
	require.NoError(t, st.Append(ctx, "x", 1, idx, more...))
	got, err := st.Load(ctx, "x")
	require.NoError(t, err)
	same(t, append(recs, more...), got)
	require.Equal(t, 3, got.Version)
	require.Equal(t, idx, got.Index)
}

func (s suite[ID, E]) appendMissing(t *testing.T) {
	st := s.h.New(t)
	err := st.Append(context.Background(), "ghost", 0, eventstore.Index{}, s.records(t, nil, 0, 1)...)
	require.ErrorIs(t, err, s.h.Errors.NotFound)
}

func (s suite[ID, E]) appendStale(t *testing.T) {
	st := s.h.New(t)
	ctx := context.Background()
	recs := s.create(t, st, "x", eventstore.Index{State: "a", Received: day(1)}, 2)
	// Someone else appended first: we read version 1 and write on it.
	stale := s.records(t, recs[:1], 50, 1)
	err := st.Append(ctx, "x", 1, eventstore.Index{State: "b", Received: day(1)}, stale...)
	require.ErrorIs(t, err, s.h.Errors.Conflict)
	got, err := st.Load(ctx, "x")
	require.NoError(t, err)
	same(t, recs, got)
	require.Equal(t, "a", got.Index.State)
}

func (s suite[ID, E]) appendAllOrNothing(t *testing.T) {
	st := s.h.New(t)
	ctx := context.Background()
	recs := s.create(t, st, "x", eventstore.Index{State: "a", Received: day(1)}, 1)
	good := s.records(t, recs, 1, 3)

	skipped := slices.Clone(good)
	skipped[2].Version = 9 // out of sequence
	require.ErrorIs(t, st.Append(ctx, "x", 1, eventstore.Index{State: "b"}, skipped...), s.h.Errors.Invalid)

	unlinked := slices.Clone(good)
	unlinked[1].Prev = eventlog.Hash{1} // does not link to its predecessor
	require.ErrorIs(t, st.Append(ctx, "x", 1, eventstore.Index{State: "b"}, unlinked...), s.h.Errors.Invalid)

	require.ErrorIs(t, st.Append(ctx, "x", 1, eventstore.Index{State: "b"}), s.h.Errors.Invalid, "an empty append is invalid")

	got, err := st.Load(ctx, "x")
	require.NoError(t, err)
	same(t, recs, got)
	require.Equal(t, "a", got.Index.State)

	require.NoError(t, st.Append(ctx, "x", 1, eventstore.Index{State: "b"}, good...), "the intact batch is accepted afterwards")
}

func (s suite[ID, E]) isolation(t *testing.T) {
	st := s.h.New(t)
	ctx := context.Background()
	tags := []string{"t:1"}
	recs := s.records(t, nil, 0, 2)
	require.NoError(t, st.Create(ctx, "x", eventstore.Index{Tags: tags, Received: day(1)}, recs...))
	want := hashes(recs)
	recs[0].Hash = eventlog.Hash{9}
	tags[0] = "t:changed"
	got, err := st.Load(ctx, "x")
	require.NoError(t, err)
	require.Equal(t, want, hashes(got.Records))
	require.Equal(t, []string{"t:1"}, got.Index.Tags)
	got.Records[1].Hash = eventlog.Hash{7}
	got.Index.Tags[0] = "t:mutated"
	again, err := st.Load(ctx, "x")
	require.NoError(t, err)
	require.Equal(t, want, hashes(again.Records))
	require.Equal(t, []string{"t:1"}, again.Index.Tags)
}

// fixture stores six histories with varied indexes.
func (s suite[ID, E]) fixture(t *testing.T) eventstore.Store[ID, E] {
	st := s.h.New(t)
	for _, f := range []struct {
		id  ID
		idx eventstore.Index
	}{
		{"a", eventstore.Index{Kind: "doc", State: "open", Office: "o1", Channel: "pec", Received: day(0), Due: day(30), Tags: []string{"m:1"}}},
		{"b", eventstore.Index{Kind: "foia", State: "open", Office: "o2", Channel: "email", Received: day(0), Due: day(10), Tags: []string{"m:1", "n:2"}}},
		{"c", eventstore.Index{Kind: "foia", State: "closed", Office: "o1", Channel: "pec", Received: day(5)}},
		{"d", eventstore.Index{Kind: "doc", State: "open", Office: "o2", Channel: "post", Received: day(9), Due: day(10)}},
		{"e", eventstore.Index{Kind: "civico", State: "open", Office: "o3", Channel: "pec", Received: day(20), Due: day(50), Tags: []string{"n:2"}}},
		{"f", eventstore.Index{Kind: "foia", State: "open", Office: "o1", Channel: "pec", Received: day(40), Due: day(70)}},
	} {
		s.create(t, st, f.id, f.idx, 1)
	}
	return st
}

func ids[ID ~string](t *testing.T, st interface {
	List(context.Context, eventstore.Query) (eventstore.Page[ID], error)
}, q eventstore.Query) []ID {
	t.Helper()
	var out []ID
	for {
		p, err := st.List(context.Background(), q)
		require.NoError(t, err)
		for _, it := range p.Items {
			out = append(out, it.ID)
		}
		if p.Next == "" {
			return out
		}
		q.Cursor = p.Next
	}
}

func (s suite[ID, E]) listFilters(t *testing.T) {
	st := s.fixture(t)
	for _, c := range []struct {
		name string
		q    eventstore.Query
		want []ID
	}{
		{"all", eventstore.Query{}, []ID{"a", "b", "c", "d", "e", "f"}},
		{"kinds", eventstore.Query{Kinds: []string{"foia", "civico"}}, []ID{"b", "c", "e", "f"}},
		{"states", eventstore.Query{States: []string{"closed"}}, []ID{"c"}},
		{"offices", eventstore.Query{Offices: []string{"o2"}}, []ID{"b", "d"}},
		{"channels", eventstore.Query{Channels: []string{"pec"}}, []ID{"a", "c", "e", "f"}},
		{"one tag", eventstore.Query{Tags: []string{"n:2"}}, []ID{"b", "e"}},
		{"all tags", eventstore.Query{Tags: []string{"m:1", "n:2"}}, []ID{"b"}},
		{"received range inclusive", eventstore.Query{ReceivedFrom: day(5), ReceivedTo: day(20)}, []ID{"c", "d", "e"}},
		{"received from", eventstore.Query{ReceivedFrom: day(21)}, []ID{"f"}},
		{"due range inclusive, by due", eventstore.Query{DueFrom: day(10), DueTo: day(30)}, []ID{"b", "d", "a"}},
		{"due to only", eventstore.Query{DueTo: day(10)}, []ID{"b", "d"}},
		{"due and kind", eventstore.Query{DueFrom: day(0), Kinds: []string{"foia"}}, []ID{"b", "f"}},
		{"due and received", eventstore.Query{DueFrom: day(0), ReceivedFrom: day(1)}, []ID{"d", "e", "f"}},
		{"and across fields", eventstore.Query{Kinds: []string{"foia"}, Channels: []string{"pec"}, States: []string{"open"}}, []ID{"f"}},
		{"nothing", eventstore.Query{Kinds: []string{"none"}}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			require.Equal(t, c.want, ids[ID](t, st, c.q))
		})
	}
}

func (s suite[ID, E]) listPages(t *testing.T) {
	st := s.h.New(t)
	const n = 57
	var want []ID
	for i := range n {
		id := ID(fmt.Sprintf("r%03d", (i*37)%n)) // created out of order
		s.create(t, st, id, eventstore.Index{Received: day(i % 4), Due: day(10 + i%3)}, 1)
	}
	// Expected order by (Received, ID).
	type key struct {
		d  deadline.Date
		id ID
	}
	var keys, dueKeys []key
	for i := range n {
		id := ID(fmt.Sprintf("r%03d", (i*37)%n))
		keys = append(keys, key{day(i % 4), id})
		dueKeys = append(dueKeys, key{day(10 + i%3), id})
	}
	order := func(ks []key) []ID {
		slices.SortFunc(ks, func(a, b key) int {
			if c := a.d.Compare(b.d); c != 0 {
				return c
			}
			if a.id < b.id {
				return -1
			}
			if a.id > b.id {
				return 1
			}
			return 0
		})
		out := make([]ID, len(ks))
		for i, k := range ks {
			out[i] = k.id
		}
		return out
	}
	want = order(keys)
	for _, limit := range []int{1, 5, 10, 56, 57, 100} {
		require.Equal(t, want, ids[ID](t, st, eventstore.Query{Limit: limit}), "limit %d", limit)
	}
	wantDue := order(dueKeys)
	for _, limit := range []int{1, 7, 57} {
		require.Equal(t, wantDue, ids[ID](t, st, eventstore.Query{DueFrom: day(0), Limit: limit}), "due, limit %d", limit)
	}
	p, err := st.List(context.Background(), eventstore.Query{Limit: eventstore.MaxLimit + 1})
	require.NoError(t, err)
	require.Len(t, p.Items, n, "a limit above MaxLimit is capped, not refused")
}

func (s suite[ID, E]) listFollowsAppend(t *testing.T) {
	st := s.h.New(t)
	ctx := context.Background()
	recs := s.create(t, st, "x", eventstore.Index{State: "open", Received: day(1), Due: day(31)}, 1)
	require.Equal(t, []ID{"x"}, ids[ID](t, st, eventstore.Query{DueFrom: day(31), DueTo: day(31)}))

	more := s.records(t, recs, 1, 1)
	require.NoError(t, st.Append(ctx, "x", 1, eventstore.Index{State: "suspended", Received: day(1), Due: day(38)}, more...))
	require.Empty(t, ids[ID](t, st, eventstore.Query{DueFrom: day(31), DueTo: day(31)}))
	require.Equal(t, []ID{"x"}, ids[ID](t, st, eventstore.Query{DueFrom: day(38), DueTo: day(38), States: []string{"suspended"}}))

	last := s.records(t, append(recs, more...), 2, 1)
	require.NoError(t, st.Append(ctx, "x", 2, eventstore.Index{State: "closed", Received: day(1)}, last...))
	require.Empty(t, ids[ID](t, st, eventstore.Query{DueFrom: day(0)}), "nothing due once the index has no due date")
	require.Equal(t, []ID{"x"}, ids[ID](t, st, eventstore.Query{States: []string{"closed"}}))
}

func (s suite[ID, E]) listBadInput(t *testing.T) {
	st := s.fixture(t)
	ctx := context.Background()
	_, err := st.List(ctx, eventstore.Query{Limit: -1})
	require.ErrorIs(t, err, s.h.Errors.Invalid)
	_, err = st.List(ctx, eventstore.Query{Cursor: "not a cursor!"})
	require.ErrorIs(t, err, s.h.Errors.Invalid)
	p, err := st.List(ctx, eventstore.Query{Limit: 1})
	require.NoError(t, err)
	require.NotEmpty(t, p.Next)
	_, err = st.List(ctx, eventstore.Query{DueFrom: day(0), Cursor: p.Next})
	require.ErrorIs(t, err, s.h.Errors.Invalid, "a cursor of a received-ordered query cannot page a due-ordered one")
}

func (s suite[ID, E]) cancelled(t *testing.T) {
	st := s.h.New(t)
	recs := s.create(t, st, "x", eventstore.Index{State: "a", Received: day(1)}, 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, st.Create(ctx, "y", eventstore.Index{}, s.records(t, nil, 0, 1)...), context.Canceled)
	require.ErrorIs(t, st.Append(ctx, "x", 1, eventstore.Index{State: "b"}, s.records(t, recs, 1, 1)...), context.Canceled)
	_, err := st.Load(ctx, "x")
	require.ErrorIs(t, err, context.Canceled)
	_, err = st.List(ctx, eventstore.Query{})
	require.ErrorIs(t, err, context.Canceled)

	bg := context.Background()
	_, err = st.Load(bg, "y")
	require.ErrorIs(t, err, s.h.Errors.NotFound)
	got, err := st.Load(bg, "x")
	require.NoError(t, err)
	same(t, recs, got)
	require.Equal(t, "a", got.Index.State)
}

func (s suite[ID, E]) concurrentWriters(t *testing.T) {
	st := s.h.New(t)
	ctx := context.Background()
	s.create(t, st, "x", eventstore.Index{Received: day(1)}, 1)
	const writers, rounds = 8, 25
	var wins atomic.Int64
	var mu sync.Mutex
	won := map[int]int{} // version -> writer
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				for {
					cur, err := st.Load(ctx, "x")
					if err != nil {
						t.Error(err)
						return
					}
					recs := s.records(t, cur.Records, 1000*(w+1)+r, 1)
					err = st.Append(ctx, "x", cur.Version, eventstore.Index{Received: day(1)}, recs...)
					if errors.Is(err, s.h.Errors.Conflict) {
						continue
					}
					if err != nil {
						t.Error(err)
						return
					}
					wins.Add(1)
					mu.Lock()
					if prev, dup := won[recs[0].Version]; dup {
						t.Errorf("version %d won by writers %d and %d", recs[0].Version, prev, w)
					}
					won[recs[0].Version] = w
					mu.Unlock()
					break
				}
			}
		}()
	}
	wg.Wait()
	got, err := st.Load(ctx, "x")
	require.NoError(t, err)
	require.EqualValues(t, writers*rounds, wins.Load())
	require.Equal(t, 1+writers*rounds, got.Version, "every successful append is kept")
	require.NoError(t, eventlog.Verify(got.Records))
}

func (s suite[ID, E]) concurrentStreams(t *testing.T) {
	st := s.h.New(t)
	ctx := context.Background()
	const n = 64
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := ID(fmt.Sprintf("s%02d", i))
			recs := s.records(t, nil, i, 1)
			if err := st.Create(ctx, id, eventstore.Index{Received: day(i % 5), Due: day(30 + i%7)}, recs...); err != nil {
				t.Error(err)
				return
			}
			more := s.records(t, recs, i+100, 2)
			if err := st.Append(ctx, id, 1, eventstore.Index{Received: day(i % 5), Due: day(40 + i%3)}, more...); err != nil {
				t.Error(err)
			}
			if _, err := st.List(ctx, eventstore.Query{DueFrom: day(0)}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	all := ids[ID](t, st, eventstore.Query{DueFrom: day(40), DueTo: day(42)})
	require.Len(t, all, n)
	for i := range n {
		got, err := st.Load(ctx, ID(fmt.Sprintf("s%02d", i)))
		require.NoError(t, err)
		require.Equal(t, 3, got.Version)
	}
}

func (s suite[ID, E]) listByTag(t *testing.T) {
	st := s.h.New(t)
	ctx := context.Background()
	const n = 40
	var want, wantDue []ID
	type key struct {
		d  deadline.Date
		id ID
	}
	var keys, dueKeys []key
	for i := range n {
		id := ID(fmt.Sprintf("t%02d", (i*7)%n))
		tags := []string{"all:yes"}
		if i%3 == 0 {
			tags = append(tags, "cell:42")
		}
		s.create(t, st, id, eventstore.Index{Received: day(i % 5), Due: day(20 + i%4), Tags: tags}, 1)
		if i%3 == 0 {
			keys = append(keys, key{day(i % 5), id})
			dueKeys = append(dueKeys, key{day(20 + i%4), id})
		}
	}
	sortKeys := func(ks []key) []ID {
		slices.SortFunc(ks, func(a, b key) int {
			if c := a.d.Compare(b.d); c != 0 {
				return c
			}
			return strings.Compare(string(a.id), string(b.id))
		})
		out := make([]ID, len(ks))
		for i, k := range ks {
			out[i] = k.id
		}
		return out
	}
	want, wantDue = sortKeys(keys), sortKeys(dueKeys)
	for _, limit := range []int{1, 4, 14, 100} {
		require.Equal(t, want, ids[ID](t, st, eventstore.Query{Tags: []string{"cell:42"}, Limit: limit}), "limit %d", limit)
		require.Equal(t, want, ids[ID](t, st, eventstore.Query{Tags: []string{"all:yes", "cell:42"}, Limit: limit}), "two tags, limit %d", limit)
		require.Equal(t, wantDue, ids[ID](t, st, eventstore.Query{Tags: []string{"cell:42"}, DueFrom: day(0), Limit: limit}), "by due, limit %d", limit)
	}
	// Only i = 9 has i%3 == 0 (cell:42), due day(20+i%4) = day(21) and
	// received day(i%5) = day(4); its ID is t(9*7 mod 40) = t23.
	require.Equal(t, []ID{"t23"}, ids[ID](t, st, eventstore.Query{Tags: []string{"cell:42"}, DueFrom: day(21), DueTo: day(21), ReceivedFrom: day(4)}),
		"due and received ranges still filter a tag query")
	require.Empty(t, ids[ID](t, st, eventstore.Query{Tags: []string{"cell:nowhere"}}))

	// Moving a stream to another cell moves it in tag queries.
	first := want[0]
	cur, err := st.Load(ctx, first)
	require.NoError(t, err)
	idx := cur.Index
	idx.Tags = []string{"all:yes", "cell:43"}
	require.NoError(t, st.Append(ctx, first, cur.Version, idx, s.records(t, cur.Records, 500, 1)...))
	require.Equal(t, want[1:], ids[ID](t, st, eventstore.Query{Tags: []string{"cell:42"}}))
	require.Equal(t, []ID{first}, ids[ID](t, st, eventstore.Query{Tags: []string{"cell:43"}}))
}
