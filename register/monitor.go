package register

import (
	"cmp"
	"iter"
	"slices"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
)

// histogram counts whole days, for means and medians without keeping the
// values: memory is bounded by the longest duration, not the number of cases.
type histogram struct {
	counts []int
	over   []int // durations beyond maxBucket, kept as they are (rare)
	n, sum int
}

const maxBucket = 4096

func (h *histogram) add(d int) {
	if d < 0 {
		d = 0
	}
	h.n++
	h.sum += d
	if d >= maxBucket {
		h.over = append(h.over, d)
		return
	}
	if d >= len(h.counts) {
		h.counts = append(h.counts, make([]int, d+1-len(h.counts))...)
	}
	h.counts[d]++
}

func (h *histogram) merge(o *histogram) {
	for d, c := range o.counts {
		if c == 0 {
			continue
		}
		if d >= len(h.counts) {
			h.counts = append(h.counts, make([]int, d+1-len(h.counts))...)
		}
		h.counts[d] += c
	}
	h.over = append(h.over, o.over...)
	h.n += o.n
	h.sum += o.sum
}

func (h *histogram) mean() float64 {
	if h.n == 0 {
		return 0
	}
	return float64(h.sum) / float64(h.n)
}

// kth returns the k-th smallest value (0-based).
func (h *histogram) kth(k int) int {
	for d, c := range h.counts {
		if k < c {
			return d
		}
		k -= c
	}
	over := slices.Clone(h.over)
	slices.Sort(over)
	return over[k]
}

func (h *histogram) median() float64 {
	switch {
	case h.n == 0:
		return 0
	case h.n%2 == 1:
		return float64(h.kth(h.n / 2))
	}
	return float64(h.kth(h.n/2-1)+h.kth(h.n/2)) / 2
}

// Outcomes counts decisions by outcome.
type Outcomes struct {
	Accepted     int `json:"accoglimento"`
	Partial      int `json:"rifiutoParziale"`
	Refused      int `json:"rifiutoTotale"`
	Deferred     int `json:"differimento"`
	Inadmissible int `json:"inammissibilita"`
}

func (o *Outcomes) add(x access.Outcome) {
	switch x {
	case access.Accepted:
		o.Accepted++
	case access.PartiallyAccepted:
		o.Partial++
	case access.Refused:
		o.Refused++
	case access.Deferred:
		o.Deferred++
	case access.Inadmissible:
		o.Inadmissible++
	}
}

// AccessFigures are the monitoring figures of access requests over a period
// (RULES.md §9): flows in the period and stock at its end.
type AccessFigures struct {
	// Received in the period.
	Received int `json:"ricevute"`
	// Concluded in the period: decided, withdrawn, transferred to another
	// administration, or archived without a decision.
	Concluded int `json:"concluse"`
	// Pending at the end of the period: received by then and not concluded.
	Pending int `json:"pendentiAFinePeriodo"`
	// Overdue at the end of the period: pending with an obligation (the
	// decision, a review, a confirmation) past its due date.
	Overdue int `json:"scaduteAFinePeriodo"`
	// Decided in the period, by outcome.
	Decided  int      `json:"decise"`
	Outcomes Outcomes `json:"esiti"`
	// Withdrawn and Transferred in the period.
	Withdrawn   int `json:"ritirate"`
	Transferred int `json:"trasferite"`
	// Archived in the period: closed without a decision (an irregular
	// request never regularised, an informal one never made formal; see
	// ArchivedLabel).
	Archived int `json:"archiviateSenzaProvvedimento"`
	// InTime and Late split the decisions of the period by their due date;
	// NoTerm counts those without one (informal access).
	InTime int `json:"nelTermine"`
	Late   int `json:"oltreIlTermine"`
	NoTerm int `json:"senzaTermine"`
	// LateDays is the total delay of the late decisions; MaxLateDays the longest.
	LateDays    int `json:"giorniDiRitardo"`
	MaxLateDays int `json:"ritardoMassimo"`
	// MeanDays and MedianDays are the days from receipt to decision of the
	// decisions of the period.
	MeanDays   float64 `json:"giorniMediDecisione"`
	MedianDays float64 `json:"giorniMedianiDecisione"`
	// CounterInterested counts the requests received in the period with
	// counter-interested parties; Oppositions their oppositions.
	CounterInterested int `json:"conControinteressati"`
	Oppositions       int `json:"opposizioni"`
	// Reviews (riesame): filed and decided in the period, outcomes, and
	// decided within the RPCT's 20 days (suspension for the Garante included).
	ReviewsFiled   int      `json:"riesamiPresentati"`
	ReviewsDecided int      `json:"riesamiDecisi"`
	ReviewOutcomes Outcomes `json:"esitiRiesami"`
	ReviewsInTime  int      `json:"riesamiNelTermine"`
	ReviewsLate    int      `json:"riesamiOltreIlTermine"`
	// Ombudsman recourses filed and decided in the period, by outcome.
	OmbudsmanFiled        int `json:"ricorsiDifensoreCivico"`
	OmbudsmanDecided      int `json:"esitiDifensoreCivico"`
	OmbudsmanUnlawful     int `json:"dinieghiIllegittimi"`
	OmbudsmanRejected     int `json:"ricorsiDifensoreRespinti"`
	OmbudsmanInadmissible int `json:"ricorsiDifensoreInammissibili"`
	// Court appeals filed and decided in the period; AppealsGranted counts
	// those the court granted in whole or part.
	AppealsFiled   int `json:"ricorsiGiurisdizionali"`
	AppealsDecided int `json:"ricorsiDecisi"`
	AppealsGranted int `json:"ricorsiAccolti"`

	days histogram
}

