package access_test

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/office"
)

var benchRequests = flag.Int("access.requests", 1_000_000, "requests created by the store benchmarks")

var benchBase = deadline.MustDate(2026, time.January, 1)

// benchIndex spreads requests over kinds, offices, channels, a year of
// receipts and two years of due dates.
func benchIndex(i int) access.Index {
	kinds := access.Kinds()
	chans := access.Channels()
	return access.Index{
		Kind: string(kinds[i%len(kinds)]), State: string(access.StatePending),
		Office: fmt.Sprintf("ufficio-%02d", i%40), Channel: string(chans[i%len(chans)]),
		Received: benchBase.AddDays(i % 365), Due: benchBase.AddDays(30 + i%730),
	}
}

func benchFiling(i int) access.Event {
	return access.Event{Type: access.EventReceived, Filed: &access.Filing{
		Kind: access.Generalizzato, Channel: access.ChannelPEC, Protocol: access.Protocol{Number: fmt.Sprintf("RA/2026/%07d", i), Date: benchBase},
		Received: benchBase.Time(time.UTC).Add(9 * time.Hour), Applicant: access.Person{Name: "Nome", Surname: "Cognome"},
		Subject: "oggetto della richiesta", Office: "mobilita",
	}}
}

var benchEvents = []access.Event{
	{Type: access.EventAssigned, Assignment: &access.Assignment{Office: "mobilita"}},
	{Type: access.EventStartNotified, StartNotice: &access.StartNotice{Office: "mobilita"}},
	{Type: access.EventDocumentsRequested, DocRequest: &access.DocumentRequest{Requests: []access.InternalRequest{{Office: "urbanistica", Documents: "atti", Due: benchBase.AddDays(20)}}}},
	{Type: access.EventDocumentsReceived, DocAnswer: &access.DocumentAnswer{Request: 1}},
	{Type: access.EventPublicSubjectSet, Subject: &access.PublicSubject{Text: "atti della manutenzione stradale"}},
}

// BenchmarkMemoryStoreMillion creates *access.requests requests and
// appends 5 events to each, from 8 goroutines, each event sealed in the
// hash chain. It reports requests and events per second and the heap held
// per request (5+1 records). Run with -benchtime=1x.
func BenchmarkMemoryStoreMillion(b *testing.B) {
	b.ReportAllocs()
	n := *benchRequests
	const workers = 8
	actor := office.Actor{ID: "sportello", Role: office.FrontOffice, Office: "pda"}
	at := benchBase.Time(time.UTC).Add(10 * time.Hour)
	for range b.N {
		b.StopTimer()
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		st := access.NewMemoryStore()
		ctx := context.Background()
		b.StartTimer()
		start := time.Now()
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < n; i += workers {
					id := access.ID(fmt.Sprintf("req-%07d", i))
					idx := benchIndex(i)
					recs, err := history.Extend(history.Head{}, at, deadline.Date{}, actor, law0, benchFiling(i))
					if err != nil {
						b.Error(err)
						return
					}
					if err := st.Write(ctx, history.Change[access.ID, access.Event]{ID: id, Index: idx, Records: recs}); err != nil {
						b.Error(err)
						return
					}
					for j, ev := range benchEvents {
						last := recs[len(recs)-1]
						more, err := history.Extend(history.Head{Version: last.Version, Hash: last.Hash}, at, deadline.Date{}, actor, law0, ev)
						if err != nil {
							b.Error(err)
							return
						}
						if err := st.Write(ctx, history.Change[access.ID, access.Event]{ID: id, Expected: j + 1, Index: idx, Records: more}); err != nil {
							b.Error(err)
							return
						}
						recs = append(recs, more...)
					}
				}
			}()
		}
		wg.Wait()
		elapsed := time.Since(start)
		b.StopTimer()
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(n)/elapsed.Seconds(), "requests/s")
		b.ReportMetric(float64(n*(1+len(benchEvents)))/elapsed.Seconds(), "events/s")
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(n), "heapB/request")
		runtime.KeepAlive(st)
		b.StartTimer()
	}
}

var law0 = access.Lifecycle(access.Generalizzato).Rows()[0].Basis

var (
	dueOnce  sync.Once
	dueStore *history.Memory[access.ID, access.Event]
)

