package letter

import (
	"fmt"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
)

// Receipt writes the receipt of an access request to its requester: the
// protocol number and date, the competent office and the responsabile del
// procedimento, the date by which the decision is due (the Service's
// deadline), what the silence means and the remedies against inaction,
// with their last days.
func (w *Writer) Receipt(r *access.Request) (Letter, error) {
	l, err := w.open(Receipt, r, ToRequester, 0, r.Received)
	if err != nil {
		return Letter{}, err
	}
	w.common(&l, r)
	w.due(&l, r)
	l.set("missing", r.Intake.Missing, law.Citation{})
	return l, w.finish(&l)
}

// StartNotice writes the comunicazione di avvio del procedimento to the
// requester (art. 8 c. 2 L. 241/1990): the administration (lett. a), the
// object (b), the office and the person responsible (c), the date by which
// the procedure must end and the remedies against inaction (c-bis), the
// filing date (d), where the documents can be seen (e). The request's
// history must record the notice (access.Service.NotifyStart).
func (w *Writer) StartNotice(r *access.Request) (Letter, error) {
	if r == nil || r.StartNotified.IsZero() {
		return Letter{}, fmt.Errorf("%w: the start of the procedure is not recorded", ErrNotApplicable)
	}
	l, err := w.open(StartNotice, r, ToRequester, 0, r.StartNotified)
	if err != nil {
		return Letter{}, err
	}
	w.common(&l, r)
	w.due(&l, r)
	l.set("viewing", w.o.Viewing, citeStartE)
	return l, w.finish(&l)
}

// OfficeStart writes the start notice to the competent office: the
// request it must decide (by the office's publishable summary: the office
// reads the requester's data in the file, not in a letter), the filing
// date and the due date.
func (w *Writer) OfficeStart(r *access.Request) (Letter, error) {
	if r == nil || r.Office == "" {
		return Letter{}, fmt.Errorf("%w: no competent office is assigned", ErrNotApplicable)
	}
	on := r.StartNotified
	if on.IsZero() {
		on = r.Received
	}
	l, err := w.open(OfficeStart, r, ToOffice, 0, on)
	if err != nil {
		return Letter{}, err
	}
	l.Addressee = w.officeName(r.Office)
	w.common(&l, r)
	w.due(&l, r)
	l.set("parties", r.CounterInterested, law.Citation{})
	return l, w.finish(&l)
}

// Irregularity writes the notice that the request is irregular or
// incomplete (art. 6 c. 5 DPR 184/2006), the invitation to make a generic
// civic request precise (Delibera ANAC 1309/2016 § 4.2), or to file a
// formal request (art. 5 c. 6 DPR 184/2006), with what the request lacks
// (its intake check) and what happens to the term.
func (w *Writer) Irregularity(r *access.Request) (Letter, error) {
	if r == nil {
		return Letter{}, fmt.Errorf("%w: no request", ErrNotApplicable)
	}
	return w.irregularity(r, r.Intake.Missing, "")
}

// irregularity writes the irregularity letter listing missing (the
// request's intake check, or the notice's own list when the history is at
// hand) with the officer's note.
func (w *Writer) irregularity(r *access.Request, missing []string, note string) (Letter, error) {
	if r.IrregularityNotified.IsZero() {
		return Letter{}, fmt.Errorf("%w: no irregularity notice is recorded", ErrNotApplicable)
	}
	l, err := w.open(Irregularity, r, ToRequester, 0, r.IrregularityNotified)
	if err != nil {
		return Letter{}, err
	}
	w.common(&l, r)
	variant, src := "irregolare", citeIrregular
	switch {
	case r.Informal:
		variant, src = "informale", citeInformal
	case r.Kind.Civic():
		variant, src = "generica", citeGeneric
	}
	l.set("variant", variant, src)
	l.set("missing", missing, src)
	l.set("note", note, law.Citation{})
	due, hasDue := l.deadline(r, access.DeadlineDecision, 0)
	l.set("due", due.Due, law.Citation{})
	l.set("hasDue", hasDue, law.Citation{})
	window, ok := l.deadline(r, access.DeadlineIrregularity, 0)
	l.set("window", window.Due, window.Explanation.Term.Source)
	l.set("restart", r.Kind == access.Documentale && !r.Informal && ok && !r.IrregularityNotified.After(window.Due), citeIrregular)
	return l, w.finish(&l)
}

