package access_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
)

var substitute = office.Actor{ID: "segretario", Role: office.Substitute, Office: "segretariato"}

// TestArt2c9terL241_SubstituteDecidesInHalfTheTerm: the applicant asks the
// titolare del potere sostitutivo once the 30 days passed without a
// decision, and it concludes within half of them (art. 2 c. 9-ter L.
// 241/1990); a late decision states the term due and the time taken (c.
// 9-quinquies). Calendar of 2026, by hand: filed Monday 02/03; 30 days
// (March has 31) end Wednesday 01/04, not a holiday. Asked on 01/04, the
// last day of the term: refused. Asked Thursday 02/04: 15 days end Friday
// 17/04 (Easter Monday 06/04 inside the term counts). Decided by the
// substitute Monday 20/04: 3 days after its own term; 49 days taken (29
// left in March after the 2nd, plus 20), 19 after 01/04.
func TestArt2c9terL241_SubstituteDecidesInHalfTheTerm(t *testing.T) {
	for _, k := range access.Kinds() {
		t.Run(string(k), func(t *testing.T) {
			e := newEnv(t, access.Policy{Substitute: access.Substitute{Title: "Segretario Generale", Office: "segretariato",
				Source: access.DefaultSubstitute().Source}})
			id := e.file(k).ID
			e.at(2026, time.April, 1)
			_, err := e.svc.RequestSubstitute(ctxBg, e.act(id, outer), access.SubstituteRequest{Means: "PEC"})
			require.ErrorIs(t, err, access.ErrRule, "on the last day of the term the substitute may not be asked yet")

			e.at(2026, time.April, 2)
			r := e.must(e.svc.RequestSubstitute(ctxBg, e.act(id, outer), access.SubstituteRequest{Means: "PEC"}))
			require.NotNil(t, r.Substitute)
			assert.Equal(t, day(2026, 4, 2), r.Substitute.Requested)
			assert.Equal(t, day(2026, 4, 17), r.Substitute.Due)
			d, ok := r.Deadline(access.DeadlineSubstitute)
			require.True(t, ok)
			assert.Equal(t, 15, d.Explanation.Term.Length)
			assert.Contains(t, d.Explanation.String(), "art. 2 c. 9-ter L. 241/1990")
			assert.Contains(t, d.Explanation.Term.Name, "metà del termine originario di 30 giorni")
			assert.True(t, access.DeadlineSubstitute.Obligation())
			assert.Equal(t, day(2026, 4, 1), r.NextDue(), "the original term, passed and unmet, stays the first obligation")
			_, err = e.svc.RequestSubstitute(ctxBg, e.act(id, outer), access.SubstituteRequest{})
			require.ErrorIs(t, err, access.ErrRule, "asked once")

			e.at(2026, time.April, 20)
			_, err = e.svc.DecideAsSubstitute(ctxBg, e.act(id, office.Actor{ID: "x", Role: office.Substitute, Office: "urbanistica"}), acceptance(k))
			require.ErrorIs(t, err, access.ErrForbidden, "only the named substitute's office")
			_, err = e.svc.DecideAsSubstitute(ctxBg, e.act(id, comp), acceptance(k))
			require.ErrorIs(t, err, access.ErrForbidden, "the competent office decides with Decide, not in the substitute's place")
			r = e.must(e.svc.DecideAsSubstitute(ctxBg, e.act(id, substitute), acceptance(k)))
			assert.Equal(t, access.StateDecided, r.State)
			assert.True(t, r.Decision.BySubstitute)
			assert.True(t, r.Substitute.BySubstitute)
			assert.True(t, r.Substitute.Late)
			assert.Equal(t, day(2026, 4, 20), r.Substitute.Concluded)

			l := r.LateDecision
			require.NotNil(t, l, "a late decision states the term and the time taken")
			assert.Equal(t, access.LateStatement{Term: l.Term, From: day(2026, 3, 2), Due: day(2026, 4, 1), Decided: day(2026, 4, 20),
				DaysTaken: 49, DaysLate: 19, Source: l.Source}, *l)
			assert.Equal(t, 30, l.Term.Length)
			assert.Equal(t, "9-quinquies", l.Source.Comma)
			assert.Contains(t, l.Italian(), "Termine previsto: 30 giorni")
			assert.Contains(t, l.Italian(), "termine effettivamente impiegato: 49 giorni, con provvedimento del 20/04/2026, 19 giorni oltre la scadenza (art. 2 c. 9-quinquies L. 241/1990)")
		})
	}
}

