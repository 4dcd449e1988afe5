package register

import (
	"github.com/puntodiascolto/ascolto/history"
	"strings"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
)

// Placeholder is the subject the register publishes for a request whose
// publishable summary the office has not written yet: never the applicant's
// own words.
const Placeholder = "Sintesi dell'oggetto non ancora redatta dall'ufficio"

// Entry is one row of the register of access requests: the columns of
// Circolare FP 2/2017 All. 3 §4 (request, review and court blocks) with the
// additions published registers carry (kind, protocol, office, channel,
// forwarding, closing date), and the ombudsman's block.
//
// Every field is publishable by construction: EntryOf fills it only from
// the publishable fields of an access.Request (dates, codes, counts and the
// summaries the office writes for publication), never from the applicant's
// data or words.
type Entry struct {
	// ID is the request's identifier in the store (a UUID or the protocol
	// system's key); it is not published in the CSV.
	ID access.ID `json:"-"`
	// Head is the head of the history the row was built from; it is not a
	// column, it goes into the file's Anchor.
	Head history.Head `json:"-"`
	// Kind is the Tipologia di accesso.
	Kind access.Kind `json:"tipologia"`
	// Informal marks an informal documentale request.
	Informal bool `json:"informale,omitempty"`
	// Protocol number and date of the request.
	Protocol     string        `json:"numeroProtocollo"`
	ProtocolDate deadline.Date `json:"dataProtocollo"`
	// Filed is the Data di presentazione: the day the request was received.
	Filed deadline.Date `json:"dataPresentazione"`
	// Subject is the Oggetto della richiesta: the office's publishable
	// summary, or Placeholder.
	Subject string `json:"oggetto"`
	// Office is the competent structure (Struttura), by name when a
	// directory is given.
	Office string `json:"struttura"`
	// Channel is how the request arrived.
	Channel string `json:"canale"`
	// CounterInterested is the Presenza di controinteressati.
	CounterInterested bool `json:"controinteressati"`
	// Forwarded names where the request was forwarded (Trasferita); empty if not.
	Forwarded string `json:"trasferita,omitempty"`
	// Outcome is the Esito: the decision (OutcomeLabel), or the state of a
	// request without one: "ritirata dal richiedente", "trasmessa ad altra
	// amministrazione", the closing without a decision (ArchivedLabel),
	// "silenzio-rigetto" or "mancata risposta nei termini" (Options.Today),
	// "in attesa di regolarizzazione", "in istruttoria".
	Outcome string `json:"esito"`
	// Decided is the Data del provvedimento.
	Decided deadline.Date `json:"dataProvvedimento"`
	// Reasons is the Sintesi della motivazione: grounds with their
	// citations, the deferral date and the office's publishable summary.
	Reasons string `json:"sintesiMotivazione,omitempty"`
	// Review is the riesame block; nil without a review.
	Review *EntryReview `json:"riesame,omitempty"`
	// Ombudsman is the difensore civico block; nil without a recourse.
	Ombudsman *EntryOmbudsman `json:"difensoreCivico,omitempty"`
	// Appeal is the court block; nil without an appeal.
	Appeal *EntryAppeal `json:"ricorsoGiurisdizionale,omitempty"`
	// Closed is the closing date (archiviazione, withdrawal, transfer).
	Closed deadline.Date `json:"dataChiusura"`
	// Withheld lists the texts of the row the check at publication
	// replaced by Withheld (a name, a code, a contact...): for the office,
	// never published.
	Withheld []Withholding `json:"-"`
}

// EntryReview is the review block of a register row.
type EntryReview struct {
	Filed   deadline.Date `json:"dataPresentazione"`
	Outcome string        `json:"esito"`
	Decided deadline.Date `json:"dataProvvedimento"`
	Reasons string        `json:"sintesiMotivazione,omitempty"`
}

