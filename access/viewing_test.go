package access_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
)

// TestArt7c1DPR184_ViewingPeriodFromReceipt: the 15 days to view and copy
// the documents (art. 7 c. 1 DPR 184/2006) run from the requester's
// receipt of the acceptance when it is recorded, else from the decision.
// 2026, by hand, acceptance of Friday 20/03: unknown receipt, 20/03 + 15 =
// Saturday 04/04 (a Saturday does not move an administrative term);
// received Tuesday 24/03: 08/04 (7 days to 31/03, 8 in April); received
// Saturday 21/03: 05/04 is Easter Sunday and 06/04 Easter Monday, so
// Tuesday 07/04; received the same day, 20/03: 04/04.
func TestArt7c1DPR184_ViewingPeriodFromReceipt(t *testing.T) {
	for _, c := range []struct {
		name     string
		received deadline.Date
		inRuling bool
		want     deadline.Date
		says     string
	}{
		{"receipt unknown: from the decision", deadline.Date{}, false, day(2026, 4, 4), "non registrata"},
		{"received Tuesday 24/03", day(2026, 3, 24), false, day(2026, 4, 8), "dalla ricezione"},
		{"received Saturday 21/03, Easter in the way", day(2026, 3, 21), false, day(2026, 4, 7), "dalla ricezione"},
		{"handed over with the decision", day(2026, 3, 20), true, day(2026, 4, 4), "dalla ricezione"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, access.Policy{})
			id := e.file(access.Documentale).ID
			ru := acceptance(access.Documentale)
			if c.inRuling {
				ru.Communicated = c.received
			}
			r := e.at(2026, time.March, 20).must(e.svc.Decide(ctxBg, e.act(id, comp), ru))
			if !c.received.IsZero() && !c.inRuling {
				r = e.at(2026, time.March, 25).must(e.svc.CommunicateDecision(ctxBg, access.Act{ID: id, By: outer, On: c.received}, access.Communication{Means: "PEC"}))
			}
			d, ok := r.Deadline(access.DeadlineViewing)
			require.True(t, ok)
			assert.Equal(t, c.want, d.Due)
			assert.Contains(t, d.Explanation.Term.Name, c.says)
			assert.Contains(t, d.Explanation.String(), "art. 7 c. 1 DPR 184/2006")
		})
	}
}
