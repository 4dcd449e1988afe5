package petition_test

import (
	"testing"

	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/petition/petitiontest"
)

func TestMemoryStoreConformance(t *testing.T) {
	petitiontest.Run(t, func(*testing.T) petition.Store { return petition.NewMemoryStore() })
}
