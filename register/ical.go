package register

import (
	"iter"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/deadline/ical"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/register/council"
)

// AccessEvents yields the office's deadlines of the access requests reqs
// yields (those of a kind that is an obligation of the office,
// access.DeadlineKind.Obligation: the decision, the release, the answer to
// a review...; not the windows of the applicant's and the parties'
// remedies) as events of an iCalendar feed (ical.Write), labelled with the
// publishable fields of the request only: the kind (KindLabel), the
// protocol number and the competent office, named through dir when given.
// The history ID keys the events' UIDs. ical.Write keeps the binding
// deadlines not yet met.
func AccessEvents(reqs iter.Seq2[*access.Request, error], dir *office.Directory) iter.Seq2[ical.Event, error] {
	return func(yield func(ical.Event, error) bool) {
		for r, err := range reqs {
			if err != nil {
				yield(ical.Event{}, err)
				return
			}
			c := ical.Case{Key: string(r.ID), Kind: KindLabel(r.Kind, r.Informal), Protocol: r.Protocol.Number, Office: officeName(dir, r.Office)}
			for _, d := range r.Deadlines {
				if access.KindOf(d).Obligation() && !yield(ical.Event{Case: c, Deadline: d}, nil) {
					return
				}
			}
		}
	}
}

// PetitionEvents yields the deadlines of the petitions (and other popular
// initiatives) ps yields as events of an iCalendar feed, labelled with the
// kind, the filing's protocol number and the competent office. The answer
// term is set by the Statuto; the offices' internal reply terms are a
// policy, which ical.Write leaves out.
func PetitionEvents(ps iter.Seq[petition.Petition], dir *office.Directory) iter.Seq2[ical.Event, error] {
	return func(yield func(ical.Event, error) bool) {
		for p := range ps {
			kind := p.KindName
			if kind == "" {
				kind = string(p.Kind)
			}
			c := ical.Case{Key: string(p.ID), Kind: kind, Protocol: p.Protocol, Office: officeName(dir, p.Office)}
			if !yieldDeadlines(yield, c, p.Deadlines) {
				return
			}
		}
	}
}

// CouncilEvents yields the deadlines of the council acts items yields (the
// answer terms of interrogazioni) as events of an iCalendar feed, labelled
// with the kind, the council's protocol number and the council.
func CouncilEvents(items iter.Seq[council.Item]) iter.Seq2[ical.Event, error] {
	return func(yield func(ical.Event, error) bool) {
		for a := range items {
			c := ical.Case{Key: string(a.ID), Kind: a.Kind.Italian(), Protocol: a.Number.String(), Office: a.Body.String()}
			if !yieldDeadlines(yield, c, a.Deadlines) {
				return
			}
		}
	}
}

func yieldDeadlines(yield func(ical.Event, error) bool, c ical.Case, ds []deadline.Deadline) bool {
	for _, d := range ds {
		if !yield(ical.Event{Case: c, Deadline: d}, nil) {
			return false
		}
	}
	return true
}
