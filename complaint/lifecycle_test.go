package complaint_test

import (
	"testing"

	"github.com/puntodiascolto/ascolto/internal/golden"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
)

func TestLifecycleDOT(t *testing.T) {
	golden.AssertString(t, "lifecycle.dot", complaint.Lifecycle().DOT())
}

// TestLifecycle_SUSPhases checks the states against Rome's SUS phases
// (Registrata -> In lavorazione -> Chiusa).
func TestLifecycle_SUSPhases(t *testing.T) {
	for s, want := range map[complaint.State]complaint.Phase{
		complaint.Registered: complaint.PhaseRegistered, complaint.Assigned: complaint.PhaseInProgress,
		complaint.InProgress: complaint.PhaseInProgress, complaint.AwaitingCitizen: complaint.PhaseInProgress,
		complaint.Reopened: complaint.PhaseInProgress, complaint.ForwardedOutside: complaint.PhaseInProgress,
		complaint.Answered: complaint.PhaseClosed, complaint.Merged: complaint.PhaseClosed, complaint.Closed: complaint.PhaseClosed,
	} {
		assert.Equal(t, want, s.Phase(), s)
	}
	assert.ElementsMatch(t, complaint.States(), complaint.Lifecycle().States(), "every state is reachable in the table")
}

// TestLifecycle_RowsCiteTheirBasis: every act says on what it rests, and
// the administration's own choices are marked as policy.
func TestLifecycle_RowsCiteTheirBasis(t *testing.T) {
	for _, r := range complaint.Lifecycle().Rows() {
		assert.False(t, r.Basis.IsZero(), r.Act)
		assert.NotEmpty(t, r.Label, r.Act)
	}
	row, _ := complaint.Lifecycle().Row(complaint.EventReopened)
	assert.Equal(t, law.Policy, row.Basis.Confidence, "reopening is the administration's choice")
	row, _ = complaint.Lifecycle().Row(complaint.EventAnswered)
	assert.Contains(t, row.Basis.String(), "Direttiva P.C.M. 27 gennaio 1994")
}

// TestLifecycle_Roles is the table of who may do what, state by state; the
// zero or an undeclared role may do nothing.
func TestLifecycle_Roles(t *testing.T) {
	fo, co, ext := office.FrontOffice, office.CompetentOffice, office.External
	for _, c := range []struct {
		state complaint.State
		role  office.Role
		want  []complaint.EventType
	}{
		{complaint.Incoming, fo, []complaint.EventType{complaint.EventFiled}},
		{complaint.Incoming, ext, []complaint.EventType{complaint.EventFiled}},
		{complaint.Incoming, co, nil},
		{complaint.Registered, fo, []complaint.EventType{complaint.EventAssigned, complaint.EventAnswered, complaint.EventClosed, complaint.EventMerged, complaint.EventForwardedOutside, complaint.EventReclassified}},
		{complaint.Registered, co, []complaint.EventType{complaint.EventAnswered}},
		{complaint.Assigned, co, []complaint.EventType{complaint.EventForwarded, complaint.EventStarted, complaint.EventInfoRequested, complaint.EventAnswered}},
		{complaint.InProgress, co, []complaint.EventType{complaint.EventForwarded, complaint.EventInfoRequested, complaint.EventAnswered}},
		{complaint.AwaitingCitizen, ext, []complaint.EventType{complaint.EventCitizenReplied}},
		{complaint.AwaitingCitizen, fo, []complaint.EventType{complaint.EventForwarded, complaint.EventCitizenReplied, complaint.EventAnswered, complaint.EventClosed, complaint.EventMerged, complaint.EventForwardedOutside, complaint.EventReclassified}},
		{complaint.Answered, ext, []complaint.EventType{complaint.EventReopened}},
		{complaint.Answered, fo, []complaint.EventType{complaint.EventClosed, complaint.EventReopened}},
		{complaint.Answered, co, nil},
		{complaint.Closed, ext, []complaint.EventType{complaint.EventReopened}},
		{complaint.Merged, fo, []complaint.EventType{complaint.EventSeparated}},
		{complaint.Merged, ext, nil},
		{complaint.ForwardedOutside, ext, []complaint.EventType{complaint.EventExternalReplyRecorded}},
		{complaint.ForwardedOutside, fo, []complaint.EventType{complaint.EventClosed, complaint.EventExternalReplyRecorded}},
		{complaint.Reopened, co, []complaint.EventType{complaint.EventStarted, complaint.EventInfoRequested, complaint.EventAnswered}},
		{complaint.Closed, office.RPCT, nil},
		{complaint.Registered, 0, nil},
		{complaint.Answered, 0, nil},
		{complaint.Registered, office.Role(99), nil},
	} {
		assert.Equal(t, c.want, complaint.Permitted(c.state, c.role), "%s, %s", c.state, c.role)
	}
	assert.Equal(t, []complaint.EventType{complaint.EventAssigned, complaint.EventAnswered, complaint.EventClosed, complaint.EventMerged, complaint.EventForwardedOutside, complaint.EventReclassified,
		complaint.EventDuplicateAdded, complaint.EventDuplicateRemoved},
		complaint.Lifecycle().Acts(complaint.Registered), "Acts lists a state's acts whoever performs them, the master's records of a merger included")
}

func TestLifecycle_Refusals(t *testing.T) {
	tb := complaint.Lifecycle()
	_, err := tb.Check(complaint.Closed, complaint.EventAnswered, office.CompetentOffice)
	require.ErrorIs(t, err, complaint.ErrNotAllowed)
	assert.Contains(t, err.Error(), "Direttiva P.C.M. 27 gennaio 1994", "a refusal cites the act's basis")
	_, err = tb.Check(complaint.Registered, complaint.EventAssigned, office.CompetentOffice)
	require.ErrorIs(t, err, complaint.ErrForbidden)
	next, err := tb.Check(complaint.ForwardedOutside, complaint.EventExternalReplyRecorded, office.External)
	require.NoError(t, err)
	assert.Equal(t, complaint.ForwardedOutside, next, "recording the outside body's reply keeps the state")
}
