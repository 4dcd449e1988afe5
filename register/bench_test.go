package register_test

import (
	"context"
	"fmt"
	"io"
	"iter"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/register"
)

// Benchmarks at scale. They run only with -bench; the large ones want
// -benchtime=1x (see the package's report for the figures):
//
//	go test ./register/ -run '^$' -bench 'Quarterly1M|Register1M' -benchtime 5x -benchmem
//	go test ./register/ -run '^$' -bench 'CSVStream|SourceCSV' -benchtime 1x

var (
	viewsOnce sync.Once
	views1M   []*access.Request
)

// millionViews pre-builds 1,000,000 access views spread over 2025-2026, as
// Replay would give them: kinds, offices, channels, decisions in and out of
// time, parties, reviews, ombudsman and appeals, and the decision deadline
// with its real explanation (shared among requests received the same day:
// views are read-only).
func millionViews() []*access.Request {
	viewsOnce.Do(func() {
		cal := deadline.Rome()
		start := day(2025, time.January, 1)
		kinds := access.Kinds()
		offices := []office.ID{"dip-mobilita", "dip-urbanistica", "dip-ambiente", "dip-scuola", "dip-sociale", "dip-tributi", "dip-personale", "municipio-i", "municipio-vii", "polizia-locale"}
		channels := access.Channels()
		type tmpl struct {
			due deadline.Date
			dls []deadline.Deadline
		}
		days := make([]tmpl, 730)
		for i := range days {
			rec := start.AddDays(i)
			x, err := cal.Explain(deadline.Spec{Start: rec, Term: deadline.Term{Name: "conclusione del procedimento", Length: 30, Kind: deadline.Administrative}})
			if err != nil {
				panic(err)
			}
			days[i] = tmpl{due: x.Due, dls: []deadline.Deadline{{Name: string(access.DeadlineDecision), Code: access.DeadlineDecision.Code(), Due: x.Due, Explanation: x}}}
		}
		views1M = make([]*access.Request, 1_000_000)
		for i := range views1M {
			d := (i * 7919) % len(days)
			rec := start.AddDays(d)
			t := days[d]
			r := &access.Request{
				ID: access.ID("req-" + strconv.Itoa(i)), Kind: kinds[i%3], State: access.StatePending,
				Protocol: access.Protocol{Number: fmt.Sprintf("RA/%d/%07d", rec.Year(), i), Date: rec},
				Received: rec, Channel: channels[i%len(channels)], Office: offices[(i/3)%len(offices)],
				PublicSubject: "Dati sui servizi", DecisionDue: t.due, Deadlines: t.dls,
			}
			if i%11 == 0 {
				r.CounterInterested, r.Oppositions = 2, i%2
			}
			switch i % 10 {
			case 0, 1, 2, 3, 4, 5:
				r.State = access.StateDecided
				r.Decision = &access.Decision{Outcome: access.Outcomes()[i%5], Date: rec.AddDays(5 + i%40), Summary: "sintesi"}
				r.Decision.Late = r.Decision.Date.After(t.due)
			case 6:
				r.State, r.Withdrawn = access.StateWithdrawn, rec.AddDays(3)
			case 7:
				r.State = access.StateReviewed
				r.Decision = &access.Decision{Outcome: access.Refused, Date: rec.AddDays(20), Summary: "sintesi"}
				r.Review = &access.Review{Filed: rec.AddDays(25), Decided: rec.AddDays(40), Outcome: access.PartiallyAccepted}
			case 8:
				r.State = access.StateJudged
				r.Decision = &access.Decision{Outcome: access.Refused, Date: rec.AddDays(28)}
				r.Ombudsman = &access.Ombudsman{Body: access.DifensoreCivico, Filed: rec.AddDays(35), Decided: rec.AddDays(60), Outcome: access.OmbudsmanRejected}
				r.Appeal = &access.Appeal{Filed: rec.AddDays(70), Decided: rec.AddDays(200), Outcome: access.AppealRejected}
			}
			views1M[i] = r
		}
	})
	return views1M
}

