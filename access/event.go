package access

import (
	"time"

	"github.com/puntodiascolto/ascolto/internal/privacy"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/procedure"
)

// EventType names an event, and the act that records it. The names are
// stable: they are stored, hashed and drawn on the lifecycle graphs.
type EventType string

// The events of an access request, one per act.
const (
	EventReceived                  EventType = "received"                    // richiesta ricevuta
	EventIrregularityNotified      EventType = "irregularity-notified"       // comunicazione di irregolarità o invito a precisare
	EventFormalRequested           EventType = "formal-requested"            // invito a presentare richiesta formale (accesso informale)
	EventCorrected                 EventType = "corrected"                   // richiesta regolarizzata o formale presentata
	EventAssigned                  EventType = "assigned"                    // assegnata all'ufficio competente
	EventForwarded                 EventType = "forwarded"                   // trasmessa ad altro ufficio dell'amministrazione
	EventTransferred               EventType = "transferred"                 // trasmessa ad altra amministrazione
	EventStartNotified             EventType = "start-notified"              // comunicazione di avvio del procedimento
	EventDocumentsRequested        EventType = "documents-requested"         // richiesta interna di documenti agli uffici detentori
	EventDocumentsReceived         EventType = "documents-received"          // riscontro dell'ufficio detentore
	EventOfficeReminded            EventType = "office-reminded"             // sollecito all'ufficio detentore
	EventCounterInterestedNotified EventType = "counter-interested-notified" // comunicazione ai controinteressati
	EventNoticeReceived            EventType = "notice-received"             // ricezione della comunicazione da parte del controinteressato
	EventOppositionReceived        EventType = "opposition-received"         // opposizione del controinteressato
	EventDecided                   EventType = "decided"                     // provvedimento espresso
	EventDecisionCommunicated      EventType = "decision-communicated"       // ricezione da parte del richiedente del provvedimento, della decisione sul riesame o dell'esito del difensore civico
	EventAcceptanceReceived        EventType = "acceptance-received"         // ricezione dell'accoglimento da parte del controinteressato
	EventReleased                  EventType = "released"                    // documenti o dati rilasciati
	EventPublished                 EventType = "published"                   // dati pubblicati, collegamento comunicato
	EventWithdrawn                 EventType = "withdrawn"                   // rinuncia del richiedente
	EventFeesCharged               EventType = "fees-charged"                // costi di riproduzione addebitati
	EventBreachReported            EventType = "breach-reported"             // segnalazione dell'inadempimento (art. 5 c. 10)
	EventReviewFiled               EventType = "review-filed"                // richiesta di riesame al RPCT
	EventGaranteConsulted          EventType = "garante-consulted"           // richiesta di parere al Garante privacy
	EventGaranteAnswered           EventType = "garante-answered"            // parere del Garante privacy
	EventReviewDecided             EventType = "review-decided"              // decisione sul riesame
	EventOmbudsmanFiled            EventType = "ombudsman-filed"             // ricorso al difensore civico o alla Commissione
	EventOmbudsmanDecided          EventType = "ombudsman-decided"           // esito del difensore civico o della Commissione
	EventOmbudsmanAnswered         EventType = "ombudsman-answered"          // conferma motivata del diniego, o adeguamento
	EventAppealFiled               EventType = "appeal-filed"                // ricorso al TAR
	EventAppealDecided             EventType = "appeal-decided"              // decisione del TAR
	EventSubstituteRequested       EventType = "substitute-requested"        // richiesta al titolare del potere sostitutivo (art. 2 c. 9-ter L. 241/1990)
	EventSubstituteDecided         EventType = "substitute-decided"          // provvedimento del titolare del potere sostitutivo
	EventPublicSubjectSet          EventType = "public-subject-set"          // oggetto pubblicabile redatto dall'ufficio
	EventClosed                    EventType = "closed"                      // fascicolo archiviato
)

// EventTypes lists every event type in lifecycle order.
func EventTypes() []EventType {
	return []EventType{
		EventReceived, EventIrregularityNotified, EventFormalRequested, EventCorrected, EventAssigned,
		EventForwarded, EventTransferred, EventStartNotified, EventDocumentsRequested, EventDocumentsReceived,
		EventOfficeReminded, EventCounterInterestedNotified, EventNoticeReceived, EventOppositionReceived,
		EventDecided, EventDecisionCommunicated, EventAcceptanceReceived, EventReleased, EventPublished, EventWithdrawn, EventFeesCharged,
		EventBreachReported, EventReviewFiled, EventGaranteConsulted, EventGaranteAnswered, EventReviewDecided,
		EventOmbudsmanFiled, EventOmbudsmanDecided, EventOmbudsmanAnswered, EventAppealFiled, EventAppealDecided,
		EventSubstituteRequested, EventSubstituteDecided, EventPublicSubjectSet, EventClosed,
	}
}

