package letter_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/letter"
	"github.com/puntodiascolto/ascolto/office"
)

var (
	desk     = office.Actor{ID: "f.bianchi", Role: office.FrontOffice, Office: "pda"}
	mobility = office.Actor{ID: "m.rossi", Role: office.CompetentOffice, Office: "mobilita"}
	planning = office.Actor{ID: "u.verdi", Role: office.CompetentOffice, Office: "urbanistica"}
	rpct     = office.Actor{ID: "l.gialli", Role: office.RPCT, Office: "segretariato"}
	outside  = office.Actor{ID: "protocollo-pec", Role: office.External}
)

// People of the fixtures. Each has a name, a codice fiscale and an e-mail
// that the privacy tests look for in every letter not addressed to them.
var (
	applicant = access.Person{Name: "Anna", Surname: "Esposito", FiscalCode: "SPSNNA80A41H501X", Residence: "via Appia Nuova 1, 00179 Roma", PEC: "anna.esposito@pec.example.org"}
	party     = access.Person{Name: "Mario", Surname: "Neri", FiscalCode: "NREMRA75C12H501K", PEC: "mario.neri@pec.example.org", Phone: "3471234567"}
	docApp    = access.Person{Name: "Bruno", Surname: "Ferri", FiscalCode: "FRRBRN70A01H501Q", Email: "bruno.ferri@example.org", Residence: "via Tuscolana 200, 00181 Roma"}
	docParty  = access.Person{Name: "Giulia", Surname: "Conti", FiscalCode: "CNTGLI82D45H501T", Email: "giulia.conti@example.org"}
)

// desk runs acts on a Service with a clock it moves, keeping the Request
// each act returned under a name.
type fixture struct {
	t     testing.TB
	ctx   context.Context
	now   time.Time
	dir   *office.Directory
	svc   *access.Service
	steps map[string]*access.Request
	id    access.ID
	store access.Store
}

func newFixture(t testing.TB, p access.Policy) *fixture {
	t.Helper()
	dir, err := office.NewDirectory(
		office.Office{ID: "pda", Name: "Ufficio Punto di Ascolto"},
		office.Office{ID: "mobilita", Name: "Dipartimento Mobilità Sostenibile e Trasporti", Matters: []string{"mobilità"}},
		office.Office{ID: "urbanistica", Name: "Dipartimento Programmazione e Attuazione Urbanistica", Matters: []string{"edilizia"}},
		office.Office{ID: "polizia-locale", Name: "Polizia Locale di Roma Capitale"},
		office.Office{ID: "segretariato", Name: "Segretariato Generale"},
	)
	require.NoError(t, err)
	f := &fixture{t: t, ctx: context.Background(), dir: dir, steps: map[string]*access.Request{}}
	if p.Administration == "" {
		p.Administration = "Roma Capitale"
	}
	f.store = access.NewMemoryStore()
	f.svc, err = access.NewService(access.Config{Store: f.store, Calendar: deadline.Rome(), Directory: dir, Policy: p,
		Now: func() time.Time { return f.now }})
	require.NoError(t, err)
	return f
}

// at moves the clock to the day and records the act's Request as step.
func (f *fixture) at(step string, m time.Month, day int, act func(a access.Act) (*access.Request, error)) {
	f.t.Helper()
	f.now = time.Date(2026, m, day, 9, 0, 0, 0, time.UTC)
	r, err := act(access.Act{ID: f.id, By: desk})
	require.NoError(f.t, err, step)
	f.id = r.ID
	f.steps[step] = r
}

func (f *fixture) as(by office.Actor, fn func(a access.Act) (*access.Request, error)) func(a access.Act) (*access.Request, error) {
	return func(a access.Act) (*access.Request, error) { a.By = by; return fn(a) }
}

