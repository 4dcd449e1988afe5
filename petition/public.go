package petition

import (
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
)

// Public is what may be published about a petition: kind, addressee, the
// office's summary of the subject, dates, signature counts (by day, by
// eligibility category, by method), whether the threshold was reached, the
// admissibility outcome and grounds, how many offices were asked and
// replied, the outcome and the office's summary of the answer, the deadlines
// and the timeline of acts.
//
// It is built only from fields that are publishable by construction: no
// promoter, no signatory, no codice fiscale, no evidence of eligibility, no
// text written by the citizens, no internal correspondence, no staff
// identifiers. The texts it carries as written (Subject, Matter, Protocol,
// the grounds and their citation, the summary and reference of the answer,
// the reason for archiving, and the admission note of the officer's view)
// are checked when they are recorded: the Service refuses, with a
// *RuleError wrapping ErrPersonalData, one that names a promoter (surname,
// name, codice fiscale, address, e-mail) or contains anyone's codice
// fiscale, e-mail address, telephone number or IBAN. Signatories' names are
// not looked for (see the package doc).
type Public struct {
	// ID identifies the petition.
	ID ID `json:"id"`
	// Kind is the kind of initiative.
	Kind Kind `json:"kind"`
	// KindName is the kind's Italian name.
	KindName string `json:"kindName"`
	// Addressee is the body addressed.
	Addressee Addressee `json:"addressee"`
	// AddresseeName is the body's name.
	AddresseeName string `json:"addresseeName"`
	// Channel is how the petition reached the administration.
	Channel Channel `json:"channel"`
	// Subject is the office's summary of the subject.
	Subject string `json:"subject"`
	// Matter is the matter it concerns.
	Matter string `json:"matter,omitempty"`
	// EqualOpportunities: the office declared the petition on equal
	// opportunities, which may shorten the answer term.
	EqualOpportunities bool `json:"equalOpportunities,omitempty"`
	// State is the current state.
	State State `json:"state"`
	// StateName is the state in Italian.
	StateName string `json:"stateName"`

	// Drafted is the day of registration.
	Drafted deadline.Date `json:"drafted"`
	// Opened is the day collection opened.
	Opened deadline.Date `json:"opened"`
	// Closes is the declared last day of collection.
	Closes deadline.Date `json:"closes"`
	// Filed is the day of filing.
	Filed deadline.Date `json:"filed"`
	// Protocol is the filing's protocol number.
	Protocol string `json:"protocol,omitempty"`

	// Signatures are the counts of signatures.
	Signatures Counts `json:"signatures"`
	// Threshold is the number of signatures required, with its source.
	Threshold Threshold `json:"threshold"`
	// Window is the collection window, with its source.
	Window Window `json:"window"`
	// Counting is the number of signatures that count: at filing once filed;
	// before, those that would count for a filing on the day of publication.
	Counting int `json:"counting"`
	// Reached reports whether Counting meets the threshold.
	Reached bool `json:"reached"`

	// Checked is the day of the admissibility check.
	Checked deadline.Date `json:"checked"`
	// Admissible is the check's outcome.
	Admissible bool `json:"admissible"`
	// Grounds states why the petition was declared inadmissible.
	Grounds string `json:"grounds,omitempty"`
	// Ground is the provision the petition failed.
	Ground law.Citation `json:"ground"`

	// Requests is the number of requests for information sent to competent
	// offices.
	Requests int `json:"requests"`
	// Replies is how many of them were answered.
	Replies int `json:"replies"`

	// Answered is the day of the answer.
	Answered deadline.Date `json:"answered"`
	// Outcome is how the answer concluded the petition.
	Outcome Outcome `json:"outcome,omitempty"`
	// AnswerSummary is the office's summary of the answer.
	AnswerSummary string `json:"answerSummary,omitempty"`
	// AnswerAct is the reference of the answering act.
	AnswerAct string `json:"answerAct,omitempty"`

	// ArchivedOn is the day of archiving.
	ArchivedOn deadline.Date `json:"archivedOn"`
	// ArchiveReason says why it was archived.
	ArchiveReason string `json:"archiveReason,omitempty"`

	// Deadlines are the deadlines with their status on the day of
	// publication, in Italian.
	Deadlines []Reminder `json:"deadlines,omitempty"`
	// Timeline lists the acts: day, act, count of signatures, basis.
	Timeline []PublicStep `json:"timeline"`
}

// PublicStep is one act of a published timeline.
type PublicStep struct {
	// Day is the day of the act.
	Day deadline.Date `json:"day"`
	// Event is the act.
	Event EventType `json:"event"`
	// Label is the act's Italian name.
	Label string `json:"label"`
	// Count is the number of signatures signed or withdrawn that day.
	Count int `json:"count,omitempty"`
	// Basis is the rule the act applied.
	Basis law.Citation `json:"basis"`
}

// Public returns the publishable view of p as of day on (which decides the
// deadlines' status and, before filing, the signatures that would count).
func (p Petition) Public(on deadline.Date, soon int) Public {
	pub := Public{
		ID: p.ID, Kind: p.Kind, KindName: p.KindName, Addressee: p.Addressee, AddresseeName: p.AddresseeName,
		Channel: p.Channel, Subject: p.Subject, Matter: p.Matter, EqualOpportunities: p.EqualOpportunities,
		State: p.State, StateName: p.State.Italian(),
		Drafted: p.Drafted, Opened: p.Opened, Closes: p.Closes, Filed: p.Filed, Protocol: p.Protocol,
		Signatures: p.clone().Signatures, Threshold: p.Threshold, Window: p.Window,
		Checked: p.Checked, Admissible: p.Admissible,
		Answered: p.Answered, ArchivedOn: p.ArchivedOn, ArchiveReason: p.ArchiveReason,
		Requests: len(p.Requests),
	}
	if p.Filed.IsZero() {
		pub.Counting = p.Signatures.Countable(p.Window, on)
	} else {
		pub.Counting = p.Counted
	}
	pub.Reached = pub.Counting >= p.Threshold.Signatures && p.Threshold.Signatures > 0
	if !p.Checked.IsZero() && !p.Admissible {
		pub.Grounds, pub.Ground = p.Refusal.Reason, p.Refusal.Ground
	}
	for _, r := range p.Requests {
		if !r.Replied.IsZero() {
			pub.Replies++
		}
	}
	if !p.Answered.IsZero() {
		pub.Outcome, pub.AnswerSummary, pub.AnswerAct = p.Answer.Outcome, p.Answer.Summary, p.Answer.Act
	}
	pub.Deadlines = p.Reminders(on, soon)
	for _, s := range p.Timeline {
		pub.Timeline = append(pub.Timeline, PublicStep{Day: s.Day, Event: s.Event, Label: s.Label, Count: s.Count, Basis: s.Basis})
	}
	return pub
}
