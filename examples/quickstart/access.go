package main

import (
	"context"
	"fmt"
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
)

// accessDesk simulates the access requests reaching the Punto di Ascolto.
type accessDesk struct {
	s   *sim
	svc *access.Service
	ctx context.Context
	n   int
	// notable are requests worth explaining at the end.
	notable map[string]access.ID
}

type subject struct {
	matter, public, typed string
}

var accessSubjects = []subject{
	{"mobilità", "Dati sui transiti ai varchi ZTL", "Vorrei i dati dei transiti ai varchi ZTL vicino a casa mia"},
	{"mobilità", "Contratto di servizio del trasporto pubblico locale", "Copia del contratto di servizio con il gestore dei bus"},
	{"strade", "Verbali di collaudo del rifacimento di una strada", "Verbali di collaudo dei lavori sotto casa"},
	{"urbanistica", "Titolo edilizio di un fabbricato", "Permesso di costruire del palazzo confinante con il mio"},
	{"urbanistica", "Istruttoria di una variante urbanistica", "Atti istruttori della variante al piano"},
	{"sociale", "Graduatoria di un servizio di assistenza domiciliare", "Graduatoria dell'assistenza domiciliare per mia madre"},
	{"verde", "Relazioni agronomiche sugli abbattimenti di alberature", "Perizie sugli alberi abbattuti nel parco"},
	{"municipio", "Spese di manutenzione delle scuole del Municipio", "Quanto ha speso il Municipio per le scuole"},
}

var channels = []access.Channel{access.ChannelPEC, access.ChannelEmail, access.ChannelEmail, access.ChannelOnline, access.ChannelProtocol, access.ChannelURP, access.Channel060606, access.ChannelCRM}

// file schedules one request received at instant t and its whole life.
func (d *accessDesk) file(at deadline.Date) {
	d.s.at(d.s.officeTime(at), func() error {
		d.n++
		s := d.s
		sub := accessSubjects[s.rng.IntN(len(accessSubjects))]
		kind := access.Generalizzato
		switch r := s.rng.Float64(); {
		case r < 0.40:
			kind = access.Documentale
		case r < 0.55:
			kind = access.CivicoSemplice
		}
		f := access.Filing{
			Kind: kind, Channel: channels[s.rng.IntN(len(channels))], Identification: "SPID",
			Protocol:  access.Protocol{Number: fmt.Sprintf("RA/%d/%07d", s.now.Year(), 40000+d.n)},
			Applicant: access.Person{Name: "Cittadino", Surname: fmt.Sprintf("Simulato %d", d.n), Email: fmt.Sprintf("cittadino%d@example.org", d.n)},
			Subject:   sub.typed, Requested: "documenti e dati indicati nell'oggetto", Matter: sub.matter,
		}
		irregular := false
		if kind == access.Documentale {
			f.Reasons = "tutela di un interesse diretto, concreto e attuale"
			if s.chance(0.12) {
				f.Reasons, irregular = "", true // art. 25 c. 2 L. 241/1990: the office must ask for them
			}
		}
		r, err := d.svc.File(d.ctx, access.Act{By: desk}, f)
		if err != nil {
			return err
		}
		d.life(r, sub, irregular)
		return nil
	})
}

func (d *accessDesk) act(id access.ID, by office.Actor) access.Act {
	return access.Act{ID: id, By: by}
}

