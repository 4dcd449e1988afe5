package deadline

import (
	"errors"
	"testing"
	"time"
)

// FuzzParseDate: any input either parses to a date that formats back to
// itself, in agreement with the time package, or fails with a *ParseError
// wrapping ErrInvalidDate. Never a panic, never a silently wrong date.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-10-04", "04/10/2026", "4/1/2026", "2026-02-30", "29/02/2024", "29/02/2025",
		"0000-01-01", "9999-12-31", "31/12/9999", "", "domani", "2026-1-4", "1/1/0001", "00/00/0000", "-1/10/2026"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			var pe *ParseError
			if !errors.Is(err, ErrInvalidDate) || !errors.As(err, &pe) || pe.Input != s || !d.IsZero() {
				t.Fatalf("ParseDate(%q): bad error %v (date %v)", s, err, d)
			}
			if len(s) == 10 && s[4] == '-' {
				if tm, terr := time.Parse("2006-01-02", s); terr == nil && tm.Year() >= 1 {
					t.Fatalf("ParseDate(%q) refused a date time.Parse accepts: %v", s, err)
				}
			}
			return
		}
		if d.IsZero() {
			t.Fatalf("ParseDate(%q) gave the zero Date without error", s)
		}
		y, m, dd := d.Date()
		if back, err := NewDate(y, m, dd); err != nil || back != d {
			t.Fatalf("ParseDate(%q) = %v does not round-trip through NewDate", s, d)
		}
		for _, form := range []string{d.String(), d.Italian()} {
			if back, err := ParseDate(form); err != nil || back != d {
				t.Fatalf("ParseDate(%q) = %v, but %q reads back as %v, %v", s, d, form, back, err)
			}
		}
		layout := "2006-01-02"
		if len(s) != 10 || s[4] != '-' {
			layout = "2/1/2006"
		}
		tm, terr := time.Parse(layout, s)
		if terr != nil || tm.Year() != y || tm.Month() != m || tm.Day() != dd {
			t.Fatalf("ParseDate(%q) = %v, time.Parse(%q) = %v, %v", s, d, layout, tm, terr)
		}
		var j Date
		if err := j.UnmarshalJSON([]byte(`"` + s + `"`)); err != nil || j != d {
			t.Fatalf("UnmarshalJSON of %q: %v, %v", s, j, err)
		}
	})
}

// FuzzCompute: random terms, suspensions and restarts either give a typed
// error or an expiry that Explain and Expiry agree on, that is not before
// the start and not a day the term's rules forbid.
func FuzzCompute(f *testing.F) {
	f.Add(int32(739677), 30, uint8(0), uint8(0), false, 3, 7, 0, -1, uint8(0))
	f.Add(int32(739818), 30, uint8(0), uint8(1), false, 0, 0, 0, -1, uint8(0))
	f.Add(int32(739677), 1, uint8(2), uint8(1), false, 5, 40, 10, 2, uint8(0))
	f.Add(int32(739677), 15, uint8(0), uint8(0), true, 2, 2, 0, -1, uint8(0))
	f.Add(int32(739677), 5, uint8(1), uint8(0), false, 1, 3, 0, 1, uint8(0x1f))
	f.Add(int32(739677), -1, uint8(0), uint8(0), false, 0, 0, 0, -1, uint8(0))
	f.Add(int32(739677), 30, uint8(9), uint8(4), false, -3, -2, -1, -5, uint8(0))
	f.Add(int32(3652000), 300, uint8(3), uint8(1), false, 0, 0, 0, -1, uint8(0))
	f.Fuzz(func(t *testing.T, start int32, length int, unit, kind uint8, dilatory bool, susOff, susLen, cap, restartOff int, rules uint8) {
		if start < 0 || start > dayMax {
			start = 0
		}
		s := Spec{Start: Date{start}, Term: Term{Length: length, Unit: Unit(unit), Kind: Kind(kind), Dilatory: dilatory}}
		if rules&0x80 == 0 && rules != 0 {
			s.Term.Rules = &Rules{
				HolidayExtension:  rules&1 != 0,
				SaturdayExtension: rules&2 != 0,
				AugustSuspension:  rules&4 != 0,
				LegalSuspensions:  rules&8 != 0,
				SaturdayWorking:   rules&16 != 0,
			}
		}
		if susLen != 0 || susOff != 0 {
			s.Suspensions = []Suspension{{From: s.Start.AddDays(susOff % 4000), To: s.Start.AddDays((susOff + susLen) % 4000), Cap: cap % 100}}
		}
		if restartOff >= 0 {
			s.Restart = &Restart{On: s.Start.AddDays(restartOff % 4000)}
		}
		if s.Term.Unit == WorkingDays && s.Term.Length > 20000 {
			return // keep each run short: long working-day terms are linear
		}
		c := Rome()
		due, err := c.Compute(s)
		x, xerr := c.Explain(s)
		if (err == nil) != (xerr == nil) {
			t.Fatalf("Compute error %v, Explain error %v", err, xerr)
		}
		if err != nil {
			if !errors.Is(err, ErrInvalidTerm) && !errors.Is(err, ErrInvalidSuspension) &&
				!errors.Is(err, ErrInvalidRestart) && !errors.Is(err, ErrOutOfRange) {
				t.Fatalf("untyped error: %v", err)
			}
			if !due.IsZero() {
				t.Fatalf("error %v with date %v", err, due)
			}
			return
		}
		if due.IsZero() || due.Before(s.Start) {
			t.Fatalf("expiry %v for start %v", due, s.Start)
		}
		if x.Due != due {
			t.Fatalf("Explain %v, Compute %v\n%s", x.Due, due, x)
		}
		if why := forbidden(c, s.Term, due); why != "" {
			t.Fatalf("expiry %v is %s", due, why)
		}
		if len(s.Suspensions) == 0 && s.Restart == nil {
			fast, err := c.Expiry(s.Start, s.Term)
			if err != nil || fast != due {
				t.Fatalf("Expiry %v, %v; Compute %v", fast, err, due)
			}
		}
	})
}
