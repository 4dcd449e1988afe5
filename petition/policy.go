package petition

import (
	"fmt"
	"slices"
	"strings"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/textfold"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
)

// Kind is a kind of popular initiative. The constants are Rome's kinds
// (Statuto di Roma Capitale art. 8); another administration may declare its
// own in its Policy.
type Kind string

const (
	// Petizione: petizione all'Assemblea Capitolina o al Sindaco per
	// promuovere l'adozione di provvedimenti (art. 8 c. 6 Statuto).
	Petizione Kind = "petizione"
	// InterrogazionePopolare: interrogazione popolare al Sindaco, con almeno
	// 200 sottoscrizioni (art. 8 c. 5 Statuto).
	InterrogazionePopolare Kind = "interrogazione-popolare"
	// InterpellanzaPopolare: interpellanza popolare al Sindaco, con le stesse
	// regole dell'interrogazione (art. 8 c. 5 Statuto).
	InterpellanzaPopolare Kind = "interpellanza-popolare"
	// PropostaDeliberazione: proposta di deliberazione di iniziativa
	// popolare all'Assemblea o alla Giunta Capitolina, con almeno 5.000
	// sottoscrizioni raccolte nei tre mesi precedenti al deposito (art. 8
	// c. 2-3 Statuto).
	PropostaDeliberazione Kind = "proposta-deliberazione"
)

// Addressee identifies the body a petition is addressed to.
type Addressee string

const (
	// Sindaco: il Sindaco di Roma Capitale.
	Sindaco Addressee = "sindaco"
	// AssembleaCapitolina: l'Assemblea Capitolina (the city council).
	AssembleaCapitolina Addressee = "assemblea-capitolina"
	// GiuntaCapitolina: la Giunta Capitolina (the city executive).
	GiuntaCapitolina Addressee = "giunta-capitolina"
)

// Body is an addressee with the office that answers for it.
type Body struct {
	// ID is the addressee's stable identifier.
	ID Addressee `json:"id"`
	// Name is the body's name in Italian: "Sindaco di Roma Capitale".
	Name string `json:"name"`
	// Secretariat is the office that answers on the body's behalf (the
	// Mayor's secretariat, the Segretariato generale for the Assemblea).
	// When set, only a CompetentOffice actor of that office may record the
	// answer; when empty, any CompetentOffice actor may.
	Secretariat office.ID `json:"secretariat,omitempty"`
}

// Threshold is the minimum number of valid signatures a filing needs.
type Threshold struct {
	// Signatures is the minimum; 1 means a single person may file.
	Signatures int `json:"signatures"`
	// Source is the provision that sets it.
	Source law.Citation `json:"source"`
}

// Window limits which signatures count at filing: only those collected in
// the Length Units before the filing day, from the window's first day
// (included) to the filing day.
//
// The first day is reached by counting Length Units back from the filing
// day with the rule of art. 2963 c. 4-5 c.c. applied backwards: the
// same-numbered day, or, when the month reached has no such day, its last
// day (c. 5). Filed on 31 May, three months reach back to 28 (or 29)
// February. This is the generous reading, the default [P]: the code's rule
// applied as written, in favour of the signatures collected, although the
// window then spans three months and three days. Strict selects the other
// reading: the window never spans more than Length Units counted forward
// from its first day (art. 2963 c. 4-5 again), so that when the day of
// filing does not exist in the month reached, the window starts on the
// first day of the following month (filed on 31 May: from 1 March). The
// two readings differ only then.
//
// The zero Window sets no limit.
type Window struct {
	// Length is the number of units; 0 means no window.
	Length int `json:"length"`
	// Unit is the unit of Length: deadline.Days, deadline.Months or
	// deadline.Years.
	Unit deadline.Unit `json:"unit"`
	// Strict selects the strict reading of a window in months or years
	// (see Window); false, the default, the generous one.
	Strict bool `json:"strict,omitempty"`
	// Source is the provision that sets the window.
	Source law.Citation `json:"source"`
}

// IsZero reports whether w sets no limit.
func (w Window) IsZero() bool { return w.Length == 0 }

