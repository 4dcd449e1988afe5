package complaint_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
)

// TestDirettiva1994_AnswerTerm: the answer term by kind and category, dates
// computed by hand on Rome's calendar (dies a quo excluded, calendar days,
// an expiry on a holiday moves to the next day, Saturday does not move an
// administrative term).
func TestDirettiva1994_AnswerTerm(t *testing.T) {
	for _, c := range []struct {
		name     string
		received time.Time
		kind     complaint.Kind
		category string
		due      deadline.Date
		why      string
	}{
		{"30 days to Sunday 1 November (Ognissanti)", romeTime(2026, 10, 2, 10, 0), complaint.Reclamo, "", date(2026, 11, 2),
			"2 Oct + 30 = Sun 1 Nov, Ognissanti: moved to Mon 2 Nov"},
		{"2 days to Sunday 4 October, San Francesco from 2026", romeTime(2026, 10, 2, 10, 0), complaint.Segnalazione, "pericolo", date(2026, 10, 5),
			"Fri 2 Oct + 2 = Sun 4 Oct, Sunday and San Francesco d'Assisi (L. 151/2025): Mon 5 Oct"},
		{"2 days to Saturday 4 October 2025, before L. 151/2025", romeTime(2025, 10, 2, 10, 0), complaint.Segnalazione, "pericolo", date(2025, 10, 4),
			"Thu 2 Oct 2025 + 2 = Sat 4 Oct 2025: not yet a holiday, and Saturday does not move an administrative term"},
		{"15 days for potholes, ending on a Saturday", romeTime(2026, 10, 2, 10, 0), complaint.Segnalazione, "buche", date(2026, 10, 17),
			"2 Oct + 15 = Sat 17 Oct, not moved (Cons. St. V 3152/2011)"},
		{"a child inherits nothing when its parent sets no term", romeTime(2026, 10, 2, 10, 0), complaint.Segnalazione, "marciapiedi", date(2026, 11, 2),
			"strade sets no term: the policy's 30 days"},
		{"a PEC at 23:30 UTC arrives the next day in Rome", time.Date(2026, 10, 1, 23, 30, 0, 0, time.UTC), complaint.Reclamo, "", date(2026, 11, 2),
			"01:30 on 2 Oct in Rome: as above"},
		{"kind term", romeTime(2026, 10, 2, 10, 0), complaint.RichiestaInformazioni, "", date(2026, 10, 12),
			"information requests: 10 days by the policy; 2 Oct + 10 = Mon 12 Oct"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, func(p *complaint.Policy) {
				p.KindTerms = map[complaint.Kind]deadline.Term{complaint.RichiestaInformazioni: complaint.AnswerTerm(10)}
			})
			f.clock.Set(c.received.Add(time.Hour))
			fl := pothole()
			fl.Kind, fl.Category, fl.Received, fl.Channel = c.kind, c.category, c.received, complaint.PEC
			v := f.file(t, desk, fl)
			require.Len(t, v.Deadlines, 1)
			assert.Equal(t, c.due, v.Deadlines[0].Due, c.why)
			assert.Equal(t, c.due, v.Index().Due)
			assert.Equal(t, c.due, v.Deadlines[0].Explanation.Due, "the explanation agrees")
			got, err := f.svc.Calendar().Compute(deadline.Spec{Start: v.TermStart, Term: v.Deadlines[0].Explanation.Term})
			require.NoError(t, err)
			assert.Equal(t, c.due, got, "the fast path agrees")
		})
	}
}

func TestDirettiva1994_ExplanationInItalian(t *testing.T) {
	f := newFixture(t)
	fl := pothole()
	fl.Category = "pericolo"
	v := f.file(t, desk, fl)
	x := v.Deadlines[0].Explanation.String()
	for _, line := range []string{
		"risposta sui pericoli per la circolazione: 2 giorni (regolamento o carta dei servizi dell'amministrazione, termine di risposta) dal 02/10/2026 → 04/10/2026",
		"04/10/2026 è domenica, festivo: San Francesco d'Assisi (art. 1 c. 2 L. 151/2025)",
		"scadenza: lunedì 05/10/2026",
	} {
		assert.Contains(t, x, line)
	}
}

