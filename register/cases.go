package register

import (
	"iter"
	"slices"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
)

// Case is the publishable summary of a complaint, report or petition for the
// monitoring: dates, the answer's due date, classification and outcome. It
// carries no personal data and no free text of the citizen. Callers build
// it from the complaint and petition packages' publishable views (see
// ComplaintCase and PetitionCase), or from any other system.
type Case struct {
	// ID identifies the case in its store (not published).
	ID string `json:"-"`
	// Received is the day the case was received.
	Received deadline.Date `json:"ricevuto"`
	// Due is the due date of the (first) answer; zero when no term applies.
	Due deadline.Date `json:"scadenza"`
	// Answered is the day of the (first) answer; zero if none.
	Answered deadline.Date `json:"risposta"`
	// Met is the day the first answer term was met, when an act other than
	// an answer met it (a complaint merged into another as its duplicate,
	// forwarded outside the administration, closed); zero means Answered.
	// A term met is no longer overdue.
	Met deadline.Date `json:"adempiuto"`
	// Reopenings are the answer terms opened by the citizen's requests to
	// reopen, oldest first; each is monitored like the first.
	Reopenings []Reopening `json:"riaperture,omitempty"`
	// Closed is the day the case was concluded (answered and closed,
	// archived, merged, declared inadmissible...); zero while open.
	Closed deadline.Date `json:"chiuso"`
	// Outcome is how it was concluded, as a label ("risolto",
	// "inammissibile", "accolta"); empty while open.
	Outcome string `json:"esito,omitempty"`
	// Kind, Channel, Category and Office classify the case; empty values
	// are grouped under "(non indicato)".
	Kind     string `json:"tipologia"`
	Channel  string `json:"canale,omitempty"`
	Category string `json:"categoria,omitempty"`
	Office   string `json:"struttura,omitempty"`
	// Head is the head of the case's history (version and last hash), what
	// the report's Anchor covers; not published on its own. ComplaintCase
	// and PetitionCase set it; a case from another system may leave it zero.
	Head history.Head `json:"-"`
}

// Reopening is an answer term opened by a citizen's request to reopen a
// case after its answer.
type Reopening struct {
	// Requested is the day the citizen asked; the new term runs from it.
	Requested deadline.Date `json:"richiesta"`
	// Due is the new term's due date; zero when no term applies.
	Due deadline.Date `json:"scadenza"`
	// Answered is the day of the new answer; zero if none.
	Answered deadline.Date `json:"risposta"`
	// Met is the day the new term was met by an act other than an answer
	// (forwarding outside, closing); zero means Answered.
	Met deadline.Date `json:"adempiuto"`
}

// CaseFigures are the monitoring figures of complaints or petitions over a
// period. Every answer term counts: the first and each one opened by a
// reopening.
type CaseFigures struct {
	// Received in the period.
	Received int `json:"ricevuti"`
	// Answered in the period, first answers and answers after a reopening,
	// split by the due date of the term each answered: InTime, Late
	// (LateDays of total delay), NoTerm (no term applied). A term met by
	// another act (a merger, a forwarding outside) is not an answer: it is
	// not counted here, and it stops being overdue from that day.
	Answered int `json:"risposte"`
	InTime   int `json:"risposteNelTermine"`
	Late     int `json:"risposteOltreIlTermine"`
	NoTerm   int `json:"risposteSenzaTermine"`
	LateDays int `json:"giorniDiRitardo"`
	// Reopened counts the requests to reopen received in the period;
	// ReopenedAnswered the answers given in the period to a reopening, of
	// which ReopenedInTime within its new term and ReopenedLate after it
	// (they are also counted in Answered, InTime and Late).
	Reopened         int `json:"riaperture"`
	ReopenedAnswered int `json:"risposteDopoRiapertura"`
	ReopenedInTime   int `json:"risposteDopoRiaperturaNelTermine"`
	ReopenedLate     int `json:"risposteDopoRiaperturaOltreIlTermine"`
	// Closed in the period, and by outcome.
	Closed   int            `json:"chiusi"`
	Outcomes map[string]int `json:"esiti,omitempty"`
	// Pending and Overdue at the end of the period: received by then, not
	// closed; Overdue also with an answer term (the first or a reopening's)
	// past its due date and not met by then.
	Pending int `json:"pendentiAFinePeriodo"`
	Overdue int `json:"scadutiAFinePeriodo"`
	// MeanDays and MedianDays run from the start of the term to the
	// answer (the receipt, or the request to reopen), for the answers of
	// the period.
	MeanDays   float64 `json:"giorniMediRisposta"`
	MedianDays float64 `json:"giorniMedianiRisposta"`

	days histogram
}

// InTimeShare is the share of the period's answers with a term given within
// it, from 0 to 1.
func (f CaseFigures) InTimeShare() float64 {
	if n := f.InTime + f.Late; n > 0 {
		return float64(f.InTime) / float64(n)
	}
	return 0
}

// answer counts an answer given in p to a term that ran from start, and
// reports whether there was one and whether it was late.
func (f *CaseFigures) answer(start, due, answered deadline.Date, p Period) (counted, late bool) {
	if !p.Contains(answered) {
		return false, false
	}
	f.Answered++
	f.days.add(answered.Sub(start))
	switch {
	case due.IsZero():
		f.NoTerm++
	case answered.After(due):
		f.Late++
		f.LateDays += answered.Sub(due)
		return true, true
	default:
		f.InTime++
	}
	return true, false
}

// termOverdue reports whether a term due on due and met on met (an answer or
// another act) was past due and unmet at the end of day at.
func termOverdue(due, met, at deadline.Date) bool {
	return !due.IsZero() && due.Before(at) && (met.IsZero() || met.After(at))
}

