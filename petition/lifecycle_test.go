package petition_test

import (
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/internal/golden"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
)

func TestLifecycleDOT(t *testing.T) {
	for _, r := range petition.Rome().Kinds {
		t.Run(string(r.Kind), func(t *testing.T) {
			golden.AssertString(t, "lifecycle_"+string(r.Kind)+".dot", petition.Lifecycle(r).DOT())
		})
	}
}

// TestLifecycleTable checks every (state, act) pair of the table: the state
// it leads to, or the refusal.
func TestLifecycleTable(t *testing.T) {
	r, err := petition.Rome().Rules(petition.PropostaDeliberazione)
	require.NoError(t, err)
	tb := petition.Lifecycle(r)
	type cell struct {
		role office.Role
		to   petition.State
	}
	allowed := map[petition.State]map[petition.EventType]cell{
		petition.Draft: {
			petition.EventCollectionOpened: {office.FrontOffice, petition.Collecting},
			petition.EventArchived:         {office.FrontOffice, petition.Archived},
		},
		petition.Collecting: {
			petition.EventSigned:             {office.External, petition.Collecting},
			petition.EventSignatureWithdrawn: {office.FrontOffice, petition.Collecting},
			petition.EventFiled:              {office.External, petition.Filed},
			petition.EventArchived:           {office.FrontOffice, petition.Archived},
		},
		petition.Filed: {
			petition.EventDeclaredAdmissible:   {office.CompetentOffice, petition.Admissible},
			petition.EventDeclaredInadmissible: {office.FrontOffice, petition.Inadmissible},
		},
		petition.Admissible: {
			petition.EventForwarded: {office.FrontOffice, petition.Forwarded},
			petition.EventAnswered:  {office.CompetentOffice, petition.Answered},
		},
		petition.Forwarded: {
			petition.EventForwarded:     {office.FrontOffice, petition.Forwarded},
			petition.EventReplyRecorded: {office.CompetentOffice, petition.Forwarded},
			petition.EventAnswered:      {office.CompetentOffice, petition.Answered},
		},
		petition.Inadmissible: {petition.EventArchived: {office.FrontOffice, petition.Archived}},
		petition.Answered:     {petition.EventArchived: {office.FrontOffice, petition.Archived}},
		petition.Archived:     {},
	}
	for state, acts := range allowed {
		for _, act := range petition.EventTypes() {
			c, ok := acts[act]
			next, err := tb.Check(state, act, c.role)
			if !ok {
				require.ErrorIs(t, err, petition.ErrNotAllowed, "%s in %s", act, state)
				continue
			}
			require.NoError(t, err, "%s in %s by %s", act, state, c.role)
			assert.Equal(t, c.to, next, "%s in %s", act, state)
		}
	}
	// Roles.
	for _, c := range []struct {
		state petition.State
		act   petition.EventType
		role  office.Role
	}{
		{petition.Filed, petition.EventDeclaredAdmissible, office.External},
		{petition.Admissible, petition.EventAnswered, office.FrontOffice},
		{petition.Admissible, petition.EventForwarded, office.CompetentOffice},
		{petition.Collecting, petition.EventSigned, office.CompetentOffice},
		{petition.Answered, petition.EventArchived, office.External},
		{petition.Forwarded, petition.EventReplyRecorded, office.External},
	} {
		_, err := tb.Check(c.state, c.act, c.role)
		require.ErrorIs(t, err, petition.ErrForbidden, "%s in %s by %s", c.act, c.state, c.role)
	}
	assert.Equal(t, []petition.EventType{petition.EventSigned, petition.EventSignatureWithdrawn, petition.EventFiled},
		tb.Permitted(petition.Collecting, office.External))
	// The zero or an undeclared role may do nothing; Acts lists a state's
	// acts whoever performs them.
	assert.Empty(t, tb.Permitted(petition.Collecting, 0))
	assert.Empty(t, tb.Permitted(petition.Forwarded, office.Role(99)))
	assert.Equal(t, []petition.EventType{petition.EventSigned, petition.EventSignatureWithdrawn, petition.EventFiled, petition.EventArchived},
		tb.Acts(petition.Collecting), "the portal's acts and the desk's archiving")
}

