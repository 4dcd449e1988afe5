package council

import (
	"errors"
	"fmt"
	"github.com/puntodiascolto/ascolto/internal/textfold"
	"slices"
	"strings"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/procedure"
)

// Item is a council act as catalogued: the catalogue's view of it, derived
// from its history by Replay and never stored. Everything in it is public:
// council acts and their presenters (councillors, public officials) are
// published by the council.
type Item struct {
	ID ID `json:"id"`
	// Version is the number of records in its history, and Hash the hash
	// of the last one: together the history's head (Head).
	Version int          `json:"version"`
	Hash    history.Hash `json:"hash"`
	Kind    Kind         `json:"kind"`
	State   State        `json:"state"`
	Number  Number       `json:"number"`
	Body    Body         `json:"body"`
	// Filed is the filing (protocol) date.
	Filed      deadline.Date `json:"filed"`
	Presenters []Councillor  `json:"presenters"`
	Addressee  string        `json:"addressee,omitempty"`
	Subject    string        `json:"subject"`
	// Summary is the catalogue's own summary, if any.
	Summary string   `json:"summary,omitempty"`
	Matters []string `json:"matters,omitempty"`
	Links   []Linked `json:"links,omitempty"`
	// Reminders are the reminders sent, oldest first.
	Reminders []Reminded `json:"reminders,omitempty"`
	// Session is the date of the last session the act was scheduled for.
	Session    deadline.Date `json:"session"`
	Answer     *Answer       `json:"answer,omitempty"`
	Vote       *Vote         `json:"vote,omitempty"`
	Withdrawal *Withdrawal   `json:"withdrawal,omitempty"`
	Lapse      *Lapse        `json:"lapse,omitempty"`
	// Closed is the date of the answer, vote, withdrawal or lapse; zero while open.
	Closed deadline.Date `json:"closed"`
	// AnswerDue is the due date of the answer when a term applies, kept after
	// a withdrawal or lapse, when the deadline itself no longer runs.
	AnswerDue deadline.Date `json:"answerDue"`
	// Deadlines are the running or met deadlines with their explanations:
	// the answer term of an interrogazione (Code AnswerCode), unless it was
	// withdrawn or lapsed unanswered.
	Deadlines []deadline.Deadline `json:"deadlines,omitempty"`
}

// Head returns the head of the history a was replayed from: what a
// publication built from a anchors (register.Report.Source).
func (a Item) Head() history.Head { return history.Head{Version: a.Version, Hash: a.Hash} }

// Permitted returns the acts role may record on a now; an invalid or zero
// role may record nothing. Service.Permitted answers the same for an actor.
func (a Item) Permitted(role office.Role) []EventType {
	return Lifecycle(a.Kind).Permitted(a.State, role)
}

// AnswerCode is the deadline.Deadline.Code of the answer term, the only
// deadline of a council act.
const AnswerCode = "answer"

// AnswerDeadline returns the answer deadline (Code AnswerCode), and false
// if the act has none running or met.
func (a Item) AnswerDeadline() (deadline.Deadline, bool) {
	if len(a.Deadlines) == 0 {
		return deadline.Deadline{}, false
	}
	return a.Deadlines[0], true
}

// Index derives the store index of a: see Index for the conventions.
func (a Item) Index() Index {
	idx := Index{Kind: string(a.Kind), State: string(a.State), Office: a.Body.Code(), Received: a.Filed}
	if d, ok := a.AnswerDeadline(); ok && d.Met.IsZero() {
		idx.Due = d.Due
	}
	tags := []string{Tag("number", a.Number.String())}
	for _, m := range a.Matters {
		tags = append(tags, Tag("matter", m))
	}
	for _, p := range a.Presenters {
		tags = append(tags, Tag("presenter", p.Name))
		if p.Group != "" {
			tags = append(tags, Tag("group", p.Group))
		}
	}
	for _, l := range a.Links {
		tags = append(tags, "link:"+string(l.To))
	}
	slices.Sort(tags)
	idx.Tags = slices.Compact(tags)
	return idx
}

// Tag returns the index tag "key:value" with value folded (lower case,
// Italian accents removed, spaces collapsed), so that "Mobilità" and
// "mobilita" find the same acts. The "number" key keeps the number as is.
func Tag(key, value string) string {
	if key == "number" {
		return key + ":" + value
	}
	return key + ":" + fold(value)
}

// fold normalises a name or matter for matching: lower case, Italian
// accents removed, spaces collapsed. Like textfold.Fold it keeps one-letter
// words, which tell "Gruppo A" from "Gruppo B"; unlike it, it keeps
// punctuation and symbols ("D.Lgs. 33/2013" stays "d.lgs. 33/2013"), so
// the two are not interchangeable.
func fold(s string) string {
	var b strings.Builder
	for i, w := range strings.Fields(s) {
		if i > 0 {
			b.WriteByte(' ')
		}
		for _, r := range strings.ToLower(w) {
			b.WriteRune(textfold.Unaccent(r))
		}
	}
	return b.String()
}

