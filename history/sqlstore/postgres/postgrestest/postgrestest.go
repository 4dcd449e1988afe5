// Package postgrestest gives a test a PostgreSQL schema of its own, as
// net/http/httptest gives it a server: for ascolto's own tests and for an
// integrator's tests of code storing histories on PostgreSQL.
//
// The server is the one at ASCOLTO_POSTGRES_DSN, or DefaultDSN when that
// is empty. When it does not answer, the test is skipped with a message
// saying so, unless ASCOLTO_REQUIRE_POSTGRES=1 (as in CI), where it fails.
// Schemas are created and dropped through one pool per server, shared by
// the process's tests and left open until the process ends (at most 4
// connections).
//
// Usage:
//
//	func TestArchive(t *testing.T) {
//		dsn, db := postgrestest.Schema(t, "myapp_archive")
//		if err := sqlstore.Migrate(context.Background(), db, postgres.Dialect); err != nil {
//			t.Fatal(err)
//		}
//		// db reaches the schema; so does any pool opened on dsn:
//		// other, err := postgres.Open(dsn) (close it when done).
//	}
package postgrestest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/history/sqlstore/postgres"
)

// DefaultDSN is the server DSN returns when ASCOLTO_POSTGRES_DSN is empty:
// the local server of a development machine or of CI.
const DefaultDSN = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// DSN returns the DSN of the test server: ASCOLTO_POSTGRES_DSN, or
// DefaultDSN when that is empty. It may hold a password: never print it.
func DSN() string {
	if dsn := os.Getenv("ASCOLTO_POSTGRES_DSN"); dsn != "" {
		return dsn
	}
	return DefaultDSN
}

// An admin is the pool, shared by every test of the process, creating and
// dropping the schemas on one server, or the error opening it: a server
// that does not answer is asked once.
type admin struct {
	once sync.Once
	db   *sql.DB
	err  error
}

var (
	adminsMu sync.Mutex
	admins   = map[string]*admin{}
)

// adminPool returns the shared pool on the server at dsn, opening it the
// first time (at most 4 connections: it only creates and drops schemas).
// It stays open until the process ends.
func adminPool(dsn string) (*sql.DB, error) {
	adminsMu.Lock()
	a := admins[dsn]
	if a == nil {
		a = new(admin)
		admins[dsn] = a
	}
	adminsMu.Unlock()
	a.once.Do(func() {
		a.db, a.err = postgres.Open(dsn)
		if a.err == nil {
			a.db.SetMaxOpenConns(4)
		}
	})
	return a.db, a.err
}

