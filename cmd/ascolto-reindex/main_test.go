package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history/sqlstore"
	"github.com/puntodiascolto/ascolto/history/sqlstore/postgres"
	"github.com/puntodiascolto/ascolto/history/sqlstore/postgres/postgrestest"
	"github.com/puntodiascolto/ascolto/history/sqlstore/sqlite"
	"github.com/puntodiascolto/ascolto/internal/privacy"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/register/council"
)

var desk = office.Actor{ID: "l.rossi", Role: office.FrontOffice, Office: "punto-di-ascolto"}

// The citizen every access request, complaint and petition of populate
// names: personal data the command's output must never show.
const (
	givenName  = "Giulia"
	familyName = "Santoro"
	fiscalCode = "RSSMRA85T10A562S"
	email      = "giulia.santoro85@libero.it"
)

// populate migrates db and writes into it, through the public Services of
// every procedure the command handles, 20 access requests, 3 complaints, 2
// petitions and 2 council questions, all but the council's naming the
// citizen above.
func populate(t *testing.T, db *sql.DB, d sqlstore.Dialect) {
	t.Helper()
	ctx := context.Background()
	require.NoError(t, sqlstore.Migrate(ctx, db, d))
	now := func() time.Time { return time.Date(2026, time.March, 2, 10, 0, 0, 0, time.UTC) }
	dir, err := office.NewDirectory(office.Office{ID: desk.Office, Name: "Punto di Ascolto"})
	require.NoError(t, err)

	as, err := sqlstore.New[access.ID, access.Event](db, d, "access")
	require.NoError(t, err)
	defer as.Close()
	asvc, err := access.NewService(access.Config{Store: as, Calendar: deadline.Rome(), Directory: dir, Now: now})
	require.NoError(t, err)
	for i := range 20 {
		_, err := asvc.File(ctx, access.Act{By: desk}, access.Filing{Kind: access.Generalizzato, Channel: access.ChannelPEC,
			Protocol: access.Protocol{Number: fmt.Sprintf("RA/2026/%07d", i+1)}, Subject: "dati sulle multe",
			Applicant: access.Person{Name: givenName, Surname: familyName, FiscalCode: fiscalCode, Email: email}})
		require.NoError(t, err)
	}

	cs, err := sqlstore.New[complaint.ID, complaint.Event](db, d, "complaint")
	require.NoError(t, err)
	defer cs.Close()
	csvc, err := complaint.NewService(complaint.Config{Store: cs, Calendar: deadline.Rome(), Directory: dir, Now: now})
	require.NoError(t, err)
	for i := range 3 {
		_, err := csvc.File(ctx, complaint.Act{By: desk}, complaint.Filed{Kind: complaint.Reclamo, Channel: complaint.Email,
			Place:       complaint.Place{Address: fmt.Sprintf("Via Tuscolana %d", 10+i), Municipio: 7},
			Person:      complaint.Person{FirstName: givenName, LastName: familyName, FiscalCode: fiscalCode, Email: email},
			Description: "Sono " + givenName + " " + familyName + ", scrivetemi a " + email + ".",
			Summary:     "buca sulla carreggiata"})
		require.NoError(t, err)
	}

	ps, err := sqlstore.New[petition.ID, petition.Event](db, d, "petition")
	require.NoError(t, err)
	defer ps.Close()
	psvc, err := petition.NewService(petition.Config{Store: ps, Calendar: deadline.Rome(), Directory: dir, Now: now})
	require.NoError(t, err)
	for range 2 {
		_, err := psvc.Draft(ctx, petition.Act{By: desk}, petition.Registration{Kind: petition.Petizione, Addressee: petition.Sindaco,
			Channel: petition.Counter, Subject: "Un parco", Text: "Testo.",
			Promoters: []petition.Person{{GivenName: givenName, FamilyName: familyName, CodiceFiscale: fiscalCode, Email: email}}})
		require.NoError(t, err)
	}

	ks, err := sqlstore.New[council.ID, council.Event](db, d, "council")
	require.NoError(t, err)
	defer ks.Close()
	ksvc, err := council.NewService(council.Config{Store: ks, Calendar: deadline.Rome(), Now: now})
	require.NoError(t, err)
	for i := range 2 {
		_, err := ksvc.Register(ctx, council.Act{By: desk}, council.Registered{Kind: council.InterrogazioneScritta,
			Number: council.Number{Register: "RQ", Year: 2026, Seq: 100 + i}, Body: council.Assemblea,
			Filed: deadline.MustDate(2026, time.March, 2), Presenters: []council.Councillor{{Name: "Consigliera Verdi"}},
			Addressee: "Sindaco", Subject: "Manutenzione delle strade"})
		require.NoError(t, err)
	}
}