// InTimeShare is the share of the period's decisions with a term taken
// within it, from 0 to 1 (0 when there were none).
func (f AccessFigures) InTimeShare() float64 {
	if n := f.InTime + f.Late; n > 0 {
		return float64(f.InTime) / float64(n)
	}
	return 0
}

func (f *AccessFigures) finish() {
	f.MeanDays, f.MedianDays = f.days.mean(), f.days.median()
}

func (f *AccessFigures) merge(o *AccessFigures) {
	f.Received += o.Received
	f.Concluded += o.Concluded
	f.Pending += o.Pending
	f.Overdue += o.Overdue
	f.Decided += o.Decided
	addOutcomes(&f.Outcomes, o.Outcomes)
	f.Withdrawn += o.Withdrawn
	f.Transferred += o.Transferred
	f.Archived += o.Archived
	f.InTime += o.InTime
	f.Late += o.Late
	f.NoTerm += o.NoTerm
	f.LateDays += o.LateDays
	f.MaxLateDays = max(f.MaxLateDays, o.MaxLateDays)
	f.CounterInterested += o.CounterInterested
	f.Oppositions += o.Oppositions
	f.ReviewsFiled += o.ReviewsFiled
	f.ReviewsDecided += o.ReviewsDecided
	addOutcomes(&f.ReviewOutcomes, o.ReviewOutcomes)
	f.ReviewsInTime += o.ReviewsInTime
	f.ReviewsLate += o.ReviewsLate
	f.OmbudsmanFiled += o.OmbudsmanFiled
	f.OmbudsmanDecided += o.OmbudsmanDecided
	f.OmbudsmanUnlawful += o.OmbudsmanUnlawful
	f.OmbudsmanRejected += o.OmbudsmanRejected
	f.OmbudsmanInadmissible += o.OmbudsmanInadmissible
	f.AppealsFiled += o.AppealsFiled
	f.AppealsDecided += o.AppealsDecided
	f.AppealsGranted += o.AppealsGranted
	f.days.merge(&o.days)
}

func addOutcomes(a *Outcomes, b Outcomes) {
	a.Accepted += b.Accepted
	a.Partial += b.Partial
	a.Refused += b.Refused
	a.Deferred += b.Deferred
	a.Inadmissible += b.Inadmissible
}

// concludedOn is the day the procedure ended for the office: the decision,
// the withdrawal, the transfer or the closing (archiviazione), whichever
// came first. A request closed without a decision (an irregular request
// never regularised) is concluded on its closing day, not pending forever.
func concludedOn(r *access.Request) deadline.Date {
	var c deadline.Date
	take := func(d deadline.Date) {
		if !d.IsZero() && (c.IsZero() || d.Before(c)) {
			c = d
		}
	}
	if r.Decision != nil {
		take(r.Decision.Date)
	}
	take(r.Withdrawn)
	if r.State == access.StateTransferred && r.Forwarded != nil {
		take(r.Forwarded.Date)
	}
	take(r.Closed)
	return c
}

// archivedOn is the day r was closed without a decision, withdrawal or
// transfer; zero otherwise.
func archivedOn(r *access.Request) deadline.Date {
	if r.Decision != nil || !r.Withdrawn.IsZero() || r.State == access.StateTransferred {
		return deadline.Date{}
	}
	return r.Closed
}

