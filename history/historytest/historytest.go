// Package historytest is the conformance suite of history.Store: any
// implementation (the in-memory one, a city's own on its database) runs
// Run and passes every case. Like testing/fstest, it uses only the testing
// package, and each case carries the rule it checks, printed when it fails.
//
// The suite opens a second handle on the same storage (another connection
// pool, another process's view) and races writers across handles, so a
// store that is only correct behind one Go mutex fails it.
package historytest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
)

// Harness tells the suite how to reach the store under test.
type Harness[ID ~string, E any] struct {
	// Open prepares a fresh, empty storage for one case and returns a
	// function that opens a handle on it: every call opens another handle on
	// the same storage (a new *sql.DB on the same database, say). For a
	// store that lives in one process's memory, every call may return the
	// same store.
	Open func(t *testing.T) func() history.Store[ID, E]
	// Event returns a valid event of the procedure; distinct n give
	// distinct events (the suite checks none is lost or reordered).
	Event func(n int) E
	// Large is the number of records of the large history; 0 means 5,000
	// (a popular proposal's signatures).
	Large int
}

// short reports whether the suite runs trimmed: under go test -short the
// concurrency rules run fewer writers and rounds and the large history has
// at most 1,000 records, so that a slow store (one file rewritten per
// write) can run every rule under -race in seconds. The full suite is the
// contract: run it without -short too.
func short() bool { return testing.Short() }

type rule struct {
	name, why string
	run       func(t *testing.T)
}

// Run checks every clause of the history.Store contract.
func Run[ID ~string, E any](t *testing.T, h Harness[ID, E]) {
	t.Helper()
	s := suite[ID, E]{h: h}
	for _, r := range []rule{
		{"RoundTrip", "Write then Load returns the same records (each verifies against the stored head), the head and the index", s.roundTrip},
		{"LoadAfter", "Load with after > 0 returns only the later records and the whole head", s.loadAfter},
		{"LoadMissing", "Load of an unknown ID wraps ErrNotFound", s.loadMissing},
		{"CreateExisting", "creating an existing ID wraps ErrExists and leaves the first history untouched", s.createExisting},
		{"CreateEmpty", "creating without records wraps ErrInvalid and stores nothing", s.createEmpty},
		{"AppendAdvances", "appending at the current version adds the records, moves the head and replaces the index", s.appendAdvances},
		{"AppendMissing", "appending to an unknown ID wraps ErrNotFound", s.appendMissing},
		{"AppendStale", "appending at a stale version wraps ErrConflict and stores nothing", s.appendStale},
		{"AppendAllOrNothing", "a batch with a record out of sequence, unlinked or unsealed wraps ErrInvalid and stores none of it", s.appendAllOrNothing},
		{"BatchAllOrNothing", "a Write across histories in which one change fails stores none of them", s.batchAllOrNothing},
		{"Reindex", "a change without records rewrites only the index, at the expected version", s.reindex},
		{"Isolation", "changing what Load returned or what was passed to Write does not change the store", s.isolation},
		{"TimeAndTags", "instants read back equal and in UTC; nil and empty tags read back nil; tags keep their order", s.timeAndTags},
		{"ByteOrderIDs", "mixed-case and non-ASCII IDs are kept exactly and ordered byte by byte", s.byteOrder},
		{"BadIDs", "empty, over-long, invalid UTF-8 or control-character IDs wrap ErrInvalid", s.badIDs},
		{"ListFilters", "List filters by kind, state, office, channel, tags, received and due ranges", s.listFilters},
		{"ListOrderAndPages", "List orders by (Received, ID), or (Due, ID) with a due range, and pages without loss or repetition", s.listPages},
		{"ListByTag", "a query narrowed by tags pages in the same order, and follows tags that change", s.listByTag},
		{"ListBadInput", "a negative limit or a foreign cursor wraps ErrInvalid", s.listBadInput},
		{"LargeHistory", "a history of thousands of records loads whole, in order, and verifies", s.large},
		{"CancelledContext", "every method fails with the context's error once it is done, and stores nothing", s.cancelled},
		{"CancelledDuringWrite", "a context cancelled during a Write leaves all of it or none of it", s.cancelledDuring},
		{"ConcurrentWritersAcrossHandles", "writers on two handles racing on one history: exactly one wins each version, nothing is lost, the chain holds", s.concurrentWriters},
		{"CrossedBatchesAcrossHandles", "two batches touching the same two histories in opposite orders: never both at one version, never half of one", s.crossedBatches},
		{"ConcurrentHistories", "writers on different histories through different handles do not interfere", s.concurrentHistories},
	} {
		t.Run(r.name, func(t *testing.T) {
			t.Cleanup(func() {
				if t.Failed() {
					t.Logf("rule: %s", r.why)
				}
			})
			r.run(t)
		})
	}
}

