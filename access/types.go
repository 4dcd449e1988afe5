package access

import (
	"fmt"

	"github.com/puntodiascolto/ascolto/law"
)

// ID identifies an access request. The Service generates a UUID unless the
// caller supplies one (for instance the protocol system's own identifier).
type ID string

// Kind is the kind of access a request exercises. The three kinds follow
// different laws, terms and remedies.
type Kind string

const (
	// Documentale is accesso documentale (artt. 22-25 L. 241/1990; DPR
	// 184/2006): access to administrative documents by whoever has a direct,
	// concrete and current interest, which the request must state. Its
	// informal variant (art. 5 DPR 184/2006) is a Documentale request with
	// Filing.Informal set.
	Documentale Kind = "documentale"
	// CivicoSemplice is accesso civico semplice (art. 5 c. 1 D.Lgs. 33/2013):
	// anyone may ask for documents and data whose publication is mandatory
	// and was omitted; the office publishes them and sends the link.
	CivicoSemplice Kind = "civico-semplice"
	// Generalizzato is accesso civico generalizzato, the Italian FOIA (art. 5
	// c. 2 D.Lgs. 33/2013): anyone may access data and documents held by the
	// administration, within the limits of art. 5-bis, without giving reasons.
	Generalizzato Kind = "generalizzato"
)

// Kinds lists the kinds of access in a stable order.
func Kinds() []Kind { return []Kind{Documentale, CivicoSemplice, Generalizzato} }

// Valid reports whether k is one of the declared kinds.
func (k Kind) Valid() bool {
	return k == Documentale || k == CivicoSemplice || k == Generalizzato
}

// Civic reports whether k is one of the two kinds of accesso civico.
func (k Kind) Civic() bool { return k == CivicoSemplice || k == Generalizzato }

// Italian returns the kind's name as the register prints it.
func (k Kind) Italian() string {
	switch k {
	case Documentale:
		return "accesso documentale"
	case CivicoSemplice:
		return "accesso civico semplice"
	case Generalizzato:
		return "accesso civico generalizzato"
	}
	return string(k)
}

// Basis returns the provision that grants the kind of access.
func (k Kind) Basis() law.Citation {
	switch k {
	case Documentale:
		return citeL241Art22
	case CivicoSemplice:
		return law.Cite(dlgs33, "5", "1")
	case Generalizzato:
		return law.Cite(dlgs33, "5", "2")
	}
	return law.Citation{}
}

// State is where a request stands in its lifecycle. States are derived from
// the history by Replay; they are never stored on their own.
type State string

const (
	// StateNew is the state before filing, the origin of the "received" act.
	StateNew State = "new"
	// StatePending is "in istruttoria": filed and being examined, up to the
	// decision. A request whose term passed without decision is still
	// pending: its silence is derived from the dates (Request.SilenceFrom).
	StatePending State = "pending"
	// StateIrregular is "in attesa di regolarizzazione": the requester was
	// told the request is irregular or incomplete, or (informal access) was
	// asked to file a formal request, and the office waits for it.
	StateIrregular State = "irregular"
	// StateDecided is "decisa": the competent office adopted its decision
	// (Request.Decision says which).
	StateDecided State = "decided"
	// StateReview is "riesame in corso" before the RPCT (art. 5 c. 7 D.Lgs. 33/2013).
	StateReview State = "review"
	// StateReviewed is "riesame deciso".
	StateReviewed State = "reviewed"
	// StateOmbudsman is "ricorso al difensore civico (o alla Commissione per
	// l'accesso) in corso".
	StateOmbudsman State = "ombudsman"
	// StateOmbudsmanDecided is "esito del difensore civico": if it found the
	// refusal unlawful, the administration has 30 days to confirm it.
	StateOmbudsmanDecided State = "ombudsman-decided"
	// StateAppeal is "ricorso al TAR in corso" (art. 116 c.p.a.).
	StateAppeal State = "appeal"
	// StateJudged is "ricorso al TAR deciso".
	StateJudged State = "judged"
	// StateTransferred is "trasmessa ad altra amministrazione": the request
	// left the administration (art. 6 c. 2 DPR 184/2006).
	StateTransferred State = "transferred"
	// StateWithdrawn is "ritirata" by the requester.
	StateWithdrawn State = "withdrawn"
	// StateClosed is "archiviata": the file is closed.
	StateClosed State = "closed"
)

