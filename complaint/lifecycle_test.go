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
	row, _ := complaint.Lifecycle().Row(complaint.ActReopen)
	assert.Equal(t, law.Policy, row.Basis.Confidence, "reopening is the administration's choice")
	row, _ = complaint.Lifecycle().Row(complaint.ActAnswer)
	assert.Contains(t, row.Basis.String(), "Direttiva P.C.M. 27 gennaio 1994")
}

// TestLifecycle_Roles is the table of who may do what, state by state; the
// zero or an undeclared role may do nothing.
func TestLifecycle_Roles(t *testing.T) {
	fo, co, ext := office.FrontOffice, office.CompetentOffice, office.External
	for _, c := range []struct {
		state complaint.State
		role  office.Role
		want  []complaint.Act
	}{
		{complaint.Incoming, fo, []complaint.Act{complaint.ActFile}},
		{complaint.Incoming, ext, []complaint.Act{complaint.ActFile}},
		{complaint.Incoming, co, nil},
		{complaint.Registered, fo, []complaint.Act{complaint.ActAssign, complaint.ActAnswer, complaint.ActClose, complaint.ActMerge, complaint.ActForwardOutside, complaint.ActReclassify}},
		{complaint.Registered, co, []complaint.Act{complaint.ActAnswer}},
		{complaint.Assigned, co, []complaint.Act{complaint.ActForward, complaint.ActStart, complaint.ActRequestInfo, complaint.ActAnswer}},
		{complaint.InProgress, co, []complaint.Act{complaint.ActForward, complaint.ActRequestInfo, complaint.ActAnswer}},
		{complaint.AwaitingCitizen, ext, []complaint.Act{complaint.ActRecordReply}},
		{complaint.AwaitingCitizen, fo, []complaint.Act{complaint.ActForward, complaint.ActRecordReply, complaint.ActAnswer, complaint.ActClose, complaint.ActMerge, complaint.ActForwardOutside, complaint.ActReclassify}},
		{complaint.Answered, ext, []complaint.Act{complaint.ActReopen}},
		{complaint.Answered, fo, []complaint.Act{complaint.ActClose, complaint.ActReopen}},
		{complaint.Answered, co, nil},
		{complaint.Closed, ext, []complaint.Act{complaint.ActReopen}},
		{complaint.Merged, fo, []complaint.Act{complaint.ActSeparate}},
		{complaint.Merged, ext, nil},
		{complaint.ForwardedOutside, ext, []complaint.Act{complaint.ActRecordExternalReply}},
		{complaint.ForwardedOutside, fo, []complaint.Act{complaint.ActClose, complaint.ActRecordExternalReply}},
		{complaint.Reopened, co, []complaint.Act{complaint.ActStart, complaint.ActRequestInfo, complaint.ActAnswer}},
		{complaint.Closed, office.RPCT, nil},
		{complaint.Registered, 0, nil},
		{complaint.Answered, 0, nil},
		{complaint.Registered, office.Role(99), nil},
	} {
		assert.Equal(t, c.want, complaint.Permitted(c.state, c.role), "%s, %s", c.state, c.role)
	}
	assert.Equal(t, []complaint.Act{complaint.ActAssign, complaint.ActAnswer, complaint.ActClose, complaint.ActMerge, complaint.ActForwardOutside, complaint.ActReclassify},
		complaint.Lifecycle().Acts(complaint.Registered), "Acts lists a state's acts whoever performs them")
}

func TestLifecycle_Refusals(t *testing.T) {
	tb := complaint.Lifecycle()
	_, err := tb.Check(complaint.Closed, complaint.ActAnswer, office.CompetentOffice)
	require.ErrorIs(t, err, complaint.ErrNotAllowed)
	assert.Contains(t, err.Error(), "Direttiva P.C.M. 27 gennaio 1994", "a refusal cites the act's basis")
	_, err = tb.Check(complaint.Registered, complaint.ActAssign, office.CompetentOffice)
	require.ErrorIs(t, err, complaint.ErrForbidden)
	next, err := tb.Check(complaint.ForwardedOutside, complaint.ActRecordExternalReply, office.External)
	require.NoError(t, err)
	assert.Equal(t, complaint.ForwardedOutside, next, "recording the outside body's reply keeps the state")
}
