package main

import (
	"context"
	"fmt"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/register/council"
)

// councilDesk catalogues the council acts the office analyses: written
// interrogazioni of the Assemblea Capitolina and of some Municipi, and
// motions.
type councilDesk struct {
	s   *sim
	svc *council.Service
	ctx context.Context
	seq map[string]int
}

var councilMatters = []string{"mobilità", "rifiuti", "verde", "sociale", "strade", "scuole"}

func (d *councilDesk) file(at deadline.Date) {
	s := d.s
	s.at(s.officeTime(at), func() error {
		on := deadline.DateOf(s.now)
		body := council.Assemblea
		if s.chance(0.5) {
			body = council.MustMunicipio(s.between(1, 15))
		}
		kind := council.InterrogazioneScritta
		if s.chance(0.25) {
			kind = council.Mozione
		}
		reg := "RQ"
		if kind == council.Mozione {
			reg = "RM"
		}
		d.seq[reg]++
		a, err := d.svc.Register(d.ctx, council.Act{By: desk}, council.Registered{Kind: kind,
			Number: council.Number{Register: reg, Year: on.Year(), Seq: 1000 + d.seq[reg]}, Body: body, Filed: on,
			Presenters: []council.Councillor{{Name: fmt.Sprintf("Consigliera %d", s.between(1, 48))}},
			Addressee:  "Sindaco", Subject: "Atto simulato su " + councilMatters[d.seq[reg]%len(councilMatters)],
			Matters: []string{councilMatters[d.seq[reg]%len(councilMatters)]}})
		if err != nil {
			return err
		}
		id := a.ID
		switch {
		case kind == council.Mozione:
			s.after(s.between(10, 40), func() error {
				outcome := council.Approve
				if s.chance(0.3) {
					outcome = council.Reject
				}
				_, err := d.svc.Vote(d.ctx, council.Act{ID: id, By: desk}, council.Vote{Date: deadline.DateOf(s.now), Outcome: outcome})
				return err
			})
		case s.chance(0.8):
			// Answered, often after the 20 (or 30) days.
			s.after(s.between(8, 45), func() error {
				_, err := d.svc.Answer(d.ctx, council.Act{ID: id, By: desk}, council.Answer{Date: deadline.DateOf(s.now), Form: council.WrittenAnswer, By: "Sindaco"})
				return err
			})
		}
		return nil
	})
}
