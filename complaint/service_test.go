package complaint_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/complaint/open311"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/office"
)

func TestNewServiceChecksConfig(t *testing.T) {
	dir := directory(t)
	_, err := complaint.NewService(complaint.Config{Calendar: deadline.Rome(), Directory: dir})
	require.ErrorIs(t, err, complaint.ErrInvalid)
	_, err = complaint.NewService(complaint.Config{Calendar: deadline.Rome(), Store: complaint.NewMemoryStore()})
	require.ErrorIs(t, err, complaint.ErrInvalid)
	bad := complaint.DefaultPolicy()
	bad.Term.Length = 0
	_, err = complaint.NewService(complaint.Config{Calendar: deadline.Rome(), Store: complaint.NewMemoryStore(), Directory: dir, Policy: bad})
	require.ErrorIs(t, err, complaint.ErrInvalid)
	tx, err := complaint.NewTaxonomy(complaint.Category{Code: "x", Label: "X", Office: "nowhere"})
	require.NoError(t, err)
	pol := complaint.DefaultPolicy()
	pol.Taxonomy = tx
	_, err = complaint.NewService(complaint.Config{Calendar: deadline.Rome(), Store: complaint.NewMemoryStore(), Directory: dir, Policy: pol})
	require.ErrorIs(t, err, complaint.ErrInvalid, "a category's office must be in the directory")
	_, err = complaint.NewService(complaint.Config{Store: complaint.NewMemoryStore(), Directory: dir})
	require.ErrorIs(t, err, complaint.ErrInvalid, "the calendar is required: no default")
	s, err := complaint.NewService(complaint.Config{Calendar: deadline.Italy(), Store: complaint.NewMemoryStore(), Directory: dir})
	require.NoError(t, err)
	assert.Equal(t, 30, s.Policy().Term.Length, "the zero Policy is DefaultPolicy")
	assert.Same(t, deadline.Italy(), s.Calendar())
	v, err := s.File(context.Background(), complaint.Act{By: desk}, complaint.Filed{Kind: complaint.Suggerimento, Channel: complaint.URP, Description: "più panchine"})
	require.NoError(t, err)
	assert.Len(t, string(v.ID), 36, "a UUID by default")
}

func TestPolicyValidate(t *testing.T) {
	require.NoError(t, complaint.Policy{}.Validate())
	for name, mutate := range map[string]func(*complaint.Policy){
		"zero term": func(p *complaint.Policy) { p.Term.Length = 0 },
		"unknown kind": func(p *complaint.Policy) {
			p.KindTerms = map[complaint.Kind]deadline.Term{"x": complaint.AnswerTerm(3)}
		},
		"zero kind term":          func(p *complaint.Policy) { p.KindTerms = map[complaint.Kind]deadline.Term{complaint.Reclamo: {}} },
		"zero reply term":         func(p *complaint.Policy) { p.ReplyTerm = &deadline.Term{} },
		"negative reopen":         func(p *complaint.Policy) { p.ReopenTerm = &deadline.Term{Length: -1} },
		"suspension without term": func(p *complaint.Policy) { p.SuspendWhileAwaiting, p.ReplyTerm = true, nil },
		"negative cap":            func(p *complaint.Policy) { p.SuspensionCap = -1 },
		"negative window":         func(p *complaint.Policy) { p.DuplicateWindow = -1 },
		"negative soon":           func(p *complaint.Policy) { p.Soon = -1 },
		"radius":                  func(p *complaint.Policy) { p.DuplicateRadius = 5000 },
	} {
		p := complaint.DefaultPolicy()
		mutate(&p)
		require.ErrorIs(t, p.Validate(), complaint.ErrInvalid, name)
	}
}

