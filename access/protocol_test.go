package access_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
)

// A protocol number is a register code, a year and a number (DPR 445/2000
// art. 57: at least seven digits, restarting every year); the register
// publishes only its normal form.
func TestDPR445Art57_ProtocolNumberGrammar(t *testing.T) {
	for in, want := range map[string]string{
		"RA/2026/0000123":  "RA/2026/0000123",
		"ra-2026-123":      "RA/2026/0000123",
		"RA 2026 123":      "RA/2026/0000123",
		"QA 12345/2026":    "QA/2026/0012345",
		"Prot. RC/2026/12": "RC/2026/0000012",
		"n. 12345/2026":    "2026/0012345",
		"2026/12345678":    "2026/12345678",
		"RA/2026/2025":     "RA/2026/0002025",
	} {
		n, err := access.ParseProtocolNumber(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, n.String(), in)
	}
	for _, in := range []string{
		"Prot. Zappacosta ZPPGFR80A41H501X", "ROSSI/2026/1", "RA/2026/0", "RA/2026/1234567890",
		"RA/2026/12/34", "RA/26/12/7", "mario.rossi@example.it", "prot. n. 12 del 31/02/2026",
		"prot. n. 12/2025 del 02/03/2026", "RA/2026/12 del 02/03", "", "RA", "RA/ABC/12",
	} {
		_, err := access.ParseProtocolNumber(in)
		var pe *access.ProtocolError
		require.ErrorAs(t, err, &pe, in)
		require.ErrorIs(t, err, access.ErrInvalid, in)
	}
}

func FuzzParseProtocolNumber(f *testing.F) {
	for _, s := range []string{"RA/2026/0000123", "QA 12345/2026", "prot. n. 12345 del 02/03/2026", "Prot. Zappacosta"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := access.ParseProtocolNumber(s)
		if err != nil {
			if !errors.Is(err, access.ErrInvalid) || len(s) >= 12 && strings.Contains(err.Error(), s) {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		if n.Year == 0 {
			return
		}
		again, err := access.ParseProtocolNumber(n.String())
		if err != nil || again.String() != n.String() {
			t.Fatalf("%q → %q does not read back: %v", s, n.String(), err)
		}
	})
}
