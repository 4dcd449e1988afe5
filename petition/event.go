package petition

import (
	"fmt"
	"slices"
	"strings"

	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
)

// EventType names what happened; it is also the act of the lifecycle table
// that records it.
type EventType string

const (
	// EventDrafted: petition registered as a draft (Registration).
	EventDrafted EventType = "drafted"
	// EventCollectionOpened: signature collection opened (Collection).
	EventCollectionOpened EventType = "collection-opened"
	// EventSigned: one or more signatures recorded (Batch).
	EventSigned EventType = "signed"
	// EventSignatureWithdrawn: a signatory withdrew before filing (Withdrawal).
	EventSignatureWithdrawn EventType = "signature-withdrawn"
	// EventFiled: petition filed with the administration (Filing).
	EventFiled EventType = "filed"
	// EventDeclaredAdmissible: admissibility check passed (Admission).
	EventDeclaredAdmissible EventType = "declared-admissible"
	// EventDeclaredInadmissible: admissibility check failed (Refusal).
	EventDeclaredInadmissible EventType = "declared-inadmissible"
	// EventForwarded: requests for information sent to competent offices (Forwarding).
	EventForwarded EventType = "forwarded"
	// EventReplyRecorded: a competent office's reply recorded (Reply).
	EventReplyRecorded EventType = "reply-recorded"
	// EventAnswered: the addressee answered or decided (Answer).
	EventAnswered EventType = "answered"
	// EventArchived: petition archived (Archiving).
	EventArchived EventType = "archived"
)

// EventTypes lists every event type in lifecycle order.
func EventTypes() []EventType {
	return []EventType{EventDrafted, EventCollectionOpened, EventSigned, EventSignatureWithdrawn, EventFiled,
		EventDeclaredAdmissible, EventDeclaredInadmissible, EventForwarded, EventReplyRecorded, EventAnswered, EventArchived}
}

// Italian returns the act's name for a timeline or a button.
func (t EventType) Italian() string {
	switch t {
	case EventDrafted:
		return "registrazione"
	case EventCollectionOpened:
		return "apertura della raccolta firme"
	case EventSigned:
		return "firme raccolte"
	case EventSignatureWithdrawn:
		return "firme revocate"
	case EventFiled:
		return "deposito"
	case EventDeclaredAdmissible:
		return "dichiarata ammissibile"
	case EventDeclaredInadmissible:
		return "dichiarata inammissibile"
	case EventForwarded:
		return "trasmissione agli uffici competenti"
	case EventReplyRecorded:
		return "riscontro di un ufficio"
	case EventAnswered:
		return "risposta"
	case EventArchived:
		return "archiviazione"
	}
	return string(t)
}

// Event is one thing that happened to a petition: its Type and exactly one
// payload, the one of that type. A single concrete struct, so that any store
// can encode it as JSON without loss.
type Event struct {
	// Type says which payload is set.
	Type EventType `json:"type"`

	// Registration is the payload of EventDrafted.
	Registration *Registration `json:"registration,omitempty"`
	// Collection is the payload of EventCollectionOpened.
	Collection *Collection `json:"collection,omitempty"`
	// Batch is the payload of EventSigned.
	Batch *Batch `json:"batch,omitempty"`
	// Withdrawal is the payload of EventSignatureWithdrawn.
	Withdrawal *Withdrawal `json:"withdrawal,omitempty"`
	// Filing is the payload of EventFiled.
	Filing *Filing `json:"filing,omitempty"`
	// Admission is the payload of EventDeclaredAdmissible.
	Admission *Admission `json:"admission,omitempty"`
	// Refusal is the payload of EventDeclaredInadmissible.
	Refusal *Refusal `json:"refusal,omitempty"`
	// Forwarding is the payload of EventForwarded.
	Forwarding *Forwarding `json:"forwarding,omitempty"`
	// Reply is the payload of EventReplyRecorded.
	Reply *Reply `json:"reply,omitempty"`
	// Answer is the payload of EventAnswered.
	Answer *Answer `json:"answer,omitempty"`
	// Archiving is the payload of EventArchived.
	Archiving *Archiving `json:"archiving,omitempty"`
}

