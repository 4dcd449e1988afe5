package deadline

import (
	"strings"

	"github.com/puntodiascolto/ascolto/law"
)

// Action says what a Step of an explanation did.
type Action uint8

const (
	// ActionRestart: the term was interrupted and runs anew.
	ActionRestart Action = iota + 1
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

var actionNames = [...]string{"", "restart", "deferred-start", "count", "pause", "suspension", "ignored", "dilatory", "extension", "due", "note"}

// String returns a short English name of the action: "count", "extension".
func (a Action) String() string {
	if int(a) < len(actionNames) && a != 0 {
		return actionNames[a]
	}
	return "unknown"
}

// MarshalText implements encoding.TextMarshaler with String.
func (a Action) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

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

func (x *Explanation) add(s Step) { x.Steps = append(x.Steps, s) }

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
