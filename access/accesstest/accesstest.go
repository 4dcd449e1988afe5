// Package accesstest is the conformance suite for implementations of
// access.Store, like testing/fstest for file systems: a SQL or file store
// written by an administration runs Run in its tests. It uses only the
// testing package.
//
// Run first checks every clause of the history.Store contract with access's
// own events (historytest.Run: round trip through the hash chain and the
// head, not-found, already-exists, expected versions, all-or-nothing
// writes across histories, filters, order and pagination, cancelled
// contexts, writers racing across two handles on the same storage), then
// clauses specific to access requests: a history filed and decided through
// the Service survives the store and replays to the same request, the
// stored index is the index of the replayed history, and the due-date index
// finds what is due. Each failing case prints the rule it checks.
package accesstest

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/historytest"
	"github.com/puntodiascolto/ascolto/office"
)

// Run checks the storage that open prepares: open is called once per case
// and returns a function that opens a handle on that fresh, empty storage
// (every call another handle on the same storage).
func Run(t *testing.T, open func(t *testing.T) func() access.Store) {
	t.Helper()
	historytest.Run(t, historytest.Harness[access.ID, access.Event]{
		Open: func(t *testing.T) func() history.Store[access.ID, access.Event] {
			h := open(t)
			return func() history.Store[access.ID, access.Event] { return h() }
		},
		Event: event,
	})
	for _, c := range []struct {
		name, why string
		run       func(t *testing.T, handle func() access.Store)
	}{
		{"ServiceHistory", "a history written through the Service loads back intact, every payload included, and replays to the same request", serviceHistory},
		{"IndexIsReplayed", "the stored index of every request equals the index of its replayed history", indexIsReplayed},
		{"DueIndex", "the due-date index holds the next office deadline and follows it as acts are recorded", dueIndex},
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

// event returns a distinct valid event for n: the payload types rotate so
// that every kind of payload crosses the store.
func event(n int) access.Event {
	d := deadline.MustDate(2026, time.March, 2).AddDays(n % 300)
	switch n % 6 {
	case 0:
		return access.Event{Type: access.EventAssigned, Assignment: &access.Assignment{Office: office.ID(fmt.Sprintf("ufficio-%d", n)), Note: "assegnazione"}}
	case 1:
		return access.Event{Type: access.EventCounterInterestedNotified, Notification: &access.Notification{Parties: []access.Person{{Name: "Parte", Surname: fmt.Sprint(n), BirthDate: d}}, Means: "PEC"}}
	case 2:
		return access.Event{Type: access.EventDecided, Ruling: &access.Ruling{Outcome: access.Deferred, Grounds: []access.GroundCode{"d33-5bis-1-f"}, DeferredUntil: d, Reasons: fmt.Sprint("motivi ", n), Summary: "indagini"}}
	case 3:
		return access.Event{Type: access.EventFeesCharged, Charge: &access.Charge{Copy: access.Copy{Pages: n, Medium: access.MediumPaper}, Fee: access.Fee{Amount: int64(n) * 10, Lines: []access.FeeLine{{Label: "copie", Amount: int64(n) * 10}}}}}
	case 4:
		return access.Event{Type: access.EventDocumentsRequested, DocRequest: &access.DocumentRequest{Requests: []access.InternalRequest{{Office: "x", Documents: fmt.Sprint("doc ", n), Due: d}}}}
	}
	return access.Event{Type: access.EventPublicSubjectSet, Subject: &access.PublicSubject{Text: fmt.Sprintf("oggetto %d: àèìòù €", n)}}
}

func must(t *testing.T, err error, what string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func service(t *testing.T, s access.Store, now *time.Time) *access.Service {
	t.Helper()
	dir, err := office.NewDirectory(office.Office{ID: "pda", Name: "Punto di Ascolto"}, office.Office{ID: "mobilita", Name: "Mobilità"})
	must(t, err, "directory")
	svc, err := access.NewService(access.Config{Store: s, Calendar: deadline.Rome(), Directory: dir, Now: func() time.Time { return *now }})
	must(t, err, "NewService")
	return svc
}

var (
	front = office.Actor{ID: "sportello", Role: office.FrontOffice, Office: "pda"}
	comp  = office.Actor{ID: "dirigente", Role: office.CompetentOffice, Office: "mobilita"}
	ext   = office.Actor{ID: "pec", Role: office.External}
)

// scenario files and decides a request with a counter-interested party
// through the Service on handle, and returns it as the Service last saw it.
func scenario(t *testing.T, s access.Store, id access.ID) *access.Request {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 23, 30, 0, 0, time.UTC) // 3 March in Rome
	svc := service(t, s, &now)
	r, err := svc.File(ctx, access.Act{ID: id, By: front}, access.Filing{Kind: access.Generalizzato, Channel: access.ChannelPEC,
		Protocol: access.Protocol{Number: "P-1"}, Applicant: access.Person{Name: "Anna", Surname: "Esposito", BirthDate: deadline.MustDate(1980, 1, 2)},
		Subject: "verbali", Office: "mobilita"})
	must(t, err, "File")
	if want := deadline.MustDate(2026, 3, 3); r.Received != want {
		t.Fatalf("received on %s, want %s: an instant becomes its Rome date", r.Received, want)
	}
	now = now.Add(48 * time.Hour)
	_, err = svc.NotifyCounterInterested(ctx, access.Act{ID: id, By: front}, access.Notification{Parties: []access.Person{{Name: "Mario", Surname: "Neri", PEC: "neri@pec.it"}}})
	must(t, err, "NotifyCounterInterested")
	now = now.Add(24 * time.Hour)
	_, err = svc.RecordOpposition(ctx, access.Act{ID: id, By: ext}, access.PartyAct{Party: 1, Note: "contrario"})
	must(t, err, "RecordOpposition")
	now = now.Add(10 * 24 * time.Hour)
	_, err = svc.Decide(ctx, access.Act{ID: id, By: comp}, access.Ruling{Outcome: access.PartiallyAccepted,
		Grounds: []access.GroundCode{"d33-5bis-2-a"}, Reasons: "oscurati i dati personali", Summary: "oscurati dati personali"})
	must(t, err, "Decide")
	now = now.Add(48 * time.Hour)
	want, err := svc.CommunicateDecision(ctx, access.Act{ID: id, By: ext, On: deadline.MustDate(2026, 3, 18)}, access.Communication{Means: "PEC"})
	must(t, err, "CommunicateDecision")
	if c := want.Decision.Communicated; c != deadline.MustDate(2026, 3, 18) {
		t.Fatalf("communicated on %s, want 2026-03-18: the day of the fact is the act's", c)
	}
	return want
}

func serviceHistory(t *testing.T, handle func() access.Store) {
	want := scenario(t, handle(), "acc-1")
	st, err := handle().Load(context.Background(), want.ID, 0)
	must(t, err, "Load on another handle")
	must(t, st.Verify(), "the loaded history verifies against its head")
	if st.Head.Version != want.Version {
		t.Fatalf("head at version %d, the Service wrote %d", st.Head.Version, want.Version)
	}
	got, err := access.ReplayStream(st, deadline.Rome(), access.Policy{})
	must(t, err, "ReplayStream")
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("replaying the loaded history gives another request:\ngot  %+v\nwant %+v", got, want)
	}
}

func indexIsReplayed(t *testing.T, handle func() access.Store) {
	ctx := context.Background()
	scenario(t, handle(), "idx-1")
	scenario(t, handle(), "Idx-2 è")
	s := handle()
	page, err := s.List(ctx, access.Query{})
	must(t, err, "List")
	if len(page.Items) != 2 {
		t.Fatalf("List found %d requests, want 2", len(page.Items))
	}
	for _, it := range page.Items {
		st, err := s.Load(ctx, it.ID, 0)
		must(t, err, "Load")
		r, err := access.ReplayStream(st, deadline.Rome(), access.Policy{})
		must(t, err, "ReplayStream")
		if !r.Index().Equal(st.Index) || !r.Index().Equal(it.Index) {
			t.Fatalf("%s: stored index %+v, listed %+v, replayed %+v", it.ID, st.Index, it.Index, r.Index())
		}
		if it.Head != st.Head {
			t.Fatalf("%s: listed head %v, loaded head %v", it.ID, it.Head, st.Head)
		}
	}
}

func dueIndex(t *testing.T, handle func() access.Store) {
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	svc := service(t, handle(), &now)
	var ids []access.ID
	for i := range 3 {
		r, err := svc.File(ctx, access.Act{ID: access.ID(fmt.Sprintf("d-%d", i)), By: front}, access.Filing{Kind: access.Generalizzato, Channel: access.ChannelEmail, Subject: "x", Office: "mobilita"})
		must(t, err, "File")
		ids = append(ids, r.ID)
		now = now.Add(24 * time.Hour)
	}
	due := func(n int) []access.Summary {
		t.Helper()
		got, err := svc.Due(ctx, deadline.MustDate(2026, 4, 1), deadline.MustDate(2026, 4, 2))
		must(t, err, "Due")
		if len(got) != n {
			t.Fatalf("%d requests due on 1-2 April, want %d", len(got), n)
		}
		return got
	}
	// Due 1, 2 and 3 April.
	if got := due(2); got[0].ID != ids[0] || got[1].ID != ids[1] {
		t.Fatalf("due %s and %s, want %s and %s", got[0].ID, got[1].ID, ids[0], ids[1])
	}
	_, err := svc.Decide(ctx, access.Act{ID: ids[0], By: comp}, access.Ruling{Outcome: access.Accepted})
	must(t, err, "Decide")
	if got := due(1); got[0].ID != ids[1] {
		t.Fatalf("due %s, want %s: a decided request is no longer due", got[0].ID, ids[1])
	}
}
