package complaint

import (
	"fmt"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/internal/privacy"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
)

// View is a complaint as its history makes it: state, classification,
// routing, exchanges with the citizen, answers and deadlines. Replay derives
// it; it is never stored. Fields marked personal hold personal data and must
// not be published: Public is the publishable projection.
type View struct {
	// ID identifies the complaint.
	ID ID `json:"id"`
	// Version is the number of records in its history, and Hash the hash
	// of the last one: together the history's head (Head).
	Version int          `json:"version"`
	Hash    history.Hash `json:"hash"`
	// Kind, Channel and State are the complaint's kind, how it arrived and
	// where it stands.
	Kind    Kind    `json:"kind"`
	Channel Channel `json:"channel"`
	State   State   `json:"state"`

	// Category is the category code; CategoryPath the codes from the root
	// down to it; CategoryLabel its Italian label.
	Category      string   `json:"category,omitempty"`
	CategoryPath  []string `json:"categoryPath,omitempty"`
	CategoryLabel string   `json:"categoryLabel,omitempty"`
	// Place is where the problem is, as given: the exact address and
	// position, for the office. PublicPlace is what is published.
	Place Place `json:"place"`
	// Summary is the office's publishable summary of the subject.
	Summary string `json:"summary,omitempty"`

	// Person is the reporter. Personal.
	Person Person `json:"person"`
	// Description is the citizen's text. Personal.
	Description string `json:"description,omitempty"`
	// Media are the links the citizen sent. Personal.
	Media []string `json:"media,omitempty"`
	// Escalation is what 060606 passed on. Personal (the ticket and notes).
	Escalation *Escalation `json:"escalation,omitempty"`
	// Protocol is the protocol number; ExternalRef the identifier in the
	// system the report came from.
	Protocol    string `json:"protocol,omitempty"`
	ExternalRef string `json:"externalRef,omitempty"`

	// ReceivedAt is when the desk received the complaint, Received its
	// civil date in Rome.
	ReceivedAt time.Time     `json:"receivedAt"`
	Received   deadline.Date `json:"received"`
	// TermStart is the day from which the answer term runs: Received, or
	// for a 060606 escalation the day the citizen called 060606 (unless
	// Policy.TermFromDeskReceipt).
	TermStart deadline.Date `json:"termStart"`
	// Updated is the latest instant a record was made.
	Updated time.Time `json:"updated"`

	// Office is the office of the administration responsible for the
	// complaint; empty until assigned.
	Office office.ID `json:"office,omitempty"`
	// Outside is the body outside the administration the complaint was
	// sent to, and OutsideRef that body's reference for it.
	Outside    office.ID `json:"outside,omitempty"`
	OutsideRef string    `json:"outsideRef,omitempty"`
	// OutsideSummary is the publishable note on the forwarding outside.
	OutsideSummary string `json:"outsideSummary,omitempty"`
	// Routing lists assignments and forwardings, oldest first.
	Routing []Routing `json:"routing,omitempty"`

	// Exchanges are the requests for information to the citizen.
	Exchanges []Exchange `json:"exchanges,omitempty"`
	// Answers are the answers given, oldest first (more than one after a
	// reopening).
	Answers []AnswerRecord `json:"answers,omitempty"`
	// Reopenings are the citizen's requests to reopen.
	Reopenings []ReopenRecord `json:"reopenings,omitempty"`
	// OutsideReplies are the replies of the outside body.
	OutsideReplies []OutsideReply `json:"outsideReplies,omitempty"`

	// Closed and CloseReason say on which day and why it was closed; zero
	// while open.
	Closed      deadline.Date `json:"closed"`
	CloseReason CloseReason   `json:"closeReason,omitempty"`

	// MergedInto is the master complaint of a duplicate, Merged the day it
	// was merged. Master is the master's current standing, filled in by the
	// Service (Replay cannot see other complaints); nil otherwise, and nil
	// when the chain of mergers cannot be followed to a root (a loop).
	MergedInto ID            `json:"mergedInto,omitempty"`
	Merged     deadline.Date `json:"merged"`
	Master     *MasterStatus `json:"master,omitempty"`
	// Duplicates are the complaints merged directly into this one and not
	// separated since, in order of merger (EventDuplicateAdded).
	Duplicates []ID `json:"duplicates,omitempty"`

	// Deadlines are the administration's answer terms: the first from
	// TermStart (Code AnswerCode), one more from each reopening (Code
	// ReopeningAnswerCode). Each carries its explanation and the day it
	// was met.
	Deadlines []deadline.Deadline `json:"deadlines"`
	// History is the timeline in Italian, one entry per record, without
	// personal data.
	History []Entry `json:"history"`

	// categoryTags are the taxonomy's shared "category:" tags of
	// CategoryPath; read only.
	categoryTags []string
	// streetTag is the "street:" tag of Place, or empty when the street
	// names the reporter: checked once when the place or the reporter is
	// set (streetTagOf), not on every Index.
	streetTag string
}