// Replay folds a history into its Item: it checks each event (payload, the
// lifecycle table for state and role, dates against the day of each act,
// the record's On) and derives the state and the answer deadline with its
// explanation from cal and pol. A history that is not a lawful path is
// refused with an error wrapping ErrInvalidEvent, ErrNotAllowed,
// ErrForbidden or ErrRule. The result's ID is left to the caller (Get sets
// it).
func Replay(records []Record, cal *deadline.Calendar, pol Policy) (Item, error) {
	var a Item
	if len(records) == 0 {
		return a, fmt.Errorf("%w: empty history", ErrInvalidEvent)
	}
	if cal == nil {
		return a, errors.New("council: Replay needs a calendar")
	}
	a.State = New
	for i, r := range records {
		if err := a.apply(r); err != nil {
			return Item{}, fmt.Errorf("record %d: %w", i+1, err)
		}
		a.Version, a.Hash = r.Version, r.Hash
	}
	if err := a.deadlines(cal, pol); err != nil {
		return Item{}, err
	}
	return a, nil
}

func (a *Item) apply(r Record) error {
	e := r.Event
	if err := e.Validate(); err != nil {
		return err
	}
	if a.State == New && e.Type != EventRegistered {
		return fmt.Errorf("%w: a history starts with %q, not %q", ErrNotAllowed, EventRegistered, e.Type)
	}
	kind := a.Kind
	if e.Registered != nil {
		kind = e.Registered.Kind
	}
	next, err := Lifecycle(kind).Check(a.State, eventAct(e), r.Actor.Role)
	if err != nil {
		return err
	}
	if d, ok := e.date(); ok {
		if d.After(r.On) {
			return procedure.Refuse(catalogue, "%s dated %s is recorded on %s: the catalogue records what already happened", e.Type, d.Italian(), r.On.Italian())
		}
		if !a.Filed.IsZero() && d.Before(a.Filed) {
			return procedure.Refuse(catalogue, "%s dated %s precedes the filing on %s", e.Type, d.Italian(), a.Filed.Italian())
		}
	}
	switch {
	case e.Registered != nil:
		p := e.Registered
		a.Kind, a.Number, a.Body, a.Filed = p.Kind, p.Number, p.Body, p.Filed
		a.Presenters = slices.Clone(p.Presenters)
		a.Addressee, a.Subject = p.Addressee, p.Subject
		a.Matters = slices.Clone(p.Matters)
	case e.Classified != nil:
		a.Matters = slices.Clone(e.Classified.Matters)
		a.Summary = e.Classified.Summary
	case e.Linked != nil:
		l := *e.Linked
		if slices.Contains(a.Links, l) {
			return procedure.Refuse(catalogue, "already linked to %s as %s", l.To, l.Relation)
		}
		a.Links = append(a.Links, l)
	case e.Reminded != nil:
		a.Reminders = append(a.Reminders, *e.Reminded)
	case e.Scheduled != nil:
		if e.Scheduled.Session.Before(a.Filed) {
			return procedure.Refuse(regolamentoAC, "session on %s precedes the filing on %s", e.Scheduled.Session.Italian(), a.Filed.Italian())
		}
		a.Session = e.Scheduled.Session
	case e.Answered != nil:
		v := *e.Answered
		a.Answer, a.Closed = &v, v.Date
	case e.Voted != nil:
		v := *e.Voted
		a.Vote, a.Closed = &v, v.Date
	case e.Withdrawn != nil:
		v := *e.Withdrawn
		a.Withdrawal, a.Closed = &v, v.Date
	case e.Lapsed != nil:
		v := *e.Lapsed
		a.Lapse, a.Closed = &v, v.Date
	}
	a.State = next
	return nil
}

func (a *Item) deadlines(cal *deadline.Calendar, pol Policy) error {
	t, ok := pol.AnswerTerm(a.Body, a.Kind)
	if !ok {
		return nil
	}
	x, err := cal.Explain(deadline.Spec{Start: a.Filed, Term: t})
	if err != nil {
		return fmt.Errorf("%w: answer term: %v", ErrRule, err)
	}
	a.AnswerDue = x.Due
	if a.State == Withdrawn || a.State == Lapsed {
		return nil
	}
	d := deadline.Deadline{Name: t.Name, Code: AnswerCode, Due: x.Due, Explanation: x}
	if a.Answer != nil {
		d.Met = a.Answer.Date
	}
	a.Deadlines = []deadline.Deadline{d}
	return nil
}
