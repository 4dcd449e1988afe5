package deadline

import (
	"sync"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/law"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMunicipalities: the 20 regional capitals and the 15 largest comuni,
// found by name (any case, accents, apostrophes) and by ISTAT code.
func TestMunicipalities(t *testing.T) {
	all := Municipalities()
	require.Len(t, all, 24)
	capitals := 0
	seen := map[string]bool{}
	for _, m := range all {
		require.Len(t, m.ISTAT, 6, m.Name)
		require.False(t, seen[m.ISTAT], "duplicate ISTAT %s", m.ISTAT)
		seen[m.ISTAT] = true
		if m.Capital {
			capitals++
		}
		assert.NotEmpty(t, m.Patron.Name, m.Name)
		assert.False(t, m.Patron.Source.IsZero(), m.Name)
		byName, err := LookupMunicipality(m.Name)
		require.NoError(t, err)
		assert.Equal(t, m, byName)
		byCode, err := LookupMunicipality(m.ISTAT)
		require.NoError(t, err)
		assert.Equal(t, m, byCode)
	}
	assert.Equal(t, 20, capitals)

	for _, q := range []string{"Roma", "roma", "ROMA", " Roma ", "058091", "58091"} {
		c, err := ForMunicipality(q)
		require.NoError(t, err, q)
		assert.Same(t, Rome(), c, q)
	}
	for _, q := range []string{"L'Aquila", "l aquila", "LAquila", "l’aquila", "066049"} {
		m, err := LookupMunicipality(q)
		require.NoError(t, err, q)
		assert.Equal(t, "L'Aquila", m.Name)
	}
	for q, want := range map[string]string{"Milano": "015146", "Napoli": "063049", "Torino": "001272", "Forlì": "", "Aosta": "007003"} {
		m, err := LookupMunicipality(q)
		if want == "" {
			assert.ErrorIs(t, err, ErrUnknownMunicipality, q)
			continue
		}
		require.NoError(t, err, q)
		assert.Equal(t, want, m.ISTAT)
	}
	for _, q := range []string{"", "Atlantide", "999999", "'"} {
		_, err := ForMunicipality(q)
		assert.ErrorIs(t, err, ErrUnknownMunicipality, "%q", q)
	}
	// Accents are folded: "Forlí" and "Forlì" would be the same name.
	assert.Equal(t, fold("Forlì"), fold("FORLI"))
}

// TestPatronDaysAreOfficeClosures: outside Rome a patron saint's day closes
// the offices but is not a holiday for legal terms (RULES.md §2).
func TestPatronDaysAreOfficeClosures(t *testing.T) {
	mi, err := ForMunicipality("Milano")
	require.NoError(t, err)
	santAmbrogio := MustDate(2026, 12, 7)
	assert.False(t, mi.IsHoliday(santAmbrogio))
	assert.True(t, mi.IsOfficeClosed(santAmbrogio))
	assert.False(t, Italy().IsOfficeClosed(santAmbrogio))
	assert.True(t, mi.IsOfficeClosed(MustDate(2026, 12, 8)), "holidays close offices too")
	assert.False(t, mi.IsOfficeClosed(MustDate(2026, 12, 9)))
	assert.True(t, mi.IsOfficeClosed(MustDate(2250, 12, 7)), "outside the tables")
	assert.False(t, mi.IsOfficeClosed(MustDate(2250, 12, 9)))
	assert.Equal(t, []Occurrence{{Date: santAmbrogio, Name: "Sant'Ambrogio", Source: citePatron, Closure: true}}, mi.Closures(2026))
	assert.Equal(t, "Milano", mi.Name())

	rome := Rome()
	assert.True(t, rome.IsHoliday(MustDate(2026, 6, 29)))
	assert.True(t, rome.IsOfficeClosed(MustDate(2026, 6, 29)))

	bo, err := ForMunicipality("bologna")
	require.NoError(t, err)
	assert.True(t, bo.IsHoliday(MustDate(2027, 10, 4)), "San Petronio coincides with the national 4 October from 2026")
	assert.False(t, bo.IsHoliday(MustDate(2024, 10, 4)))
	assert.True(t, bo.IsOfficeClosed(MustDate(2024, 10, 4)))
}

// TestClosuresLeaveOutLegalHolidays: Closures lists the days that close the
// offices without moving terms; a patron day falling on a legal holiday is
// that holiday, listed by Holidays only (RULES.md §2).
func TestClosuresLeaveOutLegalHolidays(t *testing.T) {
	closure := func(name string, day Date) Occurrence {
		return Occurrence{Date: day, Name: name, Source: citePatron, Closure: true}
	}
	bo, err := ForMunicipality("Bologna")
	require.NoError(t, err)
	ve, err := ForMunicipality("Venezia")
	require.NoError(t, err)
	mi, err := ForMunicipality("Milano")
	require.NoError(t, err)
	tests := []struct {
		name string
		cal  *Calendar
		year int
		want []Occurrence
	}{
		{"Bologna 2025: San Petronio on a working Saturday", bo, 2025, []Occurrence{closure("San Petronio", MustDate(2025, 10, 4))}},
		{"Bologna 2026: 4 October is San Francesco d'Assisi (L. 151/2025)", bo, 2026, nil},
		{"Venezia 2026: 25 April is the Festa della Liberazione", ve, 2026, nil},
		{"Milano 2025: Sant'Ambrogio on a Sunday is listed", mi, 2025, []Occurrence{closure("Sant'Ambrogio", MustDate(2025, 12, 7))}},
		{"Milano 2026", mi, 2026, []Occurrence{closure("Sant'Ambrogio", MustDate(2026, 12, 7))}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.cal.Closures(tt.year))
			for _, o := range tt.cal.Closures(tt.year) {
				assert.True(t, tt.cal.IsOfficeClosed(o.Date))
			}
		})
	}
	// The day is still closed, as a holiday, and Holidays names it.
	assert.True(t, bo.IsOfficeClosed(MustDate(2026, 10, 4)))
	assert.Contains(t, bo.Holidays(2026), Occurrence{Date: MustDate(2026, 10, 4), Name: "San Francesco d'Assisi", Source: citeL151})
	assert.True(t, ve.IsOfficeClosed(MustDate(2026, 4, 25)))
}

