package letter

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
)

// Kind is a kind of letter: which communication of the office it is. Its
// value names the template that writes it (templates/it/<kind>.tmpl).
type Kind string

// The letters the office sends.
const (
	// Receipt is the ricevuta of an access request: protocol number,
	// office, responsabile, due date, remedies for inaction (Circolare FP
	// 2/2017; art. 2 c. 9-bis L. 241/1990).
	Receipt Kind = "ricevuta"
	// StartNotice is the comunicazione di avvio del procedimento to the
	// requester (art. 8 c. 2 L. 241/1990).
	StartNotice Kind = "avvio"
	// OfficeStart is the start notice to the competent office: the request
	// it must decide and by when.
	OfficeStart Kind = "avvio-ufficio"
	// Irregularity is the notice that a request is irregular or
	// incomplete (art. 6 c. 5 DPR 184/2006) or, for civic access, the
	// invitation to make it precise.
	Irregularity Kind = "irregolarita"
	// DocumentRequest is an internal request to an office holding
	// documents, with its internal due date.
	DocumentRequest Kind = "richiesta-documenti"
	// PartyNotice is the notice to a counter-interested party (art. 3 DPR
	// 184/2006; art. 5 c. 5 D.Lgs. 33/2013): the 10 days and how to oppose.
	PartyNotice Kind = "controinteressato"
	// Decision is the decision to the requester: acceptance, partial or
	// total refusal, deferral, inadmissibility, with grounds, reasons and
	// remedies (art. 3 c. 4 L. 241/1990), and the statement of a late
	// decision (art. 2 c. 9-quinquies).
	Decision Kind = "provvedimento"
	// PartyAcceptance is the communication of an acceptance despite the
	// opposition to the counter-interested party who opposed: the data are
	// sent not before 15 days from its receipt (art. 5 c. 6 D.Lgs. 33/2013).
	PartyAcceptance Kind = "accoglimento-controinteressato"
	// ReviewDecision is the RPCT's decision on a review (art. 5 c. 7, 9
	// D.Lgs. 33/2013), to whoever asked for it.
	ReviewDecision Kind = "riesame"
	// SubstituteDecision is the decision of the titolare del potere
	// sostitutivo (art. 2 c. 9-bis to 9-quinquies L. 241/1990).
	SubstituteDecision Kind = "potere-sostitutivo"
	// ComplaintAnswer is the answer to a complaint or report, with the
	// option of asking to reopen it.
	ComplaintAnswer Kind = "risposta-reclamo"
	// PetitionReceipt acknowledges a petition or popular initiative to a
	// promoter, with the date its answer is due.
	PetitionReceipt Kind = "ricevuta-petizione"
	// PetitionForward forwards a petition to a competent office for the
	// information the answer needs, with its internal due date.
	PetitionForward Kind = "trasmissione-petizione"
)

// Kinds lists every kind of letter, in the order a procedure sends them.
func Kinds() []Kind {
	return []Kind{Receipt, StartNotice, OfficeStart, Irregularity, DocumentRequest, PartyNotice, Decision,
		PartyAcceptance, ReviewDecision, SubstituteDecision, ComplaintAnswer, PetitionReceipt, PetitionForward}
}

// Role is the role of a letter's addressee.
type Role string

// The addressees of letters.
const (
	// ToRequester is the person who asked for access.
	ToRequester Role = "richiedente"
	// ToParty is a counter-interested party (controinteressato).
	ToParty Role = "controinteressato"
	// ToOffice is an office of the administration (competent or holding).
	ToOffice Role = "ufficio"
	// ToReporter is who filed a complaint or report.
	ToReporter Role = "segnalante"
	// ToPromoter is a promoter of a petition or popular initiative.
	ToPromoter Role = "promotore"
)

// Lang is the language a letter is written in.
type Lang string

const (
	// Italian is the language of every letter.
	Italian Lang = "it"
	// English is offered for the receipt and the decision: civic access is
	// open to anyone, in Italy or not (art. 5 c. 2-3 D.Lgs. 33/2013).
	English Lang = "en"
)

