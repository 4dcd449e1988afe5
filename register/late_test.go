package register_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/register"
)

// TestArt5c6DLgs33_ForwardedRequestIsLateWhereItIs: a FOIA request filed
// with the Punto di Ascolto on Monday 02/03/2026 and forwarded internally
// on Friday 20/03 is due Wednesday 01/04 (30 days from the filing, art. 5
// c. 6 D.Lgs. 33/2013; the forwarding restarts nothing). The register
// published on 02/04 shows "mancata risposta nei termini"; the monitoring
// of a period ending 02/04 counts it overdue by 1 day; decided on 15/04 it
// counts in the second quarter as late by 14 days (01/04 to 15/04).
func TestArt5c6DLgs33_ForwardedRequestIsLateWhereItIs(t *testing.T) {
	e := newEnv(t)
	id := e.file(access.Generalizzato, day(2026, time.March, 2), "RA/2026/0000200", access.ChannelURP)
	e.must(e.svc.Forward(e.ctx, e.act(id, desk, day(2026, time.March, 20)), access.Forwarding{To: "dip-mobilita"}))

	p, err := register.NewPeriod(day(2026, time.March, 1), day(2026, time.April, 2))
	require.NoError(t, err)
	es := entries(t, e.source().Entries(e.ctx, p, register.Options{Today: day(2026, time.April, 2)}, access.Generalizzato))
	require.Len(t, es, 1)
	assert.Equal(t, "mancata risposta nei termini", es[0].Outcome)

	s := register.AccessMonitoring(slices.Values(e.views()), p, directory)
	assert.Equal(t, 1, s.Total.Overdue)
	require.Len(t, s.Overdue, 1)
	assert.Equal(t, 1, s.Overdue[0].DaysLate)
	assert.Equal(t, day(2026, time.April, 1), s.Overdue[0].Missed[0].Due)

	e.must(e.svc.Decide(e.ctx, e.act(id, mobilita, day(2026, time.April, 15)), access.Ruling{Outcome: access.Accepted}))
	q2 := register.AccessMonitoring(slices.Values(e.views()), register.MustQuarter(2026, 2), directory).Total
	assert.Equal(t, 1, q2.Late)
	assert.Equal(t, 14, q2.LateDays)
	assert.Equal(t, 0, q2.InTime)
}

// TestIssue10_GuidanceTermsAreNotOverdue: an office's internal date
// (guidance: no provision sets it) passed unanswered does not make a
// request overdue; only the legal term does. 2026: documentale filed
// 02/03, due 01/04; internal request of 03/03 due 10/03, unanswered. On
// 20/03 nothing is overdue; on 02/04 the decision is, by 1 day.
func TestIssue10_GuidanceTermsAreNotOverdue(t *testing.T) {
	e := newEnv(t)
	id := e.file(access.Documentale, day(2026, time.March, 2), "RA/2026/0000201", access.ChannelPEC)
	e.must(e.svc.Assign(e.ctx, e.act(id, desk, day(2026, time.March, 2)), access.Assignment{Office: "dip-mobilita"}))
	e.must(e.svc.RequestDocuments(e.ctx, e.act(id, mobilita, day(2026, time.March, 3)), access.DocumentRequest{
		Requests: []access.InternalRequest{{Office: "dip-urbanistica", Documents: "planimetrie", Due: day(2026, time.March, 10)}}}))
	p, err := register.NewPeriod(day(2026, time.March, 1), day(2026, time.March, 20))
	require.NoError(t, err)
	s := register.AccessMonitoring(slices.Values(e.views()), p, directory)
	assert.Equal(t, 0, s.Total.Overdue, "the internal date of 10/03 guides, it does not bind")
	assert.Empty(t, s.Overdue)

	p.To = day(2026, time.April, 2)
	s = register.AccessMonitoring(slices.Values(e.views()), p, directory)
	assert.Equal(t, 1, s.Total.Overdue)
	require.Len(t, s.Overdue, 1)
	require.Len(t, s.Overdue[0].Missed, 1, "the decision only, not the internal date")
	assert.Equal(t, access.DeadlineDecision, access.KindOf(s.Overdue[0].Missed[0]))
}