type suite[ID ~string, E any] struct{ h Harness[ID, E] }

var clerk = office.Actor{ID: "historytest", Role: office.FrontOffice, Office: "urp"}

func day(n int) deadline.Date { return deadline.MustDate(2026, time.January, 1).AddDays(n) }

var bg = context.Background()

// fatal stops the case when err is not nil.
func fatal(t *testing.T, err error, what string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// wantErr stops the case unless err wraps target.
func wantErr(t *testing.T, err, target error, what string) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("%s: got error %v, want one wrapping %v", what, err, target)
	}
}

func equal(t *testing.T, got, want any, what string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\n got  %#v\n want %#v", what, got, want)
	}
}

func (s suite[ID, E]) store(t *testing.T) (history.Store[ID, E], func() history.Store[ID, E]) {
	t.Helper()
	open := s.h.Open(t)
	return open(), open
}

// records seals n events numbered from n0 after head.
func (s suite[ID, E]) records(t *testing.T, head history.Head, n0, n int) []history.Record[E] {
	t.Helper()
	events := make([]E, n)
	for i := range events {
		events[i] = s.h.Event(n0 + i)
	}
	at := time.Date(2026, 3, 2, 9, 0, 0, 123456789, time.UTC).Add(time.Duration(n0) * time.Minute)
	recs, err := history.Extend(head, at, day(60), clerk, law.Cite("L. 241/1990", "25", "4"), events...)
	fatal(t, err, "sealing test records")
	return recs
}

func headOf[E any](recs []history.Record[E]) history.Head {
	if len(recs) == 0 {
		return history.Head{}
	}
	return history.Head{Version: recs[len(recs)-1].Version, Hash: recs[len(recs)-1].Hash}
}

func (s suite[ID, E]) create(t *testing.T, st history.Store[ID, E], id ID, idx history.Index, n int) []history.Record[E] {
	t.Helper()
	recs := s.records(t, history.Head{}, 0, n)
	fatal(t, st.Write(bg, history.Change[ID, E]{ID: id, Index: idx, Records: recs}), "creating "+string(id))
	return recs
}

func appendTo[ID ~string, E any](st history.Store[ID, E], id ID, expected int, idx history.Index, recs []history.Record[E]) error {
	return st.Write(bg, history.Change[ID, E]{ID: id, Expected: expected, Index: idx, Records: recs})
}

func hashes[E any](recs []history.Record[E]) []history.Hash {
	out := make([]history.Hash, len(recs))
	for i, r := range recs {
		out[i] = r.Hash
	}
	return out
}

// same checks that got holds exactly want and verifies against its head:
// every hash still matching its content proves instants, days, actors,
// bases and events came back unchanged, whatever the store's encoding.
func same[ID ~string, E any](t *testing.T, want []history.Record[E], got history.Stream[ID, E]) {
	t.Helper()
	fatal(t, got.Verify(), "the loaded history must verify against its head")
	equal(t, hashes(got.Records), hashes(want), "record hashes")
	equal(t, got.Head, headOf(want), "head")
}

func load[ID ~string, E any](t *testing.T, st history.Store[ID, E], id ID) history.Stream[ID, E] {
	t.Helper()
	got, err := st.Load(bg, id, 0)
	fatal(t, err, "loading "+string(id))
	return got
}

func (s suite[ID, E]) roundTrip(t *testing.T) {
	st, open := s.store(t)
	idx := history.Index{Kind: "k", State: "s", Office: "o", Channel: "pec", Received: day(1), Due: day(31), Tags: []string{"a:1", "b:2"}}
	recs := s.create(t, st, "req-1", idx, 3)
	for _, h := range []history.Store[ID, E]{st, open()} {
		got := load(t, h, "req-1")
		equal(t, got.ID, ID("req-1"), "ID")
		same(t, recs, got)
		equal(t, got.Index, idx, "index")
		for i := range recs {
			equal(t, got.Records[i].Event, recs[i].Event, "event read back")
			equal(t, got.Records[i].On, recs[i].On, "day of the fact read back")
			equal(t, got.Records[i].Actor, recs[i].Actor, "actor read back")
		}
	}
}

