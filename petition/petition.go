package petition

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/internal/textfold"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
)

// Petition is the state of a petition derived from its history: never
// stored, always recomputed by Replay (or kept up to date by the Service).
//
// Text, Promoters and ToVerify are personal data; everything else in a
// Petition is about the procedure. The signatures themselves are not here:
// only their counts (Signatures) and the codes to verify by hand (ToVerify).
// Signatories returns them, for the officers who verify them. Public is the
// view meant for publication.
type Petition struct {
	// ID identifies the petition.
	ID ID `json:"id"`
	// Version is the number of records in its history, and Hash the hash
	// of the last one: together the history's head (Head).
	Version int          `json:"version"`
	Hash    history.Hash `json:"hash"`
	// Kind is the kind of initiative.
	Kind Kind `json:"kind"`
	// KindName is the kind's Italian name.
	KindName string `json:"kindName"`
	// Addressee is the body addressed.
	Addressee Addressee `json:"addressee"`
	// AddresseeName is the body's name.
	AddresseeName string `json:"addresseeName"`
	// Office is the secretariat that answers for the body (may be empty).
	Office office.ID `json:"office,omitempty"`
	// Channel is how it reached the administration.
	Channel Channel `json:"channel"`
	// Subject is the office's summary of the subject (published).
	Subject string `json:"subject"`
	// Matter is the matter it concerns (published).
	Matter string `json:"matter,omitempty"`
	// EqualOpportunities: the office declared the petition on equal
	// opportunities (Registration.EqualOpportunities; published).
	EqualOpportunities bool `json:"equalOpportunities,omitempty"`
	// Text is the promoters' text (personal data possible; not published).
	Text string `json:"text,omitempty"`
	// Promoters are the promoters (personal data; not published).
	Promoters []Person `json:"promoters,omitempty"`

	// State is the current state.
	State State `json:"state"`
	// Drafted is the day of registration.
	Drafted deadline.Date `json:"drafted"`
	// Opened is the day collection opened.
	Opened deadline.Date `json:"opened"`
	// Closes is the declared last day of collection (zero: none).
	Closes deadline.Date `json:"closes"`
	// Signatures counts the signatures (never lists them).
	Signatures Counts `json:"signatures"`
	// ToVerify lists the live signatures whose codici fiscali differ as
	// issued but coincide once omocodia is undone: different people to the
	// Agenzia delle Entrate, all counted, whom an officer should nonetheless
	// check against the sheets or the authentication records (a digit
	// transcribed as its omocodia letter gives the same pattern). Personal
	// data, for the officers: Public carries neither the list nor its count.
	ToVerify []Verification `json:"toVerify,omitempty"`
	// Threshold is the kind's minimum of signatures.
	Threshold Threshold `json:"threshold"`
	// Window is the kind's collection window.
	Window Window `json:"window"`
	// Online is the kind's rule on online signatures.
	Online OnlineRule `json:"online"`

	// Filed is the day of filing.
	Filed deadline.Date `json:"filed"`
	// Protocol is the filing's protocol number.
	Protocol string `json:"protocol,omitempty"`
	// Counted is the number of signatures that counted at filing (valid and
	// inside the window).
	Counted int `json:"counted"`
	// Reached reports whether Counted met the threshold.
	Reached bool `json:"reached"`

	// Checked is the day of the admissibility check (zero: not yet).
	Checked deadline.Date `json:"checked"`
	// Admissible is the check's outcome.
	Admissible bool `json:"admissible"`
	// Refusal states the grounds when inadmissible.
	Refusal Refusal `json:"refusal"`
	// AdmissionNote is the office's note when admissible.
	AdmissionNote string `json:"admissionNote,omitempty"`

	// Requests are the requests for information sent to competent offices.
	Requests []Request `json:"requests,omitempty"`

	// Answered is the day of the answer (zero: not yet).
	Answered deadline.Date `json:"answered"`
	// Answer is the answer.
	Answer Answer `json:"answer"`

	// ArchivedOn is the day of archiving (zero: not archived).
	ArchivedOn deadline.Date `json:"archivedOn"`
	// ArchiveReason says why it was archived.
	ArchiveReason string `json:"archiveReason,omitempty"`

	// Deadlines are the terms running against the administration: the
	// answer (from filing, Code AnswerCode) and the internal reply terms of
	// pending or answered requests (Code OfficeReplyCode), each with its
	// explanation.
	Deadlines []deadline.Deadline `json:"deadlines,omitempty"`
	// Timeline is the history, one step per act; signatures and withdrawals
	// of the same day are merged into one step with their count.
	Timeline []Step `json:"timeline"`
}

