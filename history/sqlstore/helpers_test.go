package sqlstore_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/sqlstore"
	"github.com/puntodiascolto/ascolto/history/sqlstore/postgres"
	"github.com/puntodiascolto/ascolto/history/sqlstore/sqlite"
)

// defaultPostgres is the database this machine kind runs (issue 9).
const defaultPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

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

var (
	pgOnce  sync.Once
	pgAdmin *sql.DB
	pgErr   error
)

// postgresDSN returns the DSN of the test server, from ASCOLTO_POSTGRES_DSN
// or the default. The tests skip when it does not answer, unless
// ASCOLTO_REQUIRE_POSTGRES=1 (set by .ci/run), where they fail.
func postgresDSN(t testing.TB) (string, *sql.DB) {
	t.Helper()
	dsn := os.Getenv("ASCOLTO_POSTGRES_DSN")
	if dsn == "" {
		dsn = defaultPostgres
	}
	pgOnce.Do(func() {
		pgAdmin, pgErr = postgres.Open(dsn)
		if pgErr == nil {
			pgAdmin.SetMaxOpenConns(4)
		}
	})
	if pgErr != nil {
		msg := "PostgreSQL not reachable at " + redact(dsn) + ": set ASCOLTO_POSTGRES_DSN (" + pgErr.Error() + ")"
		if os.Getenv("ASCOLTO_REQUIRE_POSTGRES") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return dsn, pgAdmin
}

// redact hides a password in a URL DSN.
func redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxx")
			return u.String()
		}
	}
	return dsn
}

// postgresStorage creates a schema of its own for the test (dropped at its
// end) and opens pools whose search_path is that schema.
func postgresStorage(t testing.TB) func() *sql.DB {
	dsn, admin := postgresDSN(t)
	b := make([]byte, 8)
	rand.Read(b)
	schema := "ascolto_test_" + hex.EncodeToString(b)
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	scoped := withSearchPath(dsn, schema)
	open := func() *sql.DB {
		db, err := postgres.Open(scoped)
		if err != nil {
			t.Fatalf("opening a pool: %v", err)
		}
		// Open keeps as many idle connections as it opens: lowering the
		// open limit lowers the idle one with it, to 6.
		db.SetMaxOpenConns(6)
		t.Cleanup(func() { db.Close() })
		return db
	}
	if err := sqlstore.Migrate(ctx, open(), postgres.Dialect); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return open
}

func withSearchPath(dsn, schema string) string {
	if strings.Contains(dsn, "://") {
		u, err := url.Parse(dsn)
		if err == nil {
			q := u.Query()
			q.Set("search_path", schema)
			u.RawQuery = q.Encode()
			return u.String()
		}
	}
	return dsn + " search_path=" + schema
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
