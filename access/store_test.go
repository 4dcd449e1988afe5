package access_test

import (
	"testing"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/access/accesstest"
)

func TestMemoryStoreConformance(t *testing.T) {
	accesstest.Run(t, func(*testing.T) func() access.Store {
		st := access.NewMemoryStore() // one memory: every handle is the same store
		return func() access.Store { return st }
	})
}