// EntryOmbudsman is the difensore civico (or Commissione per l'accesso) block.
type EntryOmbudsman struct {
	Body    string        `json:"organo"`
	Filed   deadline.Date `json:"dataPresentazione"`
	Outcome string        `json:"esito"`
	Decided deadline.Date `json:"dataEsito"`
}

// EntryAppeal is the court block (Circolare FP 2/2017 All. 3 § 4): the day
// the appeal was filed, the day the ruling was communicated to the
// administration (the Circolare's "Data di comunicazione del provvedimento
// all'amministrazione", empty while unknown) and the outcome. The JSON adds
// the day of the ruling itself.
type EntryAppeal struct {
	// Filed is the day the appeal was filed.
	Filed deadline.Date `json:"dataPresentazione"`
	// Communicated is the day the ruling was communicated to the
	// administration (access.Appeal.Communicated).
	Communicated deadline.Date `json:"dataComunicazione"`
	// Decided is the day of the ruling; JSON only, not a column of the CSV.
	Decided deadline.Date `json:"dataDecisione"`
	// Outcome is the Esito: the court's outcome, or "in corso".
	Outcome string `json:"esito"`
}

// Options tune how rows are built.
type Options struct {
	// Directory names the offices; nil prints their IDs.
	Directory *office.Directory
	// Today, when set, lets a request without decision past its due date be
	// published as "silenzio-rigetto" (documentale access, art. 25 c. 4 L.
	// 241/1990) or "mancata risposta nei termini" (civic access, art. 5 c. 6
	// D.Lgs. 33/2013) instead of "in istruttoria".
	Today deadline.Date
}

// OutcomeLabel returns the Esito the register prints for a decision
// outcome, in the words of Circolare FP 2/2017 All. 3 (accoglimento, rifiuto
// parziale, rifiuto totale) and of the deferral and inadmissibility.
func OutcomeLabel(o access.Outcome) string {
	switch o {
	case access.Accepted:
		return "accoglimento"
	case access.PartiallyAccepted:
		return "rifiuto parziale"
	case access.Refused:
		return "rifiuto totale"
	case access.Deferred:
		return "differimento"
	case access.Inadmissible:
		return "inammissibilità"
	}
	return string(o)
}

// ArchivedLabel returns the Esito of a request the office closed
// (archiviazione) without a decision. Circolare FP 2/2017 All. 3 names the
// outcomes of a decision (accoglimento, rifiuto parziale, rifiuto totale);
// a request archived without one has none of them, and the register says
// why it ended instead of leaving it "in istruttoria":
//
//   - "archiviata per mancata presentazione della richiesta formale": an
//     informal documentale request whose requester, invited to file a
//     formal one (art. 5 c. 6 DPR 184/2006), did not;
//   - "archiviata per mancata regolarizzazione": a request closed after an
//     irregularity notice (art. 6 c. 5 DPR 184/2006; for civic access, the
//     invitation to make it precise) that the requester did not answer,
//     the only undecided closing the access lifecycle allows;
//   - "archiviata senza provvedimento" otherwise.
//
// The closing day is the row's Data di chiusura; the Data del
// provvedimento stays empty.
func ArchivedLabel(r *access.Request) string {
	switch {
	case r.IrregularityNotified.IsZero():
		return "archiviata senza provvedimento"
	case r.Informal:
		return "archiviata per mancata presentazione della richiesta formale"
	}
	return "archiviata per mancata regolarizzazione"
}

// KindLabel returns the Tipologia di accesso: "accesso civico generalizzato".
func KindLabel(k access.Kind, informal bool) string {
	s := k.Italian()
	if informal {
		s += " (informale)"
	}
	return s
}

