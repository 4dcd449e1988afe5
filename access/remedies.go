package access

import (
	"context"
	"slices"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/procedure"
)

// canChallenge checks that a remedy by the requester (party 0) or a
// counter-interested party has something to be directed against on day on.
func (s *Service) canChallenge(r *Request, party int, on deadline.Date, rule law.Citation) error {
	if party != 0 {
		if r.party(party) == nil {
			return procedure.Invalid("no counter-interested party %d", party)
		}
		if !accessGranted(r) {
			return procedure.Refuse(citeCivicPartyRem, "a counter-interested party's remedy is directed against an acceptance")
		}
		return nil
	}
	switch r.State {
	case StatePending:
		if r.DecisionDue.IsZero() || !on.After(r.DecisionDue) {
			return procedure.Refuse(rule, "no decision and no silence yet: the term runs until %s", r.DecisionDue)
		}
	case StateDecided:
		if !r.Decision.Outcome.Denies() {
			return procedure.Refuse(rule, "the request was granted: nothing to challenge")
		}
		if err := notBefore(on, r.Decision.Date, "the decision"); err != nil {
			return err
		}
	case StateReview:
		if rv, ok := r.Deadline(DeadlineReview); !ok || !on.After(rv.Due) {
			return procedure.Refuse(rule, "the review is still within its term")
		}
	case StateReviewed:
		rv := r.Review
		if (rv.ByParty == 0 && !rv.Outcome.Denies()) || (rv.ByParty > 0 && !rv.Outcome.Grants() && !r.Decision.Outcome.Denies()) {
			return procedure.Refuse(rule, "access stands granted after the review: nothing to challenge")
		}
	case StateOmbudsman:
		if od, ok := r.Deadline(DeadlineOmbudsman); !ok || !on.After(od.Due) {
			return procedure.Refuse(remedyBasis(r.Kind), "the %s is still within its 30 days", r.Ombudsman.Body.Italian())
		}
	case StateOmbudsmanDecided:
		if o := r.Ombudsman; o.Outcome == OmbudsmanUnlawful && (o.Answered.IsZero() || !o.Confirmed) {
			return procedure.Refuse(remedyBasis(r.Kind), "the refusal was found unlawful and not confirmed: nothing to challenge")
		}
	}
	return nil
}

// FileReview records a request for review (riesame) to the RPCT, in
// accesso civico generalizzato only (in the simple one the RPCT answers the
// request itself, art. 5 c. 3 lett. d D.Lgs. 33/2013: delay goes to the
// substitute, RequestSubstitute; a review is refused): by the
// requester after a total or partial refusal, a deferral, an inadmissibility
// or no answer within the term (art. 5 c. 7 D.Lgs. 33/2013), or by a
// counter-interested party against an acceptance (c. 9), stating the
// private interests of art. 5-bis c. 2 it invokes (RemedyRequest.Interests).
// The RPCT decides within 20 days in either case. There is no statutory
// term to file: a review filed later than Policy.ReviewLateAfter days is
// flagged (Review.Late), never refused [P].
func (s *Service) FileReview(ctx context.Context, a Act, rq RemedyRequest) (*Request, error) {
	return s.do(ctx, a, EventReviewFiled, func(r *Request, on deadline.Date) (Event, error) {
		if r.Kind == CivicoSemplice {
			return Event{}, procedure.Refuse(citeSimpleRPCT, "in accesso civico semplice the RPCT answers the request itself: on delay ask the titolare del potere sostitutivo (RequestSubstitute), against a refusal go to the TAR or the difensore civico")
		}
		if err := s.canChallenge(r, rq.Party, on, citeCivicReview); err != nil {
			return Event{}, err
		}
		if rq.Party == 0 && len(rq.Interests) > 0 {
			return Event{}, procedure.Invalid("the requester's review states no interests: they are a counter-interested party's")
		}
		for _, c := range rq.Interests {
			if g, ok := LookupGround(c); !ok || !privateInterest(g) || !g.AppliesTo(r.Kind) {
				return Event{}, procedure.Refuse(citeCivicPartyRem, "%q is not a private interest of art. 5-bis c. 2 a counter-interested party may invoke", c)
			}
		}
		rq.Body, rq.Court = "", ""
		rq.Interests = slices.Clone(rq.Interests)
		return Event{Remedy: &rq}, nil
	})
}

