package register_test

import (
	"context"
	"crypto/rand"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/register"
)

// anchorOffice holds the complaint and petition services of the anchor
// tests, whose IDs are random, as a store keyed by UUIDs would make them.
type anchorOffice struct {
	t          *testing.T
	ctx        context.Context
	now        time.Time
	complaints *complaint.Service
	petitions  *petition.Service
	ids        []complaint.ID
}

func newAnchorOffice(t *testing.T) *anchorOffice {
	t.Helper()
	o := &anchorOffice{t: t, ctx: context.Background()}
	dir, err := office.NewDirectory(office.Office{ID: "pda", Name: "Ufficio Punto di Ascolto"},
		office.Office{ID: "segreteria-sindaco", Name: "Segreteria del Sindaco"})
	require.NoError(t, err)
	clock := func() time.Time { return o.now }
	o.complaints, err = complaint.NewService(complaint.Config{Store: complaint.NewMemoryStore(), Directory: dir, Calendar: deadline.Rome(),
		Now: clock, NewID: func() complaint.ID { return complaint.ID("c-" + rand.Text()) }})
	require.NoError(t, err)
	policy := petition.Rome().WithBody(petition.Body{ID: petition.Sindaco, Name: "Sindaco di Roma Capitale", Secretariat: "segreteria-sindaco"})
	o.petitions, err = petition.NewService(petition.Config{Store: petition.NewMemoryStore(), Directory: dir, Calendar: deadline.Rome(),
		Policy: policy, Now: clock})
	require.NoError(t, err)
	for _, d := range []deadline.Date{day(2026, 1, 12), day(2026, 2, 3), day(2026, 2, 3)} {
		o.on(d)
		v, err := o.complaints.File(o.ctx, complaint.Act{By: anchorDesk}, complaint.Filed{Kind: complaint.Segnalazione,
			Channel: complaint.Email, Summary: "buca sulla carreggiata"})
		require.NoError(t, err)
		o.ids = append(o.ids, v.ID)
	}
	o.on(day(2026, 3, 2))
	portal := office.Actor{ID: "portale", Role: office.External}
	citizen := petition.Person{FamilyName: "Bianchi", GivenName: "Laura", CodiceFiscale: "TINIT-BNCLRA90A41H501F"}
	p, err := o.petitions.Draft(o.ctx, petition.Act{ID: petition.ID("p-" + rand.Text()), By: portal}, petition.Registration{
		Kind: petition.Petizione, Addressee: petition.Sindaco, Channel: petition.Online,
		Subject: "Illuminazione del parco", Matter: "lavori pubblici", Text: "Chiedo che...", Promoters: []petition.Person{citizen}})
	require.NoError(t, err)
	_, err = o.petitions.OpenCollection(o.ctx, petition.Act{ID: p.ID, By: portal}, petition.Collection{})
	require.NoError(t, err)
	_, err = o.petitions.Sign(o.ctx, petition.Act{ID: p.ID, By: portal}, petition.Batch{Signatures: []petition.Signature{{Signatory: citizen,
		Category: petition.Elettore, Evidence: "iscritta nelle liste elettorali di Roma", Method: petition.SPID}}})
	require.NoError(t, err)
	_, err = o.petitions.File(o.ctx, petition.Act{ID: p.ID, By: portal}, petition.Filing{})
	require.NoError(t, err)
	return o
}

var anchorDesk = office.Actor{ID: "l.rossi", Role: office.FrontOffice, Office: "pda"}

func (o *anchorOffice) on(d deadline.Date) { o.now = d.Time(time.UTC).Add(9 * time.Hour) }

