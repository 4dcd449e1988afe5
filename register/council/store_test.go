package council_test

import (
	"testing"

	"github.com/puntodiascolto/ascolto/register/council"
	"github.com/puntodiascolto/ascolto/register/council/counciltest"
)

func TestMemoryStoreConformance(t *testing.T) {
	counciltest.Run(t, func(*testing.T) func() council.Store {
		st := council.NewMemoryStore()
		return func() council.Store { return st }
	})
}
