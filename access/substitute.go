package access

import (
	"context"
	"fmt"
	"strings"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/procedure"
)

// Citations of the substitute power (art. 2 c. 9-bis to 9-quinquies L.
// 241/1990) and of its use in simple civic access.
var (
	// citeSubstituteNamed: the governing body names the substitute.
	citeSubstituteNamed = cl241("2", "9-bis")
	// citeSubstituteFallback: failing a naming, the dirigente generale,
	// else the head of the office, else the highest-ranking officer.
	citeSubstituteFallback = cl241("2", "9-bis").WithNote("in mancanza di individuazione, il potere sostitutivo spetta al dirigente generale o, in mancanza, al dirigente preposto all'ufficio o al funzionario di più elevato livello")
	// citeSubstituteTerm: on inaction the applicant asks the substitute,
	// who concludes within half the original term.
	citeSubstituteTerm = cl241("2", "9-ter")
	// citeLateStatement: a late decision states the term due and the time
	// taken.
	citeLateStatement = cl241("2", "9-quinquies")
	// citeSimpleSubstitute: in simple civic access the RPCT answers the
	// request (art. 5 c. 3 lett. d D.Lgs. 33/2013), and on delay or no
	// answer the applicant turns to the substitute: ANAC's practice, read
	// in its own regulation (G.U. 3 March 2021, art. 3 c. 5) and in
	// municipal guidance [S].
	citeSimpleSubstitute = law.Citation{Note: "prassi ANAC: nell'accesso civico semplice, in caso di ritardo o mancata risposta, si ricorre al titolare del potere sostitutivo (regolamento ANAC sull'accesso, G.U. 3 marzo 2021, art. 3 c. 5)", Confidence: law.Secondary}
	// citeSimpleRPCT: the RPCT receives and answers simple civic access
	// requests: a review to the RPCT of the RPCT's own answer is no remedy.
	citeSimpleRPCT = cd33("5", "3").WithLetter("d").WithNote("l'istanza di accesso civico semplice è presentata al RPCT, che la tratta: il riesame al RPCT non è un rimedio")
)

// Substitute names the titolare del potere sostitutivo of an
// administration (art. 2 c. 9-bis L. 241/1990): the governing body names
// it among its senior officers, and the administration publishes it for
// each procedure. Failing a naming the law gives it to the dirigente
// generale, else the head of the office, else the highest-ranking officer:
// the zero Substitute stands for that fallback (DefaultSubstitute).
type Substitute struct {
	// Title is the role, as a letter names it: "Segretario Generale",
	// "Direttore Generale". Not a person's name: the role holds the power.
	Title string `json:"title,omitempty"`
	// Office is the substitute's office in the Directory, if it is there.
	Office office.ID `json:"office,omitempty"`
	// Contact is where the applicant writes to it (a PEC address of the
	// office, not of a person).
	Contact string `json:"contact,omitempty"`
	// Source is the act that names it: the governing body's deliberation.
	Source law.Citation `json:"source"`
}

// DefaultSubstitute returns the substitute the law names when the
// governing body has named none (art. 2 c. 9-bis L. 241/1990).
func DefaultSubstitute() Substitute {
	return Substitute{Title: "dirigente generale (in mancanza, dirigente preposto all'ufficio o funzionario di più elevato livello)", Source: citeSubstituteFallback}
}

// withDefault returns s, or DefaultSubstitute when s names no role.
func (s Substitute) withDefault() Substitute {
	if blank(s.Title) {
		return DefaultSubstitute()
	}
	if s.Source.IsZero() {
		s.Source = citeSubstituteNamed
	}
	return s
}

// SubstituteRequest is the applicant's request to the titolare del potere
// sostitutivo to conclude a procedure whose term passed without a
// decision (art. 2 c. 9-ter L. 241/1990): the act's day (Act.On) is the
// day the substitute received it, from which its term runs.
type SubstituteRequest struct {
	// Means is how it arrived: "PEC", "modulo online".
	Means string `json:"means,omitempty"`
	// Note summarises the request.
	Note string `json:"note,omitempty"`
}

