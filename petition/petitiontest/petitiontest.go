// Package petitiontest is the conformance suite for petition.Store
// implementations: it runs the generic store suite shared by every procedure
// (round trip through the hash chain, not-found, exists, optimistic
// concurrency, all-or-nothing writes, list order, filters and pages,
// cancelled contexts, concurrent writers) with petition events and
// sentinels, plus the clauses specific to petitions.
//
// A store for a database passes it like this:
//
//	func TestSQLStore(t *testing.T) {
//		petitiontest.Run(t, func(t *testing.T) petition.Store { return newSQLStore(t) })
//	}
package petitiontest

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/eventlog"
	"github.com/puntodiascolto/ascolto/internal/eventstore"
	"github.com/puntodiascolto/ascolto/internal/eventstore/storetest"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
)

// Run checks every clause of the petition.Store contract on stores made by
// newStore, which is called once per case and must return an empty store.
func Run(t *testing.T, newStore func(t *testing.T) petition.Store) {
	t.Helper()
	t.Run("Generic", func(t *testing.T) {
		storetest.Run(t, storetest.Harness[petition.ID, petition.Event]{
			New: func(t *testing.T) eventstore.Store[petition.ID, petition.Event] {
				return newStore(t)
			},
			Errors: eventstore.Errors{
				NotFound: petition.ErrNotFound,
				Exists:   petition.ErrExists,
				Conflict: petition.ErrConflict,
				Invalid:  petition.ErrInvalid,
			},
			Event: Event,
		})
	})
	t.Run("EveryEventRoundTrips", func(t *testing.T) {
		defer explain(t, "every event type, with every payload field set, comes back with its hash intact and replays to the same petition")
		everyEventRoundTrips(t, newStore(t))
	})
	t.Run("LargeBatch", func(t *testing.T) {
		defer explain(t, "a batch of 1,000 signatures in one record is stored and loaded whole")
		largeBatch(t, newStore(t))
	})
}

func explain(t *testing.T, why string) {
	if t.Failed() {
		t.Logf("rule: %s", why)
	}
}

// Event returns a valid petition event for the generic suite: distinct n give
// distinct events of every type in turn.
func Event(n int) petition.Event {
	cf := Codes(n+1, 1)[0]
	day := deadline.MustDate(2026, time.March, 1).AddDays(n % 28)
	switch n % 6 {
	case 0:
		return petition.Registration{Kind: petition.Petizione, Addressee: petition.Sindaco, Channel: petition.Counter,
			Subject: fmt.Sprintf("oggetto %d", n), Promoters: []petition.Person{{FamilyName: "Promotore", CodiceFiscale: cf}}}.Event()
	case 1:
		return petition.Batch{Signatures: []petition.Signature{{
			Signatory: petition.Person{FamilyName: "Firmatario", CodiceFiscale: cf},
			Category:  petition.Elettore, Evidence: "sezione 1", Method: petition.Paper, Date: day,
		}}}.Event()
	case 2:
		return petition.Filing{On: day, Protocol: fmt.Sprintf("RC/2026/%d", n)}.Event()
	case 3:
		return petition.Forwarding{Requests: []petition.Request{{Office: "ufficio", Question: fmt.Sprintf("domanda %d", n)}}}.Event()
	case 4:
		return petition.Answer{Outcome: petition.Replied, Summary: fmt.Sprintf("risposta %d", n)}.Event()
	}
	return petition.Archiving{Reason: fmt.Sprintf("motivo %d", n)}.Event()
}

// Codes returns count valid, distinct codici fiscali, deterministically
// derived from seed: synthetic people born between 1940 and 1999, men and
// women, in Rome (H501) and a few other places. They are made up: use them
// for tests, benchmarks and examples.
func Codes(seed, count int) []string {
	out := make([]string, count)
	places := [...]string{"H501", "F205", "F839", "L219", "Z404", "G273"}
	const months = "ABCDEHLMPRST"
	for i := range out {
		n := seed*7919 + i
		var b [16]byte
		x := n
		for j := 5; j >= 0; j-- {
			b[j] = byte('A' + x%26)
			x /= 26
		}
		yy := 40 + (n/7)%60
		b[6], b[7] = byte('0'+yy/10), byte('0'+yy%10)
		b[8] = months[(n/11)%12]
		day := 1 + (n/13)%28
		if (n/3)%2 == 1 {
			day += 40
		}
		b[9], b[10] = byte('0'+day/10), byte('0'+day%10)
		copy(b[11:15], places[(n/17)%len(places)])
		c, err := codicefiscale.CheckCharacter(string(b[:15]))
		if err != nil {
			panic(err) // unreachable: b holds letters and digits only
		}
		b[15] = c
		out[i] = string(b[:])
	}
	return out
}

var clerk = office.Actor{ID: "petitiontest", Role: office.FrontOffice, Office: "urp"}

