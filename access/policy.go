package access

import (
	"fmt"
	"strings"

	"github.com/puntodiascolto/ascolto/internal/privacy"
	"github.com/puntodiascolto/ascolto/internal/textfold"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/procedure"
)

// Policy holds an administration's choices where the law leaves room (the
// [P] marks of the project's legal notes) and its own settings. Each choice
// carries the citation it rests on. The zero Policy is DefaultPolicy: zero
// fields take their defaults.
type Policy struct {
	// Administration is the administration's name for receipts: "Roma Capitale".
	Administration string `json:"administration,omitempty"`
	// DocumentaleSuspension suspends the 30 days of a documentale request
	// while counter-interested parties may oppose, as art. 5 c. 5 D.Lgs.
	// 33/2013 does for civic access. DPR 184/2006 art. 3 does not say; the
	// default is false, the earlier and safer date for the office [P].
	DocumentaleSuspension bool `json:"documentaleSuspension,omitempty"`
	// StateAdministration marks a State administration, central or
	// peripheral. The zero value, the default and the case of Roma
	// Capitale, is a regional or local administration (see Local). It
	// chooses the body a requester may turn to besides the TAR: for
	// documentale access the difensore civico against regional and local
	// acts, the Commissione per l'accesso against State acts (art. 25 c. 4
	// L. 241/1990); for civic access the difensore civico, who exists only
	// for regional and local administrations (art. 5 c. 8 D.Lgs. 33/2013),
	// so that against a State administration civic access has the review
	// and the TAR only. The zero value keeps the zero Policy the default
	// one.
	StateAdministration bool `json:"stateAdministration,omitempty"`
	// ReviewLateAfter is the number of days after the decision (or the
	// silence) beyond which a review is flagged as late, never refused: no
	// statutory term exists (FAQ foia.gov.it) [P]. Default 30.
	ReviewLateAfter int `json:"reviewLateAfter,omitempty"`
	// InternalLead is how many days before the legal decision date the
	// internal due date of a request to a holding office falls, when the
	// officer does not set one [P]. Default 10.
	InternalLead int `json:"internalLead,omitempty"`
	// Tariffs are the reproduction costs per kind of access (art. 25 c. 1
	// L. 241/1990; art. 5 c. 4 D.Lgs. 33/2013). A kind without a tariff
	// charges nothing.
	Tariffs map[Kind]Tariff `json:"tariffs,omitempty"`
	// Administrations is the closed list of administrations outside this
	// one a request may be transferred to by name (Forwarding.Name with
	// External set; art. 6 c. 2 DPR 184/2006), spelled as the register
	// publishes them in its "Trasferita" column. A destination in the
	// Directory (an External office) needs no entry. Nil means
	// DefaultAdministrations() [P]; entries holding the shape of personal
	// data are refused by NewService.
	Administrations []string `json:"administrations,omitempty"`
	// Substitute is the titolare del potere sostitutivo the governing body
	// named (art. 2 c. 9-bis L. 241/1990), with the act naming it; the
	// zero value is the law's fallback (DefaultSubstitute). Receipts name
	// it as the remedy for delay; only its office (when set) may decide in
	// its place (DecideAsSubstitute).
	Substitute Substitute `json:"substitute,omitzero"`
	// TransferRestart says, per kind, whether the term of a request
	// another administration forwarded here (Filing.ForwardedBy) runs
	// anew from its receipt here rather than from its filing there
	// (Filing.FiledElsewhere). Nil means DefaultTransferRestart:
	// documentale access only, as art. 6 c. 2 and 4 DPR 184/2006 write;
	// civic access counts from the filing (art. 5 c. 6 D.Lgs. 33/2013),
	// which art. 5 c. 3 lets anyone make with any office [P]. Forwarding
	// inside the administration never restarts a term.
	TransferRestart map[Kind]bool `json:"transferRestart,omitempty"`
}

// DefaultTransferRestart returns the default of Policy.TransferRestart:
// only documentale access restarts on a transfer from another
// administration (art. 6 c. 4 DPR 184/2006) [P].
func DefaultTransferRestart() map[Kind]bool { return map[Kind]bool{Documentale: true} }

// TransferRestarts reports whether the term of a request of kind k
// transferred here from another administration runs from its receipt here.
func (p Policy) TransferRestarts(k Kind) bool {
	if p.TransferRestart == nil {
		return DefaultTransferRestart()[k]
	}
	return p.TransferRestart[k]
}

