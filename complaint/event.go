package complaint

import (
	"strings"
	"time"

	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/procedure"
)

// EventType names an act of the complaint procedure and the event it
// records: each act of the Lifecycle records exactly one event of its own
// type, and each is one method of the Service (EventFiled: Service.File).
// EventDuplicateAdded and EventDuplicateRemoved are the exception: no one
// performs them, Merge and Separate record them on the master, in the same
// write as the duplicate's own event.
type EventType string

// The event types.
const (
	// EventFiled registers a new complaint (Service.File).
	EventFiled EventType = "filed"
	// EventAssigned sends it to the competent office (Service.Assign).
	EventAssigned EventType = "assigned"
	// EventForwarded sends it from one office to another (Service.Forward).
	EventForwarded EventType = "forwarded"
	// EventStarted records that the competent office took it up (Service.Start).
	EventStarted EventType = "started"
	// EventInfoRequested asks the citizen for more information (Service.RequestInfo).
	EventInfoRequested EventType = "info-requested"
	// EventCitizenReplied records the citizen's reply (Service.RecordReply).
	EventCitizenReplied EventType = "citizen-replied"
	// EventAnswered answers the citizen (Service.Answer).
	EventAnswered EventType = "answered"
	// EventClosed closes the case (Service.Close).
	EventClosed EventType = "closed"
	// EventReopened reopens it at the citizen's request (Service.Reopen).
	EventReopened EventType = "reopened"
	// EventMerged merges it into another complaint as a duplicate (Service.Merge).
	EventMerged EventType = "merged"
	// EventSeparated undoes a merger (Service.Separate).
	EventSeparated EventType = "separated"
	// EventForwardedOutside sends it outside the administration (Service.ForwardOutside).
	EventForwardedOutside EventType = "forwarded-outside"
	// EventExternalReplyRecorded records the outside body's reply (Service.RecordExternalReply).
	EventExternalReplyRecorded EventType = "external-reply-recorded"
	// EventReclassified corrects kind, category, place or public summary (Service.Reclassify).
	EventReclassified EventType = "reclassified"
	// EventDuplicateAdded records on a master that a duplicate was merged
	// into it (written by Service.Merge with the duplicate's EventMerged).
	EventDuplicateAdded EventType = "duplicate-added"
	// EventDuplicateRemoved records on a master that a duplicate was
	// separated from it (written by Service.Separate).
	EventDuplicateRemoved EventType = "duplicate-removed"
)

// bookkeeping reports whether t is recorded on a master by another
// complaint's act, never performed on its own.
func (t EventType) bookkeeping() bool {
	return t == EventDuplicateAdded || t == EventDuplicateRemoved
}

// Event is one thing that happened to a complaint: its Type and the one
// payload of that type. It is a single concrete struct so that any store can
// encode it losslessly as JSON; build it with NewEvent, which sets Type from
// the payload.
//
// Fields marked personal hold personal data of the reporter or text written
// to or by them: they stay in the history and never reach the Index, the
// Public view or Open311's public representation.
type Event struct {
	Type              EventType          `json:"type"`
	Filed             *Filed             `json:"filed,omitempty"`
	Assignment        *Assignment        `json:"assignment,omitempty"`
	Forwarding        *Forwarding        `json:"forwarding,omitempty"`
	WorkStart         *WorkStart         `json:"workStart,omitempty"`
	InfoRequest       *InfoRequest       `json:"infoRequest,omitempty"`
	CitizenReply      *CitizenReply      `json:"citizenReply,omitempty"`
	Answer            *Answer            `json:"answer,omitempty"`
	Closure           *Closure           `json:"closure,omitempty"`
	Reopening         *Reopening         `json:"reopening,omitempty"`
	Merger            *Merger            `json:"merger,omitempty"`
	Separation        *Separation        `json:"separation,omitempty"`
	OutsideForwarding *OutsideForwarding `json:"outsideForwarding,omitempty"`
	ExternalReply     *ExternalReply     `json:"externalReply,omitempty"`
	Reclassification  *Reclassification  `json:"reclassification,omitempty"`
	DuplicateAdded    *DuplicateAdded    `json:"duplicateAdded,omitempty"`
	DuplicateRemoved  *DuplicateRemoved  `json:"duplicateRemoved,omitempty"`
}

// EventName returns the stable name of the event type, used in the hash
// chain (history.Named).
func (e Event) EventName() string { return "complaint." + string(e.Type) }

