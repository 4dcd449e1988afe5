package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/puntodiascolto/ascolto/internal/golden"

	"github.com/stretchr/testify/require"
)

// TestQuickstart runs the whole simulated half year and checks what it
// prints against testdata/output.golden, that every file it announces is
// written, and that no personal data the simulation planted reaches them.
func TestQuickstart(t *testing.T) {
	out := t.TempDir()
	var buf bytes.Buffer
	require.NoError(t, run(&buf, out, 2026))
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
	require.NoError(t, run(&a, t.TempDir(), 7))
	require.NoError(t, run(&b, t.TempDir(), 7))
	// The folder differs; everything else is the same.
	strip := func(s string) string { return s[:strings.Index(s, "== File scritti")] }
	require.Equal(t, strip(a.String()), strip(b.String()))
}