func (s suite[ID, E]) loadAfter(t *testing.T) {
	st, _ := s.store(t)
	recs := s.create(t, st, "x", history.Index{Received: day(1)}, 5)
	got, err := st.Load(bg, "x", 3)
	fatal(t, err, "Load after 3")
	equal(t, hashes(got.Records), hashes(recs[3:]), "records after version 3")
	equal(t, got.Head, headOf(recs), "head")
	got, err = st.Load(bg, "x", 5)
	fatal(t, err, "Load after 5")
	if len(got.Records) != 0 || got.Head != headOf(recs) {
		t.Fatalf("Load after the head: %d records, head %v", len(got.Records), got.Head)
	}
}

func (s suite[ID, E]) loadMissing(t *testing.T) {
	st, _ := s.store(t)
	_, err := st.Load(bg, "nope", 0)
	wantErr(t, err, history.ErrNotFound, "Load of an unknown ID")
}

func (s suite[ID, E]) createExisting(t *testing.T) {
	st, _ := s.store(t)
	first := s.create(t, st, "x", history.Index{Kind: "k1", Received: day(1)}, 2)
	other := s.records(t, history.Head{}, 100, 1)
	err := st.Write(bg, history.Change[ID, E]{ID: "x", Index: history.Index{Kind: "k2", Received: day(2)}, Records: other})
	wantErr(t, err, history.ErrExists, "creating an existing ID")
	got := load(t, st, "x")
	same(t, first, got)
	equal(t, got.Index.Kind, "k1", "index kept")
}

func (s suite[ID, E]) createEmpty(t *testing.T) {
	st, _ := s.store(t)
	wantErr(t, st.Write(bg, history.Change[ID, E]{ID: "x"}), history.ErrInvalid, "creating with no records")
	wantErr(t, st.Write(bg), history.ErrInvalid, "writing nothing")
	_, err := st.Load(bg, "x", 0)
	wantErr(t, err, history.ErrNotFound, "nothing was created")
}

func (s suite[ID, E]) appendAdvances(t *testing.T) {
	st, open := s.store(t)
	recs := s.create(t, st, "x", history.Index{State: "received", Received: day(1), Due: day(31)}, 1)
	more := s.records(t, headOf(recs), 1, 2)
	idx := history.Index{State: "decided", Received: day(1)}
	fatal(t, appendTo(open(), "x", 1, idx, more), "append on a second handle")
	got := load(t, st, "x")
	same(t, append(recs, more...), got)
	equal(t, got.Index, idx, "index replaced")
}

func (s suite[ID, E]) appendMissing(t *testing.T) {
	st, _ := s.store(t)
	recs := s.records(t, history.Head{Version: 1, Hash: history.Hash{1}}, 0, 1)
	wantErr(t, appendTo(st, "ghost", 1, history.Index{}, recs), history.ErrNotFound, "append to an unknown ID")
}

func (s suite[ID, E]) appendStale(t *testing.T) {
	st, _ := s.store(t)
	recs := s.create(t, st, "x", history.Index{State: "a", Received: day(1)}, 2)
	stale := s.records(t, headOf(recs[:1]), 50, 1) // read at version 1, someone appended since
	wantErr(t, appendTo(st, "x", 1, history.Index{State: "b", Received: day(1)}, stale), history.ErrConflict, "append at a stale version")
	got := load(t, st, "x")
	same(t, recs, got)
	equal(t, got.Index.State, "a", "index kept")
}

func (s suite[ID, E]) appendAllOrNothing(t *testing.T) {
	st, _ := s.store(t)
	recs := s.create(t, st, "x", history.Index{State: "a", Received: day(1)}, 1)
	good := s.records(t, headOf(recs), 1, 3)
	idx := history.Index{State: "b", Received: day(1)}

	skipped := slices.Clone(good)
	skipped[2].Version = 9
	wantErr(t, appendTo(st, "x", 1, idx, skipped), history.ErrInvalid, "a record out of sequence")
	unlinked := slices.Clone(good)
	unlinked[1].Prev = history.Hash{1}
	wantErr(t, appendTo(st, "x", 1, idx, unlinked), history.ErrInvalid, "a record not linked to its predecessor")
	unsealed := slices.Clone(good)
	unsealed[2].Hash = history.Hash{2}
	wantErr(t, appendTo(st, "x", 1, idx, unsealed), history.ErrInvalid, "a record whose hash is not its content's")
	foreign := s.records(t, history.Head{Version: 1, Hash: history.Hash{3}}, 1, 1)
	wantErr(t, appendTo(st, "x", 1, idx, foreign), history.ErrInvalid, "a first record not linked to the stored head")

	got := load(t, st, "x")
	same(t, recs, got)
	equal(t, got.Index.State, "a", "index kept")
	fatal(t, appendTo(st, "x", 1, idx, good), "the intact batch is accepted afterwards")
}

