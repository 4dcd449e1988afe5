package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
)

// complaintDesk simulates reports, complaints and questions, many of them
// passed on by ChiamaRoma 060606.
type complaintDesk struct {
	s   *sim
	svc *complaint.Service
	ctx context.Context
	n   int
	// recent open complaints per category, to produce duplicates.
	recent  map[string]complaint.View
	notable map[string]complaint.ID
}

// taxonomy is the administration's classification of reports, with the
// charter's shorter term on potholes.
func taxonomy() (*complaint.Taxonomy, error) {
	potholes := complaint.AnswerTerm(15)
	potholes.Name = "risposta sulle buche stradali (carta dei servizi)"
	return complaint.NewTaxonomy(
		complaint.Category{Code: "strade", Label: "Strade e marciapiedi", Office: "csimu", Matter: "strade"},
		complaint.Category{Code: "buche", Label: "Buche e dissesti stradali", Parent: "strade", Term: &potholes},
		complaint.Category{Code: "mobilita", Label: "Traffico, ZTL e segnaletica", Office: "dip-mobilita", Matter: "mobilità"},
		complaint.Category{Code: "verde", Label: "Verde pubblico e alberature", Office: "dip-ambiente", Matter: "verde"},
		complaint.Category{Code: "sociale", Label: "Servizi sociali", Office: "dip-sociale", Matter: "sociale"},
		complaint.Category{Code: "rifiuti", Label: "Rifiuti e decoro", Office: "ama"},
		complaint.Category{Code: "trasporto", Label: "Trasporto pubblico", Office: "atac"},
	)
}

type place struct {
	street string
	mun    complaint.Municipio
	lat    float64
	lon    float64
}

var places = []place{
	{"Via Appia Nuova", 7, 41.874110, 12.521120},
	{"Via Tuscolana", 7, 41.856000, 12.560200},
	{"Via Prenestina", 5, 41.892300, 12.533800},
	{"Viale Marconi", 11, 41.860400, 12.468700},
	{"Via Nomentana", 2, 41.921200, 12.516500},
	{"Piazza Vittorio Emanuele II", 1, 41.895000, 12.506800},
}

var categories = []string{"buche", "buche", "strade", "mobilita", "mobilita", "verde", "sociale", "rifiuti", "trasporto"}

func kindFor(s *sim, cat string) complaint.Kind {
	switch r := s.rng.Float64(); {
	case cat == "sociale" || r < 0.15:
		return complaint.RichiestaInformazioni
	case r < 0.55:
		return complaint.Segnalazione
	case r < 0.92:
		return complaint.Reclamo
	case r < 0.97:
		return complaint.Suggerimento
	default:
		return complaint.Apprezzamento
	}
}

// file schedules one complaint received on day at and its life.
func (d *complaintDesk) file(at deadline.Date) {
	d.s.at(d.s.officeTime(at), func() error {
		s := d.s
		d.n++
		cat := categories[s.rng.IntN(len(categories))]
		kind := kindFor(s, cat)
		pl := places[s.rng.IntN(len(places))]
		// A civic number along the street, a few metres apart each.
		civic := s.between(1, 30)
		addr := fmt.Sprintf("%s %d", pl.street, civic)
		pt := &complaint.Point{Lat: pl.lat + float64(civic)*0.00005, Lon: pl.lon}
		f := complaint.Filed{
			Kind: kind, Category: cat,
			Place:       complaint.Place{Address: addr, Municipio: pl.mun, Point: pt},
			Person:      complaint.Person{FirstName: "Cittadina", LastName: fmt.Sprintf("Simulata %d", d.n), Email: fmt.Sprintf("cittadina%d@example.org", d.n)},
			Description: "Testo scritto dalla cittadina, con i suoi dati: non si pubblica.",
			Summary:     "segnalazione su " + cat,
		}
		switch r := s.rng.Float64(); {
		case r < 0.40:
			// ChiamaRoma 060606 could not close it at the first level.
			f.Channel = complaint.Escalation060606
			f.Escalation = &complaint.Escalation{Ticket: fmt.Sprintf("060606-%d-%06d", s.now.Year(), 100000+d.n),
				Opened: s.now.Add(-time.Duration(s.between(2, 70)) * time.Hour)}
		case r < 0.65:
			f.Channel = complaint.Email
		case r < 0.80:
			f.Channel = complaint.Online
		case r < 0.90:
			f.Channel = complaint.PEC
		default:
			f.Channel = complaint.URP
		}
		v, err := d.svc.File(d.ctx, complaint.Act{By: desk}, f)
		if err != nil {
			return err
		}
		if f.Channel == complaint.Escalation060606 {
			d.remember("escalation 060606", v.ID)
		}
		// A second report of the same problem in the same place within ten
		// days is merged into the first.
		key := cat + "|" + addr
		if prev, ok := d.recent[key]; ok && deadline.DateOf(s.now).Sub(prev.Received) <= 10 {
			s.after(s.between(0, 2), func() error {
				_, err := d.svc.Merge(d.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Merger{Master: prev.ID, Note: "stesso problema, stesso luogo"})
				switch {
				case err == nil:
					d.remember("unita a un'altra: stesso problema, stesso luogo", v.ID)
					return nil
				case errors.Is(err, complaint.ErrRule):
					// The first report was closed meanwhile without an
					// answer: this one follows its own course.
					d.life(v)
					return nil
				}
				return err
			})
			return nil
		}
		d.recent[key] = v
		d.life(v)
		return nil
	})
}

