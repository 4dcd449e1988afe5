package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRun publishes the simulated quarter and checks every announced file
// is there, not empty, and free of the applicants' names.
func TestRun(t *testing.T) {
	out := t.TempDir()
	require.NoError(t, run(out))
	for _, f := range []string{
		"registro-2026-T1.csv", "registro-2026-T1.json",
		"monitoraggio-2026-T1.md", "monitoraggio-2026-T1-nei-termini.svg", "monitoraggio-2026-T1.csv", "monitoraggio-2026-T1.json",
		"scadenze-2026-T1.ics",
	} {
		b, err := os.ReadFile(filepath.Join(out, f))
		require.NoError(t, err, f)
		require.NotEmpty(t, b, f)
		for _, personal := range []string{"Cittadino", "testo della richiesta", "motivazione (non pubblicata)", "motivazione completa"} {
			require.NotContains(t, string(b), personal, "%s publishes personal data", f)
		}
	}
}
