// Package markup escapes text interpolated into the Markdown and SVG the
// library publishes, so that a name or a protocol number typed by an
// officer comes out as the text it is and never as markup: no link, no
// image, no table cell, no heading, no HTML element.
package markup

import (
	"encoding/xml"
	"strings"
)

// mdReplacer escapes every character that starts Markdown (CommonMark and
// GitHub tables) or HTML syntax inside a line: the backslash itself, table
// pipes, emphasis, strike-through, links and images (brackets), code spans,
// headings, and HTML tags and entities.
var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "~", `\~`,
	"[", `\[`, "]", `\]`, "`", "\\`", "#", `\#`,
	"&", "&amp;", "<", "&lt;", ">", "&gt;",
)

// Markdown returns s on one line (every run of white space, line breaks
// included, becomes one space) and escaped for Markdown text and table
// cells: see mdReplacer. Characters that are not printable text (C0 and C1
// controls, as opposed to white space) are dropped.
func Markdown(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return -1
		}
		return r
	}, s)
	return mdReplacer.Replace(s)
}

// XML returns s escaped for XML text and attribute values (encoding/xml's
// EscapeText: &, <, >, both quotes, tab and line breaks as character
// references, and characters XML 1.0 does not allow as U+FFFD), so an SVG
// stays well-formed whatever s holds.
func XML(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
