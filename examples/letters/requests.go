package main

import (
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/letter"
	"github.com/puntodiascolto/ascolto/office"
)

// party returns a writer of the letter to counter-interested party n.
func party(n int, write func(*access.Request, int) (letter.Letter, error)) func(*access.Request) (letter.Letter, error) {
	return func(r *access.Request) (letter.Letter, error) { return write(r, n) }
}

// foia runs the FOIA request with a counter-interested party who opposes.
func (d *desktop) foia() {
	s, ctx, w := d.svc, d.ctx, d.w
	act := func(by office.Actor) access.Act { return access.Act{ID: "foia-2026-0001", By: by} }
	d.on(time.March, 2).act("filing", func() (*access.Request, error) {
		return s.File(ctx, act(desk), access.Filing{Kind: access.Generalizzato, Channel: access.ChannelPEC, Identification: "PEC",
			Protocol:  access.Protocol{Number: "RA/2026/0012345"},
			Applicant: access.Person{Name: "Anna", Surname: "Esposito", FiscalCode: "SPSNNA80A41H501X", PEC: "anna.esposito@pec.example.org"},
			Subject:   "Registri di transito dei varchi ZTL di via del Corso, gennaio 2026", Matter: "mobilità"})
	}, w.Receipt)
	d.on(time.March, 3).act("assignment", func() (*access.Request, error) {
		return s.Assign(ctx, act(desk), access.Assignment{Office: "mobilita"})
	})
	d.act("public subject", func() (*access.Request, error) {
		return s.SetPublicSubject(ctx, act(desk), access.PublicSubject{Text: "Registri di transito dei varchi ZTL, gennaio 2026"})
	})
	d.act("start notice", func() (*access.Request, error) {
		return s.NotifyStart(ctx, act(desk), access.StartNotice{Addressees: []string{"richiedente", "ufficio competente"}})
	}, w.StartNotice, w.OfficeStart)
	d.on(time.March, 4).act("internal request", func() (*access.Request, error) {
		return s.RequestDocuments(ctx, act(desk), access.DocumentRequest{Requests: []access.InternalRequest{{Office: "polizia-locale", Documents: "registri di transito dei varchi di via del Corso, gennaio 2026, con le targhe oscurate"}}})
	}, party(1, w.DocumentRequest))
	d.on(time.March, 10).act("counter-interested party", func() (*access.Request, error) {
		return s.NotifyCounterInterested(ctx, act(desk), access.Notification{Means: "PEC", Parties: []access.Person{
			{Name: "Mario", Surname: "Neri", FiscalCode: "NREMRA75C12H501K", PEC: "mario.neri@pec.example.org"}}})
	}, party(1, w.PartyNotice))
	d.on(time.March, 12).act("notice received", func() (*access.Request, error) {
		return s.RecordNoticeReceipt(ctx, act(outside), access.PartyAct{Party: 1})
	})
	d.on(time.March, 20).act("opposition", func() (*access.Request, error) {
		return s.RecordOpposition(ctx, act(outside), access.PartyAct{Party: 1, Note: "i registri rivelano i miei spostamenti"})
	})
	d.on(time.March, 30).act("decision", func() (*access.Request, error) {
		return s.Decide(ctx, act(mobility), access.Ruling{Outcome: access.Accepted,
			Reasons: "I registri sono rilasciati con le targhe oscurate: l'opposizione non indica un pregiudizio concreto alla protezione dei dati personali (art. 5-bis c. 2 lett. a D.Lgs. 33/2013).",
			Summary: "accolta con targhe oscurate: nessun pregiudizio concreto alla protezione dei dati"})
	}, w.Decision, party(1, w.PartyAcceptance))
}

// documentale runs the documentale request decided late.
func (d *desktop) documentale() {
	s, ctx, w := d.svc, d.ctx, d.w
	act := func(by office.Actor) access.Act { return access.Act{ID: "doc-2026-0042", By: by} }
	d.on(time.June, 15).act("filing", func() (*access.Request, error) {
		return s.File(ctx, act(desk), access.Filing{Kind: access.Documentale, Channel: access.ChannelEmail,
			Protocol:  access.Protocol{Number: "RA/2026/0054321"},
			Applicant: access.Person{Name: "Bruno", Surname: "Ferri", Email: "bruno.ferri@example.org", Residence: "via Tuscolana 200, 00181 Roma"},
			Subject:   "Titolo edilizio del fabbricato confinante", Requested: "permesso di costruire e allegati progettuali",
			Reasons: "tutela del diritto di proprietà sul fondo confinante", Matter: "edilizia"})
	}, w.Receipt)
	d.on(time.June, 16).act("assignment", func() (*access.Request, error) {
		return s.Assign(ctx, act(desk), access.Assignment{Office: "urbanistica"})
	})
	d.on(time.June, 17).act("irregularity", func() (*access.Request, error) {
		r, err := s.Get(ctx, "doc-2026-0042")
		if err != nil {
			return nil, err
		}
		return s.NotifyIrregularity(ctx, act(desk), access.Irregularity{Missing: r.Intake.Missing})
	}, w.Irregularity)
	d.on(time.June, 22).act("correction", func() (*access.Request, error) {
		return s.Correct(ctx, act(outside), access.Correction{Identification: "documento di identità"})
	})
	d.on(time.June, 23).act("public subject", func() (*access.Request, error) {
		return s.SetPublicSubject(ctx, act(desk), access.PublicSubject{Text: "Titolo edilizio di un fabbricato"})
	})
	d.act("start notice", func() (*access.Request, error) {
		return s.NotifyStart(ctx, act(desk), access.StartNotice{})
	}, w.StartNotice, w.OfficeStart)
	d.on(time.June, 24).act("counter-interested party", func() (*access.Request, error) {
		return s.NotifyCounterInterested(ctx, act(desk), access.Notification{Means: "raccomandata A/R", Parties: []access.Person{
			{Name: "Giulia", Surname: "Conti", FiscalCode: "CNTGLI82D45H501T", Address: "via Prenestina 300, 00176 Roma"}}})
	}, party(1, w.PartyNotice))
	d.on(time.June, 29).act("notice received", func() (*access.Request, error) {
		return s.RecordNoticeReceipt(ctx, act(outside), access.PartyAct{Party: 1})
	})
	d.on(time.August, 5).act("late decision", func() (*access.Request, error) {
		return s.Decide(ctx, act(planning), access.Ruling{Outcome: access.PartiallyAccepted, Grounds: []access.GroundCode{"l241-24-6-d"},
			Reasons: "Sono esclusi gli allegati con i dati reddituali dei titolari, che non servono alla tutela del fondo confinante.",
			Summary: "accolta in parte: esclusi gli allegati reddituali",
			Viewing: &access.Viewing{Place: "Dipartimento Programmazione e Attuazione Urbanistica, via del Turismo 30", Hours: "lunedì e giovedì 9-12", Days: 30}})
	}, w.Decision)
}