// Start returns the first day of the window of a filing on day filed, or
// the zero Date when there is no window.
func (w Window) Start(filed deadline.Date) deadline.Date {
	var start deadline.Date
	switch {
	case w.Length <= 0 || filed.IsZero():
		return deadline.Date{}
	case w.Unit == deadline.Months:
		start = filed.AddMonths(-w.Length)
		if w.Strict && start.AddMonths(w.Length).Before(filed) {
			start = start.AddDays(1) // the last day of a shorter month: the next
		}
	case w.Unit == deadline.Years:
		start = filed.AddYears(-w.Length)
		if w.Strict && start.AddYears(w.Length).Before(filed) {
			start = start.AddDays(1) // 28 February for a filing on 29 February
		}
	default:
		start = filed.AddDays(-w.Length)
	}
	return start
}

// String renders the window in Italian: "3 mesi prima del deposito".
func (w Window) String() string {
	if w.IsZero() {
		return "nessun limite"
	}
	return fmt.Sprintf("%d %s prima del deposito", w.Length, w.Unit)
}

// SpecialTerm replaces the answer term for petitions on a matter, e.g. 30
// days instead of 60 for interrogazioni on equal opportunities (art. 8 c. 5
// Statuto). It applies to a petition the office declares on that matter at
// registration (Registration.EqualOpportunities, for a term marked
// EqualOpportunities) or, failing the declaration, whose matter names it.
type SpecialTerm struct {
	// Matter is looked for in the petition's matter as a sequence of whole
	// words, ignoring case, accents and punctuation (the folding of every
	// matcher of the module, as for office matters): "pari
	// opportunità" matches "Pari opportunità di genere" and "politiche di
	// genere e pari opportunità", not "dispari opportunità". It is the
	// fallback when the office declared nothing.
	Matter string `json:"matter"`
	// EqualOpportunities marks the term of petitions on equal opportunities:
	// it applies whenever the registration declares EqualOpportunities,
	// whatever the matter.
	EqualOpportunities bool `json:"equalOpportunities,omitempty"`
	// Term replaces the kind's answer term.
	Term deadline.Term `json:"term"`
}

// matches reports whether s applies to a petition on matter, declared on
// equal opportunities or not.
func (s SpecialTerm) matches(matter string, equalOpportunities bool) bool {
	if equalOpportunities && s.EqualOpportunities {
		return true
	}
	want := textfold.Fold(s.Matter)
	return want != "" && strings.Contains(" "+textfold.Fold(matter)+" ", " "+want+" ")
}

// OnlineRule says whether signatures authenticated online (SPID, CIE) are
// accepted.
type OnlineRule uint8

const (
	// OnlineNone: paper signatures only.
	OnlineNone OnlineRule = iota
	// OnlineSingle: an online petition has a single signatory, authenticated
	// online; petitions with more signatories are collected on paper.
	OnlineSingle
	// OnlineAny: online and paper signatures may be mixed freely.
	OnlineAny
)

// String returns the rule in Italian.
func (o OnlineRule) String() string {
	switch o {
	case OnlineNone:
		return "solo firme su carta"
	case OnlineSingle:
		return "online con un solo firmatario"
	case OnlineAny:
		return "firme online e su carta"
	}
	return fmt.Sprintf("OnlineRule(%d)", uint8(o))
}

// KindRules are the rules of one kind of initiative: who it is addressed to,
// how many signatures it needs and when they must be collected, how signatures
// may be given, and the term for the answer.
type KindRules struct {
	// Kind identifies the kind.
	Kind Kind `json:"kind"`
	// Name is the kind's name in Italian: "petizione".
	Name string `json:"name"`
	// Source is the provision that establishes the instrument.
	Source law.Citation `json:"source"`
	// Addressees are the bodies it may be addressed to (IDs of Policy.Bodies).
	Addressees []Addressee `json:"addressees"`
	// Threshold is the minimum number of signatures counted at filing.
	Threshold Threshold `json:"threshold"`
	// Window limits which signatures count at filing.
	Window Window `json:"window"`
	// Online says whether and how online signatures are accepted.
	Online OnlineRule `json:"online"`
	// OnlineSource is the provision or page behind Online.
	OnlineSource law.Citation `json:"onlineSource"`
	// Answer is the term for the answer (or the decision), from filing.
	Answer deadline.Term `json:"answer"`
	// Special lists answer terms that replace Answer for some matters.
	Special []SpecialTerm `json:"special,omitempty"`
}

