package complaint

import (
	"fmt"
	"strings"
)

// ID identifies a complaint. The Service generates a random UUID when the
// caller does not supply one. An ID appears in published registers: it must
// never encode personal data (do not use a codice fiscale or an e-mail
// address as an ID; a 060606 ticket number is acceptable only if the
// administration publishes those).
type ID string

// Kind is what the citizen is writing about: the five kinds the Punto di
// Ascolto and Rome's SUS handle.
type Kind string

const (
	// Reclamo: the citizen complains of a disservice, a breach of the
	// service charter or of an officer's conduct (Direttiva P.C.M. 27
	// gennaio 1994, procedure di reclamo).
	Reclamo Kind = "reclamo"
	// Segnalazione: the citizen reports a problem to fix: a pothole, a
	// broken street lamp, uncollected waste.
	Segnalazione Kind = "segnalazione"
	// Suggerimento: the citizen proposes an improvement.
	Suggerimento Kind = "suggerimento"
	// Apprezzamento: the citizen praises a service or an officer.
	Apprezzamento Kind = "apprezzamento"
	// RichiestaInformazioni: the citizen asks about a service; the Punto di
	// Ascolto answers personally the questions 060606 could not.
	RichiestaInformazioni Kind = "richiesta-informazioni"
)

var kinds = []Kind{Reclamo, Segnalazione, Suggerimento, Apprezzamento, RichiestaInformazioni}

// Kinds returns every kind, in a stable order.
func Kinds() []Kind { return append([]Kind(nil), kinds...) }

// Valid reports whether k is one of the declared kinds.
func (k Kind) Valid() bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Italian returns the kind as an officer reads it: "reclamo",
// "richiesta di informazioni".
func (k Kind) Italian() string {
	if k == RichiestaInformazioni {
		return "richiesta di informazioni"
	}
	return string(k)
}

// ParseKind reads a kind by its stable name or its Italian words, ignoring
// case and accents: "Reclamo", "richiesta di informazioni", "richiesta-informazioni".
func ParseKind(s string) (Kind, error) {
	f := strings.ReplaceAll(fold(s), " ", "-")
	switch f {
	case "richiesta-di-informazioni", "informazioni", "richiesta-informazioni":
		return RichiestaInformazioni, nil
	}
	if k := Kind(f); k.Valid() {
		return k, nil
	}
	return "", fmt.Errorf("%w: unknown kind %q", ErrInvalid, s)
}

// Channel is how a complaint reached the administration.
type Channel string

const (
	// Email is ordinary e-mail, including the desk's CRM mailbox
	// (ld.gabinetto@comune.roma.it for Rome's Punto di Ascolto).
	Email Channel = "email"
	// PEC is posta elettronica certificata.
	PEC Channel = "pec"
	// Protocol is a document registered by the protocol office.
	Protocol Channel = "protocollo"
	// Escalation060606 is a case passed on by ChiamaRoma 060606, the
	// first-level contact centre, which the second-level desk takes over;
	// Filed.Escalation keeps the 060606 ticket.
	Escalation060606 Channel = "060606"
	// URP is the Ufficio Relazioni con il Pubblico.
	URP Channel = "urp"
	// Online is a web form or app: Rome's SUS, or an Open311 client.
	Online Channel = "online"
	// Counter is the desk's own counter (sportello).
	Counter Channel = "sportello"
	// Post is paper mail.
	Post Channel = "posta"
	// Phone is a call taken by the desk itself.
	Phone Channel = "telefono"
)

var channels = []Channel{Email, PEC, Protocol, Escalation060606, URP, Online, Counter, Post, Phone}

// Channels returns every channel, in a stable order.
func Channels() []Channel { return append([]Channel(nil), channels...) }

// Valid reports whether c is one of the declared channels.
func (c Channel) Valid() bool {
	for _, x := range channels {
		if x == c {
			return true
		}
	}
	return false
}

// Italian returns the channel as an officer reads it: "ChiamaRoma 060606".
func (c Channel) Italian() string {
	switch c {
	case Email:
		return "e-mail"
	case PEC:
		return "PEC"
	case Escalation060606:
		return "ChiamaRoma 060606"
	case URP:
		return "URP"
	}
	return string(c)
}

// State is where a complaint stands. The stable names are Italian, as the
// office and Rome's SUS use them; Phase groups them into SUS's three phases.
type State string

const (
	// Incoming is the state before registration: only File is allowed in
	// it, and no stored complaint is ever in it.
	Incoming State = "in-arrivo"
	// Registered: received and registered by the desk (SUS "Registrata").
	Registered State = "registrata"
	// Assigned: sent to the office competent for it, which has not yet
	// taken it up.
	Assigned State = "assegnata"
	// InProgress: the competent office is working on it (SUS "In lavorazione").
	InProgress State = "in-lavorazione"
	// AwaitingCitizen: more information was asked of the citizen and has
	// not arrived yet.
	AwaitingCitizen State = "in-attesa"
	// Answered: the citizen has been answered (riscontrata).
	Answered State = "riscontrata"
	// Reopened: the citizen was not satisfied with the answer and the case
	// is open again, with a new answer term.
	Reopened State = "riaperta"
	// ForwardedOutside: sent to a body outside the administration (a city
	// company such as AMA or ATAC, another administration).
	ForwardedOutside State = "trasmessa-esterno"
	// Merged: a duplicate of another complaint (accorpata): it follows its
	// master's outcome.
	Merged State = "accorpata"
	// Closed: the case is closed (SUS "Chiusa").
	Closed State = "chiusa"
)

var states = []State{Incoming, Registered, Assigned, InProgress, AwaitingCitizen, Answered, Reopened, ForwardedOutside, Merged, Closed}

