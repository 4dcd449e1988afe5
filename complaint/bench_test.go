package complaint_test

import (
	"context"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
)

// lifecycleRun files n complaints and takes each through assignment,
// answer and closing on a MemoryStore, as the desk does: four acts, four
// records, four index updates per complaint. It returns the store so that
// the caller can measure what it retains.
func lifecycleRun(b *testing.B, n int) complaint.Store {
	b.Helper()
	store := complaint.NewMemoryStore()
	pol := complaint.DefaultPolicy()
	pol.Taxonomy = taxonomy(b)
	now := time.Date(2026, 1, 2, 8, 0, 0, 0, time.UTC)
	svc, err := complaint.NewService(complaint.Config{Store: store, Directory: directory(b), Calendar: deadline.Rome(), Policy: pol,
		Now: func() time.Time { return now }})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	fl := pothole()
	cats := []string{"buche", "marciapiedi", "pericolo", "strade"}
	id := make([]byte, 0, 16)
	for i := range n {
		// 2,740 complaints a day: a million spread over a year.
		now = time.Date(2026, 1, 2, 8, 0, 0, 0, time.UTC).Add(time.Duration(i) * 31536 * time.Millisecond * 365 / 1000)
		id = strconv.AppendInt(append(id[:0], "R-"...), int64(i), 10)
		cid := complaint.ID(id)
		fl.Category = cats[i%len(cats)]
		fl.Place.Municipio = complaint.Municipio(1 + i%15)
		fl.Place.Point = &complaint.Point{Lat: 41.80 + float64(i%1000)*0.0002, Lon: 12.40 + float64(i%997)*0.0003}
		if _, err := svc.File(ctx, complaint.Act{ID: cid, By: desk}, fl); err != nil {
			b.Fatal(err)
		}
		if _, err := svc.Assign(ctx, complaint.Act{ID: cid, By: desk}, complaint.Assignment{To: "csimu"}); err != nil {
			b.Fatal(err)
		}
		if _, err := svc.Answer(ctx, complaint.Act{ID: cid, By: csimu}, complaint.Answer{Outcome: complaint.Resolved, Text: "Gentile cittadino, la buca è stata chiusa.", Summary: "buca chiusa"}); err != nil {
			b.Fatal(err)
		}
		if _, err := svc.Close(ctx, complaint.Act{ID: cid, By: desk}, complaint.Closure{}); err != nil {
			b.Fatal(err)
		}
	}
	return store
}

// BenchmarkLifecycle takes b.N complaints through file, assign, answer and
// close: ns/op is per complaint.
//
//	go test ./complaint/ -run '^$' -bench '^BenchmarkLifecycle$' -benchtime 20000x
func BenchmarkLifecycle(b *testing.B) {
	b.ReportAllocs()
	lifecycleRun(b, b.N)
}

// BenchmarkMillion takes 1,000,000 complaints through file, assign, answer
// and close on one MemoryStore, and reports the time, allocations and
// retained memory per complaint. It is heavy (minutes, gigabytes): run it
// alone, once:
//
//	go test ./complaint/ -run '^$' -bench '^BenchmarkMillion$' -benchtime 1x -timeout 60m
func BenchmarkMillion(b *testing.B) {
	const n = 1_000_000
	b.ReportAllocs()
	for range b.N {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		store := lifecycleRun(b, n)
		elapsed := time.Since(start)
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(elapsed.Nanoseconds())/n, "ns/complaint")
		b.ReportMetric(float64(after.Mallocs-before.Mallocs)/n, "allocs/complaint")
		b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/n, "B-allocated/complaint")
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "B-retained/complaint")
		// Keep the store alive until measured, and check it answers queries.
		p, err := store.List(context.Background(), complaint.Query{States: []string{string(complaint.Closed)}, Tags: []string{"municipio:VII"}, Limit: 10})
		if err != nil || len(p.Items) != 10 {
			b.Fatalf("list after the run: %v, %d items", err, len(p.Items))
		}
	}
}

// BenchmarkFindDuplicates searches the reports of the same pothole among
// 200,000 reports received over the 90-day window, spread over Rome. The
// MemoryStore answers each List narrowed by a geographic cell from its tag
// index; only the few candidates listed there are loaded.
//
//	go test ./complaint/ -run '^$' -bench '^BenchmarkFindDuplicates$' -benchtime 2000x -benchmem
func BenchmarkFindDuplicates(b *testing.B) {
	const n = 200_000
	store := complaint.NewMemoryStore()
	pol := complaint.DefaultPolicy()
	pol.Taxonomy = taxonomy(b)
	start := time.Date(2026, 7, 1, 8, 0, 0, 0, time.UTC)
	now := start
	svc, err := complaint.NewService(complaint.Config{Calendar: deadline.Rome(), Store: store, Directory: directory(b), Policy: pol, Now: func() time.Time { return now }})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	cats := []string{"buche", "marciapiedi", "pericolo", "strade"}
	rnd := uint64(1)
	next := func() float64 { // a deterministic LCG in [0, 1)
		rnd = rnd*6364136223846793005 + 1442695040888963407
		return float64(rnd>>11) / (1 << 53)
	}
	fl := complaint.Filed{Kind: complaint.Segnalazione, Channel: complaint.Online, Description: "buca"}
	id := make([]byte, 0, 16)
	for i := range n {
		now = start.Add(time.Duration(i) * 90 * 24 * time.Hour / n)
		fl.Category = cats[i%len(cats)]
		fl.Place = complaint.Place{Municipio: complaint.Municipio(1 + i%15), Point: &complaint.Point{Lat: 41.80 + 0.18*next(), Lon: 12.35 + 0.25*next()}}
		id = strconv.AppendInt(append(id[:0], "R-"...), int64(i), 10)
		if _, err := svc.File(ctx, complaint.Act{ID: complaint.ID(id), By: desk}, fl); err != nil {
			b.Fatal(err)
		}
	}
	probe := complaint.Probe{Category: "buche", Place: complaint.Place{Point: &complaint.Point{Lat: 41.874110, Lon: 12.521120}}}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := svc.FindDuplicates(ctx, probe); err != nil {
			b.Fatal(err)
		}
	}
}
