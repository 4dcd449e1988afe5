package access

import (
	"github.com/puntodiascolto/ascolto/history"
	"time"

	"github.com/puntodiascolto/ascolto/internal/privacy"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
)

// Request is the view of an access request derived from its history by
// Replay: never stored, always recomputed, so it cannot disagree with the
// history.
//
// Its fields fall in two groups. The publishable fields (kind, state,
// protocol, dates, channel, office, forwarding, PublicSubject, counts of
// parties and oppositions, Decision, Review, Ombudsman and Appeal with their
// outcomes and summaries, deadlines) never contain personal data: the
// summaries are written by the office for publication and checked not to
// contain the names and identifiers of the requester and the parties. The
// register of accesses (ANAC 1309/2016 § 9; Circolare FP 2/2017 All. 3) uses
// only them. The fields marked PERSONAL DATA (Applicant, Parties, Subject,
// Requested, Reasons, the full reasons of decisions) are for the office's
// work and must never be published.
type Request struct {
	// ID identifies the request.
	ID ID `json:"id"`
	// Version is the number of records in the history.
	Version int `json:"version"`
	// Hash is the hash of the history's last record: with Version, the
	// head of the history the Request was replayed from (see Head), which
	// a publication built from it states.
	Hash history.Hash `json:"hash"`
	// Kind is the kind of access.
	Kind Kind `json:"kind"`
	// Informal marks an informal documentale request not (yet) turned formal.
	Informal bool `json:"informal,omitempty"`
	// State is the current state.
	State State `json:"state"`
	// Protocol is the protocol registration.
	Protocol Protocol `json:"protocol"`
	// ReceivedAt is the instant of receipt; Received its Rome date.
	ReceivedAt time.Time     `json:"receivedAt"`
	Received   deadline.Date `json:"received"`
	// Channel is how it arrived.
	Channel Channel `json:"channel"`
	// Matter is the declared matter.
	Matter string `json:"matter,omitempty"`
	// Office is the office currently competent (empty until assigned).
	Office office.ID `json:"office,omitempty"`
	// ForwardedBy names another administration that forwarded the request
	// here; FiledElsewhere the day it was filed there, when known (see
	// Filing.FiledElsewhere and Policy.TransferRestart).
	ForwardedBy    string        `json:"forwardedBy,omitempty"`
	FiledElsewhere deadline.Date `json:"filedElsewhere,omitzero"`
	// Forwarded is the last forwarding, to another office or another
	// administration; nil if none.
	Forwarded *Forward `json:"forwarded,omitempty"`
	// PublicSubject is the office's publishable summary of the subject;
	// empty until set.
	PublicSubject string `json:"publicSubject,omitempty"`
	// CounterInterested is the number of counter-interested parties notified.
	CounterInterested int `json:"counterInterested"`
	// Oppositions is the number of parties who opposed.
	Oppositions int `json:"oppositions"`
	// IrregularityNotified is the day of the first irregularity notice (or
	// invitation to a formal request); Corrected the day of the last
	// corrected request.
	IrregularityNotified deadline.Date `json:"irregularityNotified,omitzero"`
	Corrected            deadline.Date `json:"corrected,omitzero"`
	// StartNotified is the day the start of the procedure was communicated.
	StartNotified deadline.Date `json:"startNotified,omitzero"`
	// Responsible is the responsabile del procedimento named in the last
	// communication of the start that named one (StartNotice.Responsible,
	// art. 8 c. 2 lett. c L. 241/1990): a member of staff acting in office,
	// for the letters; the register does not publish it. Empty until named.
	Responsible string `json:"responsible,omitempty"`
	// Internal lists the internal requests to holding offices.
	Internal []Internal `json:"internal,omitempty"`
	// Decision is the decision, nil until decided.
	Decision *Decision `json:"decision,omitempty"`
	// Released is the day documents or data were first released (or
	// published, for simple civic access); Link is the publication's link.
	Released deadline.Date `json:"released,omitzero"`
	Link     string        `json:"link,omitempty"`
	// Fees is the total reproduction cost charged, in euro cents.
	Fees int64 `json:"fees,omitempty"`
	// BreachReported is the day the RPCT reported the omitted publication.
	BreachReported deadline.Date `json:"breachReported,omitzero"`
	// Review is the review (riesame), nil if none.
	Review *Review `json:"review,omitempty"`
	// Ombudsman is the recourse to the difensore civico or the Commissione.
	Ombudsman *Ombudsman `json:"ombudsman,omitempty"`
	// Appeal is the court appeal.
	Appeal *Appeal `json:"appeal,omitempty"`
	// Substitute is the intervention of the titolare del potere
	// sostitutivo the applicant asked for (art. 2 c. 9-ter L. 241/1990),
	// nil if none.
	Substitute *Substitution `json:"substitute,omitempty"`
	// LateDecision is what a decision taken after its term must state, the
	// term due and the time taken (art. 2 c. 9-quinquies L. 241/1990); nil
	// when the decision was in time or there is none.
	LateDecision *LateStatement `json:"lateDecision,omitempty"`
	// Withdrawn and Closed are the days the request was withdrawn or closed.
	Withdrawn deadline.Date `json:"withdrawn,omitzero"`
	Closed    deadline.Date `json:"closed,omitzero"`
	// Deadlines are every term derived from the history, each with its
	// explanation. Their Name starts with a DeadlineKind (see KindOf).
	// Contingent terms are listed only while they can still arise: no
	// silence, and no remedy against it, once the request is decided,
	// withdrawn or transferred; no party's window still running when the
	// request left the pending state; no release after an opposition once
	// access is refused; nothing unanswered for the office once the request
	// is withdrawn, transferred or closed. Terms met, or that expired
	// before the event that ended them, stay as the record of what happened.
	Deadlines []deadline.Deadline `json:"deadlines"`
	// DecisionDue is the due date of the decision (zero for an informal
	// request, or while a timely irregularity notice waits for the
	// corrected request).
	DecisionDue deadline.Date `json:"decisionDue,omitzero"`
	// Intake lists what the request lacks among the fields a request must
	// carry.
	Intake Intake `json:"intake"`

	// Applicant is the requester. PERSONAL DATA.
	Applicant Person `json:"applicant"`
	// former are the applicant's data replaced by corrections. PERSONAL
	// DATA, kept only to check publishable texts (PersonalData).
	former []Person
	// Identification is how the requester was identified. PERSONAL DATA.
	Identification string `json:"identification,omitempty"`
	// Subject, Requested and Reasons are the requester's own words, as
	// corrected. PERSONAL DATA: never published.
	Subject   string `json:"subject"`
	Requested string `json:"requested,omitempty"`
	Reasons   string `json:"reasons,omitempty"`
	// Parties are the counter-interested parties. PERSONAL DATA.
	Parties []Party `json:"parties,omitempty"`

	// lastAct is the latest day of an act that may not be backdated before
	// the acts recorded before it (see backdatable).
	lastAct deadline.Date
}

