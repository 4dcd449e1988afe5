package access_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/procedure"
)

// Dates below are computed by hand on the calendar of Rome, 2026: 1 March
// is a Sunday; Easter is 5 April (Easter Monday 6 April); 25 April is a
// Saturday, 1 May a Friday; 29 June (SS. Pietro e Paolo) is a holiday in Rome.

func TestArt5c6_TermOf30Days(t *testing.T) {
	for _, c := range []struct {
		name     string
		kind     access.Kind
		filed    deadline.Date
		due      deadline.Date
		calendar *deadline.Calendar
	}{
		{"generalizzato filed Monday 2 March: 30 days to Wednesday 1 April", access.Generalizzato, day(2026, 3, 2), day(2026, 4, 1), nil},
		{"semplice, same term", access.CivicoSemplice, day(2026, 3, 2), day(2026, 4, 1), nil},
		{"documentale art. 25 c. 4, same term", access.Documentale, day(2026, 3, 2), day(2026, 4, 1), nil},
		{"filed 6 March: 5 April is Easter Sunday, 6 April Easter Monday: due Tuesday 7 April", access.Generalizzato, day(2026, 3, 6), day(2026, 4, 7), nil},
		{"filed 29 May: 28 June Sunday, 29 June holiday in Rome: due 30 June", access.Generalizzato, day(2026, 5, 29), day(2026, 6, 30), nil},
		{"filed 29 May, national calendar: 29 June is a working day", access.Generalizzato, day(2026, 5, 29), day(2026, 6, 29), deadline.Italy()},
		{"filed 27 March: 26 April is a Sunday: due Monday 27 April (Saturday 25 April is a holiday, but only the expiry day matters)", access.Documentale, day(2026, 3, 27), day(2026, 4, 27), nil},
		{"filed 2 April: 2 May is a Saturday, not moved for administrative terms", access.Generalizzato, day(2026, 4, 2), day(2026, 5, 2), nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, access.Policy{})
			if c.calendar != nil {
				svc, err := access.NewService(access.Config{Store: e.st, Calendar: c.calendar, Directory: directory(t), Now: func() time.Time { return e.now }})
				require.NoError(t, err)
				e.svc = svc
			}
			e.at(c.filed.Year(), c.filed.Month(), c.filed.Day())
			r := e.file(c.kind)
			assert.Equal(t, c.due, r.DecisionDue)
			assert.Equal(t, c.due, due(t, r, access.DeadlineDecision))
			idx := r.Index()
			assert.Equal(t, c.due, idx.Due, "the index is due on the decision date")
		})
	}
}

func TestArt5c5_SuspensionUntilOpposition(t *testing.T) {
	// Filed 2 March; notices sent 10 March; party 1 receives 12 March
	// (window to 22 March, a Sunday: 23 March) and opposes 20 March; party 2
	// receives 16 March and does not oppose (window to 26 March). The
	// suspension runs from 10 to 26 March: 16 days. 1 April + 16 = 17 April.
	for _, c := range []struct {
		name       string
		steps      func(e *env, id access.ID)
		due        deadline.Date
		windows    []deadline.Date
		suspension int
	}{
		{"two parties, one opposing: until the last window closes", func(e *env, id access.ID) {
			e.at(2026, 3, 12).must(e.svc.RecordNoticeReceipt(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
			e.at(2026, 3, 16).must(e.svc.RecordNoticeReceipt(ctxBg, e.act(id, outer), access.PartyAct{Party: 2}))
			e.at(2026, 3, 20).must(e.svc.RecordOpposition(ctxBg, e.act(id, outer), access.PartyAct{Party: 1, Note: "dati personali"}))
		}, day(2026, 4, 17), []deadline.Date{day(2026, 3, 23), day(2026, 3, 26)}, 16},
		{"both oppose early: until the last opposition (party 2 on 18 March: 8 days)", func(e *env, id access.ID) {
			e.at(2026, 3, 12).must(e.svc.RecordNoticeReceipt(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
			e.at(2026, 3, 16).must(e.svc.RecordNoticeReceipt(ctxBg, e.act(id, outer), access.PartyAct{Party: 2}))
			e.at(2026, 3, 17).must(e.svc.RecordOpposition(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
			e.at(2026, 3, 18).must(e.svc.RecordOpposition(ctxBg, e.act(id, outer), access.PartyAct{Party: 2}))
		}, day(2026, 4, 9), []deadline.Date{day(2026, 3, 23), day(2026, 3, 26)}, 8},
		{"receipts unknown: windows counted from the sending, 20 March [P]", func(e *env, id access.ID) {
			e.at(2026, 3, 11)
		}, day(2026, 4, 11), []deadline.Date{day(2026, 3, 20), day(2026, 3, 20)}, 10},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, access.Policy{})
			r := e.file(access.Generalizzato)
			e.at(2026, 3, 10).must(e.svc.NotifyCounterInterested(ctxBg, e.act(r.ID, front), access.Notification{
				Parties: []access.Person{{Name: "Mario", Surname: "Neri"}, {Name: "Impresa Alfa S.r.l.", FiscalCode: "01234567890"}}, Means: "PEC"}))
			c.steps(e, r.ID)
			r, err := e.svc.Get(ctxBg, r.ID)
			require.NoError(t, err)
			assert.Equal(t, c.due, r.DecisionDue, "%v", names(r))
			for i, w := range c.windows {
				assert.Equal(t, w, named(t, r, "opposizione del controinteressato n. "+string(rune('1'+i))).Due)
			}
			d, _ := r.Deadline(access.DeadlineDecision)
			var found bool
			for _, s := range d.Explanation.Steps {
				if s.Action == deadline.ActionSuspension {
					found = true
					assert.Equal(t, c.suspension, s.Days)
				}
			}
			assert.True(t, found, "the explanation shows the suspension:\n%s", d.Explanation)
			assert.Equal(t, 2, r.CounterInterested)
		})
	}
}

// Each party's notice suspends the term from its sending to that party's
// opposition or the close of its window (art. 5 c. 5 D.Lgs. 33/2013;
// RULES.md §4 [P]); notices sent at different times suspend it separately,
// and the days when no notice was pending count. Only overlapping or
// touching intervals merge. Filed Monday 2 March 2026: 30 days → Wednesday
// 1 April. The documentale option (Policy.DocumentaleSuspension) follows the
// same rule.
func TestArt5c5_SuspensionPerPartyNotice(t *testing.T) {
	type notice struct {
		sent, received, opposed deadline.Date
	}
	for _, c := range []struct {
		name    string
		kind    access.Kind
		notices []notice
		steps   []int // days of each suspension step, in order
		due     deadline.Date
	}{
		// Party 1: sent and received Tue 10 March, window 10+10 = Fri 20
		// March: 10 days. Party 2: sent and received Sun 5 April, window
		// 5+10 = Wed 15 April: 10 days. 1 April + 10 = Sat 11 April (an
		// administrative term does not move for Saturday); the second notice
		// (5 April) comes before that expiry: 11 April + 10 = Tue 21 April.
		// 21 March-4 April, when no notice was pending, count (one interval
		// from 10 March to 15 April would add 36 days: 7 May).
		{"audit: two notices three weeks apart, 10 + 10 days", access.Generalizzato,
			[]notice{{sent: day(2026, 3, 10), received: day(2026, 3, 10)}, {sent: day(2026, 4, 5), received: day(2026, 4, 5)}},
			[]int{10, 10}, day(2026, 4, 21)},
		// Party 1: 10 March, received 12 March, window 22 March (Sunday) →
		// Monday 23 March. Party 2: sent and received 16 March, window 26
		// March. The intervals overlap: one suspension 10-26 March, 16
		// days: 1 April + 16 = Fri 17 April.
		{"overlapping windows merge", access.Generalizzato,
			[]notice{{sent: day(2026, 3, 10), received: day(2026, 3, 12)}, {sent: day(2026, 3, 16), received: day(2026, 3, 16)}},
			[]int{16}, day(2026, 4, 17)},
		// Party 1: 10 March, window 20 March. Party 2 sent 20 March, the day
		// party 1's window closes, received 20 March, window 30 March. The
		// intervals touch: one suspension 10-30 March, 20 days: 1 April + 20
		// = Tue 21 April.
		{"touching intervals merge", access.Generalizzato,
			[]notice{{sent: day(2026, 3, 10), received: day(2026, 3, 10)}, {sent: day(2026, 3, 20), received: day(2026, 3, 20)}},
			[]int{20}, day(2026, 4, 21)},
		// Party 1: 10 March, opposes Fri 13 March: 3 days. Party 2 sent Fri
		// 20 March, received Sat 21 March, window 31 March: 20-31 March, 11
		// days. 1 April + 3 = Sat 4 April; + 11 = Wed 15 April. 13-20
		// March count.
		{"an opposition ends its party's interval", access.Generalizzato,
			[]notice{{sent: day(2026, 3, 10), received: day(2026, 3, 10), opposed: day(2026, 3, 13)}, {sent: day(2026, 3, 20), received: day(2026, 3, 21)}},
			[]int{3, 11}, day(2026, 4, 15)},
		// The audit's case under the documentale option: 21 April as above.
		{"documentale option: the same per-party intervals", access.Documentale,
			[]notice{{sent: day(2026, 3, 10), received: day(2026, 3, 10)}, {sent: day(2026, 4, 5), received: day(2026, 4, 5)}},
			[]int{10, 10}, day(2026, 4, 21)},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, access.Policy{DocumentaleSuspension: true})
			id := e.file(c.kind).ID
			people := []access.Person{{Name: "Mario", Surname: "Neri"}, {Name: "Impresa Alfa S.r.l.", FiscalCode: "01234567890"}}
			for i, n := range c.notices {
				e.at(n.sent.Year(), n.sent.Month(), n.sent.Day()).must(e.svc.NotifyCounterInterested(ctxBg, e.act(id, front), access.Notification{Parties: people[i : i+1], Means: "PEC"}))
				e.at(n.received.Year(), n.received.Month(), n.received.Day()).must(e.svc.RecordNoticeReceipt(ctxBg, e.act(id, outer), access.PartyAct{Party: i + 1}))
				if !n.opposed.IsZero() {
					e.at(n.opposed.Year(), n.opposed.Month(), n.opposed.Day()).must(e.svc.RecordOpposition(ctxBg, e.act(id, outer), access.PartyAct{Party: i + 1}))
				}
			}
			r, err := e.svc.Get(ctxBg, id)
			require.NoError(t, err)
			assert.Equal(t, c.due, r.DecisionDue, "%v", names(r))
			d, _ := r.Deadline(access.DeadlineDecision)
			var steps []int
			for _, s := range d.Explanation.Steps {
				if s.Action == deadline.ActionSuspension {
					steps = append(steps, s.Days)
				}
			}
			assert.Equal(t, c.steps, steps, "%s", d.Explanation)
		})
	}
}

