package register_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/register"
)

// TestReportQuery_EveryRequestUpToTheEnd: a report of Q1 2026 reads every
// request received up to 31/03/2026 (Period.ReportQuery), not the quarter's
// alone (Period.Query, the register's rows). In the scenario r1, received on
// 01/12/2025 and decided on 05/01/2026, is one of Q1's four decisions and
// Q4 2025's one receipt and pending request; fed only Q1's receipts the
// report would show three decisions and an empty previous quarter. r9,
// received on 14/04, is not read.
func TestReportQuery_EveryRequestUpToTheEnd(t *testing.T) {
	e := scenario(t)
	src := e.source()
	read := func(q access.Query) []*access.Request {
		var out []*access.Request
		for r, err := range src.Requests(e.ctx, q) {
			require.NoError(t, err)
			out = append(out, r)
		}
		return out
	}
	assert.Equal(t, access.Query{ReceivedTo: day(2026, time.March, 31)}, q1.ReportQuery())
	assert.Equal(t, access.Query{ReceivedTo: day(2026, time.March, 31), Kinds: []string{"documentale"}}, q1.ReportQuery(access.Documentale))

	all := read(q1.ReportQuery())
	require.Len(t, all, 8, "r1-r8")
	rep := register.Quarterly(register.Input{Period: q1, Requests: slices.Values(all)})
	assert.Equal(t, 7, rep.Access.Total.Received)
	assert.Equal(t, 4, rep.Access.Total.Decided, "r1, r2, r3, r8")
	assert.Equal(t, 1, rep.Access.Previous.Received, "r1")
	assert.Equal(t, 1, rep.Access.Previous.Pending, "r1")

	quarterOnly := register.Quarterly(register.Input{Period: q1, Requests: slices.Values(read(q1.Query()))})
	assert.Equal(t, 3, quarterOnly.Access.Total.Decided, "what the old Example fed: r1's decision is lost")
	assert.Equal(t, 0, quarterOnly.Access.Previous.Received)
}
