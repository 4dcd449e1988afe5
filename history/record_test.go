package history_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
)

var clerk = office.Actor{ID: "m.rossi", Role: office.FrontOffice, Office: "urp"}

func seal(t *testing.T, head history.Head, at time.Time, events ...event) []history.Record[event] {
	t.Helper()
	recs, err := history.Extend(head, at, deadline.Date{}, clerk, law.Cite("L. 241/1990", "22", "1"), events...)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// The hash used to be taken over UnixNano, which wraps: two instants 2^64
// nanoseconds (about 584 years) apart had one hash.
func TestHashSeesInstantsUnixNanoConfuses(t *testing.T) {
	t1 := time.Date(2300, time.January, 1, 0, 0, 0, 0, time.UTC)
	t2 := t1.Add(-math.MaxInt64).Add(-math.MaxInt64).Add(-2)
	a, b := seal(t, history.Head{}, t1, sample(1)), seal(t, history.Head{}, t2, sample(1))
	if a[0].Hash == b[0].Hash {
		t.Fatal("two instants 2^64 ns apart share a hash")
	}
}

// JSON maps invalid UTF-8 to U+FFFD: "\xff" and "\uFFFD" used to share a hash.
func TestInvalidUTF8IsRefusedNotReplaced(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	_, err := history.Extend(history.Head{}, at, deadline.Date{}, clerk, law.Citation{}, event{Text: "caf\xff"})
	var te *history.TextError
	if !errors.As(err, &te) || !errors.Is(err, history.ErrInvalid) || te.Field != "Text" {
		t.Fatalf("invalid UTF-8 in an event: got %v", err)
	}
	_, err = history.Extend(history.Head{}, at, deadline.Date{}, office.Actor{ID: "m\xffrossi", Role: office.FrontOffice}, law.Citation{}, event{})
	if !errors.As(err, &te) || te.Field != "Actor.ID" {
		t.Fatalf("invalid UTF-8 in the actor: got %v", err)
	}
	ok := seal(t, history.Head{}, at, event{Text: "caf\uFFFD"})
	if err := history.Verify(ok, history.Head{Version: 1, Hash: ok[0].Hash}); err != nil {
		t.Fatal(err)
	}
}

// A history cut short used to verify, even when cut to nothing.
func TestVerifyAgainstHeadFindsTruncation(t *testing.T) {
	recs := seal(t, history.Head{}, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), sample(1), sample(2), sample(3))
	head := history.Head{Version: 3, Hash: recs[2].Hash}
	if err := history.Verify(recs, head); err != nil {
		t.Fatal(err)
	}
	for n := range 3 {
		err := history.Verify(recs[:n], head)
		var be *history.BrokenError
		if !errors.As(err, &be) || !errors.Is(err, history.ErrBroken) {
			t.Fatalf("cut to %d records: got %v", n, err)
		}
	}
	if err := history.Verify[event](nil, history.Head{}); err != nil {
		t.Fatalf("an empty history with an empty head: %v", err)
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	recs := seal(t, history.Head{}, time.Date(2026, 3, 2, 9, 0, 0, 7, time.FixedZone("CET", 3600)), sample(2))
	b, err := history.Encode(recs[0])
	if err != nil {
		t.Fatal(err)
	}
	back, err := history.Decode[event](b)
	if err != nil {
		t.Fatal(err)
	}
	if back.Hash != recs[0].Hash || !back.At.Equal(recs[0].At) || back.On != deadline.MustDate(2026, 3, 2) {
		t.Fatalf("round trip changed the record: %+v", back.Meta)
	}
	for _, bad := range [][]byte{nil, b[:10], b[:len(b)-1], append(append([]byte{}, b...), 0)} {
		if _, err := history.Decode[event](bad); !errors.Is(err, history.ErrInvalid) {
			t.Fatalf("decoding %d bytes: got %v", len(bad), err)
		}
	}
}

func TestDigestDependsOnEveryHead(t *testing.T) {
	ids := []string{"a", "b"}
	heads := []history.Head{{Version: 1, Hash: history.Hash{1}}, {Version: 2, Hash: history.Hash{2}}}
	d := history.Digest(ids, heads)
	for _, other := range [][]history.Head{
		{{Version: 1, Hash: history.Hash{1}}, {Version: 3, Hash: history.Hash{2}}},
		{{Version: 1, Hash: history.Hash{1}}, {Version: 2, Hash: history.Hash{3}}},
		{heads[1], heads[0]},
		heads[:1],
	} {
		if history.Digest(ids, other) == d {
			t.Fatalf("digest unchanged for %v", other)
		}
	}
	if history.Digest([]string{"a", "c"}, heads) == d {
		t.Fatal("digest unchanged for another ID")
	}
}

func TestDigesterEqualsDigest(t *testing.T) {
	ids := []string{"RA/2026/0000001", "", "RA/2026/0000003"}
	heads := []history.Head{{Version: 1, Hash: history.Hash{1}}, {Version: 2, Hash: history.Hash{2}}, {Version: 7, Hash: history.Hash{9}}}
	var d history.Digester
	if d.Sum() != history.Digest(nil, nil) {
		t.Fatal("empty Digester differs from the digest of no heads")
	}
	for i := range heads {
		d.Add(ids[i], heads[i])
	}
	if d.Len() != 3 || d.Sum() != history.Digest(ids, heads) {
		t.Fatalf("Digester gives %v over %d heads, Digest %v", d.Sum(), d.Len(), history.Digest(ids, heads))
	}
	// Labels are length-prefixed: moving a byte from one label to the next changes the digest.
	var e history.Digester
	e.Add("RA/2026/000000", heads[0])
	e.Add("1", heads[1])
	var f history.Digester
	f.Add("RA/2026/0000001", heads[0])
	f.Add("", heads[1])
	if e.Sum() == f.Sum() {
		t.Fatal("digest blind to where one label ends")
	}
}

// Encode refuses invalid UTF-8 wherever JSON would coerce it, and only
// there: texts that merely look like the replacement escape, a valid U+FFFD,
// and backslashes before either are accepted.
func TestEncodeFindsEveryCoercion(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		text    string
		invalid bool
	}{
		{`\ufffd`, false},
		{`\\ufffd`, false},
		{"\\\ufffd", false},
		{"ufffd \uFFFD", false},
		{"\\\xff", true},
		{"\\\\\xff", true},
		{"\xffufffd", true},
		{"ok \xc3", true},
	} {
		_, err := history.Extend(history.Head{}, at, deadline.Date{}, clerk, law.Citation{}, event{List: []string{"a", c.text}})
		if got := errors.Is(err, history.ErrInvalid); got != c.invalid {
			t.Errorf("%q: refused %v, want %v (%v)", c.text, got, c.invalid, err)
		}
		var te *history.TextError
		if c.invalid && (!errors.As(err, &te) || te.Field != "List[1]") {
			t.Errorf("%q: got %v, want a TextError naming List[1]", c.text, err)
		}
	}
	// A map key is not a field the walk names; the record is still refused.
	_, err := history.Extend(history.Head{}, at, deadline.Date{}, clerk, law.Citation{}, map[string]int{"k\xff": 1})
	if !errors.Is(err, history.ErrInvalid) {
		t.Fatalf("invalid UTF-8 in a map key: got %v", err)
	}
}
