package access

import (
	"fmt"
	"slices"
	"strings"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
)

// DeadlineKind is a kind of deadline: its value is the Italian name a
// deadline.Deadline's Name starts with (deadlines about one party, internal
// request or the like add " n. N"); its Code, a short English identifier
// such as "decision", is what Replay stores in deadline.Deadline.Code and
// what KindOf reads.
type DeadlineKind string

// The kinds of deadline Replay derives.
const (
	// DeadlineDecision: the office's 30 days to decide (art. 25 c. 4 L.
	// 241/1990, art. 6 c. 4-5 DPR 184/2006; art. 5 c. 5-6 D.Lgs. 33/2013).
	DeadlineDecision DeadlineKind = "conclusione del procedimento"
	// DeadlineSilenzioRigetto: documentale access, from the day after this
	// date without decision the request is deemed refused (art. 25 c. 4 L.
	// 241/1990). Listed while the request is undecided and open.
	DeadlineSilenzioRigetto DeadlineKind = "silenzio-rigetto"
	// DeadlineNoAnswer: civic access, from the day after this date without
	// decision the requester may ask for review and appeal (art. 5 c. 6-7
	// D.Lgs. 33/2013). Listed while the request is undecided and open.
	DeadlineNoAnswer DeadlineKind = "mancata risposta"
	// DeadlineIrregularity: the 10 days within which an irregularity notice
	// restarts the term (art. 6 c. 5 DPR 184/2006). A window, not an
	// obligation.
	DeadlineIrregularity DeadlineKind = "comunicazione di irregolarità"
	// DeadlineOpposition: a counter-interested party's 10 days from receipt
	// of the notice to oppose (art. 3 c. 2 DPR 184/2006; art. 5 c. 5 D.Lgs.
	// 33/2013). Not listed if it was still running, unmet, when the request
	// was decided, withdrawn or transferred.
	DeadlineOpposition DeadlineKind = "opposizione del controinteressato"
	// DeadlineReleaseFrom: after an acceptance despite a timely opposition,
	// the data may be transmitted not before 15 days from the party's
	// receipt of the communication (art. 5 c. 6 D.Lgs. 33/2013): a dilatory
	// term whose Due is the first day allowed. Listed while access stands
	// granted, or once the data were released.
	DeadlineReleaseFrom DeadlineKind = "trasmissione dopo l'opposizione"
	// DeadlineInternal: the internal due date of a request to a holding
	// office; an unanswered one is dropped once the request is withdrawn,
	// transferred or closed.
	DeadlineInternal DeadlineKind = "riscontro dell'ufficio detentore"
	// DeadlineViewing: the period to view and copy documents after a
	// documentale acceptance (art. 7 c. 1 DPR 184/2006, at least 15 days),
	// from the requester's receipt of the communication
	// (Decision.Communicated) or, while it is not recorded, from the
	// decision's day [P].
	DeadlineViewing DeadlineKind = "visione ed estrazione di copia"
	// DeadlineReviewFiling: the day after which a review is flagged as late
	// (no statutory term: [P]).
	DeadlineReviewFiling DeadlineKind = "richiesta di riesame (termine orientativo)"
	// DeadlineReview: the RPCT's 20 days to decide a review, suspended while
	// the Garante is consulted (at most 10 days) (art. 5 c. 7 D.Lgs.
	// 33/2013); the same for a counter-interested party's review against an
	// acceptance (c. 9, "ai sensi del comma 7"), cited as such.
	DeadlineReview DeadlineKind = "decisione sul riesame"
	// DeadlineGarante: the Garante privacy's 10 days to give its opinion.
	DeadlineGarante DeadlineKind = "parere del Garante"
	// DeadlineOmbudsmanFiling: the requester's 30 days to go to the
	// difensore civico or, against a State administration's documentale
	// refusal, the Commissione per l'accesso (art. 25 c. 4 L. 241/1990,
	// "nello stesso termine" of the TAR). For civic access art. 5 c. 8
	// D.Lgs. 33/2013 sets no term: the same 30 days by analogy [P]; and
	// there is none at all against a State administration (Policy.Local).
	DeadlineOmbudsmanFiling DeadlineKind = "ricorso al difensore civico"
	// DeadlineOmbudsman: the body's 30 days to decide: for documentale
	// access, else the recourse is deemed rejected (art. 25 c. 4 L.
	// 241/1990); for civic access the difensore civico's 30 days (art. 5 c.
	// 8 D.Lgs. 33/2013), which attach no such effect to its silence; the
	// same 30 days for a counter-interested party's recourse against an
	// acceptance (art. 5 c. 9, "ai sensi del comma 8").
	DeadlineOmbudsman DeadlineKind = "decisione del difensore civico"
	// DeadlineConfirmation: the administration's 30 days from receiving the
	// body's finding to confirm its refusal with reasons, else access is
	// allowed (art. 25 c. 4 L. 241/1990; art. 5 c. 8 D.Lgs. 33/2013 for
	// civic access). Not derived for a party's
	// recourse against an acceptance: the law sets no such term [P].
	DeadlineConfirmation DeadlineKind = "conferma motivata del diniego"
	// DeadlineAppeal: the 30 days to appeal to the TAR (art. 116 c. 1
	// c.p.a.: "dalla conoscenza"), computed without the August suspension:
	// the safe date. It runs from the requester's receipt of the decision
	// or of the review's decision (Decision.Communicated,
	// Review.Communicated), the day the silence formed, the review's
	// silence, or the requester's receipt of the ombudsman's outcome (art.
	// 25 c. 4 L. 241/1990; art. 5 c. 8 D.Lgs. 33/2013). While a receipt is
	// unknown it runs from the act's own date, the earliest the requester
	// could know it [P], and the explanation says so. The filing terms for
	// the review and the difensore civico run from the same day.
	DeadlineAppeal DeadlineKind = "ricorso al TAR"
	// DeadlineAppealFeriale: the same term with the August suspension (L.
	// 742/1969), listed only when it gives a later date: whether the
	// suspension applies to art. 116 is not settled (RULES.md §1.6 [P]).
	DeadlineAppealFeriale DeadlineKind = "ricorso al TAR con sospensione feriale"
	// DeadlineSubstitute: once the applicant asked the titolare del potere
	// sostitutivo, the procedure is concluded within half the original
	// term from that request (art. 2 c. 9-ter L. 241/1990): 15 days for
	// the 30 of every kind of access. An obligation of the office.
	DeadlineSubstitute DeadlineKind = "decisione del titolare del potere sostitutivo"
)

