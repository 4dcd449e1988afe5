// Package law is the vocabulary every rule in ascolto uses to say where it
// comes from: a Citation names an act, an article, a comma and a letter, and
// says how sure we are of it.
//
// Citations are plain values. A term, a holiday, a ground of refusal or a
// threshold carries one, so that an officer, a lawyer or a judge can check any
// date or decision the library computes against the text it applies. The
// confidence marks are those of the project's legal notes (RULES.md): text of
// the law, secondary sources, or a policy choice the library makes where the
// law is silent and the caller may change.
//
// A citation links to the official text: NormattivaURN gives the URN-NIR of
// the provision ("urn:nir:stato:legge:1990-08-07;241~art25") and URL its
// address on Normattiva's resolver, from a table of every act the library
// cites (LookupAct, Acts). The acts Normattiva does not hold (statuti and
// regolamenti comunali, ANAC guidelines, circolari, EU regulations) are
// listed there too, each saying where its text is; a test walks every
// citation in the module and fails on an act missing from the table.
package law

import "strings"

// Confidence says how a rule was established.
type Confidence uint8

const (
	// Text means the rule was read in the text of the law (mark [T]).
	Text Confidence = iota
	// Secondary means the rule rests on secondary sources: official FAQ,
	// municipal pages, case-law summaries (mark [S]).
	Secondary
	// Policy means the law is silent or disputed and the library applies a
	// documented, changeable default (mark [P]).
	Policy
)

// String returns the mark used in RULES.md: "T", "S" or "P".
func (c Confidence) String() string {
	switch c {
	case Text:
		return "T"
	case Secondary:
		return "S"
	case Policy:
		return "P"
	}
	return "?"
}

// Citation identifies the provision a rule comes from.
//
// The zero Citation cites nothing; IsZero reports it.
type Citation struct {
	// Act is the act in its usual Italian short form: "L. 241/1990",
	// "D.Lgs. 33/2013", "DPR 184/2006", "c.c.", "c.p.c.", "Statuto Roma Capitale".
	Act string `json:"act"`
	// Article is the article number, with its suffix: "25", "5-bis".
	Article string `json:"article,omitempty"`
	// Comma is the comma (paragraph) number: "4".
	Comma string `json:"comma,omitempty"`
	// Letter is the letter within the comma: "a".
	Letter string `json:"letter,omitempty"`
	// Note adds what the article alone does not say, usually case law or an
	// official interpretation: "Cons. St. V 3152/2011".
	Note string `json:"note,omitempty"`
	// URN is the Normattiva URN of the act, when the citing code writes
	// it; NormattivaURN falls back on the table of acts (LookupAct).
	URN string `json:"urn,omitempty"`
	// Confidence says whether the rule is read in the text, confirmed by
	// secondary sources, or a policy default.
	Confidence Confidence `json:"confidence"`
}

// Cite is a shorthand for a Citation read in the text of the law:
// Cite("D.Lgs. 33/2013", "5", "6") cites art. 5 c. 6 D.Lgs. 33/2013.
// Empty strings leave the article or comma out.
func Cite(act, article, comma string) Citation {
	return Citation{Act: act, Article: article, Comma: comma}
}

// WithLetter returns a copy of c citing letter l of its comma.
func (c Citation) WithLetter(l string) Citation { c.Letter = l; return c }

// WithNote returns a copy of c with a note, typically the case law behind it.
func (c Citation) WithNote(n string) Citation { c.Note = n; return c }

// As returns a copy of c with confidence k.
func (c Citation) As(k Confidence) Citation { c.Confidence = k; return c }

// IsZero reports whether c cites nothing.
func (c Citation) IsZero() bool { return c == Citation{} }

// String renders c the way Italian legal writing does:
// "art. 5 c. 6 lett. a D.Lgs. 33/2013 (Cons. St. V 3152/2011)".
func (c Citation) String() string {
	var b strings.Builder
	if c.Article != "" {
		b.WriteString("art. ")
		b.WriteString(c.Article)
		if c.Comma != "" {
			b.WriteString(" c. ")
			b.WriteString(c.Comma)
		}
		if c.Letter != "" {
			b.WriteString(" lett. ")
			b.WriteString(c.Letter)
		}
		if c.Act != "" {
			b.WriteByte(' ')
		}
	}
	b.WriteString(c.Act)
	if c.Note != "" {
		if b.Len() > 0 {
			b.WriteString(" (")
			b.WriteString(c.Note)
			b.WriteByte(')')
		} else {
			b.WriteString(c.Note)
		}
	}
	return b.String()
}
