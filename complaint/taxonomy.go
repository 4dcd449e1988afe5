package complaint

import (
	"slices"
	"strings"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
)

// Category is one entry of the administration's classification of reports:
// "strade" (roads) with its child "buche" (potholes). Its code is what
// complaints store, what the Index tags ("category:buche") and what Open311
// clients send as service_code.
type Category struct {
	// Code is the stable identifier: lower-case letters, digits, '-', '_'
	// or '.', at most 64 characters.
	Code string `json:"code"`
	// Label is the Italian name shown to officers and citizens:
	// "Buche e dissesti stradali".
	Label string `json:"label"`
	// Parent is the code of the parent category; empty for a root.
	Parent string `json:"parent,omitempty"`
	// Description explains the category to citizens (Open311 description).
	Description string `json:"description,omitempty"`
	// Office is the office that usually handles the category; children
	// without one inherit their parent's. It may be outside the
	// administration (AMA for waste).
	Office office.ID `json:"office,omitempty"`
	// Matter is the matter used to ask the office.Directory which offices
	// are competent; children inherit it.
	Matter string `json:"matter,omitempty"`
	// Term overrides the answer term of every kind for this category and
	// its children (a charter promising an answer on potholes within 15
	// days). Nil inherits the parent's, then the Policy's.
	Term *deadline.Term `json:"term,omitempty"`
	// Keywords help Open311 clients and the directory suggest the category.
	Keywords []string `json:"keywords,omitempty"`
}

// Taxonomy is the set of categories an administration configures. It is
// immutable once built and safe for concurrent use.
type Taxonomy struct {
	byCode map[string]*taxEntry
	order  []string
}

type taxEntry struct {
	cat      Category
	path     []string // root first, including the code itself
	tags     []string // "category:<code>" for each code of path
	children []string
}

// NewTaxonomy builds a taxonomy. Categories may come in any order; it fails
// with an error wrapping ErrInvalid on an empty, malformed or repeated code,
// an empty label, an unknown parent, a cycle, or a term of negative length.
func NewTaxonomy(cats ...Category) (*Taxonomy, error) {
	t := &Taxonomy{byCode: make(map[string]*taxEntry, len(cats))}
	for _, c := range cats {
		if !validCode(c.Code) {
			return nil, invalid("category code %q: use 1-64 lower-case letters, digits, '-', '_' or '.'", c.Code)
		}
		if strings.TrimSpace(c.Label) == "" {
			return nil, invalid("category %s has no label", c.Code)
		}
		if _, dup := t.byCode[c.Code]; dup {
			return nil, invalid("category %s appears twice", c.Code)
		}
		if c.Term != nil {
			if c.Term.Length < 0 {
				return nil, invalid("category %s: negative term", c.Code)
			}
			tm := *c.Term
			c.Term = &tm
		}
		c.Keywords = slices.Clone(c.Keywords)
		t.byCode[c.Code] = &taxEntry{cat: c}
		t.order = append(t.order, c.Code)
	}
	for _, code := range t.order {
		e := t.byCode[code]
		var path []string
		for cur := code; cur != ""; {
			if slices.Contains(path, cur) {
				return nil, invalid("category %s: its parents form a cycle", code)
			}
			p, ok := t.byCode[cur]
			if !ok {
				return nil, invalid("category %s: unknown parent %q", code, cur)
			}
			path = append(path, cur)
			cur = p.cat.Parent
		}
		slices.Reverse(path)
		e.path = path
		e.tags = make([]string, len(path))
		for i, c := range path {
			e.tags[i] = "category:" + c
		}
		if parent := e.cat.Parent; parent != "" {
			t.byCode[parent].children = append(t.byCode[parent].children, code)
		}
	}
	return t, nil
}

func validCode(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

// Has reports whether the taxonomy has a category with that code. A nil
// Taxonomy has none.
func (t *Taxonomy) Has(code string) bool {
	if t == nil {
		return false
	}
	_, ok := t.byCode[code]
	return ok
}

// Category returns the category with that code.
func (t *Taxonomy) Category(code string) (Category, bool) {
	if t == nil {
		return Category{}, false
	}
	e, ok := t.byCode[code]
	if !ok {
		return Category{}, false
	}
	return cloneCategory(e.cat), true
}

// Categories returns every category in the order given to NewTaxonomy.
func (t *Taxonomy) Categories() []Category {
	if t == nil {
		return nil
	}
	out := make([]Category, len(t.order))
	for i, code := range t.order {
		out[i] = cloneCategory(t.byCode[code].cat)
	}
	return out
}

// Children returns the codes of the direct children of code.
func (t *Taxonomy) Children(code string) []string {
	if t == nil || t.byCode[code] == nil {
		return nil
	}
	return slices.Clone(t.byCode[code].children)
}

// Path returns the codes from the root down to code ("strade", "buche"), or
// nil for an unknown code.
func (t *Taxonomy) Path(code string) []string {
	if t == nil || t.byCode[code] == nil {
		return nil
	}
	return slices.Clone(t.byCode[code].path)
}

// Label returns the Italian label of code, or code itself if unknown.
func (t *Taxonomy) Label(code string) string {
	if t != nil {
		if e, ok := t.byCode[code]; ok {
			return e.cat.Label
		}
	}
	return code
}

// Term returns the answer term the category sets, its own or its nearest
// ancestor's, and false if none does.
func (t *Taxonomy) Term(code string) (deadline.Term, bool) {
	if t == nil || t.byCode[code] == nil {
		return deadline.Term{}, false
	}
	path := t.byCode[code].path
	for i := len(path) - 1; i >= 0; i-- {
		if tm := t.byCode[path[i]].cat.Term; tm != nil {
			return *tm, true
		}
	}
	return deadline.Term{}, false
}

// Office returns the default office of the category, its own or its
// nearest ancestor's, and false if none has one.
func (t *Taxonomy) Office(code string) (office.ID, bool) {
	return t.inherit(code, func(c Category) string { return string(c.Office) })
}

// Matter returns the matter of the category, its own or its nearest
// ancestor's, and false if none has one.
func (t *Taxonomy) Matter(code string) (string, bool) {
	m, ok := t.inherit(code, func(c Category) string { return c.Matter })
	return string(m), ok
}

func (t *Taxonomy) inherit(code string, get func(Category) string) (office.ID, bool) {
	if t == nil || t.byCode[code] == nil {
		return "", false
	}
	path := t.byCode[code].path
	for i := len(path) - 1; i >= 0; i-- {
		if v := get(t.byCode[path[i]].cat); v != "" {
			return office.ID(v), true
		}
	}
	return "", false
}

// tags returns "category:<code>" for code and each of its ancestors, shared
// slices that callers must not modify.
func (t *Taxonomy) tags(code string) []string {
	if t == nil || t.byCode[code] == nil {
		return nil
	}
	return t.byCode[code].tags
}

func cloneCategory(c Category) Category {
	if c.Term != nil {
		tm := *c.Term
		c.Term = &tm
	}
	c.Keywords = slices.Clone(c.Keywords)
	return c
}