var deadlineKinds = []DeadlineKind{
	DeadlineDecision, DeadlineSilenzioRigetto, DeadlineNoAnswer, DeadlineIrregularity, DeadlineOpposition,
	DeadlineReleaseFrom, DeadlineInternal, DeadlineViewing, DeadlineReviewFiling, DeadlineReview,
	DeadlineGarante, DeadlineOmbudsmanFiling, DeadlineOmbudsman, DeadlineConfirmation, DeadlineAppealFeriale,
	DeadlineAppeal, DeadlineSubstitute,
}

// DeadlineKinds lists every kind of deadline.
func DeadlineKinds() []DeadlineKind {
	return slices.Clone(deadlineKinds)
}

// The codes of the kinds of deadline (see DeadlineKind.Code).
const (
	codeDecision        = "decision"
	codeDeemedRefusal   = "deemed-refusal"
	codeNoAnswer        = "no-answer"
	codeIrregularity    = "irregularity-notice"
	codeOpposition      = "opposition"
	codeReleaseFrom     = "release-after-opposition"
	codeInternal        = "internal-request"
	codeViewing         = "viewing"
	codeReviewFiling    = "review-filing"
	codeReview          = "review"
	codeGarante         = "garante-opinion"
	codeOmbudsmanFiling = "ombudsman-filing"
	codeOmbudsman       = "ombudsman"
	codeConfirmation    = "confirmation"
	codeAppeal          = "appeal"
	codeAppealFeriale   = "appeal-august-suspension"
	codeSubstitute      = "substitute"
)

// Code returns the kind's code, the value Replay stores in
// deadline.Deadline.Code: stable, short and English, for machines
// (filters, APIs, stores), while the Italian names are for people and may
// be reworded. The codes: decision, deemed-refusal (silenzio-rigetto),
// no-answer (mancata risposta), irregularity-notice, opposition,
// release-after-opposition, internal-request, viewing, review-filing,
// review, garante-opinion, ombudsman-filing, ombudsman, confirmation,
// appeal, appeal-august-suspension, substitute. It returns "" for a value that is not
// a kind.
func (k DeadlineKind) Code() string {
	switch k {
	case DeadlineDecision:
		return codeDecision
	case DeadlineSilenzioRigetto:
		return codeDeemedRefusal
	case DeadlineNoAnswer:
		return codeNoAnswer
	case DeadlineIrregularity:
		return codeIrregularity
	case DeadlineOpposition:
		return codeOpposition
	case DeadlineReleaseFrom:
		return codeReleaseFrom
	case DeadlineInternal:
		return codeInternal
	case DeadlineViewing:
		return codeViewing
	case DeadlineReviewFiling:
		return codeReviewFiling
	case DeadlineReview:
		return codeReview
	case DeadlineGarante:
		return codeGarante
	case DeadlineOmbudsmanFiling:
		return codeOmbudsmanFiling
	case DeadlineOmbudsman:
		return codeOmbudsman
	case DeadlineConfirmation:
		return codeConfirmation
	case DeadlineAppeal:
		return codeAppeal
	case DeadlineAppealFeriale:
		return codeAppealFeriale
	case DeadlineSubstitute:
		return codeSubstitute
	}
	return ""
}