func everyEventRoundTrips(t *testing.T, st petition.Store) {
	ctx := context.Background()
	cfs := Codes(42, 3)
	day := deadline.MustDate(2026, time.March, 2)
	events := []petition.Event{
		petition.Registration{Kind: petition.PropostaDeliberazione, Addressee: petition.AssembleaCapitolina, Channel: petition.PEC,
			Subject: "oggetto", Matter: "mobilità", Text: "testo dei promotori",
			EqualOpportunities: true, // a field to round-trip (the Service would refuse it for a proposal)
			Promoters: []petition.Person{{FamilyName: "Rossi", GivenName: "Maria", CodiceFiscale: cfs[0],
				BirthDate: deadline.MustDate(1980, time.May, 4), Address: "via Roma 1", Email: "m@example.org"}}}.Event(),
		petition.Collection{Closes: day.AddDays(60)}.Event(),
		petition.Batch{Signatures: []petition.Signature{
			{Signatory: petition.Person{FamilyName: "Bianchi", GivenName: "Luca", CodiceFiscale: cfs[1]},
				Category: petition.Lavoratore, Evidence: "sede di lavoro", Method: petition.Paper, Date: day, Sheet: "12"},
			{Signatory: petition.Person{CodiceFiscale: cfs[2]}, Category: petition.Elettore, Evidence: "sezione 9", Method: petition.SPID, Date: day, Sheet: "spid-1"},
		}}.Event(),
		petition.Withdrawal{CodiceFiscale: cfs[2]}.Event(),
		petition.Filing{On: day.AddDays(1), Protocol: "RC/2026/1"}.Event(),
		petition.Admission{Note: "ammissibile"}.Event(),
		petition.Forwarding{Requests: []petition.Request{{Office: "dip-a", Question: "q", Days: 10}, {Office: "dip-b", Question: "q2"}}}.Event(),
		petition.Reply{Request: 1, Summary: "riscontro"}.Event(),
		petition.Answer{Outcome: petition.Accepted, Summary: "approvata", Text: "testo", Act: "Del. AC 1/2026"}.Event(),
		petition.Archiving{Reason: "conclusa"}.Event(),
	}
	refusal := petition.Refusal{Reason: "fuori competenza", Ground: law.Cite("Statuto Roma Capitale", "8", "2")}.Event()
	require.NoError(t, refusal.Validate())
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	var recs []petition.Record
	for i, e := range events {
		require.NoError(t, e.Validate(), "event %d", i)
		r, err := eventlog.Extend(recs, at.Add(time.Duration(i)*24*time.Hour), clerk, law.Cite("Statuto Roma Capitale", "8", "2"), e)
		require.NoError(t, err)
		recs = append(recs, r...)
	}
	idx := petition.Index{Kind: "proposta-deliberazione", State: "archived", Received: day}
	require.NoError(t, st.Create(ctx, "all", idx, recs...))
	got, err := st.Load(ctx, "all")
	require.NoError(t, err)
	require.NoError(t, eventlog.Verify(got.Records))
	sameJSON(t, recs, got.Records)
	cal, policy := deadline.Rome(), petition.Rome()
	want, err := petition.Replay("all", recs, cal, policy)
	require.NoError(t, err)
	back, err := petition.Replay("all", got.Records, cal, policy)
	require.NoError(t, err)
	require.Equal(t, want, back)

	refused, err := eventlog.Extend(recs[:1], at.Add(time.Hour), clerk, law.Cite("Statuto Roma Capitale", "8", "2"), refusal)
	require.NoError(t, err)
	require.NoError(t, st.Create(ctx, "refused", idx, append(recs[:1:1], refused...)...))
	got, err = st.Load(ctx, "refused")
	require.NoError(t, err)
	require.NoError(t, eventlog.Verify(got.Records))
	sameJSON(t, append(recs[:1:1], refused...), got.Records)
}

func sameJSON(t *testing.T, want, got []petition.Record) {
	t.Helper()
	w, err := json.Marshal(want)
	require.NoError(t, err)
	g, err := json.Marshal(got)
	require.NoError(t, err)
	require.JSONEq(t, string(w), string(g))
}

func largeBatch(t *testing.T, st petition.Store) {
	ctx := context.Background()
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	day := deadline.MustDate(2026, time.March, 2)
	reg := petition.Registration{Kind: petition.PropostaDeliberazione, Addressee: petition.AssembleaCapitolina,
		Channel: petition.Counter, Subject: "oggetto", Promoters: []petition.Person{{FamilyName: "Comitato"}}}.Event()
	var sigs []petition.Signature
	for _, cf := range Codes(7, 1000) {
		sigs = append(sigs, petition.Signature{Signatory: petition.Person{CodiceFiscale: cf}, Category: petition.Elettore,
			Evidence: "sezione", Method: petition.Paper, Date: day})
	}
	recs, err := eventlog.Extend(nil, at, clerk, law.Citation{}, reg, petition.Collection{}.Event(), petition.Batch{Signatures: sigs}.Event())
	require.NoError(t, err)
	require.NoError(t, st.Create(ctx, "big", petition.Index{Received: day}, recs...))
	got, err := st.Load(ctx, "big")
	require.NoError(t, err)
	require.NoError(t, eventlog.Verify(got.Records))
	require.Len(t, got.Records[2].Event.Batch.Signatures, 1000)
	sameJSON(t, recs, got.Records)
}
