package council

// ID identifies an act in the catalogue. Service.Register derives it from
// the body and the protocol number ("assemblea-capitolina:RQ/2021/2582"),
// so that the same act cannot be catalogued twice; a caller may supply its
// own.
type ID string

// ActID returns the ID Service.Register gives an act of body b numbered n.
func ActID(b Body, n Number) ID { return ID(b.Code() + ":" + n.String()) }

// Kind is the kind of a council act (RULES.md §8).
type Kind string

const (
	// InterrogazioneScritta is a question to the Mayor or the Giunta asking
	// for a written answer: 20 days in the Assemblea Capitolina (art. 105
	// Regolamento del Consiglio Comunale), 30 at most under art. 43 c. 3 TUEL.
	InterrogazioneScritta Kind = "interrogazione-scritta"
	// InterrogazioneOrale is a question answered orally in the council's
	// session.
	InterrogazioneOrale Kind = "interrogazione-orale"
	// QuestionTime is a short question answered by the Mayor or an assessore
	// in the council's question-time session.
	QuestionTime Kind = "question-time"
	// Interpellanza asks the Mayor or the Giunta about the reasons of their
	// conduct or intentions on a matter; answered in session.
	Interpellanza Kind = "interpellanza"
	// Mozione asks the council to commit the Mayor (or the President of the
	// Municipio) and the Giunta to act; it is voted.
	Mozione Kind = "mozione"
	// Risoluzione expresses the council's position on a matter; it is voted.
	Risoluzione Kind = "risoluzione"
	// OrdineDelGiorno (ordine del giorno) is an act of direction, often tied
	// to a deliberation under discussion; it is voted.
	OrdineDelGiorno Kind = "ordine-del-giorno"
)

var kindItalian = map[Kind]string{
	InterrogazioneScritta: "interrogazione a risposta scritta",
	InterrogazioneOrale:   "interrogazione a risposta orale",
	QuestionTime:          "interrogazione a risposta immediata (question time)",
	Interpellanza:         "interpellanza",
	Mozione:               "mozione",
	Risoluzione:           "risoluzione",
	OrdineDelGiorno:       "ordine del giorno",
}

// Kinds returns every kind, questions first.
func Kinds() []Kind {
	return []Kind{InterrogazioneScritta, InterrogazioneOrale, QuestionTime, Interpellanza, Mozione, Risoluzione, OrdineDelGiorno}
}

// Valid reports whether k is one of the declared kinds.
func (k Kind) Valid() bool { _, ok := kindItalian[k]; return ok }

// Question reports whether acts of kind k are instruments of sindacato
// ispettivo (interrogazioni and interpellanze), which are answered; the other
// kinds are acts of direction, which are voted.
func (k Kind) Question() bool {
	switch k {
	case InterrogazioneScritta, InterrogazioneOrale, QuestionTime, Interpellanza:
		return true
	}
	return false
}

// Italian returns the kind's name in Italian: "interrogazione a risposta scritta".
func (k Kind) Italian() string {
	if s, ok := kindItalian[k]; ok {
		return s
	}
	return string(k)
}

// State is where an act stands in its lifecycle.
type State string

const (
	// Filed (depositato): the act is in the catalogue and awaits its answer or vote.
	Filed State = "filed"
	// Scheduled (iscritto all'ordine dei lavori): a mozione, risoluzione or
	// ordine del giorno is on the agenda of a session.
	Scheduled State = "scheduled"
	// Answered (risposta): an interrogazione or interpellanza has its answer.
	Answered State = "answered"
	// Approved (approvato): the council approved the act.
	Approved State = "approved"
	// Rejected (respinto): the council rejected the act.
	Rejected State = "rejected"
	// Withdrawn (ritirato): the presenters withdrew the act.
	Withdrawn State = "withdrawn"
	// Lapsed (decaduto): the act lapsed without an answer or a vote, e.g. at
	// the end of the council's term (fine consiliatura).
	Lapsed State = "lapsed"
)

var stateItalian = map[State]string{
	Filed: "depositato", Scheduled: "iscritto all'ordine dei lavori", Answered: "risposto",
	Approved: "approvato", Rejected: "respinto", Withdrawn: "ritirato", Lapsed: "decaduto",
}

// Italian returns the state's name in Italian: "depositato".
func (s State) Italian() string {
	if v, ok := stateItalian[s]; ok {
		return v
	}
	return string(s)
}

// Closed reports whether s is final: no answer or vote is awaited.
func (s State) Closed() bool {
	switch s {
	case Answered, Approved, Rejected, Withdrawn, Lapsed:
		return true
	}
	return false
}
