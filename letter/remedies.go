package letter

import (
	"fmt"
	"strings"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
)

// notRemedies are the requester's deadlines that are not remedies: the
// day the silence forms and the viewing period.
var notRemedies = map[access.DeadlineKind]bool{
	access.DeadlineSilenzioRigetto: true,
	access.DeadlineNoAnswer:        true,
	access.DeadlineViewing:         true,
	// The same appeal with the August suspension: the letter gives the
	// safe (earlier) date only.
	access.DeadlineAppealFeriale: true,
}

// remedies returns the remedies the request offers its requester now,
// one per unmet deadline the requester holds, in the order the Service
// lists them. They follow the access package: a remedy it adds (the
// substitute power) or removes (a review where the RPCT is the decider)
// changes every letter without a change here.
func (w *Writer) remedies(l *Letter, r *access.Request) []Remedy {
	var out []Remedy
	if sub, ok := w.substitute(l, r); ok {
		out = append(out, sub)
	}
	for _, d := range r.Deadlines {
		k := access.KindOf(d)
		if k == "" || k.Holder() != access.HolderRequester || notRemedies[k] || !d.Met.IsZero() {
			continue
		}
		l.promise(d)
		rm := w.remedy(d, k, r)
		l.cite(rm.Source)
		out = append(out, rm)
	}
	return out
}

// remedy describes deadline d of kind k as a remedy.
func (w *Writer) remedy(d deadline.Deadline, k access.DeadlineKind, r *access.Request) Remedy {
	t := d.Explanation.Term
	from := strings.TrimSpace(strings.TrimPrefix(t.Name, string(k)))
	if i := strings.Index(from, " ("); i >= 0 {
		from = from[:i]
	}
	// The access package grades its terms (deadline.Strength): a guidance
	// term is printed as indicative, never as a bar.
	rm := Remedy{Code: d.Code, Due: d.Due, Source: t.Source, Guidance: d.Strength() == deadline.Guidance}
	en := w.o.Lang == English
	switch k {
	case access.DeadlineReviewFiling:
		rm.What, rm.Authority = pick(en, "richiesta di riesame", "request for review (riesame)"), w.rpct()
		rm.Source = citeReview
	case access.DeadlineOmbudsmanFiling:
		body, _ := w.o.Access.OmbudsmanBody(r.Kind)
		if r.Ombudsman != nil {
			body = r.Ombudsman.Body
		}
		rm.What = pick(en, "ricorso al ", "appeal to the ") + body.Italian()
		rm.Authority = pick(en, body.Italian()+" competente per territorio", "the competent "+body.Italian())
		if body == access.CommissioneAccesso {
			rm.What = pick(en, "ricorso alla ", "appeal to the ") + body.Italian()
			rm.Authority = body.Italian()
		}
	case access.DeadlineAppeal:
		rm.What = pick(en, "ricorso giurisdizionale", "judicial appeal")
		rm.Authority = pick(en, "Tribunale amministrativo regionale (TAR) competente", "the competent Regional Administrative Court (TAR)")
	default:
		// A remedy this package does not know yet: the Service's own name
		// for it, with its term's source.
		rm.What = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(t.Name, from), " "+from))
		if rm.What == "" {
			rm.What = d.Name
		}
	}
	unit := pick(en, "giorni", "days")
	rm.Term = fmt.Sprintf("%d %s", t.Length, unit)
	if from != "" && !en {
		rm.Term += " " + from
	}
	return rm
}

// rpct names the RPCT.
func (w *Writer) rpct() string {
	if w.o.RPCT != "" {
		return w.o.RPCT
	}
	return pick(w.o.Lang == English, "Responsabile della prevenzione della corruzione e della trasparenza (RPCT)",
		"the officer responsible for corruption prevention and transparency (RPCT)")
}

func pick(en bool, it, english string) string {
	if en {
		return english
	}
	return it
}

// partyRemedies are the remedies of a counter-interested party against an
// acceptance (art. 5 c. 9 D.Lgs. 33/2013): they are not terms the Service
// computes for the party, so the letter states them without dates.
func (w *Writer) partyRemedies(l *Letter, r *access.Request) []Remedy {
	defer func() { l.cite(citePartyRem, citeAppeal) }()
	out := []Remedy{{Code: "review-filing", What: "richiesta di riesame", Authority: w.rpct(), Term: "senza termine di legge; si consiglia entro 30 giorni dalla ricezione della presente", Guidance: true, Source: citePartyRem}}
	if body, ok := w.o.Access.OmbudsmanBody(r.Kind); ok {
		out = append(out, Remedy{Code: "ombudsman-filing", What: "ricorso al " + body.Italian(), Authority: body.Italian() + " competente per territorio", Term: "senza termine di legge; si consiglia entro 30 giorni dalla ricezione della presente", Guidance: true, Source: citePartyRem})
	}
	return append(out, Remedy{Code: "appeal", What: "ricorso giurisdizionale", Authority: "Tribunale amministrativo regionale (TAR) competente", Term: "30 giorni dalla conoscenza del provvedimento", Source: citeAppeal})
}

// substitute returns the remedy against delay while the request is
// undecided: asking the titolare del potere sostitutivo the access Policy
// names (art. 2 c. 9-bis, 9-ter L. 241/1990), after the decision's due
// date (the Service's deadline), who concludes within half the term.
func (w *Writer) substitute(l *Letter, r *access.Request) (Remedy, bool) {
	d, ok := r.Deadline(access.DeadlineDecision)
	if !ok || r.Informal || r.Decision != nil || r.Substitute != nil || r.State.Terminal() {
		return Remedy{}, false
	}
	sub := w.o.Access.Substitute
	if sub.Title == "" {
		sub = access.DefaultSubstitute()
	}
	l.promise(d)
	t := access.SubstituteTerm(r.Kind)
	en := w.o.Lang == English
	rm := Remedy{Code: access.DeadlineSubstitute.Code(), After: d.Due, Source: sub.Source,
		What:      pick(en, "richiesta di intervento del titolare del potere sostitutivo", "request to the official with substitute power (titolare del potere sostitutivo)"),
		Authority: sub.Title,
		Term:      fmt.Sprintf(pick(en, "conclude il procedimento entro %d giorni dalla richiesta", "it concludes the procedure within %d days of the request"), t.Length)}
	if sub.Contact != "" {
		rm.Authority += ", " + sub.Contact
	}
	l.cite(sub.Source, t.Source)
	return rm, true
}