func TestArt5c6_ReleaseDespiteOppositionNotBefore15Days(t *testing.T) {
	e := newEnv(t, access.Policy{})
	r := e.file(access.Generalizzato)
	id := r.ID
	e.at(2026, 3, 10).must(e.svc.NotifyCounterInterested(ctxBg, e.act(id, front), access.Notification{Parties: []access.Person{{Name: "Mario", Surname: "Neri"}}}))
	e.at(2026, 3, 12).must(e.svc.RecordNoticeReceipt(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
	e.at(2026, 3, 20).must(e.svc.RecordOpposition(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
	e.at(2026, 3, 30).must(e.svc.Decide(ctxBg, e.act(id, comp), access.Ruling{Outcome: access.Accepted, Summary: "dati accessibili: nessun pregiudizio concreto"}))

	// Before the party received the acceptance, nothing can be released.
	_, err := e.at(2026, 3, 31).svc.Release(ctxBg, e.act(id, comp), access.Release{Documents: "verbali"})
	re, ok := procedure.IsRule(err)
	require.True(t, ok, "%v", err)
	assert.Equal(t, "5", re.Rule.Article)
	assert.Equal(t, "6", re.Rule.Comma)

	// Party receives on Wednesday 1 April: the 15th day is 16 April, the
	// data may be transmitted from Friday 17 April.
	r = e.at(2026, 4, 1).must(e.svc.RecordAcceptanceReceipt(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
	assert.Equal(t, day(2026, 4, 17), named(t, r, "trasmissione dopo l'opposizione n. 1").Due)
	assert.Equal(t, day(2026, 4, 17), r.Index().Due, "the office is reminded on the first allowed day")

	v := e.version(id)
	_, err = e.at(2026, 4, 16).svc.Release(ctxBg, e.act(id, comp), access.Release{Documents: "verbali"})
	require.ErrorIs(t, err, access.ErrRule)
	assert.Equal(t, v, e.version(id), "a refused act stores nothing")

	r = e.at(2026, 4, 17).must(e.svc.Release(ctxBg, e.act(id, comp), access.Release{Documents: "verbali", Medium: access.MediumElectronic}))
	assert.Equal(t, day(2026, 4, 17), r.Released)
	assert.True(t, r.Index().Due.IsZero(), "nothing due once released")
}

func TestArt5c6_UrgencyAllowsEarlierRelease(t *testing.T) {
	e := newEnv(t, access.Policy{})
	id := e.file(access.Generalizzato).ID
	e.at(2026, 3, 10).must(e.svc.NotifyCounterInterested(ctxBg, e.act(id, front), access.Notification{Parties: []access.Person{{Name: "Mario", Surname: "Neri"}}}))
	e.at(2026, 3, 12).must(e.svc.RecordOpposition(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
	e.at(2026, 3, 30).must(e.svc.Decide(ctxBg, e.act(id, comp), access.Ruling{Outcome: access.Accepted}))
	e.at(2026, 4, 1).must(e.svc.RecordAcceptanceReceipt(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
	r := e.at(2026, 4, 2).must(e.svc.Release(ctxBg, e.act(id, comp), access.Release{Urgency: "scadenza di gara documentata"}))
	assert.Equal(t, day(2026, 4, 2), r.Released)
}

func TestArt6c5DPR184_IrregularityRestart(t *testing.T) {
	for _, c := range []struct {
		name        string
		notice      deadline.Date
		corrected   deadline.Date
		due         deadline.Date
		restarted   bool
		windowDueOn deadline.Date
	}{
		{"notice on day 4, within 10 days: 30 days from the corrected request (11 March → 10 April)", day(2026, 3, 6), day(2026, 3, 11), day(2026, 4, 10), true, day(2026, 3, 12)},
		{"notice on day 10, the last day of the window: restart (13 March → 12 April Sunday → 13 April)", day(2026, 3, 12), day(2026, 3, 13), day(2026, 4, 13), true, day(2026, 3, 12)},
		{"notice on day 11, after the window: nothing restarts (due 1 April)", day(2026, 3, 13), day(2026, 3, 18), day(2026, 4, 1), false, day(2026, 3, 12)},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, access.Policy{})
			id := e.file(access.Documentale).ID
			r := e.at(c.notice.Year(), c.notice.Month(), c.notice.Day()).must(e.svc.NotifyIrregularity(ctxBg, e.act(id, front), access.Irregularity{Missing: []string{"documento di identità"}}))
			assert.Equal(t, access.StateIrregular, r.State)
			if c.restarted {
				assert.True(t, r.DecisionDue.IsZero(), "while the corrected request is awaited no term runs")
				assert.True(t, r.Index().Due.IsZero())
			} else {
				assert.Equal(t, day(2026, 4, 1), r.DecisionDue, "a late notice does not stop the term")
			}
			w := named(t, r, "comunicazione di irregolarità")
			assert.Equal(t, c.windowDueOn, w.Due)
			assert.Equal(t, c.notice, w.Met)
			r = e.at(c.corrected.Year(), c.corrected.Month(), c.corrected.Day()).must(e.svc.Correct(ctxBg, e.act(id, outer), access.Correction{Identification: "CIE"}))
			assert.Equal(t, access.StatePending, r.State)
			assert.Equal(t, c.due, r.DecisionDue)
			d, _ := r.Deadline(access.DeadlineDecision)
			hasRestart := false
			for _, s := range d.Explanation.Steps {
				hasRestart = hasRestart || s.Action == deadline.ActionRestart
			}
			assert.Equal(t, c.restarted, hasRestart, "%s", d.Explanation)
		})
	}
}

func TestArt25c4_SilenzioRigetto(t *testing.T) {
	e := newEnv(t, access.Policy{})
	r := e.file(access.Documentale)
	s, ok := r.Deadline(access.DeadlineSilenzioRigetto)
	require.True(t, ok)
	assert.Equal(t, day(2026, 4, 1), s.Due)
	assert.False(t, r.Silent(day(2026, 4, 1)), "on the last day the office may still decide")
	assert.True(t, r.Silent(day(2026, 4, 2)), "from the next day the request is deemed refused")
	// Remedies against the silence run from 1 April: TAR 30 days → 1 May
	// (holiday) → 2 May (Saturday, court term) → Monday 4 May; difensore
	// civico 30 days → 1 May → Saturday 2 May (administrative: not moved).
	assert.Equal(t, day(2026, 5, 4), due(t, r, access.DeadlineAppeal))
	_, feriale := r.Deadline(access.DeadlineAppealFeriale)
	assert.False(t, feriale, "no August in the term: one date")
	assert.Equal(t, day(2026, 5, 2), due(t, r, access.DeadlineOmbudsmanFiling))

	_, err := e.at(2026, 4, 1).svc.FileAppeal(ctxBg, e.act(r.ID, outer), access.RemedyRequest{Court: "TAR Lazio"})
	require.ErrorIs(t, err, access.ErrRule, "no silence yet on the last day")
	r = e.at(2026, 4, 20).must(e.svc.FileAppeal(ctxBg, e.act(r.ID, outer), access.RemedyRequest{Court: "TAR Lazio"}))
	assert.Equal(t, access.StateAppeal, r.State)
	ap, _ := r.Deadline(access.DeadlineAppeal)
	assert.Equal(t, day(2026, 4, 20), ap.Met)
	assert.Equal(t, deadline.Met, ap.Status(day(2026, 4, 20), 7).State)
}

func TestArt5c7_NoAnswerOpensReview(t *testing.T) {
	e := newEnv(t, access.Policy{})
	r := e.file(access.Generalizzato)
	_, ok := r.Deadline(access.DeadlineNoAnswer)
	require.True(t, ok)
	_, err := e.at(2026, 4, 1).svc.FileReview(ctxBg, e.act(r.ID, outer), access.RemedyRequest{})
	require.ErrorIs(t, err, access.ErrRule)
	r = e.at(2026, 4, 2).must(e.svc.FileReview(ctxBg, e.act(r.ID, outer), access.RemedyRequest{}))
	assert.Equal(t, access.StateReview, r.State)
	// 2 April + 20 days = 22 April.
	assert.Equal(t, day(2026, 4, 22), due(t, r, access.DeadlineReview))
	// Flag term: 30 days from the silence (1 April) → 1 May, no extension.
	rf, _ := r.Deadline(access.DeadlineReviewFiling)
	assert.Equal(t, day(2026, 5, 1), rf.Due)
	assert.False(t, r.Review.Late)
}

func TestArt5c7_ReviewWithGarante(t *testing.T) {
	for _, c := range []struct {
		name     string
		answered deadline.Date
		due      deadline.Date
	}{
		// Decided 16 March; review filed 18 March: 20 days → 7 April.
		{"Garante consulted 23 March, answers 31 March: 8 days → 15 April", day(2026, 3, 31), day(2026, 4, 15)},
		{"Garante does not answer: at most 10 days → 17 April", deadline.Date{}, day(2026, 4, 17)},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, access.Policy{})
			id := e.file(access.Generalizzato).ID
			e.at(2026, 3, 16).must(e.svc.Decide(ctxBg, e.act(id, comp), access.Ruling{
				Outcome: access.Refused, Grounds: []access.GroundCode{"d33-5bis-2-a"},
				Reasons: "i verbali contengono dati personali di terzi", Summary: "dati personali di terzi",
				NoDeferral: "il pregiudizio non è temporaneo"}))
			r := e.at(2026, 3, 18).must(e.svc.FileReview(ctxBg, e.act(id, outer), access.RemedyRequest{}))
			assert.Equal(t, day(2026, 4, 7), due(t, r, access.DeadlineReview))
			r = e.at(2026, 3, 23).must(e.svc.ConsultGarante(ctxBg, e.act(id, rpct), access.Note{Text: "richiesta di parere"}))
			assert.Equal(t, day(2026, 4, 2), due(t, r, access.DeadlineGarante))
			assert.Equal(t, day(2026, 4, 17), due(t, r, access.DeadlineReview), "until the opinion, the full 10 days count")
			if !c.answered.IsZero() {
				e.at(c.answered.Year(), c.answered.Month(), c.answered.Day()).must(e.svc.RecordGaranteOpinion(ctxBg, e.act(id, outer), access.Note{Text: "parere favorevole al diniego"}))
			} else {
				_, err := e.at(2026, 4, 2).svc.DecideReview(ctxBg, e.act(id, rpct), access.ReviewRuling{Outcome: access.Accepted})
				require.ErrorIs(t, err, access.ErrRule, "the RPCT waits up to 10 days for the Garante")
			}
			r, err := e.svc.Get(ctxBg, id)
			require.NoError(t, err)
			assert.Equal(t, c.due, due(t, r, access.DeadlineReview))
			r = e.at(2026, 4, 3).must(e.svc.DecideReview(ctxBg, e.act(id, rpct), access.ReviewRuling{
				Outcome: access.Refused, Grounds: []access.GroundCode{"d33-5bis-2-a"}, Reasons: "confermato", Summary: "diniego confermato"}))
			assert.Equal(t, access.StateReviewed, r.State)
			// TAR from the review decision, 3 April: 3 May (Sunday) → 4 May.
			assert.Equal(t, day(2026, 5, 4), due(t, r, access.DeadlineAppeal))
		})
	}
}

// The Garante's 10 days to give its opinion (art. 5 c. 7 D.Lgs. 33/2013)
// end, like every term, on the next working day when the 10th day is a
// Sunday or a holiday (RULES.md §1.4); the RPCT may decide without the
// opinion only after that day. Consulted Thursday 2 April 2026: 2 + 10 =
// Sunday 12 April → Monday 13 April (Easter Monday was 6 April). Deciding
// without the opinion on 13 April is refused, on 14 April allowed. The
// review's term is suspended at most 10 days: filed Wednesday 1 April, 1 +
// 20 = 21 April, + 10 = 1 May (holiday) → Saturday 2 May (administrative:
// not moved for Saturday).
func TestArt5c7_GaranteTermExtendedToMonday(t *testing.T) {
	for _, c := range []struct {
		name    string
		decided deadline.Date
		refused bool
	}{
		{"Monday 13 April, the Garante's last day: refused", day(2026, 4, 13), true},
		{"Tuesday 14 April: allowed without the opinion", day(2026, 4, 14), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, access.Policy{})
			id := e.file(access.Generalizzato).ID
			e.at(2026, 3, 20).must(e.svc.Decide(ctxBg, e.act(id, comp), refusal(access.Refused, "d33-5bis-2-a")))
			e.at(2026, 4, 1).must(e.svc.FileReview(ctxBg, e.act(id, outer), access.RemedyRequest{}))
			r := e.at(2026, 4, 2).must(e.svc.ConsultGarante(ctxBg, e.act(id, rpct), access.Note{Text: "richiesta di parere"}))
			assert.Equal(t, day(2026, 4, 13), due(t, r, access.DeadlineGarante))
			assert.Equal(t, day(2026, 5, 2), due(t, r, access.DeadlineReview))
			v := e.version(id)
			_, err := e.at(c.decided.Year(), c.decided.Month(), c.decided.Day()).svc.DecideReview(ctxBg, e.act(id, rpct), access.ReviewRuling{
				Outcome: access.Refused, Grounds: []access.GroundCode{"d33-5bis-2-a"}, Reasons: "confermato", Summary: "diniego confermato"})
			if !c.refused {
				require.NoError(t, err)
				return
			}
			re, ok := procedure.IsRule(err)
			require.True(t, ok, "%v", err)
			assert.Equal(t, "7", re.Rule.Comma)
			assert.Contains(t, re.Error(), "2026-04-13")
			assert.Equal(t, v, e.version(id), "a refused act stores nothing")
		})
	}
}

func TestArt5c7_GaranteOnlyForPersonalData(t *testing.T) {
	e := newEnv(t, access.Policy{})
	id := e.file(access.Generalizzato).ID
	e.at(2026, 3, 16).must(e.svc.Decide(ctxBg, e.act(id, comp), access.Ruling{
		Outcome: access.Refused, Grounds: []access.GroundCode{"d33-5bis-1-g"}, Reasons: "ispezione in corso", Summary: "attività ispettiva in corso", NoDeferral: "durata indeterminata"}))
	e.at(2026, 3, 18).must(e.svc.FileReview(ctxBg, e.act(id, outer), access.RemedyRequest{}))
	_, err := e.svc.ConsultGarante(ctxBg, e.act(id, rpct), access.Note{})
	require.ErrorIs(t, err, access.ErrRule)
}

func TestArt25c4_OmbudsmanAnd30DaysToConfirm(t *testing.T) {
	setup := func(t *testing.T) (*env, access.ID) {
		e := newEnv(t, access.Policy{})
		id := e.file(access.Documentale).ID
		e.at(2026, 3, 16).must(e.svc.Decide(ctxBg, e.act(id, comp), access.Ruling{
			Outcome: access.Refused, Grounds: []access.GroundCode{"l241-24-6-d"}, Reasons: "riservatezza di terzi", Summary: "riservatezza di terzi", NoDeferral: "il pregiudizio non è temporaneo"}))
		r := e.at(2026, 3, 23).must(e.svc.FileOmbudsman(ctxBg, e.act(id, outer), access.RemedyRequest{Body: access.DifensoreCivico}))
		// Filing term from the refusal, 16 March + 30 = 15 April (met 23 March).
		f, _ := r.Deadline(access.DeadlineOmbudsmanFiling)
		assert.Equal(t, day(2026, 4, 15), f.Due)
		assert.Equal(t, day(2026, 3, 23), f.Met)
		// The body has 30 days: 22 April.
		assert.Equal(t, day(2026, 4, 22), due(t, r, access.DeadlineOmbudsman))
		// Until then, the TAR term runs from its deemed rejection: 22 May (Friday).
		assert.Equal(t, day(2026, 5, 22), due(t, r, access.DeadlineAppeal))
		// Decided 20 April, recorded on 21 April when the administration received it.
		r = e.at(2026, 4, 21).must(e.svc.RecordOmbudsmanOutcome(ctxBg, access.Act{ID: id, By: outer, On: day(2026, 4, 20)}, access.OmbudsmanRuling{
			Outcome: access.OmbudsmanUnlawful, Summary: "diniego non motivato", AdministrationReceived: day(2026, 4, 21)}))
		// 21 April + 30 = 21 May.
		assert.Equal(t, day(2026, 5, 21), due(t, r, access.DeadlineConfirmation))
		assert.Equal(t, day(2026, 5, 21), r.Index().Due)
		// TAR from the outcome, 20 April: 20 May.
		assert.Equal(t, day(2026, 5, 20), due(t, r, access.DeadlineAppeal))
		assert.Equal(t, day(2026, 5, 22), r.Ombudsman.AccessFrom)
		return e, id
	}
	t.Run("no confirmation within 30 days: access allowed from 22 May", func(t *testing.T) {
		e, id := setup(t)
		_, err := e.at(2026, 5, 21).svc.Release(ctxBg, e.act(id, comp), access.Release{})
		require.ErrorIs(t, err, access.ErrRule)
		_, err = e.at(2026, 5, 22).svc.AnswerOmbudsman(ctxBg, e.act(id, comp), access.AdministrationAnswer{Confirm: true, Reasons: "x", Summary: "y"})
		require.ErrorIs(t, err, access.ErrRule, "too late to confirm")
		r := e.must(e.svc.Release(ctxBg, e.act(id, comp), access.Release{Documents: "atti"}))
		assert.Equal(t, day(2026, 5, 22), r.Released)
	})
	t.Run("reasoned confirmation within 30 days: refusal stands", func(t *testing.T) {
		e, id := setup(t)
		r := e.at(2026, 5, 11).must(e.svc.AnswerOmbudsman(ctxBg, e.act(id, comp), access.AdministrationAnswer{Confirm: true, Reasons: "motivi", Summary: "diniego confermato con motivazione"}))
		assert.True(t, r.Ombudsman.Confirmed)
		assert.True(t, r.Ombudsman.AccessFrom.IsZero())
		_, err := e.at(2026, 5, 25).svc.Release(ctxBg, e.act(id, comp), access.Release{})
		require.ErrorIs(t, err, access.ErrRule)
		r = e.at(2026, 5, 12).must(e.svc.FileAppeal(ctxBg, e.act(id, outer), access.RemedyRequest{Court: "TAR Lazio"}))
		assert.Equal(t, access.StateAppeal, r.State)
	})
	t.Run("the administration conforms: access allowed at once", func(t *testing.T) {
		e, id := setup(t)
		r := e.at(2026, 5, 4).must(e.svc.AnswerOmbudsman(ctxBg, e.act(id, comp), access.AdministrationAnswer{Confirm: false}))
		assert.Equal(t, day(2026, 5, 4), r.Ombudsman.AccessFrom)
		e.must(e.svc.Release(ctxBg, e.act(id, comp), access.Release{}))
	})
}

// The ombudsman's outcome has three days, each checked against the
// decision and today only (art. 25 c. 4 L. 241/1990; art. 5 c. 8 D.Lgs.
// 33/2013): the body's decision, against its 30 days; the requester's
// receipt, from which the TAR term runs; the administration's receipt,
// from which its 30 days to confirm run. Documentale refusal of Friday 29
// May 2026; recourse Monday 1 June: the body decides by 1 + 30 = Wednesday
// 1 July.
func TestArt25c4Art5c8_OmbudsmanOutcomeDates(t *testing.T) {
	for _, c := range []struct {
		name                string
		recorded            deadline.Date
		ruling              access.OmbudsmanRuling
		err                 error
		met                 deadline.Date // the body's 30 days, met on the decision
		confirmBy, accessOn deadline.Date
		appeal, feriale     deadline.Date
		estimated           bool
	}{
		// Decided Tuesday 30 June (in time). Administration receives it
		// Friday 3 July: 3 + 30 = 2 August (Sunday) → Monday 3 August;
		// access allowed from 4 August. Requester receives it Friday 10
		// July: TAR 10 + 30 = 9 August (Sunday) → Monday 10 August; with
		// the August suspension, 21 days in July (11-31), 9 from 1
		// September → Wednesday 9 September.
		{"audit: administration before the requester", day(2026, 7, 10),
			access.OmbudsmanRuling{Outcome: access.OmbudsmanUnlawful, Summary: "diniego illegittimo", Decided: day(2026, 6, 30), AdministrationReceived: day(2026, 7, 3), RequesterReceived: day(2026, 7, 10)},
			nil, day(2026, 6, 30), day(2026, 8, 3), day(2026, 8, 4), day(2026, 8, 10), day(2026, 9, 9), false},
		// The requester before the administration: requester 1 July (TAR 1
		// + 30 = Friday 31 July, before August: one date), administration
		// 6 July (6 + 30 = Wednesday 5 August; access from 6 August).
		{"requester before the administration", day(2026, 7, 6),
			access.OmbudsmanRuling{Outcome: access.OmbudsmanUnlawful, Summary: "diniego illegittimo", Decided: day(2026, 6, 30), RequesterReceived: day(2026, 7, 1), AdministrationReceived: day(2026, 7, 6)},
			nil, day(2026, 6, 30), day(2026, 8, 5), day(2026, 8, 6), day(2026, 7, 31), deadline.Date{}, false},
		// Requester's receipt unknown: TAR from the decision, 30 June + 30 =
		// Thursday 30 July [P], and the explanation says so. Administration
		// receipt defaults to the day of recording, 6 July: 5 August.
		{"requester's receipt unknown: from the decision [P]", day(2026, 7, 6),
			access.OmbudsmanRuling{Outcome: access.OmbudsmanUnlawful, Summary: "diniego illegittimo", Decided: day(2026, 6, 30)},
			nil, day(2026, 6, 30), day(2026, 8, 5), day(2026, 8, 6), day(2026, 7, 30), deadline.Date{}, true},
		// A late body: decided Thursday 2 July, after its 1 July.
		{"decided late: the body's term met late", day(2026, 7, 3),
			access.OmbudsmanRuling{Outcome: access.OmbudsmanRejected, Summary: "ricorso respinto", Decided: day(2026, 7, 2), RequesterReceived: day(2026, 7, 3)},
			nil, day(2026, 7, 2), deadline.Date{}, deadline.Date{}, day(2026, 8, 3), day(2026, 9, 2), false},
		{"decided before the recourse: refused", day(2026, 7, 6),
			access.OmbudsmanRuling{Outcome: access.OmbudsmanRejected, Decided: day(2026, 5, 31)}, access.ErrRule, deadline.Date{}, deadline.Date{}, deadline.Date{}, deadline.Date{}, deadline.Date{}, false},
		{"decided after the day it is recorded: refused", day(2026, 7, 6),
			access.OmbudsmanRuling{Outcome: access.OmbudsmanRejected, Decided: day(2026, 7, 7)}, access.ErrRule, deadline.Date{}, deadline.Date{}, deadline.Date{}, deadline.Date{}, deadline.Date{}, false},
		{"requester's receipt before the decision: refused", day(2026, 7, 6),
			access.OmbudsmanRuling{Outcome: access.OmbudsmanRejected, Decided: day(2026, 6, 30), RequesterReceived: day(2026, 6, 29)}, access.ErrRule, deadline.Date{}, deadline.Date{}, deadline.Date{}, deadline.Date{}, deadline.Date{}, false},
		{"administration's receipt after today: refused", day(2026, 7, 6),
			access.OmbudsmanRuling{Outcome: access.OmbudsmanUnlawful, Decided: day(2026, 6, 30), AdministrationReceived: day(2026, 7, 7)}, access.ErrRule, deadline.Date{}, deadline.Date{}, deadline.Date{}, deadline.Date{}, deadline.Date{}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, access.Policy{})
			e.at(2026, 5, 20)
			id := e.file(access.Documentale).ID
			e.at(2026, 5, 29).must(e.svc.Decide(ctxBg, e.act(id, comp), refusal(access.Refused, "l241-24-6-d")))
			e.at(2026, 6, 1).must(e.svc.FileOmbudsman(ctxBg, e.act(id, outer), access.RemedyRequest{}))
			v := e.version(id)
			r, err := e.at(c.recorded.Year(), c.recorded.Month(), c.recorded.Day()).svc.RecordOmbudsmanOutcome(ctxBg, e.act(id, outer), c.ruling)
			if c.err != nil {
				require.ErrorIs(t, err, c.err)
				assert.Equal(t, v, e.version(id), "a refused act stores nothing")
				return
			}
			require.NoError(t, err)
			od, _ := r.Deadline(access.DeadlineOmbudsman)
			assert.Equal(t, day(2026, 7, 1), od.Due)
			assert.Equal(t, c.met, od.Met)
			assert.Equal(t, c.met, r.Ombudsman.Decided)
			assert.Equal(t, c.ruling.RequesterReceived, r.Ombudsman.RequesterReceived)
			if c.confirmBy.IsZero() {
				_, ok := r.Deadline(access.DeadlineConfirmation)
				assert.False(t, ok)
			} else {
				assert.Equal(t, c.confirmBy, due(t, r, access.DeadlineConfirmation))
				assert.Equal(t, c.accessOn, r.Ombudsman.AccessFrom)
			}
			ap, _ := r.Deadline(access.DeadlineAppeal)
			assert.Equal(t, c.appeal, ap.Due, "%s", ap.Explanation)
			fe, ok := r.Deadline(access.DeadlineAppealFeriale)
			assert.Equal(t, !c.feriale.IsZero(), ok)
			assert.Equal(t, c.feriale, fe.Due)
			assert.Equal(t, c.estimated, strings.Contains(ap.Explanation.String(), "non registrata"), "%s", ap.Explanation)
		})
	}
}

