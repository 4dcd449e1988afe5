package letter_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
)

// substitute is a documentale request left undecided past its term: the
// applicant asks the titolare del potere sostitutivo, who decides late.
func substitute(t *testing.T) *fixture {
	f := newFixture(t, access.Policy{Substitute: access.Substitute{Title: "Segretario Generale", Office: "segretariato", Contact: "protocollo.segretariato@pec.comune.roma.it"}})
	s, ctx := f.svc, f.ctx
	secretary := office.Actor{ID: "s.generale", Role: office.Substitute, Office: "segretariato"}
	f.at("filed", time.September, 1, func(a access.Act) (*access.Request, error) {
		a.ID = "doc-2"
		return s.File(ctx, a, access.Filing{Kind: access.Documentale, Channel: access.ChannelPEC, Identification: "PEC",
			Protocol: access.Protocol{Number: "RA/2026/0077777"}, Applicant: docApp, Office: "urbanistica",
			Subject: "Verbale di sopralluogo sul cantiere confinante", Reasons: "tutela del fondo confinante"})
	})
	f.at("asked", time.October, 8, f.as(outside, func(a access.Act) (*access.Request, error) {
		return s.RequestSubstitute(ctx, a, access.SubstituteRequest{Means: "PEC"})
	}))
	f.at("decided", time.October, 26, f.as(secretary, func(a access.Act) (*access.Request, error) {
		return s.DecideAsSubstitute(ctx, a, access.Ruling{Outcome: access.Accepted, Reasons: "Il verbale è un atto del procedimento edilizio che riguarda il fondo confinante.",
			Viewing: &access.Viewing{Place: "Segretariato Generale, via del Campidoglio 1", Days: 15}})
	}))
	return f
}

// complaintCase returns a reclamo answered late.
func complaintCase(t *testing.T) (complaint.View, *office.Directory) {
	t.Helper()
	dir, err := office.NewDirectory(
		office.Office{ID: "pda", Name: "Ufficio Punto di Ascolto"},
		office.Office{ID: "csimu", Name: "Dipartimento CSIMU - Manutenzione stradale", Matters: []string{"strade"}},
	)
	require.NoError(t, err)
	now := time.Date(2026, time.October, 2, 9, 0, 0, 0, time.UTC)
	svc, err := complaint.NewService(complaint.Config{Store: complaint.NewMemoryStore(), Directory: dir, Calendar: deadline.Rome(),
		Now: func() time.Time { return now }, NewID: func() complaint.ID { return "SEG-2026-00001" }})
	require.NoError(t, err)
	ctx := context.Background()
	deskC := office.Actor{ID: "f.bianchi", Role: office.FrontOffice, Office: "pda"}
	roads := office.Actor{ID: "g.verdi", Role: office.CompetentOffice, Office: "csimu"}
	v, err := svc.File(ctx, complaint.Act{By: deskC}, complaint.Filed{Kind: complaint.Reclamo, Channel: complaint.Email,
		Person:      complaint.Person{FirstName: "Carlo", LastName: "Bruni", Email: "carlo.bruni@example.org"},
		Description: "Buca profonda davanti al civico 120.", Summary: "buca profonda sulla carreggiata",
		Place: complaint.Place{Address: "Via Appia Nuova 120", Municipio: 7}})
	require.NoError(t, err)
	v, err = svc.Assign(ctx, complaint.Act{ID: v.ID, By: deskC}, complaint.Assignment{To: "csimu"})
	require.NoError(t, err)
	now = time.Date(2026, time.November, 9, 9, 0, 0, 0, time.UTC)
	v, err = svc.Answer(ctx, complaint.Act{ID: v.ID, By: roads}, complaint.Answer{Outcome: complaint.Founded,
		Text: "L'intervento di ripristino è programmato entro il 20 novembre.", Summary: "ripristino programmato"})
	require.NoError(t, err)
	return v, dir
}

// cf builds a valid synthetic codice fiscale.
func cf(first15 string) string {
	c, err := codicefiscale.Complete(first15)
	if err != nil {
		panic(err)
	}
	return c.String()
}

// Promoters of the petition: the receipt to one never names the other.
var (
	promoter1 = petition.Person{GivenName: "Sara", FamilyName: "Lombardi", CodiceFiscale: cf("LMBSRA85M41H501"), Email: "sara.lombardi@example.org", Address: "via Prenestina 10, Roma"}
	promoter2 = petition.Person{GivenName: "Luca", FamilyName: "Marini", CodiceFiscale: cf("MRNLCU79B12H501"), Email: "luca.marini@example.org", Address: "via Casilina 20, Roma"}
)