// EventName returns the stable name used in the history's hash chain:
// "petition." followed by the type.
func (e Event) EventName() string { return "petition." + string(e.Type) }

// payloads returns the type of every payload set.
func (e Event) payloads() []EventType {
	var out []EventType
	add := func(set bool, t EventType) {
		if set {
			out = append(out, t)
		}
	}
	add(e.Registration != nil, EventDrafted)
	add(e.Collection != nil, EventCollectionOpened)
	add(e.Batch != nil, EventSigned)
	add(e.Withdrawal != nil, EventSignatureWithdrawn)
	add(e.Filing != nil, EventFiled)
	add(e.Admission != nil, EventDeclaredAdmissible)
	add(e.Refusal != nil, EventDeclaredInadmissible)
	add(e.Forwarding != nil, EventForwarded)
	add(e.Reply != nil, EventReplyRecorded)
	add(e.Answer != nil, EventAnswered)
	add(e.Archiving != nil, EventArchived)
	return out
}

// Validate reports an error wrapping ErrInvalidEvent unless e has exactly
// the payload of its Type and that payload is well formed.
func (e Event) Validate() error {
	p := e.payloads()
	if len(p) != 1 || p[0] != e.Type {
		return fmt.Errorf("%w: event %q carries payloads %v", ErrInvalidEvent, e.Type, p)
	}
	switch e.Type {
	case EventDrafted:
		return e.Registration.Validate()
	case EventCollectionOpened:
		return nil
	case EventSigned:
		return e.Batch.Validate()
	case EventSignatureWithdrawn:
		return e.Withdrawal.Validate()
	case EventFiled:
		return nil
	case EventDeclaredAdmissible:
		return nil
	case EventDeclaredInadmissible:
		return e.Refusal.Validate()
	case EventForwarded:
		return e.Forwarding.Validate()
	case EventReplyRecorded:
		return e.Reply.Validate()
	case EventAnswered:
		return e.Answer.Validate()
	case EventArchived:
		return e.Archiving.Validate()
	}
	return fmt.Errorf("%w: unknown event type %q", ErrInvalidEvent, e.Type)
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidEvent, fmt.Sprintf(format, args...))
}

// Registration registers a petition as a draft.
type Registration struct {
	// Kind is the kind of initiative.
	Kind Kind `json:"kind"`
	// Addressee is the body it is addressed to.
	Addressee Addressee `json:"addressee"`
	// Channel is how it reached the administration.
	Channel Channel `json:"channel"`
	// Subject is the office's own short summary of the subject: it is
	// published, so it must not contain personal data (write "rifacimento
	// marciapiedi in via X", not the promoters' names); the Service refuses
	// one that does (ErrPersonalData).
	Subject string `json:"subject" limit:"1000"`
	// Matter is the matter it concerns ("mobilità", "pari opportunità"): it
	// suggests competent offices and, when EqualOpportunities is not set,
	// selects a special answer term whose matter it names as whole words
	// (SpecialTerm). Published.
	Matter string `json:"matter,omitempty" limit:"1000"`
	// EqualOpportunities is the office's declaration that the petition
	// concerns equal opportunities (pari opportunità): the written answer to
	// a popular interrogazione or interpellanza is then due within 30 days
	// of filing instead of 60 (art. 8 c. 5 Statuto Roma Capitale), whatever
	// the matter's wording. It selects the kind's SpecialTerm marked
	// EqualOpportunities; Draft refuses it for a kind that has none.
	// Published.
	EqualOpportunities bool `json:"equalOpportunities,omitempty"`
	// Text is the petition's text as the promoters wrote it. It may contain
	// personal data and is not published.
	Text string `json:"text,omitempty" limit:"20000"`
	// Promoters are the promoters (the comitato promotore, or the single
	// petitioner). Personal data, not published.
	Promoters []Person `json:"promoters,omitempty"`
}

