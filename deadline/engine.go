package deadline

import (
	"fmt"
	"time"

	"github.com/puntodiascolto/ascolto/law"
)

// Citations of the counting rules.
var (
	citeDiesAQuo = law.Citation{Act: "c.c.", Article: "2963", Comma: "2"}
	citeDiesCPC  = law.Citation{Act: "c.p.c.", Article: "155", Comma: "1"}
	citeMonths   = law.Citation{Act: "c.c.", Article: "2963", Comma: "4"}
	citeMonthEnd = law.Citation{Act: "c.c.", Article: "2963", Comma: "5"}
	citeMonthCPC = law.Citation{Act: "c.p.c.", Article: "155", Comma: "2"}
	citeExtCC    = law.Citation{Act: "c.c.", Article: "2963", Comma: "3"}
	citeExtCPC   = law.Citation{Act: "c.p.c.", Article: "155", Comma: "4"}
	citeExtCPA   = law.Citation{Act: "c.p.a.", Article: "52", Comma: "3"}
	citeSatCPC   = law.Citation{Act: "c.p.c.", Article: "155", Comma: "5"}
	citeSatCPA   = law.Citation{Act: "c.p.a.", Article: "52", Comma: "5"}
	citeAdminSat = law.Citation{Note: "Cons. St. V 3152/2011", Confidence: law.Secondary}
	// The holiday extension reaches administrative-procedure terms as a
	// general principle, not by the letter of the codes (RULES.md §1.4 [S]).
	citeAdminExt = law.Citation{Note: "principio generale applicato ai termini del procedimento amministrativo", Confidence: law.Secondary}
	citeFeriale  = law.Citation{Act: "L. 742/1969", Article: "1", URN: "urn:nir:stato:legge:1969-10-07;742"}
	citeDL132    = law.Citation{Act: "D.L. 132/2014", Article: "16", Comma: "1", URN: "urn:nir:stato:decreto.legge:2014-09-12;132"}
	citeCPA54    = law.Citation{Act: "c.p.a.", Article: "54", Comma: "2"}
	citeAdPlen   = law.Citation{Note: "Cons. St. Ad. Plen. 4/2016 e 18/2016", Confidence: law.Text}
	citeCass688  = law.Citation{Note: "Cass. II 688/2006", Confidence: law.Secondary}
	citeDilatory = law.Citation{Note: "criterio adottato", Confidence: law.Policy} // RULES.md §1.8 [P]
)

// cpaFromYear is the first year whose August suspension art. 54 c. 2 c.p.a.
// governs: the c.p.a. (D.Lgs. 104/2010) is in force from 16 September 2010,
// after the 2010 suspension had ended.
const cpaFromYear = 2011

// saturdayRuleFrom is the day from which art. 155 c. 5 c.p.c. (L. 263/2005)
// moves court terms expiring on a Saturday.
var saturdayRuleFrom = Date{fromCivil(2006, time.March, 1)}

// pause is a period during which a term does not run, both ends included:
// the August suspension of one year (legal < 0) or the calendar's legal
// suspension number legal.
type pause struct {
	from, to Date
	legal    int
}

// august reports whether p is the sospensione feriale.
func (p pause) august() bool { return p.legal < 0 }

// counter holds what a computation needs: the calendar, the rules, the kind,
// and the explanation being built (nil on the fast paths).
type counter struct {
	c    *Calendar
	r    Rules
	kind Kind
	x    *explainer
}

// augustPause returns the sospensione feriale of year y: 1 August to 15
// September until 2014, 1 to 31 August from 2015 (D.L. 132/2014 art. 16).
func augustPause(y int) pause {
	from := fromCivil(y, time.August, 1)
	if y <= 2014 {
		return pause{from: Date{from}, to: Date{from + 45}, legal: -1}
	}
	return pause{from: Date{from}, to: Date{from + 30}, legal: -1}
}

// pausing reports whether any pause applies to the term.
func (k *counter) pausing() bool {
	return k.r.AugustSuspension || (k.r.LegalSuspensions && k.c.suspended[k.kind&1])
}

