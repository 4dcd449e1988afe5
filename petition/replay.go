package petition

import (
	"fmt"
	"maps"
	"slices"

	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
)

// Replay folds a history into the petition it describes, computing every
// deadline with cal under policy. It is a pure function of its arguments:
// a changed policy or a corrected calendar gives new deadlines from the same
// history. It fails with an error wrapping ErrInvalidEvent if the history
// does not start with a registration, holds a malformed event, or names a
// kind the policy does not know.
//
// Signatures are folded into a set keyed by the codice fiscale as issued
// (case, spaces and the SPID prefix aside): a second signature with the same
// code (which the Service never records) is ignored, the first one counts.
// Codes that differ but coincide once omocodia is undone are different
// people: each counts, and the group is listed in Petition.ToVerify.
func Replay(id ID, records []Record, cal *deadline.Calendar, policy Policy) (Petition, error) {
	a, err := replay(id, records, cal, policy)
	if err != nil {
		return Petition{}, err
	}
	return a.view(), nil
}

// Signatories returns the signatures of a history that are not withdrawn,
// in the order they were recorded. They are personal data, for the officers
// who verify them; publish counts instead.
func Signatories(records []Record) []Signature {
	live := map[codicefiscale.Key]int{}
	var out []Signature
	for _, r := range records {
		switch r.Event.Type {
		case EventSigned:
			if r.Event.Batch == nil {
				continue
			}
			for _, s := range r.Event.Batch.Signatures {
				k, err := codicefiscale.ParseKey(s.Signatory.CodiceFiscale)
				if err != nil {
					continue
				}
				if _, dup := live[k]; dup {
					continue
				}
				live[k] = len(out)
				out = append(out, s)
			}
		case EventSignatureWithdrawn:
			if r.Event.Withdrawal == nil {
				continue
			}
			k, err := codicefiscale.ParseKey(r.Event.Withdrawal.CodiceFiscale)
			if err != nil {
				continue
			}
			if i, ok := live[k]; ok {
				out[i] = Signature{}
				delete(live, k)
			}
		}
	}
	return slices.DeleteFunc(out, func(s Signature) bool { return s.Signatory.CodiceFiscale == "" })
}

// sigInfo is what the fold keeps of a live signature: enough to undo its
// counts on withdrawal, and the omocodia pattern of its code (the rest of
// the code is the key of the set). 8 bytes per signatory.
type sigInfo struct {
	day    deadline.Date
	cat    uint16
	method uint8
	subst  uint8
}

var methods = [...]Method{Paper, SPID, CIE}

func methodIndex(m Method) uint8 {
	for i, x := range methods {
		if x == m {
			return uint8(i)
		}
	}
	return 0
}

// aggregate is the fold's working state: the view, plus the signatory set
// and counters that let it apply a signature or a withdrawal in constant
// time.
type aggregate struct {
	cal    *deadline.Calendar
	policy Policy
	rules  KindRules
	table  *Table

	p       Petition
	answer  deadline.Deadline   // the answer term, once filed
	replies []deadline.Deadline // the reply terms, parallel to p.Requests
	state   State
	lastOn  deadline.Date // the day of the fact of the last record
	roll    signatorySet
	days    map[deadline.Date]*DayCount
	catIDs  []CategoryID
	catIdx  map[CategoryID]uint16
	catN    []int
	methodN [len(methods)]int
}

func newAggregate(id ID, cal *deadline.Calendar, policy Policy) *aggregate {
	return &aggregate{
		cal:    cal,
		policy: policy,
		p:      Petition{ID: id},
		state:  start,
		roll:   newSignatorySet(),
		days:   make(map[deadline.Date]*DayCount),
		catIdx: make(map[CategoryID]uint16),
	}
}

func replay(id ID, records []Record, cal *deadline.Calendar, policy Policy) (*aggregate, error) {
	if len(records) == 0 {
		return nil, fmt.Errorf("%w: %s: empty history", ErrInvalidEvent, id)
	}
	return newAggregate(id, cal, policy).fold(records)
}

