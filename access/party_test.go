package access_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/procedure"
)

// acceptedDespiteOpposition files a generalizzato request on Monday 2 March
// 2026 whose one counter-interested party, notified on 10 March, receives
// the notice on 12 March and opposes on 13 March; the office accepts on 30
// March and the party receives the acceptance on 1 April.
func acceptedDespiteOpposition(t *testing.T) (*env, access.ID) {
	e := newEnv(t, access.Policy{})
	id := e.file(access.Generalizzato).ID
	e.at(2026, 3, 10).must(e.svc.NotifyCounterInterested(ctxBg, e.act(id, front), access.Notification{Parties: []access.Person{{Name: "Mario", Surname: "Neri"}}}))
	e.at(2026, 3, 12).must(e.svc.RecordNoticeReceipt(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
	e.at(2026, 3, 13).must(e.svc.RecordOpposition(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
	e.at(2026, 3, 30).must(e.svc.Decide(ctxBg, e.act(id, comp), access.Ruling{Outcome: access.Accepted}))
	e.at(2026, 4, 1).must(e.svc.RecordAcceptanceReceipt(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
	return e, id
}

// The counter-interested party's remedies against an acceptance (art. 5 c.
// 9 D.Lgs. 33/2013): the review "ai sensi del comma 7" (the RPCT's 20 days,
// suspended up to 10 days while the Garante is heard when the party
// invokes its personal data) and the recourse to the difensore civico "ai
// sensi del comma 8" (30 days). Review filed Thursday 2 April 2026.
func TestArt5c9_PartyRemedyTerms(t *testing.T) {
	for _, c := range []struct {
		name      string
		interests []access.GroundCode
		steps     func(e *env, id access.ID)
		kind      access.DeadlineKind
		due       deadline.Date
		steps2    int // suspension steps in the explanation
	}{
		{"review: 2 April + 20 days = Wednesday 22 April", nil, nil, access.DeadlineReview, day(2026, 4, 22), 0},
		{"review on personal data, Garante asked 7 April, answers 14 April: 7 days → 29 April",
			[]access.GroundCode{"d33-5bis-2-a"}, func(e *env, id access.ID) {
				e.at(2026, 4, 7).must(e.svc.ConsultGarante(ctxBg, e.act(id, rpct), access.Note{Text: "richiesta di parere"}))
				e.at(2026, 4, 14).must(e.svc.RecordGaranteOpinion(ctxBg, e.act(id, outer), access.Note{Text: "parere"}))
			}, access.DeadlineReview, day(2026, 4, 29), 1},
		{"review on personal data, Garante silent: at most 10 days → Saturday 2 May (administrative: not moved)",
			[]access.GroundCode{"d33-5bis-2-a", "d33-5bis-2-c"}, func(e *env, id access.ID) {
				e.at(2026, 4, 7).must(e.svc.ConsultGarante(ctxBg, e.act(id, rpct), access.Note{}))
			}, access.DeadlineReview, day(2026, 5, 2), 1},
		{"the Garante's own 10 days: 7 April → Friday 17 April",
			[]access.GroundCode{"d33-5bis-2-a"}, func(e *env, id access.ID) {
				e.at(2026, 4, 7).must(e.svc.ConsultGarante(ctxBg, e.act(id, rpct), access.Note{}))
			}, access.DeadlineGarante, day(2026, 4, 17), 0},
		{"review rejected 20 April, difensore civico 24 April: + 30 = Sunday 24 May → Monday 25 May",
			nil, func(e *env, id access.ID) {
				e.at(2026, 4, 20).must(e.svc.DecideReview(ctxBg, e.act(id, rpct), access.ReviewRuling{Outcome: access.Refused, Summary: "opposizione infondata"}))
				e.at(2026, 4, 24).must(e.svc.FileOmbudsman(ctxBg, e.act(id, outer), access.RemedyRequest{Party: 1}))
			}, access.DeadlineOmbudsman, day(2026, 5, 25), 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			e, id := acceptedDespiteOpposition(t)
			r := e.at(2026, 4, 2).must(e.svc.FileReview(ctxBg, e.act(id, outer), access.RemedyRequest{Party: 1, Interests: c.interests}))
			require.Len(t, r.Review.Interests, len(c.interests))
			if c.steps != nil {
				c.steps(e, id)
			}
			r, err := e.svc.Get(ctxBg, id)
			require.NoError(t, err)
			d, ok := r.Deadline(c.kind)
			require.True(t, ok, "%v", listing(r))
			assert.Equal(t, c.due, d.Due)
			assert.Equal(t, "9", d.Explanation.Term.Source.Comma, "cites art. 5 c. 9: %s", d.Explanation)
			assert.Contains(t, d.Explanation.Term.Name, "controinteressato n. 1")
			n := 0
			for _, s := range d.Explanation.Steps {
				if s.Action == deadline.ActionSuspension {
					n++
					assert.LessOrEqual(t, s.Days, 10)
				}
			}
			assert.Equal(t, c.steps2, n, "%s", d.Explanation)
		})
	}
}

// The Garante is heard on a party's review only when the party invokes the
// protection of personal data (art. 5 c. 7, via c. 9); a party's interests
// are private interests of art. 5-bis c. 2, stated by the party only.
func TestArt5c9_PartyReviewInterests(t *testing.T) {
	e, id := acceptedDespiteOpposition(t)
	v := e.version(id)
	_, err := e.at(2026, 4, 2).svc.FileReview(ctxBg, e.act(id, outer), access.RemedyRequest{Party: 1, Interests: []access.GroundCode{"d33-5bis-1-a"}})
	require.ErrorIs(t, err, access.ErrRule, "public interests are not the party's to invoke")
	_, err = e.svc.FileReview(ctxBg, e.act(id, outer), access.RemedyRequest{Party: 1, Interests: []access.GroundCode{"nope"}})
	require.ErrorIs(t, err, access.ErrRule)
	assert.Equal(t, v, e.version(id))
	r := e.must(e.svc.FileReview(ctxBg, e.act(id, outer), access.RemedyRequest{Party: 1, Interests: []access.GroundCode{"d33-5bis-2-c"}}))
	assert.Equal(t, "d33-5bis-2-c", string(r.Review.Interests[0].Code))
	_, err = e.at(2026, 4, 7).svc.ConsultGarante(ctxBg, e.act(id, rpct), access.Note{})
	require.ErrorIs(t, err, access.ErrRule, "commercial interests: no Garante")

	// The requester states no interests: its review is against a refusal.
	e2 := newEnv(t, access.Policy{})
	id2 := e2.file(access.Generalizzato).ID
	e2.at(2026, 3, 16).must(e2.svc.Decide(ctxBg, e2.act(id2, comp), refusal(access.Refused, "d33-5bis-1-a")))
	_, err = e2.svc.FileReview(ctxBg, e2.act(id2, outer), access.RemedyRequest{Interests: []access.GroundCode{"d33-5bis-2-a"}})
	require.ErrorIs(t, err, access.ErrInvalid)
}

// When the difensore civico finds a party's recourse founded, the law sets
// no term for the administration to confirm its acceptance (art. 5 c. 8
// speaks of a refusal): no "conferma motivata del diniego" and no day from
// which access is allowed are derived [P]; if the administration then
// withdraws the acceptance, access is refused.
func TestArt5c9_PartyOmbudsmanFindingHasNoConfirmationTerm(t *testing.T) {
	e, id := acceptedDespiteOpposition(t)
	e.at(2026, 4, 2).must(e.svc.FileOmbudsman(ctxBg, e.act(id, outer), access.RemedyRequest{Party: 1}))
	r := e.at(2026, 4, 20).must(e.svc.RecordOmbudsmanOutcome(ctxBg, e.act(id, outer), access.OmbudsmanRuling{Outcome: access.OmbudsmanUnlawful, Summary: "accoglimento non motivato"}))
	_, ok := r.Deadline(access.DeadlineConfirmation)
	assert.False(t, ok, "%v", listing(r))
	assert.True(t, r.Ombudsman.AccessFrom.IsZero())
	r = e.at(2026, 4, 22).must(e.svc.AnswerOmbudsman(ctxBg, e.act(id, comp), access.AdministrationAnswer{Confirm: false}))
	_, ok = r.Deadline(access.DeadlineReleaseFrom)
	assert.False(t, ok, "the acceptance is withdrawn: %v", listing(r))
	_, err := e.svc.Release(ctxBg, e.act(id, comp), access.Release{Urgency: "urgente"})
	require.ErrorIs(t, err, access.ErrRule)
}

// A party's appeal granted by the court (art. 116 c.p.a., via art. 5 c. 9)
// annuls the acceptance: no release, no "not before" date.
func TestArt116CPA_PartyAppealGrantedRefusesAccess(t *testing.T) {
	e, id := acceptedDespiteOpposition(t)
	e.at(2026, 4, 10).must(e.svc.FileAppeal(ctxBg, e.act(id, outer), access.RemedyRequest{Party: 1, Court: "TAR Lazio"}))
	r := e.at(2026, 6, 30).must(e.svc.RecordAppealOutcome(ctxBg, e.act(id, outer), access.AppealRuling{Outcome: access.AppealAccepted}))
	_, ok := r.Deadline(access.DeadlineReleaseFrom)
	assert.False(t, ok, "%v", listing(r))
	assert.True(t, r.Index().Due.IsZero())
}

// A party's 10 days to oppose run from its receipt of the notice (art. 3
// c. 2 DPR 184/2006; art. 5 c. 5 D.Lgs. 33/2013): no act granting access
// is allowed while the receipt of a party that has not opposed is
// unrecorded, even when the window estimated from the sending has closed.
// Filed 2 March 2026; notice sent Tuesday 10 March: estimated window 10+10
// = Friday 20 March. The party received it on Wednesday 18 March (recorded
// later): 18+10 = Saturday 28 March (administrative: Saturday does not
// move it), so access may be granted from Sunday 29 March.
func TestArt3c2DPR184Art5c5_GrantNeedsRecordedReceipt(t *testing.T) {
	for _, kind := range []access.Kind{access.Generalizzato, access.Documentale} {
		rule := map[access.Kind][2]string{access.Generalizzato: {"5", "5"}, access.Documentale: {"3", "2"}}[kind]
		accept := access.Ruling{Outcome: access.Accepted, Summary: "accesso consentito"}
		partial := access.Ruling{Outcome: access.PartiallyAccepted, Grounds: []access.GroundCode{"d33-5bis-2-a"}, Reasons: "dati di terzi oscurati", Summary: "dati di terzi oscurati"}
		if kind == access.Documentale {
			accept.Viewing = viewAt
			partial.Viewing, partial.Grounds = viewAt, []access.GroundCode{"l241-24-6-d"}
		}
		for _, c := range []struct {
			name    string
			decided deadline.Date
			receipt deadline.Date // zero: never recorded
			ruling  access.Ruling
			refused bool
		}{
			{"acceptance on 21 March, receipt never recorded: refused", day(2026, 3, 21), deadline.Date{}, accept, true},
			{"partial acceptance on 21 March, receipt never recorded: refused", day(2026, 3, 21), deadline.Date{}, partial, true},
			{"receipt 18 March: window to Saturday 28 March, acceptance on 28 March refused", day(2026, 3, 28), day(2026, 3, 18), accept, true},
			{"receipt 18 March: acceptance on Sunday 29 March allowed", day(2026, 3, 29), day(2026, 3, 18), accept, false},
			{"a refusal grants nothing: allowed with the receipt unknown", day(2026, 3, 21), deadline.Date{}, refusal(access.Refused, map[access.Kind]access.GroundCode{access.Generalizzato: "d33-5bis-1-a", access.Documentale: "l241-24-6-d"}[kind]), false},
		} {
			t.Run(string(kind)+"/"+c.name, func(t *testing.T) {
				e := newEnv(t, access.Policy{})
				id := e.file(kind).ID
				e.at(2026, 3, 10).must(e.svc.NotifyCounterInterested(ctxBg, e.act(id, front), access.Notification{Parties: []access.Person{{Name: "Mario", Surname: "Neri"}}, Means: "raccomandata A/R"}))
				if !c.receipt.IsZero() {
					e.at(2026, 3, 20).must(e.svc.RecordNoticeReceipt(ctxBg, access.Act{ID: id, By: outer, On: c.receipt}, access.PartyAct{Party: 1}))
				}
				v := e.version(id)
				_, err := e.at(c.decided.Year(), c.decided.Month(), c.decided.Day()).svc.Decide(ctxBg, e.act(id, comp), c.ruling)
				if !c.refused {
					require.NoError(t, err)
					return
				}
				re, ok := procedure.IsRule(err)
				require.True(t, ok, "%v", err)
				assert.Equal(t, rule[0], re.Rule.Article)
				assert.Equal(t, rule[1], re.Rule.Comma)
				assert.Equal(t, v, e.version(id), "a refused act stores nothing")
			})
		}
	}
	t.Run("a review granting access needs the receipt too", func(t *testing.T) {
		e := newEnv(t, access.Policy{})
		id := e.file(access.Generalizzato).ID
		e.at(2026, 3, 10).must(e.svc.NotifyCounterInterested(ctxBg, e.act(id, front), access.Notification{Parties: []access.Person{{Name: "Mario", Surname: "Neri"}}}))
		e.at(2026, 3, 16).must(e.svc.Decide(ctxBg, e.act(id, comp), refusal(access.Refused, "d33-5bis-1-a")))
		e.at(2026, 3, 18).must(e.svc.FileReview(ctxBg, e.act(id, outer), access.RemedyRequest{}))
		_, err := e.at(2026, 3, 25).svc.DecideReview(ctxBg, e.act(id, rpct), access.ReviewRuling{Outcome: access.Accepted, Summary: "accesso consentito"})
		require.ErrorIs(t, err, access.ErrRule)
		// Received Thursday 12 March: 12+10 = Sunday 22 March → Monday 23 March.
		e.must(e.svc.RecordNoticeReceipt(ctxBg, access.Act{ID: id, By: outer, On: day(2026, 3, 12)}, access.PartyAct{Party: 1}))
		r := e.must(e.svc.DecideReview(ctxBg, e.act(id, rpct), access.ReviewRuling{Outcome: access.Accepted, Summary: "accesso consentito"}))
		assert.Equal(t, access.StateReviewed, r.State)
	})
}
