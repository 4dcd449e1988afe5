package petition_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/eventlog"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/petition/petitiontest"
)

// Two Services on one store (two processes): the cached state of the first
// goes stale when the second writes; the first's next act fails with
// ErrConflict, appends nothing, and the retry succeeds on fresh state.
func TestStaleCacheIsAConflict(t *testing.T) {
	today := day(2026, time.March, 2)
	f := newFixture(t, romePolicy(), today)
	other, err := petition.NewService(petition.Config{Store: f.store, Directory: directory(t), Policy: romePolicy(), Now: f.clock.Now})
	require.NoError(t, err)
	id := f.draftOpen(petition.InterrogazionePopolare, petition.Sindaco, "")
	codes := petitiontest.Codes(5, 3)

	_, err = other.Sign(f.ctx, desk, id, paper(codes[0], today))
	require.NoError(t, err)
	_, err = f.svc.Sign(f.ctx, desk, id, paper(codes[0], today))
	require.ErrorIs(t, err, petition.ErrConflict, "the stale cache would have missed the duplicate: the store refuses the write")
	_, err = f.svc.Sign(f.ctx, desk, id, paper(codes[0], today))
	require.ErrorIs(t, err, petition.ErrDuplicate, "after reloading, the duplicate is seen")
	p, err := f.svc.Sign(f.ctx, desk, id, paper(codes[1], today))
	require.NoError(t, err)
	assert.Equal(t, 2, p.Signatures.Valid)

	got, err := other.Get(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, p, got, "Get reloads when the store moved on")
}

func TestServiceWithoutCache(t *testing.T) {
	today := day(2026, time.March, 2)
	clk := &clock{day: today}
	svc, err := petition.NewService(petition.Config{Store: petition.NewMemoryStore(), Directory: directory(t),
		Policy: romePolicy(), Now: clk.Now, CacheSize: -1})
	require.NoError(t, err)
	p, err := svc.Draft(t.Context(), desk, "x", petition.Registration{Kind: petition.Petizione, Addressee: petition.Sindaco,
		Channel: petition.Counter, Subject: "s", Promoters: []petition.Person{{FamilyName: "P"}}})
	require.NoError(t, err)
	_, err = svc.OpenCollection(t.Context(), desk, p.ID, deadline.Date{})
	require.NoError(t, err)
	for _, s := range sigs(6, 5, today) {
		_, err = svc.Sign(t.Context(), desk, p.ID, s)
		require.NoError(t, err)
	}
	_, err = svc.Sign(t.Context(), desk, p.ID, sigs(6, 1, today)...)
	require.ErrorIs(t, err, petition.ErrDuplicate)
	got, err := svc.Get(t.Context(), p.ID)
	require.NoError(t, err)
	assert.Equal(t, 5, got.Signatures.Valid)
}

// A small cache evicts petitions; acts on evicted ones reload them.
func TestCacheEviction(t *testing.T) {
	today := day(2026, time.March, 2)
	clk := &clock{day: today}
	svc, err := petition.NewService(petition.Config{Store: petition.NewMemoryStore(), Directory: directory(t),
		Policy: romePolicy(), Now: clk.Now, CacheSize: 2})
	require.NoError(t, err)
	var ids []petition.ID
	for range 5 {
		p, err := svc.Draft(t.Context(), desk, "", petition.Registration{Kind: petition.Petizione, Addressee: petition.Sindaco,
			Channel: petition.Counter, Subject: "s", Promoters: []petition.Person{{FamilyName: "P"}}})
		require.NoError(t, err)
		_, err = svc.OpenCollection(t.Context(), desk, p.ID, deadline.Date{})
		require.NoError(t, err)
		ids = append(ids, p.ID)
	}
	for round := range 3 {
		for i, id := range ids {
			p, err := svc.Sign(t.Context(), desk, id, sigs(100*i+round, 1, today)...)
			require.NoError(t, err)
			assert.Equal(t, round+1, p.Signatures.Valid)
		}
	}
}

