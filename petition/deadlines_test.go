package petition_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/petition"
)

// TestDeadlineCodes: every deadline Replay derives carries a stable Code
// from DeadlineCodes: the answer term from filing and the internal reply
// term of each request; the Italian names carry the office and may change,
// the codes not.
func TestDeadlineCodes(t *testing.T) {
	assert.Equal(t, []string{"answer", "office-reply"}, petition.DeadlineCodes(), "the codes are stable")
	assert.Equal(t, "answer", petition.AnswerCode)
	assert.Equal(t, "office-reply", petition.OfficeReplyCode)

	filed := day(2026, time.March, 2)
	f := newFixture(t, romePolicy(), filed)
	id := f.draftOpen(petition.InterrogazionePopolare, petition.Sindaco, "mobilità")
	f.signAll(id, sigs(7, 200, filed))
	p, err := f.svc.File(f.ctx, petition.Act{ID: id, By: desk}, petition.Filing{Protocol: "RC/2026/78"})
	require.NoError(t, err)
	require.Len(t, p.Deadlines, 1)
	assert.Equal(t, petition.AnswerCode, p.Deadlines[0].Code)
	_, err = f.svc.DeclareAdmissible(f.ctx, petition.Act{ID: id, By: desk}, petition.Admission{})
	require.NoError(t, err)
	p, err = f.svc.Forward(f.ctx, petition.Act{ID: id, By: desk}, petition.Forwarding{Requests: []petition.Request{{Office: "dip-mobilita", Question: "dati sui flussi"}, {Office: "dip-lavori-pubblici", Question: "cronoprogramma", Days: 10}}})
	require.NoError(t, err)
	codes := func(p petition.Petition) []string {
		var out []string
		for _, d := range p.Deadlines {
			out = append(out, d.Code)
		}
		return out
	}
	assert.Equal(t, []string{petition.AnswerCode, petition.OfficeReplyCode, petition.OfficeReplyCode}, codes(p))
	for _, r := range p.Public(filed, 7).Deadlines {
		assert.Contains(t, petition.DeadlineCodes(), r.Deadline.Code, "the public view keeps the code: %s", r.Deadline.Name)
	}
	f.clock.set(day(2026, time.March, 10))
	p, err = f.svc.RecordReply(f.ctx, petition.Act{ID: id, By: mobility}, petition.Reply{Request: 1, Summary: "flussi in calo"})
	require.NoError(t, err)
	assert.Equal(t, []string{petition.AnswerCode, petition.OfficeReplyCode, petition.OfficeReplyCode}, codes(p), "a met deadline keeps its code")
	p, err = f.svc.Answer(f.ctx, petition.Act{ID: id, By: secretariat}, petition.Answer{Outcome: petition.Replied, Summary: "risposta del Sindaco"})
	require.NoError(t, err)
	assert.Equal(t, []string{petition.AnswerCode, petition.OfficeReplyCode}, codes(p), "the superseded request no longer runs")
}
