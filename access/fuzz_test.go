package access_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
)

// FuzzLifecycle drives random acts, by random actors, on random days,
// through the Service, and checks after each that no invariant breaks:
// nothing panics; a refused act stores nothing and an accepted one stores
// exactly one record; the state is one of the kind's table; the stored
// index is the request's; the chain verifies; every deadline has a due date
// that its explanation agrees with; the index's due date is the earliest
// unmet obligation; replaying the stored history gives the request returned;
// a withdrawn or transferred request leaves no open deadline of the
// administration and no remedy against the silence (see ended).
func FuzzLifecycle(f *testing.F) {
	f.Add([]byte{0, 3, 1, 2, 9, 10, 11, 12, 13, 14, 15})
	f.Add([]byte{1, 10, 3, 11, 4, 12, 5, 13, 2, 14, 9, 15, 6, 20, 7, 21})
	f.Add([]byte{2, 1, 0, 2, 1, 3, 7, 30, 8, 1, 16, 2, 17, 3, 18, 4, 19, 5})
	f.Add([]byte{0, 7, 0, 7, 1, 22, 2, 23, 3, 24, 4, 25, 5, 26, 6, 27, 7, 28})
	f.Add([]byte{0, 15, 0})                                             // documentale withdrawn at once
	f.Add([]byte{2, 3, 2})                                              // generalizzato transferred to another administration
	f.Add([]byte{2, 7, 0, 8, 4, 15, 4, 5, 0})                           // parties notified, then withdrawn
	f.Add([]byte{2, 31, 8, 31, 8, 31, 8, 31, 8, 31, 8, 31, 10, 31, 6})  // term passed, substitute asked, it decides
	f.Add([]byte{0, 31, 8, 31, 8, 31, 8, 31, 8, 31, 8, 31, 10, 31, 14}) // documentale: the substitute refuses
	f.Fuzz(func(t *testing.T, ops []byte) {
		e, id := lifecycle(t, ops, func(e *env, got *access.Request) { check(t, e, got) })
		final, err := e.svc.Get(ctxBg, id)
		require.NoError(t, err)
		check(t, e, final)
	})
}

// lifecycle files a request and performs on it the acts ops describe
// (FuzzLifecycle's language: the kind, then pairs of act and argument),
// moving the clock, calling each with every request an act returns, and
// checking that a refused act stores nothing and an accepted one exactly
// one record. It returns the env and the request's ID.
func lifecycle(t *testing.T, ops []byte, each func(e *env, got *access.Request)) (*env, access.ID) {
	t.Helper()
	if len(ops) > 64 {
		ops = ops[:64]
	}
	e := newEnv(t, access.Policy{DocumentaleSuspension: len(ops)%2 == 0})
	kinds := access.Kinds()
	kind := access.Generalizzato
	if len(ops) > 0 {
		kind = kinds[int(ops[0])%len(kinds)]
	}
	fl := filing(kind)
	fl.Office = "mobilita"
	fl.Informal = kind == access.Documentale && len(ops) > 1 && ops[1]%4 == 0
	if len(ops) > 1 && ops[1]%3 == 0 {
		fl.Reasons = ""
	}
	r, err := e.svc.File(ctxBg, access.Act{By: front}, fl)
	require.NoError(t, err)
	id := r.ID
	version := 1
	actors := []office.Actor{front, comp, other, rpct, outer, admin}
	for i := 1; i+1 < len(ops); i += 2 {
		op, arg := ops[i], ops[i+1]
		e.now = e.now.Add(time.Duration(arg%9) * 24 * time.Hour)
		a := access.Act{ID: id, By: actors[int(arg)%len(actors)]}
		if arg%5 == 0 {
			a.On = deadline.DateOf(e.now).AddDays(-int(arg % 7))
		}
		got, err := step(e, a, op, arg)
		if err != nil {
			require.Equal(t, version, e.version(id), "a refused act stores nothing: %v", err)
			continue
		}
		version++
		require.Equal(t, version, e.version(id))
		each(e, got)
	}
	return e, id
}

