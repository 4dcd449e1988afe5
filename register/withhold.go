package register

import (
	"fmt"
	"strings"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
)

// Withheld is what a register row prints in place of a text that the
// check at publication found to hold personal data: the text is never
// published, and the row's Withheld list tells the office.
const Withheld = "[non pubblicato: in revisione dall'ufficio]"

// Withholding reports a text the register did not publish: which request,
// which column, which kind of personal datum (never the datum). The office
// rewrites the text (access.Service.SetPublicSubject, a new decision
// summary...) and publishes again.
type Withholding struct {
	// ID is the request in the store; Protocol its protocol number in
	// normal form, empty when the number itself was withheld.
	ID       access.ID `json:"id"`
	Protocol string    `json:"protocollo,omitempty"`
	// Column is the column's heading (Headings).
	Column string `json:"colonna"`
	// Kind is the kind of datum found: "identificativo" for a name, code or
	// contact of a person the request's history knows, else the shape
	// ("codice fiscale", "e-mail", "targa", ...), or "numero di protocollo
	// non valido" for a stored number that does not parse.
	Kind string `json:"tipo"`
}

// String renders the withholding for the office, in Italian.
func (w Withholding) String() string {
	p := ""
	if w.Protocol != "" {
		p = " (prot. " + w.Protocol + ")"
	}
	return fmt.Sprintf("richiesta %s%s, colonna «%s»: %s", w.ID, p, w.Column, w.Kind)
}

// Withholdings collects the withholdings of rows, in their order: what the
// office must review before the register is complete.
func Withholdings(rows []Entry) []Withholding {
	var out []Withholding
	for _, e := range rows {
		out = append(out, e.Withheld...)
	}
	return out
}

// publishable checks the texts of a row again at publication, against every
// person r's history knows now (access.Request.PersonalData): a text
// accepted when it was written may name a party notified later. A text that
// fails is replaced by Withheld and reported in e.Withheld.
func publishable(e *Entry, r *access.Request) {
	if p, ok := r.Protocol.Publishable(); ok {
		e.Protocol = p
	} else {
		e.Protocol = Withheld
		e.Withheld = append(e.Withheld, Withholding{ID: r.ID, Column: "Numero di protocollo", Kind: "numero di protocollo non valido"})
	}
	check := func(column string, text *string) (withheld bool) {
		if strings.TrimSpace(*text) == "" || *text == Placeholder {
			return false
		}
		if kind, found := r.PersonalData(*text); found {
			*text = Withheld
			w := Withholding{ID: r.ID, Column: column, Kind: kind}
			if e.Protocol != Withheld {
				w.Protocol = e.Protocol
			}
			e.Withheld = append(e.Withheld, w)
			return true
		}
		return false
	}
	check("Oggetto della richiesta", &e.Subject)
	check("Struttura competente", &e.Office)
	check("Trasferita", &e.Forwarded)
	if d := r.Decision; d != nil {
		if summary := d.Summary; check("Sintesi della motivazione", &summary) {
			e.Reasons = reasons(d.Grounds, d.DeferredUntil, summary)
		}
	}
	if v := r.Review; v != nil && e.Review != nil {
		if summary := v.Summary; check("Riesame - Sintesi della motivazione", &summary) {
			e.Review.Reasons = reasons(v.Grounds, deadline.Date{}, summary)
		}
	}
	if a := e.Appeal; a != nil {
		check("Ricorso giudice amministrativo - Esito", &a.Outcome)
	}
}