// Routing is one assignment or forwarding.
type Routing struct {
	// At is when it happened.
	At time.Time `json:"at"`
	// Act is EventAssigned, EventForwarded or EventForwardedOutside.
	Act EventType `json:"act"`
	// From and To are the offices.
	From office.ID `json:"from,omitempty"`
	To   office.ID `json:"to"`
	// Reason is the officer's reason.
	Reason string `json:"reason,omitempty"`
}

// Exchange is a request for information to the citizen and its reply.
type Exchange struct {
	// Asked is the day the request was made.
	Asked deadline.Date `json:"asked"`
	// Question is what was asked. Personal.
	Question string `json:"question"`
	// Replied is the day the reply arrived; zero if it did not.
	Replied deadline.Date `json:"replied"`
	// Reply is the reply. Personal.
	Reply string `json:"reply,omitempty"`
	// Ended is the day the wait ended: the reply, or the act that went on
	// without it (an answer, a closure, a merger).
	Ended deadline.Date `json:"ended"`
	// ReplyBy is the citizen's reply term (Policy.ReplyTerm, Code
	// CitizenReplyCode), met on the day the wait ended; nil without a
	// reply term.
	ReplyBy *deadline.Deadline `json:"replyBy,omitempty"`
}

// AnswerRecord is one answer to the citizen.
type AnswerRecord struct {
	// At is when it was recorded, On the day it was given.
	At time.Time     `json:"at"`
	On deadline.Date `json:"on"`
	// Office is the office that answered (the actor's office).
	Office office.ID `json:"office,omitempty"`
	// Outcome, Text (personal) and Summary are the answer's.
	Outcome Outcome `json:"outcome"`
	Text    string  `json:"text,omitempty"`
	Summary string  `json:"summary,omitempty"`
	// Due is the due date of the term it met, Late whether it came after.
	Due  deadline.Date `json:"due"`
	Late bool          `json:"late,omitempty"`
	// Round is the index in Deadlines of the answer term it answered: 0
	// for the first, n after the n-th reopening.
	Round int `json:"round"`
}

// ReopenRecord is a citizen's request to reopen.
type ReopenRecord struct {
	// Requested is the day the citizen asked; At when it was recorded.
	Requested deadline.Date `json:"requested"`
	At        time.Time     `json:"at"`
	// Reason is the citizen's. Personal.
	Reason string `json:"reason,omitempty"`
}

// OutsideReply is what the outside body answered.
type OutsideReply struct {
	At      time.Time `json:"at"`
	Text    string    `json:"text,omitempty"`
	Summary string    `json:"summary,omitempty"`
}

// MasterStatus is the standing of the complaint a duplicate was merged
// into: the duplicate follows it.
type MasterStatus struct {
	// ID is the master (the root, if the master was itself merged later).
	ID ID `json:"id"`
	// State and Phase are the master's.
	State State `json:"state"`
	// Office is the office responsible for the master.
	Office office.ID `json:"office,omitempty"`
	// Outcome and AnswerSummary are those of the master's last answer.
	Outcome       Outcome       `json:"outcome,omitempty"`
	AnswerSummary string        `json:"answerSummary,omitempty"`
	Answered      deadline.Date `json:"answered"`
	// Closed and CloseReason say whether and why the master was closed.
	Closed      deadline.Date `json:"closed"`
	CloseReason CloseReason   `json:"closeReason,omitempty"`
}

// Entry is one line of a complaint's timeline.
type Entry struct {
	Version int           `json:"version"`
	At      time.Time     `json:"at"`
	Actor   office.Actor  `json:"actor"`
	Act     EventType     `json:"act"`
	Basis   law.Citation  `json:"basis"`
	Date    deadline.Date `json:"date"`
	// Text describes the act in Italian, without personal data.
	Text string `json:"text"`
}