// Substitution is the intervention of the titolare del potere sostitutivo
// on a request (art. 2 c. 9-ter L. 241/1990). It holds no personal data.
type Substitution struct {
	// Requested is the day the applicant asked the substitute.
	Requested deadline.Date `json:"requested"`
	// Due is the day by which the procedure must be concluded: half the
	// original term from Requested (DeadlineSubstitute explains it).
	Due deadline.Date `json:"due,omitzero"`
	// Concluded is the day the procedure was concluded after the request,
	// by the substitute or by the competent office; zero while it is not.
	Concluded deadline.Date `json:"concluded,omitzero"`
	// BySubstitute marks a decision the substitute took itself
	// (DecideAsSubstitute), rather than through the competent office.
	BySubstitute bool `json:"bySubstitute,omitempty"`
	// Late marks a conclusion after Due.
	Late bool `json:"late,omitempty"`
}

// LateStatement is what a decision taken after its term must state: the
// term the law or the regulations provide and the time actually taken
// (art. 2 c. 9-quinquies L. 241/1990). Replay computes it from the same
// deadline the Service checked, so a letter prints the same dates.
type LateStatement struct {
	// Term is the term provided, with its source: "30 giorni (art. 5 c. 6
	// D.Lgs. 33/2013)".
	Term deadline.Term `json:"term"`
	// From is the day the term ran from (filing, or its lawful restart).
	From deadline.Date `json:"from"`
	// Due is the day the term ended, suspensions and extensions included.
	Due deadline.Date `json:"due"`
	// Decided is the day of the decision.
	Decided deadline.Date `json:"decided"`
	// DaysTaken is the time actually taken, in calendar days from From to
	// Decided; DaysLate the days after Due.
	DaysTaken int `json:"daysTaken"`
	DaysLate  int `json:"daysLate"`
	// Source is the provision that requires the statement.
	Source law.Citation `json:"source"`
}

// Italian renders the statement as a decision prints it.
func (l LateStatement) Italian() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Termine previsto: %s (%s) dal %s, scaduto il %s; ", l.Term.Unit.Quantity(l.Term.Length), l.Term.Source, l.From.Italian(), l.Due.Italian())
	fmt.Fprintf(&b, "termine effettivamente impiegato: %s, con provvedimento del %s, %s oltre la scadenza (%s).",
		deadline.Days.Quantity(l.DaysTaken), l.Decided.Italian(), deadline.Days.Quantity(l.DaysLate), l.Source)
	return b.String()
}

// substituteTerm returns the substitute's term for kind k: half the
// original term to decide (art. 2 c. 9-ter L. 241/1990), rounded down.
func substituteTerm(k Kind) deadline.Term {
	orig := decisionTerm(k)
	name := fmt.Sprintf("%s (metà del termine originario di %s)", DeadlineSubstitute, orig.Unit.Quantity(orig.Length))
	t := days(name, orig.Length/2, citeSubstituteTerm)
	t.Unit = orig.Unit
	return t
}

// substituteDeadline lists the substitute's term once the applicant asked
// it, met by the decision (the substitute's or the competent office's) or
// by the end of the request here (withdrawn, transferred, or closed
// undecided after an irregularity).
func (f *fold) substituteDeadline() error {
	r, sb := f.r, f.r.Substitute
	if sb == nil {
		return nil
	}
	met := deadline.Date{}
	switch {
	case r.Decision != nil && !r.Decision.Date.Before(sb.Requested):
		met = r.Decision.Date
	case r.State == StateWithdrawn:
		met = r.Withdrawn
	case r.State == StateTransferred && r.Forwarded != nil:
		met = r.Forwarded.Date
	case !f.closedUndecided.IsZero():
		met = f.closedUndecided
	}
	d, err := f.add(DeadlineSubstitute, 0, deadline.Spec{Start: sb.Requested, Term: substituteTerm(r.Kind)}, met)
	if err != nil {
		return err
	}
	sb.Due = d.Due
	if r.Decision != nil && !r.Decision.Date.Before(sb.Requested) {
		sb.Concluded = r.Decision.Date
		sb.Late = sb.Concluded.After(sb.Due)
	}
	return nil
}

