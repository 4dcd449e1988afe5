package petition_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
)

func ExampleParseCodiceFiscale() {
	cf, err := petition.ParseCodiceFiscale("rssmra85t10a56nh") // omocodic, lower case
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cf, "sostituzioni:", cf.Substitutions())
	fmt.Println("senza omocodia:", cf.Normalized(), "- stesso codice:", cf.Equal(cf.Normalized()), "- stessa base:", cf.SameBase(cf.Normalized()))
	fmt.Println("nato il", cf.BirthDate(deadline.MustDate(2026, time.March, 2)).Italian(), "sesso", cf.Sex(), "luogo", cf.Place())

	_, err = petition.ParseCodiceFiscale("RSSMRA85T10A562X")
	var ce *petition.CodiceFiscaleError
	if errors.As(err, &ce) {
		fmt.Println(ce.Reason, "in posizione", ce.Position, "- atteso", ce.Want)
	}
	// Output:
	// RSSMRA85T10A56NH sostituzioni: 1
	// senza omocodia: RSSMRA85T10A562S - stesso codice: false - stessa base: true
	// nato il 10/12/1985 sesso M luogo A562
	// carattere di controllo errato in posizione 16 - atteso S
}

// An online petition to the Mayor: one citizen authenticated with SPID
// registers, signs and files it through the portal; the desk checks it and
// the Mayor's secretariat answers. The 60 days from 2 March end on 1 May, a
// holiday: the term moves to 2 May (art. 2963 c. 3 c.c.).
func Example() {
	ctx := context.Background()
	dir, _ := office.NewDirectory(
		office.Office{ID: "punto-ascolto", Name: "Ufficio Punto di Ascolto"},
		office.Office{ID: "segreteria-sindaco", Name: "Segreteria del Sindaco"},
	)
	policy := petition.Rome().WithBody(petition.Body{ID: petition.Sindaco, Name: "Sindaco di Roma Capitale", Secretariat: "segreteria-sindaco"})
	today := time.Date(2026, time.March, 2, 10, 0, 0, 0, time.UTC)
	svc, _ := petition.NewService(petition.Config{
		Store: petition.NewMemoryStore(), Directory: dir, Policy: policy,
		Now: func() time.Time { return today },
	})
	portal := office.Actor{ID: "portale", Role: office.External}
	desk := office.Actor{ID: "m.rossi", Role: office.FrontOffice, Office: "punto-ascolto"}
	mayor := office.Actor{ID: "l.verdi", Role: office.CompetentOffice, Office: "segreteria-sindaco"}
	citizen := petition.Person{FamilyName: "Bianchi", GivenName: "Laura", CodiceFiscale: "TINIT-BNCLRA90A41H501F"}

	p, _ := svc.Draft(ctx, portal, "PET-2026-1", petition.Registration{
		Kind: petition.Petizione, Addressee: petition.Sindaco, Channel: petition.Online,
		Subject: "Illuminazione del parco di quartiere", Matter: "lavori pubblici",
		Text: "Chiedo che...", Promoters: []petition.Person{citizen},
	})
	_, _ = svc.OpenCollection(ctx, portal, p.ID, deadline.Date{})
	_, _ = svc.Sign(ctx, portal, p.ID, petition.Signature{Signatory: citizen, Category: petition.Elettore,
		Evidence: "iscritta nelle liste elettorali di Roma", Method: petition.SPID})
	p, _ = svc.File(ctx, portal, p.ID, petition.Filing{})
	fmt.Println(p.State.Italian(), "il", p.Filed.Italian(), "- firme contate:", p.Counted)
	for _, r := range p.Reminders(deadline.DateOf(today), 7) {
		fmt.Println(r.Text)
	}

	_, _ = svc.DeclareAdmissible(ctx, desk, p.ID, "")
	today = today.AddDate(0, 0, 20)
	p, _ = svc.Answer(ctx, mayor, p.ID, petition.Answer{Outcome: petition.Accepted,
		Summary: "Intervento inserito nel piano di manutenzione 2026"})
	pub := p.Public(deadline.DateOf(today), 7)
	fmt.Println(pub.StateName, "-", pub.Outcome, "-", pub.AnswerSummary)
	fmt.Println(pub.Deadlines[0].Text)
	// Output:
	// depositata il 02/03/2026 - firme contate: 1
	// conclusione del procedimento di petizione: scade fra 61 giorni (02/05/2026)
	// conclusa con risposta - accolta - Intervento inserito nel piano di manutenzione 2026
	// conclusione del procedimento di petizione: adempiuto il 22/03/2026 (02/05/2026)
}

// Milan asks 1,000 signatures for a petition: another administration's rules
// are values, built from Rome's.
func ExamplePolicy_With() {
	rules, _ := petition.Rome().Rules(petition.Petizione)
	rules.Threshold = petition.Threshold{Signatures: 1000}
	milan := petition.Rome().With(rules)
	milan.Administration = "Comune di Milano"
	got, _ := milan.Rules(petition.Petizione)
	fmt.Println(milan.Administration, got.Name, got.Threshold.Signatures)
	fmt.Println(milan.Validate() == nil)
	// Output:
	// Comune di Milano petizione 1000
	// true
}

// Duplicates are found by the codice fiscale as issued: the same code again,
// whatever its case and spacing, is refused; an omocodic variant of a code
// already signed is another person (the Agenzia delle Entrate issues it to
// tell two people apart), whose signature counts and is listed, for the
// officers only, among the signatures to verify by hand.
func ExampleService_Sign() {
	ctx := context.Background()
	dir, _ := office.NewDirectory(office.Office{ID: "punto-ascolto", Name: "Ufficio Punto di Ascolto"})
	now := func() time.Time { return time.Date(2026, time.March, 2, 10, 0, 0, 0, time.UTC) }
	svc, _ := petition.NewService(petition.Config{Store: petition.NewMemoryStore(), Directory: dir, Now: now})
	desk := office.Actor{ID: "m.rossi", Role: office.FrontOffice, Office: "punto-ascolto"}
	p, _ := svc.Draft(ctx, desk, "", petition.Registration{Kind: petition.InterrogazionePopolare, Addressee: petition.Sindaco,
		Channel: petition.Counter, Subject: "Orari della biblioteca", Promoters: []petition.Person{{FamilyName: "Comitato"}}})
	_, _ = svc.OpenCollection(ctx, desk, p.ID, deadline.Date{})
	sign := func(code string) error {
		signed, err := svc.Sign(ctx, desk, p.ID, petition.Signature{
			Signatory: petition.Person{CodiceFiscale: code}, Category: petition.Elettore, Evidence: "sezione 12",
			Method: petition.Paper, Date: deadline.MustDate(2026, time.March, 2), Sheet: "1"})
		if err == nil {
			p = signed
		}
		return err
	}
	fmt.Println(sign("RSSMRA85T10A562S"))
	err := sign("rss mra 85t10 a562s")
	fmt.Println(errors.Is(err, petition.ErrDuplicate))
	fmt.Println(err)
	fmt.Println(sign("RSSMRA85T10A56NH"))
	fmt.Println("firme valide:", p.Signatures.Valid, "- da verificare:", p.ToVerifyCount(), p.ToVerify[0].Codes)
	// Output:
	// <nil>
	// true
	// petition: 1 of 1 signatures refused; signature 0: il firmatario ha già sottoscritto (firma del 02/03/2026) (una sola sottoscrizione per persona: la soglia conta firmatari distinti, identificati dal codice fiscale come rilasciato)
	// <nil>
	// firme valide: 2 - da verificare: 2 [RSSMRA85T10A562S RSSMRA85T10A56NH]
}