func (s suite[ID, E]) batchAllOrNothing(t *testing.T) {
	st, _ := s.store(t)
	a := s.create(t, st, "a", history.Index{State: "a0", Received: day(1)}, 1)
	b := s.create(t, st, "b", history.Index{State: "b0", Received: day(1)}, 2)
	goodA := history.Change[ID, E]{ID: "a", Expected: 1, Index: history.Index{State: "a1", Received: day(1)}, Records: s.records(t, headOf(a), 10, 1)}
	staleB := history.Change[ID, E]{ID: "b", Expected: 1, Index: history.Index{State: "b1", Received: day(1)}, Records: s.records(t, headOf(b[:1]), 11, 1)}
	newC := history.Change[ID, E]{ID: "c", Index: history.Index{State: "c0", Received: day(1)}, Records: s.records(t, history.Head{}, 12, 1)}
	wantErr(t, st.Write(bg, goodA, newC, staleB), history.ErrConflict, "a batch with one stale change")
	same(t, a, load(t, st, "a"))
	same(t, b, load(t, st, "b"))
	_, err := st.Load(bg, "c", 0)
	wantErr(t, err, history.ErrNotFound, "the new history of a failed batch is not created")
	wantErr(t, st.Write(bg, goodA, goodA), history.ErrInvalid, "one history twice in a batch")

	fatal(t, st.Write(bg, goodA, newC), "the batch without its stale change")
	equal(t, load(t, st, "a").Index.State, "a1", "a written")
	equal(t, load(t, st, "c").Index.State, "c0", "c created")
}

func (s suite[ID, E]) reindex(t *testing.T) {
	st, _ := s.store(t)
	recs := s.create(t, st, "x", history.Index{State: "a", Received: day(1), Due: day(30)}, 2)
	idx := history.Index{State: "a", Received: day(1), Due: day(29), Tags: []string{"k:v"}}
	wantErr(t, st.Write(bg, history.Change[ID, E]{ID: "x", Expected: 1, Index: idx}), history.ErrConflict, "a reindex at a stale version")
	fatal(t, st.Write(bg, history.Change[ID, E]{ID: "x", Expected: 2, Index: idx}), "reindex")
	got := load(t, st, "x")
	same(t, recs, got)
	equal(t, got.Index, idx, "new index")
	equal(t, ids(t, st, history.Query{DueFrom: day(29), DueTo: day(29)}), []ID{"x"}, "the new due date is queryable")
}

func (s suite[ID, E]) isolation(t *testing.T) {
	st, _ := s.store(t)
	tags := []string{"t:1"}
	recs := s.records(t, history.Head{}, 0, 2)
	fatal(t, st.Write(bg, history.Change[ID, E]{ID: "x", Index: history.Index{Tags: tags, Received: day(1)}, Records: recs}), "create")
	want := hashes(recs)
	recs[0].Hash = history.Hash{9}
	recs[1].Event = s.h.Event(999)
	tags[0] = "t:changed"
	got := load(t, st, "x")
	equal(t, hashes(got.Records), want, "hashes after changing the written slice")
	fatal(t, got.Verify(), "verify after changing the written slice")
	equal(t, got.Index.Tags, []string{"t:1"}, "tags after changing the written slice")
	got.Records[1].Hash = history.Hash{7}
	got.Records[0].Event = s.h.Event(998)
	got.Index.Tags[0] = "t:mutated"
	again := load(t, st, "x")
	equal(t, hashes(again.Records), want, "hashes after changing what Load returned")
	fatal(t, again.Verify(), "verify after changing what Load returned")
	equal(t, again.Index.Tags, []string{"t:1"}, "tags after changing what Load returned")
}

