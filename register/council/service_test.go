package council_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/internal/golden"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/register/council"
)

func TestLifecycleDOT(t *testing.T) {
	golden.AssertString(t, "questions.dot", council.Lifecycle(council.InterrogazioneScritta).DOT())
	golden.AssertString(t, "motions.dot", council.Lifecycle(council.Mozione).DOT())
	assert.Same(t, council.Lifecycle(council.Interpellanza), council.Lifecycle(council.QuestionTime))
	assert.Same(t, council.Lifecycle(council.Risoluzione), council.Lifecycle(council.OrdineDelGiorno))
}

type fixture struct {
	t     *testing.T
	ctx   context.Context
	now   time.Time
	store *history.Memory[council.ID, council.Event]
	svc   *council.Service
}

func newFixture(t *testing.T, pol *council.Policy) *fixture {
	f := &fixture{t: t, ctx: context.Background(), now: time.Date(2026, time.December, 31, 9, 0, 0, 0, time.UTC), store: council.NewMemoryStore()}
	svc, err := council.NewService(council.Config{Calendar: deadline.Rome(), Store: f.store, Policy: pol, Now: func() time.Time { return f.now }})
	require.NoError(t, err)
	f.svc = svc
	return f
}

func date(y int, m time.Month, d int) deadline.Date { return deadline.MustDate(y, m, d) }

func registered(kind council.Kind, num string, body council.Body, filed deadline.Date) council.Registered {
	return council.Registered{Kind: kind, Number: council.MustNumber(num), Body: body, Filed: filed,
		Presenters: []council.Councillor{{Name: "Anna Bianchi", Group: "Gruppo Misto"}, {Name: "Luca Verdi"}},
		Addressee:  "Sindaco", Subject: "Oggetto dell'atto", Matters: []string{"mobilità"}}
}

func (f *fixture) register(kind council.Kind, num string, body council.Body, filed deadline.Date) council.Item {
	f.t.Helper()
	a, err := f.svc.Register(f.ctx, council.Act{By: clerk}, registered(kind, num, body, filed))
	require.NoError(f.t, err)
	return a
}

// TestArt105_WrittenAnswerIn20Days: written interrogazioni filed with the
// Assemblea Capitolina are answered within 20 calendar days of filing,
// extended past holidays (art. 2963 c. 3 c.c.), Rome's 29 June included.
func TestArt105_WrittenAnswerIn20Days(t *testing.T) {
	for _, c := range []struct {
		name  string
		filed deadline.Date
		due   deadline.Date
	}{
		{"plain", date(2026, time.February, 27), date(2026, time.March, 19)},
		{"ends on a Saturday: not moved", date(2026, time.March, 1), date(2026, time.March, 21)},
		{"ends on Christmas, then Santo Stefano and a Sunday", date(2026, time.December, 5), date(2026, time.December, 28)},
		{"ends on 29 June, Rome's patron day (DPR 792/1985)", date(2026, time.June, 9), date(2026, time.June, 30)},
		{"across the year end", date(2025, time.December, 20), date(2026, time.January, 9)},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, nil)
			a := f.register(council.InterrogazioneScritta, "RQ/"+itoa(c.filed.Year())+"/1", council.Assemblea, c.filed)
			d, ok := a.AnswerDeadline()
			require.True(t, ok)
			assert.Equal(t, c.due, d.Due)
			assert.Equal(t, council.AnswerCode, d.Code)
			assert.Equal(t, c.due, a.AnswerDue)
			assert.Equal(t, council.AnswerTermAssemblea().Source, d.Explanation.Term.Source)
			assert.Equal(t, "art. 105 Regolamento del Consiglio Comunale di Roma (Del. C.C. 100/2002)", d.Explanation.Term.Source.String())
			assert.Equal(t, c.due, a.Index().Due)
		})
	}
}

