// Command access runs two access requests through the procedures of package
// access, on an in-memory store, the calendar of Rome and a fixed clock, and
// prints each one's timeline and every deadline with its explanation in
// Italian:
//
//   - a FOIA request (accesso civico generalizzato) with two
//     counter-interested parties, one opposing, accepted despite the
//     opposition, reviewed at the opposing party's request, and released
//     from the first day the law allows;
//   - a documentale request with an irregularity notice, corrected, left
//     without an answer (silenzio-rigetto) and taken to the TAR, whose term
//     is shown with and without the August suspension.
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"strings"
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
)

func main() {
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}

var (
	desk     = office.Actor{ID: "f.bianchi", Role: office.FrontOffice, Office: "pda"}
	mobility = office.Actor{ID: "m.rossi", Role: office.CompetentOffice, Office: "mobilita"}
	rpct     = office.Actor{ID: "l.gialli", Role: office.RPCT, Office: "segretariato"}
	outside  = office.Actor{ID: "protocollo-pec", Role: office.External}
)

// desktop is the office's workstation: the clock, the service and its store.
type desktop struct {
	ctx  context.Context
	now  time.Time
	svc  *access.Service
	st   access.Store
	dir  *office.Directory
	err  error
	last *access.Request
}

// on moves the clock to 10:00 in Rome on the given day.
func (d *desktop) on(y int, m time.Month, day int) *desktop {
	d.now = time.Date(y, m, day, 9, 0, 0, 0, time.UTC)
	return d
}

// do records an act unless an earlier one failed.
func (d *desktop) do(f func() (*access.Request, error)) {
	if d.err != nil {
		return
	}
	d.last, d.err = f()
}

func run(w io.Writer) error {
	dir, err := office.NewDirectory(
		office.Office{ID: "pda", Name: "Ufficio Punto di Ascolto"},
		office.Office{ID: "mobilita", Name: "Dipartimento Mobilità Sostenibile e Trasporti", Matters: []string{"mobilità"}, Keywords: []string{"ZTL", "varchi"}},
		office.Office{ID: "urbanistica", Name: "Dipartimento Programmazione e Attuazione Urbanistica", Matters: []string{"urbanistica", "edilizia"}},
		office.Office{ID: "polizia-locale", Name: "Polizia Locale di Roma Capitale", Matters: []string{"sanzioni"}},
		office.Office{ID: "segretariato", Name: "Segretariato Generale"},
	)
	if err != nil {
		return err
	}
	d := &desktop{ctx: context.Background(), st: access.NewMemoryStore(), dir: dir}
	d.svc, err = access.NewService(access.Config{
		Store: d.st, Calendar: deadline.Rome(), Directory: dir,
		Policy: access.Policy{Administration: "Roma Capitale"},
		Now:    func() time.Time { return d.now },
	})
	if err != nil {
		return err
	}
	foia, err := d.foia()
	if err != nil {
		return fmt.Errorf("FOIA: %w", err)
	}
	doc, err := d.documentale()
	if err != nil {
		return fmt.Errorf("documentale: %w", err)
	}
	for i, id := range []access.ID{foia, doc} {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if err := d.print(w, id); err != nil {
			return err
		}
	}
	return nil
}