func (s suite[ID, E]) timeAndTags(t *testing.T) {
	st, open := s.store(t)
	s.create(t, st, "nil", history.Index{Received: day(1)}, 1)
	s.create(t, st, "empty", history.Index{Received: day(1), Tags: []string{}}, 1)
	s.create(t, st, "order", history.Index{Received: day(1), Tags: []string{"z:1", "a:1", "m:1"}}, 1)
	other := open()
	for _, id := range []ID{"nil", "empty"} {
		if tags := load(t, other, id).Index.Tags; tags != nil {
			t.Fatalf("%s: tags read back as %#v, want nil", id, tags)
		}
	}
	equal(t, load(t, other, "order").Index.Tags, []string{"z:1", "a:1", "m:1"}, "tag order")
	r := load(t, other, "nil").Records[0]
	want := time.Date(2026, 3, 2, 9, 0, 0, 123456789, time.UTC)
	if !r.At.Equal(want) || r.At.Location() != time.UTC {
		t.Fatalf("At read back as %v (%v), want %v in UTC", r.At, r.At.Location(), want)
	}
	equal(t, r.On, day(60), "day of the fact")
}

func (s suite[ID, E]) byteOrder(t *testing.T) {
	st, _ := s.store(t)
	names := []ID{"b", "B", "a", "Z", "é", "e", "ß", "z", "Á", "0", "~", "日本"}
	for _, id := range names {
		s.create(t, st, id, history.Index{Received: day(1)}, 1)
	}
	want := slices.Clone(names)
	slices.Sort(want) // Go compares strings byte by byte
	equal(t, ids(t, st, history.Query{Limit: 5}), want, "byte order")
	for _, id := range names {
		equal(t, load(t, st, id).ID, id, "ID read back")
	}
	_, err := st.Load(bg, "É", 0)
	wantErr(t, err, history.ErrNotFound, "IDs are case-sensitive")
}

func (s suite[ID, E]) badIDs(t *testing.T) {
	st, _ := s.store(t)
	for _, id := range []ID{"", ID(strings.Repeat("x", history.MaxIDLength+1)), "bad\xff", "tab\there"} {
		err := st.Write(bg, history.Change[ID, E]{ID: id, Index: history.Index{Received: day(1)}, Records: s.records(t, history.Head{}, 0, 1)})
		wantErr(t, err, history.ErrInvalid, fmt.Sprintf("ID %q", id))
	}
	s.create(t, st, ID(strings.Repeat("x", history.MaxIDLength)), history.Index{Received: day(1)}, 1)
}

// fixture stores six histories with varied indexes.
func (s suite[ID, E]) fixture(t *testing.T) history.Store[ID, E] {
	st, _ := s.store(t)
	for _, f := range []struct {
		id  ID
		idx history.Index
	}{
		{"a", history.Index{Kind: "doc", State: "open", Office: "o1", Channel: "pec", Received: day(0), Due: day(30), Tags: []string{"m:1"}}},
		{"b", history.Index{Kind: "foia", State: "open", Office: "o2", Channel: "email", Received: day(0), Due: day(10), Tags: []string{"m:1", "n:2"}}},
		{"c", history.Index{Kind: "foia", State: "closed", Office: "o1", Channel: "pec", Received: day(5)}},
		{"d", history.Index{Kind: "doc", State: "open", Office: "o2", Channel: "post", Received: day(9), Due: day(10)}},
		{"e", history.Index{Kind: "civico", State: "open", Office: "o3", Channel: "pec", Received: day(20), Due: day(50), Tags: []string{"n:2"}}},
		{"f", history.Index{Kind: "foia", State: "open", Office: "o1", Channel: "pec", Received: day(40), Due: day(70)}},
	} {
		s.create(t, st, f.id, f.idx, 1)
	}
	return st
}

