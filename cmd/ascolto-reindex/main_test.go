package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history/sqlstore"
	"github.com/puntodiascolto/ascolto/history/sqlstore/sqlite"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
)

var desk = office.Actor{ID: "l.rossi", Role: office.FrontOffice, Office: "punto-di-ascolto"}

// office writes 20 access requests and 2 petitions into a new SQLite
// file through their Services, and returns the file.
func officeDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ascolto.db")
	db, err := sqlite.Open(path)
	require.NoError(t, err)
	defer db.Close()
	require.NoError(t, sqlstore.Migrate(ctx, db, sqlite.Dialect))
	now := func() time.Time { return time.Date(2026, time.March, 2, 10, 0, 0, 0, time.UTC) }
	dir, err := office.NewDirectory(office.Office{ID: desk.Office, Name: "Punto di Ascolto"})
	require.NoError(t, err)
	as, err := sqlstore.New[access.ID, access.Event](db, sqlite.Dialect, "access")
	require.NoError(t, err)
	asvc, err := access.NewService(access.Config{Store: as, Calendar: deadline.Rome(), Directory: dir, Now: now})
	require.NoError(t, err)
	for i := range 20 {
		_, err := asvc.File(ctx, access.Act{By: desk}, access.Filing{Kind: access.Generalizzato, Channel: access.ChannelPEC,
			Protocol: access.Protocol{Number: fmt.Sprintf("RA/2026/%07d", i+1)}, Subject: "dati sulle multe"})
		require.NoError(t, err)
	}
	ps, err := sqlstore.New[petition.ID, petition.Event](db, sqlite.Dialect, "petition")
	require.NoError(t, err)
	psvc, err := petition.NewService(petition.Config{Store: ps, Calendar: deadline.Rome(), Directory: dir, Now: now})
	require.NoError(t, err)
	for range 2 {
		_, err := psvc.Draft(ctx, petition.Act{By: desk}, petition.Registration{Kind: petition.Petizione, Addressee: petition.Sindaco,
			Channel: petition.Counter, Subject: "Un parco", Text: "Testo.", Promoters: []petition.Person{{FamilyName: "Comitato"}}})
		require.NoError(t, err)
	}
	as.Close()
	ps.Close()
	return path
}

// TestReindex: indexes made stale behind the Services' back (as a
// calendar correction leaves them) are rewritten, with the counts printed;
// a second run reads everything and rewrites nothing; the due query finds
// the requests again.
func TestReindex(t *testing.T) {
	path := officeDB(t)
	ctx := context.Background()
	db, err := sqlite.Open(path)
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Exec(`UPDATE histories SET due = NULL, state = 'stale' WHERE procedure = 'access' AND id IN (SELECT id FROM histories WHERE procedure = 'access' ORDER BY id LIMIT 15)`)
	require.NoError(t, err)
	_, err = db.Exec(`UPDATE histories SET state = 'stale' WHERE procedure = 'petition'`)
	require.NoError(t, err)

	var out bytes.Buffer
	require.NoError(t, run(ctx, &out, path, ""))
	lines := strings.Fields(out.String())
	require.Contains(t, out.String(), "access           20 histories read,       15 indexes rewritten")
	require.Contains(t, out.String(), "petition          2 histories read,        2 indexes rewritten")
	require.Contains(t, out.String(), "total            22 histories read,       17 indexes rewritten", strings.Join(lines, " "))

	out.Reset()
	require.NoError(t, run(ctx, &out, path, ""))
	require.Contains(t, out.String(), "total            22 histories read,        0 indexes rewritten")

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

func TestReindexUsage(t *testing.T) {
	ctx := context.Background()
	require.ErrorIs(t, run(ctx, new(bytes.Buffer), "", ""), errUsage)
	require.ErrorIs(t, run(ctx, new(bytes.Buffer), "a.db", "postgres://x"), errUsage)
	// A missing file is not created.
	missing := filepath.Join(t.TempDir(), "none.db")
	require.Error(t, run(ctx, new(bytes.Buffer), missing, ""))
	require.NoFileExists(t, missing)
}
