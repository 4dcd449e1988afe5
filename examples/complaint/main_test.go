package main

import (
	"bytes"
	"testing"

	"github.com/puntodiascolto/ascolto/internal/golden"

	"github.com/stretchr/testify/require"
)

func TestOutputGolden(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, run(&buf))
	golden.Assert(t, "output.golden", buf.Bytes())
}
