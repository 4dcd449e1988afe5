// Command complaint runs a pothole report through the procedures of package
// complaint, on an in-memory store, Rome's calendar and a fixed clock, and
// prints its timeline and every deadline with its explanation in Italian:
//
//   - a citizen calls ChiamaRoma 060606 on Wednesday 30 September 2026;
//     the first level cannot solve it and passes it to the Punto di Ascolto
//     (second level), which registers it on Friday 2 October with the
//     060606 ticket; the answer term on potholes (15 days in the
//     administration's charter) runs from the call;
//   - the desk routes it to the competent office through the directory;
//     the office answers late, on 19 October;
//   - the citizen is not satisfied and asks to reopen it: a new term runs
//     from the request;
//   - a second report of the same pothole arrives online; the duplicate
//     search finds the first one 8 m away and the desk merges them;
//   - the office answers again, the desk closes the case, and the
//     duplicate shows its master's outcome.
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"strings"
	"time"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/complaint/open311"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
)

func main() {
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}

var (
	desk    = office.Actor{ID: "f.bianchi", Role: office.FrontOffice, Office: "pda"}
	roads   = office.Actor{ID: "g.verdi", Role: office.CompetentOffice, Office: "csimu"}
	chiama  = office.Actor{ID: "chiamaroma-060606", Role: office.External}
	sus     = office.Actor{ID: "sus-online", Role: office.External}
	rome    = time.FixedZone("CEST", 2*3600)
	romeCET = time.FixedZone("CET", 3600)
)

// local returns t on Rome's clock in 2026 (CET from 01:00 UTC on 25
// October).
func local(t time.Time) time.Time {
	if t.Before(time.Date(2026, time.October, 25, 1, 0, 0, 0, time.UTC)) {
		return t.In(rome)
	}
	return t.In(romeCET)
}

