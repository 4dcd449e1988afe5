package petition_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/historytest"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/petition/petitiontest"
	"github.com/puntodiascolto/ascolto/procedure"
)

// racingStore lets another writer act just before each of the Service's
// next writes, one race per write: between the state the act was decided
// on (kept, or loaded) and its write.
type racingStore struct {
	petition.Store
	mu    sync.Mutex
	races []func()
}

func (r *racingStore) Write(ctx context.Context, changes ...history.Change[petition.ID, petition.Event]) error {
	r.mu.Lock()
	var race func()
	if len(r.races) > 0 {
		race, r.races = r.races[0], r.races[1:]
	}
	r.mu.Unlock()
	if race != nil {
		race()
	}
	return r.Store.Write(ctx, changes...)
}

// TestTwoServicesOneStore: two Services on one store stand for two
// application processes. Interleaved signatures on the same petition are
// each seen by the other Service (a duplicate signed through one is refused
// through the other); an act decided on a stale version (Act.Version), or
// overtaken between its load and its write, fails with ErrConflict and
// records nothing, while one overtaken only on the state a Service kept is
// decided again on the stored history; concurrent signers through both, retrying on conflicts, lose no
// signature.
func TestTwoServicesOneStore(t *testing.T) {
	today := day(2026, time.March, 2)
	f := newFixture(t, romePolicy(), today)
	race := &racingStore{Store: f.store}
	other, err := petition.NewService(petition.Config{Store: race, Directory: directory(t), Calendar: deadline.Rome(), Policy: romePolicy(), Now: f.clock.Now})
	require.NoError(t, err)
	id := f.draftOpen(petition.PropostaDeliberazione, petition.AssembleaCapitolina, "")
	codes := petitiontest.Codes(5, 60)
	sign := func(s *petition.Service, a petition.Act, cf string) (petition.Petition, error) {
		return s.Sign(f.ctx, a, petition.Batch{Signatures: []petition.Signature{paper(cf, today)}})
	}

	// Interleaved: each Service sees the other's signatures.
	for i := range 10 {
		s := f.svc
		if i%2 == 1 {
			s = other
		}
		p, err := sign(s, petition.Act{ID: id, By: desk}, codes[i])
		require.NoError(t, err)
		assert.Equal(t, i+1, p.Signatures.Valid)
		f.sameAsReplayed(id, f.svc, other)
	}
	// Both keep the petition's folded state (Config.Keep's default), each
	// folding onto it the records the other wrote.
	assert.Equal(t, 1, f.svc.Kept())
	assert.Equal(t, 1, other.Kept())
	_, err = sign(other, petition.Act{ID: id, By: desk}, codes[0])
	require.ErrorIs(t, err, petition.ErrDuplicate, "signed through the first Service, refused through the second")
	_, err = sign(f.svc, petition.Act{ID: id, By: desk}, codes[1])
	require.ErrorIs(t, err, petition.ErrDuplicate, "signed through the second Service, refused through the first")

	// A stale Version: the actor saw version 5, the petition is at 12.
	before := f.stored(id)
	_, err = sign(other, petition.Act{ID: id, By: desk, Version: 5}, codes[20])
	require.ErrorIs(t, err, petition.ErrConflict)
	// Overtaken between the state it was decided on (the second Service's
	// kept one) and its write: the first Service signs the same person
	// meanwhile. The stale write is refused, not merged; the act is decided
	// again on the history loaded from the store, where the signature is a
	// duplicate.
	signs := func(code string) func() {
		return func() {
			_, err := sign(f.svc, petition.Act{ID: id, By: desk}, code)
			require.NoError(t, err)
		}
	}
	race.races = []func(){signs(codes[21])}
	_, err = sign(other, petition.Act{ID: id, By: desk}, codes[21])
	require.ErrorIs(t, err, petition.ErrDuplicate, "decided again on the winner's version")
	assert.Equal(t, before.Version()+1, f.stored(id).Version(), "only the winner's act is recorded")
	// Overtaken twice, on its kept state and then between its load and its
	// write: ErrConflict, and nothing of it recorded.
	race.races = []func(){signs(codes[22]), signs(codes[23])}
	_, err = sign(other, petition.Act{ID: id, By: desk}, codes[24])
	require.ErrorIs(t, err, petition.ErrConflict, "the stale write would have recorded a duplicate")
	assert.Equal(t, before.Version()+3, f.stored(id).Version(), "only the winners' acts are recorded")
	_, err = sign(other, petition.Act{ID: id, By: desk}, codes[23])
	require.ErrorIs(t, err, petition.ErrDuplicate, "the next act sees the winners' signatures")
	f.sameAsReplayed(id, f.svc, other)

	// Concurrent signers through both Services, retrying on conflicts.
	var wg sync.WaitGroup
	for w := range 4 {
		s := f.svc
		if w%2 == 1 {
			s = other
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 30 + w; i < len(codes); i += 4 {
				_, err := procedure.Retry(f.ctx, 100, func(ctx context.Context) (petition.Petition, error) {
					return sign(s, petition.Act{ID: id, By: desk}, codes[i])
				})
				if err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	p, err := other.Get(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, 10+3+30, p.Signatures.Valid, "no signature lost")
	q, err := f.svc.Get(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, p, q, "both Services read the same petition")
	f.sameAsReplayed(id, f.svc, other)
	require.NoError(t, f.svc.Verify(f.ctx, id))
}

// sameAsReplayed checks that each Service reads petition id as its stored
// history replayed whole, and that the stored index is the replayed one.
func (f *fixture) sameAsReplayed(id petition.ID, svcs ...*petition.Service) {
	f.t.Helper()
	st := f.stored(id)
	want, err := petition.Replay(id, st.Records, deadline.Rome(), f.svc.Policy())
	require.NoError(f.t, err)
	require.Equal(f.t, want.Index(), st.Index, "stored index")
	for i, s := range svcs {
		got, err := s.Get(f.ctx, id)
		require.NoError(f.t, err)
		require.True(f.t, reflect.DeepEqual(want, got), "Service %d: %s at version %d differs from its history replayed", i, id, st.Version())
	}
}

// stored returns the stored history of id.
func (f *fixture) stored(id petition.ID) petition.Stream {
	f.t.Helper()
	st, err := f.store.Load(f.ctx, id, 0)
	require.NoError(f.t, err)
	return st
}

// Signatures recorded one by one, each act reading the history again:
// duplicates are found across acts.
func TestSignaturesOneByOne(t *testing.T) {
	today := day(2026, time.March, 2)
	f := newFixture(t, romePolicy(), today)
	id := f.draftOpen(petition.InterrogazionePopolare, petition.Sindaco, "")
	for _, s := range sigs(6, 5, today) {
		_, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: []petition.Signature{s}})
		require.NoError(t, err)
	}
	_, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: sigs(6, 1, today)})
	require.ErrorIs(t, err, petition.ErrDuplicate)
	got, err := f.svc.Get(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, 5, got.Signatures.Valid)
	assert.Equal(t, 7, got.Version)
}