// overdueAt returns the obligations of r past due at the end of day `at`:
// due before it and not met by it. A guidance term (deadline.Guidance, an
// office's internal date) is never overdue (issue 10). access.KindOf reads
// the deadline's code and allocates nothing.
func overdueAt(r *access.Request, at deadline.Date, into []deadline.Deadline) []deadline.Deadline {
	for _, d := range r.Deadlines {
		if !d.Due.Before(at) || (!d.Met.IsZero() && !d.Met.After(at)) {
			continue
		}
		if access.KindOf(d).Obligation() && d.Strength() != deadline.Guidance {
			into = append(into, d)
		}
	}
	return into
}

// pendingAt reports whether r, concluded on conc, was received by the end
// of p and not yet concluded then.
func pendingAt(r *access.Request, conc deadline.Date, p Period) bool {
	return !r.Received.After(p.To) && (conc.IsZero() || conc.After(p.To))
}

// reviewLate reports whether r's review was decided after its due date.
func reviewLate(r *access.Request) bool {
	for _, d := range r.Deadlines {
		if access.KindOf(d) == access.DeadlineReview {
			return !d.Due.IsZero() && d.Met.After(d.Due)
		}
	}
	return false
}

// tally adds r's contribution to f over p; conc is the day r was
// concluded, overdue says whether r had an obligation past due at the end of p.
func (f *AccessFigures) tally(r *access.Request, conc deadline.Date, p Period, overdue bool) {
	if p.Contains(r.Received) {
		f.Received++
		if r.CounterInterested > 0 {
			f.CounterInterested++
			f.Oppositions += r.Oppositions
		}
	}
	if p.Contains(conc) {
		f.Concluded++
	}
	if !r.Received.After(p.To) && (conc.IsZero() || conc.After(p.To)) {
		f.Pending++
		if overdue {
			f.Overdue++
		}
	}
	if d := r.Decision; d != nil && p.Contains(d.Date) {
		f.Decided++
		f.Outcomes.add(d.Outcome)
		f.days.add(d.Date.Sub(r.Received))
		switch {
		case r.DecisionDue.IsZero() && !d.Late:
			f.NoTerm++
		case d.Late || d.Date.After(r.DecisionDue):
			f.Late++
			if !r.DecisionDue.IsZero() {
				late := d.Date.Sub(r.DecisionDue)
				f.LateDays += late
				f.MaxLateDays = max(f.MaxLateDays, late)
			}
		default:
			f.InTime++
		}
	}
	if p.Contains(r.Withdrawn) {
		f.Withdrawn++
	}
	if r.State == access.StateTransferred && r.Forwarded != nil && p.Contains(r.Forwarded.Date) {
		f.Transferred++
	}
	if p.Contains(archivedOn(r)) {
		f.Archived++
	}
	f.tallyRemedies(r, p)
}

// tallyRemedies adds r's review, difensore civico and appeal over p.
func (f *AccessFigures) tallyRemedies(r *access.Request, p Period) {
	if v := r.Review; v != nil {
		if p.Contains(v.Filed) {
			f.ReviewsFiled++
		}
		if p.Contains(v.Decided) {
			f.ReviewsDecided++
			f.ReviewOutcomes.add(v.Outcome)
			if reviewLate(r) {
				f.ReviewsLate++
			} else {
				f.ReviewsInTime++
			}
		}
	}
	if b := r.Ombudsman; b != nil {
		if p.Contains(b.Filed) {
			f.OmbudsmanFiled++
		}
		if p.Contains(b.Decided) {
			f.OmbudsmanDecided++
			switch b.Outcome {
			case access.OmbudsmanUnlawful:
				f.OmbudsmanUnlawful++
			case access.OmbudsmanRejected:
				f.OmbudsmanRejected++
			case access.OmbudsmanInadmissible:
				f.OmbudsmanInadmissible++
			}
		}
	}
	if a := r.Appeal; a != nil {
		if p.Contains(a.Filed) {
			f.AppealsFiled++
		}
		if p.Contains(a.Decided) {
			f.AppealsDecided++
			if a.Outcome == access.AppealAccepted || a.Outcome == access.AppealPartiallyAccepted {
				f.AppealsGranted++
			}
		}
	}
}

// AccessGroup is the figures of one kind of access or one office.
type AccessGroup struct {
	// Key is the kind or office ID; Label its Italian name.
	Key     string        `json:"chiave"`
	Label   string        `json:"descrizione"`
	Figures AccessFigures `json:"dati"`
	// Previous are the figures of the previous period, for comparison.
	Previous AccessFigures `json:"periodoPrecedente"`
}

