package deadline

import (
	"fmt"
	"strings"
)

// Strength says how a term binds whoever must act by it. A Binding term is
// set by a provision of law or regulation: past it, the act is late
// ("scaduto"), and for the office a breach. A Guidance term is one no
// provision sets (an official FAQ's orientation, a term applied by
// analogy, an office's internal date): past it the act is still
// admissible, and nothing is "scaduto"; procedures must never refuse an act
// because a guidance term passed. Procedures grade their terms
// (Term.Strength); a term left Ungraded is treated as binding by Status,
// as it was before terms were graded.
type Strength uint8

const (
	// Ungraded: the procedure did not grade the term; Status treats it as
	// Binding.
	Ungraded Strength = iota
	// Binding: set by law or regulation ("termine di legge").
	Binding
	// Guidance: orientative, set by no provision ("termine indicativo").
	Guidance
)

var strengthNames = [...]string{"", "binding", "guidance"}

// String returns "binding", "guidance", or "" for Ungraded.
func (s Strength) String() string {
	if int(s) < len(strengthNames) {
		return strengthNames[s]
	}
	return fmt.Sprintf("Strength(%d)", uint8(s))
}

// Italian returns "termine di legge", "termine indicativo", or "" for
// Ungraded.
func (s Strength) Italian() string {
	switch s {
	case Binding:
		return "termine di legge"
	case Guidance:
		return "termine indicativo"
	}
	return ""
}

// MarshalText implements encoding.TextMarshaler with String.
func (s Strength) MarshalText() ([]byte, error) {
	if s > Guidance {
		return nil, fmt.Errorf("%w: unknown strength %d", ErrInvalidTerm, s)
	}
	return []byte(s.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseStrength.
func (s *Strength) UnmarshalText(b []byte) error {
	v, err := ParseStrength(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseStrength reads a strength in English or Italian: "binding",
// "vincolante", "di legge"; "guidance", "indicativo", "orientativo"; ""
// for Ungraded (case-insensitive).
func ParseStrength(s string) (Strength, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return Ungraded, nil
	case "binding", "vincolante", "di legge", "termine di legge":
		return Binding, nil
	case "guidance", "indicativo", "orientativo", "termine indicativo":
		return Guidance, nil
	}
	return 0, fmt.Errorf("%w: unknown strength %q", ErrInvalidTerm, s)
}

// Strength returns the strength of d's term (Explanation.Term.Strength).
func (d Deadline) Strength() Strength { return d.Explanation.Term.Strength }