// Event is one entry of a request's history: its Type and the one payload
// that type carries. It is a single concrete struct so that any store can
// encode it losslessly; the record around it (history.Record) adds the
// instant, the day of the fact (Record.On), the actor, the legal basis and
// the hash chain.
//
// Text fields are limited to procedure.DefaultTextLimit (4000) characters
// unless their `limit` tag says otherwise: subjects and publishable
// summaries 1000, reasons 20000. A longer text, or one that is not valid
// UTF-8, is refused with a *history.TextError (ErrInvalid).
type Event struct {
	// Type says what happened.
	Type EventType `json:"type"`

	// The payloads: exactly one is set, the one of Type (named in each
	// field's comment); Validate checks it.
	Filed           *Filing               `json:"filed,omitempty"`           // EventReceived
	Irregularity    *Irregularity         `json:"irregularity,omitempty"`    // EventIrregularityNotified
	FormalRequest   *FormalRequest        `json:"formalRequest,omitempty"`   // EventFormalRequested
	Correction      *Correction           `json:"correction,omitempty"`      // EventCorrected
	Assignment      *Assignment           `json:"assignment,omitempty"`      // EventAssigned
	Forwarding      *Forwarding           `json:"forwarding,omitempty"`      // EventForwarded, EventTransferred
	StartNotice     *StartNotice          `json:"startNotice,omitempty"`     // EventStartNotified
	DocRequest      *DocumentRequest      `json:"docRequest,omitempty"`      // EventDocumentsRequested
	DocAnswer       *DocumentAnswer       `json:"docAnswer,omitempty"`       // EventDocumentsReceived
	Reminder        *Reminder             `json:"reminder,omitempty"`        // EventOfficeReminded
	Notification    *Notification         `json:"notification,omitempty"`    // EventCounterInterestedNotified
	PartyAct        *PartyAct             `json:"partyAct,omitempty"`        // EventNoticeReceived, EventOppositionReceived, EventAcceptanceReceived
	Ruling          *Ruling               `json:"ruling,omitempty"`          // EventDecided, EventSubstituteDecided
	Communication   *Communication        `json:"communication,omitempty"`   // EventDecisionCommunicated
	Release         *Release              `json:"release,omitempty"`         // EventReleased, EventPublished
	Note            *Note                 `json:"note,omitempty"`            // EventWithdrawn, EventBreachReported, EventGaranteConsulted, EventGaranteAnswered, EventClosed
	Charge          *Charge               `json:"charge,omitempty"`          // EventFeesCharged
	Remedy          *RemedyRequest        `json:"remedy,omitempty"`          // EventReviewFiled, EventOmbudsmanFiled, EventAppealFiled
	ReviewRuling    *ReviewRuling         `json:"reviewRuling,omitempty"`    // EventReviewDecided
	OmbudsmanRuling *OmbudsmanRuling      `json:"ombudsmanRuling,omitempty"` // EventOmbudsmanDecided
	Answer          *AdministrationAnswer `json:"answer,omitempty"`          // EventOmbudsmanAnswered
	AppealRuling    *AppealRuling         `json:"appealRuling,omitempty"`    // EventAppealDecided
	Subject         *PublicSubject        `json:"subject,omitempty"`         // EventPublicSubjectSet
	Substitution    *SubstituteRequest    `json:"substitution,omitempty"`    // EventSubstituteRequested
}

// EventName implements history.Named: the stable name used
// in the hash.
func (e Event) EventName() string { return string(e.Type) }

