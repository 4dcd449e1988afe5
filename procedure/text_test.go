package procedure_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/procedure"
)

type (
	textLeaf struct {
		Name string `limit:"5"`
		Free string
	}
	textTree struct {
		Subject  string            `limit:"10"`
		Body     string            // DefaultTextLimit
		Kind     EventType         `limit:"8"`
		Leaf     textLeaf          // the leaf's own tags apply
		LeafPtr  *textLeaf         `limit:"1"` // a tag on a struct field does not reach the struct's fields
		Tags     []string          `limit:"3"`
		Pairs    [2]string         `limit:"3"`
		Attrs    map[string]string `limit:"4"`
		Maybe    *string           `limit:"2"`
		Any      any               `limit:"6"`
		Leaves   []textLeaf
		Raw      []byte `limit:"1"`
		BadTag   string `limit:"many"`
		ZeroTag  string `limit:"0"`
		Negative string `limit:"-3"`
		hidden   string
	}
)

func ptr[T any](v T) *T { return &v }

// CheckText honours each field's limit tag through nested structs,
// pointers, interfaces, slices, arrays and maps; a field without a usable
// tag gets DefaultTextLimit. Limits count characters, not bytes.
func TestCheckText_Limits(t *testing.T) {
	long := strings.Repeat("a", procedure.DefaultTextLimit+1)
	tests := []struct {
		name  string
		v     textTree
		field string // "" when the value passes
		limit int
		len   int
	}{
		{name: "everything at its limit", v: textTree{
			Subject: strings.Repeat("è", 10), Body: strings.Repeat("€", procedure.DefaultTextLimit), Kind: "12345678",
			Leaf: textLeaf{Name: "àèìòù", Free: strings.Repeat("x", procedure.DefaultTextLimit)}, LeafPtr: &textLeaf{Name: "12345"},
			Tags: []string{"abc", "", "日本語"}, Pairs: [2]string{"abc", "d"}, Attrs: map[string]string{"abcd": "wxyz"},
			Maybe: ptr("ab"), Any: "123456", Leaves: []textLeaf{{Name: "12345"}}, Raw: []byte("far more than one byte"),
			BadTag: strings.Repeat("b", procedure.DefaultTextLimit), ZeroTag: strings.Repeat("z", procedure.DefaultTextLimit),
			Negative: strings.Repeat("n", procedure.DefaultTextLimit), hidden: long,
		}},
		{name: "zero value", v: textTree{}},
		{name: "tagged field", v: textTree{Subject: strings.Repeat("è", 11)}, field: "Subject", limit: 10, len: 11},
		{name: "untagged field", v: textTree{Body: long}, field: "Body", limit: procedure.DefaultTextLimit, len: procedure.DefaultTextLimit + 1},
		{name: "named string type", v: textTree{Kind: "123456789"}, field: "Kind", limit: 8, len: 9},
		{name: "nested struct, tagged", v: textTree{Leaf: textLeaf{Name: "123456"}}, field: "Leaf.Name", limit: 5, len: 6},
		{name: "nested struct, untagged", v: textTree{Leaf: textLeaf{Free: long}}, field: "Leaf.Free", limit: procedure.DefaultTextLimit, len: procedure.DefaultTextLimit + 1},
		{name: "through a pointer, the inner tag", v: textTree{LeafPtr: &textLeaf{Name: "123456"}}, field: "LeafPtr.Name", limit: 5, len: 6},
		{name: "slice elements take the slice's tag", v: textTree{Tags: []string{"ok", "four"}}, field: "Tags[1]", limit: 3, len: 4},
		{name: "array elements take the array's tag", v: textTree{Pairs: [2]string{"", "four"}}, field: "Pairs[1]", limit: 3, len: 4},
		{name: "map keys", v: textTree{Attrs: map[string]string{"abcde": "x"}}, field: "Attrs{key}", limit: 4, len: 5},
		{name: "map values", v: textTree{Attrs: map[string]string{"k": "abcde"}}, field: "Attrs[…]", limit: 4, len: 5},
		{name: "pointer to string", v: textTree{Maybe: ptr("abc")}, field: "Maybe", limit: 2, len: 3},
		{name: "interface holding a string", v: textTree{Any: "1234567"}, field: "Any", limit: 6, len: 7},
		{name: "interface holding a struct", v: textTree{Any: textLeaf{Name: "123456"}}, field: "Any.Name", limit: 5, len: 6},
		{name: "slice of structs", v: textTree{Leaves: []textLeaf{{}, {Name: "123456"}}}, field: "Leaves[1].Name", limit: 5, len: 6},
		{name: "unparsable tag", v: textTree{BadTag: long}, field: "BadTag", limit: procedure.DefaultTextLimit, len: procedure.DefaultTextLimit + 1},
		{name: "zero tag", v: textTree{ZeroTag: long}, field: "ZeroTag", limit: procedure.DefaultTextLimit, len: procedure.DefaultTextLimit + 1},
		{name: "negative tag", v: textTree{Negative: long}, field: "Negative", limit: procedure.DefaultTextLimit, len: procedure.DefaultTextLimit + 1},
		{name: "the first field in order is named", v: textTree{Subject: strings.Repeat("s", 11), Body: long}, field: "Subject", limit: 10, len: 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, v := range []any{tt.v, &tt.v} {
				err := procedure.CheckText(v)
				if tt.field == "" {
					require.NoError(t, err)
					continue
				}
				var te *history.TextError
				require.ErrorAs(t, err, &te)
				assert.ErrorIs(t, err, history.ErrInvalid)
				assert.Equal(t, &history.TextError{Field: tt.field, Limit: tt.limit, Length: tt.len}, te)
			}
		})
	}
}

