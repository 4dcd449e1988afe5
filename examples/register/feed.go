package main

import (
	"io"
	"iter"
	"slices"
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline/ical"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/register"
	"github.com/puntodiascolto/ascolto/register/council"
)

// writeFeed writes the office's deadlines feed as of the end of the
// period: the access requests' deadlines, then the council's.
func writeFeed(w io.Writer, views []*access.Request, acts []council.Item, dir *office.Directory, p register.Period) error {
	events := func(yield func(ical.Event, error) bool) {
		for _, seq := range []iter.Seq2[ical.Event, error]{
			register.AccessEvents(func(yield func(*access.Request, error) bool) {
				for _, v := range views {
					if !yield(v, nil) {
						return
					}
				}
			}, dir),
			register.CouncilEvents(slices.Values(acts)),
		} {
			for e, err := range seq {
				if !yield(e, err) {
					return
				}
			}
		}
	}
	return ical.Write(w, events, ical.Options{Domain: "comune.roma.it", Name: "Scadenze - Ufficio Punto di Ascolto",
		Stamp: p.To.Time(time.UTC).Add(18 * time.Hour)})
}
