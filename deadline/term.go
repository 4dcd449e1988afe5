package deadline

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/puntodiascolto/ascolto/law"
)

// Errors of the term computation. Each error returned by Expiry, Compute and
// Explain wraps one of them (or ErrInvalidDate); test with errors.Is.
var (
	// ErrInvalidTerm: a negative length, an unknown unit or kind, a
	// missing start.
	ErrInvalidTerm = errors.New("deadline: invalid term")
	// ErrInvalidSuspension: a suspension without dates, ending before it
	// starts, starting before the term, overlapping another, or with a
	// negative cap.
	ErrInvalidSuspension = errors.New("deadline: invalid suspension")
	// ErrInvalidRestart: a restart without a date or before the start.
	ErrInvalidRestart = errors.New("deadline: invalid restart")
	// ErrOutOfRange: the start is before FirstYear, or the expiry would be
	// after 9999-12-31.
	ErrOutOfRange = errors.New("deadline: date out of range")
)

// FirstYear is the first year whose holiday law the calendars have been
// checked against (L. 54/1977 onwards). Terms starting earlier are refused
// with ErrOutOfRange; IsHoliday still answers for earlier years by applying
// the list of L. 260/1949 as enacted.
const FirstYear = 1977

var firstDay = Date{fromCivil(FirstYear, 1, 1)}

// Unit is the unit in which a term is expressed.
type Unit uint8

const (
	// Days: calendar days; holidays inside the term count (art. 155 c. 3
	// c.p.c.).
	Days Unit = iota
	// WorkingDays: days that are neither holidays nor (unless
	// Rules.SaturdayWorking) Saturdays.
	WorkingDays
	// Months: the term ends on the same-numbered day of the final month
	// (art. 2963 c. 4 c.c.), or on its last day if it has none (c. 5); court
	// terms also follow art. 155 c. 2 c.p.c.
	Months
	// Years: as Months, twelve at a time.
	Years
)

// String returns the Italian name of the unit: "giorni", "giorni
// lavorativi", "mesi", "anni".
func (u Unit) String() string {
	switch u {
	case Days:
		return "giorni"
	case WorkingDays:
		return "giorni lavorativi"
	case Months:
		return "mesi"
	case Years:
		return "anni"
	}
	return fmt.Sprintf("Unit(%d)", uint8(u))
}

// Quantity renders n units in Italian: "1 giorno", "30 giorni", "1 mese",
// "6 mesi", "1 anno", "10 giorni lavorativi".
func (u Unit) Quantity(n int) string {
	if n == 1 {
		switch u {
		case Days:
			return "1 giorno"
		case WorkingDays:
			return "1 giorno lavorativo"
		case Months:
			return "1 mese"
		case Years:
			return "1 anno"
		}
	}
	return strconv.Itoa(n) + " " + u.String()
}