// The TAR term runs "dalla conoscenza" (art. 116 c. 1 c.p.a.): from the day
// the requester received the decision, the review's decision or the
// ombudsman's outcome; the difensore civico's filing term (art. 25 c. 4 L.
// 241/1990, "nello stesso termine") and the review's orientative term run
// from the same day. While the receipt is unknown they run from the act's
// own day, the earliest the requester could know it [P], and the
// explanation says so. Refusal of Monday 16 March 2026.
func TestArt116CPA_TermFromKnowledgeOfTheDecision(t *testing.T) {
	for _, c := range []struct {
		name      string
		kind      access.Kind
		record    func(e *env, id access.ID)
		appeal    deadline.Date
		ombudsman deadline.Date
		review    deadline.Date // zero: not listed (documentale)
		estimated bool
	}{
		// 16 March + 30 = Wednesday 15 April, for all three.
		{"receipt unknown: from the decision [P]", access.Generalizzato, func(e *env, id access.ID) {},
			day(2026, 4, 15), day(2026, 4, 15), day(2026, 4, 15), true},
		// Received Friday 20 March, recorded Monday 23 March: 20 + 30 = 19
		// April (Sunday) → Monday 20 April for the TAR (court) and the
		// difensore civico (administrative); the review's orientative term
		// is not extended: Sunday 19 April.
		{"receipt recorded later with CommunicateDecision", access.Generalizzato, func(e *env, id access.ID) {
			e.at(2026, 3, 23).must(e.svc.CommunicateDecision(ctxBg, access.Act{ID: id, By: outer, On: day(2026, 3, 20)}, access.Communication{Means: "raccomandata A/R"}))
		}, day(2026, 4, 20), day(2026, 4, 20), day(2026, 4, 19), false},
		// Documentale, received Friday 27 March: 27 + 30 = 26 April
		// (Sunday) → Monday 27 April.
		{"documentale, received 27 March", access.Documentale, func(e *env, id access.ID) {
			e.at(2026, 3, 27).must(e.svc.CommunicateDecision(ctxBg, e.act(id, front), access.Communication{Of: access.CommunicatedDecision}))
		}, day(2026, 4, 27), day(2026, 4, 27), deadline.Date{}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, access.Policy{})
			id := e.file(c.kind).ID
			ground := map[access.Kind]access.GroundCode{access.Generalizzato: "d33-5bis-1-a", access.Documentale: "l241-24-6-d"}[c.kind]
			e.at(2026, 3, 16).must(e.svc.Decide(ctxBg, e.act(id, comp), refusal(access.Refused, ground)))
			c.record(e, id)
			r, err := e.svc.Get(ctxBg, id)
			require.NoError(t, err)
			ap, _ := r.Deadline(access.DeadlineAppeal)
			assert.Equal(t, c.appeal, ap.Due, "%s", ap.Explanation)
			assert.Equal(t, c.ombudsman, due(t, r, access.DeadlineOmbudsmanFiling))
			rf, ok := r.Deadline(access.DeadlineReviewFiling)
			assert.Equal(t, !c.review.IsZero(), ok)
			assert.Equal(t, c.review, rf.Due)
			assert.Equal(t, c.estimated, strings.Contains(ap.Explanation.String(), "non registrata"), "%s", ap.Explanation)
		})
	}
	t.Run("known at once: Ruling.Communicated", func(t *testing.T) {
		e := newEnv(t, access.Policy{})
		id := e.file(access.Generalizzato).ID
		ru := refusal(access.Refused, "d33-5bis-1-a")
		ru.Communicated = day(2026, 3, 18)
		_, err := e.at(2026, 3, 16).svc.Decide(ctxBg, e.act(id, comp), ru)
		require.ErrorIs(t, err, access.ErrRule, "received after today")
		ru.Communicated = day(2026, 3, 15)
		_, err = e.svc.Decide(ctxBg, e.act(id, comp), ru)
		require.ErrorIs(t, err, access.ErrRule, "received before the decision")
		// Handed over the same day: 16 March + 30 = 15 April.
		ru.Communicated = day(2026, 3, 16)
		r := e.must(e.svc.Decide(ctxBg, e.act(id, comp), ru))
		ap, _ := r.Deadline(access.DeadlineAppeal)
		assert.Equal(t, day(2026, 4, 15), ap.Due)
		assert.Contains(t, ap.Explanation.String(), "dalla ricezione del provvedimento da parte del richiedente")
		_, err = e.at(2026, 3, 17).svc.CommunicateDecision(ctxBg, e.act(id, outer), access.Communication{})
		require.ErrorIs(t, err, access.ErrInvalid, "recorded once")
	})
	t.Run("the review's decision", func(t *testing.T) {
		e := newEnv(t, access.Policy{})
		id := e.file(access.Generalizzato).ID
		e.at(2026, 3, 16).must(e.svc.Decide(ctxBg, e.act(id, comp), refusal(access.Refused, "d33-5bis-1-a")))
		_, err := e.svc.CommunicateDecision(ctxBg, access.Act{ID: id, By: outer, On: day(2026, 3, 15)}, access.Communication{})
		require.ErrorIs(t, err, access.ErrRule, "before the decision")
		e.at(2026, 3, 18).must(e.svc.FileReview(ctxBg, e.act(id, outer), access.RemedyRequest{}))
		_, err = e.svc.CommunicateDecision(ctxBg, e.act(id, outer), access.Communication{Of: access.CommunicatedReview})
		require.ErrorIs(t, err, access.ErrRule, "no review decision yet")
		// Decided Friday 3 April: 3 + 30 = 3 May (Sunday) → Monday 4 May.
		r := e.at(2026, 4, 3).must(e.svc.DecideReview(ctxBg, e.act(id, rpct), access.ReviewRuling{
			Outcome: access.Refused, Grounds: []access.GroundCode{"d33-5bis-1-a"}, Reasons: "confermato", Summary: "diniego confermato"}))
		assert.Equal(t, day(2026, 5, 4), due(t, r, access.DeadlineAppeal))
		// Received Wednesday 8 April: 8 + 30 = Friday 8 May.
		r = e.at(2026, 4, 9).must(e.svc.CommunicateDecision(ctxBg, access.Act{ID: id, By: outer, On: day(2026, 4, 8)}, access.Communication{Of: access.CommunicatedReview}))
		assert.Equal(t, day(2026, 4, 8), r.Review.Communicated)
		assert.Equal(t, day(2026, 5, 8), due(t, r, access.DeadlineAppeal))
		assert.True(t, r.Decision.Communicated.IsZero(), "the decision's own receipt is another fact")
	})
	t.Run("the ombudsman's outcome, its receipt recorded later", func(t *testing.T) {
		e := newEnv(t, access.Policy{})
		id := e.file(access.Documentale).ID
		e.at(2026, 3, 16).must(e.svc.Decide(ctxBg, e.act(id, comp), refusal(access.Refused, "l241-24-6-d")))
		e.at(2026, 3, 23).must(e.svc.FileOmbudsman(ctxBg, e.act(id, outer), access.RemedyRequest{}))
		// Decided Monday 20 April: 20 + 30 = Wednesday 20 May [P].
		r := e.at(2026, 4, 21).must(e.svc.RecordOmbudsmanOutcome(ctxBg, e.act(id, outer), access.OmbudsmanRuling{Outcome: access.OmbudsmanRejected, Summary: "ricorso respinto", Decided: day(2026, 4, 20)}))
		assert.Equal(t, day(2026, 5, 20), due(t, r, access.DeadlineAppeal))
		// The requester received it Friday 24 April: 24 + 30 = Sunday 24
		// May → Monday 25 May.
		r = e.at(2026, 4, 27).must(e.svc.CommunicateDecision(ctxBg, access.Act{ID: id, By: outer, On: day(2026, 4, 24)}, access.Communication{Of: access.CommunicatedOmbudsman}))
		assert.Equal(t, day(2026, 4, 24), r.Ombudsman.RequesterReceived)
		assert.Equal(t, day(2026, 5, 25), due(t, r, access.DeadlineAppeal))
	})
}