// input returns the report's input over the office's histories and the
// requests of reqs, each section reversed when reverse is set.
func (o *anchorOffice) input(t *testing.T, reqs *env, reverse bool) register.Input {
	var cs, ps []register.Case
	for _, id := range o.ids {
		v, err := o.complaints.Get(o.ctx, id)
		require.NoError(t, err)
		cs = append(cs, register.ComplaintCase(v.Public(), nil))
	}
	page, err := o.petitions.List(o.ctx, petition.Query{})
	require.NoError(t, err)
	require.NotEmpty(t, page.Items)
	for _, it := range page.Items {
		p, err := o.petitions.Get(o.ctx, it.ID)
		require.NoError(t, err)
		c, ok := register.PetitionCase(p, nil)
		require.True(t, ok)
		require.Equal(t, p.Head(), c.Head)
		ps = append(ps, c)
	}
	views, acts := reqs.views(), councilActs(t)
	if reverse {
		slices.Reverse(cs)
		slices.Reverse(views)
		slices.Reverse(acts)
	}
	return register.Input{Period: q1, Requests: slices.Values(views), Complaints: slices.Values(cs),
		Petitions: slices.Values(ps), Council: slices.Values(acts)}
}

// TestReportAnchor_CoversEverySection: the report states one digest over
// the heads of every history it read, access requests, complaints,
// petitions and council acts alike (issue 11: "the head of the histories
// it covers"), whatever the order of the input and the stores' IDs; one
// more act on a single complaint changes the digest and only that part.
func TestReportAnchor_CoversEverySection(t *testing.T) {
	e := scenario(t)
	a := newAnchorOffice(t)
	r := register.Quarterly(a.input(t, e, false))
	require.NotNil(t, r.Source)
	var sections []register.Section
	total := 0
	for _, p := range r.Source.Parts {
		sections = append(sections, p.Section)
		total += p.Histories
		assert.NotZero(t, p.Histories, p.Section)
	}
	assert.Equal(t, []register.Section{register.PartAccess, register.PartComplaints, register.PartPetitions, register.PartCouncil}, sections)
	assert.Equal(t, total, r.Source.Histories)
	assert.Equal(t, 3, r.Source.Parts[1].Histories)

	again := register.Quarterly(a.input(t, e, true))
	assert.Equal(t, r.Source, again.Source, "the input's order does not change the anchor")

	other := newAnchorOffice(t)
	assert.Equal(t, r.Source, register.Quarterly(other.input(t, e, false)).Source, "the same histories under other IDs give the same anchor")

	a.on(day(2026, 3, 4))
	_, err := a.complaints.Assign(a.ctx, complaint.Act{ID: a.ids[1], By: anchorDesk}, complaint.Assignment{To: "pda"})
	require.NoError(t, err)
	moved := register.Quarterly(a.input(t, e, false))
	assert.NotEqual(t, r.Source.Digest, moved.Source.Digest)
	for i, p := range moved.Source.Parts {
		if p.Section == register.PartComplaints {
			assert.NotEqual(t, r.Source.Parts[i], p, "the complaints' part moved")
			continue
		}
		assert.Equal(t, r.Source.Parts[i], p, "the other parts did not")
	}
}

// TestReportAnchor_AccessPartIsTheRegisters: the access part of a report
// is the register's own Anchor over the same requests, so one check
// serves both publications.
func TestReportAnchor_AccessPartIsTheRegisters(t *testing.T) {
	e := scenario(t)
	views := e.views()
	r := register.Quarterly(register.Input{Period: q1, Requests: slices.Values(views)})
	require.NotNil(t, r.Source)
	require.Len(t, r.Source.Parts, 1)
	upToQ1, err := register.NewPeriod(day(2000, 1, 1), q1.To)
	require.NoError(t, err)
	want := register.AnchorOf(register.Select(views, upToQ1, register.Options{}))
	assert.Equal(t, want.Histories, r.Source.Parts[0].Histories)
	assert.Equal(t, want.Digest, r.Source.Parts[0].Digest)
}

// TestReportAnchor_NoSectionNoSource: a report that read nothing states no
// source rather than the digest of nothing.
func TestReportAnchor_NoSectionNoSource(t *testing.T) {
	assert.Nil(t, register.Quarterly(register.Input{Period: q1}).Source)
	c := register.Case{Received: day(2026, 1, 5)}
	r := register.Quarterly(register.Input{Period: q1, Complaints: slices.Values([]register.Case{c})})
	require.NotNil(t, r.Source)
	assert.Equal(t, 1, r.Source.Histories, "a case from another system, without a head, still counts")
	assert.Equal(t, history.Head{}, c.Head)
}
