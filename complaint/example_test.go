package complaint_test

import (
	"context"
	"fmt"
	"time"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
)

// exampleService is a desk with two offices, AMA outside, a small
// taxonomy and a clock stopped on Friday 2 October 2026, 10:00 in Rome.
func exampleService() (*complaint.Service, *time.Time) {
	dir, _ := office.NewDirectory(
		office.Office{ID: "ascolto", Name: "Ufficio Punto di Ascolto"},
		office.Office{ID: "csimu", Name: "Dipartimento CSIMU", Matters: []string{"strade"}},
		office.Office{ID: "ama", Name: "AMA S.p.A.", Matters: []string{"rifiuti"}, External: true},
	)
	potholes := complaint.AnswerTerm(15)
	tax, _ := complaint.NewTaxonomy(
		complaint.Category{Code: "strade", Label: "Strade", Office: "csimu"},
		complaint.Category{Code: "buche", Label: "Buche stradali", Parent: "strade", Term: &potholes},
		complaint.Category{Code: "rifiuti", Label: "Rifiuti", Office: "ama"},
	)
	pol := complaint.DefaultPolicy()
	pol.Taxonomy = tax
	now := time.Date(2026, 10, 2, 8, 0, 0, 0, time.UTC)
	n := 0
	svc, err := complaint.NewService(complaint.Config{Calendar: deadline.Rome(),
		Store: complaint.NewMemoryStore(), Directory: dir, Policy: pol,
		Now:   func() time.Time { return now },
		NewID: func() complaint.ID { n++; return complaint.ID(fmt.Sprintf("R-%d", n)) },
	})
	if err != nil {
		panic(err)
	}
	return svc, &now
}

// A report passed on by 060606 is registered, routed to the competent
// office through the taxonomy, and answered; every deadline comes with its
// explanation.
func Example() {
	svc, now := exampleService()
	ctx := context.Background()
	desk := office.Actor{ID: "l.bianchi", Role: office.FrontOffice, Office: "ascolto"}
	csimu := office.Actor{ID: "g.verdi", Role: office.CompetentOffice, Office: "csimu"}

	v, err := svc.File(ctx, complaint.Act{By: desk}, complaint.Filed{
		Kind: complaint.Segnalazione, Channel: complaint.Escalation060606, Category: "buche",
		Escalation:  &complaint.Escalation{Ticket: "060606-48213", Opened: time.Date(2026, 10, 1, 16, 0, 0, 0, time.UTC)},
		Place:       complaint.Place{Address: "Via Appia Nuova 120", Municipio: 7},
		Person:      complaint.Person{FirstName: "Mario", LastName: "Rossi", Email: "mario.rossi@example.org"},
		Description: "Buca profonda davanti al civico 120",
		Summary:     "buca sulla carreggiata",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v.ID, v.State, v.State.Phase(), "- ticket", v.Escalation.Ticket)
	fmt.Println("scadenza:", v.Due().Italian())
	for _, st := range v.Deadlines[0].Explanation.Steps {
		if st.Action == deadline.ActionCount {
			fmt.Println(st.Text)
		}
	}

	v, _ = svc.Assign(ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{})
	fmt.Println("assegnata a", v.Office, "-", v.Routing[0].Reason)

	*now = now.AddDate(0, 0, 7)
	v, _ = svc.Answer(ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.Answer{Outcome: complaint.Scheduled, Text: "Gentile signor Rossi, ...", Summary: "intervento programmato"})
	p := v.Public()
	fmt.Println(p.State, p.Phase, p.Outcome.Italian(), "- in ritardo:", p.Late)
	// Output:
	// R-1 registrata Registrata - ticket 060606-48213
	// scadenza: 16/10/2026
	// risposta al cittadino: 15 giorni (regolamento o carta dei servizi dell'amministrazione, termine di risposta) dal 01/10/2026 → 16/10/2026
	// assegnata a csimu - categoria: Buche stradali
	// riscontrata Chiusa intervento programmato - in ritardo: false
}

// Reminders tell the desk what is about to expire or has expired.
func ExampleView_Reminders() {
	svc, _ := exampleService()
	desk := office.Actor{ID: "l.bianchi", Role: office.FrontOffice, Office: "ascolto"}
	v, _ := svc.File(context.Background(), complaint.Act{By: desk}, complaint.Filed{Kind: complaint.Reclamo, Channel: complaint.PEC, Description: "sportello chiuso senza preavviso"})
	for _, day := range []deadline.Date{deadline.MustDate(2026, 10, 30), deadline.MustDate(2026, 11, 4)} {
		for _, r := range v.Reminders(day, 3) {
			fmt.Println(day.Italian(), r.Text)
		}
	}
	// Output:
	// 30/10/2026 risposta al cittadino: scade tra 3 giorni (02/11/2026)
	// 04/11/2026 risposta al cittadino: scaduto da 2 giorni (02/11/2026)
}

// A second report of the same pothole is found by FindDuplicates and merged
// into the first: it then follows the first one's outcome.
func ExampleService_FindDuplicates() {
	svc, now := exampleService()
	ctx := context.Background()
	desk := office.Actor{ID: "l.bianchi", Role: office.FrontOffice, Office: "ascolto"}
	report := func(lat, lon float64) complaint.ID {
		v, _ := svc.File(ctx, complaint.Act{By: desk}, complaint.Filed{Kind: complaint.Segnalazione, Channel: complaint.Online, Category: "buche",
			Place: complaint.Place{Point: &complaint.Point{Lat: lat, Lon: lon}}, Description: "buca"})
		return v.ID
	}
	first := report(41.874110, 12.521120)
	*now = now.AddDate(0, 0, 1)
	second := report(41.874180, 12.521150)
	ms, _ := svc.DuplicatesOf(ctx, second)
	for _, m := range ms {
		fmt.Println(m.ID, m.Proximity, m.Reason)
	}
	v, _ := svc.Merge(ctx, complaint.Act{ID: second, By: desk}, complaint.Merger{Master: first, Note: ms[0].Reason})
	fmt.Println(v.ID, v.State, "->", v.MergedInto, v.Master.State)
	// Output:
	// R-1 punto stessa categoria, a 8 m
	// R-2 accorpata -> R-1 registrata
}