// States returns every state, in lifecycle order.
func States() []State { return append([]State(nil), states...) }

// Valid reports whether s is one of the declared states.
func (s State) Valid() bool {
	for _, x := range states {
		if x == s {
			return true
		}
	}
	return false
}

// Open reports whether the administration still has to do something: the
// complaint is registered and neither answered, merged, sent outside nor
// closed.
func (s State) Open() bool {
	switch s {
	case Registered, Assigned, InProgress, AwaitingCitizen, Reopened:
		return true
	}
	return false
}

// Italian returns the state as an officer reads it: "in lavorazione".
func (s State) Italian() string {
	switch s {
	case Incoming:
		return "in arrivo"
	case InProgress:
		return "in lavorazione"
	case AwaitingCitizen:
		return "in attesa del cittadino"
	case ForwardedOutside:
		return "trasmessa a ente esterno"
	}
	return string(s)
}

// Phase is one of the three phases of Rome's Sistema Unico di Segnalazione,
// the states citizens see.
type Phase string

const (
	// PhaseRegistered is SUS "Registrata".
	PhaseRegistered Phase = "Registrata"
	// PhaseInProgress is SUS "In lavorazione".
	PhaseInProgress Phase = "In lavorazione"
	// PhaseClosed is SUS "Chiusa".
	PhaseClosed Phase = "Chiusa"
)

// Phase returns the SUS phase of s: Registered is "Registrata"; Answered,
// Merged and Closed are "Chiusa"; every other registered state is "In
// lavorazione". A complaint sent outside the administration stays "In
// lavorazione" until the desk closes it.
func (s State) Phase() Phase {
	switch s {
	case Incoming, Registered:
		return PhaseRegistered
	case Answered, Merged, Closed:
		return PhaseClosed
	}
	return PhaseInProgress
}

// Outcome is the substance of an answer. Each kind has its own outcomes
// (Outcomes); an answer with an outcome of another kind is refused.
type Outcome string

const (
	// Founded: the complaint is founded (fondato); the answer says what
	// the administration does about it.
	Founded Outcome = "fondato"
	// PartlyFounded: the complaint is partly founded.
	PartlyFounded Outcome = "parzialmente-fondato"
	// Unfounded: the complaint is not founded; the answer says why.
	Unfounded Outcome = "infondato"
	// Resolved: the reported problem has been fixed (intervento eseguito).
	Resolved Outcome = "risolta"
	// Scheduled: the intervention is scheduled (intervento programmato).
	Scheduled Outcome = "programmata"
	// NotFound: an inspection did not find the reported problem.
	NotFound Outcome = "non-riscontrata"
	// Adopted: the suggestion will be adopted.
	Adopted Outcome = "accolto"
	// Acknowledged: the suggestion or appreciation is acknowledged and
	// passed on (preso atto).
	Acknowledged Outcome = "preso-atto"
	// Informed: the information asked for was given.
	Informed Outcome = "informazioni-fornite"
)

// Outcomes returns the outcomes an answer to a complaint of kind k may have.
func Outcomes(k Kind) []Outcome {
	switch k {
	case Reclamo:
		return []Outcome{Founded, PartlyFounded, Unfounded}
	case Segnalazione:
		return []Outcome{Resolved, Scheduled, NotFound}
	case Suggerimento:
		return []Outcome{Adopted, Acknowledged}
	case Apprezzamento:
		return []Outcome{Acknowledged}
	case RichiestaInformazioni:
		return []Outcome{Informed}
	}
	return nil
}

// Valid reports whether o is one of the declared outcomes.
func (o Outcome) Valid() bool {
	for _, k := range kinds {
		for _, x := range Outcomes(k) {
			if x == o {
				return true
			}
		}
	}
	return false
}

// Italian returns the outcome as published: "parzialmente fondato".
func (o Outcome) Italian() string {
	switch o {
	case PartlyFounded:
		return "parzialmente fondato"
	case NotFound:
		return "non riscontrata"
	case Acknowledged:
		return "preso atto"
	case Informed:
		return "informazioni fornite"
	case Resolved:
		return "risolta"
	case Scheduled:
		return "intervento programmato"
	}
	return string(o)
}

// CloseReason says why a complaint was closed.
type CloseReason string

const (
	// ClosedAnswered: closed after the answer (the normal end).
	ClosedAnswered CloseReason = "riscontrata"
	// ClosedForwarded: closed after sending it outside the administration.
	ClosedForwarded CloseReason = "trasmessa"
	// ClosedNoReply: closed because the citizen did not give the
	// information asked for within the reply term.
	ClosedNoReply CloseReason = "mancato-riscontro"
	// ClosedWithdrawn: the citizen withdrew it.
	ClosedWithdrawn CloseReason = "ritirata"
	// ClosedNotPertinent: not a matter for the administration (a private
	// dispute, an offensive message, a matter for a court).
	ClosedNotPertinent CloseReason = "non-pertinente"
)

var closeReasons = []CloseReason{ClosedAnswered, ClosedForwarded, ClosedNoReply, ClosedWithdrawn, ClosedNotPertinent}

// Valid reports whether r is one of the declared reasons.
func (r CloseReason) Valid() bool {
	for _, x := range closeReasons {
		if x == r {
			return true
		}
	}
	return false
}

// Italian returns the reason as published: "mancato riscontro del cittadino".
func (r CloseReason) Italian() string {
	switch r {
	case ClosedAnswered:
		return "riscontrata"
	case ClosedForwarded:
		return "trasmessa a ente esterno"
	case ClosedNoReply:
		return "mancato riscontro del cittadino"
	case ClosedWithdrawn:
		return "ritirata dal cittadino"
	case ClosedNotPertinent:
		return "non pertinente"
	}
	return string(r)
}
