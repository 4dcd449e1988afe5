package letter

import (
	"embed"
	"errors"
	htmltemplate "html/template"
	"io/fs"
	"path"
	"slices"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
)

// shipped holds the default templates: <lang>/layout.txt.tmpl,
// <lang>/layout.html.tmpl and <lang>/<kind>.tmpl.
//
//go:embed templates
var shipped embed.FS

// mandatory lists, per kind, the fields its template must print: the
// contents the law requires of that letter. An override that leaves one
// out is refused with a *TemplateError.
var mandatory = map[Kind][]string{
	Receipt:            {"protocol", "received", "office", "responsible", "due", "remedies"},
	StartNotice:        {"administration", "object", "office", "responsible", "received", "due", "remedies", "viewing"},
	OfficeStart:        {"object", "received", "due"},
	Irregularity:       {"missing", "window", "restart"},
	DocumentRequest:    {"documents", "internalDue", "due"},
	PartyNotice:        {"object", "window", "oppose"},
	Decision:           {"outcome", "grounds", "reasons", "remedies", "late", "lateDue", "taken"},
	PartyAcceptance:    {"object", "releaseFrom", "remedies"},
	ReviewDecision:     {"outcome", "grounds", "reasons", "remedies"},
	SubstituteDecision: {"outcome", "grounds", "reasons", "substitute", "termDue", "late", "lateDue", "taken", "remedies"},
	ComplaintAnswer:    {"answer", "reopen"},
	PetitionReceipt:    {"protocol", "filed", "due"},
	PetitionForward:    {"object", "question", "internalDue"},
}

// Mandatory returns the names of the fields a template of kind k must
// print: the contents the law requires of that letter.
func Mandatory(k Kind) []string { return slices.Clone(mandatory[k]) }

// set is the parsed templates of one kind in one language: text and HTML.
type set struct {
	text *template.Template
	html *htmltemplate.Template
}

// kindFile returns the file name of kind k's template in lang.
func kindFile(lang Lang, k Kind) string { return path.Join(string(lang), string(k)+".tmpl") }

// layoutFile returns the file name of lang's layout for format ("txt",
// "html").
func layoutFile(lang Lang, format string) string {
	return path.Join(string(lang), "layout."+format+".tmpl")
}

// read returns the file name from the overrides if they hold it, else
// from the shipped templates.
func read(over fs.FS, name string) (string, bool, error) {
	if over != nil {
		b, err := fs.ReadFile(over, name)
		if err == nil {
			return string(b), true, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", false, err
		}
	}
	b, err := shipped.ReadFile(path.Join("templates", name))
	if err != nil {
		return "", false, err
	}
	return string(b), false, nil
}

// load parses kind k's templates in lang, with overrides, and checks that
// they print every mandatory field. ok is false when no template exists
// for the pair (an English letter of a kind with Italian only).
func load(over fs.FS, lang Lang, k Kind) (s set, ok bool, err error) {
	body, _, err := read(over, kindFile(lang, k))
	if errors.Is(err, fs.ErrNotExist) {
		return set{}, false, nil
	}
	fail := func(name string, err error, missing []string) (set, bool, error) {
		return set{}, false, &TemplateError{Kind: k, Lang: lang, Name: name, Err: err, Missing: missing}
	}
	if err != nil {
		return fail(kindFile(lang, k), err, nil)
	}
	txtLayout, _, err := read(over, layoutFile(lang, "txt"))
	if err != nil {
		return fail(layoutFile(lang, "txt"), err, nil)
	}
	htmlLayout, _, err := read(over, layoutFile(lang, "html"))
	if err != nil {
		return fail(layoutFile(lang, "html"), err, nil)
	}
	t := template.New("layout").Option("missingkey=error").Funcs(textFuncs(lang))
	if _, err := t.Parse(txtLayout); err != nil {
		return fail(layoutFile(lang, "txt"), err, nil)
	}
	if _, err := t.New(string(k)).Parse(body); err != nil {
		return fail(kindFile(lang, k), err, nil)
	}
	for _, name := range []string{"subject", "body"} {
		if t.Lookup(name) == nil {
			return fail(kindFile(lang, k), errors.New(`it must define "subject" and "body"`), nil)
		}
	}
	if missing := unused(t, mandatory[k]); len(missing) > 0 {
		return fail(kindFile(lang, k), nil, missing)
	}
	h := htmltemplate.New("layout").Option("missingkey=error").Funcs(htmlFuncs(lang))
	if _, err := h.Parse(htmlLayout); err != nil {
		return fail(layoutFile(lang, "html"), err, nil)
	}
	if _, err := h.New(string(k)).Parse(body); err != nil {
		return fail(kindFile(lang, k), err, nil)
	}
	return set{text: t, html: h}, true, nil
}

