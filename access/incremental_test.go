package access_test

import (
	"math/rand/v2"
	"sync"
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

// TestFold_CopiesIndependent: a copy (Runner.Copy) and its original, each
// with the rest of the history folded on at the same time (under -race),
// both give the Request of the whole history by Replay; the Request the
// original handed out before is not changed by either fold.
func TestFold_CopiesIndependent(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 2026))
	for range 12 {
		e, id := randomHistory(t, rnd, 20)
		st, err := e.st.Load(ctxBg, id, 0)
		require.NoError(t, err)
		cal, pol := e.svc.Calendar(), e.svc.Policy()
		want, err := access.ReplayStream(st, cal, pol)
		require.NoError(t, err)
		recs := st.Records
		for k := 1; k < len(recs); k++ {
			orig, err := e.svc.ReplayFolded(id, recs[:k])
			require.NoError(t, err)
			before := orig.Request()
			cp := orig.Copy()
			var wg sync.WaitGroup
			var cerr error
			wg.Go(func() { cerr = cp.Fold(recs[k:]) })
			require.NoError(t, orig.Fold(recs[k:]))
			wg.Wait()
			require.NoError(t, cerr)
			prefix, err := access.Replay(recs[:k], cal, pol)
			require.NoError(t, err)
			prefix.ID = id
			require.Equal(t, prefix, before, "%s: a fold changed a Request handed out", id)
			require.Equal(t, want, orig.Request(), "%s split at %d", id, k)
			require.Equal(t, want, cp.Request(), "%s split at %d, the copy", id, k)
		}
	}
}

// TestService_KeptAgreesWithReplay: three Services on one store, one
// keeping DefaultKeep folded histories, one keeping one and one keeping
// none, take turns at random acts on two requests, and the caller
// scribbles on every Request returned; every act accepted, and every Get,
// returns the Request that Replay gives of the stored history, whichever
// Service wrote the records before it.
func TestService_KeptAgreesWithReplay(t *testing.T) {
	for seed := range uint64(8) {
		e := newEnv(t, access.Policy{DocumentaleSuspension: seed%2 == 0})
		svcs := []*access.Service{e.svc}
		for _, keep := range []int{1, -1} {
			svc, err := access.NewService(access.Config{Store: e.st, Calendar: deadline.Rome(), Directory: directory(t),
				Policy: e.svc.Policy(), Now: func() time.Time { return e.now }, Keep: keep})
			require.NoError(t, err)
			svcs = append(svcs, svc)
		}
		kinds := access.Kinds()
		ids := []access.ID{e.file(kinds[seed%3]).ID, e.file(kinds[(seed+1)%3]).ID}
		rnd := rand.New(rand.NewPCG(seed, 3))
		actors := []office.Actor{front, comp, other, rpct, outer, admin}
		accepted := 0
		for i := range 1000 {
			if i%25 == 0 {
				e.now = e.now.Add(time.Duration(rnd.IntN(9)) * 24 * time.Hour)
			}
			e.svc = svcs[rnd.IntN(len(svcs))]
			op, arg := byte(rnd.UintN(256)), byte(rnd.UintN(256))
			if ends(op, arg) && i < 900 {
				continue
			}
			id := ids[rnd.IntN(len(ids))]
			a := access.Act{ID: id, By: actors[int(arg)%len(actors)]}
			got, err := step(e, a, op, arg)
			if err != nil {
				continue
			}
			accepted++
			requireReplays(t, e, got)
			scribble(got)
			got, err = svcs[rnd.IntN(len(svcs))].Get(ctxBg, id)
			require.NoError(t, err)
			requireReplays(t, e, got)
			scribble(got)
		}
		require.Greater(t, accepted, 25)
		require.Equal(t, 0, svcs[2].Kept())
		require.LessOrEqual(t, svcs[1].Kept(), 1)
		require.LessOrEqual(t, svcs[0].Kept(), 2)
	}
}

// requireReplays requires r to be what Replay gives of its stored history,
// with the stored index.
func requireReplays(t *testing.T, e *env, r *access.Request) {
	t.Helper()
	st, err := e.st.Load(ctxBg, r.ID, 0)
	require.NoError(t, err)
	want, err := access.ReplayStream(st, e.svc.Calendar(), e.svc.Policy())
	require.NoError(t, err)
	require.Equal(t, want, r)
	require.Equal(t, st.Index, r.Index())
}

// scribble changes a Request the Service returned, as a careless caller
// might: nothing the Service keeps may change with it.
func scribble(r *access.Request) {
	r.State, r.Office, r.DecisionDue = "scribbled", "scribbled", deadline.Date{}
	for i := range r.Deadlines {
		r.Deadlines[i].Due, r.Deadlines[i].Name = deadline.Date{}, "x"
		if len(r.Deadlines[i].Explanation.Steps) > 0 {
			r.Deadlines[i].Explanation.Steps[0].Text = "x"
		}
	}
	r.Deadlines = append(r.Deadlines[:0], deadline.Deadline{Name: "x"})
	for i := range r.Parties {
		r.Parties[i].Opposed, r.Parties[i].OpposedLate = deadline.Date{}, true
	}
	for i := range r.Internal {
		r.Internal[i].Answered = deadline.Date{}
	}
	if r.Decision != nil {
		r.Decision.Late, r.Decision.Date = true, deadline.Date{}
		if len(r.Decision.Grounds) > 0 {
			r.Decision.Grounds[0].Code = "x"
		}
	}
	if r.Review != nil {
		r.Review.Late, r.Review.Filed = true, deadline.Date{}
	}
	if r.Ombudsman != nil {
		r.Ombudsman.AccessFrom = deadline.Date{}
	}
	if r.Substitute != nil {
		r.Substitute.Due = deadline.Date{}
	}
	r.Intake.Gaps = append(r.Intake.Gaps[:0], access.Requirement{Field: "x"})
}