func TestFile_Validation(t *testing.T) {
	f := newFixture(t)
	ok := pothole()
	for name, c := range map[string]struct {
		actor office.Actor
		id    complaint.ID
		edit  func(*complaint.Filed)
		err   error
	}{
		"unknown kind":         {desk, "", func(x *complaint.Filed) { x.Kind = "lamentela" }, complaint.ErrInvalid},
		"unknown channel":      {desk, "", func(x *complaint.Filed) { x.Channel = "piccione" }, complaint.ErrInvalid},
		"unknown category":     {desk, "", func(x *complaint.Filed) { x.Category = "astronavi" }, complaint.ErrInvalid},
		"nothing said":         {desk, "", func(x *complaint.Filed) { x.Description, x.Summary, x.Category = " ", "", "" }, complaint.ErrInvalid},
		"future receipt":       {desk, "", func(x *complaint.Filed) { x.Received = romeTime(2026, 10, 3, 9, 0) }, complaint.ErrInvalid},
		"bad municipio":        {desk, "", func(x *complaint.Filed) { x.Place.Municipio = 16 }, complaint.ErrInvalid},
		"bad point":            {desk, "", func(x *complaint.Filed) { x.Place.Point = &complaint.Point{Lat: 91} }, complaint.ErrInvalid},
		"bad email":            {desk, "", func(x *complaint.Filed) { x.Person.Email = "mario" }, complaint.ErrInvalid},
		"bad fiscal code":      {desk, "", func(x *complaint.Filed) { x.Person.FiscalCode = "RSSMRA" }, complaint.ErrInvalid},
		"control characters":   {desk, "", func(x *complaint.Filed) { x.Description = "a\x00b" }, complaint.ErrInvalid},
		"id with space":        {desk, "a b", func(*complaint.Filed) {}, complaint.ErrInvalid},
		"competent office":     {csimu, "", func(*complaint.Filed) {}, complaint.ErrForbidden},
		"invalid actor":        {office.Actor{Role: office.FrontOffice}, "", func(*complaint.Filed) {}, complaint.ErrInvalid},
		"060606 without label": {desk, "", func(x *complaint.Filed) { x.Channel = complaint.Escalation060606 }, complaint.ErrInvalid},
	} {
		fl := ok
		fl.Person = citizen()
		c.edit(&fl)
		_, err := f.svc.File(f.ctx, complaint.Act{ID: c.id, By: c.actor}, fl)
		require.ErrorIs(t, err, c.err, name)
	}
	p, err := f.svc.List(f.ctx, complaint.Query{})
	require.NoError(t, err)
	assert.Empty(t, p.Items, "a refused filing stores nothing")

	v, err := f.svc.File(f.ctx, complaint.Act{ID: "SUS-2026-1", By: web}, ok)
	require.NoError(t, err, "a system may file with role External")
	assert.Equal(t, complaint.ID("SUS-2026-1"), v.ID)
	_, err = f.svc.File(f.ctx, complaint.Act{ID: "SUS-2026-1", By: desk}, ok)
	require.ErrorIs(t, err, complaint.ErrExists)
	fl := ok
	fl.Person.FiscalCode = " rssmra80a01h501u "
	v = f.file(t, desk, fl)
	assert.Equal(t, "RSSMRA80A01H501U", v.Person.FiscalCode, "the codice fiscale is normalised")
}

// TestRouting_AssignSuggestForward: the desk assigns through the
// directory; offices forward between themselves; outside bodies are not
// assignable.
func TestRouting_AssignSuggestForward(t *testing.T) {
	f := newFixture(t)
	v := f.file(t, desk, pothole())
	sg, err := f.svc.SuggestOffices(f.ctx, v.ID)
	require.NoError(t, err)
	require.NotEmpty(t, sg)
	assert.Equal(t, office.ID("csimu"), sg[0].Office.ID, "the category's office first")

	_, err = f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{To: "ama"})
	require.ErrorIs(t, err, complaint.ErrRule, "AMA is outside: ForwardOutside")
	_, err = f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{To: "nowhere"})
	require.ErrorIs(t, err, complaint.ErrInvalid)
	_, err = f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.Assignment{To: "csimu"})
	require.ErrorIs(t, err, complaint.ErrForbidden, "offices do not assign")

	v = must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{}))
	assert.Equal(t, office.ID("csimu"), v.Office)
	assert.Equal(t, complaint.Assigned, v.State)
	assert.Contains(t, v.Routing[0].Reason, "categoria: Buche e dissesti stradali")

	_, err = f.svc.Start(f.ctx, complaint.Act{ID: v.ID, By: mob}, complaint.WorkStart{})
	require.ErrorIs(t, err, complaint.ErrForbidden, "an office acts only on its own complaints")
	acts, err := f.svc.Permitted(f.ctx, v.ID, mob)
	require.NoError(t, err)
	assert.Empty(t, acts)
	acts, err = f.svc.Permitted(f.ctx, v.ID, csimu)
	require.NoError(t, err)
	assert.Equal(t, []complaint.EventType{complaint.EventForwarded, complaint.EventStarted, complaint.EventInfoRequested, complaint.EventAnswered}, acts)

	v = must(t)(f.svc.Start(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.WorkStart{}))
	assert.Equal(t, complaint.InProgress, v.State)
	_, err = f.svc.Forward(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.Forwarding{To: "csimu"})
	require.ErrorIs(t, err, complaint.ErrInvalid, "forwarding to itself")
	v = must(t)(f.svc.Forward(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.Forwarding{To: "mobilita", Reason: "riguarda il semaforo"}))
	assert.Equal(t, office.ID("mobilita"), v.Office)
	assert.Equal(t, complaint.Assigned, v.State)
	assert.Equal(t, []office.ID{"csimu", "mobilita"}, []office.ID{v.Routing[0].To, v.Routing[1].To})
	_, err = f.svc.Start(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.WorkStart{})
	require.ErrorIs(t, err, complaint.ErrForbidden, "csimu no longer has it")
	assert.Equal(t, "mobilita", v.Index().Office)
}

