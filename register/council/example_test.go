package council_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/register/council"
)

// A written interrogazione filed with the Assemblea Capitolina, its deadline
// explained, then answered 13 days late; the quarterly state counts it.
func Example() {
	ctx := context.Background()
	now := time.Date(2026, time.April, 20, 10, 0, 0, 0, time.UTC)
	svc, _ := council.NewService(council.Config{Calendar: deadline.Rome(), Store: council.NewMemoryStore(), Now: func() time.Time { return now }})
	clerk := office.Actor{ID: "l.rossi", Role: office.FrontOffice, Office: "punto-di-ascolto"}

	act, err := svc.Register(ctx, council.Act{By: clerk}, council.Registered{
		Kind:       council.InterrogazioneScritta,
		Number:     council.MustNumber("RQ/2026/2582"),
		Body:       council.Assemblea,
		Filed:      deadline.MustDate(2026, time.March, 12),
		Presenters: []council.Councillor{{Name: "Anna Bianchi", Group: "Gruppo Misto"}},
		Addressee:  "Assessora alla Mobilità",
		Subject:    "Manutenzione delle pensiline di via Tiburtina",
		Matters:    []string{"mobilità"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	d, _ := act.AnswerDeadline()
	fmt.Println(act.ID, act.State, "due", d.Due.Italian())
	for _, st := range d.Explanation.Steps {
		if st.Action == deadline.ActionCount {
			fmt.Println(st.Text)
		}
	}

	act, _ = svc.Answer(ctx, council.Act{ID: act.ID, By: clerk}, council.Answer{Date: deadline.MustDate(2026, time.April, 14), Form: council.WrittenAnswer, By: "Assessora alla Mobilità"})
	fmt.Println(act.State, act.Deadlines[0].Status(deadline.MustDate(2026, time.April, 20), 3).State)

	q := council.Questions(slices.Values([]council.Item{act}), deadline.MustDate(2026, time.April, 1), deadline.MustDate(2026, time.June, 30))
	fmt.Printf("%s: in time %d, late %d (%d days)\n", q.Bodies[0].Body, q.Total.InTime, q.Total.Late, q.Total.LateDays)
	// Output:
	// assemblea-capitolina:RQ/2026/2582 filed due 01/04/2026
	// risposta scritta all'interrogazione: 20 giorni (art. 105 Regolamento del Consiglio Comunale di Roma (Del. C.C. 100/2002)) dal 12/03/2026 → 01/04/2026
	// answered met-late
	// Assemblea Capitolina: in time 0, late 1 (13 days)
}

// Protocol numbers and bodies parse from the forms council documents use.
func ExampleParseNumber() {
	n, err := council.ParseNumber("rq/2021/0002582")
	fmt.Println(n, err)
	_, err = council.ParseNumber("RQ/21/2582")
	fmt.Println(err)
	b, _ := council.ParseBody("Mun. XII")
	fmt.Println(b, b.Code(), b.Municipio())
	// Output:
	// RQ/2021/2582 <nil>
	// council: invalid number: "RQ/21/2582": the year has four digits
	// Municipio XII municipio-xii 12
}

// A Municipio whose regolamento gives 30 days, and another with 20.
func ExamplePolicy_WithTerm() {
	twenty := council.AnswerTermTUEL()
	twenty.Length = 20
	twenty.Source.Note = "Regolamento del Consiglio del Municipio III"
	pol := council.DefaultPolicy().WithTerm(council.MustMunicipio(3), twenty, council.InterrogazioneScritta)
	for _, b := range []council.Body{council.Assemblea, council.MustMunicipio(3), council.MustMunicipio(4)} {
		t, _ := pol.AnswerTerm(b, council.InterrogazioneScritta)
		fmt.Println(b, t.Length, t.Source)
	}
	_, ok := pol.AnswerTerm(council.Assemblea, council.Mozione)
	fmt.Println("mozione:", ok)
	// Output:
	// Assemblea Capitolina 20 art. 105 Regolamento del Consiglio Comunale di Roma (Del. C.C. 100/2002)
	// Municipio III 20 art. 43 c. 3 D.Lgs. 267/2000 (Regolamento del Consiglio del Municipio III)
	// Municipio IV 30 art. 43 c. 3 D.Lgs. 267/2000 (in mancanza del termine del regolamento del Municipio)
	// mozione: false
}

// The state of interrogazioni at the end of a quarter, as Markdown.
func ExampleQuestionReport_WriteMarkdown() {
	cal := deadline.Rome()
	rec := func(events ...council.Event) council.Item {
		var recs []council.Record
		for _, e := range events {
			more, _ := eventlogExtend(recs, e)
			recs = append(recs, more...)
		}
		a, err := council.Replay(recs, cal, council.DefaultPolicy())
		if err != nil {
			fmt.Println(err)
		}
		return a
	}
	m7 := council.MustMunicipio(7)
	open := rec(council.Registered{Kind: council.InterrogazioneScritta, Number: council.MustNumber("CA/2026/40"), Body: m7,
		Filed: deadline.MustDate(2026, time.February, 2), Presenters: []council.Councillor{{Name: "Piero Neri"}},
		Addressee: "Presidente del Municipio", Subject: "Illuminazione del parco"}.Event())
	open.ID = "municipio-vii:CA/2026/40"
	r := council.Questions(slices.Values([]council.Item{open}), deadline.MustDate(2026, time.January, 1), deadline.MustDate(2026, time.March, 31))
	_ = r.WriteMarkdown(os.Stdout)
	// Output:
	// ## Stato delle interrogazioni e interpellanze dal 01/01/2026 al 31/03/2026
	//
	// | Organo | Presentate | Risposte nei termini | Risposte tardive | Risposte (senza termine) | Ritirate | Decadute | In attesa | Scadute |
	// |---|---:|---:|---:|---:|---:|---:|---:|---:|
	// | Municipio VII | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 1 |
	// | **Totale** | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 1 |
	//
	// ### Interrogazioni scadute senza risposta al 31/03/2026
	//
	// - **CA/2026/40** (Municipio VII, interrogazione a risposta scritta), presentata il 02/02/2026, destinatario: Presidente del Municipio; scaduta il 04/03/2026, 27 giorni di ritardo, 0 solleciti. Illuminazione del parco
	//   - evento del 02/02/2026 (lunedì): il giorno dell'evento non si computa ([art. 2963 c. 2 c.c.](https://www.normattiva.it/uri-res/N2Ls?urn:nir:stato:regio.decreto:1942-03-16;262:2~art2963); [art. 155 c. 1 c.p.c.](https://www.normattiva.it/uri-res/N2Ls?urn:nir:stato:regio.decreto:1940-10-28;1443:1~art155))
	//   - risposta scritta all'interrogazione: 30 giorni ([art. 43 c. 3 D.Lgs. 267/2000](https://www.normattiva.it/uri-res/N2Ls?urn:nir:stato:decreto.legislativo:2000-08-18;267~art43), in mancanza del termine del regolamento del Municipio) dal 02/02/2026 → 04/03/2026
	//   - scadenza: mercoledì 04/03/2026
}
