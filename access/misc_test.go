package access_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/puntodiascolto/ascolto/internal/golden"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/law"
)

func TestLifecycleDOT(t *testing.T) {
	for _, k := range access.Kinds() {
		t.Run(string(k), func(t *testing.T) {
			tb := access.Lifecycle(k)
			require.NotNil(t, tb)
			for _, r := range tb.Rows() {
				assert.False(t, r.Basis.IsZero(), "act %s of %s has no legal basis", r.Act, k)
				assert.NotEmpty(t, r.Label)
			}
			golden.AssertString(t, "lifecycle-"+string(k)+".dot", tb.DOT())
		})
	}
	assert.Nil(t, access.Lifecycle("x"))
}

func TestIntakeChecklist(t *testing.T) {
	f := access.Filing{Kind: access.Documentale, Applicant: access.Person{Name: "Anna"}, Subject: "atti"}
	in := access.CheckFiling(f)
	assert.False(t, in.Complete())
	var fields []string
	for _, g := range in.Gaps {
		fields = append(fields, g.Field)
	}
	assert.Equal(t, []string{"applicant.name", "applicant.contact", "identification", "reasons"}, fields)
	assert.Contains(t, in.Missing[3], "art. 25 c. 2 L. 241/1990")

	f.Kind = access.Generalizzato
	in = access.CheckFiling(f)
	fields = fields[:0]
	for _, g := range in.Gaps {
		fields = append(fields, g.Field)
	}
	assert.Equal(t, []string{"applicant.name", "applicant.birth", "applicant.residence", "applicant.contact", "identification"}, fields, "no reasons for civic access (art. 5 c. 3)")
	assert.Contains(t, in.Missing[1], "Circolare Funzione Pubblica 2/2017")
	assert.True(t, access.CheckFiling(filing(access.Generalizzato)).Complete())
	assert.True(t, access.CheckFiling(filing(access.Documentale)).Complete())
}

// The receipt names the recourse besides the TAR only where it exists
// (art. 25 c. 4 L. 241/1990; art. 5 c. 8 D.Lgs. 33/2013): for Roma
// Capitale, a local administration, the difensore civico; for a State
// administration the Commissione per l'accesso for documentale access and
// nothing for civic access.
func TestReceiptText(t *testing.T) {
	for _, state := range []bool{false, true} {
		for _, k := range access.Kinds() {
			name, admin := string(k), "Roma Capitale"
			if state {
				name, admin = name+"-stato", "Ministero dell'Esempio"
			}
			t.Run(name, func(t *testing.T) {
				e := newEnv(t, access.Policy{Administration: admin, StateAdministration: state})
				f := filing(k)
				f.Office = "mobilita"
				if k == access.CivicoSemplice {
					f.Identification = ""
				}
				r, err := e.svc.File(ctxBg, access.Act{By: front}, f)
				require.NoError(t, err)
				text := e.svc.Receipt(r).String()
				golden.AssertString(t, "receipt-"+name+".txt", text+"\n")
				assert.Equal(t, !state || k == access.Documentale, strings.Contains(text, "difensore civico") || strings.Contains(text, "Commissione per l'accesso"))
				assert.Equal(t, state && k == access.Documentale, strings.Contains(text, "Commissione per l'accesso"))
			})
		}
	}
}

func TestTariffCost(t *testing.T) {
	tar := access.Tariff{PerPage: 10, PerMedium: map[access.Medium]int64{access.MediumDisc: 300}, StampDuty: 1600, StampPages: 4, SearchFee: 250}
	for _, c := range []struct {
		name string
		kind access.Kind
		copy access.Copy
		want int64
		err  error
	}{
		{"viewing and electronic copies are free", access.Documentale, access.Copy{Medium: access.MediumElectronic, Pages: 100}, 0, nil},
		{"documentale paper: 32 pages × € 0,10", access.Documentale, access.Copy{Pages: 32, Medium: access.MediumPaper}, 320, nil},
		{"documentale certified: 9 pages, 3 stamps of € 16", access.Documentale, access.Copy{Pages: 9, Medium: access.MediumPaper, Certified: true}, 90 + 4800, nil},
		{"documentale search fee", access.Documentale, access.Copy{Medium: access.MediumDisc, Searches: 2}, 300 + 500, nil},
		{"civic: only reproduction on material media", access.Generalizzato, access.Copy{Pages: 32, Medium: access.MediumPaper}, 320, nil},
		{"civic: no stamp duty", access.Generalizzato, access.Copy{Pages: 4, Medium: access.MediumPaper, Certified: true}, 0, access.ErrRule},
		{"civic: no search fees", access.CivicoSemplice, access.Copy{Medium: access.MediumDisc, Searches: 1}, 0, access.ErrRule},
		{"bad medium", access.Documentale, access.Copy{Medium: "tape"}, 0, access.ErrInvalid},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := tar.Cost(c.kind, c.copy)
			if c.err != nil {
				require.ErrorIs(t, err, c.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, f.Amount)
		})
	}
	assert.Equal(t, "€ 1.234,50", access.Euro(123450))
	assert.Equal(t, "€ 0,05", access.Euro(5))
	f, _ := tar.Cost(access.Documentale, access.Copy{Pages: 9, Medium: access.MediumPaper, Certified: true})
	assert.Equal(t, "€ 48,90 (copia cartacea: 9 pagine × € 0,10; imposta di bollo: 3 × € 16,00)", f.String())
}