// String renders the entry: "02/10/2026 assegnata a lavori (art. 8 L. 150/2000)".
func (e Entry) String() string {
	if e.Basis.IsZero() {
		return fmt.Sprintf("%s %s", e.Date.Italian(), e.Text)
	}
	return fmt.Sprintf("%s %s (%s)", e.Date.Italian(), e.Text, e.Basis)
}

// Head returns the head of the history v was replayed from: what a
// publication built from v anchors (register.Report.Source).
func (v View) Head() history.Head { return history.Head{Version: v.Version, Hash: v.Hash} }

// Due returns the due date of the earliest deadline not yet met, or the zero
// Date if nothing is due.
func (v View) Due() deadline.Date {
	var due deadline.Date
	for _, d := range v.Deadlines {
		if d.Met.IsZero() && !d.Due.IsZero() && (due.IsZero() || d.Due.Before(due)) {
			due = d.Due
		}
	}
	return due
}

// Responsible returns the office that must act now: the outside body once
// the complaint was sent outside, else the assigned office (empty before
// assignment, when the desk itself is responsible).
func (v View) Responsible() office.ID {
	if v.Outside != "" {
		return v.Outside
	}
	return v.Office
}

// LastAnswer returns the most recent answer, and false if none was given.
func (v View) LastAnswer() (AnswerRecord, bool) {
	if len(v.Answers) == 0 {
		return AnswerRecord{}, false
	}
	return v.Answers[len(v.Answers)-1], true
}

// Awaiting returns the pending request for information, if the complaint
// is waiting for the citizen.
func (v View) Awaiting() (Exchange, bool) {
	if v.State != AwaitingCitizen || len(v.Exchanges) == 0 {
		return Exchange{}, false
	}
	return v.Exchanges[len(v.Exchanges)-1], true
}

// PublicPlace returns the place as published (the Open311 GET
// representation): Place.Public, that is the street and civic number only,
// without what the citizen wrote after them (interno, scala, "c/o" and a
// name), the address code, CAP and Municipio, and the position rounded to 4
// decimals (about 10 m). An address that still carries personal data (the
// reporter's names, codes or contacts, or anyone's telephone, e-mail, codice
// fiscale or IBAN: internal/privacy) is left out, the rest kept.
func (v View) PublicPlace() Place {
	p := v.Place.Public()
	if v.carriesPersonalData(p.Address) {
		p.Address = ""
	}
	return p
}

// streetTagOf returns the "street:" tag of v's place, or "" when there is
// no street or it carries the reporter's personal data.
func (v View) streetTagOf() string {
	if s := v.Place.Street(); s != "" && !v.carriesPersonalData(s) {
		return "street:" + s
	}
	return ""
}

// carriesPersonalData reports whether text contains the reporter's
// identifiers or the shape of anyone's personal data.
func (v View) carriesPersonalData(text string) bool {
	if text == "" {
		return false
	}
	_, found := privacy.Find(text, v.Person.fields()...)
	return found
}

// Index returns the queryable projection the store keeps beside the
// history. It holds no personal data: kind, state, office, channel, dates,
// and the tags
//
//	category:<code>   the category and each ancestor ("category:strade", "category:buche")
//	municipio:<n>     the Municipio in Roman numerals ("municipio:VII")
//	cell:<row>:<col>  the geographic cell of the point, about 222 m a side
//	street:<name>     the folded name of the street, without civic number and
//	                  what follows it (Place.Street: "street:via appia nuova");
//	                  left out if it names the reporter
//	master:<id>       the master of a merged duplicate
//	outcome:<o>       the outcome of the last answer
//
// which let a List find reports of the same category near a point or in
// the same street without scanning every complaint (FindDuplicates). Neither
// the address as written nor the position is in the Index.
func (v View) Index() Index {
	tags := make([]string, 0, len(v.CategoryPath)+5)
	if len(v.categoryTags) == len(v.CategoryPath) {
		tags = append(tags, v.categoryTags...)
	} else {
		for _, c := range v.CategoryPath {
			tags = append(tags, "category:"+c)
		}
	}
	if len(v.CategoryPath) == 0 && v.Category != "" {
		tags = append(tags, "category:"+v.Category)
	}
	if v.Place.Municipio != 0 {
		tags = append(tags, municipioTag(v.Place.Municipio))
	}
	if v.Place.Point != nil {
		tags = append(tags, v.Place.Point.Cell())
	}
	if v.streetTag != "" {
		tags = append(tags, v.streetTag)
	}
	if v.MergedInto != "" {
		tags = append(tags, "master:"+string(v.MergedInto))
	}
	if a, ok := v.LastAnswer(); ok {
		tags = append(tags, "outcome:"+string(a.Outcome))
	}
	return Index{
		Kind:     string(v.Kind),
		State:    string(v.State),
		Office:   string(v.Responsible()),
		Channel:  string(v.Channel),
		Received: v.Received,
		Due:      v.Due(),
		Tags:     tags,
	}
}

