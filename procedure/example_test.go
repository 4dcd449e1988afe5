package procedure_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/procedure"
)

// A counter is a toy procedure written on procedure's pieces: the desk opens
// a tally and adds to it, the competent office closes it, an administrator
// may reopen it; a tally may record a link to another one, on both.

// CounterID names a counter.
type CounterID string

// CounterState is where a counter stands.
type CounterState string

// The states of a counter.
const (
	Open   CounterState = "open"
	Closed CounterState = "closed"
)

// EventType is the kind of act on a counter.
type EventType string

// The acts on a counter.
const (
	EventOpened   EventType = "opened"
	EventAdded    EventType = "added"
	EventLinked   EventType = "linked"
	EventClosed   EventType = "closed"
	EventReopened EventType = "reopened"
)

// Event is what a counter's history records.
type Event struct {
	Type EventType `json:"type"`
	N    int       `json:"n,omitempty"`
	// Note is a short remark, at most 40 characters.
	Note string    `json:"note,omitempty" limit:"40"`
	With CounterID `json:"with,omitempty"`
}

// Counter is a counter's history folded.
type Counter struct {
	ID      CounterID
	State   CounterState
	Total   int
	Opened  deadline.Date
	Links   []CounterID
	Version int
}

var citeOpen = law.Citation{Note: "apertura del contatore", Confidence: law.Policy}

// counterLifecycle is the counter's transition table; opening is not in it
// (Check handles it: there is no state before the first act).
var counterLifecycle = procedure.MustTable("contatore",
	procedure.Row[CounterState, EventType]{Act: EventAdded, From: []CounterState{Open}, Roles: []office.Role{office.FrontOffice, office.CompetentOffice}, Basis: law.Cite("L. 241/1990", "8", ""), Label: "aggiungi"},
	procedure.Row[CounterState, EventType]{Act: EventLinked, From: []CounterState{Open}, Roles: []office.Role{office.FrontOffice}, Basis: law.Cite("L. 241/1990", "8", "2"), Label: "collega"},
	procedure.Row[CounterState, EventType]{Act: EventClosed, From: []CounterState{Open}, To: Closed, Roles: []office.Role{office.CompetentOffice}, Basis: law.Cite("L. 241/1990", "2", "1"), Label: "chiudi"},
	procedure.Row[CounterState, EventType]{Act: EventReopened, From: []CounterState{Closed}, To: Open, Roles: []office.Role{office.Administrator}, Basis: law.Citation{Note: "riesame in autotutela", Confidence: law.Policy}, Label: "riapri"},
)

// replayCounter folds a counter's history.
func replayCounter(id CounterID, recs []history.Record[Event]) (Counter, error) {
	if len(recs) == 0 || recs[0].Event.Type != EventOpened {
		return Counter{}, procedure.Invalid("%s: a history starts with the opening", id)
	}
	return foldCounter(id, Counter{ID: id}, recs)
}

// foldCounter folds more records onto c: the incremental form of
// replayCounter (Runner.Fold).
func foldCounter(id CounterID, c Counter, recs []history.Record[Event]) (Counter, error) {
	for _, r := range recs {
		if (r.Version == 1) != (r.Event.Type == EventOpened) {
			return Counter{}, procedure.Invalid("%s: record %d is %q", id, r.Version, r.Event.Type)
		}
		switch r.Event.Type {
		case EventOpened:
			c.State, c.Opened = Open, r.On
		case EventAdded:
			c.Total += r.Event.N
		case EventLinked:
			c.Links = append(c.Links, r.Event.With)
		case EventClosed:
			c.State = Closed
		case EventReopened:
			c.State = Open
		default:
			return Counter{}, procedure.Invalid("%s: unknown event %q", id, r.Event.Type)
		}
		c.Version = r.Version
	}
	return c, nil
}

// copyCounter copies a counter so that folding onto the copy leaves c as
// it is (Runner.Copy).
func copyCounter(c Counter) Counter {
	c.Links = slices.Clone(c.Links)
	return c
}

