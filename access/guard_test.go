package access_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/procedure"
)

func refusal(outcome access.Outcome, grounds ...access.GroundCode) access.Ruling {
	return access.Ruling{Outcome: outcome, Grounds: grounds, Reasons: "motivi per esteso", Summary: "sintesi pubblicabile", NoDeferral: "il limite non è temporaneo"}
}

func TestGuardsRefuseAndStoreNothing(t *testing.T) {
	type acting func(e *env, id access.ID) error
	decide := func(by office.Actor, ru access.Ruling) acting {
		return func(e *env, id access.ID) error {
			_, err := e.svc.Decide(ctxBg, e.act(id, by), ru)
			return err
		}
	}
	noReasons := refusal(access.Refused, "l241-24-6-d")
	noReasons.Reasons = ""
	noSummary := refusal(access.Refused, "l241-24-6-d")
	noSummary.Summary = ""
	noDeferralStatement := refusal(access.Refused, "l241-24-6-d")
	noDeferralStatement.NoDeferral = ""
	personal := access.Ruling{Outcome: access.Accepted, Viewing: viewAt, Summary: "accolta la richiesta di Anna Esposito"}
	for _, c := range []struct {
		name    string
		kind    access.Kind
		setup   func(e *env, id access.ID)
		act     acting
		want    error
		article string // the cited article, for rule errors
	}{
		{"front office cannot decide (role)", access.Generalizzato, nil, decide(front, access.Ruling{Outcome: access.Accepted}), access.ErrForbidden, ""},
		{"another competent office cannot decide", access.Generalizzato, nil, decide(other, access.Ruling{Outcome: access.Accepted}), access.ErrForbidden, "5"},
		{"refusal without grounds (art. 5 c. 6 D.Lgs. 33/2013)", access.Generalizzato, nil, decide(comp, refusal(access.Refused)), access.ErrRule, "5"},
		{"documentale refusal on a civic ground", access.Documentale, nil, decide(comp, refusal(access.Refused, "d33-5bis-2-a")), access.ErrRule, "5-bis"},
		{"civic refusal on an art. 24 ground", access.Generalizzato, nil, decide(comp, refusal(access.Refused, "l241-24-1-b")), access.ErrRule, "24"},
		{"unknown ground", access.Generalizzato, nil, decide(comp, refusal(access.Refused, "nope")), access.ErrRule, "5"},
		{"refusal without reasons (art. 9 DPR 184/2006)", access.Documentale, nil, decide(comp, noReasons), access.ErrRule, "9"},
		{"refusal without publishable summary (register)", access.Documentale, nil, decide(comp, noSummary), access.ErrRule, ""},
		{"art. 24 c. 4: refusal must say why deferral does not suffice", access.Documentale, nil, decide(comp, noDeferralStatement), access.ErrRule, "24"},
		{"art. 5-bis c. 5: same for civic access", access.Generalizzato, nil, decide(comp, func() access.Ruling {
			r := noDeferralStatement
			r.Grounds = []access.GroundCode{"d33-5bis-1-a"}
			return r
		}()), access.ErrRule, "5-bis"},
		{"partial acceptance without grounds (art. 5-bis c. 4)", access.Generalizzato, nil, decide(comp, access.Ruling{Outcome: access.PartiallyAccepted, Reasons: "x", Summary: "y"}), access.ErrRule, "5"},
		{"deferral without date (art. 9 c. 2 DPR 184/2006)", access.Documentale, nil, decide(comp, refusal(access.Deferred, "l241-24-6-c")), access.ErrRule, "9"},
		{"art. 25 c. 2: documentale without reasons cannot be granted", access.Documentale, func(e *env, id access.ID) {}, nil, access.ErrRule, "25"},
		{"publishable summary naming the requester", access.Documentale, nil, decide(comp, personal), access.ErrRule, ""},
		{"decision dated before receipt", access.Generalizzato, nil, func(e *env, id access.ID) error {
			_, err := e.svc.Decide(ctxBg, access.Act{ID: id, By: comp, On: day(2026, 3, 1)}, access.Ruling{Outcome: access.Accepted})
			return err
		}, access.ErrRule, ""},
		{"decision dated in the future", access.Generalizzato, nil, func(e *env, id access.ID) error {
			_, err := e.svc.Decide(ctxBg, access.Act{ID: id, By: comp, On: day(2026, 3, 9)}, access.Ruling{Outcome: access.Accepted})
			return err
		}, access.ErrRule, ""},
		{"decision dated before an act already recorded", access.Generalizzato, func(e *env, id access.ID) {
			e.at(2026, 3, 5).must(e.svc.NotifyStart(ctxBg, e.act(id, front), access.StartNotice{}))
		}, func(e *env, id access.ID) error {
			_, err := e.svc.Decide(ctxBg, access.Act{ID: id, By: comp, On: day(2026, 3, 4)}, access.Ruling{Outcome: access.Accepted})
			return err
		}, access.ErrRule, ""},
		{"acceptance while a party may still oppose (art. 5 c. 5)", access.Generalizzato, func(e *env, id access.ID) {
			e.must(e.svc.NotifyCounterInterested(ctxBg, e.act(id, front), access.Notification{Parties: []access.Person{{Name: "Mario", Surname: "Neri"}}}))
		}, decide(comp, access.Ruling{Outcome: access.Accepted}), access.ErrRule, "5"},
		{"no review for documentale access", access.Documentale, nil, func(e *env, id access.ID) error {
			_, err := e.svc.FileReview(ctxBg, e.act(id, outer), access.RemedyRequest{})
			return err
		}, access.ErrNotAllowed, ""},
		{"review only after refusal, partial acceptance or silence", access.Generalizzato, func(e *env, id access.ID) {
			e.must(e.svc.Decide(ctxBg, e.act(id, comp), access.Ruling{Outcome: access.Accepted}))
		}, func(e *env, id access.ID) error {
			_, err := e.svc.FileReview(ctxBg, e.act(id, outer), access.RemedyRequest{})
			return err
		}, access.ErrRule, "5"},
		{"only the RPCT decides a review", access.Generalizzato, func(e *env, id access.ID) {
			e.must(e.svc.Decide(ctxBg, e.act(id, comp), refusal(access.Refused, "d33-5bis-1-a")))
			e.must(e.svc.FileReview(ctxBg, e.act(id, outer), access.RemedyRequest{}))
		}, func(e *env, id access.ID) error {
			_, err := e.svc.DecideReview(ctxBg, e.act(id, comp), access.ReviewRuling{Outcome: access.Accepted})
			return err
		}, access.ErrForbidden, ""},
		{"release before any decision", access.Documentale, nil, func(e *env, id access.ID) error {
			_, err := e.svc.Release(ctxBg, e.act(id, comp), access.Release{})
			return err
		}, access.ErrNotAllowed, ""},
		{"release after a refusal", access.Documentale, func(e *env, id access.ID) {
			e.must(e.svc.Decide(ctxBg, e.act(id, comp), refusal(access.Refused, "l241-24-1-a")))
		}, func(e *env, id access.ID) error {
			_, err := e.svc.Release(ctxBg, e.act(id, comp), access.Release{})
			return err
		}, access.ErrRule, "7"},
		{"the Commissione is for documentale access only", access.Generalizzato, func(e *env, id access.ID) {
			e.must(e.svc.Decide(ctxBg, e.act(id, comp), refusal(access.Refused, "d33-5bis-1-a")))
		}, func(e *env, id access.ID) error {
			_, err := e.svc.FileOmbudsman(ctxBg, e.act(id, outer), access.RemedyRequest{Body: access.CommissioneAccesso})
			return err
		}, access.ErrRule, "5"},
		{"public subject naming the requester", access.Generalizzato, nil, func(e *env, id access.ID) error {
			_, err := e.svc.SetPublicSubject(ctxBg, e.act(id, front), access.PublicSubject{Text: "verbali di SPSNNA80A41H501X"})
			return err
		}, access.ErrRule, ""},
		{"civic access charges no stamp duty (art. 5 c. 4)", access.Generalizzato, func(e *env, id access.ID) {
			e.must(e.svc.Decide(ctxBg, e.act(id, comp), access.Ruling{Outcome: access.Accepted}))
		}, func(e *env, id access.ID) error {
			_, err := e.svc.ChargeFees(ctxBg, e.act(id, comp), access.Copy{Pages: 4, Medium: access.MediumPaper, Certified: true})
			return err
		}, access.ErrRule, "5"},
		{"unknown actor role", access.Generalizzato, nil, decide(office.Actor{ID: "x", Role: 42}, access.Ruling{Outcome: access.Accepted}), access.ErrInvalid, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, access.Policy{})
			f := filing(c.kind)
			f.Office = "mobilita"
			act := c.act
			if act == nil { // art. 25 c. 2 case: a documentale filing without reasons
				f.Reasons = ""
				act = decide(comp, access.Ruling{Outcome: access.Accepted, Viewing: viewAt})
			}
			r, err := e.svc.File(ctxBg, access.Act{By: front}, f)
			require.NoError(t, err)
			if c.setup != nil {
				c.setup(e, r.ID)
			}
			before := e.version(r.ID)
			err = act(e, r.ID)
			require.ErrorIs(t, err, c.want)
			assert.Equal(t, before, e.version(r.ID), "a refused act stores nothing")
			if c.article != "" {
				var re *access.RuleError
				var fb *procedure.ForbiddenError[access.EventType]
				switch {
				case errors.As(err, &re):
					assert.Equal(t, c.article, re.Rule.Article, "%v", err)
				case errors.As(err, &fb):
					assert.Equal(t, c.article, fb.Basis.Article, "%v", err)
				default:
					t.Fatalf("no citation in %v", err)
				}
			}
			assert.Regexp(t, "^(procedure|history): ", err.Error(), "the shared error vocabulary")
		})
	}
}