// payloadOf returns the name of the payload field an event type carries.
func payloadOf(t EventType) string {
	switch t {
	case EventReceived:
		return "filed"
	case EventIrregularityNotified:
		return "irregularity"
	case EventFormalRequested:
		return "formalRequest"
	case EventCorrected:
		return "correction"
	case EventAssigned:
		return "assignment"
	case EventForwarded, EventTransferred:
		return "forwarding"
	case EventStartNotified:
		return "startNotice"
	case EventDocumentsRequested:
		return "docRequest"
	case EventDocumentsReceived:
		return "docAnswer"
	case EventOfficeReminded:
		return "reminder"
	case EventCounterInterestedNotified:
		return "notification"
	case EventNoticeReceived, EventOppositionReceived, EventAcceptanceReceived:
		return "partyAct"
	case EventDecided, EventSubstituteDecided:
		return "ruling"
	case EventSubstituteRequested:
		return "substitution"
	case EventDecisionCommunicated:
		return "communication"
	case EventReleased, EventPublished:
		return "release"
	case EventWithdrawn, EventBreachReported, EventGaranteConsulted, EventGaranteAnswered, EventClosed:
		return "note"
	case EventFeesCharged:
		return "charge"
	case EventReviewFiled, EventOmbudsmanFiled, EventAppealFiled:
		return "remedy"
	case EventReviewDecided:
		return "reviewRuling"
	case EventOmbudsmanDecided:
		return "ombudsmanRuling"
	case EventOmbudsmanAnswered:
		return "answer"
	case EventAppealDecided:
		return "appealRuling"
	case EventPublicSubjectSet:
		return "subject"
	}
	return ""
}

// present lists the payload fields that are set.
func (e Event) present() []string {
	var out []string
	add := func(set bool, name string) {
		if set {
			out = append(out, name)
		}
	}
	add(e.Filed != nil, "filed")
	add(e.Irregularity != nil, "irregularity")
	add(e.FormalRequest != nil, "formalRequest")
	add(e.Correction != nil, "correction")
	add(e.Assignment != nil, "assignment")
	add(e.Forwarding != nil, "forwarding")
	add(e.StartNotice != nil, "startNotice")
	add(e.DocRequest != nil, "docRequest")
	add(e.DocAnswer != nil, "docAnswer")
	add(e.Reminder != nil, "reminder")
	add(e.Notification != nil, "notification")
	add(e.PartyAct != nil, "partyAct")
	add(e.Ruling != nil, "ruling")
	add(e.Communication != nil, "communication")
	add(e.Release != nil, "release")
	add(e.Note != nil, "note")
	add(e.Charge != nil, "charge")
	add(e.Remedy != nil, "remedy")
	add(e.ReviewRuling != nil, "reviewRuling")
	add(e.OmbudsmanRuling != nil, "ombudsmanRuling")
	add(e.Answer != nil, "answer")
	add(e.AppealRuling != nil, "appealRuling")
	add(e.Subject != nil, "subject")
	add(e.Substitution != nil, "substitution")
	return out
}

// Validate reports an error wrapping ErrInvalid unless e has a known type
// and exactly the payload that type carries.
func (e Event) Validate() error {
	want := payloadOf(e.Type)
	if want == "" {
		return procedure.Invalid("unknown event type %q", e.Type)
	}
	got := e.present()
	if len(got) != 1 || got[0] != want {
		return procedure.Invalid("event %s must carry exactly its %q payload, has %v", e.Type, want, got)
	}
	return nil
}

// Person is a natural or legal person: the requester or a
// counter-interested party. PERSONAL DATA: a Person never reaches anything
// meant for publication (ANAC 1309/2016 § 9; Reg. UE 2016/679).
type Person struct {
	// Name is the first name, or a legal person's name.
	Name string `json:"name,omitempty"`
	// Surname is the surname (empty for a legal person).
	Surname string `json:"surname,omitempty"`
	// FiscalCode is the codice fiscale or partita IVA.
	FiscalCode string `json:"fiscalCode,omitempty"`
	// BirthPlace and BirthDate identify a natural person (Circolare FP
	// 2/2017 All. 1 § 2 lett. a).
	BirthPlace string        `json:"birthPlace,omitempty"`
	BirthDate  deadline.Date `json:"birthDate,omitzero"`
	// Residence is the address of residence (All. 1 § 2 lett. b).
	Residence string `json:"residence,omitempty"`
	// Address is the address for communications (domicilio), if different.
	Address string `json:"address,omitempty"`
	// Email and PEC are electronic addresses for communications.
	Email string `json:"email,omitempty"`
	PEC   string `json:"pec,omitempty"`
	// Phone is a telephone number.
	Phone string `json:"phone,omitempty"`
	// Capacity is the capacity in which the person acts for someone else
	// ("legale rappresentante di ...", "delegato di ..."), whose powers must
	// be shown (art. 5 c. 2 DPR 184/2006).
	Capacity string `json:"capacity,omitempty"`
}

