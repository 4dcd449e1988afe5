// Package complainttest is the conformance suite for complaint.Store
// implementations: any store (the in-memory one, a SQL store a city
// writes) runs it from its own tests:
//
//	func TestStore(t *testing.T) {
//		complainttest.Run(t, func(t *testing.T) complaint.Store { return newStore(t) })
//	}
//
// It runs the shared suite of every ascolto store (round trip through the
// hash chain, not-found, already-exists, optimistic concurrency,
// all-or-nothing writes, list order, filters and pages, tag queries that
// follow appends, concurrent writers, cancelled contexts) with complaint
// events and sentinels, then the complaint-specific clauses below. Each
// failure prints the rule it checks.
package complainttest

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/eventlog"
	"github.com/puntodiascolto/ascolto/internal/eventstore"
	"github.com/puntodiascolto/ascolto/internal/eventstore/storetest"
	"github.com/puntodiascolto/ascolto/office"
)

// Run checks every clause of the complaint.Store contract on stores made by
// newStore, which is called once per case and must return an empty store.
func Run(t *testing.T, newStore func(t *testing.T) complaint.Store) {
	t.Helper()
	storetest.Run(t, storetest.Harness[complaint.ID, complaint.Event]{
		New: func(t *testing.T) eventstore.Store[complaint.ID, complaint.Event] { return newStore(t) },
		Errors: eventstore.Errors{
			NotFound: complaint.ErrNotFound,
			Exists:   complaint.ErrExists,
			Conflict: complaint.ErrConflict,
			Invalid:  complaint.ErrInvalid,
		},
		Event: event,
	})
	for _, r := range []struct {
		name, why string
		run       func(t *testing.T, st complaint.Store)
	}{
		{"FullHistory", "a complaint's whole life (every payload, personal data included) round-trips: the loaded history verifies and replays to the same view", fullHistory},
		{"TagQueries", "the tags complaints are found by (category with its ancestors, Municipio, cell, street, master) select exactly the tagged complaints", tagQueries},
	} {
		t.Run(r.name, func(t *testing.T) {
			defer func() {
				if t.Failed() {
					t.Logf("rule: %s", r.why)
				}
			}()
			r.run(t, newStore(t))
		})
	}
}

// event returns a distinct valid event for n: a filing for even n, a
// request for information for odd n (the shared suite does not replay).
func event(n int) complaint.Event {
	var p complaint.Payload = &complaint.InfoRequest{Question: fmt.Sprintf("domanda %d", n)}
	if n%2 == 0 {
		p = &complaint.Filed{
			Kind:        complaint.Segnalazione,
			Channel:     complaint.Online,
			Received:    time.Date(2026, 3, 2, 9, 0, 0, n, time.UTC),
			Description: fmt.Sprintf("segnalazione %d", n),
		}
	}
	e, err := complaint.NewEvent(p)
	if err != nil {
		panic(err)
	}
	return e
}

var (
	desk   = office.Actor{ID: "desk", Role: office.FrontOffice, Office: "ascolto"}
	csimu  = office.Actor{ID: "csimu", Role: office.CompetentOffice, Office: "csimu"}
	system = office.Actor{ID: "gateway", Role: office.External}
)

// history builds a sealed history through every payload type.
func history(t *testing.T) []complaint.Record {
	t.Helper()
	at := time.Date(2026, 10, 2, 8, 0, 0, 0, time.UTC)
	var recs []complaint.Record
	add := func(a office.Actor, p complaint.Payload) {
		t.Helper()
		e, err := complaint.NewEvent(p)
		require.NoError(t, err)
		at = at.Add(time.Hour)
		more, err := eventlog.Extend(recs, at, a, complaint.Lifecycle().Rows()[0].Basis, e)
		require.NoError(t, err)
		recs = append(recs, more...)
	}
	pt := &complaint.Point{Lat: 41.8531, Lon: 12.5560}
	add(desk, &complaint.Filed{
		Kind: complaint.Reclamo, Channel: complaint.Escalation060606, Received: at,
		Escalation:  &complaint.Escalation{Ticket: "T-1", Opened: at.Add(-24 * time.Hour), Notes: "richiamare"},
		Category:    "buche",
		Place:       complaint.Place{Address: "Via Appia Nuova 120", ZIP: "00183", Municipio: 7, Point: pt},
		Person:      complaint.Person{FirstName: "Mario", LastName: "Rossi", Email: "m@example.org", FiscalCode: "RSSMRA80A01H501U"},
		Description: "buca profonda", Summary: "buca sulla carreggiata", Media: []string{"https://example.org/p.jpg"},
	})
	add(desk, &complaint.Assignment{Office: "csimu", Reason: "categoria"})
	add(csimu, &complaint.WorkStart{})
	add(csimu, &complaint.InfoRequest{Question: "numero civico?"})
	add(system, &complaint.CitizenReply{Received: at, Text: "120"})
	add(csimu, &complaint.Forwarding{From: "csimu", To: "mobilita", Reason: "non di competenza"})
	add(desk, &complaint.Reclassification{Summary: "buca profonda sulla carreggiata"})
	add(desk, &complaint.Answer{Outcome: complaint.Founded, Text: "Gentile signor Rossi", Summary: "intervento programmato"})
	add(system, &complaint.Reopening{Requested: at, Reason: "non riparata"})
	add(desk, &complaint.OutsideForwarding{Office: "ama", Reference: "AMA-9", Summary: "trasmessa"})
	add(system, &complaint.ExternalReply{Text: "fatto", Summary: "rimossi"})
	add(desk, &complaint.Closure{Reason: complaint.ClosedForwarded, Note: "ok"})
	return recs
}

