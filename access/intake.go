package access

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/privacy"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/procedure"
)

// Requirement is a field a request must (or, per the forms' model, should)
// carry, with the rule that asks for it.
type Requirement struct {
	// Field is a stable code: "applicant.name", "reasons".
	Field string `json:"field"`
	// Label is the field in Italian.
	Label string `json:"label"`
	// Source is the rule.
	Source law.Citation `json:"source"`
}

// String renders the requirement with its citation.
func (q Requirement) String() string { return q.Label + " (" + q.Source.String() + ")" }

// Intake is the check of a request against the fields its form must carry:
// Circolare Funzione Pubblica 2/2017 All. 1 for civic access, art. 5 c. 2
// DPR 184/2006 and art. 25 c. 2 L. 241/1990 for documentale access.
type Intake struct {
	// Missing lists what is missing, each with its citation, in Italian.
	Missing []string `json:"missing,omitempty"`
	// Gaps are the same, as values.
	Gaps []Requirement `json:"gaps,omitempty"`
}

// Complete reports whether nothing is missing.
func (in Intake) Complete() bool { return len(in.Gaps) == 0 }

// intakeFields are the fields the check looks at.
type intakeFields struct {
	kind           Kind
	informal       bool
	applicant      Person
	identification string
	subject        string
	requested      string
	reasons        string
}

// CheckIntake checks a request's current data (as filed and corrected).
func CheckIntake(r *Request) Intake {
	return checkIntake(intakeFields{r.Kind, r.Informal, r.Applicant, r.Identification, r.Subject, r.Requested, r.Reasons})
}

