package complaint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/puntodiascolto/ascolto/deadline"
)

// Replay folds a history into its View: the state, classification, routing,
// exchanges, answers and every deadline with its explanation, computed on
// cal (required: deadline.Rome() for Roma Capitale, deadline.Italy()
// elsewhere) under policy p (the zero Policy means DefaultPolicy). It is a
// pure function: the same history, calendar and policy always give the same
// View, so a corrected calendar or a changed policy recomputes every
// deadline. Terms run from each record's On, the day of the fact.
//
// Replay checks the history as it goes: versions in sequence, every event
// valid (but for the text limits, which bind what is recorded, not what
// was: Event.Validate checks them), every act allowed by the Lifecycle in the state it found and for
// the recorded actor's role. A history that breaks any of these gives an
// error wrapping ErrInvalid. It does not verify the hash chain (Verify does)
// and cannot see other complaints: the ID and, for a merged duplicate, the
// Master's standing are filled in by the Service (see ReplayStream).
func Replay(records []Record, cal *deadline.Calendar, p Policy) (View, error) {
	if cal == nil {
		return View{}, invalid("replay without a calendar")
	}
	f, err := foldHistory(records, p)
	if err != nil {
		return View{}, err
	}
	if err := f.finish(cal); err != nil {
		return View{}, err
	}
	return f.v, nil
}

// foldHistory applies records in order, without computing the deadlines.
func foldHistory(records []Record, p Policy) (*folder, error) {
	if len(records) == 0 {
		return nil, invalid("empty history")
	}
	// One more entry of capacity: an act folds its record on top.
	f := &folder{p: p.orDefault(), v: View{State: Incoming, History: make([]Entry, 0, len(records)+1)}}
	if err := f.more(records); err != nil {
		return nil, err
	}
	return f, nil
}

// more folds records that continue the history f was folded from, without
// computing the deadlines: foldHistory(h) then more(m) is foldHistory(h
// followed by m), since both apply the same records in the same order and
// set the labels last. It changes f and leaves it half folded on error.
func (f *folder) more(records []Record) error {
	f.fin = nil
	for i := range records {
		if err := f.apply(&records[i], f.v.Version); err != nil {
			return err
		}
	}
	f.labels()
	return nil
}

// finished returns the View of f with its deadlines, computed on cal,
// leaving f unchanged: finish runs on a copy of f whose exchanges and
// answers, which it completes in place, are copies too (it replaces the
// deadlines whole). The View shares its other slices with f, and folding
// more records onto f does not change it: the fold changes in place only
// the exchanges and answers, and only appends to the rest.
func (f *folder) finished(cal *deadline.Calendar) (View, error) {
	g := *f
	g.v.Exchanges = slices.Clone(f.v.Exchanges)
	g.v.Answers = slices.Clone(f.v.Answers)
	if err := g.finish(cal); err != nil {
		return View{}, err
	}
	return g.v, nil
}

// clone returns a copy of f that folding more records onto leaves f
// unchanged, and the other way round (the Service's Runner.Copy: the
// Runner keeps one and hands the other out). Every slice the fold appends
// to or changes in place is copied (the timeline, routing, exchanges,
// answers, reopenings, outside replies, duplicates, the answer rounds and
// their suspensions), and so are the place's point, the escalation and the
// media, which a View handed out shares. What the fold only ever replaces
// is shared: the category path and tags (labels sets new ones), the
// rounds' restarts; and the policy. The View with the deadlines is not
// copied: the copy computes its own when asked.
func (f *folder) clone() *folder {
	c := *f
	c.fin = nil
	v := &c.v
	v.Place = v.Place.clone()
	if v.Escalation != nil {
		e := *v.Escalation
		v.Escalation = &e
	}
	v.Media = slices.Clone(v.Media)
	v.Routing = slices.Clone(v.Routing)
	v.Exchanges = slices.Clone(v.Exchanges)
	v.Answers = slices.Clone(v.Answers)
	v.Reopenings = slices.Clone(v.Reopenings)
	v.OutsideReplies = slices.Clone(v.OutsideReplies)
	v.Duplicates = slices.Clone(v.Duplicates)
	v.Deadlines = slices.Clone(v.Deadlines)
	v.History = slices.Grow(slices.Clone(v.History), 1)
	c.rounds = slices.Clone(f.rounds)
	for i := range c.rounds {
		c.rounds[i].susp = slices.Clone(c.rounds[i].susp)
	}
	c.answerRound = slices.Clone(f.answerRound)
	return &c
}