// The recourse besides the TAR depends on the administration (art. 25 c. 4
// L. 241/1990; art. 5 c. 8 D.Lgs. 33/2013): the difensore civico for
// regional and local administrations (the default, Roma Capitale), the
// Commissione per l'accesso for a State administration's documentale
// refusals, none for its civic access. Art. 5 c. 8 sets no term to go to
// the difensore civico: the 30 days of art. 25 c. 4 apply by analogy [P].
// Refusal of Monday 16 March 2026, receipt unknown: 16 + 30 = Wednesday 15
// April.
func TestArt5c8Art25c4_OmbudsmanOnlyWhereTheLawProvidesIt(t *testing.T) {
	for _, c := range []struct {
		name       string
		kind       access.Kind
		state      bool
		body       access.Body // zero: no recourse
		wrong      access.Body // a body refused, if any
		confidence law.Confidence
		article    string
	}{
		{"generalizzato, local: difensore civico, term by analogy [P]", access.Generalizzato, false, access.DifensoreCivico, access.CommissioneAccesso, law.Policy, "25"},
		{"semplice, local: difensore civico", access.CivicoSemplice, false, access.DifensoreCivico, "", law.Policy, "25"},
		{"generalizzato, State: no difensore civico", access.Generalizzato, true, "", access.DifensoreCivico, 0, ""},
		{"semplice, State: no difensore civico", access.CivicoSemplice, true, "", access.DifensoreCivico, 0, ""},
		{"documentale, local: difensore civico, art. 25 c. 4", access.Documentale, false, access.DifensoreCivico, access.CommissioneAccesso, 0, "25"},
		{"documentale, State: Commissione per l'accesso", access.Documentale, true, access.CommissioneAccesso, access.DifensoreCivico, 0, "25"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, access.Policy{StateAdministration: c.state})
			assert.Equal(t, !c.state, e.svc.Policy().Local())
			id := e.file(c.kind).ID
			ground := map[access.Kind]access.GroundCode{access.Generalizzato: "d33-5bis-1-a", access.CivicoSemplice: "d33-5-1", access.Documentale: "l241-24-6-d"}[c.kind]
			r := e.at(2026, 3, 16).must(e.svc.Decide(ctxBg, e.act(id, comp), refusal(access.Refused, ground)))
			fd, listed := r.Deadline(access.DeadlineOmbudsmanFiling)
			acts, err := e.svc.Permitted(ctxBg, id, outer)
			require.NoError(t, err)
			assert.Equal(t, c.body != "", slices.Contains(acts, access.EventOmbudsmanFiled))
			if c.wrong != "" {
				_, err := e.svc.FileOmbudsman(ctxBg, e.act(id, outer), access.RemedyRequest{Body: c.wrong})
				require.ErrorIs(t, err, access.ErrRule)
			}
			if c.body == "" {
				assert.False(t, listed, "no filing term where no difensore civico exists")
				_, err := e.svc.FileOmbudsman(ctxBg, e.act(id, outer), access.RemedyRequest{})
				re, ok := procedure.IsRule(err)
				require.True(t, ok, "%v", err)
				assert.Equal(t, "8", re.Rule.Comma)
				return
			}
			require.True(t, listed)
			assert.Equal(t, day(2026, 4, 15), fd.Due)
			assert.Equal(t, c.article, fd.Explanation.Term.Source.Article)
			assert.Equal(t, c.confidence, fd.Explanation.Term.Source.Confidence)
			assert.Equal(t, c.body == access.CommissioneAccesso, strings.Contains(fd.Explanation.String(), "Commissione per l'accesso"))
			r = e.at(2026, 3, 20).must(e.svc.FileOmbudsman(ctxBg, e.act(id, outer), access.RemedyRequest{}))
			assert.Equal(t, c.body, r.Ombudsman.Body, "an empty body is the administration's")
		})
	}
}