// FullName returns name and surname.
func (p Person) FullName() string {
	switch {
	case p.Name == "":
		return p.Surname
	case p.Surname == "":
		return p.Name
	}
	return p.Name + " " + p.Surname
}

// Contact reports whether p has an address to receive communications.
func (p Person) Contact() bool {
	return p.Email != "" || p.PEC != "" || p.Address != "" || p.Residence != ""
}

// identifiers returns the strings that would identify p in a text.
func (p Person) identifiers() []string {
	// The first name alone is left out ("Maria" would refuse "Santa Maria
	// Maggiore"); a legal person's name is its Name. Surnames match as whole
	// words, codes and numbers whatever their spacing (internal/privacy).
	ids := []string{p.FullName(), p.Surname, p.FiscalCode, p.Email, p.PEC, p.Phone}
	if p.Surname == "" {
		ids = append(ids, p.Name)
	}
	ids = append(ids, privacy.Address(p.Residence)...)
	return append(ids, privacy.Address(p.Address)...)
}

// Protocol is a request's registration in the protocol system.
type Protocol struct {
	// Number is the protocol number, e.g. "RA/2026/0012345". File and
	// Correct accept the forms ParseProtocolNumber reads and record the
	// normal form (ProtocolNumber.String); anything else is refused with a
	// *ProtocolError.
	Number string `json:"number"`
	// Date is the registration date.
	Date deadline.Date `json:"date"`
}

// Filing is what the received event records: the request as filed. Subject,
// Requested and Reasons are the requester's own words and may contain
// personal data: they are never published (the office writes a publishable
// summary with SetPublicSubject).
type Filing struct {
	// Kind is the kind of access requested.
	Kind Kind `json:"kind"`
	// Informal marks an informal documentale request (art. 5 DPR 184/2006):
	// examined at once, without term.
	Informal bool `json:"informal,omitempty"`
	// Protocol is the registration in the protocol system.
	Protocol Protocol `json:"protocol"`
	// Received is the instant the request reached the administration; its
	// Rome date is the day the term is counted from. Zero means now.
	Received time.Time `json:"received"`
	// Channel is how it arrived.
	Channel Channel `json:"channel"`
	// Identification is how the requester was identified (art. 65 c. 1
	// D.Lgs. 82/2005): "SPID", "CIE", "firma digitale", "PEC", "documento
	// di identità".
	Identification string `json:"identification,omitempty"`
	// Applicant is the requester. PERSONAL DATA.
	Applicant Person `json:"applicant"`
	// Subject is the subject as the requester typed it. Not publishable.
	Subject string `json:"subject" limit:"1000"`
	// Requested describes the documents or data requested.
	Requested string `json:"requested,omitempty"`
	// Reasons are the requester's reasons: required for documentale access
	// (art. 25 c. 2 L. 241/1990), never for civic access (art. 5 c. 3).
	Reasons string `json:"reasons,omitempty" limit:"20000"`
	// Matter is the matter (materia), used to route the request.
	Matter string `json:"matter,omitempty"`
	// Office is the competent office, when known at filing (a request filed
	// directly with it).
	Office office.ID `json:"office,omitempty"`
	// ForwardedBy names another administration that forwarded the request
	// here. Where Policy.TransferRestart says so for the kind (by default
	// documentale access only: art. 6 c. 2 and 4 DPR 184/2006) the term
	// runs from its receipt here; otherwise from FiledElsewhere.
	ForwardedBy string `json:"forwardedBy,omitempty"`
	// FiledElsewhere is the day the requester filed the request with the
	// administration that forwarded it (ForwardedBy): civic access counts
	// its 30 days from the filing (art. 5 c. 6 D.Lgs. 33/2013), so a
	// transfer does not restart them unless Policy.TransferRestart says
	// so [P]. Zero when unknown: the term then runs from the receipt here,
	// and the explanation says so. Not after the receipt here.
	FiledElsewhere deadline.Date `json:"filedElsewhere,omitzero"`
}

// Irregularity is a notice that the request is irregular or incomplete
// (art. 6 c. 5 DPR 184/2006), or for civic access an invitation to make a
// generic request precise (Delibera ANAC 1309/2016 § 4.2).
type Irregularity struct {
	// Missing lists what is missing or irregular, in Italian.
	Missing []string `json:"missing"`
	// Note adds anything else the notice says.
	Note string `json:"note,omitempty"`
}