// Field is one content of a letter: a stable Name the templates use
// (.V.<Name>), its Value (a string, a deadline.Date, a number, or a list
// of Remedy, Ground or strings), and the Source that makes it a mandatory
// content, if any.
type Field struct {
	// Name is the field's stable name, as templates read it (.V.due).
	Name string `json:"name"`
	// Value is what the letter states.
	Value any `json:"value"`
	// Source is the provision that requires the content, if any.
	Source law.Citation `json:"source,omitzero"`
}

// Promise is a date a letter promises or announces: the due date of one of
// the deadlines the procedure's Service computed, copied, never computed
// again. Code and Name are the deadline's, so that a reader can find it
// among the procedure's deadlines.
type Promise struct {
	// Code is the deadline's code ("decision", "appeal"...).
	Code string `json:"code"`
	// Name is the deadline's name, with its party or request number.
	Name string `json:"name"`
	// Due is the deadline's due date, as the Service computed it.
	Due deadline.Date `json:"due"`
	// Source is the provision of the term.
	Source law.Citation `json:"source,omitzero"`
}

// Remedy is a remedy a letter offers, taken from a deadline the requester
// holds: what to do, before whom, within which term and by which day.
type Remedy struct {
	// Code is the deadline's code ("appeal", "review-filing"...).
	Code string `json:"code"`
	// What is the remedy in Italian ("ricorso al TAR").
	What string `json:"what"`
	// Authority is whom it is addressed to.
	Authority string `json:"authority,omitempty"`
	// Term is the term in words ("30 giorni dalla formazione del silenzio").
	Term string `json:"term"`
	// Due is the last day, from the Service's deadline; zero for a remedy
	// without one.
	Due deadline.Date `json:"due,omitzero"`
	// After is the day after which the remedy may be used (the titolare
	// del potere sostitutivo: once the decision's term passed), from the
	// Service's deadline; zero when it may be used now.
	After deadline.Date `json:"after,omitzero"`
	// Guidance marks a term the law does not set (a [P] default): shown
	// as indicative, never as a bar.
	Guidance bool `json:"guidance,omitempty"`
	// Source is the provision that grants the remedy or sets its term.
	Source law.Citation `json:"source"`
}

// Letter is one communication of the office, as structured values: what a
// protocol system files and what the templates render.
type Letter struct {
	// Kind says which letter it is; Lang its language.
	Kind Kind `json:"kind"`
	Lang Lang `json:"lang"`
	// Case is the ID of the access request, complaint or petition.
	Case string `json:"case"`
	// Protocol is the case's protocol number, if any.
	Protocol string `json:"protocol,omitempty"`
	// To is the addressee's role; Party the party's, promoter's or
	// internal request's number where there are several (0 otherwise).
	To    Role `json:"to"`
	Party int  `json:"party,omitempty"`
	// Addressee is how the letter names its addressee: the person's name
	// or the office's. It is the only personal data a letter holds.
	Addressee string `json:"addressee"`
	// Date is the day of the act the letter communicates.
	Date deadline.Date `json:"date"`
	// Signer is who signs when it is not Options.Signature: the RPCT for
	// a review, the titolare del potere sostitutivo for its decision.
	Signer string `json:"signer,omitempty"`
	// Subject is the letter's subject line (Oggetto), rendered by the
	// template.
	Subject string `json:"subject"`
	// Fields are the letter's contents.
	Fields []Field `json:"fields"`
	// Dates are the dates the letter promises or announces.
	Dates []Promise `json:"dates,omitempty"`
	// Citations are the provisions behind its mandatory contents, once
	// each, in order of first use.
	Citations []law.Citation `json:"citations"`

	// others are the identifiers of every person the case knows but the
	// addressee: a rendered letter must contain none of them.
	others []string
}

// Value returns the value of field name, and false if the letter has none.
func (l Letter) Value(name string) (any, bool) {
	for _, f := range l.Fields {
		if f.Name == name {
			return f.Value, true
		}
	}
	return nil, false
}

// values returns the fields as the map templates read (.V).
func (l Letter) values() map[string]any {
	m := make(map[string]any, len(l.Fields))
	for _, f := range l.Fields {
		m[f.Name] = f.Value
	}
	return m
}

