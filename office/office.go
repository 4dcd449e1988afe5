// Package office describes the organisation a procedure runs in: the offices
// (strutture) of an administration with the matters each is competent for,
// and the staff who act on a procedure with their roles.
//
// Access requests, complaints and petitions all reach a desk that is often not
// the office able to answer: the desk finds the office competent ratione
// materiae (Circolare Funzione Pubblica 2/2017 §3) and forwards the case. A
// Directory holds the offices and answers the two questions this needs: which
// offices are competent for a matter, and which office a free-text subject
// most likely belongs to.
//
// A Directory is immutable once built and safe for concurrent use. Offices and
// staff are organisational data; nothing here is personal data of citizens.
package office

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/puntodiascolto/ascolto/internal/textfold"
)

// ID identifies an office in a Directory, e.g. "dip-mobilita".
type ID string

// Office is a structure of the administration, or an outside body a case can
// be forwarded to (another administration, a city company).
type Office struct {
	// ID is the office's stable identifier.
	ID ID `json:"id"`
	// Name is the office's official name, e.g. "Dipartimento Mobilità Sostenibile e Trasporti".
	Name string `json:"name"`
	// Matters are the matters the office is competent for, ratione materiae
	// ("mobilità", "tributi"). Matching ignores case and accents.
	Matters []string `json:"matters,omitempty"`
	// Keywords are words that, found in a case's subject, suggest this office
	// ("buche", "strisce", "ZTL").
	Keywords []string `json:"keywords,omitempty"`
	// External marks a body outside the administration (another public
	// administration, a city company such as AMA or ATAC): forwarding a case
	// there takes it out of the administration's hands.
	External bool `json:"external,omitempty"`
	// Email is the office's institutional address, if any.
	Email string `json:"email,omitempty"`
}

// Errors returned by NewDirectory and Directory methods.
var (
	// ErrUnknownOffice means an ID is not in the directory.
	ErrUnknownOffice = errors.New("office: unknown office")
	// ErrInvalidOffice means an office cannot be added: empty or repeated ID, empty name.
	ErrInvalidOffice = errors.New("office: invalid office")
)

// Directory is the set of offices of an administration.
type Directory struct {
	offices  map[ID]Office
	order    []ID
	byMatter map[string][]ID
	byWord   map[string][]ID
}

// NewDirectory builds a Directory from offices. It fails with an error
// wrapping ErrInvalidOffice if an ID is empty or repeated or a name is empty.
func NewDirectory(offices ...Office) (*Directory, error) {
	d := &Directory{
		offices:  make(map[ID]Office, len(offices)),
		byMatter: make(map[string][]ID),
		byWord:   make(map[string][]ID),
	}
	for _, o := range offices {
		switch {
		case o.ID == "":
			return nil, fmt.Errorf("%w: empty ID (name %q)", ErrInvalidOffice, o.Name)
		case strings.TrimSpace(o.Name) == "":
			return nil, fmt.Errorf("%w: %s has no name", ErrInvalidOffice, o.ID)
		}
		if _, dup := d.offices[o.ID]; dup {
			return nil, fmt.Errorf("%w: %s appears twice", ErrInvalidOffice, o.ID)
		}
		o.Matters = slices.Clone(o.Matters)
		o.Keywords = slices.Clone(o.Keywords)
		d.offices[o.ID] = o
		d.order = append(d.order, o.ID)
		for _, m := range o.Matters {
			k := textfold.Fold(m)
			d.byMatter[k] = appendOnce(d.byMatter[k], o.ID)
		}
		for _, kw := range o.Keywords {
			for _, w := range words(kw) {
				d.byWord[w] = appendOnce(d.byWord[w], o.ID)
			}
		}
	}
	return d, nil
}

func appendOnce(ids []ID, id ID) []ID {
	if slices.Contains(ids, id) {
		return ids
	}
	return append(ids, id)
}

// Office returns the office with the given ID, or an error wrapping
// ErrUnknownOffice.
func (d *Directory) Office(id ID) (Office, error) {
	o, ok := d.offices[id]
	if !ok {
		return Office{}, fmt.Errorf("%w: %q", ErrUnknownOffice, id)
	}
	return cloneOffice(o), nil
}

// Has reports whether the directory holds an office with the given ID.
func (d *Directory) Has(id ID) bool {
	_, ok := d.offices[id]
	return ok
}

// Offices returns every office in the order they were given to NewDirectory.
func (d *Directory) Offices() []Office {
	out := make([]Office, 0, len(d.order))
	for _, id := range d.order {
		out = append(out, cloneOffice(d.offices[id]))
	}
	return out
}

// Competent returns the offices competent for matter, in directory order.
// Matching ignores case, accents and surrounding spaces.
func (d *Directory) Competent(matter string) []Office {
	ids := d.byMatter[textfold.Fold(matter)]
	out := make([]Office, 0, len(ids))
	for _, id := range ids {
		out = append(out, cloneOffice(d.offices[id]))
	}
	return out
}

// Suggestion is an office proposed for a case, with why.
type Suggestion struct {
	// Office is the proposed office.
	Office Office `json:"office"`
	// Score ranks suggestions: 10 for the declared matter, 1 for each
	// subject word among the office's keywords.
	Score int `json:"score"`
	// Reasons lists what matched, in Italian: "materia: mobilità", "parola: buche".
	Reasons []string `json:"reasons"`
}

// Suggest proposes offices for a case from its declared matter (may be empty)
// and its subject, best first (ties in directory order). It only suggests:
// the desk decides where the case goes. Offices outside the administration are
// suggested like the others; callers that must keep a case in house filter on
// Office.External.
func (d *Directory) Suggest(subject, matter string) []Suggestion {
	type acc struct {
		score   int
		reasons []string
	}
	found := map[ID]*acc{}
	get := func(id ID) *acc {
		a := found[id]
		if a == nil {
			a = &acc{}
			found[id] = a
		}
		return a
	}
	if matter != "" {
		for _, id := range d.byMatter[textfold.Fold(matter)] {
			a := get(id)
			a.score += 10
			a.reasons = append(a.reasons, "materia: "+strings.TrimSpace(matter))
		}
	}
	seen := map[string]bool{}
	for _, w := range words(subject) {
		if seen[w] {
			continue
		}
		seen[w] = true
		for _, id := range d.byWord[w] {
			a := get(id)
			a.score++
			a.reasons = append(a.reasons, "parola: "+w)
		}
	}
	out := make([]Suggestion, 0, len(found))
	for _, id := range d.order {
		if a, ok := found[id]; ok {
			out = append(out, Suggestion{Office: cloneOffice(d.offices[id]), Score: a.score, Reasons: a.reasons})
		}
	}
	slices.SortStableFunc(out, func(a, b Suggestion) int { return b.Score - a.Score })
	return out
}

func cloneOffice(o Office) Office {
	o.Matters = slices.Clone(o.Matters)
	o.Keywords = slices.Clone(o.Keywords)
	return o
}

// words splits s into the folded words (textfold.Fold) that count for
// suggestions: two letters or digits at least, so that articles and
// initials do not match.
func words(s string) []string {
	ws := strings.Fields(textfold.Fold(s))
	out := ws[:0]
	for _, w := range ws {
		if len(w) >= 2 {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
