package petition

import (
	"context"

	"github.com/puntodiascolto/ascolto/internal/eventlog"
	"github.com/puntodiascolto/ascolto/internal/eventstore"
)

// Record is one entry of a petition's history: who did what, when, under
// which rule, hash-chained to its predecessor.
type Record = eventlog.Record[Event]

// Index is the queryable projection of a petition a Store keeps beside its
// history (see Petition.Index). It holds no personal data.
type Index = eventstore.Index

// Query selects petitions by their Index.
type Query = eventstore.Query

// Page is one page of List results.
type Page = eventstore.Page[ID]

// Summary is one item of a Page.
type Summary = eventstore.Summary[ID]

// Stream is a stored history with its version and index.
type Stream = eventstore.Stream[ID, Event]

// Store persists petitions' histories, with optimistic concurrency.
//
// Create starts a history and fails with ErrExists if id is taken. Append
// adds records to a history at version expectedVersion: ErrNotFound for an
// unknown id, ErrConflict when another writer got there first. Records must
// be sealed by the history's hash chain and continue it, else ErrInvalid.
// Writes are all or nothing. Load returns the whole history; List pages
// through indexes, ordered by (Received, ID), or (Due, ID) with a due range.
// A cancelled context fails with its error and stores nothing.
//
// petitiontest.Run checks every clause of this contract; MemoryStore passes
// it.
type Store interface {
	Create(ctx context.Context, id ID, idx Index, records ...Record) error
	Append(ctx context.Context, id ID, expectedVersion int, idx Index, records ...Record) error
	Load(ctx context.Context, id ID) (Stream, error)
	List(ctx context.Context, q Query) (Page, error)
}

// storeErrors are the sentinels a Store wraps.
func storeErrors() eventstore.Errors {
	return eventstore.Errors{NotFound: ErrNotFound, Exists: ErrExists, Conflict: ErrConflict, Invalid: ErrInvalid}
}

// MemoryStore is an in-memory Store, safe for concurrent use: for tests,
// examples and small deployments. Queries by due or received date touch
// only the days in range.
type MemoryStore struct {
	m *eventstore.Memory[ID, Event]
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{m: eventstore.NewMemory[ID, Event](storeErrors())}
}

// Create starts the history of a new petition.
func (s *MemoryStore) Create(ctx context.Context, id ID, idx Index, records ...Record) error {
	return s.m.Create(ctx, id, idx, records...)
}

// Append continues the history of a petition at version expectedVersion.
func (s *MemoryStore) Append(ctx context.Context, id ID, expectedVersion int, idx Index, records ...Record) error {
	return s.m.Append(ctx, id, expectedVersion, idx, records...)
}

// Load returns a petition's whole history, its version and index.
func (s *MemoryStore) Load(ctx context.Context, id ID) (Stream, error) { return s.m.Load(ctx, id) }

// List returns a page of petitions matching q.
func (s *MemoryStore) List(ctx context.Context, q Query) (Page, error) { return s.m.List(ctx, q) }

var _ Store = (*MemoryStore)(nil)
