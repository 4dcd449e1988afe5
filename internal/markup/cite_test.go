package markup_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/markup"
	"github.com/puntodiascolto/ascolto/law"
)

const nir = "https://www.normattiva.it/uri-res/N2Ls?urn:nir:"

// TestCited_Explanation links every citation of a court term's explanation
// (codes, laws, a decree-law, a citation with a note) to Normattiva.
func TestCited_Explanation(t *testing.T) {
	x, err := deadline.Rome().Explain(deadline.Spec{Start: deadline.MustDate(2026, time.July, 20),
		Term: deadline.Term{Name: "ricorso", Length: 30, Unit: deadline.Days, Kind: deadline.Court, Source: law.Cite("c.p.a.", "116", "1").WithNote("nota")}})
	require.NoError(t, err)
	var all strings.Builder
	for _, st := range x.Steps {
		got := markup.Cited(st.Text, st.Sources)
		all.WriteString(got + "\n")
		require.Equal(t, markup.Markdown(st.Text), unlink(got), "the links add nothing but links")
	}
	for _, want := range []string{
		"([art. 2963 c. 2 c.c.](" + nir + "stato:regio.decreto:1942-03-16;262:2~art2963); [art. 155 c. 1 c.p.c.](" + nir + "stato:regio.decreto:1940-10-28;1443:1~art155))",
		"([art. 116 c. 1 c.p.a.](" + nir + "stato:decreto.legislativo:2010-07-02;104:2~art116), nota)",
		"[art. 1 L. 742/1969](" + nir + "stato:legge:1969-10-07;742~art1)",
		"[art. 16 c. 1 D.L. 132/2014](" + nir + "stato:decreto.legge:2014-09-12;132~art16)",
	} {
		require.Contains(t, all.String(), want)
	}
}

// TestCited_Hostile: text typed by a user stays text, and a citation
// without an official address stays unlinked.
func TestCited_Hostile(t *testing.T) {
	text := "[clic](javascript:alert(1)) <b>x</b> | art. 8 Statuto Roma Capitale; art. 25 c. 4 L. 241/1990 e di nuovo art. 25 c. 4 L. 241/1990"
	got := markup.Cited(text, []law.Citation{law.Cite("Statuto Roma Capitale", "8", ""), law.Cite("L. 241/1990", "25", "4"), law.Cite("L. 241/1990", "25", "4")})
	require.Equal(t, markup.Markdown(text), unlink(got))
	require.Equal(t, 2, strings.Count(got, "](https://"), "one link per citation mention found, none for the Statuto: %s", got)
	require.Contains(t, got, `\[clic\](javascript:alert(1))`)
	require.Equal(t, markup.Markdown("nessuna fonte"), markup.Cited("nessuna fonte", nil))
}

// unlink removes the links Cited adds, leaving their text.
func unlink(s string) string {
	for {
		i := strings.Index(s, "](https://")
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i:], ')')
		k := strings.LastIndex(s[:i], "[")
		s = s[:k] + s[k+1:i] + s[i+j+1:]
	}
}