// Civic access's difensore civico rests on art. 5 c. 8 D.Lgs. 33/2013: its
// 30 days to decide, and the administration's 30 days to confirm a
// refusal it found unlawful, cite c. 8, and nothing says the recourse is
// deemed rejected after the 30 days (that is art. 25 c. 4 L. 241/1990,
// documentale access only). Refusal Monday 16 March 2026, recourse Monday
// 23 March: the body decides by 23 + 30 = Wednesday 22 April; found
// unlawful on 20 April, received by the administration on 21 April: 21 +
// 30 = Thursday 21 May to confirm.
func TestArt5c8_CivicOmbudsmanCitesItsOwnRule(t *testing.T) {
	for _, c := range []struct {
		kind     access.Kind
		ground   access.GroundCode
		article  string
		comma    string
		rejected bool
	}{
		{access.Generalizzato, "d33-5bis-1-a", "5", "8", false},
		{access.CivicoSemplice, "d33-5-1", "5", "8", false},
		{access.Documentale, "l241-24-6-d", "25", "4", true},
	} {
		t.Run(string(c.kind), func(t *testing.T) {
			e := newEnv(t, access.Policy{})
			id := e.file(c.kind).ID
			e.at(2026, 3, 16).must(e.svc.Decide(ctxBg, e.act(id, comp), refusal(access.Refused, c.ground)))
			r := e.at(2026, 3, 23).must(e.svc.FileOmbudsman(ctxBg, e.act(id, outer), access.RemedyRequest{}))
			od, _ := r.Deadline(access.DeadlineOmbudsman)
			assert.Equal(t, day(2026, 4, 22), od.Due)
			assert.Equal(t, c.article, od.Explanation.Term.Source.Article)
			assert.Equal(t, c.comma, od.Explanation.Term.Source.Comma)
			assert.Equal(t, c.rejected, strings.Contains(od.Explanation.String(), "si intende respinto"), "%s", od.Explanation)
			r = e.at(2026, 4, 21).must(e.svc.RecordOmbudsmanOutcome(ctxBg, e.act(id, outer), access.OmbudsmanRuling{
				Outcome: access.OmbudsmanUnlawful, Summary: "diniego illegittimo", Decided: day(2026, 4, 20)}))
			cd, _ := r.Deadline(access.DeadlineConfirmation)
			assert.Equal(t, day(2026, 5, 21), cd.Due)
			assert.Equal(t, c.article, cd.Explanation.Term.Source.Article)
			assert.Equal(t, c.comma, cd.Explanation.Term.Source.Comma)
			row, ok := access.Lifecycle(c.kind).Row(access.EventOmbudsmanAnswered)
			require.True(t, ok)
			assert.Equal(t, c.article, row.Basis.Article)
			_, err := e.at(2026, 4, 22).svc.AnswerOmbudsman(ctxBg, e.act(id, comp), access.AdministrationAnswer{Confirm: true})
			re, ok := procedure.IsRule(err)
			require.True(t, ok, "a confirmation states its reasons: %v", err)
			assert.Equal(t, c.article, re.Rule.Article)
			assert.Equal(t, c.comma, re.Rule.Comma)
		})
	}
}

