// Package counciltest is the conformance suite of council.Store: any
// implementation (SQL, files, a remote service) runs it to prove it keeps
// histories and answers queries the way the catalogue relies on.
//
// It runs the suite shared by every ascolto store (round trip through the
// hash chain, not-found, exists, optimistic concurrency, all-or-nothing
// writes, filters, ordering and pages, cancelled contexts, concurrent
// writers) with council events, then the catalogue's own clauses: a history
// written by the Service comes back replayable to the same act, and
// searches by body, matter, presenter and due date find it.
package counciltest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/eventstore"
	"github.com/puntodiascolto/ascolto/internal/eventstore/storetest"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/register/council"
)

// Run checks every clause of the council.Store contract on stores made by newStore.
func Run(t *testing.T, newStore func(t *testing.T) council.Store) {
	t.Helper()
	storetest.Run(t, storetest.Harness[council.ID, council.Event]{
		New:    func(t *testing.T) eventstore.Store[council.ID, council.Event] { return newStore(t) },
		Errors: eventstore.Errors{NotFound: council.ErrNotFound, Exists: council.ErrExists, Conflict: council.ErrConflict, Invalid: council.ErrInvalid},
		Event:  event,
	})
	t.Run("ServiceRoundTrip", func(t *testing.T) {
		defer explain(t, "a history written by the Service loads back and replays to the same act, with its deadline")
		serviceRoundTrip(t, newStore(t))
	})
	t.Run("CatalogueSearch", func(t *testing.T) {
		defer explain(t, "searches by body, kind, state, matter, presenter, group, filing period and due date find exactly the matching acts")
		catalogueSearch(t, newStore(t))
	})
}

func explain(t *testing.T, why string) {
	if t.Failed() {
		t.Logf("rule: %s", why)
	}
}

// event returns a distinct valid event for n: every payload type appears,
// so the round trip covers the whole Event encoding.
func event(n int) council.Event {
	d := deadline.MustDate(2026, time.January, 1).AddDays(n % 300)
	num := council.Number{Register: "RQ", Year: d.Year(), Seq: n + 1}
	switch n % 6 {
	case 0:
		return council.Registered{Kind: council.InterrogazioneScritta, Number: num, Body: council.Assemblea, Filed: d,
			Presenters: []council.Councillor{{Name: fmt.Sprintf("Consigliera %d", n), Group: "Gruppo Misto"}},
			Addressee:  "Sindaco", Subject: fmt.Sprintf("Oggetto %d: manutenzione", n), Matters: []string{"mobilità"}}.Event()
	case 1:
		return council.Classified{Matters: []string{"rifiuti", fmt.Sprint(n)}, Summary: "sintesi"}.Event()
	case 2:
		return council.Linked{To: council.ID(fmt.Sprintf("act-%d", n)), Relation: council.Reiterates}.Event()
	case 3:
		return council.Reminded{Date: d, Number: num, Note: "sollecito"}.Event()
	case 4:
		return council.Answer{Date: d, Form: council.WrittenAnswer, By: "Assessora", Number: num, Summary: fmt.Sprint(n)}.Event()
	default:
		return council.Vote{Date: d, Outcome: council.Approve, Amended: true, For: n, Against: 1, Reference: "Mozione n. 1/2026"}.Event()
	}
}

var (
	clerk = office.Actor{ID: "counciltest", Role: office.FrontOffice, Office: "punto-di-ascolto"}
	start = time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
)

func service(t *testing.T, st council.Store, now *time.Time) *council.Service {
	t.Helper()
	s, err := council.NewService(council.Config{Store: st, Now: func() time.Time { return *now }})
	require.NoError(t, err)
	return s
}

func serviceRoundTrip(t *testing.T, st council.Store) {
	ctx := context.Background()
	now := start
	s := service(t, st, &now)
	a, err := s.Register(ctx, clerk, council.Registered{
		Kind: council.InterrogazioneScritta, Number: council.MustNumber("RQ/2026/2582"), Body: council.Assemblea,
		Filed: deadline.MustDate(2026, time.February, 27), Presenters: []council.Councillor{{Name: "Anna Bianchi"}},
		Addressee: "Assessora alla Mobilità", Subject: "Buche in via Tiburtina", Matters: []string{"Mobilità"},
	})
	require.NoError(t, err)
	now = now.Add(48 * time.Hour)
	answered, err := s.Answer(ctx, clerk, a.ID, council.Answer{Date: deadline.MustDate(2026, time.March, 3), Form: council.WrittenAnswer, By: "Assessora alla Mobilità"})
	require.NoError(t, err)
	got, err := s.Load(ctx, a.ID)
	require.NoError(t, err)
	require.Equal(t, answered, got)
	require.Equal(t, council.Answered, got.State)
	d, ok := got.AnswerDeadline()
	require.True(t, ok)
	require.Equal(t, deadline.MustDate(2026, time.March, 19), d.Due, "20 days from 27/02/2026")
	require.Equal(t, deadline.MustDate(2026, time.March, 3), d.Met)
}