// FormalRequest invites an informal requester to file a formal request,
// because counter-interested parties emerged or the request cannot be
// granted at once (art. 5 c. 6 DPR 184/2006).
type FormalRequest struct {
	// Why says why the informal request cannot proceed.
	Why string `json:"why"`
}

// Correction is the requester's corrected (or formal) request. Empty fields
// leave the filed ones unchanged.
type Correction struct {
	// Subject, Requested and Reasons replace the filed ones when not empty.
	Subject   string `json:"subject,omitempty" limit:"1000"`
	Requested string `json:"requested,omitempty"`
	Reasons   string `json:"reasons,omitempty" limit:"20000"`
	// Identification replaces the filed one when not empty.
	Identification string `json:"identification,omitempty"`
	// Applicant, if not nil, replaces the applicant's data. PERSONAL DATA.
	Applicant *Person `json:"applicant,omitempty"`
	// Protocol is the registration of the corrected request, if any.
	Protocol Protocol `json:"protocol,omitzero"`
}

// Assignment gives the request to the office competent ratione materiae.
type Assignment struct {
	// Office is the competent office (in the Directory).
	Office office.ID `json:"office"`
	// Note explains the choice.
	Note string `json:"note,omitempty"`
}

// Forwarding sends the request to another office of the administration
// (forwarded) or to another administration (transferred).
type Forwarding struct {
	// To is the office in the Directory, if it is there.
	To office.ID `json:"to,omitempty"`
	// Name names the destination (required when To is not in the Directory).
	Name string `json:"name,omitempty"`
	// External marks a destination outside the administration.
	External bool `json:"external,omitempty"`
	// ReceivedOn is the day the destination received the request. It
	// moves no term here: inside the administration the term runs from
	// the filing whatever office holds the request (art. 5 c. 3 and 6
	// D.Lgs. 33/2013; art. 25 c. 4 L. 241/1990), and a transfer ends the
	// procedure here. Zero means the day of the forwarding.
	ReceivedOn deadline.Date `json:"receivedOn,omitzero"`
}

// StartNotice is the communication that the procedure has started (artt. 7-8
// L. 241/1990), to the requester and the competent office.
type StartNotice struct {
	// Office is the office in charge.
	Office office.ID `json:"office,omitempty"`
	// Responsible is the responsabile del procedimento (a member of staff).
	Responsible string `json:"responsible,omitempty"`
	// Addressees lists who was told: "richiedente", "ufficio competente".
	Addressees []string `json:"addressees,omitempty"`
}

// InternalRequest asks an office that holds documents for them, by an
// internal due date set ahead of the legal one.
type InternalRequest struct {
	// Office is the office holding the documents.
	Office office.ID `json:"office"`
	// Documents describes what is asked.
	Documents string `json:"documents"`
	// Due is the internal due date; zero lets the Service set it
	// Policy.InternalLead days before the legal decision date.
	Due deadline.Date `json:"due,omitzero"`
}

// DocumentRequest asks one or more offices for documents at once. Internal
// requests are numbered from 1 in the order they are made, across events.
type DocumentRequest struct {
	// Requests are the internal requests, one per holding office.
	Requests []InternalRequest `json:"requests"`
}

// DocumentAnswer records an office's answer to internal request number N.
type DocumentAnswer struct {
	// Request is the number of the internal request (from 1).
	Request int `json:"request"`
	// Note summarises the answer.
	Note string `json:"note,omitempty"`
}

// Reminder records a reminder (sollecito) sent to a late office.
type Reminder struct {
	// Request is the number of the internal request (from 1).
	Request int `json:"request"`
	// Note is the reminder's text.
	Note string `json:"note,omitempty"`
}

// Notification sends the notice of the request to counter-interested
// parties (art. 3 DPR 184/2006; art. 5 c. 5 D.Lgs. 33/2013). Parties are
// numbered from 1 in the order they are notified, across events.
type Notification struct {
	// Parties are the counter-interested parties notified. PERSONAL DATA.
	Parties []Person `json:"parties"`
	// Means is how: "raccomandata A/R", "PEC".
	Means string `json:"means,omitempty"`
}

