package complaint

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/puntodiascolto/ascolto/deadline"
)

// Probe describes a report whose duplicates are sought: the same problem
// reported again ("the same pothole").
type Probe struct {
	// Category is the category code; duplicates share it. Required.
	Category string
	// Place is where the problem is: a point, an address or at least a
	// Municipio.
	Place Place
	// Exclude is left out of the results (the complaint itself).
	Exclude ID
	// Radius is the distance in metres within which a report with a point
	// is a duplicate; zero means Policy.DuplicateRadius. At most
	// MaxDuplicateRadius.
	Radius float64
	// Since is the oldest received date considered; zero means
	// Policy.DuplicateWindow days before today.
	Since deadline.Date
}

// Proximity says how close a proposed duplicate is, from the closest.
type Proximity string

const (
	// SamePoint: both reports have a point, within the radius.
	SamePoint Proximity = "punto"
	// SameAddress: the same street and civic number (Place.PublicAddress:
	// what follows the civic number, such as an interno, is not compared).
	SameAddress Proximity = "indirizzo"
	// SameStreet: the same street, without a point to tell how far.
	SameStreet Proximity = "via"
	// SameMunicipio: only the Municipio is known.
	SameMunicipio Proximity = "municipio"
)

func (p Proximity) rank() int {
	return slices.Index([]Proximity{SamePoint, SameAddress, SameStreet, SameMunicipio}, p)
}

// Match is a proposed duplicate.
type Match struct {
	// ID and Index identify the complaint and summarise it.
	ID    ID    `json:"id"`
	Index Index `json:"index"`
	// Proximity says how it matched; Distance is the distance in metres
	// for SamePoint, else -1.
	Proximity Proximity `json:"proximity"`
	Distance  float64   `json:"distance"`
	// Reason says it in Italian: "stessa categoria, a 12 m".
	Reason string `json:"reason"`
}