// foia is a FOIA request with one counter-interested party who opposes,
// accepted despite the opposition.
func foia(t *testing.T) *fixture {
	f := newFixture(t, access.Policy{})
	s, ctx := f.svc, f.ctx
	f.at("filed", time.March, 2, func(a access.Act) (*access.Request, error) {
		a.ID = "foia-1"
		return s.File(ctx, a, access.Filing{Kind: access.Generalizzato, Channel: access.ChannelPEC, Identification: "PEC",
			Protocol: access.Protocol{Number: "RA/2026/0012345"}, Applicant: applicant,
			Subject: "Registri dei varchi ZTL di via del Corso, gennaio 2026", Requested: "registri di transito", Matter: "mobilità"})
	})
	f.at("assigned", time.March, 3, func(a access.Act) (*access.Request, error) {
		return s.Assign(ctx, a, access.Assignment{Office: "mobilita"})
	})
	f.at("subject", time.March, 3, func(a access.Act) (*access.Request, error) {
		return s.SetPublicSubject(ctx, a, access.PublicSubject{Text: "Registri di transito dei varchi ZTL, gennaio 2026"})
	})
	f.at("started", time.March, 3, func(a access.Act) (*access.Request, error) {
		return s.NotifyStart(ctx, a, access.StartNotice{Responsible: "dirigente U.O. Varchi"})
	})
	f.at("documents", time.March, 4, func(a access.Act) (*access.Request, error) {
		return s.RequestDocuments(ctx, a, access.DocumentRequest{Requests: []access.InternalRequest{{Office: "polizia-locale", Documents: "registri di transito dei varchi di via del Corso, gennaio 2026"}}})
	})
	f.at("notified", time.March, 10, func(a access.Act) (*access.Request, error) {
		return s.NotifyCounterInterested(ctx, a, access.Notification{Means: "PEC", Parties: []access.Person{party}})
	})
	f.at("noticeReceived", time.March, 12, f.as(outside, func(a access.Act) (*access.Request, error) {
		return s.RecordNoticeReceipt(ctx, a, access.PartyAct{Party: 1})
	}))
	f.at("answered", time.March, 18, func(a access.Act) (*access.Request, error) {
		return s.RecordDocuments(ctx, a, access.DocumentAnswer{Request: 1})
	})
	f.at("opposed", time.March, 20, f.as(outside, func(a access.Act) (*access.Request, error) {
		return s.RecordOpposition(ctx, a, access.PartyAct{Party: 1, Note: "i registri rivelano i miei spostamenti"})
	}))
	f.at("decided", time.March, 30, f.as(mobility, func(a access.Act) (*access.Request, error) {
		return s.Decide(ctx, a, access.Ruling{Outcome: access.Accepted,
			Reasons: "Le targhe sono oscurate; l'opposizione non indica un pregiudizio concreto alla protezione dei dati personali.",
			Summary: "accolta con targhe oscurate: nessun pregiudizio concreto alla protezione dei dati"})
	}))
	f.at("acceptanceReceived", time.April, 1, f.as(outside, func(a access.Act) (*access.Request, error) {
		return s.RecordAcceptanceReceipt(ctx, a, access.PartyAct{Party: 1})
	}))
	f.at("partyReview", time.April, 2, f.as(outside, func(a access.Act) (*access.Request, error) {
		return s.FileReview(ctx, a, access.RemedyRequest{Party: 1})
	}))
	f.at("partyReviewDecided", time.April, 15, f.as(rpct, func(a access.Act) (*access.Request, error) {
		return s.DecideReview(ctx, a, access.ReviewRuling{Outcome: access.Refused,
			Reasons: "Dati pseudonimizzati, nessun pregiudizio concreto.", Summary: "riesame del controinteressato respinto: accoglimento confermato"})
	}))
	return f
}

