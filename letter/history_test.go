package letter_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/letter"
)

// TestLetters_FromHistory: the letters a stored history's acts call for
// are, one for one, the letters written from the Requests the Service
// returned for those acts.
func TestLetters_FromHistory(t *testing.T) {
	f := foia(t)
	w := writer(t, options(f))
	st, err := f.store.Load(f.ctx, f.id, 0)
	require.NoError(t, err)
	got, err := w.Letters(st, f.svc.Calendar(), f.svc.Policy())
	require.NoError(t, err)
	s := f.steps
	var want []letter.Letter
	for _, mk := range []func() (letter.Letter, error){
		func() (letter.Letter, error) { return w.Receipt(s["filed"]) },
		func() (letter.Letter, error) { return w.StartNotice(s["started"]) },
		func() (letter.Letter, error) { return w.OfficeStart(s["started"]) },
		func() (letter.Letter, error) { return w.DocumentRequest(s["documents"], 1) },
		func() (letter.Letter, error) { return w.PartyNotice(s["notified"], 1) },
		func() (letter.Letter, error) { return w.Decision(s["decided"]) },
		func() (letter.Letter, error) { return w.PartyAcceptance(s["decided"], 1) },
		func() (letter.Letter, error) { return w.ReviewDecision(s["partyReviewDecided"]) },
	} {
		l, err := mk()
		require.NoError(t, err)
		want = append(want, l)
	}
	require.Len(t, got, len(want))
	for i := range want {
		a, err := w.Text(want[i])
		require.NoError(t, err)
		b, err := w.Text(got[i])
		require.NoError(t, err)
		require.Equal(t, a, b, "letter %d (%s)", i+1, want[i].Kind)
		require.Equal(t, want[i].Dates, got[i].Dates)
	}
}

// TestLetters_IrregularityFromTheNotice: written from the history, the
// irregularity letter lists what the notice listed, with its note.
func TestLetters_IrregularityFromTheNotice(t *testing.T) {
	f := late(t)
	w := writer(t, options(f))
	st, err := f.store.Load(f.ctx, f.id, 0)
	require.NoError(t, err)
	ls, err := w.Letters(st, f.svc.Calendar(), f.svc.Policy())
	require.NoError(t, err)
	var kinds []letter.Kind
	for _, l := range ls {
		kinds = append(kinds, l.Kind)
		if l.Kind == letter.Irregularity {
			note, _ := l.Value("note")
			require.Equal(t, "Può inviare copia di un documento di identità in corso di validità.", note)
			txt, err := w.Text(l)
			require.NoError(t, err)
			require.Contains(t, txt, "documento di identità in corso di validità")
		}
	}
	require.Equal(t, []letter.Kind{letter.Receipt, letter.Irregularity, letter.StartNotice, letter.OfficeStart, letter.PartyNotice, letter.Decision}, kinds)
}
