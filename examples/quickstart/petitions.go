package main

import (
	"context"
	"fmt"

	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
)

// petitionDesk simulates petitions and popular initiatives.
type petitionDesk struct {
	s     *sim
	svc   *petition.Service
	ctx   context.Context
	codes []string
	next  int
	ids   []petition.ID
	// base is the number of petitions the runs before this one filed.
	base int
	// proposal is the popular proposal of deliberation, once drafted.
	proposal petition.ID
}

var (
	portal = office.Actor{ID: "portale-spid", Role: office.External}
	mayor  = office.Actor{ID: "segreteria", Role: office.CompetentOffice, Office: "segreteria-sindaco"}
)

// petitionPolicy is Rome's, with the secretariats that answer for the Mayor
// and the Assemblea Capitolina.
func petitionPolicy() petition.Policy {
	return petition.Rome().
		WithBody(petition.Body{ID: petition.Sindaco, Name: "Sindaco di Roma Capitale", Secretariat: "segreteria-sindaco"}).
		WithBody(petition.Body{ID: petition.AssembleaCapitolina, Name: "Assemblea Capitolina", Secretariat: "segretariato-assemblea"})
}

func (d *petitionDesk) signature(on deadline.Date, m petition.Method) petition.Signature {
	if d.next == len(d.codes) {
		d.codes = append(d.codes, syntheticCodes(len(d.codes)+7, 1000)...)
	}
	cf := d.codes[d.next]
	d.next++
	s := petition.Signature{Signatory: petition.Person{FamilyName: "Firmatario", GivenName: "Simulato", CodiceFiscale: cf},
		Category: petition.Elettore, Evidence: "iscrizione nelle liste elettorali", Method: m}
	if m == petition.Paper {
		s.Date = on
	}
	return s
}

// syntheticCodes returns count valid, distinct codici fiscali derived from
// seed: made-up people born between 1940 and 1999 in Rome and a few other
// places, completed with their check character by codicefiscale.Complete.
func syntheticCodes(seed, count int) []string {
	out := make([]string, count)
	places := [...]string{"H501", "F205", "F839", "L219", "Z404", "G273"}
	for i := range out {
		n := seed*7919 + i
		var b [15]byte
		for j, x := 5, n; j >= 0; j, x = j-1, x/26 {
			b[j] = byte('A' + x%26)
		}
		yy, day := 40+(n/7)%60, 1+(n/13)%28
		if (n/3)%2 == 1 {
			day += 40
		}
		b[6], b[7], b[8] = byte('0'+yy/10), byte('0'+yy%10), "ABCDEHLMPRST"[(n/11)%12]
		b[9], b[10] = byte('0'+day/10), byte('0'+day%10)
		copy(b[11:], places[(n/17)%len(places)])
		cf, err := codicefiscale.Complete(string(b[:]))
		if err != nil {
			panic(err) // unreachable: b has the structure of a personal code
		}
		out[i] = cf.String()
	}
	return out
}

