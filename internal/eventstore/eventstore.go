// Package eventstore holds what the procedures' stores have in common: the
// generic Store contract over hash-chained histories, the Index a store keeps
// to answer queries, and Memory, an in-memory implementation safe for
// concurrent use. Each procedure package (access, complaint, petition, the
// council-acts catalogue) exposes these under its own names and sentinel
// errors; the shared conformance suite is in eventstore/storetest.
//
// A store persists a history and a derived Index, never a mutable state: the
// Index is a projection of the history (kind, state, office, channel, dates,
// next due date) computed by the procedure and written atomically with the
// records it derives from, exactly like a database index. It can always be
// rebuilt from the history.
package eventstore

import (
	"context"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/eventlog"
)

// Index is the queryable projection of a history, derived from it by the
// procedure and stored beside it. It holds no personal data.
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
	// ("category:buche", "municipio:VII", "matter:urbanistica").
	Tags []string `json:"tags,omitempty"`
}

// Stream is a stored history with its current version and index.
type Stream[ID ~string, E any] struct {
	// ID identifies the case.
	ID ID `json:"id"`
	// Version is the number of records, the version of the last one.
	Version int `json:"version"`
	// Records is the whole history, oldest first.
	Records []eventlog.Record[E] `json:"records"`
	// Index is the projection stored with the last write.
	Index Index `json:"index"`
}

// Query selects streams by their Index. Empty lists and zero dates do not
// filter. Within a list any value matches (OR); across fields all must match
// (AND); every tag in Tags must be present.
//
// Results are ordered by (Due, ID) when DueFrom or DueTo is set, otherwise by
// (Received, ID); IDs compare as strings. The order is total and stable, so a
// Cursor resumes exactly after the last item of the previous page.
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
	// excludes streams with nothing due.
	DueFrom deadline.Date `json:"due_from"`
	DueTo   deadline.Date `json:"due_to"`
	// Cursor is a previous Page's Next; empty for the first page.
	Cursor string `json:"cursor,omitempty"`
	// Limit is the page size: 0 means DefaultLimit, larger than MaxLimit means MaxLimit.
	Limit int `json:"limit,omitempty"`
}

// Page sizes of List.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// ByDue reports whether q is ordered by due date.
func (q Query) ByDue() bool { return !q.DueFrom.IsZero() || !q.DueTo.IsZero() }

// Summary is one item of a Page.
type Summary[ID ~string] struct {
	ID      ID    `json:"id"`
	Version int   `json:"version"`
	Index   Index `json:"index"`
}

// Page is one page of List results.
type Page[ID ~string] struct {
	Items []Summary[ID] `json:"items"`
	// Next is the cursor of the next page; empty when this is the last.
	Next string `json:"next,omitempty"`
}

// Store is the contract every procedure store fulfils.
//
// Create starts a history: it fails with Errors.Exists if id is taken.
// Append adds records to a history whose current version is expectedVersion:
// it fails with Errors.NotFound for an unknown id and Errors.Conflict when
// another writer got there first. Records passed to Create and Append must be
// sealed by eventlog.Extend and continue the history (versions in sequence,
// each linking to its predecessor's hash), else Errors.Invalid. Writes are all
// or nothing: on any error nothing is stored. A cancelled context fails with
// its error and stores nothing.
type Store[ID ~string, E any] interface {
	Create(ctx context.Context, id ID, idx Index, records ...eventlog.Record[E]) error
	Append(ctx context.Context, id ID, expectedVersion int, idx Index, records ...eventlog.Record[E]) error
	Load(ctx context.Context, id ID) (Stream[ID, E], error)
	List(ctx context.Context, q Query) (Page[ID], error)
}

// Errors are the sentinel errors a store wraps, so that each procedure
// package returns its own (access.ErrNotFound, complaint.ErrNotFound...).
type Errors struct {
	NotFound error
	Exists   error
	Conflict error
	Invalid  error
}