// Terminal reports whether no further act but the publishable subject
// summary can change the request.
func (s State) Terminal() bool {
	return s == StateTransferred || s == StateWithdrawn || s == StateClosed
}

// Italian returns the state's name for officers.
func (s State) Italian() string {
	switch s {
	case StateNew:
		return "nuova"
	case StatePending:
		return "in istruttoria"
	case StateIrregular:
		return "in attesa di regolarizzazione"
	case StateDecided:
		return "decisa"
	case StateReview:
		return "riesame in corso"
	case StateReviewed:
		return "riesame deciso"
	case StateOmbudsman:
		return "ricorso al difensore civico in corso"
	case StateOmbudsmanDecided:
		return "ricorso al difensore civico deciso"
	case StateAppeal:
		return "ricorso al TAR in corso"
	case StateJudged:
		return "ricorso al TAR deciso"
	case StateTransferred:
		return "trasmessa ad altra amministrazione"
	case StateWithdrawn:
		return "ritirata"
	case StateClosed:
		return "archiviata"
	}
	return string(s)
}

// Channel is how a request reached the administration.
type Channel string

const (
	// ChannelEmail is ordinary e-mail (posta elettronica).
	ChannelEmail Channel = "email"
	// ChannelPEC is certified e-mail (posta elettronica certificata).
	ChannelPEC Channel = "pec"
	// ChannelProtocol is the general protocol office (protocollo).
	ChannelProtocol Channel = "protocol"
	// ChannelCRM is the citizen-relations system (CRM) of the administration.
	ChannelCRM Channel = "crm"
	// Channel060606 is an escalation from the ChiamaRoma 060606 contact centre.
	Channel060606 Channel = "060606"
	// ChannelURP is the Ufficio Relazioni con il Pubblico.
	ChannelURP Channel = "urp"
	// ChannelOnline is the online form, with SPID or CIE authentication.
	ChannelOnline Channel = "online"
	// ChannelCounter is filing in person at a counter (sportello).
	ChannelCounter Channel = "counter"
	// ChannelPost is ordinary or registered post.
	ChannelPost Channel = "post"
)

// Channels lists the channels in a stable order.
func Channels() []Channel {
	return []Channel{ChannelEmail, ChannelPEC, ChannelProtocol, ChannelCRM, Channel060606, ChannelURP, ChannelOnline, ChannelCounter, ChannelPost}
}

// Valid reports whether c is one of the declared channels.
func (c Channel) Valid() bool {
	for _, k := range Channels() {
		if c == k {
			return true
		}
	}
	return false
}

// Italian returns the channel's name for a receipt or the register.
func (c Channel) Italian() string {
	switch c {
	case ChannelEmail:
		return "posta elettronica"
	case ChannelPEC:
		return "PEC"
	case ChannelProtocol:
		return "protocollo"
	case ChannelCRM:
		return "CRM"
	case Channel060606:
		return "ChiamaRoma 060606"
	case ChannelURP:
		return "URP"
	case ChannelOnline:
		return "modulo online (SPID/CIE)"
	case ChannelCounter:
		return "sportello"
	case ChannelPost:
		return "posta"
	}
	return string(c)
}

// Outcome is the outcome of a decision or of a review.
type Outcome string

