// Package petitiontest is the conformance suite of petition.Store: any
// implementation (SQL, files, a remote service) runs it to prove it keeps
// petitions' histories and answers queries the way the petition procedure
// relies on. Like testing/fstest it uses only the testing package; each
// clause carries the rule it checks, printed when it fails.
//
// It runs historytest, the suite shared by every ascolto store (round trip
// through the hash chain and the head, not-found, exists, optimistic
// concurrency across two handles, all-or-nothing writes, filters, ordering
// and pages, byte-order IDs, a large history, cancelled contexts) with
// petition events of every type, then the petition's own clauses: every
// event type with every field set comes back intact; a batch of 1,000
// signatures in one record comes back whole; a history written by the
// Service loads back through another handle and replays to the same
// petition; searches by kind, state, addressee, matter and due date find
// it; the stored index of every petition equals the index of its replayed
// history and a reindex rewrites none.
//
// A store for a database passes it like this:
//
//	func TestSQLStore(t *testing.T) {
//		petitiontest.Run(t, func(t *testing.T) func() petition.Store {
//			db := newTestDatabase(t)
//			return func() petition.Store { return openSQLStore(t, db) }
//		})
//	}
package petitiontest

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/historytest"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
)

// Run checks every clause of the petition.Store contract. open prepares a
// fresh, empty storage for one case and returns a function that opens a
// handle on it; every call of that function opens another handle on the
// same storage (for a store in one process's memory, it may return the same
// store every time).
func Run(t *testing.T, open func(t *testing.T) func() petition.Store) {
	t.Helper()
	historytest.Run(t, historytest.Harness[petition.ID, petition.Event]{
		Open: func(t *testing.T) func() history.Store[petition.ID, petition.Event] {
			h := open(t)
			return func() history.Store[petition.ID, petition.Event] { return h() }
		},
		Event: Event,
	})
	for _, c := range []struct {
		name, rule string
		run        func(t *testing.T, handle func() petition.Store)
	}{
		{"EveryEventRoundTrips", "every event type, with every payload field set, comes back through another handle with its hash intact and replays to the same petition", everyEventRoundTrips},
		{"LargeBatch", "a batch of 1,000 signatures in one record is stored and loaded whole", largeBatch},
		{"ServiceRoundTrip", "a history written by the Service loads back through another handle, verifies and replays to the same petition, deadlines and counts included", serviceRoundTrip},
		{"Searches", "searches by kind, state, addressee, matter, threshold and due date find exactly the matching petitions", searches},
		{"IndexMatchesReplay", "the stored index of every petition equals the index of its replayed history, and a reindex rewrites none", indexMatchesReplay},
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

// Event returns a valid petition event for the generic suite: distinct n
// give distinct events, and every event type (every payload) comes in turn.
func Event(n int) petition.Event {
	cf := Codes(n+1, 1)[0]
	day := deadline.MustDate(2026, time.March, 1).AddDays(n % 28)
	switch types := petition.EventTypes(); types[n%len(types)] {
	case petition.EventDrafted:
		return petition.Registration{Kind: petition.Petizione, Addressee: petition.Sindaco, Channel: petition.Counter,
			Subject: fmt.Sprintf("oggetto %d", n), Promoters: []petition.Person{{FamilyName: "Promotore", CodiceFiscale: cf}}}.Event()
	case petition.EventCollectionOpened:
		return petition.Collection{Closes: day.AddDays(n)}.Event()
	case petition.EventSigned:
		return petition.Batch{Signatures: []petition.Signature{{
			Signatory: petition.Person{FamilyName: "Firmatario", CodiceFiscale: cf},
			Category:  petition.Elettore, Evidence: "sezione 1", Method: petition.Paper, Date: day,
		}}}.Event()
	case petition.EventSignatureWithdrawn:
		return petition.Withdrawal{CodiceFiscale: cf}.Event()
	case petition.EventFiled:
		return petition.Filing{Protocol: fmt.Sprintf("RC/2026/%d", n)}.Event()
	case petition.EventDeclaredAdmissible:
		return petition.Admission{Note: fmt.Sprintf("ammissibile %d", n)}.Event()
	case petition.EventDeclaredInadmissible:
		return petition.Refusal{Reason: fmt.Sprintf("motivo %d", n), Ground: law.Cite("Statuto Roma Capitale", "8", "2")}.Event()
	case petition.EventForwarded:
		return petition.Forwarding{Requests: []petition.Request{{Office: "ufficio", Question: fmt.Sprintf("domanda %d", n)}}}.Event()
	case petition.EventReplyRecorded:
		return petition.Reply{Request: n + 1, Summary: "riscontro"}.Event()
	case petition.EventAnswered:
		return petition.Answer{Outcome: petition.Replied, Summary: fmt.Sprintf("risposta %d", n)}.Event()
	}
	return petition.Archiving{Reason: fmt.Sprintf("motivo %d: àèìòù €", n)}.Event()
}

// Codes returns count valid, distinct codici fiscali, deterministically
// derived from seed: synthetic people born between 1940 and 1999, men and
// women, in Rome (H501) and a few other places, completed with their check
// character by codicefiscale.Complete. They are made up: use them for
// tests and benchmarks.
func Codes(seed, count int) []string {
	out := make([]string, count)
	places := [...]string{"H501", "F205", "F839", "L219", "Z404", "G273"}
	const months = "ABCDEHLMPRST"
	for i := range out {
		n := seed*7919 + i
		var b [15]byte
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
		cf, err := codicefiscale.Complete(string(b[:]))
		if err != nil {
			panic(err) // unreachable: b has the structure of a personal code
		}
		out[i] = cf.String()
	}
	return out
}

var (
	clerk = office.Actor{ID: "petitiontest", Role: office.FrontOffice, Office: "urp"}
	basis = law.Cite("Statuto Roma Capitale", "8", "2")
	at    = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
)

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

func equal[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

// every returns a history holding every event type of the procedure, with
// every payload field set, and the history of a petition declared
// inadmissible (the one payload the first cannot hold): for round trips and
// for historytest.Tamper.
func every() (all, refused []petition.Record) {
	cfs := Codes(42, 3)
	day := deadline.MustDate(2026, time.March, 2)
	reg := petition.Registration{Kind: petition.PropostaDeliberazione, Addressee: petition.AssembleaCapitolina, Channel: petition.PEC,
		Subject: "oggetto", Matter: "mobilità", Text: "testo dei promotori",
		EqualOpportunities: true, // a field to round-trip (the Service would refuse it for a proposal)
		Promoters: []petition.Person{{FamilyName: "Rossi", GivenName: "Maria", CodiceFiscale: cfs[0],
			BirthDate: deadline.MustDate(1980, time.May, 4), Address: "via Roma 1", Email: "m@example.org"}}}.Event()
	events := []petition.Event{
		petition.Collection{Closes: day.AddDays(60)}.Event(),
		petition.Batch{Signatures: []petition.Signature{
			{Signatory: petition.Person{FamilyName: "Bianchi", GivenName: "Luca", CodiceFiscale: cfs[1],
				BirthDate: deadline.MustDate(1990, time.January, 2), Address: "via Appia 2", Email: "l@example.org"},
				Category: petition.Lavoratore, Evidence: "sede di lavoro", Method: petition.Paper, Date: day, Sheet: "12"},
			{Signatory: petition.Person{CodiceFiscale: cfs[2]}, Category: petition.Elettore, Evidence: "sezione 9", Method: petition.SPID, Date: day, Sheet: "spid-1"},
		}}.Event(),
		petition.Withdrawal{CodiceFiscale: cfs[2]}.Event(),
		petition.Filing{Protocol: "RC/2026/1"}.Event(),
		petition.Admission{Note: "ammissibile"}.Event(),
		petition.Forwarding{Requests: []petition.Request{{N: 1, Office: "dip-a", Question: "q", Days: 10, Forwarded: day, Due: day.AddDays(10),
			Replied: day.AddDays(1), Reply: "r", Superseded: true}, {Office: "dip-b", Question: "q2"}}}.Event(),
		petition.Reply{Request: 1, Summary: "riscontro"}.Event(),
		petition.Answer{Outcome: petition.Accepted, Summary: "approvata", Text: "testo", Act: "Del. AC 1/2026"}.Event(),
		petition.Archiving{Reason: "conclusa"}.Event(),
	}
	first, err := history.Extend(history.Head{}, at, day, clerk, basis, reg)
	if err != nil {
		panic(err)
	}
	all = first
	for i, e := range events {
		head := history.Head{Version: len(all), Hash: all[len(all)-1].Hash}
		r, err := history.Extend(head, at.Add(time.Duration(i+1)*24*time.Hour), day.AddDays(i+1), clerk, basis, e)
		if err != nil {
			panic(err)
		}
		all = append(all, r...)
	}
	head := history.Head{Version: 1, Hash: first[0].Hash}
	ref, err := history.Extend(head, at.Add(time.Hour), day, clerk, basis,
		petition.Refusal{Reason: "fuori competenza", Ground: law.Cite("Statuto Roma Capitale", "8", "2").WithLetter("a").WithNote("nota")}.Event())
	if err != nil {
		panic(err)
	}
	return all, append(slices.Clone(first), ref...)
}

// headOf returns the head of a whole history.
func headOf(records []petition.Record) history.Head {
	if len(records) == 0 {
		return history.Head{}
	}
	return history.Head{Version: len(records), Hash: records[len(records)-1].Hash}
}

func everyEventRoundTrips(t *testing.T, handle func() petition.Store) {
	ctx := context.Background()
	all, refused := every()
	for _, r := range append(slices.Clone(all), refused[1:]...) {
		must(t, r.Event.Validate())
	}
	idx := petition.Index{Kind: "proposta-deliberazione", State: "archived", Received: deadline.MustDate(2026, time.March, 2)}
	must(t, handle().Write(ctx,
		history.Change[petition.ID, petition.Event]{ID: "all", Index: idx, Records: all},
		history.Change[petition.ID, petition.Event]{ID: "refused", Index: idx, Records: refused}))
	cal, policy := deadline.Rome(), petition.Rome()
	for id, want := range map[petition.ID][]petition.Record{"all": all, "refused": refused} {
		got, err := handle().Load(ctx, id, 0)
		must(t, err)
		must(t, got.Verify())
		equal(t, "head", got.Head, headOf(want))
		sameJSON(t, want, got.Records)
		w, err := petition.Replay(id, want, cal, policy)
		must(t, err)
		g, err := petition.Replay(id, got.Records, cal, policy)
		must(t, err)
		equal(t, "replayed petition", g, w)
	}
}

func sameJSON(t *testing.T, want, got []petition.Record) {
	t.Helper()
	w, err := json.Marshal(want)
	must(t, err)
	g, err := json.Marshal(got)
	must(t, err)
	if string(w) != string(g) {
		t.Errorf("records differ:\n got %s\nwant %s", g, w)
	}
}

func largeBatch(t *testing.T, handle func() petition.Store) {
	ctx := context.Background()
	day := deadline.MustDate(2026, time.March, 2)
	reg := petition.Registration{Kind: petition.PropostaDeliberazione, Addressee: petition.AssembleaCapitolina,
		Channel: petition.Counter, Subject: "oggetto", Promoters: []petition.Person{{FamilyName: "Comitato"}}}.Event()
	var sigs []petition.Signature
	for _, cf := range Codes(7, 1000) {
		sigs = append(sigs, petition.Signature{Signatory: petition.Person{CodiceFiscale: cf}, Category: petition.Elettore,
			Evidence: "sezione", Method: petition.Paper, Date: day})
	}
	recs, err := history.Extend(history.Head{}, at, day, clerk, basis, reg, petition.Collection{}.Event(), petition.Batch{Signatures: sigs}.Event())
	must(t, err)
	must(t, handle().Write(ctx, history.Change[petition.ID, petition.Event]{ID: "big", Index: petition.Index{Received: day}, Records: recs}))
	got, err := handle().Load(ctx, "big", 0)
	must(t, err)
	must(t, got.Verify())
	if len(got.Records) != 3 || got.Records[2].Event.Batch == nil || len(got.Records[2].Event.Batch.Signatures) != 1000 {
		t.Fatalf("the batch did not come back whole")
	}
	sameJSON(t, recs, got.Records)
}
