package petition

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/procedure"
)

// Draft registers a petition as a draft and returns it. a.ID may be empty:
// the Service then generates one; a.On is the day of registration. The
// kind and addressee must be in the policy, and the kind addressed to that
// body; EqualOpportunities only for a kind with a special term on equal
// opportunities; the desk (FrontOffice) or the online portal (External)
// registers. A petition with the same ID is ErrExists.
func (s *Service) Draft(ctx context.Context, a Act, r Registration) (Petition, error) {
	if a.ID == "" {
		a.ID = s.newID()
	}
	next, err := s.run.Open(ctx, a, EventDrafted, func(st *step) (Event, error) {
		ev := r.Event()
		if err := ev.Validate(); err != nil {
			return ev, err
		}
		table, err := s.admitRegistration(r)
		if err != nil {
			return ev, err
		}
		if _, err := table.Check(start, EventDrafted, a.By.Role); err != nil {
			return ev, err
		}
		row, _ := table.Row(EventDrafted)
		st.Basis = row.Basis
		return ev, nil
	})
	if err != nil {
		return Petition{}, err
	}
	return next.view(), nil
}

// admitRegistration checks a registration against the policy and returns
// the lifecycle of its kind.
func (s *Service) admitRegistration(r Registration) (*Table, error) {
	if err := publishable("l'oggetto", r.Subject, r.Promoters); err != nil {
		return nil, err
	}
	if err := publishable("la materia", r.Matter, r.Promoters); err != nil {
		return nil, err
	}
	rules, err := s.policy.Rules(r.Kind)
	if err != nil {
		return nil, err
	}
	if _, err := s.policy.Body(r.Addressee); err != nil {
		return nil, err
	}
	if !slices.Contains(rules.Addressees, r.Addressee) {
		return nil, &RuleError{Rule: rules.Source,
			Reason: fmt.Sprintf("una %s non può essere rivolta a %s", rules.Name, r.Addressee)}
	}
	if r.EqualOpportunities && !rules.hasEqualOpportunities() {
		return nil, invalid("the policy of %s sets no special term on equal opportunities for a %s", s.policy.Administration, rules.Name)
	}
	return Lifecycle(rules), nil
}

// OpenCollection opens the signature collection on a.On. c.Closes is the
// last day of collection the promoters declare (zero: none); it cannot be
// before the day of opening.
func (s *Service) OpenCollection(ctx context.Context, a Act, c Collection) (Petition, error) {
	return s.do(ctx, a, EventCollectionOpened, func(_ *aggregate, st *step) (Event, error) {
		if !c.Closes.IsZero() && c.Closes.Before(st.On) {
			return Event{}, invalid("collection closing on %s, before its opening on %s", c.Closes.Italian(), st.On.Italian())
		}
		return c.Event(), nil
	})
}

// WithdrawSignature withdraws a signatory's signature before filing; the
// person is identified by the codice fiscale as signed (case, spaces and the
// SPID prefix aside: an omocodic variant is another person) and may sign
// again later.
func (s *Service) WithdrawSignature(ctx context.Context, a Act, w Withdrawal) (Petition, error) {
	return s.do(ctx, a, EventSignatureWithdrawn, func(cur *aggregate, _ *step) (Event, error) {
		cf, err := codicefiscale.Parse(w.CodiceFiscale)
		if err != nil {
			return Event{}, err
		}
		if _, ok := cur.roll.get(cf.Key()); !ok {
			return Event{}, &RuleError{Rule: citeWithdrawal, Reason: "non risulta una firma valida con questo codice fiscale da revocare"}
		}
		return Withdrawal{CodiceFiscale: cf.String()}.Event(), nil
	})
}

// File files the petition. a.On is the day of filing (zero: today), usually
// the protocol date: it may not be in the future nor before the collection
// opened, and may precede acts recorded since the opening (a deposit
// entered days later). Filing is refused with a *RuleError wrapping
// ErrThreshold unless the valid signatures inside the kind's window
// (counted back from a.On) reach the threshold.
func (s *Service) File(ctx context.Context, a Act, f Filing) (Petition, error) {
	return s.do(ctx, a, EventFiled, func(cur *aggregate, st *step) (Event, error) {
		if st.On.Before(cur.p.Opened) {
			return Event{}, procedure.Refuse(procedure.Chronology(), "deposito datato %s, prima dell'apertura della raccolta (%s)", st.On.Italian(), cur.p.Opened.Italian())
		}
		n, need := cur.countable(st.On), cur.rules.Threshold.Signatures
		if n < need {
			where := ""
			if !cur.rules.Window.IsZero() {
				where = fmt.Sprintf(" raccolte dal %s", cur.rules.Window.Start(st.On).Italian())
			}
			return Event{}, &RuleError{Rule: cur.rules.Threshold.Source, Err: ErrThreshold,
				Reason: fmt.Sprintf("firme valide%s: %s; ne servono almeno %s", where, thousands(n), thousands(need))}
		}
		f.Protocol = trimmed(f.Protocol)
		if err := publishable("il numero di protocollo", f.Protocol, cur.p.Promoters); err != nil {
			return Event{}, err
		}
		return f.Event(), nil
	})
}