// PartyAct is an act of or about counter-interested party number Party:
// the receipt of the notice, an opposition, the receipt of the acceptance.
type PartyAct struct {
	// Party is the party's number (from 1).
	Party int `json:"party"`
	// Note summarises the act (an opposition's reasons). PERSONAL DATA.
	Note string `json:"note,omitempty"`
}

// Viewing is where and for how long the documents can be viewed and copied
// after a documentale acceptance (art. 7 c. 1 DPR 184/2006: at least 15 days).
type Viewing struct {
	// Place is the office and address where the documents can be viewed.
	Place string `json:"place"`
	// Hours are the opening hours.
	Hours string `json:"hours,omitempty"`
	// Days is the viewing period in days, at least 15, from the
	// requester's receipt of the acceptance (Ruling.Communicated or
	// CommunicateDecision), or from the decision while it is unknown.
	Days int `json:"days"`
}

// Ruling is a decision on the request.
type Ruling struct {
	// Outcome is the decision's outcome.
	Outcome Outcome `json:"outcome"`
	// Grounds name the grounds of a refusal, partial acceptance, deferral
	// or inadmissibility (art. 24 L. 241/1990; art. 5-bis D.Lgs. 33/2013).
	Grounds []GroundCode `json:"grounds,omitempty"`
	// Reasons are the full reasons communicated to the requester.
	Reasons string `json:"reasons,omitempty" limit:"20000"`
	// Summary is the publishable summary of the reasons for the register
	// (Sintesi della motivazione): it must not contain personal data.
	Summary string `json:"summary,omitempty" limit:"1000"`
	// DeferredUntil is the day access is allowed from, for a deferral: the
	// act ordering it states its duration (art. 9 c. 3 DPR 184/2006; the
	// cases where deferral may be ordered are in c. 2; art. 5-bis c. 5
	// D.Lgs. 33/2013).
	DeferredUntil deadline.Date `json:"deferredUntil,omitzero"`
	// NoDeferral states why deferral would not suffice, required for a
	// refusal: access cannot be refused where deferral suffices (art. 24 c. 4
	// L. 241/1990; art. 5-bis c. 5 D.Lgs. 33/2013).
	NoDeferral string `json:"noDeferral,omitempty" limit:"20000"`
	// Viewing is where and how long documents can be viewed after a
	// documentale acceptance (art. 7 c. 1 DPR 184/2006).
	Viewing *Viewing `json:"viewing,omitempty"`
	// Communicated is the day the requester received the decision, when
	// known as it is recorded (handed over at the counter, a PEC delivered
	// the same day): not before the decision nor after today. The remedy
	// terms (TAR, art. 116 c. 1 c.p.a., "dalla conoscenza"; difensore
	// civico; the review's orientative term) run from it. Zero while
	// unknown: record it later with CommunicateDecision; meanwhile they run
	// from the decision's day, the earliest the requester could know it
	// [P], and their explanations say so.
	Communicated deadline.Date `json:"communicated,omitzero"`
}

// Communicated names the act whose receipt by the requester a
// Communication records.
type Communicated string

// The acts a Communication may record the requester's receipt of.
const (
	// CommunicatedDecision is the office's decision (Ruling).
	CommunicatedDecision Communicated = "decision"
	// CommunicatedReview is the RPCT's decision on the review (ReviewRuling).
	CommunicatedReview Communicated = "review"
	// CommunicatedOmbudsman is the outcome of the difensore civico or the
	// Commissione (OmbudsmanRuling.RequesterReceived).
	CommunicatedOmbudsman Communicated = "ombudsman"
)

// Valid reports whether c is one of the declared acts, or empty (the
// decision).
func (c Communicated) Valid() bool {
	return c == "" || c == CommunicatedDecision || c == CommunicatedReview || c == CommunicatedOmbudsman
}

// orDecision returns c, or CommunicatedDecision for the empty value.
func (c Communicated) orDecision() Communicated {
	if c == "" {
		return CommunicatedDecision
	}
	return c
}

// Communication records the day (the event's day, Act.On) the requester
// received a decision, the review's decision or the ombudsman's outcome:
// the remedy terms against it run from that day (art. 116 c. 1 c.p.a.;
// art. 25 c. 4 L. 241/1990; art. 5 c. 8 D.Lgs. 33/2013). Recorded once per
// act, not before the act nor after today, typically from a return receipt
// or a PEC delivery receipt that arrives after the act was recorded.
type Communication struct {
	// Of is the act received: CommunicatedDecision (the default when
	// empty), CommunicatedReview or CommunicatedOmbudsman.
	Of Communicated `json:"of,omitempty"`
	// Means is how it was communicated: "PEC", "raccomandata A/R",
	// "consegna allo sportello".
	Means string `json:"means,omitempty"`
}