// TestEscalation060606_TermFromFirstContact: a 060606 escalation's term
// runs from the citizen's call (default), or from the desk's receipt.
func TestEscalation060606_TermFromFirstContact(t *testing.T) {
	esc := func() complaint.Filed {
		fl := pothole()
		fl.Kind, fl.Category, fl.Channel = complaint.Reclamo, "", complaint.Escalation060606
		fl.Escalation = &complaint.Escalation{Ticket: "060606-2026-0048213", Opened: romeTime(2026, 9, 30, 17, 45)}
		return fl
	}
	f := newFixture(t)
	v := f.file(t, desk, esc())
	assert.Equal(t, date(2026, 10, 2), v.Received)
	assert.Equal(t, date(2026, 9, 30), v.TermStart)
	assert.Equal(t, date(2026, 10, 30), v.Due(), "30 Sep + 30 = Fri 30 Oct")
	assert.Equal(t, "060606-2026-0048213", v.Escalation.Ticket, "the ticket is kept")
	assert.Equal(t, "Roma Capitale, ChiamaRoma 060606", v.History[0].Basis.Act)

	g := newFixture(t, func(p *complaint.Policy) { p.TermFromDeskReceipt = true })
	v = g.file(t, desk, esc())
	assert.Equal(t, date(2026, 10, 2), v.TermStart)
	assert.Equal(t, date(2026, 11, 2), v.Due())

	bad := esc()
	bad.Escalation.Opened = romeTime(2026, 10, 3, 9, 0)
	bad.Received = romeTime(2026, 10, 2, 9, 0)
	_, err := f.svc.File(f.ctx, complaint.Act{By: desk}, bad)
	require.ErrorIs(t, err, complaint.ErrInvalid, "a ticket opened after the desk received it")
	bad = esc()
	bad.Escalation = nil
	_, err = f.svc.File(f.ctx, complaint.Act{By: desk}, bad)
	require.ErrorIs(t, err, complaint.ErrInvalid, "an escalation keeps its ticket")
}

// TestPolicy_AwaitingCitizen: asking the citizen does not suspend the
// answer term by default; with SuspendWhileAwaiting the paused days are
// added (RULES.md §1.7), assuming the whole reply term while the reply is
// pending.
func TestPolicy_AwaitingCitizen(t *testing.T) {
	run := func(suspend bool) (pending, replied complaint.View) {
		f := newFixture(t, func(p *complaint.Policy) { p.SuspendWhileAwaiting = suspend })
		fl := pothole()
		fl.Category = "marciapiedi" // 30 days: 2 Oct -> Sun 1 Nov -> Mon 2 Nov
		v := f.file(t, desk, fl)
		must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{}))
		f.clock.at(2026, 10, 5)
		pending = must(t)(f.svc.RequestInfo(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.InfoRequest{Question: "Può indicare il numero civico esatto?"}))
		f.clock.at(2026, 10, 12)
		replied = must(t)(f.svc.RecordReply(f.ctx, complaint.Act{ID: v.ID, By: web}, complaint.CitizenReply{Text: "Civico 120"}))
		return pending, replied
	}
	pending, replied := run(false)
	x, ok := pending.Awaiting()
	require.True(t, ok)
	assert.Equal(t, date(2026, 10, 20), x.ReplyBy.Due, "5 Oct + 15 = Tue 20 Oct")
	assert.Equal(t, date(2026, 11, 2), pending.Due(), "no suspension by default")
	assert.Equal(t, date(2026, 11, 2), replied.Due())
	assert.Equal(t, date(2026, 10, 12), replied.Exchanges[0].ReplyBy.Met)
	assert.Equal(t, complaint.InProgress, replied.State)

	pending, replied = run(true)
	assert.Equal(t, date(2026, 11, 16), pending.Due(), "pending: suspended 5 -> 20 Oct, 15 days: Sun 1 Nov + 15 = Mon 16 Nov")
	assert.Equal(t, date(2026, 11, 9), replied.Due(), "replied on 12 Oct: 7 days: Sun 1 Nov + 7 = Sun 8 Nov -> Mon 9 Nov")
	assert.Contains(t, replied.Deadlines[0].Explanation.String(), "sospensione")
}

