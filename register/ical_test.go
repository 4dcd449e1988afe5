package register_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline/ical"
	"github.com/puntodiascolto/ascolto/register"
)

// TestAccessEvents_Feed writes the scenario's deadlines as an iCalendar feed
// and parses it back: one event per binding obligation of the office not
// yet met, labelled
// with kind, protocol and office, and no personal datum anywhere.
func TestAccessEvents_Feed(t *testing.T) {
	e := scenario(t)
	views := e.views()
	var b bytes.Buffer
	o := ical.Options{Domain: "comune.roma.it", Stamp: time.Date(2026, time.April, 1, 8, 0, 0, 0, time.UTC)}
	require.NoError(t, ical.Write(&b, register.AccessEvents(e.source().Requests(e.ctx, access.Query{}), directory), o))
	for _, p := range planted {
		require.NotContains(t, b.String(), p, "the feed publishes personal data")
	}
	var want []string
	for _, r := range views {
		for _, d := range r.Deadlines {
			if d.Met.IsZero() && !d.Due.IsZero() && ical.Binding(d) && access.KindOf(d).Obligation() {
				want = append(want, r.Protocol.Number+"|"+d.Due.String()+"|"+d.Explanation.String())
			}
		}
	}
	require.NotEmpty(t, want)
	cal, err := goical.NewDecoder(&b).Decode()
	require.NoError(t, err)
	var got []string
	for _, ev := range cal.Events() {
		sum, err := ev.Props.Text(goical.PropSummary)
		require.NoError(t, err)
		desc, err := ev.Props.Text(goical.PropDescription)
		require.NoError(t, err)
		start, err := ev.Props.DateTime(goical.PropDateTimeStart, time.UTC)
		require.NoError(t, err)
		proto := ""
		for _, r := range views {
			if strings.Contains(sum+" ", " "+r.Protocol.Number+" ") {
				proto = r.Protocol.Number
			}
		}
		require.NotEmpty(t, proto, "summary %q names the protocol", sum)
		got = append(got, proto+"|"+start.Format(time.DateOnly)+"|"+desc)
	}
	slices.Sort(want)
	slices.Sort(got)
	require.Equal(t, want, got)
}
