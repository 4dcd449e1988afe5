package deadline_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
)

// TestStrength_GuidanceIsNeverOverdue: a guidance term that passed is
// "termine indicativo decorso", not "scaduto"; met after it, "adempiuto
// dopo il termine indicativo"; a binding or ungraded one is overdue. 30
// days from Friday 20/03/2026 end Sunday 19/04, extended to Monday 20/04.
func TestStrength_GuidanceIsNeverOverdue(t *testing.T) {
	src := law.Citation{Note: "FAQ", Confidence: law.Policy}
	for _, c := range []struct {
		s         deadline.Strength
		open, met deadline.State
		overdueBy int
	}{
		{deadline.Ungraded, deadline.Overdue, deadline.MetLate, 5},
		{deadline.Binding, deadline.Overdue, deadline.MetLate, 5},
		{deadline.Guidance, deadline.Lapsed, deadline.MetAfterGuidance, 0},
	} {
		term := deadline.Term{Name: "riesame", Length: 30, Source: src, Strength: c.s}
		x, err := deadline.Rome().Explain(deadline.Spec{Start: deadline.MustDate(2026, 3, 20), Term: term})
		require.NoError(t, err)
		assert.Equal(t, deadline.MustDate(2026, 4, 20), x.Due)
		d := deadline.Deadline{Name: "riesame", Due: x.Due, Explanation: x}
		st := d.Status(deadline.MustDate(2026, 4, 25), 3)
		assert.Equal(t, c.open, st.State, c.s)
		assert.Equal(t, c.overdueBy, st.OverdueBy())
		assert.Equal(t, 5, st.PassedBy())
		d.Met = deadline.MustDate(2026, 4, 22)
		assert.Equal(t, c.met, d.Status(deadline.MustDate(2026, 4, 25), 3).State)
		assert.Equal(t, c.s == deadline.Guidance, len(x.Steps) > 0 && x.Steps[len(x.Steps)-1].Action == deadline.ActionNote)

		b, err := json.Marshal(term)
		require.NoError(t, err)
		var back deadline.Term
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, c.s, back.Strength)
	}
	assert.Equal(t, "termine indicativo decorso", deadline.Lapsed.Italian())
	assert.Equal(t, "termine indicativo", deadline.Guidance.Italian())
	s, err := deadline.ParseStrength("Indicativo")
	require.NoError(t, err)
	assert.Equal(t, deadline.Guidance, s)
	_, err = deadline.ParseStrength("perentorio?")
	require.ErrorIs(t, err, deadline.ErrInvalidTerm)
	_, err = deadline.Rome().Compute(deadline.Spec{Start: deadline.MustDate(2026, 3, 20), Term: deadline.Term{Length: 1, Strength: 9}})
	require.ErrorIs(t, err, deadline.ErrInvalidTerm)
}