// Payload is the content of one event type. It is implemented by the
// pointer types of this package only.
type Payload interface {
	// Validate reports an error wrapping ErrInvalid for a malformed payload.
	Validate() error
	eventType() EventType
}

// NewEvent wraps p in an Event of p's type. It fails with an error wrapping
// ErrInvalid if p is nil or invalid.
func NewEvent(p Payload) (Event, error) {
	if p == nil {
		return Event{}, invalid("nil payload")
	}
	e := Event{Type: p.eventType()}
	switch v := p.(type) {
	case *Filed:
		e.Filed = v
	case *Assignment:
		e.Assignment = v
	case *Forwarding:
		e.Forwarding = v
	case *WorkStart:
		e.WorkStart = v
	case *InfoRequest:
		e.InfoRequest = v
	case *CitizenReply:
		e.CitizenReply = v
	case *Answer:
		e.Answer = v
	case *Closure:
		e.Closure = v
	case *Reopening:
		e.Reopening = v
	case *Merger:
		e.Merger = v
	case *Separation:
		e.Separation = v
	case *OutsideForwarding:
		e.OutsideForwarding = v
	case *ExternalReply:
		e.ExternalReply = v
	case *Reclassification:
		e.Reclassification = v
	case *DuplicateAdded:
		e.DuplicateAdded = v
	case *DuplicateRemoved:
		e.DuplicateRemoved = v
	}
	if err := e.Validate(); err != nil {
		return Event{}, err
	}
	return e, nil
}

// Payload returns the event's payload, or nil if it has none.
func (e Event) Payload() Payload {
	var p Payload
	n := 0
	if e.Filed != nil {
		p, n = e.Filed, n+1
	}
	if e.Assignment != nil {
		p, n = e.Assignment, n+1
	}
	if e.Forwarding != nil {
		p, n = e.Forwarding, n+1
	}
	if e.WorkStart != nil {
		p, n = e.WorkStart, n+1
	}
	if e.InfoRequest != nil {
		p, n = e.InfoRequest, n+1
	}
	if e.CitizenReply != nil {
		p, n = e.CitizenReply, n+1
	}
	if e.Answer != nil {
		p, n = e.Answer, n+1
	}
	if e.Closure != nil {
		p, n = e.Closure, n+1
	}
	if e.Reopening != nil {
		p, n = e.Reopening, n+1
	}
	if e.Merger != nil {
		p, n = e.Merger, n+1
	}
	if e.Separation != nil {
		p, n = e.Separation, n+1
	}
	if e.OutsideForwarding != nil {
		p, n = e.OutsideForwarding, n+1
	}
	if e.ExternalReply != nil {
		p, n = e.ExternalReply, n+1
	}
	if e.Reclassification != nil {
		p, n = e.Reclassification, n+1
	}
	if e.DuplicateAdded != nil {
		p, n = e.DuplicateAdded, n+1
	}
	if e.DuplicateRemoved != nil {
		p, n = e.DuplicateRemoved, n+1
	}
	if n != 1 {
		return nil
	}
	return p
}

// Validate reports an error wrapping ErrInvalid unless e carries exactly one
// payload, of its Type, and that payload is valid. A text longer than its
// field's limit (the `limit` struct tag of each payload field, in
// characters; procedure.DefaultTextLimit when it has none) or not valid
// UTF-8 is a *history.TextError.
func (e Event) Validate() error {
	if err := procedure.CheckText(e); err != nil {
		return err
	}
	return e.validPayload()
}

// validPayload is Validate without the text limits, which bind what is
// recorded, not the replay of what was: Replay checks every stored record
// with it.
func (e Event) validPayload() error {
	p := e.Payload()
	if p == nil {
		return invalid("event %q must carry exactly one payload", e.Type)
	}
	if p.eventType() != e.Type {
		return invalid("event of type %q carries a %s payload", e.Type, p.eventType())
	}
	return p.Validate()
}

// Escalation is what ChiamaRoma 060606 passes on with a case it could not
// close at the first level.
type Escalation struct {
	// Ticket is the 060606 ticket reference, which the citizen may quote
	// when calling back. Personal: it links to the contact centre's record
	// of the caller.
	Ticket string `json:"ticket" limit:"500"`
	// Opened is when the citizen contacted 060606.
	Opened time.Time `json:"opened"`
	// Notes are the first-level operator's notes. Personal.
	Notes string `json:"notes,omitempty" limit:"20000"`
}