// TestPolicy_RestartOnForward: internal forwarding keeps the term by
// default; with RestartOnForward the term runs again from the forwarding.
func TestPolicy_RestartOnForward(t *testing.T) {
	for _, c := range []struct {
		restart bool
		due     deadline.Date
	}{
		{false, date(2026, 11, 2)},
		{true, date(2026, 11, 9)}, // 9 Oct + 30 = Sun 8 Nov -> Mon 9 Nov
	} {
		f := newFixture(t, func(p *complaint.Policy) { p.RestartOnForward = c.restart })
		fl := pothole()
		fl.Category = "marciapiedi"
		v := f.file(t, desk, fl)
		must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{To: "csimu"}))
		f.clock.at(2026, 10, 9)
		v = must(t)(f.svc.Forward(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.Forwarding{To: "mobilita", Reason: "semaforo, non buca"}))
		assert.Equal(t, c.due, v.Due(), "restart %v", c.restart)
		assert.Equal(t, "mobilita", string(v.Office))
	}
}

// TestReopen_NewTermFromRequest: a reopening starts a new answer term from
// the citizen's request; the first term stays met.
func TestReopen_NewTermFromRequest(t *testing.T) {
	f := newFixture(t)
	fl := pothole()
	fl.Kind, fl.Category = complaint.Reclamo, "marciapiedi"
	v := f.file(t, desk, fl)
	must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{}))
	f.clock.at(2026, 10, 20)
	v = must(t)(f.svc.Answer(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.Answer{Outcome: complaint.Founded, Text: "Gentile signor Rossi, ...", Summary: "intervento programmato"}))
	assert.True(t, v.Due().IsZero(), "nothing due once answered")
	f.clock.at(2026, 10, 27)
	v = must(t)(f.svc.Reopen(f.ctx, complaint.Act{ID: v.ID, By: web, On: date(2026, 10, 26)}, complaint.Reopening{Reason: "la buca c'è ancora"}))
	require.Len(t, v.Deadlines, 2)
	assert.Equal(t, date(2026, 10, 20), v.Deadlines[0].Met)
	assert.Equal(t, date(2026, 11, 25), v.Deadlines[1].Due, "26 Oct + 30 = Wed 25 Nov")
	assert.Equal(t, date(2026, 11, 25), v.Index().Due)
	assert.Contains(t, v.Deadlines[1].Explanation.String(), "il termine ricomincia a decorrere dal 26/10/2026")
	assert.Equal(t, complaint.Reopened, v.State)
	assert.Equal(t, complaint.PhaseInProgress, v.State.Phase())

	f.clock.at(2026, 11, 10)
	v = must(t)(f.svc.Answer(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.Answer{Outcome: complaint.PartlyFounded, Summary: "riparazione provvisoria eseguita"}))
	require.Len(t, v.Answers, 2)
	assert.Equal(t, date(2026, 11, 25), v.Answers[1].Due)
	assert.False(t, v.Answers[1].Late)
}

// TestReopen_Window: the citizen may ask to reopen within the policy's
// term from the answer (30 days by default: 20 Oct -> Thu 19 Nov).
func TestReopen_Window(t *testing.T) {
	for _, c := range []struct {
		asked deadline.Date
		ok    bool
	}{
		{date(2026, 11, 19), true},
		{date(2026, 11, 20), false},
	} {
		f := newFixture(t)
		v := f.file(t, desk, pothole())
		must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{}))
		f.clock.at(2026, 10, 20)
		must(t)(f.svc.Answer(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.Answer{Outcome: complaint.Scheduled, Summary: "intervento programmato"}))
		f.clock.at(2026, 11, 25)
		_, err := f.svc.Reopen(f.ctx, complaint.Act{ID: v.ID, By: web, On: c.asked}, complaint.Reopening{})
		if c.ok {
			require.NoError(t, err, c.asked)
			continue
		}
		require.ErrorIs(t, err, complaint.ErrRule, c.asked)
		var re *complaint.RuleError
		require.ErrorAs(t, err, &re)
		assert.Contains(t, re.Error(), "19/11/2026")
	}
}

