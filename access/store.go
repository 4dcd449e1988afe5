package access

import (
	"context"

	"github.com/puntodiascolto/ascolto/internal/eventlog"
	"github.com/puntodiascolto/ascolto/internal/eventstore"
)

// Record is one sealed entry of a request's history: instant, actor, legal
// basis, hash chain and the Event.
type Record = eventlog.Record[Event]

// Index is the queryable projection of a request a store keeps beside its
// history (kind, state, office, channel, received date, next due date,
// tags). It holds no personal data; Request.Index derives it.
type Index = eventstore.Index

// Query selects requests by their Index (see eventstore.Query): by kinds,
// states, offices, channels, tags, received period and due-date range, in a
// stable order, a page at a time.
type Query = eventstore.Query

// Summary is one item of a Page.
type Summary = eventstore.Summary[ID]

// Page is one page of List results.
type Page = eventstore.Page[ID]

// Stream is a stored history with its version and index.
type Stream = eventstore.Stream[ID, Event]

// Store persists access requests: append-only histories with optimistic
// concurrency on their version, and a derived Index for queries.
//
// Create starts a history and fails with ErrExists if the ID is taken.
// Append adds records to a history whose current version is expectedVersion:
// ErrNotFound for an unknown ID, ErrConflict if another writer got there
// first. Records must be sealed by the event log and continue the history,
// else ErrInvalid. Writes are all or nothing. Load returns the whole
// history. List returns a page of summaries ordered by (Received, ID), or by
// (Due, ID) when a due range is set, without scanning every request.
// A cancelled context fails with its error and stores nothing.
//
// accesstest.Run checks an implementation against this contract.
type Store interface {
	Create(ctx context.Context, id ID, idx Index, records ...Record) error
	Append(ctx context.Context, id ID, expectedVersion int, idx Index, records ...Record) error
	Load(ctx context.Context, id ID) (Stream, error)
	List(ctx context.Context, q Query) (Page, error)
}

// MemoryStore is an in-memory Store, safe for concurrent use. Queries by due
// date or received date visit only the days in range.
type MemoryStore struct {
	m *eventstore.Memory[ID, Event]
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{m: eventstore.NewMemory[ID, Event](storeErrors)}
}

// Create implements Store.
func (s *MemoryStore) Create(ctx context.Context, id ID, idx Index, records ...Record) error {
	return s.m.Create(ctx, id, idx, records...)
}

// Append implements Store.
func (s *MemoryStore) Append(ctx context.Context, id ID, expectedVersion int, idx Index, records ...Record) error {
	return s.m.Append(ctx, id, expectedVersion, idx, records...)
}

// Load implements Store.
func (s *MemoryStore) Load(ctx context.Context, id ID) (Stream, error) {
	return s.m.Load(ctx, id)
}

// List implements Store.
func (s *MemoryStore) List(ctx context.Context, q Query) (Page, error) {
	return s.m.List(ctx, q)
}

var _ Store = (*MemoryStore)(nil)
var _ eventstore.Store[ID, Event] = Store(nil)