// The act ordering a deferral states its duration (art. 9 c. 3 DPR
// 184/2006: "ne indica la durata"; c. 2 says when deferral may be
// ordered); for civic access the deferral of art. 5-bis c. 5 D.Lgs.
// 33/2013.
func TestArt9c3DPR184_DeferralStatesItsDuration(t *testing.T) {
	for _, c := range []struct {
		kind    access.Kind
		ground  access.GroundCode
		article string
		comma   string
	}{
		{access.Documentale, "l241-24-6-c", "9", "3"},
		{access.Generalizzato, "d33-5bis-1-f", "5-bis", "5"},
	} {
		t.Run(string(c.kind), func(t *testing.T) {
			e := newEnv(t, access.Policy{})
			id := e.file(c.kind).ID
			_, err := e.at(2026, 3, 16).svc.Decide(ctxBg, e.act(id, comp), refusal(access.Deferred, c.ground))
			re, ok := procedure.IsRule(err)
			require.True(t, ok, "%v", err)
			assert.Equal(t, c.article, re.Rule.Article)
			assert.Equal(t, c.comma, re.Rule.Comma)
		})
	}
}

// The deemed refusal (art. 25 c. 4 L. 241/1990) is cited once in the step
// that counts it.
func TestArt25c4_SilenzioRigettoCitedOnce(t *testing.T) {
	e := newEnv(t, access.Policy{})
	r := e.file(access.Documentale)
	s, ok := r.Deadline(access.DeadlineSilenzioRigetto)
	require.True(t, ok)
	for _, st := range s.Explanation.Steps {
		if st.Action == deadline.ActionCount {
			assert.Equal(t, 1, strings.Count(st.Text, "art. 25 c. 4 L. 241/1990"), st.Text)
			assert.Contains(t, st.Text, "la richiesta si intende respinta")
		}
	}
}

