package sqlstore_test

import "testing"

// Every connection package sqlite opens has the settings its Params
// document: WAL, synchronous NORMAL (1), foreign keys, and a checkpoint
// every 4,000 pages.
func TestSQLiteParams(t *testing.T) {
	db := sqliteStorage(t)()
	db.SetMaxOpenConns(3)
	for range 3 { // several connections: the pragmas are per connection
		c, err := db.Conn(bg)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		for pragma, want := range map[string]string{"journal_mode": "wal", "synchronous": "1", "foreign_keys": "1", "wal_autocheckpoint": "4000"} {
			var got string
			if err := c.QueryRowContext(bg, "PRAGMA "+pragma).Scan(&got); err != nil || got != want {
				t.Fatalf("PRAGMA %s = %q (%v), want %q", pragma, got, err, want)
			}
		}
	}
}
