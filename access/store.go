package access

import (
	"github.com/puntodiascolto/ascolto/history"
)

// Record is one sealed entry of a request's history: the instant it was
// recorded (At), the day of the fact (On), actor, legal basis, hash chain
// and the Event.
type Record = history.Record[Event]

// Index is the queryable projection of a request a store keeps beside its
// history (kind, state, office, channel, received date, next due date,
// tags). It holds no personal data; Request.Index derives it.
type Index = history.Index

// Query selects requests by their Index: by kinds, states, offices,
// channels, tags, received period and due-date range, in a stable order, a
// page at a time.
type Query = history.Query

// Summary is one item of a Page.
type Summary = history.Summary[ID]

// Page is one page of List results.
type Page = history.Page[ID]

// Stream is a stored history with its head and index.
type Stream = history.Stream[ID, Event]

// Store persists access requests: the history.Store contract (append-only,
// hash-chained histories with a head, atomic multi-history writes with an
// expected version, a derived Index for queries) for access's events.
// accesstest.Run checks an implementation against it.
type Store = history.Store[ID, Event]

// NewMemoryStore returns an empty in-memory Store, safe for concurrent use.
func NewMemoryStore() *history.Memory[ID, Event] { return history.NewMemory[ID, Event]() }