// indexCounter is what the store indexes of a counter.
func indexCounter(c Counter) history.Index {
	return history.Index{Kind: "contatore", State: string(c.State), Received: c.Opened}
}

// checkCounter says who may do what: the desk opens, the table says the rest.
func checkCounter(cur Counter, act EventType, by office.Actor) (law.Citation, error) {
	if act == EventOpened {
		if by.Role != office.FrontOffice {
			return law.Citation{}, procedure.Forbid(citeOpen, "only the desk opens a counter")
		}
		return citeOpen, nil
	}
	if _, err := counterLifecycle.Check(cur.State, act, by.Role); err != nil {
		return law.Citation{}, err
	}
	row, _ := counterLifecycle.Row(act)
	return row.Basis, nil
}

// newCounterRunner returns the counter procedure's Runner on store.
func newCounterRunner(store history.Store[CounterID, Event], now func() time.Time) *procedure.Runner[CounterID, Event, Counter, EventType] {
	return &procedure.Runner[CounterID, Event, Counter, EventType]{
		Store:  store,
		Now:    now,
		Replay: replayCounter,
		Index:  indexCounter,
		Check:  checkCounter,
	}
}

// opening builds the first event of a counter.
func opening(st *procedure.Step[CounterID, Event]) (Event, error) {
	return Event{Type: EventOpened}, nil
}

// adding builds an act adding n to a counter.
func adding(n int) func(Counter, *procedure.Step[CounterID, Event]) (Event, error) {
	return func(cur Counter, st *procedure.Step[CounterID, Event]) (Event, error) {
		if n <= 0 {
			return Event{}, procedure.Refuse(st.Basis, "add %d: only positive amounts", n)
		}
		return Event{Type: EventAdded, N: n}, nil
	}
}

// closing builds the act closing a counter.
func closing(cur Counter, st *procedure.Step[CounterID, Event]) (Event, error) {
	return Event{Type: EventClosed}, nil
}

func ExampleRunner() {
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) }
	run := newCounterRunner(history.NewMemory[CounterID, Event](), now)
	desk := office.Actor{ID: "m.rossi", Role: office.FrontOffice, Office: "urp"}
	officer := office.Actor{ID: "l.bianchi", Role: office.CompetentOffice, Office: "dip-mobilita"}

	c, err := run.Open(ctx, procedure.Act[CounterID]{ID: "C-1", By: desk}, EventOpened, opening)
	if err != nil {
		panic(err)
	}
	fmt.Println(c.State, c.Version, c.Opened)

	c, _ = run.Do(ctx, procedure.Act[CounterID]{ID: "C-1", By: desk}, EventAdded, adding(2))
	c, _ = run.Do(ctx, procedure.Act[CounterID]{ID: "C-1", By: officer, Version: 2}, EventAdded, adding(3))
	fmt.Println(c.State, c.Total, c.Version)
	fmt.Println("desk may:", counterLifecycle.Permitted(c.State, office.FrontOffice))

	_, err = run.Do(ctx, procedure.Act[CounterID]{ID: "C-1", By: desk}, EventClosed, closing)
	fmt.Println("desk closes:", errors.Is(err, procedure.ErrForbidden))
	_, err = run.Do(ctx, procedure.Act[CounterID]{ID: "C-1", By: officer, Version: 2}, EventClosed, closing)
	fmt.Println("stale version:", errors.Is(err, history.ErrConflict))

	c, _ = run.Do(ctx, procedure.Act[CounterID]{ID: "C-1", By: officer, Version: 3}, EventClosed, closing)
	_, err = run.Do(ctx, procedure.Act[CounterID]{ID: "C-1", By: desk}, EventAdded, adding(1))
	fmt.Println(err)

	_, head, _ := run.Get(ctx, "C-1")
	fmt.Println(c.State, head.Version, run.Verify(ctx, "C-1"))
	// Output:
	// open 1 2026-03-02
	// open 5 3
	// desk may: [added linked]
	// desk closes: true
	// stale version: true
	// procedure: act not allowed in this state: added is not allowed in state closed (allowed in [open]; art. 8 L. 241/1990)
	// closed 4 <nil>
}
