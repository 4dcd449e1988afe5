package access

import (
	"fmt"
	"slices"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/textfold"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
)

// fold is the state of a replay: the request being built and what the
// deadlines need beyond it.
type fold struct {
	r   *Request
	cal *deadline.Calendar
	p   Policy

	restart            *deadline.Restart
	awaitingCorrection bool // a timely irregularity notice waits for the corrected request
	awaitingFormal     bool // an informal request was asked to turn formal
	irregularStart     deadline.Date
	challenge          challenge
	reviewBase         challenge
	ombBase            challenge
	appealBase         challenge
	reviewDue          deadline.Date
	ombudsmanDue       deadline.Date
	// leftOpen is the day the request left the pending and irregular
	// states for good (decided, withdrawn, transferred, closed, or a remedy
	// against the silence filed): from then on no party can oppose.
	leftOpen deadline.Date
	// closedUndecided is the day an irregular request was closed without
	// decision: the decision term ends there, and a silence that had not
	// formed by then never forms [P].
	closedUndecided deadline.Date
}

// open reports whether a request in state s may still be decided: pending,
// or waiting for its correction.
func open(s State) bool { return s == StatePending || s == StateIrregular }

// dateOf returns the civil date of the fact a record records.
func dateOf(rec Record) deadline.Date {
	if !rec.Event.On.IsZero() {
		return rec.Event.On
	}
	return deadline.DateOf(rec.At)
}

// origin is the day the current decision term runs from.
func (f *fold) origin() deadline.Date {
	if f.restart != nil {
		return f.restart.On
	}
	return f.r.Received
}

func (f *fold) setRestart(on deadline.Date, reason string, src law.Citation) {
	if on.Before(f.r.Received) {
		return
	}
	if f.restart == nil || !on.Before(f.restart.On) {
		f.restart = &deadline.Restart{On: on, Reason: reason, Source: src}
	}
}

// Replay folds a history into the Request it describes, with every
// deadline computed on cal under policy p. It is pure: the same history,
// calendar and policy give the same Request. It fails with an error
// wrapping ErrInvalid on a history that does not start with the filing,
// carries a malformed event, or breaks its kind's lifecycle; it never
// panics. The Request's ID is left empty (ReplayStream sets it).
func Replay(records []Record, cal *deadline.Calendar, p Policy) (*Request, error) {
	if cal == nil {
		return nil, invalidf("nil calendar")
	}
	if len(records) == 0 {
		return nil, invalidf("empty history")
	}
	first := records[0].Event
	if first.Type != EventReceived || first.Filed == nil {
		return nil, invalidf("a history starts with the filing, not %q", first.Type)
	}
	table := Lifecycle(first.Filed.Kind)
	if table == nil {
		return nil, invalidf("unknown kind %q", first.Filed.Kind)
	}
	f := &fold{r: &Request{Kind: first.Filed.Kind, State: StateNew}, cal: cal, p: p.withDefaults()}
	for i, rec := range records {
		if err := rec.Event.Validate(); err != nil {
			return nil, fmt.Errorf("record %d: %w", i+1, err)
		}
		if i > 0 && rec.Event.Type == EventReceived {
			return nil, invalidf("record %d: a request is filed once", i+1)
		}
		next, err := table.Check(f.r.State, rec.Event.Type, rec.Actor.Role)
		if err != nil {
			return nil, fmt.Errorf("%w: record %d: %v", ErrInvalid, i+1, err)
		}
		if err := f.apply(rec); err != nil {
			return nil, fmt.Errorf("record %d (%s): %w", i+1, rec.Event.Type, err)
		}
		if open(f.r.State) && !open(next) && f.leftOpen.IsZero() {
			f.leftOpen = dateOf(rec)
		}
		f.r.State = next
		f.r.Version = rec.Version
	}
	if err := f.deadlines(); err != nil {
		return nil, err
	}
	f.r.Intake = CheckIntake(f.r)
	return f.r, nil
}

// ReplayStream replays a stored stream and sets the Request's ID.
func ReplayStream(s Stream, cal *deadline.Calendar, p Policy) (*Request, error) {
	r, err := Replay(s.Records, cal, p)
	if err != nil {
		return nil, err
	}
	r.ID = s.ID
	return r, nil
}