// ReplayStream is Replay on a stored stream: it also sets the View's ID.
func ReplayStream(s Stream, cal *deadline.Calendar, p Policy) (View, error) {
	v, err := Replay(s.Records, cal, p)
	if err != nil {
		return View{}, fmt.Errorf("%s: %w", s.ID, err)
	}
	v.ID = s.ID
	return v, nil
}

// folder accumulates a View record by record.
type folder struct {
	p      Policy
	v      View
	rounds []round
	// answerRound[i] is the round Answers[i] met.
	answerRound []int
	// fin is the View with its deadlines, once the Service computed it
	// (Service.view); nil until then, and again after more records.
	fin *View
}

// round is one answer obligation: the first from TermStart, one more after
// each reopening.
type round struct {
	name, code  string
	restart     *deadline.Restart
	susp        []deadline.Suspension
	pendingFrom deadline.Date
	met         deadline.Date
}

func (f *folder) cur() *round { return &f.rounds[len(f.rounds)-1] }

// apply folds one record: the checks every record passes (its position,
// its event, the lifecycle), then the applier of its type, which returns
// the line of the timeline.
func (f *folder) apply(r *Record, i int) error {
	if r.Version != i+1 {
		return invalid("record %d is numbered %d", i+1, r.Version)
	}
	e := r.Event
	if err := e.validPayload(); err != nil {
		return fmt.Errorf("record %d: %w", r.Version, err)
	}
	if (i == 0) != (e.Type == EventFiled) {
		return invalid("record %d: a history starts with its filing, and only there", r.Version)
	}
	if r.On.IsZero() {
		return invalid("record %d: no day of the fact", r.Version)
	}
	next, err := table().Check(f.v.State, e.Type, r.Actor.Role)
	if err != nil {
		return fmt.Errorf("%w: record %d: %v", ErrInvalid, r.Version, err)
	}
	text, err := appliers[e.Type](f, r, r.On)
	if err != nil {
		return fmt.Errorf("record %d: %w", r.Version, err)
	}
	v := &f.v
	v.State = next
	v.Version, v.Hash = r.Version, r.Hash
	if r.At.After(v.Updated) {
		v.Updated = r.At
	}
	v.History = append(v.History, Entry{Version: r.Version, At: r.At, Actor: r.Actor, Act: e.Type, Basis: r.Basis, Date: r.On, Text: text})
	return nil
}

// An applier folds one record of its type, whose fact took place on day,
// and returns the line of the timeline in Italian, without personal data.
type applier func(f *folder, r *Record, day deadline.Date) (string, error)

// appliers folds each type of event.
var appliers = map[EventType]applier{
	EventFiled:                 (*folder).filed,
	EventAssigned:              (*folder).assigned,
	EventForwarded:             (*folder).forwarded,
	EventStarted:               (*folder).started,
	EventInfoRequested:         (*folder).infoRequested,
	EventCitizenReplied:        (*folder).citizenReplied,
	EventAnswered:              (*folder).answered,
	EventClosed:                (*folder).closed,
	EventReopened:              (*folder).reopened,
	EventMerged:                (*folder).merged,
	EventSeparated:             (*folder).separated,
	EventForwardedOutside:      (*folder).forwardedOutside,
	EventExternalReplyRecorded: (*folder).externalReply,
	EventReclassified:          (*folder).reclassified,
	EventDuplicateAdded:        (*folder).duplicateAdded,
	EventDuplicateRemoved:      (*folder).duplicateRemoved,
}

