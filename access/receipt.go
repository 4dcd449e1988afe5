package access

import (
	"fmt"
	"strings"
)

// Receipt is what the requester receives on filing: the protocol number and
// the date by which the answer is due (Circolare Funzione Pubblica 2/2017).
type Receipt struct {
	// Request is the request's ID.
	Request ID `json:"request"`
	// Text is the receipt in Italian, ready to send.
	Text string `json:"text"`
}

// String returns the receipt's text.
func (rc Receipt) String() string { return rc.Text }

// NewReceipt renders the receipt of r for the administration named in p,
// with officeName the name of the competent office (empty if not yet known).
func NewReceipt(r *Request, p Policy, officeName string) Receipt {
	p = p.withDefaults()
	var b strings.Builder
	line := func(format string, args ...any) {
		fmt.Fprintf(&b, format, args...)
		b.WriteByte('\n')
	}
	line("%s", p.Administration)
	kind := r.Kind.Italian()
	if r.Informal {
		kind += " informale"
	}
	line("Ricevuta di presentazione della richiesta di %s (%s)", kind, r.Kind.Basis())
	if r.Protocol.Number != "" {
		line("Protocollo n. %s del %s", r.Protocol.Number, r.Protocol.Date.Italian())
	}
	line("Ricevuta il %s tramite %s", r.Received.Italian(), r.Channel.Italian())
	if officeName != "" {
		line("Ufficio competente: %s", officeName)
	}
	switch {
	case r.Informal:
		line("La richiesta informale è esaminata immediatamente e senza formalità (%s); se emergono controinteressati, le sarà chiesto di presentare richiesta formale (%s).", citeDPRInformal, citeDPRFormal)
	case !r.DecisionDue.IsZero():
		src := citeDocTerm
		if r.Kind.Civic() {
			src = citeCivicTerm
		}
		line("Il procedimento deve concludersi entro il %s (30 giorni, %s).", r.DecisionDue.Italian(), src)
	}
	// The recourse besides the TAR is named only where it exists
	// (Policy.OmbudsmanBody): the difensore civico for regional and local
	// administrations, the Commissione per l'accesso for a State
	// administration's documentale acts, none for its civic access.
	body, route := p.OmbudsmanBody(r.Kind)
	switch r.Kind {
	case Generalizzato:
		line("Se la richiesta va comunicata a controinteressati, il termine è sospeso fino alla loro opposizione e comunque per non oltre 10 giorni dalla ricezione della comunicazione (%s).", citeCivicParties)
		if route {
			line("In caso di diniego totale o parziale o di mancata risposta entro il termine, può chiedere il riesame al Responsabile della prevenzione della corruzione e della trasparenza (%s), ricorrere al difensore civico (%s) o al TAR (%s).", citeCivicReview, citeCivicOmbudsman, citeAppeal)
		} else {
			line("In caso di diniego totale o parziale o di mancata risposta entro il termine, può chiedere il riesame al Responsabile della prevenzione della corruzione e della trasparenza (%s) o ricorrere al TAR (%s).", citeCivicReview, citeAppeal)
		}
	case CivicoSemplice:
		// The RPCT answers simple civic access itself (art. 5 c. 3 lett.
		// d): no review to the RPCT; delay goes to the substitute, told
		// below, and a refusal to the TAR or the difensore civico.
		if route {
			line("Contro il diniego o la mancata risposta può ricorrere al TAR (%s) o al difensore civico (%s).", citeAppeal, citeCivicOmbudsman)
		} else {
			line("Contro il diniego o la mancata risposta può ricorrere al TAR (%s).", citeAppeal)
		}
	case Documentale:
		if !r.Informal {
			line("Decorsi inutilmente 30 giorni, la richiesta si intende respinta (%s); contro il diniego, il differimento o il silenzio può ricorrere entro 30 giorni al TAR (%s) o %s (%s).", citeDocSilence, citeAppeal, body.dative(), citeDocRemedies)
		}
	}
	if !r.Informal {
		line("%s", substituteLine(r.Kind, p.Substitute))
	}
	if !r.Intake.Complete() {
		line("Elementi mancanti, che le potranno essere richiesti:")
		for _, m := range r.Intake.Missing {
			line("- %s", m)
		}
	}
	return Receipt{Request: r.ID, Text: strings.TrimRight(b.String(), "\n")}
}

// substituteLine tells the requester whom to ask when the term passes
// without a decision, and in how many days it concludes (art. 2 c. 9-bis
// and 9-ter L. 241/1990; for simple civic access, the remedy for delay
// ANAC names).
func substituteLine(k Kind, sub Substitute) string {
	t := substituteTerm(k)
	srcs := sub.Source.String() + "; " + citeSubstituteTerm.String()
	if sub.Source == citeSubstituteFallback {
		srcs = "art. 2 c. 9-bis e 9-ter L. 241/1990"
	}
	if k == CivicoSemplice {
		srcs += "; " + citeSimpleSubstitute.String()
	}
	return fmt.Sprintf("In caso di ritardo o di mancata risposta entro il termine, può rivolgersi al titolare del potere sostitutivo, %s, che conclude il procedimento entro %s dalla sua richiesta (%s).",
		sub.Title, t.Unit.Quantity(t.Length), srcs)
}