// DocumentRequest writes internal request number n to the office holding
// the documents: what is asked, the internal due date and the legal one
// (both the Service's deadlines).
func (w *Writer) DocumentRequest(r *access.Request, n int) (Letter, error) {
	if r == nil || n < 1 || n > len(r.Internal) {
		return Letter{}, fmt.Errorf("%w: no internal request %d", ErrNotApplicable, n)
	}
	in := r.Internal[n-1]
	l, err := w.open(DocumentRequest, r, ToOffice, n, in.Requested)
	if err != nil {
		return Letter{}, err
	}
	l.Addressee = w.officeName(in.Office)
	w.common(&l, r)
	w.due(&l, r)
	l.set("documents", in.Documents, law.Citation{})
	d, _ := l.deadline(r, access.DeadlineInternal, n)
	l.set("internalDue", d.Due, d.Explanation.Term.Source)
	return l, w.finish(&l)
}

// PartyNotice writes the notice to counter-interested party n (art. 3 DPR
// 184/2006; art. 5 c. 5 D.Lgs. 33/2013): what is requested, without the
// requester's data; the 10 days from receipt to oppose, with the last day
// once the receipt is recorded; how to oppose; for civic access, that the
// term is suspended meanwhile.
func (w *Writer) PartyNotice(r *access.Request, n int) (Letter, error) {
	if r == nil || n < 1 || n > len(r.Parties) {
		return Letter{}, fmt.Errorf("%w: no counter-interested party %d", ErrNotApplicable, n)
	}
	p := r.Parties[n-1]
	l, err := w.open(PartyNotice, r, ToParty, n, p.Notified)
	if err != nil {
		return Letter{}, err
	}
	w.common(&l, r)
	src := citeDocOppose
	if r.Kind.Civic() {
		src = citeCivParties
	}
	window := deadline.Date{}
	if d, ok := l.deadline(r, access.DeadlineOpposition, n); ok && !p.Received.IsZero() {
		window = d.Due
	}
	l.set("window", window, src)
	l.set("windowKnown", !window.IsZero(), law.Citation{})
	l.set("windowDays", 10, src)
	l.set("oppose", w.o.Contact, src)
	l.set("suspension", r.Kind == access.Generalizzato || (r.Kind == access.Documentale && w.o.Access.DocumentaleSuspension), citeCivParties)
	l.cite(map[bool]law.Citation{true: citeCivParties, false: citeDocParties}[r.Kind.Civic()])
	return l, w.finish(&l)
}

// Decision writes the decision to the requester: the outcome; the grounds
// of a refusal, limitation or deferral (art. 24 L. 241/1990; art. 5-bis
// D.Lgs. 33/2013) and the reasons (art. 3 c. 1); a deferral's end; where
// and until when documents can be viewed (art. 7 c. 1 DPR 184/2006); the
// wait after an opposition (art. 5 c. 6 D.Lgs. 33/2013); the remedies with
// their terms and authorities (art. 3 c. 4 L. 241/1990); and, when the
// decision came late, the term that was due and the time taken (art. 2 c.
// 9-quinquies).
func (w *Writer) Decision(r *access.Request) (Letter, error) {
	if r == nil || r.Decision == nil {
		return Letter{}, fmt.Errorf("%w: the request is not decided", ErrNotApplicable)
	}
	return w.decision(Decision, r)
}