func ids[ID ~string, E any](t *testing.T, st history.Store[ID, E], q history.Query) []ID {
	t.Helper()
	var out []ID
	for {
		p, err := st.List(bg, q)
		fatal(t, err, "List")
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
		q    history.Query
		want []ID
	}{
		{"all", history.Query{}, []ID{"a", "b", "c", "d", "e", "f"}},
		{"kinds", history.Query{Kinds: []string{"foia", "civico"}}, []ID{"b", "c", "e", "f"}},
		{"states", history.Query{States: []string{"closed"}}, []ID{"c"}},
		{"offices", history.Query{Offices: []string{"o2"}}, []ID{"b", "d"}},
		{"channels", history.Query{Channels: []string{"pec"}}, []ID{"a", "c", "e", "f"}},
		{"one tag", history.Query{Tags: []string{"n:2"}}, []ID{"b", "e"}},
		{"all tags", history.Query{Tags: []string{"m:1", "n:2"}}, []ID{"b"}},
		{"received range inclusive", history.Query{ReceivedFrom: day(5), ReceivedTo: day(20)}, []ID{"c", "d", "e"}},
		{"received from", history.Query{ReceivedFrom: day(21)}, []ID{"f"}},
		{"due range inclusive, by due", history.Query{DueFrom: day(10), DueTo: day(30)}, []ID{"b", "d", "a"}},
		{"due to only", history.Query{DueTo: day(10)}, []ID{"b", "d"}},
		{"due and kind", history.Query{DueFrom: day(0), Kinds: []string{"foia"}}, []ID{"b", "f"}},
		{"due and received", history.Query{DueFrom: day(0), ReceivedFrom: day(1)}, []ID{"d", "e", "f"}},
		{"and across fields", history.Query{Kinds: []string{"foia"}, Channels: []string{"pec"}, States: []string{"open"}}, []ID{"f"}},
		{"nothing", history.Query{Kinds: []string{"none"}}, nil},
	} {
		t.Run(c.name, func(t *testing.T) { equal(t, ids(t, st, c.q), c.want, "IDs") })
	}
}

type key[ID ~string] struct {
	d  deadline.Date
	id ID
}

