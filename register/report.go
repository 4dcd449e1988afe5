package register

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/markup"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/register/council"
)

// Input is what a quarterly report is built from: the period and, for each
// section, the publishable views of the cases. A nil iterator leaves its
// section out. Each iterator is read once.
//
// Every iterator must yield everything received (filed) up to the period's
// last day, not only what was received in the period: a request received
// earlier and decided in the period counts among its decisions, one still
// open counts among its pending and overdue, and the previous period
// (Period.Previous) is computed from the same input. Period.ReportQuery is
// the store query that selects them; what is received after the period is
// ignored.
type Input struct {
	// Title heads the report: "Roma Capitale - Ufficio Punto di Ascolto".
	Title string
	// Period is the period reported on; the previous one (Period.Previous)
	// is computed beside it for comparison.
	Period Period
	// Requests are the views (access.Replay) of every access request
	// received up to Period.To, in any order: Source.Requests(ctx,
	// Period.ReportQuery()).
	Requests iter.Seq[*access.Request]
	// Complaints and Petitions are the cases (see Case) of every complaint
	// received, and every petition filed, up to Period.To.
	Complaints iter.Seq[Case]
	Petitions  iter.Seq[Case]
	// Council are the views (council.Replay) of every council act filed up
	// to Period.To: an act filed earlier may be answered, or still awaited,
	// in the period.
	Council iter.Seq[council.Item]
	// Directory names the offices; optional.
	Directory *office.Directory
	// AsOf is the day the report speaks as of, stated in every file: an
	// input, never the clock, so the same inputs give the same bytes. Zero
	// leaves it unstated.
	AsOf deadline.Date
}

// Report is the quarterly monitoring the office gives its Direction (RULES.md
// §9): access requests per kind and office, complaints, petitions and the
// state of the council's interrogazioni, each with the previous period
// beside it. It holds no personal data. Render it with WriteMarkdown,
// WriteSVG, WriteCSV and WriteJSON, or all at once with WriteDir.
type Report struct {
	Title      string                  `json:"titolo"`
	Period     Period                  `json:"periodo"`
	Previous   Period                  `json:"periodoPrecedente"`
	Access     *AccessSection          `json:"accesso,omitempty"`
	Complaints *CaseSection            `json:"reclami,omitempty"`
	Petitions  *CaseSection            `json:"petizioni,omitempty"`
	Council    *council.QuestionReport `json:"interrogazioni,omitempty"`
	// AsOf is Input.AsOf: the day the report speaks as of.
	AsOf deadline.Date `json:"datiAl,omitzero"`
	// Source is the Anchor of every history the report read (everything
	// each section's input yielded up to Period.To), whatever the order of
	// the input: one Part per section read (see Part), and Digest over the
	// parts. Nil when the report read no section.
	Source *Anchor `json:"fonte,omitempty"`
}

// Quarterly builds the report of in.Period. Despite its name any period
// works; a quarter is what the office reports on.
func Quarterly(in Input) Report {
	r := Report{Title: in.Title, Period: in.Period, Previous: in.Period.Previous(), AsOf: in.AsOf}
	if r.Title == "" {
		r.Title = "Monitoraggio dei tempi procedimentali"
	}
	var src sources
	last := in.Period.To
	if in.Requests != nil {
		s := AccessMonitoring(src.requests(in.Requests, last), in.Period, in.Directory)
		r.Access = &s
	}
	if in.Complaints != nil {
		s := ComplaintMonitoring(src.cases(PartComplaints, in.Complaints, last), in.Period)
		r.Complaints = &s
	}
	if in.Petitions != nil {
		s := PetitionMonitoring(src.cases(PartPetitions, in.Petitions, last), in.Period)
		r.Petitions = &s
	}
	if in.Council != nil {
		q := council.Questions(src.council(in.Council, last), in.Period.From, in.Period.To)
		r.Council = &q
	}
	r.Source = src.anchor()
	return r
}

// Italian number formatting: "12,5", "87,5%".
func dec(f float64) string {
	s := strconv.FormatFloat(math.Round(f*10)/10, 'f', 1, 64)
	return strings.Replace(s, ".", ",", 1)
}

func pct(f float64) string { return dec(100*f) + "%" }

