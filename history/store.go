package history

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/puntodiascolto/ascolto/deadline"
)

// Sentinel errors. A Store wraps them; the procedures return them unchanged,
// so errors.Is works the same whichever procedure or store a caller uses.
var (
	// ErrNotFound: no history with that ID.
	ErrNotFound = errors.New("history: not found")
	// ErrExists: a history with that ID already exists.
	ErrExists = errors.New("history: already exists")
	// ErrConflict: the history moved on since the writer read it (its
	// version is no longer the expected one). Reload, decide again, retry.
	ErrConflict = errors.New("history: concurrent modification")
	// ErrInvalid: malformed input (an empty or over-long ID, invalid UTF-8, a
	// record out of sequence or unsealed, a negative limit, a foreign cursor).
	ErrInvalid = errors.New("history: invalid")
	// ErrBroken: a stored history does not verify (an edited, reordered,
	// missing or extra record); see *BrokenError.
	ErrBroken = errors.New("history: broken")
)

// BrokenError locates the first record of a history whose link, hash or
// position does not hold. It wraps ErrBroken.
type BrokenError struct {
	// ID is the history's ID, when known.
	ID string
	// Version is the position of the first bad record.
	Version int
	// Reason says what does not hold.
	Reason string
}

// Error says where the history breaks and why.
func (e *BrokenError) Error() string {
	if e.ID != "" {
		return fmt.Sprintf("history: %s broken at version %d: %s", e.ID, e.Version, e.Reason)
	}
	return fmt.Sprintf("history: broken at version %d: %s", e.Version, e.Reason)
}

// Unwrap returns ErrBroken.
func (e *BrokenError) Unwrap() error { return ErrBroken }

// MaxIDLength is the longest ID, in bytes, a store must accept.
const MaxIDLength = 200