func catalogueSearch(t *testing.T, st council.Store) {
	ctx := context.Background()
	now := time.Date(2026, time.June, 30, 9, 0, 0, 0, time.UTC)
	s := service(t, st, &now)
	reg := func(kind council.Kind, num string, body council.Body, filed deadline.Date, who, group, matter string) council.ID {
		t.Helper()
		a, err := s.Register(ctx, clerk, council.Registered{Kind: kind, Number: council.MustNumber(num), Body: body, Filed: filed,
			Presenters: []council.Councillor{{Name: who, Group: group}}, Subject: "oggetto " + num, Matters: []string{matter}})
		require.NoError(t, err)
		return a.ID
	}
	m7 := council.MustMunicipio(7)
	a := reg(council.InterrogazioneScritta, "RQ/2026/10", council.Assemblea, deadline.MustDate(2026, time.January, 10), "Anna Bianchi", "Gruppo A", "mobilità")
	b := reg(council.Mozione, "RM/2026/11", council.Assemblea, deadline.MustDate(2026, time.February, 10), "Luca Verdi", "Gruppo B", "rifiuti")
	c := reg(council.InterrogazioneScritta, "CA/2026/12", m7, deadline.MustDate(2026, time.April, 10), "Anna Bianchi", "Gruppo A", "Rifiuti")
	d := reg(council.Interpellanza, "CA/2026/13", m7, deadline.MustDate(2026, time.May, 10), "Piero Neri", "Gruppo B", "scuola")
	_, err := s.Answer(ctx, clerk, a, council.Answer{Date: deadline.MustDate(2026, time.January, 20), Form: council.WrittenAnswer})
	require.NoError(t, err)

	find := func(f council.Filter) []council.ID {
		t.Helper()
		var out []council.ID
		for act, err := range s.Search(ctx, f) {
			require.NoError(t, err)
			out = append(out, act.ID)
		}
		return out
	}
	require.Equal(t, []council.ID{a, b, c, d}, find(council.Filter{}))
	require.Equal(t, []council.ID{c, d}, find(council.Filter{Bodies: []council.Body{m7}}))
	require.Equal(t, []council.ID{b, c}, find(council.Filter{Matter: "RIFIUTI"}))
	require.Equal(t, []council.ID{a, c}, find(council.Filter{Presenter: "anna bianchi"}))
	require.Equal(t, []council.ID{b, d}, find(council.Filter{Group: "gruppo b"}))
	require.Equal(t, []council.ID{b}, find(council.Filter{Kinds: []council.Kind{council.Mozione}}))
	require.Equal(t, []council.ID{a}, find(council.Filter{States: []council.State{council.Answered}}))
	require.Equal(t, []council.ID{b, c}, find(council.Filter{From: deadline.MustDate(2026, time.February, 1), To: deadline.MustDate(2026, time.April, 30)}))
	require.Equal(t, []council.ID{c}, find(council.Filter{Presenter: "Anna Bianchi", Matter: "rifiuti"}))

	// Only c awaits an answer with a term: 30 days from 10/04/2026 in a Municipio.
	p, err := st.List(ctx, council.Query{DueFrom: deadline.MustDate(2026, time.January, 1)})
	require.NoError(t, err)
	ids := make([]council.ID, 0, len(p.Items))
	for _, it := range p.Items {
		ids = append(ids, it.ID)
		require.Equal(t, deadline.MustDate(2026, time.May, 11), it.Index.Due, "10/05/2026 is a Sunday: the term moves to Monday")
	}
	require.Equal(t, []council.ID{c}, ids)
	require.True(t, slices.Contains(p.Items[0].Index.Tags, "number:CA/2026/12"))
}
