package access

import (
	"context"
	"fmt"
	"slices"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/procedure"
)

// decisionRule returns the rule that requires a reasoned decision.
func decisionRule(k Kind) law.Citation {
	if k.Civic() {
		return citeCivicTerm
	}
	return citeDPRRefusal
}

// checkRuling applies the rules every decision that limits access follows.
func checkRuling(r *Request, outcome Outcome, codes []GroundCode, reasons, summary string) error {
	if !outcome.Denies() {
		if len(codes) > 0 {
			return procedure.Invalid("an acceptance names no grounds of refusal")
		}
		return r.checkPublishable(summary)
	}
	if len(codes) == 0 {
		return procedure.Refuse(decisionRule(r.Kind), "a %s must name its grounds", outcome.Italian())
	}
	for _, c := range codes {
		g, ok := LookupGround(c)
		if !ok {
			return procedure.Refuse(decisionRule(r.Kind), "unknown ground %q", c)
		}
		if !g.AppliesTo(r.Kind) {
			return procedure.Refuse(g.Source, "ground %s does not apply to %s", g, r.Kind.Italian())
		}
	}
	if blank(reasons) {
		return procedure.Refuse(decisionRule(r.Kind), "a %s must state its reasons", outcome.Italian())
	}
	if blank(summary) {
		return procedure.Refuse(citeRegister, "a %s needs a publishable summary of its reasons for the register", outcome.Italian())
	}
	return r.checkPublishable(summary)
}

// Decide records the competent office's decision, or in accesso civico
// semplice the RPCT's (art. 5 c. 3 lett. d D.Lgs. 33/2013). It refuses,
// citing the rule: a decision by another office; a refusal, partial acceptance,
// deferral or inadmissibility without grounds valid for the kind, reasons
// and a publishable summary; a refusal that does not state why deferral
// would not suffice (art. 24 c. 4 L. 241/1990; art. 5-bis c. 5 D.Lgs.
// 33/2013); a deferral without its duration (art. 9 c. 3 DPR 184/2006:
// "ne indica la durata"; art. 5-bis c. 5 D.Lgs. 33/2013); a
// documentale acceptance without reasons in the request (art. 25 c. 2) or
// without a viewing period of at least 15 days (art. 7 DPR 184/2006); an
// acceptance (or partial acceptance) while a notified counter-interested
// party that has not opposed may still oppose, or while its receipt of the
// notice, from which its 10 days run, is not recorded (art. 3 c. 2 DPR
// 184/2006; art. 5 c. 5 D.Lgs. 33/2013); summaries naming the parties.
func (s *Service) Decide(ctx context.Context, a Act, ru Ruling) (*Request, error) {
	return s.do(ctx, a, EventDecided, func(r *Request, on deadline.Date) (Event, error) {
		// In accesso civico semplice the RPCT answers whatever office
		// holds the request (art. 5 c. 3 lett. d D.Lgs. 33/2013).
		rpctDecides := r.Kind == CivicoSemplice && a.By.Role == office.RPCT
		if err := s.competent(r, a.By, decisionRule(r.Kind)); err != nil && !rpctDecides {
			return Event{}, err
		}
		if err := s.checkDecision(r, on, &ru); err != nil {
			return Event{}, err
		}
		return Event{Ruling: &ru}, nil
	})
}

// checkDecision applies the rules of Decide but the competent office's to
// ruling ru on day on, and copies what it shares with the caller.
func (s *Service) checkDecision(r *Request, on deadline.Date, ru *Ruling) error {
	if !ru.Outcome.Valid() {
		return procedure.Invalid("unknown outcome %q", ru.Outcome)
	}
	if err := checkRuling(r, ru.Outcome, ru.Grounds, ru.Reasons, ru.Summary); err != nil {
		return err
	}
	deferral := citeDocDeferral
	if r.Kind.Civic() {
		deferral = citeCivicDeferral
	}
	switch ru.Outcome {
	case Refused:
		if blank(ru.NoDeferral) {
			return procedure.Refuse(deferral, "access cannot be refused where deferral suffices: state why it does not")
		}
	case Deferred:
		if !ru.DeferredUntil.After(on) {
			rule := citeDPRDeferral
			if r.Kind.Civic() {
				rule = citeCivicDeferral
			}
			return procedure.Refuse(rule, "a deferral states until when access is deferred, a day after the decision")
		}
	}
	if ru.Outcome != Deferred && !ru.DeferredUntil.IsZero() {
		return procedure.Invalid("only a deferral has a deferral date")
	}
	if err := s.checkCommunicated(ru.Communicated, on); err != nil {
		return err
	}
	if ru.Outcome.Grants() {
		if r.Kind == Documentale && blank(r.Reasons) {
			return procedure.Refuse(citeDocReasons, "a documentale request without reasons is irregular and cannot be granted")
		}
		if r.Kind == Documentale {
			if ru.Viewing == nil || blank(ru.Viewing.Place) || ru.Viewing.Days < 15 {
				return procedure.Refuse(citeDPRAcceptance, "a documentale acceptance states where and for at least 15 days the documents can be viewed")
			}
		}
		if err := s.partiesHeard(r, on); err != nil {
			return err
		}
	}
	if ru.Viewing != nil {
		v := *ru.Viewing
		ru.Viewing = &v
	}
	ru.Grounds = slices.Clone(ru.Grounds)
	return nil
}