func itoa(n int) string {
	b := []byte{}
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// TestTUEL43c3_MunicipiDefault30Days: in a Municipio whose regolamento is not
// configured, the 30 days of art. 43 c. 3 TUEL apply; a configured Municipio
// uses its own term; oral interrogazioni and mozioni have no deadline.
func TestTUEL43c3_MunicipiDefault30Days(t *testing.T) {
	pol := council.DefaultPolicy().WithTerm(council.MustMunicipio(2), deadline.Term{Name: "risposta", Length: 20, Kind: deadline.Administrative,
		Source: council.AnswerTermTUEL().Source.WithNote("Regolamento del Municipio II")}, council.InterrogazioneScritta)
	f := newFixture(t, &pol)
	a := f.register(council.InterrogazioneScritta, "CA/2026/12", council.MustMunicipio(7), date(2026, time.April, 10))
	assert.Equal(t, date(2026, time.May, 11), a.AnswerDue, "10/05/2026 is a Sunday")
	b := f.register(council.InterrogazioneScritta, "CB/2026/12", council.MustMunicipio(2), date(2026, time.April, 10))
	assert.Equal(t, date(2026, time.April, 30), b.AnswerDue)
	for i, k := range []council.Kind{council.InterrogazioneOrale, council.QuestionTime, council.Interpellanza, council.Mozione} {
		c := f.register(k, "RQ/2026/"+itoa(i+100), council.Assemblea, date(2026, time.April, 10))
		assert.Empty(t, c.Deadlines, k)
		assert.True(t, c.AnswerDue.IsZero(), k)
		assert.True(t, c.Index().Due.IsZero(), k)
	}
}

func TestQuestionLifecycle(t *testing.T) {
	f := newFixture(t, nil)
	a := f.register(council.InterrogazioneScritta, "RQ/2026/2582", council.Assemblea, date(2026, time.March, 12))
	assert.Equal(t, council.Filed, a.State)
	assert.Equal(t, []council.EventType{council.EventClassified, council.EventLinked, council.EventReminded, council.EventAnswered, council.EventWithdrawn, council.EventLapsed}, a.Permitted(office.FrontOffice))

	a, err := f.svc.Remind(f.ctx, council.Act{ID: a.ID, By: clerk}, council.Reminded{Date: date(2026, time.April, 10), Number: council.MustNumber("RQ/2026/5429"), Note: "sollecito"})
	require.NoError(t, err)
	require.Len(t, a.Reminders, 1)
	a, err = f.svc.Classify(f.ctx, council.Act{ID: a.ID, By: clerk}, council.Classified{Matters: []string{"Trasporti", "mobilità"}, Summary: "pensiline"})
	require.NoError(t, err)
	assert.Contains(t, a.Index().Tags, "matter:trasporti")

	other := f.register(council.InterrogazioneScritta, "RQ/2026/2600", council.Assemblea, date(2026, time.March, 20))
	a, err = f.svc.Link(f.ctx, council.Act{ID: a.ID, By: clerk}, council.Linked{To: other.ID, Relation: council.Related})
	require.NoError(t, err)
	assert.Contains(t, a.Index().Tags, "link:"+string(other.ID))

	answerer := office.Actor{ID: "seg.mobilita", Role: office.CompetentOffice, Office: "dip-mobilita"}
	a, err = f.svc.Answer(f.ctx, council.Act{ID: a.ID, By: answerer}, council.Answer{Date: date(2026, time.April, 14), Form: council.WrittenAnswer, By: "Assessora alla Mobilità"})
	require.NoError(t, err)
	assert.Equal(t, council.Answered, a.State)
	assert.Equal(t, date(2026, time.April, 14), a.Closed)
	st := a.Deadlines[0].Status(date(2026, time.April, 20), 3)
	assert.Equal(t, deadline.MetLate, st.State)
	assert.Equal(t, 13, st.OverdueBy())
	assert.True(t, a.Index().Due.IsZero(), "nothing is due once answered")
	assert.Equal(t, 5, a.Version)

	stream, err := f.store.Load(f.ctx, a.ID, 0)
	require.NoError(t, err)
	assert.Equal(t, "art. 43 c. 3 D.Lgs. 267/2000 (Min. Interno, DAIT parere 14544)", stream.Records[4].Basis.String(), "each record carries the basis of its act")
	assert.Equal(t, answerer, stream.Records[4].Actor)
}

func TestWithdrawalEndsTheDeadline(t *testing.T) {
	f := newFixture(t, nil)
	a := f.register(council.InterrogazioneScritta, "RQ/2026/7", council.Assemblea, date(2026, time.March, 12))
	a, err := f.svc.Withdraw(f.ctx, council.Act{ID: a.ID, By: clerk}, council.Withdrawal{Date: date(2026, time.March, 13)})
	require.NoError(t, err)
	assert.Equal(t, council.Withdrawn, a.State)
	assert.Empty(t, a.Deadlines)
	assert.Equal(t, date(2026, time.April, 1), a.AnswerDue)
	assert.True(t, a.Index().Due.IsZero())
	b := f.register(council.InterrogazioneScritta, "RQ/2026/8", council.Assemblea, date(2026, time.March, 12))
	b, err = f.svc.Lapse(f.ctx, council.Act{ID: b.ID, By: office.Actor{ID: "admin", Role: office.Administrator}}, council.Lapse{Date: date(2026, time.October, 1), Reason: "fine consiliatura"})
	require.NoError(t, err)
	assert.Equal(t, council.Lapsed, b.State)
}

func TestMotionLifecycle(t *testing.T) {
	f := newFixture(t, nil)
	a := f.register(council.Mozione, "RM/2026/45", council.MustMunicipio(5), date(2026, time.May, 4))
	assert.Equal(t, []council.EventType{council.EventClassified, council.EventLinked, council.EventScheduled, council.EventApproved, council.EventRejected, council.EventWithdrawn, council.EventLapsed}, a.Permitted(office.FrontOffice))
	sys := office.Actor{ID: "protocollo-consiglio", Role: office.External}
	a, err := f.svc.Schedule(f.ctx, council.Act{ID: a.ID, By: sys}, council.Scheduling{Session: date(2027, time.January, 12)})
	require.NoError(t, err, "a session may be scheduled in the future")
	assert.Equal(t, council.Scheduled, a.State)
	f.now = time.Date(2027, time.January, 13, 9, 0, 0, 0, time.UTC)
	a, err = f.svc.Vote(f.ctx, council.Act{ID: a.ID, By: sys}, council.Vote{Date: date(2027, time.January, 12), Outcome: council.Approve, Amended: true, For: 14, Against: 9, Reference: "Mozione n. 3/2027"})
	require.NoError(t, err)
	assert.Equal(t, council.Approved, a.State)
	assert.Equal(t, date(2027, time.January, 12), a.Closed)

	b := f.register(council.Risoluzione, "RR/2026/46", council.MustMunicipio(5), date(2026, time.May, 4))
	b, err = f.svc.Vote(f.ctx, council.Act{ID: b.ID, By: sys}, council.Vote{Date: date(2026, time.June, 1), Outcome: council.Reject})
	require.NoError(t, err)
	assert.Equal(t, council.Rejected, b.State)
}

// TestRefusals: a refused act returns a typed error and appends nothing.
func TestRefusals(t *testing.T) {
	f := newFixture(t, nil)
	q := f.register(council.InterrogazioneScritta, "RQ/2026/10", council.Assemblea, date(2026, time.March, 12))
	m := f.register(council.Mozione, "RM/2026/11", council.Assemblea, date(2026, time.March, 12))
	rpct := office.Actor{ID: "rpct", Role: office.RPCT}
	for _, c := range []struct {
		name string
		do   func() error
		want error
	}{
		{"answer to a mozione", func() error {
			_, err := f.svc.Answer(f.ctx, council.Act{ID: m.ID, By: clerk}, council.Answer{Date: date(2026, time.April, 1), Form: council.WrittenAnswer})
			return err
		}, council.ErrNotAllowed},
		{"vote on an interrogazione", func() error {
			_, err := f.svc.Vote(f.ctx, council.Act{ID: q.ID, By: clerk}, council.Vote{Date: date(2026, time.April, 1), Outcome: council.Approve})
			return err
		}, council.ErrNotAllowed},
		{"answer recorded by the RPCT", func() error {
			_, err := f.svc.Answer(f.ctx, council.Act{ID: q.ID, By: rpct}, council.Answer{Date: date(2026, time.April, 1), Form: council.WrittenAnswer})
			return err
		}, council.ErrForbidden},
		{"answer before the filing", func() error {
			_, err := f.svc.Answer(f.ctx, council.Act{ID: q.ID, By: clerk}, council.Answer{Date: date(2026, time.March, 11), Form: council.WrittenAnswer})
			return err
		}, council.ErrRule},
		{"answer dated after the day it is recorded", func() error {
			_, err := f.svc.Answer(f.ctx, council.Act{ID: q.ID, By: clerk}, council.Answer{Date: date(2027, time.January, 1), Form: council.WrittenAnswer})
			return err
		}, council.ErrRule},
		{"answer without a form", func() error {
			_, err := f.svc.Answer(f.ctx, council.Act{ID: q.ID, By: clerk}, council.Answer{Date: date(2026, time.April, 1)})
			return err
		}, council.ErrInvalidEvent},
		{"amended rejection", func() error {
			_, err := f.svc.Vote(f.ctx, council.Act{ID: m.ID, By: clerk}, council.Vote{Date: date(2026, time.April, 1), Outcome: council.Reject, Amended: true})
			return err
		}, council.ErrInvalidEvent},
		{"link to itself", func() error {
			_, err := f.svc.Link(f.ctx, council.Act{ID: q.ID, By: clerk}, council.Linked{To: q.ID, Relation: council.Related})
			return err
		}, council.ErrRule},
		{"link to an unknown act", func() error {
			_, err := f.svc.Link(f.ctx, council.Act{ID: q.ID, By: clerk}, council.Linked{To: "nope", Relation: council.Related})
			return err
		}, council.ErrNotFound},
		{"act on an unknown id", func() error {
			_, err := f.svc.Withdraw(f.ctx, council.Act{ID: "nope", By: clerk}, council.Withdrawal{Date: date(2026, time.April, 1)})
			return err
		}, council.ErrNotFound},
		{"same act catalogued twice", func() error {
			_, err := f.svc.Register(f.ctx, council.Act{By: clerk}, registered(council.InterrogazioneScritta, "RQ/2026/10", council.Assemblea, date(2026, time.March, 12)))
			return err
		}, council.ErrExists},
		{"number of another year (art. 57 DPR 445/2000)", func() error {
			_, err := f.svc.Register(f.ctx, council.Act{By: clerk}, registered(council.InterrogazioneScritta, "RQ/2025/10", council.Assemblea, date(2026, time.March, 12)))
			return err
		}, council.ErrInvalidEvent},
		{"no presenters", func() error {
			r := registered(council.Mozione, "RM/2026/12", council.Assemblea, date(2026, time.March, 12))
			r.Presenters = nil
			_, err := f.svc.Register(f.ctx, council.Act{By: clerk}, r)
			return err
		}, council.ErrInvalidEvent},
		{"registered by a competent office", func() error {
			_, err := f.svc.Register(f.ctx, council.Act{By: office.Actor{ID: "x", Role: office.CompetentOffice}}, registered(council.Mozione, "RM/2026/13", council.Assemblea, date(2026, time.March, 12)))
			return err
		}, council.ErrForbidden},
		{"filed in the future", func() error {
			_, err := f.svc.Register(f.ctx, council.Act{By: clerk}, registered(council.Mozione, "RM/2027/13", council.Assemblea, date(2027, time.March, 12)))
			return err
		}, council.ErrRule},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.do()
			require.ErrorIs(t, err, c.want)
			for _, id := range []council.ID{q.ID, m.ID} {
				st, err := f.store.Load(f.ctx, id, 0)
				require.NoError(t, err)
				assert.Equal(t, 1, st.Version(), "a refused act appends nothing")
			}
		})
	}
	_, err := f.svc.Answer(f.ctx, council.Act{ID: q.ID, By: office.Actor{}}, council.Answer{Date: date(2026, time.April, 1), Form: council.WrittenAnswer})
	require.ErrorIs(t, err, council.ErrInvalid, "an empty actor is invalid input")
	_, err = council.NewService(council.Config{})
	require.ErrorIs(t, err, council.ErrInvalid)
	_, err = council.NewService(council.Config{Store: council.NewMemoryStore()})
	require.ErrorIs(t, err, council.ErrInvalid, "the calendar is required")
	var re *council.RuleError
	_, err = f.svc.Link(f.ctx, council.Act{ID: q.ID, By: clerk}, council.Linked{To: q.ID, Relation: council.Related})
	require.ErrorAs(t, err, &re)
	assert.Contains(t, re.Error(), "D.D. 105/2024")
}

