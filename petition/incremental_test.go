package petition_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/petition/petitiontest"
)

// The Service keeps each petition's folded state and folds onto it only
// the records written since (procedure.Runner's incremental mode). These
// tests hold it to the whole replay of the stored history, on random
// histories built through the Service: signatures single and in batches,
// on paper and online, duplicates, omocodic variants (groups of four and
// of two codes sharing a base), withdrawals, filings, requests, replies,
// answers, archiving.

// lowThresholds is the test policy with thresholds of 3 signatures, so
// that random histories reach filing and what follows.
func lowThresholds() petition.Policy {
	policy := romePolicy()
	for _, k := range []petition.Kind{petition.PropostaDeliberazione, petition.InterrogazionePopolare, petition.InterpellanzaPopolare} {
		r, _ := policy.Rules(k)
		r.Threshold.Signatures = 3
		policy = policy.With(r)
	}
	return policy
}

// walk performs random acts on the petitions of a fixture.
type walk struct {
	t     *testing.T
	f     *fixture
	rng   *rand.Rand
	codes []string
	to    map[petition.ID]petition.Addressee
	// collect is how many acts on a petition only sign and withdraw,
	// before the others are tried too (filing ends the collection).
	collect int
	acts    map[petition.ID]int
}

func newWalk(t *testing.T, f *fixture, seed uint64) *walk {
	t.Helper()
	codes := petitiontest.Codes(int(seed)+100, 60)
	// Omocodic variants of the first two codes: other people, who sign and
	// count, in a group of four and one of two sharing a base.
	for i, patterns := range [][]uint8{{1, 3, 7}, {1}} {
		k, err := codicefiscale.ParseKey(codes[i])
		require.NoError(t, err)
		for _, p := range patterns {
			codes = append(codes, k.WithOmocodia(p).Code().String())
		}
	}
	return &walk{t: t, f: f, rng: rand.New(rand.NewPCG(seed, 2026)), codes: codes,
		to: map[petition.ID]petition.Addressee{}, collect: 100, acts: map[petition.ID]int{}}
}

// kinds are the kinds of the random petitions.
var kinds = []petition.Kind{petition.PropostaDeliberazione, petition.InterrogazionePopolare, petition.InterpellanzaPopolare, petition.Petizione}

// open drafts a petition of kind k through the fixture's Service and opens
// its collection.
func (w *walk) open(k petition.Kind) petition.ID {
	to := petition.Sindaco
	if k == petition.PropostaDeliberazione {
		to = petition.AssembleaCapitolina
	}
	id := w.f.draftOpen(k, to, []string{"", "mobilità", "pari opportunità"}[w.rng.IntN(3)])
	w.to[id] = to
	return id
}

// code returns a random code of the walk's signatories: one in three of
// the two groups sharing a base (codes 0 and 1 and their variants, at the
// end), to sign, refuse and withdraw them often.
func (w *walk) code() string {
	if w.rng.IntN(3) == 0 {
		group := append([]string{w.codes[0], w.codes[1]}, w.codes[60:]...)
		return group[w.rng.IntN(len(group))]
	}
	return w.codes[w.rng.IntN(len(w.codes))]
}

// signature returns a paper signature of a random signatory, dated up to
// two days ago, or (one in five) an online one dated today.
func (w *walk) signature() petition.Signature {
	s := paper(w.code(), w.f.clock.day.AddDays(-w.rng.IntN(3)))
	if w.rng.IntN(5) == 0 {
		s.Method, s.Date = petition.SPID, deadline.Date{}
	}
	return s
}

// act performs a random act on id through s and reports whether it was
// recorded; a refused act must be refused for a known reason.
func (w *walk) act(s *petition.Service, id petition.ID) bool {
	do, write := w.pick(id)
	err := do(s)
	if !write {
		require.NoError(w.t, err)
		return false
	}
	if err != nil {
		require.True(w.t, knownRefusal(err), "unexpected error %T: %v", err, err)
		return false
	}
	return true
}

