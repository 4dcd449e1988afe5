package complaint

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/procedure"
)

// File registers a new complaint as a.ID (Config.NewID, a random UUID by
// default, if empty) and returns its View. f.Received, the instant the desk
// received it, defaults to now for a complaint received today; one received
// on an earlier day gives its instant, and a.On, when set, must be its day.
// It must not be in the future. The category must be in the Policy's
// taxonomy. Filing is done by the front office, or with role External by a
// system taking complaints from citizens (an online form, an Open311
// gateway). A summary containing personal data (the reporter's names,
// codes, contacts or address, or anyone's codice fiscale, e-mail, telephone
// or IBAN) is refused with a *RuleError citing art. 5 c. 1 lett. c Reg. UE
// 2016/679, and nothing is stored: the summary is published.
func (s *Service) File(ctx context.Context, a Act, f Filed) (View, error) {
	if err := a.Check(true); err != nil {
		return View{}, err
	}
	if a.ID == "" {
		a.ID = s.newID()
	}
	if err := validID(a.ID); err != nil {
		return View{}, err
	}
	f = normalizeFiled(f)
	if f.Category != "" && !s.pol.Taxonomy.Has(f.Category) {
		return View{}, invalid("unknown category %q", f.Category)
	}
	nf, err := s.whole.Open(ctx, a, EventFiled, func(st *step) (Event, error) {
		if err := receivedOn(&f, a.On, st); err != nil {
			return Event{}, err
		}
		ev, err := NewEvent(&f)
		if err != nil {
			return Event{}, err
		}
		if err := publishable("summary", f.Summary, f.Person); err != nil {
			return Event{}, err
		}
		if f.Channel == Escalation060606 {
			st.Basis = basisEscalation
		}
		return ev, nil
	})
	if err != nil {
		return View{}, err
	}
	return s.view(nf) // computed by replayWhole
}

// receivedOn fills in the instant of receipt and makes the day of the fact
// its day in Rome.
func receivedOn(f *Filed, on deadline.Date, st *step) error {
	switch {
	case f.Received.IsZero() && (on.IsZero() || on == st.Today):
		f.Received = st.Now
	case f.Received.IsZero():
		return invalid("a complaint received before today (%s) gives its instant of receipt (Filed.Received)", on)
	}
	got := deadline.DateOf(f.Received)
	switch {
	case f.Received.After(st.Now):
		return invalid("received %s, in the future", f.Received.Format(time.RFC3339))
	case got.IsZero() || got.Year() < deadline.FirstYear:
		return invalid("received on %s: outside the calendars' range", got)
	case !on.IsZero() && on != got:
		return invalid("the act is dated %s, the complaint was received on %s", on, got)
	}
	st.On = got
	return nil
}

func normalizeFiled(f Filed) Filed {
	f.Person = f.Person.normalize()
	f.Description = strings.TrimSpace(f.Description)
	f.Summary = strings.TrimSpace(f.Summary)
	f.Category = strings.TrimSpace(f.Category)
	f.Place = f.Place.clone()
	f.Place.Address = strings.TrimSpace(f.Place.Address)
	f.Media = slices.Clone(f.Media)
	f.Attributes = slices.Clone(f.Attributes)
	if f.Escalation != nil {
		e := *f.Escalation
		e.Ticket = strings.TrimSpace(e.Ticket)
		f.Escalation = &e
	}
	return f
}

// Assign sends a registered (or reopened) complaint to an office of the
// administration, as. With an empty as.To, it picks the best of
// SuggestOffices and records why; if there is none, it fails with a
// *RuleError asking for an office. Offices outside the administration are
// refused: use ForwardOutside.
func (s *Service) Assign(ctx context.Context, a Act, as Assignment) (View, error) {
	return s.do(ctx, a, EventAssigned, func(v *View, _ *step) (Payload, error) {
		if as.To == "" {
			sg := s.suggest(*v)
			if len(sg) == 0 {
				return nil, ruleErr(basisURP, "no competent office found for %s: name one", v.ID)
			}
			as.To = sg[0].Office.ID
			if as.Reason == "" {
				as.Reason = strings.Join(sg[0].Reasons, "; ")
			}
		}
		if _, err := s.internalOffice(as.To); err != nil {
			return nil, err
		}
		return &as, nil
	})
}

// Forward sends the complaint from its office to another office of the
// administration, fw.To: the desk re-routes it, or the office declares it is
// not competent and names the right one. fw.From is filled in. The answer
// term goes on unless Policy.RestartOnForward.
func (s *Service) Forward(ctx context.Context, a Act, fw Forwarding) (View, error) {
	return s.do(ctx, a, EventForwarded, func(v *View, _ *step) (Payload, error) {
		if _, err := s.internalOffice(fw.To); err != nil {
			return nil, err
		}
		if fw.To == v.Office {
			return nil, invalid("%s is already with %s", v.ID, fw.To)
		}
		fw.From = v.Office
		return &fw, nil
	})
}