func TestChargeFeesFromPolicy(t *testing.T) {
	e := newEnv(t, access.Policy{Tariffs: map[access.Kind]access.Tariff{access.Documentale: {PerPage: 25}}})
	id := e.file(access.Documentale).ID
	e.at(2026, 3, 10).must(e.svc.Decide(ctxBg, e.act(id, comp), access.Ruling{Outcome: access.Accepted, Viewing: viewAt}))
	r := e.must(e.svc.ChargeFees(ctxBg, e.act(id, comp), access.Copy{Pages: 10, Medium: access.MediumPaper}))
	assert.Equal(t, int64(250), r.Fees)
}

// TestHistoryJSONRoundTrip: any store can keep the history as JSON; it
// comes back verifiable and replays to the same request.
func TestHistoryJSONRoundTrip(t *testing.T) {
	e := newEnv(t, access.Policy{})
	id := e.file(access.Generalizzato).ID
	e.at(2026, 3, 10).must(e.svc.NotifyCounterInterested(ctxBg, e.act(id, front), access.Notification{Parties: []access.Person{{Name: "Mario", Surname: "Neri"}}}))
	e.at(2026, 3, 16).must(e.svc.RecordNoticeReceipt(ctxBg, access.Act{ID: id, By: outer, On: day(2026, 3, 12)}, access.PartyAct{Party: 1}))
	e.at(2026, 3, 30).must(e.svc.Decide(ctxBg, e.act(id, comp), refusal(access.PartiallyAccepted, "d33-5bis-2-a")))
	st, err := e.st.Load(ctxBg, id, 0)
	require.NoError(t, err)
	b, err := json.Marshal(st)
	require.NoError(t, err)
	var back access.Stream
	require.NoError(t, json.Unmarshal(b, &back))
	require.NoError(t, back.Verify())
	want, err := access.ReplayStream(st, deadline.Rome(), access.Policy{})
	require.NoError(t, err)
	got, err := access.ReplayStream(back, deadline.Rome(), access.Policy{})
	require.NoError(t, err)
	assert.Equal(t, want.Deadlines, got.Deadlines)
	assert.Equal(t, want.Index(), got.Index())
	assert.Equal(t, want.State, got.State)
	assert.Equal(t, want.Decision, got.Decision)
}

func TestVerifyFindsTampering(t *testing.T) {
	e := newEnv(t, access.Policy{})
	id := e.file(access.Generalizzato).ID
	e.at(2026, 3, 16).must(e.svc.Decide(ctxBg, e.act(id, comp), access.Ruling{Outcome: access.Accepted}))
	require.NoError(t, e.svc.Verify(ctxBg, id))
	st, err := e.st.Load(ctxBg, id, 0)
	require.NoError(t, err)
	st.Records[1].Event.Ruling.Outcome = access.Refused
	err = st.Verify()
	var be *history.BrokenError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, 2, be.Version)
}