// A whole petition through the Service: filed, checked, forwarded to two
// offices at once, one reply, answered (the other request superseded),
// archived; with every refusal on the way.
func TestServiceLifecycle(t *testing.T) {
	filed := day(2026, time.March, 2)
	f := newFixture(t, romePolicy(), filed)
	id := f.draftOpen(petition.InterrogazionePopolare, petition.Sindaco, "mobilità")
	f.signAll(id, sigs(31, 200, filed))

	_, err := f.svc.DeclareAdmissible(f.ctx, petition.Act{ID: id, By: desk}, petition.Admission{})
	require.ErrorIs(t, err, petition.ErrNotAllowed, "not filed yet")
	p, err := f.svc.File(f.ctx, petition.Act{ID: id, By: desk}, petition.Filing{Protocol: " RC/2026/77 "})
	require.NoError(t, err)
	assert.Equal(t, "RC/2026/77", p.Protocol)
	assert.Equal(t, filed, p.Index().Received)

	_, err = f.svc.Forward(f.ctx, petition.Act{ID: id, By: desk}, petition.Forwarding{Requests: []petition.Request{{Office: "dip-mobilita", Question: "q"}}})
	require.ErrorIs(t, err, petition.ErrNotAllowed, "admissibility first")
	_, err = f.svc.DeclareAdmissible(f.ctx, petition.Act{ID: id, By: portal}, petition.Admission{})
	require.ErrorIs(t, err, petition.ErrForbidden)
	p, err = f.svc.DeclareAdmissible(f.ctx, petition.Act{ID: id, By: desk}, petition.Admission{Note: "requisiti verificati"})
	require.NoError(t, err)
	assert.Equal(t, petition.Admissible, p.State)

	f.clock.set(day(2026, time.March, 4))
	_, err = f.svc.Forward(f.ctx, petition.Act{ID: id, By: desk}, petition.Forwarding{Requests: []petition.Request{{Office: "dip-ignoto", Question: "q"}}})
	require.ErrorIs(t, err, petition.ErrInvalidEvent)
	require.ErrorIs(t, err, office.ErrUnknownOffice)
	_, err = f.svc.Forward(f.ctx, petition.Act{ID: id, By: desk}, petition.Forwarding{Requests: []petition.Request{{Office: "dip-mobilita", Question: " "}}})
	require.ErrorIs(t, err, petition.ErrInvalidEvent)
	_, err = f.svc.Forward(f.ctx, petition.Act{ID: id, By: desk}, petition.Forwarding{Requests: []petition.Request{{Office: "dip-mobilita", Question: "a"}, {Office: "dip-mobilita", Question: "b"}}})
	require.ErrorIs(t, err, petition.ErrInvalidEvent, "one office twice in a forwarding")
	p, err = f.svc.Forward(f.ctx, petition.Act{ID: id, By: desk}, petition.Forwarding{Requests: []petition.Request{{Office: "dip-mobilita", Question: "dati sui flussi di traffico"}, {Office: "dip-lavori-pubblici", Question: "cronoprogramma dei lavori", Days: 10}}})
	require.NoError(t, err)
	assert.Equal(t, petition.Forwarded, p.State)
	require.Len(t, p.Requests, 2)
	// 15 days [P] from 4 March: 19 March (Thursday). 10 days: 14 March (Saturday, stays).
	assert.Equal(t, day(2026, time.March, 19), p.Requests[0].Due)
	assert.Equal(t, day(2026, time.March, 14), p.Requests[1].Due)
	require.Len(t, p.Deadlines, 3)
	assert.Equal(t, day(2026, time.May, 2), p.Deadlines[0].Due)
	assert.Equal(t, day(2026, time.March, 14), p.NextDue())
	assert.Contains(t, p.Index().Tags, "request:dip-mobilita")
	assert.Contains(t, p.Index().Tags, "request:dip-lavori-pubblici")
	_, err = f.svc.Forward(f.ctx, petition.Act{ID: id, By: desk}, petition.Forwarding{Requests: []petition.Request{{Office: "dip-mobilita", Question: "sollecito"}}})
	require.ErrorIs(t, err, petition.ErrInvalidEvent, "a pending request is not asked again")

	f.clock.set(day(2026, time.March, 12))
	_, err = f.svc.RecordReply(f.ctx, petition.Act{ID: id, By: works}, petition.Reply{Request: 1, Summary: "x"})
	require.ErrorIs(t, err, petition.ErrForbidden, "an office replies only for itself")
	_, err = f.svc.RecordReply(f.ctx, petition.Act{ID: id, By: mobility}, petition.Reply{Request: 3, Summary: "x"})
	require.ErrorIs(t, err, petition.ErrInvalidEvent)
	p, err = f.svc.RecordReply(f.ctx, petition.Act{ID: id, By: mobility}, petition.Reply{Request: 1, Summary: "flussi in calo"})
	require.NoError(t, err)
	assert.Equal(t, day(2026, time.March, 12), p.Requests[0].Replied)
	assert.Equal(t, day(2026, time.March, 12), p.Deadlines[1].Met)
	_, err = f.svc.RecordReply(f.ctx, petition.Act{ID: id, By: desk}, petition.Reply{Request: 1, Summary: "again"})
	require.ErrorIs(t, err, petition.ErrInvalidEvent, "already replied")

	rem := p.Reminders(day(2026, time.March, 12), 7)
	require.Len(t, rem, 3)
	assert.Equal(t, "risposta scritta del Sindaco: scade fra 51 giorni (02/05/2026)", rem[0].Text)
	assert.Equal(t, "riscontro dell'ufficio competente (dip-mobilita): adempiuto il 12/03/2026 (19/03/2026)", rem[1].Text)
	assert.Equal(t, "riscontro dell'ufficio competente (dip-lavori-pubblici): scade fra 2 giorni (14/03/2026)", rem[2].Text)
	rem = p.Reminders(day(2026, time.March, 16), 7)
	assert.Equal(t, deadline.Overdue, rem[2].Status.State)
	assert.Equal(t, "riscontro dell'ufficio competente (dip-lavori-pubblici): scaduto da 2 giorni (14/03/2026)", rem[2].Text)

	f.clock.set(day(2026, time.April, 20))
	_, err = f.svc.Answer(f.ctx, petition.Act{ID: id, By: desk}, petition.Answer{Outcome: petition.Replied, Summary: "s"})
	require.ErrorIs(t, err, petition.ErrForbidden, "the desk does not answer for the Mayor")
	_, err = f.svc.Answer(f.ctx, petition.Act{ID: id, By: mobility}, petition.Answer{Outcome: petition.Replied, Summary: "s"})
	require.ErrorIs(t, err, petition.ErrForbidden, "only the Mayor's secretariat answers")
	_, err = f.svc.Answer(f.ctx, petition.Act{ID: id, By: secretariat}, petition.Answer{Outcome: "boh", Summary: "s"})
	require.ErrorIs(t, err, petition.ErrInvalidEvent)
	p, err = f.svc.Answer(f.ctx, petition.Act{ID: id, By: secretariat}, petition.Answer{Outcome: petition.Replied,
		Summary: "Il Sindaco illustra il piano della mobilità", Act: "prot. RC/2026/999"})
	require.NoError(t, err)
	assert.Equal(t, petition.Answered, p.State)
	assert.True(t, p.Requests[1].Superseded)
	require.Len(t, p.Deadlines, 2, "the superseded request no longer runs")
	assert.Equal(t, day(2026, time.April, 20), p.Deadlines[0].Met)
	assert.Equal(t, deadline.Met, p.Deadlines[0].Status(day(2026, time.April, 20), 7).State)
	assert.True(t, p.NextDue().IsZero())
	assert.NotContains(t, p.Index().Tags, "request:dip-lavori-pubblici")

	_, err = f.svc.Archive(f.ctx, petition.Act{ID: id, By: desk}, petition.Archiving{Reason: " "})
	require.ErrorIs(t, err, petition.ErrInvalidEvent)
	p, err = f.svc.Archive(f.ctx, petition.Act{ID: id, By: desk}, petition.Archiving{Reason: "conclusa"})
	require.NoError(t, err)
	assert.Equal(t, petition.Archived, p.State)
	perm, err := f.svc.Permitted(f.ctx, id, desk)
	require.NoError(t, err)
	assert.Empty(t, perm)

	h := mustHistory(t, f, id)
	again, err := petition.Replay(id, h, deadline.Rome(), romePolicy())
	require.NoError(t, err)
	assert.Equal(t, p, again, "the Service's view is the fold of the history")
	assert.Equal(t, law.Cite("L. 241/1990", "6", "1").WithLetter("b"), h[len(h)-4].Basis, "forwarding cites art. 6 L. 241/1990")
}