const (
	// Accepted is "accoglimento".
	Accepted Outcome = "accepted"
	// PartiallyAccepted is "accoglimento parziale" (rifiuto parziale): access
	// to part of the documents or data, the rest refused on stated grounds.
	PartiallyAccepted Outcome = "partially-accepted"
	// Refused is "rifiuto" (diniego totale), on stated grounds.
	Refused Outcome = "refused"
	// Deferred is "differimento": access allowed from a stated date (art. 9
	// c. 2-3 DPR 184/2006; art. 5-bis c. 5 D.Lgs. 33/2013).
	Deferred Outcome = "deferred"
	// Inadmissible is "inammissibilità": the request cannot be examined (a
	// generic request, a generalised control of the administration).
	Inadmissible Outcome = "inadmissible"
)

// Outcomes lists the outcomes in a stable order.
func Outcomes() []Outcome {
	return []Outcome{Accepted, PartiallyAccepted, Refused, Deferred, Inadmissible}
}

// Valid reports whether o is one of the declared outcomes.
func (o Outcome) Valid() bool {
	switch o {
	case Accepted, PartiallyAccepted, Refused, Deferred, Inadmissible:
		return true
	}
	return false
}

// Grants reports whether the outcome gives access to at least part of what
// was asked, now.
func (o Outcome) Grants() bool { return o == Accepted || o == PartiallyAccepted }

// Denies reports whether the outcome refuses, limits or postpones access:
// the outcomes that open the requester's remedies.
func (o Outcome) Denies() bool {
	return o == PartiallyAccepted || o == Refused || o == Deferred || o == Inadmissible
}

// Italian returns the outcome as the register prints it (Circolare FP
// 2/2017 All. 3: accoglimento, rifiuto parziale, rifiuto totale).
func (o Outcome) Italian() string {
	switch o {
	case Accepted:
		return "accoglimento"
	case PartiallyAccepted:
		return "accoglimento parziale"
	case Refused:
		return "rifiuto"
	case Deferred:
		return "differimento"
	case Inadmissible:
		return "inammissibilità"
	}
	return string(o)
}

// OmbudsmanOutcome is the outcome of a recourse to the difensore civico or
// the Commissione per l'accesso.
type OmbudsmanOutcome string

const (
	// OmbudsmanUnlawful: the body found the refusal or deferral unlawful and
	// told the administration, which has 30 days to confirm it with reasons,
	// else access is allowed (art. 25 c. 4 L. 241/1990; art. 5 c. 8 D.Lgs.
	// 33/2013).
	OmbudsmanUnlawful OmbudsmanOutcome = "unlawful"
	// OmbudsmanRejected: the body rejected the recourse.
	OmbudsmanRejected OmbudsmanOutcome = "rejected"
	// OmbudsmanInadmissible: the body declared the recourse inadmissible.
	OmbudsmanInadmissible OmbudsmanOutcome = "inadmissible"
)

// Valid reports whether o is one of the declared outcomes.
func (o OmbudsmanOutcome) Valid() bool {
	return o == OmbudsmanUnlawful || o == OmbudsmanRejected || o == OmbudsmanInadmissible
}

// Italian returns the outcome in Italian.
func (o OmbudsmanOutcome) Italian() string {
	switch o {
	case OmbudsmanUnlawful:
		return "diniego ritenuto illegittimo"
	case OmbudsmanRejected:
		return "ricorso respinto"
	case OmbudsmanInadmissible:
		return "ricorso inammissibile"
	}
	return string(o)
}

// Body is the body a recourse against a refusal goes to besides the court
// (Policy.OmbudsmanBody says which one an administration has).
type Body string

const (
	// DifensoreCivico is the ombudsman, for regional and local
	// administrations only: for Roma Capitale, in practice that of Regione
	// Lazio (art. 25 c. 4 L. 241/1990; art. 5 c. 8 D.Lgs. 33/2013).
	DifensoreCivico Body = "difensore-civico"
	// CommissioneAccesso is the Commissione per l'accesso ai documenti
	// amministrativi, for acts of State administrations (art. 25 c. 4 L.
	// 241/1990; documentale access only).
	CommissioneAccesso Body = "commissione-accesso"
)

