package deadline

import (
	"fmt"
	"time"

	"github.com/puntodiascolto/ascolto/law"
)

// Citations of the counting rules.
var (
	citeDiesAQuo = law.Citation{Act: "c.c.", Article: "2963", Comma: "2"}
	citeMonths   = law.Citation{Act: "c.c.", Article: "2963", Comma: "4"}
	citeExtCC    = law.Citation{Act: "c.c.", Article: "2963", Comma: "3"}
	citeExtCPC   = law.Citation{Act: "c.p.c.", Article: "155", Comma: "4"}
	citeSatCPC   = law.Citation{Act: "c.p.c.", Article: "155", Comma: "5"}
	citeSatCPA   = law.Citation{Act: "c.p.a.", Article: "52", Comma: "5"}
	citeExtCPA   = law.Citation{Act: "c.p.a.", Article: "52", Comma: "3"}
	citeAdminSat = law.Citation{Note: "Cons. St. V 3152/2011", Confidence: law.Secondary}
	citeFeriale  = law.Citation{Act: "L. 742/1969", Article: "1", URN: "urn:nir:stato:legge:1969-10-07;742"}
	citeDL132    = law.Citation{Act: "D.L. 132/2014", Article: "16", Comma: "1", URN: "urn:nir:stato:decreto.legge:2014-09-12;132"}
	citeDeferred = law.Citation{Note: "Cass. II 688/2006; Cons. St. Ad. Plen. 4/2016", Confidence: law.Text}
	citeDilatory = law.Citation{Note: "RULES.md §1.8: nessuna proroga per i termini dilatori", Confidence: law.Policy}
)

// saturdayRuleFrom is the day from which art. 155 c. 5 c.p.c. (L. 263/2005)
// moves court terms expiring on a Saturday.
var saturdayRuleFrom = Date{fromCivil(2006, time.March, 1)}

// pause is a period during which a term does not run: the August
// suspension of one year or a legal suspension. Both ends are paused.
type pause struct {
	from, to Date
	name     string
	source   law.Citation
	source2  law.Citation // the amending act, if any
	august   bool
}

// sources returns the citations of the pause.
func (p pause) sources() []law.Citation {
	if p.source2.IsZero() {
		return citations(p.source)
	}
	return []law.Citation{p.source, p.source2}
}

// counter holds what a computation needs: the calendar, the rules, the kind,
// and the explanation being built (nil on the fast path).
type counter struct {
	c    *Calendar
	r    Rules
	kind Kind
	x    *Explanation
}

// augustPause returns the August suspension of year y.
func augustPause(y int) pause {
	if y <= 2014 {
		return pause{from: Date{fromCivil(y, time.August, 1)}, to: Date{fromCivil(y, time.September, 15)},
			name: "sospensione feriale", source: citeFeriale, august: true}
	}
	return pause{from: Date{fromCivil(y, time.August, 1)}, to: Date{fromCivil(y, time.August, 31)},
		name: "sospensione feriale", source: citeFeriale, source2: citeDL132, august: true}
}

// nextPause returns the earliest-starting pause that has a day after pos.
func (k *counter) nextPause(pos Date) (pause, bool) {
	var best pause
	found := false
	if k.r.AugustSuspension {
		y := pos.Year()
		p := augustPause(y)
		if !p.to.After(pos) {
			if y < MaxYear {
				p = augustPause(y + 1)
				found = true
			}
		} else {
			found = true
		}
		if found {
			best = p
		}
	}
	if k.r.LegalSuspensions && k.c.suspended[k.kind&1] {
		for _, s := range k.c.suspensions {
			if s.Kind != k.kind || !s.To.After(pos) {
				continue
			}
			if !found || s.From.Before(best.from) {
				best = pause{from: s.From, to: s.To, name: s.Name, source: s.Source}
				found = true
			}
		}
	}
	return best, found
}

// errRange is returned when an expiry would pass 9999-12-31.
func errRange() error {
	return fmt.Errorf("%w: the expiry would be after %d-12-31", ErrOutOfRange, MaxYear)
}

