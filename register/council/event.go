package council

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/puntodiascolto/ascolto/deadline"
)

// EventType names an event of an act's history; the names are stable (they
// enter the history's hashes).
type EventType string

// The events of a council act's history.
const (
	TypeRegistered EventType = "registered"
	TypeClassified EventType = "classified"
	TypeLinked     EventType = "linked"
	TypeReminded   EventType = "reminded"
	TypeScheduled  EventType = "scheduled"
	TypeAnswered   EventType = "answered"
	TypeVoted      EventType = "voted"
	TypeWithdrawn  EventType = "withdrawn"
	TypeLapsed     EventType = "lapsed"
)

// action returns the lifecycle act an event type records.
func (t EventType) action() (Action, bool) {
	a, ok := map[EventType]Action{
		TypeRegistered: ActRegister, TypeClassified: ActClassify, TypeLinked: ActLink,
		TypeReminded: ActRemind, TypeScheduled: ActSchedule, TypeAnswered: ActAnswer,
		TypeVoted: ActVote, TypeWithdrawn: ActWithdraw, TypeLapsed: ActLapse,
	}[t]
	return a, ok
}

// Event is one entry of an act's history: its Type and exactly one payload,
// the one of that type. It encodes to JSON losslessly, so any store can keep it.
//
// Payload dates are civil dates of what happened in the council (filing,
// answer, vote), which may precede the instant the office records them in
// the catalogue (the record's Meta.At).
type Event struct {
	Type       EventType   `json:"type"`
	Registered *Registered `json:"registered,omitempty"`
	Classified *Classified `json:"classified,omitempty"`
	Linked     *Linked     `json:"linked,omitempty"`
	Reminded   *Reminded   `json:"reminded,omitempty"`
	Scheduled  *Scheduling `json:"scheduled,omitempty"`
	Answered   *Answer     `json:"answered,omitempty"`
	Voted      *Vote       `json:"voted,omitempty"`
	Withdrawn  *Withdrawal `json:"withdrawn,omitempty"`
	Lapsed     *Lapse      `json:"lapsed,omitempty"`
}

// EventName returns the event's stable name, "council.answered", used in the
// history's hash chain.
func (e Event) EventName() string { return "council." + string(e.Type) }

// Validate reports an error wrapping ErrInvalidEvent unless e carries exactly
// the payload of its Type and that payload is well formed.
func (e Event) Validate() error {
	set := 0
	for _, p := range []bool{e.Registered != nil, e.Classified != nil, e.Linked != nil, e.Reminded != nil,
		e.Scheduled != nil, e.Answered != nil, e.Voted != nil, e.Withdrawn != nil, e.Lapsed != nil} {
		if p {
			set++
		}
	}
	if set != 1 {
		return fmt.Errorf("%w: %q carries %d payloads, not 1", ErrInvalidEvent, e.Type, set)
	}
	var err error
	switch {
	case e.Type == TypeRegistered && e.Registered != nil:
		err = e.Registered.Validate()
	case e.Type == TypeClassified && e.Classified != nil:
		err = e.Classified.Validate()
	case e.Type == TypeLinked && e.Linked != nil:
		err = e.Linked.Validate()
	case e.Type == TypeReminded && e.Reminded != nil:
		err = e.Reminded.Validate()
	case e.Type == TypeScheduled && e.Scheduled != nil:
		err = e.Scheduled.Validate()
	case e.Type == TypeAnswered && e.Answered != nil:
		err = e.Answered.Validate()
	case e.Type == TypeVoted && e.Voted != nil:
		err = e.Voted.Validate()
	case e.Type == TypeWithdrawn && e.Withdrawn != nil:
		err = e.Withdrawn.Validate()
	case e.Type == TypeLapsed && e.Lapsed != nil:
		err = e.Lapsed.Validate()
	default:
		return fmt.Errorf("%w: type %q does not match its payload", ErrInvalidEvent, e.Type)
	}
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrInvalidEvent, e.Type, err)
	}
	return nil
}