// AnswerTerm returns the term for the answer to a petition on matter,
// declared by the office on equal opportunities or not: when declared, the
// first Special term marked EqualOpportunities (the shorter term of art. 8
// c. 5 Statuto); otherwise, or if the kind has none, the first Special term
// whose Matter the matter names as whole words; else Answer.
func (r KindRules) AnswerTerm(matter string, equalOpportunities bool) deadline.Term {
	if equalOpportunities {
		for _, s := range r.Special {
			if s.EqualOpportunities {
				return s.Term
			}
		}
	}
	for _, s := range r.Special {
		if s.matches(matter, false) {
			return s.Term
		}
	}
	return r.Answer
}

// hasEqualOpportunities reports whether the kind has a special term for
// petitions declared on equal opportunities.
func (r KindRules) hasEqualOpportunities() bool {
	for _, s := range r.Special {
		if s.EqualOpportunities {
			return true
		}
	}
	return false
}

func (r KindRules) clone() KindRules {
	r.Addressees = slices.Clone(r.Addressees)
	r.Special = slices.Clone(r.Special)
	return r
}

// CategoryID identifies an eligibility category.
type CategoryID string

// Rome's eligibility categories (Statuto art. 6 c. 1).
const (
	// Elettore: cittadini iscritti nelle liste elettorali di Roma Capitale
	// (art. 6 c. 1 Statuto), residenti o no: gli iscritti all'AIRE sono
	// nelle liste elettorali senza risiedere a Roma.
	Elettore CategoryID = "elettore"
	// Lavoratore: cittadini non residenti con diritto di elettorato attivo
	// che esercitano a Roma la propria attività prevalente di lavoro.
	Lavoratore CategoryID = "lavoratore"
	// Studente: studenti non residenti con diritto di elettorato attivo che
	// studiano presso scuole o università di Roma.
	Studente CategoryID = "studente"
	// Straniero: stranieri maggiorenni, legittimamente presenti, residenti a
	// Roma o domiciliati per ragioni di studio o di lavoro.
	Straniero CategoryID = "straniero"
)

// Category is a class of people who may sign, with what each signatory must
// declare to prove it.
type Category struct {
	// ID identifies the category.
	ID CategoryID `json:"id"`
	// Name describes the category in Italian.
	Name string `json:"name"`
	// MinAge is the age a signatory must have reached on the day of signing;
	// 0 for none.
	MinAge int `json:"minAge"`
	// Evidence says what the signatory declares to prove the category
	// ("sezione elettorale", "sede di lavoro"); when set, a signature without
	// a declared evidence is refused.
	Evidence string `json:"evidence,omitempty"`
	// Source is the provision that admits the category.
	Source law.Citation `json:"source"`
}

// Policy is an administration's configuration of popular initiatives: its
// kinds with their rules, the bodies that receive them, the categories of
// people who may sign, and the organisational terms the law leaves to it.
// Rome returns Roma Capitale's; another administration (a Municipio, another
// city) builds its own, typically starting from Rome and replacing kinds
// with With.
type Policy struct {
	// Administration names the administration: "Roma Capitale".
	Administration string `json:"administration"`
	// Kinds are the kinds of initiative and their rules.
	Kinds []KindRules `json:"kinds"`
	// Bodies are the addressees.
	Bodies []Body `json:"bodies"`
	// Categories are the eligibility categories.
	Categories []Category `json:"categories"`
	// ReplyTerm is the internal term, from forwarding, for a competent office
	// to reply to a request for information ([P]: the law sets none).
	ReplyTerm deadline.Term `json:"replyTerm"`
	// DueSoon is how many days before its due date a deadline reads "in
	// scadenza" in reminders.
	DueSoon int `json:"dueSoon"`
}

