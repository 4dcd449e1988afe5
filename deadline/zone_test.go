package deadline

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// noZoneDB stands for a machine without zone database (a scratch container).
func noZoneDB() *time.Location { return nil }

// TestRULES1_9_CivilDatesAreRomeDates: the day of an event is its date in
// Europe/Rome, whatever the zone of the instant (RULES.md §1.9).
func TestRULES1_9_CivilDatesAreRomeDates(t *testing.T) {
	ny := time.FixedZone("EST", -5*3600)
	tests := []struct {
		name string
		at   time.Time
		want Date
	}{
		{"PEC at 23:30 UTC on 29 March 2026 is 30 March: Rome is ahead of UTC all year", time.Date(2026, 3, 29, 23, 30, 0, 0, time.UTC), MustDate(2026, 3, 30)},
		{"23:30 UTC on 28 March 2026, in winter, is 00:30 CET on 29 March too", time.Date(2026, 3, 28, 23, 30, 0, 0, time.UTC), MustDate(2026, 3, 29)},
		{"DST matters: 22:30 UTC on 29 March 2026 is 00:30 CEST on 30 March", time.Date(2026, 3, 29, 22, 30, 0, 0, time.UTC), MustDate(2026, 3, 30)},
		{"DST matters: 22:30 UTC on 28 March 2026 is 23:30 CET on 28 March", time.Date(2026, 3, 28, 22, 30, 0, 0, time.UTC), MustDate(2026, 3, 28)},
		{"summer time begins at 01:00 UTC: 00:59 UTC on 29 March 2026 is 01:59 CET", time.Date(2026, 3, 29, 0, 59, 0, 0, time.UTC), MustDate(2026, 3, 29)},
		{"22:59 UTC in summer is still the same day", time.Date(2026, 7, 10, 21, 59, 59, 0, time.UTC), MustDate(2026, 7, 10)},
		{"22:00 UTC in summer is midnight in Rome", time.Date(2026, 7, 10, 22, 0, 0, 0, time.UTC), MustDate(2026, 7, 11)},
		{"23:00 UTC in winter is midnight in Rome", time.Date(2026, 1, 10, 23, 0, 0, 0, time.UTC), MustDate(2026, 1, 11)},
		{"22:59 UTC in winter is the same day", time.Date(2026, 1, 10, 22, 59, 0, 0, time.UTC), MustDate(2026, 1, 10)},
		{"the zone of the instant does not matter", time.Date(2026, 3, 29, 18, 30, 0, 0, ny), MustDate(2026, 3, 30)},
		{"autumn change: 00:30 UTC is 02:30 CEST", time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), MustDate(2026, 10, 25)},
		{"New Year's Eve 23:30 UTC is 1 January", time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC), MustDate(2027, 1, 1)},
		{"1990 summer ended in September: 22:30 UTC on 30 Sept is 23:30 CET", time.Date(1990, 9, 30, 22, 30, 0, 0, time.UTC), MustDate(1990, 9, 30)},
		{"1990 summer ended in September: before it, 22:30 UTC is 00:30 CEST", time.Date(1990, 9, 29, 22, 30, 0, 0, time.UTC), MustDate(1990, 9, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, DateOf(tt.at))
			assert.Equal(t, tt.want, dateOf(tt.at, noZoneDB), "without zone database")
		})
	}
}

// TestDateOfMatchesZoneDatabase compares DateOf, hour by hour, with the
// system's Europe/Rome from 1981 to 2037 (every EU-rule transition), with
// and without the database: from 1981 the result never depends on it.
func TestDateOfMatchesZoneDatabase(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		// Without a database there is nothing to compare with; the rule
		// itself is tested by TestRULES1_9 and TestRomeOffsetTransitions.
		t.Logf("no zone database on this machine: %v", err)
		return
	}
	start := time.Date(1981, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2038, 1, 1, 0, 0, 0, 0, time.UTC)
	for at := start; at.Before(end); at = at.Add(time.Hour) {
		y, m, d := at.In(loc).Date()
		want := MustDate(y, m, d)
		if got := dateOf(at, noZoneDB); got != want {
			t.Fatalf("%s: got %s, Europe/Rome says %s", at.Format(time.RFC3339), got, want)
		}
		// Minutes around the change of hour matter on the change days.
		if at.Hour() == 0 || at.Hour() == 1 || at.Hour() == 22 || at.Hour() == 23 {
			for _, off := range []time.Duration{-time.Second, 30 * time.Minute} {
				a := at.Add(off)
				y, m, d := a.In(loc).Date()
				require.Equal(t, MustDate(y, m, d), DateOf(a), a.Format(time.RFC3339))
			}
		}
	}
}

// TestRomeOffsetTransitions checks the offset at the changes of hour.
func TestRomeOffsetTransitions(t *testing.T) {
	tests := []struct {
		at   time.Time
		want int64
	}{
		{time.Date(2026, 3, 29, 0, 59, 59, 0, time.UTC), 3600},
		{time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC), 7200},
		{time.Date(2026, 10, 25, 0, 59, 59, 0, time.UTC), 7200},
		{time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC), 3600},
		{time.Date(1995, 9, 24, 0, 59, 59, 0, time.UTC), 7200},
		{time.Date(1995, 9, 24, 1, 0, 0, 0, time.UTC), 3600},
		{time.Date(1996, 10, 27, 0, 59, 59, 0, time.UTC), 7200},
		{time.Date(1996, 10, 27, 1, 0, 0, 0, time.UTC), 3600},
		{time.Date(1981, 3, 29, 1, 0, 0, 0, time.UTC), 7200},
		{time.Date(2100, 7, 1, 0, 0, 0, 0, time.UTC), 7200},
		{time.Date(1975, 7, 1, 0, 0, 0, 0, time.UTC), 3600}, // before 1981: CET
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, romeOffset(tt.at.Unix()), tt.at.Format(time.RFC3339))
	}
}

// TestDateOfBefore1981: before 1981 DateOf uses the zone database when the
// machine has one (summer time of 1975 began on 1 June), plain CET when not.
func TestDateOfBefore1981(t *testing.T) {
	at := time.Date(1975, 7, 1, 22, 30, 0, 0, time.UTC) // 23:30 CET, 00:30 CEST
	assert.Equal(t, MustDate(1975, 7, 1), dateOf(at, noZoneDB))
	if loc, err := time.LoadLocation("Europe/Rome"); err == nil {
		y, m, d := at.In(loc).Date()
		assert.Equal(t, MustDate(y, m, d), DateOf(at))
		assert.Equal(t, MustDate(1975, 7, 2), DateOf(at), "Italy observed summer time in July 1975")
	}
	// Instants outside the Date range give the zero Date.
	assert.True(t, DateOf(time.Date(10000, 1, 1, 12, 0, 0, 0, time.UTC)).IsZero())
	assert.True(t, dateOf(time.Date(-5, 1, 1, 12, 0, 0, 0, time.UTC), noZoneDB).IsZero())
	assert.Equal(t, MustDate(1, 1, 1), dateOf(time.Date(1, 1, 1, 12, 0, 0, 0, time.UTC), noZoneDB))
}