// CheckFiling checks a filing before it is recorded. Filing never fails on
// what is missing: the office records the request and asks for what lacks
// (a documentale request without reasons is irregular and cannot be granted
// until corrected, art. 25 c. 2 L. 241/1990).
func CheckFiling(f Filing) Intake {
	return checkIntake(intakeFields{f.Kind, f.Informal && f.Kind == Documentale, f.Applicant, f.Identification, f.Subject, f.Requested, f.Reasons})
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

func checkIntake(f intakeFields) Intake {
	var in Intake
	miss := func(field, label string, src law.Citation) {
		q := Requirement{Field: field, Label: label, Source: src}
		in.Gaps = append(in.Gaps, q)
		in.Missing = append(in.Missing, q.String())
	}
	who := citeFormFields
	if f.kind == Documentale {
		who = citeDPRRequest
	}
	if blank(f.applicant.Name) || (blank(f.applicant.Surname) && blank(f.applicant.FiscalCode)) {
		miss("applicant.name", "richiedente: nome e cognome (o denominazione e codice fiscale)", who)
	}
	if f.kind.Civic() {
		if blank(f.applicant.BirthPlace) || f.applicant.BirthDate.IsZero() {
			if blank(f.applicant.FiscalCode) {
				miss("applicant.birth", "richiedente: luogo e data di nascita", citeFormFields)
			}
		}
		if blank(f.applicant.Residence) {
			miss("applicant.residence", "richiedente: residenza", citeFormFields)
		}
	}
	if !f.applicant.Contact() {
		miss("applicant.contact", "recapito per le comunicazioni (e-mail, PEC o indirizzo)", citeFormFields)
	}
	if blank(f.requested) && blank(f.subject) {
		src := citeFormFields
		if f.kind == Documentale {
			src = citeDPRRequest
		}
		miss("requested", "documenti o dati richiesti, o gli elementi che ne consentono l'individuazione", src)
	}
	if blank(f.identification) {
		src := citeIdentity
		if f.kind == Documentale {
			src = citeDPRRequest
		}
		miss("identification", "identificazione del richiedente (SPID, CIE, firma digitale, PEC o documento di identità)", src)
	}
	if f.kind == Documentale && blank(f.reasons) {
		miss("reasons", "motivazione: l'interesse diretto, concreto e attuale collegato ai documenti", citeDocReasons)
	}
	return in
}

// File records a new request and returns it; render its receipt with
// Receipt. a.ID names the request (empty: Config.NewID assigns one); a.On,
// when set, is the day of receipt and must be the day of f.Received. The
// filing's Received instant defaults to now for a request received today;
// one received on an earlier day gives its instant. What the request lacks
// is listed in Request.Intake, never refused.
func (s *Service) File(ctx context.Context, a Act, f Filing) (*Request, error) {
	if err := validActor(a.By); err != nil {
		return nil, err
	}
	if err := a.Check(true); err != nil {
		return nil, err
	}
	if err := checkFiling(&f, a.By); err != nil {
		return nil, err
	}
	if err := s.checkOffice(f.Office, true); err != nil {
		return nil, err
	}
	if a.ID == "" {
		a.ID = s.newID()
	}
	if strings.TrimSpace(string(a.ID)) == "" {
		return nil, procedure.Invalid("empty request ID")
	}
	return s.request(s.run.Open(ctx, a, EventReceived, func(st *step) (Event, error) {
		if err := receivedOn(&f, a.On, st); err != nil {
			return Event{}, err
		}
		if _, err := Lifecycle(f.Kind).Check(StateNew, EventReceived, a.By.Role); err != nil {
			return Event{}, err
		}
		st.Basis = basisOf(f.Kind, EventReceived)
		ev := Event{Type: EventReceived, Filed: &f}
		return ev, ev.Validate()
	}))
}

// checkFiling checks what a filing says of itself, and gives a request
// filed by the competent office to that office.
func checkFiling(f *Filing, by office.Actor) error {
	if !f.Kind.Valid() {
		return procedure.Invalid("unknown kind %q", f.Kind)
	}
	if !f.Channel.Valid() {
		return procedure.Invalid("unknown channel %q", f.Channel)
	}
	if f.Informal && f.Kind != Documentale {
		return procedure.Refuse(citeDPRInformal, "only documentale access has an informal variant")
	}
	if f.Office == "" && by.Role == office.CompetentOffice {
		f.Office = by.Office
	}
	return nil
}

// receivedOn settles the day of receipt, the day of the filing's fact
// (st.On), and checks the protocol's date against it.
func receivedOn(f *Filing, on deadline.Date, st *step) error {
	switch {
	case f.Received.IsZero() && (on.IsZero() || on == st.Today):
		f.Received = st.Now
	case f.Received.IsZero():
		return procedure.Invalid("a request received before today (%s) gives its instant of receipt (Filing.Received)", on)
	}
	got := deadline.DateOf(f.Received)
	switch {
	case got.IsZero() || got.Year() < deadline.FirstYear:
		return procedure.Invalid("received on %s: outside the calendars' range", got)
	case !on.IsZero() && on != got:
		return procedure.Invalid("the act is dated %s, the request was received on %s", on, got)
	case got.After(st.Today):
		return procedure.Refuse(procedure.Chronology(), "received on %s, after today (%s)", got, st.Today)
	}
	st.On = got
	if err := f.Protocol.normalize(got); err != nil {
		return err
	}
	if _, ok := privacy.Find(f.Protocol.Number, f.Applicant.identifiers()...); ok {
		return &ProtocolError{"the number holds the applicant's data"}
	}
	if !f.Protocol.Date.IsZero() && f.Protocol.Date.Before(got) {
		return procedure.Refuse(procedure.Chronology(), "protocol date %s before the receipt (%s)", f.Protocol.Date, got)
	}
	if !f.Protocol.Date.IsZero() && f.Protocol.Date.After(st.Today) {
		return procedure.Refuse(procedure.Chronology(), "protocol date %s after today (%s)", f.Protocol.Date, st.Today)
	}
	return nil
}

// NotifyIrregularity tells the requester the request is irregular or
// incomplete (art. 6 c. 5 DPR 184/2006): sent within 10 days, the 30 days
// restart from the corrected request; later, nothing restarts. For civic
// access it invites the requester to make a generic request precise
// (Delibera ANAC 1309/2016 § 4.2), with no effect on the term [P].
func (s *Service) NotifyIrregularity(ctx context.Context, a Act, n Irregularity) (*Request, error) {
	return s.do(ctx, a, EventIrregularityNotified, func(r *Request, on deadline.Date) (Event, error) {
		if len(n.Missing) == 0 && blank(n.Note) {
			return Event{}, procedure.Invalid("an irregularity notice says what is missing")
		}
		if r.Informal {
			return Event{}, procedure.Refuse(citeDPRFormal, "an informal request is not irregular: invite a formal request instead")
		}
		n.Missing = slices.Clone(n.Missing)
		return Event{Irregularity: &n}, nil
	})
}

// RequestFormal invites an informal documentale requester to file a formal
// request, because counter-interested parties emerged or the request cannot
// be granted at once (art. 5 c. 6 DPR 184/2006).
func (s *Service) RequestFormal(ctx context.Context, a Act, fr FormalRequest) (*Request, error) {
	return s.do(ctx, a, EventFormalRequested, func(r *Request, on deadline.Date) (Event, error) {
		if !r.Informal {
			return Event{}, procedure.Refuse(citeDPRFormal, "only an informal request is invited to become formal")
		}
		if blank(fr.Why) {
			return Event{}, procedure.Invalid("say why the informal request cannot proceed")
		}
		return Event{FormalRequest: &fr}, nil
	})
}

// Correct records the requester's corrected request, or the formal request
// after an invitation: the term restarts from it when the notice was timely.
func (s *Service) Correct(ctx context.Context, a Act, c Correction) (*Request, error) {
	return s.do(ctx, a, EventCorrected, func(r *Request, on deadline.Date) (Event, error) {
		if c.Applicant != nil {
			p := *c.Applicant
			c.Applicant = &p
		}
		if err := c.Protocol.normalize(on); err != nil {
			return Event{}, err
		}
		return Event{Correction: &c}, nil
	})
}

// Assign gives the request to the office competent ratione materiae
// (Circolare FP 2/2017). Assigning does not move the term: the request was
// validly filed with the front office (art. 5 c. 3 lett. b D.Lgs. 33/2013).
// To move it to an office that was not its proper recipient, use Forward.
func (s *Service) Assign(ctx context.Context, a Act, as Assignment) (*Request, error) {
	return s.do(ctx, a, EventAssigned, func(r *Request, on deadline.Date) (Event, error) {
		if as.Office == "" {
			return Event{}, procedure.Invalid("assign to which office?")
		}
		if err := s.checkOffice(as.Office, true); err != nil {
			return Event{}, err
		}
		return Event{Assignment: &as}, nil
	})
}

// Forward sends the request to another office of the administration
// (never restarting a term, for any kind: the request was filed with the
// administration, art. 5 c. 3 and 6 D.Lgs. 33/2013, art. 25 c. 4 L.
// 241/1990; the term's explanation says it was forwarded) or, when the
// destination is outside the
// administration (an External office in the directory, or with External set
// one of Policy.Administrations, matched whatever the case and accents and
// recorded in the list's spelling), transfers it there and closes it here:
// the register publishes that name, never free text.
func (s *Service) Forward(ctx context.Context, a Act, fw Forwarding) (*Request, error) {
	typ := EventForwarded
	if fw.To != "" && s.dir != nil {
		o, err := s.dir.Office(fw.To)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
		}
		fw.External = o.External
		if fw.Name == "" {
			fw.Name = o.Name
		}
	}
	if fw.External {
		typ = EventTransferred
	}
	if fw.External && fw.To == "" {
		name, ok := s.pol.administration(fw.Name)
		if !ok {
			return nil, procedure.Invalid("an outside destination is an office of the Directory or one of Policy.Administrations, not free text")
		}
		fw.Name = name
	}
	return s.do(ctx, a, typ, func(r *Request, on deadline.Date) (Event, error) {
		switch {
		case fw.To == "" && blank(fw.Name):
			return Event{}, procedure.Invalid("forward to where?")
		case fw.To == "" && !fw.External:
			return Event{}, procedure.Invalid("an office of the administration is named by its ID")
		case !fw.External && fw.To == r.Office:
			return Event{}, procedure.Invalid("the request is already with %s", fw.To)
		}
		if !fw.ReceivedOn.IsZero() && fw.ReceivedOn.Before(on) {
			return Event{}, procedure.Refuse(procedure.Chronology(), "received by the destination on %s, before it was forwarded (%s)", fw.ReceivedOn, on)
		}
		if fw.ReceivedOn.After(s.today()) {
			return Event{}, procedure.Refuse(procedure.Chronology(), "received by the destination on %s, after today", fw.ReceivedOn)
		}
		return Event{Forwarding: &fw}, nil
	})
}