// Rome's citations.
var (
	statuto          = "Statuto Roma Capitale"
	regolamento      = "Regolamento istituti di partecipazione (Del. CC 101/1994)"
	citeStatutoArt6  = law.Cite(statuto, "6", "1")
	citeArt8c2       = law.Cite(statuto, "8", "2")
	citeArt8c3       = law.Cite(statuto, "8", "3")
	citeArt8c5       = law.Cite(statuto, "8", "5")
	citeArt8c6       = law.Cite(statuto, "8", "6")
	citePetitionTerm = law.Cite(regolamento, "6", "").As(law.Secondary).
				WithNote("comune.roma.it, Petizioni popolari: il procedimento si conclude entro 60 giorni")
	citePetitionOnline = law.Cite(statuto, "8", "6").As(law.Secondary).
				WithNote("comune.roma.it, Petizioni popolari: online con SPID, limitatamente alle petizioni di un singolo cittadino")
	citeProposalOnline = law.Cite(statuto, "8", "1").As(law.Secondary).
				WithNote("comune.roma.it, Iniziative popolari: raccolta di adesioni in modalità digitale di petizioni e proposte")
	citeQuestionOnline = law.Cite(statuto, "8", "1").As(law.Policy).
				WithNote("uso delle nuove tecnologie per l'esercizio dei diritti: firme online ammesse")
	citeReplyTerm = law.Citation{Note: "termine interno per il riscontro degli uffici competenti, scelta organizzativa", Confidence: law.Policy}
	// citeInquiry is the basis of forwarding and replies: the responsible
	// officer gathers the facts needed to conclude (L. 241/1990 art. 6 c. 1 lett. b).
	citeInquiry = law.Cite("L. 241/1990", "6", "1").WithLetter("b")
	// citeWithdrawal is the basis of withdrawing a signature before filing.
	citeWithdrawal = law.Citation{Note: "revoca della sottoscrizione prima del deposito: l'adesione è libera fino al deposito", Confidence: law.Policy}
	// citeOneSignature is the basis of refusing a second signature with the
	// same code: neither the Statuto (art. 8 c. 5 sets the threshold, not
	// how signatures are checked) nor a located article of the Regolamento
	// (Del. CC 101/1994) says it in words; the threshold counts signatories.
	citeOneSignature = law.Citation{Note: "una sola sottoscrizione per persona: la soglia conta firmatari distinti, identificati dal codice fiscale come rilasciato", Confidence: law.Policy}
	// citeCollectionPeriod is the basis of refusing a signature dated before
	// the collection opened, after the end the promoters declared, or after
	// the day it is recorded.
	citeCollectionPeriod = law.Citation{Note: "contano le firme raccolte tra l'apertura della raccolta e la chiusura dichiarata dai promotori, datate non oltre il giorno della registrazione", Confidence: law.Policy}
	// citeArchive is the basis of archiving a closed or abandoned initiative.
	citeArchive = law.Citation{Note: "archiviazione della pratica conclusa o abbandonata", Confidence: law.Policy}
)

