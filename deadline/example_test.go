package deadline_test

import (
	"fmt"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
)

// A generalised civic access request filed on 2 March 2026 must be decided
// within 30 days (art. 5 c. 6 D.Lgs. 33/2013); the notice to a
// counter-interested party suspended the term for 7 days (c. 5).
func Example() {
	rome := deadline.Rome()
	x, err := rome.Explain(deadline.Spec{
		Start: deadline.MustDate(2026, time.March, 2),
		Term: deadline.Term{
			Name:   "conclusione del procedimento",
			Length: 30,
			Unit:   deadline.Days,
			Kind:   deadline.Administrative,
			Source: law.Cite("D.Lgs. 33/2013", "5", "6"),
		},
		Suspensions: []deadline.Suspension{{
			From:   deadline.MustDate(2026, time.March, 5),
			To:     deadline.MustDate(2026, time.March, 12),
			Reason: "notifica ai controinteressati",
			Source: law.Cite("D.Lgs. 33/2013", "5", "5"),
		}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(x.Due)
	fmt.Println(x)
	// Output:
	// 2026-04-08
	// evento del 02/03/2026 (lunedì): il giorno dell'evento non si computa (art. 2963 c. 2 c.c.; art. 155 c. 1 c.p.c.)
	// conclusione del procedimento: 30 giorni (art. 5 c. 6 D.Lgs. 33/2013) dal 02/03/2026 → 01/04/2026
	// sospeso 7 giorni (art. 5 c. 5 D.Lgs. 33/2013), dal 05/03/2026 al 12/03/2026: notifica ai controinteressati → 08/04/2026
	// scadenza: mercoledì 08/04/2026
}

// The fast path gives the date only. 4 October 2027 is a Monday and, from
// 2026, a national holiday (L. 151/2025): the term moves to Tuesday.
func ExampleCalendar_Expiry() {
	due, err := deadline.Italy().Expiry(deadline.MustDate(2027, time.September, 4), deadline.Term{Length: 30})
	fmt.Println(due, due.Weekday(), err)
	// Output: 2027-10-05 Tuesday <nil>
}

// A court term running into August stops on 31 July and resumes on 1
// September (L. 742/1969 art. 1); one ending on a Saturday moves to Monday
// (art. 155 c. 5 c.p.c.).
func ExampleCalendar_Explain_court() {
	x, _ := deadline.Rome().Explain(deadline.Spec{
		Start: deadline.MustDate(2026, time.July, 20),
		Term:  deadline.Term{Name: "ricorso", Length: 30, Kind: deadline.Court, Source: law.Cite("c.p.a.", "116", "1")},
	})
	for _, s := range x.Steps[1:] {
		fmt.Println(s.Action, s.To)
	}
	// Output:
	// count 2026-08-19
	// pause 2026-09-19
	// extension 2026-09-21
	// due 2026-09-21
}

// 29 June is a holiday in Rome only (DPR 792/1985); in Milan the patron
// saint's day, 7 December, closes the offices but does not move terms.
func ExampleForMunicipality() {
	milano, _ := deadline.ForMunicipality("Milano")
	rome, _ := deadline.ForMunicipality("058091")
	june29 := deadline.MustDate(2026, time.June, 29)
	dec7 := deadline.MustDate(2026, time.December, 7)
	fmt.Println(rome.IsHoliday(june29), milano.IsHoliday(june29))
	fmt.Println(milano.IsHoliday(dec7), milano.IsOfficeClosed(dec7))
	// Output:
	// true false
	// false true
}

// A PEC received at 23:30 UTC on 29 March 2026 arrived on 30 March in Rome,
// which is ahead of UTC all year (one hour in winter, two in summer). Summer
// time, begun at 01:00 UTC on 29 March 2026, decides the day at 22:30 UTC:
// 00:30 CEST on 30 March, while on 28 March 22:30 UTC was 23:30 CET.
func ExampleDateOf() {
	for _, at := range []time.Time{
		time.Date(2026, time.March, 29, 23, 30, 0, 0, time.UTC),
		time.Date(2026, time.March, 29, 22, 30, 0, 0, time.UTC),
		time.Date(2026, time.March, 28, 22, 30, 0, 0, time.UTC),
	} {
		fmt.Println(at.Format("2006-01-02 15:04 MST"), "→", deadline.DateOf(at))
	}
	// Output:
	// 2026-03-29 23:30 UTC → 2026-03-30
	// 2026-03-29 22:30 UTC → 2026-03-30
	// 2026-03-28 22:30 UTC → 2026-03-28
}

func ExampleParseDate() {
	for _, s := range []string{"2026-10-04", "04/10/2026", "2026-02-30"} {
		d, err := deadline.ParseDate(s)
		fmt.Println(d.Italian(), err)
	}
	// Output:
	// 04/10/2026 <nil>
	// 04/10/2026 <nil>
	//  deadline: invalid date "2026-02-30": February 2026 has 28 days
}

func ExampleCalendar_Holidays() {
	for _, h := range deadline.Italy().Holidays(2011)[:4] {
		fmt.Println(h.Date.Italian(), h.Name, "-", h.Source)
	}
	// Output:
	// 01/01/2011 Capodanno - art. 2 L. 260/1949
	// 06/01/2011 Epifania - art. 1 DPR 792/1985
	// 17/03/2011 150° anniversario dell'Unità d'Italia - art. 1 c. 1 D.L. 5/2011 (conv. L. 47/2011)
	// 24/04/2011 Pasqua - art. 2 L. 260/1949
}

func ExampleDeadline_Status() {
	dl := deadline.Deadline{Name: "conclusione del procedimento", Due: deadline.MustDate(2026, time.April, 8)}
	for _, today := range []deadline.Date{
		deadline.MustDate(2026, time.March, 20),
		deadline.MustDate(2026, time.April, 5),
		deadline.MustDate(2026, time.April, 8),
		deadline.MustDate(2026, time.April, 11),
	} {
		st := dl.Status(today, 5)
		fmt.Println(today.Italian(), st.State, st.State.Italian(), st.DaysLeft)
	}
	// Output:
	// 20/03/2026 open in corso 19
	// 05/04/2026 due-soon in scadenza 3
	// 08/04/2026 due-today scade oggi 0
	// 11/04/2026 overdue scaduto -3
}

// D.L. 18/2020 art. 103 suspended administrative terms from 23 February to
// 15 May 2020: a term starting inside the period starts after it.
func ExampleCalendar_WithSuspensions() {
	c, err := deadline.Italy().WithSuspensions(deadline.LegalSuspension{
		From: deadline.MustDate(2020, time.February, 23), To: deadline.MustDate(2020, time.May, 15),
		Kind: deadline.Administrative, Name: "sospensione dei termini amministrativi",
		Source: law.Cite("D.L. 18/2020", "103", "1"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	due, _ := c.Expiry(deadline.MustDate(2020, time.March, 10), deadline.Term{Length: 30})
	fmt.Println(due)
	// Output: 2020-06-15
}
