package sqlstore_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/sqlstore"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
)

var (
	bg    = context.Background()
	clerk = office.Actor{ID: "sqlstore-test", Role: office.FrontOffice, Office: "urp"}
	day1  = deadline.MustDate(2026, time.March, 2)
)

// seal returns n records continuing head, events numbered from n0.
func seal(t testing.TB, head history.Head, n0, n int) []history.Record[note] {
	t.Helper()
	events := make([]note, n)
	for i := range events {
		events[i] = note{Text: fmt.Sprintf("nota %d", n0+i), N: n0 + i}
	}
	recs, err := history.Extend(head, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), day1, clerk, law.Cite("L. 241/1990", "25", "4"), events...)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func headOf(recs []history.Record[note]) history.Head {
	last := recs[len(recs)-1]
	return history.Head{Version: last.Version, Hash: last.Hash}
}

// create stores a history of n records under id.
func create(t testing.TB, st *sqlstore.Store[string, note], id string, n int) []history.Record[note] {
	t.Helper()
	recs := seal(t, history.Head{}, 0, n)
	if err := st.Write(bg, history.Change[string, note]{ID: id, Index: history.Index{Received: day1}, Records: recs}); err != nil {
		t.Fatal(err)
	}
	return recs
}

// damaged returns a Store of "notes" holding history x at version 3,
// damaged by one statement that must change one row.
func damaged(t *testing.T, b backend, damage string, args ...any) *sqlstore.Store[string, note] {
	t.Helper()
	db := b.storage(t)()
	st := newStore[string, note](t, db, b.dialect, "notes")
	create(t, st, "x", 3)
	if n := exec(t, db, b.dialect, damage, args...); n != 1 {
		t.Fatalf("the damage changed %d rows", n)
	}
	return st
}

// exec runs a statement written with ? placeholders on either dialect.
func exec(t *testing.T, db *sql.DB, d sqlstore.Dialect, query string, args ...any) int64 {
	t.Helper()
	if d == sqlstore.Postgres {
		n := 0
		out := []byte{}
		for _, c := range []byte(query) {
			if c == '?' {
				n++
				out = append(out, fmt.Sprintf("$%d", n)...)
				continue
			}
			out = append(out, c)
		}
		query = string(out)
	}
	res, err := db.Exec(query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	n, _ := res.RowsAffected()
	return n
}

// A database edited behind the store's back gives a *history.BrokenError
// at the first bad version, never records that look whole.
func TestBadDatabaseStates(t *testing.T) {
	cases := []struct {
		name    string
		version int // the version the error points at
		damage  string
		args    []any
	}{
		{"tampered bytes", 2, `UPDATE records SET bytes = ? WHERE procedure = 'notes' AND id = 'x' AND version = 2`, []any{[]byte("ascolto/history/v1\x00 not what was hashed")}},
		{"missing middle record", 2, `DELETE FROM records WHERE procedure = 'notes' AND id = 'x' AND version = 2`, nil},
		{"missing last record", 3, `DELETE FROM records WHERE procedure = 'notes' AND id = 'x' AND version = 3`, nil},
		{"foreign hash", 1, `UPDATE records SET hash = ? WHERE procedure = 'notes' AND id = 'x' AND version = 1`, []any{make([]byte, 32)}},
	}
	eachBackend(t, func(t *testing.T, b backend) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				st := damaged(t, b, c.damage, c.args...)
				_, err := st.Load(bg, "x", 0)
				var broken *history.BrokenError
				if !errors.As(err, &broken) || !errors.Is(err, history.ErrBroken) {
					t.Fatalf("Load of a damaged history: %v, want a *history.BrokenError", err)
				}
				if broken.ID != "x" || broken.Version != c.version {
					t.Fatalf("broken at %s version %d, want x version %d", broken.ID, broken.Version, c.version)
				}
			})
		}
	})
}

