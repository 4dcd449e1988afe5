package deadline

import (
	"sync"
	"time"
)

// romeLocation is the system's Europe/Rome zone, loaded at most once, or nil
// if the machine has no zone database. It is used only for instants before
// 1981, when Italian summer time followed no regular rule.
var romeLocation = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		return nil
	}
	return loc
})

// euRuleSince is the first year in which the rules computed by romeOffset
// apply: since 1981 Italy follows the summer-time directives of the European
// Communities (ending in September until 1995, in October from 1996).
const euRuleSince = 1981

// DateOf returns the civil date that instant t had in Rome: the day on which
// Italian law places an event. The zone of t does not matter, only the
// instant. Rome is ahead of UTC all year, by one hour in winter and two in
// summer, so a PEC received at 2026-03-29 23:30 UTC arrived on 30 March, as
// it would have on any night of the year. Summer time matters in the hour
// before UTC midnight: 22:30 UTC on 29 March 2026 is 00:30 CEST on 30 March,
// while 22:30 UTC on 28 March 2026 is 23:30 CET on 28 March.
//
// From 1981 on, the offset is computed here, without any zone database:
// UTC+1 (CET), and UTC+2 (CEST) from 01:00 UTC on the last Sunday of March
// to 01:00 UTC on the last Sunday of October (the last Sunday of September
// until 1995). Before 1981 Italian summer time was irregular: DateOf uses the
// system's Europe/Rome zone if time.LoadLocation finds it, and plain CET
// otherwise. See the package documentation.
func DateOf(t time.Time) Date {
	return dateOf(t, romeLocation)
}

// dateOf is DateOf with the source of the pre-1981 zone made explicit, so
// tests can run it as on a machine without zone database.
func dateOf(t time.Time, oldZone func() *time.Location) Date {
	u := t.Unix()
	if u < 347155200 { // 1981-01-01T00:00:00Z
		// Before 1981 the Italian rules changed every year: ask the
		// database, if the machine has one.
		if loc := oldZone(); loc != nil {
			y, m, d := t.In(loc).Date()
			dt, err := NewDate(y, m, d)
			if err != nil {
				return Date{}
			}
			return dt
		}
	}
	return dateFromUnix(u + romeOffset(u))
}

// dateFromUnix returns the civil date of a count of seconds since
// 1970-01-01 00:00 in some zone, or the zero Date outside the Date range.
func dateFromUnix(s int64) Date {
	days := s / 86400
	if s%86400 < 0 {
		days--
	}
	// 1970-01-01 is day 719163.
	n := days + 719163
	if n < 1 || n > dayMax {
		return Date{}
	}
	return Date{int32(n)}
}

// romeOffset returns the offset of Rome from UTC, in seconds, at Unix time u,
// per the rules of DateOf from 1981 (and plain CET before).
func romeOffset(u int64) int64 {
	const cet, cest = 3600, 7200
	d := dateFromUnix(u)
	if d.IsZero() {
		return cet
	}
	y := d.Year()
	if y < euRuleSince {
		return cet
	}
	start := lastSunday(y, time.March).unixMidnight() + 3600
	endMonth := time.October
	if y < 1996 {
		endMonth = time.September
	}
	end := lastSunday(y, endMonth).unixMidnight() + 3600
	if u >= start && u < end {
		return cest
	}
	return cet
}

// lastSunday returns the last Sunday of month m of year y.
func lastSunday(y int, m time.Month) Date {
	last := Date{fromCivil(y, m, daysIn(y, m))}
	return last.AddDays(-int(last.Weekday()))
}

// unixMidnight returns the Unix time of 00:00 UTC on d.
func (d Date) unixMidnight() int64 { return (int64(d.n) - 719163) * 86400 }
