package register_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/internal/golden"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/register"
	"github.com/puntodiascolto/ascolto/register/council"
)

// TestAccessMonitoringQ1 checks the figures of the first quarter of 2026,
// computed by hand from the scenario (dates on Rome's calendar):
//
//	r1 generalizzato, received 01/12/2025, due 31/12, decided 05/01 (late 5 days, 35 days)
//	r2 generalizzato, received 08/01, two parties (one opposes), due 19/02 after the
//	   suspension, partially accepted 10/02 (33 days); review 16/02, decided 04/03 (due 09/03)
//	r3 documentale, received 10/01, due 09/02, refused 20/02 (late 11 days, 41 days);
//	   difensore civico 02/03, rejected 25/03; TAR 20/04, rejected 30/06
//	r4 documentale, received 15/01, withdrawn 20/01
//	r5 generalizzato, received 02/02, transferred 05/02
//	r6 civico semplice, received 10/02, due 12/03, never decided: overdue at 31/03
//	r7 generalizzato, received 31/03, accepted 01/04: Q1 receipt, Q2 decision
//	r8 generalizzato, received 02/03, accepted 20/03 (due 01/04, 18 days)
//	r9 generalizzato, received 14/04: outside Q1
func TestAccessMonitoringQ1(t *testing.T) {
	e := scenario(t)
	s := register.AccessMonitoring(slices.Values(e.views()), q1, directory)
	f := s.Total
	assert.Equal(t, 7, f.Received)
	assert.Equal(t, 6, f.Concluded, "r1, r2, r3, r4, r5, r8")
	assert.Equal(t, 2, f.Pending, "r6, r7")
	assert.Equal(t, 1, f.Overdue, "r6")
	assert.Equal(t, 4, f.Decided)
	assert.Equal(t, register.Outcomes{Accepted: 2, Partial: 1, Refused: 1}, f.Outcomes)
	assert.Equal(t, 2, f.InTime)
	assert.Equal(t, 2, f.Late)
	assert.Equal(t, 16, f.LateDays)
	assert.Equal(t, 11, f.MaxLateDays)
	assert.InDelta(t, 31.75, f.MeanDays, 1e-9)
	assert.InDelta(t, 34.0, f.MedianDays, 1e-9)
	assert.InDelta(t, 0.5, f.InTimeShare(), 1e-9)
	assert.Equal(t, 1, f.Withdrawn)
	assert.Equal(t, 1, f.Transferred)
	assert.Equal(t, 1, f.CounterInterested)
	assert.Equal(t, 1, f.Oppositions)
	assert.Equal(t, 1, f.ReviewsFiled)
	assert.Equal(t, 1, f.ReviewsDecided)
	assert.Equal(t, 1, f.ReviewOutcomes.Partial)
	assert.Equal(t, 1, f.ReviewsInTime)
	assert.Equal(t, 1, f.OmbudsmanFiled)
	assert.Equal(t, 1, f.OmbudsmanRejected)
	assert.Equal(t, 0, f.AppealsFiled)

	p := s.Previous
	assert.Equal(t, 1, p.Received, "Q4 2025: r1")
	assert.Equal(t, 1, p.Pending)
	assert.Equal(t, 0, p.Overdue, "r1 was due on 31/12, the last day of Q4: not yet overdue")

	require.Len(t, s.ByKind, 3)
	assert.Equal(t, "documentale", s.ByKind[0].Key)
	assert.Equal(t, 2, s.ByKind[0].Figures.Received)
	assert.Equal(t, 1, s.ByKind[1].Figures.Overdue, "civico semplice: r6")
	assert.Equal(t, 5, s.ByKind[2].Figures.Concluded+s.ByKind[2].Figures.Pending-0, "generalizzato: r1 r2 r5 r8 concluded, r7 pending")

	require.Len(t, s.ByOffice, 3)
	assert.Equal(t, "(non ancora assegnate)", s.ByOffice[0].Label)
	assert.Equal(t, "Dipartimento Mobilità Sostenibile e Trasporti", s.ByOffice[1].Label)
	assert.Equal(t, 2, s.ByOffice[1].Figures.InTime+s.ByOffice[1].Figures.Late, "r1 late, r8 in time")

	require.Len(t, s.Overdue, 1)
	o := s.Overdue[0]
	assert.Equal(t, "RA/2026/0000333", o.Protocol)
	assert.Equal(t, 19, o.DaysLate, "due 12/03, counted at 31/03")
	require.NotEmpty(t, o.Missed)
	assert.Equal(t, day(2026, time.March, 12), o.Missed[0].Due)
	assert.NotEmpty(t, o.Missed[0].Explanation.Steps, "each overdue deadline carries its explanation")
}