// racingStore lets another writer append between the Service's Load and Append.
type racingStore struct {
	*history.Memory[council.ID, council.Event]
	race func()
}

func (r *racingStore) Load(ctx context.Context, id council.ID, after int) (council.Stream, error) {
	st, err := r.Memory.Load(ctx, id, after)
	if r.race != nil {
		race := r.race
		r.race = nil
		race()
	}
	return st, err
}

func TestConflictIsReturned(t *testing.T) {
	mem := council.NewMemoryStore()
	rs := &racingStore{Memory: mem}
	now := time.Date(2026, time.December, 1, 9, 0, 0, 0, time.UTC)
	svc, err := council.NewService(council.Config{Calendar: deadline.Rome(), Store: rs, Now: func() time.Time { return now }})
	require.NoError(t, err)
	other, err := council.NewService(council.Config{Calendar: deadline.Rome(), Store: mem, Now: func() time.Time { return now }})
	require.NoError(t, err)
	ctx := context.Background()
	a, err := svc.Register(ctx, council.Act{By: clerk}, registered(council.InterrogazioneScritta, "RQ/2026/1", council.Assemblea, date(2026, time.March, 2)))
	require.NoError(t, err)
	rs.race = func() {
		_, err := other.Withdraw(ctx, council.Act{ID: a.ID, By: clerk}, council.Withdrawal{Date: date(2026, time.March, 3)})
		require.NoError(t, err)
	}
	_, err = svc.Answer(ctx, council.Act{ID: a.ID, By: clerk}, council.Answer{Date: date(2026, time.March, 4), Form: council.WrittenAnswer})
	require.ErrorIs(t, err, council.ErrConflict)
	got, err := svc.Get(ctx, a.ID)
	require.NoError(t, err)
	assert.Equal(t, council.Withdrawn, got.State, "the winner's act stands, the loser's is not retried")
}