// Counts are the figures on a petition's signatures: totals, by day of
// signing, by eligibility category and by method. They contain no personal
// data.
type Counts struct {
	// Valid is the number of signatures recorded and not withdrawn.
	Valid int `json:"valid"`
	// Withdrawn is the number of signatures withdrawn.
	Withdrawn int `json:"withdrawn"`
	// ByDay counts signatures by day of signing, oldest first.
	ByDay []DayCount `json:"byDay,omitempty"`
	// ByCategory counts valid signatures by eligibility category, in the
	// order categories first appeared.
	ByCategory []CategoryCount `json:"byCategory,omitempty"`
	// ByMethod counts valid signatures by method: paper, SPID, CIE.
	ByMethod []MethodCount `json:"byMethod,omitempty"`
}

// DayCount counts the signatures dated one day.
type DayCount struct {
	// Day is the day of signing.
	Day deadline.Date `json:"day"`
	// Signed is the number of signatures dated that day.
	Signed int `json:"signed"`
	// Withdrawn is how many of them were withdrawn since.
	Withdrawn int `json:"withdrawn"`
	// Valid is Signed minus Withdrawn.
	Valid int `json:"valid"`
}

// CategoryCount counts valid signatures of one eligibility category.
type CategoryCount struct {
	// Category is the eligibility category.
	Category CategoryID `json:"category"`
	// Valid is the number of its valid signatures.
	Valid int `json:"valid"`
}

// MethodCount counts valid signatures given with one method.
type MethodCount struct {
	// Method is the method of signing.
	Method Method `json:"method"`
	// Valid is the number of valid signatures given with it.
	Valid int `json:"valid"`
}

// Verification is a group of live signatures to check by hand: their codes
// differ as issued and share the same code without omocodia.
type Verification struct {
	// Base is the code without omocodia the group shares (personal data).
	Base string `json:"base"`
	// Codes are the codes as issued, in the order they were signed
	// (personal data).
	Codes []string `json:"codes"`
}

// Head returns the head of the history p was replayed from: what a
// publication built from p anchors (register.Report.Source).
func (p Petition) Head() history.Head { return history.Head{Version: p.Version, Hash: p.Hash} }

// ToVerifyCount returns how many live signatures are in ToVerify.
func (p Petition) ToVerifyCount() int {
	n := 0
	for _, v := range p.ToVerify {
		n += len(v.Codes)
	}
	return n
}

// Countable returns how many valid signatures would count for a filing on
// day on: those dated inside the window that ends on that day.
func (c Counts) Countable(w Window, on deadline.Date) int {
	from := w.Start(on)
	n := 0
	for _, d := range c.ByDay {
		if d.Day.After(on) || (!from.IsZero() && d.Day.Before(from)) {
			continue
		}
		n += d.Valid
	}
	return n
}

// Step is one act in a petition's timeline.
type Step struct {
	// Version is the version of the (first) record of the step.
	Version int `json:"version"`
	// At is the instant the act was recorded.
	At time.Time `json:"at"`
	// Day is the day of the fact the act records (the record's On), which
	// may precede the day it was recorded.
	Day deadline.Date `json:"day"`
	// Event is the act.
	Event EventType `json:"event"`
	// Label is the act's Italian name.
	Label string `json:"label"`
	// Actor is who performed it (staff or system, never a citizen).
	Actor office.Actor `json:"actor"`
	// Basis is the rule the act applied.
	Basis law.Citation `json:"basis"`
	// Count is the number of signatures signed or withdrawn in the step.
	Count int `json:"count,omitempty"`
	// Note adds what the act decided, in publishable terms: the offices
	// asked, the outcome, the grounds.
	Note string `json:"note,omitempty"`
}

// Reminder is a deadline with where it stands on a day, in Italian.
type Reminder struct {
	// Deadline is the deadline, with its explanation.
	Deadline deadline.Deadline `json:"deadline"`
	// Status is where it stands on the day asked.
	Status deadline.Status `json:"status"`
	// Text reads like "risposta scritta del Sindaco: scade fra 3 giorni (01/05/2026)".
	Text string `json:"text"`
}