// date returns the civil date the event's payload says it happened on, and
// false for events without one (classification, links).
func (e Event) date() (deadline.Date, bool) {
	switch {
	case e.Registered != nil:
		return e.Registered.Filed, true
	case e.Reminded != nil:
		return e.Reminded.Date, true
	case e.Answered != nil:
		return e.Answered.Date, true
	case e.Voted != nil:
		return e.Voted.Date, true
	case e.Withdrawn != nil:
		return e.Withdrawn.Date, true
	case e.Lapsed != nil:
		return e.Lapsed.Date, true
	}
	return deadline.Date{}, false
}

// Limits on the free text of an act, so that a catalogue row stays a row.
const (
	MaxSubject = 2000
	MaxText    = 4000
	MaxName    = 200
	MaxList    = 50
)

func checkText(field, s string, max int, required bool) error {
	switch {
	case required && strings.TrimSpace(s) == "":
		return fmt.Errorf("%s is required", field)
	case !utf8.ValidString(s):
		return fmt.Errorf("%s is not valid UTF-8", field)
	case utf8.RuneCountInString(s) > max:
		return fmt.Errorf("%s is longer than %d characters", field, max)
	}
	return nil
}

// Councillor is a presenter of an act: a member of the council, a public
// official acting in that capacity, whose name is published with the act.
type Councillor struct {
	// Name is the councillor's name as the act gives it: "Mario Rossi".
	Name string `json:"name"`
	// Group is the council group, e.g. "Gruppo Misto"; optional.
	Group string `json:"group,omitempty"`
}

// Registered catalogues an act filed with a council.
type Registered struct {
	Kind   Kind   `json:"kind"`
	Number Number `json:"number"`
	Body   Body   `json:"body"`
	// Filed is the date of filing, the protocol date; the answer term runs from it.
	Filed deadline.Date `json:"filed"`
	// Presenters are the councillors who signed the act, first signatory first.
	Presenters []Councillor `json:"presenters"`
	// Addressee is who must answer or act: "Sindaco", "Assessore alla Mobilità".
	Addressee string `json:"addressee,omitempty"`
	// Subject is the act's subject as filed.
	Subject string `json:"subject"`
	// Matters are the matters it concerns ("mobilità", "rifiuti"), used by search.
	Matters []string `json:"matters,omitempty"`
}

// Event wraps r in an Event.
func (r Registered) Event() Event { return Event{Type: TypeRegistered, Registered: &r} }

// Validate checks the payload: a known kind and body, a valid number whose
// year is the filing year (the numbering restarts every year, DPR 445/2000
// art. 57), a filing date, at least one named presenter, a subject.
func (r Registered) Validate() error {
	if !r.Kind.Valid() {
		return fmt.Errorf("unknown kind %q", r.Kind)
	}
	if !r.Body.Valid() {
		return fmt.Errorf("unknown body %d", uint8(r.Body))
	}
	if err := r.Number.Validate(); err != nil {
		return err
	}
	if r.Filed.IsZero() {
		return fmt.Errorf("filing date is required")
	}
	if r.Filed.Year() != r.Number.Year {
		return fmt.Errorf("number %s is of year %d, but the act was filed on %s (protocol numbers restart every year, art. 57 DPR 445/2000)",
			r.Number, r.Number.Year, r.Filed.Italian())
	}
	if len(r.Presenters) == 0 || len(r.Presenters) > MaxList {
		return fmt.Errorf("an act has 1 to %d presenters, not %d", MaxList, len(r.Presenters))
	}
	for i, p := range r.Presenters {
		if err := checkText(fmt.Sprintf("presenter %d name", i+1), p.Name, MaxName, true); err != nil {
			return err
		}
		if err := checkText(fmt.Sprintf("presenter %d group", i+1), p.Group, MaxName, false); err != nil {
			return err
		}
	}
	if err := checkText("addressee", r.Addressee, MaxName, false); err != nil {
		return err
	}
	if err := checkText("subject", r.Subject, MaxSubject, true); err != nil {
		return err
	}
	return checkMatters(r.Matters)
}