var municipioTags = func() [MaxMunicipio + 1]string {
	var t [MaxMunicipio + 1]string
	for i := 1; i <= MaxMunicipio; i++ {
		t[i] = "municipio:" + Municipio(i).String()
	}
	return t
}()

func municipioTag(m Municipio) string {
	if int(m) < len(municipioTags) {
		return municipioTags[m]
	}
	return "municipio:" + m.String()
}

// Public is the publishable projection of a complaint: what a register of
// complaints, a quarterly report or an open-data file may show. It is built
// from fields that are publishable by construction (kind, category,
// Municipio, dates, state, office, outcome, and the office's own summaries,
// which the Service refuses when they carry personal data) and never from
// the citizen's text, the reporter, the place (only its Municipio: the
// street and rounded position are in PublicPlace) or the 060606 ticket.
type Public struct {
	ID            ID            `json:"id"`
	Kind          Kind          `json:"kind"`
	Channel       Channel       `json:"channel"`
	Category      string        `json:"category,omitempty"`
	CategoryLabel string        `json:"categoryLabel,omitempty"`
	Municipio     Municipio     `json:"municipio,omitempty"`
	State         State         `json:"state"`
	Phase         Phase         `json:"phase"`
	Office        office.ID     `json:"office,omitempty"`
	Received      deadline.Date `json:"received"`
	// Due is the date by which the administration must answer now; zero
	// when nothing is due.
	Due deadline.Date `json:"due"`
	// FirstDue is the due date of the first answer term (from TermStart),
	// and FirstAnswered the day of the first answer: the pair a
	// monitoring of the respect of terms compares.
	FirstDue      deadline.Date `json:"firstDue"`
	FirstAnswered deadline.Date `json:"firstAnswered"`
	// Answered is the day of the last answer (the master's, for a merged
	// duplicate); Closed the day of closing.
	Answered deadline.Date `json:"answered"`
	Closed   deadline.Date `json:"closed"`
	// Outcome is the last answer's (the master's, for a duplicate);
	// CloseReason why it was closed.
	Outcome     Outcome     `json:"outcome,omitempty"`
	CloseReason CloseReason `json:"closeReason,omitempty"`
	// Late reports whether an answer came after its due date.
	Late bool `json:"late"`
	// Reopenings counts the citizen's requests to reopen.
	Reopenings int `json:"reopenings,omitempty"`
	// MergedInto and MasterState identify the master of a duplicate and
	// where it stands; Merged is the day of the merger, which met the
	// duplicate's answer term and ended its own procedure.
	MergedInto  ID            `json:"mergedInto,omitempty"`
	MasterState State         `json:"masterState,omitempty"`
	Merged      deadline.Date `json:"merged"`
	// Rounds are the answer terms, one per element of View.Deadlines: the
	// first from TermStart, one more from each reopening. A monitoring of
	// the respect of terms reads every round, not only the first.
	Rounds []Round `json:"rounds,omitempty"`
	// Summary and AnswerSummary are the office's publishable summaries of
	// the subject and of the answer (or of the forwarding outside).
	Summary       string `json:"summary,omitempty"`
	AnswerSummary string `json:"answerSummary,omitempty"`
	// Head is the head (version and last hash) of the history the
	// projection was made from, so that a publication can state what it
	// was built from. Not marshalled: a publication states one digest over
	// the heads it covers (register.Anchor), not each.
	Head history.Head `json:"-"`
}

// Round is one answer term of a complaint, for monitoring: when it started,
// when it was due, when it was met and whether by an answer.
type Round struct {
	// Start is the day the term runs from: TermStart for the first round,
	// the day the citizen asked to reopen for the others.
	Start deadline.Date `json:"start"`
	// Due is the term's due date.
	Due deadline.Date `json:"due"`
	// Met is the day the term was met: by an answer, or by an act that
	// ends the administration's obligation (a merger into another
	// complaint, a forwarding outside, a closing); zero while it runs.
	Met deadline.Date `json:"met"`
	// Answered is the day of the round's answer; zero if it was met
	// otherwise or not yet.
	Answered deadline.Date `json:"answered"`
}