// set adds or replaces field name and, when the value says something
// (not empty, zero or false), records its source among the letter's
// citations.
func (l *Letter) set(name string, v any, src law.Citation) {
	if fs, ok := fieldSources[l.Kind][name]; ok {
		src = fs
	}
	if !present(v) {
		src = law.Citation{}
	}
	for i := range l.Fields {
		if l.Fields[i].Name == name {
			l.Fields[i] = Field{Name: name, Value: v, Source: src}
			l.cite(src)
			return
		}
	}
	l.Fields = append(l.Fields, Field{Name: name, Value: v, Source: src})
	l.cite(src)
}

// present reports whether a field's value says something.
func present(v any) bool {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v) != ""
	case bool:
		return v
	case int:
		return v != 0
	case deadline.Date:
		return !v.IsZero()
	case []string:
		return len(v) > 0
	case []Remedy:
		return len(v) > 0
	}
	return v != nil
}

// cite records c among the letter's citations, once: two citations that
// print the same are the same.
func (l *Letter) cite(cs ...law.Citation) {
	for _, c := range cs {
		if c.IsZero() || slices.ContainsFunc(l.Citations, func(x law.Citation) bool { return x.String() == c.String() }) {
			continue
		}
		l.Citations = append(l.Citations, c)
	}
}

// promise records the due date of d.
func (l *Letter) promise(d deadline.Deadline) {
	for _, p := range l.Dates {
		if p.Code == d.Code && p.Name == d.Name {
			return
		}
	}
	l.Dates = append(l.Dates, Promise{Code: d.Code, Name: d.Name, Due: d.Due, Source: d.Explanation.Term.Source})
}

// Errors of the package, for errors.Is.
var (
	// ErrTemplate: a template is malformed, misses a mandatory field, or
	// failed to render (*TemplateError).
	ErrTemplate = errors.New("letter: bad template")
	// ErrPersonalData: a letter would print personal data of someone
	// other than its addressee (*PersonalDataError).
	ErrPersonalData = errors.New("letter: personal data of another person")
	// ErrNotApplicable: the case has nothing this letter communicates (no
	// decision yet, no such party, no counter-interested party...).
	ErrNotApplicable = errors.New("letter: not applicable to this case")
)

// TemplateError reports a template that cannot write its letter: it does
// not parse, it does not use every mandatory field of its kind (Missing),
// or it failed on a letter.
type TemplateError struct {
	// Kind and Lang are the letter's kind and language (Kind is empty for
	// an unknown language).
	Kind Kind
	Lang Lang
	// Name is the template's name (its file name).
	Name string
	// Missing lists the mandatory fields the template never prints.
	Missing []string
	// Err is the parser's or the executor's error, if any.
	Err error
}

// Error says which template failed and why.
func (e *TemplateError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "letter: template %s (%s, %s)", e.Name, e.Kind, e.Lang)
	if len(e.Missing) > 0 {
		fmt.Fprintf(&b, " does not print the mandatory fields %s", strings.Join(e.Missing, ", "))
	}
	if e.Err != nil {
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	return b.String()
}

// Unwrap returns ErrTemplate and the underlying error.
func (e *TemplateError) Unwrap() []error { return []error{ErrTemplate, e.Err} }

// PersonalDataError reports a letter that would print personal data of a
// person other than its addressee. It names the field (or "testo" for the
// rendered text) and the kind of datum, never the datum.
type PersonalDataError struct {
	// Kind is the letter's kind.
	Kind Kind
	// Field names the field holding the datum ("oggetto" for the subject
	// line, "testo" for the rendered text).
	Field string
	// What is the kind of datum ("identificativo": a name, code or
	// contact of a person the case knows).
	What string
}

// Error names the letter's kind, the field and the kind of datum, never
// the datum.
func (e *PersonalDataError) Error() string {
	return fmt.Sprintf("letter: %s: field %s holds personal data of a person other than the addressee (%s): rewrite it", e.Kind, e.Field, e.What)
}

// Unwrap returns ErrPersonalData.
func (e *PersonalDataError) Unwrap() error { return ErrPersonalData }
