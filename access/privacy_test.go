package access_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/history"
)

// Texts the office writes for publication (the register's subject and
// reasons) are refused when they carry the requester's data in any
// disguise, or anyone's codice fiscale, e-mail, telephone or IBAN
// (Reg. UE 2016/679 art. 5 c. 1 lett. c; ANAC Delibera 1309/2016 §9).
// Nothing is stored when a text is refused.
func TestRegUE2016_679_PublishableTextsRefusePersonalData(t *testing.T) {
	e := newEnv(t, access.Policy{})
	f := filing(access.Generalizzato)
	f.Office = "mobilita"
	f.Applicant = access.Person{Name: "Li", Surname: "Wu", FiscalCode: "RSSMRA85T10A562S", Phone: "+39 3331234567",
		Email: "a.b@example.org", Residence: "via dei Gracchi 12 int. 7, 00192 Roma"}
	r, err := e.svc.File(ctxBg, access.Act{By: front}, f)
	require.NoError(t, err)
	for _, text := range []string{
		"verbali richiesti dal sig. Wu",
		"verbali richiesti da WU Li",
		"codice RSS MRA 85T10 A562S",
		"richiamare il 333 123 4567",
		"scrivere a a.b @ example.org",
		"residente in via dei Gracchi 12",
		"per conto di BNCGPP70A41H501G",
		"rimborso su IT60 X054 2811 1010 0000 0123 456",
	} {
		before := e.version(r.ID)
		_, err := e.svc.SetPublicSubject(ctxBg, e.act(r.ID, front), access.PublicSubject{Text: text})
		require.ErrorIs(t, err, access.ErrRule, text)
		require.Equal(t, before, e.version(r.ID), "%q: nothing stored", text)
	}
	_, err = e.svc.SetPublicSubject(ctxBg, e.act(r.ID, front), access.PublicSubject{Text: "Verbali della ZTL di via Appia, prot. RA/2026/0001"})
	require.NoError(t, err, "an office's summary without personal data is accepted")
}

// A subject or a publishable summary of 1 MB is no longer stored and
// published: every text has a documented limit (subjects and summaries
// 1000 characters, reasons 20000, others 4000), and a longer one, or one
// that is not valid UTF-8, is refused with a *history.TextError (ErrInvalid)
// before anything is recorded.
func TestTextLimits(t *testing.T) {
	e := newEnv(t, access.Policy{})
	big := strings.Repeat("a", 1<<20)
	f := filing(access.Generalizzato)
	f.Office = "mobilita"
	f.Subject = big
	_, err := e.svc.File(ctxBg, access.Act{ID: "big", By: front}, f)
	var te *history.TextError
	require.ErrorAs(t, err, &te)
	require.ErrorIs(t, err, access.ErrInvalid)
	require.Equal(t, 1000, te.Limit)
	_, err = e.svc.Get(ctxBg, "big")
	require.ErrorIs(t, err, access.ErrNotFound, "nothing stored")

	f.Subject = strings.Repeat("è", 1000)
	r, err := e.svc.File(ctxBg, access.Act{By: front}, f)
	require.NoError(t, err, "1000 characters are within the limit, whatever their bytes")
	before := e.version(r.ID)
	for name, act := range map[string]func() (*access.Request, error){
		"public subject": func() (*access.Request, error) {
			return e.svc.SetPublicSubject(ctxBg, e.act(r.ID, front), access.PublicSubject{Text: big})
		},
		"decision summary": func() (*access.Request, error) {
			ru := refusal(access.Refused, "d33-5bis-1-f")
			ru.Summary = big
			return e.svc.Decide(ctxBg, e.act(r.ID, comp), ru)
		},
		"decision reasons": func() (*access.Request, error) {
			ru := refusal(access.Refused, "d33-5bis-1-f")
			ru.Reasons = strings.Repeat("r", 20001)
			return e.svc.Decide(ctxBg, e.act(r.ID, comp), ru)
		},
		"invalid UTF-8": func() (*access.Request, error) {
			return e.svc.SetPublicSubject(ctxBg, e.act(r.ID, front), access.PublicSubject{Text: "verbali \xff"})
		},
	} {
		_, err := act()
		require.ErrorAs(t, err, &te, name)
		require.ErrorIs(t, err, access.ErrInvalid, name)
		require.Equal(t, before, e.version(r.ID), "%s: nothing stored", name)
	}
	ru := refusal(access.Refused, "d33-5bis-1-f")
	ru.Reasons = strings.Repeat("r", 20000)
	e.at(2026, 3, 10).must(e.svc.Decide(ctxBg, e.act(r.ID, comp), ru))
}