func TestAssign_NoOfficeFound(t *testing.T) {
	f := newFixture(t)
	v := f.file(t, desk, complaint.Filed{Kind: complaint.Suggerimento, Channel: complaint.Counter, Description: "qualcosa di vago"})
	_, err := f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{})
	require.ErrorIs(t, err, complaint.ErrRule)
	v = f.file(t, desk, complaint.Filed{Kind: complaint.RichiestaInformazioni, Channel: complaint.Phone, Description: "come rinnovo il certificato?", Category: "anagrafe"})
	v = must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{}))
	assert.Equal(t, office.ID("servizi"), v.Office, "found through the category's matter")
}

func TestRequestInfo_AnonymousCannotBeAsked(t *testing.T) {
	f := newFixture(t)
	fl := pothole()
	fl.Person = complaint.Person{}
	v := f.file(t, desk, fl)
	must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{}))
	_, err := f.svc.RequestInfo(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.InfoRequest{Question: "dove?"})
	require.ErrorIs(t, err, complaint.ErrRule)
	fl.Person = complaint.Person{FirstName: "Anna"}
	v = f.file(t, desk, fl)
	must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{}))
	_, err = f.svc.RequestInfo(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.InfoRequest{Question: "dove?"})
	require.ErrorIs(t, err, complaint.ErrRule, "a name without a contact is not enough")
}

func TestRecordReply_Dates(t *testing.T) {
	f := newFixture(t)
	v := f.file(t, desk, pothole())
	must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{}))
	f.clock.at(2026, 10, 5)
	must(t)(f.svc.RequestInfo(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.InfoRequest{Question: "quale civico?"}))
	f.clock.at(2026, 10, 8)
	_, err := f.svc.RecordReply(f.ctx, complaint.Act{ID: v.ID, By: web, On: date(2026, 10, 4)}, complaint.CitizenReply{})
	require.ErrorIs(t, err, complaint.ErrRule, "a reply before the question")
	_, err = f.svc.RecordReply(f.ctx, complaint.Act{ID: v.ID, By: web, On: date(2026, 10, 9)}, complaint.CitizenReply{})
	require.ErrorIs(t, err, complaint.ErrRule, "a reply from the future")
	v = must(t)(f.svc.RecordReply(f.ctx, complaint.Act{ID: v.ID, By: desk, On: date(2026, 10, 7)}, complaint.CitizenReply{Text: "al telefono: civico 120"}))
	assert.Equal(t, date(2026, 10, 7), v.Exchanges[0].Ended)
	assert.Equal(t, date(2026, 10, 7), v.Exchanges[0].Replied, "the day of the fact, not the day it was entered")
}

// TestAnswer_OutcomeFitsKind: each kind has its outcomes.
func TestAnswer_OutcomeFitsKind(t *testing.T) {
	for _, k := range complaint.Kinds() {
		f := newFixture(t)
		fl := pothole()
		fl.Kind = k
		v := f.file(t, desk, fl)
		for _, o := range []complaint.Outcome{complaint.Founded, complaint.Resolved, complaint.Adopted, complaint.Informed} {
			_, err := f.svc.Answer(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Answer{Outcome: o, Summary: "s"})
			if err == nil {
				assert.Contains(t, complaint.Outcomes(k), o)
				break
			}
			require.ErrorIs(t, err, complaint.ErrRule, "%s answered %s", k, o)
		}
	}
	f := newFixture(t)
	v := f.file(t, desk, pothole())
	_, err := f.svc.Answer(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Answer{Outcome: complaint.Resolved})
	require.ErrorIs(t, err, complaint.ErrInvalid, "an answer says something")
	_, err = f.svc.Answer(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.Answer{Outcome: complaint.Resolved, Summary: "x"})
	require.ErrorIs(t, err, complaint.ErrForbidden, "an unassigned complaint is answered by the desk")
	v = must(t)(f.svc.Answer(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Answer{Outcome: complaint.Scheduled, Text: "Gentile signor Rossi", Summary: "intervento programmato"}))
	assert.Equal(t, complaint.Answered, v.State)
	assert.Equal(t, office.ID("ascolto"), v.Answers[0].Office)
}