func (f *folder) filed(r *Record, day deadline.Date) (string, error) {
	v, x := &f.v, r.Event.Filed
	v.Kind, v.Channel, v.Category = x.Kind, x.Channel, x.Category
	v.Place, v.Summary = x.Place.clone(), x.Summary
	v.Person, v.Description = x.Person, x.Description
	v.streetTag = v.streetTagOf()
	v.Media = slices.Clone(x.Media)
	v.Protocol, v.ExternalRef = x.Protocol, x.ExternalRef
	v.ReceivedAt = x.Received
	v.Received = day
	v.TermStart = v.Received
	if x.Escalation != nil {
		esc := *x.Escalation
		v.Escalation = &esc
		if !esc.Opened.IsZero() && !f.p.TermFromDeskReceipt {
			v.TermStart = deadline.DateOf(esc.Opened)
		}
	}
	f.rounds = []round{{name: "risposta al cittadino", code: AnswerCode}}
	text := fmt.Sprintf("registrata: %s via %s", v.Kind.Italian(), v.Channel.Italian())
	if x.Escalation != nil && !x.Escalation.Opened.IsZero() {
		text += fmt.Sprintf(" (contatto con lo 060606 del %s)", deadline.DateOf(x.Escalation.Opened).Italian())
	}
	return text, nil
}

func (f *folder) assigned(r *Record, _ deadline.Date) (string, error) {
	x := r.Event.Assignment
	f.v.Routing = append(f.v.Routing, Routing{At: r.At, Act: EventAssigned, To: x.To, Reason: x.Reason})
	f.v.Office = x.To
	return "assegnata a " + string(x.To), nil
}

func (f *folder) forwarded(r *Record, day deadline.Date) (string, error) {
	v, x := &f.v, r.Event.Forwarding
	if x.From != v.Office {
		return "", invalid("forwarded from %q, but the complaint is with %q", x.From, v.Office)
	}
	// A request pending with the old office lapses: the new office
	// decides whether to ask again.
	f.endWait(day)
	v.Routing = append(v.Routing, Routing{At: r.At, Act: EventForwarded, From: x.From, To: x.To, Reason: x.Reason})
	v.Office = x.To
	if c := f.cur(); f.p.RestartOnForward && c.met.IsZero() {
		c.restart = &deadline.Restart{On: day, Reason: "ricezione da parte dell'ufficio " + string(x.To), Source: basisRestart}
	}
	return fmt.Sprintf("inoltrata da %s a %s", x.From, x.To), nil
}

func (f *folder) started(r *Record, _ deadline.Date) (string, error) {
	if r.Actor.Office != "" {
		return "presa in carico da " + string(r.Actor.Office), nil
	}
	return "presa in carico", nil
}

func (f *folder) infoRequested(r *Record, day deadline.Date) (string, error) {
	f.v.Exchanges = append(f.v.Exchanges, Exchange{Asked: day, Question: r.Event.InfoRequest.Question})
	if f.p.SuspendWhileAwaiting {
		c := f.cur()
		c.pendingFrom = day
		// A request on the day the previous suspension ended continues it:
		// suspensions of one term must not overlap.
		if n := len(c.susp); n > 0 && !c.susp[n-1].To.Before(day) {
			c.pendingFrom = c.susp[n-1].From
			c.susp = c.susp[:n-1]
		}
	}
	return "richieste integrazioni al cittadino", nil
}

func (f *folder) citizenReplied(r *Record, day deadline.Date) (string, error) {
	if n := len(f.v.Exchanges); n > 0 {
		f.v.Exchanges[n-1].Replied, f.v.Exchanges[n-1].Reply = day, r.Event.CitizenReply.Text
	}
	f.endWait(day)
	return "integrazioni del cittadino ricevute il " + day.Italian(), nil
}

func (f *folder) answered(r *Record, day deadline.Date) (string, error) {
	x := r.Event.Answer
	f.endWait(day)
	f.v.Answers = append(f.v.Answers, AnswerRecord{At: r.At, On: day, Office: r.Actor.Office, Outcome: x.Outcome, Text: x.Text, Summary: x.Summary})
	f.answerRound = append(f.answerRound, len(f.rounds)-1)
	f.meet(day)
	text := "risposta al cittadino: " + x.Outcome.Italian()
	if x.Summary != "" {
		text += " (" + x.Summary + ")"
	}
	return text, nil
}

