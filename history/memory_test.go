package history_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/historytest"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
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

// rich reaches memory through every kind of reference a payload can hold.
type rich struct {
	P   *struct{ S string }         `json:"p"`
	L   []*struct{ S string }       `json:"l"`
	M   map[string][]string         `json:"m"`
	A   [2]*struct{ S string }      `json:"a"`
	Any any                         `json:"any"`
	N   map[string]*struct{ N int } `json:"n"`
}

// TestMemoryLoadSharesNothing: changing anything reachable from a loaded
// record, or from the records written, leaves what the store returns next
// as it was (the defect of the first store: a read could rewrite history).
func TestMemoryLoadSharesNothing(t *testing.T) {
	ctx := context.Background()
	st := history.NewMemory[string, rich]()
	ev := rich{P: &struct{ S string }{"p"}, L: []*struct{ S string }{{"l"}}, M: map[string][]string{"k": {"v"}},
		A: [2]*struct{ S string }{{"a"}, nil}, Any: map[string]any{"x": []any{"y"}}, N: map[string]*struct{ N int }{"n": {1}}}
	recs, err := history.Extend(history.Head{}, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), deadline.Date{}, clerk, law.Citation{}, ev)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Write(ctx, history.Change[string, rich]{ID: "x", Records: recs}); err != nil {
		t.Fatal(err)
	}
	want, err := st.Load(ctx, "x", 0)
	if err != nil {
		t.Fatal(err)
	}
	// Change the caller's records, then a loaded copy, everywhere.
	for _, e := range []*rich{&recs[0].Event, func() *rich { s, _ := st.Load(ctx, "x", 0); return &s.Records[0].Event }()} {
		e.P.S, e.L[0].S, e.M["k"][0], e.A[0].S, e.N["n"].N = "X", "X", "X", "X", 9
		e.M["new"] = nil
		if m, ok := e.Any.(map[string]any); ok {
			m["x"].([]any)[0] = "X"
		}
	}
	got, err := st.Load(ctx, "x", 0)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("the store changed:\nwas %+v\nnow %+v", want.Records[0].Event, got.Records[0].Event)
	}
	if err := got.Verify(); err != nil {
		t.Fatal(err)
	}
}
