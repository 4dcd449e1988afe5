package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/petition/petitiontest"
)

// proposalSignatures is the size of issue 9's popular proposal.
const proposalSignatures = 5000

// popularProposal drafts a proposal of deliberation through a Service on
// store, opens its collection and signs it with proposalSignatures
// signatures in sheets of 100: 52 records, as an office records paper
// sheets. It returns the Service and the next unused codice fiscale.
func popularProposal(b *testing.B, store petition.Store, codes []string) (petition.ID, int) {
	b.Helper()
	ctx := context.Background()
	svc := petitionService(b, store, 0)
	p, err := svc.Draft(ctx, petition.Act{By: benchDesk}, petition.Registration{Kind: petition.PropostaDeliberazione,
		Addressee: petition.AssembleaCapitolina, Channel: petition.Counter, Subject: "Zone scolastiche a traffico limitato",
		Text: "Testo dei promotori.", Promoters: []petition.Person{{FamilyName: "Comitato", GivenName: "Promotore"}}})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := svc.OpenCollection(ctx, petition.Act{ID: p.ID, By: benchDesk}, petition.Collection{}); err != nil {
		b.Fatal(err)
	}
	next := 0
	for next < proposalSignatures {
		sheet := make([]petition.Signature, 100)
		for j := range sheet {
			sheet[j] = paperSignature(codes[next])
			next++
		}
		if _, err := svc.Sign(ctx, petition.Act{ID: p.ID, By: benchDesk}, petition.Batch{Signatures: sheet}); err != nil {
			b.Fatal(err)
		}
	}
	return p.ID, next
}

func paperSignature(code string) petition.Signature {
	return petition.Signature{Signatory: petition.Person{FamilyName: "Cognome", GivenName: "Nome", CodiceFiscale: code},
		Category: petition.Elettore, Evidence: "sezione 1234", Method: petition.Paper, Date: deadline.DateOf(benchDay)}
}

func petitionService(b *testing.B, store petition.Store, keep int) *petition.Service {
	b.Helper()
	dir, err := office.NewDirectory(office.Office{ID: benchDesk.Office, Name: "Punto di Ascolto"})
	if err != nil {
		b.Fatal(err)
	}
	svc, err := petition.NewService(petition.Config{Store: store, Directory: dir, Calendar: deadline.Rome(), Keep: keep,
		Now: func() time.Time { return benchDay }, NewID: func() petition.ID { return "PET-2026-001" }})
	if err != nil {
		b.Fatal(err)
	}
	return svc
}

// BenchmarkPetition5000 loads a popular proposal holding 5,000 signatures
// and acts on it (one more signature, as an online adhesion is recorded):
// one op is Get then Sign, on the in-memory store, a SQLite file and
// PostgreSQL (issue 9: ≤ 5 ms per act). Two modes:
//
//   - mode=incremental: one Service, as an application instance runs; it
//     keeps the petition's folded state with its head (procedure.Runner's
//     States), so Get and the act load only the records written since the
//     state was folded (none, or another instance's) and fold them on;
//   - mode=cold: a new Service for every op, as after a restart: the first
//     Get loads and replays the whole history (5,000 signatures), the act
//     then folds onto that state.
//
// The property that folding onto a kept state equals replaying the whole
// history is tested in procedure (TestIncrementalEqualsReplay) and petition
// (TestFoldEqualsReplay, TestServicesShareAStoreIncrementally).
//
//	go test -run '^$' -bench Petition5000 -benchtime 200x ./history/sqlstore
func BenchmarkPetition5000(b *testing.B) {
	codes := petitiontest.Codes(9, proposalSignatures+20_000)
	memory := func(testing.TB) petition.Store { return history.NewMemory[petition.ID, petition.Event]() }
	onSQL := func(be backend) func(testing.TB) petition.Store {
		return func(tb testing.TB) petition.Store {
			return newStore[petition.ID, petition.Event](tb, be.storage(tb)(), be.dialect, "petition")
		}
	}
	lite, pg := backends()[0], backends()[1]
	for _, c := range []struct {
		name  string
		store func(testing.TB) petition.Store
	}{{"memory", memory}, {"sqlite", onSQL(lite)}, {"postgres", onSQL(pg)}} {
		for _, cold := range []bool{false, true} {
			mode := "incremental"
			if cold {
				mode = "cold"
			}
			b.Run(fmt.Sprintf("%s/mode=%s", c.name, mode), func(b *testing.B) {
				store := c.store(b)
				id, next := popularProposal(b, store, codes)
				ctx := context.Background()
				svc := petitionService(b, store, 0)
				if _, err := svc.Get(ctx, id); err != nil {
					b.Fatal(err)
				}
				for b.Loop() {
					if next == len(codes) {
						b.Fatal("out of codici fiscali: lower -benchtime")
					}
					if cold {
						svc = petitionService(b, store, 0)
					}
					p, err := svc.Get(ctx, id)
					if err != nil {
						b.Fatal(err)
					}
					s := paperSignature(codes[next])
					s.Method, s.Date = petition.SPID, deadline.Date{}
					next++
					if p, err = svc.Sign(ctx, petition.Act{ID: id, By: benchDesk, Version: p.Version}, petition.Batch{Signatures: []petition.Signature{s}}); err != nil {
						b.Fatal(err)
					}
					if p.Signatures.Valid != next {
						b.Fatalf("%d valid signatures, want %d", p.Signatures.Valid, next)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/act")
			})
		}
	}
}
