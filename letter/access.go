package letter

import (
	"fmt"
	"strings"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/privacy"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
)

// citeL241 is the act most letters cite.
const citeL241 = "L. 241/1990"

// Citations of the mandatory contents the letters carry beyond those the
// access package attaches to its deadlines and grounds.
var (
	citeStartA      = law.Cite(citeL241, "8", "2").WithLetter("a")
	citeStartB      = law.Cite(citeL241, "8", "2").WithLetter("b")
	citeStartC      = law.Cite(citeL241, "8", "2").WithLetter("c")
	citeStartCbis   = law.Cite(citeL241, "8", "2").WithLetter("c-bis")
	citeStartD      = law.Cite(citeL241, "8", "2").WithLetter("d")
	citeStartE      = law.Cite(citeL241, "8", "2").WithLetter("e")
	citeResponsible = law.Cite(citeL241, "5", "3")
	citeRemedies    = law.Cite(citeL241, "3", "4")
	citeReceipt     = law.Cite(citeL241, "18-bis", "1")
	citeIrregular   = law.Cite("DPR 184/2006", "6", "5")
	citeGeneric     = law.Citation{Act: "Delibera ANAC 1309/2016", Note: "§ 4.2: richiesta generica, invito a precisarne l'oggetto", Confidence: law.Secondary}
	citeInformal    = law.Cite("DPR 184/2006", "5", "6")
	citeDocParties  = law.Cite("DPR 184/2006", "3", "1")
	citeDocOppose   = law.Cite("DPR 184/2006", "3", "2")
	citeCivParties  = law.Cite("D.Lgs. 33/2013", "5", "5")
	citeRelease     = law.Cite("D.Lgs. 33/2013", "5", "6")
	citePartyRem    = law.Cite("D.Lgs. 33/2013", "5", "9")
	citeReview      = law.Cite("D.Lgs. 33/2013", "5", "7")
	citeAppeal      = law.Cite("c.p.a.", "116", "1")
	citeViewing     = law.Cite("DPR 184/2006", "7", "1")
	citeDeferral    = law.Cite("DPR 184/2006", "9", "3")
	citeCivDeferral = law.Cite("D.Lgs. 33/2013", "5-bis", "5")
	citeReasons     = law.Cite(citeL241, "3", "1")
)

// accessIDs returns the identifiers of a person, as the access package
// checks publishable texts against them: full name, surname, codes,
// contacts, addresses (not the first name alone).
func accessIDs(p access.Person) []string {
	ids := []string{p.FullName(), p.Surname, p.FiscalCode, p.Email, p.PEC, p.Phone}
	if p.Surname == "" {
		ids = append(ids, p.Name)
	}
	ids = append(ids, privacy.Address(p.Residence)...)
	return append(ids, privacy.Address(p.Address)...)
}

// without returns ids minus those that also identify the addressee (a
// shared surname must not refuse the addressee's own name).
func without(ids, mine []string) []string {
	var out []string
	for _, id := range ids {
		if strings.TrimSpace(id) == "" {
			continue
		}
		if f, ok := privacy.Find(strings.Join(mine, " | "), id); ok && f.Kind == "identificativo" {
			continue
		}
		out = append(out, id)
	}
	return out
}

// open starts a letter of kind k about r to role (party or request n).
func (w *Writer) open(k Kind, r *access.Request, to Role, n int, on deadline.Date) (Letter, error) {
	if r == nil {
		return Letter{}, fmt.Errorf("%w: no request", ErrNotApplicable)
	}
	l := Letter{Kind: k, Case: string(r.ID), Protocol: r.Protocol.Number, To: to, Party: n, Date: on}
	var mine, all []string
	all = append(all, accessIDs(r.Applicant)...)
	for _, p := range r.Parties {
		all = append(all, accessIDs(p.Person)...)
	}
	switch to {
	case ToRequester:
		l.Addressee = r.Applicant.FullName()
		mine = accessIDs(r.Applicant)
	case ToParty:
		if n < 1 || n > len(r.Parties) {
			return Letter{}, fmt.Errorf("%w: no counter-interested party %d", ErrNotApplicable, n)
		}
		l.Addressee = r.Parties[n-1].Person.FullName()
		mine = accessIDs(r.Parties[n-1].Person)
	}
	l.others = without(all, mine)
	return l, nil
}

// administration returns the administration's name.
func (w *Writer) administration() string {
	if w.o.Administration != "" {
		return w.o.Administration
	}
	if a := w.o.Access.Administration; a != "" {
		return a
	}
	return map[Lang]string{Italian: "l'amministrazione", English: "the administration"}[w.o.Lang]
}

// officeName returns the name of office id in the directory, or the ID.
func (w *Writer) officeName(id office.ID) string {
	if id == "" {
		return map[Lang]string{Italian: "in corso di individuazione", English: "being identified"}[w.o.Lang]
	}
	if w.o.Directory != nil {
		if o, err := w.o.Directory.Office(id); err == nil {
			return o.Name
		}
	}
	return string(id)
}

