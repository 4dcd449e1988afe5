package council

import (
	"fmt"
	"slices"
	"strings"

	"github.com/puntodiascolto/ascolto/deadline"
)

// EventType names an act of the catalogue and the event that records it.
// The names are stable: they are stored, hashed and drawn on the lifecycle
// graphs. Each act records one event of its own type, except the vote: its
// event is EventVoted, and the lifecycle records it as EventApproved or
// EventRejected by the vote's outcome (see Service.Vote).
type EventType string

// The acts of a council act's history.
const (
	// EventRegistered catalogues an act filed with a council (Service.Register).
	EventRegistered EventType = "registered"
	// EventClassified sets the act's matters and the catalogue's summary (Service.Classify).
	EventClassified EventType = "classified"
	// EventLinked links the act to a related act (Service.Link).
	EventLinked EventType = "linked"
	// EventReminded records a reminder (sollecito) for an awaited answer (Service.Remind).
	EventReminded EventType = "reminded"
	// EventScheduled records that an act is on a session's agenda (Service.Schedule).
	EventScheduled EventType = "scheduled"
	// EventAnswered records the answer to an interrogazione or interpellanza (Service.Answer).
	EventAnswered EventType = "answered"
	// EventVoted is the event of the council's vote on a mozione, risoluzione
	// or ordine del giorno (Service.Vote); it has no row in the lifecycle.
	EventVoted EventType = "voted"
	// EventApproved is the act of a vote that approves: its row in the lifecycle.
	EventApproved EventType = "approved"
	// EventRejected is the act of a vote that rejects: its row in the lifecycle.
	EventRejected EventType = "rejected"
	// EventWithdrawn records the presenters' withdrawal (Service.Withdraw).
	EventWithdrawn EventType = "withdrawn"
	// EventLapsed records that the act lapsed (Service.Lapse).
	EventLapsed EventType = "lapsed"
)

// Event is one entry of an act's history: its Type and exactly one payload,
// the one of that type. It encodes to JSON losslessly, so any store can keep it.
//
// Payload dates are civil dates of what happened in the council (filing,
// answer, vote). They may precede the day of the act that records them in
// the catalogue (the Act's On, the record's Meta.On), never follow it.
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
	case e.Type == EventRegistered && e.Registered != nil:
		err = e.Registered.Validate()
	case e.Type == EventClassified && e.Classified != nil:
		err = e.Classified.Validate()
	case e.Type == EventLinked && e.Linked != nil:
		err = e.Linked.Validate()
	case e.Type == EventReminded && e.Reminded != nil:
		err = e.Reminded.Validate()
	case e.Type == EventScheduled && e.Scheduled != nil:
		err = e.Scheduled.Validate()
	case e.Type == EventAnswered && e.Answered != nil:
		err = e.Answered.Validate()
	case e.Type == EventVoted && e.Voted != nil:
		err = e.Voted.Validate()
	case e.Type == EventWithdrawn && e.Withdrawn != nil:
		err = e.Withdrawn.Validate()
	case e.Type == EventLapsed && e.Lapsed != nil:
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

// MaxList bounds the presenters of an act and its matters.
//
// Texts are bounded by their fields' `limit` tags (characters; a field
// without one has procedure.DefaultTextLimit, 4,000): names, groups,
// addressees, matters and references 200, subjects 1,000. The Service
// refuses a longer text, or one that is not valid UTF-8, with a
// *history.TextError (ErrInvalid).
const MaxList = 50

// required reports an error unless s holds more than spaces.
func required(field, s string) error {
	if strings.TrimSpace(s) == "" {
		return fmt.Errorf("%s is required", field)
	}
	return nil
}

// Councillor is a presenter of an act: a member of the council, a public
// official acting in that capacity, whose name is published with the act.
type Councillor struct {
	// Name is the councillor's name as the act gives it: "Mario Rossi".
	Name string `json:"name" limit:"200"`
	// Group is the council group, e.g. "Gruppo Misto"; optional.
	Group string `json:"group,omitempty" limit:"200"`
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
	Addressee string `json:"addressee,omitempty" limit:"200"`
	// Subject is the act's subject as filed.
	Subject string `json:"subject" limit:"1000"`
	// Matters are the matters it concerns ("mobilità", "rifiuti"), used by search.
	Matters []string `json:"matters,omitempty" limit:"200"`
}