// BenchmarkQuarterly1M builds the access section of the quarterly report
// (current and previous quarter, per kind, per office, overdue list with
// explanations) over 1,000,000 pre-built views.
func BenchmarkQuarterly1M(b *testing.B) {
	vs := millionViews()
	q := register.MustQuarter(2026, 1)
	b.ReportAllocs()
	b.ResetTimer()
	var r register.Report
	for b.Loop() {
		r = register.Quarterly(register.Input{Period: q, Requests: slices.Values(vs)})
	}
	b.ReportMetric(float64(r.Access.Total.Received), "received")
	b.ReportMetric(float64(len(r.Access.Overdue)), "overdue")
}

// BenchmarkRegister1M writes the register CSV of all 1,000,000 pre-built
// views (EntryOf and the CSV writer, to io.Discard).
func BenchmarkRegister1M(b *testing.B) {
	vs := millionViews()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rows := register.Entries(func(yield func(*access.Request, error) bool) {
			for _, v := range vs {
				if !yield(v, nil) {
					return
				}
			}
		}, register.Options{})
		if err := register.WriteCSV(io.Discard, rows, register.CSVOptions{Comma: ';'}); err != nil {
			b.Fatal(err)
		}
	}
}

// heapPeak samples the heap in use every `every` rows of an iterator.
type heapPeak struct {
	base, peak uint64
	alloc0     uint64
	ms         runtime.MemStats
}

func newHeapPeak() *heapPeak {
	runtime.GC()
	h := &heapPeak{}
	runtime.ReadMemStats(&h.ms)
	h.base, h.peak, h.alloc0 = h.ms.HeapInuse, h.ms.HeapInuse, h.ms.TotalAlloc
	return h
}

func (h *heapPeak) sample() {
	runtime.ReadMemStats(&h.ms)
	h.peak = max(h.peak, h.ms.HeapInuse)
}

func (h *heapPeak) report(b *testing.B, rows int) {
	runtime.ReadMemStats(&h.ms)
	b.ReportMetric(float64(h.peak-h.base)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(h.ms.TotalAlloc-h.alloc0)/float64(rows), "alloc-B/row")
}

// entryGen yields n synthetic register rows, sampling the heap.
func entryGen(n int, h *heapPeak) iter.Seq2[register.Entry, error] {
	return func(yield func(register.Entry, error) bool) {
		base := day(2026, time.January, 1)
		for i := range n {
			if i%16384 == 0 {
				h.sample()
			}
			d := base.AddDays(i % 90)
			e := register.Entry{Kind: access.Generalizzato, Protocol: "RA/2026/" + strconv.Itoa(i), ProtocolDate: d, Filed: d,
				Subject: "Dati sui servizi; \"estratti\"", Office: "Dipartimento Mobilità", Channel: "PEC", Outcome: "accoglimento", Decided: d.AddDays(20)}
			if !yield(e, nil) {
				return
			}
		}
		h.sample()
	}
}

// BenchmarkCSVStream measures the CSV writer alone on 100,000 and
// 1,000,000 generated rows: peak heap growth and bytes allocated per row.
func BenchmarkCSVStream(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				h := newHeapPeak()
				if err := register.WriteCSV(io.Discard, entryGen(n, h), register.CSVOptions{Comma: ';', BOM: true}); err != nil {
					b.Fatal(err)
				}
				h.report(b, n)
			}
		})
	}
}

// templateStore is an access.Store serving n request IDs over 90 template
// histories (one per day of the first quarter of 2026), sealed by the event
// log and replayed by the register like any other: it holds no per-request
// memory, so the benchmark measures the export, not the store.
type templateStore struct {
	n     int
	hists [][]access.Record
	h     *heapPeak
	loads int
}

