package council_test

import (
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/historytest"
	"github.com/puntodiascolto/ascolto/register/council"
)

// filled returns the event of payload p with every other field set.
func filled[P interface{ Event() council.Event }](p P, seed int) council.Event {
	historytest.Fill(&p, seed)
	return p.Event()
}

// TestTamperEveryEventType: on a history holding every payload type with
// every field set, every single-field edit, deletion, insertion, reorder
// and truncation is found by Verify (issue 8).
func TestTamperEveryEventType(t *testing.T) {
	events := []council.Event{
		filled(council.Registered{Number: council.MustNumber("RQ/2026/1")}, 0),
		filled(council.Classified{}, 1),
		filled(council.Linked{}, 2),
		filled(council.Reminded{Number: council.MustNumber("RS/2026/2")}, 3),
		filled(council.Scheduling{}, 4),
		filled(council.Answer{Number: council.MustNumber("RR/2026/3")}, 5),
		filled(council.Vote{}, 6),
		filled(council.Withdrawal{}, 7),
		filled(council.Lapse{}, 8),
	}
	// Every payload field of Event is covered: no pointer left nil in all
	// of them together.
	seen := map[council.EventType]bool{}
	for _, e := range events {
		seen[e.Type] = true
	}
	if len(seen) != len(events) {
		t.Fatalf("payload types share an event type: %v", seen)
	}
	var recs []council.Record
	head := history.Head{}
	at := time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
	row, _ := council.Lifecycle(council.Mozione).Row(council.EventRegistered)
	for i, e := range events {
		more, err := history.Extend(head, at.Add(time.Duration(i)*time.Hour), deadline.DateOf(at).AddDays(i), clerk, row.Basis, e)
		if err != nil {
			t.Fatalf("%s: %v", e.Type, err)
		}
		recs = append(recs, more...)
		head = history.Head{Version: len(recs), Hash: recs[len(recs)-1].Hash}
	}
	n := historytest.Tamper(t, recs, head)
	t.Logf("%d tamperings of %d records, all found", n, len(recs))
}