// advance returns the day n counted days after pos: days inside pauses do
// not count. When explaining, it records a step for each pause crossed.
func (k *counter) advance(pos Date, n int) (Date, error) {
	if int64(pos.n)+int64(n) > dayMax {
		return Date{}, errRange()
	}
	naive := pos.n + int32(n)
	if !k.r.AugustSuspension && !(k.r.LegalSuspensions && k.c.suspended[k.kind&1]) {
		return Date{naive}, nil
	}
	cur := naive // pos + n + days skipped so far, for the explanation
	for {
		p, ok := k.nextPause(pos)
		if !ok || p.from.n > pos.n+int32(n) {
			return Date{pos.n + int32(n)}, nil
		}
		before := p.from.n - 1 - pos.n
		if before < 0 {
			before = 0
		}
		first := p.from
		if !first.After(pos) {
			first = Date{pos.n + 1}
		}
		skipped := int(p.to.n - first.n + 1)
		n -= int(before)
		pos = p.to
		if int64(pos.n)+int64(n) > dayMax {
			return Date{}, errRange()
		}
		if k.x != nil {
			cur += int32(skipped)
			k.x.add(Step{
				Action:  ActionPause,
				From:    Date{cur - int32(skipped)},
				To:      Date{cur},
				Days:    skipped,
				Text:    fmt.Sprintf("%s dal %s al %s%s: non si contano %s → %s", p.name, p.from.Italian(), p.to.Italian(), citeParen(p.sources()...), plural(skipped, "giorno", "giorni"), Date{cur}.Italian()),
				Sources: p.sources(),
			})
		}
	}
}

// inPause reports the pause containing d, if any.
func (k *counter) inPause(d Date) (pause, bool) {
	p, ok := k.nextPause(d.AddDays(-1))
	if ok && !p.from.After(d) {
		return p, true
	}
	return pause{}, false
}

// workClosed reports whether d is not a working day for WorkingDays terms.
func (k *counter) workClosed(d Date) bool {
	if !k.r.SaturdayWorking {
		if set, ok := k.c.court.has(d); ok {
			return set
		}
		if d.Weekday() == time.Saturday {
			return true
		}
	}
	return k.c.IsHoliday(d)
}

// advanceWorking returns the n-th working day after pos, skipping pauses.
func (k *counter) advanceWorking(pos Date, n int) (Date, error) {
	d := pos
	for count := 0; count < n; {
		if d.n >= dayMax {
			return Date{}, errRange()
		}
		d = Date{d.n + 1}
		if p, ok := k.inPause(d); ok {
			if k.x != nil {
				k.x.add(Step{
					Action:  ActionPause,
					From:    d,
					To:      p.to,
					Days:    int(p.to.n - d.n + 1),
					Text:    fmt.Sprintf("%s dal %s al %s%s: i giorni lavorativi del periodo non si contano", p.name, p.from.Italian(), p.to.Italian(), citeParen(p.sources()...)),
					Sources: p.sources(),
				})
			}
			d = p.to
			continue
		}
		if !k.workClosed(d) {
			count++
		}
	}
	return d, nil
}

// workingBetween counts the working days in [from, to).
func (k *counter) workingBetween(from, to Date) int {
	n := 0
	for d := from; d.Before(to); d = (Date{d.n + 1}) {
		if !k.workClosed(d) {
			n++
		}
	}
	return n
}

// closedForExtension reports whether an expiry on d moves, and why.
func (k *counter) closedForExtension(d Date) (closed, saturday bool) {
	if !k.r.HolidayExtension && !k.r.SaturdayExtension {
		return false, false
	}
	if k.r.HolidayExtension && k.c.IsHoliday(d) {
		return true, false
	}
	if k.r.SaturdayExtension && d.Weekday() == time.Saturday && !d.Before(saturdayRuleFrom) {
		return true, true
	}
	return false, false
}

// skipsSaturday reports whether extending from e to due passed over a
// Saturday that closed the term only because it was a Saturday.
func (k *counter) skipsSaturday(e, due Date) bool {
	for d := e; d.Before(due); d = (Date{d.n + 1}) {
		if _, sat := k.closedForExtension(d); sat {
			return true
		}
	}
	return false
}

// extend moves d to the first day that does not close the term.
func (k *counter) extend(d Date) (Date, error) {
	for {
		closed, _ := k.closedForExtension(d)
		if !closed {
			return d, nil
		}
		if d.n >= dayMax {
			return Date{}, errRange()
		}
		d = Date{d.n + 1}
	}
}