// checkCommunicated checks the day the requester received a decision taken
// on day on, if known: not before the decision, not after today.
func (s *Service) checkCommunicated(c, on deadline.Date) error {
	if !c.IsZero() && (c.Before(on) || c.After(s.today())) {
		return procedure.Refuse(citeKnowledge, "the requester received the decision on %s: between the decision (%s) and today", c, on)
	}
	return nil
}

// CommunicateDecision records the day (Act.On) the requester received the
// decision (Communication.Of empty or CommunicatedDecision), the RPCT's
// decision on the review (CommunicatedReview) or the outcome of the
// difensore civico or the Commissione (CommunicatedOmbudsman): the remedy
// terms against it run from that day (art. 116 c. 1 c.p.a., "dalla
// conoscenza"; art. 25 c. 4 L. 241/1990; art. 5 c. 8 D.Lgs. 33/2013),
// until then from the act's own day [P]. It may be dated before acts
// recorded meanwhile (a return receipt that arrives late), never before
// the act, and is recorded once per act.
func (s *Service) CommunicateDecision(ctx context.Context, a Act, c Communication) (*Request, error) {
	return s.do(ctx, a, EventDecisionCommunicated, func(r *Request, on deadline.Date) (Event, error) {
		if !c.Of.Valid() {
			return Event{}, procedure.Invalid("unknown act %q", c.Of)
		}
		at, ok := communicated(r, c.Of)
		if !ok {
			return Event{}, procedure.Refuse(citeKnowledge, "no %s has been taken yet", c.Of.orDecision())
		}
		if !at.day.IsZero() {
			return Event{}, procedure.Invalid("the requester received the %s on %s", c.Of.orDecision(), *at.day)
		}
		if on.Before(at.act) {
			return Event{}, procedure.Refuse(procedure.Chronology(), "dated %s, before the %s (%s)", on, c.Of.orDecision(), at.act)
		}
		return Event{Communication: &c}, nil
	})
}

// accessGranted reports whether the last word so far grants access. A
// counter-interested party's remedy that prevails (its review accepted, its
// appeal granted, the administration not confirming its acceptance after the
// difensore civico's finding) refuses it.
func accessGranted(r *Request) bool {
	if a := r.Appeal; a != nil && a.Outcome != "" && (a.ByParty == 0 || appealGrants(a.Outcome)) {
		return a.ByParty == 0 && appealGrants(a.Outcome)
	}
	if o := r.Ombudsman; o != nil && !o.Answered.IsZero() && !o.Confirmed {
		return o.ByParty == 0
	}
	if rv := r.Review; rv != nil && !rv.Decided.IsZero() {
		switch {
		case rv.ByParty > 0 && rv.Outcome.Grants():
			return false // the party prevailed against the acceptance
		case rv.ByParty == 0 && rv.Outcome.Grants():
			return true
		}
		// A review that confirms a refusal leaves the decision as it was:
		// the part granted by a partial acceptance stays granted.
	}
	return r.Decision != nil && r.Decision.Outcome.Grants()
}

// accessAllowed reports whether documents may be released on day on.
func accessAllowed(r *Request, on deadline.Date) bool {
	if accessGranted(r) {
		return true
	}
	if o := r.Ombudsman; o != nil && !o.AccessFrom.IsZero() && !on.Before(o.AccessFrom) {
		return true
	}
	if d := r.Decision; d != nil && d.Outcome == Deferred && !on.Before(d.DeferredUntil) && r.Review == nil {
		return true
	}
	return false
}

// Release records documents or data released to the requester. Refused
// unless access is allowed (accepted, accepted on review, deferral
// reached, ombudsman's finding not confirmed in 30 days, appeal granted);
// for generalizzato access after an opposition, refused before the day
// after the 15th day from the party's receipt of the acceptance unless an
// urgency is stated (art. 5 c. 6 D.Lgs. 33/2013).
func (s *Service) Release(ctx context.Context, a Act, rl Release) (*Request, error) {
	return s.do(ctx, a, EventReleased, func(r *Request, on deadline.Date) (Event, error) {
		return s.release(r, a, on, rl)
	})
}

