package access

import (
	"fmt"
	"slices"

	"github.com/puntodiascolto/ascolto/law"
)

// GroundCode is the stable code of a ground of refusal, limitation or
// deferral, as events store it: "l241-24-1-a", "d33-5bis-2-a".
type GroundCode string

// Ground is a ground on which access may be refused, limited or deferred:
// the law as data. A decision that refuses or limits access names at least
// one ground valid for its kind.
type Ground struct {
	// Code is the ground's stable code.
	Code GroundCode `json:"code"`
	// Label is the ground in Italian, as a decision or the register states it.
	Label string `json:"label"`
	// Source is the provision that sets the ground.
	Source law.Citation `json:"source"`
	// Kinds are the kinds of access the ground applies to.
	Kinds []Kind `json:"kinds"`
	// PersonalData marks the ground of art. 5-bis c. 2 lett. a D.Lgs.
	// 33/2013: a review of a refusal on it requires hearing the Garante per
	// la protezione dei dati personali (art. 5 c. 7).
	PersonalData bool `json:"personalData,omitempty"`
	// Absolute marks an absolute exclusion (art. 24 c. 1 L. 241/1990; art.
	// 5-bis c. 3 D.Lgs. 33/2013), where no balancing is made.
	Absolute bool `json:"absolute,omitempty"`
	// Inadmissibility marks grounds that make a request inadmissible rather
	// than refused on the merits (art. 24 c. 3 L. 241/1990, a generic request).
	Inadmissibility bool `json:"inadmissibility,omitempty"`
}

// String renders the ground with its citation: "riservatezza di terzi (art. 24 c. 6 lett. d L. 241/1990)".
func (g Ground) String() string { return g.Label + " (" + g.Source.String() + ")" }

// AppliesTo reports whether the ground may be used for kind k.
func (g Ground) AppliesTo(k Kind) bool { return slices.Contains(g.Kinds, k) }

var (
	docOnly    = []Kind{Documentale}
	civicGen   = []Kind{Generalizzato}
	civicBoth  = []Kind{CivicoSemplice, Generalizzato}
	simpleOnly = []Kind{CivicoSemplice}
)

func g241(code, label, comma, letter string, abs bool) Ground {
	c := cl241("24", comma)
	if letter != "" {
		c = c.WithLetter(letter)
	}
	return Ground{Code: GroundCode(code), Label: label, Source: c, Kinds: docOnly, Absolute: abs}
}

func g33(code, label, comma, letter string) Ground {
	c := cd33("5-bis", comma)
	if letter != "" {
		c = c.WithLetter(letter)
	}
	return Ground{Code: GroundCode(code), Label: label, Source: c, Kinds: civicGen}
}

// grounds is the catalogue, in the order of the law.
var grounds = func() []Ground {
	gs := []Ground{
		g241("l241-24-1-a", "segreto di Stato e altri casi di segreto o divieto di divulgazione previsti dalla legge o dal regolamento", "1", "a", true),
		g241("l241-24-1-b", "procedimenti tributari", "1", "b", true),
		g241("l241-24-1-c", "atti normativi, amministrativi generali, di pianificazione e di programmazione", "1", "c", true),
		g241("l241-24-1-d", "procedimenti selettivi: informazioni di carattere psicoattitudinale relative a terzi", "1", "d", true),
		g241("l241-24-6-a", "sicurezza, difesa nazionale e relazioni internazionali", "6", "a", false),
		g241("l241-24-6-b", "politica monetaria e valutaria", "6", "b", false),
		g241("l241-24-6-c", "ordine pubblico, prevenzione e repressione della criminalità", "6", "c", false),
		g241("l241-24-6-d", "riservatezza di persone fisiche, persone giuridiche, gruppi, imprese e associazioni", "6", "d", false),
		g241("l241-24-6-e", "contrattazione collettiva nazionale di lavoro", "6", "e", false),
		{Code: "l241-24-3", Label: "richiesta preordinata a un controllo generalizzato dell'operato dell'amministrazione", Source: cl241("24", "3"), Kinds: docOnly, Inadmissibility: true},
		{Code: "l241-22-1-b", Label: "difetto di un interesse diretto, concreto e attuale collegato al documento", Source: cl241("22", "1").WithLetter("b"), Kinds: docOnly},
		g33("d33-5bis-1-a", "sicurezza pubblica e ordine pubblico", "1", "a"),
		g33("d33-5bis-1-b", "sicurezza nazionale", "1", "b"),
		g33("d33-5bis-1-c", "difesa e questioni militari", "1", "c"),
		g33("d33-5bis-1-d", "relazioni internazionali", "1", "d"),
		g33("d33-5bis-1-e", "politica e stabilità finanziaria ed economica dello Stato", "1", "e"),
		g33("d33-5bis-1-f", "conduzione di indagini sui reati e loro perseguimento", "1", "f"),
		g33("d33-5bis-1-g", "regolare svolgimento di attività ispettive", "1", "g"),
		g33("d33-5bis-2-a", "protezione dei dati personali", "2", "a"),
		g33("d33-5bis-2-b", "libertà e segretezza della corrispondenza", "2", "b"),
		g33("d33-5bis-2-c", "interessi economici e commerciali, compresi proprietà intellettuale, diritto d'autore e segreti commerciali", "2", "c"),
		{Code: "d33-5bis-3", Label: "segreto di Stato, altri divieti di accesso o divulgazione previsti dalla legge, casi dell'art. 24 c. 1 L. 241/1990", Source: cd33("5-bis", "3"), Kinds: civicGen, Absolute: true},
		{Code: "d33-generica", Label: "richiesta generica o massiva, non precisata dopo l'invito", Source: citeGeneric, Kinds: civicBoth, Inadmissibility: true},
		{Code: "d33-5-1", Label: "documento o dato non soggetto a obbligo di pubblicazione", Source: citeCivicSimple, Kinds: simpleOnly},
	}
	for i := range gs {
		if gs[i].Code == "d33-5bis-2-a" {
			gs[i].PersonalData = true
		}
	}
	return gs
}()

// Grounds returns the grounds that apply to kind k, in the order of the
// law; with the zero Kind, every ground.
func Grounds(k Kind) []Ground {
	var out []Ground
	for _, g := range grounds {
		if k == "" || g.AppliesTo(k) {
			g.Kinds = slices.Clone(g.Kinds)
			out = append(out, g)
		}
	}
	return out
}

// LookupGround returns the ground with the given code.
func LookupGround(code GroundCode) (Ground, bool) {
	for _, g := range grounds {
		if g.Code == code {
			g.Kinds = slices.Clone(g.Kinds)
			return g, true
		}
	}
	return Ground{}, false
}

// resolveGrounds maps codes to grounds valid for kind k.
func resolveGrounds(k Kind, codes []GroundCode) ([]Ground, error) {
	out := make([]Ground, 0, len(codes))
	for _, c := range codes {
		g, ok := LookupGround(c)
		if !ok {
			return nil, fmt.Errorf("unknown ground %q", c)
		}
		if !g.AppliesTo(k) {
			return nil, fmt.Errorf("ground %q (%s) does not apply to %s", c, g.Source, k.Italian())
		}
		out = append(out, g)
	}
	return out, nil
}

// privateInterest reports whether g protects an interest a
// counter-interested party may invoke as its own: the private interests of
// art. 5-bis c. 2 D.Lgs. 33/2013, or the confidentiality of third parties of
// art. 24 c. 6 lett. d L. 241/1990.
func privateInterest(g Ground) bool {
	return (g.Source.Article == "5-bis" && g.Source.Comma == "2") || g.Code == "l241-24-6-d"
}
