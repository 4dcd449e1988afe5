package council

import (
	"context"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/markup"
)

// Outcome is where an interrogazione or interpellanza stands at the end of a
// period, as the quarterly report on the state of interrogazioni counts it.
type Outcome string

const (
	// AnsweredInTime: answered within the period, on or before its due date.
	AnsweredInTime Outcome = "risposta-nei-termini"
	// AnsweredLate: answered within the period, after its due date.
	AnsweredLate Outcome = "risposta-tardiva"
	// AnsweredNoTerm: answered within the period; no term applied (oral answers).
	AnsweredNoTerm Outcome = "risposta-senza-termine"
	// WithdrawnInPeriod: withdrawn within the period.
	WithdrawnInPeriod Outcome = "ritirata"
	// LapsedInPeriod: lapsed within the period.
	LapsedInPeriod Outcome = "decaduta"
	// Pending: awaiting an answer at the end of the period, within its term or without one.
	Pending Outcome = "in-attesa"
	// Overdue: awaiting an answer at the end of the period, past its due date (inevasa).
	Overdue Outcome = "scaduta"
)

// OutcomeAt classifies a question act at the end of the period [from, to]:
// its outcome, and false if it does not belong to the period (filed after
// to, closed before from, or not a question).
func OutcomeAt(a Item, from, to deadline.Date) (Outcome, bool) {
	if !a.Kind.Question() || a.Filed.After(to) || (!a.Closed.IsZero() && a.Closed.Before(from)) {
		return "", false
	}
	if !a.Closed.IsZero() && !a.Closed.After(to) {
		switch {
		case a.Answer != nil && a.AnswerDue.IsZero():
			return AnsweredNoTerm, true
		case a.Answer != nil && a.Answer.Date.After(a.AnswerDue):
			return AnsweredLate, true
		case a.Answer != nil:
			return AnsweredInTime, true
		case a.Withdrawal != nil:
			return WithdrawnInPeriod, true
		default:
			return LapsedInPeriod, true
		}
	}
	if !a.AnswerDue.IsZero() && to.After(a.AnswerDue) {
		return Overdue, true
	}
	return Pending, true
}

// Figures count a body's interrogazioni and interpellanze over a period.
type Figures struct {
	// Body is the body counted; zero in a report's Total.
	Body Body `json:"body,omitzero"`
	// Filed is the number filed within the period.
	Filed int `json:"filed"`
	// InTime, Late, NoTerm split the answers given within the period.
	InTime int `json:"answeredInTime"`
	Late   int `json:"answeredLate"`
	NoTerm int `json:"answeredNoTerm"`
	// LateDays is the total delay of the late answers, in days.
	LateDays int `json:"lateDays"`
	// Withdrawn and Lapsed count the acts closed so within the period.
	Withdrawn int `json:"withdrawn"`
	Lapsed    int `json:"lapsed"`
	// Pending and Overdue count the acts still awaiting an answer at the end
	// of the period, within their term (or without one) and past it.
	Pending int `json:"pending"`
	Overdue int `json:"overdue"`
}

// Answered is the number of answers given within the period.
func (f Figures) Answered() int { return f.InTime + f.Late + f.NoTerm }

// InTimeShare is the share of answers with a term given in time, from 0 to
// 1; 0 when none was due.
func (f Figures) InTimeShare() float64 {
	if n := f.InTime + f.Late; n > 0 {
		return float64(f.InTime) / float64(n)
	}
	return 0
}

func (f *Figures) add(o Outcome, a Item, from, to deadline.Date) {
	if !a.Filed.Before(from) && !a.Filed.After(to) {
		f.Filed++
	}
	switch o {
	case AnsweredInTime:
		f.InTime++
	case AnsweredLate:
		f.Late++
		f.LateDays += a.Answer.Date.Sub(a.AnswerDue)
	case AnsweredNoTerm:
		f.NoTerm++
	case WithdrawnInPeriod:
		f.Withdrawn++
	case LapsedInPeriod:
		f.Lapsed++
	case Pending:
		f.Pending++
	case Overdue:
		f.Overdue++
	}
}

// OverdueAct is an interrogazione still unanswered past its due date at the
// end of the period, with its explained deadline.
type OverdueAct struct {
	ID        ID                `json:"id"`
	Number    Number            `json:"number"`
	Body      Body              `json:"body"`
	Kind      Kind              `json:"kind"`
	Filed     deadline.Date     `json:"filed"`
	Addressee string            `json:"addressee,omitempty"`
	Subject   string            `json:"subject"`
	Reminders int               `json:"reminders"`
	DaysLate  int               `json:"daysLate"`
	Deadline  deadline.Deadline `json:"deadline"`
}