// NotifyStart records the communication that the procedure has started,
// to the requester and the competent office (artt. 7-8 L. 241/1990).
func (s *Service) NotifyStart(ctx context.Context, a Act, n StartNotice) (*Request, error) {
	return s.do(ctx, a, EventStartNotified, func(r *Request, on deadline.Date) (Event, error) {
		if n.Office == "" {
			n.Office = r.Office
		}
		if err := s.checkOffice(n.Office, true); err != nil {
			return Event{}, err
		}
		n.Addressees = slices.Clone(n.Addressees)
		return Event{StartNotice: &n}, nil
	})
}

// RequestDocuments asks one or more offices holding documents for them,
// each by an internal due date: the given one, or Policy.InternalLead days
// before the legal decision date, moved back to a weekday offices are open [P].
// An internal date after the legal one is refused.
func (s *Service) RequestDocuments(ctx context.Context, a Act, dr DocumentRequest) (*Request, error) {
	return s.do(ctx, a, EventDocumentsRequested, func(r *Request, on deadline.Date) (Event, error) {
		if len(dr.Requests) == 0 {
			return Event{}, procedure.Invalid("no internal request")
		}
		out := make([]InternalRequest, len(dr.Requests))
		for i, q := range dr.Requests {
			if q.Office == "" || blank(q.Documents) {
				return Event{}, procedure.Invalid("internal request %d needs an office and the documents asked", i+1)
			}
			if err := s.checkOffice(q.Office, true); err != nil {
				return Event{}, err
			}
			if q.Due.IsZero() {
				if r.DecisionDue.IsZero() {
					return Event{}, procedure.Invalid("internal request %d: no legal date to count back from, set Due", i+1)
				}
				q.Due = r.DecisionDue.AddDays(-s.pol.InternalLead)
				for q.Due.After(on) && (s.cal.IsOfficeClosed(q.Due) || q.Due.Weekday() == time.Saturday) {
					q.Due = q.Due.AddDays(-1) // an internal date falls on a day offices are open
				}
				if !q.Due.After(on) {
					q.Due = on.AddDays(1)
				}
				if q.Due.After(r.DecisionDue) {
					q.Due = r.DecisionDue
				}
			}
			if !q.Due.After(on) {
				return Event{}, procedure.Refuse(citeInternalLead, "internal request %d due %s, not after today (%s)", i+1, q.Due, on)
			}
			if !r.DecisionDue.IsZero() && q.Due.After(r.DecisionDue) {
				return Event{}, procedure.Refuse(citeInternalLead, "internal request %d due %s, after the legal date %s", i+1, q.Due, r.DecisionDue)
			}
			out[i] = q
		}
		return Event{DocRequest: &DocumentRequest{Requests: out}}, nil
	})
}