// ConsultGarante records the RPCT's request for the opinion of the Garante
// per la protezione dei dati personali, required when the refusal rests on
// the protection of personal data (art. 5 c. 7 D.Lgs. 33/2013), or when a
// counter-interested party's review invokes it against an acceptance (c. 7
// applied by c. 9): the review term is suspended until the opinion, at most
// 10 days.
func (s *Service) ConsultGarante(ctx context.Context, a Act, n Note) (*Request, error) {
	return s.do(ctx, a, EventGaranteConsulted, func(r *Request, on deadline.Date) (Event, error) {
		rv := r.Review
		if !rv.GaranteConsulted.IsZero() {
			return Event{}, procedure.Invalid("the Garante was consulted on %s", rv.GaranteConsulted)
		}
		personal := func(g Ground) bool { return g.PersonalData }
		switch {
		case rv.ByParty > 0 && !slices.ContainsFunc(rv.Interests, personal):
			return Event{}, procedure.Refuse(citePartyReview, "the Garante is heard when the party's review invokes the protection of personal data (art. 5-bis c. 2 lett. a)")
		case rv.ByParty == 0 && (r.Decision == nil || !slices.ContainsFunc(r.Decision.Grounds, personal)):
			return Event{}, procedure.Refuse(citeCivicReview, "the Garante is heard when the refusal rests on personal data (art. 5-bis c. 2 lett. a)")
		}
		return Event{Note: &n}, nil
	})
}

// RecordGaranteOpinion records the Garante's opinion.
func (s *Service) RecordGaranteOpinion(ctx context.Context, a Act, n Note) (*Request, error) {
	return s.do(ctx, a, EventGaranteAnswered, func(r *Request, on deadline.Date) (Event, error) {
		if r.Review.GaranteConsulted.IsZero() {
			return Event{}, procedure.Refuse(citeCivicReview, "the Garante was not consulted")
		}
		if !r.Review.GaranteAnswered.IsZero() {
			return Event{}, procedure.Invalid("the Garante answered on %s", r.Review.GaranteAnswered)
		}
		return Event{Note: &n}, nil
	})
}

// DecideReview records the RPCT's decision on the review: Accepted,
// PartiallyAccepted or Refused, with grounds, reasons and a publishable
// summary when access stays refused. While the Garante has been consulted
// and has not answered, the RPCT waits for its 10 days, until the
// Garante's deadline (moved to the next working day when the 10th day is a
// Sunday or a holiday); the review's term is suspended 10 days at most
// (art. 5 c. 7 D.Lgs. 33/2013).
func (s *Service) DecideReview(ctx context.Context, a Act, rr ReviewRuling) (*Request, error) {
	return s.do(ctx, a, EventReviewDecided, func(r *Request, on deadline.Date) (Event, error) {
		switch rr.Outcome {
		case Accepted, PartiallyAccepted, Refused:
		default:
			return Event{}, procedure.Invalid("a review is accepted, partially accepted or refused, not %q", rr.Outcome)
		}
		if r.Review.ByParty > 0 {
			// A party's review against an acceptance: refusing it keeps the
			// acceptance, accepting it refuses access on stated grounds.
			if err := checkRuling(r, map[bool]Outcome{true: Refused, false: Accepted}[rr.Outcome.Grants()], rr.Grounds, rr.Reasons, rr.Summary); err != nil {
				return Event{}, err
			}
		} else if err := checkRuling(r, rr.Outcome, rr.Grounds, rr.Reasons, rr.Summary); err != nil {
			return Event{}, err
		}
		if err := s.checkCommunicated(rr.Communicated, on); err != nil {
			return Event{}, err
		}
		if r.Review.ByParty == 0 && rr.Outcome.Grants() {
			if err := s.partiesHeard(r, on); err != nil {
				return Event{}, err
			}
		}
		// The Garante's 10 days end on its deadline's due date, extended
		// when the 10th day is a Sunday or a holiday (RULES.md §1.4): the
		// RPCT decides without the opinion only after it.
		if g, ok := r.Deadline(DeadlineGarante); ok && !r.Review.GaranteConsulted.IsZero() && r.Review.GaranteAnswered.IsZero() && !on.After(g.Due) {
			return Event{}, procedure.Refuse(citeCivicReview, "the Garante may answer until %s: wait for its opinion", g.Due)
		}
		rr.Grounds = slices.Clone(rr.Grounds)
		return Event{ReviewRuling: &rr}, nil
	})
}