// late is a documentale request with an irregularity notice and a
// counter-interested party, partly accepted after its term.
func late(t *testing.T) *fixture {
	f := newFixture(t, access.Policy{})
	s, ctx := f.svc, f.ctx
	f.at("filed", time.June, 15, func(a access.Act) (*access.Request, error) {
		a.ID = "doc-1"
		return s.File(ctx, a, access.Filing{Kind: access.Documentale, Channel: access.ChannelEmail,
			Protocol: access.Protocol{Number: "RA/2026/0054321"}, Applicant: docApp,
			Subject: "Titolo edilizio del fabbricato confinante", Requested: "permesso di costruire e allegati progettuali",
			Reasons: "tutela del diritto di proprietà sul fondo confinante", Matter: "edilizia"})
	})
	f.at("assigned", time.June, 16, func(a access.Act) (*access.Request, error) {
		return s.Assign(ctx, a, access.Assignment{Office: "urbanistica"})
	})
	f.at("irregular", time.June, 17, func(a access.Act) (*access.Request, error) {
		return s.NotifyIrregularity(ctx, a, access.Irregularity{Missing: f.steps["filed"].Intake.Missing, Note: "Può inviare copia di un documento di identità in corso di validità."})
	})
	f.at("corrected", time.June, 22, f.as(outside, func(a access.Act) (*access.Request, error) {
		return s.Correct(ctx, a, access.Correction{Identification: "documento di identità"})
	}))
	f.at("started", time.June, 23, func(a access.Act) (*access.Request, error) {
		return s.NotifyStart(ctx, a, access.StartNotice{})
	})
	f.at("subject", time.June, 23, func(a access.Act) (*access.Request, error) {
		return s.SetPublicSubject(ctx, a, access.PublicSubject{Text: "Titolo edilizio di un fabbricato"})
	})
	f.at("notified", time.June, 24, func(a access.Act) (*access.Request, error) {
		return s.NotifyCounterInterested(ctx, a, access.Notification{Means: "raccomandata A/R", Parties: []access.Person{docParty}})
	})
	f.at("noticeReceived", time.June, 29, f.as(outside, func(a access.Act) (*access.Request, error) {
		return s.RecordNoticeReceipt(ctx, a, access.PartyAct{Party: 1})
	}))
	f.at("decided", time.August, 5, f.as(planning, func(a access.Act) (*access.Request, error) {
		return s.Decide(ctx, a, access.Ruling{Outcome: access.PartiallyAccepted, Grounds: []access.GroundCode{"l241-24-6-d"},
			Reasons: "Sono esclusi gli allegati con i dati reddituali dei titolari, che non servono alla tutela del fondo confinante.",
			Summary: "accolta in parte: esclusi gli allegati reddituali",
			Viewing: &access.Viewing{Place: "Dipartimento Programmazione e Attuazione Urbanistica, via del Turismo 30", Hours: "lunedì e giovedì 9-12", Days: 30}})
	}))
	return f
}

// review is a FOIA request refused on personal data, reviewed at the
// requester's request and partly granted by the RPCT.
func review(t *testing.T) *fixture {
	f := newFixture(t, access.Policy{})
	s, ctx := f.svc, f.ctx
	f.at("filed", time.May, 4, func(a access.Act) (*access.Request, error) {
		a.ID = "foia-2"
		return s.File(ctx, a, access.Filing{Kind: access.Generalizzato, Channel: access.ChannelOnline, Identification: "SPID",
			Protocol: access.Protocol{Number: "RA/2026/0023456"}, Applicant: applicant, Office: "mobilita",
			Subject: "Elenco dei permessi ZTL rilasciati nel 2025"})
	})
	f.at("decided", time.May, 20, f.as(mobility, func(a access.Act) (*access.Request, error) {
		return s.Decide(ctx, a, access.Ruling{Outcome: access.Refused, Grounds: []access.GroundCode{"d33-5bis-2-a"},
			Reasons: "L'elenco riporta i titolari dei permessi.", Summary: "respinta: l'elenco riporta i titolari",
			NoDeferral: "il limite non è temporaneo"})
	}))
	f.at("reviewFiled", time.May, 25, f.as(outside, func(a access.Act) (*access.Request, error) {
		return s.FileReview(ctx, a, access.RemedyRequest{})
	}))
	f.at("reviewDecided", time.June, 10, f.as(rpct, func(a access.Act) (*access.Request, error) {
		return s.DecideReview(ctx, a, access.ReviewRuling{Outcome: access.PartiallyAccepted, Grounds: []access.GroundCode{"d33-5bis-2-a"},
			Reasons: "Si rilascia l'elenco senza i nominativi.", Summary: "accolto in parte: elenco senza nominativi"})
	}))
	return f
}

// options are the office data of the tests.
func options(f *fixture) letter.Options {
	return letter.Options{
		Office: "Ufficio Punto di Ascolto", Address: "Via di San Marco 8, 00186 Roma",
		Contact:   "ld.accesso.gabinetto@comune.roma.it",
		Directory: f.dir, Access: f.svc.Policy(),
		Responsible: map[office.ID]string{"mobilita": "dirigente della U.O. Varchi e permessi", "": "dirigente dell'ufficio competente"},
		RPCT:        "Responsabile della prevenzione della corruzione e della trasparenza di Roma Capitale",
	}
}

func writer(t *testing.T, o letter.Options) *letter.Writer {
	t.Helper()
	w, err := letter.New(o)
	require.NoError(t, err)
	return w
}
