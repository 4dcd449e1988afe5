package complaint

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
)

// Replay folds a history into its View: the state, classification, routing,
// exchanges, answers and every deadline with its explanation, computed on
// cal (nil: deadline.Rome()) under policy p (the zero Policy means
// DefaultPolicy). It is a pure function: the same history, calendar and
// policy always give the same View, so a corrected calendar or a changed
// policy recomputes every deadline.
//
// Replay checks the history as it goes: versions in sequence, every event
// valid, every act allowed by the Lifecycle in the state it found and for
// the recorded actor's role. A history that breaks any of these gives an
// error wrapping ErrInvalid. It does not verify the hash chain (Verify does)
// and cannot see other complaints: the ID and, for a merged duplicate, the
// Master's standing are filled in by the Service (see ReplayStream).
func Replay(records []Record, cal *deadline.Calendar, p Policy) (View, error) {
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
	f := &folder{p: p.orDefault(), v: View{State: Incoming, History: make([]Entry, 0, len(records)+1)}}
	for i := range records {
		if err := f.apply(&records[i], i); err != nil {
			return nil, err
		}
	}
	f.labels()
	return f, nil
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

func (f *folder) apply(r *Record, i int) error {
	if r.Version != i+1 {
		return invalid("record %d is numbered %d", i+1, r.Version)
	}
	e := r.Event
	if err := e.Validate(); err != nil {
		return fmt.Errorf("record %d: %w", r.Version, err)
	}
	if (i == 0) != (e.Type == EventFiled) {
		return invalid("record %d: a history starts with its filing, and only there", r.Version)
	}
	act := e.Type.Act()
	next, err := table().Check(f.v.State, act, r.Actor.Role)
	if err != nil {
		return fmt.Errorf("%w: record %d: %v", ErrInvalid, r.Version, err)
	}
	v := &f.v
	day := deadline.DateOf(r.At)
	var text string
	switch e.Type {
	case EventFiled:
		x := e.Filed
		v.Kind, v.Channel, v.Category = x.Kind, x.Channel, x.Category
		v.Place, v.Summary = x.Place.clone(), x.Summary
		v.Person, v.Description = x.Person, x.Description
		v.Media = slices.Clone(x.Media)
		v.Protocol, v.ExternalRef = x.Protocol, x.ExternalRef
		v.ReceivedAt = x.Received
		v.Received = deadline.DateOf(x.Received)
		v.TermStart = v.Received
		if x.Escalation != nil {
			esc := *x.Escalation
			v.Escalation = &esc
			if !esc.Opened.IsZero() && !f.p.TermFromDeskReceipt {
				v.TermStart = deadline.DateOf(esc.Opened)
			}
		}
		f.rounds = []round{{name: "risposta al cittadino", code: AnswerCode}}
		text = fmt.Sprintf("registrata: %s via %s", v.Kind.Italian(), v.Channel.Italian())
		if x.Escalation != nil && !x.Escalation.Opened.IsZero() {
			text += fmt.Sprintf(" (contatto con lo 060606 del %s)", deadline.DateOf(x.Escalation.Opened).Italian())
		}
	case EventAssigned:
		x := e.Assignment
		v.Routing = append(v.Routing, Routing{At: r.At, Act: ActAssign, To: x.Office, Reason: x.Reason})
		v.Office = x.Office
		text = "assegnata a " + string(x.Office)
	case EventForwarded:
		x := e.Forwarding
		if x.From != v.Office {
			return invalid("record %d: forwarded from %q, but the complaint is with %q", r.Version, x.From, v.Office)
		}
		// A request pending with the old office lapses: the new office
		// decides whether to ask again.
		f.endWait(day)
		v.Routing = append(v.Routing, Routing{At: r.At, Act: ActForward, From: x.From, To: x.To, Reason: x.Reason})
		v.Office = x.To
		text = fmt.Sprintf("inoltrata da %s a %s", x.From, x.To)
		if c := f.cur(); f.p.RestartOnForward && c.met.IsZero() {
			c.restart = &deadline.Restart{On: day, Reason: "ricezione da parte dell'ufficio " + string(x.To), Source: basisRestart}
		}
	case EventStarted:
		text = "presa in carico"
		if r.Actor.Office != "" {
			text += " da " + string(r.Actor.Office)
		}
	case EventInfoRequested:
		v.Exchanges = append(v.Exchanges, Exchange{Asked: r.At, Question: e.InfoRequest.Question})
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
		text = "richieste integrazioni al cittadino"
	case EventCitizenReplied:
		x := e.CitizenReply
		if n := len(v.Exchanges); n > 0 {
			v.Exchanges[n-1].Replied, v.Exchanges[n-1].Reply = x.Received, x.Text
		}
		f.endWait(deadline.DateOf(x.Received))
		text = "integrazioni del cittadino ricevute il " + deadline.DateOf(x.Received).Italian()
	case EventAnswered:
		x := e.Answer
		f.endWait(day)
		v.Answers = append(v.Answers, AnswerRecord{At: r.At, Office: r.Actor.Office, Outcome: x.Outcome, Text: x.Text, Summary: x.Summary})
		f.answerRound = append(f.answerRound, len(f.rounds)-1)
		f.meet(day)
		text = "risposta al cittadino: " + x.Outcome.Italian()
		if x.Summary != "" {
			text += " (" + x.Summary + ")"
		}
	case EventClosed:
		x := e.Closure
		f.endWait(day)
		f.meet(day)
		v.ClosedAt, v.CloseReason = r.At, x.Reason
		text = "chiusa: " + x.Reason.Italian()
	case EventReopened:
		x := e.Reopening
		v.Reopenings = append(v.Reopenings, ReopenRecord{Requested: x.Requested, At: r.At, Reason: x.Reason})
		v.ClosedAt, v.CloseReason = time.Time{}, ""
		on := deadline.DateOf(x.Requested)
		f.rounds = append(f.rounds, round{
			name:    fmt.Sprintf("risposta dopo la riapertura n. %d", len(v.Reopenings)),
			code:    ReopeningAnswerCode,
			restart: &deadline.Restart{On: on, Reason: "riapertura su richiesta del cittadino", Source: basisReopen},
		})
		text = "riaperta su richiesta del cittadino del " + on.Italian()
	case EventMerged:
		x := e.Merger
		f.endWait(day)
		f.meet(day)
		v.MergedInto, v.MergedAt = x.Master, r.At
		text = "accorpata alla segnalazione " + string(x.Master)
	case EventSeparated:
		text = "separata dalla segnalazione " + string(v.MergedInto)
		v.MergedInto, v.MergedAt, v.Master = "", time.Time{}, nil
		v.Office = ""
		f.cur().met = deadline.Date{}
	case EventForwardedOutside:
		x := e.OutsideForwarding
		f.endWait(day)
		f.meet(day)
		v.Routing = append(v.Routing, Routing{At: r.At, Act: ActForwardOutside, From: v.Office, To: x.Office})
		v.Outside, v.OutsideRef, v.OutsideSummary = x.Office, x.Reference, x.Summary
		text = "trasmessa a " + string(x.Office)
	case EventExternalReplyRecorded:
		x := e.ExternalReply
		v.OutsideReplies = append(v.OutsideReplies, OutsideReply{At: r.At, Text: x.Text, Summary: x.Summary})
		text = "riscontro di " + string(v.Outside)
		if x.Summary != "" {
			text += " (" + x.Summary + ")"
		}
	case EventReclassified:
		x := e.Reclassification
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
			parts = append(parts, "luogo")
		}
		if x.Summary != "" {
			v.Summary = x.Summary
			parts = append(parts, "sintesi")
		}
		text = "riclassificata: " + strings.Join(parts, ", ")
	}
	v.State = next
	v.Version = r.Version
	v.Updated = r.At
	v.History = append(v.History, Entry{Version: r.Version, At: r.At, Actor: r.Actor, Act: act, Basis: r.Basis, Date: day, Text: text})
	return nil
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

// finish computes the deadlines, which depend on the whole history. It may
// be called again after more records are applied.
func (f *folder) finish(cal *deadline.Calendar) error {
	if cal == nil {
		cal = deadline.Rome()
	}
	v, p := &f.v, f.p
	for i := range v.Exchanges {
		x := &v.Exchanges[i]
		if p.ReplyTerm == nil {
			continue
		}
		asked := deadline.DateOf(x.Asked)
		exp, err := cal.Explain(deadline.Spec{Start: asked, Term: *p.ReplyTerm})
		if err != nil {
			return fmt.Errorf("%w: reply term of the request of %s: %v", ErrInvalid, asked, err)
		}
		x.ReplyBy = &deadline.Deadline{Name: "integrazioni del cittadino (richiesta del " + asked.Italian() + ")", Code: CitizenReplyCode, Due: exp.Due, Explanation: exp, Met: x.Ended}
	}
	term := p.TermFor(v.Kind, v.Category)
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
		a.Late = deadline.DateOf(a.At).After(a.Due)
	}
	return nil
}
