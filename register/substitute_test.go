package register_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/register"
)

// TestArt2c9quaterL241_SubstituteAnnualReport: by 30 January 2027 the
// titolare del potere sostitutivo reports the procedures of 2026 whose
// term was not respected, by kind and office. From the scenario (dates by
// hand on the 2026 calendar): r1 due 31/12/2025, decided 05/01: 5 days;
// r3 due 09/02, refused 20/02: 11 days; r6 due 12/03, undecided on 31/12:
// 19 days left in March + 275 to 31/12 = 294; r9 received 14/04, due
// 14/05, undecided: 17 + 214 = 231; and one more, filed 02/03, due 01/04,
// taken to the substitute on 02/04 and decided by it on 20/04: 19 days.
// The history is full of planted personal data: none reaches the report.
func TestArt2c9quaterL241_SubstituteAnnualReport(t *testing.T) {
	e := scenario(t)
	id := e.file(access.Generalizzato, day(2026, time.March, 2), "RA/2026/0000600", access.ChannelPEC)
	e.must(e.svc.RequestSubstitute(e.ctx, e.act(id, outside, day(2026, time.April, 2)), access.SubstituteRequest{Note: "Zappacosta sollecita"}))
	e.must(e.svc.DecideAsSubstitute(e.ctx, e.act(id, office.Actor{ID: "segretario", Role: office.Substitute}, day(2026, time.April, 20)),
		access.Ruling{Outcome: access.Accepted, Reasons: "RAGIONI-COMPLETE-RISERVATE"}))

	rep := register.SubstituteAnnualReport(slices.Values(e.views()), 2026, directory)
	assert.Equal(t, day(2027, time.January, 30), rep.Due)
	assert.Equal(t, "9-quater", rep.Source.Comma)
	var got []string
	for _, p := range rep.Procedures {
		got = append(got, p.Protocol+"="+p.Due.String()+"/"+p.Decided.String())
		if p.Protocol == "RA/2026/0000600" {
			assert.True(t, p.SubstituteAsked)
			assert.True(t, p.BySubstitute)
		}
	}
	assert.Equal(t, []string{"RA/2026/0000333=2026-03-12/", "RA/2026/0001200=2026-05-14/", "RA/2026/0000600=2026-04-01/2026-04-20",
		"RA/2026/0000150=2026-02-09/2026-02-20", "RA/2025/0099001=2025-12-31/2026-01-05"}, got)
	days := []int{}
	for _, p := range rep.Procedures {
		days = append(days, p.DaysLate)
	}
	assert.Equal(t, []int{294, 231, 19, 11, 5}, days)

	var conc, pend, by int
	for _, g := range rep.Groups {
		conc, pend, by = conc+g.ConcludedLate, pend+g.PendingLate, by+g.BySubstitute
	}
	assert.Equal(t, []int{3, 2, 1}, []int{conc, pend, by})
	assert.Equal(t, access.Documentale, rep.Groups[0].Kind, "groups in kind order")

	var csv, md, js bytes.Buffer
	require.NoError(t, rep.WriteCSV(&csv, register.CSVOptions{}))
	require.NoError(t, rep.WriteMarkdown(&md))
	require.NoError(t, json.NewEncoder(&js).Encode(rep))
	assert.Contains(t, md.String(), "entro il 30/01/2027 (art. 2 c. 9-quater L. 241/1990)")
	assert.Contains(t, md.String(), "| RA/2026/0000333 | accesso civico semplice | Dipartimento Mobilità Sostenibile e Trasporti | 10/02/2026 | 12/03/2026 | pendente al 31/12 | 294 |")
	assert.Contains(t, csv.String(), "RA/2026/0000600,accesso civico generalizzato,,02/03/2026,01/04/2026,20/04/2026,19,sì,sì")
	for _, out := range []string{csv.String(), md.String(), js.String()} {
		for _, p := range planted {
			assert.NotContains(t, strings.ToLower(out), strings.ToLower(p), "personal data in the report")
		}
	}

	empty := register.SubstituteAnnualReport(slices.Values(e.views()), 2025, directory)
	assert.Empty(t, empty.Procedures, "r1 was due on 31/12/2025 itself: not late in 2025")
	md.Reset()
	require.NoError(t, empty.WriteMarkdown(&md))
	assert.Contains(t, md.String(), "Nessun procedimento oltre il termine.")
}
