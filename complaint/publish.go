package complaint

import (
	"context"
	"strings"

	"github.com/puntodiascolto/ascolto/internal/privacy"
	"github.com/puntodiascolto/ascolto/law"
)

// basisMinimisation is the principle of data minimisation: personal data
// are adequate, relevant and limited to what is necessary for the purposes
// (art. 5 c. 1 lett. c Reg. UE 2016/679). Publishing a complaint's subject
// or answer needs none.
var basisMinimisation = law.Cite("Reg. UE 2016/679", "5", "1").WithLetter("c").WithNote("minimizzazione dei dati")

// publishable refuses a text the office writes for publication (a summary,
// a reference shown beside it) that contains personal data: any identifier
// of the given reporters as whole words or, for codes and numbers, whatever
// the spacing, or the shape of anyone's codice fiscale, e-mail address,
// telephone number or IBAN (internal/privacy). The *RuleError names the
// field and the kind of datum found; it does not repeat a reporter's
// identifier.
func publishable(field, text string, reporters ...Person) error {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	var ids []string
	for _, p := range reporters {
		ids = append(ids, p.fields()...)
	}
	f, ok := privacy.Find(text, ids...)
	if !ok {
		return nil
	}
	if f.Kind == "identificativo" {
		what := "an identifier"
		for _, p := range reporters {
			for i, v := range p.fields() {
				if v != "" && v == f.Match {
					what = "the " + fieldNames[i]
				}
			}
		}
		return ruleErr(basisMinimisation, "the %s names the reporter (%s): rewrite it without personal data", field, what)
	}
	return ruleErr(basisMinimisation, "the %s contains personal data (%s %q): rewrite it without personal data", field, f.Kind, f.Match)
}

// publishableFor checks text against the complaint's reporter and, when
// the text is shown on its merged duplicates too (the answer's summary),
// against theirs.
func (s *Service) publishableFor(ctx context.Context, v *View, field, text string, withDuplicates bool) error {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	people := []Person{v.Person}
	if withDuplicates {
		ids, err := s.Duplicates(ctx, v.ID)
		if err != nil {
			return err
		}
		for _, id := range ids {
			d, err := s.read(ctx, id)
			if err != nil {
				return err
			}
			people = append(people, d.v.Person)
		}
	}
	return publishable(field, text, people...)
}