// DefaultAdministrations returns the shipped list of outside
// administrations and companies a request to Roma Capitale is most often
// transferred to [P]: the region, the metropolitan city, the State's
// offices in Rome, the local health authorities, the city's companies.
// Another administration sets its own in Policy.Administrations.
func DefaultAdministrations() []string {
	return []string{
		"Regione Lazio", "Città metropolitana di Roma Capitale",
		"Prefettura di Roma - Ufficio territoriale del Governo", "Questura di Roma",
		"ASL Roma 1", "ASL Roma 2", "ASL Roma 3", "ASL Roma 4", "ASL Roma 5", "ASL Roma 6",
		"Agenzia delle Entrate", "Agenzia del Demanio", "INPS", "INAIL",
		"Ministero dell'Interno", "Ministero delle Infrastrutture e dei Trasporti", "Ministero della Cultura",
		"Soprintendenza Speciale Archeologia Belle Arti e Paesaggio di Roma",
		"Autorità Nazionale Anticorruzione", "Garante per la protezione dei dati personali",
		"ATAC S.p.A.", "AMA S.p.A.", "Acea S.p.A.", "Roma Servizi per la Mobilità S.r.l.", "Risorse per Roma S.p.A.",
	}
}

// administration returns the list's spelling of name, matched whatever the
// case, accents and punctuation, and false when name is not on the list.
func (p Policy) administration(name string) (string, bool) {
	want := textfold.Fold(name)
	for _, a := range p.Administrations {
		if textfold.Fold(a) == want && want != "" {
			return a, true
		}
	}
	return "", false
}

// checkAdministrations refuses a list entry holding the shape of personal
// data (an e-mail, a codice fiscale, a telephone number...).
func (p Policy) checkAdministrations() error {
	for i, a := range p.Administrations {
		if f, ok := privacy.Find(a); ok || blank(a) {
			return procedure.Invalid("Policy.Administrations[%d] is empty or holds personal data (%s)", i, f.Kind)
		}
	}
	return nil
}

// DefaultPolicy returns the shipped defaults: a regional or local
// administration (Local, as Roma Capitale), no documentale suspension, a
// review flagged late after 30 days, internal due dates 10 days ahead of the
// legal one, no tariffs, DefaultAdministrations.
func DefaultPolicy() Policy {
	return Policy{Administration: "l'amministrazione", ReviewLateAfter: 30, InternalLead: 10, Administrations: DefaultAdministrations()}
}

// Local reports whether the administration is regional or local (the
// default, StateAdministration unset): the difensore civico hears
// recourses against its refusals, for documentale access (art. 25 c. 4 L.
// 241/1990) and for civic access (art. 5 c. 8 D.Lgs. 33/2013).
func (p Policy) Local() bool { return !p.StateAdministration }

// OmbudsmanBody returns the body a recourse besides the TAR goes to for a
// request of kind k, and false when there is none: the difensore civico
// for a regional or local administration; for a State administration the
// Commissione per l'accesso for documentale access (art. 25 c. 4 L.
// 241/1990) and none for civic access (art. 5 c. 8 D.Lgs. 33/2013).
func (p Policy) OmbudsmanBody(k Kind) (Body, bool) {
	switch {
	case p.Local():
		return DifensoreCivico, true
	case k == Documentale:
		return CommissioneAccesso, true
	}
	return "", false
}

// withDefaults fills the zero fields of p.
func (p Policy) withDefaults() Policy {
	d := DefaultPolicy()
	if p.Administration == "" {
		p.Administration = d.Administration
	}
	if p.ReviewLateAfter <= 0 {
		p.ReviewLateAfter = d.ReviewLateAfter
	}
	if p.InternalLead <= 0 {
		p.InternalLead = d.InternalLead
	}
	if p.Administrations == nil {
		p.Administrations = DefaultAdministrations()
	}
	p.Substitute = p.Substitute.withDefault()
	return p
}

// citeDocSuspension is the basis of Policy.DocumentaleSuspension.
var citeDocSuspension = cdpr("3", "2").WithNote("sospensione non prevista dal testo: scelta dell'amministrazione").As(law.Policy)

