package access_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
)

// TestArt5c6DLgs33_ForwardingInternalDoesNotRestart: a request filed with
// the Punto di Ascolto is filed with the administration (art. 5 c. 3 lett.
// b D.Lgs. 33/2013 names the URP; art. 25 c. 4 L. 241/1990), and its 30
// days run from that filing (art. 5 c. 6): forwarding it to the competent
// office restarts nothing, for any kind (art. 6 c. 4 DPR 184/2006 restarts
// the documentale term only for a request received from another
// administration, c. 2). Calendar of 2026, by hand: filed Monday 02/03;
// March has 31 days, so the 30th day after is Wednesday 01/04, neither a
// Sunday nor a holiday (Easter is 05/04, Easter Monday 06/04). Forwarded
// Friday 20/03, received by the office Monday 23/03: still due 01/04, not
// 22/04 (23/03 + 30).
func TestArt5c6DLgs33_ForwardingInternalDoesNotRestart(t *testing.T) {
	for _, k := range access.Kinds() {
		t.Run(string(k), func(t *testing.T) {
			e := newEnv(t, access.Policy{})
			f := filing(k)
			r, err := e.svc.File(ctxBg, access.Act{By: front}, f)
			require.NoError(t, err)
			require.Equal(t, day(2026, 4, 1), r.DecisionDue)
			r = e.at(2026, time.March, 23).must(e.svc.Forward(ctxBg, access.Act{ID: r.ID, By: front, On: day(2026, 3, 20)},
				access.Forwarding{To: "mobilita", ReceivedOn: day(2026, 3, 23)}))
			assert.Equal(t, "mobilita", string(r.Office))
			assert.Equal(t, day(2026, 4, 1), r.DecisionDue, "internal forwarding restarts no term")
			d, _ := r.Deadline(access.DeadlineDecision)
			assert.Contains(t, d.Explanation.Term.Name, "trasmessa internamente il 20/03/2026: il termine non riparte")
			assert.Equal(t, day(2026, 3, 2), d.Explanation.Start)

			// Late where it is: undecided on 02/04, the office is a day late.
			st := d.Status(day(2026, 4, 2), 3)
			assert.Equal(t, deadline.Overdue, st.State)
			assert.Equal(t, 1, st.OverdueBy())
			r = e.at(2026, time.April, 15).must(e.svc.Decide(ctxBg, e.act(r.ID, comp), acceptance(k)))
			assert.True(t, r.Decision.Late)
			require.NotNil(t, r.LateDecision)
			assert.Equal(t, 14, r.LateDecision.DaysLate, "01/04 to 15/04")
		})
	}
}

// TestArt6c4DPR184_TransferFromAnotherAdministration: a request another
// administration transmitted here. Documentale access runs 30 days from
// its receipt here (art. 6 c. 2 and 4 DPR 184/2006), the default of
// Policy.TransferRestart; civic access from the filing with the first
// administration (art. 5 c. 6 D.Lgs. 33/2013) unless the policy says
// otherwise [P]. 2026, by hand: filed elsewhere Monday 02/03, received
// here Friday 20/03. From the filing: 01/04 (Wednesday). From the receipt:
// 20/03 + 30 = 19/04, a Sunday, extended to Monday 20/04 (art. 2963 c. 3
// c.c.).
func TestArt6c4DPR184_TransferFromAnotherAdministration(t *testing.T) {
	for _, c := range []struct {
		name     string
		kind     access.Kind
		policy   map[access.Kind]bool
		filed    deadline.Date
		want     deadline.Date
		contains string
	}{
		{"documentale, default: from the receipt", access.Documentale, nil, day(2026, 3, 2), day(2026, 4, 20), "art. 6 c. 4 DPR 184/2006"},
		{"documentale, first filing unknown: from the receipt", access.Documentale, nil, deadline.Date{}, day(2026, 4, 20), "art. 6 c. 4 DPR 184/2006"},
		{"documentale, policy: from the filing", access.Documentale, map[access.Kind]bool{}, day(2026, 3, 2), day(2026, 4, 1), "scelta dell'amministrazione"},
		{"generalizzato, default: from the filing", access.Generalizzato, nil, day(2026, 3, 2), day(2026, 4, 1), "art. 5 c. 6 D.Lgs. 33/2013"},
		{"semplice, default: from the filing", access.CivicoSemplice, nil, day(2026, 3, 2), day(2026, 4, 1), "dalla presentazione"},
		{"generalizzato, policy: from the receipt", access.Generalizzato, map[access.Kind]bool{access.Generalizzato: true}, day(2026, 3, 2), day(2026, 4, 20), "scelta dell'amministrazione"},
		{"generalizzato, first filing unknown: from the receipt", access.Generalizzato, nil, deadline.Date{}, day(2026, 4, 20), "non registrata"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, access.Policy{TransferRestart: c.policy}).at(2026, time.March, 20)
			f := filing(c.kind)
			f.ForwardedBy, f.FiledElsewhere = "Regione Lazio", c.filed
			r, err := e.svc.File(ctxBg, access.Act{By: front}, f)
			require.NoError(t, err)
			assert.Equal(t, day(2026, 3, 20), r.Received)
			assert.Equal(t, c.want, r.DecisionDue)
			d, _ := r.Deadline(access.DeadlineDecision)
			assert.Contains(t, d.Explanation.Term.Name, c.contains)
		})
	}
	e := newEnv(t, access.Policy{}).at(2026, time.March, 20)
	f := filing(access.Generalizzato)
	f.FiledElsewhere = day(2026, 3, 2)
	_, err := e.svc.File(ctxBg, access.Act{By: front}, f)
	require.ErrorIs(t, err, access.ErrInvalid, "filed elsewhere names where")
	f.ForwardedBy, f.FiledElsewhere = "Regione Lazio", day(2026, 3, 21)
	_, err = e.svc.File(ctxBg, access.Act{By: front}, f)
	require.ErrorIs(t, err, access.ErrInvalid, "not filed elsewhere after the receipt here")
}

// TestArt5c3DLgs33_AssigningDoesNotMoveTheTerm: assigning the request to
// the competent office moves no term either (kept from the former forwarding
// test). Filed 02/03/2026, assigned 05/03: due 01/04.
func TestArt5c3DLgs33_AssigningDoesNotMoveTheTerm(t *testing.T) {
	e := newEnv(t, access.Policy{})
	f := filing(access.Documentale)
	r, err := e.svc.File(ctxBg, access.Act{By: front}, f)
	require.NoError(t, err)
	r = e.at(2026, time.March, 5).must(e.svc.Assign(ctxBg, e.act(r.ID, front), access.Assignment{Office: "mobilita"}))
	assert.Equal(t, day(2026, 4, 1), r.DecisionDue)
}
