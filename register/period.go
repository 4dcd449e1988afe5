package register

import (
	"errors"
	"fmt"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
)

// ErrInvalidPeriod is wrapped by the errors of the Period constructors.
var ErrInvalidPeriod = errors.New("register: invalid period")

// Period is a span of civil days, both ends included: a quarter (the
// register "da pubblicare con cadenza trimestrale", Circolare FP 2/2017 All.
// 3 §4), a semester (ANAC 1309/2016 §9: at least every six months), or any
// custom range.
type Period struct {
	From deadline.Date `json:"from"`
	To   deadline.Date `json:"to"`
}

// Quarter returns quarter q (1 to 4) of year y: 1 January-31 March, and so on.
func Quarter(y, q int) (Period, error) {
	if q < 1 || q > 4 {
		return Period{}, fmt.Errorf("%w: quarter %d", ErrInvalidPeriod, q)
	}
	return months(y, 3*(q-1)+1, 3)
}

// Semester returns semester s (1 or 2) of year y.
func Semester(y, s int) (Period, error) {
	if s < 1 || s > 2 {
		return Period{}, fmt.Errorf("%w: semester %d", ErrInvalidPeriod, s)
	}
	return months(y, 6*(s-1)+1, 6)
}

// Year returns the calendar year y.
func Year(y int) (Period, error) { return months(y, 1, 12) }

func months(y, first, n int) (Period, error) {
	from, err := deadline.NewDate(y, time.Month(first), 1)
	if err != nil {
		return Period{}, fmt.Errorf("%w: %v", ErrInvalidPeriod, err)
	}
	to := from.AddMonths(n).AddDays(-1)
	return Period{From: from, To: to}, nil
}

// NewPeriod returns the custom period [from, to], or an error if a date is
// missing or to precedes from.
func NewPeriod(from, to deadline.Date) (Period, error) {
	p := Period{From: from, To: to}
	return p, p.Validate()
}

// MustQuarter is Quarter for periods written in the source: it panics on a
// bad quarter.
func MustQuarter(y, q int) Period {
	p, err := Quarter(y, q)
	if err != nil {
		panic(err)
	}
	return p
}

// Validate reports an error if p lacks a date or ends before it starts.
func (p Period) Validate() error {
	if p.From.IsZero() || p.To.IsZero() {
		return fmt.Errorf("%w: both dates are required", ErrInvalidPeriod)
	}
	if p.To.Before(p.From) {
		return fmt.Errorf("%w: %s ends before it starts", ErrInvalidPeriod, p)
	}
	return nil
}

// Contains reports whether d falls within p (false for the zero Date).
func (p Period) Contains(d deadline.Date) bool {
	return !d.IsZero() && !d.Before(p.From) && !d.After(p.To)
}

// Days returns the number of days in p.
func (p Period) Days() int { return p.To.Sub(p.From) + 1 }

// shape recognises calendar quarters, semesters and years: it returns the
// number of months (3, 6, 12) and the index within the year, or 0.
func (p Period) shape() (months, index int) {
	y, m, d := p.From.Date()
	if d != 1 {
		return 0, 0
	}
	for _, n := range []int{3, 6, 12} {
		if (int(m)-1)%n == 0 && p.To == p.From.AddMonths(n).AddDays(-1) {
			_ = y
			return n, (int(m)-1)/n + 1
		}
	}
	return 0, 0
}

// Previous returns the period before p: the previous quarter, semester or
// year when p is one, else the span of the same length ending the day
// before p starts.
func (p Period) Previous() Period {
	if n, _ := p.shape(); n > 0 {
		from := p.From.AddMonths(-n)
		return Period{From: from, To: p.From.AddDays(-1)}
	}
	return Period{From: p.From.AddDays(-p.Days()), To: p.From.AddDays(-1)}
}

// String returns the period in Italian: "I trimestre 2026", "II semestre
// 2026", "anno 2026", or "dal 05/01/2026 al 20/02/2026".
func (p Period) String() string {
	n, i := p.shape()
	y := p.From.Year()
	switch n {
	case 3:
		return fmt.Sprintf("%s trimestre %d", [...]string{"I", "II", "III", "IV"}[i-1], y)
	case 6:
		return fmt.Sprintf("%s semestre %d", [...]string{"I", "II"}[i-1], y)
	case 12:
		return fmt.Sprintf("anno %d", y)
	}
	return fmt.Sprintf("dal %s al %s", p.From.Italian(), p.To.Italian())
}

// Slug returns a name for files: "2026-T1", "2026-S2", "2026",
// "2026-01-05_2026-02-20".
func (p Period) Slug() string {
	n, i := p.shape()
	y := p.From.Year()
	switch n {
	case 3:
		return fmt.Sprintf("%d-T%d", y, i)
	case 6:
		return fmt.Sprintf("%d-S%d", y, i)
	case 12:
		return fmt.Sprintf("%d", y)
	}
	return p.From.String() + "_" + p.To.String()
}