// apply folds one record.
func (f *fold) apply(rec Record) error {
	r := f.r
	e := rec.Event
	d := dateOf(rec)
	if d.IsZero() {
		return invalidf("no date")
	}
	if e.Type != EventReceived && d.Before(r.Received) {
		return invalidf("dated %s, before the request was received (%s)", d, r.Received)
	}
	switch e.Type {
	case EventReceived:
		fl := e.Filed
		if !fl.Kind.Valid() {
			return invalidf("unknown kind %q", fl.Kind)
		}
		r.Kind, r.Informal = fl.Kind, fl.Informal && fl.Kind == Documentale
		r.Protocol, r.Channel, r.Matter, r.Office, r.ForwardedBy = fl.Protocol, fl.Channel, fl.Matter, fl.Office, fl.ForwardedBy
		r.ReceivedAt = fl.Received
		r.Received = deadline.DateOf(fl.Received)
		if !e.On.IsZero() {
			r.Received = e.On
		}
		if r.Received.IsZero() {
			return invalidf("no date of receipt")
		}
		r.Applicant, r.Identification = fl.Applicant, fl.Identification
		r.Subject, r.Requested, r.Reasons = fl.Subject, fl.Requested, fl.Reasons
		if !r.Informal {
			f.challenge = challenge{kind: challengeSilence}
		}
	case EventIrregularityNotified:
		if r.IrregularityNotified.IsZero() {
			r.IrregularityNotified = d
		}
		if r.Kind == Documentale && !r.Informal && f.irregularStart.IsZero() {
			f.irregularStart = f.origin()
			window, err := f.cal.Expiry(f.irregularStart, irregularTerm)
			if err != nil {
				return invalidf("%v", err)
			}
			f.awaitingCorrection = !d.After(window)
		}
	case EventFormalRequested:
		if r.IrregularityNotified.IsZero() {
			r.IrregularityNotified = d
		}
		f.awaitingFormal = true
	case EventCorrected:
		c := e.Correction
		if c.Subject != "" {
			r.Subject = c.Subject
		}
		if c.Requested != "" {
			r.Requested = c.Requested
		}
		if c.Reasons != "" {
			r.Reasons = c.Reasons
		}
		if c.Identification != "" {
			r.Identification = c.Identification
		}
		if c.Applicant != nil {
			r.Applicant = *c.Applicant
		}
		r.Corrected = d
		switch {
		case f.awaitingFormal:
			f.awaitingFormal = false
			r.Informal = false
			f.challenge = challenge{kind: challengeSilence}
			f.setRestart(d, "richiesta formale presentata", citeDPRFormal)
		case f.awaitingCorrection:
			f.awaitingCorrection = false
			f.setRestart(d, "richiesta regolarizzata dopo la comunicazione di irregolarità", citeDPRIrregular)
		}
	case EventAssigned:
		r.Office = e.Assignment.Office
	case EventForwarded, EventTransferred:
		fw := e.Forwarding
		on := fw.ReceivedOn
		if on.IsZero() {
			on = d
		}
		if on.Before(d) {
			return invalidf("received by the destination (%s) before it was forwarded (%s)", on, d)
		}
		r.Forwarded = &Forward{To: fw.To, Name: fw.Name, External: e.Type == EventTransferred, Date: d, ReceivedOn: on}
		if e.Type == EventTransferred {
			// The request left the administration: its silence here
			// cannot form (art. 6 c. 2 DPR 184/2006).
			f.endSilence()
		}
		if e.Type == EventForwarded {
			if fw.To != "" {
				r.Office = fw.To
			}
			f.setRestart(on, "ricezione da parte dell'ufficio competente", citeDPRTerm)
		}
	case EventStartNotified:
		if r.StartNotified.IsZero() {
			r.StartNotified = d
		}
	case EventDocumentsRequested:
		for _, q := range e.DocRequest.Requests {
			r.Internal = append(r.Internal, Internal{Number: len(r.Internal) + 1, Office: q.Office, Documents: q.Documents, Requested: d, Due: q.Due})
		}
	case EventDocumentsReceived:
		n := e.DocAnswer.Request
		if n < 1 || n > len(r.Internal) {
			return invalidf("no internal request %d", n)
		}
		if r.Internal[n-1].Answered.IsZero() {
			r.Internal[n-1].Answered = d
		}
	case EventOfficeReminded:
		n := e.Reminder.Request
		if n < 1 || n > len(r.Internal) {
			return invalidf("no internal request %d", n)
		}
		r.Internal[n-1].Reminders++
	case EventCounterInterestedNotified:
		for _, p := range e.Notification.Parties {
			r.Parties = append(r.Parties, Party{Number: len(r.Parties) + 1, Person: p, Notified: d})
		}
		r.CounterInterested = len(r.Parties)
	case EventNoticeReceived, EventOppositionReceived, EventAcceptanceReceived:
		p := r.party(e.PartyAct.Party)
		if p == nil {
			return invalidf("no counter-interested party %d", e.PartyAct.Party)
		}
		if d.Before(p.Notified) {
			return invalidf("party %d: dated %s, before the notice was sent (%s)", p.Number, d, p.Notified)
		}
		switch e.Type {
		case EventNoticeReceived:
			p.Received = d
		case EventOppositionReceived:
			if p.Opposed.IsZero() {
				r.Oppositions++
			}
			p.Opposed = d
			p.Note = e.PartyAct.Note
		default:
			p.AcceptanceReceived = d
		}
	case EventDecided:
		ru := e.Ruling
		gs, err := resolveGrounds(r.Kind, ru.Grounds)
		if err != nil {
			return invalidf("%v", err)
		}
		if c := ru.Communicated; !c.IsZero() && c.Before(d) {
			return invalidf("decision of %s received by the requester on %s, before it was taken", d, c)
		}
		dec := &Decision{Outcome: ru.Outcome, Date: d, Grounds: gs, Summary: ru.Summary, DeferredUntil: ru.DeferredUntil, Reasons: ru.Reasons, Communicated: ru.Communicated}
		if ru.Viewing != nil {
			v := *ru.Viewing
			dec.Viewing = &v
		}
		r.Decision = dec
		if ru.Outcome.Denies() {
			f.challenge = challenge{kind: challengeDecision}
		} else {
			f.challenge = challenge{}
		}
	case EventDecisionCommunicated:
		at, ok := communicated(r, e.Communication.Of)
		if !ok {
			return invalidf("no %s to communicate", e.Communication.Of.orDecision())
		}
		if d.Before(at.act) {
			return invalidf("%s of %s received by the requester on %s, before it was taken", e.Communication.Of.orDecision(), at.act, d)
		}
		if at.day.IsZero() {
			*at.day = d
		}
	case EventReleased, EventPublished:
		if r.Released.IsZero() {
			r.Released = d
		}
		if e.Release.Link != "" {
			r.Link = e.Release.Link
		}
	case EventWithdrawn:
		r.Withdrawn = d
		// The requester renounced the request: no silence forms, and no
		// remedy against one remains, even if it had formed.
		f.endSilence()
	case EventFeesCharged:
		r.Fees += e.Charge.Fee.Amount
	case EventBreachReported:
		r.BreachReported = d
	case EventReviewFiled:
		interests, err := resolveGrounds(r.Kind, e.Remedy.Interests)
		if err != nil {
			return invalidf("%v", err)
		}
		if len(interests) == 0 {
			interests = nil
		}
		r.Review = &Review{Filed: d, ByParty: e.Remedy.Party, Interests: interests}
		f.reviewBase = f.challenge
		if e.Remedy.Party == 0 {
			f.challenge = challenge{kind: challengeReviewSilence}
		}
	case EventGaranteConsulted:
		if r.Review == nil {
			return invalidf("no review")
		}
		r.Review.GaranteConsulted = d
	case EventGaranteAnswered:
		if r.Review == nil {
			return invalidf("no review")
		}
		r.Review.GaranteAnswered = d
	case EventReviewDecided:
		if r.Review == nil {
			return invalidf("no review")
		}
		rr := e.ReviewRuling
		gs, err := resolveGrounds(r.Kind, rr.Grounds)
		if err != nil {
			return invalidf("%v", err)
		}
		if c := rr.Communicated; !c.IsZero() && c.Before(d) {
			return invalidf("review decision of %s received by the requester on %s, before it was taken", d, c)
		}
		r.Review.Decided, r.Review.Outcome, r.Review.Summary, r.Review.Grounds, r.Review.Communicated = d, rr.Outcome, rr.Summary, gs, rr.Communicated
		switch {
		case r.Review.ByParty == 0 && rr.Outcome.Denies():
			f.challenge = challenge{kind: challengeReview}
		case r.Review.ByParty == 0:
			f.challenge = challenge{}
		case rr.Outcome.Grants():
			// The party prevailed: access is now refused, and the
			// requester may challenge the review's decision.
			f.challenge = challenge{kind: challengeReview}
		}
	case EventOmbudsmanFiled:
		body := e.Remedy.Body
		if body == "" {
			body = DifensoreCivico
		}
		r.Ombudsman = &Ombudsman{Body: body, Filed: d, ByParty: e.Remedy.Party}
		f.ombBase = f.challenge
		if e.Remedy.Party == 0 {
			f.challenge = challenge{kind: challengeOmbudsmanSilence}
		}
	case EventOmbudsmanDecided:
		if r.Ombudsman == nil {
			return invalidf("no recourse to the ombudsman")
		}
		o := e.OmbudsmanRuling
		decided, got := o.Decided, o.AdministrationReceived
		if decided.IsZero() {
			decided = d // recorded before Decided existed, or the same day
		}
		if got.IsZero() {
			got = d
		}
		switch {
		case decided.Before(r.Ombudsman.Filed):
			return invalidf("outcome decided on %s, before the recourse (%s)", decided, r.Ombudsman.Filed)
		case decided.After(d):
			return invalidf("outcome decided on %s, after it was recorded (%s)", decided, d)
		case got.Before(decided):
			return invalidf("outcome received by the administration on %s, before it was decided (%s)", got, decided)
		case !o.RequesterReceived.IsZero() && o.RequesterReceived.Before(decided):
			return invalidf("outcome received by the requester on %s, before it was decided (%s)", o.RequesterReceived, decided)
		}
		om := r.Ombudsman
		om.Decided, om.Outcome, om.Summary, om.AdministrationReceived, om.RequesterReceived = decided, o.Outcome, o.Summary, got, o.RequesterReceived
		if om.ByParty == 0 {
			f.challenge = challenge{kind: challengeOmbudsman}
		}
	case EventOmbudsmanAnswered:
		if r.Ombudsman == nil {
			return invalidf("no recourse to the ombudsman")
		}
		r.Ombudsman.Answered, r.Ombudsman.Confirmed = d, e.Answer.Confirm
	case EventAppealFiled:
		r.Appeal = &Appeal{Filed: d, Court: e.Remedy.Court, ByParty: e.Remedy.Party}
		f.appealBase = f.challenge
	case EventAppealDecided:
		if r.Appeal == nil {
			return invalidf("no appeal")
		}
		if c := e.AppealRuling.Communicated; !c.IsZero() && c.Before(d) {
			return invalidf("ruling of %s communicated to the administration on %s, before it was given", d, c)
		}
		r.Appeal.Outcome, r.Appeal.Decided, r.Appeal.Communicated = e.AppealRuling.Outcome, d, e.AppealRuling.Communicated
	case EventPublicSubjectSet:
		r.PublicSubject = e.Subject.Text
	case EventClosed:
		r.Closed = d
		if r.State == StateIrregular {
			f.closedUndecided = d
		}
	}
	return nil
}