// acceptance is an acceptance valid for kind k.
func acceptance(k access.Kind) access.Ruling {
	ru := access.Ruling{Outcome: access.Accepted}
	if k == access.Documentale {
		ru.Viewing = viewAt
	}
	return ru
}

// TestArt2c9terL241_CompetentOfficeConcludesAfterTheRequest: the
// substitute concludes "attraverso le strutture competenti": the competent
// office's own decision within the 15 days meets the substitute's term.
// 2026: filed 02/03, due 01/04; substitute asked 03/04, due 18/04
// (Saturday: an administrative term is not extended to Monday); decided
// by the office 10/04, 9 days late on 01/04 (39 days taken).
func TestArt2c9terL241_CompetentOfficeConcludesAfterTheRequest(t *testing.T) {
	e := newEnv(t, access.Policy{})
	id := e.file(access.Generalizzato).ID
	e.at(2026, time.April, 3)
	e.must(e.svc.RequestSubstitute(ctxBg, e.act(id, front), access.SubstituteRequest{}))
	e.at(2026, time.April, 10)
	r := e.must(e.svc.Decide(ctxBg, e.act(id, comp), access.Ruling{Outcome: access.Accepted}))
	assert.Equal(t, day(2026, 4, 18), r.Substitute.Due)
	assert.False(t, r.Substitute.Late)
	assert.False(t, r.Substitute.BySubstitute)
	d, _ := r.Deadline(access.DeadlineSubstitute)
	assert.Equal(t, deadline.Met, d.Status(day(2026, 4, 20), 3).State)
	require.NotNil(t, r.LateDecision)
	assert.Equal(t, 39, r.LateDecision.DaysTaken)
	assert.Equal(t, 9, r.LateDecision.DaysLate)

	in := e.file(access.Generalizzato)
	_, err := e.svc.DecideAsSubstitute(ctxBg, e.act(in.ID, substitute), access.Ruling{Outcome: access.Accepted})
	require.Error(t, err, "the substitute acts on the applicant's request only")
	assert.Nil(t, in.LateDecision, "no statement without a late decision")
}

// TestArt5c3DLgs33_SimpleCivicAccessHasNoReview: in accesso civico
// semplice the RPCT answers the request (art. 5 c. 3 lett. d D.Lgs.
// 33/2013), so no review to the RPCT is offered nor accepted; the receipt
// names the substitute for delay, and the TAR and the difensore civico.
func TestArt5c3DLgs33_SimpleCivicAccessHasNoReview(t *testing.T) {
	e := newEnv(t, access.Policy{})
	r := e.file(access.CivicoSemplice)
	rc := e.svc.Receipt(r).Text
	assert.NotContains(t, rc, "riesame")
	assert.Contains(t, rc, "titolare del potere sostitutivo")
	assert.Contains(t, rc, "entro 15 giorni")
	assert.Contains(t, rc, "TAR")
	assert.Contains(t, rc, "difensore civico")
	assert.NotContains(t, r.Permitted(office.External), access.EventReviewFiled)

	e.at(2026, time.April, 2)
	_, err := e.svc.FileReview(ctxBg, e.act(r.ID, outer), access.RemedyRequest{})
	require.ErrorIs(t, err, access.ErrRule)
	var re *access.RuleError
	require.True(t, errors.As(err, &re))
	assert.Equal(t, "5", re.Rule.Article)
	got, err := e.svc.Permitted(ctxBg, r.ID, outer)
	require.NoError(t, err)
	assert.Contains(t, got, access.EventSubstituteRequested, "after the term, the substitute is offered")
	assert.NotContains(t, got, access.EventReviewFiled)
	r = e.must(e.svc.RequestSubstitute(ctxBg, e.act(r.ID, outer), access.SubstituteRequest{}))
	assert.Equal(t, day(2026, 4, 17), r.Substitute.Due)
	_, ok := r.Deadline(access.DeadlineReviewFiling)
	assert.False(t, ok, "no review term on simple civic access")

	g := e.file(access.Generalizzato)
	assert.True(t, strings.Contains(e.svc.Receipt(g).Text, "riesame"), "the FOIA keeps its review")
	_, err = e.svc.Decide(ctxBg, e.act(g.ID, rpct), access.Ruling{Outcome: access.Accepted})
	require.ErrorIs(t, err, access.ErrForbidden, "the RPCT does not decide a FOIA request, it reviews it")

	// The RPCT answers simple civic access itself, whatever office holds it.
	s := e.file(access.CivicoSemplice)
	s = e.must(e.svc.Decide(ctxBg, e.act(s.ID, rpct), access.Ruling{Outcome: access.Accepted}))
	assert.Equal(t, access.StateDecided, s.State)
}