// Concurrent signers on one petition through one Service: a signer
// overtaken by another gets ErrConflict and retries; none is lost,
// duplicates are caught across goroutines.
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
				_, err := procedure.Retry(f.ctx, 100, func(ctx context.Context) (petition.Petition, error) {
					return f.svc.Sign(ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: []petition.Signature{paper(codes[i], today)}})
				})
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
	again, err := petition.Replay(id, h, deadline.Rome(), romePolicy())
	require.NoError(t, err)
	assert.Equal(t, p, again)
}

func TestReplayRejectsMalformedHistories(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	sealOn := func(on deadline.Date, events ...petition.Event) []petition.Record {
		var recs []petition.Record
		for _, e := range events {
			head := history.Head{Version: len(recs)}
			if len(recs) > 0 {
				head.Hash = recs[len(recs)-1].Hash
			}
			r, err := history.Extend(head, at, on, desk, petition.Rome().Kinds[0].Source, e)
			require.NoError(t, err)
			recs = append(recs, r...)
		}
		return recs
	}
	seal := func(events ...petition.Event) []petition.Record { return sealOn(day(2026, time.March, 2), events...) }
	reg := petition.Registration{Kind: petition.Petizione, Addressee: petition.Sindaco, Channel: petition.Counter,
		Subject: "s", Promoters: []petition.Person{{FamilyName: "P"}}}
	for name, recs := range map[string][]petition.Record{
		"empty":                   nil,
		"no registration first":   seal(petition.Collection{}.Event()),
		"two registrations":       seal(reg.Event(), reg.Event()),
		"payload of another type": seal(reg.Event(), petition.Event{Type: petition.EventFiled, Archiving: &petition.Archiving{Reason: "x"}}),
		"unknown type":            seal(reg.Event(), petition.Event{Type: "teleported"}),
		"kind unknown to policy":  seal(petition.Registration{Kind: "referendum", Addressee: petition.Sindaco, Channel: petition.Counter, Subject: "s"}.Event()),
		"filing before 1977":      sealOn(day(1970, time.January, 1), reg.Event(), petition.Collection{}.Event(), petition.Filing{}.Event()),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := petition.Replay("x", recs, deadline.Rome(), petition.Rome())
			require.ErrorIs(t, err, petition.ErrInvalidEvent)
			require.ErrorIs(t, err, petition.ErrInvalid)
		})
	}
}