// TestClose_Reasons: each closing reason has its condition.
func TestClose_Reasons(t *testing.T) {
	f := newFixture(t)
	v := f.file(t, desk, pothole())
	_, err := f.svc.Close(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Closure{})
	require.ErrorIs(t, err, complaint.ErrInvalid, "say why")
	_, err = f.svc.Close(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Closure{Reason: complaint.ClosedAnswered})
	require.ErrorIs(t, err, complaint.ErrRule)
	_, err = f.svc.Close(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Closure{Reason: complaint.ClosedForwarded})
	require.ErrorIs(t, err, complaint.ErrRule)
	_, err = f.svc.Close(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Closure{Reason: complaint.ClosedNoReply})
	require.ErrorIs(t, err, complaint.ErrRule)

	must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{}))
	f.clock.at(2026, 10, 5)
	must(t)(f.svc.RequestInfo(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.InfoRequest{Question: "quale civico?"}))
	f.clock.at(2026, 10, 20)
	_, err = f.svc.Close(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Closure{Reason: complaint.ClosedNoReply})
	require.ErrorIs(t, err, complaint.ErrRule, "the citizen may reply until 20 Oct")
	assert.Contains(t, err.Error(), "20/10/2026")
	f.clock.at(2026, 10, 21)
	v = must(t)(f.svc.Close(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Closure{Reason: complaint.ClosedNoReply}))
	assert.Equal(t, complaint.Closed, v.State)
	assert.Equal(t, date(2026, 10, 21), v.Deadlines[0].Met)
	assert.Equal(t, date(2026, 10, 21), v.Exchanges[0].Ended)
	_, err = f.svc.Reopen(f.ctx, complaint.Act{ID: v.ID, By: web}, complaint.Reopening{})
	require.ErrorIs(t, err, complaint.ErrRule, "nothing to contest: a new complaint")

	g := newFixture(t)
	w := g.file(t, desk, pothole())
	w = must(t)(g.svc.Close(g.ctx, complaint.Act{ID: w.ID, By: desk}, complaint.Closure{Reason: complaint.ClosedWithdrawn}))
	assert.Equal(t, complaint.ClosedWithdrawn, w.Public().CloseReason)
	_, err = g.svc.Close(g.ctx, complaint.Act{ID: w.ID, By: desk}, complaint.Closure{Reason: complaint.ClosedWithdrawn})
	require.ErrorIs(t, err, complaint.ErrNotAllowed)
}

// TestForwardOutside: a report on waste goes to AMA, outside the
// administration; its term is met by the forwarding; the desk records
// AMA's reply and closes.
func TestForwardOutside(t *testing.T) {
	f := newFixture(t)
	fl := pothole()
	fl.Category, fl.Summary = "rifiuti", "cassonetto danneggiato"
	v := f.file(t, desk, fl)
	_, err := f.svc.ForwardOutside(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.OutsideForwarding{To: "csimu"})
	require.ErrorIs(t, err, complaint.ErrRule, "csimu is in house")
	f.clock.at(2026, 10, 5)
	v = must(t)(f.svc.ForwardOutside(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.OutsideForwarding{To: "ama", Reference: "AMA-2026-77", Summary: "trasmessa ad AMA S.p.A., competente per la raccolta"}))
	assert.Equal(t, complaint.ForwardedOutside, v.State)
	assert.Equal(t, office.ID("ama"), v.Outside)
	assert.Equal(t, "ama", v.Index().Office)
	assert.Equal(t, date(2026, 10, 5), v.Deadlines[0].Met)
	assert.True(t, v.Due().IsZero())
	assert.Equal(t, "trasmessa ad AMA S.p.A., competente per la raccolta", v.Public().AnswerSummary)
	_, err = f.svc.Answer(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Answer{Outcome: complaint.Resolved, Summary: "x"})
	require.ErrorIs(t, err, complaint.ErrNotAllowed)
	v = must(t)(f.svc.RecordExternalReply(f.ctx, complaint.Act{ID: v.ID, By: web}, complaint.ExternalReply{Text: "svuotato il 6/10", Summary: "cassonetto sostituito"}))
	assert.Equal(t, complaint.ForwardedOutside, v.State)
	v = must(t)(f.svc.Close(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Closure{}))
	assert.Equal(t, complaint.ClosedForwarded, v.CloseReason)
	assert.Equal(t, complaint.PhaseClosed, v.Public().Phase)
}

