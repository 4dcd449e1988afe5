package textfold_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"

	"github.com/puntodiascolto/ascolto/internal/textfold"
)

func TestFold(t *testing.T) {
	assert.Equal(t, "citta di roma", textfold.Fold("  Città  di ROMA! "))
	assert.Equal(t, "", textfold.Fold(" - "))
	assert.NotEqual(t, textfold.Fold("Gruppo A"), textfold.Fold("Gruppo B"), "one-letter words count")
	assert.Equal(t, textfold.Fold("mobilita"), textfold.Fold("  Mobilità  "))
	assert.Equal(t, "pari opportunita di genere", textfold.Fold("Pari-opportunità, di GENERE."))
	assert.Equal(t, "via dei gracchi 12 int 7", textfold.Fold("via dei Gracchi 12 int. 7"))
	assert.Equal(t, "perche e cosi", textfold.Fold("perché è così"))
}

// The folding the module used before textfold (office.Fold): split into
// runs of letters and digits after lower-casing and unaccenting, joined by
// one space. Fold must agree with it on any input.
func reference(s string) string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
		}
		b.Reset()
	}
	for _, r := range s {
		r = unicode.ToLower(r)
		switch r {
		case 'à', 'á', 'â', 'ä':
			r = 'a'
		case 'è', 'é', 'ê', 'ë':
			r = 'e'
		case 'ì', 'í', 'î', 'ï':
			r = 'i'
		case 'ò', 'ó', 'ô', 'ö':
			r = 'o'
		case 'ù', 'ú', 'û', 'ü':
			r = 'u'
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			continue
		}
		flush()
	}
	flush()
	return strings.Join(out, " ")
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", " - ", "  Città  di ROMA! ", "Gruppo A", "\xff\xfeà", "ÀÈÌÒÙ àèìòù", "a\u00a0b\tc\nd", "İstanbul"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := textfold.Fold(s)
		if want := reference(s); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
		if again := textfold.Fold(got); again != got {
			t.Fatalf("Fold is not idempotent on %q: %q then %q", s, got, again)
		}
	})
}
