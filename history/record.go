package history

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"reflect"
	"time"
	"unicode/utf8"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/textcheck"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
)

// Hash is a SHA-256 digest: a record's hash, taken over its canonical
// encoding (Encode), which includes its predecessor's hash.
type Hash [32]byte

// String returns the hash in hexadecimal.
func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// IsZero reports whether h is the zero hash, the predecessor of a first record.
func (h Hash) IsZero() bool { return h == Hash{} }

// MarshalText encodes the hash in hexadecimal.
func (h Hash) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// UnmarshalText decodes a hexadecimal hash of 64 digits.
func (h *Hash) UnmarshalText(b []byte) error {
	if len(b) != 2*len(h) {
		return fmt.Errorf("%w: hash must be %d hex digits, got %d", ErrInvalid, 2*len(h), len(b))
	}
	if _, err := hex.Decode(h[:], b); err != nil {
		return fmt.Errorf("%w: hash: %v", ErrInvalid, err)
	}
	return nil
}

// Head identifies a history as it stands: its version (the number of
// records) and the hash of its last record. A store keeps it apart from the
// records, so that a history cut short no longer matches its head; a
// publisher states the heads it was built from (Digest), so that anyone
// holding the histories can prove them unchanged since.
type Head struct {
	// Version is the number of records, the version of the last one.
	Version int `json:"version"`
	// Hash is the last record's hash; zero for an empty history.
	Hash Hash `json:"hash"`
}

// IsZero reports whether h is the head of an empty history.
func (h Head) IsZero() bool { return h == Head{} }

// String returns "version:hash".
func (h Head) String() string { return fmt.Sprintf("%d:%s", h.Version, h.Hash) }

// Meta is what every record says besides its event.
type Meta struct {
	// Version is the record's 1-based position in its history.
	Version int `json:"version"`
	// At is the instant the act was recorded, in UTC.
	At time.Time `json:"at"`
	// On is the civil day of the fact the act records, which may precede the
	// day it was recorded (an opposition received by PEC on Friday and
	// entered on Monday). Legal terms run from On, never from At.
	On deadline.Date `json:"on"`
	// Actor is who performed the act.
	Actor office.Actor `json:"actor"`
	// Basis is the rule the act applies.
	Basis law.Citation `json:"basis"`
	// Prev is the hash of the previous record (zero for the first).
	Prev Hash `json:"prev"`
	// Hash is this record's hash: SHA-256 of Encode(record).
	Hash Hash `json:"hash"`
}

// Record is one entry of a history: the metadata and the event.
type Record[E any] struct {
	Meta
	// Event is what happened, in the procedure's own event type.
	Event E `json:"event"`
}

// Named is implemented by events that give their own stable name, used in
// the encoding instead of the Go type name so that renaming a Go type does
// not break the chain.
type Named interface {
	EventName() string
}

// Extend returns new sealed records continuing the history whose head is
// head, one per event, all recorded at the same instant, for the same day of
// the fact, by the same actor and under the same basis. A zero on means the
// day of at in Rome. Extend refuses (ErrInvalid) an event or metadata holding
// invalid UTF-8, and an event the encoding cannot represent. The events are
// not otherwise validated: that is the procedure's job.
func Extend[E any](head Head, at time.Time, on deadline.Date, actor office.Actor, basis law.Citation, events ...E) ([]Record[E], error) {
	if on.IsZero() {
		on = deadline.DateOf(at)
	}
	prev, version := head.Hash, head.Version
	out := make([]Record[E], 0, len(events))
	for _, e := range events {
		version++
		r := Record[E]{Meta: Meta{Version: version, At: at.UTC(), On: on, Actor: actor, Basis: basis, Prev: prev}, Event: e}
		h, err := Sum(r)
		if err != nil {
			return nil, err
		}
		r.Hash = h
		prev = h
		out = append(out, r)
	}
	return out, nil
}

// Sum returns the hash of r: SHA-256 of Encode(r). r.Hash is not part of it.
func Sum[E any](r Record[E]) (Hash, error) {
	b, err := Encode(r)
	if err != nil {
		return Hash{}, err
	}
	return sha256.Sum256(b), nil
}

// encodingTag starts every canonical encoding; a future format gets a new tag.
const encodingTag = "ascolto/history/v1\x00"

