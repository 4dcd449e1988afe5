package council

import (
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/procedure"
)

// New is the state of an act not yet in the catalogue: the only act allowed
// in it is EventRegistered.
const New State = "new"

// Sources of the catalogue's rules. They are unexported, so that no caller
// can change what a rule cites; read them where they apply:
// Lifecycle(k).Row(act).Basis for each act, AnswerTermAssemblea().Source and
// AnswerTermTUEL().Source for the answer terms, RuleError.Rule for a refusal.
var (
	// tuel43c1 gives councillors the right to present interrogazioni and
	// mozioni (art. 43 c. 1 D.Lgs. 267/2000).
	tuel43c1 = law.Cite("D.Lgs. 267/2000", "43", "1").As(law.Secondary)
	// tuel43c3 obliges the Mayor or the delegated assessori to answer
	// interrogazioni and every other act of sindacato ispettivo within 30
	// days, the regolamento setting how (art. 43 c. 3 D.Lgs. 267/2000; the
	// Ministero dell'Interno quotes it verbatim, DAIT parere 14544).
	tuel43c3 = law.Cite("D.Lgs. 267/2000", "43", "3").WithNote("Min. Interno, DAIT parere 14544")
	// regolamentoAC105 is art. 105 of the Regolamento del Consiglio Comunale
	// di Roma (Del. C.C. 100/2002, last amended by Del. A.C. 136/2020): a
	// written answer to an interrogazione within 20 days.
	regolamentoAC105 = law.Citation{Act: "Regolamento del Consiglio Comunale di Roma (Del. C.C. 100/2002)", Article: "105", Confidence: law.Secondary}
	// regolamentoAC is the Regolamento del Consiglio Comunale as a whole:
	// agenda, votes, withdrawals.
	regolamentoAC = law.Citation{Act: "Regolamento del Consiglio Comunale di Roma (Del. C.C. 100/2002)", Confidence: law.Secondary}
	// catalogue is the Punto di Ascolto's task of analysing and cataloguing
	// the council acts (attribuzioni dell'Ufficio, Gabinetto del Sindaco,
	// D.D. 105/2024).
	catalogue = law.Citation{Act: "Gabinetto del Sindaco di Roma Capitale, D.D. 105/2024", Note: "attribuzioni dell'Ufficio Punto di Ascolto", Confidence: law.Secondary}
	// lapsePolicy is the catalogue's rule that an act left without answer or
	// vote at the end of the council's term is recorded as lapsed ([P]).
	lapsePolicy = law.Citation{Note: "scelta del catalogo: atto decaduto senza risposta o voto a fine consiliatura", Confidence: law.Policy}
)

var (
	recorders     = []office.Role{office.FrontOffice, office.External}
	curators      = []office.Role{office.FrontOffice, office.Administrator}
	questionTable = procedure.MustTable("interrogazioni e interpellanze",
		procedure.Row[State, EventType]{Act: EventRegistered, From: []State{New}, To: Filed,
			Roles: []office.Role{office.FrontOffice, office.Administrator, office.External}, Basis: tuel43c1, Label: "catalogazione"},
		procedure.Row[State, EventType]{Act: EventClassified, From: []State{Filed, Answered, Withdrawn, Lapsed}, Roles: curators, Basis: catalogue, Label: "classificazione"},
		procedure.Row[State, EventType]{Act: EventLinked, From: []State{Filed, Answered, Withdrawn, Lapsed}, Roles: curators, Basis: catalogue, Label: "collegamento"},
		procedure.Row[State, EventType]{Act: EventReminded, From: []State{Filed}, Roles: []office.Role{office.FrontOffice}, Basis: tuel43c3, Label: "sollecito"},
		procedure.Row[State, EventType]{Act: EventAnswered, From: []State{Filed}, To: Answered,
			Roles: []office.Role{office.FrontOffice, office.CompetentOffice, office.External}, Basis: tuel43c3, Label: "risposta"},
		procedure.Row[State, EventType]{Act: EventWithdrawn, From: []State{Filed}, To: Withdrawn, Roles: recorders, Basis: regolamentoAC, Label: "ritiro"},
		procedure.Row[State, EventType]{Act: EventLapsed, From: []State{Filed}, To: Lapsed, Roles: curators, Basis: lapsePolicy, Label: "decadenza"},
	)
	motionTable = procedure.MustTable("mozioni, risoluzioni e ordini del giorno",
		procedure.Row[State, EventType]{Act: EventRegistered, From: []State{New}, To: Filed,
			Roles: []office.Role{office.FrontOffice, office.Administrator, office.External}, Basis: tuel43c1, Label: "catalogazione"},
		procedure.Row[State, EventType]{Act: EventClassified, From: []State{Filed, Scheduled, Approved, Rejected, Withdrawn, Lapsed}, Roles: curators, Basis: catalogue, Label: "classificazione"},
		procedure.Row[State, EventType]{Act: EventLinked, From: []State{Filed, Scheduled, Approved, Rejected, Withdrawn, Lapsed}, Roles: curators, Basis: catalogue, Label: "collegamento"},
		procedure.Row[State, EventType]{Act: EventScheduled, From: []State{Filed, Scheduled}, To: Scheduled, Roles: recorders, Basis: regolamentoAC, Label: "iscrizione all'ordine dei lavori"},
		procedure.Row[State, EventType]{Act: EventApproved, From: []State{Filed, Scheduled}, To: Approved, Roles: recorders, Basis: regolamentoAC, Label: "approvazione"},
		procedure.Row[State, EventType]{Act: EventRejected, From: []State{Filed, Scheduled}, To: Rejected, Roles: recorders, Basis: regolamentoAC, Label: "reiezione"},
		procedure.Row[State, EventType]{Act: EventWithdrawn, From: []State{Filed, Scheduled}, To: Withdrawn, Roles: recorders, Basis: regolamentoAC, Label: "ritiro"},
		procedure.Row[State, EventType]{Act: EventLapsed, From: []State{Filed, Scheduled}, To: Lapsed, Roles: curators, Basis: lapsePolicy, Label: "decadenza"},
	)
)

// Lifecycle returns the transition table of acts of kind k: the one of
// interrogazioni and interpellanze (answered) or the one of mozioni,
// risoluzioni and ordini del giorno (voted). It is shared and immutable.
func Lifecycle(k Kind) *procedure.Table[State, EventType] {
	if k.Question() {
		return questionTable
	}
	return motionTable
}

// eventAct returns the act of the lifecycle an event records: its own
// type, or for a vote EventApproved or EventRejected by its outcome.
func eventAct(e Event) EventType {
	if e.Type == EventVoted && e.Voted != nil {
		return voteAct(*e.Voted)
	}
	return e.Type
}

// voteAct returns the act of the lifecycle a vote records.
func voteAct(v Vote) EventType {
	if v.Outcome == Reject {
		return EventRejected
	}
	return EventApproved
}
