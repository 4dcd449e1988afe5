package complaint

import (
	"maps"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
)

// The provisions the procedure rests on. No national law sets a single
// complaint procedure (RULES.md §6): the service-charter directive requires
// one with an answer in a pre-set term, the URP rules give the desk its
// tasks, and the rest is each administration's regulation or charter, which
// the library cites with Confidence Policy.
var (
	// basisCharter: the service charters' complaint procedure, concluded by
	// a full answer within a pre-set term.
	basisCharter = law.Citation{Act: "Direttiva P.C.M. 27 gennaio 1994", Note: "principi sull'erogazione dei servizi pubblici, tutela: procedure di reclamo", Confidence: law.Secondary}
	// basisURP: the URP listens to citizens and routes their requests to
	// the competent structures.
	basisURP = law.Citation{Act: "L. 150/2000", Article: "8", Note: "Direttiva P.C.M. 11 ottobre 1994 sugli URP", Confidence: law.Secondary}
	// basisSUS: Rome's Sistema Unico di Segnalazione and its phases.
	basisSUS = law.Citation{Act: "Roma Capitale, Sistema Unico di Segnalazione (SUS)", Note: "fasi Registrata, In lavorazione, Chiusa", Confidence: law.Secondary}
	// basisConcession: for services run by companies, the administration
	// ensures the charter principles through its powers of direction and
	// control, so it passes reports on to them.
	basisConcession = law.Citation{Act: "Direttiva P.C.M. 27 gennaio 1994", Note: "servizi in concessione o convenzione; contratto di servizio con la società", Confidence: law.Secondary}
	// basisPolicy is the administration's own regulation or charter.
	basisPolicy = law.Citation{Act: "regolamento o carta dei servizi dell'amministrazione", Confidence: law.Policy}
)

// Basis of the policy choices, each a [P] default the administration may
// change (Policy).
var (
	basisTerm       = basisPolicy.WithNote("termine di risposta")
	basisTerm30     = basisPolicy.WithNote("termine di risposta: 30 giorni, prassi comune delle carte dei servizi")
	basisReplyTerm  = basisPolicy.WithNote("termine per le integrazioni richieste al cittadino")
	basisSuspension = basisPolicy.WithNote("sospensione del termine in attesa delle integrazioni")
	basisReopen     = basisPolicy.WithNote("riapertura su richiesta del cittadino non soddisfatto")
	basisRestart    = basisPolicy.WithNote("nuova decorrenza dalla ricezione da parte dell'ufficio competente")
	basisMerge      = basisPolicy.WithNote("accorpamento delle segnalazioni duplicate")
	basisClassify   = basisPolicy.WithNote("classificazione per categoria e luogo")
	basisEscalation = law.Citation{Act: "Roma Capitale, ChiamaRoma 060606", Note: "contact center di primo livello: trasferisce ai Punti di Ascolto le richieste che non risolve", Confidence: law.Secondary}
)

// Policy holds the choices the law leaves to each administration, each a
// value with its citation: the answer terms, what happens to the term while
// the citizen is asked for more information, the reopening window, and the
// duplicate search. DefaultPolicy gives the library's defaults; the zero
// Policy means DefaultPolicy.
//
// Deadlines are a pure function of the history and the Policy: changing the
// Policy recomputes every deadline of every complaint from the same events.
type Policy struct {
	// Term is the answer term when neither the category nor the kind sets
	// one. Default: 30 calendar days, administrative ([P], RULES.md §6:
	// the common practice of service charters).
	Term deadline.Term
	// KindTerms overrides Term per kind. A category's term (Taxonomy)
	// overrides both.
	KindTerms map[Kind]deadline.Term
	// Taxonomy classifies complaints by category; nil accepts no category.
	Taxonomy *Taxonomy

	// ReplyTerm is the time the citizen has to give the information asked
	// for (RequestInfo); when it passes the desk may close the complaint for
	// want of a reply. Nil: no term, the complaint waits. Default: 15
	// calendar days [P].
	ReplyTerm *deadline.Term
	// SuspendWhileAwaiting suspends the answer term from the request for
	// information to the citizen's reply (RULES.md §1.7: the paused days are
	// added). Default false [P]: no national rule suspends it, and the
	// earlier date is the safer one for the office. It requires ReplyTerm:
	// while the reply is pending the suspension is assumed to last until the
	// reply term ends, so the answer due date is the latest it can be.
	SuspendWhileAwaiting bool
	// SuspensionCap, if positive, caps each suspension at that many days.
	SuspensionCap int

	// ReopenTerm is the time after an answer within which the citizen may
	// ask to reopen the complaint; nil: no limit. Default: 30 calendar
	// days [P]. A later request is a new complaint.
	ReopenTerm *deadline.Term
	// RestartOnForward makes the answer term start again when the
	// complaint is forwarded from one office to another, as DPR 184/2006
	// art. 6 does for access requests. Default false [P]: the citizen wrote
	// to the administration, whose internal routing does not give it more
	// time.
	RestartOnForward bool
	// TermFromDeskReceipt makes the answer term of a 060606 escalation run
	// from the desk's receipt. Default false [P]: it runs from the citizen's
	// contact with 060606 (Escalation.Opened), because ChiamaRoma is the
	// administration's own contact centre.
	TermFromDeskReceipt bool

	// DuplicateRadius is the distance in metres within which two reports of
	// the same category are proposed as duplicates. Default 50 m [P];
	// at most MaxDuplicateRadius.
	DuplicateRadius float64
	// DuplicateWindow is how many days back the duplicate search looks.
	// Default 90 [P].
	DuplicateWindow int
	// Soon is how many days before a due date a reminder starts
	// ("scade tra 3 giorni"). Default 3.
	Soon int
}