// life schedules what happens to request r after filing, act after act.
func (d *accessDesk) life(r *access.Request, sub subject, irregular bool) {
	s, svc, ctx, id := d.s, d.svc, d.ctx, r.ID
	competent := svc.Suggest(r)[0].Office.ID
	by := officer(competent)
	act := func(days int, a func() (*access.Request, error)) step {
		return step{days, func() error { _, err := a(); return err }}
	}
	steps := []step{act(s.between(0, 2), func() (*access.Request, error) {
		if _, err := svc.Assign(ctx, d.act(id, desk), access.Assignment{Office: competent, Note: "competenza per materia"}); err != nil {
			return nil, err
		}
		return svc.SetPublicSubject(ctx, d.act(id, desk), access.PublicSubject{Text: sub.public})
	})}
	if s.chance(0.02) {
		s.chain(append(steps, act(s.between(3, 6), func() (*access.Request, error) {
			return svc.Withdraw(ctx, d.act(id, outside), access.Note{Text: "rinuncia del richiedente"})
		}))...)
		return
	}
	if irregular {
		// A notice within 10 days restarts the 30 days from the corrected
		// request (art. 6 c. 5 DPR 184/2006).
		steps = append(steps,
			act(s.between(1, 4), func() (*access.Request, error) {
				return svc.NotifyIrregularity(ctx, d.act(id, desk), access.Irregularity{Missing: []string{"motivazione della richiesta (art. 25 c. 2 L. 241/1990)"}})
			}),
			act(s.between(4, 9), func() (*access.Request, error) {
				return svc.Correct(ctx, d.act(id, outside), access.Correction{Reasons: "interesse diretto, concreto e attuale come confinante"})
			}))
		d.remember("documentale con richiesta di regolarizzazione", id)
	}
	opposed := false
	if r.Kind == access.Generalizzato && s.chance(0.25) {
		// Counter-interested parties suspend the 30 days until they oppose
		// or their 10 days run out (art. 5 c. 5 D.Lgs. 33/2013).
		opposed = s.chance(0.5)
		steps = append(steps,
			act(s.between(1, 3), func() (*access.Request, error) {
				return svc.NotifyCounterInterested(ctx, d.act(id, desk), access.Notification{Means: "PEC", Parties: []access.Person{
					{Name: "Controinteressato", Surname: "Uno " + string(id)}, {Name: "Impresa Due S.r.l.", FiscalCode: "01234567890"}}})
			}),
			act(s.between(2, 4), func() (*access.Request, error) {
				if _, err := svc.RecordNoticeReceipt(ctx, d.act(id, outside), access.PartyAct{Party: 1}); err != nil {
					return nil, err
				}
				return svc.RecordNoticeReceipt(ctx, d.act(id, outside), access.PartyAct{Party: 2})
			}))
		if opposed {
			steps = append(steps, act(s.between(3, 8), func() (*access.Request, error) {
				return svc.RecordOpposition(ctx, d.act(id, outside), access.PartyAct{Party: 1, Note: "i dati rivelano informazioni personali"})
			}))
		}
		// The office waits for the windows to close before deciding.
		steps = append(steps, step{14, func() error { return nil }})
		d.remember("generalizzato con controinteressati", id)
	}
	if s.chance(0.08) {
		s.chain(steps...) // no answer yet: silence (documentale) or no answer (civic)
		return
	}
	// Most offices decide within the 30 days; some are late.
	decideIn := s.between(5, 24)
	if s.chance(0.18) {
		decideIn = s.between(31, 45)
	}
	steps = append(steps, step{decideIn, func() error {
		ru := ruling(r.Kind, opposed, s)
		req, err := svc.Decide(ctx, d.act(id, by), ru)
		if err != nil {
			return err
		}
		if ru.Outcome == access.Accepted && r.Kind == access.CivicoSemplice {
			s.chain(act(s.between(1, 5), func() (*access.Request, error) {
				return svc.Publish(ctx, d.act(id, by), access.Release{Link: "https://www.comune.roma.it/amministrazione-trasparente/" + string(id)})
			}))
		}
		d.remedies(req)
		return nil
	}})
	s.chain(steps...)
}

