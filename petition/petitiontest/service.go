package petitiontest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
)

var (
	desk  = office.Actor{ID: "petitiontest.desk", Role: office.FrontOffice, Office: "punto-ascolto"}
	mayor = office.Actor{ID: "petitiontest.mayor", Role: office.CompetentOffice, Office: "segreteria-sindaco"}
)

func service(t *testing.T, st petition.Store, now *time.Time) *petition.Service {
	t.Helper()
	dir, err := office.NewDirectory(
		office.Office{ID: "punto-ascolto", Name: "Ufficio Punto di Ascolto"},
		office.Office{ID: "segreteria-sindaco", Name: "Segreteria del Sindaco"},
		office.Office{ID: "dip-mobilita", Name: "Dipartimento Mobilità", Matters: []string{"mobilità"}},
	)
	must(t, err)
	pol := petition.Rome().WithBody(petition.Body{ID: petition.Sindaco, Name: "Sindaco di Roma Capitale", Secretariat: "segreteria-sindaco"})
	n := 0
	s, err := petition.NewService(petition.Config{Store: st, Directory: dir, Calendar: deadline.Rome(), Policy: pol,
		Now: func() time.Time { return *now }, NewID: func() petition.ID { n++; return petition.ID(fmt.Sprintf("pet-%d-%d", now.Unix(), n)) }})
	must(t, err)
	return s
}

func registration(k petition.Kind, to petition.Addressee, matter string) petition.Registration {
	return petition.Registration{Kind: k, Addressee: to, Channel: petition.Counter, Subject: "oggetto " + string(k), Matter: matter,
		Promoters: []petition.Person{{FamilyName: "Promotrice", GivenName: "Una"}}}
}

// interrogation drafts and opens a popular interrogazione on day, signs it
// with n signatures and files it the next day when n reaches 200.
func interrogation(t *testing.T, s *petition.Service, now *time.Time, seed, n int, matter string) petition.Petition {
	t.Helper()
	ctx := context.Background()
	p, err := s.Draft(ctx, petition.Act{By: desk}, registration(petition.InterrogazionePopolare, petition.Sindaco, matter))
	must(t, err)
	_, err = s.OpenCollection(ctx, petition.Act{ID: p.ID, By: desk}, petition.Collection{})
	must(t, err)
	day := deadline.DateOf(*now)
	var sigs []petition.Signature
	for _, cf := range Codes(seed, n) {
		sigs = append(sigs, petition.Signature{Signatory: petition.Person{CodiceFiscale: cf}, Category: petition.Elettore,
			Evidence: "sezione 1", Method: petition.Paper, Date: day})
	}
	p, err = s.Sign(ctx, petition.Act{ID: p.ID, By: desk}, petition.Batch{Signatures: sigs})
	must(t, err)
	if n >= 200 {
		p, err = s.File(ctx, petition.Act{ID: p.ID, By: desk}, petition.Filing{Protocol: fmt.Sprintf("RC/2026/%d", seed)})
		must(t, err)
	}
	return p
}

func serviceRoundTrip(t *testing.T, handle func() petition.Store) {
	ctx := context.Background()
	now := at
	s := service(t, handle(), &now)
	p := interrogation(t, s, &now, 1, 210, "mobilità")
	now = now.Add(24 * time.Hour)
	p, err := s.DeclareAdmissible(ctx, petition.Act{ID: p.ID, By: desk}, petition.Admission{Note: "requisiti verificati"})
	must(t, err)
	p, err = s.Forward(ctx, petition.Act{ID: p.ID, By: desk}, petition.Forwarding{Requests: []petition.Request{{Office: "dip-mobilita", Question: "elementi", Days: 10}}})
	must(t, err)
	now = now.Add(72 * time.Hour)
	p, err = s.Answer(ctx, petition.Act{ID: p.ID, By: mayor, On: deadline.DateOf(now).AddDays(-1)}, petition.Answer{Outcome: petition.Replied, Summary: "risposta scritta"})
	must(t, err)

	other := service(t, handle(), &now)
	got, err := other.Get(ctx, p.ID)
	must(t, err)
	equal(t, "the petition read through another handle", got, p)
	must(t, other.Verify(ctx, p.ID))
	equal(t, "state", got.State, petition.Answered)
	equal(t, "signatures", got.Signatures.Valid, 210)
	equal(t, "answer due, 60 days from filing on 02/03/2026 (01/05 is a holiday)", got.Deadlines[0].Due, deadline.MustDate(2026, time.May, 2))
	equal(t, "answered on the day of the fact", got.Answered, deadline.MustDate(2026, time.March, 5))
	st, err := handle().Load(ctx, p.ID, 0)
	must(t, err)
	equal(t, "version", st.Version(), got.Version)
	equal(t, "day of the answer's record", st.Records[len(st.Records)-1].On, deadline.MustDate(2026, time.March, 5))
	tail, err := handle().Load(ctx, p.ID, 3)
	must(t, err)
	equal(t, "records after version 3", len(tail.Records), st.Version()-3)
}

