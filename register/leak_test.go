package register_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/register"
)

// published renders every register and report output of the office's
// store for the first half of 2026 into one string.
func (e *env) published() (string, []register.Entry) {
	e.t.Helper()
	var reqs []*access.Request
	for r, err := range (register.Source{Store: e.store, Calendar: deadline.Rome(), Directory: directory}).Requests(e.ctx, access.Query{}) {
		require.NoError(e.t, err)
		reqs = append(reqs, r)
	}
	p, err := register.NewPeriod(day(2026, time.January, 1), day(2026, time.June, 30))
	require.NoError(e.t, err)
	rows := register.Select(reqs, p, register.Options{Directory: directory, Today: day(2026, time.June, 30)})
	var b bytes.Buffer
	require.NoError(e.t, register.WriteCSV(&b, register.Seq(rows), register.CSVOptions{}))
	require.NoError(e.t, register.WriteJSON(&b, p, register.Seq(rows)))
	rep := register.Quarterly(register.Input{Period: p, Requests: slices.Values(reqs), Directory: directory})
	require.NoError(e.t, rep.WriteMarkdown(&b, register.MarkdownOptions{}))
	require.NoError(e.t, rep.WriteCSV(&b, register.CSVOptions{}))
	require.NoError(e.t, rep.WriteJSON(&b))
	return b.String(), rows
}

// Leak 1 (issue 11): a protocol number is a register code, a year and a
// number; "Prot. <surname> <codice fiscale>" is refused at filing with a
// *access.ProtocolError, nothing is stored, and nothing published carries it.
func TestLeak_ProtocolNumberHasAShape(t *testing.T) {
	e := newEnv(t)
	on := day(2026, time.March, 2)
	e.now = on.Time(time.UTC).Add(9 * time.Hour)
	_, err := e.svc.File(e.ctx, access.Act{By: desk}, access.Filing{Kind: access.Generalizzato, Channel: access.ChannelPEC,
		Protocol: access.Protocol{Number: "Prot. Zappacosta ZPPGFR80A41H501X", Date: on}, Received: e.now,
		Applicant: access.Person{Name: "Gianfranca", Surname: "Zappacosta"}, Subject: "verbali"})
	var pe *access.ProtocolError
	require.ErrorAs(t, err, &pe)
	require.ErrorIs(t, err, access.ErrInvalid)
	assert.NotContains(t, err.Error(), "Zappacosta", "the error names the rule, not the datum")
	assert.NotContains(t, err.Error(), "ZPPGFR80A41H501X")
	all, _ := e.published()
	assert.NotContains(t, all, "Zappacosta")
	assert.NotContains(t, all, "ZPPGFR80A41H501X")
	page, err := e.store.List(e.ctx, access.Query{})
	require.NoError(t, err)
	assert.Empty(t, page.Items, "nothing stored")

	// Realistic forms are accepted and published in their normal form.
	for in, want := range map[string]string{
		"RA/2026/0000123":               "RA/2026/0000123",
		"ra-2026-123":                   "RA/2026/0000123",
		"QA 12345/2026":                 "QA/2026/0012345",
		"prot. n. 12345 del 02/03/2026": "2026/0012345",
		"Prot. RC/2026/12":              "RC/2026/0000012",
	} {
		r, err := e.svc.File(e.ctx, access.Act{By: desk}, access.Filing{Kind: access.Generalizzato, Channel: access.ChannelPEC,
			Protocol: access.Protocol{Number: in, Date: on}, Received: e.now,
			Applicant: access.Person{Name: "Gianfranca", Surname: "Zappacosta"}, Subject: "verbali"})
		require.NoError(t, err, in)
		assert.Equal(t, want, r.Protocol.Number, in)
	}
}

// A history written before protocol numbers were checked (or by another
// system) still never publishes an unparsable number: the row carries the
// neutral placeholder and the office is told which request and column.
func TestLeak_StoredProtocolNumberIsCheckedAtPublication(t *testing.T) {
	r := &access.Request{ID: "old", Kind: access.Generalizzato, Protocol: access.Protocol{Number: "Prot. Zappacosta ZPPGFR80A41H501X", Date: day(2026, time.March, 2)},
		Received: day(2026, time.March, 2), Applicant: access.Person{Name: "Gianfranca", Surname: "Zappacosta"}}
	e := register.EntryOf(r, register.Options{})
	assert.NotContains(t, e.Protocol, "Zappacosta")
	assert.Equal(t, register.Withheld, e.Protocol)
	require.Len(t, e.Withheld, 1)
	assert.Equal(t, register.Withholding{ID: "old", Column: "Numero di protocollo", Kind: "numero di protocollo non valido"}, e.Withheld[0])
	sec := register.AccessMonitoring(slices.Values([]*access.Request{r}), register.MustQuarter(2026, 2), nil)
	for _, o := range sec.Overdue {
		assert.NotContains(t, o.Protocol, "Zappacosta")
	}
}