// Event wraps r in an Event.
func (r Registered) Event() Event { return Event{Type: EventRegistered, Registered: &r} }

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
		if err := required(fmt.Sprintf("presenter %d name", i+1), p.Name); err != nil {
			return err
		}
	}
	if err := required("subject", r.Subject); err != nil {
		return err
	}
	return checkMatters(r.Matters)
}

func checkMatters(ms []string) error {
	if len(ms) > MaxList {
		return fmt.Errorf("at most %d matters", MaxList)
	}
	for i, m := range ms {
		if err := required(fmt.Sprintf("matter %d", i+1), m); err != nil {
			return err
		}
	}
	return nil
}

// Classified sets how the office catalogues the act: its matters (replacing
// the previous ones) and a short summary of its own.
type Classified struct {
	Matters []string `json:"matters" limit:"200"`
	// Summary is the catalogue's summary of the act; empty keeps none.
	Summary string `json:"summary,omitempty"`
}

// Event wraps c in an Event.
func (c Classified) Event() Event { return Event{Type: EventClassified, Classified: &c} }

// Validate checks the matters.
func (c Classified) Validate() error {
	return checkMatters(c.Matters)
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
func (l Linked) Event() Event { return Event{Type: EventLinked, Linked: &l} }

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
func (r Reminded) Event() Event { return Event{Type: EventReminded, Reminded: &r} }

// Validate checks the date and the optional number.
func (r Reminded) Validate() error {
	if r.Date.IsZero() {
		return fmt.Errorf("reminder date is required")
	}
	if !r.Number.IsZero() {
		if err := r.Number.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// Scheduling records that a mozione, risoluzione or ordine del giorno is on
// the agenda of a session (which may be in the future).
type Scheduling struct {
	Session deadline.Date `json:"session"`
	Note    string        `json:"note,omitempty"`
}

// Event wraps s in an Event.
func (s Scheduling) Event() Event { return Event{Type: EventScheduled, Scheduled: &s} }

// Validate checks the session date.
func (s Scheduling) Validate() error {
	if s.Session.IsZero() {
		return fmt.Errorf("session date is required")
	}
	return nil
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
	By string `json:"by,omitempty" limit:"200"`
	// Number is the answer's protocol number, when it has one.
	Number Number `json:"number,omitzero"`
	// Summary is the gist of the answer.
	Summary string `json:"summary,omitempty"`
}

// Event wraps a in an Event.
func (a Answer) Event() Event { return Event{Type: EventAnswered, Answered: &a} }

// Validate checks the date, the form and the optional number.
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
	return nil
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
	Reference string `json:"reference,omitempty" limit:"200"`
}

// Event wraps v in an Event.
func (v Vote) Event() Event { return Event{Type: EventVoted, Voted: &v} }

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
	return nil
}

// Withdrawal records that the presenters withdrew the act.
type Withdrawal struct {
	Date deadline.Date `json:"date"`
	Note string        `json:"note,omitempty"`
}

// Event wraps w in an Event.
func (w Withdrawal) Event() Event { return Event{Type: EventWithdrawn, Withdrawn: &w} }

// Validate checks the date.
func (w Withdrawal) Validate() error {
	if w.Date.IsZero() {
		return fmt.Errorf("withdrawal date is required")
	}
	return nil
}

// Lapse records that the act lapsed without answer or vote.
type Lapse struct {
	Date   deadline.Date `json:"date"`
	Reason string        `json:"reason"`
}

// Event wraps l in an Event.
func (l Lapse) Event() Event { return Event{Type: EventLapsed, Lapsed: &l} }

// Validate checks the date and that a reason is given.
func (l Lapse) Validate() error {
	if l.Date.IsZero() {
		return fmt.Errorf("lapse date is required")
	}
	return required("reason", l.Reason)
}
