package register_test

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/sqlstore"
	"github.com/puntodiascolto/ascolto/history/sqlstore/postgres"
	"github.com/puntodiascolto/ascolto/history/sqlstore/sqlite"
	"github.com/puntodiascolto/ascolto/register"
)

// onSQLite copies every history of e's store into a new SQLite database
// and returns the SQL store.
func (e *env) onSQLite() *sqlstore.Store[access.ID, access.Event] {
	e.t.Helper()
	db, err := sqlite.Open(filepath.Join(e.t.TempDir(), "ascolto.db"))
	require.NoError(e.t, err)
	e.t.Cleanup(func() { db.Close() })
	require.NoError(e.t, sqlstore.Migrate(e.ctx, db, sqlite.Dialect))
	return e.copyTo(db, sqlite.Dialect)
}

// copyTo copies every history of e's store into the migrated database db
// and returns the SQL store.
func (e *env) copyTo(db *sql.DB, d sqlstore.Dialect) *sqlstore.Store[access.ID, access.Event] {
	e.t.Helper()
	st, err := sqlstore.New[access.ID, access.Event](db, d, "access")
	require.NoError(e.t, err)
	e.t.Cleanup(func() { st.Close() })
	q := history.Query{Limit: history.MaxLimit}
	for {
		page, err := e.store.List(e.ctx, q)
		require.NoError(e.t, err)
		for _, it := range page.Items {
			s, err := e.store.Load(e.ctx, it.ID, 0)
			require.NoError(e.t, err)
			require.NoError(e.t, st.Write(e.ctx, history.Change[access.ID, access.Event]{ID: s.ID, Index: s.Index, Records: s.Records}))
		}
		if page.Next == "" {
			return st
		}
		q.Cursor = page.Next
	}
}

// registerFiles writes the CSV and the JSON of rows built by entries.
func registerFiles(t *testing.T, p register.Period, o register.Options, entries func() (string, []register.Entry)) (string, []register.Entry) {
	t.Helper()
	name, rows := entries()
	var b bytes.Buffer
	require.NoError(t, register.WriteCSV(&b, register.Seq(rows), register.CSVOptions{Comma: ';', BOM: true}), name)
	require.NoError(t, register.WriteJSONAsOf(&b, p, o.Today, register.Seq(rows)), name)
	return b.String(), rows
}

func collect(t *testing.T, rows func(yield func(register.Entry, error) bool)) []register.Entry {
	t.Helper()
	var out []register.Entry
	for e, err := range rows {
		require.NoError(t, err)
		out = append(out, e)
	}
	return out
}

