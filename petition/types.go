package petition

import (
	"fmt"
	"strings"

	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
)

// ID identifies a petition. The Service generates a UUID unless the caller
// supplies one (a protocol number, say).
type ID string

// State is where a petition stands in its lifecycle.
type State string

const (
	// Draft: bozza, registrata ma non ancora aperta alle firme.
	Draft State = "draft"
	// Collecting: raccolta delle firme in corso.
	Collecting State = "collecting"
	// Filed: depositata, in attesa della verifica di ammissibilità.
	Filed State = "filed"
	// Admissible: dichiarata ammissibile, in istruttoria.
	Admissible State = "admissible"
	// Inadmissible: dichiarata inammissibile, con la motivazione.
	Inadmissible State = "inadmissible"
	// Forwarded: trasmessa agli uffici competenti per gli elementi necessari
	// alla risposta.
	Forwarded State = "forwarded"
	// Answered: risposta data (o proposta decisa).
	Answered State = "answered"
	// Archived: archiviata.
	Archived State = "archived"
)

// start is the state before the first event: only drafting is allowed.
const start State = "start"

// Italian returns the state's name for officers and citizens.
func (s State) Italian() string {
	switch s {
	case Draft:
		return "bozza"
	case Collecting:
		return "raccolta firme in corso"
	case Filed:
		return "depositata"
	case Admissible:
		return "ammissibile, in istruttoria"
	case Inadmissible:
		return "inammissibile"
	case Forwarded:
		return "trasmessa agli uffici competenti"
	case Answered:
		return "conclusa con risposta"
	case Archived:
		return "archiviata"
	case start:
		return "non registrata"
	}
	return string(s)
}

// Channel is how a petition reached the administration.
type Channel string

const (
	// Counter: deposito allo sportello (Punto di Ascolto, URP, protocollo).
	Counter Channel = "sportello"
	// PEC: posta elettronica certificata.
	PEC Channel = "pec"
	// Post: posta ordinaria o raccomandata.
	Post Channel = "posta"
	// Online: portale istituzionale, previa autenticazione SPID o CIE.
	Online Channel = "online"
)

// Valid reports whether c is one of the declared channels.
func (c Channel) Valid() bool {
	switch c {
	case Counter, PEC, Post, Online:
		return true
	}
	return false
}

// Method is how one signature was given.
type Method string

const (
	// Paper: firma autografa su modulo cartaceo.
	Paper Method = "carta"
	// SPID: adesione online con identità digitale SPID.
	SPID Method = "spid"
	// CIE: adesione online con carta d'identità elettronica.
	CIE Method = "cie"
)

// Valid reports whether m is one of the declared methods.
func (m Method) Valid() bool { return m == Paper || m == SPID || m == CIE }

// IsOnline reports whether the signature was authenticated online.
func (m Method) IsOnline() bool { return m == SPID || m == CIE }

// Outcome is how an answer concludes a petition.
type Outcome string

const (
	// Replied: risposta scritta (interrogazioni, interpellanze, petizioni).
	Replied Outcome = "risposta"
	// Accepted: accolta (petizione) o approvata (proposta di deliberazione).
	Accepted Outcome = "accolta"
	// PartlyAccepted: accolta in parte o approvata con modifiche.
	PartlyAccepted Outcome = "accolta-in-parte"
	// Rejected: non accolta o respinta.
	Rejected Outcome = "respinta"
)

// Valid reports whether o is one of the declared outcomes.
func (o Outcome) Valid() bool {
	switch o {
	case Replied, Accepted, PartlyAccepted, Rejected:
		return true
	}
	return false
}