// Encode returns the canonical encoding of r without its Hash: the exact
// bytes the hash is taken over and a store may keep. It is injective: two
// records that differ in any field (event included) encode differently. The
// layout, all integers big-endian:
//
//	"ascolto/history/v1\x00"
//	version uint64 | At: Unix seconds int64, nanoseconds uint32 | Prev [32]byte
//	then, each as uint64 length + bytes: On (ISO date, empty when zero),
//	actor JSON, basis JSON, event name, event JSON
//
// A string anywhere in r that is not valid UTF-8 is refused with a
// *TextError wrapping ErrInvalid: JSON would replace it with U+FFFD, and two
// different stored texts would share one hash.
func Encode[E any](r Record[E]) ([]byte, error) {
	actor, err := json.Marshal(r.Actor)
	if err != nil {
		return nil, fmt.Errorf("%w: record %d: actor: %v", ErrInvalid, r.Version, err)
	}
	basis, err := json.Marshal(r.Basis)
	if err != nil {
		return nil, fmt.Errorf("%w: record %d: basis: %v", ErrInvalid, r.Version, err)
	}
	body, err := json.Marshal(r.Event)
	if err != nil {
		return nil, fmt.Errorf("%w: record %d: event: %v", ErrInvalid, r.Version, err)
	}
	if coerced(actor) || coerced(basis) || coerced(body) {
		return nil, invalidText(r)
	}
	name := eventName(r.Event)
	var on []byte
	if !r.On.IsZero() {
		on = []byte(r.On.String())
	}
	b := make([]byte, 0, len(encodingTag)+8+12+32+5*8+len(on)+len(actor)+len(basis)+len(name)+len(body))
	b = append(b, encodingTag...)
	b = binary.BigEndian.AppendUint64(b, uint64(r.Version))
	b = binary.BigEndian.AppendUint64(b, uint64(r.At.Unix()))
	b = binary.BigEndian.AppendUint32(b, uint32(r.At.Nanosecond()))
	b = append(b, r.Prev[:]...)
	for _, f := range [][]byte{on, actor, basis, []byte(name), body} {
		b = binary.BigEndian.AppendUint64(b, uint64(len(f)))
		b = append(b, f...)
	}
	return b, nil
}

// Decode reads a record from its canonical encoding and sets its Hash to
// the SHA-256 of b, the bytes as stored. A malformed encoding, or an event
// whose name is not E's, wraps ErrInvalid. Decode does not check that b is
// the canonical encoding of what it decodes to: Verify does, by encoding
// the record again.
func Decode[E any](b []byte) (Record[E], error) {
	var r Record[E]
	rest, ok := bytes.CutPrefix(b, []byte(encodingTag))
	if !ok || len(rest) < 8+8+4+32 {
		return r, fmt.Errorf("%w: not a history record encoding", ErrInvalid)
	}
	r.Version = int(binary.BigEndian.Uint64(rest))
	sec, nsec := int64(binary.BigEndian.Uint64(rest[8:])), binary.BigEndian.Uint32(rest[16:])
	if nsec >= 1e9 {
		return r, fmt.Errorf("%w: record %d: nanoseconds out of range", ErrInvalid, r.Version)
	}
	r.At = time.Unix(sec, int64(nsec)).UTC()
	copy(r.Prev[:], rest[20:52])
	rest = rest[52:]
	var fields [5][]byte
	for i := range fields {
		if len(rest) < 8 {
			return r, fmt.Errorf("%w: record %d: truncated encoding", ErrInvalid, r.Version)
		}
		n := binary.BigEndian.Uint64(rest)
		rest = rest[8:]
		if n > uint64(len(rest)) {
			return r, fmt.Errorf("%w: record %d: truncated encoding", ErrInvalid, r.Version)
		}
		fields[i], rest = rest[:n], rest[n:]
	}
	if len(rest) != 0 {
		return r, fmt.Errorf("%w: record %d: trailing bytes", ErrInvalid, r.Version)
	}
	if len(fields[0]) > 0 {
		on, err := deadline.ParseDate(string(fields[0]))
		if err != nil {
			return r, fmt.Errorf("%w: record %d: %v", ErrInvalid, r.Version, err)
		}
		r.On = on
	}
	for i, dst := range []any{&r.Actor, &r.Basis, &r.Event} {
		f := fields[1+i]
		if i == 2 {
			f = fields[4]
		}
		if err := json.Unmarshal(f, dst); err != nil {
			return r, fmt.Errorf("%w: record %d: %v", ErrInvalid, r.Version, err)
		}
	}
	if name := eventName(r.Event); name != string(fields[3]) {
		return r, fmt.Errorf("%w: record %d: event %q where %q was expected", ErrInvalid, r.Version, fields[3], name)
	}
	r.Hash = sha256.Sum256(b)
	return r, nil
}

func eventName(e any) string {
	if n, ok := e.(Named); ok {
		return n.EventName()
	}
	if e == nil {
		return "<nil>"
	}
	return reflect.TypeOf(e).String()
}

// TextError is an input text refused before it is recorded: invalid UTF-8
// (here) or longer than its field's limit (in the procedures). It wraps
// ErrInvalid.
type TextError struct {
	// Field is the path of the field, e.g. "Filed.Subject" or "Actor.ID".
	Field string
	// Limit is the field's limit in characters; 0 for invalid UTF-8.
	Limit int
	// Length is the text's length in characters (bytes when not UTF-8).
	Length int
}

