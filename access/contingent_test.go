package access_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
)

// listing renders every deadline of r as "name due" plus " met day" when
// met: the whole list, so a deadline that should not be there shows.
func listing(r *access.Request) []string {
	out := make([]string, 0, len(r.Deadlines))
	for _, d := range r.Deadlines {
		s := d.Name + " " + d.Due.String()
		if !d.Met.IsZero() {
			s += " met " + d.Met.String()
		}
		out = append(out, s)
	}
	return out
}

// Contingent deadlines (the silence, the remedies against it, a party's
// window to oppose, the release after an opposition, internal requests)
// are listed only while they can still arise. Dates by hand on the Rome
// calendar, 2026: 15 January is a Thursday, 2 February a Monday, 1 March
// a Sunday; 1 May is a holiday and 2 May a Saturday.
func TestArt25c4Art5c6_ContingentDeadlinesEndWithTheProcedure(t *testing.T) {
	opposing := func(e *env, id access.ID) {
		e.at(2026, 3, 10).must(e.svc.NotifyCounterInterested(ctxBg, e.act(id, front), access.Notification{Parties: []access.Person{{Name: "Mario", Surname: "Neri"}}}))
		e.at(2026, 3, 12).must(e.svc.RecordNoticeReceipt(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
	}
	for _, c := range []struct {
		name  string
		kind  access.Kind
		filed deadline.Date
		steps func(e *env, id access.ID)
		want  []string
	}{
		{
			// Due 15 January + 30 = 14 February (Saturday: administrative,
			// not moved). Withdrawn 20 January: no silence can form, so no
			// "ricorso al TAR dalla formazione del silenzio" (it would run to
			// 16 March) nor difensore civico.
			"art. 25 c. 4 L. 241/1990: withdrawn 20/01, no remedy against a silence that cannot form",
			access.Documentale, day(2026, 1, 15),
			func(e *env, id access.ID) {
				e.at(2026, 1, 20).must(e.svc.Withdraw(ctxBg, e.act(id, outer), access.Note{Text: "non più interessato"}))
			},
			[]string{"conclusione del procedimento 2026-02-14 met 2026-01-20"},
		},
		{
			// Withdrawn 20 February, after the silence formed (15 February):
			// the requester renounced the request, the remedies go with it.
			"art. 25 c. 4 L. 241/1990: withdrawn after the silence formed, the remedies go with the request",
			access.Documentale, day(2026, 1, 15),
			func(e *env, id access.ID) {
				e.at(2026, 2, 20).must(e.svc.Withdraw(ctxBg, e.act(id, outer), access.Note{}))
			},
			[]string{"conclusione del procedimento 2026-02-14 met 2026-02-20"},
		},
		{
			// Due 2 February + 30 = 4 March. Transferred 5 February to
			// another administration: no "richiesta di riesame" from a
			// silence here, no difensore civico, no TAR.
			"art. 5 c. 7 D.Lgs. 33/2013: transferred 05/02, no review of a silence that cannot form",
			access.Generalizzato, day(2026, 2, 2),
			func(e *env, id access.ID) {
				e.at(2026, 2, 5).must(e.svc.Forward(ctxBg, e.act(id, front), access.Forwarding{To: "regione"}))
			},
			[]string{"conclusione del procedimento 2026-03-04 met 2026-02-05"},
		},
		{
			"art. 6 c. 2 DPR 184/2006: documentale transferred, no remedy against the silence",
			access.Documentale, day(2026, 2, 2),
			func(e *env, id access.ID) {
				e.at(2026, 2, 5).must(e.svc.Forward(ctxBg, e.act(id, front), access.Forwarding{To: "regione"}))
			},
			[]string{"conclusione del procedimento 2026-03-04 met 2026-02-05"},
		},
		{
			// The party received the notice 12 March: its window would run
			// to 22 March (Sunday) → 23 March. Withdrawn 16 March: nothing
			// left to oppose.
			"art. 5 c. 5 D.Lgs. 33/2013: a party's window ends with the withdrawal",
			access.Generalizzato, day(2026, 3, 2),
			func(e *env, id access.ID) {
				opposing(e, id)
				e.at(2026, 3, 16).must(e.svc.Withdraw(ctxBg, e.act(id, outer), access.Note{}))
			},
			// Suspended 10-16 March would not matter: the term is met by
			// the withdrawal; the suspension still counts to 23 March
			// (13 days): 1 April → 14 April.
			[]string{"conclusione del procedimento 2026-04-14 met 2026-03-16"},
		},
		{
			// Party 1 opposed 13 March (kept: met). Party 2 received 12
			// March, window to 23 March, still running when the office
			// refused on 16 March: an opposition to a refusal cannot arise.
			// Suspension 10-23 March, 13 days: 14 April. Remedies from the
			// refusal: 16 March + 30 = 15 April (Wednesday) for all three.
			"art. 5 c. 5 D.Lgs. 33/2013: a window still running at a refusal is not listed",
			access.Generalizzato, day(2026, 3, 2),
			func(e *env, id access.ID) {
				e.at(2026, 3, 10).must(e.svc.NotifyCounterInterested(ctxBg, e.act(id, front), access.Notification{Parties: []access.Person{{Name: "Mario", Surname: "Neri"}, {Name: "Lucia", Surname: "Blu"}}}))
				e.at(2026, 3, 12).must(e.svc.RecordNoticeReceipt(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
				e.must(e.svc.RecordNoticeReceipt(ctxBg, e.act(id, outer), access.PartyAct{Party: 2}))
				e.at(2026, 3, 13).must(e.svc.RecordOpposition(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
				e.at(2026, 3, 16).must(e.svc.Decide(ctxBg, e.act(id, comp), refusal(access.Refused, "d33-5bis-1-a")))
			},
			[]string{
				"opposizione del controinteressato n. 1 2026-03-23 met 2026-03-13",
				"conclusione del procedimento 2026-04-14 met 2026-03-16",
				"richiesta di riesame (termine orientativo) 2026-04-15",
				"ricorso al difensore civico 2026-04-15",
				"ricorso al TAR 2026-04-15",
			},
		},
		{
			// An internal request due 13 March, unanswered when the request
			// is withdrawn on 5 March: no longer the office's to chase.
			"internal request ends with the withdrawal",
			access.Generalizzato, day(2026, 3, 2),
			func(e *env, id access.ID) {
				e.at(2026, 3, 3).must(e.svc.RequestDocuments(ctxBg, e.act(id, front), access.DocumentRequest{Requests: []access.InternalRequest{{Office: "urbanistica", Documents: "planimetrie", Due: day(2026, 3, 13)}}}))
				e.at(2026, 3, 5).must(e.svc.Withdraw(ctxBg, e.act(id, outer), access.Note{}))
			},
			[]string{"conclusione del procedimento 2026-04-01 met 2026-03-05"},
		},
		{
			// Notice on day 11 (13 March), late: the term runs on, due 1
			// April. The file is closed 20 March, before any silence: the
			// decision term ends with the closure [P], and no remedy against
			// a silence is listed.
			"art. 25 c. 4 L. 241/1990: an irregular request closed before the silence",
			access.Documentale, day(2026, 3, 2),
			func(e *env, id access.ID) {
				e.at(2026, 3, 13).must(e.svc.NotifyIrregularity(ctxBg, e.act(id, front), access.Irregularity{Missing: []string{"firma"}}))
				e.at(2026, 3, 20).must(e.svc.Close(ctxBg, e.act(id, front), access.Note{}))
			},
			[]string{
				"comunicazione di irregolarità 2026-03-12 met 2026-03-13",
				"conclusione del procedimento 2026-04-01 met 2026-03-20",
			},
		},
		{
			// Closed 10 April, after the silence formed on 2 April: the
			// closure does not take away remedies that had arisen. TAR from
			// 1 April → 1 May (holiday) → 2 May (Saturday, court term) → 4
			// May; difensore civico → 1 May → 2 May (administrative).
			"art. 25 c. 4 L. 241/1990: an irregular request closed after the silence keeps its remedies",
			access.Documentale, day(2026, 3, 2),
			func(e *env, id access.ID) {
				e.at(2026, 3, 13).must(e.svc.NotifyIrregularity(ctxBg, e.act(id, front), access.Irregularity{Missing: []string{"firma"}}))
				e.at(2026, 4, 10).must(e.svc.Close(ctxBg, e.act(id, front), access.Note{}))
			},
			[]string{
				"comunicazione di irregolarità 2026-03-12 met 2026-03-13",
				"conclusione del procedimento 2026-04-01 met 2026-04-10",
				"ricorso al difensore civico 2026-05-02",
				"ricorso al TAR 2026-05-04",
			},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, access.Policy{})
			e.at(c.filed.Year(), c.filed.Month(), c.filed.Day())
			id := e.file(c.kind).ID
			c.steps(e, id)
			r, err := e.svc.Get(ctxBg, id)
			require.NoError(t, err)
			assert.Equal(t, c.want, listing(r))
			assert.True(t, r.Index().Due.IsZero(), "nothing due: %v", listing(r))
		})
	}
}

// After an acceptance despite opposition, the party prevails on review
// (art. 5 c. 9 D.Lgs. 33/2013): the data can no longer be transmitted, so
// the "not before 15 days" date (17 April, from the party's receipt on 1
// April) is not an obligation of the office any more.
func TestArt5c6_NoReleaseAfterThePartyPrevails(t *testing.T) {
	e := newEnv(t, access.Policy{})
	id := e.file(access.Generalizzato).ID
	e.at(2026, 3, 10).must(e.svc.NotifyCounterInterested(ctxBg, e.act(id, front), access.Notification{Parties: []access.Person{{Name: "Mario", Surname: "Neri"}}}))
	e.at(2026, 3, 12).must(e.svc.RecordOpposition(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
	e.at(2026, 3, 30).must(e.svc.Decide(ctxBg, e.act(id, comp), access.Ruling{Outcome: access.Accepted}))
	r := e.at(2026, 4, 1).must(e.svc.RecordAcceptanceReceipt(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
	assert.Equal(t, day(2026, 4, 17), named(t, r, "trasmissione dopo l'opposizione n. 1").Due)
	e.at(2026, 4, 2).must(e.svc.FileReview(ctxBg, e.act(id, outer), access.RemedyRequest{Party: 1}))
	r = e.at(2026, 4, 15).must(e.svc.DecideReview(ctxBg, e.act(id, rpct), access.ReviewRuling{Outcome: access.Accepted,
		Grounds: []access.GroundCode{"d33-5bis-2-a"}, Reasons: "prevale la riservatezza", Summary: "accolta l'opposizione"}))
	_, ok := r.Deadline(access.DeadlineReleaseFrom)
	assert.False(t, ok, "no release after the party prevailed: %v", listing(r))
	assert.True(t, r.Index().Due.IsZero(), "nothing due: %v", listing(r))
	_, err := e.at(2026, 4, 20).svc.Release(ctxBg, e.act(id, comp), access.Release{Urgency: "urgente"})
	require.ErrorIs(t, err, access.ErrRule, "access is refused now")
}

// A party whose opposition arrived after its window does not hold the
// release back (art. 5 c. 6 D.Lgs. 33/2013 speaks of the opposition, which
// must come within 10 days): no "not before" date for it.
func TestArt5c6_LateOppositionHoldsNothingBack(t *testing.T) {
	e := newEnv(t, access.Policy{})
	id := e.file(access.Generalizzato).ID
	e.at(2026, 3, 10).must(e.svc.NotifyCounterInterested(ctxBg, e.act(id, front), access.Notification{Parties: []access.Person{{Name: "Mario", Surname: "Neri"}}}))
	e.at(2026, 3, 11).must(e.svc.RecordNoticeReceipt(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
	// Window: 11 March + 10 = 21 March (Saturday, not moved).
	r := e.at(2026, 3, 23).must(e.svc.RecordOpposition(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
	require.True(t, r.Parties[0].OpposedLate)
	e.at(2026, 3, 24).must(e.svc.Decide(ctxBg, e.act(id, comp), access.Ruling{Outcome: access.Accepted}))
	r = e.at(2026, 3, 25).must(e.svc.RecordAcceptanceReceipt(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
	_, ok := r.Deadline(access.DeadlineReleaseFrom)
	assert.False(t, ok, "%v", listing(r))
	assert.True(t, r.Index().Due.IsZero())
	e.must(e.svc.Release(ctxBg, e.act(id, comp), access.Release{}))
}
