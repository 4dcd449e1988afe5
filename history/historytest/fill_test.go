package historytest_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/historytest"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
)

type payload struct {
	Name    string
	Count   int
	Ok      bool
	Day     deadline.Date
	At      time.Time
	Inner   *struct{ Note string }
	List    []struct{ Code string }
	Hidden  string `json:"-"`
	private string
}

// TestFillSetsEveryLeaf: every exported leaf differs from its zero, nil
// pointers and empty slices are filled, hidden fields are left alone, and
// the result encodes and verifies as one record.
func TestFillSetsEveryLeaf(t *testing.T) {
	var p payload
	historytest.Fill(&p, 3)
	if p.Name == "" || p.Count == 0 || !p.Ok || p.Day.IsZero() || p.At.IsZero() || p.Inner == nil || p.Inner.Note == "" ||
		len(p.List) != 1 || p.List[0].Code == "" {
		t.Fatalf("a leaf left at its zero: %+v", p)
	}
	if p.Hidden != "" || p.private != "" {
		t.Fatal("Fill set a field that is not encoded")
	}
	kept := payload{Name: "già scritto", Day: deadline.MustDate(2026, time.June, 29)}
	historytest.Fill(&kept, 3)
	if kept.Name != "già scritto" || kept.Day != deadline.MustDate(2026, time.June, 29) || kept.Count == 0 {
		t.Fatalf("Fill did not keep the values set, or left the others: %+v", kept)
	}
	var q payload
	historytest.Fill(&q, 4)
	if reflect.DeepEqual(p, q) {
		t.Fatal("the seed does not change the values")
	}
	recs, err := history.Extend(history.Head{}, time.Now(), deadline.Date{}, office.Actor{ID: "a", Role: office.FrontOffice}, law.Citation{}, p)
	if err != nil {
		t.Fatal(err)
	}
	if n := historytest.Tamper(t, recs, history.Head{Version: 1, Hash: recs[0].Hash}); n < 10 {
		t.Fatalf("only %d tamperings tried", n)
	}
}
