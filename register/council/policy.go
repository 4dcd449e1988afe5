package council

import (
	"slices"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
)

// TermRule gives the answer term of the acts of a body and kinds.
type TermRule struct {
	// Body is the body the rule applies to; the zero Body means every body.
	Body Body `json:"body,omitzero"`
	// Kinds are the kinds it applies to; empty means every question kind.
	Kinds []Kind `json:"kinds,omitempty"`
	// Term is the answer term, counted from the filing date.
	Term deadline.Term `json:"term"`
}

func (r TermRule) matches(b Body, k Kind) bool {
	if !r.Body.IsZero() && r.Body != b {
		return false
	}
	if len(r.Kinds) == 0 {
		return k.Question()
	}
	return slices.Contains(r.Kinds, k)
}

// Policy holds an administration's choices for its councils: the answer
// terms, per body and kind. Acts of a kind no rule matches have no answer
// deadline (oral answers are given in session, whenever it is held).
type Policy struct {
	// Terms are tried in order; the first that matches applies.
	Terms []TermRule `json:"terms"`
}

// AnswerTerm returns the answer term of acts of kind k filed with body b,
// and false when none applies.
func (p Policy) AnswerTerm(b Body, k Kind) (deadline.Term, bool) {
	for _, r := range p.Terms {
		if r.matches(b, k) {
			return r.Term, true
		}
	}
	return deadline.Term{}, false
}

// WithTerm returns a copy of p in which acts of the given kinds (every
// question kind if none is given) filed with body b (every body if zero)
// have answer term t, ahead of every other rule.
func (p Policy) WithTerm(b Body, t deadline.Term, kinds ...Kind) Policy {
	r := TermRule{Body: b, Kinds: slices.Clone(kinds), Term: t}
	p.Terms = append([]TermRule{r}, p.Terms...)
	return p
}

// AnswerTermAssemblea is the 20-day term for the written answer to an
// interrogazione filed with the Assemblea Capitolina (art. 105 Regolamento
// del Consiglio Comunale [S]).
func AnswerTermAssemblea() deadline.Term {
	return deadline.Term{Name: "risposta scritta all'interrogazione", Length: 20, Unit: deadline.Days, Kind: deadline.Administrative, Source: regolamentoAC105}
}

// AnswerTermTUEL is the 30-day term of art. 43 c. 3 TUEL for the answer to
// interrogazioni and every other act of sindacato ispettivo [T].
func AnswerTermTUEL() deadline.Term {
	return deadline.Term{Name: "risposta scritta all'interrogazione", Length: 30, Unit: deadline.Days, Kind: deadline.Administrative, Source: tuel43c3}
}

// DefaultPolicy returns Roma Capitale's terms as shipped: written
// interrogazioni filed with the Assemblea Capitolina are answered within 20
// days (art. 105 Regolamento del Consiglio Comunale [S]); those filed with a
// Municipio within 30 days, the bound of art. 43 c. 3 TUEL [T], which applies
// where the Municipio's own regolamento is not configured (the Municipi set
// 20 to 30 days [S]; configure each with WithTerm). Other kinds have no
// answer deadline by default.
func DefaultPolicy() Policy {
	municipi := AnswerTermTUEL()
	municipi.Source = municipi.Source.WithNote("in mancanza del termine del regolamento del Municipio").As(law.Policy)
	return Policy{Terms: []TermRule{
		{Body: Assemblea, Kinds: []Kind{InterrogazioneScritta}, Term: AnswerTermAssemblea()},
		{Kinds: []Kind{InterrogazioneScritta}, Term: municipi},
	}}
}
