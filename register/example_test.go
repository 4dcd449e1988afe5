package register_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/register"
)

// Publish the register of the first quarter from the access store, then
// build the quarterly report and write it to a folder.
func Example() {
	ctx := context.Background()
	store := access.NewMemoryStore()
	now := time.Date(2026, time.March, 2, 10, 0, 0, 0, time.UTC)
	n := 0
	svc, _ := access.NewService(access.Config{Store: store, Calendar: deadline.Rome(), Now: func() time.Time { return now },
		NewID: func() access.ID { n++; return access.ID(fmt.Sprintf("req-%d", n)) }})
	desk := office.Actor{ID: "l.rossi", Role: office.FrontOffice, Office: "punto-di-ascolto"}
	mob := office.Actor{ID: "m.bianchi", Role: office.CompetentOffice, Office: "dip-mobilita"}

	// A request of December, decided in January: a receipt of the fourth
	// quarter, a decision of the first.
	now = time.Date(2025, time.December, 15, 10, 0, 0, 0, time.UTC)
	old, _ := svc.File(ctx, access.Act{By: desk}, access.Filing{Kind: access.Generalizzato, Channel: access.ChannelPEC,
		Protocol: access.Protocol{Number: "RA/2025/0009900"}, Applicant: access.Person{Name: "Luca", Surname: "Neri"}, Subject: "dati"})
	_, _ = svc.Assign(ctx, access.Act{ID: old.ID, By: desk}, access.Assignment{Office: "dip-mobilita"})
	now = time.Date(2026, time.January, 8, 10, 0, 0, 0, time.UTC)
	_, _ = svc.Decide(ctx, access.Act{ID: old.ID, By: mob}, access.Ruling{Outcome: access.Accepted})

	now = time.Date(2026, time.March, 2, 10, 0, 0, 0, time.UTC)

	r, _ := svc.File(ctx, access.Act{By: desk}, access.Filing{Kind: access.Generalizzato, Channel: access.ChannelPEC,
		Protocol:  access.Protocol{Number: "RA/2026/0000500"},
		Applicant: access.Person{Name: "Maria", Surname: "Esposito", Email: "maria@example.org"},
		Subject:   "Sono Maria Esposito e vorrei i dati sulle multe"})
	_, _ = svc.Assign(ctx, access.Act{ID: r.ID, By: desk}, access.Assignment{Office: "dip-mobilita"})
	_, _ = svc.SetPublicSubject(ctx, access.Act{ID: r.ID, By: desk}, access.PublicSubject{Text: "Numero di multe per sosta nel 2025"})
	now = time.Date(2026, time.March, 20, 10, 0, 0, 0, time.UTC)
	_, _ = svc.Decide(ctx, access.Act{ID: r.ID, By: mob}, access.Ruling{Outcome: access.Accepted})

	q1 := register.MustQuarter(2026, 1)
	src := register.Source{Store: store, Calendar: deadline.Rome()}
	if err := register.WriteCSV(os.Stdout, src.Entries(ctx, q1, register.Options{}), register.CSVOptions{Comma: ';', LF: true}); err != nil {
		fmt.Println(err)
	}

	// The report reads every request received up to the end of the
	// quarter, not only the quarter's.
	var views []*access.Request
	for v, err := range src.Requests(ctx, q1.ReportQuery()) {
		if err != nil {
			fmt.Println(err)
			return
		}
		views = append(views, v)
	}
	rep := register.Quarterly(register.Input{Period: q1, Requests: slices.Values(views)})
	dir, _ := os.MkdirTemp("", "monitoraggio")
	defer os.RemoveAll(dir)
	files, _ := rep.WriteDir(dir)
	fmt.Println(rep.Period, "- ricevute:", rep.Access.Total.Received, "decise:", rep.Access.Total.Decided, "nel termine:", rep.Access.Total.InTime)
	fmt.Println(rep.Previous, "- ricevute:", rep.Access.Previous.Received, "pendenti a fine periodo:", rep.Access.Previous.Pending)
	fmt.Println(filepath.Base(files.Markdown), filepath.Base(files.Chart))
	// Output:
	// Tipologia di accesso;Numero di protocollo;Data di protocollo;Data di presentazione;Oggetto della richiesta;Struttura competente;Canale di presentazione;Presenza di controinteressati;Trasferita;Esito;Data del provvedimento;Sintesi della motivazione;Riesame - Data di presentazione;Riesame - Esito;Riesame - Data del provvedimento;Riesame - Sintesi della motivazione;Difensore civico - Data di presentazione;Difensore civico - Esito;Difensore civico - Data dell'esito;Ricorso giudice amministrativo - Data di presentazione;Ricorso giudice amministrativo - Data di comunicazione del provvedimento all'amministrazione;Ricorso giudice amministrativo - Esito;Data di chiusura
	// accesso civico generalizzato;RA/2026/0000500;02/03/2026;02/03/2026;Numero di multe per sosta nel 2025;dip-mobilita;PEC;no;no;accoglimento;20/03/2026;;;;;;;;;;;;
	// I trimestre 2026 - ricevute: 1 decise: 2 nel termine: 2
	// IV trimestre 2025 - ricevute: 1 pendenti a fine periodo: 1
	// monitoraggio-2026-T1.md monitoraggio-2026-T1-nei-termini.svg
}

// Periods for the publication: quarters, semesters, custom ranges, and the
// period each is compared with.
func ExamplePeriod() {
	q, _ := register.Quarter(2026, 1)
	s, _ := register.Semester(2026, 2)
	c, _ := register.NewPeriod(deadline.MustDate(2026, time.January, 5), deadline.MustDate(2026, time.February, 20))
	for _, p := range []register.Period{q, s, c} {
		fmt.Printf("%s [%s], before: %s\n", p, p.Slug(), p.Previous())
	}
	// Output:
	// I trimestre 2026 [2026-T1], before: IV trimestre 2025
	// II semestre 2026 [2026-S2], before: I semestre 2026
	// dal 05/01/2026 al 20/02/2026 [2026-01-05_2026-02-20], before: dal 19/11/2025 al 04/01/2026
}

// The register row of a request: only publishable fields, the subject
// replaced by a placeholder until the office writes its summary.
func ExampleEntryOf() {
	r := &access.Request{ID: "x", Kind: access.Documentale, Received: deadline.MustDate(2026, time.May, 4),
		Protocol: access.Protocol{Number: "RA/2026/0001234", Date: deadline.MustDate(2026, time.May, 4)},
		Channel:  access.ChannelPost, State: access.StatePending, DecisionDue: deadline.MustDate(2026, time.June, 3),
		Subject: "Io, Mario Rossi, chiedo...", Applicant: access.Person{Name: "Mario", Surname: "Rossi"}}
	e := register.EntryOf(r, register.Options{Today: deadline.MustDate(2026, time.June, 10)})
	fmt.Println(e.Subject)
	fmt.Println(e.Outcome)
	// Output:
	// Sintesi dell'oggetto non ancora redatta dall'ufficio
	// silenzio-rigetto
}