// Person is a natural person's identity: promoters and signatories. Every
// field is personal data; none reaches Public or the Index.
type Person struct {
	// FamilyName is the surname.
	FamilyName string `json:"familyName,omitempty" limit:"200"`
	// GivenName is the name.
	GivenName string `json:"givenName,omitempty" limit:"200"`
	// CodiceFiscale is the personal tax code, as issued (omocodic codes
	// included).
	CodiceFiscale string `json:"codiceFiscale,omitempty" limit:"64"`
	// BirthDate is the date of birth, if declared; the age check otherwise
	// derives it from the codice fiscale.
	BirthDate deadline.Date `json:"birthDate"`
	// Address is the residence or domicile, if declared (the promoters'
	// domicile is required on paper petitions).
	Address string `json:"address,omitempty" limit:"1000"`
	// Email is a contact address, if declared.
	Email string `json:"email,omitempty" limit:"320"`
}

// Signature is one person's signature of a petition. It is personal data:
// it lives in the petition's history and reaches published figures only as
// counts.
type Signature struct {
	// Signatory is who signed. CodiceFiscale is required: it identifies the
	// person for the duplicate check.
	Signatory Person `json:"signatory"`
	// Category is the eligibility category the signatory declares.
	Category CategoryID `json:"category"`
	// Evidence is what the signatory declares to prove the category (the
	// electoral section, the workplace, the school...).
	Evidence string `json:"evidence,omitempty" limit:"1000"`
	// Method is how the signature was given.
	Method Method `json:"method"`
	// Date is the day of signing. A paper signature carries the date on the
	// form; an online one, left zero, takes the day it is recorded.
	Date deadline.Date `json:"date"`
	// Sheet is the paper sheet (modulo) number, or the online authentication's
	// transaction reference.
	Sheet string `json:"sheet,omitempty" limit:"200"`
}

// validate checks the signature's own form (not the rules that depend on the
// petition) and returns the parsed code.
func (s Signature) validate() (codicefiscale.Code, error) {
	cf, err := codicefiscale.Parse(s.Signatory.CodiceFiscale)
	if err != nil {
		return codicefiscale.Code{}, err
	}
	return cf, s.validateRest()
}

// validateForm is validate without building the CodiceFiscale.
func (s Signature) validateForm() error {
	if _, err := codicefiscale.ParseKey(s.Signatory.CodiceFiscale); err != nil {
		return err
	}
	return s.validateRest()
}

func (s Signature) validateRest() error {
	switch {
	case !s.Method.Valid():
		return fmt.Errorf("%w: unknown signature method %q", ErrInvalidEvent, s.Method)
	case s.Category == "":
		return fmt.Errorf("%w: signature without eligibility category", ErrInvalidEvent)
	case s.Date.IsZero():
		return fmt.Errorf("%w: signature without date", ErrInvalidEvent)
	}
	return nil
}

// Request is a request for information the desk sends to a competent office,
// and that office's reply. Each request has its own internal due date.
type Request struct {
	// N numbers the petition's requests from 1, in order of forwarding.
	N int `json:"n"`
	// Office is the office asked.
	Office office.ID `json:"office"`
	// Question is what the office is asked, in the desk's words. It is
	// internal correspondence, not published.
	Question string `json:"question" limit:"4000"`
	// Days is the internal term to reply, in calendar days; 0 means the
	// policy's ReplyTerm.
	Days int `json:"days,omitempty"`
	// Forwarded is the day of forwarding.
	Forwarded deadline.Date `json:"forwarded"`
	// Due is the internal due date of the reply.
	Due deadline.Date `json:"due"`
	// Replied is the day the reply was recorded; zero while pending.
	Replied deadline.Date `json:"replied"`
	// Reply summarises the office's reply (internal, not published).
	Reply string `json:"reply,omitempty" limit:"20000"`
	// Superseded marks a request left without reply when the petition was
	// answered: it no longer runs.
	Superseded bool `json:"superseded,omitempty"`
}

// Pending reports whether the request awaits a reply.
func (r Request) Pending() bool { return r.Replied.IsZero() && !r.Superseded }

func nonBlank(s string) bool { return strings.TrimSpace(s) != "" }