// KindOf returns the kind of a deadline Replay derived, read from its Code,
// or "" for a deadline without one of the package's codes (one built by
// hand, or by another procedure). It does not allocate: registers call it
// on every deadline of every request.
func KindOf(d deadline.Deadline) DeadlineKind {
	switch d.Code {
	case codeDecision:
		return DeadlineDecision
	case codeDeemedRefusal:
		return DeadlineSilenzioRigetto
	case codeNoAnswer:
		return DeadlineNoAnswer
	case codeIrregularity:
		return DeadlineIrregularity
	case codeOpposition:
		return DeadlineOpposition
	case codeReleaseFrom:
		return DeadlineReleaseFrom
	case codeInternal:
		return DeadlineInternal
	case codeViewing:
		return DeadlineViewing
	case codeReviewFiling:
		return DeadlineReviewFiling
	case codeReview:
		return DeadlineReview
	case codeGarante:
		return DeadlineGarante
	case codeOmbudsmanFiling:
		return DeadlineOmbudsmanFiling
	case codeOmbudsman:
		return DeadlineOmbudsman
	case codeConfirmation:
		return DeadlineConfirmation
	case codeAppeal:
		return DeadlineAppeal
	case codeAppealFeriale:
		return DeadlineAppealFeriale
	case codeSubstitute:
		return DeadlineSubstitute
	}
	return ""
}

// Holder returns who must act by a deadline of kind k.
func (k DeadlineKind) Holder() Holder {
	switch k {
	case DeadlineDecision, DeadlineIrregularity, DeadlineReleaseFrom, DeadlineInternal, DeadlineReview, DeadlineConfirmation, DeadlineSubstitute:
		return HolderOffice
	case DeadlineOpposition:
		return HolderParty
	case DeadlineGarante, DeadlineOmbudsman:
		return HolderOutside
	}
	return HolderRequester
}

// Obligation reports whether a deadline of kind k is something the office
// must do by its date: those, unmet, make a request due in the store's
// index. The irregularity window is an opportunity, not an obligation.
func (k DeadlineKind) Obligation() bool {
	return k.Holder() == HolderOffice && k != DeadlineIrregularity
}

func days(name string, n int, src law.Citation) deadline.Term {
	return deadline.Term{Name: name, Length: n, Unit: deadline.Days, Kind: deadline.Administrative, Source: src}
}

func decisionTerm(k Kind) deadline.Term {
	if k.Civic() {
		return days(string(DeadlineDecision), 30, citeCivicTerm)
	}
	return days(string(DeadlineDecision), 30, citeDocTerm)
}

func oppositionTerm(k Kind) deadline.Term {
	if k.Civic() {
		return days(string(DeadlineOpposition), 10, citeCivicParties)
	}
	return days(string(DeadlineOpposition), 10, citeDPROpposition)
}

var (
	irregularTerm = days(string(DeadlineIrregularity), 10, citeDPRIrregular)
	releaseTerm   = deadline.Term{Name: string(DeadlineReleaseFrom), Length: 15, Unit: deadline.Days, Kind: deadline.Administrative, Dilatory: true, Source: citeCivicRelease}
	reviewTerm    = days(string(DeadlineReview), 20, citeCivicReview)
	garanteTerm   = days(string(DeadlineGarante), 10, citeCivicReview)
	noExtension   = deadline.Rules{}
	noAugust      = func() *deadline.Rules {
		r := deadline.DefaultRules(deadline.Court)
		r.AugustSuspension = false
		return &r
	}()
)

// remedyBasis returns the provision that opens the recourse to the
// difensore civico (or the Commissione) for kind k.
func remedyBasis(k Kind) law.Citation {
	if k.Civic() {
		return citeCivicOmbudsman
	}
	return citeDocRemedies
}

// filingBasis returns the source of the 30 days to file that recourse:
// art. 25 c. 4 L. 241/1990, by analogy for civic access [P].
func filingBasis(k Kind) law.Citation {
	if k.Civic() {
		return citeCivicOmbudsmanFiling
	}
	return citeDocRemedies
}

// toBody returns "al difensore civico" or "alla Commissione per l'accesso".
func toBody(b Body) string {
	if b == CommissioneAccesso {
		return "alla Commissione per l'accesso"
	}
	return "al difensore civico"
}

// challengeKind is what a remedy would be directed against.
type challengeKind uint8

const (
	challengeNone challengeKind = iota
	challengeDecision
	challengeSilence
	challengeReview
	challengeReviewSilence
	challengeOmbudsman
	challengeOmbudsmanSilence
)

type challenge struct {
	kind challengeKind
}

// ofBody returns "del difensore civico" or "della Commissione per l'accesso".
func ofBody(b Body) string {
	if b == CommissioneAccesso {
		return "della Commissione per l'accesso"
	}
	return "del difensore civico"
}