func check(t *testing.T, e *env, r *access.Request) {
	t.Helper()
	require.Contains(t, access.Lifecycle(r.Kind).States(), r.State)
	st, err := e.st.Load(ctxBg, r.ID, 0)
	require.NoError(t, err)
	require.NoError(t, st.Verify())
	require.Equal(t, r.Index(), st.Index)
	again, err := access.ReplayStream(st, deadline.Rome(), e.svc.Policy())
	require.NoError(t, err)
	require.Equal(t, r, again, "replay is deterministic")
	var due deadline.Date
	for _, d := range r.Deadlines {
		require.False(t, d.Due.IsZero(), d.Name)
		require.Equal(t, d.Due, d.Explanation.Due, d.Name)
		require.NotEqual(t, access.DeadlineKind(""), access.KindOf(d), d.Name)
		require.True(t, strings.HasPrefix(d.Name, string(access.KindOf(d))), "%q has code %q", d.Name, d.Code)
		if k := access.KindOf(d); k.Obligation() && d.Met.IsZero() && (due.IsZero() || d.Due.Before(due)) {
			due = d.Due
		}
	}
	if r.State.Terminal() {
		due = deadline.Date{}
	}
	require.Equal(t, due, st.Index.Due)
	if r.Decision != nil {
		require.False(t, r.Decision.Date.Before(r.Received))
		if r.Decision.Outcome.Denies() {
			require.NotEmpty(t, r.Decision.Grounds, "a refusal names its grounds")
		}
	}
	require.Equal(t, len(r.Parties), r.CounterInterested)
	ended(t, r)
}

// ended checks the contingent deadlines of a request that left the
// administration's hands: withdrawn or transferred, nothing remains open
// for the administration and no silence or remedy against it is listed
// (it can no longer form); closed, the only unmet obligation left is a
// decision term missed before the closure.
func ended(t *testing.T, r *access.Request) {
	t.Helper()
	switch r.State {
	case access.StateWithdrawn, access.StateTransferred:
		for _, d := range r.Deadlines {
			k := access.KindOf(d)
			require.False(t, k.Holder() == access.HolderOffice && d.Met.IsZero(), "%s request: open deadline of the administration %q", r.State, d.Name)
			require.NotContains(t, []access.DeadlineKind{access.DeadlineSilenzioRigetto, access.DeadlineNoAnswer}, k, "%s request: silence listed", r.State)
			require.NotContains(t, d.Explanation.Term.Name, "silenzio", "%s request: remedy against the silence %q", r.State, d.Name)
		}
	case access.StateClosed:
		for _, d := range r.Deadlines {
			if k := access.KindOf(d); k.Obligation() && d.Met.IsZero() {
				require.Equal(t, access.DeadlineDecision, k, "closed request: open obligation %q", d.Name)
				require.True(t, d.Due.Before(r.Closed), "closed request: decision term still running at the closure")
			}
		}
	}
}

var fuzzGrounds = []access.GroundCode{"l241-24-6-d", "d33-5bis-2-a", "d33-5bis-1-a", "d33-5-1", "l241-24-1-a", "nope"}

