package council

import (
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/procedure"
)

// Errors of the catalogue: the values every procedure of ascolto shares
// (history's and procedure's), re-exported so that errors.Is works the same
// whichever procedure a caller uses. Nothing is stored when an act fails.
var (
	// ErrNotFound: no act with that ID.
	ErrNotFound = history.ErrNotFound
	// ErrExists: an act with that ID (the same body and number) is already catalogued.
	ErrExists = history.ErrExists
	// ErrConflict: another writer changed the act since it was read.
	ErrConflict = history.ErrConflict
	// ErrInvalid: malformed input: an invalid actor or ID, a text that is not
	// valid UTF-8 or is over its limit (*history.TextError), a broken chain,
	// a bad cursor, a malformed event (ErrInvalidEvent).
	ErrInvalid = history.ErrInvalid
	// ErrBroken: a stored history does not verify (*history.BrokenError).
	ErrBroken = history.ErrBroken
	// ErrNotAllowed: the act is not allowed in the act's current state
	// (*procedure.NotAllowedError).
	ErrNotAllowed = procedure.ErrNotAllowed
	// ErrForbidden: the actor's role may not perform the act
	// (*procedure.ForbiddenError).
	ErrForbidden = procedure.ErrForbidden
	// ErrRule: a rule of the catalogue refuses the act; the *RuleError says which.
	ErrRule = procedure.ErrRule
	// ErrPersonalData: a publishable text holds personal data. The
	// catalogue publishes council acts as the council does and raises it
	// nowhere today; it is here so the vocabulary is the same everywhere.
	ErrPersonalData = procedure.ErrPersonalData
	// ErrInvalidEvent: an event's payload is missing or malformed. It wraps
	// ErrInvalid.
	ErrInvalidEvent error = &invalidError{"council: invalid event"}
)

// invalidError is a sentinel of the catalogue's own that wraps ErrInvalid,
// so that errors.Is(err, ErrInvalid) holds for every malformed input.
type invalidError struct{ msg string }

func (e *invalidError) Error() string { return e.msg }

func (e *invalidError) Unwrap() error { return ErrInvalid }

// RuleError is a refusal that cites the rule it enforces; it wraps ErrRule
// (or ErrForbidden).
type RuleError = procedure.RuleError

// Record is one sealed entry of an act's history.
type Record = history.Record[Event]

// Index is the queryable projection of an act stored beside its history.
// For council acts: Kind and State are the act's; Office holds the body's
// code ("municipio-vii"); Received is the filing date; Due is the answer due
// date while an answer is awaited; Tags are "matter:", "presenter:",
// "group:", "number:" and "link:" labels (see Tag).
type Index = history.Index

// Query selects acts by their Index; see history.Query for the rules.
type Query = history.Query

// Page is one page of List results.
type Page = history.Page[ID]

// Summary is one item of a Page.
type Summary = history.Summary[ID]

// Stream is a stored history with its head and index.
type Stream = history.Stream[ID, Event]

// Store keeps the catalogue's histories: a history.Store of council events.
// Implementations follow the checklist of package history and pass the
// suite in register/council/counciltest.
type Store = history.Store[ID, Event]

// NewMemoryStore returns an empty in-memory catalogue, safe for concurrent
// use; due-date and filing-date ranges visit only their own days.
func NewMemoryStore() *history.Memory[ID, Event] { return history.NewMemory[ID, Event]() }
