package privacy_test

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/puntodiascolto/ascolto/internal/privacy"
)

// corpusKnown are the identifiers of the people of the corpus's case,
// given to Find as a procedure gives its applicant's and parties'.
var corpusKnown = []string{"Gianfranca Zappacosta", "Zappacosta", "Pistilli", "ZPPGFR80A41H501X", "gianfranca.zappacosta@example.org", "+39 333 1234567"}

// TestCorpus measures the detector on testdata/corpus.tsv: office texts,
// some with one planted personal datum labelled with its kind, the others
// without any. It fails if the recall of any kind is below 0.98 or if any
// clean text is flagged. A finding counts for recall whatever its kind
// (the text is refused either way); precision per kind counts the findings
// of that kind that are on a text planted with that kind.
//
//	go test ./internal/privacy -run TestCorpus -v
func TestCorpus(t *testing.T) {
	f, err := os.Open("testdata/corpus.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type tally struct{ planted, found, flagged, right int }
	kinds := map[string]*tally{}
	get := func(k string) *tally {
		if kinds[k] == nil {
			kinds[k] = &tally{}
		}
		return kinds[k]
	}
	clean, planted, found, falsePos := 0, 0, 0, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kind, text, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("malformed line %q", line)
		}
		fd, hit := privacy.Find(text, corpusKnown...)
		if hit {
			get(fd.Kind).flagged++
		}
		if kind == "-" {
			clean++
			if hit {
				falsePos++
				t.Errorf("false positive (%s on %q): %q", fd.Kind, fd.Match, text)
			}
			continue
		}
		planted++
		k := get(kind)
		k.planted++
		switch {
		case !hit:
			t.Logf("missed %s: %q", kind, text)
		case fd.Kind == kind:
			k.found++
			k.right++
			found++
		default:
			k.found++
			found++
			t.Logf("%s found as %s: %q", kind, fd.Kind, text)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if planted < 100 || clean < 200 {
		t.Fatalf("corpus too small: %d planted, %d clean", planted, clean)
	}
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "%-16s %7s %7s %9s %6s\n", "kind", "planted", "recall", "precision", "flags")
	for _, k := range names {
		x := kinds[k]
		recall, precision := ratio(x.found, x.planted), ratio(x.right, x.flagged)
		fmt.Fprintf(&b, "%-16s %7d %7s %9s %6d\n", k, x.planted, recall, precision, x.flagged)
		if x.planted > 0 && float64(x.found) < 0.98*float64(x.planted) {
			t.Errorf("recall of %s: %d/%d, below 0.98", k, x.found, x.planted)
		}
	}
	fmt.Fprintf(&b, "overall: %d planted, recall %s; %d clean, %d false positives, precision %s\n",
		planted, ratio(found, planted), clean, falsePos, ratio(found, found+falsePos))
	t.Log("\n" + b.String())
}

func ratio(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", float64(a)/float64(b))
}