// MarshalText implements encoding.TextMarshaler: the Italian name.
func (u Unit) MarshalText() ([]byte, error) {
	if u > Years {
		return nil, fmt.Errorf("%w: unknown unit %d", ErrInvalidTerm, u)
	}
	return []byte(u.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseUnit.
func (u *Unit) UnmarshalText(b []byte) error {
	v, err := ParseUnit(string(b))
	if err != nil {
		return err
	}
	*u = v
	return nil
}

// ParseUnit reads a unit in Italian or English: "giorni", "lavorativi",
// "giorni lavorativi", "mesi", "anni", "days", "working-days", "months",
// "years" (case-insensitive).
func ParseUnit(s string) (Unit, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "giorni", "giorno", "days", "day", "d":
		return Days, nil
	case "lavorativi", "giorni lavorativi", "giorni-lavorativi", "working-days", "workingdays", "working days":
		return WorkingDays, nil
	case "mesi", "mese", "months", "month", "m":
		return Months, nil
	case "anni", "anno", "years", "year", "y":
		return Years, nil
	}
	return 0, fmt.Errorf("%w: unknown unit %q", ErrInvalidTerm, s)
}

// Kind says whether a term belongs to an administrative procedure or to a
// court proceeding; it chooses the default Rules.
type Kind uint8

const (
	// Administrative terms (L. 241/1990, DPR 184/2006, D.Lgs. 33/2013):
	// extended when they expire on a holiday, not on a Saturday, never
	// suspended in August.
	Administrative Kind = iota
	// Court terms (c.p.c., c.p.a.): extended on holidays and Saturdays,
	// suspended in August. Civil and administrative proceedings count
	// terms alike; explanations cite the provisions of both codes (art. 155
	// c.p.c. and art. 52 c.p.a.; L. 742/1969 art. 1 and art. 54 c. 2
	// c.p.a.), since a Term does not say before which court it runs.
	Court
)

// String returns the Italian name of the kind: "amministrativo",
// "giurisdizionale".
func (k Kind) String() string {
	switch k {
	case Administrative:
		return "amministrativo"
	case Court:
		return "giurisdizionale"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// MarshalText implements encoding.TextMarshaler: the Italian name.
func (k Kind) MarshalText() ([]byte, error) {
	if k > Court {
		return nil, fmt.Errorf("%w: unknown kind %d", ErrInvalidTerm, k)
	}
	return []byte(k.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseKind.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// ParseKind reads a kind in Italian or English: "amministrativo",
// "giurisdizionale", "processuale", "administrative", "court".
func ParseKind(s string) (Kind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "amministrativo", "amministrativa", "administrative", "admin":
		return Administrative, nil
	case "giurisdizionale", "processuale", "giudiziale", "court", "judicial":
		return Court, nil
	}
	return 0, fmt.Errorf("%w: unknown kind %q", ErrInvalidTerm, s)
}

// Rules are the counting rules a term follows beyond the dies a quo
// exclusion, which always applies. DefaultRules gives those of each Kind;
// a Term may carry its own.
type Rules struct {
	// HolidayExtension moves an expiry on a Sunday or holiday to the next
	// day that is not (art. 2963 c. 3 c.c.; art. 155 c. 4 c.p.c.).
	HolidayExtension bool `json:"holidayExtension"`
	// SaturdayExtension also moves an expiry on a Saturday, from 1 March
	// 2006 (art. 155 c. 5 c.p.c.; art. 52 c. 5 c.p.a.).
	SaturdayExtension bool `json:"saturdayExtension"`
	// AugustSuspension stops the term during the sospensione feriale:
	// 1-31 August from 2015, 1 August-15 September until 2014 (L. 742/1969
	// art. 1, as amended by D.L. 132/2014 art. 16; art. 54 c. 2 c.p.a.).
	AugustSuspension bool `json:"augustSuspension"`
	// LegalSuspensions stops the term during the calendar's legal
	// suspensions of the term's Kind (see Calendar.WithSuspensions).
	LegalSuspensions bool `json:"legalSuspensions"`
	// SaturdayWorking counts Saturdays as working days in WorkingDays
	// terms. The default is false: the working week is Monday to Friday,
	// the week of public offices ([P]).
	SaturdayWorking bool `json:"saturdayWorking"`
}

// DefaultRules returns the rules of RULES.md §1 for terms of kind k:
// administrative terms extend on holidays only (Cons. St. V 3152/2011) and
// follow the calendar's legal suspensions; court terms also extend on
// Saturdays and are suspended in August.
func DefaultRules(k Kind) Rules {
	r := Rules{HolidayExtension: true, LegalSuspensions: true}
	if k == Court {
		r.SaturdayExtension = true
		r.AugustSuspension = true
	}
	return r
}

// Term is a legal term: how long, in what unit, of what kind, and from what
// provision. The zero Term is a term of 0 calendar days.
type Term struct {
	// Name is the Italian name of the term: "conclusione del procedimento".
	Name string `json:"name,omitempty"`
	// Length is the number of units; it must not be negative.
	Length int `json:"length"`
	// Unit is the unit of Length.
	Unit Unit `json:"unit"`
	// Kind is administrative or court; it selects the default rules.
	Kind Kind `json:"kind"`
	// Dilatory marks a "non prima di" term: the act is allowed from the day
	// after the Length-th day, and no holiday extension applies (RULES.md
	// §1.8). The computed date is that first allowed day.
	Dilatory bool `json:"dilatory,omitempty"`
	// Source is the provision that sets the term.
	Source law.Citation `json:"source"`
	// Rules overrides the defaults of Kind when not nil.
	Rules *Rules `json:"rules,omitempty"`
	// Strength says whether the term binds (set by law or regulation) or
	// only guides (set by no provision): a guidance term that passed is
	// "termine indicativo decorso", never "scaduto" (Status), and its
	// explanation says so. Ungraded, the zero value, counts as binding.
	Strength Strength `json:"strength,omitzero"`
}

// rules returns the rules the term follows.
func (t Term) rules() Rules {
	if t.Rules != nil {
		return *t.Rules
	}
	return DefaultRules(t.Kind)
}

// Suspension pauses one term (not the whole calendar): from From, the day
// the pausing act happens, to To, the day the pause ends, it adds To−From
// days to the expiry (RULES.md §1.7 [P]), at most Cap days if Cap > 0. In a
// WorkingDays term the working days of [From, To) are added instead. A
// suspension must not start before the term, end before it starts or
// overlap another; one that starts after the term has expired has no effect.
type Suspension struct {
	// From is the day the pausing act happens (the notice is sent).
	From Date `json:"from"`
	// To is the day the pause ends (the opposition is received).
	To Date `json:"to"`
	// Cap is the most days the suspension may add; 0 means no limit.
	Cap int `json:"cap,omitempty"`
	// Reason says in Italian why the term stopped, for the explanation:
	// "notifica ai controinteressati".
	Reason string `json:"reason,omitempty"`
	// Source is the provision that suspends the term.
	Source law.Citation `json:"source"`
}

// Restart is an interruption: the term runs anew from On, as if it had never
// begun (DPR 184/2006 art. 6 c. 5: the 30 days restart from the corrected
// request).
type Restart struct {
	// On is the day of the new triggering event; it is not counted.
	On Date `json:"on"`
	// Reason says in Italian why the term restarts, for the explanation.
	Reason string `json:"reason,omitempty"`
	// Source is the provision that restarts the term.
	Source law.Citation `json:"source"`
}

// Spec is everything that determines one expiry: the day of the triggering
// event (excluded from the count), the term, the suspensions of this term and
// an optional restart.
type Spec struct {
	// Start is the day of the triggering event, in Rome (see DateOf).
	Start Date `json:"start"`
	// Term is the term that runs from Start.
	Term Term `json:"term"`
	// Suspensions pause this term; their order does not matter.
	Suspensions []Suspension `json:"suspensions,omitempty"`
	// Restart, if not nil, makes the term run anew from a later day.
	Restart *Restart `json:"restart,omitempty"`
}

// Expiry returns the last day of term t triggered by an event on start: the
// fast path, which allocates nothing and builds no explanation. It gives the
// same date as Compute and Explain with Spec{Start: start, Term: t}.
func (c *Calendar) Expiry(start Date, t Term) (Date, error) {
	// Fast paths for calendar-day terms with the default rules: one table
	// look-up finds the first day that does not extend the term.
	if t.Unit == Days && t.Rules == nil && !t.Dilatory && t.Kind <= Court && !c.suspended[t.Kind] &&
		start.n >= firstDay.n && t.Length >= 0 && t.Length <= maxLength {
		if t.Kind == Administrative {
			if d, ok := c.legal.nextClear(Date{start.n + int32(t.Length)}); ok {
				return d, nil
			}
		} else {
			k := counter{c: c, r: DefaultRules(Court), kind: Court}
			if e, err := k.advance(start, t.Length); err == nil && !e.Before(saturdayRuleFrom) {
				if d, ok := c.court.nextClear(e); ok {
					return d, nil
				}
			}
		}
	}
	s := Spec{Start: start, Term: t}
	return c.compute(&s, nil)
}

// maxLength bounds a term's length: no term can reach past year 9999.
const maxLength = dayMax

// Compute returns the expiry of s, with its suspensions and restart. It
// gives the same date as Explain without building the steps.
func (c *Calendar) Compute(s Spec) (Date, error) {
	return c.compute(&s, nil)
}

// Explain computes the expiry of s like Compute and returns it with the
// steps that produce it, each with its citation, in Italian.
func (c *Calendar) Explain(s Spec) (Explanation, error) {
	x := getExplainer()
	due, err := c.compute(&s, x)
	var steps []Step
	if err == nil {
		if s.Term.Strength == Guidance {
			i := x.open(ActionNote, due, due, 0)
			x.str("termine indicativo, non fissato da una norma: anche dopo questa data l'atto resta ammissibile e non va respinto per questo")
			x.cite(s.Term.Source)
			x.close(i, s.Term.Source)
		}
		steps = x.steps()
	}
	putExplainer(x)
	if err != nil {
		return Explanation{}, err
	}
	return Explanation{Start: s.Start, Due: due, Term: s.Term, Steps: steps}, nil
}
