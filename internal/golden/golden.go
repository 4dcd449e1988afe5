// Package golden compares what a test produced with a file under testdata,
// the way the project's tests check large outputs (DOT graphs, CSV, reports,
// example programs). Running the tests with -update rewrites the files; the
// diff is then read and committed like any other change.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// update is the -update flag of every test binary that imports the package.
var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// Assert compares got with testdata/name. With -update it first writes got
// there, creating folders as needed.
func Assert(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "go test -update writes %s", path)
	assert.Equal(t, string(want), string(got), "%s differs: after a deliberate change, run go test -update and read the diff", path)
}

// AssertString is Assert for a string.
func AssertString(t testing.TB, name, got string) {
	t.Helper()
	Assert(t, name, []byte(got))
}