func checkMatters(ms []string) error {
	if len(ms) > MaxList {
		return fmt.Errorf("at most %d matters", MaxList)
	}
	for i, m := range ms {
		if err := checkText(fmt.Sprintf("matter %d", i+1), m, MaxName, true); err != nil {
			return err
		}
	}
	return nil
}

// Classified sets how the office catalogues the act: its matters (replacing
// the previous ones) and a short summary of its own.
type Classified struct {
	Matters []string `json:"matters"`
	// Summary is the catalogue's summary of the act; empty keeps none.
	Summary string `json:"summary,omitempty"`
}

// Event wraps c in an Event.
func (c Classified) Event() Event { return Event{Type: TypeClassified, Classified: &c} }

// Validate checks the matters and the summary's length.
func (c Classified) Validate() error {
	if err := checkMatters(c.Matters); err != nil {
		return err
	}
	return checkText("summary", c.Summary, MaxText, false)
}

// Relation says how a linked act relates to this one.
type Relation string

const (
	// Related: an act on the same matter.
	Related Relation = "related"
	// Reiterates: this act repeats an earlier one (riproposizione), typically
	// an unanswered interrogazione.
	Reiterates Relation = "reiterates"
	// Replaces: this act replaces an earlier one (sostituisce).
	Replaces Relation = "replaces"
	// TransformedInto: this act was transformed into the linked one (e.g. an
	// oral interrogazione into a written one).
	TransformedInto Relation = "transformed-into"
	// JoinedWith: the acts are discussed together (abbinate).
	JoinedWith Relation = "joined-with"
)

// Valid reports whether r is a declared relation.
func (r Relation) Valid() bool {
	return slices.Contains([]Relation{Related, Reiterates, Replaces, TransformedInto, JoinedWith}, r)
}

// Linked links the act to another act of the catalogue.
type Linked struct {
	To       ID       `json:"to"`
	Relation Relation `json:"relation"`
}

// Event wraps l in an Event.
func (l Linked) Event() Event { return Event{Type: TypeLinked, Linked: &l} }

// Validate checks that the link names an act and a known relation.
func (l Linked) Validate() error {
	if strings.TrimSpace(string(l.To)) == "" {
		return fmt.Errorf("link to nothing")
	}
	if !l.Relation.Valid() {
		return fmt.Errorf("unknown relation %q", l.Relation)
	}
	return nil
}

// Reminded records a reminder (sollecito) sent for an awaited answer; it has
// its own protocol number in the council's register, when given.
type Reminded struct {
	Date   deadline.Date `json:"date"`
	Number Number        `json:"number,omitzero"`
	Note   string        `json:"note,omitempty"`
}

// Event wraps r in an Event.
func (r Reminded) Event() Event { return Event{Type: TypeReminded, Reminded: &r} }

// Validate checks the date, the optional number and the note.
func (r Reminded) Validate() error {
	if r.Date.IsZero() {
		return fmt.Errorf("reminder date is required")
	}
	if !r.Number.IsZero() {
		if err := r.Number.Validate(); err != nil {
			return err
		}
	}
	return checkText("note", r.Note, MaxText, false)
}

// Scheduling records that a mozione, risoluzione or ordine del giorno is on
// the agenda of a session (which may be in the future).
type Scheduling struct {
	Session deadline.Date `json:"session"`
	Note    string        `json:"note,omitempty"`
}

// Event wraps s in an Event.
func (s Scheduling) Event() Event { return Event{Type: TypeScheduled, Scheduled: &s} }

// Validate checks the session date and the note.
func (s Scheduling) Validate() error {
	if s.Session.IsZero() {
		return fmt.Errorf("session date is required")
	}
	return checkText("note", s.Note, MaxText, false)
}

// AnswerForm is how an interrogazione or interpellanza was answered.
type AnswerForm string

const (
	// WrittenAnswer: a written answer sent to the presenters.
	WrittenAnswer AnswerForm = "scritta"
	// OralAnswer: an answer given in the council's session.
	OralAnswer AnswerForm = "in-aula"
	// QuestionTimeAnswer: an answer given in the question-time session.
	QuestionTimeAnswer AnswerForm = "question-time"
)

