package deadline

import (
	"time"

	"github.com/puntodiascolto/ascolto/law"
)

// Holiday is a rule that makes one day a year a holiday (or, in a
// calendar's closures, a day the offices are closed), with its legal source
// and the years in which it applied. It is a value: the law's changes are
// new Holiday values with other years, not edits.
//
// Exactly one way of placing the day is used: Easter (a day Offset days from
// Easter Sunday), Nth (the Nth Weekday of Month), or a fixed Month and Day.
type Holiday struct {
	// Name is the Italian name of the day: "Festa della Repubblica".
	Name string `json:"name"`
	// Month and Day place a fixed-date holiday; Month also serves Nth.
	Month time.Month `json:"month,omitempty"`
	Day   int        `json:"day,omitempty"`
	// Nth and Weekday place the holiday on the Nth Weekday of Month
	// (1 is the first): the first Sunday of June.
	Nth     int          `json:"nth,omitempty"`
	Weekday time.Weekday `json:"weekday,omitempty"`
	// Easter places the holiday Offset days after Easter Sunday of the
	// Gregorian computus: 1 is Easter Monday.
	Easter bool `json:"easter,omitempty"`
	Offset int  `json:"offset,omitempty"`
	// From and Until are the first and last years in which the rule holds;
	// 0 leaves that side open.
	From  int `json:"from,omitempty"`
	Until int `json:"until,omitempty"`
	// Source is the provision that makes the day a holiday (or closed).
	Source law.Citation `json:"source"`
}

// Once returns a Holiday that falls on d only: a one-year national holiday,
// or an office closure for a single day.
func Once(name string, d Date, source law.Citation) Holiday {
	y, m, dd := d.Date()
	return Holiday{Name: name, Month: m, Day: dd, From: y, Until: y, Source: source}
}

// In reports whether the rule holds in year y.
func (h Holiday) In(y int) bool {
	return (h.From == 0 || y >= h.From) && (h.Until == 0 || y <= h.Until)
}

// On returns the day on which h falls in year y, and false if h does not
// hold that year (or names a day the year does not have).
func (h Holiday) On(y int) (Date, bool) {
	if !h.In(y) || y < MinYear || y > MaxYear {
		return Date{}, false
	}
	var d Date
	switch {
	case h.Easter:
		d = Easter(y).AddDays(h.Offset)
	case h.Nth > 0:
		if h.Month < time.January || h.Month > time.December || h.Nth > 5 || h.Weekday < time.Sunday || h.Weekday > time.Saturday {
			return Date{}, false
		}
		first := Date{fromCivil(y, h.Month, 1)}
		d = first.AddDays((int(h.Weekday)-int(first.Weekday())+7)%7 + 7*(h.Nth-1))
		if d.Month() != h.Month {
			return Date{}, false
		}
	default:
		dd, err := NewDate(y, h.Month, h.Day)
		if err != nil {
			return Date{}, false
		}
		d = dd
	}
	return d, !d.IsZero()
}

// Easter returns Easter Sunday of year y by the Gregorian computus
// (the "anonymous" algorithm of Meeus, Jones and Butcher), or the zero Date
// for years outside 1583..9999.
func Easter(y int) Date {
	if y < 1583 || y > MaxYear {
		return Date{}
	}
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return Date{fromCivil(y, time.Month(month), day)}
}

// Occurrence is a holiday or closure on a given day of a given year.
type Occurrence struct {
	// Date is the day.
	Date Date `json:"date"`
	// Name is the Italian name of the day.
	Name string `json:"name"`
	// Source is the provision behind it.
	Source law.Citation `json:"source"`
	// Closure is true for an office closure that does not move legal terms
	// (a patron saint's day outside Rome, a day an office chose to close).
	Closure bool `json:"closure,omitempty"`
}

