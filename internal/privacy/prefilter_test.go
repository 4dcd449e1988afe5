package privacy

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// FuzzPrefilters: a prefilter never says no where its expression finds
// something, on the corpus and on whatever the fuzzer makes of it; and Find
// with the prefilters finds what the expressions alone find.
func FuzzPrefilters(f *testing.F) {
	for _, s := range []string{"mario at example dot it", "m (AT) x.it", "x[At]y.com", "a@b.it", "tel. 06 1234 5678",
		"mario\tchiocciola\nexample punto it", "{at}", "stato attuale"} {
		f.Add(s)
	}
	if fh, err := os.Open("testdata/corpus.tsv"); err == nil {
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			if _, text, ok := strings.Cut(sc.Text(), "\t"); ok {
				f.Add(text)
			}
		}
		fh.Close()
	}
	f.Fuzz(func(t *testing.T, text string) {
		if email.MatchString(text) && !mayBeEmail(text) {
			t.Fatalf("mayBeEmail(%q) = false, email matches", text)
		}
		if spelledEmail.MatchString(text) && !maySpellEmail(text) {
			t.Fatalf("maySpellEmail(%q) = false, spelledEmail matches", text)
		}
		for _, loc := range phone.FindAllStringIndex(text, -1) {
			if digits(text[loc[0]:loc[1]]) >= 9 && digits(text) < 9 {
				t.Fatalf("%q: a telephone match of nine digits in a text of fewer", text)
			}
		}
	})
}