// TestMerge_DuplicateFollowsMaster: a second report of the same pothole is
// merged into the first; when the master is answered and closed, the
// duplicate's view shows it without any write to the duplicate.
func TestMerge_DuplicateFollowsMaster(t *testing.T) {
	f := newFixture(t)
	master := f.file(t, desk, pothole())
	must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: master.ID, By: desk}, complaint.Assignment{}))
	f.clock.at(2026, 10, 6)
	dupF := pothole()
	dupF.Person = complaint.Person{Email: "anna@example.org"}
	dup := f.file(t, web, dupF)

	_, err := f.svc.Merge(f.ctx, complaint.Act{ID: dup.ID, By: desk}, complaint.Merger{Master: dup.ID})
	require.ErrorIs(t, err, complaint.ErrRule, "not into itself")
	_, err = f.svc.Merge(f.ctx, complaint.Act{ID: dup.ID, By: desk}, complaint.Merger{Master: "ghost"})
	require.ErrorIs(t, err, complaint.ErrNotFound)

	dup = must(t)(f.svc.Merge(f.ctx, complaint.Act{ID: dup.ID, By: desk}, complaint.Merger{Master: master.ID, Note: "stessa buca, 0 m"}))
	assert.Equal(t, complaint.Merged, dup.State)
	assert.Equal(t, master.ID, dup.MergedInto)
	require.NotNil(t, dup.Master)
	assert.Equal(t, complaint.Assigned, dup.Master.State)
	assert.Equal(t, date(2026, 10, 6), dup.Deadlines[0].Met, "the merger meets the duplicate's term")
	assert.Contains(t, dup.Index().Tags, "master:"+string(master.ID))
	assert.True(t, dup.Index().Due.IsZero())

	ids, err := f.svc.Duplicates(f.ctx, master.ID)
	require.NoError(t, err)
	assert.Equal(t, []complaint.ID{dup.ID}, ids)

	// A third report merged into the duplicate lands on the root.
	third := f.file(t, web, pothole())
	third = must(t)(f.svc.Merge(f.ctx, complaint.Act{ID: third.ID, By: desk}, complaint.Merger{Master: dup.ID}))
	assert.Equal(t, master.ID, third.MergedInto)
	_, err = f.svc.Merge(f.ctx, complaint.Act{ID: master.ID, By: desk}, complaint.Merger{Master: dup.ID})
	require.ErrorIs(t, err, complaint.ErrRule, "no cycles: dup's root is master itself")

	f.clock.at(2026, 10, 15)
	must(t)(f.svc.Answer(f.ctx, complaint.Act{ID: master.ID, By: csimu}, complaint.Answer{Outcome: complaint.Resolved, Text: "Gentile signor Rossi", Summary: "buca chiusa il 14/10"}))
	f.clock.at(2026, 10, 16)
	must(t)(f.svc.Close(f.ctx, complaint.Act{ID: master.ID, By: desk}, complaint.Closure{}))

	got, err := f.svc.Get(f.ctx, dup.ID)
	require.NoError(t, err)
	require.NotNil(t, got.Master)
	assert.Equal(t, complaint.Closed, got.Master.State)
	assert.Equal(t, complaint.Resolved, got.Master.Outcome)
	pub := got.Public()
	assert.Equal(t, complaint.Resolved, pub.Outcome, "the duplicate shows the master's outcome")
	assert.Equal(t, date(2026, 10, 15), pub.Answered)
	assert.Equal(t, date(2026, 10, 16), pub.Closed)
	assert.Equal(t, complaint.Closed, pub.MasterState)
	assert.Equal(t, "buca chiusa il 14/10", pub.AnswerSummary)
	assert.Equal(t, 2, got.Version, "nothing was written to the duplicate")
	sr := open311.For(f.svc).Request(got)
	assert.Equal(t, open311.StatusClosed, sr.Status)

	// Separating undoes the merger: the term runs again from its start.
	f.clock.at(2026, 10, 20)
	sep := must(t)(f.svc.Separate(f.ctx, complaint.Act{ID: dup.ID, By: desk}, complaint.Separation{Note: "buca diversa, sul marciapiede opposto"}))
	assert.Equal(t, complaint.Registered, sep.State)
	assert.Empty(t, sep.MergedInto)
	assert.Nil(t, sep.Master)
	assert.Equal(t, date(2026, 10, 21), sep.Due(), "6 Oct + 15 = Wed 21 Oct")
	ids, err = f.svc.Duplicates(f.ctx, master.ID)
	require.NoError(t, err)
	assert.Equal(t, []complaint.ID{third.ID}, ids)
}