// Citations of the holiday laws.
var (
	citeL260Art1 = law.Citation{Act: "L. 260/1949", Article: "1", URN: "urn:nir:stato:legge:1949-05-27;260"}
	citeL260Art2 = law.Citation{Act: "L. 260/1949", Article: "2", URN: "urn:nir:stato:legge:1949-05-27;260"}
	citeL54Art1  = law.Citation{Act: "L. 54/1977", Article: "1", URN: "urn:nir:stato:legge:1977-03-05;54"}
	citeDPR792   = law.Citation{Act: "DPR 792/1985", Article: "1", URN: "urn:nir:presidente.repubblica:decreto:1985-12-28;792"}
	citeL336     = law.Citation{Act: "L. 336/2000", Article: "1", URN: "urn:nir:stato:legge:2000-11-20;336"}
	citeL151     = law.Citation{Act: "L. 151/2025", Article: "1", Comma: "2", URN: "urn:nir:stato:legge:2025-10-08;151"}
	citeDL5_2011 = law.Citation{Act: "D.L. 5/2011", Article: "1", Comma: "1", Note: "conv. L. 47/2011", URN: "urn:nir:stato:decreto.legge:2011-02-22;5"}
)

// nationalHolidays returns the national legal holidays of RULES.md §2 with
// their history, Sundays excluded (every Sunday is a holiday: L. 260/1949
// art. 2). L. 54/1977 entered into force on 8 March 1977 (art. 4; GU 63 of
// 7 March 1977): 6 January 1977 was still a holiday, 19 March 1977 was not.
func nationalHolidays() []Holiday {
	return []Holiday{
		{Name: "Capodanno", Month: time.January, Day: 1, Source: citeL260Art2},
		{Name: "Epifania", Month: time.January, Day: 6, Until: 1977, Source: citeL260Art2},
		{Name: "Epifania", Month: time.January, Day: 6, From: 1986, Source: citeDPR792},
		{Name: "San Giuseppe", Month: time.March, Day: 19, Until: 1976, Source: citeL260Art2},
		{Name: "150° anniversario dell'Unità d'Italia", Month: time.March, Day: 17, From: 2011, Until: 2011, Source: citeDL5_2011},
		{Name: "Pasqua", Easter: true, Offset: 0, Source: citeL260Art2},
		{Name: "Lunedì dell'Angelo", Easter: true, Offset: 1, Source: citeL260Art2},
		{Name: "Festa della Liberazione", Month: time.April, Day: 25, Source: citeL260Art2},
		{Name: "Festa del Lavoro", Month: time.May, Day: 1, Source: citeL260Art2},
		{Name: "Ascensione", Easter: true, Offset: 39, Until: 1976, Source: citeL260Art2},
		{Name: "Corpus Domini", Easter: true, Offset: 60, Until: 1976, Source: citeL260Art2},
		{Name: "Festa della Repubblica", Month: time.June, Day: 2, Until: 1976, Source: citeL260Art1},
		{Name: "Festa della Repubblica", Month: time.June, Nth: 1, Weekday: time.Sunday, From: 1977, Until: 2000, Source: citeL54Art1.WithNote("prima domenica di giugno")},
		{Name: "Festa della Repubblica", Month: time.June, Day: 2, From: 2001, Source: citeL336},
		{Name: "Santi Pietro e Paolo", Month: time.June, Day: 29, Until: 1976, Source: citeL260Art2},
		{Name: "Assunzione", Month: time.August, Day: 15, Source: citeL260Art2},
		{Name: "San Francesco d'Assisi", Month: time.October, Day: 4, From: 2026, Source: citeL151},
		{Name: "Ognissanti", Month: time.November, Day: 1, Source: citeL260Art2},
		{Name: "Giorno dell'Unità nazionale", Month: time.November, Day: 4, Until: 1976, Source: citeL260Art2},
		{Name: "Festa dell'Unità nazionale", Month: time.November, Nth: 1, Weekday: time.Sunday, From: 1977, Source: citeL54Art1.WithNote("prima domenica di novembre")},
		{Name: "Immacolata Concezione", Month: time.December, Day: 8, Source: citeL260Art2},
		{Name: "Natale", Month: time.December, Day: 25, Source: citeL260Art2},
		{Name: "Santo Stefano", Month: time.December, Day: 26, Source: citeL260Art2},
	}
}

// romeHoliday is 29 June in Rome (DPR 792/1985, in force 1 January 1986).
func romeHoliday() Holiday {
	return Holiday{Name: "Santi Pietro e Paolo (Roma)", Month: time.June, Day: 29, From: 1986, Source: citeDPR792.WithNote("per il comune di Roma")}
}