// A database whose schema is newer than this package knows is refused by
// Migrate and by the store, with a *SchemaError; so is one never migrated.
func TestSchemaFromTheFuture(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		db := b.storage(t)()
		known, err := sqlstore.SchemaVersion(b.dialect)
		if err != nil || known < 1 {
			t.Fatalf("SchemaVersion: %d, %v", known, err)
		}
		if err := sqlstore.Migrate(bg, db, b.dialect); err != nil {
			t.Fatalf("Migrate of an up-to-date database: %v", err)
		}
		exec(t, db, b.dialect, `INSERT INTO schema_version (version) VALUES (?)`, known+1)
		err = sqlstore.Migrate(bg, db, b.dialect)
		var se *sqlstore.SchemaError
		if !errors.As(err, &se) || !errors.Is(err, sqlstore.ErrSchema) || se.Found != known+1 || se.Known != known {
			t.Fatalf("Migrate of a newer schema: %v", err)
		}
		st := newStore[string, note](t, db, b.dialect, "notes")
		if _, err := st.Load(bg, "x", 0); !errors.Is(err, sqlstore.ErrSchema) {
			t.Fatalf("Load on a newer schema: %v", err)
		}
		if err := st.Write(bg, history.Change[string, note]{ID: "x", Index: history.Index{Received: day1}, Records: seal(t, history.Head{}, 0, 1)}); !errors.Is(err, sqlstore.ErrSchema) {
			t.Fatalf("Write on a newer schema: %v", err)
		}
	})
	t.Run("never migrated", func(t *testing.T) {
		db := sqliteStorage(t)()
		if _, err := db.Exec(`DROP TABLE schema_version`); err != nil {
			t.Fatal(err)
		}
		st := newStore[string, note](t, db, sqlstore.SQLite, "notes")
		var se *sqlstore.SchemaError
		if _, err := st.List(bg, history.Query{}); !errors.As(err, &se) || se.Found != 0 {
			t.Fatalf("List on a database never migrated: %v", err)
		}
	})
}

// Two pools (two processes' worth of connections) race writers on the
// same histories: exactly one winner per version, nothing lost, every chain
// verifies.
func TestRacingPools(t *testing.T) {
	const cases, writers, rounds = 3, 8, 15
	eachBackend(t, func(t *testing.T, b backend) {
		open := b.storage(t)
		pools := []*sqlstore.Store[string, note]{newStore[string, note](t, open(), b.dialect, "notes"), newStore[string, note](t, open(), b.dialect, "notes")}
		for c := range cases {
			create(t, pools[0], fmt.Sprintf("case-%d", c), 1)
		}
		var mu sync.Mutex
		winner := map[string]int{} // "case@version" -> writer
		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() {
				st := pools[w%2]
				for r := 0; r < rounds; {
					id := fmt.Sprintf("case-%d", (w+r)%cases)
					cur, err := st.Load(bg, id, 0)
					if err != nil {
						t.Error(err)
						return
					}
					recs := seal(t, cur.Head, 1000*w+r, 1)
					err = st.Write(bg, history.Change[string, note]{ID: id, Expected: cur.Head.Version, Index: cur.Index, Records: recs})
					if errors.Is(err, history.ErrConflict) {
						continue
					}
					if err != nil {
						t.Error(err)
						return
					}
					r++
					key := fmt.Sprintf("%s@%d", id, recs[0].Version)
					mu.Lock()
					if prev, dup := winner[key]; dup {
						t.Errorf("%s won by writers %d and %d", key, prev, w)
					}
					winner[key] = w
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		total := 0
		for c := range cases {
			got, err := pools[1].Load(bg, fmt.Sprintf("case-%d", c), 0)
			if err != nil {
				t.Fatal(err)
			}
			if err := got.Verify(); err != nil {
				t.Fatalf("chain after the race: %v", err)
			}
			total += got.Head.Version - 1
		}
		if total != writers*rounds || len(winner) != writers*rounds {
			t.Fatalf("%d records kept, %d wins, want %d", total, len(winner), writers*rounds)
		}
	})
}

// A Write killed in the middle (its context cancelled at a random point of
// a large batch, or its pool closed under it) leaves the previous state
// readable and whole, from another pool.
func TestKilledWrite(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		open := b.storage(t)
		other := newStore[string, note](t, open(), b.dialect, "notes")
		outcomes := map[string]int{}
		for round := range 12 {
			db := open()
			st := newStore[string, note](t, db, b.dialect, "notes")
			id := fmt.Sprintf("k%02d", round)
			before := create(t, st, id, 2)
			batch := seal(t, headOf(before), 2, 1500)
			ctx, cancel := context.WithCancel(bg)
			go func() {
				time.Sleep(time.Duration(round) * time.Millisecond)
				if round%2 == 0 {
					cancel()
				} else {
					db.Close()
				}
			}()
			err := st.Write(ctx, history.Change[string, note]{ID: id, Expected: 2, Index: history.Index{State: "after", Received: day1}, Records: batch})
			cancel()
			got, lerr := other.Load(bg, id, 0)
			if lerr != nil {
				t.Fatalf("round %d: loading after a killed write: %v", round, lerr)
			}
			if verr := got.Verify(); verr != nil {
				t.Fatalf("round %d: %v", round, verr)
			}
			switch {
			case err == nil && got.Head.Version == 1502 && got.Index.State == "after":
				outcomes["whole write"]++
			case err != nil && got.Head.Version == 2 && got.Index.State == "":
				outcomes["nothing written"]++
			default:
				t.Fatalf("round %d: Write returned %v and left version %d, state %q", round, err, got.Head.Version, got.Index.State)
			}
		}
		t.Logf("outcomes: %v", outcomes)
		if outcomes["nothing written"] == 0 {
			t.Fatal("no write was killed in the middle: the test proved nothing")
		}
	})
}

