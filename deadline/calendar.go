package deadline

import (
	"fmt"
	"math/bits"
	"slices"
	"sync"
	"time"

	"github.com/puntodiascolto/ascolto/law"
)

// Table range: the years for which a calendar precomputes one bit per day.
// Outside it, answers are computed from the rules (same result, slower).
const (
	tableFirstYear = 1977
	tableLastYear  = 2199
)

var (
	tableBase = fromCivil(tableFirstYear, time.January, 1)
	tableEnd  = fromCivil(tableLastYear, time.December, 31) + 1 // exclusive
	tableDays = tableEnd - tableBase
	tableLen  = (int(tableDays) + 63) / 64
)

// dayTable is a bitset over the days of the table range: bit i is day
// tableBase+i. Bits past the last day are set, so that a search for an open
// day never stops in the padding.
type dayTable []uint64

func newDayTable() dayTable {
	t := make(dayTable, tableLen)
	for i := int(tableDays); i < tableLen*64; i++ {
		t[i>>6] |= 1 << (i & 63)
	}
	return t
}

func (t dayTable) set(d Date) {
	if i := d.n - tableBase; i >= 0 && i < tableDays {
		t[i>>6] |= 1 << (i & 63)
	}
}

// has reports whether d is in the table range and its bit is set.
func (t dayTable) has(d Date) (set, inRange bool) {
	i := uint32(d.n - tableBase)
	if i >= uint32(tableDays) || len(t) == 0 {
		return false, false
	}
	return t[i>>6]>>(i&63)&1 != 0, true
}

// nextClear returns the first day on or after d whose bit is clear, and
// false if there is none before the end of the table (or d is outside it).
func (t dayTable) nextClear(d Date) (Date, bool) {
	i := uint32(d.n - tableBase)
	if i >= uint32(tableDays) || len(t) == 0 {
		return Date{}, false
	}
	w := i >> 6
	x := ^t[w] >> (i & 63)
	if x != 0 {
		return Date{d.n + int32(bits.TrailingZeros64(x))}, true
	}
	for w++; int(w) < len(t); w++ {
		if x = ^t[w]; x != 0 {
			return Date{tableBase + int32(w<<6) + int32(bits.TrailingZeros64(x))}, true
		}
	}
	return Date{}, false
}

// LegalSuspension is a period set by law during which the terms of one kind
// do not run, in every case at once: D.L. 18/2020 art. 103 suspended all
// administrative terms from 23 February to 15 May 2020. From and To are both
// suspended (inclusive). Add them to a calendar with WithSuspensions.
type LegalSuspension struct {
	// From and To are the first and last suspended days.
	From, To Date
	// Kind is the kind of term the suspension stops.
	Kind Kind
	// Name describes the suspension in Italian, without article, so that
	// explanations can write "nel periodo di " before it: "emergenza
	// COVID-19", "sospensione dei termini amministrativi".
	Name string
	// Source is the provision that orders it.
	Source law.Citation
}

// Calendar says which days are holidays for legal terms (Sundays and the
// legal holidays of RULES.md §2, with their history), which days offices are
// closed (those plus closures such as other cities' patron days), and which
// periods suspend terms by law. It computes term expiries (Expiry, Compute,
// Explain).
//
// A Calendar is immutable and safe for concurrent use. Italy and Rome return
// shared calendars built once; With... methods return new calendars. The
// zero Calendar knows only Sundays; build calendars with Italy, Rome,
// ForMunicipality or New.
type Calendar struct {
	name        string
	holidays    []Holiday
	closures    []Holiday
	suspensions []LegalSuspension
	suspended   [2]bool // per Kind: some suspension applies to that kind
	legal       dayTable
	court       dayTable // legal plus Saturdays
	office      dayTable // legal plus closures
}