// QuestionReport is the quarterly state of interrogazioni and interpellanze
// (answered in time, late, withdrawn, pending, overdue) per body, which some
// Municipi's regolamenti require and the Punto di Ascolto reports to the
// Direction (RULES.md §8).
type QuestionReport struct {
	From deadline.Date `json:"from"`
	To   deadline.Date `json:"to"`
	// Bodies has one entry per body with acts in the period, in Bodies() order.
	Bodies []Figures `json:"bodies"`
	Total  Figures   `json:"total"`
	// Overdue lists the overdue acts, most late first, then by number.
	Overdue []OverdueAct `json:"overdue"`
}

// Questions builds the state of interrogazioni and interpellanze over the
// period [from, to] from the replayed acts (any order; acts of other kinds
// and periods are ignored).
func Questions(acts iter.Seq[Item], from, to deadline.Date) QuestionReport {
	r := QuestionReport{From: from, To: to}
	var by [Municipi + 2]Figures
	var seen [Municipi + 2]bool
	for a := range acts {
		o, ok := OutcomeAt(a, from, to)
		if !ok || !a.Body.Valid() {
			continue
		}
		by[a.Body].add(o, a, from, to)
		seen[a.Body] = true
		r.Total.add(o, a, from, to)
		if o == Overdue {
			oa := OverdueAct{ID: a.ID, Number: a.Number, Body: a.Body, Kind: a.Kind, Filed: a.Filed,
				Addressee: a.Addressee, Subject: a.Subject, Reminders: len(a.Reminders), DaysLate: to.Sub(a.AnswerDue)}
			if d, ok := a.AnswerDeadline(); ok {
				oa.Deadline = d
			}
			r.Overdue = append(r.Overdue, oa)
		}
	}
	for _, b := range Bodies() {
		if seen[b] {
			f := by[b]
			f.Body = b
			r.Bodies = append(r.Bodies, f)
		}
	}
	slices.SortFunc(r.Overdue, func(x, y OverdueAct) int {
		if x.DaysLate != y.DaysLate {
			return y.DaysLate - x.DaysLate
		}
		return strings.Compare(string(x.ID), string(y.ID))
	})
	return r
}

// Questions reads the catalogue and builds the state of its interrogazioni
// and interpellanze over [from, to].
func (s *Service) Questions(ctx context.Context, from, to deadline.Date) (QuestionReport, error) {
	var kinds []Kind
	for _, k := range Kinds() {
		if k.Question() {
			kinds = append(kinds, k)
		}
	}
	var acts []Item
	for a, err := range s.Search(ctx, Filter{Kinds: kinds, To: to}) {
		if err != nil {
			return QuestionReport{}, err
		}
		acts = append(acts, a)
	}
	return Questions(slices.Values(acts), from, to), nil
}

// WriteMarkdown writes the report as a Markdown section in Italian: a table
// per body and the list of overdue acts with their explained deadlines.
func (r QuestionReport) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## Stato delle interrogazioni e interpellanze dal %s al %s\n\n", r.From.Italian(), r.To.Italian())
	b.WriteString("| Organo | Presentate | Risposte nei termini | Risposte tardive | Risposte (senza termine) | Ritirate | Decadute | In attesa | Scadute |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	row := func(name string, f Figures) {
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d | %d | %d | %d |\n", name, f.Filed, f.InTime, f.Late, f.NoTerm, f.Withdrawn, f.Lapsed, f.Pending, f.Overdue)
	}
	for _, f := range r.Bodies {
		row(mdEscape(f.Body.String()), f)
	}
	row("**Totale**", r.Total)
	if len(r.Overdue) > 0 {
		fmt.Fprintf(&b, "\n### Interrogazioni scadute senza risposta al %s\n\n", r.To.Italian())
		for _, o := range r.Overdue {
			fmt.Fprintf(&b, "- **%s** (%s, %s), presentata il %s, destinatario: %s; scaduta il %s, %d giorni di ritardo, %d solleciti. %s\n",
				mdEscape(orDash(o.Number.String())), mdEscape(o.Body.String()), mdEscape(o.Kind.Italian()), o.Filed.Italian(), mdEscape(orDash(o.Addressee)), o.Deadline.Due.Italian(), o.DaysLate, o.Reminders, mdEscape(o.Subject))
			for _, st := range o.Deadline.Explanation.Steps {
				fmt.Fprintf(&b, "  - %s\n", markup.Cited(st.Text, st.Sources))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

// mdEscape keeps free text on one line and out of Markdown syntax
// (markup.Markdown).
func mdEscape(s string) string { return markup.Markdown(s) }
