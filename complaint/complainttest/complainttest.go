// Package complainttest is the conformance suite for complaint.Store
// implementations, like testing/fstest for file systems: any store (the
// in-memory one, a SQL store a city writes) runs it from its own tests. It
// uses only the testing package.
//
//	func TestStore(t *testing.T) {
//		complainttest.Run(t, func(t *testing.T) func() complaint.Store {
//			db := newDatabase(t)
//			return func() complaint.Store { return openStore(t, db) }
//		})
//	}
//
// Run first checks every clause of the history.Store contract with
// complaint's own events, every event type included (historytest.Run:
// round trip through the hash chain and the head, not-found,
// already-exists, expected versions, all-or-nothing writes across
// histories, filters, order and pagination, cancelled contexts, writers
// racing across two handles on the same storage), then the clauses specific
// to complaints below. Each failing case prints the rule it checks.
package complainttest

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/historytest"
	"github.com/puntodiascolto/ascolto/office"
)

// Run checks the storage that open prepares: open is called once per case
// and returns a function that opens a handle on that fresh, empty storage
// (every call another handle on the same storage; a store that lives in one
// process's memory may return the same store every time).
func Run(t *testing.T, open func(t *testing.T) func() complaint.Store) {
	t.Helper()
	historytest.Run(t, historytest.Harness[complaint.ID, complaint.Event]{
		Open: func(t *testing.T) func() history.Store[complaint.ID, complaint.Event] {
			h := open(t)
			return func() history.Store[complaint.ID, complaint.Event] { return h() }
		},
		Event: Event,
	})
	for _, c := range []struct {
		name, why string
		run       func(t *testing.T, handle func() complaint.Store)
	}{
		{"FullHistory", "a complaint's whole life (every event type, every payload field, personal data included) round-trips through a second handle: the loaded history verifies against its head and replays to the same view", fullHistory},
		{"TagQueries", "the tags complaints are found by (category with its ancestors, Municipio, cell, street, master) select exactly the tagged complaints", tagQueries},
		{"ServiceRoundTrip", "complaints filed, merged and answered through the Service on one handle read back the same through another, the merger recorded on both histories", serviceRoundTrip},
		{"IndexIsReplayed", "the stored index of every complaint equals the index of its replayed history, and Reindex rewrites none", indexIsReplayed},
	} {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				if t.Failed() {
					t.Logf("rule: %s", c.why)
				}
			}()
			c.run(t, open(t))
		})
	}
}