func TestMerge_RefusesMasterClosedWithoutAnswer(t *testing.T) {
	f := newFixture(t)
	m := f.file(t, desk, pothole())
	must(t)(f.svc.Close(f.ctx, complaint.Act{ID: m.ID, By: desk}, complaint.Closure{Reason: complaint.ClosedWithdrawn}))
	d := f.file(t, desk, pothole())
	_, err := f.svc.Merge(f.ctx, complaint.Act{ID: d.ID, By: desk}, complaint.Merger{Master: m.ID})
	require.ErrorIs(t, err, complaint.ErrRule)
}

func TestReclassify(t *testing.T) {
	f := newFixture(t)
	v := f.file(t, desk, pothole()) // buche: 15 days
	assert.Equal(t, date(2026, 10, 17), v.Due())
	_, err := f.svc.Reclassify(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Reclassification{Category: "nope"})
	require.ErrorIs(t, err, complaint.ErrInvalid)
	_, err = f.svc.Reclassify(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Reclassification{})
	require.ErrorIs(t, err, complaint.ErrInvalid)
	v = must(t)(f.svc.Reclassify(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Reclassification{
		Category: "marciapiedi", Place: &complaint.Place{Address: "Via Appia Nuova 122", Municipio: 7}, Summary: "marciapiede dissestato"}))
	assert.Equal(t, date(2026, 11, 2), v.Due(), "the term follows the new category, from the same start")
	assert.Equal(t, []string{"strade", "marciapiedi"}, v.CategoryPath)
	assert.Nil(t, v.Place.Point)
	assert.Equal(t, "marciapiede dissestato", v.Public().Summary)
	assert.Equal(t, complaint.Registered, v.State)
}

// TestConflict: two officers act on the same version; the second append
// fails with ErrConflict and nothing is lost or duplicated.
func TestConflict(t *testing.T) {
	f := newFixture(t)
	v := f.file(t, desk, pothole())
	st := &racingStore{Store: f.store}
	svc, err := complaint.NewService(complaint.Config{Calendar: deadline.Rome(), Store: st, Directory: directory(t), Policy: f.svc.Policy(), Now: f.clock.Now})
	require.NoError(t, err)
	st.before = func() {
		st.before = nil
		_, err := f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{To: "mobilita"})
		require.NoError(t, err)
	}
	_, err = svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{To: "csimu"})
	require.ErrorIs(t, err, complaint.ErrConflict)
	got, err := f.svc.Get(f.ctx, v.ID)
	require.NoError(t, err)
	assert.Equal(t, office.ID("mobilita"), got.Office)
	assert.Equal(t, 2, got.Version)
}

// racingStore lets another writer in between a Service's Load and Write.
type racingStore struct {
	complaint.Store
	before func()
}

func (s *racingStore) Write(ctx context.Context, changes ...history.Change[complaint.ID, complaint.Event]) error {
	if s.before != nil {
		s.before()
	}
	return s.Store.Write(ctx, changes...)
}

// tamperingStore edits what Load returns, as a store whose bytes were
// changed behind its back would.
type tamperingStore struct {
	complaint.Store
	edit func(*complaint.Stream)
}

func (s tamperingStore) Load(ctx context.Context, id complaint.ID, after int) (complaint.Stream, error) {
	st, err := s.Store.Load(ctx, id, after)
	if err == nil {
		s.edit(&st)
	}
	return st, err
}

