package markup

import (
	"sort"
	"strings"

	"github.com/puntodiascolto/ascolto/law"
)

// Cited returns text escaped as Markdown does, with the first mention of
// each of sources that has an official text (law.Citation.URL: Normattiva
// for the acts it holds) turned into a link to it:
// "30 giorni ([art. 5 c. 6 D.Lgs. 33/2013](https://www.normattiva.it/…))".
// A citation is found in text as it prints (law.Citation.String), or
// without its note, as explanations write it; one not found, or without an
// address, is left as text. The result is the escaped text plus links
// whose destinations are library-made URLs, so nothing typed by a user
// becomes markup.
func Cited(text string, sources []law.Citation) string {
	out := Markdown(text)
	type link struct {
		from, to int
		url      string
	}
	var links []link
	overlaps := func(from, to int) bool {
		for _, l := range links {
			if from < l.to && l.from < to {
				return true
			}
		}
		return false
	}
	for _, c := range sources {
		url := c.URL()
		if url == "" {
			continue
		}
		for _, form := range []string{c.String(), c.WithNote("").String()} {
			esc := Markdown(form)
			if at := indexFree(out, esc, overlaps); esc != "" && at >= 0 {
				links = append(links, link{at, at + len(esc), url})
				break
			}
		}
	}
	if len(links) == 0 {
		return out
	}
	sort.Slice(links, func(i, j int) bool { return links[i].from < links[j].from })
	var b strings.Builder
	last := 0
	for _, l := range links {
		b.WriteString(out[last:l.from])
		b.WriteString("[")
		b.WriteString(out[l.from:l.to])
		b.WriteString("](")
		b.WriteString(l.url)
		b.WriteString(")")
		last = l.to
	}
	b.WriteString(out[last:])
	return b.String()
}

// indexFree returns the first index of sub in s whose span does not
// overlap a link already chosen, or -1.
func indexFree(s, sub string, overlaps func(from, to int) bool) int {
	for off := 0; sub != "" && off <= len(s); {
		i := strings.Index(s[off:], sub)
		if i < 0 {
			return -1
		}
		if at := off + i; !overlaps(at, at+len(sub)) {
			return at
		}
		off += i + 1
	}
	return -1
}
