package access_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
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