func TestConcurrentActs(t *testing.T) {
	f := newFixture(t)
	const n = 16
	ids := make([]complaint.ID, n)
	for i := range ids {
		ids[i] = f.file(t, desk, pothole()).ID
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	conflicts := 0
	for i := range 2 * n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := f.svc.Assign(f.ctx, complaint.Act{ID: ids[i%n], By: desk}, complaint.Assignment{To: "csimu"})
			if err != nil && !errors.Is(err, complaint.ErrConflict) && !errors.Is(err, complaint.ErrNotAllowed) {
				t.Error(err)
			}
			if err != nil {
				mu.Lock()
				conflicts++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, n, conflicts, "exactly one of the two racing assignments wins")
	for _, id := range ids {
		v, err := f.svc.Get(f.ctx, id)
		require.NoError(t, err)
		assert.Equal(t, 2, v.Version)
	}
}

// TestVerify finds an edited record.
func TestVerify(t *testing.T) {
	f := newFixture(t)
	v := f.file(t, desk, pothole())
	must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{}))
	require.NoError(t, f.svc.Verify(f.ctx, v.ID))

	tampered := tamperingStore{Store: f.store, edit: func(st *complaint.Stream) { st.Records[0].Event.Filed.Person.Email = "falso@example.org" }}
	svc, err := complaint.NewService(complaint.Config{Calendar: deadline.Rome(), Store: tampered, Directory: directory(t), Policy: f.svc.Policy()})
	require.NoError(t, err)
	err = svc.Verify(f.ctx, v.ID)
	require.ErrorIs(t, err, complaint.ErrBroken)
	var be *history.BrokenError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, 1, be.Version)
	require.ErrorIs(t, f.svc.Verify(f.ctx, "ghost"), complaint.ErrNotFound)
}

// TestReplay_RejectsForgedHistories: a history that breaks the lifecycle
// does not replay.
func TestReplay_RejectsForgedHistories(t *testing.T) {
	at := romeTime(2026, 10, 2, 10, 0)
	ev := func(p complaint.Payload) complaint.Event {
		e, err := complaint.NewEvent(p)
		require.NoError(t, err)
		return e
	}
	filed := ev(&complaint.Filed{Kind: complaint.Reclamo, Channel: complaint.Email, Received: at, Description: "x"})
	answer := ev(&complaint.Answer{Outcome: complaint.Founded, Summary: "x"})
	basis := complaint.Lifecycle().Rows()[0].Basis
	extend := func(by office.Actor, evs ...complaint.Event) ([]complaint.Record, error) {
		return history.Extend(history.Head{}, at, deadline.Date{}, by, basis, evs...)
	}
	recs, err := extend(desk, filed, answer)
	require.NoError(t, err)
	_, err = complaint.Replay(recs, deadline.Rome(), complaint.Policy{})
	require.NoError(t, err)

	bad, err := extend(rpct, filed)
	require.NoError(t, err)
	_, err = complaint.Replay(bad, deadline.Rome(), complaint.Policy{})
	require.ErrorIs(t, err, complaint.ErrInvalid, "the RPCT does not file complaints")

	bad, err = extend(desk, answer)
	require.NoError(t, err)
	_, err = complaint.Replay(bad, deadline.Rome(), complaint.Policy{})
	require.ErrorIs(t, err, complaint.ErrInvalid, "a history starts with its filing")

	bad, err = extend(desk, filed, answer, answer)
	require.NoError(t, err)
	_, err = complaint.Replay(bad, deadline.Rome(), complaint.Policy{})
	require.ErrorIs(t, err, complaint.ErrInvalid, "no answer twice")

	_, err = complaint.Replay(nil, deadline.Rome(), complaint.Policy{})
	require.ErrorIs(t, err, complaint.ErrInvalid)
	_, err = complaint.Replay(recs, nil, complaint.Policy{})
	require.ErrorIs(t, err, complaint.ErrInvalid, "no calendar")
	recs[1].Version = 5
	_, err = complaint.Replay(recs, deadline.Rome(), complaint.Policy{})
	require.ErrorIs(t, err, complaint.ErrInvalid)
	_, err = complaint.Replay([]complaint.Record{{Meta: history.Meta{Version: 1, On: date(2026, 10, 2)}, Event: complaint.Event{Type: complaint.EventFiled}}}, deadline.Rome(), complaint.Policy{})
	require.ErrorIs(t, err, complaint.ErrInvalid, "an event without payload")
}

func TestPolicyChangeRecomputes(t *testing.T) {
	f := newFixture(t)
	v := f.file(t, desk, pothole())
	st, err := f.store.Load(f.ctx, v.ID, 0)
	require.NoError(t, err)
	pol := f.svc.Policy()
	tx, err := complaint.NewTaxonomy(complaint.Category{Code: "buche", Label: "Buche", Term: func() *deadline.Term { t := complaint.AnswerTerm(10); return &t }()})
	require.NoError(t, err)
	pol.Taxonomy = tx
	w, err := complaint.ReplayStream(st, deadline.Rome(), pol)
	require.NoError(t, err)
	assert.Equal(t, date(2026, 10, 17), v.Due())
	assert.Equal(t, date(2026, 10, 12), w.Due(), "the same history under a 10-day charter")
}