func TestRolesPerAct(t *testing.T) {
	e := newEnv(t, access.Policy{})
	r := e.file(access.Generalizzato)
	got, err := e.svc.Permitted(ctxBg, r.ID, comp)
	require.NoError(t, err)
	assert.Contains(t, got, access.EventDecided)
	got, err = e.svc.Permitted(ctxBg, r.ID, other)
	require.NoError(t, err)
	assert.NotContains(t, got, access.EventDecided, "only the office the request is assigned to decides")
	got, err = e.svc.Permitted(ctxBg, r.ID, front)
	require.NoError(t, err)
	assert.NotContains(t, got, access.EventDecided, "the front office registers, assigns, forwards and runs the istruttoria, it does not decide")
	assert.Contains(t, got, access.EventAssigned)
	assert.Contains(t, got, access.EventDocumentsRequested)
	got, err = e.svc.Permitted(ctxBg, r.ID, outer)
	require.NoError(t, err)
	assert.Contains(t, got, access.EventWithdrawn, "outside acts are recorded with the External role")
	assert.NotContains(t, got, access.EventDecided)
	_, err = e.svc.Assign(ctxBg, e.act(r.ID, admin), access.Assignment{Office: "urbanistica"})
	require.NoError(t, err, "the administrator may correct an assignment")
	_, err = e.svc.Assign(ctxBg, e.act(r.ID, outer), access.Assignment{Office: "mobilita"})
	require.ErrorIs(t, err, access.ErrForbidden)
	_, err = e.svc.Assign(ctxBg, e.act(r.ID, front), access.Assignment{Office: "regione"})
	require.ErrorIs(t, err, access.ErrRule, "an outside body is reached by forwarding")
}