// Concurrent signers on one petition through one Service: acts are
// serialized, none is lost, duplicates are caught across goroutines.
func TestConcurrentSigners(t *testing.T) {
	today := day(2026, time.March, 2)
	f := newFixture(t, romePolicy(), today)
	id := f.draftOpen(petition.PropostaDeliberazione, petition.AssembleaCapitolina, "")
	codes := petitiontest.Codes(12, 40)
	var wg sync.WaitGroup
	var mu sync.Mutex
	dups := 0
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range codes {
				if i%8 != w && i%4 != w%4 { // each code is tried by two workers
					continue
				}
				_, err := f.svc.Sign(f.ctx, desk, id, paper(codes[i], today))
				switch {
				case err == nil:
				case errors.Is(err, petition.ErrDuplicate):
					mu.Lock()
					dups++
					mu.Unlock()
				default:
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	p, err := f.svc.Get(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, 40, p.Signatures.Valid)
	assert.Positive(t, dups)
	h := mustHistory(t, f, id)
	require.NoError(t, eventlog.Verify(h))
	again, err := petition.Replay(id, h, deadline.Rome(), romePolicy())
	require.NoError(t, err)
	assert.Equal(t, p, again)
}

func TestReplayRejectsMalformedHistories(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	seal := func(events ...petition.Event) []petition.Record {
		recs, err := eventlog.Extend(nil, at, desk, petition.Rome().Kinds[0].Source, events...)
		require.NoError(t, err)
		return recs
	}
	reg := petition.Registration{Kind: petition.Petizione, Addressee: petition.Sindaco, Channel: petition.Counter,
		Subject: "s", Promoters: []petition.Person{{FamilyName: "P"}}}
	for name, recs := range map[string][]petition.Record{
		"empty":                   nil,
		"no registration first":   seal(petition.Collection{}.Event()),
		"two registrations":       seal(reg.Event(), reg.Event()),
		"payload of another type": seal(reg.Event(), petition.Event{Type: petition.EventFiled, Archiving: &petition.Archiving{Reason: "x"}}),
		"unknown type":            seal(reg.Event(), petition.Event{Type: "teleported"}),
		"kind unknown to policy":  seal(petition.Registration{Kind: "referendum", Addressee: petition.Sindaco, Channel: petition.Counter, Subject: "s"}.Event()),
		"filing before 1977":      seal(reg.Event(), petition.Collection{}.Event(), petition.Filing{On: day(1970, time.January, 1)}.Event()),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := petition.Replay("x", recs, deadline.Rome(), petition.Rome())
			require.ErrorIs(t, err, petition.ErrInvalidEvent)
		})
	}
}

// TestCancelledContext: a cancelled context appends nothing; Permitted then
// lists the role's acts, and none for the zero or an undeclared role.
func TestCancelledContext(t *testing.T) {
	f := newFixture(t, romePolicy(), day(2026, time.March, 2))
	id := f.draftOpen(petition.Petizione, petition.Sindaco, "")
	cctx, cancel := context.WithCancel(f.ctx)
	cancel()
	_, err := f.svc.Sign(cctx, desk, id, sigs(1, 1, day(2026, time.March, 2))...)
	require.ErrorIs(t, err, context.Canceled)
	_, err = f.svc.Draft(cctx, desk, "", petition.Registration{})
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 2, f.version(id))
	perm, err := f.svc.Permitted(f.ctx, id, office.External)
	require.NoError(t, err)
	assert.Equal(t, []petition.EventType{petition.EventSigned, petition.EventSignatureWithdrawn, petition.EventFiled}, perm)
	for _, role := range []office.Role{0, 99} {
		perm, err = f.svc.Permitted(f.ctx, id, role)
		require.ErrorIs(t, err, petition.ErrForbidden, "role %d", role)
		require.ErrorIs(t, err, office.ErrInvalidActor, "role %d", role)
		assert.Empty(t, perm, "no act for the zero or an undeclared role")
	}
}

func TestUnknownIDsDoNotFillTheCache(t *testing.T) {
	f := newFixture(t, romePolicy(), day(2026, time.March, 2))
	id := f.draftOpen(petition.Petizione, petition.Sindaco, "")
	for i := range 50 {
		ghost := petition.ID(fmt.Sprintf("ghost-%d", i))
		_, err := f.svc.Sign(f.ctx, desk, ghost, sigs(1, 1, day(2026, time.March, 2))...)
		require.ErrorIs(t, err, petition.ErrNotFound)
		_, err = f.svc.Get(f.ctx, ghost)
		require.ErrorIs(t, err, petition.ErrNotFound)
	}
	assert.Equal(t, 1, f.svc.CacheLen())
	_, err := f.svc.Get(f.ctx, id)
	require.NoError(t, err)
}