// Release records documents or data released to the requester (or, for
// simple civic access, published with the link sent).
type Release struct {
	// Documents describes what was released.
	Documents string `json:"documents,omitempty"`
	// Medium is how: a copy on paper, a disc, electronic.
	Medium Medium `json:"medium,omitempty"`
	// Link is where the data were published (simple civic access, art. 5 c. 6).
	Link string `json:"link,omitempty"`
	// Urgency states the proven urgency that allows releasing before the
	// dilatory term after an opposition (art. 5 c. 6 D.Lgs. 33/2013).
	Urgency string `json:"urgency,omitempty"`
}

// Note is the payload of acts that carry only a text: a withdrawal, a
// breach report, a request for or an opinion of the Garante, a closure.
type Note struct {
	// Text is the act's text or summary.
	Text string `json:"text,omitempty"`
}

// Copy describes the copies whose cost is charged.
type Copy struct {
	// Pages is the number of pages reproduced.
	Pages int `json:"pages"`
	// Medium is the medium of the copies.
	Medium Medium `json:"medium"`
	// Certified asks for certified copies (copie conformi), subject to
	// stamp duty (documentale access only).
	Certified bool `json:"certified,omitempty"`
	// Searches is the number of search or viewing fees due where the tariff
	// sets them (documentale access only).
	Searches int `json:"searches,omitempty"`
}

// Charge records reproduction costs charged to the requester.
type Charge struct {
	// Copy is what was reproduced.
	Copy Copy `json:"copy"`
	// Fee is the cost computed from the administration's tariff.
	Fee Fee `json:"fee"`
}

// RemedyRequest files a remedy: a review (riesame), a recourse to the
// difensore civico or the Commissione, a court appeal.
type RemedyRequest struct {
	// Party is 0 when the requester files it, or the number of the
	// counter-interested party who does (art. 5 c. 9 D.Lgs. 33/2013).
	Party int `json:"party,omitempty"`
	// Body is the body a recourse goes to (ombudsman only).
	Body Body `json:"body,omitempty"`
	// Court is the court of an appeal ("TAR Lazio").
	Court string `json:"court,omitempty"`
	// Number is the court's or the body's docket number, if known.
	Number string `json:"number,omitempty"`
	// Interests are, for a counter-interested party's review (art. 5 c. 9
	// D.Lgs. 33/2013), the private interests of art. 5-bis c. 2 it invokes
	// against the acceptance; invoking the protection of personal data
	// (lett. a) lets the RPCT hear the Garante (art. 5 c. 7). Read by
	// FileReview only; the requester states none.
	Interests []GroundCode `json:"interests,omitempty"`
	// Note summarises the request.
	Note string `json:"note,omitempty"`
}

// ReviewRuling is the RPCT's decision on a review.
type ReviewRuling struct {
	// Outcome: Accepted, PartiallyAccepted or Refused (the refusal confirmed).
	Outcome Outcome `json:"outcome"`
	// Grounds name the grounds if access stays refused in whole or part.
	Grounds []GroundCode `json:"grounds,omitempty"`
	// Reasons are the full reasons.
	Reasons string `json:"reasons,omitempty" limit:"20000"`
	// Summary is the publishable summary (no personal data).
	Summary string `json:"summary,omitempty" limit:"1000"`
	// Communicated is the day the requester received the decision, when
	// known as it is recorded (see Ruling.Communicated): the TAR term runs
	// from it, else from the decision's day [P].
	Communicated deadline.Date `json:"communicated,omitzero"`
}