// validate checks a Spec and returns the term's rules.
func validate(s *Spec) error {
	t := &s.Term
	switch {
	case s.Start.IsZero():
		return fmt.Errorf("%w: no start date", ErrInvalidTerm)
	case s.Start.Before(firstDay):
		return fmt.Errorf("%w: start %s is before %d, the first year of the calendars' history", ErrOutOfRange, s.Start, FirstYear)
	case t.Length < 0:
		return fmt.Errorf("%w: negative length %d", ErrInvalidTerm, t.Length)
	case t.Unit > Years:
		return fmt.Errorf("%w: unknown unit %d", ErrInvalidTerm, t.Unit)
	case t.Kind > Court:
		return fmt.Errorf("%w: unknown kind %d", ErrInvalidTerm, t.Kind)
	case t.Length > maxLength:
		return errRange()
	}
	if r := s.Restart; r != nil {
		if r.On.IsZero() {
			return fmt.Errorf("%w: restart without date", ErrInvalidRestart)
		}
		if r.On.Before(s.Start) {
			return fmt.Errorf("%w: restart on %s, before the start %s", ErrInvalidRestart, r.On, s.Start)
		}
	}
	for i, su := range s.Suspensions {
		switch {
		case su.From.IsZero() || su.To.IsZero():
			return fmt.Errorf("%w: suspension %d without dates", ErrInvalidSuspension, i+1)
		case su.To.Before(su.From):
			return fmt.Errorf("%w: suspension %d ends (%s) before it starts (%s)", ErrInvalidSuspension, i+1, su.To, su.From)
		case su.From.Before(s.Start):
			return fmt.Errorf("%w: suspension %d starts (%s) before the term (%s)", ErrInvalidSuspension, i+1, su.From, s.Start)
		case su.Cap < 0:
			return fmt.Errorf("%w: suspension %d has negative cap %d", ErrInvalidSuspension, i+1, su.Cap)
		}
	}
	return nil
}

