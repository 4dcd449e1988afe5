package deadline

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/puntodiascolto/ascolto/law"
)

// Action says what a Step of an explanation did.
type Action uint8

const (
	// ActionStart: the day of the triggering event, which is not counted.
	ActionStart Action = iota + 1
	// ActionRestart: the term was interrupted and runs anew.
	ActionRestart
	// ActionDeferredStart: the first day of the term fell in a pause (the
	// August suspension, a legal suspension): the term starts after it.
	ActionDeferredStart
	// ActionCount: the term's length was counted from the start.
	ActionCount
	// ActionPause: the term crossed a pause whose days do not count.
	ActionPause
	// ActionSuspension: a suspension of this term added its paused days.
	ActionSuspension
	// ActionIgnored: a suspension had no effect (the term had already
	// expired, or a restart superseded it).
	ActionIgnored
	// ActionDilatory: a dilatory term gives the first day the act is allowed.
	ActionDilatory
	// ActionExtension: the expiry fell on a holiday (or a Saturday, for
	// court terms) and moved to the next open day.
	ActionExtension
	// ActionDue: the final date.
	ActionDue
	// ActionNote: a remark that changes no date (an administrative term
	// expiring on a Saturday is not extended).
	ActionNote
)

var actionNames = [...]string{"", "start", "restart", "deferred-start", "count", "pause", "suspension", "ignored", "dilatory", "extension", "due", "note"}

// String returns a short English name of the action: "count", "extension".
func (a Action) String() string {
	if int(a) < len(actionNames) && a != 0 {
		return actionNames[a]
	}
	return "unknown"
}

// MarshalText implements encoding.TextMarshaler with String.
func (a Action) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler, reading String's names.
func (a *Action) UnmarshalText(b []byte) error {
	for i, n := range actionNames {
		if i > 0 && n == string(b) {
			*a = Action(i)
			return nil
		}
	}
	return fmt.Errorf("deadline: unknown step action %q", b)
}

// Step is one rule applied in computing an expiry: the date before and after
// it, the days it added, and a line in Italian for an officer, citations
// included: "30 giorni (art. 5 c. 6 D.Lgs. 33/2013) dal 02/03/2026 →
// 01/04/2026".
type Step struct {
	Action  Action         `json:"action"`
	From    Date           `json:"from"`
	To      Date           `json:"to"`
	Days    int            `json:"days,omitempty"`
	Text    string         `json:"text"`
	Sources []law.Citation `json:"sources,omitempty"`
}

// String returns the step's Italian text.
func (s Step) String() string { return s.Text }

// Explanation is an expiry with the steps that produced it. Due is the date
// Compute returns for the same Spec.
type Explanation struct {
	Start Date   `json:"start"`
	Due   Date   `json:"due"`
	Term  Term   `json:"term"`
	Steps []Step `json:"steps"`
}

// String renders the steps in Italian, one a line.
func (x Explanation) String() string {
	var b strings.Builder
	for i, s := range x.Steps {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(s.Text)
	}
	return b.String()
}

// explainer collects the steps of one computation. All texts go to one
// buffer and all citations to one slice. Explain takes an explainer from a
// pool and copies the result out at its exact size, so that an explanation
// costs three allocations whatever its length (its text, its steps, its
// citations) and keeps no spare capacity alive.
type explainer struct {
	buf  []byte
	recs []stepRec
	srcs []law.Citation
}

// explainers recycles explainers; their buffers start sized for the common
// explanations (3 to 5 steps, up to about 500 bytes and 8 citations).
var explainers = sync.Pool{New: func() any {
	return &explainer{
		buf:  make([]byte, 0, 512),
		recs: make([]stepRec, 0, 8),
		srcs: make([]law.Citation, 0, 8),
	}
}}

// Bounds above which an explainer is not kept for reuse, so that one
// exceptional explanation does not pin its buffers.
const (
	poolMaxBuf   = 4 << 10
	poolMaxSteps = 64
)

// getExplainer returns an empty explainer from the pool.
func getExplainer() *explainer { return explainers.Get().(*explainer) }

// putExplainer empties x and returns it to the pool, unless it grew too big.
func putExplainer(x *explainer) {
	if cap(x.buf) > poolMaxBuf || cap(x.recs) > poolMaxSteps || cap(x.srcs) > poolMaxSteps {
		return
	}
	clear(x.srcs) // drop the references to the citations' strings
	x.buf, x.recs, x.srcs = x.buf[:0], x.recs[:0], x.srcs[:0]
	explainers.Put(x)
}

// stepRec is a step whose text and sources are ranges of the buffers.
type stepRec struct {
	action   Action
	from, to Date
	days     int
	t0, t1   int
	s0, s1   int
}

