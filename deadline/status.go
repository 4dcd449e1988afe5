package deadline

import "fmt"

// State is where a deadline stands on a given day.
type State uint8

const (
	// Open: not met, more than the "soon" threshold away.
	Open State = iota
	// DueSoon: not met, due within the threshold (but not today).
	DueSoon
	// DueToday: not met, due today.
	DueToday
	// Overdue: not met, and the due date has passed.
	Overdue
	// Met: met on or before the due date.
	Met
	// MetLate: met after the due date.
	MetLate
	// Lapsed: a guidance term (Strength Guidance) not met whose date has
	// passed: "termine indicativo decorso", not overdue; the act remains
	// admissible.
	Lapsed
	// MetAfterGuidance: a guidance term met after its date: admissible,
	// flagged, not late.
	MetAfterGuidance
)

var stateNames = [...]string{"open", "due-soon", "due-today", "overdue", "met", "met-late", "lapsed", "met-after-guidance"}

// String returns a short English name: "open", "due-soon", "due-today",
// "overdue", "met", "met-late", "lapsed", "met-after-guidance".
func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "unknown"
}

// Italian returns the state in Italian, for an officer's list.
func (s State) Italian() string {
	switch s {
	case Open:
		return "in corso"
	case DueSoon:
		return "in scadenza"
	case DueToday:
		return "scade oggi"
	case Overdue:
		return "scaduto"
	case Met:
		return "adempiuto"
	case MetLate:
		return "adempiuto in ritardo"
	case Lapsed:
		return "termine indicativo decorso"
	case MetAfterGuidance:
		return "adempiuto dopo il termine indicativo"
	}
	return "sconosciuto"
}

// MarshalText implements encoding.TextMarshaler with String.
func (s State) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler, reading String's names.
func (s *State) UnmarshalText(b []byte) error {
	for i, n := range stateNames {
		if n == string(b) {
			*s = State(i)
			return nil
		}
	}
	return fmt.Errorf("deadline: unknown state %q", b)
}

// Deadline is a computed expiry attached to a case: its name, its kind's
// code, its date, how it was computed, and the day it was met (zero while
// it is not).
type Deadline struct {
	Name string `json:"name"`
	// Code is a stable identifier of the deadline's kind within its
	// procedure, e.g. "decision"; procedures set it, explanations do not
	// use it.
	Code        string      `json:"code"`
	Due         Date        `json:"due"`
	Explanation Explanation `json:"explanation"`
	Met         Date        `json:"met"`
}

// Status is where a deadline stands on a day. DaysLeft is Due minus that
// day: positive while open, 0 on the due day, negative when overdue (-3 is
// "overdue by 3 days"). For a met deadline DaysLeft is Due minus the day it
// was met: negative if it was met late.
type Status struct {
	State    State `json:"state"`
	DaysLeft int   `json:"daysLeft"`
}

// OverdueBy returns how many days late the deadline is (or was met), 0 if
// it is not late. A guidance term is never late (Lapsed,
// MetAfterGuidance): 0; PassedBy says how long ago its date passed.
func (s Status) OverdueBy() int {
	if s.State == Lapsed || s.State == MetAfterGuidance {
		return 0
	}
	return s.PassedBy()
}

// PassedBy returns how many days after the due date the deadline stands
// (or was met), whatever its strength; 0 if not after it.
func (s Status) PassedBy() int {
	if s.DaysLeft < 0 {
		return -s.DaysLeft
	}
	return 0
}

// Status returns where d stands on today. A deadline not yet met is DueSoon
// when it falls within soon days of today (1..soon days left), DueToday on
// its due day, Overdue after it. A deadline without due date is Open (or
// Met, once met). A guidance term (Strength Guidance) is Lapsed instead of
// Overdue and MetAfterGuidance instead of MetLate.
func (d Deadline) Status(today Date, soon int) Status {
	st := d.status(today, soon)
	if d.Strength() == Guidance {
		switch st.State {
		case Overdue:
			st.State = Lapsed
		case MetLate:
			st.State = MetAfterGuidance
		}
	}
	return st
}

func (d Deadline) status(today Date, soon int) Status {
	if !d.Met.IsZero() {
		if d.Due.IsZero() || !d.Met.After(d.Due) {
			return Status{State: Met, DaysLeft: d.Due.Sub(d.Met) * boolInt(!d.Due.IsZero())}
		}
		return Status{State: MetLate, DaysLeft: d.Due.Sub(d.Met)}
	}
	if d.Due.IsZero() {
		return Status{State: Open}
	}
	left := d.Due.Sub(today)
	switch {
	case left < 0:
		return Status{State: Overdue, DaysLeft: left}
	case left == 0:
		return Status{State: DueToday}
	case left <= soon:
		return Status{State: DueSoon, DaysLeft: left}
	}
	return Status{State: Open, DaysLeft: left}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