// step performs op with argument arg.
func step(e *env, a access.Act, op, arg byte) (*access.Request, error) {
	s := e.svc
	party := int(arg%3) + 1
	switch op % 32 {
	case 0:
		return s.NotifyIrregularity(ctxBg, a, access.Irregularity{Missing: []string{"firma"}})
	case 1:
		return s.Correct(ctxBg, a, access.Correction{Reasons: "interesse a difendersi"})
	case 2:
		return s.Assign(ctxBg, a, access.Assignment{Office: []office.ID{"mobilita", "urbanistica", "regione"}[arg%3]})
	case 3:
		return s.Forward(ctxBg, a, access.Forwarding{To: []office.ID{"mobilita", "urbanistica", "regione"}[arg%3]})
	case 4:
		return s.NotifyStart(ctxBg, a, access.StartNotice{})
	case 5:
		return s.RequestDocuments(ctxBg, a, access.DocumentRequest{Requests: []access.InternalRequest{{Office: "urbanistica", Documents: "atti"}}})
	case 6:
		return s.RecordDocuments(ctxBg, a, access.DocumentAnswer{Request: int(arg % 3)})
	case 7:
		return s.NotifyCounterInterested(ctxBg, a, access.Notification{Parties: []access.Person{{Name: "Mario", Surname: "Neri"}, {Name: "Lucia", Surname: "Blu"}}})
	case 8:
		return s.RecordNoticeReceipt(ctxBg, a, access.PartyAct{Party: party})
	case 9:
		return s.RecordOpposition(ctxBg, a, access.PartyAct{Party: party})
	case 10, 11:
		outcomes := access.Outcomes()
		ru := access.Ruling{Outcome: outcomes[int(arg)%len(outcomes)], Reasons: "motivi", Summary: "sintesi", NoDeferral: "non basta"}
		if ru.Outcome.Denies() {
			ru.Grounds = []access.GroundCode{fuzzGrounds[int(arg)%len(fuzzGrounds)]}
		}
		if ru.Outcome == access.Deferred {
			ru.DeferredUntil = deadline.DateOf(e.now).AddDays(int(arg % 40))
		}
		if arg%2 == 0 {
			ru.Viewing = viewAt
		}
		return s.Decide(ctxBg, a, ru)
	case 12:
		return s.RecordAcceptanceReceipt(ctxBg, a, access.PartyAct{Party: party})
	case 13:
		return s.Release(ctxBg, a, access.Release{Urgency: map[bool]string{true: "urgente"}[arg%4 == 0]})
	case 14:
		return s.Publish(ctxBg, a, access.Release{Link: "https://example.org/x"})
	case 15:
		return s.Withdraw(ctxBg, a, access.Note{})
	case 16:
		return s.ChargeFees(ctxBg, a, access.Copy{Pages: int(arg), Medium: access.MediumPaper, Certified: arg%2 == 0})
	case 17:
		rq := access.RemedyRequest{Party: int(arg % 2)}
		if arg%4 == 1 {
			rq.Interests = []access.GroundCode{"d33-5bis-2-a"}
		}
		return s.FileReview(ctxBg, a, rq)
	case 18:
		return s.ConsultGarante(ctxBg, a, access.Note{})
	case 19:
		return s.RecordGaranteOpinion(ctxBg, a, access.Note{})
	case 20:
		rr := access.ReviewRuling{Outcome: []access.Outcome{access.Accepted, access.PartiallyAccepted, access.Refused}[arg%3], Reasons: "r", Summary: "s"}
		if arg%2 == 0 {
			rr.Grounds = []access.GroundCode{fuzzGrounds[int(arg)%len(fuzzGrounds)]}
		}
		return s.DecideReview(ctxBg, a, rr)
	case 21:
		return s.FileOmbudsman(ctxBg, a, access.RemedyRequest{Body: []access.Body{access.DifensoreCivico, access.CommissioneAccesso}[arg%2]})
	case 22:
		return s.RecordOmbudsmanOutcome(ctxBg, a, access.OmbudsmanRuling{Outcome: []access.OmbudsmanOutcome{access.OmbudsmanUnlawful, access.OmbudsmanRejected, access.OmbudsmanInadmissible}[arg%3]})
	case 23:
		return s.AnswerOmbudsman(ctxBg, a, access.AdministrationAnswer{Confirm: arg%2 == 0, Reasons: "r", Summary: "s"})
	case 24:
		return s.FileAppeal(ctxBg, a, access.RemedyRequest{Court: "TAR Lazio", Party: int(arg % 2)})
	case 25:
		ar := access.AppealRuling{Outcome: []string{access.AppealAccepted, access.AppealRejected, "boh"}[arg%3]}
		if arg%4 == 0 {
			ar.Communicated = deadline.DateOf(e.now).AddDays(-int(arg % 3))
		}
		return s.RecordAppealOutcome(ctxBg, a, ar)
	case 26:
		return s.SetPublicSubject(ctxBg, a, access.PublicSubject{Text: []string{"verbali ZTL", "atti di Anna Esposito"}[arg%2]})
	case 27:
		return s.Close(ctxBg, a, access.Note{})
	case 28:
		return s.RequestFormal(ctxBg, a, access.FormalRequest{Why: "controinteressati"})
	case 29:
		return s.RemindOffice(ctxBg, a, access.Reminder{Request: int(arg%2) + 1})
	case 30:
		return s.ReportBreach(ctxBg, a, access.Note{Text: "OIV"})
	case 31:
		switch arg % 4 {
		case 1, 3:
			of := []access.Communicated{access.CommunicatedDecision, access.CommunicatedReview, access.CommunicatedOmbudsman}[arg%3]
			return s.CommunicateDecision(ctxBg, a, access.Communication{Of: of, Means: "PEC"})
		case 2:
			if arg%8 == 2 {
				return s.RequestSubstitute(ctxBg, a, access.SubstituteRequest{Means: "PEC"})
			}
			a.By = substitute
			ru := access.Ruling{Outcome: access.Accepted, Viewing: viewAt}
			if (arg/8)%2 == 1 {
				ru = refusal(access.Refused, fuzzGrounds[int(arg/16)%len(fuzzGrounds)])
			}
			return s.DecideAsSubstitute(ctxBg, a, ru)
		}
	}
	got, err := s.Permitted(ctxBg, a.ID, a.By)
	if err != nil {
		return nil, err
	}
	if slices.Contains(got, access.EventReceived) {
		panic("filing is never permitted on a filed request")
	}
	return nil, access.ErrNotAllowed
}