// Event wraps r in an Event.
func (r Registration) Event() Event { return Event{Type: EventDrafted, Registration: &r} }

// Validate reports an error wrapping ErrInvalidEvent if r lacks a kind, an
// addressee, a known channel, a subject or promoters, or a promoter has
// neither a name nor a valid codice fiscale.
func (r *Registration) Validate() error {
	switch {
	case r.Kind == "":
		return invalid("registration without kind")
	case r.Addressee == "":
		return invalid("registration without addressee")
	case !r.Channel.Valid():
		return invalid("unknown channel %q", r.Channel)
	case !nonBlank(r.Subject):
		return invalid("registration without the office's summary of the subject")
	case len(r.Promoters) == 0:
		return invalid("registration without promoters")
	}
	for i, p := range r.Promoters {
		if !nonBlank(p.FamilyName) && p.CodiceFiscale == "" {
			return invalid("promoter %d has neither a name nor a codice fiscale", i)
		}
		if p.CodiceFiscale != "" {
			if _, err := codicefiscale.Parse(p.CodiceFiscale); err != nil {
				return fmt.Errorf("promoter %d: %w", i, err)
			}
		}
	}
	return nil
}

// Collection opens the signature collection.
type Collection struct {
	// Closes is the last day of collection the promoters declare; zero for
	// none (the kind's window still limits which signatures count).
	Closes deadline.Date `json:"closes"`
}

// Event wraps c in an Event.
func (c Collection) Event() Event { return Event{Type: EventCollectionOpened, Collection: &c} }

// Batch records signatures given together: a paper sheet, or online
// adhesions gathered by the portal. One event per batch keeps a history of
// 100,000 signatures at a few thousand records when they come in sheets.
type Batch struct {
	// Signatures are the signatures, in order.
	Signatures []Signature `json:"signatures"`
}

// Event wraps b in an Event.
func (b Batch) Event() Event { return Event{Type: EventSigned, Batch: &b} }

// Validate reports an error if b is empty or a signature is malformed (a
// *codicefiscale.Error, or ErrInvalidEvent).
func (b *Batch) Validate() error {
	if len(b.Signatures) == 0 {
		return invalid("empty batch of signatures")
	}
	for i, s := range b.Signatures {
		if err := s.validateForm(); err != nil {
			return &SignatureError{Index: i, Err: err}
		}
	}
	return nil
}

// Withdrawal withdraws a signature before filing.
type Withdrawal struct {
	// CodiceFiscale identifies the signature withdrawn: the code as signed
	// (case, spaces and the SPID prefix aside; an omocodic variant is
	// another person's code).
	CodiceFiscale string `json:"codiceFiscale" limit:"64"`
}

// Event wraps w in an Event.
func (w Withdrawal) Event() Event { return Event{Type: EventSignatureWithdrawn, Withdrawal: &w} }

// Validate reports an error if the codice fiscale is not valid.
func (w *Withdrawal) Validate() error {
	_, err := codicefiscale.Parse(w.CodiceFiscale)
	return err
}

// Filing files the petition (deposito). The day of filing, usually the
// protocol date, is the Act's On, kept in the record: the term for the
// answer runs from it.
type Filing struct {
	// Protocol is the protocol number, if any ("RC/2026/12345"). Published.
	Protocol string `json:"protocol,omitempty" limit:"200"`
}

// Event wraps f in an Event.
func (f Filing) Event() Event { return Event{Type: EventFiled, Filing: &f} }

// Admission declares the petition admissible.
type Admission struct {
	// Note is the office's note on the check, if any. Published.
	Note string `json:"note,omitempty" limit:"1000"`
}

// Event wraps a in an Event.
func (a Admission) Event() Event { return Event{Type: EventDeclaredAdmissible, Admission: &a} }

