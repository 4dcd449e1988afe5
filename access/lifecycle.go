package access

import (
	"slices"

	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/procedure"
)

// Table is a kind's lifecycle: one row per act, with the states it is
// allowed in, the state it leads to, the roles that may perform it and its
// legal basis. It checks state and role; the guards that look at more (the
// grounds of a refusal, a dilatory date) are the Service's.
type Table = procedure.Table[State, EventType]

// Row is one act of a Table.
type Row = procedure.Row[State, EventType]

var (
	fo    = office.FrontOffice
	co    = office.CompetentOffice
	rpct  = office.RPCT
	ext   = office.External
	admin = office.Administrator
	subst = office.Substitute

	openStates   = []State{StatePending, StateIrregular}
	afterDecided = []State{StateDecided, StateReviewed, StateOmbudsmanDecided, StateJudged}
	everyState   = []State{StatePending, StateIrregular, StateDecided, StateReview, StateReviewed, StateOmbudsman, StateOmbudsmanDecided, StateAppeal, StateJudged, StateTransferred, StateWithdrawn, StateClosed}
)

func roles(rs ...office.Role) []office.Role { return rs }

func states(ss ...State) []State { return ss }

// citations are the provisions a kind's rows cite where the kinds differ.
type citations struct {
	term, parties, forward, irregular, release, fees, remedy, opposition law.Citation
}

// citationsOf returns the citations of kind k's rows.
func citationsOf(k Kind) citations {
	if k.Civic() {
		return citations{term: citeCivicTerm, parties: citeCivicParties, forward: citeForwardCirc, irregular: citeGeneric,
			release: citeCivicRelease, fees: citeCivicFees, remedy: citeCivicOmbudsman, opposition: citeCivicParties}
	}
	return citations{term: citeDocTerm, parties: citeDPRParties, forward: citeForwardCirc, irregular: citeDPRIrregular,
		release: citeDPRAcceptance, fees: citeDocFees, remedy: citeDocRemedies, opposition: citeDPROpposition}
}

// rowsOf returns kind k's lifecycle rows, phase by phase.
func rowsOf(k Kind) []Row {
	c := citationsOf(k)
	var rs []Row
	for _, phase := range []func(Kind, citations) []Row{intakeRows, partyRows, decisionRows, remedyRows} {
		rs = append(rs, phase(k, c)...)
	}
	if k == Documentale {
		rs = documentaleRows(rs)
	}
	return rs
}

// intakeRows are the acts from the filing to the start of the examination.
func intakeRows(k Kind, c citations) []Row {
	return []Row{
		{Act: EventReceived, From: states(StateNew), To: StatePending, Roles: roles(fo, co, ext), Basis: k.Basis(), Label: "richiesta ricevuta"},
		{Act: EventIrregularityNotified, From: states(StatePending), To: StateIrregular, Roles: roles(fo, co), Basis: c.irregular, Label: "comunicazione di irregolarità"},
		{Act: EventCorrected, From: states(StateIrregular), To: StatePending, Roles: roles(ext, fo), Basis: c.irregular, Label: "richiesta regolarizzata"},
		{Act: EventAssigned, From: openStates, Roles: roles(fo, admin), Basis: citeCompetent, Label: "assegnazione all'ufficio competente"},
		{Act: EventForwarded, From: openStates, Roles: roles(fo, co), Basis: c.forward, Label: "trasmissione ad altro ufficio"},
		{Act: EventTransferred, From: openStates, To: StateTransferred, Roles: roles(fo, co), Basis: citeDPRForward, Label: "trasmissione ad altra amministrazione"},
		{Act: EventStartNotified, From: openStates, Roles: roles(fo, co), Basis: citeStartNotice, Label: "comunicazione di avvio"},
		{Act: EventDocumentsRequested, From: states(StatePending), Roles: roles(fo, co), Basis: citeCompetent, Label: "richiesta interna di documenti"},
		{Act: EventDocumentsReceived, From: states(StatePending, StateIrregular, StateDecided), Roles: roles(fo, co), Basis: citeCompetent, Label: "riscontro dell'ufficio detentore"},
		{Act: EventOfficeReminded, From: states(StatePending), Roles: roles(fo, co), Basis: citeCompetent, Label: "sollecito all'ufficio detentore"},
	}
}