func (d *complaintDesk) life(v complaint.View) {
	s, svc, ctx, id := d.s, d.svc, d.ctx, v.ID
	pol := svc.Policy()
	cat, _ := pol.Taxonomy.Category(v.Category)
	to := cat.Office
	if to == "" {
		if parent, ok := pol.Taxonomy.Category(cat.Parent); ok {
			to = parent.Office
		}
	}
	o, err := svc.Directory().Office(to)
	if err != nil {
		return
	}
	closeIt := func() error {
		_, err := svc.Close(ctx, complaint.Act{ID: id, By: desk}, complaint.Closure{})
		return err
	}
	if o.External {
		// Waste and buses: the city companies answer them.
		s.chain(
			step{s.between(0, 2), func() error {
				_, err := svc.ForwardOutside(ctx, complaint.Act{ID: id, By: desk}, complaint.OutsideForwarding{To: to, Reference: fmt.Sprintf("%s-%d", to, d.n), Summary: "inoltrata a " + o.Name})
				return err
			}},
			step{s.between(1, 2), closeIt})
		return
	}
	by := officer(to)
	steps := []step{
		{s.between(0, 2), func() error {
			_, err := svc.Assign(ctx, complaint.Act{ID: id, By: desk}, complaint.Assignment{To: to, Reason: "categoria " + cat.Label})
			return err
		}},
		{s.between(1, 3), func() error {
			_, err := svc.Start(ctx, complaint.Act{ID: id, By: by}, complaint.WorkStart{})
			return err
		}},
	}
	if s.chance(0.07) {
		s.chain(steps...) // still being worked on
		return
	}
	answer := func() error {
		_, err := svc.Answer(ctx, complaint.Act{ID: id, By: by}, complaint.Answer{Outcome: complaint.Outcomes(v.Kind)[0],
			Text: "Gentile cittadina, ...", Summary: "risposta inviata"})
		return err
	}
	answerIn := s.between(4, 24)
	if s.chance(0.2) {
		answerIn = s.between(29, 45)
	}
	steps = append(steps, step{answerIn, answer})
	if s.chance(0.1) {
		// Not satisfied: reopened, answered again, closed.
		steps = append(steps,
			step{s.between(3, 9), func() error {
				_, err := svc.Reopen(ctx, complaint.Act{ID: id, By: outside}, complaint.Reopening{Reason: "il problema non è risolto"})
				d.remember("riaperta", id)
				return err
			}},
			step{s.between(5, 20), answer})
	}
	s.chain(append(steps, step{s.between(1, 3), closeIt})...)
}

// remember keeps the first complaint of each notable sort acted on in the
// reported quarter.
func (d *complaintDesk) remember(what string, id complaint.ID) {
	if _, ok := d.notable[what]; ok || deadline.DateOf(d.s.now).Before(quarter.From) {
		return
	}
	d.notable[what] = id
}