// validPrefix reports whether prefix makes, with "_" and 12 lower-case
// letters and digits after it, an unquoted PostgreSQL identifier of at
// most 63 bytes.
var validPrefix = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,49}$`).MatchString

// Schema creates on the test server (see DSN) a schema of its own for the
// test, named prefix (in lower case), "_" and 12 random letters and digits, and
// drops it with all it holds (CASCADE) when the test and its subtests
// end. It returns a DSN reaching that schema (DSN's, URL or key=value, with
// search_path set to it; see WithSearchPath) and a pool on it opened by
// postgres.Open, closed at the test's end. The schema is empty: Schema
// does not migrate it. More pools on the same schema are opened with
// postgres.Open(dsn); their caller closes them.
//
// prefix must be letters, digits and underscores, not starting with a
// digit, at most 50 of them; otherwise the test fails. When the server
// does not answer, the test is skipped with a message saying so, or fails
// if ASCOLTO_REQUIRE_POSTGRES=1. No message shows the DSN's password.
func Schema(tb testing.TB, prefix string) (dsn string, db *sql.DB) {
	tb.Helper()
	if !validPrefix(prefix) {
		tb.Fatalf("postgrestest: schema prefix %q: want letters, digits and underscores, not starting with a digit, at most 50", prefix)
	}
	server := DSN()
	admin, err := adminPool(server)
	if err != nil {
		msg := unreachable(server, err)
		if os.Getenv("ASCOLTO_REQUIRE_POSTGRES") == "1" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	schema := strings.ToLower(prefix + "_" + rand.Text()[:12])
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("postgrestest: create schema %s: %v", schema, err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			tb.Errorf("postgrestest: drop schema %s: %v", schema, err)
		}
	})
	dsn = WithSearchPath(server, schema)
	db, err = postgres.Open(dsn)
	if err != nil {
		tb.Fatalf("postgrestest: opening a pool on schema %s: %v", schema, err)
	}
	tb.Cleanup(func() { db.Close() })
	return dsn, db
}

// WithSearchPath returns dsn, a libpq URL (postgres://…) or key=value
// string, with its search_path set to schema: every connection opened on
// it finds and creates unqualified tables in that schema.
func WithSearchPath(dsn, schema string) string {
	if strings.Contains(dsn, "://") {
		if u, err := url.Parse(dsn); err == nil {
			q := u.Query()
			q.Set("search_path", schema)
			// Encode writes a space as "+", which pgx reads as is.
			u.RawQuery = strings.ReplaceAll(q.Encode(), "+", "%20")
			return u.String()
		}
	}
	return strings.TrimRight(dsn, " ") + " search_path=" + quoteValue(schema)
}

// quoteValue quotes v as a value of a key=value DSN, if it needs it.
func quoteValue(v string) string {
	if v != "" && !strings.ContainsAny(v, " \t\n\r\\'") {
		return v
	}
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'"
}

// kvPassword is a password in a key=value DSN, quoted or not.
var kvPassword = regexp.MustCompile(`(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s']*)`)

// unreachable is the message of a test skipped or failed because the
// server at dsn did not answer with err, with dsn's password (if any)
// hidden, in the DSN and in the error.
func unreachable(dsn string, err error) string {
	shown, secrets := redact(dsn)
	msg := err.Error()
	for _, s := range secrets {
		if s != "" {
			msg = strings.ReplaceAll(msg, s, "xxx")
		}
	}
	return "PostgreSQL not reachable at " + shown + ": set ASCOLTO_POSTGRES_DSN (" + msg + ")"
}

// redact returns dsn with its password (in a URL's user information or
// password parameter, or a key=value password) replaced by xxx, and the
// passwords it hid.
func redact(dsn string) (shown string, secrets []string) {
	if strings.Contains(dsn, "://") {
		if u, err := url.Parse(dsn); err == nil {
			if p, ok := u.User.Password(); ok {
				secrets = append(secrets, p, url.PathEscape(p), url.QueryEscape(p))
				u.User = url.UserPassword(u.User.Username(), "xxx")
			}
			if q := u.Query(); q.Has("password") {
				secrets = append(secrets, q.Get("password"), url.QueryEscape(q.Get("password")))
				q.Set("password", "xxx")
				u.RawQuery = q.Encode()
			}
			return u.String(), secrets
		}
	}
	shown = kvPassword.ReplaceAllStringFunc(dsn, func(m string) string {
		sub := kvPassword.FindStringSubmatch(m)
		v := sub[2]
		secrets = append(secrets, v)
		if len(v) >= 2 && v[0] == '\'' {
			secrets = append(secrets, strings.NewReplacer(`\\`, `\`, `\'`, `'`).Replace(v[1:len(v)-1]))
		}
		return sub[1] + "xxx"
	})
	if shown == dsn && strings.Contains(dsn, "://") {
		// A URL that does not parse: hide all between "://" and the last
		// "@" before the host, where a password would be.
		if i, j := strings.Index(dsn, "://"), strings.LastIndex(dsn, "@"); j > i {
			userinfo := dsn[i+3 : j]
			if k := strings.Index(userinfo, ":"); k >= 0 {
				secrets = append(secrets, userinfo[k+1:])
				shown = dsn[:i+3] + userinfo[:k] + ":xxx" + dsn[j:]
			}
		}
	}
	return shown, secrets
}
