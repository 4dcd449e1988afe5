package petition_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/petition/petitiontest"
)

// Duplicate checks are a map lookup keyed by the codice fiscale as issued
// (the code without omocodia packed in a uint64, the omocodia pattern beside
// it): the cost per signature does not grow with the number of signatures
// already collected. The "scan" baseline finds duplicates the naive way,
// comparing the code with every signature so far: quadratic, so it runs on
// a small N only.
//
// Commands (100,000 signatures each, except where noted):
//
//	go test -run '^$' -bench 'AddSignatures' -benchtime 100000x ./petition/
//	go test -run '^$' -bench 'BenchmarkSign' -benchmem -count 5 ./petition/
//	go test -run '^$' -bench 'Replay' -benchtime 5x ./petition/

const benchSignatures = 100_000

var benchDay = deadline.MustDate(2026, time.March, 2)

// benchCodes are built on first use, not when the tests run: enough for
// BenchmarkSign to add signatures to a proposal holding benchSignatures.
var benchCodes = sync.OnceValue(func() []string { return petitiontest.Codes(2026, benchSignatures+10_000) })

func benchSig(i int) petition.Signature {
	codes := benchCodes()
	return petition.Signature{
		Signatory: petition.Person{FamilyName: "Cognome", GivenName: "Nome", CodiceFiscale: codes[i%len(codes)]},
		Category:  petition.Elettore, Evidence: "sezione 1234", Method: petition.Paper, Date: benchDay,
	}
}