// pick chooses a random act on id, with its arguments, and reports whether
// it is a write (else a read); the act may then be performed through any
// Service, more than once.
func (w *walk) pick(id petition.ID) (do func(*petition.Service) error, write bool) {
	r, ctx := w.rng, w.f.ctx
	if r.IntN(10) == 0 {
		w.f.clock.set(w.f.clock.day.AddDays(1 + r.IntN(3)))
	}
	a := petition.Act{ID: id, By: desk}
	n := r.IntN(100)
	if w.acts[id]++; w.acts[id] <= w.collect {
		n %= 60
	} else if n < 60 && r.IntN(4) > 0 {
		n += 40 // mostly other acts once the collection may have ended
	}
	var act func(s *petition.Service) (petition.Petition, error)
	switch {
	case n < 45:
		batch := []petition.Signature{w.signature()}
		for n >= 35 && len(batch) < 4 && r.IntN(3) > 0 {
			batch = append(batch, w.signature())
		}
		act = func(s *petition.Service) (petition.Petition, error) {
			return s.Sign(ctx, a, petition.Batch{Signatures: batch})
		}
	case n < 60:
		cf := w.code()
		act = func(s *petition.Service) (petition.Petition, error) {
			return s.WithdrawSignature(ctx, a, petition.Withdrawal{CodiceFiscale: cf})
		}
	case n < 62:
		act = func(s *petition.Service) (petition.Petition, error) {
			return s.OpenCollection(ctx, a, petition.Collection{})
		}
	case n < 68:
		a.On = w.f.clock.day.AddDays(-r.IntN(2))
		act = func(s *petition.Service) (petition.Petition, error) {
			return s.File(ctx, a, petition.Filing{Protocol: "RC/1"})
		}
	case n < 72:
		act = func(s *petition.Service) (petition.Petition, error) {
			return s.DeclareAdmissible(ctx, a, petition.Admission{Note: "ammissibile"})
		}
	case n < 74:
		ref := petition.Refusal{Reason: "motivo", Ground: law.Cite("Statuto Roma Capitale", "8", "6")}
		act = func(s *petition.Service) (petition.Petition, error) { return s.DeclareInadmissible(ctx, a, ref) }
	case n < 80:
		fw := petition.Forwarding{Requests: []petition.Request{{Office: []office.ID{"dip-mobilita", "dip-lavori-pubblici"}[r.IntN(2)], Question: "q", Days: r.IntN(3) * 10}}}
		act = func(s *petition.Service) (petition.Petition, error) { return s.Forward(ctx, a, fw) }
	case n < 86:
		a.By = []office.Actor{desk, mobility, works}[r.IntN(3)]
		rep := petition.Reply{Request: 1 + r.IntN(3), Summary: "risposta"}
		act = func(s *petition.Service) (petition.Petition, error) { return s.RecordReply(ctx, a, rep) }
	case n < 90:
		a.By = map[petition.Addressee]office.Actor{petition.Sindaco: secretariat, petition.AssembleaCapitolina: assembly}[w.to[id]]
		act = func(s *petition.Service) (petition.Petition, error) {
			return s.Answer(ctx, a, petition.Answer{Outcome: petition.Replied, Summary: "sintesi"})
		}
	case n < 91:
		act = func(s *petition.Service) (petition.Petition, error) {
			return s.Archive(ctx, a, petition.Archiving{Reason: "motivo"})
		}
	default:
		return func(s *petition.Service) error { _, err := s.Get(ctx, id); return err }, false
	}
	return func(s *petition.Service) error { _, err := act(s); return err }, true
}

// TestFoldEqualsReplay: on random histories, the state replayed from any
// prefix with the rest folded onto it (at once, record by record or in
// random chunks) gives the Petition and the Index of the whole history
// replayed; and a copy of a folded state is independent of it: folding
// onto either, even while the other is read in another goroutine (run with
// -race), leaves the other's Petition as it was.
func TestFoldEqualsReplay(t *testing.T) {
	var records, groups, withdrawals int
	for seed := range uint64(12) {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			f := newFixture(t, lowThresholds(), day(2026, 3, 2))
			w := newWalk(t, f, seed)
			id := w.open(kinds[seed%uint64(len(kinds))])
			for range 200 {
				w.act(f.svc, id)
			}
			st := f.stored(id)
			recs := st.Records
			want, err := petition.Replay(id, recs, deadline.Rome(), lowThresholds())
			require.NoError(t, err)
			require.Equal(t, st.Index, want.Index(), "stored index")
			records += len(recs)
			for _, r := range recs {
				if r.Event.Type == petition.EventSignatureWithdrawn {
					withdrawals++
				}
			}
			for k := 1; k < len(recs); k++ {
				prefix, err := f.svc.ReplayFolded(id, recs[:k])
				require.NoError(t, err)
				before := prefix.View()
				for _, v := range before.ToVerify {
					if len(v.Codes) > 2 {
						groups++
					}
				}

				// Fold the rest onto a copy while the original is read.
				cp := prefix.Copy()
				done := make(chan petition.Petition)
				go func() { done <- prefix.View() }()
				foldChunks(t, w.rng, cp, recs[k:])
				require.True(t, reflect.DeepEqual(before, <-done), "split %d: folding onto a copy changed the original", k)
				require.True(t, reflect.DeepEqual(want, cp.View()), "split %d: Fold(Replay(prefix), rest) differs from Replay(all)", k)
				require.Equal(t, want.Index(), cp.Index(), "split %d: index", k)

				// Fold the rest onto the original while a copy is read.
				cp = prefix.Copy()
				go func() { done <- cp.View() }()
				foldChunks(t, w.rng, prefix, recs[k:])
				require.True(t, reflect.DeepEqual(before, <-done), "split %d: folding onto the original changed its copy", k)
				require.True(t, reflect.DeepEqual(before, cp.View()), "split %d: folding onto the original changed its copy", k)
				require.True(t, reflect.DeepEqual(want, prefix.View()), "split %d: Fold(Replay(prefix), rest) differs from Replay(all)", k)
			}
		})
	}
	t.Logf("%d records, %d withdrawals, %d states with three or more codes sharing a base", records, withdrawals, groups)
	assert.Greater(t, records, 500, "records in the random histories")
	assert.Greater(t, withdrawals, 50, "withdrawals in the random histories")
	assert.Greater(t, groups, 50, "folded states holding three or more codes sharing a base")
}

