package complaint_test

import (
	"testing"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/complaint/complainttest"
)

func TestMemoryStore(t *testing.T) {
	complainttest.Run(t, func(*testing.T) complaint.Store { return complaint.NewMemoryStore() })
}
