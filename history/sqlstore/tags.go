package sqlstore

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/puntodiascolto/ascolto/history"
)

// encodeTags returns the tags column: a JSON array, NULL for none.
func encodeTags(tags []string) (any, error) {
	if len(tags) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(tags)
	if err != nil {
		return nil, fmt.Errorf("%w: tags: %v", history.ErrInvalid, err)
	}
	return string(b), nil
}

// decodeTags reads the tags column back: nil for NULL, "" or no tags.
func decodeTags(col sql.NullString) ([]string, error) {
	if !col.Valid || col.String == "" {
		return nil, nil
	}
	if tags, ok := plainTags(col.String); ok {
		return tags, nil
	}
	var tags []string
	if err := json.Unmarshal([]byte(col.String), &tags); err != nil {
		return nil, err
	}
	if len(tags) == 0 {
		return nil, nil
	}
	return tags, nil
}

// plainTags decodes s when it is a JSON array of plain strings, as
// encodeTags writes nearly every tag: no escapes, no control characters,
// valid UTF-8, which encoding/json would return byte for byte. The tags are
// substrings of s, so a row costs one allocation (the slice) instead of
// encoding/json's copy of the input, decoder and one string per tag, the
// largest cost of reading a page. ok is false for anything else (escapes,
// null, other types, bad syntax), which the caller hands to encoding/json,
// so that the result and errors are always encoding/json's (FuzzPlainTags).
func plainTags(s string) (tags []string, ok bool) {
	i := skipSpace(s, 0)
	if i == len(s) || s[i] != '[' {
		return nil, false
	}
	i = skipSpace(s, i+1)
	if i < len(s) && s[i] == ']' {
		return nil, skipSpace(s, i+1) == len(s)
	}
	for {
		if i == len(s) || s[i] != '"' {
			return nil, false
		}
		start := i + 1
		for i = start; i < len(s) && s[i] != '"'; i++ {
			if c := s[i]; c == '\\' || c < ' ' {
				return nil, false
			}
		}
		if i == len(s) {
			return nil, false
		}
		tag := s[start:i]
		if !utf8.ValidString(tag) {
			return nil, false
		}
		if tags == nil {
			tags = make([]string, 0, 1+strings.Count(s[i:], ","))
		}
		tags = append(tags, tag)
		i = skipSpace(s, i+1)
		if i == len(s) {
			return nil, false
		}
		switch s[i] {
		case ',':
			i = skipSpace(s, i+1)
		case ']':
			if skipSpace(s, i+1) != len(s) {
				return nil, false
			}
			return tags, true
		default:
			return nil, false
		}
	}
}

// skipSpace returns the index of the first byte of s from i that is not
// JSON white space.
func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}
