package deadline

import (
	"errors"
	"fmt"
	"time"
)

// ErrInvalidDate is wrapped by every error about a date that does not exist
// or cannot be read: "2026-02-30", "31/04/2026", "domani", a year outside
// 1..9999.
var ErrInvalidDate = errors.New("deadline: invalid date")

// ParseError reports a string that is not a date in one of the accepted
// forms. It wraps ErrInvalidDate.
type ParseError struct {
	// Input is the string that could not be parsed.
	Input string
	// Reason says what is wrong with it, in English.
	Reason string
}

// Error implements error.
func (e *ParseError) Error() string {
	return fmt.Sprintf("deadline: invalid date %q: %s", e.Input, e.Reason)
}

// Unwrap returns ErrInvalidDate, so that errors.Is(err, ErrInvalidDate) holds.
func (e *ParseError) Unwrap() error { return ErrInvalidDate }

const (
	// MinYear and MaxYear bound the years a Date can hold.
	MinYear = 1
	MaxYear = 9999

	// dayMax is the day number of 9999-12-31; day 1 is 0001-01-01.
	dayMax = 3652059
)

// Date is a civil date of the proleptic Gregorian calendar, without time of
// day or zone: the unit in which Italian law counts terms.
//
// A Date is a small value (an int32 day number): compare it with ==, <
// through Before/After/Compare, and use it as a map key. The zero Date is "no
// date"; IsZero reports it, arithmetic on it yields the zero Date, and it
// marshals to JSON null. Dates range from 0001-01-01 to 9999-12-31;
// arithmetic that would leave that range yields the zero Date.
type Date struct {
	n int32 // days since 0000-12-31: 0001-01-01 is 1; 0 is no date
}

// NewDate returns the date y-m-d. It returns an error wrapping
// ErrInvalidDate if there is no such day (30 February, month 13, year 0).
func NewDate(y int, m time.Month, d int) (Date, error) {
	if y < MinYear || y > MaxYear {
		return Date{}, fmt.Errorf("%w: year %d outside %d..%d", ErrInvalidDate, y, MinYear, MaxYear)
	}
	if m < time.January || m > time.December {
		return Date{}, fmt.Errorf("%w: month %d", ErrInvalidDate, int(m))
	}
	if d < 1 || d > daysIn(y, m) {
		return Date{}, fmt.Errorf("%w: %04d-%02d-%02d: %s has %d days", ErrInvalidDate, y, int(m), d, monthNames[m-1], daysIn(y, m))
	}
	return Date{fromCivil(y, m, d)}, nil
}

// MustDate is NewDate for dates known to exist (tables, tests, examples):
// it panics if y-m-d is not a date.
func MustDate(y int, m time.Month, d int) Date {
	dt, err := NewDate(y, m, d)
	if err != nil {
		panic(err)
	}
	return dt
}

// isLeap reports whether y is a leap year of the Gregorian calendar.
func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// daysIn returns the number of days of month m of year y.
func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// fromCivil returns the day number of y-m-d (a valid date).
// Algorithm: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms".
func fromCivil(y int, m time.Month, d int) int32 {
	if m <= time.February {
		y--
	}
	era := y / 400 // y >= 0 here
	yoe := y - era*400
	mp := (int(m) + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	// days since 0000-03-01, shifted so that 0001-01-01 is 1.
	return int32(era*146097+doe) - 305
}

// civil returns year, month and day of day number n (n >= 1).
func civil(n int32) (int, time.Month, int) {
	z := int(n) + 305 // days since 0000-03-01
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
		y++
	}
	return y, time.Month(m), d
}

// IsZero reports whether d is the zero Date, "no date".
func (d Date) IsZero() bool { return d.n == 0 }

// Date returns the year, month and day of d; zeros for the zero Date.
func (d Date) Date() (year int, month time.Month, day int) {
	if d.n == 0 {
		return 0, 0, 0
	}
	return civil(d.n)
}

// Year returns the year of d (0 for the zero Date).
func (d Date) Year() int { y, _, _ := d.Date(); return y }

// Month returns the month of d (0 for the zero Date).
func (d Date) Month() time.Month { _, m, _ := d.Date(); return m }

// Day returns the day of the month of d (0 for the zero Date).
func (d Date) Day() int { _, _, dd := d.Date(); return dd }

// Weekday returns the day of the week of d. 0001-01-01 was a Monday.
// The zero Date reports Sunday.
func (d Date) Weekday() time.Weekday { return time.Weekday(d.n % 7) }

// YearDay returns the day of the year of d, 1 to 366 (0 for the zero Date).
func (d Date) YearDay() int {
	if d.n == 0 {
		return 0
	}
	return int(d.n-fromCivil(d.Year(), time.January, 1)) + 1
}

// AddDays returns d moved by n calendar days (n may be negative). It returns
// the zero Date if d is zero or the result falls outside 0001-01-01..9999-12-31.
func (d Date) AddDays(n int) Date {
	if d.n == 0 {
		return Date{}
	}
	r := int64(d.n) + int64(n)
	if n > dayMax || n < -dayMax || r < 1 || r > dayMax {
		return Date{}
	}
	return Date{int32(r)}
}

// AddMonths returns the same-numbered day n months after d (before, if n is
// negative), or the last day of that month if it is shorter: 31 January + 1
// month is 28 February, or 29 in a leap year (art. 2963 c. 4-5 c.c.). It
// returns the zero Date if d is zero or the result is out of range.
func (d Date) AddMonths(n int) Date {
	if d.n == 0 || n > 12*MaxYear || n < -12*MaxYear {
		return Date{}
	}
	y, m, day := civil(d.n)
	t := y*12 + int(m-1) + n
	ny, nm := t/12, time.Month(t%12+1)
	if t < 0 || ny < MinYear || ny > MaxYear {
		return Date{}
	}
	if max := daysIn(ny, nm); day > max {
		day = max
	}
	return Date{fromCivil(ny, nm, day)}
}

