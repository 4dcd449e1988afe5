package sqlstore_test

import (
	"fmt"
	"testing"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/access/accesstest"
	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/complaint/complainttest"
	"github.com/puntodiascolto/ascolto/history/historytest"
	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/petition/petitiontest"
	"github.com/puntodiascolto/ascolto/register/council"
	"github.com/puntodiascolto/ascolto/register/council/counciltest"
)

type note struct {
	Text string `json:"text"`
	N    int    `json:"n"`
}

// Every clause of the history.Store contract, on each dialect.
func TestHistoryConformance(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		historytest.Run(t, historytest.Harness[string, note]{
			Open:  opener[string, note](b, "notes"),
			Event: func(n int) note { return note{Text: fmt.Sprintf("nota %d", n), N: n} },
		})
	})
}

// The conformance suite of every procedure, on each dialect.
func TestAccessConformance(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) { accesstest.Run(t, opener[access.ID, access.Event](b, "access")) })
}

func TestComplaintConformance(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		complainttest.Run(t, opener[complaint.ID, complaint.Event](b, "complaint"))
	})
}

func TestPetitionConformance(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) { petitiontest.Run(t, opener[petition.ID, petition.Event](b, "petition")) })
}

func TestCouncilConformance(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) { counciltest.Run(t, opener[council.ID, council.Event](b, "council")) })
}