// Forward is where a request was forwarded.
type Forward struct {
	// To is the office in the directory, if any; Name its name.
	To   office.ID `json:"to,omitempty"`
	Name string    `json:"name,omitempty"`
	// External marks another administration.
	External bool `json:"external,omitempty"`
	// Date is the day of forwarding; ReceivedOn the day the destination received it.
	Date       deadline.Date `json:"date"`
	ReceivedOn deadline.Date `json:"receivedOn"`
}

// Internal is an internal request to an office holding documents.
type Internal struct {
	// Number is the request's number, from 1.
	Number int `json:"number"`
	// Office is the holding office; Documents what was asked.
	Office    office.ID `json:"office"`
	Documents string    `json:"documents"`
	// Requested is the day of the request; Due its internal due date;
	// Answered the day of the answer (zero while waiting).
	Requested deadline.Date `json:"requested"`
	Due       deadline.Date `json:"due"`
	Answered  deadline.Date `json:"answered,omitzero"`
	// Reminders counts the reminders sent.
	Reminders int `json:"reminders,omitempty"`
}

// Party is a counter-interested party (controinteressato). The Person is
// PERSONAL DATA; the dates are not.
type Party struct {
	// Number is the party's number, from 1.
	Number int `json:"number"`
	// Person is the party. PERSONAL DATA.
	Person Person `json:"person"`
	// Notified is the day the notice was sent; Received the day the party
	// received it (zero while unknown).
	Notified deadline.Date `json:"notified"`
	Received deadline.Date `json:"received,omitzero"`
	// Opposed is the day the opposition was received (zero if none).
	Opposed deadline.Date `json:"opposed,omitzero"`
	// OpposedLate marks an opposition received after the party's window.
	OpposedLate bool `json:"opposedLate,omitempty"`
	// AcceptanceReceived is the day the party received the communication of
	// the acceptance despite its opposition (art. 5 c. 6 D.Lgs. 33/2013).
	AcceptanceReceived deadline.Date `json:"acceptanceReceived,omitzero"`
	// Note summarises the opposition. PERSONAL DATA.
	Note string `json:"note,omitempty"`
}

