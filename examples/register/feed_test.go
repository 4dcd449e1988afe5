package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	goical "github.com/emersion/go-ical"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/internal/golden"
)

// TestFeed keeps the simulated quarter's deadlines feed under review and
// parses it back: the same inputs give the same bytes, and every event is
// an all-day event with a description.
func TestFeed(t *testing.T) {
	out := t.TempDir()
	require.NoError(t, run(out))
	b, err := os.ReadFile(filepath.Join(out, "scadenze-2026-T1.ics"))
	require.NoError(t, err)
	golden.Assert(t, "scadenze-2026-T1.ics", b)
	cal, err := goical.NewDecoder(bytes.NewReader(b)).Decode()
	require.NoError(t, err)
	require.NotEmpty(t, cal.Events())
	for _, ev := range cal.Events() {
		require.Equal(t, goical.ValueDate, ev.Props.Get(goical.PropDateTimeStart).ValueType())
		desc, err := ev.Props.Text(goical.PropDescription)
		require.NoError(t, err)
		require.Contains(t, desc, "scadenza: ")
	}
}
