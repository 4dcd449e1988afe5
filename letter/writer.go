package letter

import (
	"bytes"
	"errors"
	htmltemplate "html/template"
	"io/fs"
	"strings"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/internal/markup"
	"github.com/puntodiascolto/ascolto/internal/privacy"
	"github.com/puntodiascolto/ascolto/office"
)

// Options are the office's own data the letters print (never a citizen's:
// those come from the case's history) and the template overrides.
type Options struct {
	// Administration is the administration's name: "Roma Capitale".
	// Empty: the access Policy's, else "l'amministrazione".
	Administration string `json:"administration,omitempty"`
	// Office is the name of the office that writes: "Ufficio Punto di Ascolto".
	Office string `json:"office,omitempty"`
	// Address and Contact are the office's address and its contacts (an
	// e-mail, a PEC, the opening hours), where oppositions, corrections
	// and questions are sent.
	Address string `json:"address,omitempty"`
	Contact string `json:"contact,omitempty"`
	// Directory names the offices a case is assigned or forwarded to; nil
	// prints their IDs.
	Directory *office.Directory `json:"-"`
	// Responsible names the responsabile del procedimento of each office
	// (art. 5-6 L. 241/1990) for requests whose start notice named none
	// (access.Request.Responsible wins), a member of staff or a position
	// ("dirigente della U.O. Permessi di costruire"); Responsible[""] is
	// used for offices without an entry. Without any, the letter names the
	// head of the competent office (art. 5 c. 2: the responsabile is the
	// head of the unit until another is assigned).
	Responsible map[office.ID]string `json:"responsible,omitempty"`
	// Viewing is where the documents of the procedure can be seen (art. 8
	// c. 2 lett. e L. 241/1990): an office, an address, hours. Empty: the
	// office's Address.
	Viewing string `json:"viewing,omitempty"`
	// RPCT names the Responsabile della prevenzione della corruzione e della
	// trasparenza, who decides reviews (art. 5 c. 7 D.Lgs. 33/2013).
	RPCT string `json:"rpct,omitempty"`
	// Substitute names the titolare del potere sostitutivo (art. 2 c. 9-bis
	// L. 241/1990) where the access Policy names none.
	Substitute string `json:"substitute,omitempty"`
	// Signature is who signs ("Il Responsabile del procedimento").
	Signature string `json:"signature,omitempty"`
	// Access is the access procedures' policy (access.Service.Policy):
	// the administration's name, whether a difensore civico hears its
	// refusals, whether the documentale term is suspended for the parties.
	Access access.Policy `json:"-"`
	// Complaint is the complaints' policy (complaint.Service.Policy): the
	// term to ask for a reopening. The zero value is complaint.DefaultPolicy.
	Complaint complaint.Policy `json:"-"`
	// Lang is the language of the letters: Italian (the default) or
	// English (receipt and decision only).
	Lang Lang `json:"lang,omitempty"`
	// Templates overrides the shipped templates: a file with the name of a
	// shipped one (it/ricevuta.tmpl, it/layout.html.tmpl...) replaces it;
	// the others stay. New checks every template it would use.
	Templates fs.FS `json:"-"`
}

// Writer writes the office's letters from the cases' histories. It is
// immutable and safe for concurrent use.
type Writer struct {
	o    Options
	sets map[Kind]set
}

// New returns a Writer for o. It parses every template in o.Lang, shipped
// or overridden, and fails with a *TemplateError (ErrTemplate) if one does
// not parse or does not print a mandatory field of its kind.
func New(o Options) (*Writer, error) {
	if o.Lang == "" {
		o.Lang = Italian
	}
	if o.Lang != Italian && o.Lang != English {
		return nil, &TemplateError{Lang: o.Lang, Name: string(o.Lang), Err: errors.New("unknown language")}
	}
	if o.Signature == "" {
		o.Signature = map[Lang]string{Italian: "Il Responsabile del procedimento", English: "The officer responsible for the procedure"}[o.Lang]
	}
	if o.Viewing == "" {
		o.Viewing = strings.TrimSpace(strings.Join([]string{o.Office, o.Address}, ", "))
		o.Viewing = strings.Trim(o.Viewing, ", ")
	}
	w := &Writer{o: o, sets: map[Kind]set{}}
	for _, k := range Kinds() {
		s, ok, err := load(o.Templates, o.Lang, k)
		if err != nil {
			return nil, err
		}
		if ok {
			w.sets[k] = s
		}
	}
	return w, nil
}

// Options returns the writer's options, defaults filled.
func (w *Writer) Options() Options { return w.o }

// data is what templates read: the letter (.L), its fields by name (.V),
// the office's options (.O) and, in the HTML layout, the body (.Body).
type data struct {
	L    Letter
	V    map[string]any
	O    Options
	Body htmltemplate.HTML
}

// Available reports whether the writer has a template for kind k in its
// language (English has the receipt and the decision only).
func (w *Writer) Available(k Kind) bool { _, ok := w.sets[k]; return ok }