// TestQuarterEdge_31MarchTo1April: a request filed on 31 March and decided
// on 1 April is received (and pending) in Q1, decided and concluded in Q2.
func TestQuarterEdge_31MarchTo1April(t *testing.T) {
	e := scenario(t)
	var r7 *access.Request
	for _, v := range e.views() {
		if v.Protocol.Number == "RA/2026/0000999" {
			r7 = v
		}
	}
	require.NotNil(t, r7)
	one := slices.Values([]*access.Request{r7})
	a := register.AccessMonitoring(one, q1, nil).Total
	assert.Equal(t, 1, a.Received)
	assert.Equal(t, 1, a.Pending)
	assert.Equal(t, 0, a.Decided)
	assert.Equal(t, 0, a.Concluded)
	b := register.AccessMonitoring(one, register.MustQuarter(2026, 2), nil).Total
	assert.Equal(t, 0, b.Received)
	assert.Equal(t, 1, b.Decided)
	assert.Equal(t, 1, b.InTime)
	assert.Equal(t, 1, b.Concluded)
	assert.Equal(t, 0, b.Pending)
}

func TestAccessMonitoringQ2(t *testing.T) {
	e := scenario(t)
	s := register.AccessMonitoring(slices.Values(e.views()), register.MustQuarter(2026, 2), nil)
	f := s.Total
	assert.Equal(t, 1, f.Received, "r9")
	assert.Equal(t, 1, f.Decided, "r7")
	assert.Equal(t, 2, f.Pending, "r6, r9")
	assert.Equal(t, 2, f.Overdue, "r6 since 12/03, r9 since 14/05")
	assert.Equal(t, 1, f.AppealsFiled)
	assert.Equal(t, 1, f.AppealsDecided)
	assert.Equal(t, 0, f.AppealsGranted)
	assert.Equal(t, s.Previous.Received, 7, "Q1 beside it")
}

var complaints = []register.Case{
	{ID: "c1", Received: day(2026, 1, 7), Due: day(2026, 2, 6), Answered: day(2026, 1, 30), Closed: day(2026, 2, 2), Outcome: "risolto", Kind: "reclamo", Channel: "060606", Category: "strade/buche", Office: "Municipio VII"},
	{ID: "c2", Received: day(2026, 2, 1), Due: day(2026, 3, 3), Answered: day(2026, 3, 10), Closed: day(2026, 3, 10), Outcome: "risolto", Kind: "reclamo", Channel: "email", Category: "rifiuti", Office: "AMA"},
	{ID: "c3", Received: day(2026, 3, 1), Due: day(2026, 3, 31), Kind: "segnalazione", Channel: "060606", Category: "strade/buche", Office: "Municipio VII"},
	{ID: "c4", Received: day(2026, 2, 20), Due: day(2026, 3, 20), Kind: "suggerimento", Channel: "online"},
	{ID: "c5", Received: day(2025, 12, 20), Due: day(2026, 1, 19), Answered: day(2026, 1, 5), Closed: day(2026, 1, 5), Outcome: "non di competenza", Kind: "reclamo", Channel: "pec", Category: "rifiuti", Office: "AMA"},
	{ID: "c6", Received: day(2026, 3, 30), Kind: "apprezzamento", Channel: "email", Closed: day(2026, 3, 30), Outcome: "archiviato"},
}

var petitions = []register.Case{
	{ID: "p1", Received: day(2026, 1, 12), Due: day(2026, 3, 13), Answered: day(2026, 3, 2), Closed: day(2026, 3, 2), Outcome: "accolta", Kind: "petizione"},
	{ID: "p2", Received: day(2025, 11, 20), Due: day(2026, 1, 19), Answered: day(2026, 2, 2), Closed: day(2026, 2, 2), Outcome: "non accolta", Kind: "petizione"},
	{ID: "p3", Received: day(2026, 2, 9), Due: day(2026, 8, 10), Kind: "proposta di deliberazione"},
	{ID: "p4", Received: day(2026, 1, 20), Closed: day(2026, 1, 27), Outcome: "inammissibile", Kind: "interrogazione popolare"},
}

