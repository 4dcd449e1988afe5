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
// identifiers. (The office's own summaries, Subject, Refusal.Reason,
// Answer.Summary and Archiving.Reason, are published as written: officers
// must keep personal data out of them.)
type Public struct {
	ID            ID        `json:"id"`
	Kind          Kind      `json:"kind"`
	KindName      string    `json:"kindName"`
	Addressee     Addressee `json:"addressee"`
	AddresseeName string    `json:"addresseeName"`
	Channel       Channel   `json:"channel"`
	Subject       string    `json:"subject"`
	Matter        string    `json:"matter,omitempty"`
	State         State     `json:"state"`
	StateName     string    `json:"stateName"`

	Drafted  deadline.Date `json:"drafted"`
	Opened   deadline.Date `json:"opened"`
	Closes   deadline.Date `json:"closes"`
	Filed    deadline.Date `json:"filed"`
	Protocol string        `json:"protocol,omitempty"`

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

	Checked    deadline.Date `json:"checked"`
	Admissible bool          `json:"admissible"`
	// Grounds and Ground state why the petition was declared inadmissible.
	Grounds string       `json:"grounds,omitempty"`
	Ground  law.Citation `json:"ground"`

	// Requests is the number of requests for information sent to competent
	// offices; Replies how many were answered.
	Requests int `json:"requests"`
	Replies  int `json:"replies"`

	Answered      deadline.Date `json:"answered"`
	Outcome       Outcome       `json:"outcome,omitempty"`
	AnswerSummary string        `json:"answerSummary,omitempty"`
	AnswerAct     string        `json:"answerAct,omitempty"`

	ArchivedOn    deadline.Date `json:"archivedOn"`
	ArchiveReason string        `json:"archiveReason,omitempty"`

	// Deadlines are the deadlines with their status on the day of
	// publication, in Italian.
	Deadlines []Reminder `json:"deadlines,omitempty"`
	// Timeline lists the acts: day, act, count of signatures, basis.
	Timeline []PublicStep `json:"timeline"`
}

// PublicStep is one act of a published timeline.
type PublicStep struct {
	Day   deadline.Date `json:"day"`
	Event EventType     `json:"event"`
	Label string        `json:"label"`
	Count int           `json:"count,omitempty"`
	Basis law.Citation  `json:"basis"`
}

// Public returns the publishable view of p as of day on (which decides the
// deadlines' status and, before filing, the signatures that would count).
func (p Petition) Public(on deadline.Date, soon int) Public {
	pub := Public{
		ID: p.ID, Kind: p.Kind, KindName: p.KindName, Addressee: p.Addressee, AddresseeName: p.AddresseeName,
		Channel: p.Channel, Subject: p.Subject, Matter: p.Matter, State: p.State, StateName: p.State.Italian(),
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
