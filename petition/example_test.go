package petition_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
)

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
		Store: petition.NewMemoryStore(), Directory: dir, Calendar: deadline.Rome(), Policy: policy,
		Now: func() time.Time { return today },
	})
	portal := office.Actor{ID: "portale", Role: office.External}
	desk := office.Actor{ID: "m.rossi", Role: office.FrontOffice, Office: "punto-ascolto"}
	mayor := office.Actor{ID: "l.verdi", Role: office.CompetentOffice, Office: "segreteria-sindaco"}
	citizen := petition.Person{FamilyName: "Bianchi", GivenName: "Laura", CodiceFiscale: "TINIT-BNCLRA90A41H501F"}

	p, _ := svc.Draft(ctx, petition.Act{ID: "PET-2026-1", By: portal}, petition.Registration{
		Kind: petition.Petizione, Addressee: petition.Sindaco, Channel: petition.Online,
		Subject: "Illuminazione del parco di quartiere", Matter: "lavori pubblici",
		Text: "Chiedo che...", Promoters: []petition.Person{citizen},
	})
	_, _ = svc.OpenCollection(ctx, petition.Act{ID: p.ID, By: portal}, petition.Collection{})
	_, _ = svc.Sign(ctx, petition.Act{ID: p.ID, By: portal}, petition.Batch{Signatures: []petition.Signature{{Signatory: citizen, Category: petition.Elettore,
		Evidence: "iscritta nelle liste elettorali di Roma", Method: petition.SPID}}})
	p, _ = svc.File(ctx, petition.Act{ID: p.ID, By: portal}, petition.Filing{})
	fmt.Println(p.State.Italian(), "il", p.Filed.Italian(), "- firme contate:", p.Counted)
	for _, r := range p.Reminders(deadline.DateOf(today), 7) {
		fmt.Println(r.Text)
	}

	_, _ = svc.DeclareAdmissible(ctx, petition.Act{ID: p.ID, By: desk}, petition.Admission{})
	today = today.AddDate(0, 0, 20)
	p, _ = svc.Answer(ctx, petition.Act{ID: p.ID, By: mayor}, petition.Answer{Outcome: petition.Accepted,
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

// Another administration's rules are values with their own sources. Milan
// asks 1,000 signatures for a petition and answers within 45 days (Statuto
// del Comune di Milano art. 9 c. 2, read through secondary sources: the
// article of Milan's Regolamento per l'attuazione dei diritti di
// partecipazione popolare is not verified, so every citation is Secondary
// with a note). The policy is built from scratch, so that no value carries
// a citation of Rome; With adds Milan's popular interrogazione (500
// signatures, same article).
func ExamplePolicy_With() {
	statuto := law.Cite("Statuto Comune di Milano", "9", "2").As(law.Secondary).
		WithNote("testo su comuni-italiani.it; partecipazione.comune.milano.it, Petizioni: almeno mille firme, risposta scritta e motivata; " +
			"procedure nel Regolamento per l'attuazione dei diritti di partecipazione popolare, Del. CC 10/2016 mod. Del. CC 73/2021, articolo non verificato")
	regolamento := law.Citation{Act: "Regolamento per l'attuazione dei diritti di partecipazione popolare (Comune di Milano)", Confidence: law.Secondary,
		Note: "partecipazione.comune.milano.it, Petizioni: residenti e city user dai 16 anni; articolo non verificato"}
	online := law.Citation{Confidence: law.Secondary, Note: "partecipazione.comune.milano.it: raccolta firme online con SPID dal giugno 2021"}
	days := func(name string, n int) deadline.Term {
		return deadline.Term{Name: name, Length: n, Unit: deadline.Days, Kind: deadline.Administrative, Source: statuto}
	}
	milan := petition.Policy{
		Administration: "Comune di Milano",
		Kinds: []petition.KindRules{{
			Kind: petition.Petizione, Name: "petizione", Source: statuto,
			Addressees: []petition.Addressee{petition.Sindaco},
			Threshold:  petition.Threshold{Signatures: 1000, Source: statuto},
			Online:     petition.OnlineAny, OnlineSource: online,
			Answer: days("risposta scritta e motivata", 45),
		}},
		Bodies: []petition.Body{{ID: petition.Sindaco, Name: "Sindaco di Milano"}},
		Categories: []petition.Category{
			{ID: "residente", Name: "residente nel Comune di Milano", MinAge: 16, Source: regolamento},
			{ID: "city-user", Name: "non residente con un rapporto continuativo con Milano per studio, lavoro o domicilio", MinAge: 16,
				Evidence: "dichiarazione sostitutiva (art. 47 DPR 445/2000) sul rapporto con il territorio", Source: regolamento},
		},
		ReplyTerm: deadline.Term{Name: "riscontro dell'ufficio competente", Length: 15, Unit: deadline.Days, Kind: deadline.Administrative,
			Source: law.Citation{Note: "termine interno per il riscontro degli uffici, scelta organizzativa", Confidence: law.Policy}},
		DueSoon: 7,
	}
	milan = milan.With(petition.KindRules{
		Kind: petition.InterrogazionePopolare, Name: "interrogazione popolare", Source: statuto,
		Addressees: []petition.Addressee{petition.Sindaco},
		Threshold:  petition.Threshold{Signatures: 500, Source: statuto},
		Online:     petition.OnlineAny, OnlineSource: online,
		Answer: days("risposta scritta e motivata", 45),
	})
	fmt.Println(milan.Validate() == nil)
	for _, k := range milan.Kinds {
		fmt.Printf("%s: %d firme (%s, %s) - risposta in %d giorni\n", k.Name, k.Threshold.Signatures, k.Threshold.Source.Act, k.Threshold.Source.Confidence, k.Answer.Length)
	}
	// Output:
	// true
	// petizione: 1000 firme (Statuto Comune di Milano, S) - risposta in 45 giorni
	// interrogazione popolare: 500 firme (Statuto Comune di Milano, S) - risposta in 45 giorni
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
	svc, _ := petition.NewService(petition.Config{Store: petition.NewMemoryStore(), Directory: dir, Calendar: deadline.Rome(), Now: now})
	desk := office.Actor{ID: "m.rossi", Role: office.FrontOffice, Office: "punto-ascolto"}
	p, _ := svc.Draft(ctx, petition.Act{By: desk}, petition.Registration{Kind: petition.InterrogazionePopolare, Addressee: petition.Sindaco,
		Channel: petition.Counter, Subject: "Orari della biblioteca", Promoters: []petition.Person{{FamilyName: "Comitato"}}})
	_, _ = svc.OpenCollection(ctx, petition.Act{ID: p.ID, By: desk}, petition.Collection{})
	sign := func(code string) error {
		signed, err := svc.Sign(ctx, petition.Act{ID: p.ID, By: desk}, petition.Batch{Signatures: []petition.Signature{{
			Signatory: petition.Person{CodiceFiscale: code}, Category: petition.Elettore, Evidence: "sezione 12",
			Method: petition.Paper, Date: deadline.MustDate(2026, time.March, 2), Sheet: "1"}}})
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