// TestReminders: due in N days, due today, overdue; the citizen's reply term.
func TestReminders(t *testing.T) {
	f := newFixture(t)
	fl := pothole()
	fl.Category = "marciapiedi"
	v := f.file(t, desk, fl)
	for _, c := range []struct {
		today deadline.Date
		want  []string
	}{
		{date(2026, 10, 29), nil},
		{date(2026, 10, 30), []string{"risposta al cittadino: scade tra 3 giorni (02/11/2026)"}},
		{date(2026, 11, 1), []string{"risposta al cittadino: scade domani (02/11/2026)"}},
		{date(2026, 11, 2), []string{"risposta al cittadino: scade oggi (02/11/2026)"}},
		{date(2026, 11, 3), []string{"risposta al cittadino: scaduto da 1 giorno (02/11/2026)"}},
		{date(2026, 11, 4), []string{"risposta al cittadino: scaduto da 2 giorni (02/11/2026)"}},
	} {
		var got []string
		for _, r := range v.Reminders(c.today, 3) {
			got = append(got, r.Text)
		}
		assert.Equal(t, c.want, got, c.today)
	}
	must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{}))
	f.clock.at(2026, 10, 5)
	v = must(t)(f.svc.RequestInfo(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.InfoRequest{Question: "Quale civico?"}))
	rs := v.Reminders(date(2026, 10, 21), 3)
	require.Len(t, rs, 1)
	assert.True(t, rs[0].Citizen)
	assert.Equal(t, "integrazioni del cittadino (richiesta del 05/10/2026): scaduto da 1 giorno (20/10/2026)", rs[0].Text)
}

// TestLateAnswer: an answer after the due date is late, in the view, the
// answer record and the publishable view.
func TestLateAnswer(t *testing.T) {
	f := newFixture(t)
	v := f.file(t, desk, pothole()) // buche: 15 days, Sat 17 Oct
	must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{}))
	f.clock.at(2026, 10, 19)
	v = must(t)(f.svc.Answer(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.Answer{Outcome: complaint.Resolved, Summary: "buca chiusa"}))
	assert.True(t, v.Answers[0].Late)
	assert.Equal(t, deadline.MetLate, v.Deadlines[0].Status(date(2026, 10, 19), 3).State)
	assert.True(t, v.Public().Late)
	assert.Equal(t, date(2026, 10, 17), v.Public().FirstDue)
	assert.Equal(t, date(2026, 10, 19), v.Public().FirstAnswered)
}