// ruling picks a realistic decision for a kind of request.
func ruling(k access.Kind, opposed bool, s *sim) access.Ruling {
	accept := access.Ruling{Outcome: access.Accepted, Summary: "documenti e dati trasmessi"}
	if k == access.Documentale {
		accept.Viewing = &access.Viewing{Place: "Via di San Marco 8, Roma", Days: 15}
	}
	if opposed {
		return access.Ruling{Outcome: access.PartiallyAccepted, Grounds: []access.GroundCode{"d33-5bis-2-a"},
			Reasons: "oscurati i dati personali del controinteressato", Summary: "accesso parziale: oscurati dati personali",
			NoDeferral: "il pregiudizio non è temporaneo"}
	}
	switch r := s.rng.Float64(); {
	case r < 0.80:
		return accept
	case r < 0.90:
		g := map[access.Kind]access.GroundCode{access.Documentale: "l241-24-6-d", access.CivicoSemplice: "d33-5-1", access.Generalizzato: "d33-5bis-2-c"}[k]
		return access.Ruling{Outcome: access.Refused, Grounds: []access.GroundCode{g}, Reasons: "motivazione comunicata al richiedente",
			Summary: "limite previsto dalla legge", NoDeferral: "il limite non è temporaneo"}
	default:
		g := map[access.Kind]access.GroundCode{access.Documentale: "l241-24-6-c", access.CivicoSemplice: "d33-5-1", access.Generalizzato: "d33-5bis-1-g"}[k]
		if k == access.CivicoSemplice {
			return accept
		}
		return access.Ruling{Outcome: access.PartiallyAccepted, Grounds: []access.GroundCode{g}, Reasons: "parte dei documenti esclusa",
			Summary: "accesso parziale", NoDeferral: "il limite non è temporaneo", Viewing: accept.Viewing}
	}
}

// remedies: some requesters ask for a review (generalised civic access)
// or appeal.
func (d *accessDesk) remedies(r *access.Request) {
	s, svc, ctx, id := d.s, d.svc, d.ctx, r.ID
	o := r.Decision.Outcome
	if o != access.Refused && o != access.PartiallyAccepted {
		return
	}
	grounds := make([]access.GroundCode, len(r.Decision.Grounds))
	for i, g := range r.Decision.Grounds {
		grounds[i] = g.Code
	}
	civic := r.Kind.Civic() && s.chance(0.5)
	switch {
	case civic && r.Kind == access.CivicoSemplice:
		// No review in accesso civico semplice: its RPCT answered the
		// request itself (art. 5 c. 3 lett. d D.Lgs. 33/2013). The
		// requester goes to the TAR; the second step, which does
		// nothing, keeps the simulation's random stream and its queue of
		// events as they were.
		s.chain(step{s.between(3, 15), func() error {
			_, err := svc.FileAppeal(ctx, d.act(id, outside), access.RemedyRequest{Court: "TAR Lazio", Note: "ricorso ex art. 116 c.p.a."})
			return err
		}}, step{s.between(8, 24), func() error { return nil }})
	case civic:
		s.chain(
			step{s.between(3, 15), func() error {
				_, err := svc.FileReview(ctx, d.act(id, outside), access.RemedyRequest{Note: "richiesta di riesame al RPCT"})
				return err
			}},
			step{s.between(8, 24), func() error {
				// The RPCT confirms the decision: a refusal stays a
				// refusal, a partial acceptance stays partial.
				_, err := svc.DecideReview(ctx, d.act(id, rpct), access.ReviewRuling{Outcome: o,
					Grounds: grounds, Reasons: "diniego confermato", Summary: "riesame respinto: limite confermato"})
				return err
			}})
		d.remember("riesame", id)
	case r.Kind == access.Documentale && s.chance(0.4):
		s.chain(step{s.between(10, 25), func() error {
			_, err := svc.FileAppeal(ctx, d.act(id, outside), access.RemedyRequest{Court: "TAR Lazio", Note: "ricorso ex art. 116 c.p.a."})
			return err
		}})
		if r.Decision.Date.Month() == time.July {
			d.remember("ricorso al TAR su un termine che attraversa agosto", id)
		}
	}
}

// remember keeps the first request of each notable sort received in the
// reported quarter.
func (d *accessDesk) remember(what string, id access.ID) {
	if _, ok := d.notable[what]; ok || deadline.DateOf(d.s.now).Before(quarter.From.AddDays(-10)) {
		return
	}
	d.notable[what] = id
}