// MaxDuplicateRadius bounds Policy.DuplicateRadius and FindDuplicates: the
// search lists one store query per geographic cell (about 222 m a side), so
// a radius of 1 km touches at most a hundred cells.
const MaxDuplicateRadius = 1000

// DefaultPolicy returns the library's defaults, each documented on Policy
// and cited with Confidence Policy: 30 calendar days to answer, 15 days for
// the citizen's reply without suspending the answer term, 30 days to ask for
// a reopening, no restart on forwarding, duplicates within 50 m in the last
// 90 days, reminders 3 days ahead.
func DefaultPolicy() Policy {
	term := AnswerTerm(30)
	term.Source = basisTerm30
	return Policy{
		Term:            term,
		ReplyTerm:       &deadline.Term{Name: "integrazioni del cittadino", Length: 15, Unit: deadline.Days, Kind: deadline.Administrative, Source: basisReplyTerm},
		ReopenTerm:      &deadline.Term{Name: "richiesta di riapertura", Length: 30, Unit: deadline.Days, Kind: deadline.Administrative, Source: basisReopen},
		DuplicateRadius: 50,
		DuplicateWindow: 90,
		Soon:            3,
	}
}

// AnswerTerm returns an answer term of n calendar days, administrative,
// citing the administration's charter as a policy choice: a shorthand for
// Policy.KindTerms and Category.Term.
func AnswerTerm(n int) deadline.Term {
	return deadline.Term{Name: "risposta al cittadino", Length: n, Unit: deadline.Days, Kind: deadline.Administrative, Source: basisTerm}
}

// isZero reports whether p is the zero Policy.
func (p Policy) isZero() bool {
	return p.Term == (deadline.Term{}) && p.KindTerms == nil && p.Taxonomy == nil && p.ReplyTerm == nil &&
		!p.SuspendWhileAwaiting && p.SuspensionCap == 0 && p.ReopenTerm == nil && !p.RestartOnForward &&
		!p.TermFromDeskReceipt && p.DuplicateRadius == 0 && p.DuplicateWindow == 0 && p.Soon == 0
}

// orDefault returns DefaultPolicy for the zero Policy, p otherwise.
func (p Policy) orDefault() Policy {
	if p.isZero() {
		return DefaultPolicy()
	}
	return p
}

// clone returns a copy of p that shares nothing mutable with it.
func (p Policy) clone() Policy {
	p.KindTerms = maps.Clone(p.KindTerms)
	if p.ReplyTerm != nil {
		t := *p.ReplyTerm
		p.ReplyTerm = &t
	}
	if p.ReopenTerm != nil {
		t := *p.ReopenTerm
		p.ReopenTerm = &t
	}
	return p
}

// Validate reports an error wrapping ErrInvalid if p cannot be applied: a
// term of zero or negative length, an invalid kind in KindTerms, a
// suspension without a reply term, a negative cap, window or reminder
// threshold, a duplicate radius out of (0, MaxDuplicateRadius]. The zero
// Policy is valid (it means DefaultPolicy).
func (p Policy) Validate() error {
	p = p.orDefault()
	if p.Term.Length <= 0 {
		return invalid("policy: the answer term must be at least 1 %s", p.Term.Unit)
	}
	for k, t := range p.KindTerms {
		if !k.Valid() {
			return invalid("policy: term for unknown kind %q", k)
		}
		if t.Length <= 0 {
			return invalid("policy: the answer term of %s must be positive", k)
		}
	}
	if p.ReplyTerm != nil && p.ReplyTerm.Length <= 0 {
		return invalid("policy: the citizen's reply term must be positive")
	}
	if p.ReopenTerm != nil && p.ReopenTerm.Length < 0 {
		return invalid("policy: negative reopening term")
	}
	if p.SuspendWhileAwaiting && p.ReplyTerm == nil {
		return invalid("policy: suspending the term while awaiting the citizen needs a reply term")
	}
	switch {
	case p.SuspensionCap < 0:
		return invalid("policy: negative suspension cap")
	case p.DuplicateWindow < 0:
		return invalid("policy: negative duplicate window")
	case p.Soon < 0:
		return invalid("policy: negative reminder threshold")
	case !(p.DuplicateRadius > 0 && p.DuplicateRadius <= MaxDuplicateRadius):
		return invalid("policy: duplicate radius %v m outside (0, %d]", p.DuplicateRadius, MaxDuplicateRadius)
	}
	return nil
}

// TermFor returns the answer term of a complaint of kind k in category
// code: the category's (or its nearest ancestor's), else the kind's, else
// Term.
func (p Policy) TermFor(k Kind, category string) deadline.Term {
	p = p.orDefault()
	if t, ok := p.Taxonomy.Term(category); ok {
		return t
	}
	if t, ok := p.KindTerms[k]; ok {
		return t
	}
	return p.Term
}