// strength grades a kind of deadline of a request of kind k (issue 10):
// Guidance where no provision sets the term, so that it never reads
// "scaduto" and never bars an act: the 30 days after which a review is
// flagged (FAQ foia.gov.it, RULES.md §4 [P]); the 30 days to go to the
// difensore civico on civic access (art. 5 c. 8 D.Lgs. 33/2013 sets none:
// art. 25 c. 4 L. 241/1990 by analogy [P]); the office's internal dates
// for holding offices [P]. Binding otherwise, every term being read in
// the text of a provision: on documentale access the 30 days to go to the
// difensore civico or the Commissione are art. 25 c. 4 L. 241/1990's own
// ("nello stesso termine" of the TAR) [T].
func strength(kind DeadlineKind, k Kind) deadline.Strength {
	switch {
	case kind == DeadlineReviewFiling, kind == DeadlineInternal, kind == DeadlineOmbudsmanFiling && k.Civic():
		return deadline.Guidance
	}
	return deadline.Binding
}

// compute computes a deadline from spec without listing it.
func (f *fold) compute(kind DeadlineKind, n int, spec deadline.Spec, met deadline.Date) (deadline.Deadline, error) {
	if spec.Term.Strength == deadline.Ungraded {
		spec.Term.Strength = strength(kind, f.r.Kind)
	}
	x, err := f.cal.Explain(spec)
	if err != nil {
		return deadline.Deadline{}, fmt.Errorf("%w: computing %s: %v", ErrInvalid, kind, err)
	}
	name := string(kind)
	if n > 0 {
		name = fmt.Sprintf("%s n. %d", kind, n)
	}
	return deadline.Deadline{Name: name, Code: kind.Code(), Due: x.Due, Explanation: x, Met: met}, nil
}

// add computes a deadline from spec and lists it.
func (f *fold) add(kind DeadlineKind, n int, spec deadline.Spec, met deadline.Date) (deadline.Deadline, error) {
	d, err := f.compute(kind, n, spec, met)
	if err == nil {
		f.r.Deadlines = append(f.r.Deadlines, d)
	}
	return d, err
}

// resolve returns the day a remedy term against c runs from, and what it
// is, in Italian, for the term's name ("dal provvedimento"); the zero Date
// if none runs.
func (f *fold) resolve(c challenge) (deadline.Date, string) {
	r := f.r
	switch c.kind {
	case challengeDecision:
		// The remedy terms run from the requester's knowledge of the
		// decision (art. 116 c. 1 c.p.a.; art. 25 c. 4 L. 241/1990): its
		// receipt, or while unknown the decision's day, the earliest the
		// requester could know it [P].
		if c := r.Decision.Communicated; !c.IsZero() {
			return c, "dalla ricezione del provvedimento da parte del richiedente"
		}
		return r.Decision.Date, "dal provvedimento (ricezione da parte del richiedente non registrata: si conta dalla data del provvedimento, il primo giorno in cui poteva conoscerlo)"
	case challengeReview:
		if c := r.Review.Communicated; !c.IsZero() {
			return c, "dalla ricezione della decisione sul riesame da parte del richiedente"
		}
		return r.Review.Decided, "dalla decisione sul riesame (ricezione da parte del richiedente non registrata: si conta dalla data della decisione, il primo giorno in cui poteva conoscerla)"
	case challengeOmbudsman:
		// The TAR term runs from the requester's receipt of the outcome
		// (art. 25 c. 4 L. 241/1990; art. 5 c. 8 D.Lgs. 33/2013); while it
		// is not recorded, from the body's decision, the earliest day the
		// requester could know it [P].
		o := r.Ombudsman
		if !o.RequesterReceived.IsZero() {
			return o.RequesterReceived, "dalla ricezione dell'esito " + ofBody(o.Body) + " da parte del richiedente"
		}
		return o.Decided, "dalla decisione " + ofBody(o.Body) + " (ricezione dell'esito da parte del richiedente non registrata: si conta dalla decisione, il primo giorno in cui poteva conoscerlo)"
	case challengeSilence:
		if c := f.closedUndecided; !c.IsZero() && !r.DecisionDue.Before(c) {
			return deadline.Date{}, "" // closed before the silence formed [P]
		}
		return r.DecisionDue, "dalla formazione del silenzio"
	case challengeReviewSilence:
		return f.reviewDue, "dalla scadenza del termine per il riesame"
	case challengeOmbudsmanSilence:
		return f.ombudsmanDue, "dalla scadenza del termine " + ofBody(r.Ombudsman.Body)
	}
	return deadline.Date{}, ""
}

// partyPending is the time a party's notice kept the decision term
// suspended: from the sending of its notice (from) to its timely
// opposition or the close of its window, extended per RULES.md §1.4 (to).
type partyPending struct {
	party    int
	from, to deadline.Date
	opposed  bool
}