// pctOf prints a share of n cases, or a dash when there were none.
func pctOf(f float64, n int) string {
	if n == 0 {
		return "–"
	}
	return pct(f)
}

// decOf prints a mean or median over n cases, or a dash when there were none.
func decOf(f float64, n int) string {
	if n == 0 {
		return "–"
	}
	return dec(f)
}

// deltaOf is deltaF when both periods have cases, else a dash.
func deltaOf(cur, prev float64, n, nPrev int, suffix string) string {
	if n == 0 || nPrev == 0 {
		return "–"
	}
	return deltaF(cur, prev, suffix)
}

func delta(cur, prev int) string {
	switch d := cur - prev; {
	case d > 0:
		return "+" + strconv.Itoa(d)
	case d < 0:
		return strconv.Itoa(d)
	}
	return "="
}

func deltaF(cur, prev float64, suffix string) string {
	d := math.Round((cur-prev)*10) / 10
	switch {
	case d > 0:
		return "+" + dec(d) + suffix
	case d < 0:
		return dec(d) + suffix
	}
	return "="
}

func meanLate(f AccessFigures) float64 {
	if f.Late == 0 {
		return 0
	}
	return float64(f.LateDays) / float64(f.Late)
}

// MarkdownOptions tune WriteMarkdown.
type MarkdownOptions struct {
	// Chart is the path of the SVG chart to show (as written by WriteSVG),
	// relative to the Markdown file; empty leaves the chart out.
	Chart string
	// MaxOverdue caps the overdue requests listed with their explanations
	// (0 means 50); the count of the others follows.
	MaxOverdue int
}

// WriteMarkdown writes the report in Italian, as Markdown: tables for each
// section with the previous period and the change, the chart, and the
// overdue requests with their explained deadlines.
func (r Report) WriteMarkdown(w io.Writer, o MarkdownOptions) error {
	if o.MaxOverdue <= 0 {
		o.MaxOverdue = 50
	}
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "# %s\n\n", mdEscape(r.Title))
	fmt.Fprintf(b, "**Periodo:** %s (dal %s al %s). **Confronto con:** %s (dal %s al %s).\n\n",
		r.Period, r.Period.From.Italian(), r.Period.To.Italian(), r.Previous, r.Previous.From.Italian(), r.Previous.To.Italian())
	b.WriteString("I dati sono calcolati dalle cronologie dei procedimenti e non contengono dati personali. " +
		"Ricevute, decise e concluse si riferiscono al periodo; pendenti e scadute alla sua ultima data.\n\n")
	if a := r.Access; a != nil {
		r.accessMarkdown(b, a, o)
	}
	for _, s := range []*CaseSection{r.Complaints, r.Petitions} {
		if s != nil {
			caseMarkdown(b, s)
		}
	}
	if r.Council != nil {
		if err := r.Council.WriteMarkdown(b); err != nil {
			return err
		}
	}
	r.sourceMarkdown(b)
	return b.Flush()
}

// sourceMarkdown writes the footer that states what the report was built
// from: the day it speaks as of and the anchor of the histories it read.
func (r Report) sourceMarkdown(b *bufio.Writer) {
	if r.AsOf.IsZero() && r.Source == nil {
		return
	}
	b.WriteString("\n---\n\n")
	if !r.AsOf.IsZero() {
		fmt.Fprintf(b, "**Dati al:** %s.", r.AsOf.Italian())
	}
	if s := r.Source; s != nil {
		if !r.AsOf.IsZero() {
			b.WriteString(" ")
		}
		fmt.Fprintf(b, "**Fonte:** %d cronologie; impronta (SHA-256 delle loro teste) `%s`", s.Histories, s.Digest)
		for i, p := range s.Parts {
			sep := "; "
			if i == 0 {
				sep = " ("
			}
			fmt.Fprintf(b, "%s%s: %d, `%s`", sep, p.Section.Italian(), p.Histories, p.Digest)
		}
		if len(s.Parts) > 0 {
			b.WriteString(")")
		}
		b.WriteString(".")
	}
	b.WriteString("\n")
}