// Answer is the answer to an interrogazione or interpellanza.
type Answer struct {
	Date deadline.Date `json:"date"`
	Form AnswerForm    `json:"form"`
	// By is who answered, by office: "Assessora alla Mobilità".
	By string `json:"by,omitempty"`
	// Number is the answer's protocol number, when it has one.
	Number Number `json:"number,omitzero"`
	// Summary is the gist of the answer.
	Summary string `json:"summary,omitempty"`
}

// Event wraps a in an Event.
func (a Answer) Event() Event { return Event{Type: TypeAnswered, Answered: &a} }

// Validate checks the date, the form, the optional number and the texts.
func (a Answer) Validate() error {
	if a.Date.IsZero() {
		return fmt.Errorf("answer date is required")
	}
	switch a.Form {
	case WrittenAnswer, OralAnswer, QuestionTimeAnswer:
	default:
		return fmt.Errorf("unknown answer form %q", a.Form)
	}
	if !a.Number.IsZero() {
		if err := a.Number.Validate(); err != nil {
			return err
		}
	}
	if err := checkText("by", a.By, MaxName, false); err != nil {
		return err
	}
	return checkText("summary", a.Summary, MaxText, false)
}

// VoteOutcome is the result of a vote.
type VoteOutcome string

const (
	// Approve: the council approved the act.
	Approve VoteOutcome = "approvato"
	// Reject: the council rejected the act.
	Reject VoteOutcome = "respinto"
)

// Vote is the council's vote on a mozione, risoluzione or ordine del giorno.
type Vote struct {
	Date    deadline.Date `json:"date"`
	Outcome VoteOutcome   `json:"outcome"`
	// Amended: approved with amendments.
	Amended bool `json:"amended,omitempty"`
	// For, Against and Abstained are the vote counts, when known.
	For       int `json:"for,omitempty"`
	Against   int `json:"against,omitempty"`
	Abstained int `json:"abstained,omitempty"`
	// Reference is the number the approved act takes, e.g. "Mozione n. 45/2021".
	Reference string `json:"reference,omitempty"`
}

// Event wraps v in an Event.
func (v Vote) Event() Event { return Event{Type: TypeVoted, Voted: &v} }

// Validate checks the date, the outcome and the counts.
func (v Vote) Validate() error {
	if v.Date.IsZero() {
		return fmt.Errorf("vote date is required")
	}
	if v.Outcome != Approve && v.Outcome != Reject {
		return fmt.Errorf("unknown vote outcome %q", v.Outcome)
	}
	if v.For < 0 || v.Against < 0 || v.Abstained < 0 {
		return fmt.Errorf("negative vote counts")
	}
	if v.Amended && v.Outcome != Approve {
		return fmt.Errorf("only an approved act can be approved with amendments")
	}
	return checkText("reference", v.Reference, MaxName, false)
}

// Withdrawal records that the presenters withdrew the act.
type Withdrawal struct {
	Date deadline.Date `json:"date"`
	Note string        `json:"note,omitempty"`
}

// Event wraps w in an Event.
func (w Withdrawal) Event() Event { return Event{Type: TypeWithdrawn, Withdrawn: &w} }

// Validate checks the date and the note.
func (w Withdrawal) Validate() error {
	if w.Date.IsZero() {
		return fmt.Errorf("withdrawal date is required")
	}
	return checkText("note", w.Note, MaxText, false)
}

// Lapse records that the act lapsed without answer or vote.
type Lapse struct {
	Date   deadline.Date `json:"date"`
	Reason string        `json:"reason"`
}

// Event wraps l in an Event.
func (l Lapse) Event() Event { return Event{Type: TypeLapsed, Lapsed: &l} }

// Validate checks the date and that a reason is given.
func (l Lapse) Validate() error {
	if l.Date.IsZero() {
		return fmt.Errorf("lapse date is required")
	}
	return checkText("reason", l.Reason, MaxText, true)
}
