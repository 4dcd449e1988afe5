package access_test

import (
	"testing"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/access/accesstest"
)

func TestMemoryStoreConformance(t *testing.T) {
	accesstest.Run(t, func(*testing.T) access.Store { return access.NewMemoryStore() })
}