// Event returns a distinct valid event for n (but for the payload of
// EventStarted, which has no field): the event types rotate so that every
// payload type crosses the store.
func Event(n int) complaint.Event {
	at := time.Date(2026, 3, 2, 9, 0, 0, n, time.UTC)
	s := fmt.Sprintf("testo %d: àèìòù €", n)
	ps := []complaint.Payload{
		&complaint.Filed{Kind: complaint.Segnalazione, Channel: complaint.Escalation060606, Received: at,
			Escalation: &complaint.Escalation{Ticket: fmt.Sprint("T-", n), Opened: at.Add(-time.Hour), Notes: s},
			Category:   "buche", Place: complaint.Place{Address: fmt.Sprintf("Via Appia Nuova %d", n), Municipio: 7, Point: &complaint.Point{Lat: 41.85, Lon: 12.55}},
			Person: complaint.Person{FirstName: "Mario", LastName: fmt.Sprint("Rossi", n), Email: "m@example.org"}, Description: s, Summary: "buca", Media: []string{s}},
		&complaint.Assignment{To: office.ID(fmt.Sprint("ufficio-", n)), Reason: s},
		&complaint.Forwarding{From: "a", To: office.ID(fmt.Sprint("b-", n)), Reason: s},
		&complaint.WorkStart{},
		&complaint.InfoRequest{Question: s},
		&complaint.CitizenReply{Text: s},
		&complaint.Answer{Outcome: complaint.Resolved, Text: s, Summary: s},
		&complaint.Closure{Reason: complaint.ClosedWithdrawn, Note: s},
		&complaint.Reopening{Reason: s},
		&complaint.Merger{Master: complaint.ID(fmt.Sprint("m-", n)), Note: s},
		&complaint.Separation{Note: s},
		&complaint.OutsideForwarding{To: "ama", Reference: fmt.Sprint("AMA-", n), Summary: s},
		&complaint.ExternalReply{Text: s, Summary: s},
		&complaint.Reclassification{Kind: complaint.Reclamo, Category: "strade", Place: &complaint.Place{ZIP: fmt.Sprint(n)}, Summary: s},
		&complaint.DuplicateAdded{Duplicate: complaint.ID(fmt.Sprint("d-", n))},
		&complaint.DuplicateRemoved{Duplicate: complaint.ID(fmt.Sprint("d-", n))},
	}
	e, err := complaint.NewEvent(ps[n%len(ps)])
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

// Records returns a sealed history that holds every event type of the
// procedure, in an order the Lifecycle allows, with every payload field
// set, and its head: for historytest.Tamper, and for stores' own tests.
func Records(t testing.TB) ([]complaint.Record, history.Head) {
	t.Helper()
	at := time.Date(2026, 10, 2, 8, 0, 0, 0, time.UTC)
	var recs []complaint.Record
	var head history.Head
	add := func(a office.Actor, p complaint.Payload) {
		t.Helper()
		e, err := complaint.NewEvent(p)
		must(t, err, "NewEvent")
		at = at.Add(time.Hour)
		row, _ := complaint.Lifecycle().Row(e.Type)
		more, err := history.Extend(head, at, deadline.DateOf(at), a, row.Basis, e)
		must(t, err, "Extend")
		recs = append(recs, more...)
		head = history.Head{Version: more[0].Version, Hash: more[0].Hash}
	}
	pt := &complaint.Point{Lat: 41.8531, Lon: 12.5560}
	add(desk, &complaint.Filed{
		Kind: complaint.Reclamo, Channel: complaint.Escalation060606, Received: at.Add(time.Hour),
		Escalation: &complaint.Escalation{Ticket: "T-1", Opened: at.Add(-24 * time.Hour), Notes: "richiamare"},
		Protocol:   "P-1", Category: "buche",
		Place:       complaint.Place{Address: "Via Appia Nuova 120", AddressID: "T-42", ZIP: "00183", Municipio: 7, Point: pt},
		Person:      complaint.Person{FirstName: "Mario", LastName: "Rossi", FiscalCode: "RSSMRA80A01H501U", Email: "m@example.org", PEC: "m@pec.example.org", Phone: "+39 06 1234", Address: "Via dei Cittadini 7", AccountID: "acct", DeviceID: "dev"},
		Description: "buca profonda", Summary: "buca sulla carreggiata", Media: []string{"https://example.org/p.jpg"}, ExternalRef: "SUS-1",
	})
	add(desk, &complaint.Assignment{To: "csimu", Reason: "categoria"})
	add(csimu, &complaint.WorkStart{})
	add(csimu, &complaint.InfoRequest{Question: "numero civico?"})
	add(system, &complaint.CitizenReply{Text: "120"})
	add(csimu, &complaint.Forwarding{From: "csimu", To: "mobilita", Reason: "non di competenza"})
	add(desk, &complaint.Reclassification{Kind: complaint.Segnalazione, Category: "strade", Place: &complaint.Place{Address: "Via Appia Nuova 122", AddressID: "T-43", ZIP: "00183", Municipio: 7, Point: pt}, Summary: "buca profonda sulla carreggiata"})
	add(desk, &complaint.DuplicateAdded{Duplicate: "c-2"})
	add(desk, &complaint.DuplicateRemoved{Duplicate: "c-2"})
	add(desk, &complaint.Merger{Master: "c-3", Note: "stessa buca"})
	add(desk, &complaint.Separation{Note: "buca diversa"})
	add(desk, &complaint.Answer{Outcome: complaint.Scheduled, Text: "Gentile signor Rossi", Summary: "intervento programmato"})
	add(system, &complaint.Reopening{Reason: "non riparata"})
	add(desk, &complaint.OutsideForwarding{To: "ama", Reference: "AMA-9", Summary: "trasmessa"})
	add(system, &complaint.ExternalReply{Text: "fatto", Summary: "rimossi"})
	add(desk, &complaint.Closure{Reason: complaint.ClosedForwarded, Note: "ok"})
	return recs, head
}

func must(t testing.TB, err error, what string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func fullHistory(t *testing.T, handle func() complaint.Store) {
	ctx := context.Background()
	recs, head := Records(t)
	want, err := complaint.Replay(recs, deadline.Rome(), complaint.Policy{})
	must(t, err, "Replay")
	want.ID = "c-1"
	must(t, handle().Write(ctx, history.Change[complaint.ID, complaint.Event]{ID: "c-1", Index: want.Index(), Records: recs}), "Write")
	got, err := handle().Load(ctx, "c-1", 0)
	must(t, err, "Load on another handle")
	must(t, got.Verify(), "the loaded history verifies against its head")
	if got.Head != head {
		t.Fatalf("head %v, written %v", got.Head, head)
	}
	if len(got.Records) != len(recs) {
		t.Fatalf("%d records loaded, %d written", len(got.Records), len(recs))
	}
	for i := range recs {
		if !reflect.DeepEqual(recs[i].Event, got.Records[i].Event) || recs[i].Hash != got.Records[i].Hash {
			t.Fatalf("record %d changed through the store:\ngot  %+v\nwant %+v", i+1, got.Records[i], recs[i])
		}
	}
	v, err := complaint.ReplayStream(got, deadline.Rome(), complaint.Policy{})
	must(t, err, "ReplayStream")
	if a, b := jsonOf(t, want), jsonOf(t, v); a != b {
		t.Fatalf("replaying the loaded history gives another view:\ngot  %s\nwant %s", b, a)
	}
	if !want.Index().Equal(got.Index) {
		t.Fatalf("stored index %+v, want %+v", got.Index, want.Index())
	}
}

func tagQueries(t *testing.T, handle func() complaint.Store) {
	ctx := context.Background()
	st := handle()
	tax, err := complaint.NewTaxonomy(
		complaint.Category{Code: "strade", Label: "Strade"},
		complaint.Category{Code: "buche", Label: "Buche", Parent: "strade"},
		complaint.Category{Code: "verde", Label: "Verde"},
	)
	must(t, err, "NewTaxonomy")
	pol := complaint.DefaultPolicy()
	pol.Taxonomy = tax
	at := time.Date(2026, 10, 2, 8, 0, 0, 0, time.UTC)
	put := func(id complaint.ID, cat string, m complaint.Municipio, pt *complaint.Point, addr string, master complaint.ID) {
		t.Helper()
		events := []complaint.Payload{&complaint.Filed{Kind: complaint.Segnalazione, Channel: complaint.Online, Received: at, Category: cat,
			Place: complaint.Place{Municipio: m, Point: pt, Address: addr}, Description: "x"}}
		if master != "" {
			events = append(events, &complaint.Merger{Master: master})
		}
		var recs []complaint.Record
		var head history.Head
		for i, p := range events {
			e, err := complaint.NewEvent(p)
			must(t, err, "NewEvent")
			by := system
			if i > 0 {
				by = desk
			}
			more, err := history.Extend(head, at, deadline.Date{}, by, complaint.Lifecycle().Rows()[0].Basis, e)
			must(t, err, "Extend")
			recs = append(recs, more...)
			head = history.Head{Version: more[0].Version, Hash: more[0].Hash}
		}
		v, err := complaint.Replay(recs, deadline.Rome(), pol)
		must(t, err, "Replay")
		must(t, st.Write(ctx, history.Change[complaint.ID, complaint.Event]{ID: id, Index: v.Index(), Records: recs}), "Write")
	}
	colosseo := &complaint.Point{Lat: 41.8902, Lon: 12.4922}
	put("a", "buche", 1, colosseo, "Piazza del Colosseo 1", "")
	put("b", "buche", 7, &complaint.Point{Lat: 41.8531, Lon: 12.5560}, "Via Appia Nuova 120", "")
	put("c", "verde", 1, colosseo, "Piazza del Colosseo", "")
	put("d", "buche", 1, nil, "Piazza del Colosseo 3", "a")
	other := handle()
	ids := func(q complaint.Query) []complaint.ID {
		t.Helper()
		p, err := other.List(ctx, q)
		must(t, err, "List")
		var out []complaint.ID
		for _, it := range p.Items {
			out = append(out, it.ID)
		}
		return out
	}
	for _, c := range []struct {
		tags []string
		want []complaint.ID
		why  string
	}{
		{[]string{"category:strade"}, []complaint.ID{"a", "b", "d"}, "a parent category finds its children"},
		{[]string{"category:buche", "municipio:I"}, []complaint.ID{"a", "d"}, "every tag must be present"},
		{[]string{colosseo.Cell()}, []complaint.ID{"a", "c"}, "the cell of a point"},
		{[]string{"street:piazza del colosseo"}, []complaint.ID{"a", "c", "d"}, "the street without civic number"},
		{[]string{"master:a"}, []complaint.ID{"d"}, "the master of a duplicate"},
	} {
		if got := ids(complaint.Query{Tags: c.tags}); !reflect.DeepEqual(got, c.want) {
			t.Errorf("tags %v: got %v, want %v (%s)", c.tags, got, c.want, c.why)
		}
	}
	if got := ids(complaint.Query{States: []string{string(complaint.Merged)}, DueFrom: deadline.MustDate(2026, 1, 1)}); len(got) != 0 {
		t.Errorf("a merged duplicate has nothing due, found %v", got)
	}
}

// service returns a Service on st whose clock is *now.
func service(t *testing.T, st complaint.Store, now *time.Time) *complaint.Service {
	t.Helper()
	dir, err := office.NewDirectory(office.Office{ID: "ascolto", Name: "Punto di Ascolto"}, office.Office{ID: "csimu", Name: "CSIMU"})
	must(t, err, "directory")
	svc, err := complaint.NewService(complaint.Config{Store: st, Directory: dir, Calendar: deadline.Rome(), Now: func() time.Time { return *now }})
	must(t, err, "NewService")
	return svc
}

// scenario files two reports of one pothole through the Service, merges
// the second into the first and answers the first.
func scenario(t *testing.T, st complaint.Store, master, dup complaint.ID) {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 10, 1, 22, 30, 0, 0, time.UTC) // 2 October in Rome
	svc := service(t, st, &now)
	fl := complaint.Filed{Kind: complaint.Segnalazione, Channel: complaint.Online, Description: "buca",
		Place: complaint.Place{Address: "Via Appia Nuova 120", Municipio: 7}, Person: complaint.Person{Email: "a@example.org"}}
	_, err := svc.File(ctx, complaint.Act{ID: master, By: system}, fl)
	must(t, err, "File")
	now = now.Add(24 * time.Hour)
	_, err = svc.File(ctx, complaint.Act{ID: dup, By: system}, fl)
	must(t, err, "File")
	_, err = svc.Assign(ctx, complaint.Act{ID: master, By: desk}, complaint.Assignment{To: "csimu"})
	must(t, err, "Assign")
	_, err = svc.Merge(ctx, complaint.Act{ID: dup, By: desk}, complaint.Merger{Master: master, Note: "stessa buca"})
	must(t, err, "Merge")
	now = now.Add(48 * time.Hour)
	_, err = svc.Answer(ctx, complaint.Act{ID: master, By: csimu}, complaint.Answer{Outcome: complaint.Scheduled, Summary: "intervento programmato"})
	must(t, err, "Answer")
}

func serviceRoundTrip(t *testing.T, handle func() complaint.Store) {
	ctx := context.Background()
	scenario(t, handle(), "m-1", "d-1")
	now := time.Date(2026, 10, 10, 9, 0, 0, 0, time.UTC)
	svc := service(t, handle(), &now)
	m, err := svc.Get(ctx, "m-1")
	must(t, err, "Get master on another handle")
	if m.State != complaint.Answered || !reflect.DeepEqual(m.Duplicates, []complaint.ID{"d-1"}) || m.Version != 4 {
		t.Fatalf("master: state %s, duplicates %v, version %d; want answered, [d-1], 4 (the merger is recorded on the master)", m.State, m.Duplicates, m.Version)
	}
	if m.Received != deadline.MustDate(2026, 10, 2) {
		t.Fatalf("received on %s, want 2026-10-02: an instant becomes its Rome date", m.Received)
	}
	d, err := svc.Get(ctx, "d-1")
	must(t, err, "Get duplicate")
	if d.State != complaint.Merged || d.Master == nil || d.Master.State != complaint.Answered {
		t.Fatalf("duplicate: state %s, master %+v; want merged, following its answered master", d.State, d.Master)
	}
	ids, err := svc.Duplicates(ctx, "m-1")
	must(t, err, "Duplicates")
	if !reflect.DeepEqual(ids, []complaint.ID{"d-1"}) {
		t.Fatalf("duplicates %v, want [d-1]", ids)
	}
	for _, id := range []complaint.ID{"m-1", "d-1"} {
		must(t, svc.Verify(ctx, id), "Verify")
	}
}

func indexIsReplayed(t *testing.T, handle func() complaint.Store) {
	ctx := context.Background()
	scenario(t, handle(), "idx-1", "Idx-2-è")
	st := handle()
	page, err := st.List(ctx, complaint.Query{})
	must(t, err, "List")
	if len(page.Items) != 2 {
		t.Fatalf("List found %d complaints, want 2", len(page.Items))
	}
	for _, it := range page.Items {
		s, err := st.Load(ctx, it.ID, 0)
		must(t, err, "Load")
		v, err := complaint.ReplayStream(s, deadline.Rome(), complaint.Policy{})
		must(t, err, "ReplayStream")
		if !v.Index().Equal(s.Index) || !v.Index().Equal(it.Index) {
			t.Fatalf("%s: stored index %+v, listed %+v, replayed %+v", it.ID, s.Index, it.Index, v.Index())
		}
		if it.Head != s.Head {
			t.Fatalf("%s: listed head %v, loaded head %v", it.ID, it.Head, s.Head)
		}
	}
	now := time.Date(2026, 10, 10, 9, 0, 0, 0, time.UTC)
	read, rewritten, err := service(t, handle(), &now).Reindex(ctx)
	must(t, err, "Reindex")
	if read != 2 || rewritten != 0 {
		t.Fatalf("Reindex read %d and rewrote %d, want 2 and 0", read, rewritten)
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	must(t, err, "json")
	return string(b)
}