// Rome returns Roma Capitale's policy (Statuto di Roma Capitale, Del. AC
// 8/2013 as amended by Del. AC 1/2018 and 5/2018, art. 6 and 8; Regolamento
// per gli istituti di partecipazione e di iniziativa popolare, Del. CC
// 101/1994):
//
//   - petizione to the Mayor or the Assemblea Capitolina: one signatory is
//     enough (art. 8 c. 6); online with SPID for a single signatory [S];
//     procedure concluded within 60 days [S];
//   - interrogazione and interpellanza popolare to the Mayor: at least 200
//     signatures, written answer within 60 days of filing, 30 days on equal
//     opportunities (art. 8 c. 5) [T], declared at registration or named by
//     the matter (SpecialTerm); online signatures accepted [P];
//   - proposta di deliberazione to the Assemblea or the Giunta: at least
//     5,000 signatures collected in the 3 months before filing (art. 8 c. 2),
//     decided within 6 months of filing (art. 8 c. 3) [T]; online adhesions
//     accepted [S];
//   - signatories of the four categories of art. 6 c. 1, all of age: the
//     first three through the electoral right, foreigners expressly;
//   - replies of competent offices due 15 days after forwarding [P]; reminders
//     7 days ahead [P].
//
// The bodies have no Secretariat: set it (With... on a copy) to the offices of
// the caller's Directory to restrict who records answers.
func Rome() Policy {
	days := func(name string, n int, src law.Citation) deadline.Term {
		return deadline.Term{Name: name, Length: n, Unit: deadline.Days, Kind: deadline.Administrative, Source: src}
	}
	question := func(k Kind, name string) KindRules {
		return KindRules{
			Kind: k, Name: name, Source: citeArt8c5,
			Addressees:   []Addressee{Sindaco},
			Threshold:    Threshold{Signatures: 200, Source: citeArt8c5},
			Online:       OnlineAny,
			OnlineSource: citeQuestionOnline,
			Answer:       days("risposta scritta del Sindaco", 60, citeArt8c5),
			Special: []SpecialTerm{{
				Matter: "pari opportunità", EqualOpportunities: true,
				Term: days("risposta scritta del Sindaco (pari opportunità)", 30, citeArt8c5),
			}},
		}
	}
	return Policy{
		Administration: "Roma Capitale",
		Kinds: []KindRules{
			{
				Kind: Petizione, Name: "petizione", Source: citeArt8c6,
				Addressees:   []Addressee{Sindaco, AssembleaCapitolina},
				Threshold:    Threshold{Signatures: 1, Source: citeArt8c6},
				Online:       OnlineSingle,
				OnlineSource: citePetitionOnline,
				Answer:       days("conclusione del procedimento di petizione", 60, citePetitionTerm),
			},
			question(InterrogazionePopolare, "interrogazione popolare"),
			question(InterpellanzaPopolare, "interpellanza popolare"),
			{
				Kind: PropostaDeliberazione, Name: "proposta di deliberazione di iniziativa popolare", Source: citeArt8c2,
				Addressees:   []Addressee{AssembleaCapitolina, GiuntaCapitolina},
				Threshold:    Threshold{Signatures: 5000, Source: citeArt8c2},
				Window:       Window{Length: 3, Unit: deadline.Months, Source: citeArt8c2},
				Online:       OnlineAny,
				OnlineSource: citeProposalOnline,
				Answer: deadline.Term{
					Name: "determinazione sulla proposta", Length: 6, Unit: deadline.Months,
					Kind: deadline.Administrative, Source: citeArt8c3,
				},
			},
		},
		Bodies: []Body{
			{ID: Sindaco, Name: "Sindaco di Roma Capitale"},
			{ID: AssembleaCapitolina, Name: "Assemblea Capitolina"},
			{ID: GiuntaCapitolina, Name: "Giunta Capitolina"},
		},
		Categories: []Category{
			{ID: Elettore, Name: "iscritto nelle liste elettorali di Roma Capitale", MinAge: 18,
				Evidence: "iscrizione nelle liste elettorali (sezione)", Source: citeStatutoArt6},
			{ID: Lavoratore, Name: "non residente con elettorato attivo che lavora prevalentemente a Roma", MinAge: 18,
				Evidence: "sede dell'attività lavorativa prevalente", Source: citeStatutoArt6},
			{ID: Studente, Name: "studente non residente con elettorato attivo presso scuole o università di Roma", MinAge: 18,
				Evidence: "scuola o università frequentata", Source: citeStatutoArt6},
			{ID: Straniero, Name: "straniero maggiorenne residente o domiciliato a Roma", MinAge: 18,
				Evidence: "titolo di soggiorno e residenza o domicilio", Source: citeStatutoArt6},
		},
		ReplyTerm: days("riscontro dell'ufficio competente", 15, citeReplyTerm),
		DueSoon:   7,
	}
}

// Rules returns the rules of kind k, or an error wrapping ErrInvalidEvent if
// the policy does not know it.
func (p Policy) Rules(k Kind) (KindRules, error) {
	for _, r := range p.Kinds {
		if r.Kind == k {
			return r.clone(), nil
		}
	}
	return KindRules{}, fmt.Errorf("%w: kind %q is not in the policy of %s", ErrInvalidEvent, k, p.Administration)
}

// Body returns the body with the given ID, or an error wrapping
// ErrInvalidEvent.
func (p Policy) Body(id Addressee) (Body, error) {
	for _, b := range p.Bodies {
		if b.ID == id {
			return b, nil
		}
	}
	return Body{}, fmt.Errorf("%w: addressee %q is not in the policy of %s", ErrInvalidEvent, id, p.Administration)
}