// officeDB returns a new SQLite file populated by populate.
func officeDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ascolto.db")
	db, err := sqlite.Open(path)
	require.NoError(t, err)
	defer db.Close()
	populate(t, db, sqlite.Dialect)
	return path
}

// damage makes indexes stale behind the Services' back, as a calendar
// correction leaves them: 15 access requests lose their due date and
// state, every complaint, petition and council question its state.
func damage(t *testing.T, db *sql.DB) {
	t.Helper()
	_, err := db.Exec(`UPDATE histories SET due = NULL, state = 'stale' WHERE procedure = 'access' AND id IN (SELECT id FROM histories WHERE procedure = 'access' ORDER BY id LIMIT 15)`)
	require.NoError(t, err)
	_, err = db.Exec(`UPDATE histories SET due = NULL, state = 'stale' WHERE procedure IN ('complaint', 'petition', 'council')`)
	require.NoError(t, err)
}

// reindexed is what a run after damage prints.
var reindexed = []string{
	"access           20 histories read,       15 indexes rewritten\n",
	"complaint         3 histories read,        3 indexes rewritten\n",
	"petition          2 histories read,        2 indexes rewritten\n",
	"council           2 histories read,        2 indexes rewritten\n",
	"total            27 histories read,       22 indexes rewritten\n",
}

// indexRows returns every row of the histories table, in a stable order.
func indexRows(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query(`SELECT procedure, id, version, head, kind, state, office, channel, received, due, tags FROM histories ORDER BY procedure, id`)
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		cols := make([]any, 11)
		ptrs := make([]any, len(cols))
		for i := range cols {
			ptrs[i] = &cols[i]
		}
		require.NoError(t, rows.Scan(ptrs...))
		out = append(out, fmt.Sprintf("%q", cols))
	}
	require.NoError(t, rows.Err())
	return out
}

// checkReindex damages db's indexes, runs the command through reindex
// (which returns what it printed) and checks that it printed the counts,
// and no personal data, and that every row of the index is again what it
// was; then that a second run reads everything and rewrites nothing.
func checkReindex(t *testing.T, db *sql.DB, reindex func() string) {
	t.Helper()
	before := indexRows(t, db)
	require.Len(t, before, 27)
	damage(t, db)
	require.NotEqual(t, before, indexRows(t, db))

	out := reindex()
	require.Equal(t, strings.Join(reindexed, ""), out)
	noPersonalData(t, out)
	require.Equal(t, before, indexRows(t, db))

	out = reindex()
	require.Contains(t, out, "total            27 histories read,        0 indexes rewritten\n")
	require.Equal(t, before, indexRows(t, db))
}

// noPersonalData fails if out shows the citizen's data or any shape of
// personal data.
func noPersonalData(t *testing.T, out string) {
	t.Helper()
	if f, found := privacy.Find(out, givenName+" "+familyName, familyName, fiscalCode, email); found {
		t.Errorf("the output shows personal data (%s %q):\n%s", f.Kind, f.Match, out)
	}
}