func TestInadmissibleWithReason(t *testing.T) {
	today := day(2026, time.March, 2)
	f := newFixture(t, romePolicy(), today)
	id := f.draftOpen(petition.Petizione, petition.AssembleaCapitolina, "")
	f.signAll(id, sigs(1, 3, today))
	_, err := f.svc.File(f.ctx, petition.Act{ID: id, By: desk}, petition.Filing{})
	require.NoError(t, err)
	_, err = f.svc.DeclareInadmissible(f.ctx, petition.Act{ID: id, By: desk}, petition.Refusal{})
	require.ErrorIs(t, err, petition.ErrInvalidEvent, "a reason is required")
	ground := law.Cite("Statuto Roma Capitale", "8", "6")
	p, err := f.svc.DeclareInadmissible(f.ctx, petition.Act{ID: id, By: assembly}, petition.Refusal{Reason: "materia estranea alle competenze", Ground: ground})
	require.NoError(t, err)
	assert.Equal(t, petition.Inadmissible, p.State)
	assert.False(t, p.Admissible)
	assert.Equal(t, ground, p.Refusal.Ground)
	pub := p.Public(today, 7)
	assert.Equal(t, "materia estranea alle competenze", pub.Grounds)
	_, err = f.svc.Answer(f.ctx, petition.Act{ID: id, By: assembly}, petition.Answer{Outcome: petition.Replied, Summary: "x"})
	require.ErrorIs(t, err, petition.ErrNotAllowed)
	p, err = f.svc.Archive(f.ctx, petition.Act{ID: id, By: desk}, petition.Archiving{Reason: "inammissibile"})
	require.NoError(t, err)
	assert.Equal(t, petition.Archived, p.State)
}

