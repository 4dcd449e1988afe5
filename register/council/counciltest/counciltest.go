// Package counciltest is the conformance suite of council.Store: any
// implementation (SQL, files, a remote service) runs it to prove it keeps
// histories and answers queries the way the catalogue relies on. Like
// testing/fstest it uses only the testing package; each clause carries the
// rule it checks, printed when it fails.
//
// It runs historytest, the suite shared by every ascolto store (round trip
// through the hash chain and the head, not-found, exists, optimistic
// concurrency across two handles, all-or-nothing writes, filters, ordering
// and pages, byte-order IDs, a large history, cancelled contexts) with
// council events, then the catalogue's own clauses: a history written by the
// Service comes back, through another handle, replayable to the same act;
// searches by body, matter, presenter and due date find it; the stored index
// of every act equals the index of its replayed history.
package counciltest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history/historytest"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/register/council"
)

// Run checks every clause of the council.Store contract. open prepares a
// fresh, empty storage for one case and returns a function that opens a
// handle on it; every call of that function opens another handle on the
// same storage (for a store in one process's memory, it may return the same
// store every time).
func Run(t *testing.T, open func(t *testing.T) func() council.Store) {
	t.Helper()
	historytest.Run(t, historytest.Harness[council.ID, council.Event]{Open: open, Event: event})
	for _, c := range []struct {
		name, rule string
		run        func(t *testing.T, handle func() council.Store)
	}{
		{"ServiceRoundTrip", "a history written by the Service loads back through another handle, verifies and replays to the same act, with its deadline", serviceRoundTrip},
		{"CatalogueSearch", "searches by body, kind, state, matter, presenter, group, filing period and due date find exactly the matching acts", catalogueSearch},
		{"IndexMatchesReplay", "the stored index of every act equals the index of its replayed history, and a reindex rewrites none", indexMatchesReplay},
	} {
		t.Run(c.name, func(t *testing.T) {
			defer explain(t, c.rule)
			c.run(t, open(t))
		})
	}
}

