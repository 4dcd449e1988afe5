package access

import (
	"strings"

	"github.com/puntodiascolto/ascolto/law"
)

// Requirement is a field a request must (or, per the forms' model, should)
// carry, with the rule that asks for it.
type Requirement struct {
	// Field is a stable code: "applicant.name", "reasons".
	Field string `json:"field"`
	// Label is the field in Italian.
	Label string `json:"label"`
	// Source is the rule.
	Source law.Citation `json:"source"`
}

// String renders the requirement with its citation.
func (q Requirement) String() string { return q.Label + " (" + q.Source.String() + ")" }

// Intake is the check of a request against the fields its form must carry:
// Circolare Funzione Pubblica 2/2017 All. 1 for civic access, art. 5 c. 2
// DPR 184/2006 and art. 25 c. 2 L. 241/1990 for documentale access.
type Intake struct {
	// Missing lists what is missing, each with its citation, in Italian.
	Missing []string `json:"missing,omitempty"`
	// Gaps are the same, as values.
	Gaps []Requirement `json:"gaps,omitempty"`
}

// Complete reports whether nothing is missing.
func (in Intake) Complete() bool { return len(in.Gaps) == 0 }

// intakeFields are the fields the check looks at.
type intakeFields struct {
	kind           Kind
	informal       bool
	applicant      Person
	identification string
	subject        string
	requested      string
	reasons        string
}

// CheckIntake checks a request's current data (as filed and corrected).
func CheckIntake(r *Request) Intake {
	return checkIntake(intakeFields{r.Kind, r.Informal, r.Applicant, r.Identification, r.Subject, r.Requested, r.Reasons})
}

// CheckFiling checks a filing before it is recorded. Filing never fails on
// what is missing: the office records the request and asks for what lacks
// (a documentale request without reasons is irregular and cannot be granted
// until corrected, art. 25 c. 2 L. 241/1990).
func CheckFiling(f Filing) Intake {
	return checkIntake(intakeFields{f.Kind, f.Informal && f.Kind == Documentale, f.Applicant, f.Identification, f.Subject, f.Requested, f.Reasons})
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

func checkIntake(f intakeFields) Intake {
	var in Intake
	miss := func(field, label string, src law.Citation) {
		q := Requirement{Field: field, Label: label, Source: src}
		in.Gaps = append(in.Gaps, q)
		in.Missing = append(in.Missing, q.String())
	}
	who := citeFormFields
	if f.kind == Documentale {
		who = citeDPRRequest
	}
	if blank(f.applicant.Name) || (blank(f.applicant.Surname) && blank(f.applicant.FiscalCode)) {
		miss("applicant.name", "richiedente: nome e cognome (o denominazione e codice fiscale)", who)
	}
	if f.kind.Civic() {
		if blank(f.applicant.BirthPlace) || f.applicant.BirthDate.IsZero() {
			if blank(f.applicant.FiscalCode) {
				miss("applicant.birth", "richiedente: luogo e data di nascita", citeFormFields)
			}
		}
		if blank(f.applicant.Residence) {
			miss("applicant.residence", "richiedente: residenza", citeFormFields)
		}
	}
	if !f.applicant.Contact() {
		miss("applicant.contact", "recapito per le comunicazioni (e-mail, PEC o indirizzo)", citeFormFields)
	}
	if blank(f.requested) && blank(f.subject) {
		src := citeFormFields
		if f.kind == Documentale {
			src = citeDPRRequest
		}
		miss("requested", "documenti o dati richiesti, o gli elementi che ne consentono l'individuazione", src)
	}
	if blank(f.identification) {
		src := citeIdentity
		if f.kind == Documentale {
			src = citeDPRRequest
		}
		miss("identification", "identificazione del richiedente (SPID, CIE, firma digitale, PEC o documento di identità)", src)
	}
	if f.kind == Documentale && blank(f.reasons) {
		miss("reasons", "motivazione: l'interesse diretto, concreto e attuale collegato ai documenti", citeDocReasons)
	}
	return in
}
