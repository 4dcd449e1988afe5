package register_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/register"
)

// TestDPR184Art6c5_ArchiviataPerMancataRegolarizzazione: a request the
// office closes without a decision (an irregular request never regularised,
// an informal one never made formal) is concluded on its closing day in the
// monitoring and its register row says why it ended, instead of staying
// "pending" and "in istruttoria" forever. Figures computed by hand:
//
//	a documentale, received Mon 12/01/2026, irregularity notice 14/01 (timely),
//	  closed 20/02 without regularisation
//	b documentale, received Wed 25/03/2026, irregularity notice 27/03 (timely),
//	  closed Fri 10/04
//	c documentale informal, received Mon 02/02/2026, invited to a formal request
//	  03/02, closed 16/03
//
//	period              received concluded archived pending(end) overdue(end)
//	Q4 2025 (Q1's prev) 0        0         0        0            0
//	January 2026        1 (a)    0         0        1 (a)        0
//	Q1 2026             3        2 (a, c)  2        1 (b)        0
//	Q2 2026             0        1 (b)     1        0            0
//
// No decision term runs while a timely notice waits for the corrected
// request (art. 6 c. 5 DPR 184/2006), so nothing is overdue.
func TestDPR184Art6c5_ArchiviataPerMancataRegolarizzazione(t *testing.T) {
	e := newEnv(t)
	irregularThenClosed := func(proto string, received, notified, closed deadline.Date) access.ID {
		id := e.file(access.Documentale, received, proto, access.ChannelPEC)
		e.must(e.svc.NotifyIrregularity(e.ctx, e.act(id, desk, notified), access.Irregularity{Missing: []string{"motivazione"}}))
		e.must(e.svc.Close(e.ctx, e.act(id, desk, closed), access.Note{Text: "nessuna regolarizzazione"}))
		return id
	}
	irregularThenClosed("RA/2026/0000010", day(2026, time.January, 12), day(2026, time.January, 14), day(2026, time.February, 20))
	irregularThenClosed("RA/2026/0000020", day(2026, time.March, 25), day(2026, time.March, 27), day(2026, time.April, 10))
	e.now = day(2026, time.February, 2).Time(time.UTC).Add(9 * time.Hour)
	c, err := e.svc.File(e.ctx, access.Act{By: desk}, access.Filing{Kind: access.Documentale, Informal: true, Channel: access.ChannelCounter,
		Protocol: access.Protocol{Number: "RA/2026/0000030"}, Applicant: access.Person{Name: "Gianfranca", Surname: "Zappacosta"},
		Subject: "TESTO-PRIVATO-DEL-RICHIEDENTE", Reasons: "MOTIVAZIONE-PRIVATA-DEL-RICHIEDENTE"})
	require.NoError(t, err)
	e.must(e.svc.RequestFormal(e.ctx, e.act(c.ID, desk, day(2026, time.February, 3)), access.FormalRequest{Why: "emergono controinteressati"}))
	e.must(e.svc.Close(e.ctx, e.act(c.ID, desk, day(2026, time.March, 16)), access.Note{Text: "nessuna richiesta formale"}))
	views := e.views()
	require.Len(t, views, 3)

	type figures struct{ received, concluded, archived, pending, overdue int }
	of := func(f register.AccessFigures) figures {
		return figures{f.Received, f.Concluded, f.Archived, f.Pending, f.Overdue}
	}
	january, err := register.NewPeriod(day(2026, time.January, 1), day(2026, time.January, 31))
	require.NoError(t, err)
	q1s := register.AccessMonitoring(slices.Values(views), q1, nil)
	assert.Equal(t, figures{3, 2, 2, 1, 0}, of(q1s.Total), "Q1 2026")
	assert.Equal(t, figures{}, of(q1s.Previous), "Q4 2025")
	assert.Equal(t, figures{1, 0, 0, 1, 0}, of(register.AccessMonitoring(slices.Values(views), january, nil).Total), "January 2026")
	q2s := register.AccessMonitoring(slices.Values(views), register.MustQuarter(2026, 2), nil)
	assert.Equal(t, figures{0, 1, 1, 0, 0}, of(q2s.Total), "Q2 2026")
	assert.Equal(t, figures{3, 2, 2, 1, 0}, of(q2s.Previous), "Q1 beside Q2")
	assert.Zero(t, q1s.Total.Decided+q2s.Total.Decided, "no decision was taken")
	assert.Empty(t, q1s.Overdue)

	rows := register.Select(views, q1, register.Options{Today: day(2026, time.June, 30)})
	require.Len(t, rows, 3)
	for i, want := range []struct {
		proto, outcome string
		closed         deadline.Date
	}{
		{"RA/2026/0000010", "archiviata per mancata regolarizzazione", day(2026, time.February, 20)},
		{"RA/2026/0000030", "archiviata per mancata presentazione della richiesta formale", day(2026, time.March, 16)},
		{"RA/2026/0000020", "archiviata per mancata regolarizzazione", day(2026, time.April, 10)},
	} {
		assert.Equal(t, want.proto, rows[i].Protocol)
		assert.Equal(t, want.outcome, rows[i].Outcome, want.proto)
		assert.Equal(t, want.closed, rows[i].Closed, want.proto)
		assert.True(t, rows[i].Decided.IsZero(), "%s: no Data del provvedimento", want.proto)
	}

	assert.Equal(t, "archiviata senza provvedimento", register.ArchivedLabel(&access.Request{State: access.StateClosed, Closed: day(2026, time.May, 4)}))
}
