package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/puntodiascolto/ascolto/internal/golden"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOutputGolden(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, run(&buf))
	golden.Assert(t, "output.golden", buf.Bytes())
}

// The output never shows a signatory's or promoter's name or code.
func TestOutputHasNoPersonalData(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, run(&buf))
	out := buf.String()
	for _, s := range []string{"Firmatario", "Sintetic", "Cittadina", "Promot", "example.org", "TINIT", minorCode(),
		code(1, 88, true, "H501"), code(900, 70, true, "H501"), signatory(0).CodiceFiscale, signatory(5).CodiceFiscale,
		omocodic(signatory(5).CodiceFiscale), signatory(3333).CodiceFiscale} {
		assert.NotContains(t, out, s)
	}
	assert.False(t, strings.Contains(out, "H501"), "no place code of a signatory")
}
