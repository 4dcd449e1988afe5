package law_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/law"
)

// TestEveryCitedActIsKnown walks every citation in the module's code: each
// act it names is either held by Normattiva, with a URN, or explicitly
// listed as not held, with where its text is; a URN written beside a
// citation agrees with the table.
func TestEveryCitedActIsKnown(t *testing.T) {
	acts, urns, unresolved := citedActs(t)
	require.Empty(t, unresolved, "citations whose act the test cannot read")
	require.Greater(t, len(acts), 20, "the walk found the library's citations")
	for name, where := range acts {
		a, ok := law.LookupAct(name)
		if !ok {
			t.Errorf("%q (cited in %v) is not in law's table of acts: add its URN-NIR, or say why Normattiva does not hold it", name, where)
			continue
		}
		if a.URN == "" {
			require.NotEmpty(t, a.Elsewhere, "%q has no URN and does not say where its text is", name)
		}
		for u := range urns[name] {
			require.Equal(t, a.URN, u, "the URN written beside %q in %v", name, where)
		}
	}
}

// TestURNLiteralsAreKnown: every URN-NIR written in the module's code is one
// of the table's, so that no act carries a second, different URN.
func TestURNLiteralsAreKnown(t *testing.T) {
	known := map[string]bool{}
	for _, a := range law.Acts() {
		known[a.URN] = true
	}
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || strings.Contains(path, "testdata") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil && strings.HasPrefix(s, "urn:nir:") {
					require.True(t, known[s], "%s: URN %q is not in law's table of acts", fset.Position(lit.Pos()), s)
				}
			}
			return true
		})
		return nil
	})
	require.NoError(t, err)
}

var (
	urnShape = regexp.MustCompile(`^urn:nir:(stato|presidente\.repubblica):(legge|decreto\.legge|decreto\.legislativo|decreto|regio\.decreto):(\d{4})-(\d{2})-(\d{2});(\d+)(:\d+)?$`)
	nameNum  = regexp.MustCompile(`^(L\.|D\.L\.|D\.Lgs\.|DPR) (\d+)/(\d{4})$`)
)

// TestActsTable checks the table itself: unique names, URNs of the NIR
// shape whose number and year are those of the act's short name and
// whose date its Title spells, and a reason for every act without a URN.
func TestActsTable(t *testing.T) {
	months := []string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"}
	seen := map[string]bool{}
	for _, a := range law.Acts() {
		require.False(t, seen[a.Name], "%q twice", a.Name)
		seen[a.Name] = true
		require.NotEmpty(t, a.Title, a.Name)
		if a.URN == "" {
			require.NotEmpty(t, a.Elsewhere, a.Name)
			continue
		}
		require.Empty(t, a.Elsewhere, a.Name)
		m := urnShape.FindStringSubmatch(a.URN)
		require.NotNil(t, m, "%q: %q is not a URN-NIR of a State act", a.Name, a.URN)
		month, _ := strconv.Atoi(m[4])
		day, _ := strconv.Atoi(m[5])
		require.Contains(t, a.Title, strconv.Itoa(day)+" "+months[month-1]+" "+m[3]+", n. "+m[6], "%q: the Title spells the URN's date and number", a.Name)
		if n := nameNum.FindStringSubmatch(a.Name); n != nil {
			require.Equal(t, n[2], m[6], "%q: number", a.Name)
			require.Equal(t, n[3], m[3], "%q: year", a.Name)
		}
	}
}

func TestCitation_NormattivaURN(t *testing.T) {
	for _, tc := range []struct {
		c    law.Citation
		want string
	}{
		{law.Cite("L. 241/1990", "25", "4"), "urn:nir:stato:legge:1990-08-07;241~art25"},
		{law.Cite("D.Lgs. 33/2013", "5-bis", "2").WithLetter("a"), "urn:nir:stato:decreto.legislativo:2013-03-14;33~art5bis"},
		{law.Cite("D.Lgs. 33/2013", "5 ter", ""), "urn:nir:stato:decreto.legislativo:2013-03-14;33~art5ter"},
		{law.Cite("D.Lgs. 33/2013", "", ""), "urn:nir:stato:decreto.legislativo:2013-03-14;33"},
		{law.Cite("DPR 184/2006", "6", "4"), "urn:nir:presidente.repubblica:decreto:2006-04-12;184~art6"},
		{law.Cite("c.c.", "2963", "2"), "urn:nir:stato:regio.decreto:1942-03-16;262:2~art2963"},
		{law.Cite("c.p.c.", "155", "1"), "urn:nir:stato:regio.decreto:1940-10-28;1443:1~art155"},
		{law.Cite("c.p.a.", "116", "1"), "urn:nir:stato:decreto.legislativo:2010-07-02;104:2~art116"},
		{law.Cite("D.Lgs. 267/2000", "43", "3"), "urn:nir:stato:decreto.legislativo:2000-08-18;267~art43"},
		{law.Cite("L. 241/1990", "All. 1", ""), "urn:nir:stato:legge:1990-08-07;241"},
		{law.Citation{Act: "L. 999/2099", Article: "1", URN: "urn:nir:stato:legge:2099-01-01;999"}, "urn:nir:stato:legge:2099-01-01;999~art1"},
	} {
		got, ok := tc.c.NormattivaURN()
		require.True(t, ok, tc.c.String())
		require.Equal(t, tc.want, got, tc.c.String())
		require.Equal(t, law.NormattivaResolver+tc.want, tc.c.URL())
	}
	for _, c := range []law.Citation{
		law.Cite("Statuto Roma Capitale", "8", ""),
		law.Cite("Delibera ANAC 1309/2016", "", ""),
		law.Cite("Circolare Funzione Pubblica 2/2017", "", ""),
		law.Cite("atto ignoto", "1", ""),
		{Note: "Cons. St. V 3152/2011"},
	} {
		_, ok := c.NormattivaURN()
		require.False(t, ok, c.String())
	}
	require.Empty(t, law.Cite("Statuto Roma Capitale", "8", "").URL())
	require.Equal(t, "https://eur-lex.europa.eu/eli/reg/2016/679/oj", law.Cite("Reg. UE 2016/679", "5", "").URL())
}

func TestActs_Copy(t *testing.T) {
	a := law.Acts()
	a[0].URN = "changed"
	got, ok := law.LookupAct(law.Acts()[0].Name)
	require.True(t, ok)
	require.NotEqual(t, "changed", got.URN)
}