// decision writes the decision as kind k: the competent office's, or the
// substitute's.
func (w *Writer) decision(k Kind, r *access.Request) (Letter, error) {
	dec := r.Decision
	l, err := w.open(k, r, ToRequester, 0, dec.Date)
	if err != nil {
		return Letter{}, err
	}
	w.common(&l, r)
	w.outcome(&l, r.Kind, dec.Outcome, dec.Grounds, dec.Reasons)
	l.set("deferredUntil", dec.DeferredUntil, map[bool]law.Citation{true: citeCivDeferral, false: citeDeferral}[r.Kind.Civic()])
	w.viewing(&l, r)
	l.set("afterOpposition", r.Kind == access.Generalizzato && dec.Outcome.Grants() && r.Oppositions > 0, citeRelease)
	l.set("remedies", w.remedies(&l, r), citeRemedies)
	w.late(&l, r)
	if k == SubstituteDecision {
		w.substitution(&l, r)
	}
	return l, w.finish(&l)
}

// SubstituteDecision writes the decision the titolare del potere
// sostitutivo took in place of the competent office, after the applicant
// asked it (art. 2 c. 9-ter L. 241/1990): everything a decision states,
// plus the substitute, the day it was asked, the half term it had (the
// Service's deadline), and the term originally due with the time taken
// (c. 9-quinquies).
func (w *Writer) SubstituteDecision(r *access.Request) (Letter, error) {
	if r == nil || r.Decision == nil || !r.Decision.BySubstitute || r.Substitute == nil {
		return Letter{}, fmt.Errorf("%w: no decision of the titolare del potere sostitutivo", ErrNotApplicable)
	}
	return w.decision(SubstituteDecision, r)
}

// substitution sets the substitute's own fields.
func (w *Writer) substitution(l *Letter, r *access.Request) {
	sub := w.o.Access.Substitute
	if sub.Title == "" {
		sub = access.DefaultSubstitute()
	}
	l.set("substitute", sub.Title, sub.Source)
	l.Signer = "Il titolare del potere sostitutivo (" + sub.Title + ")"
	l.set("requested", r.Substitute.Requested, law.Citation{})
	d, _ := l.deadline(r, access.DeadlineSubstitute, 0)
	l.set("termDue", d.Due, d.Explanation.Term.Source)
	l.set("substituteLate", r.Substitute.Late, law.Citation{})
}

// outcome sets the outcome, its grounds and the reasons.
func (w *Writer) outcome(l *Letter, k access.Kind, o access.Outcome, gs []access.Ground, reasons string) {
	l.set("outcome", outcomeName(w.o.Lang, o), law.Citation{})
	l.set("outcomeCode", string(o), law.Citation{})
	l.set("grants", o.Grants(), law.Citation{})
	src := map[bool]law.Citation{true: law.Cite("D.Lgs. 33/2013", "5-bis", ""), false: law.Cite(citeL241, "24", "")}[k.Civic()]
	if len(gs) == 0 {
		src = law.Citation{}
	}
	l.set("grounds", gs, src)
	for _, g := range gs {
		l.cite(g.Source)
	}
	l.set("reasons", reasons, citeReasons)
}

// viewing sets where and until when documents can be viewed.
func (w *Writer) viewing(l *Letter, r *access.Request) {
	v := r.Decision.Viewing
	place, hours, days := "", "", 0
	if v != nil {
		place, hours, days = v.Place, v.Hours, v.Days
	}
	l.set("viewPlace", place, citeViewing)
	l.set("viewHours", hours, law.Citation{})
	l.set("viewDays", days, law.Citation{})
	d, _ := l.deadline(r, access.DeadlineViewing, 0)
	l.set("viewUntil", d.Due, d.Explanation.Term.Source)
}

// late sets the statement of a late decision (art. 2 c. 9-quinquies L.
// 241/1990), as the access package computed it (Request.LateDecision):
// the term that was due, from when, its end, and the days actually taken.
func (w *Writer) late(l *Letter, r *access.Request) {
	ls := r.LateDecision
	if ls == nil {
		ls = &access.LateStatement{}
	}
	l.set("late", r.LateDecision != nil, ls.Source)
	l.set("lateTerm", ls.Term.Length, ls.Term.Source)
	l.set("lateFrom", ls.From, law.Citation{})
	l.set("lateDue", ls.Due, law.Citation{})
	l.set("taken", ls.DaysTaken, law.Citation{})
	l.set("daysLate", ls.DaysLate, law.Citation{})
	// The days the term stood suspended (counter-interested parties), as
	// the Service's explanation of the decision term counts them.
	suspended := 0
	if d, ok := r.Deadline(access.DeadlineDecision); ok && r.LateDecision != nil {
		for _, st := range d.Explanation.Steps {
			if st.Action == deadline.ActionSuspension {
				suspended += st.Days
			}
		}
	}
	l.set("suspendedDays", suspended, law.Citation{})
}