// Leak 2 (issue 11): an external destination is an administration from a
// closed list (the directory's external offices or Policy.Administrations),
// never free text.
func TestLeak_ExternalForwardingIsAnAdministration(t *testing.T) {
	e := newEnv(t)
	on := day(2026, time.March, 2)
	id := e.file(access.Generalizzato, on, "RA/2026/0000123", access.ChannelPEC)
	version := func() int {
		r, err := e.svc.Get(e.ctx, id)
		require.NoError(t, err)
		return r.Version
	}
	before := version()
	_, err := e.svc.Forward(e.ctx, e.act(id, desk, on), access.Forwarding{Name: "avv. Mario Rossi, mario.rossi@example.it", External: true})
	require.ErrorIs(t, err, access.ErrInvalid)
	assert.NotContains(t, err.Error(), "mario.rossi")
	assert.Equal(t, before, version(), "nothing stored")
	all, _ := e.published()
	assert.NotContains(t, all, "Mario Rossi")
	assert.NotContains(t, all, "mario.rossi")

	r, err := e.svc.Forward(e.ctx, e.act(id, desk, on), access.Forwarding{Name: "regione lazio", External: true})
	require.NoError(t, err)
	assert.Equal(t, "Regione Lazio", r.Forwarded.Name, "the list's own spelling")

	old := &access.Request{ID: "old", Kind: access.Generalizzato, Received: on, State: access.StateTransferred,
		Forwarded: &access.Forward{Name: "avv. Mario Rossi, mario.rossi@example.it", External: true, Date: on}}
	row := register.EntryOf(old, register.Options{})
	assert.Equal(t, register.Withheld, row.Forwarded)
	assert.Equal(t, []register.Withholding{{ID: "old", Column: "Trasferita", Kind: "e-mail"}}, row.Withheld)
}

// Leak 3 (issue 11): a subject accepted when only the applicant was known
// names a person notified later as counter-interested. The register checks
// every publishable text again at publication against every person the
// history knows, publishes a placeholder and tells the office which request,
// which column and which kind of datum (never the datum).
func TestLeak_TextsAreCheckedAgainAtPublication(t *testing.T) {
	e := newEnv(t)
	on := day(2026, time.March, 2)
	id := e.file(access.Generalizzato, on, "RA/2026/0000123", access.ChannelPEC)
	e.must(e.svc.SetPublicSubject(e.ctx, e.act(id, desk, on), access.PublicSubject{Text: "Concessione rilasciata a Pistilli"}))
	e.must(e.svc.Assign(e.ctx, e.act(id, desk, on), access.Assignment{Office: "dip-mobilita"}))
	e.must(e.svc.NotifyCounterInterested(e.ctx, e.act(id, mobilita, day(2026, time.March, 3)),
		access.Notification{Parties: []access.Person{{Name: "Ermenegildo", Surname: "Pistilli"}}}))
	all, rows := e.published()
	assert.NotContains(t, all, "Pistilli")
	require.Len(t, rows, 1)
	assert.Equal(t, register.Withheld, rows[0].Subject)
	assert.Equal(t, []register.Withholding{{ID: id, Protocol: "RA/2026/0000123", Column: "Oggetto della richiesta", Kind: "identificativo"}}, rows[0].Withheld)
	assert.Equal(t, rows[0].Withheld, register.Withholdings(rows), "the office's report")
	for _, w := range rows[0].Withheld {
		assert.False(t, strings.Contains(w.String(), "Pistilli"), w.String())
	}
	// The streamed path checks the same.
	p, err := register.NewPeriod(day(2026, time.January, 1), day(2026, time.June, 30))
	require.NoError(t, err)
	for row, err := range (register.Source{Store: e.store, Calendar: deadline.Rome(), Directory: directory}).Entries(e.ctx, p, register.Options{}) {
		require.NoError(t, err)
		assert.Equal(t, register.Withheld, row.Subject)
	}
}
