package access_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/deadline/ical"
)

// TestArt5c7DLgs33_GuidanceTermsNeverBarAnAct: the law sets no term to ask
// the RPCT for a review (art. 5 c. 7 D.Lgs. 33/2013; the 30 days are the
// foia.gov.it FAQ's) nor to go to the difensore civico on civic access
// (c. 8; the 30 days of art. 25 c. 4 L. 241/1990 by analogy): both are
// guidance terms, shown as "termine indicativo decorso", never "scaduto",
// and never a reason to refuse. The TAR's 30 days (art. 116 c. 1 c.p.a.)
// bind. 2026, by hand: refusal of Friday 20/03, receipt unknown. Review
// flag: 20/03 + 30 = Sunday 19/04, not extended (a flag, no rules). Difensore
// civico: 19/04 is a Sunday, extended to Monday 20/04. TAR: same, 20/04.
// On Saturday 25/04 the first two have lapsed, the TAR's is overdue. A
// review filed Monday 04/05, day 45 after the refusal (11 days to 31/03, 30
// in April, 4 in May), is accepted, flagged late, its term met after the
// guidance date.
func TestArt5c7DLgs33_GuidanceTermsNeverBarAnAct(t *testing.T) {
	e := newEnv(t, access.Policy{})
	id := e.file(access.Generalizzato).ID
	r := e.at(2026, time.March, 20).must(e.svc.Decide(ctxBg, e.act(id, comp), refusal(access.Refused, "d33-5bis-1-a")))
	on := day(2026, 4, 25)
	for _, c := range []struct {
		kind     access.DeadlineKind
		strength deadline.Strength
		due      deadline.Date
		state    deadline.State
		italian  string
	}{
		{access.DeadlineReviewFiling, deadline.Guidance, day(2026, 4, 19), deadline.Lapsed, "termine indicativo decorso"},
		{access.DeadlineOmbudsmanFiling, deadline.Guidance, day(2026, 4, 20), deadline.Lapsed, "termine indicativo decorso"},
		{access.DeadlineAppeal, deadline.Binding, day(2026, 4, 20), deadline.Overdue, "scaduto"},
	} {
		d, ok := r.Deadline(c.kind)
		require.True(t, ok, c.kind)
		assert.Equal(t, c.strength, d.Strength(), c.kind)
		assert.Equal(t, c.due, d.Due, c.kind)
		st := d.Status(on, 3)
		assert.Equal(t, c.state, st.State, c.kind)
		assert.Equal(t, c.italian, st.State.Italian(), c.kind)
		assert.Equal(t, c.strength == deadline.Binding, ical.Binding(d), "the feed lists binding terms only: %s", c.kind)
		if c.strength == deadline.Guidance {
			assert.Zero(t, st.OverdueBy(), "a guidance term is never overdue")
			assert.Equal(t, on.Sub(c.due), st.PassedBy())
			assert.Contains(t, d.Explanation.String(), "termine indicativo, non fissato da una norma", "the explanation says so")
		}
	}

	r = e.at(2026, time.May, 4).must(e.svc.FileReview(ctxBg, e.act(id, outer), access.RemedyRequest{}))
	assert.Equal(t, day(2026, 3, 20).AddDays(45), r.Review.Filed)
	assert.True(t, r.Review.Late, "flagged")
	d, _ := r.Deadline(access.DeadlineReviewFiling)
	assert.Equal(t, deadline.MetAfterGuidance, d.Status(day(2026, 5, 4), 3).State)
	assert.Equal(t, "adempiuto dopo il termine indicativo", d.Status(day(2026, 5, 4), 3).State.Italian())

	// The difensore civico on day 45 too, on another request.
	id2 := e.at(2026, time.March, 2).file(access.Generalizzato).ID
	e.at(2026, time.March, 20).must(e.svc.Decide(ctxBg, e.act(id2, comp), refusal(access.Refused, "d33-5bis-1-a")))
	r2 := e.at(2026, time.May, 4).must(e.svc.FileOmbudsman(ctxBg, e.act(id2, outer), access.RemedyRequest{}))
	d2, _ := r2.Deadline(access.DeadlineOmbudsmanFiling)
	assert.Equal(t, deadline.MetAfterGuidance, d2.Status(day(2026, 5, 4), 3).State)
}

// TestArt25c4L241_DocumentaleOmbudsmanTermBinds: on documentale access the
// 30 days to go to the difensore civico are the law's own ("nello stesso
// termine" of the TAR, art. 25 c. 4 L. 241/1990): binding, "scaduto" once
// passed. The office's internal dates are its own: guidance. 2026: refusal
// Friday 20/03; 19/04 is a Sunday: 20/04.
func TestArt25c4L241_DocumentaleOmbudsmanTermBinds(t *testing.T) {
	e := newEnv(t, access.Policy{})
	id := e.file(access.Documentale).ID
	r := e.at(2026, time.March, 3).must(e.svc.RequestDocuments(ctxBg, e.act(id, comp), access.DocumentRequest{Requests: []access.InternalRequest{{Office: "urbanistica", Documents: "planimetrie"}}}))
	in, _ := r.Deadline(access.DeadlineInternal)
	assert.Equal(t, deadline.Guidance, in.Strength())
	r = e.at(2026, time.March, 20).must(e.svc.Decide(ctxBg, e.act(id, comp), refusal(access.Refused, "l241-24-6-d")))
	d, _ := r.Deadline(access.DeadlineOmbudsmanFiling)
	assert.Equal(t, deadline.Binding, d.Strength())
	assert.Equal(t, day(2026, 4, 20), d.Due)
	assert.Equal(t, deadline.Overdue, d.Status(day(2026, 4, 25), 3).State)
	dec, _ := r.Deadline(access.DeadlineDecision)
	assert.Equal(t, deadline.Binding, dec.Strength())
}
