// Package accesstest is the conformance suite for implementations of
// access.Store, like testing/fstest for file systems: a SQL or file store
// written by an administration runs Run in its tests.
//
// Run checks every clause of the contract with access's own events and
// sentinel errors (round trip through the hash chain, not-found,
// already-exists, optimistic concurrency, all-or-nothing writes, filters,
// order and pagination, due-date ranges, cancelled contexts, concurrent
// writers), then clauses specific to access requests: a real history filed
// and decided through the Service survives the store byte for byte, and the
// due-date index finds it. Each failing case prints the rule it checks.
package accesstest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/eventlog"
	"github.com/puntodiascolto/ascolto/internal/eventstore"
	"github.com/puntodiascolto/ascolto/internal/eventstore/storetest"
	"github.com/puntodiascolto/ascolto/office"
)

// Run checks the store returned by newStore, which must return a new,
// empty store on each call.
func Run(t *testing.T, newStore func(t *testing.T) access.Store) {
	t.Helper()
	storetest.Run(t, storetest.Harness[access.ID, access.Event]{
		New:    func(t *testing.T) eventstore.Store[access.ID, access.Event] { return newStore(t) },
		Errors: eventstore.Errors{NotFound: access.ErrNotFound, Exists: access.ErrExists, Conflict: access.ErrConflict, Invalid: access.ErrInvalid},
		Event:  event,
	})
	for _, c := range []struct {
		name, why string
		run       func(t *testing.T, s access.Store)
	}{
		{"ServiceHistory", "a history written through the Service loads back intact, every payload included, and replays to the same request", serviceHistory},
		{"DueIndex", "the due-date index holds the next office deadline and follows it as acts are recorded", dueIndex},
	} {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				if t.Failed() {
					t.Logf("rule: %s", c.why)
				}
			}()
			c.run(t, newStore(t))
		})
	}
}

// event returns a distinct valid event for n: the payload types rotate so
// that every kind of payload crosses the store.
func event(n int) access.Event {
	d := deadline.MustDate(2026, time.March, 2).AddDays(n % 300)
	switch n % 6 {
	case 0:
		return access.Event{Type: access.EventAssigned, Assignment: &access.Assignment{Office: office.ID(fmt.Sprintf("ufficio-%d", n)), Note: "assegnazione"}}
	case 1:
		return access.Event{Type: access.EventCounterInterestedNotified, On: d, Notification: &access.Notification{Parties: []access.Person{{Name: "Parte", Surname: fmt.Sprint(n), BirthDate: d}}, Means: "PEC"}}
	case 2:
		return access.Event{Type: access.EventDecided, Ruling: &access.Ruling{Outcome: access.Deferred, Grounds: []access.GroundCode{"d33-5bis-1-f"}, DeferredUntil: d, Reasons: fmt.Sprint("motivi ", n), Summary: "indagini"}}
	case 3:
		return access.Event{Type: access.EventFeesCharged, Charge: &access.Charge{Copy: access.Copy{Pages: n, Medium: access.MediumPaper}, Fee: access.Fee{Amount: int64(n) * 10, Lines: []access.FeeLine{{Label: "copie", Amount: int64(n) * 10}}}}}
	case 4:
		return access.Event{Type: access.EventDocumentsRequested, DocRequest: &access.DocumentRequest{Requests: []access.InternalRequest{{Office: "x", Documents: fmt.Sprint("doc ", n), Due: d}}}}
	}
	return access.Event{Type: access.EventPublicSubjectSet, Subject: &access.PublicSubject{Text: fmt.Sprintf("oggetto %d: àèìòù €", n)}}
}

func service(t *testing.T, s access.Store, now *time.Time) *access.Service {
	t.Helper()
	dir, err := office.NewDirectory(office.Office{ID: "pda", Name: "Punto di Ascolto"}, office.Office{ID: "mobilita", Name: "Mobilità"})
	require.NoError(t, err)
	svc, err := access.NewService(access.Config{Store: s, Calendar: deadline.Rome(), Directory: dir, Now: func() time.Time { return *now }})
	require.NoError(t, err)
	return svc
}