// EntryOf builds the register row of a request from its publishable
// fields only, and checks them again as it publishes them: the protocol
// number is printed in its normal form (access.Protocol.Publishable), and
// every text (subject, office, forwarding, the summaries of the decision
// and the review, the court's outcome) is checked against every person the
// request's history knows now (access.Request.PersonalData). A text that
// fails is replaced by Withheld and listed in Entry.Withheld for the office.
func EntryOf(r *access.Request, o Options) Entry {
	e := Entry{
		ID: r.ID, Head: r.Head(), Kind: r.Kind, Informal: r.Informal,
		ProtocolDate: r.Protocol.Date, Filed: r.Received, Subject: strings.TrimSpace(r.PublicSubject),
		Office: officeName(o.Directory, r.Office), Channel: r.Channel.Italian(),
		CounterInterested: r.CounterInterested > 0,
		Closed:            closedOn(r),
	}
	if e.Subject == "" {
		e.Subject = Placeholder
	}
	if f := r.Forwarded; f != nil {
		e.Forwarded = f.Name
		if e.Forwarded == "" {
			e.Forwarded = officeName(o.Directory, f.To)
		}
	}
	switch d := r.Decision; {
	case d != nil:
		e.Outcome, e.Decided = OutcomeLabel(d.Outcome), d.Date
		e.Reasons = reasons(d.Grounds, d.DeferredUntil, d.Summary)
	case r.State == access.StateWithdrawn:
		e.Outcome = "ritirata dal richiedente"
	case r.State == access.StateTransferred:
		e.Outcome = "trasmessa ad altra amministrazione"
	case !r.Closed.IsZero():
		e.Outcome = ArchivedLabel(r)
	case !o.Today.IsZero() && r.Silent(o.Today) && r.Kind == access.Documentale:
		e.Outcome = "silenzio-rigetto"
	case !o.Today.IsZero() && r.Silent(o.Today):
		e.Outcome = "mancata risposta nei termini"
	case r.State == access.StateIrregular:
		e.Outcome = "in attesa di regolarizzazione"
	default:
		e.Outcome = "in istruttoria"
	}
	if v := r.Review; v != nil {
		e.Review = &EntryReview{Filed: v.Filed, Decided: v.Decided, Outcome: "in corso", Reasons: reasons(v.Grounds, deadline.Date{}, v.Summary)}
		if v.Outcome != "" {
			e.Review.Outcome = OutcomeLabel(v.Outcome)
		}
	}
	if b := r.Ombudsman; b != nil {
		e.Ombudsman = &EntryOmbudsman{Body: b.Body.Italian(), Filed: b.Filed, Decided: b.Decided, Outcome: "in corso"}
		if b.Outcome != "" {
			e.Ombudsman.Outcome = b.Outcome.Italian()
		}
	}
	if a := r.Appeal; a != nil {
		e.Appeal = &EntryAppeal{Filed: a.Filed, Communicated: a.Communicated, Decided: a.Decided, Outcome: "in corso"}
		if a.Outcome != "" {
			e.Appeal.Outcome = a.Outcome
		}
	}
	publishable(&e, r)
	return e
}

// closedOn is the day a request left the office's hands: its closing,
// withdrawal or transfer to another administration.
func closedOn(r *access.Request) deadline.Date {
	switch {
	case !r.Closed.IsZero():
		return r.Closed
	case !r.Withdrawn.IsZero():
		return r.Withdrawn
	case r.State == access.StateTransferred && r.Forwarded != nil:
		return r.Forwarded.Date
	}
	return deadline.Date{}
}

func officeName(d *office.Directory, id office.ID) string {
	if id == "" {
		return ""
	}
	if d != nil {
		if o, err := d.Office(id); err == nil {
			return o.Name
		}
	}
	return string(id)
}

// reasons writes the Sintesi della motivazione: the grounds with their
// citations, the deferral and the office's publishable summary.
func reasons(gs []access.Ground, until deadline.Date, summary string) string {
	if len(gs) == 0 && until.IsZero() {
		return strings.TrimSpace(summary)
	}
	var parts []string
	for _, g := range gs {
		parts = append(parts, g.String())
	}
	if !until.IsZero() {
		parts = append(parts, "accesso differito al "+until.Italian())
	}
	if s := strings.TrimSpace(summary); s != "" {
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}
