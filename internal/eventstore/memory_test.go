package eventstore_test

import (
	"errors"
	"testing"

	"github.com/puntodiascolto/ascolto/internal/eventstore"
	"github.com/puntodiascolto/ascolto/internal/eventstore/storetest"
)

type note struct {
	N    int    `json:"n"`
	Text string `json:"text"`
}

func (note) EventName() string { return "note" }

var testErrors = eventstore.Errors{
	NotFound: errors.New("test: not found"),
	Exists:   errors.New("test: exists"),
	Conflict: errors.New("test: conflict"),
	Invalid:  errors.New("test: invalid"),
}

func TestMemoryConformance(t *testing.T) {
	storetest.Run(t, storetest.Harness[string, note]{
		New: func(*testing.T) eventstore.Store[string, note] {
			return eventstore.NewMemory[string, note](testErrors)
		},
		Errors: testErrors,
		Event:  func(n int) note { return note{N: n, Text: "nota"} },
	})
}
