package privacy

import (
	"regexp"
	"strings"
)

// The shapes issue 11 found missing. Each one is written so that an
// office's own texts (street names, offices' addresses, amounts, protocol
// numbers, dates of acts, law citations) do not take it: see the corpus in
// testdata/corpus.tsv and TestCorpus.
var (
	// An e-mail address written to escape a filter: "mario at example dot
	// it", "mario[at]example[dot]it", "mario chiocciola example punto it".
	// Spelled-out forms need a known top-level domain at the end.
	spelledEmail = regexp.MustCompile(`(?i)\b[a-z0-9._%+-]+` + spelledAt + `[a-z0-9-]+(?:` + spelledDot + `[a-z0-9-]+)*?` +
		spelledDot + `(?:it|com|org|net|eu|info|gov|edu|biz|me|io|de|fr|es|uk|ch|at|be|nl|pec\.it)\b`)
	// A licence plate of the current series (since 1994): two letters,
	// three digits, two letters, without I, O, Q, U; in capitals, spaced or
	// not ("AB 123 CD", "AB123CD").
	plate = regexp.MustCompile(`\b[A-HJ-NPR-TV-Z]{2} ?[0-9]{3} ?[A-HJ-NPR-TV-Z]{2}\b`)
	// An old provincial plate (before 1994): the province's code and six
	// characters, at least four of them digits ("RM A12345", "MI 123456").
	oldPlate = regexp.MustCompile(`\b(?:` + provinces + `|ROMA) ?(?:[A-Z][0-9]{5}|[0-9][A-Z][0-9]{4}|[0-9]{5}[A-Z]|[0-9]{6})\b`)
	// Any plate after a word that announces one ("targa", "targato"):
	// letters and digits mixed, five to eight of them.
	cuedPlate = regexp.MustCompile(`(?i)\btarg(?:a|ato|ata|ati|ate|he)\b(?:\s+n\.?)?\s*:?\s*([a-z0-9]{1,3}[ -]?[a-z0-9]{2,6}(?:[ -]?[a-z0-9]{1,3})?)\b`)
	// A street address with its civic number after a word saying someone
	// lives there ("abita in via dei Segreti 13", "residente in piazza
	// Vittorio n. 45/B"). An office's address ("la sede di via Capitan
	// Bavastro 94") has no such word and is not personal data.
	dwelling = regexp.MustCompile(`(?i)\b(?:abit(?:a|ano|ante|anti|azione)|resident[ei]|residenza|domicili(?:o|at[oaie])|dimor(?:a|ante|anti)|viv(?:e|ono))\b` +
		`[^.;:\n]{0,25}?\b` + streetWord + `\.?\s+[^,;:\n]{1,60}?[\s,]+(?:n\.?\s*|civico\s+)?[0-9]+(?:\s?[a-z])?(?:/[a-z0-9]+)?\b`)
	// A date of birth ("nato il 12/05/1971", "nata a Frosinone (FR) il 3
	// marzo 1980"), or a place and year of birth ("nata a Viterbo nel
	// 1951"). A year alone is not flagged: "il servizio, nato nel 2019"
	// speaks of a project as often as "nato nel 2012" of a child.
	birth = regexp.MustCompile(`(?i)\b(?:nat[oaie]|data di nascita)\b(?:` +
		`(?:\s+(?:a|ad|in)\s+[^,;.\n]{1,40}?)?\s*(?:il|l'|:)?\s*(?:[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}|[0-9]{1,2}°?\s+(?:` + months + `)\s+[0-9]{4})` +
		`|\s+(?:a|ad|in)\s+[^,;.\n]{1,40}?\s+nel\s+(?:19|20)[0-9]{2})\b`)
)

