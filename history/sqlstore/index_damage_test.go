package sqlstore_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/puntodiascolto/ascolto/history"
)

// An index row edited behind the store's back (a head hash of the wrong
// length, a date that is no date, tags that are not a JSON array of
// strings) gives a *history.BrokenError naming the history and its head's
// version, from List, Load and Projections alike: the scan that reads a
// page reuses its destinations and reads plain tags without encoding/json,
// and must still check every row.
func TestBadIndexRows(t *testing.T) {
	cases := []struct {
		name        string
		damage      string
		args        []any
		projections bool // whether Projections reads the damaged column
	}{
		{"short head", `UPDATE histories SET head = ? WHERE procedure = 'notes' AND id = 'x'`, []any{make([]byte, 31)}, true},
		{"long head", `UPDATE histories SET head = ? WHERE procedure = 'notes' AND id = 'x'`, []any{make([]byte, 33)}, true},
		{"empty head", `UPDATE histories SET head = ? WHERE procedure = 'notes' AND id = 'x'`, []any{[]byte{}}, true},
		{"received not a date", `UPDATE histories SET received = '2026-13-01' WHERE procedure = 'notes' AND id = 'x'`, nil, true},
		{"due not a date", `UPDATE histories SET due = '2026-02-30' WHERE procedure = 'notes' AND id = 'x'`, nil, false},
		{"tags cut short", `UPDATE histories SET tags = '["a"' WHERE procedure = 'notes' AND id = 'x'`, nil, false},
		{"tags not strings", `UPDATE histories SET tags = '["a", 1]' WHERE procedure = 'notes' AND id = 'x'`, nil, false},
		{"tags with garbage after", `UPDATE histories SET tags = '["a"]x' WHERE procedure = 'notes' AND id = 'x'`, nil, false},
	}
	eachBackend(t, func(t *testing.T, b backend) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				st := damaged(t, b, c.damage, c.args...)
				check := func(what string, err error) {
					t.Helper()
					var broken *history.BrokenError
					if !errors.As(err, &broken) || !errors.Is(err, history.ErrBroken) {
						t.Fatalf("%s of a damaged index row: %v, want a *history.BrokenError", what, err)
					}
					if broken.ID != "x" || broken.Version != 3 {
						t.Fatalf("%s: broken at %s version %d, want x version 3", what, broken.ID, broken.Version)
					}
				}
				_, err := st.List(bg, history.Query{})
				check("List", err)
				_, err = st.Load(bg, "x", 0)
				check("Load", err)
				if c.projections {
					_, err = st.Projections(bg, "rows", history.Query{})
					check("Projections", err)
				}
			})
		}
	})
}

// Tags that take encoding/json's path (escapes, Unicode escapes) read back
// as written, beside tags that take the plain path.
func TestEscapedTagsReadBack(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		db := b.storage(t)()
		st := newStore[string, note](t, db, b.dialect, "notes")
		create(t, st, "x", 1)
		create(t, st, "y", 1)
		exec(t, db, b.dialect, `UPDATE histories SET tags = ? WHERE procedure = 'notes' AND id = 'x'`, `["a\"b", "\u00e8", "c\\d"]`)
		exec(t, db, b.dialect, `UPDATE histories SET tags = ? WHERE procedure = 'notes' AND id = 'y'`, `[ "città:Forlì" , "" ]`)
		page, err := st.List(bg, history.Query{})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]string{"x": {`a"b`, "è", `c\d`}, "y": {"città:Forlì", ""}}
		if len(page.Items) != 2 {
			t.Fatalf("%d items, want 2", len(page.Items))
		}
		for _, it := range page.Items {
			if !slices.Equal(it.Index.Tags, want[it.ID]) {
				t.Fatalf("%s: tags %q, want %q", it.ID, it.Index.Tags, want[it.ID])
			}
		}
	})
}
