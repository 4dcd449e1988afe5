package register

import (
	"strings"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
)

// MergedOutcome is the Outcome of the Case of a complaint merged into
// another as its duplicate.
const MergedOutcome = "accorpata ad altra segnalazione"

// ComplaintCase turns a complaint's publishable projection
// (complaint.View.Public) into a monitoring Case: every answer term (the
// first and each reopening's, complaint.Public.Rounds) with the day it was
// met and its answer, closing and outcome, kind, channel, category and
// office (named through dir when given). Every day is the day of the fact
// the complaint's history records (the record's On: an answer sent on
// Friday and entered on Monday counts on Friday), never the day it was
// entered.
//
// A merged duplicate is concluded on the day of the merger, with Outcome
// MergedOutcome: the merger met its answer term (the complaint package's
// rule) and its procedure continues in the master, which is counted on its
// own. It is therefore neither pending nor overdue after the merger, and,
// having given no answer, it is left out of the answers and of their
// timeliness (a choice: the merger is not an answer to the citizen). Before
// the merger it counts like any complaint, overdue if its term passed.
func ComplaintCase(p complaint.Public, dir *office.Directory) Case {
	c := Case{
		ID: string(p.ID), Received: p.Received, Due: p.FirstDue, Answered: p.FirstAnswered, Closed: p.Closed,
		Kind: p.Kind.Italian(), Channel: p.Channel.Italian(), Category: p.CategoryLabel, Office: officeName(dir, p.Office),
		Head: p.Head,
	}
	if c.Category == "" {
		c.Category = p.Category
	}
	for i, r := range p.Rounds {
		met := r.Met
		if met == r.Answered {
			met = deadline.Date{}
		}
		if i == 0 {
			c.Due, c.Answered, c.Met = r.Due, r.Answered, met
			continue
		}
		c.Reopenings = append(c.Reopenings, Reopening{Requested: r.Start, Due: r.Due, Answered: r.Answered, Met: met})
	}
	if p.State == complaint.Merged && !p.Merged.IsZero() {
		c.Closed, c.Outcome = p.Merged, MergedOutcome
		return c
	}
	if !c.Closed.IsZero() {
		switch {
		case p.Outcome != "":
			c.Outcome = p.Outcome.Italian()
		case p.CloseReason != "":
			c.Outcome = p.CloseReason.Italian()
		}
	}
	return c
}

// PetitionCase turns a petition's view into a monitoring Case, and false
// for a petition not filed yet (a draft or a collection in progress, which
// the monitoring of answer terms does not count). The case is received on
// the filing day; it is concluded by the answer, by the archiving or by a
// declaration of inadmissibility. Only publishable fields are read: kind,
// dates, outcome, office.
func PetitionCase(p petition.Petition, dir *office.Directory) (Case, bool) {
	if p.Filed.IsZero() {
		return Case{}, false
	}
	c := Case{ID: string(p.ID), Received: p.Filed, Answered: p.Answered, Kind: p.KindName, Office: officeName(dir, p.Office), Head: p.Head()}
	if c.Kind == "" {
		c.Kind = string(p.Kind)
	}
	if len(p.Deadlines) > 0 && p.Deadlines[0].Explanation.Start == p.Filed {
		c.Due = p.Deadlines[0].Due
	}
	var closed deadline.Date
	switch {
	case !p.Checked.IsZero() && !p.Admissible:
		closed, c.Outcome = p.Checked, "inammissibile"
	case !p.Answered.IsZero():
		closed, c.Outcome = p.Answered, strings.ReplaceAll(string(p.Answer.Outcome), "-", " ")
	case !p.ArchivedOn.IsZero():
		closed, c.Outcome = p.ArchivedOn, "archiviata"
	}
	if c.Outcome == "" && !closed.IsZero() {
		c.Outcome = "risposta"
	}
	c.Closed = closed
	return c, true
}