// FileOmbudsman records a recourse to the body the administration's
// requesters may turn to besides the TAR (Policy.OmbudsmanBody): the
// difensore civico against a regional or local administration (art. 25
// c. 4 L. 241/1990; art. 5 c. 8 D.Lgs. 33/2013), the Commissione per
// l'accesso against a State administration's documentale refusal (art. 25
// c. 4). An empty Body is that body; another is refused, and so is any
// recourse on civic access against a State administration, for which the
// law provides no difensore civico.
func (s *Service) FileOmbudsman(ctx context.Context, a Act, rq RemedyRequest) (*Request, error) {
	return s.do(ctx, a, EventOmbudsmanFiled, func(r *Request, on deadline.Date) (Event, error) {
		body, ok := s.pol.OmbudsmanBody(r.Kind)
		if !ok {
			return Event{}, procedure.Refuse(citeCivicOmbudsman, "the difensore civico hears recourses against regional and local administrations only: against a State administration civic access has the review and the TAR")
		}
		if rq.Body == "" {
			rq.Body = body
		}
		if !rq.Body.Valid() {
			return Event{}, procedure.Invalid("unknown body %q", rq.Body)
		}
		if rq.Body == CommissioneAccesso && r.Kind != Documentale {
			return Event{}, procedure.Refuse(citeCivicOmbudsman, "civic access goes to the difensore civico")
		}
		if rq.Body != body {
			return Event{}, procedure.Refuse(citeDocRemedies, "against the acts of this administration the recourse goes %s, not %s", toBody(body), toBody(rq.Body))
		}
		if err := s.canChallenge(r, rq.Party, on, remedyBasis(r.Kind)); err != nil {
			return Event{}, err
		}
		rq.Court, rq.Interests = "", nil
		return Event{Remedy: &rq}, nil
	})
}

// RecordOmbudsmanOutcome records the outcome of the recourse on the day
// it is recorded (Act.On), with the day of the body's decision
// (OmbudsmanRuling.Decided, default that day), checked against its 30
// days; the day the requester received it (RequesterReceived), from which
// the TAR term runs (art. 25 c. 4 L. 241/1990; art. 5 c. 8 D.Lgs.
// 33/2013), counted from the decision while unknown [P]; and the day the
// administration received it (AdministrationReceived, default the day of
// recording), from which its 30 days to confirm run. The decision must not
// precede the recourse nor follow the recording; each receipt must not
// precede the decision nor follow today, whatever the other's date.
func (s *Service) RecordOmbudsmanOutcome(ctx context.Context, a Act, o OmbudsmanRuling) (*Request, error) {
	return s.do(ctx, a, EventOmbudsmanDecided, func(r *Request, on deadline.Date) (Event, error) {
		if !o.Outcome.Valid() {
			return Event{}, procedure.Invalid("unknown outcome %q", o.Outcome)
		}
		decided := o.Decided
		if decided.IsZero() {
			decided = on
		}
		if decided.Before(r.Ombudsman.Filed) || decided.After(on) {
			return Event{}, procedure.Refuse(procedure.Chronology(), "the body decided on %s: between the recourse (%s) and the day the outcome is recorded (%s)", decided, r.Ombudsman.Filed, on)
		}
		today := s.today()
		for _, x := range []struct {
			who string
			on  deadline.Date
		}{{"the requester", o.RequesterReceived}, {"the administration", o.AdministrationReceived}} {
			if !x.on.IsZero() && (x.on.Before(decided) || x.on.After(today)) {
				return Event{}, procedure.Refuse(procedure.Chronology(), "%s received the outcome on %s: between the decision (%s) and today (%s)", x.who, x.on, decided, today)
			}
		}
		if err := r.checkPublishable(o.Summary); err != nil {
			return Event{}, err
		}
		return Event{OmbudsmanRuling: &o}, nil
	})
}