// Start records that the competent office took the complaint up (SUS "In
// lavorazione").
func (s *Service) Start(ctx context.Context, a Act, w WorkStart) (View, error) {
	return s.do(ctx, a, EventStarted, func(*View, *step) (Payload, error) { return &w, nil })
}

// RequestInfo asks the citizen for more information. The citizen has
// Policy.ReplyTerm to answer; the answer term is suspended meanwhile only if
// Policy.SuspendWhileAwaiting. An anonymous reporter, or one without any
// contact, cannot be asked: *RuleError.
func (s *Service) RequestInfo(ctx context.Context, a Act, q InfoRequest) (View, error) {
	return s.do(ctx, a, EventInfoRequested, func(v *View, _ *step) (Payload, error) {
		if !v.Person.Reachable() {
			return nil, ruleErr(basisReplyTerm, "the reporter left no contact: nobody can be asked")
		}
		q.Question = strings.TrimSpace(q.Question)
		return &q, nil
	})
}

// RecordReply records the citizen's reply to the pending request for
// information. a.On is the day it arrived (default today): not before the
// request, and it may precede acts recorded since.
func (s *Service) RecordReply(ctx context.Context, a Act, r CitizenReply) (View, error) {
	return s.do(ctx, a, EventCitizenReplied, func(v *View, st *step) (Payload, error) {
		x, _ := v.Awaiting()
		if st.On.Before(x.Asked) {
			return nil, procedure.Refuse(procedure.Chronology(), "reply received on %s, before the request (%s)", st.On, x.Asked)
		}
		return &r, nil
	})
}

// Answer records the answer to the citizen. The outcome must be one of
// Outcomes(kind): *RuleError otherwise. The summary is published with the
// complaint and its merged duplicates: one containing personal data of the
// reporter or of a duplicate's reporter, or anyone's codice fiscale, e-mail,
// telephone or IBAN, is refused with a *RuleError citing art. 5 c. 1 lett.
// c Reg. UE 2016/679.
func (s *Service) Answer(ctx context.Context, a Act, ans Answer) (View, error) {
	return s.do(ctx, a, EventAnswered, func(v *View, _ *step) (Payload, error) {
		if !slices.Contains(Outcomes(v.Kind), ans.Outcome) {
			return nil, ruleErr(basisCharter, "outcome %q does not answer a %s (allowed: %v)", ans.Outcome, v.Kind.Italian(), Outcomes(v.Kind))
		}
		ans.Text, ans.Summary = strings.TrimSpace(ans.Text), strings.TrimSpace(ans.Summary)
		// The summary is published with the complaint and with every
		// duplicate merged into it.
		if err := s.publishableFor(ctx, v, "answer summary", ans.Summary, true); err != nil {
			return nil, err
		}
		return &ans, nil
	})
}

// Close closes the complaint. An empty c.Reason is ClosedAnswered after an
// answer and ClosedForwarded after sending it outside. ClosedAnswered needs
// an answer, ClosedForwarded a forwarding outside, and ClosedNoReply a
// pending request whose reply term has passed on the day of the act
// (*RuleError otherwise); ClosedWithdrawn and ClosedNotPertinent are always
// possible.
func (s *Service) Close(ctx context.Context, a Act, c Closure) (View, error) {
	return s.do(ctx, a, EventClosed, func(v *View, st *step) (Payload, error) {
		if c.Reason == "" {
			switch v.State {
			case Answered:
				c.Reason = ClosedAnswered
			case ForwardedOutside:
				c.Reason = ClosedForwarded
			default:
				return nil, invalid("say why %s is closed", v.State.Italian())
			}
		}
		if err := s.mayClose(v, c.Reason, st.On); err != nil {
			return nil, err
		}
		return &c, nil
	})
}

// mayClose checks the condition of each reason for closing.
func (s *Service) mayClose(v *View, reason CloseReason, on deadline.Date) error {
	switch reason {
	case ClosedAnswered:
		if v.State != Answered {
			return ruleErr(basisSUS, "a complaint in state %s has not been answered", v.State.Italian())
		}
	case ClosedForwarded:
		if v.State != ForwardedOutside {
			return ruleErr(basisSUS, "a complaint in state %s was not sent outside", v.State.Italian())
		}
	case ClosedNoReply:
		x, ok := v.Awaiting()
		if !ok {
			return ruleErr(basisReplyTerm, "no request for information is pending")
		}
		if t := s.pol.ReplyTerm; t != nil {
			due, err := s.cal.Expiry(x.Asked, *t)
			if err != nil {
				return fmt.Errorf("%w: reply term: %w", ErrInvalid, err)
			}
			if !on.After(due) {
				return ruleErr(basisReplyTerm, "the citizen may reply until %s", due.Italian())
			}
		}
	}
	return nil
}

