package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
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
		require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./examples/complaint -update to create it")
	assert.Equal(t, string(want), buf.String())
}
