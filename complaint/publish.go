package complaint

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/puntodiascolto/ascolto/internal/privacy"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
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
	f, ok := findPersonal(text, ids)
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
			d, err := s.load(ctx, id)
			if err != nil {
				return err
			}
			people = append(people, d.Person)
		}
	}
	return publishable(field, text, people...)
}

// findPersonal is privacy.Find without its false codici fiscali: the
// detector reads the text's letters and digits run together, and ordinary
// words can spell the shape of a code whose digits are all replaced by
// omocodia letters ("ripristino del manto stradale" holds TINODELMANTOSTRA).
// A match without digits that spans only letters and spaces of the text is
// taken for words: it is blanked and the text searched again, so that a real
// datum after it is still found. A match spanning punctuation (an e-mail
// address, a code written "RSS.MRA...") is kept: the check errs on refusing.
func findPersonal(text string, ids []string) (privacy.Finding, bool) {
	for range 8 {
		f, ok := privacy.Find(text, ids...)
		if !ok || f.Kind != "codice fiscale" || strings.ContainsAny(f.Match, "0123456789") {
			return f, ok
		}
		start, end, found := compactSpan(text, f.Match)
		if !found || strings.IndexFunc(text[start:end], func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsSpace(r) }) >= 0 {
			return f, true
		}
		text = text[:start] + " " + text[end:]
	}
	return privacy.Find(text, ids...)
}

// compactSpan returns the byte span of text whose letters and digits,
// folded and upper case, are m (the form in which privacy.Find reports a
// codice fiscale).
func compactSpan(text, m string) (start, end int, ok bool) {
	type span struct{ start, end int }
	var spans []span
	var b strings.Builder
	for i, r := range text {
		f := strings.ToUpper(office.Fold(string(r)))
		if f == "" {
			continue
		}
		if utf8.RuneCountInString(f) != 1 {
			return 0, 0, false
		}
		spans = append(spans, span{i, i + utf8.RuneLen(r)})
		b.WriteString(f)
	}
	c := b.String()
	k := strings.Index(c, m)
	if k < 0 || m == "" {
		return 0, 0, false
	}
	first := utf8.RuneCountInString(c[:k])
	last := first + utf8.RuneCountInString(m) - 1
	if last >= len(spans) {
		return 0, 0, false
	}
	return spans[first].start, spans[last].end, true
}