// Public returns the publishable projection of v. For a merged duplicate
// whose Master is known, the answer and closing come from the master: the
// duplicate follows its master's outcome. Late reports whether any answer
// came after its due date.
func (v View) Public() Public {
	p := Public{
		ID:            v.ID,
		Kind:          v.Kind,
		Channel:       v.Channel,
		Category:      v.Category,
		CategoryLabel: v.CategoryLabel,
		Municipio:     v.Place.Municipio,
		State:         v.State,
		Phase:         v.State.Phase(),
		Office:        v.Responsible(),
		Received:      v.Received,
		Due:           v.Due(),
		Closed:        v.Closed,
		CloseReason:   v.CloseReason,
		Reopenings:    len(v.Reopenings),
		MergedInto:    v.MergedInto,
		Summary:       v.Summary,
		Head:          v.Head(),
	}
	for _, a := range v.Answers {
		p.Late = p.Late || a.Late
	}
	if len(v.Deadlines) > 0 {
		p.FirstDue = v.Deadlines[0].Due
		p.Rounds = make([]Round, len(v.Deadlines))
		for i, d := range v.Deadlines {
			p.Rounds[i] = Round{Start: v.TermStart, Due: d.Due, Met: d.Met}
			if i > 0 && i <= len(v.Reopenings) {
				p.Rounds[i].Start = v.Reopenings[i-1].Requested
			}
		}
		for _, a := range v.Answers {
			if a.Round >= 0 && a.Round < len(p.Rounds) && p.Rounds[a.Round].Answered.IsZero() {
				p.Rounds[a.Round].Answered = a.On
			}
		}
	}
	p.Merged = v.Merged
	if len(v.Answers) > 0 {
		p.FirstAnswered = v.Answers[0].On
	}
	if a, ok := v.LastAnswer(); ok {
		p.Answered = a.On
		p.Outcome = a.Outcome
		p.AnswerSummary = a.Summary
	} else if v.Outside != "" {
		p.AnswerSummary = v.OutsideSummary
	}
	if m := v.Master; m != nil && v.State == Merged {
		p.MasterState = m.State
		p.Answered, p.Outcome, p.AnswerSummary = m.Answered, m.Outcome, m.AnswerSummary
		p.Closed, p.CloseReason = m.Closed, m.CloseReason
	}
	return p
}

// Reminder is a deadline that needs attention on a given day.
type Reminder struct {
	// Deadline is the deadline, Status where it stands.
	Deadline deadline.Deadline `json:"deadline"`
	Status   deadline.Status   `json:"status"`
	// Citizen is true for the citizen's reply term, false for the
	// administration's answer terms.
	Citizen bool `json:"citizen,omitempty"`
	// Text says it in Italian: "risposta al cittadino: scade tra 3 giorni
	// (05/10/2026)".
	Text string `json:"text"`
}

// Reminders returns the deadlines not yet met that fall within soon days of
// today, are due today or are overdue: the administration's answer terms
// and, while the complaint waits for the citizen, the citizen's reply term
// (after which the desk may close it for want of a reply).
func (v View) Reminders(today deadline.Date, soon int) []Reminder {
	var out []Reminder
	add := func(d deadline.Deadline, citizen bool) {
		if !d.Met.IsZero() || d.Due.IsZero() {
			return
		}
		st := d.Status(today, soon)
		var when string
		switch st.State {
		case deadline.DueSoon:
			if st.DaysLeft == 1 {
				when = "scade domani"
			} else {
				when = fmt.Sprintf("scade tra %d giorni", st.DaysLeft)
			}
		case deadline.DueToday:
			when = "scade oggi"
		case deadline.Overdue:
			if st.OverdueBy() == 1 {
				when = "scaduto da 1 giorno"
			} else {
				when = fmt.Sprintf("scaduto da %d giorni", st.OverdueBy())
			}
		default:
			return
		}
		out = append(out, Reminder{Deadline: d, Status: st, Citizen: citizen,
			Text: fmt.Sprintf("%s: %s (%s)", d.Name, when, d.Due.Italian())})
	}
	for _, d := range v.Deadlines {
		add(d, false)
	}
	if x, ok := v.Awaiting(); ok && x.ReplyBy != nil {
		add(*x.ReplyBy, true)
	}
	return out
}
