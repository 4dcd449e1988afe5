package golden

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) FailNow()              { r.failed = true; panic(r) }
func (r *recorder) Helper()               {}

func TestAssert(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	require.NoError(t, os.MkdirAll("testdata", 0o755))
	require.NoError(t, os.WriteFile(filepath.Join("testdata", "x.golden"), []byte("uno\n"), 0o644))

	AssertString(t, "x.golden", "uno\n")

	r := &recorder{TB: t}
	Assert(r, "x.golden", []byte("due\n"))
	require.True(t, r.failed, "a different output fails")

	r = &recorder{TB: t}
	func() {
		defer func() { _ = recover() }()
		Assert(r, "missing.golden", []byte("x"))
	}()
	require.True(t, r.failed, "a missing golden file fails")

	*update = true
	defer func() { *update = false }()
	Assert(t, "sub/new.golden", []byte("tre\n"))
	b, err := os.ReadFile(filepath.Join("testdata", "sub", "new.golden"))
	require.NoError(t, err)
	require.Equal(t, "tre\n", string(b), "-update writes the file")
}