// nextPause returns the earliest-starting pause that has a day after pos.
func (k *counter) nextPause(pos Date) (pause, bool) {
	var best pause
	found := false
	if k.r.AugustSuspension {
		y := pos.Year()
		p := augustPause(y)
		if p.to.After(pos) {
			best, found = p, true
		} else if y < MaxYear {
			best, found = augustPause(y+1), true
		}
	}
	if k.r.LegalSuspensions && k.c.suspended[k.kind&1] {
		for i := range k.c.suspensions {
			s := &k.c.suspensions[i]
			if s.Kind != k.kind || !s.To.After(pos) {
				continue
			}
			if !found || s.From.Before(best.from) {
				best, found = pause{from: s.From, to: s.To, legal: i}, true
			}
		}
	}
	return best, found
}

// inPause returns the pause containing d, if any.
func (k *counter) inPause(d Date) (pause, bool) {
	p, ok := k.nextPause(Date{d.n - 1})
	if ok && !p.from.After(d) {
		return p, true
	}
	return pause{}, false
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
	if !k.pausing() {
		return Date{pos.n + int32(n)}, nil
	}
	cur := pos.n + int32(n) // the expiry so far, for the explanation
	for {
		p, ok := k.nextPause(pos)
		if !ok || p.from.n > pos.n+int32(n) {
			return Date{pos.n + int32(n)}, nil
		}
		first := p.from
		if !first.After(pos) {
			first = Date{pos.n + 1}
		}
		if before := p.from.n - 1 - pos.n; before > 0 {
			n -= int(before)
		}
		pos = p.to
		if int64(pos.n)+int64(n) > dayMax {
			return Date{}, errRange()
		}
		if x := k.x; x != nil {
			skipped := p.to.n - first.n + 1
			cur += skipped
			i := x.open(ActionPause, Date{cur - skipped}, Date{cur}, int(skipped))
			k.pauseName(p)
			x.str(" dal ").date(p.from).str(" al ").date(p.to)
			x.cite(k.pauseSources(p)...)
			x.str(": non si contano ").quantity(int(skipped), "giorno", "giorni").str(" → ").date(Date{cur})
			x.close(i, k.pauseSources(p)...)
		}
	}
}

// pauseName writes the name of p.
func (k *counter) pauseName(p pause) {
	if p.august() {
		k.x.str("sospensione feriale")
		return
	}
	name := k.c.suspensions[p.legal].Name
	if name == "" {
		name = "sospensione dei termini"
	}
	k.x.str(name)
}

