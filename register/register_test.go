package register_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"iter"
	"slices"
	"strings"
	"testing"

	"github.com/puntodiascolto/ascolto/internal/golden"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/register"
)

var q1 = register.MustQuarter(2026, 1)

func entries(t *testing.T, seq iter.Seq2[register.Entry, error]) []register.Entry {
	t.Helper()
	var out []register.Entry
	for e, err := range seq {
		require.NoError(t, err)
		out = append(out, e)
	}
	return out
}

func TestPeriods(t *testing.T) {
	for _, c := range []struct {
		p          register.Period
		from, to   deadline.Date
		str, slug  string
		prev, prTo deadline.Date
	}{
		{register.MustQuarter(2026, 1), day(2026, 1, 1), day(2026, 3, 31), "I trimestre 2026", "2026-T1", day(2025, 10, 1), day(2025, 12, 31)},
		{register.MustQuarter(2024, 1), day(2024, 1, 1), day(2024, 3, 31), "I trimestre 2024", "2024-T1", day(2023, 10, 1), day(2023, 12, 31)},
		{register.MustQuarter(2026, 3), day(2026, 7, 1), day(2026, 9, 30), "III trimestre 2026", "2026-T3", day(2026, 4, 1), day(2026, 6, 30)},
		{must(register.Semester(2026, 2)), day(2026, 7, 1), day(2026, 12, 31), "II semestre 2026", "2026-S2", day(2026, 1, 1), day(2026, 6, 30)},
		{must(register.Year(2026)), day(2026, 1, 1), day(2026, 12, 31), "anno 2026", "2026", day(2025, 1, 1), day(2025, 12, 31)},
		{must(register.NewPeriod(day(2026, 1, 5), day(2026, 2, 20))), day(2026, 1, 5), day(2026, 2, 20), "dal 05/01/2026 al 20/02/2026", "2026-01-05_2026-02-20", day(2025, 11, 19), day(2026, 1, 4)},
	} {
		assert.Equal(t, c.from, c.p.From, c.str)
		assert.Equal(t, c.to, c.p.To, c.str)
		assert.Equal(t, c.str, c.p.String())
		assert.Equal(t, c.slug, c.p.Slug())
		assert.Equal(t, register.Period{From: c.prev, To: c.prTo}, c.p.Previous(), c.str)
	}
	for _, bad := range []func() (register.Period, error){
		func() (register.Period, error) { return register.Quarter(2026, 5) },
		func() (register.Period, error) { return register.Semester(2026, 0) },
		func() (register.Period, error) { return register.NewPeriod(day(2026, 2, 1), day(2026, 1, 1)) },
		func() (register.Period, error) { return register.NewPeriod(deadline.Date{}, day(2026, 1, 1)) },
		func() (register.Period, error) { return register.Year(0) },
	} {
		_, err := bad()
		assert.ErrorIs(t, err, register.ErrInvalidPeriod)
	}
	assert.Panics(t, func() { register.MustQuarter(2026, 0) })
	assert.True(t, q1.Contains(day(2026, 3, 31)))
	assert.False(t, q1.Contains(day(2026, 4, 1)))
	assert.False(t, q1.Contains(deadline.Date{}))
}

func must(p register.Period, err error) register.Period {
	if err != nil {
		panic(err)
	}
	return p
}

