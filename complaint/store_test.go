package complaint_test

import (
	"testing"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/complaint/complainttest"
)

func TestMemoryStore(t *testing.T) {
	complainttest.Run(t, func(*testing.T) func() complaint.Store {
		st := complaint.NewMemoryStore()
		return func() complaint.Store { return st }
	})
}