func (f *folder) closed(r *Record, day deadline.Date) (string, error) {
	x := r.Event.Closure
	f.endWait(day)
	f.meet(day)
	f.v.Closed, f.v.CloseReason = day, x.Reason
	return "chiusa: " + x.Reason.Italian(), nil
}

func (f *folder) reopened(r *Record, day deadline.Date) (string, error) {
	v := &f.v
	v.Reopenings = append(v.Reopenings, ReopenRecord{Requested: day, At: r.At, Reason: r.Event.Reopening.Reason})
	v.Closed, v.CloseReason = deadline.Date{}, ""
	f.rounds = append(f.rounds, round{
		name:    fmt.Sprintf("risposta dopo la riapertura n. %d", len(v.Reopenings)),
		code:    ReopeningAnswerCode,
		restart: &deadline.Restart{On: day, Reason: "riapertura su richiesta del cittadino", Source: basisReopen},
	})
	return "riaperta su richiesta del cittadino del " + day.Italian(), nil
}

func (f *folder) merged(r *Record, day deadline.Date) (string, error) {
	x := r.Event.Merger
	f.endWait(day)
	f.meet(day)
	f.v.MergedInto, f.v.Merged = x.Master, day
	return "accorpata alla segnalazione " + string(x.Master), nil
}

func (f *folder) separated(*Record, deadline.Date) (string, error) {
	v := &f.v
	text := "separata dalla segnalazione " + string(v.MergedInto)
	v.MergedInto, v.Merged, v.Master = "", deadline.Date{}, nil
	v.Office = ""
	f.cur().met = deadline.Date{}
	return text, nil
}

func (f *folder) forwardedOutside(r *Record, day deadline.Date) (string, error) {
	v, x := &f.v, r.Event.OutsideForwarding
	f.endWait(day)
	f.meet(day)
	v.Routing = append(v.Routing, Routing{At: r.At, Act: EventForwardedOutside, From: v.Office, To: x.To})
	v.Outside, v.OutsideRef, v.OutsideSummary = x.To, x.Reference, x.Summary
	return "trasmessa a " + string(x.To), nil
}

func (f *folder) externalReply(r *Record, _ deadline.Date) (string, error) {
	x := r.Event.ExternalReply
	f.v.OutsideReplies = append(f.v.OutsideReplies, OutsideReply{At: r.At, Text: x.Text, Summary: x.Summary})
	text := "riscontro di " + string(f.v.Outside)
	if x.Summary != "" {
		text += " (" + x.Summary + ")"
	}
	return text, nil
}

func (f *folder) reclassified(r *Record, _ deadline.Date) (string, error) {
	v, x := &f.v, r.Event.Reclassification
	var parts []string
	if x.Kind != "" {
		v.Kind = x.Kind
		parts = append(parts, "tipo "+x.Kind.Italian())
	}
	if x.Category != "" {
		v.Category = x.Category
		parts = append(parts, "categoria "+x.Category)
	}
	if x.Place != nil {
		v.Place = x.Place.clone()
		v.streetTag = v.streetTagOf()
		parts = append(parts, "luogo")
	}
	if x.Summary != "" {
		v.Summary = x.Summary
		parts = append(parts, "sintesi")
	}
	return "riclassificata: " + strings.Join(parts, ", "), nil
}

func (f *folder) duplicateAdded(r *Record, _ deadline.Date) (string, error) {
	d := r.Event.DuplicateAdded.Duplicate
	if !slices.Contains(f.v.Duplicates, d) {
		f.v.Duplicates = append(f.v.Duplicates, d)
	}
	return "accorpata la segnalazione duplicata " + string(d), nil
}

func (f *folder) duplicateRemoved(r *Record, _ deadline.Date) (string, error) {
	d := r.Event.DuplicateRemoved.Duplicate
	// On a copy: a View handed out may share the slice (Service.view), and
	// the fold only ever appends to the slices it shares.
	f.v.Duplicates = slices.DeleteFunc(slices.Clone(f.v.Duplicates), func(x ID) bool { return x == d })
	return "separata la segnalazione duplicata " + string(d), nil
}

