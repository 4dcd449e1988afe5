package open311_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
)

// The fixture below is the part of complaint's test fixture that the
// Open311 tests use: the same offices, taxonomy, clock and reports.

// romeTime builds an instant in Rome; Rome's offsets are fixed here so
// tests do not need a zone database (CEST until 25 October 2026, CET
// after).
func romeTime(y int, m time.Month, d, hh, mm int) time.Time {
	off := 2 * 3600
	if m < time.March || m > time.October || (m == time.October && d >= 25) || (m == time.March && d < 29) {
		off = 3600
	}
	return time.Date(y, m, d, hh, mm, 0, 0, time.FixedZone("Roma", off))
}

// clock is a settable clock, safe for concurrent use.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// at moves the clock to 10:00 Rome time of the given day.
func (c *clock) at(y int, m time.Month, d int) { c.Set(romeTime(y, m, d, 10, 0)) }

var (
	desk  = office.Actor{ID: "l.bianchi", Role: office.FrontOffice, Office: "ascolto"}
	csimu = office.Actor{ID: "g.verdi", Role: office.CompetentOffice, Office: "csimu"}
	web   = office.Actor{ID: "sus-gateway", Role: office.External}
)

func directory(t testing.TB) *office.Directory {
	t.Helper()
	d, err := office.NewDirectory(
		office.Office{ID: "ascolto", Name: "Ufficio Punto di Ascolto"},
		office.Office{ID: "csimu", Name: "Dipartimento CSIMU", Matters: []string{"strade"}, Keywords: []string{"buca", "buche", "marciapiede", "asfalto"}},
		office.Office{ID: "mobilita", Name: "Dipartimento Mobilità e Trasporti", Matters: []string{"mobilità"}, Keywords: []string{"semaforo", "strisce", "ZTL"}},
		office.Office{ID: "servizi", Name: "Dipartimento Servizi Delegati", Matters: []string{"anagrafe"}, Keywords: []string{"certificato", "anagrafe"}},
		office.Office{ID: "ama", Name: "AMA S.p.A.", Matters: []string{"rifiuti"}, Keywords: []string{"rifiuti", "cassonetto"}, External: true},
		office.Office{ID: "atac", Name: "ATAC S.p.A.", Matters: []string{"trasporto pubblico"}, Keywords: []string{"autobus", "metro"}, External: true},
	)
	require.NoError(t, err)
	return d
}

func taxonomy(t testing.TB) *complaint.Taxonomy {
	t.Helper()
	potholes := complaint.AnswerTerm(15)
	potholes.Name = "risposta sulle buche"
	urgent := complaint.AnswerTerm(2)
	urgent.Name = "risposta sui pericoli per la circolazione"
	tx, err := complaint.NewTaxonomy(
		complaint.Category{Code: "strade", Label: "Strade e marciapiedi", Office: "csimu", Matter: "strade"},
		complaint.Category{Code: "buche", Label: "Buche e dissesti stradali", Parent: "strade", Term: &potholes, Keywords: []string{"buca"}},
		complaint.Category{Code: "pericolo", Label: "Pericolo per la circolazione", Parent: "strade", Term: &urgent},
		complaint.Category{Code: "marciapiedi", Label: "Marciapiedi", Parent: "strade"},
		complaint.Category{Code: "rifiuti", Label: "Rifiuti e decoro", Office: "ama", Description: "raccolta e cassonetti"},
		complaint.Category{Code: "trasporti", Label: "Trasporto pubblico", Office: "atac"},
		complaint.Category{Code: "anagrafe", Label: "Servizi anagrafici", Matter: "anagrafe"},
	)
	require.NoError(t, err)
	return tx
}

type fixture struct {
	svc   *complaint.Service
	clock *clock
	ctx   context.Context
	n     int
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	pol := complaint.DefaultPolicy()
	pol.Taxonomy = taxonomy(t)
	f := &fixture{clock: &clock{}, ctx: context.Background()}
	f.clock.at(2026, time.October, 2)
	svc, err := complaint.NewService(complaint.Config{
		Store: complaint.NewMemoryStore(), Directory: directory(t), Calendar: deadline.Rome(), Policy: pol, Now: f.clock.Now,
		NewID: func() complaint.ID {
			f.n++
			return complaint.ID(fmt.Sprintf("R-%02d", f.n))
		},
	})
	require.NoError(t, err)
	f.svc = svc
	return f
}

// pothole returns the filing of a pothole report by e-mail in Via Appia
// Nuova, with the reporter's names, contacts and identifiers set.
func pothole() complaint.Filed {
	return complaint.Filed{
		Kind: complaint.Segnalazione, Channel: complaint.Email, Category: "buche",
		Place: complaint.Place{Address: "Via Appia Nuova 120", ZIP: "00183", Municipio: 7, Point: &complaint.Point{Lat: 41.87411, Lon: 12.52112}},
		Person: complaint.Person{
			FirstName: "Mario", LastName: "Rossi",
			Email: "mario.rossi@example.org", PEC: "mario.rossi@pec.example.org", Phone: "+39 333 1234567",
			Address: "Via dei Cittadini 7, Roma", AccountID: "acct-mrossi", DeviceID: "device-42",
		},
		Description: "Buca profonda davanti al civico 120, ci sono caduto in motorino",
		Summary:     "buca sulla carreggiata",
	}
}

// file files fl now and fails the test on error.
func (f *fixture) file(t testing.TB, actor office.Actor, fl complaint.Filed) complaint.View {
	t.Helper()
	v, err := f.svc.File(f.ctx, complaint.Act{By: actor}, fl)
	require.NoError(t, err)
	return v
}

func must(t testing.TB) func(complaint.View, error) complaint.View {
	return func(v complaint.View, err error) complaint.View {
		t.Helper()
		require.NoError(t, err)
		return v
	}
}
