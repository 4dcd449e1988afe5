package council_test

import (
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/register/council"
)

var (
	clerk    = office.Actor{ID: "l.rossi", Role: office.FrontOffice, Office: "punto-di-ascolto"}
	recordAt = time.Date(2026, time.December, 1, 9, 0, 0, 0, time.UTC)
)

// eventlogExtend seals events after prior, recorded by the clerk on 1
// December 2026 (the day of the fact too), on the basis of the catalogue's
// classification.
func eventlogExtend(prior []council.Record, events ...council.Event) ([]council.Record, error) {
	row, _ := council.Lifecycle(council.InterrogazioneScritta).Row(council.EventClassified)
	var head history.Head
	if n := len(prior); n > 0 {
		head = history.Head{Version: prior[n-1].Version, Hash: prior[n-1].Hash}
	}
	return history.Extend(head, recordAt, deadline.DateOf(recordAt), clerk, row.Basis, events...)
}