// TestCopiesFoldDifferentFutures: a folded state and its copy take
// different futures (the history forked after the copy: the same prefix,
// then different random acts), and each one folds to its own history
// replayed.
func TestCopiesFoldDifferentFutures(t *testing.T) {
	policy := lowThresholds()
	for seed := range uint64(6) {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			f := newFixture(t, policy, day(2026, 3, 2))
			w := newWalk(t, f, seed)
			id := w.open(kinds[seed%uint64(len(kinds)-1)])
			for range 150 {
				w.act(f.svc, id)
			}
			recs := f.stored(id).Records
			want, err := petition.Replay(id, recs, deadline.Rome(), policy)
			require.NoError(t, err)
			for k := 2; k < len(recs); k += 2 {
				// The fork: a store holding the prefix, and other acts.
				g := newFixture(t, policy, f.clock.day)
				p, err := petition.Replay(id, recs[:k], deadline.Rome(), policy)
				require.NoError(t, err)
				require.NoError(t, g.store.Write(g.ctx, history.Change[petition.ID, petition.Event]{ID: id, Index: p.Index(), Records: recs[:k]}))
				v := newWalk(t, g, seed+uint64(k)*1000)
				v.to[id], v.collect, v.acts[id] = w.to[id], 0, 60
				for range 30 {
					v.act(g.svc, id)
				}
				other := g.stored(id).Records
				wantOther, err := petition.Replay(id, other, deadline.Rome(), policy)
				require.NoError(t, err)

				forked(t, f.svc, id, k, recs, other, want, wantOther)
			}
		})
	}
	// Three requests, so that a fourth is appended in place (the slices of
	// requests and of reply terms have room for it), then a fourth with
	// another term in each future.
	t.Run("requests", func(t *testing.T) {
		f := newFixture(t, policy, day(2026, 3, 2))
		id := f.draftOpen(petition.InterrogazionePopolare, petition.Sindaco, "")
		f.signAll(id, sigs(3, 3, f.clock.day))
		do := func(by office.Actor, act func(petition.Act) (petition.Petition, error)) {
			_, err := act(petition.Act{ID: id, By: by})
			require.NoError(t, err)
		}
		ask := func(fx *fixture, o office.ID, days int) {
			do(desk, func(a petition.Act) (petition.Petition, error) {
				return fx.svc.Forward(fx.ctx, a, petition.Forwarding{Requests: []petition.Request{{Office: o, Question: "q", Days: days}}})
			})
		}
		do(desk, func(a petition.Act) (petition.Petition, error) { return f.svc.File(f.ctx, a, petition.Filing{}) })
		do(desk, func(a petition.Act) (petition.Petition, error) {
			return f.svc.DeclareAdmissible(f.ctx, a, petition.Admission{})
		})
		ask(f, "dip-mobilita", 0)
		ask(f, "dip-lavori-pubblici", 0)
		do(mobility, func(a petition.Act) (petition.Petition, error) {
			return f.svc.RecordReply(f.ctx, a, petition.Reply{Request: 1, Summary: "r"})
		})
		ask(f, "dip-mobilita", 0)
		prefix := f.stored(id)
		g := newFixture(t, policy, f.clock.day)
		require.NoError(t, g.store.Write(g.ctx, history.Change[petition.ID, petition.Event]{ID: id, Index: prefix.Index, Records: prefix.Records}))
		for i, fx := range []*fixture{f, g} {
			do(works, func(a petition.Act) (petition.Petition, error) {
				return fx.svc.RecordReply(fx.ctx, a, petition.Reply{Request: 2, Summary: "r"})
			})
			ask(fx, "dip-lavori-pubblici", 5+35*i)
		}
		recs, other := f.stored(id).Records, g.stored(id).Records
		want, err := petition.Replay(id, recs, deadline.Rome(), policy)
		require.NoError(t, err)
		wantOther, err := petition.Replay(id, other, deadline.Rome(), policy)
		require.NoError(t, err)
		require.NotEqual(t, want.Deadlines, wantOther.Deadlines)
		forked(t, f.svc, id, prefix.Version(), recs, other, want, wantOther)
	})
}