// OverdueRequest is a request pending at the end of the period with an
// obligation past due, and the explained deadlines it missed. It carries no
// personal data: protocol, kind, office, dates and the deadlines.
type OverdueRequest struct {
	ID       access.ID           `json:"-"`
	Protocol string              `json:"protocollo"`
	Kind     access.Kind         `json:"tipologia"`
	Office   string              `json:"struttura"`
	Received deadline.Date       `json:"dataPresentazione"`
	DaysLate int                 `json:"giorniDiRitardo"`
	Missed   []deadline.Deadline `json:"scadenze"`
}

// AccessSection is the monitoring of access requests over a period, per
// kind, per office and overall, with the previous period beside it.
type AccessSection struct {
	Total    AccessFigures `json:"totale"`
	Previous AccessFigures `json:"periodoPrecedente"`
	ByKind   []AccessGroup `json:"perTipologia"`
	ByOffice []AccessGroup `json:"perStruttura"`
	// Overdue lists the requests overdue at the end of the period, most
	// late first, then by protocol.
	Overdue []OverdueRequest `json:"scadute"`
}

// AccessMonitoring computes the access section for period p, and the
// previous period for comparison, in one pass over the requests' views.
// dir names the offices (nil prints their IDs).
func AccessMonitoring(reqs iter.Seq[*access.Request], p Period, dir *office.Directory) AccessSection {
	prev := p.Previous()
	var s AccessSection
	get := func(m map[string]*pair, k string) *pair {
		g := m[k]
		if g == nil {
			g = &pair{}
			m[k] = g
		}
		return g
	}
	kinds := map[string]*pair{}
	offices := map[string]*pair{}
	var buf, bufPrev []deadline.Deadline
	var lastKind, lastOffice string
	var k, o *pair
	for r := range reqs {
		if r == nil || r.Received.After(p.To) {
			continue
		}
		if k == nil || string(r.Kind) != lastKind {
			lastKind, k = string(r.Kind), get(kinds, string(r.Kind))
		}
		if o == nil || string(r.Office) != lastOffice {
			lastOffice, o = string(r.Office), get(offices, string(r.Office))
		}
		conc := concludedOn(r)
		var overdue, overduePrev []deadline.Deadline
		if pendingAt(r, conc, p) {
			overdue = overdueAt(r, p.To, buf[:0])
			buf = overdue
		}
		if pendingAt(r, conc, prev) {
			overduePrev = overdueAt(r, prev.To, bufPrev[:0])
			bufPrev = overduePrev
		}
		k.cur.tally(r, conc, p, len(overdue) > 0)
		o.cur.tally(r, conc, p, len(overdue) > 0)
		k.prev.tally(r, conc, prev, len(overduePrev) > 0)
		o.prev.tally(r, conc, prev, len(overduePrev) > 0)
		if len(overdue) > 0 {
			late := 0
			for _, d := range overdue {
				late = max(late, p.To.Sub(d.Due))
			}
			proto, ok := r.Protocol.Publishable()
			if !ok {
				proto = Withheld
			}
			s.Overdue = append(s.Overdue, OverdueRequest{ID: r.ID, Protocol: proto, Kind: r.Kind,
				Office: officeName(dir, r.Office), Received: r.Received, DaysLate: late, Missed: slices.Clone(overdue)})
		}
	}
	s.group(kinds, offices, dir)
	return s
}

// pair is a group's figures over the period and the previous one.
type pair struct{ cur, prev AccessFigures }

// group finishes the per-kind and per-office figures into s, with the
// totals, and sorts the overdue list: most late first, then by protocol.
func (s *AccessSection) group(kinds, offices map[string]*pair, dir *office.Directory) {
	for _, kd := range access.Kinds() {
		if g, ok := kinds[string(kd)]; ok {
			s.Total.merge(&g.cur)
			s.Previous.merge(&g.prev)
			g.cur.finish()
			g.prev.finish()
			s.ByKind = append(s.ByKind, AccessGroup{Key: string(kd), Label: kd.Italian(), Figures: g.cur, Previous: g.prev})
		}
	}
	s.Total.finish()
	s.Previous.finish()
	keys := make([]string, 0, len(offices))
	for k := range offices {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		g := offices[k]
		g.cur.finish()
		g.prev.finish()
		label := officeName(dir, office.ID(k))
		if k == "" {
			label = "(non ancora assegnate)"
		}
		s.ByOffice = append(s.ByOffice, AccessGroup{Key: k, Label: label, Figures: g.cur, Previous: g.prev})
	}
	slices.SortFunc(s.Overdue, func(a, b OverdueRequest) int {
		if c := cmp.Compare(b.DaysLate, a.DaysLate); c != 0 {
			return c
		}
		if c := CompareProtocol(a.Protocol, b.Protocol); c != 0 {
			return c
		}
		if c := a.Received.Compare(b.Received); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Office, b.Office); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}