func newTemplateStore(b *testing.B, n int) *templateStore {
	desk := office.Actor{ID: "l.rossi", Role: office.FrontOffice, Office: "punto-di-ascolto"}
	mob := office.Actor{ID: "m.bianchi", Role: office.CompetentOffice, Office: "dip-mobilita"}
	s := &templateStore{n: n}
	for d := range 90 {
		rec := day(2026, time.January, 1).AddDays(d)
		at := rec.Time(time.UTC).Add(9 * time.Hour)
		var h []access.Record
		add := func(at time.Time, by office.Actor, e access.Event) {
			more, err := history.Extend(headOf(h), at, deadline.Date{}, by, access.Generalizzato.Basis(), e)
			if err != nil {
				b.Fatal(err)
			}
			h = append(h, more...)
		}
		add(at, desk, access.Event{Type: access.EventReceived, Filed: &access.Filing{Kind: access.Generalizzato, Channel: access.ChannelPEC,
			Received: at, Protocol: access.Protocol{Number: "RA/2026/0000001", Date: rec},
			Applicant: access.Person{Name: "Maria", Surname: "Esposito"}, Subject: "richiesta"}})
		add(at.Add(time.Hour), desk, access.Event{Type: access.EventAssigned, Assignment: &access.Assignment{Office: "dip-mobilita"}})
		add(at.Add(2*time.Hour), desk, access.Event{Type: access.EventPublicSubjectSet, Subject: &access.PublicSubject{Text: "Dati sulle multe"}})
		add(at.Add(20*24*time.Hour), mob, access.Event{Type: access.EventDecided, Ruling: &access.Ruling{Outcome: access.Accepted, Summary: "dati trasmessi"}})
		if _, err := access.Replay(h, deadline.Rome(), access.Policy{}); err != nil {
			b.Fatal(err)
		}
		s.hists = append(s.hists, h)
	}
	return s
}

// headOf returns the head of the sealed records h.
func headOf(h []access.Record) history.Head {
	if len(h) == 0 {
		return history.Head{}
	}
	return history.Head{Version: len(h), Hash: h[len(h)-1].Hash}
}

func (s *templateStore) Write(context.Context, ...history.Change[access.ID, access.Event]) error {
	return access.ErrInvalid
}

func (s *templateStore) Load(_ context.Context, id access.ID, _ int) (access.Stream, error) {
	i, err := strconv.Atoi(string(id[1:]))
	if err != nil {
		return access.Stream{}, access.ErrNotFound
	}
	s.loads++
	if s.loads%16384 == 0 {
		s.h.sample()
	}
	h := s.hists[i%len(s.hists)]
	return access.Stream{ID: id, Head: headOf(h), Records: h}, nil
}

func (s *templateStore) List(_ context.Context, q access.Query) (access.Page, error) {
	from := 0
	if q.Cursor != "" {
		from, _ = strconv.Atoi(q.Cursor)
	}
	to := min(from+q.Limit, s.n)
	p := access.Page{Items: make([]access.Summary, 0, to-from)}
	for i := from; i < to; i++ {
		p.Items = append(p.Items, access.Summary{ID: access.ID(fmt.Sprintf("r%09d", i)), Head: headOf(s.hists[i%len(s.hists)])})
	}
	if to < s.n {
		p.Next = strconv.Itoa(to)
	}
	return p, nil
}

// BenchmarkSourceCSV streams the register of 100,000 and 1,000,000
// requests from a store to CSV: List a page, Load and Replay each history,
// EntryOf, write. Peak heap growth and allocations per row are reported.
func BenchmarkSourceCSV(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			st := newTemplateStore(b, n)
			src := register.Source{Store: st, Calendar: deadline.Rome()}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				st.h = newHeapPeak()
				rows := register.Entries(src.Requests(context.Background(), access.Query{}), register.Options{})
				if err := register.WriteCSV(io.Discard, rows, register.CSVOptions{Comma: ';'}); err != nil {
					b.Fatal(err)
				}
				st.h.report(b, n)
			}
		})
	}
}