// Tariff is an administration's price list for copies, in euro cents.
// Viewing is always free (art. 25 c. 1 L. 241/1990: "l'esame dei documenti
// è gratuito").
type Tariff struct {
	// PerPage is the cost of reproducing one page on paper.
	PerPage int64 `json:"perPage,omitempty"`
	// PerMedium is the cost of each material medium other than paper (a
	// disc, a USB stick).
	PerMedium map[Medium]int64 `json:"perMedium,omitempty"`
	// StampDuty is the imposta di bollo due on certified copies, per
	// StampPages pages (documentale access only).
	StampDuty  int64 `json:"stampDuty,omitempty"`
	StampPages int   `json:"stampPages,omitempty"`
	// SearchFee is the search and viewing fee (diritti di ricerca e visura)
	// where the administration sets one (documentale access only).
	SearchFee int64 `json:"searchFee,omitempty"`
	// Source is the administration's act that sets the tariff.
	Source law.Citation `json:"source"`
}

// FeeLine is one item of a fee.
type FeeLine struct {
	// Label says what is charged, in Italian.
	Label string `json:"label"`
	// Amount is in euro cents.
	Amount int64 `json:"amount"`
	// Source is the rule that allows the charge.
	Source law.Citation `json:"source"`
}

// Fee is a computed reproduction cost.
type Fee struct {
	// Amount is the total in euro cents.
	Amount int64 `json:"amount"`
	// Lines itemise it.
	Lines []FeeLine `json:"lines,omitempty"`
}

// String renders the fee in Italian: "€ 3,20 (copia cartacea: 32 pagine × € 0,10)".
func (f Fee) String() string {
	var b strings.Builder
	b.WriteString(Euro(f.Amount))
	if len(f.Lines) > 0 {
		b.WriteString(" (")
		for i, l := range f.Lines {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(l.Label)
		}
		b.WriteByte(')')
	}
	return b.String()
}

// Euro formats cents the Italian way: "€ 1.234,50".
func Euro(cents int64) string {
	neg := cents < 0
	if neg {
		cents = -cents
	}
	units := fmt.Sprint(cents / 100)
	var grouped []byte
	for i := range len(units) {
		if i > 0 && (len(units)-i)%3 == 0 {
			grouped = append(grouped, '.')
		}
		grouped = append(grouped, units[i])
	}
	sign := ""
	if neg {
		sign = "-"
	}
	return fmt.Sprintf("€ %s%s,%02d", sign, grouped, cents%100)
}

// Cost computes the cost of copies c for a request of kind k. Viewing and
// electronic copies are free. Civic access costs only the reproduction on
// material media (art. 5 c. 4 D.Lgs. 33/2013): certified copies and search
// fees are refused with a *RuleError. Documentale copies cost reproduction,
// stamp duty on certified copies and search fees where set (art. 25 c. 1
// L. 241/1990).
func (t Tariff) Cost(k Kind, c Copy) (Fee, error) {
	if !k.Valid() {
		return Fee{}, procedure.Invalid("unknown kind %q", k)
	}
	if !c.Medium.Valid() {
		return Fee{}, procedure.Invalid("unknown medium %q", c.Medium)
	}
	if c.Pages < 0 || c.Searches < 0 {
		return Fee{}, procedure.Invalid("negative pages or searches")
	}
	basis := citeDocFees
	if k.Civic() {
		basis = citeCivicFees
		if c.Certified {
			return Fee{}, procedure.Refuse(citeCivicFees, "civic access is free except the cost of reproduction on material media: no stamp duty")
		}
		if c.Searches > 0 {
			return Fee{}, procedure.Refuse(citeCivicFees, "civic access is free except the cost of reproduction on material media: no search fees")
		}
	}
	var f Fee
	add := func(label string, amount int64, src law.Citation) {
		if amount <= 0 {
			return
		}
		f.Lines = append(f.Lines, FeeLine{Label: label, Amount: amount, Source: src})
		f.Amount += amount
	}
	switch c.Medium {
	case MediumPaper:
		add(fmt.Sprintf("copia cartacea: %d pagine × %s", c.Pages, Euro(t.PerPage)), int64(c.Pages)*t.PerPage, basis)
	case MediumDisc, MediumUSB:
		add(c.Medium.Italian(), t.PerMedium[c.Medium], basis)
	}
	if c.Certified && t.StampDuty > 0 && c.Pages > 0 {
		per := t.StampPages
		if per <= 0 {
			per = 4
		}
		n := (c.Pages + per - 1) / per
		add(fmt.Sprintf("imposta di bollo: %d × %s", n, Euro(t.StampDuty)), int64(n)*t.StampDuty, citeStamp)
	}
	if c.Searches > 0 {
		add(fmt.Sprintf("diritti di ricerca e visura: %d × %s", c.Searches, Euro(t.SearchFee)), int64(c.Searches)*t.SearchFee, citeDocFees)
	}
	return f, nil
}
