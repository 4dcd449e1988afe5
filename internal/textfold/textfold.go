// Package textfold normalises text for matching: the folding every matcher
// of the module uses (office routing by matter and keywords, index tags of
// access requests, petition matters, complaint addresses and categories,
// the personal-data detector), so that they agree on when two texts are
// the same words.
package textfold

import (
	"strings"
	"unicode"
)

// Fold normalises a word or phrase for matching: lower case, Italian accents
// removed, anything that is not a letter or a digit taken as a space, inner
// spaces collapsed, outer spaces trimmed ("  Mobilità  " and "mobilita"
// fold alike; "Città di ROMA!" folds to "citta di roma"). One-letter words
// are kept.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		r = Unaccent(unicode.ToLower(r))
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return b.String()
}

// Unaccent maps a lower-case Italian accented vowel to its plain vowel
// ("à" to "a") and returns any other rune as it is.
func Unaccent(r rune) rune {
	switch r {
	case 'à', 'á', 'â', 'ä':
		return 'a'
	case 'è', 'é', 'ê', 'ë':
		return 'e'
	case 'ì', 'í', 'î', 'ï':
		return 'i'
	case 'ò', 'ó', 'ô', 'ö':
		return 'o'
	case 'ù', 'ú', 'û', 'ü':
		return 'u'
	}
	return r
}