func (r Report) accessMarkdown(b *bufio.Writer, a *AccessSection, o MarkdownOptions) {
	t, p := a.Total, a.Previous
	b.WriteString("## Accesso documentale, civico e generalizzato\n\n")
	b.WriteString("| Voce | Periodo | Precedente | Variazione |\n|---|---:|---:|---:|\n")
	row := func(label string, cur, prev int) {
		fmt.Fprintf(b, "| %s | %d | %d | %s |\n", label, cur, prev, delta(cur, prev))
	}
	rowF := func(label string, cur, prev float64, n, nPrev int, f func(float64, int) string, suffix string) {
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", label, f(cur, n), f(prev, nPrev), deltaOf(cur, prev, n, nPrev, suffix))
	}
	pctN := func(f float64, n int) string {
		if n == 0 {
			return "–"
		}
		return dec(f) + "%"
	}
	row("Richieste ricevute", t.Received, p.Received)
	row("Richieste concluse", t.Concluded, p.Concluded)
	row("Pendenti a fine periodo", t.Pending, p.Pending)
	row("di cui con termini scaduti", t.Overdue, p.Overdue)
	row("Provvedimenti espressi", t.Decided, p.Decided)
	row("decisi nel termine", t.InTime, p.InTime)
	row("decisi oltre il termine", t.Late, p.Late)
	row("senza termine (accesso informale)", t.NoTerm, p.NoTerm)
	rowF("Quota decisa nel termine", 100*t.InTimeShare(), 100*p.InTimeShare(), t.InTime+t.Late, p.InTime+p.Late, pctN, " punti")
	rowF("Ritardo medio delle decisioni tardive (giorni)", meanLate(t), meanLate(p), t.Late, p.Late, decOf, "")
	row("Ritardo massimo (giorni)", t.MaxLateDays, p.MaxLateDays)
	rowF("Giorni medi dalla ricezione alla decisione", t.MeanDays, p.MeanDays, t.Decided, p.Decided, decOf, "")
	rowF("Giorni mediani dalla ricezione alla decisione", t.MedianDays, p.MedianDays, t.Decided, p.Decided, decOf, "")
	row("Ritirate dal richiedente", t.Withdrawn, p.Withdrawn)
	row("Trasmesse ad altra amministrazione", t.Transferred, p.Transferred)
	row("Archiviate senza provvedimento", t.Archived, p.Archived)
	row("Richieste con controinteressati", t.CounterInterested, p.CounterInterested)
	row("Opposizioni dei controinteressati", t.Oppositions, p.Oppositions)
	row("Riesami presentati", t.ReviewsFiled, p.ReviewsFiled)
	row("Riesami decisi", t.ReviewsDecided, p.ReviewsDecided)
	row("riesami decisi entro 20 giorni", t.ReviewsInTime, p.ReviewsInTime)
	row("riesami decisi oltre 20 giorni", t.ReviewsLate, p.ReviewsLate)
	row("Ricorsi al difensore civico", t.OmbudsmanFiled, p.OmbudsmanFiled)
	row("Esiti del difensore civico", t.OmbudsmanDecided, p.OmbudsmanDecided)
	row("diniego ritenuto illegittimo", t.OmbudsmanUnlawful, p.OmbudsmanUnlawful)
	row("Ricorsi al giudice amministrativo", t.AppealsFiled, p.AppealsFiled)
	row("Ricorsi decisi", t.AppealsDecided, p.AppealsDecided)
	row("ricorsi accolti in tutto o in parte", t.AppealsGranted, p.AppealsGranted)

	b.WriteString("\n### Esiti dei provvedimenti e dei riesami\n\n")
	b.WriteString("| Esito | Provvedimenti | Precedente | Riesami | Precedente |\n|---|---:|---:|---:|---:|\n")
	for _, x := range []struct {
		label string
		get   func(Outcomes) int
	}{
		{"accoglimento", func(o Outcomes) int { return o.Accepted }},
		{"rifiuto parziale", func(o Outcomes) int { return o.Partial }},
		{"rifiuto totale", func(o Outcomes) int { return o.Refused }},
		{"differimento", func(o Outcomes) int { return o.Deferred }},
		{"inammissibilità", func(o Outcomes) int { return o.Inadmissible }},
	} {
		fmt.Fprintf(b, "| %s | %d | %d | %d | %d |\n", x.label, x.get(t.Outcomes), x.get(p.Outcomes), x.get(t.ReviewOutcomes), x.get(p.ReviewOutcomes))
	}

	accessGroupsMarkdown(b, "Per tipologia di accesso", a.ByKind)
	accessGroupsMarkdown(b, "Per struttura competente", a.ByOffice)
	if o.Chart != "" {
		fmt.Fprintf(b, "\n![Quota di provvedimenti nel termine per struttura](%s)\n", o.Chart)
	}
	r.overdueMarkdown(b, a.Overdue, o.MaxOverdue)
	b.WriteString("\n")
}