// Valid reports whether b is one of the declared bodies.
func (b Body) Valid() bool { return b == DifensoreCivico || b == CommissioneAccesso }

// dative returns "al difensore civico" or "alla Commissione per l'accesso
// ai documenti amministrativi", for receipts.
func (b Body) dative() string {
	if b == CommissioneAccesso {
		return "alla " + b.Italian()
	}
	return "al " + b.Italian()
}

// Italian returns the body's name.
func (b Body) Italian() string {
	switch b {
	case DifensoreCivico:
		return "difensore civico"
	case CommissioneAccesso:
		return "Commissione per l'accesso ai documenti amministrativi"
	}
	return string(b)
}

// Outcomes of a court appeal, as Appeal.Outcome records them.
const (
	// AppealAccepted: the court granted the appeal (ricorso accolto).
	AppealAccepted = "accolto"
	// AppealPartiallyAccepted: the court granted part of the appeal.
	AppealPartiallyAccepted = "accolto in parte"
	// AppealRejected: the court rejected the appeal (ricorso respinto).
	AppealRejected = "respinto"
	// AppealInadmissible: the appeal was inadmissible or dismissed.
	AppealInadmissible = "inammissibile"
	// AppealAbandoned: the proceeding ended without a decision on the merits
	// (estinto, improcedibile, rinuncia).
	AppealAbandoned = "estinto"
)

// appealOutcomes lists the outcomes RecordAppealOutcome accepts.
var appealOutcomes = []string{AppealAccepted, AppealPartiallyAccepted, AppealRejected, AppealInadmissible, AppealAbandoned}

// appealGrants reports whether a court outcome orders access.
func appealGrants(o string) bool { return o == AppealAccepted || o == AppealPartiallyAccepted }

// Medium is what copies are made on, for fees.
type Medium string

const (
	// MediumPaper is paper copies, charged per page.
	MediumPaper Medium = "paper"
	// MediumDisc is a CD or DVD.
	MediumDisc Medium = "disc"
	// MediumUSB is a USB stick.
	MediumUSB Medium = "usb"
	// MediumElectronic is sending by e-mail or PEC, or download: no material
	// medium.
	MediumElectronic Medium = "electronic"
)

// Valid reports whether m is one of the declared media.
func (m Medium) Valid() bool {
	switch m {
	case MediumPaper, MediumDisc, MediumUSB, MediumElectronic:
		return true
	}
	return false
}

// Material reports whether m is a material medium (art. 5 c. 4 D.Lgs. 33/2013).
func (m Medium) Material() bool { return m == MediumPaper || m == MediumDisc || m == MediumUSB }

// Italian returns the medium in Italian.
func (m Medium) Italian() string {
	switch m {
	case MediumPaper:
		return "copia cartacea"
	case MediumDisc:
		return "CD/DVD"
	case MediumUSB:
		return "chiavetta USB"
	case MediumElectronic:
		return "copia elettronica"
	}
	return string(m)
}

// Holder is who must act by a deadline.
type Holder uint8

const (
	// HolderOffice: the administration (front office, competent office or
	// RPCT). Only these deadlines make a request "due" in the store's index.
	HolderOffice Holder = iota + 1
	// HolderRequester: the requester (remedies, viewing period).
	HolderRequester
	// HolderParty: a counter-interested party (opposition).
	HolderParty
	// HolderOutside: a body outside the administration (Garante privacy,
	// difensore civico).
	HolderOutside
)

// String returns the holder's name in Italian.
func (h Holder) String() string {
	switch h {
	case HolderOffice:
		return "amministrazione"
	case HolderRequester:
		return "richiedente"
	case HolderParty:
		return "controinteressato"
	case HolderOutside:
		return "organo esterno"
	}
	return fmt.Sprintf("Holder(%d)", uint8(h))
}
