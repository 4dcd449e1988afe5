package history_test

import (
	"time"

	"fmt"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"testing"

	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/historytest"
)

// event is a small event type with every kind of field a procedure uses.
type event struct {
	Type  string              `json:"type"`
	Text  string              `json:"text"`
	N     int                 `json:"n"`
	List  []string            `json:"list,omitempty"`
	Inner *struct{ S string } `json:"inner,omitempty"`
}

func sample(n int) event {
	e := event{Type: "note", Text: fmt.Sprintf("nota n. %d — «àèìòù»", n), N: n}
	if n%2 == 0 {
		e.List = []string{"a", fmt.Sprint(n)}
		e.Inner = &struct{ S string }{S: "x"}
	}
	return e
}

func TestMemoryConformance(t *testing.T) {
	historytest.Run(t, historytest.Harness[string, event]{
		Open: func(t *testing.T) func() history.Store[string, event] {
			m := history.NewMemory[string, event]()
			return func() history.Store[string, event] { return m }
		},
		Event: sample,
	})
}

func TestTamperEveryField(t *testing.T) {
	recs, err := history.Extend(history.Head{}, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), deadline.Date{}, office.Actor{ID: "a", Role: office.FrontOffice, Office: "urp"}, law.Cite("L. 241/1990", "22", "1"), sample(1), sample(2), sample(3))
	if err != nil {
		t.Fatal(err)
	}
	head := history.Head{Version: 3, Hash: recs[2].Hash}
	if n := historytest.Tamper(t, recs, head); n < 50 {
		t.Fatalf("only %d tamperings tried", n)
	}
}