// OmbudsmanRuling is the outcome of a recourse to the difensore civico or
// the Commissione per l'accesso. Three days matter, each checked against
// the decision and today only, never against one another (the body tells
// the requester and the administration separately): the body's decision
// (Decided), checked against its 30 days; the requester's receipt
// (RequesterReceived), from which the TAR term runs; the administration's
// receipt (AdministrationReceived), from which its 30 days to confirm a
// refusal found unlawful run (art. 25 c. 4 L. 241/1990; art. 5 c. 8 D.Lgs.
// 33/2013). The event's own day (Act.On) is the day the outcome is
// recorded.
type OmbudsmanRuling struct {
	// Outcome is the body's outcome.
	Outcome OmbudsmanOutcome `json:"outcome"`
	// Summary summarises it (no personal data).
	Summary string `json:"summary,omitempty" limit:"1000"`
	// Decided is the day of the body's decision: not before the recourse
	// nor after the day the outcome is recorded. Zero means the day of the
	// event (as in histories recorded before this field existed, when the
	// event was dated the day the requester received the outcome).
	Decided deadline.Date `json:"decided,omitzero"`
	// RequesterReceived is the day the requester received the outcome: the
	// TAR term runs from it. Zero while unknown: the term is then counted
	// from Decided, the earliest day the requester could know it [P], and
	// the explanation says so; record it later with CommunicateDecision.
	RequesterReceived deadline.Date `json:"requesterReceived,omitzero"`
	// AdministrationReceived is the day the administration received the
	// communication: its 30 days to confirm run from it. Zero means the day
	// of the event: the administration records the outcome on receiving it.
	AdministrationReceived deadline.Date `json:"administrationReceived,omitzero"`
}

// AdministrationAnswer is the administration's answer after the ombudsman
// found its refusal unlawful: a reasoned confirmation, or access allowed.
type AdministrationAnswer struct {
	// Confirm confirms the refusal; false allows access.
	Confirm bool `json:"confirm"`
	// Reasons are the reasons of a confirmation.
	Reasons string `json:"reasons,omitempty" limit:"20000"`
	// Summary is the publishable summary (no personal data).
	Summary string `json:"summary,omitempty" limit:"1000"`
}

// AppealRuling is the court's decision on an appeal.
type AppealRuling struct {
	// Outcome is one of AppealAccepted, AppealPartiallyAccepted,
	// AppealRejected, AppealInadmissible, AppealAbandoned.
	Outcome string `json:"outcome"`
	// Number is the judgment's number ("sentenza n. 1234/2026").
	Number string `json:"number,omitempty"`
	// Communicated is the day the ruling was communicated to the
	// administration, the "Data di comunicazione del provvedimento
	// all'amministrazione" of the register's court block (Circolare FP
	// 2/2017 All. 3 § 4): not before the ruling (the event's day) nor after
	// today. Zero while unknown: the register then leaves it empty.
	Communicated deadline.Date `json:"communicated,omitzero"`
}

// PublicSubject is the office's publishable summary of the subject, for the
// register of accesses. It must not contain personal data (ANAC 1309/2016 § 9).
type PublicSubject struct {
	// Text is the summary, without personal data.
	Text string `json:"text" limit:"1000"`
}

// NewEvent builds an event of type t carrying payload, which must be a
// pointer to the payload type t carries (*Ruling for EventDecided, *Note for
// EventClosed...). It returns an error wrapping ErrInvalid otherwise. Stores
// and importers use it to rebuild events; the Service builds its own.
func NewEvent(t EventType, payload any) (Event, error) {
	e := Event{Type: t}
	switch p := payload.(type) {
	case *Filing:
		e.Filed = p
	case *Irregularity:
		e.Irregularity = p
	case *FormalRequest:
		e.FormalRequest = p
	case *Correction:
		e.Correction = p
	case *Assignment:
		e.Assignment = p
	case *Forwarding:
		e.Forwarding = p
	case *StartNotice:
		e.StartNotice = p
	case *DocumentRequest:
		e.DocRequest = p
	case *DocumentAnswer:
		e.DocAnswer = p
	case *Reminder:
		e.Reminder = p
	case *Notification:
		e.Notification = p
	case *PartyAct:
		e.PartyAct = p
	case *Ruling:
		e.Ruling = p
	case *Communication:
		e.Communication = p
	case *Release:
		e.Release = p
	case *Note:
		e.Note = p
	case *Charge:
		e.Charge = p
	case *RemedyRequest:
		e.Remedy = p
	case *ReviewRuling:
		e.ReviewRuling = p
	case *OmbudsmanRuling:
		e.OmbudsmanRuling = p
	case *AdministrationAnswer:
		e.Answer = p
	case *AppealRuling:
		e.AppealRuling = p
	case *PublicSubject:
		e.Subject = p
	case *SubstituteRequest:
		e.Substitution = p
	default:
		return Event{}, procedure.Invalid("%T is not an event payload", payload)
	}
	if err := e.Validate(); err != nil {
		return Event{}, err
	}
	return e, nil
}