// Decision is the decision on a request.
type Decision struct {
	// Outcome is the outcome.
	Outcome Outcome `json:"outcome"`
	// Date is the day of the decision.
	Date deadline.Date `json:"date"`
	// Grounds are the grounds of a refusal, limitation or deferral.
	Grounds []Ground `json:"grounds,omitempty"`
	// Summary is the publishable summary of the reasons.
	Summary string `json:"summary,omitempty"`
	// DeferredUntil is the day access is allowed from, for a deferral.
	DeferredUntil deadline.Date `json:"deferredUntil,omitzero"`
	// Viewing is the viewing place and period of a documentale acceptance.
	Viewing *Viewing `json:"viewing,omitempty"`
	// Communicated is the day the requester received the decision, from
	// which the remedy terms run; zero while unknown (they then run from
	// Date [P]).
	Communicated deadline.Date `json:"communicated,omitzero"`
	// Late marks a decision taken after its due date (Request.LateDecision
	// says by how much).
	Late bool `json:"late,omitempty"`
	// BySubstitute marks a decision the titolare del potere sostitutivo
	// took in place of the competent office (art. 2 c. 9-ter L. 241/1990).
	BySubstitute bool `json:"bySubstitute,omitempty"`
	// Reasons are the full reasons. NOT PUBLISHABLE: they may name people.
	Reasons string `json:"reasons,omitempty"`
}

// Review is a review (riesame) before the RPCT.
type Review struct {
	// Filed is the day of the request; Decided the day of the decision;
	// Communicated the day the requester received the decision, from which
	// the TAR term runs (zero while unknown: from Decided [P]).
	Filed        deadline.Date `json:"filed"`
	Decided      deadline.Date `json:"decided,omitzero"`
	Communicated deadline.Date `json:"communicated,omitzero"`
	// Outcome and Summary are the RPCT's decision and its publishable summary.
	Outcome Outcome `json:"outcome,omitempty"`
	Summary string  `json:"summary,omitempty"`
	// Reasons are the RPCT's full reasons (ReviewRuling.Reasons), for the
	// letter to whoever asked. NOT PUBLISHABLE: they may name people.
	Reasons string `json:"reasons,omitempty"`
	// Grounds are the grounds on which access stays refused.
	Grounds []Ground `json:"grounds,omitempty"`
	// Late flags a review filed more than Policy.ReviewLateAfter days after
	// the decision or the silence [P]: flagged, never refused.
	Late bool `json:"late,omitempty"`
	// ByParty is the number of the counter-interested party who filed it
	// (art. 5 c. 9 D.Lgs. 33/2013), 0 for the requester.
	ByParty int `json:"byParty,omitempty"`
	// Interests are the private interests of art. 5-bis c. 2 the party
	// invoked (empty for the requester's review).
	Interests []Ground `json:"interests,omitempty"`
	// GaranteConsulted and GaranteAnswered are the days of the request to
	// the Garante privacy and of its opinion.
	GaranteConsulted deadline.Date `json:"garanteConsulted,omitzero"`
	GaranteAnswered  deadline.Date `json:"garanteAnswered,omitzero"`
}