func TestDraftGuards(t *testing.T) {
	f := newFixture(t, romePolicy(), day(2026, time.March, 2))
	reg := petition.Registration{Kind: petition.InterrogazionePopolare, Addressee: petition.Sindaco, Channel: petition.PEC,
		Subject: "oggetto", Promoters: []petition.Person{{FamilyName: "Promotore"}}}
	for name, c := range map[string]struct {
		change func(*petition.Registration)
		actor  office.Actor
		err    error
	}{
		"addressed to a body the kind cannot reach": {func(r *petition.Registration) { r.Addressee = petition.GiuntaCapitolina }, desk, petition.ErrRule},
		"unknown kind":      {func(r *petition.Registration) { r.Kind = "referendum" }, desk, petition.ErrInvalidEvent},
		"unknown addressee": {func(r *petition.Registration) { r.Addressee = "papa" }, desk, petition.ErrInvalidEvent},
		"no subject":        {func(r *petition.Registration) { r.Subject = "" }, desk, petition.ErrInvalidEvent},
		"no promoters":      {func(r *petition.Registration) { r.Promoters = nil }, desk, petition.ErrInvalidEvent},
		"unknown channel":   {func(r *petition.Registration) { r.Channel = "piccione" }, desk, petition.ErrInvalidEvent},
		"bad promoter code": {func(r *petition.Registration) { r.Promoters[0].CodiceFiscale = "X" }, desk, codicefiscale.ErrInvalid},
		"competent office":  {func(*petition.Registration) {}, mobility, petition.ErrForbidden},
		"actor without ID":  {func(*petition.Registration) {}, office.Actor{Role: office.FrontOffice}, petition.ErrInvalid},
	} {
		t.Run(name, func(t *testing.T) {
			r := reg
			r.Promoters = []petition.Person{{FamilyName: "Promotore"}}
			c.change(&r)
			_, err := f.svc.Draft(f.ctx, petition.Act{By: c.actor}, r)
			require.ErrorIs(t, err, c.err)
		})
	}
	p, err := f.svc.Draft(f.ctx, petition.Act{ID: "RC-2026-1", By: desk}, reg)
	require.NoError(t, err)
	assert.Equal(t, petition.ID("RC-2026-1"), p.ID)
	_, err = f.svc.Draft(f.ctx, petition.Act{ID: "RC-2026-1", By: desk}, reg)
	require.ErrorIs(t, err, petition.ErrExists)
	_, err = f.svc.Sign(f.ctx, petition.Act{ID: "nope", By: desk}, petition.Batch{Signatures: sigs(1, 1, day(2026, time.March, 2))})
	require.ErrorIs(t, err, petition.ErrNotFound)
	_, err = f.svc.Get(f.ctx, "nope")
	require.ErrorIs(t, err, petition.ErrNotFound)
}

func TestNewServiceConfig(t *testing.T) {
	_, err := petition.NewService(petition.Config{})
	require.ErrorIs(t, err, petition.ErrInvalidEvent)
	bad := petition.Rome().WithBody(petition.Body{ID: petition.Sindaco, Name: "Sindaco", Secretariat: "ghost"})
	_, err = petition.NewService(petition.Config{Store: petition.NewMemoryStore(), Directory: directory(t), Calendar: deadline.Rome(), Policy: bad})
	require.ErrorIs(t, err, petition.ErrInvalidEvent)
	_, err = petition.NewService(petition.Config{Store: petition.NewMemoryStore(), Directory: directory(t)})
	require.ErrorIs(t, err, petition.ErrInvalid, "the calendar is required: no default")
	svc, err := petition.NewService(petition.Config{Store: petition.NewMemoryStore(), Directory: directory(t), Calendar: deadline.Rome()})
	require.NoError(t, err)
	assert.Equal(t, "Roma Capitale", svc.Policy().Administration, "Rome is the default policy")
	p, err := svc.Draft(t.Context(), petition.Act{By: desk}, petition.Registration{Kind: petition.Petizione, Addressee: petition.Sindaco,
		Channel: petition.Online, Subject: "s", Promoters: []petition.Person{{FamilyName: "P"}}})
	require.NoError(t, err)
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, string(p.ID))
}