func order[ID ~string](ks []key[ID]) []ID {
	slices.SortFunc(ks, func(a, b key[ID]) int {
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

func (s suite[ID, E]) listPages(t *testing.T) {
	st, _ := s.store(t)
	const n = 57
	var keys, dueKeys []key[ID]
	for i := range n {
		id := ID(fmt.Sprintf("r%03d", (i*37)%n)) // created out of order
		s.create(t, st, id, history.Index{Received: day(i % 4), Due: day(10 + i%3)}, 1)
		keys = append(keys, key[ID]{day(i % 4), id})
		dueKeys = append(dueKeys, key[ID]{day(10 + i%3), id})
	}
	want, wantDue := order(keys), order(dueKeys)
	for _, limit := range []int{1, 5, 10, 56, 57, 100} {
		equal(t, ids(t, st, history.Query{Limit: limit}), want, fmt.Sprintf("by received, limit %d", limit))
	}
	for _, limit := range []int{1, 7, 57} {
		equal(t, ids(t, st, history.Query{DueFrom: day(0), Limit: limit}), wantDue, fmt.Sprintf("by due, limit %d", limit))
	}
	p, err := st.List(bg, history.Query{Limit: history.MaxLimit + 1})
	fatal(t, err, "List over MaxLimit")
	equal(t, len(p.Items), n, "a limit above MaxLimit is capped, not refused")
}

func (s suite[ID, E]) listByTag(t *testing.T) {
	st, _ := s.store(t)
	const n = 40
	var keys, dueKeys []key[ID]
	for i := range n {
		id := ID(fmt.Sprintf("t%02d", (i*7)%n))
		tags := []string{"all:yes"}
		if i%3 == 0 {
			tags = append(tags, "cell:42")
			keys = append(keys, key[ID]{day(i % 5), id})
			dueKeys = append(dueKeys, key[ID]{day(20 + i%4), id})
		}
		s.create(t, st, id, history.Index{Received: day(i % 5), Due: day(20 + i%4), Tags: tags}, 1)
	}
	want, wantDue := order(keys), order(dueKeys)
	for _, limit := range []int{1, 4, 14, 100} {
		equal(t, ids(t, st, history.Query{Tags: []string{"cell:42"}, Limit: limit}), want, "one tag")
		equal(t, ids(t, st, history.Query{Tags: []string{"all:yes", "cell:42"}, Limit: limit}), want, "two tags")
		equal(t, ids(t, st, history.Query{Tags: []string{"cell:42"}, DueFrom: day(0), Limit: limit}), wantDue, "by due")
	}
	// Only i = 9 has cell:42, due day(21) and received day(4): ID t(63 mod 40) = t23.
	equal(t, ids(t, st, history.Query{Tags: []string{"cell:42"}, DueFrom: day(21), DueTo: day(21), ReceivedFrom: day(4)}), []ID{"t23"}, "ranges filter a tag query")
	if got := ids(t, st, history.Query{Tags: []string{"cell:nowhere"}}); len(got) != 0 {
		t.Fatalf("unknown tag matched %v", got)
	}
	first := want[0]
	cur := load(t, st, first)
	idx := cur.Index
	idx.Tags = []string{"all:yes", "cell:43"}
	fatal(t, appendTo(st, first, cur.Head.Version, idx, s.records(t, cur.Head, 500, 1)), "retag")
	equal(t, ids(t, st, history.Query{Tags: []string{"cell:42"}}), want[1:], "moved out of its old tag")
	equal(t, ids(t, st, history.Query{Tags: []string{"cell:43"}}), []ID{first}, "moved into its new tag")
}

func (s suite[ID, E]) listBadInput(t *testing.T) {
	st := s.fixture(t)
	_, err := st.List(bg, history.Query{Limit: -1})
	wantErr(t, err, history.ErrInvalid, "negative limit")
	_, err = st.List(bg, history.Query{Cursor: "not a cursor!"})
	wantErr(t, err, history.ErrInvalid, "malformed cursor")
	p, err := st.List(bg, history.Query{Limit: 1})
	fatal(t, err, "first page")
	_, err = st.List(bg, history.Query{DueFrom: day(0), Cursor: p.Next})
	wantErr(t, err, history.ErrInvalid, "a received-ordered cursor on a due-ordered query")
}

func (s suite[ID, E]) large(t *testing.T) {
	st, open := s.store(t)
	n := s.h.Large
	if n == 0 {
		n = 5000
	}
	if short() {
		n = min(n, 1000)
	}
	recs := s.create(t, st, "big", history.Index{Received: day(1)}, 1)
	for len(recs) < n {
		batch := s.records(t, headOf(recs), len(recs), min(500, n-len(recs)))
		fatal(t, appendTo(st, "big", len(recs), history.Index{Received: day(1)}, batch), "append a batch")
		recs = append(recs, batch...)
	}
	same(t, recs, load(t, open(), "big"))
	tail, err := st.Load(bg, "big", n-10)
	fatal(t, err, "tail")
	equal(t, hashes(tail.Records), hashes(recs[n-10:]), "the tail of the large history")
}

func (s suite[ID, E]) cancelled(t *testing.T) {
	st, _ := s.store(t)
	recs := s.create(t, st, "x", history.Index{State: "a", Received: day(1)}, 1)
	ctx, cancel := context.WithCancel(bg)
	cancel()
	wantErr(t, st.Write(ctx, history.Change[ID, E]{ID: "y", Records: s.records(t, history.Head{}, 0, 1)}), context.Canceled, "create")
	wantErr(t, st.Write(ctx, history.Change[ID, E]{ID: "x", Expected: 1, Index: history.Index{State: "b"}, Records: s.records(t, headOf(recs), 1, 1)}), context.Canceled, "append")
	_, err := st.Load(ctx, "x", 0)
	wantErr(t, err, context.Canceled, "Load")
	_, err = st.List(ctx, history.Query{})
	wantErr(t, err, context.Canceled, "List")
	_, err = st.Load(bg, "y", 0)
	wantErr(t, err, history.ErrNotFound, "nothing created")
	got := load(t, st, "x")
	same(t, recs, got)
	equal(t, got.Index.State, "a", "index kept")
}

func (s suite[ID, E]) cancelledDuring(t *testing.T) {
	st, _ := s.store(t)
	rounds := 20
	if short() {
		rounds = 5
	}
	for round := range rounds {
		id := ID(fmt.Sprintf("c%02d", round))
		recs := s.create(t, st, id, history.Index{State: "a", Received: day(1)}, 1)
		batch := s.records(t, headOf(recs), 1, 300)
		ctx, cancel := context.WithCancel(bg)
		go func() {
			time.Sleep(time.Duration(round*50) * time.Microsecond)
			cancel()
		}()
		err := st.Write(ctx, history.Change[ID, E]{ID: id, Expected: 1, Index: history.Index{State: "b", Received: day(1)}, Records: batch})
		cancel()
		got := load(t, st, id)
		switch {
		case err == nil:
			same(t, append(recs, batch...), got)
			equal(t, got.Index.State, "b", "index of the whole write")
		case errors.Is(err, context.Canceled):
			same(t, recs, got)
			equal(t, got.Index.State, "a", "index of nothing written")
		default:
			t.Fatalf("a cancelled Write returned %v", err)
		}
	}
}

func (s suite[ID, E]) concurrentWriters(t *testing.T) {
	st, open := s.store(t)
	s.create(t, st, "x", history.Index{Received: day(1)}, 1)
	handles := []history.Store[ID, E]{st, open()}
	writers, rounds := 8, 20
	if short() {
		writers, rounds = 4, 5
	}
	var wins atomic.Int64
	var mu sync.Mutex
	won := map[int]int{}
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := handles[w%2]
			for r := 0; r < rounds; {
				cur, err := h.Load(bg, "x", 0)
				if err != nil {
					t.Error(err)
					return
				}
				recs := s.records(t, cur.Head, 1000*(w+1)+r, 1)
				err = appendTo(h, "x", cur.Head.Version, history.Index{Received: day(1)}, recs)
				if errors.Is(err, history.ErrConflict) {
					continue
				}
				if err != nil {
					t.Error(err)
					return
				}
				r++
				wins.Add(1)
				mu.Lock()
				if prev, dup := won[recs[0].Version]; dup {
					t.Errorf("version %d won by writers %d and %d", recs[0].Version, prev, w)
				}
				won[recs[0].Version] = w
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	got := load(t, st, "x")
	equal(t, got.Head.Version, 1+int(wins.Load()), "every successful append is kept")
	equal(t, int(wins.Load()), writers*rounds, "successful appends")
	fatal(t, got.Verify(), "the chain holds")
}

func (s suite[ID, E]) crossedBatches(t *testing.T) {
	st, open := s.store(t)
	handles := []history.Store[ID, E]{st, open()}
	for round := range 30 {
		a, b := ID(fmt.Sprintf("a%02d", round)), ID(fmt.Sprintf("b%02d", round))
		ra := s.create(t, st, a, history.Index{Received: day(1)}, 1)
		rb := s.create(t, st, b, history.Index{Received: day(1)}, 1)
		errs := make([]error, 2)
		var wg sync.WaitGroup
		for w := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ca := history.Change[ID, E]{ID: a, Expected: 1, Index: history.Index{Received: day(1), State: fmt.Sprint(w)}, Records: s.records(t, headOf(ra), 10+w, 1)}
				cb := history.Change[ID, E]{ID: b, Expected: 1, Index: history.Index{Received: day(1), State: fmt.Sprint(w)}, Records: s.records(t, headOf(rb), 20+w, 1)}
				if w == 0 {
					errs[w] = handles[w].Write(bg, ca, cb)
				} else {
					errs[w] = handles[w].Write(bg, cb, ca)
				}
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else if !errors.Is(err, history.ErrConflict) {
				t.Fatalf("round %d: %v", round, err)
			}
		}
		ga, gb := load(t, st, a), load(t, st, b)
		if ok != 1 || ga.Head.Version != 2 || gb.Head.Version != 2 || ga.Index.State != gb.Index.State {
			t.Fatalf("round %d: %d batches won; a at %d (%q), b at %d (%q)", round, ok, ga.Head.Version, ga.Index.State, gb.Head.Version, gb.Index.State)
		}
	}
}

func (s suite[ID, E]) concurrentHistories(t *testing.T) {
	st, open := s.store(t)
	handles := []history.Store[ID, E]{st, open()}
	n := 64
	if short() {
		n = 16
	}
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := handles[i%2]
			id := ID(fmt.Sprintf("s%02d", i))
			recs := s.records(t, history.Head{}, i, 1)
			if err := h.Write(bg, history.Change[ID, E]{ID: id, Index: history.Index{Received: day(i % 5), Due: day(30 + i%7)}, Records: recs}); err != nil {
				t.Error(err)
				return
			}
			more := s.records(t, headOf(recs), i+100, 2)
			if err := appendTo(h, id, 1, history.Index{Received: day(i % 5), Due: day(40 + i%3)}, more); err != nil {
				t.Error(err)
			}
			if _, err := h.List(bg, history.Query{DueFrom: day(0)}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	equal(t, len(ids(t, st, history.Query{DueFrom: day(40), DueTo: day(42)})), n, "every history listed by its new due date")
	for i := range n {
		equal(t, load(t, st, ID(fmt.Sprintf("s%02d", i))).Head.Version, 3, "version")
	}
}