func TestCaseMonitoring(t *testing.T) {
	s := register.ComplaintMonitoring(slices.Values(complaints), q1)
	f := s.Total
	assert.Equal(t, 5, f.Received, "c1-c4 and c6")
	assert.Equal(t, 3, f.Answered, "c1, c2, c5")
	assert.Equal(t, 2, f.InTime)
	assert.Equal(t, 1, f.Late)
	assert.Equal(t, 7, f.LateDays)
	assert.Equal(t, 4, f.Closed)
	assert.Equal(t, map[string]int{"risolto": 2, "non di competenza": 1, "archiviato": 1}, f.Outcomes)
	assert.Equal(t, 2, f.Pending, "c3, c4")
	assert.Equal(t, 1, f.Overdue, "c4 (c3 is due on 31/03 itself)")
	assert.InDelta(t, (23+37+16)/3.0, f.MeanDays, 1e-9)
	assert.InDelta(t, 23.0, f.MedianDays, 1e-9)
	require.Len(t, s.Breakdowns, 4)
	assert.Equal(t, "tipologia", s.Breakdowns[0].Dimension)
	assert.Equal(t, "(non indicato)", s.Breakdowns[2].Groups[0].Key, "cases without category are grouped, not lost")
	assert.Equal(t, 1, s.Previous.Received, "Q4 2025: c5")

	p := register.PetitionMonitoring(slices.Values(petitions), q1)
	assert.Equal(t, 3, p.Total.Received)
	assert.Equal(t, 1, p.Total.InTime)
	assert.Equal(t, 1, p.Total.Late)
	assert.Equal(t, 3, p.Total.Closed)
	assert.Equal(t, 1, p.Total.Pending)
	assert.Equal(t, []string{"tipologia", "esito"}, []string{p.Breakdowns[0].Dimension, p.Breakdowns[1].Dimension})
}

func councilActs(t *testing.T) []council.Item {
	t.Helper()
	now := time.Date(2026, time.April, 15, 9, 0, 0, 0, time.UTC)
	svc, err := council.NewService(council.Config{Calendar: deadline.Rome(), Store: council.NewMemoryStore(), Now: func() time.Time { return now }})
	require.NoError(t, err)
	ctx := context.Background()
	clerk := office.Actor{ID: "l.rossi", Role: office.FrontOffice}
	reg := func(kind council.Kind, num string, body council.Body, filed deadline.Date) council.Item {
		a, err := svc.Register(ctx, council.Act{By: clerk}, council.Registered{Kind: kind, Number: council.MustNumber(num), Body: body, Filed: filed,
			Presenters: []council.Councillor{{Name: "Anna Bianchi"}}, Addressee: "Sindaco", Subject: "Oggetto " + num})
		require.NoError(t, err)
		return a
	}
	a := reg(council.InterrogazioneScritta, "RQ/2026/100", council.Assemblea, day(2026, 1, 12))
	a, err = svc.Answer(ctx, council.Act{ID: a.ID, By: clerk}, council.Answer{Date: day(2026, 1, 30), Form: council.WrittenAnswer})
	require.NoError(t, err)
	b := reg(council.InterrogazioneScritta, "RQ/2026/200", council.Assemblea, day(2026, 2, 2))
	c := reg(council.InterrogazioneScritta, "CA/2026/7", council.MustMunicipio(7), day(2026, 3, 16))
	d := reg(council.Mozione, "RM/2026/8", council.Assemblea, day(2026, 2, 2))
	return []council.Item{a, b, c, d}
}

// TestReportGoldenFiles renders the report of Q1 2026 with every section.
func TestReportGoldenFiles(t *testing.T) {
	e := scenario(t)
	r := register.Quarterly(register.Input{
		Title: "Roma Capitale - Ufficio Punto di Ascolto", Period: q1, Directory: directory,
		Requests: slices.Values(e.views()), Complaints: slices.Values(complaints), Petitions: slices.Values(petitions),
		Council: slices.Values(councilActs(t)),
	})
	require.NotNil(t, r.Council)
	assert.Equal(t, 1, r.Council.Total.InTime)
	assert.Equal(t, 1, r.Council.Total.Overdue, "RQ/2026/200: due 23/02")
	assert.Equal(t, 1, r.Council.Total.Pending, "CA/2026/7: due 15/04")
	for name, write := range map[string]func(*bytes.Buffer) error{
		"monitoraggio-2026-T1.md": func(b *bytes.Buffer) error {
			return r.WriteMarkdown(b, register.MarkdownOptions{Chart: "monitoraggio-2026-T1-nei-termini.svg"})
		},
		"monitoraggio-2026-T1.svg":  func(b *bytes.Buffer) error { return r.WriteSVG(b) },
		"monitoraggio-2026-T1.csv":  func(b *bytes.Buffer) error { return r.WriteCSV(b, register.CSVOptions{Comma: ';'}) },
		"monitoraggio-2026-T1.json": func(b *bytes.Buffer) error { return r.WriteJSON(b) },
	} {
		var b bytes.Buffer
		require.NoError(t, write(&b))
		golden.Assert(t, name, b.Bytes())
	}
	dir := t.TempDir()
	files, err := r.WriteDir(dir)
	require.NoError(t, err)
	for _, f := range []string{files.Markdown, files.Chart, files.CSV, files.JSON} {
		assert.FileExists(t, f)
	}
	assert.Contains(t, files.Markdown, "monitoraggio-2026-T1.md")
}

