package deadline

import (
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/law"
	"github.com/stretchr/testify/require"
)

// propertyTerms are the terms checked over every start day 1977-2100.
var propertyTerms = []Term{
	{Name: "30 giorni amministrativi", Length: 30},
	{Name: "10 giorni amministrativi", Length: 10},
	{Name: "30 giorni giurisdizionali", Length: 30, Kind: Court},
	{Name: "60 giorni giurisdizionali", Length: 60, Kind: Court},
	{Name: "1 mese giurisdizionale", Length: 1, Unit: Months, Kind: Court},
	{Name: "6 mesi amministrativi", Length: 6, Unit: Months},
	{Name: "1 anno giurisdizionale", Length: 1, Unit: Years, Kind: Court},
	{Name: "10 giorni lavorativi", Length: 10, Unit: WorkingDays},
	{Name: "15 giorni dilatori", Length: 15, Dilatory: true},
	{Name: "0 giorni", Length: 0, Kind: Court},
}

// forbidden says why an expiry of t on day e breaks t's rules, or "".
func forbidden(c *Calendar, t Term, e Date) string {
	if t.Dilatory {
		return ""
	}
	r := t.rules()
	if r.HolidayExtension && c.IsHoliday(e) {
		return "a holiday"
	}
	if r.SaturdayExtension && e.Weekday() == time.Saturday && !e.Before(saturdayRuleFrom) {
		return "a Saturday for a court term"
	}
	return ""
}

// TestPropertiesEveryDay checks, for every start day from 1977 to 2100 and
// every term of propertyTerms, on Rome's calendar:
//   - Expiry, Compute and Explain agree;
//   - the expiry is never a day the term's rules forbid;
//   - a later start never gives an earlier expiry;
//   - a suspension never shortens the term.
func TestPropertiesEveryDay(t *testing.T) {
	c := Rome()
	first, last := MustDate(1977, 1, 1), MustDate(2100, 12, 31)
	for _, term := range propertyTerms {
		t.Run(term.Name, func(t *testing.T) {
			var prev Date
			for s := first; !s.After(last); s = s.AddDays(1) {
				spec := Spec{Start: s, Term: term}
				fast, err1 := c.Expiry(s, term)
				full, err2 := c.Compute(spec)
				x, err3 := c.Explain(spec)
				if err1 != nil || err2 != nil || err3 != nil {
					t.Fatalf("start %s: %v, %v, %v", s, err1, err2, err3)
				}
				if fast != full {
					t.Fatalf("start %s: Expiry %s, Compute %s", s, fast, full)
				}
				if x.Due != full {
					t.Fatalf("start %s: Explain %s, Compute %s\n%s", s, x.Due, full, x)
				}
				if why := forbidden(c, term, full); why != "" {
					t.Fatalf("start %s: expiry %s is %s", s, full, why)
				}
				if full.Before(prev) {
					t.Fatalf("start %s: expiry %s is before the previous day's %s", s, full, prev)
				}
				prev = full
				if !full.After(s) && term.Length > 0 {
					t.Fatalf("start %s: expiry %s not after the start", s, full)
				}
				// A suspension starting on the 3rd day of the term, of
				// (day of year mod 9) days, never shortens it.
				k := s.YearDay() % 9
				spec.Suspensions = []Suspension{{From: s.AddDays(3), To: s.AddDays(3 + k)}}
				longer, err := c.Compute(spec)
				if err != nil {
					t.Fatalf("start %s: %v", s, err)
				}
				if longer.Before(full) {
					t.Fatalf("start %s: suspension of %d days gives %s, before %s", s, k, longer, full)
				}
				if why := forbidden(c, term, longer); why != "" {
					t.Fatalf("start %s: suspended expiry %s is %s", s, longer, why)
				}
				if s.YearDay()%5 == 0 { // Explain with a suspension, on a fifth of the days
					lx, err := c.Explain(spec)
					if err != nil || lx.Due != longer {
						t.Fatalf("start %s: suspended Explain %s (%v), Compute %s\n%s", s, lx.Due, err, longer, lx)
					}
				}
			}
		})
	}
}

// TestPropertiesLegalSuspension: with a legal suspension on the calendar,
// administrative terms still agree across entry points, never end on a
// holiday, never get shorter, and are monotone.
func TestPropertiesLegalSuspension(t *testing.T) {
	c, err := Rome().WithSuspensions(LegalSuspension{From: MustDate(2020, 2, 23), To: MustDate(2020, 5, 15),
		Kind: Administrative, Name: "sospensione COVID-19", Source: law.Cite("D.L. 18/2020", "103", "1")})
	require.NoError(t, err)
	for _, term := range []Term{{Length: 30}, {Length: 2, Unit: Months}, {Length: 5, Unit: WorkingDays}} {
		var prev Date
		for s := MustDate(2019, 10, 1); s.Before(MustDate(2020, 9, 1)); s = s.AddDays(1) {
			fast, err := c.Expiry(s, term)
			require.NoError(t, err)
			x, err := c.Explain(Spec{Start: s, Term: term})
			require.NoError(t, err)
			require.Equal(t, fast, x.Due, "start %s", s)
			plain, err := Rome().Expiry(s, term)
			require.NoError(t, err)
			require.False(t, fast.Before(plain), "start %s: %s before %s", s, fast, plain)
			require.False(t, fast.Before(prev), "start %s", s)
			require.Empty(t, forbidden(c, term, fast))
			prev = fast
		}
	}
}
