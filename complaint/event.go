package complaint

import (
	"strings"
	"time"

	"github.com/puntodiascolto/ascolto/office"
)

// EventType names what happened to a complaint. Each act of the Lifecycle
// records exactly one event of its own type.
type EventType string

// The event types, one per Act.
const (
	EventFiled                 EventType = "filed"
	EventAssigned              EventType = "assigned"
	EventForwarded             EventType = "forwarded"
	EventStarted               EventType = "started"
	EventInfoRequested         EventType = "info-requested"
	EventCitizenReplied        EventType = "citizen-replied"
	EventAnswered              EventType = "answered"
	EventClosed                EventType = "closed"
	EventReopened              EventType = "reopened"
	EventMerged                EventType = "merged"
	EventSeparated             EventType = "separated"
	EventForwardedOutside      EventType = "forwarded-outside"
	EventExternalReplyRecorded EventType = "external-reply-recorded"
	EventReclassified          EventType = "reclassified"
)

// Act returns the act that records events of type t.
func (t EventType) Act() Act {
	switch t {
	case EventFiled:
		return ActFile
	case EventAssigned:
		return ActAssign
	case EventForwarded:
		return ActForward
	case EventStarted:
		return ActStart
	case EventInfoRequested:
		return ActRequestInfo
	case EventCitizenReplied:
		return ActRecordReply
	case EventAnswered:
		return ActAnswer
	case EventClosed:
		return ActClose
	case EventReopened:
		return ActReopen
	case EventMerged:
		return ActMerge
	case EventSeparated:
		return ActSeparate
	case EventForwardedOutside:
		return ActForwardOutside
	case EventExternalReplyRecorded:
		return ActRecordExternalReply
	case EventReclassified:
		return ActReclassify
	}
	return ""
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
}

// EventName returns the stable name of the event type, used in the hash
// chain (eventlog.Named).
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
	if n != 1 {
		return nil
	}
	return p
}

