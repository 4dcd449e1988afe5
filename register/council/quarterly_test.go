package council_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/register/council"
)

var (
	q1From, q1To = date(2026, time.January, 1), date(2026, time.March, 31)
	q2From, q2To = date(2026, time.April, 1), date(2026, time.June, 30)
)

// TestQuarterEdges: an interrogazione filed on 31 March and answered on 1
// April is filed (and pending) in Q1 and answered in Q2; one due on the last
// day of the quarter is still pending, not overdue; acts closed before the
// quarter or filed after it do not count.
func TestQuarterEdges(t *testing.T) {
	f := newFixture(t, nil)
	edge := f.register(council.InterrogazioneScritta, "RQ/2026/1", council.Assemblea, date(2026, time.March, 31))
	edge, err := f.svc.Answer(f.ctx, council.Act{ID: edge.ID, By: clerk}, council.Answer{Date: date(2026, time.April, 1), Form: council.WrittenAnswer})
	require.NoError(t, err)
	dueOnLastDay := f.register(council.InterrogazioneScritta, "RQ/2026/2", council.Assemblea, date(2026, time.March, 11)) // +20 = 31/03
	require.Equal(t, q1To, dueOnLastDay.AnswerDue)
	oldClosed := f.register(council.InterrogazioneScritta, "RQ/2025/3", council.Assemblea, date(2025, time.December, 1))
	oldClosed, err = f.svc.Withdraw(f.ctx, council.Act{ID: oldClosed.ID, By: clerk}, council.Withdrawal{Date: date(2025, time.December, 31)})
	require.NoError(t, err)
	late := f.register(council.InterrogazioneScritta, "RQ/2026/4", council.Assemblea, date(2026, time.January, 5)) // due 26/01 (25/01 is a Sunday)
	require.Equal(t, date(2026, time.January, 26), late.AnswerDue)
	late, err = f.svc.Answer(f.ctx, council.Act{ID: late.ID, By: clerk}, council.Answer{Date: date(2026, time.February, 5), Form: council.WrittenAnswer})
	require.NoError(t, err)
	m3 := council.MustMunicipio(3)
	overdue := f.register(council.InterrogazioneScritta, "CA/2026/5", m3, date(2026, time.January, 5)) // 30 days: 04/02
	oral := f.register(council.InterrogazioneOrale, "RQ/2026/6", council.Assemblea, date(2026, time.January, 7))
	oral, err = f.svc.Answer(f.ctx, council.Act{ID: oral.ID, By: clerk}, council.Answer{Date: date(2026, time.March, 3), Form: council.OralAnswer})
	require.NoError(t, err)
	lapsed := f.register(council.Interpellanza, "CA/2026/7", m3, date(2026, time.February, 1))
	lapsed, err = f.svc.Lapse(f.ctx, council.Act{ID: lapsed.ID, By: office.Actor{ID: "a", Role: office.Administrator}}, council.Lapse{Date: date(2026, time.March, 1), Reason: "fine consiliatura"})
	require.NoError(t, err)
	future := f.register(council.InterrogazioneScritta, "RQ/2026/8", council.Assemblea, date(2026, time.April, 2))
	motion := f.register(council.Mozione, "RM/2026/9", council.Assemblea, date(2026, time.February, 2))

	acts := []council.Item{edge, dueOnLastDay, oldClosed, late, overdue, oral, lapsed, future, motion}
	for _, c := range []struct {
		act       council.Item
		from, to  deadline.Date
		want      council.Outcome
		inQuarter bool
	}{
		{edge, q1From, q1To, council.Pending, true},
		{edge, q2From, q2To, council.AnsweredInTime, true},
		{dueOnLastDay, q1From, q1To, council.Pending, true},
		{dueOnLastDay, q2From, q2To, council.Overdue, true},
		{oldClosed, q1From, q1To, "", false},
		{late, q1From, q1To, council.AnsweredLate, true},
		{late, q2From, q2To, "", false},
		{overdue, q1From, q1To, council.Overdue, true},
		{oral, q1From, q1To, council.AnsweredNoTerm, true},
		{lapsed, q1From, q1To, council.LapsedInPeriod, true},
		{future, q1From, q1To, "", false},
		{motion, q1From, q1To, "", false},
	} {
		got, ok := council.OutcomeAt(c.act, c.from, c.to)
		assert.Equal(t, c.inQuarter, ok, "%s in %s", c.act.ID, c.to)
		assert.Equal(t, c.want, got, "%s in %s", c.act.ID, c.to)
	}

	r := council.Questions(slices.Values(acts), q1From, q1To)
	require.Len(t, r.Bodies, 2)
	assert.Equal(t, council.Figures{Body: council.Assemblea, Filed: 4, InTime: 0, Late: 1, NoTerm: 1, LateDays: 10, Pending: 2}, r.Bodies[0])
	assert.Equal(t, council.Figures{Body: m3, Filed: 2, Lapsed: 1, Overdue: 1}, r.Bodies[1])
	assert.Equal(t, 6, r.Total.Filed)
	assert.Equal(t, 2, r.Total.Answered())
	assert.InDelta(t, 0.0, r.Total.InTimeShare(), 1e-9)
	require.Len(t, r.Overdue, 1)
	assert.Equal(t, overdue.ID, r.Overdue[0].ID)
	assert.Equal(t, 55, r.Overdue[0].DaysLate, "from 04/02 to 31/03")
	assert.Equal(t, date(2026, time.February, 4), r.Overdue[0].Deadline.Due)

	r2, err := f.svc.Questions(context.Background(), q2From, q2To)
	require.NoError(t, err)
	assert.Equal(t, 1, r2.Total.InTime)
	assert.Equal(t, 1, r2.Total.Filed)
	assert.Equal(t, 3, r2.Total.Overdue, "dueOnLastDay, overdue and, by 30/06, the one filed on 2 April")
	assert.InDelta(t, 1.0, r2.Total.InTimeShare(), 1e-9)
	assert.Equal(t, 0.0, council.Figures{}.InTimeShare())
}
