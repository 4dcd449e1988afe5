package access

import (
	"fmt"
	"slices"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/textfold"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/procedure"
)

// fold is the state of a replay: the request being built and what the
// deadlines need beyond it.
type fold struct {
	r   *Request
	cal *deadline.Calendar
	p   Policy
	// table is the lifecycle of the request's kind; n the records folded.
	table *Table
	n     int

	restart *deadline.Restart
	// termFrom is the day the decision term runs from before any restart:
	// the receipt, or the filing with the administration that forwarded
	// the request here (transferFrom).
	termFrom deadline.Date
	// termNote says in Italian, for the term's name, why it runs from
	// termFrom or why a forwarding did not move it; termSrc cites it.
	termNote           string
	termSrc            law.Citation
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
	// pending are the parties' notices that suspend the decision term.
	pending []partyPending
}

// open reports whether a request in state s may still be decided: pending,
// or waiting for its correction.
func open(s State) bool { return s == StatePending || s == StateIrregular }

// dateOf returns the civil date of the fact a record records: its On,
// which may precede the day it was recorded (At).
func dateOf(rec Record) deadline.Date { return rec.On }

// origin is the day the current decision term runs from.
func (f *fold) origin() deadline.Date {
	if f.restart != nil {
		return f.restart.On
	}
	if !f.termFrom.IsZero() {
		return f.termFrom
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
	f, err := newFold(records, cal, p)
	if err != nil {
		return nil, err
	}
	return f.finish()
}

// newFold folds records, a whole history, without the deadlines (finish
// derives them): the state more continues.
func newFold(records []Record, cal *deadline.Calendar, p Policy) (*fold, error) {
	if cal == nil {
		return nil, procedure.Invalid("nil calendar")
	}
	if len(records) == 0 {
		return nil, procedure.Invalid("empty history")
	}
	first := records[0].Event
	if first.Type != EventReceived || first.Filed == nil {
		return nil, procedure.Invalid("a history starts with the filing, not %q", first.Type)
	}
	table := Lifecycle(first.Filed.Kind)
	if table == nil {
		return nil, procedure.Invalid("unknown kind %q", first.Filed.Kind)
	}
	f := &fold{r: &Request{Kind: first.Filed.Kind, State: StateNew}, cal: cal, p: p.withDefaults(), table: table}
	if err := f.more(records); err != nil {
		return nil, err
	}
	return f, nil
}

// more folds records, those of the history after the f.n already folded,
// without the deadlines: newFold(h) then more(rest) is newFold(h followed
// by rest), record by record the same steps.
func (f *fold) more(records []Record) error {
	for _, rec := range records {
		i := f.n
		if err := rec.Event.Validate(); err != nil {
			return fmt.Errorf("record %d: %w", i+1, err)
		}
		if i > 0 && rec.Event.Type == EventReceived {
			return procedure.Invalid("record %d: a request is filed once", i+1)
		}
		next, err := f.table.Check(f.r.State, rec.Event.Type, rec.Actor.Role)
		if err != nil {
			return fmt.Errorf("%w: record %d: %v", ErrInvalid, i+1, err)
		}
		if err := f.apply(rec); err != nil {
			return fmt.Errorf("record %d (%s): %w", i+1, rec.Event.Type, err)
		}
		if open(f.r.State) && !open(next) && f.leftOpen.IsZero() {
			f.leftOpen = dateOf(rec)
		}
		f.r.State = next
		f.r.Version, f.r.Hash = rec.Version, rec.Hash
		f.n++
	}
	return nil
}

// finish derives the deadlines and the intake of the folded request, in
// place, and returns it: f is not folded further after (see finished).
func (f *fold) finish() (*Request, error) {
	if err := f.deadlines(); err != nil {
		return nil, err
	}
	f.r.Intake = CheckIntake(f.r)
	return f.r, nil
}

// finished returns the request of f with its deadlines and intake,
// derived on a deep copy (clone): f stays the state before them, which
// more continues. Replay derives them once, at the end, from the
// records' state alone: so does finished, whatever was folded before.
func (f *fold) finished() (*Request, error) {
	return f.clone().finish()
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

// apply folds one record: the checks every record passes, then the
// applier of its type.
func (f *fold) apply(rec Record) error {
	e := rec.Event
	d := dateOf(rec)
	if d.IsZero() {
		return procedure.Invalid("no date")
	}
	if e.Type != EventReceived && d.Before(f.r.Received) {
		return procedure.Invalid("dated %s, before the request was received (%s)", d, f.r.Received)
	}
	if !backdatable(e.Type) && d.After(f.r.lastAct) {
		f.r.lastAct = d
	}
	if fn := appliers[e.Type]; fn != nil {
		return fn(f, e, d)
	}
	return nil
}

// An applier folds one event of its type, dated d (the record's On).
type applier func(f *fold, e Event, d deadline.Date) error

// appliers folds each type of event.
var appliers = map[EventType]applier{
	EventReceived:                  (*fold).received,
	EventIrregularityNotified:      (*fold).irregularityNotified,
	EventFormalRequested:           (*fold).formalRequested,
	EventCorrected:                 (*fold).corrected,
	EventAssigned:                  func(f *fold, e Event, _ deadline.Date) error { f.r.Office = e.Assignment.Office; return nil },
	EventForwarded:                 (*fold).forwarded,
	EventTransferred:               (*fold).forwarded,
	EventStartNotified:             (*fold).startNotified,
	EventDocumentsRequested:        (*fold).documentsRequested,
	EventDocumentsReceived:         (*fold).documentsReceived,
	EventOfficeReminded:            (*fold).officeReminded,
	EventCounterInterestedNotified: (*fold).counterInterestedNotified,
	EventNoticeReceived:            (*fold).partyAct,
	EventOppositionReceived:        (*fold).partyAct,
	EventAcceptanceReceived:        (*fold).partyAct,
	EventDecided:                   (*fold).decided,
	EventDecisionCommunicated:      (*fold).decisionCommunicated,
	EventReleased:                  (*fold).released,
	EventPublished:                 (*fold).released,
	EventWithdrawn:                 (*fold).withdrawn,
	EventFeesCharged:               func(f *fold, e Event, _ deadline.Date) error { f.r.Fees += e.Charge.Fee.Amount; return nil },
	EventBreachReported:            func(f *fold, _ Event, d deadline.Date) error { f.r.BreachReported = d; return nil },
	EventReviewFiled:               (*fold).reviewFiled,
	EventGaranteConsulted:          (*fold).garante,
	EventGaranteAnswered:           (*fold).garante,
	EventReviewDecided:             (*fold).reviewDecided,
	EventOmbudsmanFiled:            (*fold).ombudsmanFiled,
	EventOmbudsmanDecided:          (*fold).ombudsmanDecided,
	EventOmbudsmanAnswered:         (*fold).ombudsmanAnswered,
	EventAppealFiled:               (*fold).appealFiled,
	EventAppealDecided:             (*fold).appealDecided,
	EventSubstituteRequested:       (*fold).substituteRequested,
	EventSubstituteDecided:         (*fold).substituteDecided,
	EventPublicSubjectSet:          func(f *fold, e Event, _ deadline.Date) error { f.r.PublicSubject = e.Subject.Text; return nil },
	EventClosed:                    (*fold).closed,
}

func (f *fold) received(e Event, d deadline.Date) error {
	r, fl := f.r, e.Filed
	if !fl.Kind.Valid() {
		return procedure.Invalid("unknown kind %q", fl.Kind)
	}
	r.Kind, r.Informal = fl.Kind, fl.Informal && fl.Kind == Documentale
	r.Protocol, r.Channel, r.Matter, r.Office, r.ForwardedBy = fl.Protocol, fl.Channel, fl.Matter, fl.Office, fl.ForwardedBy
	r.ReceivedAt = fl.Received
	r.Received = d
	r.FiledElsewhere = fl.FiledElsewhere
	if err := f.transferFrom(fl, d); err != nil {
		return err
	}
	r.Applicant, r.Identification = fl.Applicant, fl.Identification
	r.Subject, r.Requested, r.Reasons = fl.Subject, fl.Requested, fl.Reasons
	if !r.Informal {
		f.challenge = challenge{kind: challengeSilence}
	}
	return nil
}

func (f *fold) irregularityNotified(_ Event, d deadline.Date) error {
	r := f.r
	if r.IrregularityNotified.IsZero() {
		r.IrregularityNotified = d
	}
	if r.Kind == Documentale && !r.Informal && f.irregularStart.IsZero() {
		f.irregularStart = f.origin()
		window, err := f.cal.Expiry(f.irregularStart, irregularTerm)
		if err != nil {
			return procedure.Invalid("%v", err)
		}
		f.awaitingCorrection = !d.After(window)
	}
	return nil
}

func (f *fold) formalRequested(_ Event, d deadline.Date) error {
	if f.r.IrregularityNotified.IsZero() {
		f.r.IrregularityNotified = d
	}
	f.awaitingFormal = true
	return nil
}

func (f *fold) corrected(e Event, d deadline.Date) error {
	r, c := f.r, e.Correction
	for _, x := range []struct {
		to   *string
		from string
	}{
		{&r.Subject, c.Subject}, {&r.Requested, c.Requested}, {&r.Reasons, c.Reasons}, {&r.Identification, c.Identification},
	} {
		if x.from != "" {
			*x.to = x.from
		}
	}
	if c.Applicant != nil {
		r.former = append(r.former, r.Applicant)
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
	return nil
}

func (f *fold) forwarded(e Event, d deadline.Date) error {
	r, fw := f.r, e.Forwarding
	on := fw.ReceivedOn
	if on.IsZero() {
		on = d
	}
	if on.Before(d) {
		return procedure.Invalid("received by the destination (%s) before it was forwarded (%s)", on, d)
	}
	r.Forwarded = &Forward{To: fw.To, Name: fw.Name, External: e.Type == EventTransferred, Date: d, ReceivedOn: on}
	if e.Type == EventTransferred {
		// The request left the administration: its silence here
		// cannot form (art. 6 c. 2 DPR 184/2006).
		f.endSilence()
		return nil
	}
	if fw.To != "" {
		r.Office = fw.To
	}
	// Forwarding inside the administration restarts no term, for any
	// kind: the request was filed with the administration (citeNoRestart).
	if f.termNote == "" {
		f.termNote = fmt.Sprintf("trasmessa internamente il %s: il termine non riparte", d.Italian())
		f.termSrc = citeNoRestart
	}
	return nil
}

// transferFrom settles the day the term runs from for a request another
// administration forwarded here: its receipt here where
// Policy.TransferRestart says so for the kind (documentale access by
// default, art. 6 c. 2 and 4 DPR 184/2006), else the filing with that
// administration (art. 5 c. 6 D.Lgs. 33/2013), when recorded.
func (f *fold) transferFrom(fl *Filing, received deadline.Date) error {
	switch {
	case fl.FiledElsewhere.IsZero():
		if fl.ForwardedBy != "" {
			f.termNote = "trasmessa da altra amministrazione: il termine decorre dalla ricezione"
			f.termSrc = citeTransferRestart
			if !f.p.TransferRestarts(fl.Kind) {
				f.termNote += " (data di presentazione all'altra amministrazione non registrata)"
				f.termSrc = citeTransferPolicy
			}
		}
		return nil
	case fl.ForwardedBy == "":
		return procedure.Invalid("a request filed elsewhere (%s) names the administration that forwarded it", fl.FiledElsewhere)
	case fl.FiledElsewhere.After(received):
		return procedure.Invalid("filed elsewhere on %s, after it was received here (%s)", fl.FiledElsewhere, received)
	}
	if f.p.TransferRestarts(fl.Kind) {
		f.termNote = fmt.Sprintf("presentata il %s ad altra amministrazione, che l'ha trasmessa: il termine decorre dalla ricezione", fl.FiledElsewhere.Italian())
		f.termSrc = citeTransferRestart
		if fl.Kind.Civic() {
			f.termSrc = citeTransferPolicy
		}
		return nil
	}
	f.termFrom = fl.FiledElsewhere
	f.termNote = fmt.Sprintf("presentata il %s ad altra amministrazione, che l'ha trasmessa: il termine decorre dalla presentazione", fl.FiledElsewhere.Italian())
	f.termSrc = citeNoRestart
	if fl.Kind == Documentale {
		f.termSrc = citeDocTerm.WithNote("termine fatto decorrere dalla presentazione all'altra amministrazione: scelta dell'amministrazione").As(law.Policy)
	}
	return nil
}

func (f *fold) startNotified(e Event, d deadline.Date) error {
	if f.r.StartNotified.IsZero() {
		f.r.StartNotified = d
	}
	if n := e.StartNotice; n != nil && n.Responsible != "" {
		f.r.Responsible = n.Responsible
	}
	return nil
}

func (f *fold) documentsRequested(e Event, d deadline.Date) error {
	r := f.r
	for _, q := range e.DocRequest.Requests {
		r.Internal = append(r.Internal, Internal{Number: len(r.Internal) + 1, Office: q.Office, Documents: q.Documents, Requested: d, Due: q.Due})
	}
	return nil
}

func (f *fold) internal(n int) (*Internal, error) {
	if n < 1 || n > len(f.r.Internal) {
		return nil, procedure.Invalid("no internal request %d", n)
	}
	return &f.r.Internal[n-1], nil
}

func (f *fold) documentsReceived(e Event, d deadline.Date) error {
	in, err := f.internal(e.DocAnswer.Request)
	if err == nil && in.Answered.IsZero() {
		in.Answered = d
	}
	return err
}

func (f *fold) officeReminded(e Event, _ deadline.Date) error {
	in, err := f.internal(e.Reminder.Request)
	if err == nil {
		in.Reminders++
	}
	return err
}

func (f *fold) counterInterestedNotified(e Event, d deadline.Date) error {
	r := f.r
	for _, p := range e.Notification.Parties {
		r.Parties = append(r.Parties, Party{Number: len(r.Parties) + 1, Person: p, Notified: d})
	}
	r.CounterInterested = len(r.Parties)
	return nil
}

// partyAct folds a party's receipt of the notice, its opposition, or its
// receipt of the acceptance.
func (f *fold) partyAct(e Event, d deadline.Date) error {
	p := f.r.party(e.PartyAct.Party)
	if p == nil {
		return procedure.Invalid("no counter-interested party %d", e.PartyAct.Party)
	}
	if d.Before(p.Notified) {
		return procedure.Invalid("party %d: dated %s, before the notice was sent (%s)", p.Number, d, p.Notified)
	}
	switch e.Type {
	case EventNoticeReceived:
		p.Received = d
	case EventOppositionReceived:
		if p.Opposed.IsZero() {
			f.r.Oppositions++
		}
		p.Opposed = d
		p.Note = e.PartyAct.Note
	default:
		p.AcceptanceReceived = d
	}
	return nil
}

func (f *fold) decided(e Event, d deadline.Date) error {
	r, ru := f.r, e.Ruling
	gs, err := resolveGrounds(r.Kind, ru.Grounds)
	if err != nil {
		return procedure.Invalid("%v", err)
	}
	if c := ru.Communicated; !c.IsZero() && c.Before(d) {
		return procedure.Invalid("decision of %s received by the requester on %s, before it was taken", d, c)
	}
	dec := &Decision{Outcome: ru.Outcome, Date: d, Grounds: gs, Summary: ru.Summary, DeferredUntil: ru.DeferredUntil, Reasons: ru.Reasons, Communicated: ru.Communicated}
	if ru.Viewing != nil {
		v := *ru.Viewing
		dec.Viewing = &v
	}
	r.Decision = dec
	f.challenge = challenge{}
	if ru.Outcome.Denies() {
		f.challenge = challenge{kind: challengeDecision}
	}
	return nil
}

func (f *fold) decisionCommunicated(e Event, d deadline.Date) error {
	of := e.Communication.Of
	at, ok := communicated(f.r, of)
	if !ok {
		return procedure.Invalid("no %s to communicate", of.orDecision())
	}
	if d.Before(at.act) {
		return procedure.Invalid("%s of %s received by the requester on %s, before it was taken", of.orDecision(), at.act, d)
	}
	if at.day.IsZero() {
		*at.day = d
	}
	return nil
}

func (f *fold) released(e Event, d deadline.Date) error {
	if f.r.Released.IsZero() {
		f.r.Released = d
	}
	if e.Release.Link != "" {
		f.r.Link = e.Release.Link
	}
	return nil
}

func (f *fold) withdrawn(_ Event, d deadline.Date) error {
	f.r.Withdrawn = d
	// The requester renounced the request: no silence forms, and no
	// remedy against one remains, even if it had formed.
	f.endSilence()
	return nil
}

func (f *fold) reviewFiled(e Event, d deadline.Date) error {
	interests, err := resolveGrounds(f.r.Kind, e.Remedy.Interests)
	if err != nil {
		return procedure.Invalid("%v", err)
	}
	if len(interests) == 0 {
		interests = nil
	}
	f.r.Review = &Review{Filed: d, ByParty: e.Remedy.Party, Interests: interests}
	f.reviewBase = f.challenge
	if e.Remedy.Party == 0 {
		f.challenge = challenge{kind: challengeReviewSilence}
	}
	return nil
}

// garante folds the request for the Garante's opinion, or the opinion.
func (f *fold) garante(e Event, d deadline.Date) error {
	if f.r.Review == nil {
		return procedure.Invalid("no review")
	}
	if e.Type == EventGaranteConsulted {
		f.r.Review.GaranteConsulted = d
	} else {
		f.r.Review.GaranteAnswered = d
	}
	return nil
}

func (f *fold) reviewDecided(e Event, d deadline.Date) error {
	r, rr := f.r, e.ReviewRuling
	if r.Review == nil {
		return procedure.Invalid("no review")
	}
	gs, err := resolveGrounds(r.Kind, rr.Grounds)
	if err != nil {
		return procedure.Invalid("%v", err)
	}
	if c := rr.Communicated; !c.IsZero() && c.Before(d) {
		return procedure.Invalid("review decision of %s received by the requester on %s, before it was taken", d, c)
	}
	r.Review.Decided, r.Review.Outcome, r.Review.Summary, r.Review.Grounds, r.Review.Communicated = d, rr.Outcome, rr.Summary, gs, rr.Communicated
	r.Review.Reasons = rr.Reasons
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
	return nil
}

func (f *fold) ombudsmanFiled(e Event, d deadline.Date) error {
	body := e.Remedy.Body
	if body == "" {
		body = DifensoreCivico
	}
	f.r.Ombudsman = &Ombudsman{Body: body, Filed: d, ByParty: e.Remedy.Party}
	f.ombBase = f.challenge
	if e.Remedy.Party == 0 {
		f.challenge = challenge{kind: challengeOmbudsmanSilence}
	}
	return nil
}

func (f *fold) ombudsmanDecided(e Event, d deadline.Date) error {
	om, o := f.r.Ombudsman, e.OmbudsmanRuling
	if om == nil {
		return procedure.Invalid("no recourse to the ombudsman")
	}
	decided, got := o.Decided, o.AdministrationReceived
	if decided.IsZero() {
		decided = d // recorded before Decided existed, or the same day
	}
	if got.IsZero() {
		got = d
	}
	switch {
	case decided.Before(om.Filed):
		return procedure.Invalid("outcome decided on %s, before the recourse (%s)", decided, om.Filed)
	case decided.After(d):
		return procedure.Invalid("outcome decided on %s, after it was recorded (%s)", decided, d)
	case got.Before(decided):
		return procedure.Invalid("outcome received by the administration on %s, before it was decided (%s)", got, decided)
	case !o.RequesterReceived.IsZero() && o.RequesterReceived.Before(decided):
		return procedure.Invalid("outcome received by the requester on %s, before it was decided (%s)", o.RequesterReceived, decided)
	}
	om.Decided, om.Outcome, om.Summary, om.AdministrationReceived, om.RequesterReceived = decided, o.Outcome, o.Summary, got, o.RequesterReceived
	if om.ByParty == 0 {
		f.challenge = challenge{kind: challengeOmbudsman}
	}
	return nil
}

func (f *fold) ombudsmanAnswered(e Event, d deadline.Date) error {
	if f.r.Ombudsman == nil {
		return procedure.Invalid("no recourse to the ombudsman")
	}
	f.r.Ombudsman.Answered, f.r.Ombudsman.Confirmed = d, e.Answer.Confirm
	return nil
}

func (f *fold) appealFiled(e Event, d deadline.Date) error {
	f.r.Appeal = &Appeal{Filed: d, Court: e.Remedy.Court, ByParty: e.Remedy.Party}
	f.appealBase = f.challenge
	return nil
}

func (f *fold) appealDecided(e Event, d deadline.Date) error {
	a, ar := f.r.Appeal, e.AppealRuling
	if a == nil {
		return procedure.Invalid("no appeal")
	}
	if c := ar.Communicated; !c.IsZero() && c.Before(d) {
		return procedure.Invalid("ruling of %s communicated to the administration on %s, before it was given", d, c)
	}
	a.Outcome, a.Decided, a.Communicated = ar.Outcome, d, ar.Communicated
	return nil
}

func (f *fold) closed(_ Event, d deadline.Date) error {
	f.r.Closed = d
	if f.r.State == StateIrregular {
		f.closedUndecided = d
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
	return slices.DeleteFunc(t.Permitted(r.State, role), func(a EventType) bool {
		// A review of simple civic access would go to the RPCT who
		// answered the request (art. 5 c. 3 lett. d D.Lgs. 33/2013): the
		// Service refuses it, and no button offers it.
		return a == EventReceived || (a == EventReviewFiled && r.Kind == CivicoSemplice) || (a == EventSubstituteDecided && r.Substitute == nil)
	})
}