// communicatedAt is where a Communication records its day: the act's day
// and the field holding the requester's receipt.
type communicatedAt struct {
	act deadline.Date
	day *deadline.Date
}

// communicated returns where the requester's receipt of act c is recorded,
// and false if r has no such act (decided) yet.
func communicated(r *Request, c Communicated) (communicatedAt, bool) {
	switch c.orDecision() {
	case CommunicatedDecision:
		if r.Decision != nil {
			return communicatedAt{act: r.Decision.Date, day: &r.Decision.Communicated}, true
		}
	case CommunicatedReview:
		if r.Review != nil && !r.Review.Decided.IsZero() {
			return communicatedAt{act: r.Review.Decided, day: &r.Review.Communicated}, true
		}
	case CommunicatedOmbudsman:
		if r.Ombudsman != nil && !r.Ombudsman.Decided.IsZero() {
			return communicatedAt{act: r.Ombudsman.Decided, day: &r.Ombudsman.RequesterReceived}, true
		}
	}
	return communicatedAt{}, false
}

// endSilence drops the remedies against the silence: the request ended
// without decision.
func (f *fold) endSilence() {
	if f.challenge.kind == challengeSilence {
		f.challenge = challenge{}
	}
}

// Index derives the store's queryable projection from a request. It holds
// no personal data: kind, state, office, channel, dates and tags with the
// matter and the outcome.
func (r *Request) Index() Index {
	idx := Index{Kind: string(r.Kind), State: string(r.State), Office: string(r.Office), Channel: string(r.Channel), Received: r.Received, Due: r.NextDue()}
	if r.Matter != "" {
		idx.Tags = append(idx.Tags, "matter:"+textfold.Fold(r.Matter))
	}
	if r.Decision != nil {
		idx.Tags = append(idx.Tags, "outcome:"+string(r.Decision.Outcome))
	}
	if r.Informal {
		idx.Tags = append(idx.Tags, "informal")
	}
	return idx
}

// NextDue returns the due date of the earliest deadline the administration
// must still meet (decision, internal requests, release after opposition,
// review, confirmation after the ombudsman), or the zero Date. Closed,
// withdrawn and transferred requests have nothing due.
func (r *Request) NextDue() deadline.Date {
	if r.State.Terminal() {
		return deadline.Date{}
	}
	var due deadline.Date
	for _, d := range r.Deadlines {
		if k := KindOf(d); k.Obligation() && d.Met.IsZero() && (due.IsZero() || d.Due.Before(due)) {
			due = d.Due
		}
	}
	return due
}

// Permitted returns the acts role may perform on r now, in table order.
// The zero or an unknown role may perform nothing: a UI that forgets the
// actor's role shows no act rather than every act. Guards that depend on
// more than state and role are checked when the act is attempted.
func (r *Request) Permitted(role office.Role) []EventType {
	t := Lifecycle(r.Kind)
	if t == nil || !role.Valid() {
		return nil
	}
	return slices.DeleteFunc(t.Permitted(r.State, role), func(a EventType) bool { return a == EventReceived })
}