// Filed registers a complaint: what it is, how and when it arrived, what
// and where it is about, and who wrote.
type Filed struct {
	// Kind is what the citizen writes about.
	Kind Kind `json:"kind"`
	// Channel is how it arrived.
	Channel Channel `json:"channel"`
	// Received is when the desk received it; zero when filing means now
	// (the Service fills it in).
	Received time.Time `json:"received"`
	// Escalation is required for (and only for) Channel Escalation060606.
	Escalation *Escalation `json:"escalation,omitempty"`
	// Protocol is the protocol number, if the document was registered.
	Protocol string `json:"protocol,omitempty" limit:"500"`
	// Category is a code of the Policy's Taxonomy; empty if unclassified.
	Category string `json:"category,omitempty" limit:"500"`
	// Place is where the problem is.
	Place Place `json:"place"`
	// Person is the reporter. Personal.
	Person Person `json:"person"`
	// Description is the citizen's own text. Personal: it is never
	// published.
	Description string `json:"description,omitempty" limit:"20000"`
	// Summary is the office's own publishable summary of the subject,
	// written without personal data: "buca sulla carreggiata". The Service
	// refuses one that contains any (Service.File).
	Summary string `json:"summary,omitempty" limit:"1000"`
	// Media are links to photos or documents the citizen sent. Personal
	// (a photo may show faces or plates).
	Media []string `json:"media,omitempty" limit:"500"`
	// ExternalRef is the identifier of the report in the system it came
	// from (an Open311 service_request_id, a SUS number).
	ExternalRef string `json:"externalRef,omitempty" limit:"500"`
	// Attributes are the citizen's answers to the questions the
	// administration asks for the category (an Open311 service's
	// attributes: a photo's URL, a licence plate). Personal: they stay in
	// the history (Service.Attributes) and are never published.
	Attributes []Attribute `json:"attributes,omitempty"`
}

func (*Filed) eventType() EventType { return EventFiled }

// Validate implements Payload.
func (f *Filed) Validate() error {
	if !f.Kind.Valid() {
		return invalid("unknown kind %q", f.Kind)
	}
	if !f.Channel.Valid() {
		return invalid("unknown channel %q", f.Channel)
	}
	if f.Received.IsZero() {
		return invalid("no receipt time")
	}
	if (f.Channel == Escalation060606) != (f.Escalation != nil) {
		return invalid("a 060606 escalation, and only that, carries its ticket")
	}
	if e := f.Escalation; e != nil {
		if strings.TrimSpace(e.Ticket) == "" {
			return invalid("060606 escalation without ticket")
		}
		if !e.Opened.IsZero() && e.Opened.After(f.Received) {
			return invalid("060606 ticket opened after the desk received it")
		}
		if err := checkTexts("060606 notes", e.Notes); err != nil {
			return err
		}
		if err := checkTexts("060606 ticket", e.Ticket); err != nil {
			return err
		}
	}
	if strings.TrimSpace(f.Description) == "" && strings.TrimSpace(f.Summary) == "" && f.Category == "" {
		return invalid("a complaint needs a description, a summary or a category")
	}
	if f.Category != "" && !validCode(f.Category) {
		return invalid("malformed category code %q", f.Category)
	}
	if err := f.Place.Validate(); err != nil {
		return err
	}
	if err := f.Person.Validate(); err != nil {
		return err
	}
	if err := checkTexts("description", f.Description, "summary", f.Summary); err != nil {
		return err
	}
	if err := checkTexts("protocol", f.Protocol, "external reference", f.ExternalRef); err != nil {
		return err
	}
	if len(f.Media) > 20 {
		return invalid("more than 20 media links")
	}
	for _, m := range f.Media {
		if err := checkText("media link", m); err != nil {
			return err
		}
	}
	return validAttributes(f.Attributes)
}

// Assignment sends the complaint to the office competent for it
// (Service.Assign).
type Assignment struct {
	// To is an office of the administration (not External). Empty asks the
	// Service to pick the best of SuggestOffices.
	To office.ID `json:"to" limit:"500"`
	// Reason says why this office, e.g. the directory's suggestion.
	Reason string `json:"reason,omitempty" limit:"500"`
}

func (*Assignment) eventType() EventType { return EventAssigned }

// Validate implements Payload.
func (a *Assignment) Validate() error {
	if a.To == "" {
		return invalid("assignment without office")
	}
	return checkTexts("office", string(a.To), "reason", a.Reason)
}

// Forwarding sends the complaint from its office to another office of the
// administration (Service.Forward).
type Forwarding struct {
	// From is the office that had it; the Service fills it in.
	From office.ID `json:"from" limit:"500"`
	// To is the office that receives it.
	To office.ID `json:"to" limit:"500"`
	// Reason says why, e.g. "non di competenza".
	Reason string `json:"reason,omitempty" limit:"500"`
}

