package sqlstore_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/sqlstore"
	"github.com/puntodiascolto/ascolto/history/sqlstore/postgres"
	"github.com/puntodiascolto/ascolto/history/sqlstore/postgres/postgrestest"
	"github.com/puntodiascolto/ascolto/history/sqlstore/sqlite"
)

// backend is one dialect under test: storage prepares a fresh, migrated,
// empty database for a test and returns a function opening a new pool on
// it at each call (closed at the test's end).
type backend struct {
	name    string
	dialect sqlstore.Dialect
	storage func(t testing.TB) func() *sql.DB
}

func backends() []backend {
	return []backend{
		{"sqlite", sqlite.Dialect, sqliteStorage},
		{"postgres", postgres.Dialect, postgresStorage},
	}
}

func sqliteStorage(t testing.TB) func() *sql.DB {
	path := filepath.Join(t.TempDir(), "ascolto.db")
	open := func() *sql.DB {
		db, err := sqlite.Open(path)
		if err != nil {
			t.Fatalf("opening %s: %v", path, err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	if err := sqlstore.Migrate(context.Background(), open(), sqlite.Dialect); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return open
}

// postgresStorage creates a schema of its own for the test (dropped at its
// end) on the server at ASCOLTO_POSTGRES_DSN, migrates it and opens pools
// whose search_path is that schema. The test skips when the server does
// not answer, unless ASCOLTO_REQUIRE_POSTGRES=1 (set by .ci/run), where it
// fails.
func postgresStorage(t testing.TB) func() *sql.DB {
	t.Helper()
	dsn, first := postgrestest.Schema(t, "ascolto_test")
	// Open keeps as many idle connections as it opens: lowering the open
	// limit lowers the idle one with it, to 6.
	first.SetMaxOpenConns(6)
	if err := sqlstore.Migrate(context.Background(), first, postgres.Dialect); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return func() *sql.DB {
		db, err := postgres.Open(dsn)
		if err != nil {
			t.Fatalf("opening a pool: %v", err)
		}
		db.SetMaxOpenConns(6)
		t.Cleanup(func() { db.Close() })
		return db
	}
}

// opener adapts a backend to the conformance suites: every call of the
// returned function opens another Store on another pool.
func opener[ID ~string, E any](b backend, procedure string) func(t *testing.T) func() history.Store[ID, E] {
	return func(t *testing.T) func() history.Store[ID, E] {
		newDB := b.storage(t)
		return func() history.Store[ID, E] { return newStore[ID, E](t, newDB(), b.dialect, procedure) }
	}
}

func newStore[ID ~string, E any](t testing.TB, db *sql.DB, d sqlstore.Dialect, procedure string) *sqlstore.Store[ID, E] {
	t.Helper()
	st, err := sqlstore.New[ID, E](db, d, procedure)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// eachBackend runs f on every backend as parallel subtests.
func eachBackend(t *testing.T, f func(t *testing.T, b backend)) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			f(t, b)
		})
	}
}
