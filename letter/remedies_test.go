package letter_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/letter"
)

// receiptRemedies files a request of kind k under policy p and returns the
// remedies its receipt offers.
func receiptRemedies(t *testing.T, k access.Kind, p access.Policy) []letter.Remedy {
	t.Helper()
	f := newFixture(t, p)
	f.at("filed", time.March, 2, func(a access.Act) (*access.Request, error) {
		return f.svc.File(f.ctx, a, access.Filing{Kind: k, Channel: access.ChannelPEC, Identification: "PEC",
			Protocol: access.Protocol{Number: "RA/2026/0000001"}, Applicant: applicant, Subject: "Dati sui varchi ZTL", Reasons: "tutela di un diritto"})
	})
	o := options(f)
	l, err := writer(t, o).Receipt(f.steps["filed"])
	require.NoError(t, err)
	v, ok := l.Value("remedies")
	require.True(t, ok)
	return v.([]letter.Remedy)
}

func codes(rs []letter.Remedy) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Code)
	}
	return out
}

// TestRemedies_FollowTheAccessPackage: the remedies a receipt offers are
// the access package's, never a list of the letters' own: simple civic
// access has no review to the RPCT (who decides it: art. 5 c. 3 lett. d
// D.Lgs. 33/2013) and offers the titolare del potere sostitutivo (art. 2
// c. 9-bis L. 241/1990); a State administration has no difensore civico
// for civic access and the Commissione per l'accesso for documentale
// access (art. 25 c. 4 L. 241/1990).
func TestRemedies_FollowTheAccessPackage(t *testing.T) {
	for _, tc := range []struct {
		name string
		kind access.Kind
		p    access.Policy
		want []string
	}{
		{"semplice, ente locale", access.CivicoSemplice, access.Policy{}, []string{"substitute", "ombudsman-filing", "appeal"}},
		{"generalizzato, ente locale", access.Generalizzato, access.Policy{}, []string{"substitute", "review-filing", "ombudsman-filing", "appeal"}},
		{"generalizzato, Stato", access.Generalizzato, access.Policy{StateAdministration: true}, []string{"substitute", "review-filing", "appeal"}},
		{"documentale, Stato", access.Documentale, access.Policy{StateAdministration: true}, []string{"substitute", "ombudsman-filing", "appeal"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs := receiptRemedies(t, tc.kind, tc.p)
			assert.Equal(t, tc.want, codes(rs))
			for _, r := range rs {
				if r.Code == "ombudsman-filing" && tc.p.StateAdministration {
					assert.Contains(t, r.What, "Commissione per l'accesso")
				}
				if r.Code == "substitute" {
					assert.False(t, r.After.IsZero(), "the substitute is asked after the decision's due date")
				} else {
					assert.False(t, r.Due.IsZero(), "%s has its last day", r.Code)
				}
			}
		})
	}
}

// TestRemedies_Guidance: the terms the law does not set are printed as
// indicative (the review's 30 days; the difensore civico's for civic
// access), the court's as a term.
func TestRemedies_Guidance(t *testing.T) {
	for _, r := range receiptRemedies(t, access.Generalizzato, access.Policy{}) {
		switch r.Code {
		case "review-filing", "ombudsman-filing":
			assert.True(t, r.Guidance, r.Code)
		default:
			assert.False(t, r.Guidance, r.Code)
		}
	}
	for _, r := range receiptRemedies(t, access.Documentale, access.Policy{}) {
		assert.False(t, r.Guidance, "documentale: %s is set by art. 25 c. 4", r.Code)
	}
}

// TestReceipt_Informal: an informal documentale request (art. 5 DPR
// 184/2006) is examined at once: its receipt promises no date and offers
// no remedy against inaction, in Italian and in English.
func TestReceipt_Informal(t *testing.T) {
	f := newFixture(t, access.Policy{})
	f.at("filed", time.March, 2, func(a access.Act) (*access.Request, error) {
		return f.svc.File(f.ctx, a, access.Filing{Kind: access.Documentale, Informal: true, Channel: access.ChannelCounter, Office: "urbanistica",
			Protocol: access.Protocol{Number: "RA/2026/0000002"}, Applicant: docApp, Subject: "Planimetria catastale", Reasons: "compravendita"})
	})
	for lang, want := range map[letter.Lang]string{letter.Italian: "esaminata immediatamente", letter.English: "examined at once"} {
		o := options(f)
		o.Lang = lang
		w := writer(t, o)
		l, err := w.Receipt(f.steps["filed"])
		require.NoError(t, err)
		txt, err := w.Text(l)
		require.NoError(t, err)
		assert.Contains(t, txt, want)
		assert.Empty(t, l.Dates)
		rs, _ := l.Value("remedies")
		assert.Empty(t, rs)
	}
	l, err := writer(t, options(f)).OfficeStart(f.steps["filed"])
	require.NoError(t, err)
	require.Empty(t, l.Dates)
}