// forked folds the records after k of recs onto a copy of the state
// replayed from the first k, those of other onto the original, and checks
// that each gives its own history replayed.
func forked(t *testing.T, svc *petition.Service, id petition.ID, k int, recs, other []petition.Record, want, wantOther petition.Petition) {
	t.Helper()
	orig, err := svc.ReplayFolded(id, recs[:k])
	require.NoError(t, err)
	cp := orig.Copy()
	require.NoError(t, cp.Fold(recs[k:]))
	require.NoError(t, orig.Fold(other[k:]))
	require.True(t, reflect.DeepEqual(want, cp.View()), "split %d: the copy's future", k)
	require.True(t, reflect.DeepEqual(wantOther, orig.View()), "split %d: the original's future", k)
}

// foldChunks folds recs onto f at once, record by record, or in random
// chunks.
func foldChunks(t *testing.T, rng *rand.Rand, f *petition.Folded, recs []petition.Record) {
	t.Helper()
	size := []int{len(recs), 1, 1 + rng.IntN(len(recs))}[rng.IntN(3)]
	for len(recs) > 0 {
		n := min(size, len(recs))
		require.NoError(t, f.Fold(recs[:n]))
		recs = recs[n:]
	}
}

// TestServicesShareAStoreIncrementally: four Services on one store (two
// keeping the default number of states, one keeping a single state, one
// keeping none) act in random order on three petitions; an act refused by
// one is refused alike by the one keeping none; now and then each reads a
// petition, folding what the others wrote since its kept state,
// and gets the whole stored history replayed. The Services that keep
// states replay each history whole only once, on first reading it.
func TestServicesShareAStoreIncrementally(t *testing.T) {
	policy := lowThresholds()
	f := newFixture(t, policy, day(2026, 3, 2))
	service := func(keep int) *petition.Service {
		s, err := petition.NewService(petition.Config{Store: f.store, Directory: directory(t), Calendar: deadline.Rome(),
			Policy: policy, Now: f.clock.Now, Keep: keep})
		require.NoError(t, err)
		return s
	}
	plain := service(-1)
	svcs := []*petition.Service{f.svc, service(0), service(1), plain}
	replays := []interface{ Load() int64 }{svcs[0].CountReplays(), svcs[1].CountReplays()}
	w := newWalk(t, f, 7)
	ids := []petition.ID{w.open(kinds[0]), w.open(kinds[1]), w.open(kinds[3])}
	recorded := 0
	for range 600 {
		id := ids[w.rng.IntN(len(ids))]
		do, write := w.pick(id)
		s := svcs[w.rng.IntN(len(svcs))]
		switch err := do(s); {
		case write && err == nil:
			recorded++
		case write:
			// Refused on the Service's kept state: refused alike on the
			// history replayed whole.
			require.True(t, knownRefusal(err), "unexpected error %T: %v", err, err)
			require.EqualError(t, do(plain), err.Error(), "refused by a Service keeping states, not by one replaying")
		default:
			require.NoError(t, err)
		}
		st := f.stored(id)
		want, err := petition.Replay(id, st.Records, deadline.Rome(), policy)
		require.NoError(t, err)
		for i, s := range svcs {
			if w.rng.IntN(3) > 0 {
				continue // read later, after more acts by the others
			}
			got, err := s.Get(f.ctx, id)
			require.NoError(t, err)
			require.True(t, reflect.DeepEqual(want, got), "Service %d: %s at version %d differs from its history replayed", i, id, st.Version())
		}
	}
	require.Greater(t, recorded, 100, "the random acts must often succeed")
	for i, r := range replays {
		assert.LessOrEqual(t, r.Load(), int64(len(ids)), "Service %d: whole replays", i)
	}
	assert.Equal(t, len(ids), svcs[0].Kept())
	assert.Equal(t, 1, svcs[2].Kept())
	assert.Equal(t, 0, svcs[3].Kept())
}