// online schedules a petition to the Mayor signed online by one citizen
// (SPID), filed, checked, forwarded for information and answered.
func (d *petitionDesk) online(at deadline.Date, subject, matter string, forwardTo office.ID) {
	s, svc, ctx := d.s, d.svc, d.ctx
	s.at(s.officeTime(at), func() error {
		citizen := d.signature(at, petition.SPID)
		p, err := svc.Draft(ctx, petition.Act{By: portal}, petition.Registration{Kind: petition.Petizione, Addressee: petition.Sindaco,
			Channel: petition.Online, Subject: subject, Matter: matter, Text: "Testo della petizione.",
			Promoters: []petition.Person{citizen.Signatory}})
		if err != nil {
			return err
		}
		id := p.ID
		d.ids = append(d.ids, id)
		if _, err := svc.OpenCollection(ctx, petition.Act{ID: id, By: portal}, petition.Collection{}); err != nil {
			return err
		}
		if _, err := svc.Sign(ctx, petition.Act{ID: id, By: portal}, petition.Batch{Signatures: []petition.Signature{citizen}}); err != nil {
			return err
		}
		if _, err := svc.File(ctx, petition.Act{ID: id, By: portal}, petition.Filing{Protocol: fmt.Sprintf("RC/%d/%05d", at.Year(), 30000+d.base+len(d.ids))}); err != nil {
			return err
		}
		s.after(s.between(1, 4), func() error {
			if _, err := svc.DeclareAdmissible(ctx, petition.Act{ID: id, By: desk}, petition.Admission{Note: "requisiti verificati"}); err != nil {
				return err
			}
			_, err := svc.Forward(ctx, petition.Act{ID: id, By: desk}, petition.Forwarding{Requests: []petition.Request{petition.Request{Office: forwardTo, Question: "Elementi per la risposta"}}})
			return err
		})
		s.after(s.between(10, 20), func() error {
			_, err := svc.RecordReply(ctx, petition.Act{ID: id, By: officer(forwardTo)}, petition.Reply{Request: 1, Summary: "Elementi trasmessi"})
			return err
		})
		if s.chance(0.2) {
			return nil // the answer is still being prepared
		}
		s.after(s.between(25, 70), func() error {
			_, err := svc.Answer(ctx, petition.Act{ID: id, By: mayor}, petition.Answer{Outcome: petition.Replied, Summary: "Risposta del Sindaco pubblicata"})
			return err
		})
		return nil
	})
}

// initiative schedules a popular initiative that collects signatures on paper
// and online over weeks and is filed once it passes its threshold.
func (d *petitionDesk) initiative(kind petition.Kind, to petition.Addressee, opened deadline.Date, weeks, perWeek int, subject, matter string) {
	s, svc, ctx := d.s, d.svc, d.ctx
	var id petition.ID
	s.at(s.officeTime(opened), func() error {
		p, err := svc.Draft(ctx, petition.Act{By: desk}, petition.Registration{Kind: kind, Addressee: to,
			Channel: petition.Counter, Subject: subject, Matter: matter, Text: "Testo dei promotori.",
			Promoters: []petition.Person{{FamilyName: "Promotrice", GivenName: "Simulata"}}})
		if err != nil {
			return err
		}
		id = p.ID
		d.ids = append(d.ids, id)
		if kind == petition.PropostaDeliberazione {
			d.proposal = id
		}
		_, err = svc.OpenCollection(ctx, petition.Act{ID: id, By: desk}, petition.Collection{})
		return err
	})
	for w := range weeks {
		s.at(s.officeTime(opened.AddDays(7*w+3)), func() error {
			on := deadline.DateOf(s.now)
			batch := make([]petition.Signature, 0, perWeek)
			for k := range perWeek {
				m := petition.Paper
				if k%5 == 4 {
					m = petition.SPID
				}
				batch = append(batch, d.signature(on, m))
			}
			_, err := svc.Sign(ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: batch})
			return err
		})
	}
	s.at(s.officeTime(opened.AddDays(7*weeks+3)), func() error {
		if _, err := svc.File(ctx, petition.Act{ID: id, By: desk}, petition.Filing{Protocol: fmt.Sprintf("RC/%d/%05d", opened.Year(), 50000+d.base+len(d.ids))}); err != nil {
			return err
		}
		s.after(s.between(3, 8), func() error {
			if _, err := svc.DeclareAdmissible(ctx, petition.Act{ID: id, By: desk}, petition.Admission{Note: "firme verificate"}); err != nil {
				return err
			}
			_, err := svc.Forward(ctx, petition.Act{ID: id, By: desk}, petition.Forwarding{Requests: []petition.Request{petition.Request{Office: "dip-mobilita", Question: "Parere tecnico", Days: 20}}})
			return err
		})
		return nil
	})
}