// responsibleOf returns the responsabile del procedimento of r: the one
// the communication of the start named, else its office's (responsible).
func (w *Writer) responsibleOf(r *access.Request) string {
	if r.Responsible != "" {
		return r.Responsible
	}
	return w.responsible(r.Office)
}

// responsible returns the responsabile del procedimento of office id.
func (w *Writer) responsible(id office.ID) string {
	if n := w.o.Responsible[id]; n != "" {
		return n
	}
	if n := w.o.Responsible[""]; n != "" {
		return n
	}
	return map[Lang]string{Italian: "il dirigente dell'ufficio competente", English: "the head of the competent office"}[w.o.Lang]
}

// object returns what the letter says the request is about: the office's
// publishable summary; else, in a letter to the requester, the requester's
// own subject when it holds no identifier of a person the case knows nor
// the shape of anyone's personal data (a name typed before the party was
// known would otherwise reach the requester's letters); else the request
// by its kind and protocol number.
func (w *Writer) object(l *Letter, r *access.Request) string {
	if s := r.PublicSubject; strings.TrimSpace(s) != "" && l.check("object", s) == nil {
		return s
	}
	if s := r.Subject; l.To == ToRequester && strings.TrimSpace(s) != "" {
		if _, found := privacy.Find(s, l.others...); !found {
			return s
		}
	}
	if w.o.Lang == English {
		return fmt.Sprintf("request for %s no. %s", r.Kind.Italian(), r.Protocol.Number)
	}
	return fmt.Sprintf("richiesta di %s prot. n. %s", r.Kind.Italian(), r.Protocol.Number)
}

// deadline returns the first deadline of kind k (about party or internal
// request n when n > 0) as the Service computed it, and records it among
// the letter's promises.
func (l *Letter) deadline(r *access.Request, k access.DeadlineKind, n int) (deadline.Deadline, bool) {
	for _, d := range r.Deadlines {
		if access.KindOf(d) != k {
			continue
		}
		if n > 0 && !strings.HasSuffix(d.Name, fmt.Sprintf(" n. %d", n)) && !strings.Contains(d.Name, fmt.Sprintf(" n. %d ", n)) {
			continue
		}
		l.promise(d)
		return d, true
	}
	return deadline.Deadline{}, false
}

// fieldSources are the provisions that make a field a mandatory content
// of a letter: the receipt's (art. 18-bis c. 1 L. 241/1990: the receipt
// states the terms within which the administration must answer) and the
// start notice's (art. 8 c. 2).
var fieldSources = map[Kind]map[string]law.Citation{
	Receipt: {"protocol": citeReceipt, "received": citeReceipt, "due": citeReceipt, "responsible": citeResponsible},
	StartNotice: {"administration": citeStartA, "object": citeStartB, "office": citeStartC, "responsible": citeStartC,
		"received": citeStartD, "due": citeStartCbis, "remedies": citeStartCbis, "viewing": citeStartE},
	OfficeStart: {"responsible": citeResponsible},
}

// common sets the fields most access letters carry.
func (w *Writer) common(l *Letter, r *access.Request) {
	l.set("administration", w.administration(), law.Citation{})
	l.set("kind", r.Kind.Italian(), r.Kind.Basis())
	l.set("kindCode", string(r.Kind), law.Citation{})
	l.set("basis", r.Kind.Basis(), law.Citation{})
	l.set("object", w.object(l, r), law.Citation{})
	l.set("protocol", r.Protocol.Number, law.Citation{})
	l.set("protocolDate", r.Protocol.Date, law.Citation{})
	l.set("received", r.Received, law.Citation{})
	l.set("channel", r.Channel.Italian(), law.Citation{})
	l.set("office", w.officeName(r.Office), law.Citation{})
	l.set("responsible", w.responsibleOf(r), law.Citation{})
	l.set("contact", w.o.Contact, law.Citation{})
}

// due sets the decision's due date from the Service's deadline, the
// silence and, in a letter to the requester, the remedies against
// inaction (an office's letter has none to offer).
func (w *Writer) due(l *Letter, r *access.Request) {
	d, ok := l.deadline(r, access.DeadlineDecision, 0)
	l.set("informal", r.Informal, law.Citation{})
	l.set("due", d.Due, d.Explanation.Term.Source)
	l.set("hasDue", ok && !r.Informal, law.Citation{})
	l.set("term", d.Explanation.Term.Length, law.Citation{})
	l.set("dueSource", d.Explanation.Term.Source, law.Citation{})
	if s, ok := l.deadline(r, access.DeadlineSilenzioRigetto, 0); ok {
		l.set("silence", s.Due, s.Explanation.Term.Source)
	} else if s, ok := l.deadline(r, access.DeadlineNoAnswer, 0); ok {
		l.set("silence", s.Due, s.Explanation.Term.Source)
	} else {
		l.set("silence", deadline.Date{}, law.Citation{})
	}
	l.set("suspension", r.Kind == access.Generalizzato || (r.Kind == access.Documentale && w.o.Access.DocumentaleSuspension), citeCivParties)
	if l.To != ToRequester {
		l.set("remedies", []Remedy(nil), law.Citation{})
		return
	}
	l.set("remedies", w.remedies(l, r), law.Citation{})
}