func fullHistory(t *testing.T, st complaint.Store) {
	ctx := context.Background()
	recs := history(t)
	want, err := complaint.Replay(recs, nil, complaint.Policy{})
	require.NoError(t, err)
	require.NoError(t, st.Create(ctx, "c-1", want.Index(), recs...))
	got, err := st.Load(ctx, "c-1")
	require.NoError(t, err)
	require.NoError(t, eventlog.Verify(got.Records), "the loaded history must verify")
	require.Len(t, got.Records, len(recs))
	for i := range recs {
		require.Equal(t, recs[i].Hash, got.Records[i].Hash)
	}
	v, err := complaint.ReplayStream(got, nil, complaint.Policy{})
	require.NoError(t, err)
	want.ID = "c-1"
	require.Equal(t, jsonOf(t, want), jsonOf(t, v), "replaying the loaded history gives the same view")
	require.Equal(t, want.Index(), got.Index)
}

func tagQueries(t *testing.T, st complaint.Store) {
	ctx := context.Background()
	tax, err := complaint.NewTaxonomy(
		complaint.Category{Code: "strade", Label: "Strade"},
		complaint.Category{Code: "buche", Label: "Buche", Parent: "strade"},
		complaint.Category{Code: "verde", Label: "Verde"},
	)
	require.NoError(t, err)
	pol := complaint.DefaultPolicy()
	pol.Taxonomy = tax
	at := time.Date(2026, 10, 2, 8, 0, 0, 0, time.UTC)
	put := func(id complaint.ID, cat string, m complaint.Municipio, pt *complaint.Point, addr string, master complaint.ID) {
		t.Helper()
		f := &complaint.Filed{Kind: complaint.Segnalazione, Channel: complaint.Online, Received: at, Category: cat,
			Place: complaint.Place{Municipio: m, Point: pt, Address: addr}, Description: "x"}
		e, err := complaint.NewEvent(f)
		require.NoError(t, err)
		recs, err := eventlog.Extend(nil, at, system, complaint.Lifecycle().Rows()[0].Basis, e)
		require.NoError(t, err)
		if master != "" {
			e, err := complaint.NewEvent(&complaint.Merger{Master: master})
			require.NoError(t, err)
			more, err := eventlog.Extend(recs, at, desk, complaint.Lifecycle().Rows()[0].Basis, e)
			require.NoError(t, err)
			recs = append(recs, more...)
		}
		v, err := complaint.Replay(recs, nil, pol)
		require.NoError(t, err)
		require.NoError(t, st.Create(ctx, id, v.Index(), recs...))
	}
	colosseo := &complaint.Point{Lat: 41.8902, Lon: 12.4922}
	put("a", "buche", 1, colosseo, "Piazza del Colosseo 1", "")
	put("b", "buche", 7, &complaint.Point{Lat: 41.8531, Lon: 12.5560}, "Via Appia Nuova 120", "")
	put("c", "verde", 1, colosseo, "Piazza del Colosseo", "")
	put("d", "buche", 1, nil, "Piazza del Colosseo 3", "a")
	ids := func(tags ...string) []complaint.ID {
		t.Helper()
		p, err := st.List(ctx, complaint.Query{Tags: tags})
		require.NoError(t, err)
		var out []complaint.ID
		for _, it := range p.Items {
			out = append(out, it.ID)
		}
		return out
	}
	require.Equal(t, []complaint.ID{"a", "b", "d"}, ids("category:strade"), "a parent category finds its children")
	require.Equal(t, []complaint.ID{"a", "d"}, ids("category:buche", "municipio:I"))
	require.Equal(t, []complaint.ID{"a", "c"}, ids(colosseo.Cell()))
	require.Equal(t, []complaint.ID{"a", "c", "d"}, ids("street:piazza del colosseo"))
	require.Equal(t, []complaint.ID{"d"}, ids("master:a"))
	p, err := st.List(ctx, complaint.Query{States: []string{string(complaint.Merged)}, DueFrom: deadline.MustDate(2026, 1, 1)})
	require.NoError(t, err)
	require.Empty(t, p.Items, "a merged duplicate has nothing due")
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