// partyRows are the acts about counter-interested parties (none in simple
// civic access, which concerns data to be published).
func partyRows(k Kind, c citations) []Row {
	if k == CivicoSemplice {
		return nil
	}
	return []Row{
		{Act: EventCounterInterestedNotified, From: states(StatePending), Roles: roles(fo, co), Basis: c.parties, Label: "comunicazione ai controinteressati"},
		// A receipt is recorded late too: no act granting access (a
		// decision, a review, the answer to the ombudsman) is allowed
		// before every party's is (Service.partiesHeard).
		{Act: EventNoticeReceived, From: states(StatePending, StateDecided, StateReview, StateReviewed, StateOmbudsman, StateOmbudsmanDecided), Roles: roles(ext, fo, co), Basis: c.opposition, Label: "ricezione da parte del controinteressato"},
		{Act: EventOppositionReceived, From: states(StatePending), Roles: roles(ext, fo), Basis: c.opposition, Label: "opposizione del controinteressato"},
	}
}

// decisionRows are the decision and what follows it: its communication,
// the release or publication, withdrawal and fees.
func decisionRows(k Kind, c citations) []Row {
	deciders := roles(co)
	if k == CivicoSemplice {
		// The request goes to the RPCT, who answers it (art. 5 c. 3 lett.
		// d D.Lgs. 33/2013), or the office that must publish the data.
		deciders = roles(co, rpct)
	}
	rs := []Row{
		{Act: EventDecided, From: states(StatePending), To: StateDecided, Roles: deciders, Basis: c.term, Label: "provvedimento"},
		// The requester's receipt of a decision, the review's decision or
		// the ombudsman's outcome, from which the remedy terms run.
		{Act: EventDecisionCommunicated, From: states(StateDecided, StateReview, StateReviewed, StateOmbudsman, StateOmbudsmanDecided, StateAppeal, StateJudged), Roles: roles(ext, fo, co), Basis: citeKnowledge, Label: "ricezione da parte del richiedente"},
	}
	switch k {
	case CivicoSemplice:
		rs = append(rs,
			Row{Act: EventPublished, From: afterDecided, Roles: roles(co), Basis: citeCivicRelease, Label: "pubblicazione e comunicazione del collegamento"},
			Row{Act: EventBreachReported, From: afterDecided, Roles: roles(rpct), Basis: citeCivicBreach, Label: "segnalazione dell'inadempimento"},
		)
	case Generalizzato:
		rs = append(rs,
			Row{Act: EventAcceptanceReceived, From: states(StateDecided, StateReviewed), Roles: roles(ext, fo, co), Basis: citeCivicRelease, Label: "ricezione dell'accoglimento da parte del controinteressato"},
			Row{Act: EventReleased, From: afterDecided, Roles: roles(co), Basis: c.release, Label: "trasmissione dei dati"},
		)
	default:
		rs = append(rs, Row{Act: EventReleased, From: afterDecided, Roles: roles(co), Basis: c.release, Label: "rilascio dei documenti"})
	}
	rs = append(rs,
		// The titolare del potere sostitutivo, asked once the term passed
		// (art. 2 c. 9-ter L. 241/1990), may decide in place of the
		// competent office, which may still decide itself.
		Row{Act: EventSubstituteRequested, From: states(StatePending), Roles: roles(ext, fo), Basis: citeSubstituteTerm, Label: "richiesta al titolare del potere sostitutivo"},
		Row{Act: EventSubstituteDecided, From: states(StatePending), To: StateDecided, Roles: roles(subst), Basis: citeSubstituteTerm, Label: "provvedimento del titolare del potere sostitutivo"},
	)
	return append(rs,
		Row{Act: EventWithdrawn, From: openStates, To: StateWithdrawn, Roles: roles(ext, fo), Basis: citeAdmin, Label: "rinuncia del richiedente"},
		Row{Act: EventFeesCharged, From: afterDecided, Roles: roles(co, fo), Basis: c.fees, Label: "costi di riproduzione"},
	)
}

