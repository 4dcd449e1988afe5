package access_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
)

// lifecycleSeeds are FuzzLifecycle's seed histories.
var lifecycleSeeds = [][]byte{
	{0, 3, 1, 2, 9, 10, 11, 12, 13, 14, 15},
	{1, 10, 3, 11, 4, 12, 5, 13, 2, 14, 9, 15, 6, 20, 7, 21},
	{2, 1, 0, 2, 1, 3, 7, 30, 8, 1, 16, 2, 17, 3, 18, 4, 19, 5},
	{0, 7, 0, 7, 1, 22, 2, 23, 3, 24, 4, 25, 5, 26, 6, 27, 7, 28},
	{0, 15, 0},
	{2, 3, 2},
	{2, 7, 0, 8, 4, 15, 4, 5, 0},
	{2, 31, 8, 31, 8, 31, 8, 31, 8, 31, 8, 31, 10, 31, 6},
	{0, 31, 8, 31, 8, 31, 8, 31, 8, 31, 8, 31, 10, 31, 14},
}

// TestIncremental_EqualsFullReplay: for histories written by the Service
// (FuzzLifecycle's seeds and random ones), the Runner's Fold of any prefix
// with the rest folded on, all at once or one record at a time, gives
// exactly the Request that Replay of the whole history, or of the same
// prefix, gives: deadlines, intake, version, hash and ID included, and
// the index the Service stored.
func TestIncremental_EqualsFullReplay(t *testing.T) {
	for _, ops := range lifecycleSeeds {
		e, id := lifecycle(t, ops, func(*env, *access.Request) {})
		foldsAsReplays(t, e, id)
	}
	rnd := rand.New(rand.NewPCG(9, 2026))
	long := 0
	for range 60 {
		e, id := randomHistory(t, rnd, 24)
		if foldsAsReplays(t, e, id) >= 12 {
			long++
		}
	}
	require.Greater(t, long, 30, "too few histories of 12 records or more to prove anything")
}

// randomHistory files a request of a random kind and performs on it up to
// n acts, each the first of up to 60 random ones (FuzzLifecycle's step)
// that the Service accepts, on a day up to 8 days after the last; acts
// that end the request (withdrawal, closure, transfer) only among the
// last three, so that histories reach the remedies.
func randomHistory(t *testing.T, rnd *rand.Rand, n int) (*env, access.ID) {
	t.Helper()
	e, id := lifecycle(t, []byte{byte(rnd.UintN(256)), byte(rnd.UintN(256))}, func(*env, *access.Request) {})
	actors := []office.Actor{front, comp, other, rpct, outer, admin}
	for i := range n {
		e.now = e.now.Add(time.Duration(rnd.IntN(9)) * 24 * time.Hour)
		for range 60 {
			op, arg := byte(rnd.UintN(256)), byte(rnd.UintN(256))
			if ends(op, arg) && i < n-3 {
				continue
			}
			a := access.Act{ID: id, By: actors[int(arg)%len(actors)]}
			if arg%5 == 0 {
				a.On = deadline.DateOf(e.now).AddDays(-int(arg % 7))
			}
			if _, err := step(e, a, op, arg); err == nil {
				break
			}
		}
	}
	return e, id
}

// FuzzIncremental is TestIncremental_EqualsFullReplay on the histories
// FuzzLifecycle's language describes.
func FuzzIncremental(f *testing.F) {
	for _, ops := range lifecycleSeeds {
		f.Add(ops)
	}
	f.Fuzz(func(t *testing.T, ops []byte) {
		e, id := lifecycle(t, ops, func(*env, *access.Request) {})
		foldsAsReplays(t, e, id)
	})
}

// foldsAsReplays checks that folding the history of id incrementally
// gives what replaying it gives, at every prefix; it returns the number of
// records.
func foldsAsReplays(t *testing.T, e *env, id access.ID) int {
	t.Helper()
	st, err := e.st.Load(ctxBg, id, 0)
	require.NoError(t, err)
	cal, pol := e.svc.Calendar(), e.svc.Policy()
	want, err := access.ReplayStream(st, cal, pol)
	require.NoError(t, err)
	recs := st.Records
	for k := 1; k <= len(recs); k++ {
		f, err := e.svc.ReplayFolded(id, recs[:k])
		require.NoError(t, err)
		require.NoError(t, f.Fold(recs[k:]))
		require.Equal(t, want, f.Request(), "%s: the rest folded on after %d of %d records", id, k, len(recs))
		require.Equal(t, st.Index, f.Index(), "%s", id)
	}
	f, err := e.svc.ReplayFolded(id, recs[:1])
	require.NoError(t, err)
	for k := 1; k <= len(recs); k++ {
		if k > 1 {
			require.NoError(t, f.Fold(recs[k-1:k]))
		}
		prefix, err := access.Replay(recs[:k], cal, pol)
		require.NoError(t, err)
		prefix.ID = id
		require.Equal(t, prefix, f.Request(), "%s: folded record by record to %d", id, k)
	}
	require.Equal(t, want, f.Request())
	return len(recs)
}

// ends reports whether step's act op with argument arg may end a request
// here: a withdrawal, a closure, a forwarding outside the administration.
func ends(op, arg byte) bool {
	switch op % 32 {
	case 15, 27:
		return true
	case 3:
		return arg%3 == 2
	}
	return false
}