// CheckID returns an error wrapping ErrInvalid unless id is a valid history
// ID: 1 to MaxIDLength bytes of valid UTF-8 without control characters.
// IDs are compared byte by byte (Go string order, SQL COLLATE "C").
func CheckID(id string) error {
	switch {
	case id == "":
		return fmt.Errorf("%w: empty ID", ErrInvalid)
	case len(id) > MaxIDLength:
		return fmt.Errorf("%w: ID of %d bytes, more than %d", ErrInvalid, len(id), MaxIDLength)
	case !utf8.ValidString(id):
		return fmt.Errorf("%w: ID is not valid UTF-8", ErrInvalid)
	case strings.ContainsFunc(id, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return fmt.Errorf("%w: ID holds a control character", ErrInvalid)
	}
	return nil
}

// Index is the queryable projection of a history, derived from it by the
// procedure and written by the store atomically with the records it derives
// from, like a database index: it can always be rebuilt from the history
// (see procedure.Reindex). It holds no personal data.
type Index struct {
	// Kind is the procedure's kind, e.g. "generalizzato", "reclamo".
	Kind string `json:"kind"`
	// State is the current state, e.g. "decided".
	State string `json:"state"`
	// Office is the office currently responsible.
	Office string `json:"office,omitempty"`
	// Channel is how the case arrived, e.g. "pec".
	Channel string `json:"channel,omitempty"`
	// Received is the civil date the case was received.
	Received deadline.Date `json:"received"`
	// Due is the due date of the earliest deadline the administration has not
	// met yet; zero when nothing is due.
	Due deadline.Date `json:"due"`
	// Tags are further filterable labels, "key:value" by convention
	// ("category:buche", "municipio:VII"). A store reads back nil for no tags
	// (nil and empty are the same), in the order written.
	Tags []string `json:"tags,omitempty"`
}

// Equal reports whether two indexes say the same (nil and empty tags alike).
func (x Index) Equal(y Index) bool {
	return x.Kind == y.Kind && x.State == y.State && x.Office == y.Office && x.Channel == y.Channel &&
		x.Received == y.Received && x.Due == y.Due && slices.Equal(x.Tags, y.Tags)
}

// Clone returns a copy of x that shares no memory with it; no tags read as nil.
func (x Index) Clone() Index {
	if len(x.Tags) == 0 {
		x.Tags = nil
	} else {
		x.Tags = slices.Clone(x.Tags)
	}
	return x
}

// Stream is a stored history: its ID, head, records and index.
type Stream[ID ~string, E any] struct {
	// ID identifies the case.
	ID ID `json:"id"`
	// Head is the history's head as the store keeps it, apart from the
	// records: Verify checks the records against it.
	Head Head `json:"head"`
	// Records are the records loaded, oldest first: the whole history, or
	// those after the version asked for.
	Records []Record[E] `json:"records"`
	// Index is the projection stored with the last write.
	Index Index `json:"index"`
}

// Version returns the history's version, the number of its records.
func (s Stream[ID, E]) Version() int { return s.Head.Version }

// Verify checks a whole loaded history against its head (see Verify).
func (s Stream[ID, E]) Verify() error {
	if err := Verify(s.Records, s.Head); err != nil {
		var be *BrokenError
		if errors.As(err, &be) {
			be.ID = string(s.ID)
		}
		return err
	}
	return nil
}

// Change is one history's part of a Write.
type Change[ID ~string, E any] struct {
	// ID is the history written.
	ID ID
	// Expected is the version the writer read: 0 creates the history (which
	// must not exist), n > 0 appends to a history at version n.
	Expected int
	// Index is the history's new index.
	Index Index
	// Records continue the history: sealed by Extend, numbered from
	// Expected+1, the first linking to the head's hash. A change without
	// records rewrites only the index, at version Expected (a reindex).
	Records []Record[E]
}

// Store persists histories. See the package documentation for the
// checklist every implementation follows; historytest.Run checks it.
type Store[ID ~string, E any] interface {
	// Write applies every change or none, atomically: a reader sees all of
	// them or none. It fails with ErrInvalid for a malformed batch, ErrExists
	// when a change creates a history that exists, ErrNotFound when it
	// appends to one that does not, ErrConflict when a history is not at the
	// expected version.
	Write(ctx context.Context, changes ...Change[ID, E]) error
	// Load returns the history's head and index, and its records after
	// version after (0: all of them). ErrNotFound for an unknown ID.
	Load(ctx context.Context, id ID, after int) (Stream[ID, E], error)
	// List returns one page of the histories whose index matches q, in the
	// order Query documents.
	List(ctx context.Context, q Query) (Page[ID], error)
}

// Query selects histories by their Index. Empty lists and zero dates do not
// filter. Within a list any value matches (OR); across fields all must
// match (AND); every tag in Tags must be present.
//
// Results are ordered by (Due, ID) when DueFrom or DueTo is set, otherwise
// by (Received, ID); IDs compare byte by byte. The order is total and
// stable, so a Cursor resumes exactly after the last item of the previous
// page.
type Query struct {
	Kinds    []string `json:"kinds,omitempty"`
	States   []string `json:"states,omitempty"`
	Offices  []string `json:"offices,omitempty"`
	Channels []string `json:"channels,omitempty"`
	Tags     []string `json:"tags,omitempty"`
	// ReceivedFrom and ReceivedTo bound the received date, inclusive.
	ReceivedFrom deadline.Date `json:"received_from"`
	ReceivedTo   deadline.Date `json:"received_to"`
	// DueFrom and DueTo bound the due date, inclusive; setting either
	// excludes histories with nothing due.
	DueFrom deadline.Date `json:"due_from"`
	DueTo   deadline.Date `json:"due_to"`
	// Cursor is a previous Page's Next; empty for the first page.
	Cursor string `json:"cursor,omitempty"`
	// Limit is the page size: 0 means DefaultLimit, more than MaxLimit
	// means MaxLimit, negative is ErrInvalid.
	Limit int `json:"limit,omitempty"`
}

// Page sizes of List.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// ByDue reports whether q is ordered by due date.
func (q Query) ByDue() bool { return !q.DueFrom.IsZero() || !q.DueTo.IsZero() }

// PageSize returns the page size q asks for, or ErrInvalid for a negative limit.
func (q Query) PageSize() (int, error) {
	switch {
	case q.Limit < 0:
		return 0, fmt.Errorf("%w: negative limit %d", ErrInvalid, q.Limit)
	case q.Limit == 0:
		return DefaultLimit, nil
	case q.Limit > MaxLimit:
		return MaxLimit, nil
	}
	return q.Limit, nil
}

// Key returns the date idx sorts on under q: Due when q is by due, else Received.
func (q Query) Key(idx Index) deadline.Date {
	if q.ByDue() {
		return idx.Due
	}
	return idx.Received
}

// Matches reports whether idx is selected by q's filters (the cursor aside).
func (q Query) Matches(idx Index) bool {
	in := func(list []string, v string) bool { return len(list) == 0 || slices.Contains(list, v) }
	if !in(q.Kinds, idx.Kind) || !in(q.States, idx.State) || !in(q.Offices, idx.Office) || !in(q.Channels, idx.Channel) {
		return false
	}
	for _, t := range q.Tags {
		if !slices.Contains(idx.Tags, t) {
			return false
		}
	}
	if !within(idx.Received, q.ReceivedFrom, q.ReceivedTo) {
		return false
	}
	return !q.ByDue() || (!idx.Due.IsZero() && within(idx.Due, q.DueFrom, q.DueTo))
}

func within(d, from, to deadline.Date) bool {
	return (from.IsZero() || !d.Before(from)) && (to.IsZero() || !d.After(to))
}

// Summary is one item of a Page.
type Summary[ID ~string] struct {
	ID    ID    `json:"id"`
	Head  Head  `json:"head"`
	Index Index `json:"index"`
}

// Page is one page of List results.
type Page[ID ~string] struct {
	Items []Summary[ID] `json:"items"`
	// Next is the cursor of the next page; empty when this is the last.
	Next string `json:"next,omitempty"`
}

// Cursor is the position after which a page starts: the sort key and ID of
// the previous page's last item. Stores encode it with String and read it
// back with ParseCursor; callers treat it as opaque.
type Cursor struct {
	// ByDue is the order the cursor belongs to.
	ByDue bool
	// Day is the last item's sort key (Due or Received).
	Day deadline.Date
	// ID is the last item's ID.
	ID string
}

// After reports whether an item with sort key day and id comes after c.
func (c Cursor) After(day deadline.Date, id string) bool {
	if d := day.Compare(c.Day); d != 0 {
		return d > 0
	}
	return id > c.ID
}

// String encodes the cursor (base64 of "d|2026-03-31|id" or "r|...").
func (c Cursor) String() string {
	mode := "r"
	if c.ByDue {
		mode = "d"
	}
	ds := ""
	if !c.Day.IsZero() {
		ds = c.Day.String()
	}
	return base64.RawURLEncoding.EncodeToString([]byte(mode + "|" + ds + "|" + c.ID))
}

// ParseCursor decodes q.Cursor. ok is false for an empty cursor (the first
// page); a malformed cursor, or one from a query of the other order, wraps
// ErrInvalid.
func ParseCursor(q Query) (c Cursor, ok bool, err error) {
	if q.Cursor == "" {
		return Cursor{ByDue: q.ByDue()}, false, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(q.Cursor)
	if err != nil {
		return c, false, fmt.Errorf("%w: malformed cursor", ErrInvalid)
	}
	mode, rest, ok1 := strings.Cut(string(raw), "|")
	day, id, ok2 := strings.Cut(rest, "|")
	want := "r"
	if q.ByDue() {
		want = "d"
	}
	if !ok1 || !ok2 || mode != want {
		return c, false, fmt.Errorf("%w: cursor does not belong to this query", ErrInvalid)
	}
	c = Cursor{ByDue: q.ByDue(), ID: id}
	if day != "" {
		if c.Day, err = deadline.ParseDate(day); err != nil {
			return c, false, fmt.Errorf("%w: malformed cursor date", ErrInvalid)
		}
	}
	return c, true, nil
}

// Encoded is a record as a store keeps it: its canonical encoding with the
// version, predecessor and hash a store indexes it by.
type Encoded struct {
	Version int
	Prev    Hash
	Hash    Hash
	// Bytes is Encode(record); Hash is its SHA-256.
	Bytes []byte
}

// Prepared is a Change checked and encoded, ready for a store to write.
type Prepared[ID ~string] struct {
	ID       ID
	Expected int
	// Index is a copy of the change's index, no tags as nil.
	Index   Index
	Records []Encoded
}

// Head returns the head the history has after the write, given the head it
// had (a reindex leaves it as it was).
func (p Prepared[ID]) Head(stored Head) Head {
	if n := len(p.Records); n > 0 {
		return Head{Version: p.Records[n-1].Version, Hash: p.Records[n-1].Hash}
	}
	return stored
}

// Check reports whether p continues a history whose stored head is stored:
// ErrConflict when the stored version is not p.Expected, ErrInvalid when the
// first record does not link to the stored hash. A store calls it inside its
// transaction, with the head it read there.
func (p Prepared[ID]) Check(stored Head) error {
	if stored.Version != p.Expected {
		return fmt.Errorf("%w: %s is at version %d, not %d", ErrConflict, p.ID, stored.Version, p.Expected)
	}
	if len(p.Records) > 0 && p.Records[0].Prev != stored.Hash {
		return fmt.Errorf("%w: %s: record %d does not link to the stored head", ErrInvalid, p.ID, p.Records[0].Version)
	}
	return nil
}

// Prepare validates and encodes a batch before a store touches its storage:
// at least one change; every ID valid and written once; Expected not
// negative; every change but a reindex (Expected > 0, no records) holding
// records numbered from Expected+1, linked to each other, each sealed (its
// Hash the SHA-256 of its encoding); no invalid UTF-8 anywhere. Errors wrap
// ErrInvalid. What depends on the stored state is checked by Prepared.Check.
func Prepare[ID ~string, E any](changes []Change[ID, E]) ([]Prepared[ID], error) {
	if len(changes) == 0 {
		return nil, fmt.Errorf("%w: nothing to write", ErrInvalid)
	}
	out := make([]Prepared[ID], len(changes))
	for i, c := range changes {
		if err := CheckID(string(c.ID)); err != nil {
			return nil, err
		}
		for _, prev := range out[:i] {
			if prev.ID == c.ID {
				return nil, fmt.Errorf("%w: %s written twice in one batch", ErrInvalid, c.ID)
			}
		}
		if c.Expected < 0 {
			return nil, fmt.Errorf("%w: %s: negative expected version", ErrInvalid, c.ID)
		}
		if c.Expected == 0 && len(c.Records) == 0 {
			return nil, fmt.Errorf("%w: %s: a history starts with at least one record", ErrInvalid, c.ID)
		}
		if err := CheckUTF8(c.Index); err != nil {
			return nil, err
		}
		p := Prepared[ID]{ID: c.ID, Expected: c.Expected, Index: c.Index.Clone(), Records: make([]Encoded, len(c.Records))}
		for j, r := range c.Records {
			if want := c.Expected + j + 1; r.Version != want {
				return nil, fmt.Errorf("%w: %s: record numbered %d where %d was due", ErrInvalid, c.ID, r.Version, want)
			}
			if j > 0 && r.Prev != c.Records[j-1].Hash {
				return nil, fmt.Errorf("%w: %s: record %d does not link to its predecessor", ErrInvalid, c.ID, r.Version)
			}
			b, err := Encode(r)
			if err != nil {
				return nil, err
			}
			if sha256.Sum256(b) != r.Hash {
				return nil, fmt.Errorf("%w: %s: record %d is not sealed (its hash is not its Sum)", ErrInvalid, c.ID, r.Version)
			}
			p.Records[j] = Encoded{Version: r.Version, Prev: r.Prev, Hash: r.Hash, Bytes: b}
		}
		out[i] = p
	}
	return out, nil
}

// DecodeAll decodes stored records into a stream's records, checking that
// each one's bytes still hash to the hash stored beside them (a
// *BrokenError otherwise) and that versions follow from after+1 (a missing
// version is a *BrokenError).
func DecodeAll[E any](id string, after int, stored []Encoded) ([]Record[E], error) {
	out := make([]Record[E], len(stored))
	for i, e := range stored {
		if want := after + i + 1; e.Version != want {
			return nil, &BrokenError{ID: id, Version: want, Reason: fmt.Sprintf("record %d is missing (found %d)", want, e.Version)}
		}
		r, err := Decode[E](e.Bytes)
		if err != nil {
			return nil, &BrokenError{ID: id, Version: e.Version, Reason: err.Error()}
		}
		if r.Hash != e.Hash {
			return nil, &BrokenError{ID: id, Version: e.Version, Reason: "stored bytes do not match the stored hash"}
		}
		if r.Version != e.Version || r.Prev != e.Prev {
			return nil, &BrokenError{ID: id, Version: e.Version, Reason: "stored bytes say another version or predecessor"}
		}
		out[i] = r
	}
	return out, nil
}