func (*Forwarding) eventType() EventType { return EventForwarded }

// Validate implements Payload.
func (f *Forwarding) Validate() error {
	if f.To == "" {
		return invalid("forwarding without office")
	}
	if f.To == f.From {
		return invalid("forwarding to the same office %s", f.To)
	}
	return checkTexts("office", string(f.To), "office", string(f.From), "reason", f.Reason)
}

// WorkStart records that the competent office took the complaint up
// (Service.Start).
type WorkStart struct{}

func (*WorkStart) eventType() EventType { return EventStarted }

// Validate implements Payload.
func (*WorkStart) Validate() error { return nil }

// InfoRequest asks the citizen for more information (Service.RequestInfo).
type InfoRequest struct {
	// Question is what is asked. Personal: it is written to the citizen.
	Question string `json:"question" limit:"20000"`
}

func (*InfoRequest) eventType() EventType { return EventInfoRequested }

// Validate implements Payload.
func (r *InfoRequest) Validate() error {
	if strings.TrimSpace(r.Question) == "" {
		return invalid("request for information without question")
	}
	return checkTexts("question", r.Question)
}

// CitizenReply records the citizen's reply to a request for information
// (Service.RecordReply). The day the reply arrived is the day of the fact,
// Act.On, which may precede the day it is recorded.
type CitizenReply struct {
	// Text is the reply, or a note of it. Personal.
	Text string `json:"text,omitempty" limit:"20000"`
}

func (*CitizenReply) eventType() EventType { return EventCitizenReplied }

// Validate implements Payload.
func (r *CitizenReply) Validate() error { return checkTexts("reply", r.Text) }

// Answer records the answer to the citizen (Service.Answer).
type Answer struct {
	// Outcome is the substance of the answer; it must be one of
	// Outcomes(kind).
	Outcome Outcome `json:"outcome" limit:"100"`
	// Text is the answer as sent to the citizen. Personal.
	Text string `json:"text,omitempty" limit:"20000"`
	// Summary is the office's publishable summary of the answer, written
	// without personal data: "intervento programmato entro ottobre". The
	// Service refuses one that contains any (Service.Answer).
	Summary string `json:"summary,omitempty" limit:"1000"`
}

func (*Answer) eventType() EventType { return EventAnswered }

// Validate implements Payload.
func (a *Answer) Validate() error {
	if !a.Outcome.Valid() {
		return invalid("unknown outcome %q", a.Outcome)
	}
	if strings.TrimSpace(a.Text) == "" && strings.TrimSpace(a.Summary) == "" {
		return invalid("an answer needs its text or a summary")
	}
	return checkTexts("answer", a.Text, "summary", a.Summary)
}

// Closure closes the complaint (Service.Close).
type Closure struct {
	// Reason says why; the Service fills it in from the state when empty
	// (answered, forwarded outside).
	Reason CloseReason `json:"reason" limit:"100"`
	// Note is an internal note.
	Note string `json:"note,omitempty" limit:"20000"`
}

func (*Closure) eventType() EventType { return EventClosed }

// Validate implements Payload.
func (c *Closure) Validate() error {
	if !c.Reason.Valid() {
		return invalid("unknown close reason %q", c.Reason)
	}
	return checkTexts("note", c.Note)
}

// Reopening reopens the complaint at the citizen's request
// (Service.Reopen). The day the citizen asked is the day of the fact,
// Act.On: the new answer term runs from it.
type Reopening struct {
	// Reason is why the citizen is not satisfied. Personal.
	Reason string `json:"reason,omitempty" limit:"20000"`
}

func (*Reopening) eventType() EventType { return EventReopened }

// Validate implements Payload.
func (r *Reopening) Validate() error { return checkTexts("reason", r.Reason) }

// Merger merges the complaint into another as its duplicate (Service.Merge).
type Merger struct {
	// Master is the complaint this one duplicates. The Service follows a
	// chain of mergers to its root and records the root here.
	Master ID `json:"master" limit:"200"`
	// Note says why they are the same, e.g. "stessa buca, 12 m".
	Note string `json:"note,omitempty" limit:"500"`
}

func (*Merger) eventType() EventType { return EventMerged }

// Validate implements Payload.
func (m *Merger) Validate() error {
	if m.Master == "" {
		return invalid("merger without master")
	}
	return checkTexts("master", string(m.Master), "note", m.Note)
}

