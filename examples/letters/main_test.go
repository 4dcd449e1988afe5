package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/internal/golden"
)

// TestOutputGolden: the letters of both requests, in order.
func TestOutputGolden(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, run(&buf, ""))
	golden.Assert(t, "output.golden", buf.Bytes())
}

// TestFiles: with -out, each letter is written as text and HTML, the text
// file equal to what is printed.
func TestFiles(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	require.NoError(t, run(&buf, dir))
	txt, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	require.NoError(t, err)
	html, err := filepath.Glob(filepath.Join(dir, "*.html"))
	require.NoError(t, err)
	require.Len(t, txt, 13)
	require.Len(t, html, 13)
	for _, f := range txt {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		require.True(t, strings.Contains(buf.String(), string(b)), f)
	}
}