func TestCalendarWith(t *testing.T) {
	src := law.Citation{Note: "delibera di chiusura degli uffici", Confidence: law.Secondary}
	base := Italy()
	closed := base.WithClosures(Once("chiusura straordinaria", MustDate(2026, 12, 24), src))
	assert.True(t, closed.IsOfficeClosed(MustDate(2026, 12, 24)))
	assert.False(t, closed.IsHoliday(MustDate(2026, 12, 24)))
	assert.False(t, base.IsOfficeClosed(MustDate(2026, 12, 24)), "the original calendar is unchanged")

	decree := law.Citation{Act: "D.L. 1/2030", Article: "1", Confidence: law.Text}
	more := base.WithHolidays(Once("festa straordinaria", MustDate(2030, 5, 2), decree))
	assert.True(t, more.IsHoliday(MustDate(2030, 5, 2)))
	assert.False(t, base.IsHoliday(MustDate(2030, 5, 2)))
	due, err := more.Expiry(MustDate(2030, 4, 2), admin30)
	require.NoError(t, err)
	assert.Equal(t, MustDate(2030, 5, 3), due)

	custom := New("Comune di prova", nil, nil)
	assert.True(t, custom.IsHoliday(MustDate(2026, 3, 8)), "Sundays are always holidays")
	assert.False(t, custom.IsHoliday(MustDate(2026, 12, 25)))

	_, err = base.WithSuspensions(LegalSuspension{From: MustDate(2020, 5, 15), To: MustDate(2020, 2, 23)})
	assert.ErrorIs(t, err, ErrInvalidSuspension)
	_, err = base.WithSuspensions(LegalSuspension{From: MustDate(2020, 5, 15)})
	assert.ErrorIs(t, err, ErrInvalidSuspension)
	_, err = base.WithSuspensions(LegalSuspension{From: MustDate(2020, 2, 23), To: MustDate(2020, 5, 15), Kind: 5})
	assert.ErrorIs(t, err, ErrInvalidSuspension)
	sus, err := base.WithSuspensions(
		LegalSuspension{From: MustDate(2020, 3, 9), To: MustDate(2020, 5, 11), Kind: Court, Name: "sospensione dei termini processuali", Source: law.Cite("D.L. 18/2020", "83", "2")},
		LegalSuspension{From: MustDate(2020, 2, 23), To: MustDate(2020, 5, 15), Kind: Administrative, Name: "sospensione dei termini amministrativi", Source: law.Cite("D.L. 18/2020", "103", "1")},
	)
	require.NoError(t, err)
	list := sus.Suspensions()
	require.Len(t, list, 2)
	assert.Equal(t, MustDate(2020, 2, 23), list[0].From, "sorted by start")
	list[0].From = MustDate(1999, 1, 1)
	assert.Equal(t, MustDate(2020, 2, 23), sus.Suspensions()[0].From, "Suspensions returns a copy")
	// Court term of 30 days from 2 March 2020: 6 days, then 24 from 12 May.
	due, err = sus.Expiry(MustDate(2020, 3, 2), court30)
	require.NoError(t, err)
	assert.Equal(t, MustDate(2020, 6, 4), due)
	assert.Same(t, Italy(), Italy())
	assert.Same(t, Rome(), Rome())
}

// TestCalendarsConcurrentUse: calendars are built once and safe to share.
func TestCalendarsConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	results := make([]Date, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := ForMunicipality([]string{"Roma", "Milano", "Napoli", "Torino"}[i%4])
			if err != nil {
				t.Error(err)
				return
			}
			due, err := c.Expiry(MustDate(2026, 5, 30), admin30)
			if err != nil {
				t.Error(err)
				return
			}
			_ = c.IsOfficeClosed(due)
			_ = Italy().Holidays(2026)
			_ = DateOf(time.Date(1975, 7, 1, 22, 30, 0, 0, time.UTC))
			results[i] = due
		}()
	}
	wg.Wait()
	for i, due := range results {
		if i%4 == 0 {
			assert.Equal(t, MustDate(2026, 6, 30), due)
		} else {
			assert.Equal(t, MustDate(2026, 6, 29), due)
		}
	}
}

// TestZeroCalendar: the zero Calendar knows only Sundays and never panics.
func TestZeroCalendar(t *testing.T) {
	var c Calendar
	assert.True(t, c.IsHoliday(MustDate(2026, 3, 8)))
	assert.False(t, c.IsHoliday(MustDate(2026, 12, 25)))
	assert.False(t, c.IsOfficeClosed(MustDate(2026, 12, 25)))
	assert.Empty(t, c.Holidays(2026))
	due, err := c.Expiry(MustDate(2026, 2, 6), admin30)
	require.NoError(t, err)
	assert.Equal(t, MustDate(2026, 3, 9), due)
	due, err = c.Expiry(MustDate(2026, 7, 20), court30)
	require.NoError(t, err)
	assert.Equal(t, MustDate(2026, 9, 21), due)
	assert.Equal(t, 0, c.Size())
}