func newCalendar(name string, holidays, closures []Holiday, susp []LegalSuspension) *Calendar {
	c := &Calendar{
		name:        name,
		holidays:    holidays,
		closures:    closures,
		suspensions: susp,
	}
	for _, s := range susp {
		if int(s.Kind) < len(c.suspended) {
			c.suspended[s.Kind] = true
		}
	}
	c.legal = newDayTable()
	c.court = newDayTable()
	for y := tableFirstYear; y <= tableLastYear; y++ {
		for _, h := range holidays {
			if d, ok := h.On(y); ok {
				c.legal.set(d)
			}
		}
	}
	for i := int32(0); i < tableDays; i++ {
		d := Date{tableBase + i}
		switch d.Weekday() {
		case time.Sunday:
			c.legal.set(d)
			c.court.set(d)
		case time.Saturday:
			c.court.set(d)
		}
	}
	for i := range c.court {
		c.court[i] |= c.legal[i]
	}
	if len(closures) == 0 {
		c.office = c.legal
	} else {
		c.office = slices.Clone(c.legal)
		for y := tableFirstYear; y <= tableLastYear; y++ {
			for _, h := range closures {
				if d, ok := h.On(y); ok {
					c.office.set(d)
				}
			}
		}
	}
	return c
}

var (
	italyCalendar = sync.OnceValue(func() *Calendar {
		return newCalendar("Italia", nationalHolidays(), nil, nil)
	})
	romeCalendar = sync.OnceValue(func() *Calendar {
		return newCalendar("Roma", append(nationalHolidays(), romeHoliday()), nil, nil)
	})
)

// Italy returns the national calendar: Sundays and the national legal
// holidays with their history (RULES.md §2). It is built once and shared.
func Italy() *Calendar { return italyCalendar() }

// Rome returns the calendar of the comune di Roma: Italy plus 29 June, Santi
// Pietro e Paolo, a legal holiday in Rome since 1986 (DPR 792/1985) that
// extends terms expiring on it. It is built once and shared.
func Rome() *Calendar { return romeCalendar() }

// New returns a calendar named name with the given legal holidays (Sundays
// are always holidays) and office closures. Most callers start from Italy or
// Rome and use WithHolidays or WithClosures instead.
func New(name string, holidays, closures []Holiday) *Calendar {
	return newCalendar(name, slices.Clone(holidays), slices.Clone(closures), nil)
}

// Name returns the name of the calendar: "Italia", "Roma", "Milano".
func (c *Calendar) Name() string { return c.name }

// WithHolidays returns a copy of c with more legal holidays: days that move
// legal terms, such as a one-year national holiday declared by a new law.
func (c *Calendar) WithHolidays(hs ...Holiday) *Calendar {
	return newCalendar(c.name, append(slices.Clone(c.holidays), hs...), slices.Clone(c.closures), slices.Clone(c.suspensions))
}

// WithClosures returns a copy of c with more office closures: days on which
// the offices are closed but legal terms run and expire normally (a patron
// saint's day outside Rome, a day an administration closes its offices).
func (c *Calendar) WithClosures(hs ...Holiday) *Calendar {
	return newCalendar(c.name, slices.Clone(c.holidays), append(slices.Clone(c.closures), hs...), slices.Clone(c.suspensions))
}

// WithSuspensions returns a copy of c in which terms of the suspension's
// kind do not run during each period (see LegalSuspension and the package
// documentation for how a term crosses or starts in one). It fails, with an
// error wrapping ErrInvalidSuspension, on a period without dates, ending
// before it starts, or of an unknown kind.
func (c *Calendar) WithSuspensions(ss ...LegalSuspension) (*Calendar, error) {
	for _, s := range ss {
		if s.From.IsZero() || s.To.IsZero() {
			return nil, fmt.Errorf("%w: legal suspension %q without dates", ErrInvalidSuspension, s.Name)
		}
		if s.To.Before(s.From) {
			return nil, fmt.Errorf("%w: legal suspension %q ends (%s) before it starts (%s)", ErrInvalidSuspension, s.Name, s.To, s.From)
		}
		if s.Kind > Court {
			return nil, fmt.Errorf("%w: legal suspension %q of unknown kind %d", ErrInvalidSuspension, s.Name, s.Kind)
		}
	}
	all := append(slices.Clone(c.suspensions), ss...)
	slices.SortStableFunc(all, func(a, b LegalSuspension) int { return a.From.Compare(b.From) })
	return newCalendar(c.name, slices.Clone(c.holidays), slices.Clone(c.closures), all), nil
}

