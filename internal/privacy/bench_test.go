package privacy_test

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/puntodiascolto/ascolto/internal/privacy"
)

// BenchmarkFind runs Find over the corpus's clean texts (what an office
// mostly writes, and what every check must read to the end) and over its
// texts with personal data, with the corpus's known identifiers:
//
//	go test -run '^$' -bench Find -benchmem ./internal/privacy
func BenchmarkFind(b *testing.B) {
	f, err := os.Open("testdata/corpus.tsv")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var clean, personal []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		kind, text, ok := strings.Cut(sc.Text(), "\t")
		if !ok || strings.HasPrefix(kind, "#") {
			continue
		}
		if kind == "-" {
			clean = append(clean, text)
		} else {
			personal = append(personal, text)
		}
	}
	for _, c := range []struct {
		name  string
		texts []string
	}{{"clean", clean}, {"personal", personal}} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				privacy.Find(c.texts[i%len(c.texts)], corpusKnown...)
			}
		})
	}
}