// Reminders returns where each deadline stands on day today, with
// policy-defined "soon" days, in the order of Deadlines.
func (p Petition) Reminders(today deadline.Date, soon int) []Reminder {
	out := make([]Reminder, 0, len(p.Deadlines))
	for _, d := range p.Deadlines {
		st := d.Status(today, soon)
		out = append(out, Reminder{Deadline: d, Status: st, Text: reminderText(d, st)})
	}
	return out
}

func reminderText(d deadline.Deadline, st deadline.Status) string {
	var what string
	switch st.State {
	case deadline.Met:
		what = "adempiuto il " + d.Met.Italian()
	case deadline.MetLate:
		what = fmt.Sprintf("adempiuto il %s, con %s di ritardo", d.Met.Italian(), giorni(-st.DaysLeft))
	case deadline.Overdue:
		what = fmt.Sprintf("scaduto da %s", giorni(-st.DaysLeft))
	case deadline.DueToday:
		what = "scade oggi"
	default:
		what = fmt.Sprintf("scade fra %s", giorni(st.DaysLeft))
	}
	return fmt.Sprintf("%s: %s (%s)", d.Name, what, d.Due.Italian())
}

func giorni(n int) string {
	if n == 1 {
		return "1 giorno"
	}
	return fmt.Sprintf("%d giorni", n)
}

// NextDue returns the earliest due date of a deadline not yet met, or the
// zero Date.
func (p Petition) NextDue() deadline.Date {
	var due deadline.Date
	for _, d := range p.Deadlines {
		if d.Met.IsZero() && !d.Due.IsZero() && (due.IsZero() || d.Due.Before(due)) {
			due = d.Due
		}
	}
	return due
}

// Index returns the queryable projection a Store keeps: kind, state, the
// answering office, channel, the day received (filing, or registration
// before it), the next due date, and tags "addressee:...", "matter:..."
// (folded), "threshold:reached" or "threshold:missed" after filing, and
// "request:<office>" for each office whose reply is pending. It holds no
// personal data.
func (p Petition) Index() Index {
	idx := Index{
		Kind:     string(p.Kind),
		State:    string(p.State),
		Office:   string(p.Office),
		Channel:  string(p.Channel),
		Received: p.Drafted,
		Due:      p.NextDue(),
	}
	if !p.Filed.IsZero() {
		idx.Received = p.Filed
	}
	idx.Tags = append(idx.Tags, "addressee:"+string(p.Addressee))
	if m := textfold.Fold(p.Matter); m != "" {
		idx.Tags = append(idx.Tags, "matter:"+m)
	}
	if !p.Filed.IsZero() {
		if p.Reached {
			idx.Tags = append(idx.Tags, "threshold:reached")
		} else {
			idx.Tags = append(idx.Tags, "threshold:missed")
		}
	}
	for _, r := range p.Requests {
		if r.Pending() {
			idx.Tags = append(idx.Tags, "request:"+string(r.Office))
		}
	}
	return idx
}

// clone returns a deep copy of p, sharing nothing mutable.
func (p Petition) clone() Petition {
	p.Promoters = slices.Clone(p.Promoters)
	if p.ToVerify != nil {
		vs := make([]Verification, len(p.ToVerify))
		for i, v := range p.ToVerify {
			vs[i] = Verification{Base: v.Base, Codes: slices.Clone(v.Codes)}
		}
		p.ToVerify = vs
	}
	p.Signatures.ByDay = slices.Clone(p.Signatures.ByDay)
	p.Signatures.ByCategory = slices.Clone(p.Signatures.ByCategory)
	p.Signatures.ByMethod = slices.Clone(p.Signatures.ByMethod)
	p.Requests = slices.Clone(p.Requests)
	ds := make([]deadline.Deadline, len(p.Deadlines))
	for i, d := range p.Deadlines {
		d.Explanation.Steps = slices.Clone(d.Explanation.Steps)
		ds[i] = d
	}
	if p.Deadlines == nil {
		ds = nil
	}
	p.Deadlines = ds
	p.Timeline = slices.Clone(p.Timeline)
	return p
}

// officeList renders offices for a note: "dip-mobilita, dip-lavori".
func officeList(rs []Request) string {
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = string(r.Office)
	}
	return strings.Join(names, ", ")
}
