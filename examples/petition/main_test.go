package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/output.golden")

func TestOutputGolden(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, run(&buf))
	path := filepath.Join("testdata", "output.golden")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./examples/petition -update to create it")
	assert.Equal(t, string(want), buf.String())
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