const (
	spelledAt   = `(?:\s*[\(\[\{]\s*(?:at|chiocciola)\s*[\)\]\}]\s*|\s+(?:at|chiocciola)\s+)`
	spelledDot  = `(?:\s*[\(\[\{]\s*(?:dot|punto)\s*[\)\]\}]\s*|\s+(?:dot|punto)\s+|\.)`
	streetWord  = `(?:via|viale|v\.le|piazza|p\.zza|piazzale|largo|corso|vicolo|lungotevere|circonvallazione|borgo|strada|contrada|località|loc|salita|clivo|rampa|traversa)`
	months      = `gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre`
	provinces   = `AG|AL|AN|AO|AP|AQ|AR|AT|AV|BA|BG|BI|BL|BN|BO|BR|BS|BT|BZ|CA|CB|CE|CH|CL|CN|CO|CR|CS|CT|CZ|EN|FC|FE|FG|FI|FM|FR|GE|GO|GR|IM|IS|KR|LC|LE|LI|LO|LT|LU|MB|MC|ME|MI|MN|MO|MS|MT|NA|NO|NU|OR|PA|PC|PD|PE|PG|PI|PN|PO|PR|PT|PU|PV|PZ|RA|RC|RE|RG|RI|RM|RN|RO|SA|SI|SO|SP|SR|SS|SU|SV|TA|TE|TN|TO|TP|TR|TS|TV|UD|VA|VB|VC|VE|VI|VR|VT|VV`
	kindPlate   = "targa"
	kindAddress = "indirizzo"
	kindBirth   = "dati di nascita"
)

// findShapes returns the first of the shapes above that text holds.
func findShapes(text string) (Finding, bool) {
	if maySpellEmail(text) {
		if m := spelledEmail.FindString(text); m != "" {
			return Finding{Kind: "e-mail", Match: m}, true
		}
	}
	if m := plate.FindString(text); m != "" {
		return Finding{Kind: kindPlate, Match: m}, true
	}
	if m := oldPlate.FindString(text); m != "" {
		return Finding{Kind: kindPlate, Match: m}, true
	}
	for _, sm := range cuedPlate.FindAllStringSubmatch(text, -1) {
		if p := sm[1]; hasDigit(p) && strings.ContainsAny(strings.ToUpper(p), "ABCDEFGHIJKLMNOPQRSTUVWXYZ") && len(compactOf(p)) >= 5 {
			return Finding{Kind: kindPlate, Match: p}, true
		}
	}
	if m := dwelling.FindString(text); m != "" {
		return Finding{Kind: kindAddress, Match: m}, true
	}
	if m := birth.FindString(text); m != "" {
		return Finding{Kind: kindBirth, Match: m}, true
	}
	return Finding{}, false
}

// The prefilters below are necessary conditions of a regular expression's
// match, checked with plain string operations before running it (most
// office texts have no "@" and no spelled "at"): they may say yes where the
// expression finds nothing, never no where it would find something
// (FuzzPrefilters checks it).

// mayBeEmail reports whether text holds what email needs: "@", "(at)" or
// "[at]", in any case.
func mayBeEmail(text string) bool {
	if strings.IndexByte(text, '@') >= 0 {
		return true
	}
	lower := strings.ToLower(text)
	return strings.Contains(lower, "(at)") || strings.Contains(lower, "[at]")
}

// maySpellEmail reports whether text holds what spelledAt needs: "at" or
// "chiocciola", in any case, with a space or an opening bracket before it
// and a space or a closing bracket after it.
func maySpellEmail(text string) bool {
	lower := strings.ToLower(text)
	for _, w := range [...]string{"at", "chiocciola"} {
		for i := 0; ; {
			j := strings.Index(lower[i:], w)
			if j < 0 {
				break
			}
			at, end := i+j, i+j+len(w)
			if at > 0 && end < len(lower) && strings.IndexByte(" \t\n\f\r([{", lower[at-1]) >= 0 && strings.IndexByte(" \t\n\f\r)]}", lower[end]) >= 0 {
				return true
			}
			i = at + 1
		}
	}
	return false
}