func TestEmptyReport(t *testing.T) {
	r := register.Quarterly(register.Input{Period: q1, Requests: slices.Values([]*access.Request(nil))})
	var b bytes.Buffer
	require.NoError(t, r.WriteSVG(&b))
	assert.Contains(t, b.String(), "Nessun provvedimento")
	b.Reset()
	require.NoError(t, r.WriteMarkdown(&b, register.MarkdownOptions{}))
	assert.Contains(t, b.String(), "| Richieste ricevute | 0 | 0 | = |")
	require.ErrorIs(t, r.WriteCSV(&b, register.CSVOptions{Comma: '|'}), register.ErrInvalidOptions)
}

// TestCircolare2017All3_ReviewOutcomeLabels: the report names the outcomes
// of reviews as the register and Circolare FP 2/2017 All. 3 do
// (accoglimento, rifiuto parziale, rifiuto totale), never "accoglimento
// parziale" or "diniego confermato".
func TestCircolare2017All3_ReviewOutcomeLabels(t *testing.T) {
	e := scenario(t)
	r := register.Quarterly(register.Input{Period: q1, Requests: slices.Values(e.views())})
	var b bytes.Buffer
	require.NoError(t, r.WriteCSV(&b, register.CSVOptions{Comma: ';', LF: true}))
	labels := map[string]bool{}
	for _, o := range []access.Outcome{access.Accepted, access.PartiallyAccepted, access.Refused, access.Deferred, access.Inadmissible} {
		labels[register.OutcomeLabel(o)] = true
	}
	found := 0
	for _, line := range strings.Split(b.String(), "\n") {
		f := strings.Split(line, ";")
		if len(f) < 3 || f[1] != "totale" || !strings.HasPrefix(f[2], "riesami: ") {
			continue
		}
		label := strings.TrimPrefix(f[2], "riesami: ")
		assert.True(t, labels[label], "review outcome %q is not a label of the register", label)
		found++
	}
	assert.Equal(t, 3, found)
	assert.Contains(t, b.String(), "accesso;totale;riesami: rifiuto parziale;1;0")
}

// TestCaseMonitoring_Dimensions: the standard dimensions are values a
// caller gets afresh (changing one changes nothing else), and custom ones
// sit beside them.
func TestCaseMonitoring_Dimensions(t *testing.T) {
	d := register.ByKind()
	d.Name, d.Key = "alterata", func(*register.Case) string { return "x" }
	assert.Equal(t, "tipologia", register.ByKind().Name)
	s := register.ComplaintMonitoring(slices.Values(complaints), q1)
	assert.Equal(t, "tipologia", s.Breakdowns[0].Dimension)
	assert.Equal(t, "apprezzamento", s.Breakdowns[0].Groups[0].Key)

	month := register.Dimension{Name: "mese", Key: func(c *register.Case) string { return c.Received.Month().String() }}
	s = register.CaseMonitoring("per canale e mese", slices.Values(complaints), q1, register.ByChannel(), month)
	require.Len(t, s.Breakdowns, 2)
	assert.Equal(t, []string{"canale", "mese"}, []string{s.Breakdowns[0].Dimension, s.Breakdowns[1].Dimension})
	var keys []string
	for _, g := range s.Breakdowns[1].Groups {
		keys = append(keys, g.Key)
	}
	assert.Equal(t, []string{"December", "February", "January", "March"}, keys, "c5 was received in December 2025")
	assert.Equal(t, []string{"canale", "esito"}, []string{register.ByChannel().Name, register.ByOutcome().Name})
	assert.Equal(t, []string{"categoria", "struttura"}, []string{register.ByCategory().Name, register.ByOffice().Name})
}