func TestReplayRefusesBrokenHistories(t *testing.T) {
	cal := deadline.Rome()
	pol := council.DefaultPolicy()
	_, err := council.Replay(nil, cal, pol)
	require.ErrorIs(t, err, council.ErrInvalidEvent)
	recs, err := eventlogExtend(nil, council.Answer{Date: date(2026, time.March, 4), Form: council.WrittenAnswer}.Event())
	require.NoError(t, err)
	_, err = council.Replay(recs, cal, pol)
	require.ErrorIs(t, err, council.ErrNotAllowed, "a history starts with its registration")
	reg := registered(council.Mozione, "RM/2026/1", council.Assemblea, date(2026, time.March, 2)).Event()
	recs, err = eventlogExtend(nil, reg, reg)
	require.NoError(t, err)
	_, err = council.Replay(recs, cal, pol)
	require.ErrorIs(t, err, council.ErrNotAllowed, "an act is registered once")
	bad := council.Event{Type: council.EventAnswered, Voted: &council.Vote{Date: date(2026, time.March, 4), Outcome: council.Approve}}
	recs, err = eventlogExtend(nil, reg)
	require.NoError(t, err)
	more, err := eventlogExtend(recs, bad)
	require.NoError(t, err)
	_, err = council.Replay(append(recs, more...), cal, pol)
	require.ErrorIs(t, err, council.ErrInvalidEvent, "type and payload must agree")
	_, err = council.Replay(recs, nil, pol)
	require.Error(t, err)
	old := registered(council.InterrogazioneScritta, "RQ/1950/1", council.Assemblea, date(1950, time.March, 2)).Event()
	recs, err = eventlogExtend(nil, old)
	require.NoError(t, err)
	_, err = council.Replay(recs, cal, pol)
	require.ErrorIs(t, err, council.ErrRule, "terms before 1977 cannot be computed by the calendar")
}