// outcomeName is the outcome in lang.
func outcomeName(lang Lang, o access.Outcome) string {
	if lang != English {
		return o.Italian()
	}
	return map[access.Outcome]string{access.Accepted: "accepted", access.PartiallyAccepted: "partially accepted",
		access.Refused: "refused", access.Deferred: "deferred", access.Inadmissible: "inadmissible"}[o]
}

// PartyAcceptance writes, to counter-interested party n who opposed, that
// access was granted despite its opposition: the data are sent not before
// 15 days from its receipt of this communication (art. 5 c. 6 D.Lgs.
// 33/2013; the day, from the Service's deadline, once the receipt is
// recorded), and the party's remedies (c. 9).
func (w *Writer) PartyAcceptance(r *access.Request, n int) (Letter, error) {
	if r == nil || r.Decision == nil || !r.Decision.Outcome.Grants() || n < 1 || n > len(r.Parties) || r.Parties[n-1].Opposed.IsZero() {
		return Letter{}, fmt.Errorf("%w: no acceptance against an opposition of party %d", ErrNotApplicable, n)
	}
	l, err := w.open(PartyAcceptance, r, ToParty, n, r.Decision.Date)
	if err != nil {
		return Letter{}, err
	}
	w.common(&l, r)
	l.set("outcome", outcomeName(w.o.Lang, r.Decision.Outcome), law.Citation{})
	l.set("summary", r.Decision.Summary, citeReasons)
	from := deadline.Date{}
	if d, ok := l.deadline(r, access.DeadlineReleaseFrom, n); ok {
		from = d.Due
	}
	l.set("releaseFrom", from, citeRelease)
	l.set("releaseKnown", !from.IsZero(), law.Citation{})
	l.set("remedies", w.partyRemedies(&l, r), citePartyRem)
	return l, w.finish(&l)
}

// ReviewDecision writes the RPCT's decision on a review to whoever asked
// for it: the requester (art. 5 c. 7 D.Lgs. 33/2013) or the
// counter-interested party (c. 9). It states the outcome, the grounds on
// which access stays refused, the RPCT's reasons (their publishable summary
// when the ruling recorded no full reasons), and the remedies left.
func (w *Writer) ReviewDecision(r *access.Request) (Letter, error) {
	if r == nil || r.Review == nil || r.Review.Decided.IsZero() {
		return Letter{}, fmt.Errorf("%w: no review decided", ErrNotApplicable)
	}
	rv := r.Review
	to := ToRequester
	if rv.ByParty > 0 {
		to = ToParty
	}
	l, err := w.open(ReviewDecision, r, to, rv.ByParty, rv.Decided)
	if err != nil {
		return Letter{}, err
	}
	w.common(&l, r)
	reasons := rv.Reasons
	if reasons == "" {
		reasons = rv.Summary
	}
	w.outcome(&l, r.Kind, rv.Outcome, rv.Grounds, reasons)
	l.set("byParty", rv.ByParty > 0, citePartyRem)
	l.set("filed", rv.Filed, citeReview)
	l.set("rpct", w.rpct(), citeReview)
	l.Signer = w.rpct()
	if to == ToRequester {
		l.set("remedies", w.remedies(&l, r), citeRemedies)
	} else {
		rs := w.partyRemedies(&l, r)
		l.set("remedies", rs[len(rs)-1:], citeRemedies) // the court only, after the review
	}
	d, ok := l.deadline(r, access.DeadlineReview, 0)
	l.set("reviewDue", d.Due, d.Explanation.Term.Source)
	l.set("reviewLate", ok && rv.Decided.After(d.Due), law.Citation{})
	return l, w.finish(&l)
}