// Separation undoes a merger: the complaint is handled on its own again
// (Service.Separate).
type Separation struct {
	// Note says why.
	Note string `json:"note,omitempty" limit:"500"`
}

func (*Separation) eventType() EventType { return EventSeparated }

// Validate implements Payload.
func (s *Separation) Validate() error { return checkTexts("note", s.Note) }

// DuplicateAdded is recorded on a master when a duplicate is merged into it,
// in the same write as the duplicate's Merger: two crossed mergers (A into
// B, B into A) cannot then both succeed.
type DuplicateAdded struct {
	// Duplicate is the complaint merged.
	Duplicate ID `json:"duplicate" limit:"200"`
}

func (*DuplicateAdded) eventType() EventType { return EventDuplicateAdded }

// Validate implements Payload.
func (d *DuplicateAdded) Validate() error {
	if d.Duplicate == "" {
		return invalid("duplicate without ID")
	}
	return checkTexts("duplicate", string(d.Duplicate))
}

// DuplicateRemoved is recorded on a master when a duplicate is separated
// from it, in the same write as the duplicate's Separation.
type DuplicateRemoved struct {
	// Duplicate is the complaint separated.
	Duplicate ID `json:"duplicate" limit:"200"`
}

func (*DuplicateRemoved) eventType() EventType { return EventDuplicateRemoved }

// Validate implements Payload.
func (d *DuplicateRemoved) Validate() error {
	if d.Duplicate == "" {
		return invalid("duplicate without ID")
	}
	return checkTexts("duplicate", string(d.Duplicate))
}

// OutsideForwarding sends the complaint to a body outside the
// administration (Service.ForwardOutside).
type OutsideForwarding struct {
	// To is a directory office marked External (AMA, ATAC, another
	// administration).
	To office.ID `json:"to" limit:"500"`
	// Reference is the body's own reference for it, if known; it must not
	// contain personal data (Service.ForwardOutside).
	Reference string `json:"reference,omitempty" limit:"500"`
	// Summary is the publishable note to the citizen, without personal
	// data: "trasmessa ad AMA S.p.A., competente per la raccolta dei
	// rifiuti".
	Summary string `json:"summary,omitempty" limit:"1000"`
}

func (*OutsideForwarding) eventType() EventType { return EventForwardedOutside }

// Validate implements Payload.
func (f *OutsideForwarding) Validate() error {
	if f.To == "" {
		return invalid("forwarding outside without office")
	}
	return checkTexts("office", string(f.To), "reference", f.Reference, "summary", f.Summary)
}

// ExternalReply records what the outside body answered
// (Service.RecordExternalReply).
type ExternalReply struct {
	// Text is the body's reply. Personal (it may address the citizen).
	Text string `json:"text,omitempty" limit:"20000"`
	// Summary is a publishable summary of it, without personal data
	// (Service.RecordExternalReply).
	Summary string `json:"summary,omitempty" limit:"1000"`
}

func (*ExternalReply) eventType() EventType { return EventExternalReplyRecorded }

// Validate implements Payload.
func (r *ExternalReply) Validate() error {
	if strings.TrimSpace(r.Text) == "" && strings.TrimSpace(r.Summary) == "" {
		return invalid("external reply without text or summary")
	}
	return checkTexts("reply", r.Text, "summary", r.Summary)
}

// Reclassification corrects how the complaint is classified
// (Service.Reclassify). Empty fields (nil Place) leave the current value
// unchanged.
type Reclassification struct {
	// Kind is the corrected kind.
	Kind Kind `json:"kind,omitempty" limit:"100"`
	// Category is the corrected category code.
	Category string `json:"category,omitempty" limit:"500"`
	// Place is the corrected place.
	Place *Place `json:"place,omitempty"`
	// Summary is the corrected publishable summary, without personal data
	// (Service.Reclassify).
	Summary string `json:"summary,omitempty" limit:"1000"`
}

func (*Reclassification) eventType() EventType { return EventReclassified }

// Validate implements Payload.
func (r *Reclassification) Validate() error {
	if r.Kind == "" && r.Category == "" && r.Place == nil && r.Summary == "" {
		return invalid("reclassification that changes nothing")
	}
	if r.Kind != "" && !r.Kind.Valid() {
		return invalid("unknown kind %q", r.Kind)
	}
	if r.Category != "" && !validCode(r.Category) {
		return invalid("malformed category code %q", r.Category)
	}
	if r.Place != nil {
		if err := r.Place.Validate(); err != nil {
			return err
		}
	}
	return checkTexts("summary", r.Summary)
}