// AddYears returns d moved by n years, with the rule of AddMonths: 29 February
// + 1 year is 28 February.
func (d Date) AddYears(n int) Date {
	if n > MaxYear || n < -MaxYear {
		return Date{}
	}
	return d.AddMonths(12 * n)
}

// Sub returns the number of days from o to d: positive if d is after o.
func (d Date) Sub(o Date) int { return int(d.n) - int(o.n) }

// Before reports whether d is before o.
func (d Date) Before(o Date) bool { return d.n < o.n }

// After reports whether d is after o.
func (d Date) After(o Date) bool { return d.n > o.n }

// Compare returns -1, 0 or +1 as d is before, equal to or after o. The zero
// Date sorts before every date.
func (d Date) Compare(o Date) int {
	switch {
	case d.n < o.n:
		return -1
	case d.n > o.n:
		return 1
	}
	return 0
}

// Time returns midnight at the start of d in loc (UTC if loc is nil).
func (d Date) Time(loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	y, m, dd := d.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, loc)
}

// String returns d in ISO 8601, "2026-10-04", or "" for the zero Date.
func (d Date) String() string {
	if d.n == 0 {
		return ""
	}
	var b [10]byte
	return string(d.appendISO(b[:0]))
}

// Italian returns d as Italian documents write it, "04/10/2026", or "" for
// the zero Date.
func (d Date) Italian() string {
	if d.n == 0 {
		return ""
	}
	var b [10]byte
	return string(d.appendItalian(b[:0]))
}

func appendDigits(b []byte, v, width int) []byte {
	var tmp [4]byte
	for i := width - 1; i >= 0; i-- {
		tmp[i] = byte('0' + v%10)
		v /= 10
	}
	return append(b, tmp[:width]...)
}

func (d Date) appendISO(b []byte) []byte {
	y, m, dd := civil(d.n)
	b = appendDigits(b, y, 4)
	b = append(b, '-')
	b = appendDigits(b, int(m), 2)
	b = append(b, '-')
	return appendDigits(b, dd, 2)
}

func (d Date) appendItalian(b []byte) []byte {
	y, m, dd := civil(d.n)
	b = appendDigits(b, dd, 2)
	b = append(b, '/')
	b = appendDigits(b, int(m), 2)
	b = append(b, '/')
	return appendDigits(b, y, 4)
}

// ParseDate reads a date in ISO 8601 form, "2026-10-04" (exactly four, two
// and two digits), or in the Italian form, "04/10/2026" or "4/10/2026" (day
// and month of one or two digits, a four-digit year). Surrounding spaces are
// not accepted. Errors are *ParseError values wrapping ErrInvalidDate.
func ParseDate(s string) (Date, error) {
	fail := func(reason string) (Date, error) {
		return Date{}, &ParseError{Input: s, Reason: reason}
	}
	var y, m, d int
	var ok bool
	switch {
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		if y, ok = digits(s[0:4]); !ok {
			return fail("year is not four digits")
		}
		if m, ok = digits(s[5:7]); !ok {
			return fail("month is not two digits")
		}
		if d, ok = digits(s[8:10]); !ok {
			return fail("day is not two digits")
		}
	default:
		i := indexByte(s, '/')
		if i < 1 || i > 2 {
			return fail("want YYYY-MM-DD or DD/MM/YYYY")
		}
		j := indexByte(s[i+1:], '/')
		if j < 1 || j > 2 {
			return fail("want YYYY-MM-DD or DD/MM/YYYY")
		}
		j += i + 1
		if len(s)-j-1 != 4 {
			return fail("year is not four digits")
		}
		if d, ok = digits(s[:i]); !ok {
			return fail("day is not a number")
		}
		if m, ok = digits(s[i+1 : j]); !ok {
			return fail("month is not a number")
		}
		if y, ok = digits(s[j+1:]); !ok {
			return fail("year is not four digits")
		}
	}
	if y < MinYear {
		return fail("year 0000 does not exist")
	}
	if m < 1 || m > 12 {
		return fail(fmt.Sprintf("month %d does not exist", m))
	}
	if d < 1 || d > daysIn(y, time.Month(m)) {
		return fail(fmt.Sprintf("%s %d has %d days", monthNames[m-1], y, daysIn(y, time.Month(m))))
	}
	return Date{fromCivil(y, time.Month(m), d)}, nil
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// digits parses s, one to four ASCII digits.
func digits(s string) (int, bool) {
	if len(s) == 0 || len(s) > 4 {
		return 0, false
	}
	v := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

var monthNames = [12]string{
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
}

// MarshalText implements encoding.TextMarshaler: ISO 8601, empty for the
// zero Date.
func (d Date) MarshalText() ([]byte, error) {
	if d.n == 0 {
		return []byte{}, nil
	}
	return d.appendISO(make([]byte, 0, 10)), nil
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts what
// ParseDate accepts; empty text gives the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalJSON implements json.Marshaler: "2026-10-04", or null for the zero
// Date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.n == 0 {
		return []byte("null"), nil
	}
	b := make([]byte, 0, 12)
	b = append(b, '"')
	b = d.appendISO(b)
	return append(b, '"'), nil
}

// UnmarshalJSON implements json.Unmarshaler. It accepts null (the zero
// Date), "" (the zero Date) and a string ParseDate accepts.
func (d *Date) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		*d = Date{}
		return nil
	}
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return &ParseError{Input: s, Reason: "JSON date must be a string or null"}
	}
	return d.UnmarshalText(b[1 : len(b)-1])
}

var (
	_ fmt.Stringer = Date{}
)