// dueFixture holds *access.requests open requests, one record each, due
// over two years.
func dueFixture(b *testing.B) *history.Memory[access.ID, access.Event] {
	dueOnce.Do(func() {
		st := access.NewMemoryStore()
		actor := office.Actor{ID: "sportello", Role: office.FrontOffice, Office: "pda"}
		at := benchBase.Time(time.UTC).Add(10 * time.Hour)
		recs, err := history.Extend(history.Head{}, at, deadline.Date{}, actor, law0, benchFiling(0))
		if err != nil {
			panic(err)
		}
		var wg sync.WaitGroup
		for w := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < *benchRequests; i += 2 {
					if err := st.Write(context.Background(), history.Change[access.ID, access.Event]{ID: access.ID(fmt.Sprintf("req-%07d", i)), Index: benchIndex(i), Records: recs}); err != nil {
						panic(err)
					}
				}
			}()
		}
		wg.Wait()
		dueStore = st
	})
	return dueStore
}

// BenchmarkDueNext7Days asks what is due in the next 7 days over
// *access.requests open requests (about 9,600 match): the whole list,
// page by page, through Service.Due, and the first page alone.
func BenchmarkDueNext7Days(b *testing.B) {
	st := dueFixture(b)
	svc, err := access.NewService(access.Config{Store: st, Calendar: deadline.Rome()})
	if err != nil {
		b.Fatal(err)
	}
	from := benchBase.AddDays(200)
	to := from.AddDays(6)
	b.Run("all", func(b *testing.B) {
		b.ReportAllocs()
		var got int
		for range b.N {
			items, err := svc.Due(context.Background(), from, to)
			if err != nil {
				b.Fatal(err)
			}
			got = len(items)
		}
		b.ReportMetric(float64(got), "items")
	})
	b.Run("first-page", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, err := st.List(context.Background(), access.Query{DueFrom: from, DueTo: to, Limit: 100}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkReplay20 replays a 20-event generalizzato history (two parties,
// an opposition, internal requests, a partial acceptance, a review with the
// Garante) to its state and deadlines.
func BenchmarkReplay20(b *testing.B) {
	e := newEnv(b, access.Policy{})
	id := e.file(access.Generalizzato).ID
	a := func(by office.Actor) access.Act { return access.Act{ID: id, By: by} }
	steps := []func() (*access.Request, error){
		func() (*access.Request, error) { return e.svc.NotifyStart(ctxBg, a(front), access.StartNotice{}) },
		func() (*access.Request, error) {
			return e.svc.RequestDocuments(ctxBg, a(front), access.DocumentRequest{Requests: []access.InternalRequest{{Office: "urbanistica", Documents: "a"}, {Office: "mobilita", Documents: "b"}}})
		},
		func() (*access.Request, error) {
			return e.svc.NotifyCounterInterested(ctxBg, a(front), access.Notification{Parties: []access.Person{{Name: "Mario", Surname: "Neri"}, {Name: "Lucia", Surname: "Blu"}}})
		},
		func() (*access.Request, error) {
			return e.svc.RecordNoticeReceipt(ctxBg, a(outer), access.PartyAct{Party: 1})
		},
		func() (*access.Request, error) {
			return e.svc.RecordNoticeReceipt(ctxBg, a(outer), access.PartyAct{Party: 2})
		},
		func() (*access.Request, error) {
			return e.svc.RecordOpposition(ctxBg, a(outer), access.PartyAct{Party: 1})
		},
		func() (*access.Request, error) {
			return e.svc.RecordDocuments(ctxBg, a(comp), access.DocumentAnswer{Request: 1})
		},
		func() (*access.Request, error) {
			return e.svc.RecordDocuments(ctxBg, a(comp), access.DocumentAnswer{Request: 2})
		},
		func() (*access.Request, error) {
			return e.svc.SetPublicSubject(ctxBg, a(front), access.PublicSubject{Text: "verbali ZTL"})
		},
		func() (*access.Request, error) {
			e.now = e.now.AddDate(0, 0, 20)
			return e.svc.Decide(ctxBg, a(comp), refusal(access.PartiallyAccepted, "d33-5bis-2-a"))
		},
		func() (*access.Request, error) {
			return e.svc.RecordAcceptanceReceipt(ctxBg, a(outer), access.PartyAct{Party: 1})
		},
		func() (*access.Request, error) { return e.svc.FileReview(ctxBg, a(outer), access.RemedyRequest{}) },
		func() (*access.Request, error) { return e.svc.ConsultGarante(ctxBg, a(rpct), access.Note{}) },
		func() (*access.Request, error) {
			e.now = e.now.AddDate(0, 0, 3)
			return e.svc.RecordGaranteOpinion(ctxBg, a(outer), access.Note{})
		},
		func() (*access.Request, error) {
			return e.svc.DecideReview(ctxBg, a(rpct), access.ReviewRuling{Outcome: access.Refused, Grounds: []access.GroundCode{"d33-5bis-2-a"}, Reasons: "r", Summary: "s"})
		},
		func() (*access.Request, error) {
			e.now = e.now.AddDate(0, 0, 5)
			return e.svc.ChargeFees(ctxBg, a(comp), access.Copy{Pages: 3, Medium: access.MediumPaper})
		},
		func() (*access.Request, error) {
			return e.svc.FileOmbudsman(ctxBg, a(outer), access.RemedyRequest{})
		},
		func() (*access.Request, error) {
			e.now = e.now.AddDate(0, 0, 10)
			return e.svc.RecordOmbudsmanOutcome(ctxBg, a(outer), access.OmbudsmanRuling{Outcome: access.OmbudsmanRejected})
		},
		func() (*access.Request, error) {
			return e.svc.FileAppeal(ctxBg, a(outer), access.RemedyRequest{Court: "TAR Lazio"})
		},
	}
	for i, s := range steps {
		e.now = e.now.Add(24 * time.Hour)
		if _, err := s(); err != nil {
			b.Fatalf("step %d: %v", i+1, err)
		}
	}
	st, err := e.st.Load(ctxBg, id, 0)
	if err != nil {
		b.Fatal(err)
	}
	if len(st.Records) != 20 {
		b.Fatalf("history of %d records", len(st.Records))
	}
	cal := deadline.Rome()
	b.ReportAllocs()
	b.ResetTimer()
	var r *access.Request
	for range b.N {
		r, err = access.Replay(st.Records, cal, access.Policy{})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(r.Deadlines)), "deadlines")
}

// BenchmarkKindOf classifies every deadline of a replayed request (the
// loop of a register over a million requests): it reads Code and must not
// allocate.
//
//	go test ./access/ -run '^$' -bench KindOf -benchmem
func BenchmarkKindOf(b *testing.B) {
	dls := kindOfSample(b)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, d := range dls {
			if access.KindOf(d).Obligation() {
				n++
			}
		}
	}
	b.ReportMetric(float64(len(dls)), "deadlines/op")
	if n == 0 {
		b.Fatal("no obligation found")
	}
}

// BenchmarkServiceActs_GrowingHistory performs b.N acts (the public
// subject set again) one after the other on one request of a memory
// store: its history grows by one record per act, so the cost of an act
// that replays the whole history grows with b.N, and that of an
// incremental Service does not. Run with -benchtime Nx.
func BenchmarkServiceActs_GrowingHistory(b *testing.B) {
	ctx := context.Background()
	now := benchBase.Time(time.UTC).Add(9 * time.Hour)
	svc, err := access.NewService(access.Config{Store: access.NewMemoryStore(), Calendar: deadline.Rome(), Now: func() time.Time { return now }})
	if err != nil {
		b.Fatal(err)
	}
	desk := office.Actor{ID: "sportello", Role: office.FrontOffice, Office: "pda"}
	r, err := svc.File(ctx, access.Act{By: desk}, access.Filing{Kind: access.Generalizzato, Channel: access.ChannelPEC,
		Protocol: access.Protocol{Number: "RA/2026/0000001"}, Subject: "dati sulle multe", Office: "mobilita"})
	if err != nil {
		b.Fatal(err)
	}
	texts := []string{"dati sulle multe", "dati sulle multe del 2025"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if _, err := svc.SetPublicSubject(ctx, access.Act{ID: r.ID, By: desk}, access.PublicSubject{Text: texts[i%2]}); err != nil {
			b.Fatal(err)
		}
	}
}