// accessGroupsMarkdown writes the table of the figures per kind or office.
func accessGroupsMarkdown(b *bufio.Writer, title string, gs []AccessGroup) {
	fmt.Fprintf(b, "\n### %s\n\n", title)
	b.WriteString("| | Ricevute | Decise | Nel termine | Oltre | % nel termine (prec.) | Giorni medi | Mediana | Pendenti | Scadute | Riesami |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, g := range gs {
		f := g.Figures
		fmt.Fprintf(b, "| %s | %d | %d | %d | %d | %s (%s) | %s | %s | %d | %d | %d |\n", mdEscape(g.Label), f.Received, f.Decided, f.InTime, f.Late,
			pctOf(f.InTimeShare(), f.InTime+f.Late), pctOf(g.Previous.InTimeShare(), g.Previous.InTime+g.Previous.Late),
			decOf(f.MeanDays, f.Decided), decOf(f.MedianDays, f.Decided), f.Pending, f.Overdue, f.ReviewsFiled)
	}
}

// overdueMarkdown lists the overdue requests, the first limit of them
// (MarkdownOptions.MaxOverdue), each with the deadlines it missed explained
// step by step.
func (r Report) overdueMarkdown(b *bufio.Writer, overdue []OverdueRequest, limit int) {
	if len(overdue) == 0 {
		return
	}
	fmt.Fprintf(b, "\n### Richieste con termini scaduti al %s\n\n", r.Period.To.Italian())
	for i, x := range overdue {
		if i == limit {
			fmt.Fprintf(b, "\n… e altre %d richieste.\n", len(overdue)-i)
			break
		}
		fmt.Fprintf(b, "- **%s** (%s, %s), presentata il %s: %d giorni di ritardo\n", mdEscape(orDash(x.Protocol)), mdEscape(x.Kind.Italian()), mdEscape(orDash(x.Office)), x.Received.Italian(), x.DaysLate)
		for _, d := range x.Missed {
			fmt.Fprintf(b, "  - %s: scaduto il %s\n", mdEscape(d.Name), d.Due.Italian())
			for _, st := range d.Explanation.Steps {
				fmt.Fprintf(b, "    - %s\n", markup.Cited(st.Text, st.Sources))
			}
		}
	}
}

