package sqlstore_test

import (
	"context"
	"errors"
	"testing"

	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/sqlstore"
)

// TestPostgresGroupCommit: the acts of concurrent Writes on PostgreSQL,
// written in one call of ascolto_write_many, each succeed or fail as
// alone. Two acts on one history in one batch: the first in ID order wins,
// the other is a conflict. A Write whose context is done stores nothing.
// When the statement fails as a whole (a record already stored at the
// version an act writes: a damaged database), each act is written again
// alone, and only that one fails.
func TestPostgresGroupCommit(t *testing.T) {
	b := backends()[1]
	db := b.storage(t)()
	st := newStore[string, note](t, db, b.dialect, "notes")
	heads := map[string]history.Head{}
	for _, id := range []string{"a", "b", "c", "d"} {
		heads[id] = headOf(create(t, st, id, 1))
	}
	act := func(id string, n int) history.Change[string, note] {
		return history.Change[string, note]{ID: id, Expected: heads[id].Version,
			Index:   history.Index{Received: day1, State: "atto", Tags: []string{"t-" + id, "comune"}},
			Records: seal(t, heads[id], n, 1)}
	}
	done, cancel := context.WithCancel(bg)
	cancel()
	errs := sqlstore.WriteBatch(st, []context.Context{bg, bg, bg, done, bg},
		[]history.Change[string, note]{act("c", 1), act("a", 1), act("a", 2), act("d", 1), act("new", 0)})
	if errs[0] != nil || errs[1] != nil || errs[4] != nil {
		t.Fatalf("acts on c, a and a new history: %v, %v, %v", errs[0], errs[1], errs[4])
	}
	if !errors.Is(errs[2], history.ErrConflict) {
		t.Fatalf("the second act on a in one batch: %v, want ErrConflict", errs[2])
	}
	if !errors.Is(errs[3], context.Canceled) {
		t.Fatalf("a done context: %v", errs[3])
	}
	for id, want := range map[string]int{"a": 2, "b": 1, "c": 2, "d": 1, "new": 1} {
		s, err := st.Load(bg, id, 0)
		if err != nil || s.Verify() != nil || s.Head.Version != want {
			t.Fatalf("%s: version %d, want %d (%v, %v)", id, s.Head.Version, want, err, s.Verify())
		}
		heads[id] = s.Head
	}
	page, err := st.List(bg, history.Query{Tags: []string{"comune"}})
	if err != nil || len(page.Items) != 3 {
		t.Fatalf("tags written by the batch: %d histories (%v), want a, c and new", len(page.Items), err)
	}
	for _, it := range page.Items {
		if it.ID == "d" || it.ID == "b" || it.Index.Tags[0] != "t-"+it.ID {
			t.Fatalf("%s tagged %v", it.ID, it.Index.Tags)
		}
	}

	// A damaged database: b already holds a record at version 2.
	hb := heads["b"].Hash
	exec(t, db, b.dialect, `INSERT INTO records (procedure, id, version, prev, hash, bytes) VALUES ('notes', 'b', 2, ?, ?, ?)`,
		hb[:], make([]byte, 32), []byte("{}"))
	errs = sqlstore.WriteBatch(st, []context.Context{bg, bg, bg},
		[]history.Change[string, note]{act("a", 3), act("b", 3), act("c", 3)})
	if errs[0] != nil || errs[2] != nil {
		t.Fatalf("acts on a and c beside a failing one: %v, %v", errs[0], errs[2])
	}
	if !errors.Is(errs[1], history.ErrConflict) {
		t.Fatalf("the act on b: %v, want ErrConflict (a record at version 2 exists)", errs[1])
	}
	for id, want := range map[string]int{"a": 3, "b": 1, "c": 3} {
		s, err := st.Load(bg, id, 0)
		if err != nil || s.Head.Version != want {
			t.Fatalf("%s: version %d, want %d (%v)", id, s.Head.Version, want, err)
		}
	}
}