// Suspensions returns the legal suspensions of c, by start date.
func (c *Calendar) Suspensions() []LegalSuspension { return slices.Clone(c.suspensions) }

// IsHoliday reports whether d is a giorno festivo for legal terms: a Sunday
// or a legal holiday of the calendar. Such a day moves a term that expires on
// it (art. 2963 c. 3 c.c.). Office closures are not holidays.
func (c *Calendar) IsHoliday(d Date) bool {
	if set, ok := c.legal.has(d); ok {
		return set
	}
	return c.holidaySlow(d)
}

// holidaySlow computes IsHoliday from the rules, for days outside the table.
func (c *Calendar) holidaySlow(d Date) bool {
	if d.IsZero() {
		return false
	}
	if d.Weekday() == time.Sunday {
		return true
	}
	y := d.Year()
	for _, h := range c.holidays {
		if o, ok := h.On(y); ok && o == d {
			return true
		}
	}
	return false
}

// IsOfficeClosed reports whether the offices are closed on d: a holiday, or
// one of the calendar's office closures. Saturdays are not closures (many
// offices work on Saturday); ask d.Weekday() for that.
func (c *Calendar) IsOfficeClosed(d Date) bool {
	if set, ok := c.office.has(d); ok {
		return set
	}
	if c.holidaySlow(d) {
		return true
	}
	y := d.Year()
	for _, h := range c.closures {
		if o, ok := h.On(y); ok && o == d {
			return true
		}
	}
	return false
}

// Holidays returns the legal holidays of year y, by date, with their names
// and sources. Ordinary Sundays are not listed; Easter Sunday is.
func (c *Calendar) Holidays(y int) []Occurrence { return c.occurrences(c.holidays, y, false) }

// Closures returns the office closures of year y, by date, leaving out those
// that fall on a legal holiday Holidays lists for y: that day moves terms
// anyway, and the holiday is its name. So Venezia's San Marco (25 April,
// Festa della Liberazione) is never listed, and Bologna's San Petronio (4
// October) is listed until 2025 and not from 2026 (San Francesco d'Assisi,
// L. 151/2025). A closure on an ordinary Sunday is listed.
func (c *Calendar) Closures(y int) []Occurrence { return c.occurrences(c.closures, y, true) }

// occurrences returns the days of hs in year y, by date; for closures, those
// on a legal holiday of c are left out.
func (c *Calendar) occurrences(hs []Holiday, y int, closure bool) []Occurrence {
	var out []Occurrence
	for _, h := range hs {
		d, ok := h.On(y)
		if !ok {
			continue
		}
		if closure {
			if _, holiday := c.holidayOn(d); holiday {
				continue
			}
		}
		out = append(out, Occurrence{Date: d, Name: h.Name, Source: h.Source, Closure: closure})
	}
	slices.SortStableFunc(out, func(a, b Occurrence) int { return a.Date.Compare(b.Date) })
	return out
}

// holidayOn returns the legal holiday falling on d, if any.
func (c *Calendar) holidayOn(d Date) (Holiday, bool) {
	y := d.Year()
	for _, h := range c.holidays {
		if o, ok := h.On(y); ok && o == d {
			return h, true
		}
	}
	return Holiday{}, false
}

// Size returns the bytes used by the precomputed day tables of c (shared
// tables are counted once).
func (c *Calendar) Size() int {
	n := 8 * (len(c.legal) + len(c.court))
	if len(c.closures) > 0 {
		n += 8 * len(c.office)
	}
	return n
}
