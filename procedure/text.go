package procedure

import (
	"unicode/utf8"

	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/internal/textcheck"
)

// DefaultTextLimit is the limit, in characters, of any text field of an
// event that declares no limit of its own. A field declares its own with a
// struct tag, e.g. `limit:"200"` for a subject, `limit:"20000"` for the
// reasons of a decision; the tag is part of the field's documentation.
const DefaultTextLimit = 4000

// CheckText returns a *history.TextError (wrapping history.ErrInvalid) for
// the first string reachable from v that is not valid UTF-8 or is longer
// than its field's limit (DefaultTextLimit when it declares none).
func CheckText(v any) error {
	return textcheck.Walk(v, func(path func() string, s string, limit int) error {
		if !utf8.ValidString(s) {
			return &history.TextError{Field: path(), Length: len(s)}
		}
		if limit <= 0 {
			limit = DefaultTextLimit
		}
		if len(s) > limit { // a rune is at least one byte: count only when it may matter
			if n := utf8.RuneCountInString(s); n > limit {
				return &history.TextError{Field: path(), Limit: limit, Length: n}
			}
		}
		return nil
	})
}
