package complaint

import (
	"context"
	"slices"
	"strings"
	"sync"

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
type Store interface {
	Create(ctx context.Context, id ID, idx Index, records ...Record) error
	Append(ctx context.Context, id ID, expectedVersion int, idx Index, records ...Record) error
	Load(ctx context.Context, id ID) (Stream, error)
	List(ctx context.Context, q Query) (Page, error)
}

// storeErrors are the sentinels stores wrap.
var storeErrors = eventstore.Errors{NotFound: ErrNotFound, Exists: ErrExists, Conflict: ErrConflict, Invalid: ErrInvalid}

// Tagger is an optional Store capability: answering, from an index, which
// complaints carry a selective tag (a geographic cell, a street, a master).
// FindDuplicates and Duplicates use it when the store has it, and fall back
// to a List narrowed by tags and dates otherwise. A SQL store implements it
// with an index on its tags table.
type Tagger interface {
	// Tagged returns the IDs of the complaints whose current Index carries
	// tag, in any order, and whether the store indexes such tags at all.
	Tagged(ctx context.Context, tag string) (ids []ID, indexed bool, err error)
}

// taggedPrefixes are the tags MemoryStore indexes: selective ones, each
// shared by a handful of complaints. Category and Municipio tags, shared by
// thousands, are left to List.
var taggedPrefixes = [...]string{"cell:", "street:", "master:"}

func selective(tag string) bool {
	for _, p := range taggedPrefixes {
		if strings.HasPrefix(tag, p) {
			return true
		}
	}
	return false
}

// MemoryStore is an in-memory Store, safe for concurrent use. Queries by
// due or received date touch only the days in range; it also implements
// Tagger for the selective tags (cell:, street:, master:), so that the
// duplicate search never scans the complaints of its date window.
type MemoryStore struct {
	m *eventstore.Memory[ID, Event]

	mu     sync.RWMutex // serialises writes with the tag index
	tagged map[string]map[ID]struct{}
	tagsOf map[ID][]string
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{
		m:      eventstore.NewMemory[ID, Event](storeErrors),
		tagged: make(map[string]map[ID]struct{}),
		tagsOf: make(map[ID][]string),
	}
}

// Create implements Store.
func (s *MemoryStore) Create(ctx context.Context, id ID, idx Index, records ...Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.m.Create(ctx, id, idx, records...); err != nil {
		return err
	}
	s.retag(id, idx.Tags)
	return nil
}

// Append implements Store.
func (s *MemoryStore) Append(ctx context.Context, id ID, expectedVersion int, idx Index, records ...Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.m.Append(ctx, id, expectedVersion, idx, records...); err != nil {
		return err
	}
	s.retag(id, idx.Tags)
	return nil
}

// retag replaces the selective tags of id; s.mu is held.
func (s *MemoryStore) retag(id ID, tags []string) {
	var keep []string
	for _, t := range tags {
		if selective(t) {
			keep = append(keep, t)
		}
	}
	old := s.tagsOf[id]
	if slices.Equal(old, keep) {
		return
	}
	for _, t := range old {
		if set := s.tagged[t]; set != nil {
			delete(set, id)
			if len(set) == 0 {
				delete(s.tagged, t)
			}
		}
	}
	for _, t := range keep {
		set := s.tagged[t]
		if set == nil {
			set = make(map[ID]struct{}, 1)
			s.tagged[t] = set
		}
		set[id] = struct{}{}
	}
	if keep == nil {
		delete(s.tagsOf, id)
	} else {
		s.tagsOf[id] = keep
	}
}

// Tagged implements Tagger for the tags starting with "cell:", "street:"
// and "master:".
func (s *MemoryStore) Tagged(ctx context.Context, tag string) ([]ID, bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	if !selective(tag) {
		return nil, false, nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	set := s.tagged[tag]
	ids := make([]ID, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	return ids, true, nil
}

// Load implements Store.
func (s *MemoryStore) Load(ctx context.Context, id ID) (Stream, error) {
	return s.m.Load(ctx, id)
}

// List implements Store.
func (s *MemoryStore) List(ctx context.Context, q Query) (Page, error) {
	return s.m.List(ctx, q)
}
