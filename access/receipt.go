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
		fallthrough
	case CivicoSemplice:
		if route {
			line("In caso di diniego totale o parziale o di mancata risposta entro il termine, può chiedere il riesame al Responsabile della prevenzione della corruzione e della trasparenza (%s), ricorrere al difensore civico (%s) o al TAR (%s).", citeCivicReview, citeCivicOmbudsman, citeAppeal)
		} else {
			line("In caso di diniego totale o parziale o di mancata risposta entro il termine, può chiedere il riesame al Responsabile della prevenzione della corruzione e della trasparenza (%s) o ricorrere al TAR (%s).", citeCivicReview, citeAppeal)
		}
	case Documentale:
		if !r.Informal {
			line("Decorsi inutilmente 30 giorni, la richiesta si intende respinta (%s); contro il diniego, il differimento o il silenzio può ricorrere entro 30 giorni al TAR (%s) o %s (%s).", citeDocSilence, citeAppeal, body.dative(), citeDocRemedies)
		}
	}
	if !r.Intake.Complete() {
		line("Elementi mancanti, che le potranno essere richiesti:")
		for _, m := range r.Intake.Missing {
			line("- %s", m)
		}
	}
	return Receipt{Request: r.ID, Text: strings.TrimRight(b.String(), "\n")}
}