func (d *desktop) foia() (access.ID, error) {
	s, ctx := d.svc, d.ctx
	d.on(2026, time.March, 2)
	r, err := s.File(ctx, access.Act{ID: "foia-2026-0001", By: desk}, access.Filing{
		Kind: access.Generalizzato, Channel: access.ChannelPEC, Identification: "PEC",
		Protocol: access.Protocol{Number: "RA/2026/0012345"},
		Applicant: access.Person{Name: "Anna", Surname: "Esposito", FiscalCode: "SPSNNA80A41H501X", Residence: "via Appia Nuova 1, 00179 Roma",
			PEC: "anna.esposito@pec.example.org"},
		Subject: "Verbali dei varchi ZTL di via del Corso, gennaio 2026", Requested: "registri di transito e verbali", Matter: "mobilità",
	})
	if err != nil {
		return "", err
	}
	id := r.ID
	act := func(by office.Actor) access.Act { return access.Act{ID: id, By: by} }
	d.on(2026, time.March, 3).do(func() (*access.Request, error) {
		return s.Assign(ctx, act(desk), access.Assignment{Office: s.Suggest(r)[0].Office.ID, Note: "competenza per materia"})
	})
	d.do(func() (*access.Request, error) {
		return s.NotifyStart(ctx, act(desk), access.StartNotice{Responsible: "dirigente U.O. Varchi", Addressees: []string{"richiedente", "ufficio competente"}})
	})
	d.do(func() (*access.Request, error) {
		return s.SetPublicSubject(ctx, act(desk), access.PublicSubject{Text: "Registri di transito dei varchi ZTL, gennaio 2026"})
	})
	d.on(2026, time.March, 4).do(func() (*access.Request, error) {
		return s.RequestDocuments(ctx, act(desk), access.DocumentRequest{Requests: []access.InternalRequest{{Office: "polizia-locale", Documents: "verbali elevati ai varchi"}}})
	})
	d.on(2026, time.March, 10).do(func() (*access.Request, error) {
		return s.NotifyCounterInterested(ctx, act(desk), access.Notification{Means: "PEC", Parties: []access.Person{
			{Name: "Mario", Surname: "Neri", PEC: "mario.neri@pec.example.org"},
			{Name: "Trasporti Beta S.r.l.", FiscalCode: "09876543210", PEC: "beta@pec.example.org"},
		}})
	})
	d.on(2026, time.March, 12).do(func() (*access.Request, error) {
		return s.RecordNoticeReceipt(ctx, act(outside), access.PartyAct{Party: 1})
	})
	d.on(2026, time.March, 16).do(func() (*access.Request, error) {
		return s.RecordNoticeReceipt(ctx, act(outside), access.PartyAct{Party: 2})
	})
	d.on(2026, time.March, 18).do(func() (*access.Request, error) {
		return s.RecordDocuments(ctx, act(desk), access.DocumentAnswer{Request: 1, Note: "verbali trasmessi"})
	})
	d.on(2026, time.March, 20).do(func() (*access.Request, error) {
		return s.RecordOpposition(ctx, act(outside), access.PartyAct{Party: 1, Note: "i registri rivelano i miei spostamenti"})
	})
	d.on(2026, time.March, 30).do(func() (*access.Request, error) {
		return s.Decide(ctx, act(mobility), access.Ruling{Outcome: access.Accepted,
			Reasons: "Le targhe sono oscurate; l'opposizione non indica un pregiudizio concreto (art. 5-bis c. 2 lett. a).",
			Summary: "accolta con targhe oscurate: nessun pregiudizio concreto alla protezione dei dati"})
	})
	d.on(2026, time.April, 1).do(func() (*access.Request, error) {
		return s.RecordAcceptanceReceipt(ctx, act(outside), access.PartyAct{Party: 1})
	})
	d.on(2026, time.April, 2).do(func() (*access.Request, error) {
		return s.FileReview(ctx, act(outside), access.RemedyRequest{Party: 1, Note: "riesame del controinteressato contro l'accoglimento"})
	})
	d.on(2026, time.April, 15).do(func() (*access.Request, error) {
		return s.DecideReview(ctx, act(rpct), access.ReviewRuling{Outcome: access.Refused,
			Reasons: "Dati pseudonimizzati, nessun pregiudizio concreto.", Summary: "riesame del controinteressato respinto: accoglimento confermato"})
	})
	d.on(2026, time.April, 16).do(func() (*access.Request, error) {
		_, err := s.Release(ctx, act(mobility), access.Release{Documents: "registri di transito", Medium: access.MediumElectronic})
		if err == nil {
			return nil, fmt.Errorf("released before the dilatory term")
		}
		return d.last, nil
	})
	d.on(2026, time.April, 17).do(func() (*access.Request, error) {
		return s.Release(ctx, act(mobility), access.Release{Documents: "registri di transito", Medium: access.MediumElectronic})
	})
	d.on(2026, time.April, 20).do(func() (*access.Request, error) {
		return s.Close(ctx, act(desk), access.Note{Text: "procedimento concluso"})
	})
	return id, d.err
}