// TestActConvention: every act takes an Act; its On is the day of the fact
// the payload's date may not follow; texts have documented limits; an
// invalid actor is ErrInvalid; Permitted, Verify and Reindex answer for an ID.
func TestActConvention(t *testing.T) {
	f := newFixture(t, nil)
	q := f.register(council.InterrogazioneScritta, "RQ/2026/10", council.Assemblea, date(2026, time.March, 12))

	_, err := f.svc.Answer(f.ctx, council.Act{ID: q.ID, By: clerk, On: date(2026, time.April, 1)}, council.Answer{Date: date(2026, time.April, 2), Form: council.WrittenAnswer})
	require.ErrorIs(t, err, council.ErrRule, "an answer dated after the day of the act that records it")
	_, err = f.svc.Answer(f.ctx, council.Act{ID: q.ID, By: clerk, Version: 7}, council.Answer{Date: date(2026, time.April, 2), Form: council.WrittenAnswer})
	require.ErrorIs(t, err, council.ErrConflict, "an act decided on a version the act is no longer at")
	long := registered(council.Mozione, "RM/2026/11", council.Assemblea, date(2026, time.March, 12))
	long.Subject = strings.Repeat("à", 1001)
	_, err = f.svc.Register(f.ctx, council.Act{By: clerk}, long)
	var te *history.TextError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 1000, te.Limit)
	require.ErrorIs(t, err, council.ErrInvalid)
	bad := registered(council.Mozione, "RM/2026/12", council.Assemblea, date(2026, time.March, 12))
	bad.Presenters[0].Name = "Anna \xff"
	_, err = f.svc.Register(f.ctx, council.Act{By: clerk}, bad)
	require.ErrorIs(t, err, council.ErrInvalid)
	_, err = f.svc.Get(f.ctx, council.ActID(council.Assemblea, council.MustNumber("RM/2026/12")))
	require.ErrorIs(t, err, council.ErrNotFound, "a refused registration stores nothing")

	a, err := f.svc.Answer(f.ctx, council.Act{ID: q.ID, By: clerk, On: date(2026, time.April, 3)}, council.Answer{Date: date(2026, time.April, 2), Form: council.WrittenAnswer})
	require.NoError(t, err)
	stream, err := f.store.Load(f.ctx, q.ID, 0)
	require.NoError(t, err)
	assert.Equal(t, date(2026, time.April, 3), stream.Records[1].On, "the record keeps the day of the fact")
	assert.Equal(t, 2, a.Version)

	got, err := f.svc.Permitted(f.ctx, q.ID, clerk)
	require.NoError(t, err)
	assert.Equal(t, []council.EventType{council.EventClassified, council.EventLinked}, got)
	_, err = f.svc.Permitted(f.ctx, q.ID, office.Actor{})
	require.ErrorIs(t, err, council.ErrInvalid)
	require.NoError(t, f.svc.Verify(f.ctx, q.ID))
	read, rewritten, err := f.svc.Reindex(f.ctx)
	require.NoError(t, err)
	assert.Equal(t, [2]int{1, 0}, [2]int{read, rewritten})
}