func TestUnknownActorRole(t *testing.T) {
	f := newFixture(t)
	v := f.file(t, desk, pothole())
	_, err := f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: reader}, complaint.Assignment{To: "csimu"})
	require.ErrorIs(t, err, complaint.ErrForbidden)
	_, err = f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: office.Actor{ID: "x", Role: 99}}, complaint.Assignment{To: "csimu"})
	require.ErrorIs(t, err, complaint.ErrInvalid)
	_, err = f.svc.Assign(f.ctx, complaint.Act{ID: "ghost", By: desk}, complaint.Assignment{To: "csimu"})
	require.ErrorIs(t, err, complaint.ErrNotFound)
	ctx, cancel := context.WithCancel(f.ctx)
	cancel()
	_, err = f.svc.Assign(ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{To: "csimu"})
	require.ErrorIs(t, err, context.Canceled)
	_, err = f.svc.Permitted(f.ctx, "ghost", desk)
	require.ErrorIs(t, err, complaint.ErrNotFound)
	for _, a := range []office.Actor{{}, {ID: "l.bianchi", Office: "ascolto"}, {ID: "x", Role: 99}, {Role: office.FrontOffice}} {
		acts, err := f.svc.Permitted(f.ctx, v.ID, a)
		require.ErrorIs(t, err, complaint.ErrInvalid, "%+v: no act for an actor every act refuses", a)
		assert.Empty(t, acts)
	}
}

func TestClockNeverGoesBack(t *testing.T) {
	f := newFixture(t)
	v := f.file(t, desk, pothole())
	f.clock.Set(v.Updated.Add(-time.Hour))
	v2 := must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{}))
	assert.False(t, v2.Updated.Before(v.Updated), "records are dated in order")
}

// TestWorklist lists what is due by today plus Policy.Soon, overdue first.
func TestWorklist(t *testing.T) {
	f := newFixture(t)
	fl := pothole()
	a := f.file(t, desk, fl) // buche: Sat 17 Oct
	fl.Category = "marciapiedi"
	b := f.file(t, desk, fl) // 30 days: Mon 2 Nov
	fl.Category = "pericolo"
	c := f.file(t, desk, fl) // 2 days: Mon 5 Oct
	must(t)(f.svc.ForwardOutside(f.ctx, complaint.Act{ID: c.ID, By: desk}, complaint.OutsideForwarding{To: "ama"}))
	page, err := f.svc.Worklist(f.ctx, date(2026, 10, 14), "")
	require.NoError(t, err)
	require.Len(t, page.Items, 1, "17 Oct is within 3 days of 14 Oct; c is no longer due")
	assert.Equal(t, a.ID, page.Items[0].ID)
	page, err = f.svc.Worklist(f.ctx, date(2026, 10, 30), "")
	require.NoError(t, err)
	require.Len(t, page.Items, 2)
	assert.Equal(t, []complaint.ID{a.ID, b.ID}, []complaint.ID{page.Items[0].ID, page.Items[1].ID})
	rs, err := f.svc.Reminders(f.ctx, b.ID, date(2026, 10, 30))
	require.NoError(t, err)
	require.Len(t, rs, 1)
	assert.Equal(t, "risposta al cittadino: scade tra 3 giorni (02/11/2026)", rs[0].Text)
	_, err = f.svc.Reminders(f.ctx, "ghost", date(2026, 10, 30))
	require.ErrorIs(t, err, complaint.ErrNotFound)
}

// TestForwardWhileAwaiting: forwarding ends the pending request; a
// suspension of the answer term ends with it.
func TestForwardWhileAwaiting(t *testing.T) {
	f := newFixture(t, func(p *complaint.Policy) { p.SuspendWhileAwaiting = true })
	fl := pothole()
	fl.Category = "marciapiedi"
	v := f.file(t, desk, fl)
	must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{To: "csimu"}))
	f.clock.at(2026, 10, 5)
	must(t)(f.svc.RequestInfo(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.InfoRequest{Question: "quale civico?"}))
	f.clock.at(2026, 10, 8)
	v = must(t)(f.svc.Forward(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.Forwarding{To: "mobilita", Reason: "non di competenza"}))
	_, waiting := v.Awaiting()
	assert.False(t, waiting)
	assert.Equal(t, date(2026, 10, 8), v.Exchanges[0].Ended)
	assert.Equal(t, date(2026, 11, 4), v.Due(), "suspended 5 -> 8 Oct: Sun 1 Nov + 3 = Wed 4 Nov")
	assert.Empty(t, v.Reminders(date(2026, 10, 25), 3), "the citizen's term lapsed with the request")
}
