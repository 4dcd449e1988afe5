package sqlstore_test

import (
	"errors"
	"testing"

	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/sqlstore"
)

// TestProjections: a history comes with its records until a value is kept
// for its head, then with the value alone; an append makes it come with
// its records again; pages follow (received, ID); Forget drops the values;
// other names and procedures do not see them; a due range is refused.
func TestProjections(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		db := b.storage(t)()
		st := newStore[string, note](t, db, b.dialect, "notes")
		other := newStore[string, note](t, db, b.dialect, "others")
		for _, id := range []string{"c", "a", "b"} {
			create(t, st, id, 3)
		}
		create(t, other, "a", 1)
		read := func(name string) (ids []string, stale int) {
			t.Helper()
			q := history.Query{Limit: 2}
			for {
				page, err := st.Projections(bg, name, q)
				if err != nil {
					t.Fatal(err)
				}
				for _, k := range page.Items {
					ids = append(ids, string(k.Stream.ID))
					switch {
					case k.Body == nil && len(k.Stream.Records) != k.Stream.Head.Version:
						t.Fatalf("%s: stale with %d records, head at %d", k.Stream.ID, len(k.Stream.Records), k.Stream.Head.Version)
					case k.Body == nil:
						stale++
						if err := k.Stream.Verify(); err != nil {
							t.Fatal(err)
						}
					case string(k.Body) != "row of "+string(k.Stream.ID):
						t.Fatalf("%s: kept %q", k.Stream.ID, k.Body)
					}
				}
				if page.Next == "" {
					return ids, stale
				}
				q.Cursor = page.Next
			}
		}
		keep := func(ids ...string) {
			t.Helper()
			var vs []sqlstore.Projection[string]
			for _, id := range ids {
				s, err := st.Load(bg, id, 0)
				if err != nil {
					t.Fatal(err)
				}
				vs = append(vs, sqlstore.Projection[string]{ID: id, Head: s.Head, Body: []byte("row of " + id)})
			}
			if err := st.Project(bg, "rows", vs...); err != nil {
				t.Fatal(err)
			}
		}
		if ids, stale := read("rows"); stale != 3 || len(ids) != 3 || ids[0] != "a" || ids[2] != "c" {
			t.Fatalf("before: %v, %d stale", ids, stale)
		}
		keep("a", "b", "c")
		if _, stale := read("rows"); stale != 0 {
			t.Fatalf("kept: %d stale", stale)
		}
		if _, stale := read("other-name"); stale != 3 {
			t.Fatalf("another name: %d stale", stale)
		}
		recs, _ := st.Load(bg, "b", 0)
		if err := st.Write(bg, history.Change[string, note]{ID: "b", Expected: 3, Index: recs.Index, Records: seal(t, recs.Head, 3, 1)}); err != nil {
			t.Fatal(err)
		}
		if _, stale := read("rows"); stale != 1 {
			t.Fatalf("after an append: %d stale, want 1", stale)
		}
		keep("b")
		if err := st.Forget(bg, "rows"); err != nil {
			t.Fatal(err)
		}
		if _, stale := read("rows"); stale != 3 {
			t.Fatalf("forgotten: %d stale", stale)
		}
		if _, err := st.Projections(bg, "rows", history.Query{DueTo: day1}); !errors.Is(err, history.ErrInvalid) {
			t.Fatalf("due range: %v", err)
		}
	})
}