// finish checks the letter's fields against the other persons' data and
// renders its subject.
func (w *Writer) finish(l *Letter) error {
	l.Lang = w.o.Lang
	s, ok := w.sets[l.Kind]
	if !ok {
		return &TemplateError{Kind: l.Kind, Lang: w.o.Lang, Name: kindFile(w.o.Lang, l.Kind), Err: errors.New("no template for this language")}
	}
	for _, f := range l.Fields {
		if err := l.check(f.Name, texts(f.Value)...); err != nil {
			return err
		}
	}
	var b bytes.Buffer
	if err := s.text.ExecuteTemplate(&b, "subject", data{L: *l, V: l.values(), O: w.o}); err != nil {
		return &TemplateError{Kind: l.Kind, Lang: l.Lang, Name: kindFile(l.Lang, l.Kind), Err: err}
	}
	l.Subject = strings.Join(strings.Fields(b.String()), " ")
	return l.check("oggetto", l.Subject)
}

// texts returns the strings a field's value prints.
func texts(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []string:
		return v
	case []Remedy:
		var out []string
		for _, r := range v {
			out = append(out, r.What, r.Authority, r.Term)
		}
		return out
	}
	return nil
}

// check refuses texts holding an identifier of a person other than the
// addressee.
func (l *Letter) check(field string, texts ...string) error {
	if len(l.others) == 0 {
		return nil
	}
	for _, t := range texts {
		if f, ok := privacy.Find(t, l.others...); ok && f.Kind == "identificativo" {
			return &PersonalDataError{Kind: l.Kind, Field: field, What: f.Kind}
		}
	}
	return nil
}

// Text renders l as plain text, ready for e-mail or PEC.
func (w *Writer) Text(l Letter) (string, error) {
	s, err := w.set(l)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := s.text.ExecuteTemplate(&b, "layout", data{L: l, V: l.values(), O: w.o}); err != nil {
		return "", &TemplateError{Kind: l.Kind, Lang: l.Lang, Name: layoutFile(l.Lang, "txt"), Err: err}
	}
	out := tidy(b.String())
	return out, l.check("testo", out)
}

// HTML renders l as an HTML document. Every value is escaped; citations
// with an official text link to it (Normattiva).
func (w *Writer) HTML(l Letter) (string, error) {
	s, err := w.set(l)
	if err != nil {
		return "", err
	}
	d := data{L: l, V: l.values(), O: w.o}
	var body bytes.Buffer
	if err := s.html.ExecuteTemplate(&body, "body", d); err != nil {
		return "", &TemplateError{Kind: l.Kind, Lang: l.Lang, Name: kindFile(l.Lang, l.Kind), Err: err}
	}
	d.Body = paragraphs(tidy(body.String()))
	var b bytes.Buffer
	if err := s.html.ExecuteTemplate(&b, "layout", d); err != nil {
		return "", &TemplateError{Kind: l.Kind, Lang: l.Lang, Name: layoutFile(l.Lang, "html"), Err: err}
	}
	out := b.String()
	return out, l.check("testo", out)
}

func (w *Writer) set(l Letter) (set, error) {
	s, ok := w.sets[l.Kind]
	if !ok || l.Lang != w.o.Lang {
		return set{}, &TemplateError{Kind: l.Kind, Lang: l.Lang, Name: kindFile(l.Lang, l.Kind), Err: errors.New("the letter was written in another language, or no template exists for it")}
	}
	return s, nil
}

// tidy trims the spaces at the end of lines, keeps at most one empty line
// between paragraphs and ends the text with one newline.
func tidy(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	var b strings.Builder
	blank := false
	for _, ln := range lines {
		ln = strings.TrimRight(ln, " \t")
		if ln == "" {
			blank = true
			continue
		}
		if blank && b.Len() > 0 {
			b.WriteByte('\n')
		}
		blank = false
		b.WriteString(ln)
		b.WriteByte('\n')
	}
	return b.String()
}

// paragraphs turns an escaped body into HTML: paragraphs at empty lines,
// lines starting with "- " into a list.
func paragraphs(escaped string) htmltemplate.HTML {
	var b strings.Builder
	for _, par := range strings.Split(strings.TrimSpace(escaped), "\n\n") {
		var text, items []string
		flush := func() {
			if len(text) > 0 {
				b.WriteString("<p>" + strings.Join(text, "<br>\n") + "</p>\n")
				text = nil
			}
			if len(items) > 0 {
				b.WriteString("<ul>\n<li>" + strings.Join(items, "</li>\n<li>") + "</li>\n</ul>\n")
				items = nil
			}
		}
		for _, ln := range strings.Split(par, "\n") {
			if item, ok := strings.CutPrefix(ln, "- "); ok {
				if len(text) > 0 {
					flush()
				}
				items = append(items, item)
				continue
			}
			if len(items) > 0 {
				flush()
			}
			text = append(text, ln)
		}
		flush()
	}
	return htmltemplate.HTML(b.String())
}

// Markdown renders l as Markdown: the plain text with every line escaped
// (nothing a case holds becomes a link, an image or HTML), lists kept,
// line breaks kept inside paragraphs, and each citation with an official
// text linked to it (Normattiva).
func (w *Writer) Markdown(l Letter) (string, error) {
	txt, err := w.Text(l)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, par := range strings.Split(strings.TrimSpace(txt), "\n\n") {
		lines := strings.Split(par, "\n")
		for i, ln := range lines {
			if item, ok := strings.CutPrefix(ln, "- "); ok {
				b.WriteString("- " + markup.Cited(item, l.Citations))
			} else {
				b.WriteString(markup.Cited(ln, l.Citations))
				if i < len(lines)-1 && !strings.HasPrefix(lines[i+1], "- ") {
					b.WriteString("  ")
				}
			}
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}