// FindDuplicates proposes the complaints that report the same problem as
// p: same category, received since p.Since, not merged nor closed, and
//
//   - with a point within the radius of p's point (SamePoint), or
//   - at the same address (SameAddress) or in the same street (SameStreet)
//     when a point is missing on either side, or
//   - when p has neither point nor address, in the same Municipio
//     (SameMunicipio).
//
// It needs nothing of the Store but List and Load. Each step is a List
// narrowed by a selective Index tag: "cell:<row>:<col>" for each geographic
// cell the circle touches (about 222 m a side, so a 50 m radius touches one
// to four), or "street:<name>"; with "category:<code>", the candidate states
// and the received date as further filters. A store with an index on tags
// (the in-memory store, a SQL store with an index on its tags table) answers
// it from the few complaints carrying the selective tag; a store without
// one visits the complaints of the date window. Only the complaints listed
// are loaded, to measure the distance (haversine) or compare addresses. The
// Municipio fallback is a List by "municipio:<n>" tag and date. Results are
// ordered from the closest. The desk decides: Merge records the decision.
func (s *Service) FindDuplicates(ctx context.Context, p Probe) ([]Match, error) {
	d, err := s.newSearch(ctx, p)
	if err != nil {
		return nil, err
	}
	if pt := p.Place.Point; pt != nil {
		if err := d.nearPoint(*pt); err != nil {
			return nil, err
		}
	}
	if street := p.Place.Street(); street != "" {
		if err := d.inStreet(street); err != nil {
			return nil, err
		}
	}
	if p.Place.Point == nil && p.Place.Street() == "" && p.Place.Municipio != 0 {
		m := p.Place.Municipio
		err := d.candidates(municipioTag(m), func(View) (Match, bool) {
			return Match{Proximity: SameMunicipio, Distance: -1, Reason: "stessa categoria, stesso " + m.Italian()}, true
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]Match, 0, len(d.found))
	for _, m := range d.found {
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b Match) int {
		return cmp.Or(cmp.Compare(a.Proximity.rank(), b.Proximity.rank()), cmp.Compare(a.Distance, b.Distance), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// search is one run of FindDuplicates.
type search struct {
	s      *Service
	ctx    context.Context
	p      Probe
	radius float64
	since  deadline.Date
	found  map[ID]Match
	seen   map[ID]bool
}

// candidateStates are the states of the complaints that can take
// duplicates: registered, not merged nor closed.
var candidateStates = []string{string(Registered), string(Assigned), string(InProgress), string(AwaitingCitizen),
	string(Answered), string(Reopened), string(ForwardedOutside)}

func (s *Service) newSearch(ctx context.Context, p Probe) (*search, error) {
	if !validCode(p.Category) {
		return nil, invalid("a duplicate search needs a category")
	}
	if err := p.Place.Validate(); err != nil {
		return nil, err
	}
	d := &search{s: s, ctx: ctx, p: p, radius: p.Radius, since: p.Since, found: map[ID]Match{}, seen: map[ID]bool{p.Exclude: true}}
	if d.radius == 0 {
		d.radius = s.pol.DuplicateRadius
	}
	if !(d.radius > 0 && d.radius <= MaxDuplicateRadius) {
		return nil, invalid("radius %v m outside (0, %d]", d.radius, MaxDuplicateRadius)
	}
	if d.since.IsZero() {
		d.since = deadline.DateOf(s.now()).AddDays(-s.pol.DuplicateWindow)
	}
	return d, nil
}

// candidates lists the complaints of the category, in a candidate state,
// received since, that carry tag (a List narrowed by both tags: the store
// answers it from the complaints carrying the selective one), and loads
// those not yet seen to judge them.
func (d *search) candidates(tag string, judge func(v View) (Match, bool)) error {
	q := Query{Tags: []string{tag, "category:" + d.p.Category}, States: candidateStates, ReceivedFrom: d.since}
	return d.s.listAll(d.ctx, q, func(it Summary) error {
		if d.seen[it.ID] {
			return nil
		}
		d.seen[it.ID] = true
		f, err := d.s.read(d.ctx, it.ID)
		if err != nil {
			return err
		}
		if m, ok := judge(f.v); ok {
			m.ID, m.Index = it.ID, it.Index
			d.found[it.ID] = m
		}
		return nil
	})
}

// nearPoint looks in every cell the circle around pt touches.
func (d *search) nearPoint(pt Point) error {
	cells, ok := cellsAround(pt, d.radius, 100)
	if !ok {
		return invalid("radius %v m touches too many cells", d.radius)
	}
	for _, c := range cells {
		err := d.candidates(c, func(v View) (Match, bool) {
			if v.Place.Point == nil {
				return Match{}, false
			}
			dist := Distance(pt, *v.Place.Point)
			return Match{Proximity: SamePoint, Distance: dist, Reason: fmt.Sprintf("stessa categoria, a %.0f m", dist)}, dist <= d.radius
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// inStreet looks in the street, when a point is missing on either side.
func (d *search) inStreet(street string) error {
	addr := fold(d.p.Place.PublicAddress())
	return d.candidates("street:"+street, func(v View) (Match, bool) {
		if d.p.Place.Point != nil && v.Place.Point != nil {
			return Match{}, false // the distance decided
		}
		if fold(v.Place.PublicAddress()) == addr {
			return Match{Proximity: SameAddress, Distance: -1, Reason: "stessa categoria, stesso indirizzo"}, true
		}
		return Match{Proximity: SameStreet, Distance: -1, Reason: "stessa categoria, stessa via"}, true
	})
}

// DuplicatesOf runs FindDuplicates for an existing complaint, with its
// category and place, leaving the complaint itself out.
func (s *Service) DuplicatesOf(ctx context.Context, id ID) ([]Match, error) {
	f, err := s.read(ctx, id)
	if err != nil {
		return nil, err
	}
	if f.v.Category == "" {
		return nil, nil
	}
	return s.FindDuplicates(ctx, Probe{Category: f.v.Category, Place: f.v.Place, Exclude: id})
}