// partySuspensions returns the suspensions of the decision term the
// parties' notices cause (art. 5 c. 5 D.Lgs. 33/2013: "dalla data
// dell'invio della comunicazione ... fino alla opposizione"; RULES.md §4
// [P] for the window's close): one per party, from the sending of its
// notice to its opposition or the close of its window, merged only where
// they overlap or touch. Notices sent at different times suspend the term
// separately: the days between the close of one window and the sending of
// the next notice, when no notice was pending, count.
func partySuspensions(ps []partyPending, src law.Citation) []deadline.Suspension {
	ps = slices.DeleteFunc(ps, func(p partyPending) bool { return !p.to.After(p.from) })
	if len(ps) == 0 {
		return nil
	}
	slices.SortStableFunc(ps, func(a, b partyPending) int {
		if c := a.from.Compare(b.from); c != 0 {
			return c
		}
		return a.party - b.party
	})
	var out []deadline.Suspension
	start, to := 0, ps[0].to
	for i := 1; i <= len(ps); i++ {
		if i < len(ps) && !ps[i].from.After(to) {
			if ps[i].to.After(to) {
				to = ps[i].to
			}
			continue
		}
		out = append(out, deadline.Suspension{From: ps[start].from, To: to, Source: src, Reason: pendingReason(ps[start:i], to)})
		if i < len(ps) {
			start, to = i, ps[i].to
		}
	}
	return out
}