// Publish records, for simple civic access, the publication of the data in
// "Amministrazione trasparente" and the link sent to the requester (art. 5
// c. 6 D.Lgs. 33/2013). The link is required.
func (s *Service) Publish(ctx context.Context, a Act, rl Release) (*Request, error) {
	return s.do(ctx, a, EventPublished, func(r *Request, on deadline.Date) (Event, error) {
		if blank(rl.Link) {
			return Event{}, procedure.Refuse(citeCivicRelease, "publication sends the requester the link to the published data")
		}
		return s.release(r, a, on, rl)
	})
}

func (s *Service) release(r *Request, a Act, on deadline.Date, rl Release) (Event, error) {
	rule := citeDPRAcceptance
	if r.Kind.Civic() {
		rule = citeCivicRelease
	}
	if err := s.competent(r, a.By, rule); err != nil {
		return Event{}, err
	}
	if rl.Medium != "" && !rl.Medium.Valid() {
		return Event{}, procedure.Invalid("unknown medium %q", rl.Medium)
	}
	if !accessAllowed(r, on) {
		return Event{}, procedure.Refuse(rule, "access is not allowed on %s", on)
	}
	if r.Kind == Generalizzato && blank(rl.Urgency) {
		for i := range r.Parties {
			p := &r.Parties[i]
			if p.Opposed.IsZero() || p.OpposedLate {
				continue
			}
			if p.AcceptanceReceived.IsZero() {
				return Event{}, procedure.Refuse(citeCivicRelease, "party %d opposed: it must receive the acceptance, and 15 days pass, before the data are transmitted", p.Number)
			}
			from, err := s.cal.Compute(deadline.Spec{Start: p.AcceptanceReceived, Term: releaseTerm})
			if err != nil {
				return Event{}, fmt.Errorf("%w: %v", ErrInvalid, err)
			}
			if on.Before(from) {
				return Event{}, procedure.Refuse(citeCivicRelease, "party %d opposed: the data may be transmitted from %s, unless urgency is stated", p.Number, from)
			}
		}
	}
	return Event{Release: &rl}, nil
}

// Withdraw records that the requester withdrew the request.
func (s *Service) Withdraw(ctx context.Context, a Act, n Note) (*Request, error) {
	return s.do(ctx, a, EventWithdrawn, func(r *Request, on deadline.Date) (Event, error) {
		return Event{Note: &n}, nil
	})
}

// ChargeFees charges the reproduction cost of copies c from the tariff of
// the request's kind in Policy.Tariffs (art. 25 c. 1 L. 241/1990; art. 5
// c. 4 D.Lgs. 33/2013). Refused while access is not allowed.
func (s *Service) ChargeFees(ctx context.Context, a Act, c Copy) (*Request, error) {
	return s.do(ctx, a, EventFeesCharged, func(r *Request, on deadline.Date) (Event, error) {
		if !accessAllowed(r, on) {
			return Event{}, procedure.Refuse(citeDocFees, "no copies are due while access is not allowed")
		}
		fee, err := s.pol.Tariffs[r.Kind].Cost(r.Kind, c)
		if err != nil {
			return Event{}, err
		}
		return Event{Charge: &Charge{Copy: c, Fee: fee}}, nil
	})
}

// ReportBreach records the RPCT's report that data subject to mandatory
// publication had been omitted (art. 5 c. 10 and art. 43 c. 5 D.Lgs. 33/2013).
func (s *Service) ReportBreach(ctx context.Context, a Act, n Note) (*Request, error) {
	return s.do(ctx, a, EventBreachReported, func(r *Request, on deadline.Date) (Event, error) {
		if blank(n.Text) {
			return Event{}, procedure.Invalid("say whom the breach was reported to")
		}
		return Event{Note: &n}, nil
	})
}

// SetPublicSubject records the office's publishable summary of the subject
// for the register; refused if it contains the requester's or a party's
// name or identifiers (ANAC 1309/2016 § 9).
func (s *Service) SetPublicSubject(ctx context.Context, a Act, ps PublicSubject) (*Request, error) {
	return s.do(ctx, a, EventPublicSubjectSet, func(r *Request, on deadline.Date) (Event, error) {
		if blank(ps.Text) {
			return Event{}, procedure.Invalid("empty subject")
		}
		if err := r.checkPublishable(ps.Text); err != nil {
			return Event{}, err
		}
		return Event{Subject: &ps}, nil
	})
}

// Close closes the file: after the decision and its sequels, or after an
// irregularity notice left unanswered.
func (s *Service) Close(ctx context.Context, a Act, n Note) (*Request, error) {
	return s.do(ctx, a, EventClosed, func(r *Request, on deadline.Date) (Event, error) {
		return Event{Note: &n}, nil
	})
}