func yesNo(b bool) string {
	if b {
		return "sì"
	}
	return "no"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// at returns hh:mm in Rome on the given day of 2026 (CEST until 24
// October, CET from the 25th), without needing a zone database.
func at(m time.Month, d, hh, mm int) time.Time {
	z := rome
	if m > time.October || m == time.October && d >= 25 {
		z = romeCET
	}
	return time.Date(2026, m, d, hh, mm, 0, 0, z)
}

func setup(now *time.Time) (*complaint.Service, error) {
	dir, err := office.NewDirectory(
		office.Office{ID: "pda", Name: "Ufficio Punto di Ascolto - Gabinetto del Sindaco"},
		office.Office{ID: "csimu", Name: "Dipartimento CSIMU - Manutenzione stradale", Matters: []string{"strade"}, Keywords: []string{"buca", "buche", "asfalto"}},
		office.Office{ID: "mobilita", Name: "Dipartimento Mobilità Sostenibile e Trasporti", Matters: []string{"mobilità"}, Keywords: []string{"semaforo", "ZTL"}},
		office.Office{ID: "ama", Name: "AMA S.p.A.", Matters: []string{"rifiuti"}, External: true},
	)
	if err != nil {
		return nil, err
	}
	potholes := complaint.AnswerTerm(15)
	potholes.Name = "risposta sulle buche stradali"
	tax, err := complaint.NewTaxonomy(
		complaint.Category{Code: "strade", Label: "Strade e marciapiedi", Office: "csimu", Matter: "strade"},
		complaint.Category{Code: "buche", Label: "Buche e dissesti stradali", Parent: "strade", Term: &potholes},
		complaint.Category{Code: "rifiuti", Label: "Rifiuti e decoro", Office: "ama"},
	)
	if err != nil {
		return nil, err
	}
	pol := complaint.DefaultPolicy()
	pol.Taxonomy = tax
	ids := map[string]int{}
	return complaint.NewService(complaint.Config{
		Store: complaint.NewMemoryStore(), Directory: dir, Calendar: deadline.Rome(), Policy: pol,
		Now: func() time.Time { return *now },
		NewID: func() complaint.ID {
			ids["SEG"]++
			return complaint.ID(fmt.Sprintf("SEG-2026-%05d", 48200+ids["SEG"]))
		},
	})
}

func run(w io.Writer) error {
	now := at(time.October, 2, 9, 30)
	svc, err := setup(&now)
	if err != nil {
		return err
	}
	ctx := context.Background()
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	step := func(when time.Time, what string) {
		now = when
		p("\n== %s, %s", deadline.DateOf(when).Italian(), what)
	}

	step(at(time.October, 2, 9, 30), "lo 060606 trasferisce la segnalazione al Punto di Ascolto")
	v, err := svc.File(ctx, complaint.Act{By: desk}, complaint.Filed{
		Kind: complaint.Reclamo, Channel: complaint.Escalation060606, Category: "buche",
		Escalation: &complaint.Escalation{Ticket: "060606-2026-0048213", Opened: at(time.September, 30, 18, 40),
			Notes: "il cittadino chiede di essere richiamato"},
		Place:       complaint.Place{Address: "Via Appia Nuova 120", ZIP: "00183", Municipio: 7, Point: &complaint.Point{Lat: 41.874110, Lon: 12.521120}},
		Person:      complaint.Person{FirstName: "Mario", LastName: "Rossi", Phone: "+39 333 0000000", Email: "mario.rossi@example.org"},
		Description: "Buca profonda davanti al civico 120: ci sono caduto in motorino.",
		Summary:     "buca profonda sulla carreggiata",
	})
	if err != nil {
		return err
	}
	id := v.ID
	p("registrata %s (%s), ticket 060606 %s, contatto del %s", id, v.State.Phase(), v.Escalation.Ticket, deadline.DateOf(v.Escalation.Opened).Italian())
	deadlines(w, v)

	sg, err := svc.SuggestOffices(ctx, id)
	if err != nil {
		return err
	}
	p("uffici suggeriti:")
	for _, s := range sg {
		p("  %s (%d): %s", s.Office.Name, s.Score, strings.Join(s.Reasons, "; "))
	}
	if v, err = svc.Assign(ctx, complaint.Act{ID: id, By: desk}, complaint.Assignment{To: sg[0].Office.ID, Reason: "proposta della directory"}); err != nil {
		return err
	}
	p("assegnata a %s", v.Office)

	step(at(time.October, 5, 11, 0), "l'ufficio prende in carico")
	if v, err = svc.Start(ctx, complaint.Act{ID: id, By: roads}, complaint.WorkStart{}); err != nil {
		return err
	}
	p("stato: %s (%s)", v.State.Italian(), v.State.Phase())

	for _, day := range []deadline.Date{deadline.MustDate(2026, 10, 12), deadline.MustDate(2026, 10, 15), deadline.MustDate(2026, 10, 17)} {
		for _, r := range v.Reminders(day, 3) {
			p("promemoria del %s: %s", day.Italian(), r.Text)
		}
	}

	step(at(time.October, 19, 16, 0), "risposta, in ritardo")
	if v, err = svc.Answer(ctx, complaint.Act{ID: id, By: roads}, complaint.Answer{Outcome: complaint.Founded,
		Text:    "Gentile signor Rossi, l'intervento è programmato entro il 31 ottobre.",
		Summary: "intervento di ripristino programmato entro il 31/10"}); err != nil {
		return err
	}
	a, _ := v.LastAnswer()
	p("esito: %s; dovuta entro il %s; in ritardo: %s (%s)", a.Outcome.Italian(), a.Due.Italian(), yesNo(a.Late),
		v.Deadlines[0].Status(deadline.DateOf(a.At), 3).State.Italian())

	step(at(time.October, 26, 10, 15), "il cittadino non è soddisfatto e chiede la riapertura allo 060606")
	if v, err = svc.Reopen(ctx, complaint.Act{ID: id, By: chiama, On: deadline.DateOf(at(time.October, 26, 9, 50))}, complaint.Reopening{Reason: "la buca è ancora lì"}); err != nil {
		return err
	}
	p("stato: %s", v.State.Italian())
	deadlines(w, v)

	step(at(time.October, 28, 8, 5), "una seconda segnalazione della stessa buca arriva dal SUS")
	dup, err := svc.File(ctx, complaint.Act{By: sus}, complaint.Filed{
		Kind: complaint.Segnalazione, Channel: complaint.Online, Category: "buche",
		Place:       complaint.Place{Address: "Via Appia Nuova 122", Municipio: 7, Point: &complaint.Point{Lat: 41.874110, Lon: 12.521220}},
		Person:      complaint.Person{Email: "anna.bianchi@example.org"},
		Description: "Buca pericolosa vicino alla fermata dell'autobus",
	})
	if err != nil {
		return err
	}
	ms, err := svc.DuplicatesOf(ctx, dup.ID)
	if err != nil {
		return err
	}
	for _, m := range ms {
		p("possibile duplicato di %s: %s (%s)", m.ID, m.Reason, m.Proximity)
	}
	if dup, err = svc.Merge(ctx, complaint.Act{ID: dup.ID, By: desk}, complaint.Merger{Master: ms[0].ID, Note: ms[0].Reason}); err != nil {
		return err
	}
	p("%s accorpata a %s, che è %s", dup.ID, dup.MergedInto, dup.Master.State.Italian())
	dups, err := svc.Duplicates(ctx, id)
	if err != nil {
		return err
	}
	p("duplicati di %s: %v", id, dups)

	step(at(time.November, 3, 12, 0), "nuova risposta dopo la riapertura")
	if v, err = svc.Answer(ctx, complaint.Act{ID: id, By: roads}, complaint.Answer{Outcome: complaint.Founded,
		Text: "Gentile signor Rossi, la buca è stata chiusa il 2 novembre.", Summary: "buca chiusa il 02/11"}); err != nil {
		return err
	}
	a, _ = v.LastAnswer()
	p("esito: %s; dovuta entro il %s; in ritardo: %s", a.Outcome.Italian(), a.Due.Italian(), yesNo(a.Late))

	step(at(time.November, 4, 9, 0), "chiusura")
	if v, err = svc.Close(ctx, complaint.Act{ID: id, By: desk}, complaint.Closure{}); err != nil {
		return err
	}

	p("\n== Cronologia di %s", id)
	for _, e := range v.History {
		p("%s  %s — %s", local(e.At).Format("02/01 15:04"), e.Text, e.Actor)
		p("             base: %s", e.Basis)
	}
	p("\n== Termini di %s", id)
	deadlines(w, v)

	dupView, err := svc.Get(ctx, dup.ID)
	if err != nil {
		return err
	}
	p("\n== Registro pubblico (senza dati personali)")
	for _, x := range []complaint.View{v, dupView} {
		pub := x.Public()
		p("%s  %s, %s, %s, ricevuta %s, stato %s (%s), esito %s, risposta del %s, chiusa il %s, in ritardo: %s, riaperture: %d, accorpata a: %s",
			pub.ID, pub.Kind.Italian(), pub.CategoryLabel, pub.Municipio.Italian(), pub.Received.Italian(), pub.State.Italian(), pub.Phase,
			pub.Outcome.Italian(), pub.Answered.Italian(), pub.Closed.Italian(), yesNo(pub.Late), pub.Reopenings, orDash(string(pub.MergedInto)))
	}
	p("\n== Open311 (GET requests)")
	var srs []open311.Request
	for _, x := range []complaint.View{v, dupView} {
		srs = append(srs, open311.For(svc).Request(x))
	}
	if err := open311.EncodeRequestsJSON(w, srs); err != nil {
		return err
	}
	if err := svc.Verify(ctx, id); err != nil {
		return err
	}
	p("\nstoria di %s verificata: %d registrazioni, catena intatta", id, v.Version)
	return nil
}

// deadlines prints each answer term with its explanation, indented.
func deadlines(w io.Writer, v complaint.View) {
	for _, d := range v.Deadlines {
		met := "in corso"
		if !d.Met.IsZero() {
			met = "adempiuto il " + d.Met.Italian()
		}
		fmt.Fprintf(w, "termine «%s»: %s (%s)\n", d.Name, d.Due.Italian(), met)
		for _, line := range strings.Split(d.Explanation.String(), "\n") {
			fmt.Fprintf(w, "    %s\n", line)
		}
	}
}