// pendingReason says in Italian why the term stopped, for the explanation.
func pendingReason(group []partyPending, to deadline.Date) string {
	var b strings.Builder
	if len(group) == 1 {
		fmt.Fprintf(&b, "comunicazione al controinteressato n. %d, ", group[0].party)
		if group[0].opposed {
			b.WriteString("fino alla sua opposizione")
		} else {
			b.WriteString("fino alla scadenza del suo termine per opporsi")
		}
		return b.String()
	}
	b.WriteString("comunicazione ai controinteressati n. ")
	nums := make([]int, len(group))
	for i, p := range group {
		nums[i] = p.party
	}
	slices.Sort(nums)
	for i, n := range nums {
		switch {
		case i == 0:
		case i == len(nums)-1:
			b.WriteString(" e ")
		default:
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%d", n)
	}
	last := group[0]
	for _, p := range group {
		if p.to == to {
			last = p
		}
	}
	if last.opposed {
		b.WriteString(", fino all'ultima opposizione")
	} else {
		b.WriteString(", fino alla scadenza dell'ultimo termine per opporsi")
	}
	return b.String()
}

// partyWindow returns party p's opposition window: from the receipt, or,
// while the receipt is unknown, estimated from the sending [P]: the
// estimate serves to show the window and the suspension, never to grant
// access (Service.partiesHeard).
func (f *fold) partyWindow(p *Party) deadline.Spec {
	t := oppositionTerm(f.r.Kind)
	start := p.Received
	if start.IsZero() {
		start = p.Notified
		t.Name += " (ricezione non ancora registrata: stimato dall'invio; l'accesso non può essere concesso prima di registrarla)"
	}
	return deadline.Spec{Start: start, Term: t}
}

// deadlines derives every deadline of the folded request, one kind after
// the other: later steps read what earlier ones computed (the decision
// term reads the parties' windows, the appeal the review's and the
// ombudsman's due dates).
func (f *fold) deadlines() error {
	for _, step := range deadlineSteps {
		if err := step(f); err != nil {
			return err
		}
	}
	return nil
}

// deadlineSteps derive the deadlines, in the order they are listed.
var deadlineSteps = []func(*fold) error{
	(*fold).oppositionDeadlines,
	(*fold).internalDeadlines,
	(*fold).irregularityDeadline,
	(*fold).decisionDeadline,
	(*fold).substituteDeadline,
	(*fold).releaseDeadlines,
	(*fold).viewingDeadline,
	(*fold).reviewFilingDeadline,
	(*fold).reviewDeadline,
	(*fold).ombudsmanFilingDeadline,
	(*fold).ombudsmanDeadline,
	(*fold).appealDeadline,
}

// oppositionDeadlines lists the parties' opposition windows and notes the
// suspension they cause. A window still running when the request left the
// pending state (decided, withdrawn, transferred...) is not listed: no
// opposition can be recorded any more. One that had closed by then stays,
// as what happened.
func (f *fold) oppositionDeadlines() error {
	r := f.r
	f.pending = make([]partyPending, 0, len(r.Parties))
	for i := range r.Parties {
		p := &r.Parties[i]
		d, err := f.compute(DeadlineOpposition, p.Number, f.partyWindow(p), p.Opposed)
		if err != nil {
			return err
		}
		if !p.Opposed.IsZero() || f.leftOpen.IsZero() || d.Due.Before(f.leftOpen) {
			r.Deadlines = append(r.Deadlines, d)
		}
		end := d.Due
		if !p.Opposed.IsZero() {
			if p.Opposed.After(d.Due) {
				p.OpposedLate = true
			} else {
				end = p.Opposed
			}
		}
		f.pending = append(f.pending, partyPending{party: p.Number, from: p.Notified, to: end, opposed: end == p.Opposed})
	}
	return nil
}

// internalDeadlines lists the internal requests to holding offices; those
// unanswered when the request was withdrawn, transferred or closed are no
// longer chased.
func (f *fold) internalDeadlines() error {
	r := f.r
	for _, in := range r.Internal {
		if in.Due.IsZero() || in.Due.Before(in.Requested) || (r.State.Terminal() && in.Answered.IsZero()) {
			continue
		}
		t := deadline.Term{Name: string(DeadlineInternal) + " (" + string(in.Office) + ")", Length: in.Due.Sub(in.Requested), Unit: deadline.Days, Source: citeInternalLead, Rules: &noExtension}
		if _, err := f.add(DeadlineInternal, in.Number, deadline.Spec{Start: in.Requested, Term: t}, in.Answered); err != nil {
			return err
		}
	}
	return nil
}

// irregularityDeadline lists the irregularity window (formal documentale
// requests).
func (f *fold) irregularityDeadline() error {
	r := f.r
	if r.Kind != Documentale || r.Informal {
		return nil
	}
	var err error
	switch {
	case !f.irregularStart.IsZero():
		_, err = f.add(DeadlineIrregularity, 0, deadline.Spec{Start: f.irregularStart, Term: irregularTerm}, r.IrregularityNotified)
	case r.Decision == nil && r.State == StatePending:
		_, err = f.add(DeadlineIrregularity, 0, deadline.Spec{Start: f.origin(), Term: irregularTerm}, deadline.Date{})
	}
	return err
}

// decisionDeadline lists the term to decide and, while it may form, the
// silence.
func (f *fold) decisionDeadline() error {
	r := f.r
	if r.Informal || f.awaitingCorrection || r.Received.IsZero() {
		return nil
	}
	spec := deadline.Spec{Start: r.Received, Term: decisionTerm(r.Kind), Restart: f.restart}
	if !f.termFrom.IsZero() {
		spec.Start = f.termFrom
	}
	if f.termNote != "" {
		spec.Term.Name += " (" + f.termNote + ", " + f.termSrc.String() + ")"
	}
	if r.Kind == Generalizzato || (r.Kind == Documentale && f.p.DocumentaleSuspension) {
		src := citeCivicParties
		if r.Kind == Documentale {
			src = citeDocSuspension
		}
		spec.Suspensions = partySuspensions(f.pending, src)
	}
	met := deadline.Date{}
	switch {
	case r.Decision != nil:
		met = r.Decision.Date
	case r.State == StateTransferred && r.Forwarded != nil:
		met = r.Forwarded.Date
	case r.State == StateWithdrawn:
		met = r.Withdrawn
	case !f.closedUndecided.IsZero():
		met = f.closedUndecided
	}
	d, err := f.add(DeadlineDecision, 0, spec, met)
	if err != nil {
		return err
	}
	r.DecisionDue = d.Due
	if r.Decision != nil {
		r.Decision.Late = r.Decision.Date.After(d.Due)
		f.lateStatement(d.Explanation, f.origin())
	}
	if r.Decision != nil || r.State.Terminal() {
		return nil
	}
	return f.silenceDeadline(spec)
}

// silenceDeadline lists the day from which, without a decision, the
// request is deemed refused (documentale) or the requester may ask for
// review and appeal (civic access).
func (f *fold) silenceDeadline(spec deadline.Spec) error {
	kind := DeadlineSilenzioRigetto
	if f.r.Kind.Civic() {
		kind = DeadlineNoAnswer
	}
	spec.Term.Name = string(kind) + ": dal giorno successivo, senza provvedimento"
	switch {
	case f.r.Kind == CivicoSemplice:
		// The RPCT answered the request itself: no review to it (art. 5 c.
		// 3 lett. d D.Lgs. 33/2013); delay goes to the substitute.
		spec.Term.Name += ", il richiedente può rivolgersi al titolare del potere sostitutivo (art. 2 c. 9-ter L. 241/1990) e ricorrere"
	case f.r.Kind.Civic():
		spec.Term.Name += ", il richiedente può chiedere il riesame e ricorrere (art. 5 c. 7 D.Lgs. 33/2013)"
	default:
		spec.Term.Name += ", la richiesta si intende respinta"
	}
	_, err := f.add(kind, 0, spec, deadline.Date{})
	return err
}

// releaseDeadlines lists, after an acceptance despite a timely opposition,
// the first day the data may be transmitted (15 days): while access stands
// granted and the request open, or once the data were released.
func (f *fold) releaseDeadlines() error {
	r := f.r
	if r.Kind != Generalizzato || (r.Released.IsZero() && (!accessGranted(r) || r.State.Terminal())) {
		return nil
	}
	for i := range r.Parties {
		p := &r.Parties[i]
		if p.Opposed.IsZero() || p.OpposedLate || p.AcceptanceReceived.IsZero() {
			continue
		}
		if _, err := f.add(DeadlineReleaseFrom, p.Number, deadline.Spec{Start: p.AcceptanceReceived, Term: releaseTerm}, r.Released); err != nil {
			return err
		}
	}
	return nil
}

// viewingDeadline lists the viewing period of a documentale acceptance
// that still stands.
func (f *fold) viewingDeadline() error {
	r := f.r
	if r.Kind != Documentale || r.Decision == nil || !r.Decision.Outcome.Grants() || !accessGranted(r) || r.Decision.Viewing == nil || r.Decision.Viewing.Days <= 0 {
		return nil
	}
	// The period runs from the requester's knowledge of the acceptance,
	// its receipt of the communication (art. 7 c. 1 DPR 184/2006: the
	// period is given to the requester, who can use it only once told);
	// while the receipt is not recorded, from the decision's day, the
	// earliest the requester could know it [P], as the name says.
	from, what := r.Decision.Communicated, "dalla ricezione della comunicazione di accoglimento da parte del richiedente"
	if from.IsZero() {
		from, what = r.Decision.Date, "dal provvedimento (ricezione della comunicazione da parte del richiedente non registrata: si conta dalla data del provvedimento)"
	}
	t := days(string(DeadlineViewing)+" "+what, r.Decision.Viewing.Days, citeDPRAcceptance)
	_, err := f.add(DeadlineViewing, 0, deadline.Spec{Start: from, Term: t}, deadline.Date{})
	return err
}

// reviewFilingDeadline lists the orientative term to ask for a review
// (accesso civico generalizzato), after which a review is flagged late
// [P]; simple civic access has no review (see FileReview), save in
// histories recorded before it was refused.
func (f *fold) reviewFilingDeadline() error {
	r := f.r
	if r.Kind != Generalizzato && (r.Kind != CivicoSemplice || r.Review == nil) {
		return nil
	}
	base := f.challenge
	if r.Review != nil {
		base = f.reviewBase
	}
	eligible := r.Review != nil || (r.Appeal == nil && r.Ombudsman == nil)
	from, what := f.resolve(base)
	if !eligible || from.IsZero() || (base.kind != challengeDecision && base.kind != challengeSilence) {
		return nil
	}
	t := days(string(DeadlineReviewFiling)+" "+what, f.p.ReviewLateAfter, citeReviewLate)
	t.Rules = &noExtension
	met := deadline.Date{}
	if r.Review != nil {
		met = r.Review.Filed
	}
	d, err := f.add(DeadlineReviewFiling, 0, deadline.Spec{Start: from, Term: t}, met)
	if err != nil {
		return err
	}
	if r.Review != nil {
		r.Review.Late = r.Review.Filed.After(d.Due)
	}
	return nil
}

// reviewDeadline lists the RPCT's 20 days, for the requester's review (c.
// 7) or a counter-interested party's (c. 9, "ai sensi del comma 7"), and
// the Garante's 10 days, which suspend them.
func (f *fold) reviewDeadline() error {
	rv := f.r.Review
	if rv == nil {
		return nil
	}
	rt, gt, src := reviewTerm, garanteTerm, citeCivicReview
	if rv.ByParty > 0 {
		src = citePartyReview
		who := fmt.Sprintf(" del controinteressato n. %d", rv.ByParty)
		rt.Name += who
		rt.Source = src
		gt.Name += " sul riesame" + who
		gt.Source = src
	}
	spec := deadline.Spec{Start: rv.Filed, Term: rt}
	if !rv.GaranteConsulted.IsZero() {
		if _, err := f.add(DeadlineGarante, 0, deadline.Spec{Start: rv.GaranteConsulted, Term: gt}, rv.GaranteAnswered); err != nil {
			return err
		}
		to := rv.GaranteAnswered
		if to.IsZero() || to.After(rv.GaranteConsulted.AddDays(10)) {
			to = rv.GaranteConsulted.AddDays(10)
		}
		if to.After(rv.GaranteConsulted) {
			spec.Suspensions = []deadline.Suspension{{From: rv.GaranteConsulted, To: to, Cap: 10, Source: src,
				Reason: "parere del Garante per la protezione dei dati personali"}}
		}
	}
	d, err := f.add(DeadlineReview, 0, spec, rv.Decided)
	if err != nil {
		return err
	}
	f.reviewDue = d.Due
	return nil
}

// ombudsmanFilingDeadline lists the term to go to the difensore civico or
// the Commissione, where the route exists for the administration
// (Policy.OmbudsmanBody) or was taken anyway under another policy (then
// shown as met).
func (f *fold) ombudsmanFilingDeadline() error {
	r := f.r
	base := f.challenge
	if r.Ombudsman != nil {
		base = f.ombBase
	}
	body, route := f.p.OmbudsmanBody(r.Kind)
	if r.Ombudsman != nil {
		body, route = r.Ombudsman.Body, true
	}
	eligible := route && (r.Ombudsman != nil || r.Appeal == nil)
	switch base.kind {
	case challengeDecision, challengeSilence, challengeReview, challengeReviewSilence:
	default:
		eligible = false
	}
	from, what := f.resolve(base)
	if !eligible || from.IsZero() {
		return nil
	}
	name := string(DeadlineOmbudsmanFiling)
	if body == CommissioneAccesso {
		name = "ricorso " + toBody(body)
	}
	t := days(name+" "+what, 30, filingBasis(r.Kind))
	met := deadline.Date{}
	if r.Ombudsman != nil {
		met = r.Ombudsman.Filed
	}
	_, err := f.add(DeadlineOmbudsmanFiling, 0, deadline.Spec{Start: from, Term: t}, met)
	return err
}

// ombudsmanDeadline lists the body's 30 days to decide and, after a
// finding that the refusal is unlawful, the administration's 30 days to
// confirm it.
func (f *fold) ombudsmanDeadline() error {
	o := f.r.Ombudsman
	if o == nil {
		return nil
	}
	name := string(DeadlineOmbudsman)
	if o.Body == CommissioneAccesso {
		name = "decisione della Commissione per l'accesso"
	}
	// The recourse is deemed rejected after the 30 days only for
	// documentale access (art. 25 c. 4 L. 241/1990); art. 5 c. 8 D.Lgs.
	// 33/2013 sets the difensore civico's 30 days without it.
	t := days(name, 30, citeCivicOmbudsman)
	if f.r.Kind == Documentale {
		t = days(name+": altrimenti il ricorso si intende respinto", 30, citeDocRemedies)
	}
	if o.ByParty > 0 {
		// A counter-interested party's recourse against an acceptance
		// (c. 9, "ai sensi del comma 8"): the same 30 days.
		t = days(fmt.Sprintf("%s sul ricorso del controinteressato n. %d", name, o.ByParty), 30, citePartyOmbudsman)
	}
	d, err := f.add(DeadlineOmbudsman, 0, deadline.Spec{Start: o.Filed, Term: t}, o.Decided)
	if err != nil {
		return err
	}
	f.ombudsmanDue = d.Due
	return f.confirmationDeadline(o)
}

// confirmationDeadline lists the 30 days to confirm a refusal found
// unlawful, else access is allowed: the law writes them for the
// requester's recourse against a refusal. For a party's recourse against
// an acceptance it sets no term and no effect [P].
func (f *fold) confirmationDeadline(o *Ombudsman) error {
	if o.Outcome != OmbudsmanUnlawful || o.AdministrationReceived.IsZero() || o.ByParty != 0 {
		return nil
	}
	c, err := f.compute(DeadlineConfirmation, 0, deadline.Spec{Start: o.AdministrationReceived,
		Term: days(string(DeadlineConfirmation)+": altrimenti l'accesso è consentito", 30, remedyBasis(f.r.Kind))}, o.Answered)
	if err != nil {
		return err
	}
	if !f.r.State.Terminal() || !o.Answered.IsZero() {
		f.r.Deadlines = append(f.r.Deadlines, c)
	}
	switch {
	case !o.Answered.IsZero() && !o.Confirmed:
		o.AccessFrom = o.Answered
	case o.Answered.IsZero() || o.Answered.After(c.Due):
		o.AccessFrom = c.Due.AddDays(1)
	}
	return nil
}

// appealDeadline lists the court appeal: the safe date and, where it
// differs, the one with the August suspension.
func (f *fold) appealDeadline() error {
	r := f.r
	base := f.challenge
	if r.Appeal != nil {
		base = f.appealBase
	}
	from, what := f.resolve(base)
	if from.IsZero() {
		return nil
	}
	met := deadline.Date{}
	if r.Appeal != nil {
		met = r.Appeal.Filed
	}
	with := deadline.Term{Name: string(DeadlineAppealFeriale) + " " + what, Length: 30, Unit: deadline.Days, Kind: deadline.Court, Source: citeAppeal}
	withDue, err := f.cal.Compute(deadline.Spec{Start: from, Term: with})
	if err != nil {
		return fmt.Errorf("%w: computing %s: %v", ErrInvalid, DeadlineAppealFeriale, err)
	}
	safe := with
	safe.Rules = noAugust
	safe.Name = string(DeadlineAppeal) + " " + what
	s, err := f.add(DeadlineAppeal, 0, deadline.Spec{Start: from, Term: safe}, met)
	if err != nil || withDue == s.Due {
		return err
	}
	_, err = f.add(DeadlineAppealFeriale, 0, deadline.Spec{Start: from, Term: with}, met)
	return err
}
