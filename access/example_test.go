package access_test

import (
	"context"
	"fmt"
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
)

// A FOIA request with a counter-interested party: the 30 days are suspended
// from the notice until the party's window closes, and the explanation says
// so step by step.
func Example() {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	svc, _ := access.NewService(access.Config{
		Store:    access.NewMemoryStore(),
		Calendar: deadline.Rome(),
		Policy:   access.Policy{Administration: "Roma Capitale"},
		Now:      func() time.Time { return now },
	})
	ctx := context.Background()
	desk := office.Actor{ID: "sportello", Role: office.FrontOffice, Office: "pda"}
	r, _ := svc.File(ctx, access.Act{ID: "foia-1", By: desk}, access.Filing{
		Kind: access.Generalizzato, Channel: access.ChannelOnline, Identification: "SPID",
		Subject: "contratti di manutenzione del verde 2025", Office: "ambiente",
	})
	fmt.Println("da decidere entro il", r.DecisionDue.Italian())

	now = now.AddDate(0, 0, 8) // 10 March: notice sent, received on the 12th
	act := access.Act{ID: r.ID, By: desk}
	svc.NotifyCounterInterested(ctx, act, access.Notification{Parties: []access.Person{{Name: "Verde S.r.l."}}, Means: "PEC"})
	now = now.AddDate(0, 0, 2)
	r, _ = svc.RecordNoticeReceipt(ctx, access.Act{ID: r.ID, By: office.Actor{ID: "pec", Role: office.External}}, access.PartyAct{Party: 1})
	d, _ := r.Deadline(access.DeadlineDecision)
	fmt.Println(d.Explanation)
	// Output:
	// da decidere entro il 01/04/2026
	// evento del 02/03/2026 (lunedì): il giorno dell'evento non si computa (art. 2963 c. 2 c.c.; art. 155 c. 1 c.p.c.)
	// conclusione del procedimento: 30 giorni (art. 5 c. 6 D.Lgs. 33/2013) dal 02/03/2026 → 01/04/2026
	// sospeso 13 giorni (art. 5 c. 5 D.Lgs. 33/2013), dal 10/03/2026 al 23/03/2026: comunicazione al controinteressato n. 1, fino alla scadenza del suo termine per opporsi → 14/04/2026
	// scadenza: martedì 14/04/2026
}

// The acts each role may perform on a documentale request just filed.
func ExampleRequest_Permitted() {
	r := &access.Request{Kind: access.Documentale, State: access.StatePending}
	fmt.Println("ufficio competente:", r.Permitted(office.CompetentOffice))
	fmt.Println("esterno:", r.Permitted(office.External))
	// Output:
	// ufficio competente: [irregularity-notified formal-requested forwarded transferred start-notified documents-requested documents-received office-reminded counter-interested-notified notice-received decided public-subject-set]
	// esterno: [notice-received opposition-received substitute-requested withdrawn ombudsman-filed appeal-filed]
}

// Copies are charged on the administration's tariff; civic access pays only
// the reproduction on material media.
func ExampleTariff_Cost() {
	t := access.Tariff{PerPage: 10, StampDuty: 1600, StampPages: 4}
	fee, _ := t.Cost(access.Documentale, access.Copy{Pages: 12, Medium: access.MediumPaper, Certified: true})
	fmt.Println(fee)
	_, err := t.Cost(access.Generalizzato, access.Copy{Pages: 12, Medium: access.MediumPaper, Certified: true})
	fmt.Println(err)
	// Output:
	// € 49,20 (copia cartacea: 12 pagine × € 0,10; imposta di bollo: 3 × € 16,00)
	// procedure: rule violated: civic access is free except the cost of reproduction on material media: no stamp duty (art. 5 c. 4 D.Lgs. 33/2013)
}

// A refusal must name its grounds: the law as data.
func ExampleGrounds() {
	for _, g := range access.Grounds(access.Generalizzato)[7:10] {
		fmt.Println(g.Code, "—", g)
	}
	// Output:
	// d33-5bis-2-a — protezione dei dati personali (art. 5-bis c. 2 lett. a D.Lgs. 33/2013)
	// d33-5bis-2-b — libertà e segretezza della corrispondenza (art. 5-bis c. 2 lett. b D.Lgs. 33/2013)
	// d33-5bis-2-c — interessi economici e commerciali, compresi proprietà intellettuale, diritto d'autore e segreti commerciali (art. 5-bis c. 2 lett. c D.Lgs. 33/2013)
}

// The titolare del potere sostitutivo: asked once the 30 days passed
// without a decision, it concludes in half of them (art. 2 c. 9-ter L.
// 241/1990); its late decision states the term due and the time taken (c.
// 9-quinquies).
func ExampleService_RequestSubstitute() {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	svc, _ := access.NewService(access.Config{
		Store:    access.NewMemoryStore(),
		Calendar: deadline.Rome(),
		Policy:   access.Policy{Administration: "Roma Capitale", Substitute: access.Substitute{Title: "Segretario Generale"}},
		Now:      func() time.Time { return now },
	})
	ctx := context.Background()
	desk := office.Actor{ID: "sportello", Role: office.FrontOffice, Office: "pda"}
	r, _ := svc.File(ctx, access.Act{ID: "foia-2", By: desk}, access.Filing{
		Kind: access.Generalizzato, Channel: access.ChannelPEC, Identification: "PEC", Subject: "verbali della commissione", Office: "ambiente",
	})
	now = time.Date(2026, 4, 2, 10, 0, 0, 0, time.UTC)
	r, _ = svc.RequestSubstitute(ctx, access.Act{ID: r.ID, By: office.Actor{ID: "pec", Role: office.External}}, access.SubstituteRequest{Means: "PEC"})
	fmt.Println("il titolare conclude entro il", r.Substitute.Due.Italian())
	now = time.Date(2026, 4, 16, 10, 0, 0, 0, time.UTC)
	r, _ = svc.DecideAsSubstitute(ctx, access.Act{ID: r.ID, By: office.Actor{ID: "segretario", Role: office.Substitute}}, access.Ruling{Outcome: access.Accepted})
	fmt.Println(r.LateDecision.Italian())
	// Output:
	// il titolare conclude entro il 17/04/2026
	// Termine previsto: 30 giorni (art. 5 c. 6 D.Lgs. 33/2013) dal 02/03/2026, scaduto il 01/04/2026; termine effettivamente impiegato: 45 giorni, con provvedimento del 16/04/2026, 15 giorni oltre la scadenza (art. 2 c. 9-quinquies L. 241/1990).
}