func TestArt116CPA_AppealTermAcrossAugust(t *testing.T) {
	// Documentale filed 15 June 2026, notice 17 June (within 10 days),
	// corrected 22 June: due 22 July. Silence from 23 July. TAR: without the
	// August suspension 21 August (Friday); with it, 9 days in July, then
	// from 1 September 21 more: 21 September (Monday).
	e := newEnv(t, access.Policy{})
	e.at(2026, 6, 15)
	id := e.file(access.Documentale).ID
	e.at(2026, 6, 17).must(e.svc.NotifyIrregularity(ctxBg, e.act(id, front), access.Irregularity{Missing: []string{"firma"}}))
	r := e.at(2026, 6, 22).must(e.svc.Correct(ctxBg, e.act(id, outer), access.Correction{}))
	assert.Equal(t, day(2026, 7, 22), r.DecisionDue)
	safe := named(t, r, "ricorso al TAR")
	assert.Equal(t, day(2026, 8, 21), safe.Due)
	feriale := named(t, r, "ricorso al TAR con sospensione feriale")
	assert.Equal(t, day(2026, 9, 21), feriale.Due)
	assert.Contains(t, feriale.Explanation.String(), "sospensione feriale")
	assert.True(t, safe.Due.Before(feriale.Due), "the safe date is the earlier")
	assert.Equal(t, access.DeadlineAppeal, access.KindOf(safe))
	assert.Equal(t, access.DeadlineAppealFeriale, access.KindOf(feriale))
}

func TestArt6c2DPR184_TransferredToAnotherAdministration(t *testing.T) {
	e := newEnv(t, access.Policy{})
	r := e.file(access.Documentale)
	r = e.at(2026, 3, 4).must(e.svc.Forward(ctxBg, e.act(r.ID, front), access.Forwarding{To: "regione"}))
	assert.Equal(t, access.StateTransferred, r.State)
	assert.True(t, r.Forwarded.External)
	assert.Equal(t, "Regione Lazio", r.Forwarded.Name)
	d, _ := r.Deadline(access.DeadlineDecision)
	assert.Equal(t, day(2026, 3, 4), d.Met, "the term is no longer ours")
	assert.True(t, r.Index().Due.IsZero())
}

func TestArt5DPR184_InformalAccess(t *testing.T) {
	e := newEnv(t, access.Policy{})
	f := filing(access.Documentale)
	f.Informal = true
	f.Office = "mobilita"
	f.Channel = access.ChannelCounter
	r, err := e.svc.File(ctxBg, access.Act{By: front}, f)
	require.NoError(t, err)
	assert.True(t, r.Informal)
	assert.True(t, r.DecisionDue.IsZero(), "examined at once, no term")
	assert.Contains(t, e.svc.Receipt(r).Text, "esaminata immediatamente")

	// Counter-interested parties emerge: the informal way stops.
	_, err = e.at(2026, 3, 3).svc.NotifyCounterInterested(ctxBg, e.act(r.ID, front), access.Notification{Parties: []access.Person{{Name: "Mario", Surname: "Neri"}}})
	require.ErrorIs(t, err, access.ErrRule)
	r = e.must(e.svc.RequestFormal(ctxBg, e.act(r.ID, front), access.FormalRequest{Why: "emergono controinteressati"}))
	assert.Equal(t, access.StateIrregular, r.State)
	r = e.at(2026, 3, 9).must(e.svc.Correct(ctxBg, e.act(r.ID, outer), access.Correction{Protocol: access.Protocol{Number: "RA/2026/0099", Date: day(2026, 3, 9)}}))
	assert.False(t, r.Informal)
	// 9 March + 30 = 8 April.
	assert.Equal(t, day(2026, 4, 8), r.DecisionDue)
}

func TestArt3DPR184_DocumentaleSuspensionPolicy(t *testing.T) {
	for _, c := range []struct {
		name    string
		suspend bool
		due     deadline.Date
	}{
		{"default: no suspension (the safer date)", false, day(2026, 4, 1)},
		// Notice sent 10 March, received 12 March, no opposition: window to
		// 22 March (Sunday) → 23 March; suspended 13 days → 14 April.
		{"administration's option: suspended like civic access", true, day(2026, 4, 14)},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, access.Policy{DocumentaleSuspension: c.suspend})
			id := e.file(access.Documentale).ID
			e.at(2026, 3, 10).must(e.svc.NotifyCounterInterested(ctxBg, e.act(id, front), access.Notification{Parties: []access.Person{{Name: "Mario", Surname: "Neri"}}}))
			r := e.at(2026, 3, 13).must(e.svc.RecordNoticeReceipt(ctxBg, access.Act{ID: id, By: outer, On: day(2026, 3, 12)}, access.PartyAct{Party: 1}))
			assert.Equal(t, c.due, r.DecisionDue)
		})
	}
}

func TestArt7DPR184_ViewingPeriod(t *testing.T) {
	e := newEnv(t, access.Policy{})
	id := e.file(access.Documentale).ID
	_, err := e.at(2026, 3, 16).svc.Decide(ctxBg, e.act(id, comp), access.Ruling{Outcome: access.Accepted, Viewing: &access.Viewing{Place: "sede", Days: 10}})
	require.ErrorIs(t, err, access.ErrRule)
	r := e.must(e.svc.Decide(ctxBg, e.act(id, comp), access.Ruling{Outcome: access.Accepted, Viewing: viewAt}))
	// 16 March + 15 days = 31 March.
	assert.Equal(t, day(2026, 3, 31), due(t, r, access.DeadlineViewing))
	_, appeal := r.Deadline(access.DeadlineAppeal)
	assert.False(t, appeal, "nothing to appeal after an acceptance")
}

func TestArt9DPR184_DeferralUntilDate(t *testing.T) {
	e := newEnv(t, access.Policy{})
	id := e.file(access.Documentale).ID
	_, err := e.at(2026, 3, 16).svc.Decide(ctxBg, e.act(id, comp), access.Ruling{Outcome: access.Deferred, Grounds: []access.GroundCode{"l241-24-6-c"}, Reasons: "indagini", Summary: "indagini in corso"})
	require.ErrorIs(t, err, access.ErrRule, "a deferral states until when")
	r := e.must(e.svc.Decide(ctxBg, e.act(id, comp), access.Ruling{Outcome: access.Deferred, DeferredUntil: day(2026, 6, 1), Grounds: []access.GroundCode{"l241-24-6-c"}, Reasons: "indagini", Summary: "indagini in corso"}))
	assert.Equal(t, day(2026, 6, 1), r.Decision.DeferredUntil)
	_, err = e.at(2026, 5, 29).svc.Release(ctxBg, e.act(id, comp), access.Release{})
	require.ErrorIs(t, err, access.ErrRule)
	e.at(2026, 6, 1).must(e.svc.Release(ctxBg, e.act(id, comp), access.Release{}))
}

