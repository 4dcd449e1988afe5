package petition

import (
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/procedure"
)

// Table is a petition's lifecycle: which act (named by the event it records)
// is allowed in which state, who may perform it, and under which rule.
type Table = procedure.Table[State, EventType]

// Lifecycle returns the lifecycle of a kind of initiative. Every kind has the
// same acts and states; the legal bases come from the kind's rules.
//
// Roles: the desk (office.FrontOffice) registers petitions, records paper
// signatures, files, checks admissibility, forwards to competent offices and
// archives; the online portal records online acts as office.External
// (registration, SPID/CIE signatures and withdrawals, filing); a competent
// office (office.CompetentOffice) replies to requests and, as the addressee's
// secretariat, records the answer and may check admissibility. The table's
// Permitted returns no act for the zero or an undeclared role; its Acts lists
// every act of a state, whoever performs it. A refused act is a
// *procedure.NotAllowedError (ErrNotAllowed) or a *procedure.ForbiddenError
// (ErrForbidden), citing the act's rule.
func Lifecycle(r KindRules) *Table {
	intake := []office.Role{office.FrontOffice, office.External}
	desk := []office.Role{office.FrontOffice}
	check := []office.Role{office.FrontOffice, office.CompetentOffice}
	return procedure.MustTable(string(r.Kind),
		procedure.Row[State, EventType]{Act: EventDrafted, From: []State{start}, To: Draft, Roles: intake,
			Basis: r.Source, Label: EventDrafted.Italian()},
		procedure.Row[State, EventType]{Act: EventCollectionOpened, From: []State{Draft}, To: Collecting, Roles: intake,
			Basis: r.Threshold.Source, Label: EventCollectionOpened.Italian()},
		procedure.Row[State, EventType]{Act: EventSigned, From: []State{Collecting}, Roles: intake,
			Basis: r.Threshold.Source, Label: "firma"},
		procedure.Row[State, EventType]{Act: EventSignatureWithdrawn, From: []State{Collecting}, Roles: intake,
			Basis: citeWithdrawal, Label: "revoca di una firma"},
		procedure.Row[State, EventType]{Act: EventFiled, From: []State{Collecting}, To: Filed, Roles: intake,
			Basis: r.Source, Label: EventFiled.Italian()},
		procedure.Row[State, EventType]{Act: EventDeclaredAdmissible, From: []State{Filed}, To: Admissible, Roles: check,
			Basis: r.Source, Label: EventDeclaredAdmissible.Italian()},
		procedure.Row[State, EventType]{Act: EventDeclaredInadmissible, From: []State{Filed}, To: Inadmissible, Roles: check,
			Basis: r.Source, Label: EventDeclaredInadmissible.Italian()},
		procedure.Row[State, EventType]{Act: EventForwarded, From: []State{Admissible, Forwarded}, To: Forwarded, Roles: desk,
			Basis: citeInquiry, Label: EventForwarded.Italian()},
		procedure.Row[State, EventType]{Act: EventReplyRecorded, From: []State{Forwarded}, Roles: check,
			Basis: citeInquiry, Label: EventReplyRecorded.Italian()},
		procedure.Row[State, EventType]{Act: EventAnswered, From: []State{Admissible, Forwarded}, To: Answered,
			Roles: []office.Role{office.CompetentOffice}, Basis: r.Answer.Source, Label: EventAnswered.Italian()},
		procedure.Row[State, EventType]{Act: EventArchived, From: []State{Draft, Collecting, Inadmissible, Answered}, To: Archived,
			Roles: desk, Basis: citeArchive, Label: EventArchived.Italian()},
	)
}