func orDate(a, b deadline.Date) deadline.Date {
	if a.IsZero() {
		return b
	}
	return a
}

func (f *CaseFigures) tally(c *Case, p Period) {
	if p.Contains(c.Received) {
		f.Received++
	}
	f.answer(c.Received, c.Due, c.Answered, p)
	overdue := termOverdue(c.Due, orDate(c.Met, c.Answered), p.To)
	for i := range c.Reopenings {
		r := &c.Reopenings[i]
		if p.Contains(r.Requested) {
			f.Reopened++
		}
		if counted, late := f.answer(r.Requested, r.Due, r.Answered, p); counted {
			f.ReopenedAnswered++
			switch {
			case late:
				f.ReopenedLate++
			case !r.Due.IsZero():
				f.ReopenedInTime++
			}
		}
		overdue = overdue || !r.Requested.After(p.To) && termOverdue(r.Due, orDate(r.Met, r.Answered), p.To)
	}
	if p.Contains(c.Closed) {
		f.Closed++
		if f.Outcomes == nil {
			f.Outcomes = map[string]int{}
		}
		f.Outcomes[orUnset(c.Outcome)]++
	}
	if !c.Received.After(p.To) && (c.Closed.IsZero() || c.Closed.After(p.To)) {
		f.Pending++
		if overdue {
			f.Overdue++
		}
	}
}

func (f *CaseFigures) finish() { f.MeanDays, f.MedianDays = f.days.mean(), f.days.median() }

func orUnset(s string) string {
	if s == "" {
		return "(non indicato)"
	}
	return s
}

// CaseGroup is the figures of one value of a dimension (a kind, a channel...).
type CaseGroup struct {
	Key      string      `json:"valore"`
	Figures  CaseFigures `json:"dati"`
	Previous CaseFigures `json:"periodoPrecedente"`
}

// Breakdown is the figures of a section split along one dimension.
type Breakdown struct {
	// Dimension is the dimension's Italian name: "tipologia", "canale".
	Dimension string      `json:"dimensione"`
	Groups    []CaseGroup `json:"gruppi"`
}

// CaseSection is the monitoring of complaints or petitions over a period.
type CaseSection struct {
	// Title is the section's Italian title.
	Title      string      `json:"titolo"`
	Total      CaseFigures `json:"totale"`
	Previous   CaseFigures `json:"periodoPrecedente"`
	Breakdowns []Breakdown `json:"ripartizioni"`
}

// Dimension names a way of grouping cases.
type Dimension struct {
	// Name is the Italian name: "tipologia".
	Name string
	// Key returns the case's value along the dimension.
	Key func(*Case) string
}

// The standard dimensions of cases. They are functions, not variables, so
// that no caller can change what the standard sections group by.

// ByKind groups cases by kind ("tipologia").
func ByKind() Dimension { return Dimension{"tipologia", func(c *Case) string { return c.Kind }} }

// ByChannel groups cases by channel ("canale").
func ByChannel() Dimension { return Dimension{"canale", func(c *Case) string { return c.Channel }} }

// ByCategory groups cases by category ("categoria").
func ByCategory() Dimension {
	return Dimension{"categoria", func(c *Case) string { return c.Category }}
}

// ByOffice groups cases by office ("struttura").
func ByOffice() Dimension { return Dimension{"struttura", func(c *Case) string { return c.Office }} }

// ByOutcome groups cases by outcome ("esito").
func ByOutcome() Dimension { return Dimension{"esito", func(c *Case) string { return c.Outcome }} }

// CaseMonitoring computes a section over p (and the previous period) in one
// pass, split along the given dimensions; groups are sorted by key.
func CaseMonitoring(title string, cases iter.Seq[Case], p Period, dims ...Dimension) CaseSection {
	prev := p.Previous()
	s := CaseSection{Title: title}
	type pair struct{ cur, prev CaseFigures }
	groups := make([]map[string]*pair, len(dims))
	for i := range groups {
		groups[i] = map[string]*pair{}
	}
	for c := range cases {
		if c.Received.After(p.To) {
			continue
		}
		s.Total.tally(&c, p)
		s.Previous.tally(&c, prev)
		for i, d := range dims {
			k := orUnset(d.Key(&c))
			g := groups[i][k]
			if g == nil {
				g = &pair{}
				groups[i][k] = g
			}
			g.cur.tally(&c, p)
			g.prev.tally(&c, prev)
		}
	}
	s.Total.finish()
	s.Previous.finish()
	for i, d := range dims {
		b := Breakdown{Dimension: d.Name}
		keys := make([]string, 0, len(groups[i]))
		for k := range groups[i] {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			g := groups[i][k]
			g.cur.finish()
			g.prev.finish()
			b.Groups = append(b.Groups, CaseGroup{Key: k, Figures: g.cur, Previous: g.prev})
		}
		s.Breakdowns = append(s.Breakdowns, b)
	}
	return s
}

// ComplaintMonitoring is the complaints section: by kind, channel,
// category and office (RULES.md §6, §9).
func ComplaintMonitoring(cases iter.Seq[Case], p Period) CaseSection {
	return CaseMonitoring("Reclami, segnalazioni e suggerimenti", cases, p, ByKind(), ByChannel(), ByCategory(), ByOffice())
}

// PetitionMonitoring is the petitions section: by kind and outcome, with
// the answers within their term (RULES.md §7, §9).
func PetitionMonitoring(cases iter.Seq[Case], p Period) CaseSection {
	return CaseMonitoring("Petizioni e iniziative popolari", cases, p, ByKind(), ByOutcome())
}