// AnswerOmbudsman records the administration's answer after the body found
// its refusal unlawful: a reasoned confirmation within 30 days of receiving
// the finding, or access allowed (art. 25 c. 4 L. 241/1990; art. 5 c. 8
// D.Lgs. 33/2013 for civic access). A confirmation
// after the 30 days is refused: access is already allowed by law.
func (s *Service) AnswerOmbudsman(ctx context.Context, a Act, ans AdministrationAnswer) (*Request, error) {
	return s.do(ctx, a, EventOmbudsmanAnswered, func(r *Request, on deadline.Date) (Event, error) {
		o := r.Ombudsman
		rule := remedyBasis(r.Kind)
		if err := s.competent(r, a.By, rule); err != nil {
			return Event{}, err
		}
		if o.Outcome != OmbudsmanUnlawful {
			return Event{}, procedure.Refuse(rule, "the body did not find the refusal unlawful: nothing to confirm")
		}
		if !o.Answered.IsZero() {
			return Event{}, procedure.Invalid("the administration answered on %s", o.Answered)
		}
		if ans.Confirm {
			if c, ok := r.Deadline(DeadlineConfirmation); ok && on.After(c.Due) {
				return Event{}, procedure.Refuse(rule, "the 30 days to confirm ended on %s: access is allowed", c.Due)
			}
			if blank(ans.Reasons) {
				return Event{}, procedure.Refuse(rule, "a confirmation states its reasons")
			}
			if blank(ans.Summary) {
				return Event{}, procedure.Refuse(citeRegister, "a confirmation needs a publishable summary")
			}
		}
		if !ans.Confirm && o.ByParty == 0 {
			if err := s.partiesHeard(r, on); err != nil {
				return Event{}, err
			}
		}
		if err := r.checkPublishable(ans.Summary); err != nil {
			return Event{}, err
		}
		return Event{Answer: &ans}, nil
	})
}

// FileAppeal records an appeal to the TAR (art. 116 c.p.a.) against a
// refusal, a deferral, the silence, the review's outcome or silence, the
// ombudsman's outcome or silence; or by a counter-interested party against
// an acceptance. A late appeal is recorded all the same: its admissibility
// is the court's to decide.
func (s *Service) FileAppeal(ctx context.Context, a Act, rq RemedyRequest) (*Request, error) {
	return s.do(ctx, a, EventAppealFiled, func(r *Request, on deadline.Date) (Event, error) {
		if err := s.canChallenge(r, rq.Party, on, citeAppeal); err != nil {
			return Event{}, err
		}
		rq.Body, rq.Interests = "", nil
		return Event{Remedy: &rq}, nil
	})
}

// RecordAppealOutcome records the court's decision, dated (Act.On) the day
// of the judgment, with the day it was communicated to the administration
// when known (AppealRuling.Communicated: the register's court block,
// Circolare FP 2/2017 All. 3 § 4), which cannot precede the judgment nor
// follow today.
func (s *Service) RecordAppealOutcome(ctx context.Context, a Act, ar AppealRuling) (*Request, error) {
	return s.do(ctx, a, EventAppealDecided, func(r *Request, on deadline.Date) (Event, error) {
		if !slices.Contains(appealOutcomes, ar.Outcome) {
			return Event{}, procedure.Invalid("unknown appeal outcome %q", ar.Outcome)
		}
		if c := ar.Communicated; !c.IsZero() && (c.Before(on) || c.After(s.today())) {
			return Event{}, procedure.Refuse(procedure.Chronology(), "the ruling was communicated to the administration on %s: between the ruling (%s) and today", c, on)
		}
		return Event{AppealRuling: &ar}, nil
	})
}
