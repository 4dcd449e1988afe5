package letter

import (
	"fmt"
	"strings"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/petition"
)

var (
	citeCharter  = law.Citation{Act: "Direttiva P.C.M. 27 gennaio 1994", Note: "carte dei servizi: procedura di reclamo con risposta in un termine prefissato", Confidence: law.Secondary}
	citeTUEL     = law.Cite("D.Lgs. 267/2000", "8", "3")
	citeInternal = law.Citation{Note: "termine interno fissato dall'ufficio", Confidence: law.Policy}
)

// ComplaintAnswer writes the last answer to a complaint or report to the
// reporter: the office that answered, the outcome and the text, the due
// date of the term it met (the Service's) and whether it came late, and
// the option of asking to reopen it within the term of the complaints'
// policy (Options.Complaint).
func (w *Writer) ComplaintAnswer(v complaint.View) (Letter, error) {
	a, ok := v.LastAnswer()
	if !ok {
		return Letter{}, fmt.Errorf("%w: the complaint has no answer", ErrNotApplicable)
	}
	l := Letter{Kind: ComplaintAnswer, Case: string(v.ID), Protocol: v.Protocol, To: ToReporter, Addressee: v.Person.Name(), Date: a.On}
	if l.Addressee == "" {
		l.Addressee = pick(w.o.Lang == English, "segnalante", "reporter")
	}
	l.set("administration", w.administration(), law.Citation{})
	l.set("kind", v.Kind.Italian(), law.Citation{})
	l.set("object", v.Summary, law.Citation{})
	l.set("category", v.CategoryLabel, law.Citation{})
	l.set("received", v.Received, law.Citation{})
	l.set("office", w.officeName(a.Office), law.Citation{})
	l.set("outcome", a.Outcome.Italian(), law.Citation{})
	text := a.Text
	if strings.TrimSpace(text) == "" {
		text = a.Summary
	}
	l.set("answer", text, citeCharter)
	if a.Round >= 0 && a.Round < len(v.Deadlines) {
		l.promise(v.Deadlines[a.Round])
	}
	l.set("due", a.Due, citeCharter)
	l.set("late", a.Late, law.Citation{})
	p := w.o.Complaint
	if p.Term == (deadline.Term{}) {
		p = complaint.DefaultPolicy()
	}
	reopen, src := 0, law.Citation{}
	if t := p.ReopenTerm; t != nil {
		reopen, src = t.Length, t.Source
	}
	l.set("reopen", reopen, src)
	l.set("contact", w.o.Contact, law.Citation{})
	return l, w.finish(&l)
}

// petitionIDs returns the identifiers of a promoter.
func petitionIDs(p petition.Person) []string {
	full := strings.TrimSpace(p.GivenName + " " + p.FamilyName)
	return []string{full, p.FamilyName, p.CodiceFiscale, p.Email}
}

// openPetition starts a petition letter; n is the promoter (ToPromoter) or
// the internal request (ToOffice).
func (w *Writer) openPetition(k Kind, p petition.Petition, to Role, n int, on deadline.Date) Letter {
	l := Letter{Kind: k, Case: string(p.ID), Protocol: p.Protocol, To: to, Party: n, Date: on}
	var all, mine []string
	for i, pr := range p.Promoters {
		all = append(all, petitionIDs(pr)...)
		if to == ToPromoter && i == n-1 {
			mine = petitionIDs(pr)
			l.Addressee = strings.TrimSpace(pr.GivenName + " " + pr.FamilyName)
		}
	}
	l.others = without(all, mine)
	l.set("administration", w.administration(), law.Citation{})
	l.set("kind", p.KindName, law.Citation{})
	l.set("body", p.AddresseeName, law.Citation{})
	l.set("object", p.Subject, law.Citation{})
	l.set("protocol", p.Protocol, law.Citation{})
	l.set("filed", p.Filed, law.Citation{})
	for _, d := range p.Deadlines {
		if d.Code == petition.AnswerCode {
			l.promise(d)
			l.set("due", d.Due, d.Explanation.Term.Source)
			l.set("dueSource", d.Explanation.Term.Source, law.Citation{})
		}
	}
	if _, ok := l.Value("due"); !ok {
		l.set("due", deadline.Date{}, law.Citation{})
		l.set("dueSource", law.Citation{}, law.Citation{})
	}
	return l
}

// PetitionReceipt acknowledges a filed petition or popular initiative to
// promoter n (from 1): the protocol number and filing date, the body it is
// addressed to, the signatures counted, and the date its answer is due
// (the Service's deadline; art. 8 TUEL, Statuto di Roma Capitale art. 8).
func (w *Writer) PetitionReceipt(p petition.Petition, n int) (Letter, error) {
	if p.Filed.IsZero() || n < 1 || n > len(p.Promoters) {
		return Letter{}, fmt.Errorf("%w: the petition is not filed, or has no promoter %d", ErrNotApplicable, n)
	}
	l := w.openPetition(PetitionReceipt, p, ToPromoter, n, p.Filed)
	l.cite(citeTUEL)
	l.set("counted", p.Counted, law.Citation{})
	l.set("reached", p.Reached, law.Citation{})
	return l, w.finish(&l)
}

// PetitionForward writes request n (from 1) of a petition to the competent
// office: the subject, the desk's question and the internal due date of
// the reply (the Service's deadline), with the date the answer is due.
func (w *Writer) PetitionForward(p petition.Petition, n int) (Letter, error) {
	if n < 1 || n > len(p.Requests) {
		return Letter{}, fmt.Errorf("%w: no request %d", ErrNotApplicable, n)
	}
	rq := p.Requests[n-1]
	l := w.openPetition(PetitionForward, p, ToOffice, n, rq.Forwarded)
	l.Addressee = w.officeName(rq.Office)
	l.set("question", rq.Question, law.Citation{})
	internal := deadline.Date{}
	for _, d := range p.Deadlines {
		if d.Code == petition.OfficeReplyCode && d.Due == rq.Due && strings.Contains(d.Name, string(rq.Office)) {
			l.promise(d)
			internal = d.Due
		}
	}
	if internal.IsZero() {
		internal = rq.Due
	}
	l.set("internalDue", internal, citeInternal)
	return l, w.finish(&l)
}
