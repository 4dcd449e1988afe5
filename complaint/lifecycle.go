package complaint

import (
	"slices"
	"sync"

	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/procedure"
)

// Table is the lifecycle of a complaint: one Row per act, with the states
// it is allowed in, the state it leads to, the roles that may perform it and
// its legal basis.
type Table = procedure.Table[State, EventType]

// Row is one act of the Lifecycle.
type Row = procedure.Row[State, EventType]

var table = sync.OnceValue(func() *Table {
	var (
		front      = []office.Role{office.FrontOffice}
		anyDesk    = []office.Role{office.FrontOffice, office.CompetentOffice}
		citizen    = []office.Role{office.External, office.FrontOffice}
		workable   = []State{Registered, Assigned, InProgress, AwaitingCitizen, Reopened}
		masters    = []State{Registered, Assigned, InProgress, AwaitingCitizen, Answered, Reopened, ForwardedOutside, Closed}
		registered = append(slices.Clip(masters), Merged)
	)
	return procedure.MustTable("complaint",
		Row{Act: EventFiled, From: []State{Incoming}, To: Registered,
			Roles: []office.Role{office.FrontOffice, office.External}, Basis: basisCharter, Label: "registrazione"},
		Row{Act: EventAssigned, From: []State{Registered, Reopened}, To: Assigned,
			Roles: front, Basis: basisURP, Label: "assegnazione all'ufficio competente"},
		Row{Act: EventForwarded, From: []State{Assigned, InProgress, AwaitingCitizen}, To: Assigned,
			Roles: anyDesk, Basis: basisURP, Label: "inoltro ad altro ufficio"},
		Row{Act: EventStarted, From: []State{Assigned, Reopened}, To: InProgress,
			Roles: []office.Role{office.CompetentOffice}, Basis: basisSUS, Label: "presa in carico"},
		Row{Act: EventInfoRequested, From: []State{Assigned, InProgress, Reopened}, To: AwaitingCitizen,
			Roles: anyDesk, Basis: basisReplyTerm, Label: "richiesta di integrazioni al cittadino"},
		Row{Act: EventCitizenReplied, From: []State{AwaitingCitizen}, To: InProgress,
			Roles: citizen, Basis: basisReplyTerm, Label: "integrazioni del cittadino"},
		Row{Act: EventAnswered, From: workable, To: Answered,
			Roles: anyDesk, Basis: basisCharter, Label: "risposta al cittadino"},
		Row{Act: EventClosed, From: []State{Registered, Assigned, InProgress, AwaitingCitizen, Answered, Reopened, ForwardedOutside}, To: Closed,
			Roles: front, Basis: basisSUS, Label: "chiusura"},
		Row{Act: EventReopened, From: []State{Answered, Closed}, To: Reopened,
			Roles: citizen, Basis: basisReopen, Label: "riapertura su richiesta del cittadino"},
		Row{Act: EventMerged, From: workable, To: Merged,
			Roles: front, Basis: basisMerge, Label: "accorpamento a segnalazione principale"},
		Row{Act: EventSeparated, From: []State{Merged}, To: Registered,
			Roles: front, Basis: basisMerge, Label: "separazione"},
		Row{Act: EventForwardedOutside, From: workable, To: ForwardedOutside,
			Roles: front, Basis: basisConcession, Label: "trasmissione a ente esterno"},
		Row{Act: EventExternalReplyRecorded, From: []State{ForwardedOutside},
			Roles: citizen, Basis: basisConcession, Label: "riscontro dell'ente esterno"},
		Row{Act: EventReclassified, From: workable,
			Roles: front, Basis: basisClassify, Label: "riclassificazione"},
		Row{Act: EventDuplicateAdded, From: masters,
			Roles: front, Basis: basisMerge, Label: "accorpamento di un duplicato"},
		Row{Act: EventDuplicateRemoved, From: registered,
			Roles: front, Basis: basisMerge, Label: "separazione di un duplicato"},
	)
})

// Lifecycle returns the complaint lifecycle, built once and shared; a Table
// is immutable. Its DOT method draws it (testdata/lifecycle.dot).
//
// The states follow Rome's SUS (Registrata, In lavorazione, Chiusa: see
// State.Phase) with what a second-level desk needs besides: assignment to
// the competent office and forwarding between offices, waiting for the
// citizen, the answer, reopening, merging duplicates and sending a case
// outside the administration. The front office (the Punto di Ascolto, the
// URP) registers, routes, merges and closes; the competent office takes the
// case up and answers (the desk may answer too: it answers requests for
// information itself); acts that come from the citizen or from an outside
// body are recorded with role External, or by the desk that took them at the
// counter or on the phone.
func Lifecycle() *Table { return table() }

// Permitted returns the acts role may perform on a complaint in state s, in
// table order: the buttons a user interface shows. The zero Role (a caller
// that forgot to set it) and any undeclared role may perform nothing, so
// Permitted returns no act for them; Lifecycle().Acts(s) lists every act
// allowed in s, whoever performs it. EventDuplicateAdded and
// EventDuplicateRemoved, which Merge and Separate record on a master, are
// not buttons and are left out.
func Permitted(s State, role office.Role) []EventType {
	return slices.DeleteFunc(table().Permitted(s, role), EventType.bookkeeping)
}
