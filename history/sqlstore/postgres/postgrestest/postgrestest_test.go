package postgrestest

import (
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

func TestWithSearchPath(t *testing.T) {
	for _, c := range []struct{ dsn, schema, want string }{
		{"postgres://postgres@127.0.0.1:5432/test?sslmode=disable", "ascolto_x1",
			"postgres://postgres@127.0.0.1:5432/test?search_path=ascolto_x1&sslmode=disable"},
		{"postgres://u:p%40ss@db:5432/test?search_path=old", "ascolto_x1",
			"postgres://u:p%40ss@db:5432/test?search_path=ascolto_x1"},
		{"postgresql:///test", "s", "postgresql:///test?search_path=s"},
		{"host=127.0.0.1 port=5432 user=postgres dbname=test sslmode=disable", "ascolto_x1",
			"host=127.0.0.1 port=5432 user=postgres dbname=test sslmode=disable search_path=ascolto_x1"},
		{"host=db dbname=test ", "ascolto_x1", "host=db dbname=test search_path=ascolto_x1"},
		{"", "ascolto_x1", " search_path=ascolto_x1"},
		{"host=db", `a b'c\d`, `host=db search_path='a b\'c\\d'`},
	} {
		if got := WithSearchPath(c.dsn, c.schema); got != c.want {
			t.Errorf("WithSearchPath(%q, %q) = %q, want %q", c.dsn, c.schema, got, c.want)
		}
	}
}

// The key=value form WithSearchPath writes is what pgx reads.
func TestWithSearchPathParses(t *testing.T) {
	for _, dsn := range []string{
		"postgres://postgres@127.0.0.1:5432/test?sslmode=disable",
		"host=127.0.0.1 port=5432 user=postgres dbname=test sslmode=disable",
	} {
		for _, schema := range []string{"ascolto_x1", `a b'c\d`} {
			cfg, err := pgconn.ParseConfig(WithSearchPath(dsn, schema))
			if err != nil {
				t.Fatalf("%q, %q: %v", dsn, schema, err)
			}
			if got := cfg.RuntimeParams["search_path"]; got != schema {
				t.Errorf("%q, %q: search_path %q", dsn, schema, got)
			}
		}
	}
}

func TestUnreachableHidesPassword(t *testing.T) {
	const secret = "s3gr3t0-RSSMRA85T10A562S"
	for _, dsn := range []string{
		"postgres://postgres:" + secret + "@127.0.0.1:1/test?sslmode=disable",
		"postgres://postgres:" + url.PathEscape(secret+" /?") + "@127.0.0.1:1/test",
		"postgres://postgres@127.0.0.1:1/test?password=" + secret,
		"postgres://postgres:" + secret + "@127.0.0.1:porta/test",
		"host=127.0.0.1 port=1 user=postgres password=" + secret + " dbname=test",
		"host=127.0.0.1 password = '" + secret + ` it\'s' dbname=test`,
	} {
		// A driver's error might quote the DSN it was given.
		msg := unreachable(dsn, fmt.Errorf("failed to connect to %s: %w", dsn, errors.New("connection refused")))
		if strings.Contains(msg, "s3gr3t0") {
			t.Errorf("%q: message shows the password: %s", dsn, msg)
		}
		if !strings.HasPrefix(msg, "PostgreSQL not reachable at ") || !strings.Contains(msg, "127.0.0.1") ||
			!strings.Contains(msg, "connection refused") || !strings.Contains(msg, "ASCOLTO_POSTGRES_DSN") {
			t.Errorf("%q: message %q", dsn, msg)
		}
	}
	dsn := "postgres://postgres@127.0.0.1:1/test?sslmode=disable"
	want := "PostgreSQL not reachable at " + dsn + ": set ASCOLTO_POSTGRES_DSN (refused)"
	if got := unreachable(dsn, errors.New("refused")); got != want {
		t.Errorf("without a password: %q, want %q", got, want)
	}
}

func TestDSN(t *testing.T) {
	t.Setenv("ASCOLTO_POSTGRES_DSN", "")
	if got := DSN(); got != DefaultDSN {
		t.Errorf("DSN() = %q, want %q", got, DefaultDSN)
	}
	t.Setenv("ASCOLTO_POSTGRES_DSN", "host=db dbname=x")
	if got := DSN(); got != "host=db dbname=x" {
		t.Errorf("DSN() = %q", got)
	}
}

// fatalTB records a test's failure and ends its goroutine, as testing.T
// does.
type fatalTB struct {
	testing.TB
	msg string
}

func (f *fatalTB) Helper() {}

func (f *fatalTB) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// A prefix that is not letters, digits and underscores fails the test
// before the server is asked anything.
func TestSchemaBadPrefix(t *testing.T) {
	t.Setenv("ASCOLTO_POSTGRES_DSN", "postgres://nobody@127.0.0.1:1/x?sslmode=disable")
	for _, prefix := range []string{"", "a-b", "a b", "x; DROP SCHEMA public", `a"b`, "1abc", "àbc", strings.Repeat("a", 51)} {
		f := &fatalTB{TB: t}
		done := make(chan struct{})
		go func() {
			defer close(done)
			Schema(f, prefix)
		}()
		<-done
		if !strings.Contains(f.msg, "schema prefix") {
			t.Errorf("prefix %q: failure %q, want one about the prefix", prefix, f.msg)
		}
	}
	for _, prefix := range []string{"a", "_x", "ascolto_test", "Ab_9", strings.Repeat("a", 50)} {
		if !validPrefix(prefix) {
			t.Errorf("prefix %q refused", prefix)
		}
	}
}