// thousands formats n the Italian way: 5.000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

// DeclareAdmissible records a positive admissibility check, with an optional
// note (published: no personal data).
func (s *Service) DeclareAdmissible(ctx context.Context, a Act, adm Admission) (Petition, error) {
	return s.do(ctx, a, EventDeclaredAdmissible, func(cur *aggregate, _ *step) (Event, error) {
		if err := publishable("la nota di ammissibilità", adm.Note, cur.p.Promoters); err != nil {
			return Event{}, err
		}
		return Admission{Note: trimmed(adm.Note)}.Event(), nil
	})
}

// DeclareInadmissible records a negative admissibility check with its
// grounds (published: no personal data).
func (s *Service) DeclareInadmissible(ctx context.Context, a Act, r Refusal) (Petition, error) {
	return s.do(ctx, a, EventDeclaredInadmissible, func(cur *aggregate, _ *step) (Event, error) {
		r.Reason = trimmed(r.Reason)
		if err := publishable("la motivazione", r.Reason, cur.p.Promoters); err != nil {
			return Event{}, err
		}
		if err := publishableCitation("la norma citata", r.Ground, cur.p.Promoters); err != nil {
			return Event{}, err
		}
		return r.Event(), nil
	})
}

// Forward sends requests for the information needed to answer to one or
// more competent offices at once. Each request names an office of the
// Directory, asks a question and may set its own term in days (0: the
// policy's ReplyTerm); an office may not be asked again while its reply to
// the same petition is pending.
func (s *Service) Forward(ctx context.Context, a Act, f Forwarding) (Petition, error) {
	return s.do(ctx, a, EventForwarded, func(cur *aggregate, _ *step) (Event, error) {
		clean := make([]Request, len(f.Requests))
		for i, r := range f.Requests {
			if r.Office != "" && !s.dir.Has(r.Office) {
				return Event{}, fmt.Errorf("%w: %w: %q", ErrInvalidEvent, office.ErrUnknownOffice, r.Office)
			}
			for _, p := range cur.p.Requests {
				if p.Office == r.Office && p.Pending() {
					return Event{}, invalid("request %d to %s is still pending", p.N, r.Office)
				}
			}
			clean[i] = Request{Office: r.Office, Question: trimmed(r.Question), Days: r.Days}
		}
		return Forwarding{Requests: clean}.Event(), nil
	})
}

// RecordReply records a competent office's reply to request r.Request. A
// CompetentOffice actor may only record replies to its own office's
// requests (ErrForbidden); the desk may record any (a reply received by
// PEC, say).
func (s *Service) RecordReply(ctx context.Context, a Act, r Reply) (Petition, error) {
	return s.do(ctx, a, EventReplyRecorded, func(cur *aggregate, _ *step) (Event, error) {
		if r.Request < 1 || r.Request > len(cur.p.Requests) {
			return Event{}, invalid("no request number %d", r.Request)
		}
		req := cur.p.Requests[r.Request-1]
		if !req.Pending() {
			return Event{}, invalid("request %d to %s already has a reply", req.N, req.Office)
		}
		if a.By.Role == office.CompetentOffice && a.By.Office != req.Office {
			return Event{}, procedure.Forbid(citeInquiry, "%s may not reply for %s", a.By, req.Office)
		}
		r.Summary = trimmed(r.Summary)
		return r.Event(), nil
	})
}

// Answer records the addressee's answer (or decision on a proposal). If the
// addressee's body has a Secretariat, only a CompetentOffice actor of that
// office may record it (ErrForbidden). Requests still pending are
// superseded.
func (s *Service) Answer(ctx context.Context, a Act, ans Answer) (Petition, error) {
	return s.do(ctx, a, EventAnswered, func(cur *aggregate, _ *step) (Event, error) {
		if cur.p.Office != "" && a.By.Office != cur.p.Office {
			return Event{}, procedure.Forbid(cur.rules.Answer.Source, "the answer to a %s addressed to %s is recorded by %s, not by %s",
				cur.rules.Name, cur.p.AddresseeName, cur.p.Office, a.By)
		}
		ans.Summary = trimmed(ans.Summary)
		if err := publishable("la sintesi della risposta", ans.Summary, cur.p.Promoters); err != nil {
			return Event{}, err
		}
		if err := publishable("il riferimento dell'atto di risposta", ans.Act, cur.p.Promoters); err != nil {
			return Event{}, err
		}
		return ans.Event(), nil
	})
}

// Archive archives the petition: after its answer, after it was declared
// inadmissible, or when a draft or collection is abandoned. The reason is
// published: no personal data.
func (s *Service) Archive(ctx context.Context, a Act, ar Archiving) (Petition, error) {
	return s.do(ctx, a, EventArchived, func(cur *aggregate, _ *step) (Event, error) {
		if err := publishable("il motivo dell'archiviazione", ar.Reason, cur.p.Promoters); err != nil {
			return Event{}, err
		}
		return Archiving{Reason: trimmed(ar.Reason)}.Event(), nil
	})
}
