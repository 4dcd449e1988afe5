package complaint_test

import (
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
)

// randomHistories files two complaints and performs n random acts on them
// through fx's Service (randomAct: most are refused, and write nothing),
// and returns their IDs.
func randomHistories(t *testing.T, fx *fixture, rnd *rand.Rand, n int) []complaint.ID {
	t.Helper()
	fl := pothole()
	ids := []complaint.ID{fx.file(t, desk, fl).ID, fx.file(t, web, fl).ID}
	for range n {
		if _, _, _, err := randomAct(t, fx, ids, byte(rnd.UintN(256)), "segreto"); err != nil {
			continue
		}
	}
	return ids
}

// policies are the ones the property tests fold under: the default, and
// one whose requests suspend the answer term and whose forwardings
// restart it (the rounds' suspensions and restarts).
func policies(seed uint64) func(*complaint.Policy) {
	return func(p *complaint.Policy) {
		if seed%2 == 1 {
			p.SuspendWhileAwaiting, p.RestartOnForward = true, true
		}
	}
}

// TestFold_EqualsReplay: for random histories written by the Service, the
// fold of any prefix with the rest folded on (Runner.Fold), one record at
// a time or all at once, gives the View of the whole history by
// complaint.Replay, and the index the Service stored.
func TestFold_EqualsReplay(t *testing.T) {
	for seed := range uint64(24) {
		fx := newFixture(t, policies(seed))
		rnd := rand.New(rand.NewPCG(seed, 1))
		for _, id := range randomHistories(t, fx, rnd, 60) {
			st, err := fx.store.Load(fx.ctx, id, 0)
			require.NoError(t, err)
			want, err := complaint.ReplayStream(st, fx.svc.Calendar(), fx.svc.Policy())
			require.NoError(t, err)
			recs := st.Records
			for k := 1; k <= len(recs); k++ {
				f, err := fx.svc.ReplayFolded(id, recs[:k])
				require.NoError(t, err)
				require.NoError(t, f.Fold(recs[k:]))
				got, err := f.View()
				require.NoError(t, err)
				require.Equal(t, want, got, "seed %d, %s folded after %d of %d records", seed, id, k, len(recs))
				require.Equal(t, st.Index, f.Index(), "seed %d, %s", seed, id)
			}
			f, err := fx.svc.ReplayFolded(id, recs[:1])
			require.NoError(t, err)
			for k := 2; k <= len(recs); k++ {
				require.NoError(t, f.Fold(recs[k-1:k]))
				got, err := f.View()
				require.NoError(t, err)
				prefix, err := complaint.Replay(recs[:k], fx.svc.Calendar(), fx.svc.Policy())
				require.NoError(t, err)
				prefix.ID = id
				require.Equal(t, prefix, got, "seed %d, %s folded record by record to %d", seed, id, k)
			}
		}
	}
}

// TestFold_CopiesIndependent: a copy (Runner.Copy) and its original, each
// with the rest of the history folded on at the same time (under -race),
// both give the View of the whole history; the original's View, read
// before, is not changed by either fold.
func TestFold_CopiesIndependent(t *testing.T) {
	for seed := range uint64(12) {
		fx := newFixture(t, policies(seed))
		rnd := rand.New(rand.NewPCG(seed, 2))
		for _, id := range randomHistories(t, fx, rnd, 60) {
			st, err := fx.store.Load(fx.ctx, id, 0)
			require.NoError(t, err)
			want, err := complaint.ReplayStream(st, fx.svc.Calendar(), fx.svc.Policy())
			require.NoError(t, err)
			recs := st.Records
			for k := 1; k < len(recs); k++ {
				orig, err := fx.svc.ReplayFolded(id, recs[:k])
				require.NoError(t, err)
				before, err := orig.View()
				require.NoError(t, err)
				wantBefore := jsonString(t, before)
				cp := orig.Copy()
				var wg sync.WaitGroup
				var cerr error
				wg.Add(1)
				go func() {
					defer wg.Done()
					cerr = cp.Fold(recs[k:])
				}()
				require.NoError(t, orig.Fold(recs[k:]))
				wg.Wait()
				require.NoError(t, cerr)
				require.Equal(t, wantBefore, jsonString(t, before), "seed %d, %s: a fold changed a View handed out", seed, id)
				for _, f := range []*complaint.Folded{orig, cp} {
					got, err := f.View()
					require.NoError(t, err)
					require.Equal(t, want, got, "seed %d, %s split at %d", seed, id, k)
				}
			}
		}
	}
}

// TestService_KeptAgreesWithReplay: three Services on one store, two
// keeping folded histories and one keeping none, take turns at random
// acts; every act accepted returns the View that complaint.Replay gives of
// the stored history, whichever Service wrote the records before it, and
// a refused act leaves what is kept as it was.
func TestService_KeptAgreesWithReplay(t *testing.T) {
	for seed := range uint64(16) {
		fx := newFixture(t, policies(seed))
		svcs := []*complaint.Service{fx.svc}
		for _, keep := range []int{1, -1} {
			svc, err := complaint.NewService(complaint.Config{Store: fx.store, Directory: directory(t), Calendar: deadline.Rome(),
				Policy: fx.svc.Policy(), Now: fx.clock.Now, Keep: keep})
			require.NoError(t, err)
			svcs = append(svcs, svc)
		}
		fl := pothole()
		ids := []complaint.ID{fx.file(t, desk, fl).ID, fx.file(t, web, fl).ID}
		rnd := rand.New(rand.NewPCG(seed, 3))
		for i := range 80 {
			fx.svc = svcs[rnd.IntN(len(svcs))]
			op := byte(rnd.UintN(256))
			_, v, skip, err := randomAct(t, fx, ids, op, "segreto")
			if skip || err != nil {
				continue
			}
			st, err := fx.store.Load(fx.ctx, v.ID, 0)
			require.NoError(t, err)
			want, err := complaint.ReplayStream(st, fx.svc.Calendar(), fx.svc.Policy())
			require.NoError(t, err)
			v.Master = nil // the Service resolves it; Replay cannot
			require.Equal(t, want, v, "seed %d, act %d (%#x)", seed, i, op)
			require.Equal(t, st.Index, v.Index())
		}
		require.Equal(t, 0, svcs[2].Kept())
		require.LessOrEqual(t, svcs[1].Kept(), 1)
	}
}