// TestReindex: indexes made stale behind the Services' back (as a
// calendar correction leaves them) are rewritten as they were, with the
// counts printed; a second run reads everything and rewrites nothing; the
// due query finds the requests again.
func TestReindex(t *testing.T) {
	path := officeDB(t)
	ctx := context.Background()
	db, err := sqlite.Open(path)
	require.NoError(t, err)
	defer db.Close()
	checkReindex(t, db, func() string {
		var out bytes.Buffer
		require.NoError(t, run(ctx, &out, path, ""))
		return out.String()
	})

	as, err := sqlstore.New[access.ID, access.Event](db, sqlite.Dialect, "access")
	require.NoError(t, err)
	defer as.Close()
	page, err := as.List(ctx, access.Query{DueFrom: deadline.MustDate(2026, time.March, 1), DueTo: deadline.MustDate(2026, time.December, 31)})
	require.NoError(t, err)
	require.Len(t, page.Items, 20)
	for _, it := range page.Items {
		require.NotEqual(t, "stale", it.Index.State)
	}
}

// TestReindexPostgres runs the command, as a process of its own, with
// -dsn on a PostgreSQL schema populated and damaged as TestReindex's
// SQLite file: it rewrites the same indexes as they were, prints the same
// counts and exits 0. Without a server it skips, unless
// ASCOLTO_REQUIRE_POSTGRES=1 (CI), where it fails.
func TestReindexPostgres(t *testing.T) {
	dsn, db := postgrestest.Schema(t, "ascolto_reindex")
	populate(t, db, postgres.Dialect)
	checkReindex(t, db, func() string {
		stdout, stderr, code := command(t, "-dsn", dsn)
		require.Equal(t, 0, code, "stderr: %s", stderr)
		require.Empty(t, stderr)
		return stdout
	})
}

// TestReindexBadDSN: a DSN that does not parse, a server that does not
// answer, a database that does not exist and a schema never migrated end
// the command with a non-zero status and an error saying what went wrong,
// which never shows the DSN's password.
func TestReindexBadDSN(t *testing.T) {
	dsn, _ := postgrestest.Schema(t, "ascolto_reindex") // an empty schema, never migrated
	u, err := url.Parse(dsn)
	require.NoError(t, err)
	user := "postgres"
	if u.User != nil {
		user = u.User.Username()
	}
	u.User = url.UserPassword(user, "s3gr3t0-"+fiscalCode)
	noSuchDB := *u
	noSuchDB.Path = "/ascolto_no_such_database"
	for _, c := range []struct {
		name, dsn, want string
	}{
		{"unparsable", "postgres://postgres:s3gr3t0-" + fiscalCode + "@127.0.0.1:porta/test", "opening the PostgreSQL database: cannot parse"},
		{"no server", "postgres://postgres:s3gr3t0-" + fiscalCode + "@127.0.0.1:1/test?sslmode=disable&connect_timeout=5", "opening the PostgreSQL database: failed to connect"},
		{"no database", noSuchDB.String(), `database "ascolto_no_such_database" does not exist`},
		{"not migrated", dsn, "schema version 0, want"},
	} {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := command(t, "-dsn", c.dsn)
			require.NotEqual(t, 0, code)
			require.Empty(t, stdout)
			require.Contains(t, stderr, c.want)
			require.NotContains(t, stderr, "s3gr3t0")
			noPersonalData(t, stderr)
		})
	}
}

func TestReindexUsage(t *testing.T) {
	ctx := context.Background()
	require.ErrorIs(t, run(ctx, new(bytes.Buffer), "", ""), errUsage)
	require.ErrorIs(t, run(ctx, new(bytes.Buffer), "a.db", "postgres://x"), errUsage)
	// A missing file is not created.
	missing := filepath.Join(t.TempDir(), "none.db")
	require.Error(t, run(ctx, new(bytes.Buffer), missing, ""))
	require.NoFileExists(t, missing)
}

// runMain is set in the environment of the processes command starts: the
// test binary then runs the command's main instead of the tests.
const runMain = "ASCOLTO_REINDEX_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMain) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// command runs the command with args in a process of its own and returns
// what it printed on its standard output and error, and its exit status.
func command(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), runMain+"=1")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if exit := (*exec.ExitError)(nil); errors.As(err, &exit) {
		return out.String(), errOut.String(), exit.ExitCode()
	}
	require.NoError(t, err)
	return out.String(), errOut.String(), 0
}
