package petition_test

import (
	"testing"

	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/petition/petitiontest"
)

func TestMemoryStoreConformance(t *testing.T) {
	petitiontest.Run(t, func(*testing.T) func() petition.Store {
		st := petition.NewMemoryStore()
		return func() petition.Store { return st }
	})
}