// open starts a step; its text is what is written until close.
func (x *explainer) open(a Action, from, to Date, days int) int {
	x.recs = append(x.recs, stepRec{action: a, from: from, to: to, days: days, t0: len(x.buf)})
	return len(x.recs) - 1
}

// reserve keeps the place of a step whose content is known later (reopen).
func (x *explainer) reserve() int {
	x.recs = append(x.recs, stepRec{})
	return len(x.recs) - 1
}

// reopen fills a reserved step; its text is what is written until close.
func (x *explainer) reopen(i int, a Action, from, to Date, days int) {
	x.recs[i] = stepRec{action: a, from: from, to: to, days: days, t0: len(x.buf)}
}

// close ends step i with its sources (zero citations are left out).
func (x *explainer) close(i int, srcs ...law.Citation) {
	r := &x.recs[i]
	r.t1 = len(x.buf)
	r.s0 = len(x.srcs)
	for _, c := range srcs {
		if !c.IsZero() {
			x.srcs = append(x.srcs, c)
		}
	}
	r.s1 = len(x.srcs)
}

func (x *explainer) str(s string) *explainer {
	x.buf = append(x.buf, s...)
	return x
}

// date writes d as dd/mm/yyyy. Texts put the unelided article and
// prepositions before such a date, whatever its day, as Italian
// administrative writing does with numeric dates: "il 01/09/2026", "dal
// 11/08/2026", "al 08/04/2026".
func (x *explainer) date(d Date) *explainer {
	if d.IsZero() {
		return x
	}
	x.buf = d.appendItalian(x.buf)
	return x
}

// int writes n in decimal.
func (x *explainer) int(n int) *explainer {
	x.buf = strconv.AppendInt(x.buf, int64(n), 10)
	return x
}

// quantity writes "1 giorno" or "30 giorni".
func (x *explainer) quantity(n int, one, many string) *explainer {
	x.buf = strconv.AppendInt(x.buf, int64(n), 10)
	x.buf = append(x.buf, ' ')
	if n == 1 {
		return x.str(one)
	}
	return x.str(many)
}

// unitQuantity writes n units as Unit.Quantity does, without allocating.
func (x *explainer) unitQuantity(n int, u Unit) *explainer {
	switch u {
	case Days:
		return x.quantity(n, "giorno", "giorni")
	case WorkingDays:
		return x.quantity(n, "giorno lavorativo", "giorni lavorativi")
	case Months:
		return x.quantity(n, "mese", "mesi")
	case Years:
		return x.quantity(n, "anno", "anni")
	}
	return x.str(u.Quantity(n))
}

// name writes "name: " if name is not empty.
func (x *explainer) name(name string) *explainer {
	if name != "" {
		x.str(name).str(": ")
	}
	return x
}

// cite writes " (a; b)" for the non-zero citations, or nothing.
func (x *explainer) cite(cs ...law.Citation) *explainer {
	first := true
	for _, c := range cs {
		if c.IsZero() {
			continue
		}
		if first {
			x.str(" (")
			first = false
		} else {
			x.str("; ")
		}
		x.buf = appendCitation(x.buf, c)
	}
	if !first {
		x.str(")")
	}
	return x
}

// appendCitation renders c like law.Citation.String, with the note after a
// comma instead of in parentheses, so that it reads well inside parentheses:
// "art. 1 DPR 792/1985, per il comune di Roma".
func appendCitation(b []byte, c law.Citation) []byte {
	if c.Article != "" {
		b = append(b, "art. "...)
		b = append(b, c.Article...)
		if c.Comma != "" {
			b = append(b, " c. "...)
			b = append(b, c.Comma...)
		}
		if c.Letter != "" {
			b = append(b, " lett. "...)
			b = append(b, c.Letter...)
		}
		if c.Act != "" {
			b = append(b, ' ')
		}
	}
	b = append(b, c.Act...)
	if c.Note != "" {
		if c.Act != "" || c.Article != "" {
			b = append(b, ", "...)
		}
		b = append(b, c.Note...)
	}
	return b
}

// steps returns the collected steps, copied out of the explainer: they
// share one text and one citation array, each allocated at its exact size.
func (x *explainer) steps() []Step {
	text := string(x.buf)
	var srcs []law.Citation
	if len(x.srcs) > 0 {
		srcs = make([]law.Citation, len(x.srcs))
		copy(srcs, x.srcs)
	}
	out := make([]Step, len(x.recs))
	for i, r := range x.recs {
		out[i] = Step{Action: r.action, From: r.from, To: r.to, Days: r.days, Text: text[r.t0:r.t1]}
		if r.s1 > r.s0 {
			out[i].Sources = srcs[r.s0:r.s1:r.s1]
		}
	}
	return out
}