func TestArt5c9_PartyReviewAgainstAcceptance(t *testing.T) {
	e := newEnv(t, access.Policy{})
	id := e.file(access.Generalizzato).ID
	e.at(2026, 3, 10).must(e.svc.NotifyCounterInterested(ctxBg, e.act(id, front), access.Notification{Parties: []access.Person{{Name: "Mario", Surname: "Neri"}}}))
	e.at(2026, 3, 12).must(e.svc.RecordOpposition(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
	e.at(2026, 3, 30).must(e.svc.Decide(ctxBg, e.act(id, comp), access.Ruling{Outcome: access.Accepted}))
	_, err := e.svc.FileReview(ctxBg, e.act(id, outer), access.RemedyRequest{})
	require.ErrorIs(t, err, access.ErrRule, "the requester has nothing to challenge")
	r := e.at(2026, 4, 2).must(e.svc.FileReview(ctxBg, e.act(id, outer), access.RemedyRequest{Party: 1}))
	assert.Equal(t, 1, r.Review.ByParty)
	r = e.at(2026, 4, 15).must(e.svc.DecideReview(ctxBg, e.act(id, rpct), access.ReviewRuling{Outcome: access.Refused, Summary: "opposizione infondata"}))
	assert.Equal(t, access.StateReviewed, r.State)
}

func TestArt5c1_SimpleCivicAccessPublication(t *testing.T) {
	e := newEnv(t, access.Policy{})
	id := e.file(access.CivicoSemplice).ID
	e.at(2026, 3, 20).must(e.svc.Decide(ctxBg, e.act(id, comp), access.Ruling{Outcome: access.Accepted}))
	_, err := e.svc.Publish(ctxBg, e.act(id, comp), access.Release{})
	require.ErrorIs(t, err, access.ErrRule, "the link is required")
	r := e.must(e.svc.Publish(ctxBg, e.act(id, comp), access.Release{Link: "https://www.comune.roma.it/trasparenza/x"}))
	assert.Equal(t, "https://www.comune.roma.it/trasparenza/x", r.Link)
	r = e.must(e.svc.ReportBreach(ctxBg, e.act(id, rpct), access.Note{Text: "segnalato all'OIV"}))
	assert.Equal(t, day(2026, 3, 20), r.BreachReported)
	_, err = e.svc.Release(ctxBg, e.act(id, comp), access.Release{})
	require.ErrorIs(t, err, access.ErrNotAllowed, "simple civic access publishes")
}

func TestInternalRequestsAheadOfLegalTerm(t *testing.T) {
	e := newEnv(t, access.Policy{InternalLead: 7})
	id := e.file(access.Generalizzato).ID
	r := e.at(2026, 3, 3).must(e.svc.RequestDocuments(ctxBg, e.act(id, front), access.DocumentRequest{Requests: []access.InternalRequest{
		{Office: "urbanistica", Documents: "planimetrie"},
		{Office: "mobilita", Documents: "verbali", Due: day(2026, 3, 13)},
	}}))
	require.Len(t, r.Internal, 2)
	// 1 April - 7 days = 25 March.
	assert.Equal(t, day(2026, 3, 25), r.Internal[0].Due)
	assert.Equal(t, day(2026, 3, 13), r.Internal[1].Due)
	assert.Equal(t, day(2026, 3, 13), r.Index().Due, "the earliest internal date drives reminders")
	_, err := e.svc.RequestDocuments(ctxBg, e.act(id, front), access.DocumentRequest{Requests: []access.InternalRequest{{Office: "mobilita", Documents: "x", Due: day(2026, 4, 2)}}})
	require.ErrorIs(t, err, access.ErrRule, "an internal date after the legal one")
	_, err = e.at(2026, 3, 13).svc.RemindOffice(ctxBg, e.act(id, front), access.Reminder{Request: 2})
	require.ErrorIs(t, err, access.ErrRule, "not late on its due day")
	r = e.at(2026, 3, 16).must(e.svc.RemindOffice(ctxBg, e.act(id, front), access.Reminder{Request: 2}))
	assert.Equal(t, 1, r.Internal[1].Reminders)
	r = e.at(2026, 3, 17).must(e.svc.RecordDocuments(ctxBg, e.act(id, comp), access.DocumentAnswer{Request: 2, Note: "trasmessi"}))
	assert.Equal(t, day(2026, 3, 17), r.Internal[1].Answered)
	assert.Equal(t, day(2026, 3, 25), r.Index().Due)
}

func TestArt5c7_ReviewAfterSilenceGrantsAccess(t *testing.T) {
	e := newEnv(t, access.Policy{})
	id := e.file(access.Generalizzato).ID
	e.at(2026, 3, 10).must(e.svc.NotifyCounterInterested(ctxBg, e.act(id, front), access.Notification{Parties: []access.Person{{Name: "Mario", Surname: "Neri"}}}))
	e.at(2026, 3, 12).must(e.svc.RecordOpposition(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
	// No decision: 1 April + 2 days of suspension (10-12 March) = 3 April.
	r := e.at(2026, 4, 6).must(e.svc.FileReview(ctxBg, e.act(id, outer), access.RemedyRequest{}))
	assert.Equal(t, day(2026, 4, 3), r.DecisionDue)
	r = e.at(2026, 4, 20).must(e.svc.DecideReview(ctxBg, e.act(id, rpct), access.ReviewRuling{Outcome: access.Accepted, Summary: "accesso consentito in sede di riesame"}))
	assert.Nil(t, r.Decision)
	r = e.at(2026, 4, 21).must(e.svc.RecordAcceptanceReceipt(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
	// 21 April + 15 = 6 May; allowed from 7 May.
	assert.Equal(t, day(2026, 5, 7), named(t, r, "trasmissione dopo l'opposizione n. 1").Due)
	_, err := e.at(2026, 5, 6).svc.Release(ctxBg, e.act(id, comp), access.Release{})
	require.ErrorIs(t, err, access.ErrRule)
	e.at(2026, 5, 7).must(e.svc.Release(ctxBg, e.act(id, comp), access.Release{}))
	_, err = e.svc.FileAppeal(ctxBg, e.act(id, outer), access.RemedyRequest{})
	require.ErrorIs(t, err, access.ErrRule, "access granted on review: nothing for the requester to appeal")
}

func TestPolicy_ReviewFiledLateIsFlaggedNotRefused(t *testing.T) {
	e := newEnv(t, access.Policy{})
	id := e.file(access.Generalizzato).ID
	e.at(2026, 3, 16).must(e.svc.Decide(ctxBg, e.act(id, comp), refusal(access.Refused, "d33-5bis-1-a")))
	// 16 March + 30 = 15 April; filed 20 April.
	r := e.at(2026, 4, 20).must(e.svc.FileReview(ctxBg, e.act(id, outer), access.RemedyRequest{}))
	assert.True(t, r.Review.Late)
	rf, _ := r.Deadline(access.DeadlineReviewFiling)
	assert.Equal(t, day(2026, 4, 15), rf.Due)
	// A guidance term (issue 10): filed after it, not "adempiuto in ritardo".
	assert.Equal(t, deadline.MetAfterGuidance, rf.Status(day(2026, 4, 20), 7).State)
}

// The court block of the register (Circolare FP 2/2017 All. 3 § 4) asks for
// the day the ruling was communicated to the administration, which may
// follow the ruling: recorded with the outcome, never before the ruling nor
// after today. Ruling of Tuesday 30 June 2026, recorded on 7 July.
func TestCircolare2_2017All3_AppealRulingCommunicated(t *testing.T) {
	for _, c := range []struct {
		name         string
		communicated deadline.Date
		want         deadline.Date
		err          error
	}{
		{"communicated on Monday 6 July, six days after the ruling", day(2026, 7, 6), day(2026, 7, 6), nil},
		{"communicated the day of the ruling", day(2026, 6, 30), day(2026, 6, 30), nil},
		{"not known yet: left empty, never guessed", deadline.Date{}, deadline.Date{}, nil},
		{"before the ruling (29 June): refused", day(2026, 6, 29), deadline.Date{}, access.ErrRule},
		{"after today (8 July): refused", day(2026, 7, 8), deadline.Date{}, access.ErrRule},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, access.Policy{})
			id := e.file(access.Documentale).ID
			e.at(2026, 3, 16).must(e.svc.Decide(ctxBg, e.act(id, comp), refusal(access.Refused, "l241-24-6-d")))
			e.at(2026, 4, 10).must(e.svc.FileAppeal(ctxBg, e.act(id, outer), access.RemedyRequest{Court: "TAR Lazio"}))
			v := e.version(id)
			e.at(2026, 7, 7)
			r, err := e.svc.RecordAppealOutcome(ctxBg, access.Act{ID: id, By: outer, On: day(2026, 6, 30)},
				access.AppealRuling{Outcome: access.AppealRejected, Number: "sentenza n. 1234/2026", Communicated: c.communicated})
			if c.err != nil {
				require.ErrorIs(t, err, c.err)
				assert.Equal(t, v, e.version(id), "a refused act stores nothing")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, day(2026, 6, 30), r.Appeal.Decided)
			assert.Equal(t, c.want, r.Appeal.Communicated)
		})
	}
}