// remedyRows are the review (civic access), the recourse to the difensore
// civico, the appeal, then the public subject and the closure.
func remedyRows(k Kind, c citations) []Row {
	var rs []Row
	ombFrom := states(StatePending, StateDecided)
	appealFrom := states(StatePending, StateDecided, StateOmbudsman, StateOmbudsmanDecided)
	if k.Civic() {
		rs = append(rs, Row{Act: EventReviewFiled, From: states(StatePending, StateDecided), To: StateReview, Roles: roles(ext, fo), Basis: citeCivicReview, Label: "richiesta di riesame"})
		if k == Generalizzato {
			rs = append(rs,
				Row{Act: EventGaranteConsulted, From: states(StateReview), Roles: roles(rpct), Basis: citeCivicReview, Label: "richiesta di parere al Garante"},
				Row{Act: EventGaranteAnswered, From: states(StateReview), Roles: roles(ext, rpct), Basis: citeCivicReview, Label: "parere del Garante"},
			)
		}
		rs = append(rs, Row{Act: EventReviewDecided, From: states(StateReview), To: StateReviewed, Roles: roles(rpct), Basis: citeCivicReview, Label: "decisione sul riesame"})
		ombFrom = append(ombFrom, StateReview, StateReviewed)
		appealFrom = append(appealFrom, StateReview, StateReviewed)
	}
	return append(rs,
		Row{Act: EventOmbudsmanFiled, From: ombFrom, To: StateOmbudsman, Roles: roles(ext, fo), Basis: c.remedy, Label: "ricorso al difensore civico"},
		Row{Act: EventOmbudsmanDecided, From: states(StateOmbudsman), To: StateOmbudsmanDecided, Roles: roles(ext, fo), Basis: c.remedy, Label: "esito del difensore civico"},
		Row{Act: EventOmbudsmanAnswered, From: states(StateOmbudsmanDecided), Roles: roles(co), Basis: c.remedy, Label: "conferma motivata o adeguamento"},
		Row{Act: EventAppealFiled, From: appealFrom, To: StateAppeal, Roles: roles(ext, fo), Basis: citeAppeal, Label: "ricorso al TAR"},
		Row{Act: EventAppealDecided, From: states(StateAppeal), To: StateJudged, Roles: roles(ext, fo), Basis: citeAppeal, Label: "decisione del TAR"},
		Row{Act: EventPublicSubjectSet, From: everyState, Roles: roles(fo, co), Basis: citeRegister, Label: "oggetto pubblicabile"},
		Row{Act: EventClosed, From: append(states(StateIrregular), afterDecided...), To: StateClosed, Roles: roles(fo, co), Basis: citeAdmin, Label: "archiviazione"},
	)
}

// documentaleRows adapts the rows to documentale access: no review
// (riesame), hence none of its states; and the informal variant, whose
// requester is invited to file a formal request when counter-interested
// parties emerge (art. 5 c. 6 DPR 184/2006).
func documentaleRows(rs []Row) []Row {
	for i := range rs {
		rs[i].From = slices.DeleteFunc(slices.Clone(rs[i].From), func(s State) bool { return s == StateReview || s == StateReviewed })
	}
	formal := Row{Act: EventFormalRequested, From: states(StatePending), To: StateIrregular, Roles: roles(fo, co), Basis: citeDPRFormal, Label: "invito a presentare richiesta formale"}
	return append(rs[:2], append([]Row{formal}, rs[2:]...)...)
}

var tables = map[Kind]*Table{
	Documentale:    procedure.MustTable("accesso_documentale", rowsOf(Documentale)...),
	CivicoSemplice: procedure.MustTable("accesso_civico_semplice", rowsOf(CivicoSemplice)...),
	Generalizzato:  procedure.MustTable("accesso_civico_generalizzato", rowsOf(Generalizzato)...),
}

// Lifecycle returns the lifecycle table of kind k, or nil for an unknown
// kind. Tables are immutable and shared.
func Lifecycle(k Kind) *Table { return tables[k] }

// basisOf returns the legal basis of act in kind k's table.
func basisOf(k Kind, act EventType) law.Citation {
	if t := tables[k]; t != nil {
		if r, ok := t.Row(act); ok {
			return r.Basis
		}
	}
	return law.Citation{}
}
