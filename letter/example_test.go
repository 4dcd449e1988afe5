package letter_test

import (
	"context"
	"fmt"
	"testing/fstest"
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/letter"
	"github.com/puntodiascolto/ascolto/office"
)

// fileFOIA files a FOIA request on 2 March 2026 and returns the Request
// the Service computed for its history.
func fileFOIA() *access.Request {
	now := time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
	svc, _ := access.NewService(access.Config{Store: access.NewMemoryStore(), Calendar: deadline.Rome(),
		Policy: access.Policy{Administration: "Roma Capitale"}, Now: func() time.Time { return now }})
	r, err := svc.File(context.Background(), access.Act{ID: "foia-1", By: office.Actor{ID: "desk", Role: office.FrontOffice, Office: "pda"}},
		access.Filing{Kind: access.Generalizzato, Channel: access.ChannelPEC, Identification: "PEC",
			Protocol:  access.Protocol{Number: "RA/2026/0012345"},
			Applicant: access.Person{Name: "Anna", Surname: "Esposito", PEC: "anna.esposito@pec.example.org"},
			Subject:   "Registri dei varchi ZTL, gennaio 2026"})
	if err != nil {
		panic(err)
	}
	return r
}

// The receipt of a FOIA request: the subject line, and the dates it
// promises, each the due date of a deadline the Service computed.
func ExampleWriter_Receipt() {
	r := fileFOIA()
	w, err := letter.New(letter.Options{Administration: "Roma Capitale", Office: "Ufficio Punto di Ascolto", Contact: "ld.accesso.gabinetto@comune.roma.it"})
	if err != nil {
		panic(err)
	}
	l, err := w.Receipt(r)
	if err != nil {
		panic(err)
	}
	fmt.Println(l.Subject)
	fmt.Println("to:", l.To, "-", l.Addressee)
	for _, p := range l.Dates {
		fmt.Printf("%s: %s\n", p.Code, p.Due.Italian())
	}
	// Output:
	// Ricevuta della richiesta di accesso civico generalizzato – prot. n. RA/2026/0012345
	// to: richiedente - Anna Esposito
	// decision: 01/04/2026
	// no-answer: 01/04/2026
	// review-filing: 01/05/2026
	// ombudsman-filing: 02/05/2026
	// appeal: 04/05/2026
}

// An administration rewrites the receipt without forking: a file with the
// shipped name (it/ricevuta.tmpl) in an fs.FS. New refuses an override
// that leaves out a content the law requires (Mandatory lists them).
func ExampleNew_override() {
	ours := fstest.MapFS{"it/ricevuta.tmpl": {Data: []byte(`{{define "subject"}}Prot. {{.V.protocol}}: ricevuta{{end}}
{{define "body"}}Ricevuta il {{date .V.received}} dall'ufficio {{.V.office}} ({{.V.responsible}}); risposta entro il {{date .V.due}}.
{{range .V.remedies}}- {{.What}}
{{end}}{{end}}`)}}
	w, err := letter.New(letter.Options{Templates: ours})
	if err != nil {
		panic(err)
	}
	l, _ := w.Receipt(fileFOIA())
	fmt.Println(l.Subject)

	_, err = letter.New(letter.Options{Templates: fstest.MapFS{"it/ricevuta.tmpl": {Data: []byte(`{{define "subject"}}x{{end}}{{define "body"}}{{.V.protocol}}{{end}}`)}}})
	fmt.Println(err)
	fmt.Println(letter.Mandatory(letter.Receipt))
	// Output:
	// Prot. RA/2026/0012345: ricevuta
	// letter: template it/ricevuta.tmpl (ricevuta, it) does not print the mandatory fields received, office, responsible, due, remedies
	// [protocol received office responsible due remedies]
}