func TestReplayRejectsMalformedHistories(t *testing.T) {
	e := newEnv(t, access.Policy{})
	id := e.file(access.Generalizzato).ID
	e.at(2026, 3, 16).must(e.svc.Decide(ctxBg, e.act(id, comp), access.Ruling{Outcome: access.Accepted}))
	st, err := e.st.Load(ctxBg, id, 0)
	require.NoError(t, err)
	cal := deadline.Rome()
	for name, recs := range map[string][]access.Record{
		"empty":        nil,
		"not a filing": st.Records[1:],
		"two payloads": {st.Records[0], func() access.Record { r := st.Records[1]; r.Event.Note = &access.Note{}; return r }()},
		"wrong role":   {st.Records[0], func() access.Record { r := st.Records[1]; r.Actor = front; return r }()},
		"refiled":      {st.Records[0], st.Records[0]},
		"unknown ground": {st.Records[0], func() access.Record {
			r := st.Records[1]
			ru := *r.Event.Ruling
			ru.Grounds = []access.GroundCode{"x"}
			r.Event.Ruling = &ru
			return r
		}()},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := access.Replay(recs, cal, access.Policy{})
			require.ErrorIs(t, err, access.ErrInvalid)
		})
	}
	_, err = access.Replay(st.Records, nil, access.Policy{})
	require.ErrorIs(t, err, access.ErrInvalid)
}

func TestKindOfAndHolders(t *testing.T) {
	codes := map[string]access.DeadlineKind{}
	for _, k := range access.DeadlineKinds() {
		c := k.Code()
		require.NotEmpty(t, c, k)
		require.NotContains(t, codes, c, "codes are unique")
		codes[c] = k
		assert.Equal(t, k, access.KindOf(deadline.Deadline{Name: "qualsiasi", Code: c}))
	}
	assert.Equal(t, access.DeadlineKind(""), access.KindOf(deadline.Deadline{Name: string(access.DeadlineDecision)}), "the name is for people: KindOf reads the code")
	assert.Equal(t, access.DeadlineKind(""), access.KindOf(deadline.Deadline{Code: "altro"}))
	assert.Equal(t, "", access.DeadlineKind("altro").Code())
	assert.Equal(t, "decision", access.DeadlineDecision.Code())
	assert.Equal(t, "deemed-refusal", access.DeadlineSilenzioRigetto.Code())
	assert.Equal(t, "appeal-august-suspension", access.DeadlineAppealFeriale.Code())
	assert.True(t, access.DeadlineDecision.Obligation())
	assert.False(t, access.DeadlineIrregularity.Obligation())
	assert.Equal(t, access.HolderParty, access.DeadlineOpposition.Holder())
	assert.Equal(t, access.HolderRequester, access.DeadlineAppeal.Holder())
}

func TestGroundsCatalogue(t *testing.T) {
	assert.Len(t, access.Grounds(access.Documentale), 11)
	assert.Len(t, access.Grounds(access.Generalizzato), 12)
	assert.Len(t, access.Grounds(access.CivicoSemplice), 2)
	g, ok := access.LookupGround("d33-5bis-2-a")
	require.True(t, ok)
	assert.True(t, g.PersonalData)
	assert.Equal(t, "protezione dei dati personali (art. 5-bis c. 2 lett. a D.Lgs. 33/2013)", g.String())
	for _, g := range access.Grounds("") {
		assert.False(t, g.Source.IsZero(), g.Code)
	}
}

func TestNewEventAndValidate(t *testing.T) {
	e, err := access.NewEvent(access.EventClosed, &access.Note{Text: "fine"})
	require.NoError(t, err)
	assert.Equal(t, "closed", e.EventName())
	_, err = access.NewEvent(access.EventDecided, &access.Note{})
	require.ErrorIs(t, err, access.ErrInvalid, "a decision carries a Ruling")
	_, err = access.NewEvent(access.EventDecided, "ruling")
	require.ErrorIs(t, err, access.ErrInvalid)
	require.ErrorIs(t, access.Event{Type: "nope"}.Validate(), access.ErrInvalid)
	for _, typ := range access.EventTypes() {
		require.NotNil(t, access.Event{Type: typ}.Validate(), "%s without payload", typ)
	}
}