// BenchmarkAddSignatures adds signatures one by one with every check the
// Service applies (codice fiscale, eligibility and age, window, duplicate),
// into a set of up to 100,000 (map) or 1,000 to 20,000 (scan) signatories.
// ns/op is ns per signature: constant for the map, growing with n for the
// scan (on average n/2 comparisons each).
func BenchmarkAddSignatures(b *testing.B) {
	b.Run(fmt.Sprintf("map/n=%d", benchSignatures), func(b *testing.B) {
		b.ReportAllocs()
		benchCodes()
		roll := petition.NewRoll(benchDay)
		for i := 0; b.Loop(); i++ {
			if i%benchSignatures == 0 && i > 0 {
				b.StopTimer()
				roll = petition.NewRoll(benchDay)
				b.StartTimer()
			}
			if err := roll.Add(benchSig(i), benchDay); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The duplicate check alone, as the scan baseline does it: parse, then
	// look the person up.
	b.Run(fmt.Sprintf("map-lookup-only/n=%d", benchSignatures), func(b *testing.B) {
		b.ReportAllocs()
		benchCodes()
		seen := map[codicefiscale.Key]struct{}{}
		for i := 0; b.Loop(); i++ {
			if i%benchSignatures == 0 {
				clear(seen)
			}
			cf, err := codicefiscale.Parse(benchCodes()[i%benchSignatures])
			if err != nil {
				b.Fatal(err)
			}
			if _, dup := seen[cf.Key()]; dup {
				b.Fatal("duplicate")
			}
			seen[cf.Key()] = struct{}{}
		}
	})
	for _, small := range []int{1_000, 5_000, 20_000} {
		b.Run(fmt.Sprintf("scan/n=%d", small), func(b *testing.B) {
			b.ReportAllocs()
			benchCodes()
			var seen []string
			for i := 0; b.Loop(); i++ {
				if i%small == 0 {
					seen = seen[:0]
				}
				cf, err := codicefiscale.Parse(benchCodes()[i%small])
				if err != nil {
					b.Fatal(err)
				}
				n := cf.String()
				for _, s := range seen {
					if s == n {
						b.Fatal("duplicate")
					}
				}
				seen = append(seen, n)
			}
		})
	}
}

// benchHistory returns the sealed history of a proposal holding held
// signatures, recorded in sheets of sheet.
func benchHistory(b *testing.B, held, sheet int) []petition.Record {
	b.Helper()
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	events := []petition.Event{
		petition.Registration{Kind: petition.PropostaDeliberazione, Addressee: petition.AssembleaCapitolina,
			Channel: petition.Counter, Subject: "s", Promoters: []petition.Person{{FamilyName: "Comitato"}}}.Event(),
		petition.Collection{}.Event(),
	}
	for i := 0; i < held; i += sheet {
		sigs := make([]petition.Signature, sheet)
		for j := range sigs {
			sigs[j] = benchSig(i + j)
		}
		events = append(events, petition.Batch{Signatures: sigs}.Event())
	}
	recs, err := history.Extend(history.Head{}, at, benchDay, desk, petition.Rome().Kinds[3].Threshold.Source, events...)
	if err != nil {
		b.Fatal(err)
	}
	return recs
}

// benchService returns a Service on a fresh store holding recs as petition
// "bench", keeping keep petitions' folded states (Config.Keep), and reads
// the petition once: a Service that keeps states starts with its state.
func benchService(b *testing.B, recs []petition.Record, keep int) *petition.Service {
	b.Helper()
	dir, err := office.NewDirectory(office.Office{ID: "punto-ascolto", Name: "Punto di Ascolto"})
	if err != nil {
		b.Fatal(err)
	}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	store := petition.NewMemoryStore()
	p, err := petition.Replay("bench", recs, deadline.Rome(), petition.Rome())
	if err != nil {
		b.Fatal(err)
	}
	if err := store.Write(context.Background(), history.Change[petition.ID, petition.Event]{ID: "bench", Index: p.Index(), Records: recs}); err != nil {
		b.Fatal(err)
	}
	svc, err := petition.NewService(petition.Config{Store: store, Directory: dir, Calendar: deadline.Rome(),
		Now: func() time.Time { return at }, Keep: keep})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := svc.Get(context.Background(), "bench"); err != nil {
		b.Fatal(err)
	}
	return svc
}

// BenchmarkSign adds a batch of signatures through the Service and the
// in-memory store to a proposal already holding held signatures, recorded
// in sheets of 100 or one by one (online adhesions), in two modes:
//
//   - mode=replay (Config.Keep -1, no state kept): every act loads and
//     decodes the whole history, folds it, guards (codice fiscale,
//     eligibility, window, duplicate lookup), builds the event, chains its
//     hash, folds the history again with it and writes at the expected
//     version: the cost grows with the history, not with the batch;
//   - mode=incremental (the default Config.Keep): the Service keeps the
//     petition's folded state with its head, so an act loads only the
//     records written since (none here), guards, folds the new record onto
//     the state, copies it (the Service keeps one copy and reads the other)
//     and writes; what still grows with the history is the copy of the
//     signatory set.
//
// The last case, a proposal of 100,000 signatures, shows what grows: in
// mode=incremental the copy of the signatory set (some 2 MB).
//
// ns/op is per act; ns/signature is reported. Every 50 acts the petition
// is put back to held signatures on a fresh store and Service, off the
// clock, which reads it once (so an incremental Service starts with its
// state, as one does after its first act on the petition; that first act
// costs a whole replay, as in mode=replay).
//
//	go test -run '^$' -bench 'BenchmarkSign' -benchmem -count 5 ./petition/
func BenchmarkSign(b *testing.B) {
	for _, c := range []struct{ held, sheet, batch int }{
		{1_000, 1, 1}, {5_000, 100, 100}, {5_000, 100, 1}, {5_000, 1, 1}, {100_000, 100, 1},
	} {
		for _, mode := range []struct {
			name string
			keep int
		}{{"replay", -1}, {"incremental", 0}} {
			b.Run(fmt.Sprintf("held=%d/sheet=%d/batch=%d/mode=%s", c.held, c.sheet, c.batch, mode.name), func(b *testing.B) {
				benchSign(b, c.held, c.sheet, c.batch, mode.keep)
			})
		}
	}
}

func benchSign(b *testing.B, held, sheet, size, keep int) {
	b.ReportAllocs()
	benchCodes()
	recs := benchHistory(b, held, sheet)
	svc := benchService(b, recs, keep)
	ctx := context.Background()
	batch := make([]petition.Signature, size)
	n, acts := held, 0
	for b.Loop() {
		if acts == 50 {
			b.StopTimer()
			svc, n, acts = benchService(b, recs, keep), held, 0
			b.StartTimer()
		}
		for j := range batch {
			batch[j] = benchSig(n + j)
		}
		n += size
		acts++
		p, err := svc.Sign(ctx, petition.Act{ID: "bench", By: desk}, petition.Batch{Signatures: batch})
		if err != nil {
			b.Fatal(err)
		}
		if p.Signatures.Valid != n {
			b.Fatalf("%d valid signatures, want %d", p.Signatures.Valid, n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*size), "ns/signature")
}

// BenchmarkReplay folds a history of 100,000 signatures in sheets of 100
// (1,002 records): what every act on such a petition pays, besides loading
// the records.
func BenchmarkReplay(b *testing.B) {
	b.ReportAllocs()
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	events := []petition.Event{
		petition.Registration{Kind: petition.PropostaDeliberazione, Addressee: petition.AssembleaCapitolina,
			Channel: petition.Counter, Subject: "s", Promoters: []petition.Person{{FamilyName: "Comitato"}}}.Event(),
		petition.Collection{}.Event(),
	}
	for i := 0; i < benchSignatures; i += 100 {
		sigs := make([]petition.Signature, 100)
		for j := range sigs {
			sigs[j] = benchSig(i + j)
		}
		events = append(events, petition.Batch{Signatures: sigs}.Event())
	}
	recs, err := history.Extend(history.Head{}, at, benchDay, desk, petition.Rome().Kinds[3].Threshold.Source, events...)
	if err != nil {
		b.Fatal(err)
	}
	cal, policy := deadline.Rome(), petition.Rome()
	for b.Loop() {
		p, err := petition.Replay("bench", recs, cal, policy)
		if err != nil || p.Signatures.Valid != benchSignatures {
			b.Fatal(err, p.Signatures.Valid)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchSignatures), "ns/signature")
}
