package access_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/office"
)

var (
	front  = office.Actor{ID: "f.bianchi", Role: office.FrontOffice, Office: "pda"}
	comp   = office.Actor{ID: "m.rossi", Role: office.CompetentOffice, Office: "mobilita"}
	other  = office.Actor{ID: "g.verdi", Role: office.CompetentOffice, Office: "urbanistica"}
	rpct   = office.Actor{ID: "rpct", Role: office.RPCT, Office: "segretariato"}
	outer  = office.Actor{ID: "pec-gateway", Role: office.External}
	admin  = office.Actor{ID: "root", Role: office.Administrator}
	ctxBg  = context.Background()
	viewAt = &access.Viewing{Place: "Dipartimento Mobilità, via Capitan Bavastro 94", Hours: "lun-ven 9-12", Days: 15}
)

func directory(t testing.TB) *office.Directory {
	t.Helper()
	d, err := office.NewDirectory(
		office.Office{ID: "pda", Name: "Ufficio Punto di Ascolto"},
		office.Office{ID: "mobilita", Name: "Dipartimento Mobilità Sostenibile e Trasporti", Matters: []string{"mobilità"}, Keywords: []string{"ZTL", "strisce"}},
		office.Office{ID: "urbanistica", Name: "Dipartimento Programmazione e Attuazione Urbanistica", Matters: []string{"urbanistica"}},
		office.Office{ID: "segretariato", Name: "Segretariato Generale"},
		office.Office{ID: "regione", Name: "Regione Lazio", External: true},
	)
	require.NoError(t, err)
	return d
}

// env is a Service on a MemoryStore with the Rome calendar and a clock the
// test moves.
type env struct {
	t   testing.TB
	svc *access.Service
	st  *history.Memory[access.ID, access.Event]
	now time.Time
	n   int
}

func newEnv(t testing.TB, p access.Policy) *env {
	t.Helper()
	e := &env{t: t, st: access.NewMemoryStore()}
	svc, err := access.NewService(access.Config{
		Store: e.st, Calendar: deadline.Rome(), Directory: directory(t), Policy: p,
		Now:   func() time.Time { return e.now },
		NewID: func() access.ID { e.n++; return access.ID(fmt.Sprintf("req-%03d", e.n)) },
	})
	require.NoError(t, err)
	e.svc = svc
	e.at(2026, time.March, 2)
	return e
}

// at moves the clock to 10:00 in Rome (09:00 UTC in winter) on the day.
func (e *env) at(y int, m time.Month, d int) *env {
	e.now = time.Date(y, m, d, 9, 0, 0, 0, time.UTC)
	return e
}

func day(y int, m time.Month, d int) deadline.Date { return deadline.MustDate(y, m, d) }

func applicant() access.Person {
	return access.Person{Name: "Anna", Surname: "Esposito", FiscalCode: "SPSNNA80A41H501X", BirthPlace: "Roma", BirthDate: day(1980, 1, 1),
		Residence: "via Appia 1, 00179 Roma", Email: "anna.esposito@example.org"}
}

func filing(k access.Kind) access.Filing {
	f := access.Filing{
		Kind: k, Protocol: access.Protocol{Number: "RA/2026/0001"}, Channel: access.ChannelPEC, Identification: "PEC",
		Applicant: applicant(), Subject: "Verbali della ZTL di via Appia", Requested: "verbali di accertamento 2025", Matter: "mobilità",
	}
	if k == access.Documentale {
		f.Reasons = "tutela in giudizio contro una sanzione"
	}
	return f
}

// file files a request with the competent office assigned.
func (e *env) file(k access.Kind) *access.Request {
	e.t.Helper()
	f := filing(k)
	f.Office = "mobilita"
	r, err := e.svc.File(ctxBg, access.Act{By: front}, f)
	require.NoError(e.t, err)
	return r
}

func (e *env) act(id access.ID, by office.Actor) access.Act { return access.Act{ID: id, By: by} }

func (e *env) must(r *access.Request, err error) *access.Request {
	e.t.Helper()
	require.NoError(e.t, err)
	return r
}

func due(t testing.TB, r *access.Request, k access.DeadlineKind) deadline.Date {
	t.Helper()
	d, ok := r.Deadline(k)
	require.True(t, ok, "no deadline %q in %v", k, names(r))
	return d.Due
}

func names(r *access.Request) []string {
	var out []string
	for _, d := range r.Deadlines {
		out = append(out, d.Name+"="+d.Due.String())
	}
	return out
}

func named(t testing.TB, r *access.Request, name string) deadline.Deadline {
	t.Helper()
	for _, d := range r.Deadlines {
		if d.Name == name {
			return d
		}
	}
	t.Fatalf("no deadline %q in %v", name, names(r))
	return deadline.Deadline{}
}

// version returns the stored version of id.
func (e *env) version(id access.ID) int {
	e.t.Helper()
	s, err := e.st.Load(ctxBg, id, 0)
	require.NoError(e.t, err)
	return s.Version()
}
