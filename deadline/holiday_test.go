package deadline

import (
	"testing"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/aa"
	"github.com/rickar/cal/v2/it"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEasterComputus checks the Gregorian computus against rickar/cal for
// every year it can compute, and against known dates.
func TestEasterComputus(t *testing.T) {
	known := map[int]Date{
		1977: MustDate(1977, 4, 10), 1986: MustDate(1986, 3, 30), 2000: MustDate(2000, 4, 23),
		2008: MustDate(2008, 3, 23), 2011: MustDate(2011, 4, 24), 2019: MustDate(2019, 4, 21),
		2024: MustDate(2024, 3, 31), 2025: MustDate(2025, 4, 20), 2026: MustDate(2026, 4, 5),
		2027: MustDate(2027, 3, 28), 2038: MustDate(2038, 4, 25), 2285: MustDate(2285, 3, 22),
	}
	for y, want := range known {
		assert.Equal(t, want, Easter(y), "Easter %d", y)
	}
	for y := 1583; y <= 4099; y++ {
		monday, _ := aa.EasterMonday.Calc(y)
		ey, em, ed := monday.Date()
		require.Equal(t, MustDate(ey, em, ed), Easter(y).AddDays(1), "Easter Monday %d", y)
		e := Easter(y)
		require.Equal(t, time.Sunday, e.Weekday(), "Easter %d", y)
		require.True(t, !e.Before(MustDate(y, 3, 22)) && !e.After(MustDate(y, 4, 25)), "Easter %d on %s", y, e)
	}
	assert.True(t, Easter(1582).IsZero())
	assert.True(t, Easter(10000).IsZero())
}

// TestHolidayHistory checks the days the law made and unmade holidays, with
// the year before and after each change (RULES.md §2).
func TestHolidayHistory(t *testing.T) {
	it, rome := Italy(), Rome()
	tests := []struct {
		name    string
		day     Date
		italy   bool
		rome    bool
		weekday time.Weekday
	}{
		{"L54_1977_Epifania1977StillHolidayBeforeTheLawInForce8March", MustDate(1977, 1, 6), true, true, time.Thursday},
		{"L54_1977_Epifania1978NotHoliday", MustDate(1978, 1, 6), false, false, time.Friday},
		{"L54_1977_Epifania1985IsOnlyASunday", MustDate(1985, 1, 6), true, true, time.Sunday},
		{"L54_1977_Epifania1984NotHoliday", MustDate(1984, 1, 6), false, false, time.Friday},
		{"DPR792_1985_Epifania1986Holiday", MustDate(1986, 1, 6), true, true, time.Monday},
		{"L54_1977_SanGiuseppe1977NotHoliday", MustDate(1977, 3, 19), false, false, time.Saturday},
		{"L260_1949_SanGiuseppe1976Holiday", MustDate(1976, 3, 19), true, true, time.Friday},
		{"L54_1977_Ascensione1977NotHoliday", MustDate(1977, 5, 19), false, false, time.Thursday},
		{"L54_1977_TwoJune2000NotHoliday", MustDate(2000, 6, 2), false, false, time.Friday},
		{"L54_1977_FirstSundayOfJune2000", MustDate(2000, 6, 4), true, true, time.Sunday},
		{"L336_2000_TwoJune2001Holiday", MustDate(2001, 6, 2), true, true, time.Saturday},
		{"L336_2000_TwoJune2026Holiday", MustDate(2026, 6, 2), true, true, time.Tuesday},
		{"L260_1949_TwoJune1976Holiday", MustDate(1976, 6, 2), true, true, time.Wednesday},
		{"L54_1977_FourNovember1977NotHoliday", MustDate(1977, 11, 4), false, false, time.Friday},
		{"DL5_2011_SeventeenMarch2011Holiday", MustDate(2011, 3, 17), true, true, time.Thursday},
		{"DL5_2011_SeventeenMarch2012NotHoliday", MustDate(2012, 3, 17), false, false, time.Saturday},
		{"DL5_2011_SeventeenMarch2010NotHoliday", MustDate(2010, 3, 17), false, false, time.Wednesday},
		{"L151_2025_FourOctober2025NotHoliday", MustDate(2025, 10, 4), false, false, time.Saturday},
		{"L151_2025_FourOctober2026Holiday", MustDate(2026, 10, 4), true, true, time.Sunday},
		{"L151_2025_FourOctober2027Holiday", MustDate(2027, 10, 4), true, true, time.Monday},
		{"DPR792_1985_TwentyNineJune1985NotHolidayInRome", MustDate(1985, 6, 29), false, false, time.Saturday},
		{"DPR792_1985_TwentyNineJune1986IsASunday", MustDate(1986, 6, 29), true, true, time.Sunday},
		{"DPR792_1985_TwentyNineJune2026HolidayInRomeOnly", MustDate(2026, 6, 29), false, true, time.Monday},
		{"L260_1949_EasterMonday2026", MustDate(2026, 4, 6), true, true, time.Monday},
		{"L260_1949_EasterMonday2011OnLiberationDay", MustDate(2011, 4, 25), true, true, time.Monday},
		{"L260_1949_SantoStefano2026", MustDate(2026, 12, 26), true, true, time.Saturday},
		{"L260_1949_Assunzione2026", MustDate(2026, 8, 15), true, true, time.Saturday},
		{"L260_1949_OrdinarySaturday", MustDate(2026, 3, 7), false, false, time.Saturday},
		{"L260_1949_EverySunday", MustDate(2026, 3, 8), true, true, time.Sunday},
		{"L260_1949_EverySundayIn2150", MustDate(2150, 3, 1), true, true, time.Sunday},
		{"L151_2025_FourOctober2250OutsideTheTable", MustDate(2250, 10, 4), true, true, time.Friday},
		{"L260_1949_Christmas9999", MustDate(9999, 12, 25), true, true, time.Saturday},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.weekday, tt.day.Weekday(), "hand-checked weekday of %s", tt.day)
			assert.Equal(t, tt.italy, it.IsHoliday(tt.day), "Italy %s", tt.day)
			assert.Equal(t, tt.rome, rome.IsHoliday(tt.day), "Rome %s", tt.day)
		})
	}
}

