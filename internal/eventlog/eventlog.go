// Package eventlog is the append-only, hash-chained history every procedure
// in ascolto keeps: each Record says what happened (an event of the
// procedure's own type), when, who did it and under which rule, and carries
// the hash of its predecessor so that an edited record is found by Verify.
//
// The history is the single source of truth: states, deadlines, register rows
// and reports are all derived from it by folding.
package eventlog

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
)

// Hash is a SHA-256 digest linking a record to its predecessor.
type Hash [32]byte

// String returns the hash in hexadecimal.
func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// IsZero reports whether h is the zero hash, the predecessor of a first record.
func (h Hash) IsZero() bool { return h == Hash{} }

// MarshalText encodes the hash in hexadecimal.
func (h Hash) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// UnmarshalText decodes a hexadecimal hash.
func (h *Hash) UnmarshalText(b []byte) error {
	if len(b) != 2*len(h) {
		return fmt.Errorf("eventlog: hash must be %d hex digits, got %d", 2*len(h), len(b))
	}
	_, err := hex.Decode(h[:], b)
	return err
}

// Meta is what every record says besides its event.
type Meta struct {
	// Version is the record's 1-based position in its history; after
	// appending it, the history is at this version.
	Version int `json:"version"`
	// At is the instant the act happened or was recorded.
	At time.Time `json:"at"`
	// Actor is who performed the act.
	Actor office.Actor `json:"actor"`
	// Basis is the rule the act applies.
	Basis law.Citation `json:"basis"`
	// Prev is the hash of the previous record (zero for the first).
	Prev Hash `json:"prev"`
	// Hash is this record's hash, over Prev and everything else in it.
	Hash Hash `json:"hash"`
}

// Record is one entry of a history: the metadata and the event.
type Record[E any] struct {
	Meta
	// Event is what happened, in the procedure's own event type.
	Event E `json:"event"`
}

// Named is implemented by events that give their own stable name, used in the
// hash instead of the Go type name so that renaming a Go type does not break
// the chain.
type Named interface {
	EventName() string
}

// ErrBroken is wrapped by the error Verify returns for a history whose chain
// does not hold.
var ErrBroken = errors.New("eventlog: broken history")

// BrokenError locates the first record whose link or hash does not hold.
type BrokenError struct {
	// Version is the position of the first bad record.
	Version int
	// Reason says what does not hold.
	Reason string
}

// Error says where the history breaks and why.
func (e *BrokenError) Error() string {
	return fmt.Sprintf("eventlog: broken history at version %d: %s", e.Version, e.Reason)
}

// Unwrap returns ErrBroken.
func (e *BrokenError) Unwrap() error { return ErrBroken }

// Extend returns new sealed records continuing history, one per event, all at
// the same instant, by the same actor and under the same basis. history must
// itself be sealed (as loaded from a store). Extend reads only the last record
// of history (its Version and Hash), so a caller holding just that record may
// pass it alone; it never verifies the history (Verify does). The events are
// not validated: that is the procedure's job.
func Extend[E any](history []Record[E], at time.Time, actor office.Actor, basis law.Citation, events ...E) ([]Record[E], error) {
	prev, version := Hash{}, 0
	if n := len(history); n > 0 {
		prev, version = history[n-1].Hash, history[n-1].Version
	}
	out := make([]Record[E], 0, len(events))
	for _, e := range events {
		version++
		r := Record[E]{Meta: Meta{Version: version, At: at, Actor: actor, Basis: basis, Prev: prev}, Event: e}
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

// Sum computes the hash of r over its version, instant (UTC, nanoseconds),
// actor, basis, predecessor hash, event name and the event's JSON encoding.
// r.Hash itself is not part of the sum.
func Sum[E any](r Record[E]) (Hash, error) {
	body, err := json.Marshal(r.Event)
	if err != nil {
		return Hash{}, fmt.Errorf("eventlog: encoding event of version %d: %w", r.Version, err)
	}
	h := sha256.New()
	var num [8]byte
	binary.BigEndian.PutUint64(num[:], uint64(r.Version))
	h.Write(num[:])
	binary.BigEndian.PutUint64(num[:], uint64(r.At.UnixNano()))
	h.Write(num[:])
	field := func(s string) {
		binary.BigEndian.PutUint64(num[:], uint64(len(s)))
		h.Write(num[:])
		h.Write([]byte(s))
	}
	field(r.Actor.ID)
	field(r.Actor.Role.String())
	field(string(r.Actor.Office))
	b := r.Basis
	for _, s := range []string{b.Act, b.Article, b.Comma, b.Letter, b.Note, b.URN, b.Confidence.String()} {
		field(s)
	}
	h.Write(r.Prev[:])
	field(eventName(r.Event))
	field(string(body))
	var out Hash
	h.Sum(out[:0])
	return out, nil
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

// Verify checks that history is numbered 1, 2, 3... and that each record's
// Prev is its predecessor's Hash and its Hash is its own Sum. It returns nil
// for an intact history, or a *BrokenError for the first record that fails.
func Verify[E any](history []Record[E]) error {
	var prev Hash
	for i, r := range history {
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
	return nil
}