// TestCancelledContext: a cancelled context records nothing; Permitted then
// lists the actor's acts, and refuses the zero actor or an undeclared role
// as invalid input.
func TestCancelledContext(t *testing.T) {
	f := newFixture(t, romePolicy(), day(2026, time.March, 2))
	id := f.draftOpen(petition.Petizione, petition.Sindaco, "")
	cctx, cancel := context.WithCancel(f.ctx)
	cancel()
	_, err := f.svc.Sign(cctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: sigs(1, 1, day(2026, time.March, 2))})
	require.ErrorIs(t, err, context.Canceled)
	_, err = f.svc.Draft(cctx, petition.Act{By: desk}, petition.Registration{})
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 2, f.version(id))
	perm, err := f.svc.Permitted(f.ctx, id, portal)
	require.NoError(t, err)
	assert.Equal(t, []petition.EventType{petition.EventSigned, petition.EventSignatureWithdrawn, petition.EventFiled}, perm)
	for _, actor := range []office.Actor{{}, {ID: "x"}, {ID: "x", Role: 99}} {
		perm, err = f.svc.Permitted(f.ctx, id, actor)
		require.ErrorIs(t, err, petition.ErrInvalid, "actor %+v", actor)
		require.ErrorIs(t, err, office.ErrInvalidActor, "actor %+v", actor)
		assert.Empty(t, perm, "no act for the zero actor or an undeclared role")
	}
}

