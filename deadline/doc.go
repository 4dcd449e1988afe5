// Package deadline computes when Italian administrative and court terms
// expire, and explains why, with the citation of every rule it applies.
//
// # Days
//
// A legal day is a civil date, Date: no time of day, no zone. An instant
// becomes the Date it had in Rome (DateOf): a PEC received at 2026-03-29
// 23:30 UTC arrived on 30 March, because Rome was at UTC+2.
//
// # Calendars
//
// A Calendar knows which days are giorni festivi (Sundays and the legal
// holidays, with their history since L. 54/1977), which days offices are
// closed, and which periods suspend terms by law. Italy and Rome are built
// once; ForMunicipality adds a comune's patron day as an office closure.
//
// # Terms
//
// A Term is counted from the day after the triggering event (dies a quo non
// computatur, art. 2963 c. 2 c.c.), in calendar days, working days, months
// or years; an expiry on a holiday moves to the next day that is not; court
// terms also move from Saturdays and stop in August.
package deadline