var (
	front = office.Actor{ID: "sportello", Role: office.FrontOffice, Office: "pda"}
	comp  = office.Actor{ID: "dirigente", Role: office.CompetentOffice, Office: "mobilita"}
	ext   = office.Actor{ID: "pec", Role: office.External}
)

func serviceHistory(t *testing.T, s access.Store) {
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 23, 30, 0, 0, time.UTC) // 3 March in Rome
	svc := service(t, s, &now)
	r, err := svc.File(ctx, front, access.Filing{ID: "acc-1", Kind: access.Generalizzato, Channel: access.ChannelPEC,
		Protocol: access.Protocol{Number: "P-1"}, Applicant: access.Person{Name: "Anna", Surname: "Esposito", BirthDate: deadline.MustDate(1980, 1, 2)},
		Subject: "verbali", Office: "mobilita"})
	require.NoError(t, err)
	require.Equal(t, deadline.MustDate(2026, 3, 3), r.Received, "an instant becomes its Rome date")
	act := access.Act{Request: r.ID, By: front}
	now = now.Add(48 * time.Hour)
	_, err = svc.NotifyCounterInterested(ctx, act, access.Notification{Parties: []access.Person{{Name: "Mario", Surname: "Neri", PEC: "neri@pec.it"}}})
	require.NoError(t, err)
	now = now.Add(24 * time.Hour)
	_, err = svc.RecordOpposition(ctx, access.Act{Request: r.ID, By: ext}, access.PartyAct{Party: 1, Note: "contrario"})
	require.NoError(t, err)
	now = now.Add(10 * 24 * time.Hour)
	want, err := svc.Decide(ctx, access.Act{Request: r.ID, By: comp}, access.Ruling{Outcome: access.PartiallyAccepted,
		Grounds: []access.GroundCode{"d33-5bis-2-a"}, Reasons: "oscurati i dati personali", Summary: "oscurati dati personali"})
	require.NoError(t, err)
	now = now.Add(48 * time.Hour)
	want, err = svc.CommunicateDecision(ctx, access.Act{Request: r.ID, By: ext, On: deadline.MustDate(2026, 3, 18)}, access.Communication{Means: "PEC"})
	require.NoError(t, err)
	require.Equal(t, deadline.MustDate(2026, 3, 18), want.Decision.Communicated)

	st, err := s.Load(ctx, r.ID)
	require.NoError(t, err)
	require.NoError(t, eventlog.Verify(st.Records), "the loaded history verifies")
	require.Equal(t, want.Index(), st.Index, "the stored index is the request's")
	got, err := access.ReplayStream(st, deadline.Rome(), access.Policy{})
	require.NoError(t, err)
	require.Equal(t, want, got, "replaying the loaded history gives the same request")
}

func dueIndex(t *testing.T, s access.Store) {
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	svc := service(t, s, &now)
	var ids []access.ID
	for i := range 3 {
		r, err := svc.File(ctx, front, access.Filing{ID: access.ID(fmt.Sprintf("d-%d", i)), Kind: access.Generalizzato, Channel: access.ChannelEmail, Subject: "x", Office: "mobilita"})
		require.NoError(t, err)
		ids = append(ids, r.ID)
		now = now.Add(24 * time.Hour)
	}
	// Due 1, 2 and 3 April.
	got, err := svc.Due(ctx, deadline.MustDate(2026, 4, 1), deadline.MustDate(2026, 4, 2))
	require.NoError(t, err)
	require.Len(t, got, 2)
	require.Equal(t, ids[0], got[0].ID)
	require.Equal(t, ids[1], got[1].ID)
	_, err = svc.Decide(ctx, access.Act{Request: ids[0], By: comp}, access.Ruling{Outcome: access.Accepted})
	require.NoError(t, err)
	got, err = svc.Due(ctx, deadline.MustDate(2026, 4, 1), deadline.MustDate(2026, 4, 2))
	require.NoError(t, err)
	require.Len(t, got, 1, "a decided request is no longer due")
	require.Equal(t, ids[1], got[0].ID)
}