// TestActConvention: every act takes an Act; a refused act returns the
// shared sentinel (errors.Is) and leaves the stored bytes unchanged: an
// empty actor, an unknown ID, a wrong role, a stale Version, an act out of
// order, invalid UTF-8, an over-long text, a day of the fact in the future
// or before the last act. The day of the fact goes into the record's On.
func TestActConvention(t *testing.T) {
	today := day(2026, time.March, 10)
	f := newFixture(t, romePolicy(), today)
	id := f.draftOpen(petition.InterrogazionePopolare, petition.Sindaco, "mobilità")
	other, err := f.svc.Draft(f.ctx, petition.Act{By: desk}, petition.Registration{Kind: petition.Petizione, Addressee: petition.Sindaco,
		Channel: petition.Counter, Subject: "oggetto", Promoters: []petition.Person{{FamilyName: "Promotore"}}})
	require.NoError(t, err)
	one := petition.Batch{Signatures: sigs(3, 1, today)}
	badUTF8 := sigs(4, 1, today)
	badUTF8[0].Evidence = "sezione \xff"
	long := sigs(5, 1, today)
	long[0].Evidence = strings.Repeat("à", 1001)
	for _, c := range []struct {
		name string
		do   func() error
		want error
	}{
		{"empty actor", func() error { _, err := f.svc.Sign(f.ctx, petition.Act{ID: id}, one); return err }, petition.ErrInvalid},
		{"actor without role", func() error {
			_, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: office.Actor{ID: "x"}}, one)
			return err
		}, petition.ErrInvalid},
		{"empty actor drafting", func() error {
			_, err := f.svc.Draft(f.ctx, petition.Act{}, petition.Registration{Kind: petition.Petizione, Addressee: petition.Sindaco,
				Channel: petition.Counter, Subject: "s", Promoters: []petition.Person{{FamilyName: "P"}}})
			return err
		}, petition.ErrInvalid},
		{"unknown ID", func() error { _, err := f.svc.Sign(f.ctx, petition.Act{ID: "nope", By: desk}, one); return err }, petition.ErrNotFound},
		{"empty ID", func() error { _, err := f.svc.Sign(f.ctx, petition.Act{By: desk}, one); return err }, petition.ErrInvalid},
		{"wrong role", func() error {
			_, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: mobility}, one)
			return err
		}, petition.ErrForbidden},
		{"stale Version", func() error { _, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk, Version: 1}, one); return err }, petition.ErrConflict},
		{"act out of order", func() error {
			_, err := f.svc.Answer(f.ctx, petition.Act{ID: id, By: secretariat}, petition.Answer{Outcome: petition.Replied, Summary: "s"})
			return err
		}, petition.ErrNotAllowed},
		{"invalid UTF-8", func() error {
			_, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: badUTF8})
			return err
		}, petition.ErrInvalid},
		{"over-long text", func() error {
			_, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: long})
			return err
		}, petition.ErrInvalid},
		{"over-long archiving reason", func() error {
			_, err := f.svc.Archive(f.ctx, petition.Act{ID: id, By: desk}, petition.Archiving{Reason: strings.Repeat("x", 20001)})
			return err
		}, petition.ErrInvalid},
		{"day of the fact in the future", func() error {
			_, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk, On: today.AddDays(1)}, one)
			return err
		}, petition.ErrRule},
		{"day of the fact before the last act", func() error {
			_, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk, On: today.AddDays(-1)}, one)
			return err
		}, petition.ErrRule},
	} {
		t.Run(c.name, func(t *testing.T) {
			before, beforeOther := f.stored(id), f.stored(other.ID)
			require.ErrorIs(t, c.do(), c.want)
			assert.Equal(t, before, f.stored(id), "a refused act leaves the stored history unchanged")
			assert.Equal(t, beforeOther, f.stored(other.ID))
		})
	}
	var te *history.TextError
	_, err = f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: long})
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 1000, te.Limit)
	_, err = f.svc.Get(f.ctx, "nope")
	require.ErrorIs(t, err, petition.ErrNotFound)

	// The day of the fact is recorded in the record, not in the event.
	p, err := f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk, Version: 2}, one)
	require.NoError(t, err)
	f.clock.set(today.AddDays(5))
	p, err = f.svc.File(f.ctx, petition.Act{ID: id, By: desk, On: today.AddDays(2), Version: p.Version}, petition.Filing{Protocol: "RC/2026/1"})
	require.ErrorIs(t, err, petition.ErrThreshold)
	require.Zero(t, p.Version)
	p = f.signAll(id, sigs(6, 200, today))
	p, err = f.svc.File(f.ctx, petition.Act{ID: id, By: desk, On: today.AddDays(2)}, petition.Filing{Protocol: "RC/2026/1"})
	require.NoError(t, err)
	assert.Equal(t, today.AddDays(2), p.Filed)
	st := f.stored(id)
	assert.Equal(t, today.AddDays(2), st.Records[len(st.Records)-1].On)
	assert.Equal(t, today.AddDays(5), deadline.DateOf(st.Records[len(st.Records)-1].At))

	perm, err := f.svc.Permitted(f.ctx, id, desk)
	require.NoError(t, err)
	assert.Equal(t, []petition.EventType{petition.EventDeclaredAdmissible, petition.EventDeclaredInadmissible}, perm)
	require.NoError(t, f.svc.Verify(f.ctx, id))
	read, rewritten, err := f.svc.Reindex(f.ctx)
	require.NoError(t, err)
	assert.Equal(t, [2]int{2, 0}, [2]int{read, rewritten})
}

