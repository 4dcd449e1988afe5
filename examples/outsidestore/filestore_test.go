package outsidestore_test

import (
	"fmt"
	"testing"

	"example.com/outsidestore"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/historytest"
)

type note struct {
	Text string `json:"text"`
	N    int    `json:"n"`
}

// opener returns a function that opens a new handle on one fresh directory.
func opener[ID ~string, E any](t *testing.T) func() history.Store[ID, E] {
	dir := t.TempDir()
	return func() history.Store[ID, E] {
		s, err := outsidestore.Open[ID, E](dir)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
}

func TestHistoryConformance(t *testing.T) {
	t.Parallel()
	historytest.Run(t, historytest.Harness[string, note]{
		Open:  opener[string, note],
		Event: func(n int) note { return note{Text: fmt.Sprintf("nota %d", n), N: n} },
		Large: 2000,
	})
}
