package petition

import (
	"fmt"

	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/internal/privacy"
	"github.com/puntodiascolto/ascolto/law"
)

// citeMinimisation is the principle of data minimisation: personal data are
// adequate, relevant and limited to what is necessary for the purposes
// (Reg. UE 2016/679 art. 5 c. 1 lett. c). Publishing a petition's subject,
// matter, dates and outcome needs none.
var citeMinimisation = law.Cite("Reg. UE 2016/679", "5", "1").WithLetter("c").
	WithNote("minimizzazione dei dati: i testi destinati alla pubblicazione non contengono dati personali")

// publishable refuses a text the office writes, or registers, for
// publication (it reaches Public or the Index) if it contains personal
// data: an identifier of a promoter (surname, name, codice fiscale, address,
// e-mail: names as whole words, codes whatever the spacing), or the shape of
// anyone's codice fiscale, e-mail address, telephone number or IBAN
// (internal/privacy). The signatories are covered by the shape of their
// codes; their names are not looked for: the folded state keeps only their
// codes' keys, and matching 100,000 names on every act would cost more than
// it protects (the office writes these texts, not the signatories). The
// *RuleError names the field and the kind of datum found, never the datum.
func publishable(field, text string, promoters []Person) error {
	if !nonBlank(text) {
		return nil
	}
	f, ok := privacy.Find(text, identifiers(promoters)...)
	if !ok {
		return nil
	}
	what := f.Kind
	if f.Kind == "identificativo" {
		what = "un dato identificativo di un promotore"
	}
	return &RuleError{Rule: citeMinimisation, Err: ErrPersonalData,
		Reason: fmt.Sprintf("%s contiene un dato personale (%s): va riscritto senza, perché è pubblicato", field, what)}
}

// publishableCitation checks the texts of a citation written by the office
// (a refusal's ground).
func publishableCitation(field string, c law.Citation, promoters []Person) error {
	for _, text := range []string{c.Act, c.Article, c.Comma, c.Letter, c.Note, c.URN} {
		if err := publishable(field, text, promoters); err != nil {
			return err
		}
	}
	return nil
}

// identifiers returns what identifies the promoters.
func identifiers(promoters []Person) []string {
	ids := make([]string, 0, 5*len(promoters))
	for _, p := range promoters {
		code := p.CodiceFiscale
		if cf, err := codicefiscale.Parse(code); err == nil {
			code = cf.String() // without the SPID prefix and spaces
		}
		ids = append(ids, p.FamilyName, p.GivenName, code, p.Address, p.Email)
	}
	return ids
}