// Each procedure's rows are its own: the same ID in two procedures on one
// database are two histories.
func TestProceduresShareTables(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		db := b.storage(t)()
		a := newStore[string, note](t, db, b.dialect, "access")
		c := newStore[string, note](t, db, b.dialect, "complaint")
		create(t, a, "same", 3)
		create(t, c, "same", 1)
		for st, want := range map[*sqlstore.Store[string, note]]int{a: 3, c: 1} {
			got, err := st.Load(bg, "same", 0)
			if err != nil || got.Head.Version != want {
				t.Fatalf("%s: version %d (%v), want %d", st.Procedure(), got.Head.Version, err, want)
			}
			page, err := st.List(bg, history.Query{})
			if err != nil || len(page.Items) != 1 {
				t.Fatalf("%s lists %d histories (%v), want 1", st.Procedure(), len(page.Items), err)
			}
		}
	})
}

// Each streams every history, whole and verified, in (received, ID) order,
// across pages, and stops when asked.
func TestEach(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		st := newStore[string, note](t, b.storage(t)(), b.dialect, "notes")
		const n = 600 // more than two of Each's pages
		var want []string
		for i := range n {
			id := fmt.Sprintf("e%04d", (i*7)%n)
			recs := seal(t, history.Head{}, i, 1+i%3)
			received := day1.AddDays(i % 5)
			if err := st.Write(bg, history.Change[string, note]{ID: id, Index: history.Index{Received: received}, Records: recs}); err != nil {
				t.Fatal(err)
			}
			want = append(want, received.String()+"|"+id)
		}
		slices.Sort(want)
		var got []string
		for s, err := range st.Each(bg) {
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Verify(); err != nil {
				t.Fatal(err)
			}
			got = append(got, s.Index.Received.String()+"|"+string(s.ID))
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("Each yielded %d histories out of order or incomplete; first %v", len(got), got[:min(5, len(got))])
		}
		seen := 0
		for range st.Each(bg) {
			seen++
			if seen == 3 {
				break
			}
		}
		if seen != 3 {
			t.Fatalf("Each went on after break: %d", seen)
		}
	})
}
