package access

import (
	"slices"

	"github.com/puntodiascolto/ascolto/deadline"
)

// clone returns a deep copy of f: every slice, map and pointer it or its
// request holds is copied, so that folding onto one, or deriving its
// deadlines, leaves the other unchanged. The calendar, the policy and the
// lifecycle table, the Service's and never changed, are shared.
func (f *fold) clone() *fold {
	g := *f
	g.r = f.r.clone()
	g.restart = clonePtr(f.restart)
	g.pending = slices.Clone(f.pending)
	return &g
}

// clone returns a deep copy of r (nil for nil).
func (r *Request) clone() *Request {
	if r == nil {
		return nil
	}
	c := *r
	c.Forwarded = clonePtr(r.Forwarded)
	c.Internal = slices.Clone(r.Internal)
	c.Decision = r.Decision.clone()
	c.Review = r.Review.clone()
	c.Ombudsman = clonePtr(r.Ombudsman)
	c.Appeal = clonePtr(r.Appeal)
	c.Substitute = clonePtr(r.Substitute)
	if r.LateDecision != nil {
		l := *r.LateDecision
		l.Term = cloneTerm(l.Term)
		c.LateDecision = &l
	}
	c.Deadlines = cloneDeadlines(r.Deadlines)
	c.Intake = Intake{Missing: slices.Clone(r.Intake.Missing), Gaps: slices.Clone(r.Intake.Gaps)}
	c.former = slices.Clone(r.former)
	c.Parties = slices.Clone(r.Parties)
	return &c
}

func (d *Decision) clone() *Decision {
	if d == nil {
		return nil
	}
	c := *d
	c.Grounds = cloneGrounds(d.Grounds)
	c.Viewing = clonePtr(d.Viewing)
	return &c
}

func (rv *Review) clone() *Review {
	if rv == nil {
		return nil
	}
	c := *rv
	c.Grounds = cloneGrounds(rv.Grounds)
	c.Interests = cloneGrounds(rv.Interests)
	return &c
}

func cloneGrounds(gs []Ground) []Ground {
	gs = slices.Clone(gs)
	for i := range gs {
		gs[i].Kinds = slices.Clone(gs[i].Kinds)
	}
	return gs
}

func cloneDeadlines(ds []deadline.Deadline) []deadline.Deadline {
	ds = slices.Clone(ds)
	for i := range ds {
		x := &ds[i].Explanation
		x.Term = cloneTerm(x.Term)
		x.Steps = slices.Clone(x.Steps)
		for j := range x.Steps {
			x.Steps[j].Sources = slices.Clone(x.Steps[j].Sources)
		}
	}
	return ds
}

func cloneTerm(t deadline.Term) deadline.Term {
	t.Rules = clonePtr(t.Rules)
	return t
}

// clonePtr returns a pointer to a copy of *p (nil for nil): for structs
// holding only values.
func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	c := *p
	return &c
}