func caseMarkdown(b *bufio.Writer, s *CaseSection) {
	t, p := s.Total, s.Previous
	fmt.Fprintf(b, "## %s\n\n", mdEscape(s.Title))
	b.WriteString("| Voce | Periodo | Precedente | Variazione |\n|---|---:|---:|---:|\n")
	row := func(label string, cur, prev int) {
		fmt.Fprintf(b, "| %s | %d | %d | %s |\n", label, cur, prev, delta(cur, prev))
	}
	row("Ricevuti", t.Received, p.Received)
	row("Risposte date", t.Answered, p.Answered)
	row("risposte nel termine", t.InTime, p.InTime)
	row("risposte oltre il termine", t.Late, p.Late)
	n, np := t.InTime+t.Late, p.InTime+p.Late
	fmt.Fprintf(b, "| Quota di risposte nel termine | %s | %s | %s |\n", pctOf(t.InTimeShare(), n), pctOf(p.InTimeShare(), np), deltaOf(100*t.InTimeShare(), 100*p.InTimeShare(), n, np, " punti"))
	fmt.Fprintf(b, "| Giorni medi alla risposta | %s | %s | %s |\n", decOf(t.MeanDays, t.Answered), decOf(p.MeanDays, p.Answered), deltaOf(t.MeanDays, p.MeanDays, t.Answered, p.Answered, ""))
	fmt.Fprintf(b, "| Giorni mediani alla risposta | %s | %s | %s |\n", decOf(t.MedianDays, t.Answered), decOf(p.MedianDays, p.Answered), deltaOf(t.MedianDays, p.MedianDays, t.Answered, p.Answered, ""))
	// Reopenings (complaints): shown when there were any in either period.
	if t.Reopened+p.Reopened+t.ReopenedAnswered+p.ReopenedAnswered > 0 {
		row("Riaperture richieste", t.Reopened, p.Reopened)
		row("Risposte dopo una riapertura", t.ReopenedAnswered, p.ReopenedAnswered)
		row("di cui nel nuovo termine", t.ReopenedInTime, p.ReopenedInTime)
		row("di cui oltre il nuovo termine", t.ReopenedLate, p.ReopenedLate)
	}
	row("Chiusi", t.Closed, p.Closed)
	row("Pendenti a fine periodo", t.Pending, p.Pending)
	row("di cui oltre il termine di risposta", t.Overdue, p.Overdue)
	for _, bd := range s.Breakdowns {
		fmt.Fprintf(b, "\n### Per %s\n\n", mdEscape(bd.Dimension))
		b.WriteString("| | Ricevuti | Risposte | Nel termine | Oltre | % nel termine (prec.) | Chiusi | Pendenti | Scaduti |\n")
		b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, g := range bd.Groups {
			f := g.Figures
			fmt.Fprintf(b, "| %s | %d | %d | %d | %d | %s (%s) | %d | %d | %d |\n", mdEscape(g.Key), f.Received, f.Answered, f.InTime, f.Late,
				pctOf(f.InTimeShare(), f.InTime+f.Late), pctOf(g.Previous.InTimeShare(), g.Previous.InTime+g.Previous.Late), f.Closed, f.Pending, f.Overdue)
		}
	}
	b.WriteString("\n")
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

// mdEscape keeps text on one line and out of Markdown and HTML syntax
// (markup.Markdown).
func mdEscape(s string) string { return markup.Markdown(s) }

// WriteCSV writes every figure of the report in long form, one line per
// figure: Sezione, Gruppo, Voce, Periodo, Precedente (UTF-8, RFC 4180, the
// separator and BOM of o; the text cells neutralised against formula
// injection, the figures written as numbers: see Neutralise). It suits
// spreadsheets and further analysis.
func (r Report) WriteCSV(w io.Writer, o CSVOptions) error {
	c, _, err := o.open(w)
	if err != nil {
		return err
	}
	put := func(section, group, label, cur, prev string) {
		c.field(section)
		c.field(group)
		c.field(label)
		c.number(cur)
		c.number(prev)
		c.end()
	}
	for _, h := range []string{"Sezione", "Gruppo", "Voce", r.Period.String(), r.Previous.String()} {
		c.field(h)
	}
	c.end()
	num := func(v int) string { return strconv.Itoa(v) }
	if a := r.Access; a != nil {
		emit := func(group string, f, p AccessFigures) {
			for _, x := range accessItems {
				put("accesso", group, x.label, x.get(f), x.get(p))
			}
		}
		emit("totale", a.Total, a.Previous)
		for _, g := range a.ByKind {
			emit("tipologia: "+g.Label, g.Figures, g.Previous)
		}
		for _, g := range a.ByOffice {
			emit("struttura: "+g.Label, g.Figures, g.Previous)
		}
	}
	for _, s := range []*CaseSection{r.Complaints, r.Petitions} {
		if s == nil {
			continue
		}
		emit := func(group string, f, p CaseFigures) {
			for _, x := range caseItems {
				put(s.Title, group, x.label, x.get(f), x.get(p))
			}
		}
		emit("totale", s.Total, s.Previous)
		for _, bd := range s.Breakdowns {
			for _, g := range bd.Groups {
				emit(bd.Dimension+": "+g.Key, g.Figures, g.Previous)
			}
		}
	}
	if q := r.Council; q != nil {
		emit := func(group string, f council.Figures) {
			for _, x := range []struct {
				label string
				v     int
			}{{"presentate", f.Filed}, {"risposte nei termini", f.InTime}, {"risposte tardive", f.Late}, {"risposte senza termine", f.NoTerm},
				{"ritirate", f.Withdrawn}, {"decadute", f.Lapsed}, {"in attesa", f.Pending}, {"scadute", f.Overdue}} {
				put("interrogazioni", group, x.label, num(x.v), "")
			}
		}
		emit("totale", q.Total)
		for _, f := range q.Bodies {
			emit(f.Body.String(), f)
		}
	}
	return c.w.Flush()
}

type item[F any] struct {
	label string
	get   func(F) string
}

func itoaF[F any](f func(F) int) func(F) string {
	return func(x F) string { return strconv.Itoa(f(x)) }
}

var accessItems = []item[AccessFigures]{
	{"ricevute", itoaF(func(f AccessFigures) int { return f.Received })},
	{"concluse", itoaF(func(f AccessFigures) int { return f.Concluded })},
	{"pendenti a fine periodo", itoaF(func(f AccessFigures) int { return f.Pending })},
	{"scadute a fine periodo", itoaF(func(f AccessFigures) int { return f.Overdue })},
	{"decise", itoaF(func(f AccessFigures) int { return f.Decided })},
	{"accoglimento", itoaF(func(f AccessFigures) int { return f.Outcomes.Accepted })},
	{"rifiuto parziale", itoaF(func(f AccessFigures) int { return f.Outcomes.Partial })},
	{"rifiuto totale", itoaF(func(f AccessFigures) int { return f.Outcomes.Refused })},
	{"differimento", itoaF(func(f AccessFigures) int { return f.Outcomes.Deferred })},
	{"inammissibilità", itoaF(func(f AccessFigures) int { return f.Outcomes.Inadmissible })},
	{"ritirate", itoaF(func(f AccessFigures) int { return f.Withdrawn })},
	{"trasmesse ad altra amministrazione", itoaF(func(f AccessFigures) int { return f.Transferred })},
	{"archiviate senza provvedimento", itoaF(func(f AccessFigures) int { return f.Archived })},
	{"decise nel termine", itoaF(func(f AccessFigures) int { return f.InTime })},
	{"decise oltre il termine", itoaF(func(f AccessFigures) int { return f.Late })},
	{"decise senza termine", itoaF(func(f AccessFigures) int { return f.NoTerm })},
	{"giorni di ritardo (totale)", itoaF(func(f AccessFigures) int { return f.LateDays })},
	{"ritardo massimo (giorni)", itoaF(func(f AccessFigures) int { return f.MaxLateDays })},
	{"quota nel termine", func(f AccessFigures) string { return strconv.FormatFloat(f.InTimeShare(), 'f', 4, 64) }},
	{"giorni medi alla decisione", func(f AccessFigures) string { return strconv.FormatFloat(f.MeanDays, 'f', 2, 64) }},
	{"giorni mediani alla decisione", func(f AccessFigures) string { return strconv.FormatFloat(f.MedianDays, 'f', 1, 64) }},
	{"con controinteressati", itoaF(func(f AccessFigures) int { return f.CounterInterested })},
	{"opposizioni", itoaF(func(f AccessFigures) int { return f.Oppositions })},
	{"riesami presentati", itoaF(func(f AccessFigures) int { return f.ReviewsFiled })},
	{"riesami decisi", itoaF(func(f AccessFigures) int { return f.ReviewsDecided })},
	// Review outcomes in the words of the register and of Circolare FP
	// 2/2017 All. 3 (OutcomeLabel).
	{"riesami: " + OutcomeLabel(access.Accepted), itoaF(func(f AccessFigures) int { return f.ReviewOutcomes.Accepted })},
	{"riesami: " + OutcomeLabel(access.PartiallyAccepted), itoaF(func(f AccessFigures) int { return f.ReviewOutcomes.Partial })},
	{"riesami: " + OutcomeLabel(access.Refused), itoaF(func(f AccessFigures) int { return f.ReviewOutcomes.Refused })},
	{"riesami entro 20 giorni", itoaF(func(f AccessFigures) int { return f.ReviewsInTime })},
	{"riesami oltre 20 giorni", itoaF(func(f AccessFigures) int { return f.ReviewsLate })},
	{"ricorsi al difensore civico", itoaF(func(f AccessFigures) int { return f.OmbudsmanFiled })},
	{"esiti del difensore civico", itoaF(func(f AccessFigures) int { return f.OmbudsmanDecided })},
	{"difensore: diniego illegittimo", itoaF(func(f AccessFigures) int { return f.OmbudsmanUnlawful })},
	{"difensore: ricorso respinto", itoaF(func(f AccessFigures) int { return f.OmbudsmanRejected })},
	{"difensore: ricorso inammissibile", itoaF(func(f AccessFigures) int { return f.OmbudsmanInadmissible })},
	{"ricorsi giurisdizionali", itoaF(func(f AccessFigures) int { return f.AppealsFiled })},
	{"ricorsi decisi", itoaF(func(f AccessFigures) int { return f.AppealsDecided })},
	{"ricorsi accolti", itoaF(func(f AccessFigures) int { return f.AppealsGranted })},
}

var caseItems = []item[CaseFigures]{
	{"ricevuti", itoaF(func(f CaseFigures) int { return f.Received })},
	{"risposte", itoaF(func(f CaseFigures) int { return f.Answered })},
	{"risposte nel termine", itoaF(func(f CaseFigures) int { return f.InTime })},
	{"risposte oltre il termine", itoaF(func(f CaseFigures) int { return f.Late })},
	{"risposte senza termine", itoaF(func(f CaseFigures) int { return f.NoTerm })},
	{"giorni di ritardo (totale)", itoaF(func(f CaseFigures) int { return f.LateDays })},
	{"quota nel termine", func(f CaseFigures) string { return strconv.FormatFloat(f.InTimeShare(), 'f', 4, 64) }},
	{"giorni medi alla risposta", func(f CaseFigures) string { return strconv.FormatFloat(f.MeanDays, 'f', 2, 64) }},
	{"giorni mediani alla risposta", func(f CaseFigures) string { return strconv.FormatFloat(f.MedianDays, 'f', 1, 64) }},
	{"riaperture", itoaF(func(f CaseFigures) int { return f.Reopened })},
	{"risposte dopo riapertura", itoaF(func(f CaseFigures) int { return f.ReopenedAnswered })},
	{"risposte dopo riapertura nel termine", itoaF(func(f CaseFigures) int { return f.ReopenedInTime })},
	{"risposte dopo riapertura oltre il termine", itoaF(func(f CaseFigures) int { return f.ReopenedLate })},
	{"chiusi", itoaF(func(f CaseFigures) int { return f.Closed })},
	{"pendenti a fine periodo", itoaF(func(f CaseFigures) int { return f.Pending })},
	{"scaduti a fine periodo", itoaF(func(f CaseFigures) int { return f.Overdue })},
}

// WriteJSON writes the report as indented JSON.
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// Files are the names WriteDir gives the report's files.
type Files struct {
	Markdown, Chart, CSV, JSON string
}

// WriteDir writes the report into dir (created if needed) as
// monitoraggio-<slug>.md with its chart monitoraggio-<slug>-nei-termini.svg,
// monitoraggio-<slug>.csv and monitoraggio-<slug>.json, and returns their
// paths.
func (r Report) WriteDir(dir string) (Files, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Files{}, err
	}
	base := "monitoraggio-" + r.Period.Slug()
	f := Files{
		Markdown: filepath.Join(dir, base+".md"),
		Chart:    filepath.Join(dir, base+"-nei-termini.svg"),
		CSV:      filepath.Join(dir, base+".csv"),
		JSON:     filepath.Join(dir, base+".json"),
	}
	for _, x := range []struct {
		path  string
		write func(io.Writer) error
	}{
		{f.Chart, r.WriteSVG},
		{f.Markdown, func(w io.Writer) error { return r.WriteMarkdown(w, MarkdownOptions{Chart: filepath.Base(f.Chart)}) }},
		{f.CSV, func(w io.Writer) error { return r.WriteCSV(w, CSVOptions{Comma: ';', BOM: true}) }},
		{f.JSON, r.WriteJSON},
	} {
		if err := writeFile(x.path, x.write); err != nil {
			return Files{}, err
		}
	}
	return f, nil
}

func writeFile(path string, write func(io.Writer) error) error {
	file, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(file); err != nil {
		file.Close()
		return err
	}
	return file.Close()
}