// TestRegisterQ1 publishes the register of the first quarter: rows in
// order of receipt, the publishable subject or the placeholder, Circolare
// FP 2/2017 outcomes, review, ombudsman and court blocks.
func TestRegisterQ1(t *testing.T) {
	e := scenario(t)
	rows := entries(t, e.source().Entries(e.ctx, q1, register.Options{Today: day(2026, 3, 31)}))
	require.Len(t, rows, 7, "the requests received from 1 January to 31 March")
	var protos []string
	for _, r := range rows {
		protos = append(protos, r.Protocol)
	}
	assert.Equal(t, []string{"RA/2026/0000120", "RA/2026/0000150", "RA/2026/0000170", "RA/2026/0000300", "RA/2026/0000333", "RA/2026/0000500", "RA/2026/0000999"}, protos)
	byProto := map[string]register.Entry{}
	for _, r := range rows {
		byProto[r.Protocol] = r
	}
	r2 := byProto["RA/2026/0000120"]
	assert.Equal(t, "rifiuto parziale", r2.Outcome)
	assert.True(t, r2.CounterInterested)
	assert.Equal(t, "protezione dei dati personali (art. 5-bis c. 2 lett. a D.Lgs. 33/2013); Oscurati i dati personali dei proprietari", r2.Reasons)
	require.NotNil(t, r2.Review)
	assert.Equal(t, day(2026, 3, 4), r2.Review.Decided)
	assert.Equal(t, "Dipartimento Programmazione e Attuazione Urbanistica", r2.Office)
	r3 := byProto["RA/2026/0000150"]
	assert.Equal(t, "rifiuto totale", r3.Outcome)
	require.NotNil(t, r3.Ombudsman)
	require.NotNil(t, r3.Appeal)
	assert.Equal(t, "respinto", r3.Appeal.Outcome)
	assert.Equal(t, day(2026, 7, 6), r3.Appeal.Communicated, "the Circolare's column: the day the ruling reached the administration")
	assert.Equal(t, day(2026, 6, 30), r3.Appeal.Decided)
	assert.Equal(t, "ritirata dal richiedente", byProto["RA/2026/0000170"].Outcome)
	assert.Equal(t, day(2026, 1, 20), byProto["RA/2026/0000170"].Closed)
	r5 := byProto["RA/2026/0000300"]
	assert.Equal(t, register.Placeholder, r5.Subject, "no publishable summary yet: a neutral placeholder, never the applicant's words")
	assert.Equal(t, "Regione Lazio", r5.Forwarded)
	assert.Equal(t, "mancata risposta nei termini", byProto["RA/2026/0000333"].Outcome, "silence of simple civic access at 31 March (due 12 March)")
	r7 := byProto["RA/2026/0000999"]
	assert.Equal(t, day(2026, 3, 31), r7.Filed)
	assert.Equal(t, day(2026, 4, 1), r7.Decided, "the register shows what is known today, the decision of 1 April included")

	// The same rows from views in memory, in the same order.
	assert.Equal(t, rows, register.Select(e.views(), q1, register.Options{Today: day(2026, 3, 31), Directory: directory}))

	// Kind filter.
	docs := entries(t, e.source().Entries(e.ctx, q1, register.Options{}, access.Documentale))
	require.Len(t, docs, 2)
	assert.Equal(t, "in istruttoria", entries(t, e.source().Entries(e.ctx, q1, register.Options{}, access.CivicoSemplice))[0].Outcome, "without Today no silence is declared")
}

func TestRegisterGoldenFiles(t *testing.T) {
	e := scenario(t)
	sem, err := register.Semester(2026, 1)
	require.NoError(t, err)
	o := register.Options{Today: day(2026, 7, 15)}
	var b bytes.Buffer
	require.NoError(t, register.WriteCSV(&b, e.source().Entries(e.ctx, sem, o), register.CSVOptions{Comma: ';', BOM: true}))
	golden.Assert(t, "registro-2026-S1.csv", b.Bytes())
	assert.True(t, bytes.HasPrefix(b.Bytes(), []byte("\xEF\xBB\xBF")), "BOM first")

	b.Reset()
	require.NoError(t, register.WriteCSV(&b, e.source().Entries(e.ctx, sem, o), register.CSVOptions{ISODates: true}))
	golden.Assert(t, "registro-2026-S1-iso.csv", b.Bytes())
	rd := csv.NewReader(&b)
	recs, err := rd.ReadAll()
	require.NoError(t, err, "RFC 4180 CSV reads back")
	require.Len(t, recs, 1+8)
	assert.Equal(t, register.Headings(), recs[0])

	b.Reset()
	require.NoError(t, register.WriteJSON(&b, sem, e.source().Entries(e.ctx, sem, o)))
	golden.Assert(t, "registro-2026-S1.json", b.Bytes())
	var doc struct {
		Richieste []map[string]any `json:"richieste"`
	}
	require.NoError(t, json.Unmarshal(b.Bytes(), &doc))
	require.Len(t, doc.Richieste, 8)
}