func TestConflictIsReturnedNotRetried(t *testing.T) {
	e := newEnv(t, access.Policy{})
	r := e.file(access.Generalizzato)
	st, err := e.st.Load(ctxBg, r.ID, 0)
	require.NoError(t, err)
	// A writer that read version 1 appends after someone else did.
	e.must(e.svc.NotifyStart(ctxBg, e.act(r.ID, front), access.StartNotice{}))
	recs, err := history.Extend(st.Head, e.now, deadline.Date{}, front, law.Citation{}, access.Event{Type: access.EventStartNotified, StartNotice: &access.StartNotice{}})
	require.NoError(t, err)
	err = e.st.Write(ctxBg, history.Change[access.ID, access.Event]{ID: r.ID, Expected: st.Version(), Index: st.Index, Records: recs})
	require.ErrorIs(t, err, access.ErrConflict)
	// So does an act that says which version it saw.
	_, err = e.svc.NotifyStart(ctxBg, access.Act{ID: r.ID, By: front, Version: st.Version()}, access.StartNotice{})
	require.ErrorIs(t, err, access.ErrConflict)
}

func TestFileChecks(t *testing.T) {
	e := newEnv(t, access.Policy{})
	for name, mod := range map[string]func(f *access.Filing){
		"unknown kind":       func(f *access.Filing) { f.Kind = "x" },
		"unknown channel":    func(f *access.Filing) { f.Channel = "fax" },
		"unknown office":     func(f *access.Filing) { f.Office = "nope" },
		"informal FOIA":      func(f *access.Filing) { f.Kind = access.Generalizzato; f.Informal = true },
		"received tomorrow":  func(f *access.Filing) { f.Received = e.now.Add(48 * 3600e9) },
		"protocol too early": func(f *access.Filing) { f.Protocol.Date = day(2026, 3, 1) },
	} {
		t.Run(name, func(t *testing.T) {
			f := filing(access.Documentale)
			mod(&f)
			_, err := e.svc.File(ctxBg, access.Act{By: front}, f)
			require.Error(t, err)
			require.True(t, errors.Is(err, access.ErrInvalid) || errors.Is(err, access.ErrRule), "%v", err)
		})
	}
	f := filing(access.Documentale)
	_, err := e.svc.File(ctxBg, access.Act{ID: "dup", By: front}, f)
	require.NoError(t, err)
	_, err = e.svc.File(ctxBg, access.Act{ID: "dup", By: front}, f)
	require.ErrorIs(t, err, access.ErrExists)
	_, err = e.svc.Get(ctxBg, "missing")
	require.ErrorIs(t, err, access.ErrNotFound)
	_, err = access.NewService(access.Config{})
	require.ErrorIs(t, err, access.ErrInvalid)
	_, err = access.NewService(access.Config{Store: access.NewMemoryStore()})
	require.ErrorIs(t, err, access.ErrInvalid, "the calendar is required")
	_, err = e.svc.File(ctxBg, access.Act{By: office.Actor{Role: office.FrontOffice}}, f)
	require.ErrorIs(t, err, access.ErrInvalid)
	require.ErrorIs(t, err, office.ErrInvalidActor, "the actor's own error stays in the chain, as in the other procedures")
}