// Reopen reopens an answered complaint at the citizen's request: a new
// answer term runs from the request, whose day is a.On (default today). It
// needs an answer to contest (a complaint closed without one, or sent
// outside, cannot be reopened: file a new one) and a request not before the
// last answer and within Policy.ReopenTerm of it: *RuleError otherwise.
func (s *Service) Reopen(ctx context.Context, a Act, r Reopening) (View, error) {
	return s.do(ctx, a, EventReopened, func(v *View, st *step) (Payload, error) {
		last, ok := v.LastAnswer()
		if !ok || (v.State == Closed && v.CloseReason != ClosedAnswered) {
			return nil, ruleErr(basisReopen, "there is no answer to contest: file a new complaint")
		}
		if st.On.Before(last.On) {
			return nil, procedure.Refuse(procedure.Chronology(), "reopening requested on %s, before the answer (%s)", st.On, last.On)
		}
		if t := s.pol.ReopenTerm; t != nil {
			limit, err := s.cal.Expiry(last.On, *t)
			if err != nil {
				return nil, fmt.Errorf("%w: reopening term: %w", ErrInvalid, err)
			}
			if st.On.After(limit) {
				return nil, ruleErr(t.Source, "reopening asked on %s, after the term ended on %s: file a new complaint", st.On.Italian(), limit.Italian())
			}
		}
		return &r, nil
	})
}

// ForwardOutside sends the complaint to a body outside the administration,
// o.To, which must be an External office of the directory (a city company
// such as AMA or ATAC, another administration): *RuleError otherwise.
// Sending it there meets the administration's answer term; o.Summary is the
// publishable note on it, o.Reference the body's own reference if known.
// Either containing personal data is refused with a *RuleError citing art.
// 5 c. 1 lett. c Reg. UE 2016/679.
func (s *Service) ForwardOutside(ctx context.Context, a Act, o OutsideForwarding) (View, error) {
	return s.do(ctx, a, EventForwardedOutside, func(v *View, _ *step) (Payload, error) {
		body, err := s.dir.Office(o.To)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
		}
		if !body.External {
			return nil, ruleErr(basisConcession, "%s belongs to the administration: use Assign or Forward", o.To)
		}
		o.Reference, o.Summary = strings.TrimSpace(o.Reference), strings.TrimSpace(o.Summary)
		if err := publishable("summary of the forwarding", o.Summary, v.Person); err != nil {
			return nil, err
		}
		if err := publishable("reference of the outside body", o.Reference, v.Person); err != nil {
			return nil, err
		}
		return &o, nil
	})
}

// RecordExternalReply records what the outside body answered. Its summary
// enters the public timeline: one containing personal data is refused with
// a *RuleError citing art. 5 c. 1 lett. c Reg. UE 2016/679.
func (s *Service) RecordExternalReply(ctx context.Context, a Act, r ExternalReply) (View, error) {
	return s.do(ctx, a, EventExternalReplyRecorded, func(v *View, _ *step) (Payload, error) {
		r.Summary = strings.TrimSpace(r.Summary)
		if err := publishable("summary of the outside reply", r.Summary, v.Person); err != nil {
			return nil, err
		}
		return &r, nil
	})
}

// Reclassify corrects kind, category, place or public summary. The
// category must be in the taxonomy; the answer term follows the new
// classification, counted from the same start. A summary containing
// personal data is refused with a *RuleError citing art. 5 c. 1 lett. c Reg.
// UE 2016/679.
func (s *Service) Reclassify(ctx context.Context, a Act, r Reclassification) (View, error) {
	return s.do(ctx, a, EventReclassified, func(v *View, _ *step) (Payload, error) {
		if r.Category != "" && !s.pol.Taxonomy.Has(r.Category) {
			return nil, invalid("unknown category %q", r.Category)
		}
		if r.Kind != "" && r.Kind != v.Kind && len(v.Answers) > 0 {
			return nil, ruleErr(basisClassify, "an answered complaint keeps its kind")
		}
		if r.Place != nil {
			pl := r.Place.clone()
			r.Place = &pl
		}
		r.Summary = strings.TrimSpace(r.Summary)
		if err := publishable("summary", r.Summary, v.Person); err != nil {
			return nil, err
		}
		return &r, nil
	})
}
