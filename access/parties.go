package access

import (
	"context"
	"fmt"
	"slices"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/procedure"
)

// NotifyCounterInterested sends the notice of the request to
// counter-interested parties (art. 3 DPR 184/2006; art. 5 c. 5 D.Lgs.
// 33/2013). For generalizzato access the 30 days are suspended, for each
// party, from the sending of its notice until its opposition or the end of
// its 10 days; notices sent at different times suspend the term
// separately, and the days when none was pending count. For documentale
// access the same applies only if Policy.DocumentaleSuspension. An informal
// request cannot go on: invite a formal one (art. 5 c. 6 DPR 184/2006).
func (s *Service) NotifyCounterInterested(ctx context.Context, a Act, n Notification) (*Request, error) {
	return s.do(ctx, a, EventCounterInterestedNotified, func(r *Request, on deadline.Date) (Event, error) {
		if r.Informal {
			return Event{}, procedure.Refuse(citeDPRFormal, "counter-interested parties emerged: invite the requester to file a formal request")
		}
		if len(n.Parties) == 0 {
			return Event{}, procedure.Invalid("no counter-interested party")
		}
		for i, p := range n.Parties {
			if blank(p.FullName()) {
				return Event{}, procedure.Invalid("counter-interested party %d has no name", i+1)
			}
		}
		n.Parties = slices.Clone(n.Parties)
		return Event{Notification: &n}, nil
	})
}

// RecordNoticeReceipt records the day party number n received the notice:
// its 10 days to oppose run from it (art. 3 c. 2 DPR 184/2006; art. 5 c. 5
// D.Lgs. 33/2013), and no act granting access is allowed until it is
// recorded for every party that has not opposed. Date it (Act.On) with
// the day of delivery on the return receipt or the PEC delivery receipt.
// For a registered letter the party did not collect (compiuta giacenza),
// record the day the letter is deemed received: the office determines it
// under the rules of the means used (for instance art. 1335 c.c. for a
// letter, art. 8 c. 4 L. 890/1982 for a notice served through the post),
// the Service does not compute it.
func (s *Service) RecordNoticeReceipt(ctx context.Context, a Act, pa PartyAct) (*Request, error) {
	return s.do(ctx, a, EventNoticeReceived, func(r *Request, on deadline.Date) (Event, error) {
		p := r.party(pa.Party)
		if p == nil {
			return Event{}, procedure.Invalid("no counter-interested party %d", pa.Party)
		}
		if !p.Received.IsZero() {
			return Event{}, procedure.Invalid("party %d received the notice on %s", pa.Party, p.Received)
		}
		if err := notBefore(on, p.Notified, "the notice was sent"); err != nil {
			return Event{}, err
		}
		if !p.Opposed.IsZero() && on.After(p.Opposed) {
			return Event{}, procedure.Refuse(procedure.Chronology(), "party %d opposed on %s, before receiving the notice on %s", pa.Party, p.Opposed, on)
		}
		return Event{PartyAct: &pa}, nil
	})
}

// RecordOpposition records party number n's opposition. One received after
// the party's 10 days is recorded and flagged late (Party.OpposedLate).
func (s *Service) RecordOpposition(ctx context.Context, a Act, pa PartyAct) (*Request, error) {
	return s.do(ctx, a, EventOppositionReceived, func(r *Request, on deadline.Date) (Event, error) {
		p := r.party(pa.Party)
		if p == nil {
			return Event{}, procedure.Invalid("no counter-interested party %d", pa.Party)
		}
		if !p.Opposed.IsZero() {
			return Event{}, procedure.Invalid("party %d already opposed on %s", pa.Party, p.Opposed)
		}
		if err := notBefore(on, p.Notified, "the notice was sent"); err != nil {
			return Event{}, err
		}
		if err := notBefore(on, p.Received, "the party received the notice"); err != nil {
			return Event{}, err
		}
		return Event{PartyAct: &pa}, nil
	})
}

// partiesHeard checks, before an act that grants access on day on, that
// every notified counter-interested party that has not opposed had its 10
// days to oppose, counted from its receipt of the notice (art. 3 c. 2 DPR
// 184/2006; art. 5 c. 5 D.Lgs. 33/2013): the receipt must be recorded (the
// window counted from the sending is an estimate for display only) and the
// window closed. A party that opposed has been heard.
func (s *Service) partiesHeard(r *Request, on deadline.Date) error {
	rule := citeDPROpposition
	if r.Kind.Civic() {
		rule = citeCivicParties
	}
	for i := range r.Parties {
		p := &r.Parties[i]
		if !p.Opposed.IsZero() {
			continue
		}
		if p.Received.IsZero() {
			return procedure.Refuse(rule, "counter-interested party %d has 10 days to oppose from receiving the notice sent on %s, and its receipt is not recorded: record it (for an unclaimed registered letter, the day it is deemed received) before granting access", p.Number, p.Notified)
		}
		w, err := s.cal.Compute(partySpec(r, p))
		if err != nil {
			return fmt.Errorf("%w: %v", ErrInvalid, err)
		}
		if !on.After(w) {
			return procedure.Refuse(rule, "counter-interested party %d may oppose until %s: decide after it", p.Number, w)
		}
	}
	return nil
}

// partySpec is a party's opposition window (see fold.partyWindow).
func partySpec(r *Request, p *Party) deadline.Spec {
	f := fold{r: r}
	return f.partyWindow(p)
}

// RecordAcceptanceReceipt records the day an opposing party received the
// communication of the acceptance: the data may be transmitted from the
// day after its 15th day (art. 5 c. 6 D.Lgs. 33/2013).
func (s *Service) RecordAcceptanceReceipt(ctx context.Context, a Act, pa PartyAct) (*Request, error) {
	return s.do(ctx, a, EventAcceptanceReceived, func(r *Request, on deadline.Date) (Event, error) {
		p := r.party(pa.Party)
		if p == nil {
			return Event{}, procedure.Invalid("no counter-interested party %d", pa.Party)
		}
		if !accessGranted(r) {
			return Event{}, procedure.Refuse(citeCivicRelease, "no acceptance to communicate")
		}
		if p.Opposed.IsZero() {
			return Event{}, procedure.Refuse(citeCivicRelease, "party %d did not oppose", pa.Party)
		}
		if !p.AcceptanceReceived.IsZero() {
			return Event{}, procedure.Invalid("party %d received the acceptance on %s", pa.Party, p.AcceptanceReceived)
		}
		if r.Decision != nil {
			if err := notBefore(on, r.Decision.Date, "the decision"); err != nil {
				return Event{}, err
			}
		}
		return Event{PartyAct: &pa}, nil
	})
}