// A UI that forgets the actor's role must show no button: Permitted with
// the zero or an unknown role gives no act.
func TestLifecycle_PermittedNeedsARole(t *testing.T) {
	e := newEnv(t, access.Policy{})
	r := e.file(access.Generalizzato)
	for _, c := range []struct {
		name string
		role office.Role
		none bool
	}{
		{"zero role", 0, true},
		{"unknown role 99", office.Role(99), true},
		{"front office", office.FrontOffice, false},
		{"competent office", office.CompetentOffice, false},
		{"RPCT on a pending request: no act of its own yet", office.RPCT, true},
		{"external", office.External, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			acts := r.Permitted(c.role)
			if c.none {
				assert.Empty(t, acts)
			} else {
				assert.NotEmpty(t, acts)
				assert.NotContains(t, acts, access.EventReceived)
			}
			got, err := e.svc.Permitted(ctxBg, r.ID, office.Actor{ID: "ui", Role: c.role, Office: "mobilita"})
			if !c.role.Valid() {
				require.ErrorIs(t, err, access.ErrInvalid)
				assert.Empty(t, got)
				return
			}
			require.NoError(t, err)
			// The Service also knows today: while the term to decide runs,
			// the request to the substitute (art. 2 c. 9-ter L. 241/1990)
			// is not offered.
			want := slices.DeleteFunc(slices.Clone(acts), func(a access.EventType) bool { return a == access.EventSubstituteRequested })
			assert.Equal(t, want, got, "the competent office acting for its own office sees every act of its role")
		})
	}
	_, err := e.svc.Permitted(ctxBg, r.ID, office.Actor{})
	require.ErrorIs(t, err, access.ErrInvalid, "the zero Actor")
}