// petitionCase returns a paper petition to the Mayor, filed and forwarded.
func petitionCase(t *testing.T) (petition.Petition, *office.Directory) {
	t.Helper()
	return petitionAsking(t, "Fattibilità tecnica e costo dell'attraversamento protetto")
}

// petitionAsking is petitionCase with the desk's question to the office.
func petitionAsking(t *testing.T, question string) (petition.Petition, *office.Directory) {
	t.Helper()
	dir, err := office.NewDirectory(
		office.Office{ID: "punto-ascolto", Name: "Ufficio Punto di Ascolto"},
		office.Office{ID: "segreteria-sindaco", Name: "Segreteria del Sindaco"},
		office.Office{ID: "dip-mobilita", Name: "Dipartimento Mobilità Sostenibile e Trasporti"},
	)
	require.NoError(t, err)
	pol := petition.Rome().WithBody(petition.Body{ID: petition.Sindaco, Name: "Sindaco di Roma Capitale", Secretariat: "segreteria-sindaco"})
	now := time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
	svc, err := petition.NewService(petition.Config{Store: petition.NewMemoryStore(), Directory: dir, Calendar: deadline.Rome(), Policy: pol,
		Now: func() time.Time { return now }, NewID: func() petition.ID { return "PA-2026-0001" }})
	require.NoError(t, err)
	ctx := context.Background()
	deskP := office.Actor{ID: "f.bianchi", Role: office.FrontOffice, Office: "punto-ascolto"}
	p, err := svc.Draft(ctx, petition.Act{By: deskP}, petition.Registration{Kind: petition.Petizione, Addressee: petition.Sindaco, Channel: petition.Counter,
		Subject: "Attraversamento pedonale protetto davanti a una scuola primaria", Matter: "mobilità",
		Text: "Testo dei promotori.", Promoters: []petition.Person{promoter1, promoter2}})
	require.NoError(t, err)
	_, err = svc.OpenCollection(ctx, petition.Act{ID: p.ID, By: deskP}, petition.Collection{})
	require.NoError(t, err)
	_, err = svc.Sign(ctx, petition.Act{ID: p.ID, By: deskP}, petition.Batch{Signatures: []petition.Signature{
		{Signatory: promoter1, Category: petition.Elettore, Evidence: "liste elettorali", Method: petition.Paper, Sheet: "foglio 1", Date: deadline.MustDate(2026, time.March, 2)},
		{Signatory: promoter2, Category: petition.Elettore, Evidence: "liste elettorali", Method: petition.Paper, Sheet: "foglio 1", Date: deadline.MustDate(2026, time.March, 2)}}})
	require.NoError(t, err)
	now = time.Date(2026, time.March, 5, 9, 0, 0, 0, time.UTC)
	_, err = svc.File(ctx, petition.Act{ID: p.ID, By: deskP}, petition.Filing{Protocol: "RC/2026/31415"})
	require.NoError(t, err)
	now = time.Date(2026, time.March, 6, 9, 0, 0, 0, time.UTC)
	_, err = svc.DeclareAdmissible(ctx, petition.Act{ID: p.ID, By: deskP}, petition.Admission{Note: "requisiti verificati"})
	require.NoError(t, err)
	p, err = svc.Forward(ctx, petition.Act{ID: p.ID, By: deskP}, petition.Forwarding{Requests: []petition.Request{{Office: "dip-mobilita", Question: question}}})
	require.NoError(t, err)
	return p, dir
}

// deferral is a FOIA request whose access is deferred until an inspection
// ends (art. 5-bis c. 1 lett. g and c. 5 D.Lgs. 33/2013).
func deferral(t *testing.T) *fixture {
	f := newFixture(t, access.Policy{})
	s, ctx := f.svc, f.ctx
	f.at("filed", time.September, 7, func(a access.Act) (*access.Request, error) {
		a.ID = "foia-3"
		return s.File(ctx, a, access.Filing{Kind: access.Generalizzato, Channel: access.ChannelOnline, Identification: "SPID",
			Protocol: access.Protocol{Number: "RA/2026/0088888"}, Applicant: applicant, Office: "mobilita",
			Subject: "Verbali dei controlli sui monopattini in sharing"})
	})
	f.at("decided", time.September, 28, f.as(mobility, func(a access.Act) (*access.Request, error) {
		return s.Decide(ctx, a, access.Ruling{Outcome: access.Deferred, Grounds: []access.GroundCode{"d33-5bis-1-g"},
			DeferredUntil: deadline.MustDate(2026, time.December, 31),
			Reasons:       "I verbali riguardano un'attività ispettiva ancora in corso, che si concluderà entro l'anno.",
			Summary:       "differita alla conclusione dell'attività ispettiva"})
	}))
	return f
}