// TestDeadlineCodes: every deadline Replay derives carries a stable Code
// from DeadlineCodes: the first answer term, the terms reopenings start and
// the citizen's reply terms; the Italian names may change, the codes not.
func TestDeadlineCodes(t *testing.T) {
	assert.Equal(t, []string{"answer", "answer-after-reopening", "citizen-reply"}, complaint.DeadlineCodes(), "the codes are stable")
	assert.Equal(t, "answer", complaint.AnswerCode)
	assert.Equal(t, "answer-after-reopening", complaint.ReopeningAnswerCode)
	assert.Equal(t, "citizen-reply", complaint.CitizenReplyCode)

	f := newFixture(t)
	fl := pothole()
	fl.Kind = complaint.Reclamo
	v := f.file(t, desk, fl)
	must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{}))
	f.clock.at(2026, 10, 5)
	must(t)(f.svc.RequestInfo(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.InfoRequest{Question: "Quale civico?"}))
	f.clock.at(2026, 10, 7)
	must(t)(f.svc.RecordReply(f.ctx, complaint.Act{ID: v.ID, By: web}, complaint.CitizenReply{Text: "120"}))
	must(t)(f.svc.RequestInfo(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.InfoRequest{Question: "Da quando?"}))
	f.clock.at(2026, 10, 9)
	must(t)(f.svc.Answer(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.Answer{Outcome: complaint.Founded, Text: "Gentile signor Rossi", Summary: "intervento programmato"}))
	f.clock.at(2026, 10, 12)
	must(t)(f.svc.Reopen(f.ctx, complaint.Act{ID: v.ID, By: web}, complaint.Reopening{Reason: "ancora lì"}))
	f.clock.at(2026, 10, 14)
	must(t)(f.svc.Answer(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.Answer{Outcome: complaint.PartlyFounded, Text: "Riparata in parte", Summary: "riparazione provvisoria"}))
	f.clock.at(2026, 10, 16)
	v = must(t)(f.svc.Reopen(f.ctx, complaint.Act{ID: v.ID, By: web}, complaint.Reopening{Reason: "riaperta di nuovo"}))

	var codes []string
	for _, d := range v.Deadlines {
		codes = append(codes, d.Code)
	}
	assert.Equal(t, []string{complaint.AnswerCode, complaint.ReopeningAnswerCode, complaint.ReopeningAnswerCode}, codes)
	require.Len(t, v.Exchanges, 2)
	for _, x := range v.Exchanges {
		require.NotNil(t, x.ReplyBy)
		assert.Equal(t, complaint.CitizenReplyCode, x.ReplyBy.Code)
	}
	for _, r := range v.Reminders(date(2026, 10, 16), 3) {
		assert.Contains(t, complaint.DeadlineCodes(), r.Deadline.Code, r.Deadline.Name)
	}
}

// TestPublic_RoundsForMonitoring: Public lists every answer term with its
// start, due date, the day it was met and the day of its answer, so that a
// monitoring sees reopened terms and the merger that met a duplicate's term.
// Dates computed by hand (potholes: 15 days):
//
//	master filed Fri 02/10/2026: due Sat 17/10; answered Mon 19/10 (late)
//	reopening asked Tue 20/10: due Wed 04/11; answered Tue 03/11
//	duplicate filed Mon 05/10: due Tue 20/10; merged Tue 06/10 (met)
func TestPublic_RoundsForMonitoring(t *testing.T) {
	f := newFixture(t)
	m := f.file(t, desk, pothole())
	f.clock.at(2026, 10, 5)
	dup := f.file(t, web, pothole())
	f.clock.at(2026, 10, 6)
	must(t)(f.svc.Merge(f.ctx, complaint.Act{ID: dup.ID, By: desk}, complaint.Merger{Master: m.ID, Note: "stessa buca"}))
	f.clock.at(2026, 10, 19)
	must(t)(f.svc.Answer(f.ctx, complaint.Act{ID: m.ID, By: desk}, complaint.Answer{Outcome: complaint.Scheduled, Summary: "intervento programmato"}))
	f.clock.at(2026, 10, 20)
	must(t)(f.svc.Reopen(f.ctx, complaint.Act{ID: m.ID, By: web}, complaint.Reopening{}))
	f.clock.at(2026, 11, 3)
	v := must(t)(f.svc.Answer(f.ctx, complaint.Act{ID: m.ID, By: desk}, complaint.Answer{Outcome: complaint.Resolved, Summary: "buca chiusa"}))

	assert.Equal(t, []complaint.Round{
		{Start: date(2026, 10, 2), Due: date(2026, 10, 17), Met: date(2026, 10, 19), Answered: date(2026, 10, 19)},
		{Start: date(2026, 10, 20), Due: date(2026, 11, 4), Met: date(2026, 11, 3), Answered: date(2026, 11, 3)},
	}, v.Public().Rounds)
	assert.Equal(t, []int{0, 1}, []int{v.Answers[0].Round, v.Answers[1].Round})

	d, err := f.svc.Get(f.ctx, dup.ID)
	require.NoError(t, err)
	pd := d.Public()
	assert.Equal(t, date(2026, 10, 6), pd.Merged)
	assert.Equal(t, []complaint.Round{{Start: date(2026, 10, 5), Due: date(2026, 10, 20), Met: date(2026, 10, 6)}}, pd.Rounds,
		"the merger met the duplicate's term; it gave no answer of its own")
}
