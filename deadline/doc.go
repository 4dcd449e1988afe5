// Package deadline says on which day an Italian administrative or court term
// expires, and why: every step of the computation comes with the provision
// it applies, in Italian an officer can read and a judge can check.
//
// # Days
//
// A legal day is a civil date, Date: no time of day, no zone, stored as a
// day number (the zero Date means "no date"). Dates parse and print in ISO
// 8601 ("2026-10-04") and in the Italian form ("04/10/2026"), and marshal
// to JSON and text. An instant becomes the Date it had in Rome, once, at the
// edge (DateOf; RULES.md §1.9): a PEC received at 2026-03-29 23:30 UTC
// arrived on 30 March, because Rome is ahead of UTC all year, by one hour in
// winter (CET) and two in summer (CEST). Summer time decides the day in the
// hour before UTC midnight: 22:30 UTC on 29 March 2026 is 00:30 CEST on 30
// March (summer time began at 01:00 UTC that day), while 22:30 UTC on 28
// March 2026 is 23:30 CET, still 28 March.
//
// Zone decision. The package does not import time/tzdata (a library must
// not: programs choose to) and behaves identically whether or not the
// machine has a zone database, for every instant since 1981: it computes
// Rome's offset itself, UTC+1 (CET), and UTC+2 (CEST) from 01:00 UTC on the
// last Sunday of March to 01:00 UTC on the last Sunday of October (the last
// Sunday of September until 1995), the rule Italy has followed since the
// summer-time directives of the European Communities. Before 1981 Italian
// summer time followed yearly decrees: there DateOf uses the system's
// Europe/Rome if time.LoadLocation finds it (loaded once, lazily), and plain
// CET otherwise. Tests compare the computed offset with the system database
// hour by hour from 1981 to 2037.
//
// # Calendars
//
// A Calendar knows three things, kept apart:
//
//   - the giorni festivi that move legal terms: every Sunday and the legal
//     holidays (RULES.md §2), as Holiday values with their source and the
//     years they held: L. 260/1949 as enacted; L. 54/1977 (in force on 8
//     March 1977, so 6 January 1977 was still a holiday) which removed
//     Epifania, San Giuseppe, Ascensione, Corpus Domini, SS. Pietro e Paolo
//     and moved 2 June and 4 November to the first Sunday of June and of
//     November; DPR 792/1985 (Epifania again from 1986, 29 June for the
//     comune di Roma); L. 336/2000 (2 June again from 2001); L. 151/2025 (4
//     October from 2026); Easter Monday by the Gregorian computus; and the
//     one-year holiday of 17 March 2011 (D.L. 5/2011 art. 1, conv. L.
//     47/2011), the only single-year national holiday found since 1977;
//   - office closures, which close the offices but do not move legal terms:
//     other cities' patron saints' days (C. App. Milano 5251/2018) and any
//     day an administration adds with WithClosures;
//   - legal suspensions, periods in which a kind of term does not run by
//     law (D.L. 18/2020 art. 103: administrative terms, 23 February-15 May
//     2020), added with WithSuspensions.
//
// Italy and Rome return calendars built once and shared; Rome adds 29 June,
// which extends terms expiring on it (Cass. lav. 17079/2007). ForMunicipality
// finds the 20 regional capitals and the 15 largest comuni by name or ISTAT
// code. Each calendar precomputes one bit per day from 1977 to 2199 (about
// 10 KB per table), so that IsHoliday is a shift and a mask; other years are
// computed from the same Holiday values. Holiday law is researched from 1977
// (FirstYear): terms starting earlier are refused with ErrOutOfRange, while
// IsHoliday applies the list of L. 260/1949 to earlier years.
//
// # Counting a term
//
// A Term has a length, a Unit (Days, WorkingDays, Months, Years), a Kind
// (Administrative or Court) and a source. Compute, Explain and Expiry apply,
// in this order:
//
//  1. Dies a quo non computatur: the day of the event is not counted (art.
//     2963 c. 2 c.c.; art. 155 c. 1 c.p.c.).
//  2. Restart: an interrupted term runs anew from Restart.On, as if it had
//     never begun; suspensions that ended by then no longer matter.
//  3. Pauses: days inside the August suspension (court terms: 1-31 August
//     from 2015, 1 August-15 September until 2014; L. 742/1969 art. 1; D.L.
//     132/2014 art. 16 c. 1; art. 54 c. 2 c.p.a.) and inside the calendar's
//     legal suspensions of the term's kind are not counted. A term whose
//     first day falls in a pause starts after it, and the day after the
//     pause is day 1: a court term triggered on 10 August 2026 counts 1
//     September as its first day, so its days are counted from 31 August
//     (L. 742/1969 art. 1; Cons. St. Ad. Plen. 4/2016 and 18/2016; Cass. II
//     688/2006 [S]). A term running into a pause stops and resumes after
//     it: a 30-day court term from 20 July 2026 counts 11 days in July and
//     19 in September.
//  4. Length: calendar days; working days (Monday to Friday except holidays
//     by default: the week of public offices [P]; Rules.SaturdayWorking adds
//     Saturday; office closures count as working days, since they do not
//     move terms); months and years, to the same-numbered day (art. 2963
//     c. 4 c.c.) or the last day of a shorter final month (31 January + 1
//     month = 28 or 29 February; art. 2963 c. 5 c.c.), with art. 155 c. 2
//     c.p.c. for court terms: the explanation cites the comma applied. For
//     months and years the pauses crossed are added in days (Cass. III
//     16549/2012 for the annual appeal term).
//  5. Suspensions of this term (RULES.md §1.7 [P]): a suspension from A to
//     B adds B−A days, at most Cap; in a working-day term, the working days
//     of [A, B). Suspensions are applied by start date, must not overlap,
//     and one that starts after the term has expired has no effect.
//  6. Extension: an expiry on a Sunday or holiday moves to the next day that
//     is neither (art. 2963 c. 3 c.c.; art. 155 c. 4 c.p.c.; art. 52 c. 3
//     c.p.a.). Administrative terms follow it as a general principle
//     (RULES.md §1.4 [S]): their explanation says so with a Secondary
//     citation next to art. 2963 c. 3 c.c. and art. 155 c. 4 c.p.c. Court
//     terms also move from Saturdays expiring on or after 1 March 2006 (art.
//     155 c. 5 c.p.c.; art. 52 c. 5 c.p.a.); administrative terms do not
//     (Cons. St. V 3152/2011). The extension moves to the next open day even
//     if that day falls in a pause: the term has already run, only its last
//     day moves, and the earlier date is the safe one [P].
//  7. Dilatory terms ("non prima di", RULES.md §1.8 [P]): the result is the
//     first day the act is allowed, the day after the last day of the term,
//     with no extension.
//
// The Kind chooses the default Rules (DefaultRules); a Term can carry its own.
// Court stands for civil and administrative proceedings alike: their rules
// for counting terms are the same, and explanations of a court term cite the
// provisions of both codes where each has its own (art. 155 c.p.c. and art.
// 52 c.p.a. for the extension; L. 742/1969 art. 1, which names both
// jurisdictions, and art. 54 c. 2 c.p.a., from 2011, for the August
// suspension).
// Bad input never panics and never yields a silently wrong date: errors wrap
// ErrInvalidDate, ErrInvalidTerm, ErrInvalidSuspension, ErrInvalidRestart,
// ErrOutOfRange or ErrUnknownMunicipality.
//
// # Strength
//
// A term binds or guides (Strength, on Term): Binding when a provision of
// law or regulation sets it, Guidance when none does (an official FAQ's
// orientation, a term applied by analogy, an office's internal date).
// Past a guidance term an act is still admissible: Status says "termine
// indicativo decorso" (Lapsed) rather than "scaduto", and "adempiuto dopo
// il termine indicativo" (MetAfterGuidance) rather than "adempiuto in
// ritardo"; OverdueBy is 0 (PassedBy counts the days); Explain ends with a
// note saying so; the iCalendar feed (package ical) leaves it out.
// Procedures grade their terms; an Ungraded term counts as binding.
//
// # Explanations and status
//
// Explain returns the same date as Compute with its Steps: the event, the
// count, each pause and suspension, the extension and the holiday that
// caused it, each with its citations, and for a guidance term the note
// that it binds no one. Expiry is the fast path: no steps, no
// allocation. A Deadline records a computed expiry and the day it was met;
// Status says where it stands on a given day (open, due soon, due today,
// overdue by N days, met, met late; lapsed or met after a guidance term).
package deadline