// TestKeptEntriesAreEntries: the register read from the rows a SQL store
// keeps (KeptEntries) is the register replayed from the histories
// (Entries), row for row and byte for byte, whatever the day it speaks as
// of and with or without the directory: the first time (every row built
// and kept), the second (every row read as kept), and after an act on a
// request (its row alone built again). The scenario covers every column,
// and a text withheld at publication.
func TestKeptEntriesAreEntries(t *testing.T) {
	e := scenario(t)
	on := day(2026, time.March, 2)
	leak := e.file(access.Generalizzato, on, "RA/2026/0000123", access.ChannelPEC)
	e.must(e.svc.SetPublicSubject(e.ctx, e.act(leak, desk, on), access.PublicSubject{Text: "Concessione rilasciata a Pistilli"}))
	e.must(e.svc.NotifyCounterInterested(e.ctx, e.act(leak, desk, on),
		access.Notification{Parties: []access.Person{{Name: "Ermenegildo", Surname: "Pistilli"}}}))
	st := e.onSQLite()
	memory := e.source()
	onSQL := register.Source{Store: st, Calendar: deadline.Rome(), Directory: directory}
	p, err := register.NewPeriod(day(2025, time.October, 1), day(2026, time.June, 30))
	require.NoError(t, err)
	options := []register.Options{{}, {Directory: directory}, {Today: day(2026, time.March, 1)}, {Today: day(2026, time.April, 20)}, {Today: day(2026, time.July, 10)}}
	check := func(when string) {
		for _, o := range options {
			want, wantRows := registerFiles(t, p, o, func() (string, []register.Entry) {
				return "Entries", collect(t, memory.Entries(e.ctx, p, o))
			})
			got, gotRows := registerFiles(t, p, o, func() (string, []register.Entry) {
				return "KeptEntries", collect(t, onSQL.KeptEntries(e.ctx, p, o))
			})
			require.Equal(t, wantRows, gotRows, "%s, options %+v", when, o)
			require.Equal(t, want, got, "%s, options %+v", when, o)
		}
	}
	check("rows built")
	check("rows kept")
	withheld := 0
	for _, r := range collect(t, onSQL.KeptEntries(e.ctx, p, register.Options{})) {
		if r.ID == leak {
			require.Equal(t, register.Withheld, r.Subject, "the planted name is withheld")
			require.Len(t, r.Withheld, 1)
			withheld++
		}
	}
	require.Equal(t, 1, withheld)

	// An act through a Service on the SQL store changes a request's head:
	// its kept row no longer counts and is built again.
	svc, err := access.NewService(access.Config{Store: st, Calendar: deadline.Rome(), Directory: directory, Now: func() time.Time { return e.now }})
	require.NoError(t, err)
	e.must(svc.SetPublicSubject(context.Background(), e.act(leak, desk, day(2026, time.March, 4)), access.PublicSubject{Text: "Concessioni di suolo pubblico"}))
	e.must(e.svc.SetPublicSubject(context.Background(), e.act(leak, desk, day(2026, time.March, 4)), access.PublicSubject{Text: "Concessioni di suolo pubblico"}))
	check("after an act")
}

// TestKeptEntriesNeedAKeeper: a store that keeps no rows (the in-memory
// one) is told plainly.
func TestKeptEntriesNeedAKeeper(t *testing.T) {
	e := scenario(t)
	for _, err := range e.source().KeptEntries(e.ctx, register.MustQuarter(2026, 1), register.Options{}) {
		require.ErrorIs(t, err, register.ErrNoKeeper)
	}
}

// TestKeptEntriesStopEarly: a reader that stops after the first row stops
// the page read ahead, and the next export is whole.
func TestKeptEntriesStopEarly(t *testing.T) {
	e := scenario(t)
	onSQL := register.Source{Store: e.onSQLite(), Calendar: deadline.Rome(), Directory: directory}
	p, err := register.Semester(2026, 1)
	require.NoError(t, err)
	for _, err := range onSQL.KeptEntries(e.ctx, p, register.Options{}) {
		require.NoError(t, err)
		break
	}
	require.Equal(t, collect(t, e.source().Entries(e.ctx, p, register.Options{})), collect(t, onSQL.KeptEntries(e.ctx, p, register.Options{})))
}

// TestKeptEntriesOnPostgres: on PostgreSQL too, the register from kept
// rows is the register replayed from the histories, the first time and
// the second, for every day it speaks as of.
func TestKeptEntriesOnPostgres(t *testing.T) {
	e := scenario(t)
	onPG := register.Source{Store: e.copyTo(postgresDB(t), postgres.Dialect), Calendar: deadline.Rome(), Directory: directory}
	p, err := register.NewPeriod(day(2025, time.October, 1), day(2026, time.June, 30))
	require.NoError(t, err)
	for range 2 {
		for _, o := range []register.Options{{}, {Directory: directory, Today: day(2026, time.April, 20)}} {
			want, _ := registerFiles(t, p, o, func() (string, []register.Entry) { return "Entries", collect(t, e.source().Entries(e.ctx, p, o)) })
			got, _ := registerFiles(t, p, o, func() (string, []register.Entry) { return "KeptEntries", collect(t, onPG.KeptEntries(e.ctx, p, o)) })
			require.Equal(t, want, got)
		}
	}
}
