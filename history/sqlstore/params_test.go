package sqlstore_test

import (
	"database/sql"
	"testing"
)

// Every connection package sqlite opens has the settings its Params
// document: WAL, synchronous NORMAL (1), foreign keys, and a checkpoint
// every 4,000 pages; the pool keeps the connections a burst opened (more
// than database/sql's default of 2).
func TestSQLiteParams(t *testing.T) {
	db := sqliteStorage(t)()
	const n = 3 // several connections: the pragmas are per connection
	var conns []*sql.Conn
	for range n {
		c, err := db.Conn(bg)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		for pragma, want := range map[string]string{"journal_mode": "wal", "synchronous": "1", "foreign_keys": "1", "wal_autocheckpoint": "4000"} {
			var got string
			if err := c.QueryRowContext(bg, "PRAGMA "+pragma).Scan(&got); err != nil || got != want {
				t.Fatalf("PRAGMA %s = %q (%v), want %q", pragma, got, err, want)
			}
		}
	}
	for _, c := range conns {
		c.Close()
	}
	if s := db.Stats(); s.Idle != n || s.MaxIdleClosed != 0 {
		t.Fatalf("after %d connections were used at once, the pool keeps %d idle and closed %d", n, s.Idle, s.MaxIdleClosed)
	}
}