// TestNewServiceNeedsACalendar: the calendar is required; no default.
func TestNewServiceNeedsACalendar(t *testing.T) {
	_, err := petition.NewService(petition.Config{Store: petition.NewMemoryStore(), Directory: directory(t)})
	require.ErrorIs(t, err, petition.ErrInvalid)
	_, err = petition.NewService(petition.Config{Calendar: deadline.Rome(), Directory: directory(t)})
	require.ErrorIs(t, err, petition.ErrInvalid)
}

// TestTamperEveryEventType: the hash chain covers every field of every
// event type of a petition's history, recorded through the Service: any
// single edit, deletion, insertion, swap or truncation is found.
func TestTamperEveryEventType(t *testing.T) {
	today := day(2026, time.March, 2)
	f := newFixture(t, romePolicy(), today)
	id := f.draftOpen(petition.Petizione, petition.Sindaco, "mobilità")
	codes := petitiontest.Codes(77, 3)
	all := sigs(77, 3, today)
	all[0].Signatory = petition.Person{FamilyName: "Bianchi", GivenName: "Luca", CodiceFiscale: codes[0], Address: "via Appia 2", Email: "l@example.org"}
	all[0].Sheet = "12"
	f.signAll(id, all)
	ctx, a := f.ctx, func(by office.Actor) petition.Act { return petition.Act{ID: id, By: by} }
	_, err := f.svc.WithdrawSignature(ctx, a(desk), petition.Withdrawal{CodiceFiscale: codes[1]})
	require.NoError(t, err)
	_, err = f.svc.File(ctx, a(desk), petition.Filing{Protocol: "RC/2026/7"})
	require.NoError(t, err)
	_, err = f.svc.DeclareAdmissible(ctx, a(desk), petition.Admission{Note: "requisiti verificati"})
	require.NoError(t, err)
	_, err = f.svc.Forward(ctx, a(desk), petition.Forwarding{Requests: []petition.Request{{Office: "dip-mobilita", Question: "elementi", Days: 10}}})
	require.NoError(t, err)
	_, err = f.svc.RecordReply(ctx, a(mobility), petition.Reply{Request: 1, Summary: "riscontro"})
	require.NoError(t, err)
	_, err = f.svc.Answer(ctx, a(secretariat), petition.Answer{Outcome: petition.Replied, Summary: "risposta", Text: "testo", Act: "prot. 1"})
	require.NoError(t, err)
	_, err = f.svc.Archive(ctx, a(desk), petition.Archiving{Reason: "conclusa"})
	require.NoError(t, err)
	st := f.stored(id)
	types := map[petition.EventType]bool{}
	for _, r := range st.Records {
		types[r.Event.Type] = true
	}

	refused := f.draftOpen(petition.Petizione, petition.AssembleaCapitolina, "")
	f.signAll(refused, sigs(78, 1, today))
	_, err = f.svc.File(ctx, petition.Act{ID: refused, By: desk}, petition.Filing{})
	require.NoError(t, err)
	_, err = f.svc.DeclareInadmissible(ctx, petition.Act{ID: refused, By: desk},
		petition.Refusal{Reason: "fuori competenza", Ground: law.Cite("Statuto Roma Capitale", "8", "6").WithNote("nota")})
	require.NoError(t, err)
	st2 := f.stored(refused)
	for _, r := range st2.Records {
		types[r.Event.Type] = true
	}
	assert.Len(t, types, len(petition.EventTypes()), "the two histories hold every event type")
	n := historytest.Tamper(t, st.Records, st.Head) + historytest.Tamper(t, st2.Records, st2.Head)
	t.Logf("%d tamperings found", n)
}
