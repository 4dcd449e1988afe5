package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history/sqlstore/postgres/postgrestest"
	"github.com/puntodiascolto/ascolto/internal/golden"

	"github.com/stretchr/testify/require"
)

// TestQuickstart runs the whole simulated half year and checks what it
// prints against testdata/output.golden, that every file it announces is
// written, and that no personal data the simulation planted reaches them.
func TestQuickstart(t *testing.T) {
	out := t.TempDir()
	var buf bytes.Buffer
	require.NoError(t, run(&buf, config{out: out, seed: 2026}))
	got := strings.ReplaceAll(buf.String(), out, "<out>")

	golden.AssertString(t, "output.golden", got)

	files := []string{
		"registro-accessi-2026-T3.csv", "registro-accessi-2026-T3.json",
		"monitoraggio-2026-T3.md", "monitoraggio-2026-T3-nei-termini.svg", "monitoraggio-2026-T3.csv", "monitoraggio-2026-T3.json",
	}
	// Names, e-mail addresses, the citizens' own words, tax codes and
	// 060606 tickets are in the histories; none may be published.
	personal := []string{"Cittadino", "Cittadina", "Simulat", "@example.org", "Controinteressato", "01234567890",
		"Firmatario", "Promotrice", "Vorrei", "mia madre", "casa mia", "Testo scritto", "060606-2026", "Gentile"}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(out, f))
		require.NoError(t, err, f)
		require.NotEmpty(t, b, f)
		for _, p := range personal {
			require.NotContains(t, string(b), p, "%s publishes personal data", f)
		}
	}
}

func TestQuickstartIsDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	outA, outB := t.TempDir(), t.TempDir()
	require.NoError(t, run(&a, config{out: outA, seed: 7}))
	require.NoError(t, run(&b, config{out: outB, seed: 7}))
	// The folder differs; everything else is the same.
	require.Equal(t, strings.ReplaceAll(a.String(), outA, "<out>"), strings.ReplaceAll(b.String(), outB, "<out>"))
}

// TestQuickstartContinues runs the quickstart twice on one SQLite file: the
// second run finds the first one's histories, simulates the next half year
// of the same office, numbers requests and protocols on from the first
// run's, and every history of both runs verifies.
func TestQuickstartContinues(t *testing.T) {
	if testing.Short() {
		t.Skip("two simulated half years")
	}
	db := filepath.Join(t.TempDir(), "ufficio.db")
	var first, second bytes.Buffer
	require.NoError(t, run(&first, config{out: t.TempDir(), seed: 2026, db: db}))
	require.NoError(t, run(&second, config{out: t.TempDir(), seed: 2026, db: db}))
	require.Contains(t, first.String(), "(nuovo)")
	require.Contains(t, second.String(), "dal 01/10/2026 al 31/03/2027")
	require.Contains(t, second.String(), "(ripreso: ")
	require.Contains(t, second.String(), "registro-accessi-2027-T1.csv")

	ctx := context.Background()
	arc, err := openArchive(ctx, "", db, "")
	require.NoError(t, err)
	defer arc.close()
	numbers := map[string]access.ID{}
	for st, err := range arc.access.Each(ctx) {
		require.NoError(t, err)
		r, err := access.ReplayStream(st, deadline.Rome(), access.Policy{})
		require.NoError(t, err)
		prev, dup := numbers[r.Protocol.Number]
		require.False(t, dup, "protocol %s given to %s and %s", r.Protocol.Number, prev, r.ID)
		numbers[r.Protocol.Number] = r.ID
	}
	// Protocol numbers run on from the first run's: 40001 to 40000+n, none
	// missing, none twice, across both runs.
	require.Greater(t, len(numbers), arc.past.access/2)
	for n := 1; n <= len(numbers); n++ {
		found := false
		for _, y := range []int{2026, 2027} {
			_, ok := numbers[fmt.Sprintf("RA/%d/%07d", y, 40000+n)]
			found = found || ok
		}
		require.True(t, found, "protocol number %d missing", 40000+n)
	}
	checked, err := arc.verify(ctx)
	require.NoError(t, err)
	require.Greater(t, checked, arc.past.access+arc.past.complaints)
	require.Contains(t, second.String(), fmt.Sprintf("verificate contro le loro teste: %d, intatte", checked))
}

// TestQuickstartPostgres runs the quickstart on PostgreSQL (-dsn), in a
// schema of its own dropped at the end, and prints what it prints on
// SQLite (TestQuickstart's golden file) but for the archive's line. Without a server it skips, unless
// ASCOLTO_REQUIRE_POSTGRES=1 (CI), where it fails.
func TestQuickstartPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("a simulated half year on PostgreSQL")
	}
	dsn, _ := postgrestest.Schema(t, "ascolto_quickstart")

	var onPG bytes.Buffer
	outPG := t.TempDir()
	require.NoError(t, run(&onPG, config{out: outPG, seed: 2026, dsn: dsn}))
	// The output on SQLite is TestQuickstart's golden file.
	want, err := os.ReadFile(filepath.Join("testdata", "output.golden"))
	require.NoError(t, err)
	got := strings.ReplaceAll(onPG.String(), outPG, "<out>")
	require.Contains(t, got, "\narchivio: PostgreSQL (nuovo)\n")
	require.Equal(t, strings.Replace(string(want), "archivio: SQLite, <out>/ascolto.db (nuovo)", "archivio: PostgreSQL (nuovo)", 1), got)
}