func TestCSVQuotingAndOptions(t *testing.T) {
	rows := []register.Entry{{Kind: access.Generalizzato, Filed: day(2026, 1, 2), Subject: "Contratti; \"ponte\"\nsecondo rigo, con virgola", Outcome: "in istruttoria"}}
	for _, comma := range []rune{',', ';'} {
		var b bytes.Buffer
		require.NoError(t, register.WriteCSV(&b, register.Seq(rows), register.CSVOptions{Comma: comma}))
		assert.Contains(t, b.String(), "\r\n", "RFC 4180 line ends")
		rd := csv.NewReader(&b)
		rd.Comma = comma
		recs, err := rd.ReadAll()
		require.NoError(t, err)
		assert.Equal(t, rows[0].Subject, recs[1][4])
		assert.Equal(t, "02/01/2026", recs[1][3])
	}
	require.ErrorIs(t, register.WriteCSV(&bytes.Buffer{}, register.Seq(rows), register.CSVOptions{Comma: '\t'}), register.ErrInvalidOptions)

	boom := errors.New("store down")
	failing := func(yield func(register.Entry, error) bool) {
		if yield(rows[0], nil) {
			yield(register.Entry{}, boom)
		}
	}
	require.ErrorIs(t, register.WriteCSV(&bytes.Buffer{}, failing, register.CSVOptions{}), boom)
	require.ErrorIs(t, register.WriteJSON(&bytes.Buffer{}, q1, failing), boom)
}

// TestPrivacy plants personal data in every field the applicant and the
// counter-interested parties fill in (names, codice fiscale, e-mail, PEC,
// phone, addresses, birthplace, identification, subject, requested
// documents, reasons, opposition, withdrawal and review notes, full reasons
// of the decisions) and checks that none of it reaches any published
// output: register CSV and JSON, report Markdown, CSV, JSON and SVG.
func TestPrivacy(t *testing.T) {
	e := scenario(t)
	views := e.views()
	var leaks []string
	check := func(name string, out []byte) {
		low := strings.ToLower(string(out))
		for _, p := range planted {
			if strings.Contains(low, strings.ToLower(p)) {
				leaks = append(leaks, name+": "+p)
			}
		}
	}
	// The planted data is really in the histories: the test would catch a leak.
	var raw []byte
	for _, v := range views {
		st, err := e.store.Load(e.ctx, v.ID, 0)
		require.NoError(t, err)
		b, err := json.Marshal(st.Records)
		require.NoError(t, err)
		raw = append(raw, b...)
	}
	for _, p := range planted {
		if !strings.Contains(string(raw), p) {
			t.Errorf("planted value %q is not in the histories", p)
		}
	}
	year, _ := register.Year(2026)
	for _, p := range []register.Period{q1, register.MustQuarter(2026, 2), year} {
		o := register.Options{Today: day(2026, 7, 15), Directory: directory}
		var b bytes.Buffer
		require.NoError(t, register.WriteCSV(&b, e.source().Entries(e.ctx, p, o), register.CSVOptions{Comma: ';'}))
		check("csv "+p.Slug(), b.Bytes())
		b.Reset()
		require.NoError(t, register.WriteJSON(&b, p, e.source().Entries(e.ctx, p, o)))
		check("json "+p.Slug(), b.Bytes())

		rep := register.Quarterly(register.Input{Period: p, Requests: slices.Values(views), Directory: directory})
		for name, write := range map[string]func(*bytes.Buffer) error{
			"md":   func(b *bytes.Buffer) error { return rep.WriteMarkdown(b, register.MarkdownOptions{Chart: "x.svg"}) },
			"csv":  func(b *bytes.Buffer) error { return rep.WriteCSV(b, register.CSVOptions{}) },
			"json": func(b *bytes.Buffer) error { return rep.WriteJSON(b) },
			"svg":  func(b *bytes.Buffer) error { return rep.WriteSVG(b) },
		} {
			b.Reset()
			require.NoError(t, write(&b))
			check("report "+name+" "+p.Slug(), b.Bytes())
		}
	}
	assert.Empty(t, leaks)
}
