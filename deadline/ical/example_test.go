package ical_test

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/deadline/ical"
	"github.com/puntodiascolto/ascolto/law"
)

// A generalised civic access request filed on 2 March 2026 must be decided
// within 30 days (art. 5 c. 6 D.Lgs. 33/2013): the office's feed holds one
// all-day event on the due date, with the explanation as its description.
func Example() {
	x, err := deadline.Rome().Explain(deadline.Spec{
		Start: deadline.MustDate(2026, time.March, 2),
		Term: deadline.Term{Name: "conclusione del procedimento", Length: 30, Unit: deadline.Days,
			Kind: deadline.Administrative, Source: law.Cite("D.Lgs. 33/2013", "5", "6")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	ev := ical.Event{
		Case:     ical.Case{Key: "acc-0001", Kind: "Accesso civico generalizzato", Protocol: "RA/2026/0001000", Office: "Dipartimento Mobilità"},
		Deadline: deadline.Deadline{Name: "decisione", Code: "decision", Due: x.Due, Explanation: x},
	}
	var b bytes.Buffer
	err = ical.Write(&b, func(yield func(ical.Event, error) bool) { yield(ev, nil) },
		ical.Options{Domain: "comune.roma.it", Stamp: time.Date(2026, time.March, 31, 18, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	// The feed's lines end with CRLF; print them one per line.
	for line := range strings.SplitSeq(strings.TrimSuffix(b.String(), "\r\n"), "\r\n") {
		fmt.Println(line)
	}
	// Output:
	// BEGIN:VCALENDAR
	// VERSION:2.0
	// PRODID:-//Punto di Ascolto//ascolto scadenze//IT
	// CALSCALE:GREGORIAN
	// METHOD:PUBLISH
	// BEGIN:VEVENT
	// UID:ec93e87ec7235d3a35c3173f6038c479@comune.roma.it
	// DTSTAMP:20260331T180000Z
	// DTSTART;VALUE=DATE:20260401
	// DTEND;VALUE=DATE:20260402
	// SUMMARY:decisione: Accesso civico generalizzato RA/2026/0001000 (Dipartimen
	//  to Mobilità)
	// DESCRIPTION:evento del 02/03/2026 (lunedì): il giorno dell'evento non si c
	//  omputa (art. 2963 c. 2 c.c.\; art. 155 c. 1 c.p.c.)\nconclusione del proce
	//  dimento: 30 giorni (art. 5 c. 6 D.Lgs. 33/2013) dal 02/03/2026 → 01/04/2
	//  026\nscadenza: mercoledì 01/04/2026
	// TRANSP:TRANSPARENT
	// END:VEVENT
	// END:VCALENDAR
}