// Refusal declares the petition inadmissible.
type Refusal struct {
	// Reason is the office's statement of the grounds. Published.
	Reason string `json:"reason" limit:"20000"`
	// Ground is the provision the petition fails, if any.
	Ground law.Citation `json:"ground"`
}

// Event wraps r in an Event.
func (r Refusal) Event() Event { return Event{Type: EventDeclaredInadmissible, Refusal: &r} }

// Validate reports an error if r states no reason.
func (r *Refusal) Validate() error {
	if !nonBlank(r.Reason) {
		return invalid("inadmissibility without reason")
	}
	return nil
}

// Forwarding sends requests for information to competent offices, several at
// once, each with its own internal term.
type Forwarding struct {
	// Requests are the requests; the Service numbers them and sets their
	// dates.
	Requests []Request `json:"requests"`
}

// Event wraps f in an Event.
func (f Forwarding) Event() Event { return Event{Type: EventForwarded, Forwarding: &f} }

// Validate reports an error if f has no request, or a request lacks an
// office or a question, repeats an office, or has a negative term.
func (f *Forwarding) Validate() error {
	if len(f.Requests) == 0 {
		return invalid("forwarding without requests")
	}
	var seen []office.ID
	for i, r := range f.Requests {
		switch {
		case r.Office == "":
			return invalid("request %d without office", i)
		case !nonBlank(r.Question):
			return invalid("request %d to %s without question", i, r.Office)
		case r.Days < 0:
			return invalid("request %d to %s with a negative term", i, r.Office)
		case slices.Contains(seen, r.Office):
			return invalid("office %s asked twice in one forwarding", r.Office)
		}
		seen = append(seen, r.Office)
	}
	return nil
}

// Reply records a competent office's reply to a request.
type Reply struct {
	// Request is the number of the request answered.
	Request int `json:"request"`
	// Summary summarises the reply (internal, not published).
	Summary string `json:"summary" limit:"20000"`
}

// Event wraps r in an Event.
func (r Reply) Event() Event { return Event{Type: EventReplyRecorded, Reply: &r} }

// Validate reports an error if r names no request or has no summary.
func (r *Reply) Validate() error {
	switch {
	case r.Request < 1:
		return invalid("reply without request number")
	case !nonBlank(r.Summary):
		return invalid("reply without summary")
	}
	return nil
}

// Answer is the addressee's answer, or its decision on a proposal.
type Answer struct {
	// Outcome is how the answer concludes the petition.
	Outcome Outcome `json:"outcome"`
	// Summary is the office's summary of the answer. Published: no personal
	// data.
	Summary string `json:"summary" limit:"1000"`
	// Text is the full answer as sent to the promoters. It may name them and
	// is not published.
	Text string `json:"text,omitempty" limit:"20000"`
	// Act is the reference of the answering act ("prot. RC/2026/4567",
	// "Deliberazione AC n. 12/2027"). Published.
	Act string `json:"act,omitempty" limit:"200"`
}

// Event wraps a in an Event.
func (a Answer) Event() Event { return Event{Type: EventAnswered, Answer: &a} }

// Validate reports an error if a has no known outcome or no summary.
func (a *Answer) Validate() error {
	switch {
	case !a.Outcome.Valid():
		return invalid("unknown outcome %q", a.Outcome)
	case !nonBlank(a.Summary):
		return invalid("answer without summary")
	}
	return nil
}

// Archiving archives the petition.
type Archiving struct {
	// Reason says why, in the office's words. Published.
	Reason string `json:"reason" limit:"20000"`
}

// Event wraps a in an Event.
func (a Archiving) Event() Event { return Event{Type: EventArchived, Archiving: &a} }

// Validate reports an error if a states no reason.
func (a *Archiving) Validate() error {
	if !nonBlank(a.Reason) {
		return invalid("archiving without reason")
	}
	return nil
}

// trimmed returns s without surrounding spaces.
func trimmed(s string) string { return strings.TrimSpace(s) }