func (d *desktop) documentale() (access.ID, error) {
	s, ctx := d.svc, d.ctx
	d.on(2026, time.June, 15)
	r, err := s.File(ctx, access.Act{ID: "doc-2026-0042", By: desk}, access.Filing{
		Kind: access.Documentale, Channel: access.ChannelEmail,
		Protocol:  access.Protocol{Number: "RA/2026/0054321"},
		Applicant: access.Person{Name: "Bruno", Surname: "Ferri", Email: "bruno.ferri@example.org", Residence: "via Tuscolana 200, 00181 Roma"},
		Subject:   "Titolo edilizio del fabbricato confinante", Requested: "permesso di costruire e allegati progettuali",
		Reasons: "tutela del diritto di proprietà sul fondo confinante", Matter: "edilizia",
	})
	if err != nil {
		return "", err
	}
	id := r.ID
	act := func(by office.Actor) access.Act { return access.Act{ID: id, By: by} }
	d.on(2026, time.June, 16).do(func() (*access.Request, error) {
		return s.Assign(ctx, act(desk), access.Assignment{Office: "urbanistica"})
	})
	d.on(2026, time.June, 17).do(func() (*access.Request, error) {
		return s.NotifyIrregularity(ctx, act(desk), access.Irregularity{Missing: r.Intake.Missing, Note: "inviare copia del documento di identità"})
	})
	d.on(2026, time.June, 22).do(func() (*access.Request, error) {
		return s.Correct(ctx, act(outside), access.Correction{Identification: "documento di identità"})
	})
	d.on(2026, time.June, 23).do(func() (*access.Request, error) {
		return s.NotifyStart(ctx, act(desk), access.StartNotice{Responsible: "funzionario U.O. Permessi di costruire"})
	})
	d.do(func() (*access.Request, error) {
		return s.SetPublicSubject(ctx, act(desk), access.PublicSubject{Text: "Titolo edilizio di un fabbricato"})
	})
	d.on(2026, time.August, 18).do(func() (*access.Request, error) {
		return s.FileAppeal(ctx, act(outside), access.RemedyRequest{Court: "TAR Lazio", Note: "ricorso avverso il silenzio-rigetto"})
	})
	return id, d.err
}

// print writes a request's timeline and deadlines.
func (d *desktop) print(w io.Writer, id access.ID) error {
	st, err := d.st.Load(d.ctx, id, 0)
	if err != nil {
		return err
	}
	r, err := access.ReplayStream(st, d.svc.Calendar(), d.svc.Policy())
	if err != nil {
		return err
	}
	name := r.Office
	if o, err := d.dir.Office(r.Office); err == nil {
		name = office.ID(o.Name)
	}
	fmt.Fprintf(w, "== %s, %s (protocollo n. %s del %s)\n", strings.ToUpper(r.Kind.Italian()[:1])+r.Kind.Italian()[1:], r.ID, r.Protocol.Number, r.Protocol.Date.Italian())
	fmt.Fprintf(w, "Oggetto pubblicabile: %s\nUfficio competente: %s\nStato: %s\n", r.PublicSubject, name, r.State.Italian())
	if r.Decision != nil {
		fmt.Fprintf(w, "Esito: %s del %s\n", r.Decision.Outcome.Italian(), r.Decision.Date.Italian())
	}
	fmt.Fprintln(w, "\nCronologia:")
	table := access.Lifecycle(r.Kind)
	for _, rec := range st.Records {
		label := string(rec.Event.Type)
		if row, ok := table.Row(rec.Event.Type); ok {
			label = row.Label
		}
		fmt.Fprintf(w, "  %s  %s — %s — %s\n", rec.On.Italian(), label, rec.Actor, rec.Basis)
	}
	fmt.Fprintln(w, "\nScadenze:")
	for _, dl := range r.Deadlines {
		status := dl.Status(deadline.DateOf(d.now), 7).State.Italian()
		if !dl.Met.IsZero() {
			status = "adempiuto il " + dl.Met.Italian()
			if dl.Met.After(dl.Due) {
				status = "adempiuto in ritardo il " + dl.Met.Italian()
			}
		}
		fmt.Fprintf(w, "  - %s: %s (%s, a carico di: %s)\n", dl.Name, dl.Due.Italian(), status, access.KindOf(dl).Holder())
		for _, step := range dl.Explanation.Steps {
			fmt.Fprintf(w, "      %s\n", step.Text)
		}
	}
	return nil
}
