package complaint

import (
	"github.com/puntodiascolto/ascolto/history"
)

// Record is one sealed entry of a complaint's history: the instant it was
// recorded (At), the day of the fact (On), the actor, the legal basis, the
// hash chain and the Event.
type Record = history.Record[Event]

// Index is the queryable projection of a complaint a store keeps beside its
// history (View.Index). It holds no personal data.
type Index = history.Index

// Query selects complaints by their Index; see List.
type Query = history.Query

// Page is one page of List results.
type Page = history.Page[ID]

// Summary is one item of a Page.
type Summary = history.Summary[ID]

// Stream is a stored history with its head and index.
type Stream = history.Stream[ID, Event]

// Store persists complaint histories: the history.Store contract
// (append-only, hash-chained histories with a head, atomic writes across
// histories with an expected version, a derived Index for queries) for
// complaint's events. complainttest.Run checks an implementation against it.
//
// Merge writes the duplicate's history and its master's in one Write, so a
// store must apply a batch atomically (history's checklist).
//
// FindDuplicates and Duplicates list by a selective tag ("cell:<row>:<col>",
// "street:<name>", "master:<id>"), shared by a handful of complaints,
// together with the category tag, the states and a received date. A SQL
// store should index its tags (an index on its tags table) and answer such
// a List from the few complaints carrying the tag rather than by visiting
// every complaint of the date range; the in-memory store (NewMemoryStore)
// indexes tags.
type Store = history.Store[ID, Event]

// NewMemoryStore returns an empty in-memory Store, safe for concurrent use.
func NewMemoryStore() *history.Memory[ID, Event] { return history.NewMemory[ID, Event]() }
