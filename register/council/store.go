package council

import (
	"context"
	"errors"
	"fmt"

	"github.com/puntodiascolto/ascolto/internal/eventlog"
	"github.com/puntodiascolto/ascolto/internal/eventstore"
	"github.com/puntodiascolto/ascolto/law"
)

// Errors of the catalogue. Test with errors.Is.
var (
	// ErrNotFound: no act with that ID.
	ErrNotFound = errors.New("council: act not found")
	// ErrExists: an act with that ID (the same body and number) is already catalogued.
	ErrExists = errors.New("council: act already catalogued")
	// ErrConflict: another writer changed the act since it was read.
	ErrConflict = errors.New("council: concurrent change")
	// ErrInvalid: a store was given malformed input (a broken chain, a bad cursor).
	ErrInvalid = errors.New("council: invalid input")
	// ErrNotAllowed: the act is not allowed in the act's current state.
	ErrNotAllowed = errors.New("council: not allowed in this state")
	// ErrForbidden: the actor's role may not perform the act.
	ErrForbidden = errors.New("council: forbidden for this role")
	// ErrInvalidEvent: an event's payload is missing or malformed.
	ErrInvalidEvent = errors.New("council: invalid event")
	// ErrRule: a rule of the catalogue refuses the act; the *RuleError says which.
	ErrRule = errors.New("council: rule violated")
)

// RuleError is a refusal that cites the rule it enforces.
type RuleError struct {
	// Rule is the provision (or the catalogue's own policy) enforced.
	Rule law.Citation
	// Reason says what does not hold, in English.
	Reason string
}

// Error says what rule was violated and cites it.
func (e *RuleError) Error() string {
	if e.Rule.IsZero() {
		return fmt.Sprintf("council: %s", e.Reason)
	}
	return fmt.Sprintf("council: %s (%s)", e.Reason, e.Rule)
}

// Unwrap returns ErrRule.
func (e *RuleError) Unwrap() error { return ErrRule }

// Record is one sealed entry of an act's history.
type Record = eventlog.Record[Event]

// Index is the queryable projection of an act stored beside its history.
// For council acts: Kind and State are the act's; Office holds the body's
// code ("municipio-vii"); Received is the filing date; Due is the answer due
// date while an answer is awaited; Tags are "matter:", "presenter:",
// "group:", "number:" and "link:" labels (see Tag).
type Index = eventstore.Index

// Query selects acts by their Index; see eventstore.Query for the rules.
type Query = eventstore.Query

// Page is one page of List results.
type Page = eventstore.Page[ID]

// Summary is one item of a Page.
type Summary = eventstore.Summary[ID]

// Stream is a stored history with its version and index.
type Stream = eventstore.Stream[ID, Event]

// Store keeps the catalogue's histories. Implementations must pass the
// suite in register/council/counciltest. Create fails with ErrExists for a
// taken ID; Append fails with ErrNotFound for an unknown ID and ErrConflict
// when expectedVersion is stale; records must continue the hash chain, else
// ErrInvalid; writes are all or nothing; List orders by (Received, ID), or
// (Due, ID) with a due range, and pages with an opaque cursor.
type Store interface {
	Create(ctx context.Context, id ID, idx Index, records ...Record) error
	Append(ctx context.Context, id ID, expectedVersion int, idx Index, records ...Record) error
	Load(ctx context.Context, id ID) (Stream, error)
	List(ctx context.Context, q Query) (Page, error)
}

// storeErrors are the sentinels a Store wraps: ErrNotFound, ErrExists,
// ErrConflict and ErrInvalid (counciltest checks them).
var storeErrors = eventstore.Errors{NotFound: ErrNotFound, Exists: ErrExists, Conflict: ErrConflict, Invalid: ErrInvalid}

// MemoryStore is an in-memory Store, safe for concurrent use; due-date and
// filing-date ranges visit only their own days.
type MemoryStore struct {
	m *eventstore.Memory[ID, Event]
}

var _ Store = (*MemoryStore)(nil)

// NewMemoryStore returns an empty in-memory catalogue.
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
func (s *MemoryStore) Load(ctx context.Context, id ID) (Stream, error) { return s.m.Load(ctx, id) }

// List implements Store.
func (s *MemoryStore) List(ctx context.Context, q Query) (Page, error) { return s.m.List(ctx, q) }