// Validate reports an error wrapping ErrInvalid unless e carries exactly one
// payload, of its Type, and that payload is valid.
func (e Event) Validate() error {
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
	Ticket string `json:"ticket"`
	// Opened is when the citizen contacted 060606.
	Opened time.Time `json:"opened"`
	// Notes are the first-level operator's notes. Personal.
	Notes string `json:"notes,omitempty"`
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
	Protocol string `json:"protocol,omitempty"`
	// Category is a code of the Policy's Taxonomy; empty if unclassified.
	Category string `json:"category,omitempty"`
	// Place is where the problem is.
	Place Place `json:"place"`
	// Person is the reporter. Personal.
	Person Person `json:"person"`
	// Description is the citizen's own text. Personal: it is never
	// published.
	Description string `json:"description,omitempty"`
	// Summary is the office's own publishable summary of the subject,
	// written without personal data: "buca sulla carreggiata". The Service
	// refuses one that contains any (Service.File).
	Summary string `json:"summary,omitempty"`
	// Media are links to photos or documents the citizen sent. Personal
	// (a photo may show faces or plates).
	Media []string `json:"media,omitempty"`
	// ExternalRef is the identifier of the report in the system it came
	// from (an Open311 service_request_id, a SUS number).
	ExternalRef string `json:"externalRef,omitempty"`
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
		if err := checkTexts(maxLongText, "060606 notes", e.Notes); err != nil {
			return err
		}
		if err := checkTexts(maxShortText, "060606 ticket", e.Ticket); err != nil {
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
	if err := checkTexts(maxLongText, "description", f.Description, "summary", f.Summary); err != nil {
		return err
	}
	if err := checkTexts(maxShortText, "protocol", f.Protocol, "external reference", f.ExternalRef); err != nil {
		return err
	}
	if len(f.Media) > 20 {
		return invalid("more than 20 media links")
	}
	for _, m := range f.Media {
		if err := checkText("media link", m, maxShortText); err != nil {
			return err
		}
	}
	return nil
}

// Assignment sends the complaint to the office competent for it.
type Assignment struct {
	// Office is an office of the administration (not External).
	Office office.ID `json:"office"`
	// Reason says why this office, e.g. the directory's suggestion.
	Reason string `json:"reason,omitempty"`
}

func (*Assignment) eventType() EventType { return EventAssigned }

// Validate implements Payload.
func (a *Assignment) Validate() error {
	if a.Office == "" {
		return invalid("assignment without office")
	}
	return checkTexts(maxShortText, "office", string(a.Office), "reason", a.Reason)
}

// Forwarding sends the complaint from its office to another office of the
// administration.
type Forwarding struct {
	// From is the office that had it.
	From office.ID `json:"from"`
	// To is the office that receives it.
	To office.ID `json:"to"`
	// Reason says why, e.g. "non di competenza".
	Reason string `json:"reason,omitempty"`
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
	return checkTexts(maxShortText, "office", string(f.To), "office", string(f.From), "reason", f.Reason)
}

// WorkStart records that the competent office took the complaint up.
type WorkStart struct{}

func (*WorkStart) eventType() EventType { return EventStarted }

// Validate implements Payload.
func (*WorkStart) Validate() error { return nil }

// InfoRequest asks the citizen for more information.
type InfoRequest struct {
	// Question is what is asked. Personal: it is written to the citizen.
	Question string `json:"question"`
}

func (*InfoRequest) eventType() EventType { return EventInfoRequested }

// Validate implements Payload.
func (r *InfoRequest) Validate() error {
	if strings.TrimSpace(r.Question) == "" {
		return invalid("request for information without question")
	}
	return checkTexts(maxLongText, "question", r.Question)
}

// CitizenReply records the citizen's reply to a request for information.
type CitizenReply struct {
	// Received is when the reply arrived; zero means now (the Service
	// fills it in).
	Received time.Time `json:"received"`
	// Text is the reply, or a note of it. Personal.
	Text string `json:"text,omitempty"`
}

func (*CitizenReply) eventType() EventType { return EventCitizenReplied }

// Validate implements Payload.
func (r *CitizenReply) Validate() error {
	if r.Received.IsZero() {
		return invalid("citizen's reply without receipt time")
	}
	return checkTexts(maxLongText, "reply", r.Text)
}

// Answer records the answer to the citizen.
type Answer struct {
	// Outcome is the substance of the answer; it must be one of
	// Outcomes(kind).
	Outcome Outcome `json:"outcome"`
	// Text is the answer as sent to the citizen. Personal.
	Text string `json:"text,omitempty"`
	// Summary is the office's publishable summary of the answer, written
	// without personal data: "intervento programmato entro ottobre". The
	// Service refuses one that contains any (Service.Answer).
	Summary string `json:"summary,omitempty"`
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
	return checkTexts(maxLongText, "answer", a.Text, "summary", a.Summary)
}

// Closure closes the complaint.
type Closure struct {
	// Reason says why; the Service fills it in from the state when empty
	// (answered, forwarded outside).
	Reason CloseReason `json:"reason"`
	// Note is an internal note.
	Note string `json:"note,omitempty"`
}

func (*Closure) eventType() EventType { return EventClosed }

// Validate implements Payload.
func (c *Closure) Validate() error {
	if !c.Reason.Valid() {
		return invalid("unknown close reason %q", c.Reason)
	}
	return checkTexts(maxLongText, "note", c.Note)
}

// Reopening reopens the complaint at the citizen's request.
type Reopening struct {
	// Requested is when the citizen asked; zero means now (the Service
	// fills it in). The new answer term runs from this day.
	Requested time.Time `json:"requested"`
	// Reason is why the citizen is not satisfied. Personal.
	Reason string `json:"reason,omitempty"`
}

func (*Reopening) eventType() EventType { return EventReopened }

// Validate implements Payload.
func (r *Reopening) Validate() error {
	if r.Requested.IsZero() {
		return invalid("reopening without request time")
	}
	return checkTexts(maxLongText, "reason", r.Reason)
}

// Merger merges the complaint into another as its duplicate.
type Merger struct {
	// Master is the complaint this one duplicates: always a complaint not
	// itself merged (the Service follows chains to their root).
	Master ID `json:"master"`
	// Note says why they are the same, e.g. "stessa buca, 12 m".
	Note string `json:"note,omitempty"`
}

func (*Merger) eventType() EventType { return EventMerged }

// Validate implements Payload.
func (m *Merger) Validate() error {
	if m.Master == "" {
		return invalid("merger without master")
	}
	return checkTexts(maxShortText, "master", string(m.Master), "note", m.Note)
}

// Separation undoes a merger: the complaint is handled on its own again.
type Separation struct {
	// Note says why.
	Note string `json:"note,omitempty"`
}

func (*Separation) eventType() EventType { return EventSeparated }

// Validate implements Payload.
func (s *Separation) Validate() error { return checkTexts(maxShortText, "note", s.Note) }

// OutsideForwarding sends the complaint to a body outside the
// administration.
type OutsideForwarding struct {
	// Office is a directory office marked External (AMA, ATAC, another
	// administration).
	Office office.ID `json:"office"`
	// Reference is the body's own reference for it, if known; it must not
	// contain personal data (Service.ForwardOutside).
	Reference string `json:"reference,omitempty"`
	// Summary is the publishable note to the citizen, without personal
	// data: "trasmessa ad AMA S.p.A., competente per la raccolta dei
	// rifiuti".
	Summary string `json:"summary,omitempty"`
}

func (*OutsideForwarding) eventType() EventType { return EventForwardedOutside }

// Validate implements Payload.
func (f *OutsideForwarding) Validate() error {
	if f.Office == "" {
		return invalid("forwarding outside without office")
	}
	return checkTexts(maxShortText, "office", string(f.Office), "reference", f.Reference, "summary", f.Summary)
}

// ExternalReply records what the outside body answered.
type ExternalReply struct {
	// Text is the body's reply. Personal (it may address the citizen).
	Text string `json:"text,omitempty"`
	// Summary is a publishable summary of it, without personal data
	// (Service.RecordExternalReply).
	Summary string `json:"summary,omitempty"`
}

func (*ExternalReply) eventType() EventType { return EventExternalReplyRecorded }

// Validate implements Payload.
func (r *ExternalReply) Validate() error {
	if strings.TrimSpace(r.Text) == "" && strings.TrimSpace(r.Summary) == "" {
		return invalid("external reply without text or summary")
	}
	return checkTexts(maxLongText, "reply", r.Text, "summary", r.Summary)
}

// Reclassification corrects how the complaint is classified. Empty fields
// (nil Place) leave the current value unchanged.
type Reclassification struct {
	// Kind is the corrected kind.
	Kind Kind `json:"kind,omitempty"`
	// Category is the corrected category code.
	Category string `json:"category,omitempty"`
	// Place is the corrected place.
	Place *Place `json:"place,omitempty"`
	// Summary is the corrected publishable summary, without personal data
	// (Service.Reclassify).
	Summary string `json:"summary,omitempty"`
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
	return checkTexts(maxLongText, "summary", r.Summary)
}