// fold applies records, which continue the history a was folded from, and
// returns a: the Service's Runner.Fold, which folds only the records
// written since a kept state instead of replaying the whole history.
// a.fold(more) on the aggregate replayed from h is the aggregate replayed
// from h followed by more, since replay is the same fold from the start. It
// changes a, and leaves it half folded on error (the Runner then drops it).
func (a *aggregate) fold(records []Record) (*aggregate, error) {
	for _, r := range records {
		if err := a.apply(r); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// clone returns a copy of a that folding more records onto, or withdrawing
// signatures from, leaves a unchanged, and the other way round: the
// Service's Runner.Copy (the Runner keeps one and hands the other out).
// Every map and every slice that the fold appends to or changes in place
// is copied: the petition (its requests and timeline, among others), the
// reply terms, the signatory set, the counts by day, category and method.
// What the fold never changes after setting it is shared: the calendar,
// policy, kind rules and lifecycle table, and the explanations of the
// deadlines (view copies their steps).
func (a *aggregate) clone() *aggregate {
	c := *a
	c.p = a.p.clone()
	c.replies = slices.Clone(a.replies)
	c.roll = a.roll.clone()
	c.days = make(map[deadline.Date]*DayCount, len(a.days))
	counts := make([]DayCount, 0, len(a.days))
	for day, d := range a.days {
		counts = append(counts, *d)
		c.days[day] = &counts[len(counts)-1]
	}
	c.catIDs = slices.Clone(a.catIDs)
	c.catIdx = maps.Clone(a.catIdx)
	c.catN = slices.Clone(a.catN)
	return &c
}

// apply folds one record. The lifecycle is not re-checked (the history is
// the truth), but every event must be well formed and the first must be a
// registration. The day of each fact is the record's On.
func (a *aggregate) apply(r Record) error {
	e := r.Event
	if p := e.payloads(); len(p) != 1 || p[0] != e.Type {
		return fmt.Errorf("%w: %s: record %d: event %q carries payloads %v", ErrInvalidEvent, a.p.ID, r.Version, e.Type, p)
	}
	if (a.state == start) != (e.Type == EventDrafted) {
		return fmt.Errorf("%w: %s: record %d: a history starts with, and only with, a registration", ErrInvalidEvent, a.p.ID, r.Version)
	}
	fold, ok := folds[e.Type]
	if !ok {
		return fmt.Errorf("%w: %s: record %d: unknown event type %q", ErrInvalidEvent, a.p.ID, r.Version, e.Type)
	}
	day := r.On
	if day.IsZero() {
		day = deadline.DateOf(r.At)
	}
	step := Step{Version: r.Version, At: r.At, Day: day, Event: e.Type, Label: e.Type.Italian(), Actor: r.Actor, Basis: r.Basis}
	if a.table != nil {
		if row, ok := a.table.Row(e.Type); ok && !row.Stays() {
			a.state = row.To
		}
	}
	if err := fold(a, e, day, &step); err != nil {
		return fmt.Errorf("%s: record %d: %w", a.p.ID, r.Version, err)
	}
	a.p.State = a.state
	a.p.Version, a.p.Hash = r.Version, r.Hash
	a.lastOn = day
	a.addStep(step)
	return nil
}

// folds holds, for each event type, the function that folds its payload
// into the aggregate and completes the timeline's step.
var folds = map[EventType]func(a *aggregate, e Event, day deadline.Date, step *Step) error{
	EventDrafted: func(a *aggregate, e Event, day deadline.Date, _ *Step) error {
		return a.draft(e.Registration, day)
	},
	EventCollectionOpened: func(a *aggregate, e Event, day deadline.Date, _ *Step) error {
		a.p.Opened, a.p.Closes = day, e.Collection.Closes
		return nil
	},
	EventSigned: func(a *aggregate, e Event, _ deadline.Date, step *Step) error {
		step.Count = a.sign(e.Batch.Signatures)
		return nil
	},
	EventSignatureWithdrawn: func(a *aggregate, e Event, _ deadline.Date, step *Step) error {
		step.Count = a.withdraw(e.Withdrawal.CodiceFiscale)
		return nil
	},
	EventFiled: func(a *aggregate, e Event, day deadline.Date, _ *Step) error {
		return a.file(day, *e.Filing)
	},
	EventDeclaredAdmissible: func(a *aggregate, e Event, day deadline.Date, _ *Step) error {
		a.p.Checked, a.p.Admissible, a.p.AdmissionNote = day, true, e.Admission.Note
		return nil
	},
	EventDeclaredInadmissible: func(a *aggregate, e Event, day deadline.Date, step *Step) error {
		a.p.Checked, a.p.Admissible, a.p.Refusal = day, false, *e.Refusal
		step.Note = e.Refusal.Reason
		return nil
	},
	EventForwarded: func(a *aggregate, e Event, day deadline.Date, step *Step) error {
		step.Note = officeList(e.Forwarding.Requests)
		return a.forward(e.Forwarding.Requests, day)
	},
	EventReplyRecorded: func(a *aggregate, e Event, day deadline.Date, step *Step) error {
		if n := e.Reply.Request; n >= 1 && n <= len(a.p.Requests) && a.p.Requests[n-1].Pending() {
			a.p.Requests[n-1].Replied = day
			a.p.Requests[n-1].Reply = e.Reply.Summary
			step.Note = string(a.p.Requests[n-1].Office)
		}
		return nil
	},
	EventAnswered: func(a *aggregate, e Event, day deadline.Date, step *Step) error {
		a.p.Answered, a.p.Answer = day, *e.Answer
		for i := range a.p.Requests {
			if a.p.Requests[i].Pending() {
				a.p.Requests[i].Superseded = true
			}
		}
		step.Note = string(e.Answer.Outcome)
		return nil
	},
	EventArchived: func(a *aggregate, e Event, day deadline.Date, step *Step) error {
		a.p.ArchivedOn, a.p.ArchiveReason = day, e.Archiving.Reason
		step.Note = e.Archiving.Reason
		return nil
	},
}

// addStep appends a step, merging signatures (and withdrawals) of the same
// day into one.
func (a *aggregate) addStep(s Step) {
	if n := len(a.p.Timeline); n > 0 && (s.Event == EventSigned || s.Event == EventSignatureWithdrawn) {
		if prev := &a.p.Timeline[n-1]; prev.Event == s.Event && prev.Day == s.Day {
			prev.Count += s.Count
			return
		}
	}
	a.p.Timeline = append(a.p.Timeline, s)
}

func (a *aggregate) draft(r *Registration, day deadline.Date) error {
	rules, err := a.policy.Rules(r.Kind)
	if err != nil {
		return err
	}
	body, err := a.policy.Body(r.Addressee)
	if err != nil {
		return err
	}
	a.rules = rules
	a.table = Lifecycle(rules)
	a.state = Draft
	a.p.Kind, a.p.KindName = r.Kind, rules.Name
	a.p.Addressee, a.p.AddresseeName, a.p.Office = body.ID, body.Name, body.Secretariat
	a.p.Channel, a.p.Subject, a.p.Matter, a.p.Text = r.Channel, r.Subject, r.Matter, r.Text
	a.p.EqualOpportunities = r.EqualOpportunities
	a.p.Promoters = slices.Clone(r.Promoters)
	a.p.Drafted = day
	a.p.Threshold, a.p.Window, a.p.Online = rules.Threshold, rules.Window, rules.Online
	return nil
}

func (a *aggregate) category(id CategoryID) uint16 {
	if i, ok := a.catIdx[id]; ok {
		return i
	}
	i := uint16(len(a.catIDs))
	a.catIDs = append(a.catIDs, id)
	a.catN = append(a.catN, 0)
	a.catIdx[id] = i
	return i
}

// sign folds signatures in constant time each and returns how many counted.
func (a *aggregate) sign(sigs []Signature) int {
	n := 0
	for _, s := range sigs {
		k, err := codicefiscale.ParseKey(s.Signatory.CodiceFiscale)
		if err != nil {
			continue
		}
		if _, dup := a.roll.get(k); dup {
			continue
		}
		info := sigInfo{day: s.Date, cat: a.category(s.Category), method: methodIndex(s.Method)}
		a.roll.add(k, info)
		d := a.days[s.Date]
		if d == nil {
			d = &DayCount{Day: s.Date}
			a.days[s.Date] = d
		}
		d.Signed++
		d.Valid++
		a.catN[info.cat]++
		a.methodN[info.method]++
		a.p.Signatures.Valid++
		n++
	}
	return n
}

// withdraw removes the live signature with the same code as issued; the
// person may sign again.
func (a *aggregate) withdraw(code string) int {
	k, err := codicefiscale.ParseKey(code)
	if err != nil {
		return 0
	}
	info, ok := a.roll.remove(k)
	if !ok {
		return 0
	}
	d := a.days[info.day]
	d.Withdrawn++
	d.Valid--
	a.catN[info.cat]--
	a.methodN[info.method]--
	a.p.Signatures.Valid--
	a.p.Signatures.Withdrawn++
	return 1
}

// countable returns the valid signatures that count for a filing on day on:
// those dated inside the window that ends that day.
func (a *aggregate) countable(on deadline.Date) int {
	from := a.rules.Window.Start(on)
	n := 0
	for day, d := range a.days {
		if !day.After(on) && (from.IsZero() || !day.Before(from)) {
			n += d.Valid
		}
	}
	return n
}

func (a *aggregate) file(on deadline.Date, f Filing) error {
	a.p.Filed, a.p.Protocol = on, f.Protocol
	a.p.Counted = a.countable(on)
	a.p.Reached = a.p.Counted >= a.rules.Threshold.Signatures
	term := a.rules.AnswerTerm(a.p.Matter, a.p.EqualOpportunities)
	x, err := a.cal.Explain(deadline.Spec{Start: on, Term: term})
	if err != nil {
		return fmt.Errorf("%w: answer term: %v", ErrInvalidEvent, err)
	}
	a.answer = deadline.Deadline{Name: term.Name, Code: AnswerCode, Due: x.Due, Explanation: x}
	return nil
}

// replyTerm returns the internal term of a request to office o.
func (a *aggregate) replyTerm(r Request) deadline.Term {
	t := a.policy.ReplyTerm
	if r.Days > 0 {
		t.Length, t.Unit = r.Days, deadline.Days
	}
	t.Name = fmt.Sprintf("%s (%s)", t.Name, r.Office)
	return t
}

func (a *aggregate) forward(reqs []Request, day deadline.Date) error {
	for _, r := range reqs {
		term := a.replyTerm(r)
		x, err := a.cal.Explain(deadline.Spec{Start: day, Term: term})
		if err != nil {
			return fmt.Errorf("%w: reply term: %v", ErrInvalidEvent, err)
		}
		a.p.Requests = append(a.p.Requests, Request{
			N: len(a.p.Requests) + 1, Office: r.Office, Question: r.Question, Days: r.Days,
			Forwarded: day, Due: x.Due,
		})
		a.replies = append(a.replies, deadline.Deadline{Name: term.Name, Code: OfficeReplyCode, Due: x.Due, Explanation: x})
	}
	return nil
}

// view returns a snapshot of the petition: counts sorted, deadlines marked
// met, nothing shared with the aggregate.
func (a *aggregate) view() Petition {
	p := a.p.clone()
	p.Signatures.ByDay = make([]DayCount, 0, len(a.days))
	for _, d := range a.days {
		p.Signatures.ByDay = append(p.Signatures.ByDay, *d)
	}
	slices.SortFunc(p.Signatures.ByDay, func(x, y DayCount) int { return x.Day.Compare(y.Day) })
	p.Signatures.ByCategory = make([]CategoryCount, len(a.catIDs))
	for i, id := range a.catIDs {
		p.Signatures.ByCategory[i] = CategoryCount{Category: id, Valid: a.catN[i]}
	}
	p.ToVerify = a.roll.verifications()
	p.Signatures.ByMethod = p.Signatures.ByMethod[:0]
	for i, m := range methods {
		if a.methodN[i] > 0 {
			p.Signatures.ByMethod = append(p.Signatures.ByMethod, MethodCount{Method: m, Valid: a.methodN[i]})
		}
	}
	// Deadlines: the answer is met on the day of the answer; each request's
	// reply on the day of the reply; superseded requests no longer run.
	p.Deadlines = nil
	if !a.answer.Due.IsZero() {
		d := a.answer
		d.Met = p.Answered
		d.Explanation.Steps = slices.Clone(d.Explanation.Steps)
		p.Deadlines = append(p.Deadlines, d)
	}
	for i, r := range p.Requests {
		if r.Superseded {
			continue
		}
		d := a.replies[i]
		d.Met = r.Replied
		d.Explanation.Steps = slices.Clone(d.Explanation.Steps)
		p.Deadlines = append(p.Deadlines, d)
	}
	return p
}

// permitted reports the acts allowed now for role: none for the zero or an
// undeclared role, none before a registration is folded (Service.Draft
// starts a petition; a stored history always begins with one).
func (a *aggregate) permitted(role office.Role) []EventType {
	if a.table == nil {
		return nil
	}
	return a.table.Permitted(a.state, role)
}
