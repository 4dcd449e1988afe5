package register_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/register"
)

// TestComplaintRounds_MergedAndReopened: a merged duplicate is concluded by
// the merger, which met its answer term, and is neither pending nor
// overdue afterwards; a reopened complaint's new term is monitored like the
// first. Complaints filed through the complaint Service (30 calendar days,
// Rome's calendar), figures computed by hand:
//
//	m segnalazione, received Mon 04/05/2026, due Wed 03/06; answered Wed 10/06
//	  (late 7 days, 37 days); reopening asked Mon 15/06, due Wed 15/07;
//	  answered Mon 20/07 (late 5 days, 35 days from the request); closed Wed 22/07
//	d segnalazione, received Tue 05/05, due Thu 04/06; merged into m Wed 06/05
//	r segnalazione, received Sat 20/06, due Mon 20/07; never answered
//
//	period        recv answ late lateDays reopened reopAnsw reopLate closed pending overdue
//	Q2 2026       3    1    1    7        1        0        0        1 (d)  2 (m,r) 0
//	01/07-17/07   0    0    0    0        0        0        0        0      2 (m,r) 1 (m: 15/07)
//	Q3 2026       0    1    1    5        0        1        1        1 (m)  1 (r)   1 (r: 20/07)
//
// Before the fix d stayed pending and overdue (no answer of its own, its
// master still open), and m's reopened term was never seen.
func TestComplaintRounds_MergedAndReopened(t *testing.T) {
	ctx := context.Background()
	dir, err := office.NewDirectory(office.Office{ID: "pda", Name: "Ufficio Punto di Ascolto"})
	require.NoError(t, err)
	var now time.Time
	n := 0
	svc, err := complaint.NewService(complaint.Config{Store: complaint.NewMemoryStore(), Directory: dir, Calendar: deadline.Rome(),
		Now: func() time.Time { return now }, NewID: func() complaint.ID { n++; return complaint.ID(fmt.Sprintf("S-%d", n)) }})
	require.NoError(t, err)
	desk := office.Actor{ID: "l.rossi", Role: office.FrontOffice, Office: "pda"}
	on := func(d deadline.Date) { now = d.Time(time.UTC).Add(9 * time.Hour) }
	file := func(d deadline.Date) complaint.ID {
		on(d)
		v, err := svc.File(ctx, complaint.Act{By: desk}, complaint.Filed{Kind: complaint.Segnalazione, Channel: complaint.Email, Summary: "buca sulla carreggiata"})
		require.NoError(t, err)
		return v.ID
	}
	do := func(d deadline.Date, act func() (complaint.View, error)) {
		t.Helper()
		on(d)
		_, err := act()
		require.NoError(t, err)
	}
	m := file(day(2026, time.May, 4))
	d := file(day(2026, time.May, 5))
	do(day(2026, time.May, 6), func() (complaint.View, error) {
		return svc.Merge(ctx, complaint.Act{ID: d, By: desk}, complaint.Merger{Master: m, Note: "stessa buca"})
	})
	do(day(2026, time.June, 10), func() (complaint.View, error) {
		return svc.Answer(ctx, complaint.Act{ID: m, By: desk}, complaint.Answer{Outcome: complaint.Scheduled, Summary: "intervento programmato"})
	})
	do(day(2026, time.June, 15), func() (complaint.View, error) {
		return svc.Reopen(ctx, complaint.Act{ID: m, By: desk}, complaint.Reopening{})
	})
	r := file(day(2026, time.June, 20))
	do(day(2026, time.July, 20), func() (complaint.View, error) {
		return svc.Answer(ctx, complaint.Act{ID: m, By: desk}, complaint.Answer{Outcome: complaint.Resolved, Summary: "buca chiusa"})
	})
	do(day(2026, time.July, 22), func() (complaint.View, error) {
		return svc.Close(ctx, complaint.Act{ID: m, By: desk}, complaint.Closure{})
	})

	var cases []register.Case
	for _, id := range []complaint.ID{m, d, r} {
		v, err := svc.Get(ctx, id)
		require.NoError(t, err)
		cases = append(cases, register.ComplaintCase(v.Public(), dir))
		require.Equal(t, v.Head(), cases[len(cases)-1].Head, "the case carries its history's head")
	}
	cases[1].Head = history.Head{}
	assert.Equal(t, register.Case{ID: "S-2", Received: day(2026, time.May, 5), Due: day(2026, time.June, 4), Met: day(2026, time.May, 6),
		Closed: day(2026, time.May, 6), Outcome: register.MergedOutcome, Kind: "segnalazione", Channel: "e-mail"}, cases[1])
	assert.Equal(t, []register.Reopening{{Requested: day(2026, time.June, 15), Due: day(2026, time.July, 15), Answered: day(2026, time.July, 20)}}, cases[0].Reopenings)

	type figures struct{ received, answered, late, lateDays, reopened, reopAnswered, reopLate, closed, pending, overdue int }
	of := func(f register.CaseFigures) figures {
		return figures{f.Received, f.Answered, f.Late, f.LateDays, f.Reopened, f.ReopenedAnswered, f.ReopenedLate, f.Closed, f.Pending, f.Overdue}
	}
	q2 := register.ComplaintMonitoring(slices.Values(cases), register.MustQuarter(2026, 2))
	assert.Equal(t, figures{3, 1, 1, 7, 1, 0, 0, 1, 2, 0}, of(q2.Total), "Q2 2026")
	assert.Equal(t, map[string]int{register.MergedOutcome: 1}, q2.Total.Outcomes)
	assert.InDelta(t, 37.0, q2.Total.MeanDays, 1e-9)
	july, err := register.NewPeriod(day(2026, time.July, 1), day(2026, time.July, 17))
	require.NoError(t, err)
	assert.Equal(t, figures{0, 0, 0, 0, 0, 0, 0, 0, 2, 1}, of(register.ComplaintMonitoring(slices.Values(cases), july).Total), "01/07-17/07: m's new term passed on 15/07")
	q3 := register.ComplaintMonitoring(slices.Values(cases), register.MustQuarter(2026, 3))
	assert.Equal(t, figures{0, 1, 1, 5, 0, 1, 1, 1, 1, 1}, of(q3.Total), "Q3 2026")
	assert.Equal(t, 0, q3.Total.ReopenedInTime)
	assert.InDelta(t, 35.0, q3.Total.MeanDays, 1e-9, "from the request to reopen")
	assert.Equal(t, map[string]int{"risolta": 1}, q3.Total.Outcomes)
	assert.Equal(t, of(q2.Total), of(q3.Previous), "Q2 beside Q3")

	var md bytes.Buffer
	rep := register.Quarterly(register.Input{Period: register.MustQuarter(2026, 3), Complaints: slices.Values(cases)})
	require.NoError(t, rep.WriteMarkdown(&md, register.MarkdownOptions{}))
	assert.Contains(t, md.String(), "| Riaperture richieste | 0 | 1 | -1 |")
	assert.Contains(t, md.String(), "| di cui oltre il nuovo termine | 1 | 0 | +1 |")
}