func searches(t *testing.T, handle func() petition.Store) {
	ctx := context.Background()
	now := at
	s := service(t, handle(), &now)
	a := interrogation(t, s, &now, 1, 200, "Mobilità sostenibile")
	b := interrogation(t, s, &now, 2, 20, "scuola")
	now = now.Add(24 * time.Hour)
	c := interrogation(t, s, &now, 3, 200, "pari opportunità")
	d, err := s.Draft(ctx, petition.Act{By: desk}, registration(petition.PropostaDeliberazione, petition.AssembleaCapitolina, "mobilità sostenibile"))
	must(t, err)
	find := func(q petition.Query) []petition.ID {
		t.Helper()
		var out []petition.ID
		for {
			p, err := handle().List(ctx, q)
			must(t, err)
			for _, it := range p.Items {
				out = append(out, it.ID)
			}
			if p.Next == "" {
				return out
			}
			q.Cursor = p.Next
		}
	}
	sorted := func(ids ...petition.ID) []petition.ID { return slices.Sorted(slices.Values(ids)) }
	equal(t, "all", sorted(find(petition.Query{})...), sorted(a.ID, b.ID, c.ID, d.ID))
	equal(t, "kind", sorted(find(petition.Query{Kinds: []string{string(petition.PropostaDeliberazione)}})...), []petition.ID{d.ID})
	equal(t, "state filed", sorted(find(petition.Query{States: []string{string(petition.Filed)}})...), sorted(a.ID, c.ID))
	equal(t, "addressee", sorted(find(petition.Query{Tags: []string{"addressee:" + string(petition.AssembleaCapitolina)}})...), []petition.ID{d.ID})
	equal(t, "matter, folded", sorted(find(petition.Query{Tags: []string{"matter:mobilita sostenibile"}})...), sorted(a.ID, d.ID))
	equal(t, "threshold reached", sorted(find(petition.Query{Tags: []string{"threshold:reached"}})...), sorted(a.ID, c.ID))
	// a is due 60 days from 02/03/2026 (02/05/2026, 1 May being a holiday),
	// c 30 days from 03/03/2026 (equal opportunities: 02/04/2026).
	equal(t, "by due date", find(petition.Query{DueFrom: deadline.MustDate(2026, time.January, 1)}), []petition.ID{c.ID, a.ID})
	equal(t, "due in April", find(petition.Query{DueFrom: deadline.MustDate(2026, time.April, 1), DueTo: deadline.MustDate(2026, time.April, 30)}), []petition.ID{c.ID})
}

func indexMatchesReplay(t *testing.T, handle func() petition.Store) {
	ctx := context.Background()
	now := at
	s := service(t, handle(), &now)
	a := interrogation(t, s, &now, 1, 200, "mobilità")
	b := interrogation(t, s, &now, 2, 5, "scuola")
	_, err := s.Forward(ctx, petition.Act{ID: a.ID, By: desk}, petition.Forwarding{})
	if err == nil {
		t.Fatal("a forwarding without requests was recorded")
	}
	_, err = s.DeclareAdmissible(ctx, petition.Act{ID: a.ID, By: desk}, petition.Admission{})
	must(t, err)
	_, err = s.Forward(ctx, petition.Act{ID: a.ID, By: desk}, petition.Forwarding{Requests: []petition.Request{{Office: "dip-mobilita", Question: "elementi"}}})
	must(t, err)
	_, err = s.Archive(ctx, petition.Act{ID: b.ID, By: desk}, petition.Archiving{Reason: "raccolta abbandonata"})
	must(t, err)
	st := handle()
	for _, id := range []petition.ID{a.ID, b.ID} {
		stream, err := st.Load(ctx, id, 0)
		must(t, err)
		must(t, stream.Verify())
		p, err := petition.Replay(id, stream.Records, deadline.Rome(), s.Policy())
		must(t, err)
		if want := p.Index(); !want.Equal(stream.Index) {
			t.Errorf("%s: stored index %+v, replayed %+v", id, stream.Index, want)
		}
	}
	read, rewritten, err := s.Reindex(ctx)
	must(t, err)
	equal(t, "petitions read by Reindex", read, 2)
	equal(t, "indexes rewritten by Reindex", rewritten, 0)
}