// unused returns the names among want that no template of t refers to as
// .V.<name> (or $.V.<name>).
func unused(t *template.Template, want []string) []string {
	seen := map[string]bool{}
	for _, x := range t.Templates() {
		if x.Tree != nil {
			refs(x.Tree.Root, seen)
		}
	}
	var out []string
	for _, w := range want {
		if !seen[w] {
			out = append(out, w)
		}
	}
	return out
}

// refs records in seen the fields of .V a template node refers to.
func refs(n parse.Node, seen map[string]bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				refs(c, seen)
			}
		}
	case *parse.ActionNode:
		refs(n.Pipe, seen)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				refs(c, seen)
			}
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			refs(a, seen)
		}
	case *parse.FieldNode:
		if len(n.Ident) >= 2 && n.Ident[0] == "V" {
			seen[n.Ident[1]] = true
		}
	case *parse.VariableNode:
		if len(n.Ident) >= 3 && n.Ident[1] == "V" {
			seen[n.Ident[2]] = true
		}
	case *parse.ChainNode:
		refs(n.Node, seen)
	case *parse.IfNode:
		branchRefs(&n.BranchNode, seen)
	case *parse.RangeNode:
		branchRefs(&n.BranchNode, seen)
	case *parse.WithNode:
		branchRefs(&n.BranchNode, seen)
	case *parse.TemplateNode:
		refs(n.Pipe, seen)
	}
}

// branchRefs is refs over an if, range or with: its pipeline and both lists.
func branchRefs(b *parse.BranchNode, seen map[string]bool) {
	refs(b.Pipe, seen)
	refs(b.List, seen)
	refs(b.ElseList, seen)
}

var monthsEN = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// dateIn writes d as letters in lang write it: "05/10/2026", "5 October 2026".
func dateIn(lang Lang) func(deadline.Date) string {
	if lang == English {
		return func(d deadline.Date) string {
			if d.IsZero() {
				return ""
			}
			y, m, dd := d.Date()
			return strings.Join([]string{itoa(dd), monthsEN[m-1], itoa(y)}, " ")
		}
	}
	return deadline.Date.Italian
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// textFuncs are the functions templates may call, for plain text.
func textFuncs(lang Lang) template.FuncMap {
	return template.FuncMap{
		"date":  dateIn(lang),
		"cite":  law.Citation.String,
		"short": func(c law.Citation) string { return c.WithNote("").String() },
		"cites": citeList,
	}
}

// htmlFuncs are the same functions for HTML: a citation with an official
// text links to it (Normattiva).
func htmlFuncs(lang Lang) htmltemplate.FuncMap {
	return htmltemplate.FuncMap{
		"date":  dateIn(lang),
		"cite":  citeLink,
		"short": func(c law.Citation) htmltemplate.HTML { return citeLink(c.WithNote("")) },
		"cites": func(cs []law.Citation) htmltemplate.HTML { return citeLinks(cs) },
	}
}

func citeList(cs []law.Citation) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.String()
	}
	return strings.Join(parts, "; ")
}

// citeLink renders c as a link to its official text where it has one. The
// address is built by package law, never taken from a user.
func citeLink(c law.Citation) htmltemplate.HTML {
	text := htmltemplate.HTMLEscapeString(c.String())
	if u := c.URL(); u != "" {
		return htmltemplate.HTML(`<a href="` + htmltemplate.HTMLEscapeString(u) + `">` + text + `</a>`)
	}
	return htmltemplate.HTML(text)
}

func citeLinks(cs []law.Citation) htmltemplate.HTML {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = string(citeLink(c))
	}
	return htmltemplate.HTML(strings.Join(parts, "; "))
}
