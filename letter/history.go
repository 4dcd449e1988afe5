package letter

import (
	"errors"
	"fmt"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
)

// Letters returns every letter the acts of an access request's history
// call for, in the order of the acts: each written from the Request the
// history replays to just after its act, on the calendar and policy of
// the request's Service (access.Service.Calendar and Policy), which is the
// Request that Service returned for that act. The filing calls for the
// receipt; the start notice for the letters to the requester and to the
// competent office; an irregularity notice or an invitation to a formal
// request for the irregularity letter; an internal request for the letter
// to each office asked; a notification for the notice to each party; a
// decision for the decision (the substitute's, when it took it) and, for
// each party who opposed an acceptance, the acceptance told to it; a
// review's decision for the letter to whoever asked. s is the whole
// history (Store.Load from version 0).
func (w *Writer) Letters(s access.Stream, cal *deadline.Calendar, p access.Policy) ([]Letter, error) {
	var out []Letter
	for i, rec := range s.Records {
		r, err := access.ReplayStream(access.Stream{ID: s.ID, Records: s.Records[:i+1]}, cal, p)
		if err != nil {
			return nil, err
		}
		var prev *access.Request
		if i > 0 {
			if prev, err = access.ReplayStream(access.Stream{ID: s.ID, Records: s.Records[:i]}, cal, p); err != nil {
				return nil, err
			}
		}
		for _, write := range w.calledFor(rec.Event, prev, r) {
			l, err := write()
			if errors.Is(err, ErrNotApplicable) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("record %d (%s): %w", i+1, rec.Event.Type, err)
			}
			out = append(out, l)
		}
	}
	return out, nil
}

// calledFor returns the letters the act that recorded e calls for, written
// from r, the Request after it (prev is the Request before it, to tell
// which parties and internal requests are new). The irregularity letter
// lists what the notice itself listed, with its note.
func (w *Writer) calledFor(e access.Event, prev, r *access.Request) []func() (Letter, error) {
	one := func(f func(*access.Request) (Letter, error)) func() (Letter, error) {
		return func() (Letter, error) { return f(r) }
	}
	nth := func(f func(*access.Request, int) (Letter, error), n int) func() (Letter, error) {
		return func() (Letter, error) { return f(r, n) }
	}
	var out []func() (Letter, error)
	switch e.Type {
	case access.EventReceived:
		out = append(out, one(w.Receipt))
	case access.EventStartNotified:
		out = append(out, one(w.StartNotice), one(w.OfficeStart))
	case access.EventIrregularityNotified, access.EventFormalRequested:
		missing, note := r.Intake.Missing, ""
		if ir := e.Irregularity; ir != nil {
			note = ir.Note
			if len(ir.Missing) > 0 {
				missing = ir.Missing
			}
		}
		if fr := e.FormalRequest; fr != nil {
			note = fr.Why
		}
		out = append(out, func() (Letter, error) { return w.irregularity(r, missing, note) })
	case access.EventDocumentsRequested:
		for n := len(prev.Internal) + 1; n <= len(r.Internal); n++ {
			out = append(out, nth(w.DocumentRequest, n))
		}
	case access.EventCounterInterestedNotified:
		for n := len(prev.Parties) + 1; n <= len(r.Parties); n++ {
			out = append(out, nth(w.PartyNotice, n))
		}
	case access.EventDecided:
		out = append(out, one(w.Decision))
		for n := 1; n <= len(r.Parties); n++ {
			out = append(out, nth(w.PartyAcceptance, n))
		}
	case access.EventSubstituteDecided:
		out = append(out, one(w.SubstituteDecision))
		for n := 1; n <= len(r.Parties); n++ {
			out = append(out, nth(w.PartyAcceptance, n))
		}
	case access.EventReviewDecided:
		out = append(out, one(w.ReviewDecision))
	}
	return out
}