// order returns the indexes of s.Suspensions by start date, and an error if
// two suspensions overlap. It does not allocate for up to 8 suspensions.
func order(ss []Suspension, buf *[8]int) ([]int, error) {
	var idx []int
	if len(ss) <= len(buf) {
		idx = buf[:len(ss)]
	} else {
		idx = make([]int, len(ss))
	}
	for i := range idx {
		idx[i] = i
	}
	for i := 1; i < len(idx); i++ { // insertion sort: stable, allocation-free
		for j := i; j > 0 && ss[idx[j]].From.Before(ss[idx[j-1]].From); j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	for i := 1; i < len(idx); i++ {
		a, b := ss[idx[i-1]], ss[idx[i]]
		if b.From.Before(a.To) && a.From.Before(a.To) && b.From.Before(b.To) {
			return nil, fmt.Errorf("%w: suspensions %s-%s and %s-%s overlap", ErrInvalidSuspension, a.From, a.To, b.From, b.To)
		}
	}
	return idx, nil
}

// compute is the single engine behind Expiry, Compute and Explain. x is nil
// on the fast paths; when it is not, each rule applied adds a step.
func (c *Calendar) compute(s *Spec, x *Explanation) (Date, error) {
	if err := validate(s); err != nil {
		return Date{}, err
	}
	var buf [8]int
	idx, err := order(s.Suspensions, &buf)
	if err != nil {
		return Date{}, err
	}
	t := &s.Term
	k := counter{c: c, r: t.rules(), kind: t.Kind, x: x}

	origin := s.Start
	if r := s.Restart; r != nil {
		origin = r.On
		if x != nil {
			reason := r.Reason
			if reason == "" {
				reason = "interruzione"
			}
			x.add(Step{Action: ActionRestart, From: s.Start, To: origin,
				Text:    fmt.Sprintf("%s%s: il termine ricomincia a decorrere dal %s, come se non fosse mai iniziato", reason, citeParen(r.Source), origin.Italian()),
				Sources: citations(r.Source)})
		}
	}

	// A term whose first day would fall in a pause starts at the pause's
	// end: the day after it is day 1 (Cons. St. Ad. Plen. 4/2016).
	base := origin
	for t.Unit != WorkingDays && base.n < dayMax {
		p, ok := k.inPause(Date{base.n + 1})
		if !ok {
			break
		}
		if x != nil {
			srcs := p.sources()
			if p.august {
				srcs = append(srcs, citeDeferred)
			}
			x.add(Step{Action: ActionDeferredStart, From: base, To: p.to,
				Text: fmt.Sprintf("il %s cade nella %s dal %s al %s: il termine decorre dal %s, che è il primo giorno%s",
					Date{base.n + 1}.Italian(), p.name, p.from.Italian(), p.to.Italian(), p.to.AddDays(1).Italian(), citeParen(srcs...)),
				Sources: srcs})
		}
		base = p.to
	}

	var e Date
	switch t.Unit {
	case Days, Months, Years:
		n := t.Length
		if t.Unit != Days {
			months := t.Length
			if t.Unit == Years {
				if months > MaxYear {
					return Date{}, errRange()
				}
				months *= 12
			}
			e0 := base.AddMonths(months)
			if e0.IsZero() {
				return Date{}, errRange()
			}
			n = e0.Sub(base)
		}
		if x != nil {
			naive := base.AddDays(n)
			srcs := citations(t.Source)
			if t.Unit != Days {
				srcs = append(srcs, citeMonths)
			}
			x.add(Step{Action: ActionCount, From: base, To: naive, Days: n,
				Text:    fmt.Sprintf("%s%s%s dal %s → %s", namePrefix(t.Name), t.Unit.quantity(t.Length), citeParen(srcs...), base.Italian(), naive.Italian()),
				Sources: srcs})
		}
		if e, err = k.advance(base, n); err != nil {
			return Date{}, err
		}
	case WorkingDays:
		var mark int
		if x != nil {
			mark = len(x.Steps)
			x.add(Step{}) // placeholder: the count step precedes its pauses
		}
		if e, err = k.advanceWorking(base, t.Length); err != nil {
			return Date{}, err
		}
		if x != nil {
			excl := "esclusi sabati, domeniche e festivi"
			if k.r.SaturdayWorking {
				excl = "escluse domeniche e festivi"
			}
			x.Steps[mark] = Step{Action: ActionCount, From: base, To: e, Days: e.Sub(base),
				Text:    fmt.Sprintf("%s%s%s dal %s, %s → %s", namePrefix(t.Name), t.Unit.quantity(t.Length), citeParen(t.Source), base.Italian(), excl, e.Italian()),
				Sources: citations(t.Source)}
		}
	}

	for _, i := range idx {
		su := &s.Suspensions[i]
		from := su.From
		if from.Before(origin) {
			if !su.To.After(origin) {
				if x != nil {
					x.add(Step{Action: ActionIgnored, From: e, To: e,
						Text:    fmt.Sprintf("sospensione dal %s al %s%s senza effetto: precede la nuova decorrenza dal %s", su.From.Italian(), su.To.Italian(), citeParen(su.Source), origin.Italian()),
						Sources: citations(su.Source)})
				}
				continue
			}
			from = origin
		}
		cur := e
		if !t.Dilatory {
			if cur, err = k.extend(e); err != nil {
				return Date{}, err
			}
		}
		if from.After(cur) {
			if x != nil {
				x.add(Step{Action: ActionIgnored, From: e, To: e,
					Text:    fmt.Sprintf("sospensione dal %s al %s%s senza effetto: il termine era già scaduto il %s", su.From.Italian(), su.To.Italian(), citeParen(su.Source), cur.Italian()),
					Sources: citations(su.Source)})
			}
			continue
		}
		var days int
		if t.Unit == WorkingDays {
			days = k.workingBetween(from, su.To)
		} else {
			days = su.To.Sub(from)
		}
		capped := su.Cap > 0 && days > su.Cap
		if capped {
			days = su.Cap
		}
		prev := e
		mark := 0
		if x != nil {
			mark = len(x.Steps)
			x.add(Step{}) // placeholder, filled below, before the pauses it crosses
		}
		if t.Unit == WorkingDays {
			e, err = k.advanceWorking(e, days)
		} else {
			e, err = k.advance(e, days)
		}
		if err != nil {
			return Date{}, err
		}
		if x != nil {
			unit := plural(days, "giorno", "giorni")
			if t.Unit == WorkingDays {
				unit = plural(days, "giorno lavorativo", "giorni lavorativi")
			}
			if capped {
				unit += ", il massimo consentito"
			}
			reason := ""
			if su.Reason != "" {
				reason = ": " + su.Reason
			}
			to := e
			if t.Unit != WorkingDays {
				to = prev.AddDays(days)
			}
			step := Step{Action: ActionSuspension, From: prev, To: to, Days: days,
				Text:    fmt.Sprintf("sospeso %s%s, dal %s al %s%s → %s", unit, citeParen(su.Source), from.Italian(), su.To.Italian(), reason, to.Italian()),
				Sources: citations(su.Source)}
			x.Steps[mark] = step
		}
	}

	if t.Dilatory {
		if e.n >= dayMax {
			return Date{}, errRange()
		}
		allowed := Date{e.n + 1}
		if x != nil {
			x.add(Step{Action: ActionDilatory, From: e, To: allowed,
				Text:    fmt.Sprintf("termine dilatorio: l'atto è consentito dal giorno successivo al %s, senza proroga per i festivi → %s", e.Italian(), allowed.Italian()),
				Sources: []law.Citation{citeDilatory}})
			x.add(Step{Action: ActionDue, From: allowed, To: allowed,
				Text: "consentito dal: " + weekdayIT[allowed.Weekday()] + " " + allowed.Italian()})
		}
		return allowed, nil
	}

	due, err := k.extend(e)
	if err != nil {
		return Date{}, err
	}
	if x != nil {
		if due != e {
			why := weekdayIT[e.Weekday()]
			if h, ok := c.holidayOn(e); ok {
				why += ", festivo: " + h.Name + citeParen(h.Source)
			}
			var srcs []law.Citation
			if k.r.HolidayExtension && c.IsHoliday(e) {
				if t.Kind == Court {
					srcs = append(srcs, citeExtCPC, citeExtCPA)
				} else {
					srcs = append(srcs, citeExtCC, citeExtCPC)
				}
			}
			rule := "prorogato al primo giorno non festivo"
			if k.skipsSaturday(e, due) {
				rule = "prorogato al primo giorno che non sia festivo né sabato"
				srcs = append(srcs, citeSatCPC, citeSatCPA)
			}
			x.add(Step{Action: ActionExtension, From: e, To: due, Days: due.Sub(e),
				Text:    fmt.Sprintf("%s è %s: %s%s → %s", e.Italian(), why, rule, citeParen(srcs...), due.Italian()),
				Sources: srcs})
		} else if e.Weekday() == time.Saturday && k.r.HolidayExtension && !k.r.SaturdayExtension {
			x.add(Step{Action: ActionNote, From: e, To: e,
				Text:    fmt.Sprintf("%s è sabato: il sabato non proroga i termini del procedimento amministrativo%s", e.Italian(), citeParen(citeAdminSat)),
				Sources: []law.Citation{citeAdminSat}})
		}
		x.add(Step{Action: ActionDue, From: due, To: due,
			Text: "scadenza: " + weekdayIT[due.Weekday()] + " " + due.Italian()})
	}
	return due, nil
}

// citations returns c as a one-element slice, or nil if it is zero.
func citations(c law.Citation) []law.Citation {
	if c.IsZero() {
		return nil
	}
	return []law.Citation{c}
}

// citeParen renders " (a; b)" for the non-zero citations, or "".
func citeParen(cs ...law.Citation) string {
	out := ""
	for _, c := range cs {
		if c.IsZero() {
			continue
		}
		if out != "" {
			out += "; "
		}
		out += citeText(c)
	}
	if out == "" {
		return ""
	}
	return " (" + out + ")"
}

// citeText renders c like law.Citation.String, with the note after a comma
// instead of in parentheses, so that it reads well inside parentheses.
func citeText(c law.Citation) string {
	if c.Note == "" {
		return c.String()
	}
	note := c.Note
	c.Note = ""
	if c.Act == "" && c.Article == "" {
		return note
	}
	return c.String() + ", " + note
}

func namePrefix(name string) string {
	if name == "" {
		return ""
	}
	return name + ": "
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

var weekdayIT = [7]string{"domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"}