// RecordDocuments records a holding office's answer to internal request
// number n.
func (s *Service) RecordDocuments(ctx context.Context, a Act, ans DocumentAnswer) (*Request, error) {
	return s.do(ctx, a, EventDocumentsReceived, func(r *Request, on deadline.Date) (Event, error) {
		in, err := internal(r, ans.Request)
		if err != nil {
			return Event{}, err
		}
		if !in.Answered.IsZero() {
			return Event{}, procedure.Invalid("internal request %d already answered on %s", ans.Request, in.Answered)
		}
		if err := notBefore(on, in.Requested, "the internal request"); err != nil {
			return Event{}, err
		}
		return Event{DocAnswer: &ans}, nil
	})
}

// RemindOffice records a reminder to an office late on internal request
// number n; refused before its internal due date has passed.
func (s *Service) RemindOffice(ctx context.Context, a Act, rm Reminder) (*Request, error) {
	return s.do(ctx, a, EventOfficeReminded, func(r *Request, on deadline.Date) (Event, error) {
		in, err := internal(r, rm.Request)
		if err != nil {
			return Event{}, err
		}
		if !in.Answered.IsZero() {
			return Event{}, procedure.Invalid("internal request %d was answered on %s", rm.Request, in.Answered)
		}
		if !on.After(in.Due) {
			return Event{}, procedure.Refuse(citeInternalLead, "internal request %d is due %s: not late yet", rm.Request, in.Due)
		}
		return Event{Reminder: &rm}, nil
	})
}

func internal(r *Request, n int) (Internal, error) {
	if n < 1 || n > len(r.Internal) {
		return Internal{}, procedure.Invalid("no internal request %d", n)
	}
	return r.Internal[n-1], nil
}
