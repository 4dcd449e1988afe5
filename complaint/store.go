package complaint

import (
	"context"

	"github.com/puntodiascolto/ascolto/internal/eventlog"
	"github.com/puntodiascolto/ascolto/internal/eventstore"
)

// Record is one sealed entry of a complaint's history: the event with its
// version, instant, actor, legal basis and hash chain.
type Record = eventlog.Record[Event]

// Index is the queryable projection of a complaint a store keeps beside its
// history (View.Index). It holds no personal data.
type Index = eventstore.Index

// Query selects complaints by their Index; see List.
type Query = eventstore.Query

// Page is one page of List results.
type Page = eventstore.Page[ID]

// Summary is one item of a Page.
type Summary = eventstore.Summary[ID]

// Stream is a stored history with its version and index.
type Stream = eventstore.Stream[ID, Event]

// Store persists complaint histories. The contract (checked by
// complainttest.Run) is the one every procedure store of ascolto fulfils:
//
//   - Create starts a history; an existing id wraps ErrExists.
//   - Append adds records to a history at expectedVersion; an unknown id
//     wraps ErrNotFound, a stale version ErrConflict.
//   - Records must be sealed by the hash chain and continue the history,
//     else ErrInvalid; writes are all or nothing.
//   - Load returns the whole history with its version and index.
//   - List selects by Index fields and tags, ordered by (Received, ID), or
//     by (Due, ID) when a due range is set, with stable cursors.
//   - A cancelled context fails with its error and stores nothing.
//
// The Service needs nothing else. FindDuplicates and Duplicates list by a
// selective tag ("cell:<row>:<col>", "street:<name>", "master:<id>"), shared
// by a handful of complaints, together with the category tag, the states
// and a received date: a store should answer such a List from an index on
// tags (a SQL store: an index on its tags table) rather than by visiting the
// complaints of the date range, as MemoryStore does.
type Store interface {
	Create(ctx context.Context, id ID, idx Index, records ...Record) error
	Append(ctx context.Context, id ID, expectedVersion int, idx Index, records ...Record) error
	Load(ctx context.Context, id ID) (Stream, error)
	List(ctx context.Context, q Query) (Page, error)
}

// storeErrors are the sentinels stores wrap.
var storeErrors = eventstore.Errors{NotFound: ErrNotFound, Exists: ErrExists, Conflict: ErrConflict, Invalid: ErrInvalid}

// MemoryStore is an in-memory Store, safe for concurrent use. Queries by
// due or received date touch only the days in range, and every tag is
// indexed: a query carrying a selective tag (a geographic cell, a street, a
// master) visits only the complaints that carry it, so the duplicate search
// never scans the complaints of its date window.
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