// Category returns the eligibility category with the given ID, or an error
// wrapping ErrInvalidEvent.
func (p Policy) Category(id CategoryID) (Category, error) {
	for _, c := range p.Categories {
		if c.ID == id {
			return c, nil
		}
	}
	return Category{}, fmt.Errorf("%w: eligibility category %q is not in the policy of %s", ErrInvalidEvent, id, p.Administration)
}

// With returns a copy of p in which r replaces the rules of the same kind,
// or is added if p has none: Rome().With(milan) configures Milan's petitions.
func (p Policy) With(r KindRules) Policy {
	p = p.clone()
	for i := range p.Kinds {
		if p.Kinds[i].Kind == r.Kind {
			p.Kinds[i] = r.clone()
			return p
		}
	}
	p.Kinds = append(p.Kinds, r.clone())
	return p
}

// WithBody returns a copy of p in which b replaces the body of the same ID,
// or is added.
func (p Policy) WithBody(b Body) Policy {
	p = p.clone()
	for i := range p.Bodies {
		if p.Bodies[i].ID == b.ID {
			p.Bodies[i] = b
			return p
		}
	}
	p.Bodies = append(p.Bodies, b)
	return p
}

func (p Policy) clone() Policy {
	kinds := make([]KindRules, len(p.Kinds))
	for i, k := range p.Kinds {
		kinds[i] = k.clone()
	}
	p.Kinds = kinds
	p.Bodies = slices.Clone(p.Bodies)
	p.Categories = slices.Clone(p.Categories)
	return p
}

// Validate reports an error wrapping ErrInvalidEvent if p is unusable: no
// kinds, a kind without name, threshold, answer term or addressees, an
// addressee that is not a body, repeated IDs, a category without name, a
// negative age, or a reply term of zero length.
func (p Policy) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: policy %s: %s", ErrInvalidEvent, p.Administration, fmt.Sprintf(format, args...))
	}
	if len(p.Kinds) == 0 {
		return bad("no kinds")
	}
	bodies := map[Addressee]bool{}
	for _, b := range p.Bodies {
		if b.ID == "" || strings.TrimSpace(b.Name) == "" || bodies[b.ID] {
			return bad("body %q has no ID or name, or appears twice", b.ID)
		}
		bodies[b.ID] = true
	}
	kinds := map[Kind]bool{}
	for _, r := range p.Kinds {
		switch {
		case r.Kind == "" || kinds[r.Kind]:
			return bad("kind %q is empty or appears twice", r.Kind)
		case strings.TrimSpace(r.Name) == "":
			return bad("kind %s has no name", r.Kind)
		case r.Threshold.Signatures < 1:
			return bad("kind %s needs a threshold of at least one signature", r.Kind)
		case r.Answer.Length < 1:
			return bad("kind %s has no answer term", r.Kind)
		case len(r.Addressees) == 0:
			return bad("kind %s has no addressee", r.Kind)
		case r.Window.Length < 0:
			return bad("kind %s has a negative window", r.Kind)
		case r.Online > OnlineAny:
			return bad("kind %s has an unknown online rule", r.Kind)
		}
		for _, a := range r.Addressees {
			if !bodies[a] {
				return bad("kind %s is addressed to %q, which is not a body", r.Kind, a)
			}
		}
		for _, s := range r.Special {
			if (textfold.Fold(s.Matter) == "" && !s.EqualOpportunities) || s.Term.Length < 1 {
				return bad("kind %s has a special term without matter or length", r.Kind)
			}
		}
		kinds[r.Kind] = true
	}
	cats := map[CategoryID]bool{}
	for _, c := range p.Categories {
		if c.ID == "" || strings.TrimSpace(c.Name) == "" || cats[c.ID] || c.MinAge < 0 {
			return bad("category %q has no ID or name, appears twice or has a negative age", c.ID)
		}
		cats[c.ID] = true
	}
	if len(cats) == 0 {
		return bad("no eligibility categories")
	}
	if p.ReplyTerm.Length < 1 {
		return bad("reply term of zero length")
	}
	if p.DueSoon < 0 {
		return bad("negative reminder threshold")
	}
	return nil
}