// Invalid UTF-8 is refused wherever it is, within its limit or not, with
// Limit 0 and the length in bytes; the error names the field, not the text.
func TestCheckText_InvalidUTF8(t *testing.T) {
	tests := []struct {
		name  string
		v     textTree
		field string
		len   int
	}{
		{"tagged field", textTree{Subject: "caf\xe9"}, "Subject", 4},
		{"untagged field", textTree{Body: "\xff"}, "Body", 1},
		{"nested", textTree{Leaf: textLeaf{Name: "\xc3"}}, "Leaf.Name", 1},
		{"slice element", textTree{Tags: []string{"a", "b\x80"}}, "Tags[1]", 2},
		{"map key", textTree{Attrs: map[string]string{"\xfe": "v"}}, "Attrs{key}", 1},
		{"map value", textTree{Attrs: map[string]string{"k": "\xfe"}}, "Attrs[…]", 1},
		{"pointer", textTree{Maybe: ptr("\xed\xa0\x80")}, "Maybe", 3}, // a UTF-16 surrogate
		{"over its limit too", textTree{Subject: strings.Repeat("\xff", 50)}, "Subject", 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := procedure.CheckText(tt.v)
			var te *history.TextError
			require.ErrorAs(t, err, &te)
			assert.ErrorIs(t, err, history.ErrInvalid)
			assert.Equal(t, &history.TextError{Field: tt.field, Limit: 0, Length: tt.len}, te)
			assert.NotContains(t, err.Error(), "\xff")
		})
	}
	assert.NoError(t, procedure.CheckText(textTree{Raw: []byte{0xff, 0xfe}}), "bytes are not text")
	assert.NoError(t, procedure.CheckText(textTree{hidden: "\xff"}), "unexported fields are not walked")
}

// Values that are not structs: a bare string has DefaultTextLimit and an
// empty path; nil and non-text values pass.
func TestCheckText_NotAStruct(t *testing.T) {
	assert.NoError(t, procedure.CheckText(nil))
	assert.NoError(t, procedure.CheckText(42))
	assert.NoError(t, procedure.CheckText((*textTree)(nil)))
	assert.NoError(t, procedure.CheckText(strings.Repeat("é", procedure.DefaultTextLimit)))
	err := procedure.CheckText(strings.Repeat("é", procedure.DefaultTextLimit+1))
	assert.Equal(t, &history.TextError{Field: "", Limit: procedure.DefaultTextLimit, Length: procedure.DefaultTextLimit + 1}, err)
	err = procedure.CheckText([]string{"ok", "\xff"})
	assert.Equal(t, &history.TextError{Field: "[1]", Length: 1}, err)
}

type (
	fuzzShort struct {
		S string `limit:"7"`
	}
	fuzzNested struct {
		L []map[string]*fuzzShort `limit:"3"` // the tag reaches the keys, not fuzzShort.S
	}
)

// FuzzCheckText: CheckText never panics, refuses exactly the strings that
// are not valid UTF-8 or longer than their limit in characters, and names
// the field it refuses.
func FuzzCheckText(f *testing.F) {
	for _, s := range []string{"", "abc", "àèìòùàè", "àèìòùàèì", "\xff", "a\x00b", strings.Repeat("x", procedure.DefaultTextLimit+1), "\xed\xa0\x80", "日本語日本語日本語"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		valid, n := utf8.ValidString(s), utf8.RuneCountInString(s)
		check := func(v any, field string, limit int) {
			t.Helper()
			err := procedure.CheckText(v)
			switch {
			case !valid:
				require.Equal(t, &history.TextError{Field: field, Length: len(s)}, err)
			case n > limit:
				require.Equal(t, &history.TextError{Field: field, Limit: limit, Length: n}, err)
			default:
				require.NoError(t, err)
			}
		}
		check(s, "", procedure.DefaultTextLimit)
		check(fuzzShort{S: s}, "S", 7)
		check(&fuzzNested{L: []map[string]*fuzzShort{nil, {"k": {S: s}}}}, "L[1][…].S", 7)
		check(fuzzNested{L: []map[string]*fuzzShort{{s: nil}}}, "L[0]{key}", 3)
		if valid && n <= 7 {
			require.NoError(t, procedure.CheckText(textTree{Subject: s, Body: s, Leaf: textLeaf{Name: firstRunes(s, 5)}}))
		}
	})
}

func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