// endWait ends a pending request for information on day d: the exchange
// ends, and the suspension of the answer term, if any, closes.
func (f *folder) endWait(d deadline.Date) {
	if f.v.State != AwaitingCitizen {
		return
	}
	if n := len(f.v.Exchanges); n > 0 && f.v.Exchanges[n-1].Ended.IsZero() {
		f.v.Exchanges[n-1].Ended = d
	}
	c := f.cur()
	if c.pendingFrom.IsZero() {
		return
	}
	if d.Before(c.pendingFrom) {
		d = c.pendingFrom
	}
	if d.After(c.pendingFrom) {
		c.susp = append(c.susp, f.suspension(c.pendingFrom, d))
	}
	c.pendingFrom = deadline.Date{}
}

func (f *folder) suspension(from, to deadline.Date) deadline.Suspension {
	return deadline.Suspension{From: from, To: to, Cap: f.p.SuspensionCap, Reason: "in attesa delle integrazioni del cittadino", Source: basisSuspension}
}

// meet records that the current answer obligation was met on d, if it was
// not already.
func (f *folder) meet(d deadline.Date) {
	if c := f.cur(); c.met.IsZero() {
		c.met = d
	}
}

// labels sets the category's path and label.
func (f *folder) labels() {
	v, p := &f.v, f.p
	v.CategoryPath, v.CategoryLabel, v.categoryTags = nil, "", nil
	if path := p.Taxonomy.Path(v.Category); path != nil {
		v.CategoryPath = path
		v.CategoryLabel = p.Taxonomy.Label(v.Category)
		v.categoryTags = p.Taxonomy.tags(v.Category)
	}
}

// finish computes the deadlines, which depend on the whole history.
func (f *folder) finish(cal *deadline.Calendar) error {
	if err := f.replyTerms(cal); err != nil {
		return err
	}
	v := &f.v
	term := f.p.TermFor(v.Kind, v.Category)
	v.Deadlines = make([]deadline.Deadline, len(f.rounds))
	for i, rd := range f.rounds {
		susp := rd.susp
		if !rd.pendingFrom.IsZero() {
			// While the reply is pending the suspension is assumed to last
			// until the citizen's reply term ends (Policy.SuspendWhileAwaiting).
			to := rd.pendingFrom
			if n := len(v.Exchanges); n > 0 && v.Exchanges[n-1].ReplyBy != nil {
				to = v.Exchanges[n-1].ReplyBy.Due
			}
			if to.After(rd.pendingFrom) {
				susp = append(slices.Clip(susp), f.suspension(rd.pendingFrom, to))
			}
		}
		exp, err := cal.Explain(deadline.Spec{Start: v.TermStart, Term: term, Suspensions: susp, Restart: rd.restart})
		if err != nil {
			return fmt.Errorf("%w: answer term: %v", ErrInvalid, err)
		}
		v.Deadlines[i] = deadline.Deadline{Name: rd.name, Code: rd.code, Due: exp.Due, Explanation: exp, Met: rd.met}
	}
	for i, ri := range f.answerRound {
		a := &v.Answers[i]
		a.Round = ri
		a.Due = v.Deadlines[ri].Due
		a.Late = a.On.After(a.Due)
	}
	return nil
}

// replyTerms computes the citizen's reply term of each request for
// information.
func (f *folder) replyTerms(cal *deadline.Calendar) error {
	if f.p.ReplyTerm == nil {
		return nil
	}
	for i := range f.v.Exchanges {
		x := &f.v.Exchanges[i]
		exp, err := cal.Explain(deadline.Spec{Start: x.Asked, Term: *f.p.ReplyTerm})
		if err != nil {
			return fmt.Errorf("%w: reply term of the request of %s: %v", ErrInvalid, x.Asked, err)
		}
		x.ReplyBy = &deadline.Deadline{Name: "integrazioni del cittadino (richiesta del " + x.Asked.Italian() + ")", Code: CitizenReplyCode, Due: exp.Due, Explanation: exp, Met: x.Ended}
	}
	return nil
}
