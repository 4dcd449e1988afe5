package petition_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/petition/petitiontest"
)

var (
	desk        = office.Actor{ID: "desk.rossi", Role: office.FrontOffice, Office: "punto-ascolto"}
	portal      = office.Actor{ID: "portale-spid", Role: office.External}
	secretariat = office.Actor{ID: "segr.verdi", Role: office.CompetentOffice, Office: "segreteria-sindaco"}
	assembly    = office.Actor{ID: "segr.assemblea", Role: office.CompetentOffice, Office: "segretariato-assemblea"}
	mobility    = office.Actor{ID: "mob.neri", Role: office.CompetentOffice, Office: "dip-mobilita"}
	works       = office.Actor{ID: "llpp.gialli", Role: office.CompetentOffice, Office: "dip-lavori-pubblici"}
)

func directory(t testing.TB) *office.Directory {
	t.Helper()
	dir, err := office.NewDirectory(
		office.Office{ID: "punto-ascolto", Name: "Ufficio Punto di Ascolto"},
		office.Office{ID: "segreteria-sindaco", Name: "Segreteria del Sindaco"},
		office.Office{ID: "segretariato-assemblea", Name: "Segretariato generale, Ufficio dell'Assemblea Capitolina"},
		office.Office{ID: "dip-mobilita", Name: "Dipartimento Mobilità Sostenibile e Trasporti", Matters: []string{"mobilità"}},
		office.Office{ID: "dip-lavori-pubblici", Name: "Dipartimento Lavori Pubblici", Matters: []string{"strade"}},
	)
	require.NoError(t, err)
	return dir
}

// romePolicy is Rome's policy with the secretariats of the test directory.
func romePolicy() petition.Policy {
	return petition.Rome().
		WithBody(petition.Body{ID: petition.Sindaco, Name: "Sindaco di Roma Capitale", Secretariat: "segreteria-sindaco"}).
		WithBody(petition.Body{ID: petition.AssembleaCapitolina, Name: "Assemblea Capitolina", Secretariat: "segretariato-assemblea"})
}

// clock is a settable clock; Now returns 10:00 in Rome of the current day.
type clock struct {
	mu  sync.Mutex
	day deadline.Date
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	y, m, d := c.day.Date()
	return time.Date(y, m, d, 9, 0, 0, 0, time.UTC)
}

func (c *clock) set(d deadline.Date) {
	c.mu.Lock()
	c.day = d
	c.mu.Unlock()
}

type fixture struct {
	t     testing.TB
	ctx   context.Context
	svc   *petition.Service
	store *history.Memory[petition.ID, petition.Event]
	clock *clock
	n     int
}

func newFixture(t testing.TB, policy petition.Policy, today deadline.Date) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background(), store: petition.NewMemoryStore(), clock: &clock{day: today}}
	svc, err := petition.NewService(petition.Config{
		Store: f.store, Directory: directory(t), Calendar: deadline.Rome(), Policy: policy, Now: f.clock.Now,
		NewID: func() petition.ID { f.n++; return petition.ID(fmt.Sprintf("p-%03d", f.n)) },
	})
	require.NoError(t, err)
	f.svc = svc
	return f
}

func day(y int, m time.Month, d int) deadline.Date { return deadline.MustDate(y, m, d) }

// draftOpen registers a petition of kind k and opens its collection.
func (f *fixture) draftOpen(k petition.Kind, to petition.Addressee, matter string) petition.ID {
	f.t.Helper()
	p, err := f.svc.Draft(f.ctx, petition.Act{By: desk}, petition.Registration{
		Kind: k, Addressee: to, Channel: petition.Counter, Subject: "oggetto di prova", Matter: matter,
		Promoters: []petition.Person{{FamilyName: "Promotore", GivenName: "Uno"}},
	})
	require.NoError(f.t, err)
	_, err = f.svc.OpenCollection(f.ctx, petition.Act{ID: p.ID, By: desk}, petition.Collection{})
	require.NoError(f.t, err)
	return p.ID
}

// sigs returns n paper signatures of electors, dated on, with synthetic codes.
func sigs(seed, n int, on deadline.Date) []petition.Signature {
	out := make([]petition.Signature, n)
	for i, cf := range petitiontest.Codes(seed, n) {
		out[i] = paper(cf, on)
	}
	return out
}

func paper(cf string, on deadline.Date) petition.Signature {
	return petition.Signature{
		Signatory: petition.Person{CodiceFiscale: cf},
		Category:  petition.Elettore, Evidence: "sezione 101", Method: petition.Paper, Date: on,
	}
}

// signAll records signatures in batches of 500.
func (f *fixture) signAll(id petition.ID, all []petition.Signature) petition.Petition {
	f.t.Helper()
	var p petition.Petition
	for len(all) > 0 {
		n := min(500, len(all))
		var err error
		p, err = f.svc.Sign(f.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: all[:n]})
		require.NoError(f.t, err)
		all = all[n:]
	}
	return p
}

func (f *fixture) version(id petition.ID) int {
	f.t.Helper()
	st, err := f.store.Load(f.ctx, id, 0)
	require.NoError(f.t, err)
	return st.Version()
}

// equalJSON reports whether a and b encode to the same JSON.
func equalJSON(t testing.TB, a, b any) bool {
	t.Helper()
	x, err := json.Marshal(a)
	require.NoError(t, err)
	y, err := json.Marshal(b)
	require.NoError(t, err)
	return string(x) == string(y)
}