// TestHolidayTablesMatchRules: the precomputed tables answer exactly as the
// rules for every day of the table range, on every calendar shape.
func TestHolidayTablesMatchRules(t *testing.T) {
	milano, err := ForMunicipality("Milano")
	require.NoError(t, err)
	for _, c := range []*Calendar{Italy(), Rome(), milano} {
		for n := tableBase; n < tableEnd; n++ {
			d := Date{n}
			if c.IsHoliday(d) != c.holidaySlow(d) {
				t.Fatalf("%s: table and rules disagree on %s", c.Name(), d)
			}
			set, _ := c.court.has(d)
			if set != (c.holidaySlow(d) || d.Weekday() == time.Saturday) {
				t.Fatalf("%s: court table wrong on %s", c.Name(), d)
			}
		}
	}
	assert.False(t, Italy().IsHoliday(Date{}))
	assert.False(t, Italy().IsOfficeClosed(Date{}))
}

func TestHolidaysOfAYear(t *testing.T) {
	got := Rome().Holidays(2026)
	var lines []string
	for _, o := range got {
		assert.False(t, o.Source.IsZero(), o.Name)
		assert.False(t, o.Closure)
		lines = append(lines, o.Date.String()+" "+o.Name+" ("+o.Source.String()+")")
	}
	assert.Equal(t, []string{
		"2026-01-01 Capodanno (art. 2 L. 260/1949)",
		"2026-01-06 Epifania (art. 1 DPR 792/1985)",
		"2026-04-05 Pasqua (art. 2 L. 260/1949)",
		"2026-04-06 Lunedì dell'Angelo (art. 2 L. 260/1949)",
		"2026-04-25 Festa della Liberazione (art. 2 L. 260/1949)",
		"2026-05-01 Festa del Lavoro (art. 2 L. 260/1949)",
		"2026-06-02 Festa della Repubblica (art. 1 L. 336/2000)",
		"2026-06-29 Santi Pietro e Paolo (Roma) (art. 1 DPR 792/1985 (per il comune di Roma))",
		"2026-08-15 Assunzione (art. 2 L. 260/1949)",
		"2026-10-04 San Francesco d'Assisi (art. 1 c. 2 L. 151/2025)",
		"2026-11-01 Ognissanti (art. 2 L. 260/1949)",
		"2026-11-01 Festa dell'Unità nazionale (art. 1 L. 54/1977 (prima domenica di novembre))",
		"2026-12-08 Immacolata Concezione (art. 2 L. 260/1949)",
		"2026-12-25 Natale (art. 2 L. 260/1949)",
		"2026-12-26 Santo Stefano (art. 2 L. 260/1949)",
	}, lines)

	y2011 := Italy().Holidays(2011)
	var found bool
	for _, o := range y2011 {
		if o.Date == MustDate(2011, 3, 17) {
			found = true
			assert.Equal(t, "art. 1 c. 1 D.L. 5/2011 (conv. L. 47/2011)", o.Source.String())
		}
	}
	assert.True(t, found, "17 March 2011 is listed")
	assert.Empty(t, Italy().Closures(2026))
}

func TestHolidayRules(t *testing.T) {
	h := Holiday{Name: "x", Month: time.February, Day: 30}
	_, ok := h.On(2026)
	assert.False(t, ok, "30 February never happens")
	h = Holiday{Name: "x", Month: time.June, Nth: 5, Weekday: time.Sunday}
	d, ok := h.On(2025)
	assert.True(t, ok)
	assert.Equal(t, MustDate(2025, 6, 29), d)
	_, ok = h.On(2026)
	assert.False(t, ok, "June 2026 has four Sundays")
	_, ok = Holiday{Name: "x", Month: 13, Nth: 1}.On(2026)
	assert.False(t, ok)
	_, ok = Holiday{Name: "x", Easter: true, Offset: 1}.On(1500)
	assert.False(t, ok, "no Gregorian Easter before 1583")
	o := Once("chiusura", MustDate(2026, 12, 24), citePatron)
	assert.True(t, o.In(2026))
	assert.False(t, o.In(2027))
	d, ok = o.On(2026)
	assert.True(t, ok)
	assert.Equal(t, MustDate(2026, 12, 24), d)
}

// TestAgreesWithRickarCal: rickar/cal/v2's Italian holidays know no
// history, but since 2001 the law has added only two days to them: on every
// weekday from 2001 to 2027 the two calendars agree, except on 17 March
// 2011 (D.L. 5/2011) and 4 October 2027 (L. 151/2025).
func TestAgreesWithRickarCal(t *testing.T) {
	bc := cal.NewBusinessCalendar()
	bc.AddHoliday(it.Holidays...)
	for d := MustDate(2001, 1, 1); d.Before(MustDate(2028, 1, 1)); d = d.AddDays(1) {
		if d.Weekday() == time.Sunday {
			continue
		}
		theirs, _, _ := bc.IsHoliday(d.Time(time.UTC))
		ours := Italy().IsHoliday(d)
		switch d {
		case MustDate(2011, 3, 17), MustDate(2027, 10, 4):
			require.True(t, ours && !theirs, "%s", d)
		default:
			require.Equal(t, theirs, ours, "%s", d)
		}
	}
}