func explain(t *testing.T, rule string) {
	if t.Failed() {
		t.Logf("rule: %s", rule)
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
	s, err := council.NewService(council.Config{Store: st, Calendar: deadline.Rome(), Now: func() time.Time { return *now }})
	must(t, err)
	return s
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

func equal[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: got %v, want %v", what, got, want)
	}
}

func serviceRoundTrip(t *testing.T, handle func() council.Store) {
	ctx := context.Background()
	now := start
	s := service(t, handle(), &now)
	a, err := s.Register(ctx, council.Act{By: clerk}, council.Registered{
		Kind: council.InterrogazioneScritta, Number: council.MustNumber("RQ/2026/2582"), Body: council.Assemblea,
		Filed: deadline.MustDate(2026, time.February, 27), Presenters: []council.Councillor{{Name: "Anna Bianchi"}},
		Addressee: "Assessora alla Mobilità", Subject: "Buche in via Tiburtina", Matters: []string{"Mobilità"},
	})
	must(t, err)
	now = now.Add(48 * time.Hour)
	answered, err := s.Answer(ctx, council.Act{ID: a.ID, By: clerk}, council.Answer{Date: deadline.MustDate(2026, time.March, 3), Form: council.WrittenAnswer, By: "Assessora alla Mobilità"})
	must(t, err)
	other := service(t, handle(), &now)
	got, err := other.Get(ctx, a.ID)
	must(t, err)
	equal(t, "the act read through another handle", got, answered)
	equal(t, "state", got.State, council.Answered)
	must(t, other.Verify(ctx, a.ID))
	d, ok := got.AnswerDeadline()
	if !ok {
		t.Fatal("no answer deadline")
	}
	equal(t, "due date, 20 days from 27/02/2026", d.Due, deadline.MustDate(2026, time.March, 19))
	equal(t, "met", d.Met, deadline.MustDate(2026, time.March, 3))
	st, err := handle().Load(ctx, a.ID, 0)
	must(t, err)
	equal(t, "day of the answer's record", st.Records[1].On, deadline.MustDate(2026, time.March, 4))
}

// catalogue registers four acts of 2026 and answers the first.
func catalogue(t *testing.T, s *council.Service) (a, b, c, d council.ID) {
	t.Helper()
	ctx := context.Background()
	reg := func(kind council.Kind, num string, body council.Body, filed deadline.Date, who, group, matter string) council.ID {
		t.Helper()
		it, err := s.Register(ctx, council.Act{By: clerk}, council.Registered{Kind: kind, Number: council.MustNumber(num), Body: body, Filed: filed,
			Presenters: []council.Councillor{{Name: who, Group: group}}, Subject: "oggetto " + num, Matters: []string{matter}})
		must(t, err)
		return it.ID
	}
	m7 := council.MustMunicipio(7)
	a = reg(council.InterrogazioneScritta, "RQ/2026/10", council.Assemblea, deadline.MustDate(2026, time.January, 10), "Anna Bianchi", "Gruppo A", "mobilità")
	b = reg(council.Mozione, "RM/2026/11", council.Assemblea, deadline.MustDate(2026, time.February, 10), "Luca Verdi", "Gruppo B", "rifiuti")
	c = reg(council.InterrogazioneScritta, "CA/2026/12", m7, deadline.MustDate(2026, time.April, 10), "Anna Bianchi", "Gruppo A", "Rifiuti")
	d = reg(council.Interpellanza, "CA/2026/13", m7, deadline.MustDate(2026, time.May, 10), "Piero Neri", "Gruppo B", "scuola")
	_, err := s.Answer(ctx, council.Act{ID: a, By: clerk}, council.Answer{Date: deadline.MustDate(2026, time.January, 20), Form: council.WrittenAnswer})
	must(t, err)
	return a, b, c, d
}

func catalogueSearch(t *testing.T, handle func() council.Store) {
	ctx := context.Background()
	now := time.Date(2026, time.June, 30, 9, 0, 0, 0, time.UTC)
	s := service(t, handle(), &now)
	a, b, c, d := catalogue(t, s)
	find := func(f council.Filter) []council.ID {
		t.Helper()
		var out []council.ID
		for act, err := range s.Search(ctx, f) {
			must(t, err)
			out = append(out, act.ID)
		}
		return out
	}
	m7 := council.MustMunicipio(7)
	equal(t, "all", find(council.Filter{}), []council.ID{a, b, c, d})
	equal(t, "Municipio VII", find(council.Filter{Bodies: []council.Body{m7}}), []council.ID{c, d})
	equal(t, "matter RIFIUTI", find(council.Filter{Matter: "RIFIUTI"}), []council.ID{b, c})
	equal(t, "presenter", find(council.Filter{Presenter: "anna bianchi"}), []council.ID{a, c})
	equal(t, "group", find(council.Filter{Group: "gruppo b"}), []council.ID{b, d})
	equal(t, "kind", find(council.Filter{Kinds: []council.Kind{council.Mozione}}), []council.ID{b})
	equal(t, "state", find(council.Filter{States: []council.State{council.Answered}}), []council.ID{a})
	equal(t, "filing period", find(council.Filter{From: deadline.MustDate(2026, time.February, 1), To: deadline.MustDate(2026, time.April, 30)}), []council.ID{b, c})
	equal(t, "presenter and matter", find(council.Filter{Presenter: "Anna Bianchi", Matter: "rifiuti"}), []council.ID{c})

	// Only c awaits an answer with a term: 30 days from 10/04/2026 in a Municipio.
	p, err := handle().List(ctx, council.Query{DueFrom: deadline.MustDate(2026, time.January, 1)})
	must(t, err)
	ids := make([]council.ID, 0, len(p.Items))
	for _, it := range p.Items {
		ids = append(ids, it.ID)
		equal(t, "due date (10/05/2026 is a Sunday: the term moves to Monday)", it.Index.Due, deadline.MustDate(2026, time.May, 11))
	}
	equal(t, "acts with a due date", ids, []council.ID{c})
	if len(p.Items) == 1 && !slices.Contains(p.Items[0].Index.Tags, "number:CA/2026/12") {
		t.Errorf("tags %v lack number:CA/2026/12", p.Items[0].Index.Tags)
	}
}

func indexMatchesReplay(t *testing.T, handle func() council.Store) {
	ctx := context.Background()
	now := time.Date(2026, time.June, 30, 9, 0, 0, 0, time.UTC)
	s := service(t, handle(), &now)
	ids := []council.ID{}
	a, b, c, d := catalogue(t, s)
	ids = append(ids, a, b, c, d)
	_, err := s.Classify(ctx, council.Act{ID: b, By: clerk}, council.Classified{Matters: []string{"Rifiuti", "Decoro urbano"}, Summary: "raccolta"})
	must(t, err)
	_, err = s.Link(ctx, council.Act{ID: d, By: clerk}, council.Linked{To: c, Relation: council.Related})
	must(t, err)
	st := handle()
	for _, id := range ids {
		stream, err := st.Load(ctx, id, 0)
		must(t, err)
		must(t, stream.Verify())
		it, err := council.Replay(stream.Records, deadline.Rome(), s.Policy())
		must(t, err)
		if want := it.Index(); !want.Equal(stream.Index) {
			t.Errorf("%s: stored index %+v, replayed %+v", id, stream.Index, want)
		}
	}
	read, rewritten, err := s.Reindex(ctx)
	must(t, err)
	equal(t, "acts read by Reindex", read, len(ids))
	equal(t, "indexes rewritten by Reindex", rewritten, 0)
}
