package sqlstore_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/puntodiascolto/ascolto/history"
)

// A Store that guesses a history's row from its own last Write or Load
// (SQLite, see hints.go) and finds another row, because another pool
// appended to the history or reindexed it meanwhile, writes and fails
// exactly as if it had read the row: a conflict for a stale version, and
// after a reindex an act whose received, due date and tags are those it
// wrote, in the row and in the indexes the queries use.
func TestGuessedRows(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		open := b.storage(t)
		mine := newStore[string, note](t, open(), b.dialect, "notes")
		other := newStore[string, note](t, open(), b.dialect, "notes")
		due1, due2 := day1.AddDays(30), day1.AddDays(60)
		idx := history.Index{State: "open", Received: day1, Due: due1, Tags: []string{"a"}}
		recs := seal(t, history.Head{}, 0, 1)
		if err := mine.Write(bg, history.Change[string, note]{ID: "x", Index: idx, Records: recs}); err != nil {
			t.Fatal(err)
		}

		// Another pool appends: mine's guess is a version behind.
		more := seal(t, headOf(recs), 1, 1)
		if err := other.Write(bg, history.Change[string, note]{ID: "x", Expected: 1, Index: idx, Records: more}); err != nil {
			t.Fatal(err)
		}
		if err := mine.Write(bg, history.Change[string, note]{ID: "x", Expected: 1, Index: idx, Records: seal(t, headOf(recs), 9, 1)}); !errors.Is(err, history.ErrConflict) {
			t.Fatalf("append on a stale version: %v, want ErrConflict", err)
		}
		if err := mine.Write(bg, history.Change[string, note]{ID: "x", Index: idx, Records: recs}); !errors.Is(err, history.ErrExists) {
			t.Fatalf("creating a taken ID: %v, want ErrExists", err)
		}

		// mine loads the history (its guess is now current), then another
		// pool reindexes it: same head, other received, due date and tags.
		cur, err := mine.Load(bg, "x", 0)
		if err != nil {
			t.Fatal(err)
		}
		moved := history.Index{State: "open", Received: day1.AddDays(1), Due: due2, Tags: []string{"b"}}
		if err := other.Write(bg, history.Change[string, note]{ID: "x", Expected: cur.Head.Version, Index: moved}); err != nil {
			t.Fatal(err)
		}
		// mine acts on what it loaded: the index it writes is its own, the
		// received and due dates and the tags of its last Load included.
		last := seal(t, cur.Head, 2, 1)
		if err := mine.Write(bg, history.Change[string, note]{ID: "x", Expected: cur.Head.Version, Index: idx, Records: last}); err != nil {
			t.Fatalf("append after a reindex: %v", err)
		}
		got, err := other.Load(bg, "x", 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := got.Verify(); err != nil || got.Head.Version != 3 {
			t.Fatalf("history at version %d (%v), want 3", got.Head.Version, err)
		}
		if got.Index.Received != idx.Received || got.Index.Due != idx.Due || !slices.Equal(got.Index.Tags, idx.Tags) {
			t.Fatalf("index after the append: %+v, want %+v", got.Index, idx)
		}
		for _, c := range []struct {
			q    history.Query
			want int
		}{
			{history.Query{Tags: []string{"a"}}, 1},
			{history.Query{Tags: []string{"b"}}, 0},
			{history.Query{DueFrom: due1, DueTo: due1}, 1},
			{history.Query{DueFrom: due2, DueTo: due2}, 0},
			{history.Query{ReceivedFrom: day1, ReceivedTo: day1}, 1},
			{history.Query{ReceivedFrom: moved.Received, ReceivedTo: moved.Received}, 0},
		} {
			page, err := other.List(bg, c.q)
			if err != nil || len(page.Items) != c.want {
				t.Fatalf("List(%+v): %d histories (%v), want %d", c.q, len(page.Items), err, c.want)
			}
		}
	})
}
