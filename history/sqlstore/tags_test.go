package sqlstore

import (
	"database/sql"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

// viaJSON is decodeTags as it was before plainTags: encoding/json alone.
func viaJSON(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	var tags []string
	if err := json.Unmarshal([]byte(s), &tags); err != nil {
		return nil, err
	}
	if len(tags) == 0 {
		return nil, nil
	}
	return tags, nil
}

// checkTags fails t unless decodeTags gives for s what encoding/json gives:
// the same tags, or the same error.
func checkTags(t *testing.T, s string) {
	t.Helper()
	want, wantErr := viaJSON(s)
	got, err := decodeTags(sql.NullString{String: s, Valid: true})
	if (err == nil) != (wantErr == nil) || (err != nil && (reflect.TypeOf(err) != reflect.TypeOf(wantErr) || err.Error() != wantErr.Error())) {
		t.Fatalf("decodeTags(%q): error %v, encoding/json %v", s, err, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("decodeTags(%q) = %#v, encoding/json %#v", s, got, want)
	}
	if tags, ok := plainTags(s); ok && !reflect.DeepEqual(tags, want) {
		t.Fatalf("plainTags(%q) = %#v, encoding/json %#v", s, tags, want)
	}
}

var tagInputs = []string{
	``, ` `, `[]`, ` [ ] `, "[\t\r\n]", `null`, ` null `, `nul`, `[null]`, `[null, "a"]`,
	`["a"]`, `["cat:1"]`, `["a","b","c"]`, ` [ "a" , "b" ] `, "[\"a\",\n\"b\"]",
	`[""]`, `["", ""]`, `["a,b"]`, `["a]"]`, `["[a"]`, `["a" "b"]`, `["a",]`, `[,"a"]`, `["a"`, `["a`, `[`, `]`,
	`["a"]x`, `["a"] x`, `["a"]]`, `["a"],`, `[]x`, `[] []`, `x["a"]`,
	`["\""]`, `["a\\b"]`, `["\u00e8"]`, `["\u00"]`, `["\ud800"]`, `["\ud83d\ude00"]`, `["\n"]`, `["\x"]`, `["a\/b"]`,
	"[\"a\tb\"]", "[\"a\nb\"]", "[\"a\x00b\"]", "[\"a\x1fb\"]", "[\"a\x7fb\"]",
	`["è", "municipio:VII"]`, `["日本語"]`, `["😀"]`, "[\"\u2028\"]",
	"[\"\xff\"]", "[\"\xc3\"]", "[\"\xed\xa0\x80\"]", "[\"a\xe2\x82\"]", "\xef\xbb\xbf[\"a\"]",
	`[1]`, `["a", 1]`, `[true]`, `[["a"]]`, `[{"a":"b"}]`, `{"a":"b"}`, `"a"`, `1`, `{}`,
	`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`,
}

// TestDecodeTagsHostile: escapes, Unicode, empty and null arrays, nesting,
// other types and trailing garbage give what encoding/json gives.
func TestDecodeTagsHostile(t *testing.T) {
	for _, s := range tagInputs {
		checkTags(t, s)
	}
	if tags, err := decodeTags(sql.NullString{}); tags != nil || err != nil {
		t.Fatalf("NULL: %v, %v", tags, err)
	}
	var syntax *json.SyntaxError
	if _, err := decodeTags(sql.NullString{String: `["a"]x`, Valid: true}); !errors.As(err, &syntax) {
		t.Fatalf("trailing garbage: %v, want a *json.SyntaxError", err)
	}
	var typ *json.UnmarshalTypeError
	if _, err := decodeTags(sql.NullString{String: `[["a"]]`, Valid: true}); !errors.As(err, &typ) {
		t.Fatalf("nested: %v, want a *json.UnmarshalTypeError", err)
	}
}

// TestPlainTagsTakesTheCommonCase: the columns encodeTags writes for
// ordinary tags take the fast path, so that it is the one measured.
func TestPlainTagsTakesTheCommonCase(t *testing.T) {
	for _, tags := range [][]string{{"cat:1"}, {"category:buche", "municipio:VII"}, {"città:Forlì", ""}} {
		col, err := encodeTags(tags)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := plainTags(col.(string))
		if !ok || !reflect.DeepEqual(got, tags) {
			t.Fatalf("plainTags(%q) = %q, %v; want %q, true", col, got, ok, tags)
		}
	}
}

// FuzzPlainTags: for every input, decodeTags gives what encoding/json
// gives (the same tags, or the same error).
func FuzzPlainTags(f *testing.F) {
	for _, s := range tagInputs {
		f.Add(s)
	}
	f.Fuzz(checkTags)
}
