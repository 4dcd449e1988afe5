package council_test

import (
	"time"

	"github.com/puntodiascolto/ascolto/internal/eventlog"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/register/council"
)

var (
	clerk    = office.Actor{ID: "l.rossi", Role: office.FrontOffice, Office: "punto-di-ascolto"}
	recordAt = time.Date(2026, time.December, 1, 9, 0, 0, 0, time.UTC)
)

// eventlogExtend seals events after history, recorded by the clerk on 1
// December 2026, on the basis of the catalogue's classification.
func eventlogExtend(history []council.Record, events ...council.Event) ([]council.Record, error) {
	row, _ := council.Lifecycle(council.InterrogazioneScritta).Row(council.ActClassify)
	return eventlog.Extend(history, recordAt, clerk, row.Basis, events...)
}