// Error says which field is wrong and why, never the text itself.
func (e *TextError) Error() string {
	if e.Limit == 0 {
		return fmt.Sprintf("%v: %s is not valid UTF-8", ErrInvalid, e.Field)
	}
	return fmt.Sprintf("%v: %s has %d characters, more than its limit of %d", ErrInvalid, e.Field, e.Length, e.Limit)
}

// Unwrap returns ErrInvalid.
func (e *TextError) Unwrap() error { return ErrInvalid }

// CheckUTF8 returns a *TextError for the first string reachable from v
// (exported fields, pointers, slices, maps) that is not valid UTF-8.
func CheckUTF8(v any) error {
	return textcheck.Walk(v, func(path func() string, s string, _ int) error {
		if !utf8.ValidString(s) {
			return &TextError{Field: path(), Length: len(s)}
		}
		return nil
	})
}

// coerced reports whether encoding/json replaced invalid UTF-8 in the
// document b: it writes each invalid byte as the escape \ufffd, and a valid
// U+FFFD as its three raw bytes, so an escape preceded by an odd run of
// backslashes (the escape's own, after escaped backslashes) is a
// replacement. Scanning the encoding is what lets Encode refuse invalid
// text without walking every field of every record it encodes.
func coerced(b []byte) bool {
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte("ufffd"))
		if j < 0 {
			return false
		}
		j += i
		n := 0
		for k := j - 1; k >= 0 && b[k] == '\\'; k-- {
			n++
		}
		if n%2 == 1 {
			return true
		}
		i = j + 5
	}
}

// invalidText names the field of r that JSON coerced: the first string
// that is not valid UTF-8, or, where no exported field holds it (a map key,
// a custom encoding), the record's event.
func invalidText[E any](r Record[E]) error {
	if err := checkUTF8(r); err != nil {
		return err
	}
	return &TextError{Field: "Event"}
}

func checkUTF8[E any](r Record[E]) error {
	if err := CheckUTF8(r.Actor); err != nil {
		err.(*TextError).Field = "Actor." + err.(*TextError).Field
		return err
	}
	if err := CheckUTF8(r.Basis); err != nil {
		err.(*TextError).Field = "Basis." + err.(*TextError).Field
		return err
	}
	return CheckUTF8(r.Event)
}

// Verify checks that records are a whole history whose head is head: numbered
// 1, 2, 3..., each linking to its predecessor's hash, each hash the SHA-256
// of its canonical encoding, and the last record's version and hash equal to
// head. It returns nil for an intact history, or a *BrokenError (wrapping
// ErrBroken) for the first record that fails. A history cut short, even to
// nothing, fails against the head it had.
func Verify[E any](records []Record[E], head Head) error {
	var prev Hash
	for i, r := range records {
		want := i + 1
		switch {
		case r.Version != want:
			return &BrokenError{Version: want, Reason: fmt.Sprintf("numbered %d", r.Version)}
		case r.Prev != prev:
			return &BrokenError{Version: want, Reason: "does not link to its predecessor"}
		}
		h, err := Sum(r)
		if err != nil {
			return &BrokenError{Version: want, Reason: err.Error()}
		}
		if h != r.Hash {
			return &BrokenError{Version: want, Reason: "content does not match its hash"}
		}
		prev = r.Hash
	}
	if got := (Head{Version: len(records), Hash: prev}); got != head {
		return &BrokenError{Version: min(len(records), head.Version) + 1, Reason: fmt.Sprintf("history ends at %s, its head is %s", got, head)}
	}
	return nil
}

// Digest returns one hash over several heads, in the order given: what a
// publication (a register, a report) states it was built from. ids label
// the heads (a missing label is empty). The caller orders the heads (by
// case ID, by protocol number) so that the same histories give the same
// digest. It equals a Digester fed the same pairs.
func Digest(ids []string, heads []Head) Hash {
	var d Digester
	for i, hd := range heads {
		id := ""
		if i < len(ids) {
			id = ids[i]
		}
		d.Add(id, hd)
	}
	return d.Sum()
}

// Digester computes Digest one head at a time, in constant memory: a
// register streamed from a store states the digest of its million rows
// without holding them. The zero Digester is ready to use.
type Digester struct {
	h hash.Hash
	n int
}

// Add appends the head of the history labelled id.
func (d *Digester) Add(id string, head Head) {
	if d.h == nil {
		d.h = sha256.New()
	}
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(id)))
	d.h.Write(n[:])
	d.h.Write([]byte(id))
	binary.BigEndian.PutUint64(n[:], uint64(head.Version))
	d.h.Write(n[:])
	d.h.Write(head.Hash[:])
	d.n++
}

// Len returns the number of heads added.
func (d *Digester) Len() int { return d.n }

// Sum returns the digest of the heads added so far (that of no heads when
// none was).
func (d *Digester) Sum() Hash {
	if d.h == nil {
		d.h = sha256.New()
	}
	var out Hash
	d.h.Sum(out[:0])
	return out
}