// Ombudsman is a recourse to the difensore civico or the Commissione per l'accesso.
type Ombudsman struct {
	// Body is where the recourse went.
	Body Body `json:"body"`
	// Filed and Decided are the days of the recourse and of the body's
	// decision (checked against its 30 days).
	Filed   deadline.Date `json:"filed"`
	Decided deadline.Date `json:"decided,omitzero"`
	// Outcome is the body's outcome (empty until decided).
	Outcome OmbudsmanOutcome `json:"outcome,omitempty"`
	// Summary is the publishable summary of the outcome.
	Summary string `json:"summary,omitempty"`
	// ByParty is the filing party's number, 0 for the requester.
	ByParty int `json:"byParty,omitempty"`
	// RequesterReceived is the day the requester received the outcome, from
	// which the TAR term runs; zero while unknown (the term then runs from
	// Decided [P]).
	RequesterReceived deadline.Date `json:"requesterReceived,omitzero"`
	// AdministrationReceived is the day the administration received the
	// outcome, from which its 30 days to confirm a refusal found unlawful run.
	AdministrationReceived deadline.Date `json:"administrationReceived,omitzero"`
	// Answered is the day the administration confirmed the refusal or
	// allowed access; Confirmed says which.
	Answered  deadline.Date `json:"answered,omitzero"`
	Confirmed bool          `json:"confirmed,omitempty"`
	// AccessFrom is the day from which access is allowed because the
	// administration did not confirm its refusal within 30 days (art. 25 c. 4
	// L. 241/1990; art. 5 c. 8 D.Lgs. 33/2013), or allowed it expressly.
	AccessFrom deadline.Date `json:"accessFrom,omitzero"`
}

// Appeal is a court appeal (art. 116 c.p.a.).
type Appeal struct {
	// Filed is the day the appeal was notified or filed.
	Filed deadline.Date `json:"filed"`
	// Court is the court ("TAR Lazio").
	Court string `json:"court,omitempty"`
	// Outcome is one of the Appeal* constants, empty until decided.
	Outcome string `json:"outcome,omitempty"`
	// Decided is the day of the judgment.
	Decided deadline.Date `json:"decided,omitzero"`
	// Communicated is the day the judgment was communicated to the
	// administration (Circolare FP 2/2017 All. 3 § 4), zero while unknown.
	Communicated deadline.Date `json:"communicated,omitzero"`
	// ByParty is the appealing party's number, 0 for the requester.
	ByParty int `json:"byParty,omitempty"`
}

// Deadline returns the first deadline of kind k, if any.
func (r *Request) Deadline(k DeadlineKind) (deadline.Deadline, bool) {
	for _, d := range r.Deadlines {
		if KindOf(d) == k {
			return d, true
		}
	}
	return deadline.Deadline{}, false
}

// Silent reports whether, on today, the term to decide has passed without a
// decision: silenzio-rigetto for documentale access (art. 25 c. 4 L.
// 241/1990), "mancata risposta" for civic access (art. 5 c. 6-7 D.Lgs.
// 33/2013).
func (r *Request) Silent(today deadline.Date) bool {
	return r.Decision == nil && !r.DecisionDue.IsZero() && today.After(r.DecisionDue) && !r.State.Terminal()
}

// Open reports whether the office still has something to do: a request
// neither withdrawn, transferred nor closed.
func (r *Request) Open() bool { return !r.State.Terminal() }

// party returns party number n (from 1), or nil.
func (r *Request) party(n int) *Party {
	if n < 1 || n > len(r.Parties) {
		return nil
	}
	return &r.Parties[n-1]
}

// containsPersonalData reports what personal datum text contains, if any:
// an identifier of the requester (as now and as before any correction) or
// of a party (see Person.identifiers), or the shape of personal data of
// anyone (internal/privacy).
func (r *Request) containsPersonalData(text string) (privacy.Finding, bool) {
	ids := r.Applicant.identifiers()
	for _, p := range r.former {
		ids = append(ids, p.identifiers()...)
	}
	for _, p := range r.Parties {
		ids = append(ids, p.Person.identifiers()...)
	}
	return privacy.Find(text, ids...)
}

// PersonalData reports the kind of personal datum text holds ("identificativo"
// for a name, code or contact of a person the history knows, else the shape
// found: "codice fiscale", "e-mail", "targa"...; see internal/privacy), and
// false when it holds none. It checks against every person the history
// knows now: the applicant, as filed and as corrected, and every
// counter-interested party, including those notified after the text was
// accepted. A publication calls it on every text it prints, at the time it
// prints it; the kind never repeats the datum.
func (r *Request) PersonalData(text string) (kind string, found bool) {
	f, ok := r.containsPersonalData(text)
	return f.Kind, ok
}

// Head returns the head (version and last hash) of the history r was
// replayed from: what a register built from r states it was built from.
func (r *Request) Head() history.Head { return history.Head{Version: r.Version, Hash: r.Hash} }