// pauseSources returns the citations of p. The August suspension cites L.
// 742/1969 art. 1, which covers ordinary and administrative courts, with D.L.
// 132/2014 art. 16 c. 1 from 2015 (1-31 August), and art. 54 c. 2 c.p.a.
// from 2011: a Court term may be a civil or an administrative one (see
// Kind), and the explanation cites the provisions of both.
func (k *counter) pauseSources(p pause) []law.Citation {
	switch {
	case !p.august():
		return citations(k.c.suspensions[p.legal].Source)
	case p.to.Month() == time.September && p.from.Year() < cpaFromYear:
		return []law.Citation{citeFeriale}
	case p.to.Month() == time.September:
		return []law.Citation{citeFeriale, citeCPA54}
	}
	return []law.Citation{citeFeriale, citeDL132, citeCPA54}
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
	pausing := k.pausing()
	for count := 0; count < n; {
		if d.n >= dayMax {
			return Date{}, errRange()
		}
		d = Date{d.n + 1}
		if pausing {
			if p, ok := k.inPause(d); ok {
				if x := k.x; x != nil {
					i := x.open(ActionPause, d, p.to, int(p.to.n-d.n+1))
					k.pauseName(p)
					x.str(" dal ").date(p.from).str(" al ").date(p.to)
					x.cite(k.pauseSources(p)...)
					x.str(": i giorni lavorativi del periodo non si contano")
					x.close(i, k.pauseSources(p)...)
				}
				d = p.to
				continue
			}
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

// closedForExtension reports whether an expiry on d moves, and whether only
// because d is a Saturday: holidays (art. 2963 c. 3 c.c.; art. 155 c. 4
// c.p.c.; art. 52 c. 3 c.p.a.) and, from 1 March 2006, Saturdays (art. 155 c.
// 5 c.p.c.; art. 52 c. 5 c.p.a.), as the term's Rules say.
func (k *counter) closedForExtension(d Date) (closed, saturday bool) {
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
	if !k.r.HolidayExtension && !k.r.SaturdayExtension {
		return d, nil
	}
	for {
		if closed, _ := k.closedForExtension(d); !closed {
			return d, nil
		}
		if d.n >= dayMax {
			return Date{}, errRange()
		}
		d = Date{d.n + 1}
	}
}

// validate checks a Spec.
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
	case t.Strength > Guidance:
		return fmt.Errorf("%w: unknown strength %d", ErrInvalidTerm, t.Strength)
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

// order returns the indexes of ss by start date, and an error if two
// suspensions overlap. It does not allocate for up to 8 suspensions.
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
		a, b := &ss[idx[i-1]], &ss[idx[i]]
		if b.From.Before(a.To) && a.From.Before(a.To) && b.From.Before(b.To) {
			return nil, fmt.Errorf("%w: suspensions %s-%s and %s-%s overlap", ErrInvalidSuspension, a.From, a.To, b.From, b.To)
		}
	}
	return idx, nil
}

// compute is the single engine behind Expiry, Compute and Explain. x is nil
// on the fast paths; when it is not, each rule applied adds a step. Each step
// of the count is one function, applied in this order: the dies a quo
// (explainStart), the restart (restart), the start deferred past a pause
// (deferStart), the count in the term's unit (countCalendar, countWorking),
// the term's own suspensions (applySuspension), then either the dilatory
// term (dilatory) or the extension over holidays and Saturdays (extend,
// explained by due). The steps that do not apply are not called.
func (c *Calendar) compute(s *Spec, x *explainer) (Date, error) {
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
	if x != nil {
		k.explainStart(s.Start)
	}
	origin := s.Start
	if s.Restart != nil {
		origin = k.restart(s)
	}
	base := origin
	if k.pausing() {
		base = k.deferStart(t, origin)
	}
	var e Date
	if t.Unit == WorkingDays {
		e, err = k.countWorking(t, base)
	} else {
		e, err = k.countCalendar(t, base)
	}
	for _, j := range idx {
		if err != nil {
			break
		}
		e, err = k.applySuspension(t, &s.Suspensions[j], origin, e)
	}
	switch {
	case err != nil:
		return Date{}, err
	case t.Dilatory:
		return k.dilatory(e)
	case x != nil:
		return k.due(e)
	}
	return k.extend(e) // holidays and Saturdays: see closedForExtension
}

// explainStart adds the step of the triggering event, which is not counted
// (dies a quo non computatur: art. 2963 c. 2 c.c.; art. 155 c. 1 c.p.c.).
func (k *counter) explainStart(start Date) {
	x := k.x
	i := x.open(ActionStart, start, start, 0)
	x.str("evento del ").date(start).str(" (").str(weekdayIT[start.Weekday()]).str("): il giorno dell'evento non si computa")
	x.cite(citeDiesAQuo, citeDiesCPC)
	x.close(i, citeDiesAQuo, citeDiesCPC)
}

// restart returns the day from which the term of s runs anew after its
// interruption, as if it had never begun; s.Restart is not nil.
func (k *counter) restart(s *Spec) Date {
	if k.x != nil {
		k.explainRestart(s.Start, s.Restart)
	}
	return s.Restart.On
}

// explainRestart adds the step of the interruption r of a term started on
// start.
func (k *counter) explainRestart(start Date, r *Restart) {
	x := k.x
	i := x.open(ActionRestart, start, r.On, 0)
	if r.Reason == "" {
		x.str("interruzione")
	} else {
		x.str(r.Reason)
	}
	x.cite(r.Source)
	x.str(": il termine ricomincia a decorrere dal ").date(r.On).str(", come se non fosse mai iniziato")
	x.close(i, r.Source)
}

// deferStart returns the day from which the term is counted, not itself
// counted, when pauses apply to the term.
//
// A term whose first day would fall in a pause starts at the pause's
// end: the day after it is day 1 (L. 742/1969 art. 1; Cons. St. Ad.
// Plen. 4/2016 and 18/2016; Cass. II 688/2006). For day terms this is what counting already does; for
// month terms it moves the day from which months are counted.
func (k *counter) deferStart(t *Term, origin Date) Date {
	base := origin
	for t.Unit != WorkingDays && t.Length > 0 && base.n < dayMax && k.pausing() {
		p, ok := k.inPause(Date{base.n + 1})
		if !ok {
			break
		}
		if k.x != nil {
			k.explainDeferredStart(base, p)
		}
		base = p.to
	}
	return base
}

// explainDeferredStart adds the step that moves the count from base to the
// end of p, in which the first day to count fell. For the August suspension
// the day after it is day 1 (Cons. St. Ad. Plen. 4/2016 and 18/2016; Cass. II
// 688/2006).
func (k *counter) explainDeferredStart(base Date, p pause) {
	x := k.x
	period := k.pauseSources(p)
	var dayOne []law.Citation
	if p.august() {
		dayOne = []law.Citation{citeAdPlen, citeCass688}
	}
	i := x.open(ActionDeferredStart, base, p.to, 0)
	x.str("il primo giorno da contare, ").date(Date{base.n + 1}).str(", cade nel periodo di ")
	k.pauseName(p)
	x.str(" dal ").date(p.from).str(" al ").date(p.to)
	x.cite(period...)
	x.str(": il termine decorre dal ").date(Date{p.to.n + 1}).str(", che conta come primo giorno")
	x.cite(dayOne...)
	x.str("; il conteggio parte quindi dal ").date(p.to).str(", che non si computa, come il giorno dell'evento")
	x.close(i, append(period, dayOne...)...)
}

// countCalendar returns the expiry of a Days, Months or Years term t
// counted from base, the pauses crossed excluded, before suspensions and
// extensions.
func (k *counter) countCalendar(t *Term, base Date) (Date, error) {
	n := t.Length
	if t.Unit != Days {
		var err error
		if n, err = monthDays(t, base); err != nil {
			return Date{}, err
		}
	}
	if k.x != nil {
		k.explainCount(t, base, n)
	}
	return k.advance(base, n)
}

// monthDays returns the calendar days from base that a Months or Years term
// spans. A month term ends on the same-numbered day of the final month (art.
// 2963 c. 4 c.c.), or on its last day if it has no such day (c. 5); court
// terms: art. 155 c. 2 c.p.c. as well.
func monthDays(t *Term, base Date) (int, error) {
	months := t.Length
	if t.Unit == Years {
		if months > MaxYear {
			return 0, errRange()
		}
		months *= 12
	}
	e0 := base.AddMonths(months)
	if e0.IsZero() {
		return 0, errRange()
	}
	return e0.Sub(base), nil
}

// explainCount adds the step counting the n calendar days of t from base.
func (k *counter) explainCount(t *Term, base Date, n int) {
	x := k.x
	naive := base.AddDays(n)
	i := x.open(ActionCount, base, naive, n)
	x.name(t.Name).unitQuantity(t.Length, t.Unit)
	if t.Unit == Days {
		x.cite(t.Source)
		x.str(" dal ").date(base).str(" → ").date(naive)
		x.close(i, t.Source)
		return
	}
	// art. 2963 c. 4 c.c.: the same-numbered day of the final
	// month; c. 5: its last day if it has no such day. Court
	// terms: art. 155 c. 2 c.p.c. as well.
	srcs := [3]law.Citation{t.Source, citeMonths, citeMonthCPC}
	short := naive.Day() < base.Day()
	if short {
		srcs[1] = citeMonthEnd
	}
	if k.kind != Court {
		srcs[2] = law.Citation{}
	}
	x.cite(srcs[:]...)
	x.str(" dal ").date(base)
	if short {
		x.str(": il mese di scadenza non ha il giorno ").int(base.Day()).str(", il termine si compie con il suo ultimo giorno")
	}
	x.str(" → ").date(naive)
	x.close(i, srcs[:]...)
}

// countWorking returns the expiry of a WorkingDays term t counted from base.
func (k *counter) countWorking(t *Term, base Date) (Date, error) {
	x := k.x
	var i int
	if x != nil {
		i = x.reserve() // the count step precedes the pauses it crosses
	}
	e, err := k.advanceWorking(base, t.Length)
	if err != nil {
		return Date{}, err
	}
	if x != nil {
		x.reopen(i, ActionCount, base, e, e.Sub(base))
		x.name(t.Name).unitQuantity(t.Length, t.Unit)
		x.cite(t.Source)
		x.str(" dal ").date(base)
		if k.r.SaturdayWorking {
			x.str(", escluse domeniche e festivi → ")
		} else {
			x.str(", esclusi sabati, domeniche e festivi → ")
		}
		x.date(e)
		x.close(i, t.Source)
	}
	return e, nil
}

// applySuspension returns the expiry e of a term t running from origin moved
// by its suspension su: it adds To−From days, or the working days of [From,
// To) for a WorkingDays term, at most su.Cap (RULES.md §1.7 [P]). A suspension has no effect if it ends before
// the term's (new) origin or starts after the term has expired.
func (k *counter) applySuspension(t *Term, su *Suspension, origin, e Date) (Date, error) {
	from := su.From
	if from.Before(origin) {
		if !su.To.After(origin) {
			if k.x != nil {
				k.explainIgnored(e, su, " senza effetto: precede la nuova decorrenza dal ", origin)
			}
			return e, nil
		}
		from = origin
	}
	cur := e
	if !t.Dilatory {
		var err error
		if cur, err = k.extend(e); err != nil {
			return Date{}, err
		}
	}
	if from.After(cur) {
		if k.x != nil {
			k.explainIgnored(e, su, " senza effetto: il termine era già scaduto il ", cur)
		}
		return e, nil
	}
	return k.addSuspended(t, su, from, e)
}

// addSuspended returns the expiry e of t moved by the days su suspends from
// from, at most su.Cap.
func (k *counter) addSuspended(t *Term, su *Suspension, from, e Date) (Date, error) {
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
	var i int
	if k.x != nil {
		i = k.x.reserve() // the suspension precedes the pauses it crosses
	}
	var to Date
	var err error
	if t.Unit == WorkingDays {
		to, err = k.advanceWorking(e, days)
	} else {
		to, err = k.advance(e, days)
	}
	if err != nil {
		return Date{}, err
	}
	if k.x != nil {
		k.explainSuspension(i, t, su, from, e, to, days, capped)
	}
	return to, nil
}

// explainSuspension fills the reserved step i: su moved the expiry prev of
// t to e by days days counted from from.
func (k *counter) explainSuspension(i int, t *Term, su *Suspension, from, prev, e Date, days int, capped bool) {
	x := k.x
	to := e
	if t.Unit != WorkingDays {
		to = Date{prev.n + int32(days)}
	}
	x.reopen(i, ActionSuspension, prev, to, days)
	x.str("sospeso ")
	if t.Unit == WorkingDays {
		x.quantity(days, "giorno lavorativo", "giorni lavorativi")
	} else {
		x.quantity(days, "giorno", "giorni")
	}
	if capped {
		x.str(", il massimo consentito")
	}
	x.cite(su.Source)
	x.str(", dal ").date(from).str(" al ").date(su.To)
	if su.Reason != "" {
		x.str(": ").str(su.Reason)
	}
	x.str(" → ").date(to)
	x.close(i, su.Source)
}

// explainIgnored adds the step of a suspension su without effect on the
// expiry e, for the reason why, which ends with the date d.
func (k *counter) explainIgnored(e Date, su *Suspension, why string, d Date) {
	x := k.x
	i := x.open(ActionIgnored, e, e, 0)
	x.str("sospensione dal ").date(su.From).str(" al ").date(su.To)
	x.cite(su.Source)
	x.str(why).date(d)
	x.close(i, su.Source)
}

// dilatory returns the first day a dilatory term ending on e allows the
// act: the day after e, with no extension for holidays (RULES.md §1.8 [P]).
func (k *counter) dilatory(e Date) (Date, error) {
	if e.n >= dayMax {
		return Date{}, errRange()
	}
	allowed := Date{e.n + 1}
	if x := k.x; x != nil {
		i := x.open(ActionDilatory, e, allowed, 1)
		x.str("termine dilatorio: l'atto è consentito dal giorno successivo al ").date(e).str(", senza proroga per i festivi")
		x.cite(citeDilatory)
		x.str(" → ").date(allowed)
		x.close(i, citeDilatory)
		k.explainDue("primo giorno consentito: ", allowed)
	}
	return allowed, nil
}

// due returns, explaining it, the expiry e extended past holidays (art. 2963
// c. 3 c.c.; art. 155 c. 4 c.p.c.; art. 52 c. 3 c.p.a.) and, for court terms,
// Saturdays (art. 155 c. 5 c.p.c.; art. 52 c. 5 c.p.a.). Without an
// explanation compute calls extend directly.
func (k *counter) due(e Date) (Date, error) {
	due, err := k.extend(e)
	if err != nil {
		return Date{}, err
	}
	if k.x != nil {
		k.c.explainExtension(k, e, due)
		k.explainDue("scadenza: ", due)
	}
	return due, nil
}

// explainDue adds the final step: label, then the weekday and date of d.
func (k *counter) explainDue(label string, d Date) {
	x := k.x
	i := x.open(ActionDue, d, d, 0)
	x.str(label).str(weekdayIT[d.Weekday()]).str(" ").date(d)
	x.close(i)
}

// explainExtension adds the step that moved the expiry from e to due, or
// the note that a Saturday does not move an administrative term.
func (c *Calendar) explainExtension(k *counter, e, due Date) {
	x := k.x
	if due == e {
		if e.Weekday() == time.Saturday && k.r.HolidayExtension && !k.r.SaturdayExtension {
			i := x.open(ActionNote, e, e, 0)
			x.date(e).str(" è sabato: il sabato non proroga i termini del procedimento amministrativo")
			x.cite(citeAdminSat)
			x.close(i, citeAdminSat)
		}
		return
	}
	var srcs [5]law.Citation
	ns := 0
	if k.r.HolidayExtension && c.IsHoliday(e) {
		if k.kind == Court {
			srcs[0], srcs[1] = citeExtCPC, citeExtCPA
			ns = 2
		} else {
			srcs[0], srcs[1], srcs[2] = citeExtCC, citeExtCPC, citeAdminExt
			ns = 3
		}
	}
	sat := k.skipsSaturday(e, due)
	if sat {
		srcs[ns], srcs[ns+1] = citeSatCPC, citeSatCPA
		ns += 2
	}
	i := x.open(ActionExtension, e, due, due.Sub(e))
	x.date(e).str(" è ").str(weekdayIT[e.Weekday()])
	if h, ok := c.holidayOn(e); ok {
		x.str(", festivo: ").str(h.Name)
		x.cite(h.Source)
	}
	if sat {
		x.str(": prorogato al primo giorno che non sia festivo né sabato")
	} else {
		x.str(": prorogato al primo giorno non festivo")
	}
	x.cite(srcs[:ns]...)
	x.str(" → ").date(due)
	x.close(i, srcs[:ns]...)
}

// citations returns c as a one-element slice, or nil if it is zero.
func citations(c law.Citation) []law.Citation {
	if c.IsZero() {
		return nil
	}
	return []law.Citation{c}
}

var weekdayIT = [7]string{"domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"}
