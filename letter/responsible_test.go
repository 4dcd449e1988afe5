package letter_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestArt8c2lettcL241_ResponsibleFromTheStartNotice: the responsabile del
// procedimento a letter names is the one the communication of the start
// named (art. 8 c. 2 lett. c L. 241/1990), recorded in the history; before
// it, the office's from Options.
func TestArt8c2lettcL241_ResponsibleFromTheStartNotice(t *testing.T) {
	f := foia(t)
	w := writer(t, options(f))
	before, err := w.Receipt(f.steps["filed"])
	require.NoError(t, err)
	v, _ := before.Value("responsible")
	assert.NotEqual(t, "dirigente U.O. Varchi", v, "before the start notice, the office's responsabile")
	after, err := w.StartNotice(f.steps["started"])
	require.NoError(t, err)
	v, _ = after.Value("responsible")
	assert.Equal(t, "dirigente U.O. Varchi", v)
	txt, err := w.Text(after)
	require.NoError(t, err)
	assert.Contains(t, txt, "dirigente U.O. Varchi")
}

// TestArt5c7DLgs33_ReviewDecisionGivesTheRPCTReasons: the review decision
// states the RPCT's full reasons, not only their publishable summary.
func TestArt5c7DLgs33_ReviewDecisionGivesTheRPCTReasons(t *testing.T) {
	f := review(t)
	w := writer(t, options(f))
	l, err := w.ReviewDecision(f.steps["reviewDecided"])
	require.NoError(t, err)
	txt, err := w.Text(l)
	require.NoError(t, err)
	assert.Contains(t, txt, "Motivazione: Si rilascia l'elenco senza i nominativi.")
}