// lateStatement computes the statement a late decision carries (art. 2 c.
// 9-quinquies L. 241/1990) from the decision term's deadline.
func (f *fold) lateStatement(x deadline.Explanation, from deadline.Date) {
	r := f.r
	if r.Decision == nil || !r.Decision.Late {
		return
	}
	r.LateDecision = &LateStatement{Term: x.Term, From: from, Due: x.Due, Decided: r.Decision.Date,
		DaysTaken: r.Decision.Date.Sub(from), DaysLate: r.Decision.Date.Sub(x.Due), Source: citeLateStatement}
}

func (f *fold) substituteRequested(_ Event, d deadline.Date) error {
	if f.r.Substitute != nil {
		return procedure.Invalid("the substitute was asked on %s", f.r.Substitute.Requested)
	}
	f.r.Substitute = &Substitution{Requested: d}
	return nil
}

func (f *fold) substituteDecided(e Event, d deadline.Date) error {
	if f.r.Substitute == nil {
		return procedure.Invalid("the substitute was not asked")
	}
	if err := f.decided(e, d); err != nil {
		return err
	}
	f.r.Decision.BySubstitute = true
	f.r.Substitute.BySubstitute = true
	return nil
}

// RequestSubstitute records the applicant's request to the titolare del
// potere sostitutivo (Policy.Substitute) to conclude the procedure, once
// its term passed without a decision (art. 2 c. 9-ter L. 241/1990): the
// substitute concludes it within half the original term (15 days for the
// 30 of every kind of access), through the competent office or itself
// (DecideAsSubstitute). Asked before the term passed, or a second time, it
// is refused with a *RuleError. It is the remedy for delay in simple civic
// access, whose RPCT answers the request itself; in the other kinds it
// stands beside the review and the court.
func (s *Service) RequestSubstitute(ctx context.Context, a Act, sr SubstituteRequest) (*Request, error) {
	return s.do(ctx, a, EventSubstituteRequested, func(r *Request, on deadline.Date) (Event, error) {
		if r.Substitute != nil {
			return Event{}, procedure.Refuse(citeSubstituteTerm, "the substitute was asked on %s and must conclude by %s", r.Substitute.Requested, r.Substitute.Due)
		}
		if r.DecisionDue.IsZero() || !on.After(r.DecisionDue) {
			return Event{}, procedure.Refuse(citeSubstituteTerm, "the term to decide runs until %s: the substitute may be asked only after it passed without a decision", r.DecisionDue)
		}
		return Event{Substitution: &sr}, nil
	})
}

// DecideAsSubstitute records the decision the titolare del potere
// sostitutivo takes itself, in place of the competent office, after the
// applicant asked it (art. 2 c. 9-ter L. 241/1990). It follows every rule
// of Decide but the competent office's; taken after the substitute's term,
// or after the original one, it carries its LateStatement (c.
// 9-quinquies).
func (s *Service) DecideAsSubstitute(ctx context.Context, a Act, ru Ruling) (*Request, error) {
	return s.do(ctx, a, EventSubstituteDecided, func(r *Request, on deadline.Date) (Event, error) {
		if r.Substitute == nil {
			return Event{}, procedure.Refuse(citeSubstituteTerm, "the substitute acts on the applicant's request: none was recorded")
		}
		if sub := s.pol.Substitute; sub.Office != "" && a.By.Office != sub.Office {
			return Event{}, procedure.Forbid(sub.Source, "only the titolare del potere sostitutivo (%s) decides in its place, not %s", sub.Office, a.By.Office)
		}
		if err := s.checkDecision(r, on, &ru); err != nil {
			return Event{}, err
		}
		return Event{Ruling: &ru}, nil
	})
}