// kindOfSample replays a request with many kinds of deadline: refused
// after two parties were notified, reviewed, then the ombudsman.
func kindOfSample(t testing.TB) []deadline.Deadline {
	e := newEnv(t, access.Policy{})
	id := e.file(access.Generalizzato).ID
	e.at(2026, 3, 3).must(e.svc.RequestDocuments(ctxBg, e.act(id, front), access.DocumentRequest{Requests: []access.InternalRequest{{Office: "urbanistica", Documents: "atti"}}}))
	e.at(2026, 3, 10).must(e.svc.NotifyCounterInterested(ctxBg, e.act(id, front), access.Notification{Parties: []access.Person{{Name: "Mario", Surname: "Neri"}, {Name: "Lucia", Surname: "Blu"}}}))
	e.at(2026, 3, 12).must(e.svc.RecordOpposition(ctxBg, e.act(id, outer), access.PartyAct{Party: 1}))
	e.at(2026, 3, 25).must(e.svc.Decide(ctxBg, e.act(id, comp), refusal(access.Refused, "d33-5bis-2-a")))
	e.at(2026, 3, 26).must(e.svc.FileReview(ctxBg, e.act(id, outer), access.RemedyRequest{}))
	r := e.at(2026, 3, 27).must(e.svc.ConsultGarante(ctxBg, e.act(id, rpct), access.Note{}))
	require.GreaterOrEqual(t, len(r.Deadlines), 8)
	return r.Deadlines
}

// TestKindOfDoesNotAllocate: registers classify every deadline of every
// request; KindOf reads the code and allocates nothing.
func TestKindOfDoesNotAllocate(t *testing.T) {
	dls := kindOfSample(t)
	allocs := testing.AllocsPerRun(100, func() {
		for _, d := range dls {
			_ = access.KindOf(d).Obligation()
		}
	})
	assert.Zero(t, allocs)
	for _, d := range dls {
		k := access.KindOf(d)
		require.NotEmpty(t, k, d.Name)
		assert.Equal(t, k.Code(), d.Code)
		assert.True(t, strings.HasPrefix(d.Name, string(k)), "%q names its kind %q", d.Name, k)
	}
}

// A history whose ruling was communicated before it was given is not one
// Replay accepts.
func TestReplayRejectsAppealCommunicatedBeforeTheRuling(t *testing.T) {
	e := newEnv(t, access.Policy{})
	id := e.file(access.Documentale).ID
	e.at(2026, 3, 16).must(e.svc.Decide(ctxBg, e.act(id, comp), refusal(access.Refused, "l241-24-6-d")))
	e.at(2026, 4, 10).must(e.svc.FileAppeal(ctxBg, e.act(id, outer), access.RemedyRequest{Court: "TAR Lazio"}))
	st, err := e.st.Load(ctxBg, id, 0)
	require.NoError(t, err)
	ev := access.Event{Type: access.EventAppealDecided, AppealRuling: &access.AppealRuling{Outcome: access.AppealRejected, Communicated: day(2026, 6, 29)}}
	more, err := history.Extend(st.Head, e.at(2026, 6, 30).now, deadline.Date{}, outer, law.Citation{}, ev)
	require.NoError(t, err)
	_, err = access.Replay(append(st.Records, more...), deadline.Rome(), access.Policy{})
	require.ErrorIs(t, err, access.ErrInvalid)
	ev.AppealRuling.Communicated = day(2026, 6, 30)
	more, err = history.Extend(st.Head, e.now, deadline.Date{}, outer, law.Citation{}, ev)
	require.NoError(t, err)
	r, err := access.Replay(append(st.Records, more...), deadline.Rome(), access.Policy{})
	require.NoError(t, err)
	assert.Equal(t, day(2026, 6, 30), r.Appeal.Communicated)
}

// A stale index (a due date left by a corrected calendar or policy) is
// rewritten by Reindex from the replayed history; an index that matches is
// left alone.
func TestReindexRewritesStaleIndexes(t *testing.T) {
	e := newEnv(t, access.Policy{})
	a := e.file(access.Generalizzato)
	e.file(access.Documentale)
	read, rewritten, err := e.svc.Reindex(ctxBg)
	require.NoError(t, err)
	assert.Equal(t, [2]int{2, 0}, [2]int{read, rewritten})
	st, err := e.st.Load(ctxBg, a.ID, 0)
	require.NoError(t, err)
	stale := st.Index
	stale.Due = stale.Due.AddDays(-1)
	require.NoError(t, e.st.Write(ctxBg, history.Change[access.ID, access.Event]{ID: a.ID, Expected: st.Version(), Index: stale}))
	read, rewritten, err = e.svc.Reindex(ctxBg)
	require.NoError(t, err)
	assert.Equal(t, [2]int{2, 1}, [2]int{read, rewritten})
	st, err = e.st.Load(ctxBg, a.ID, 0)
	require.NoError(t, err)
	assert.Equal(t, a.Index(), st.Index)
}
