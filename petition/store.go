package petition

import (
	"github.com/puntodiascolto/ascolto/history"
)

// Record is one sealed entry of a petition's history: the instant it was
// recorded (At), the day of the fact (On), the actor, the legal basis, the
// hash chain and the Event.
type Record = history.Record[Event]

// Index is the queryable projection of a petition a Store keeps beside its
// history (see Petition.Index). It holds no personal data.
type Index = history.Index

// Query selects petitions by their Index; see history.Query for the rules.
type Query = history.Query

// Page is one page of List results.
type Page = history.Page[ID]

// Summary is one item of a Page.
type Summary = history.Summary[ID]

// Stream is a stored history with its head and index.
type Stream = history.Stream[ID, Event]

// Store persists petitions' histories: the history.Store contract
// (append-only, hash-chained histories with a head kept apart, atomic
// multi-history writes at an expected version, a derived Index for
// queries) for petition events. Implementations follow the checklist of
// package history and pass petitiontest.Run.
type Store = history.Store[ID, Event]

// NewMemoryStore returns an empty in-memory Store, safe for concurrent use:
// for tests, examples and small deployments. Queries by due or received
// date visit only the days in range.
func NewMemoryStore() *history.Memory[ID, Event] { return history.NewMemory[ID, Event]() }
