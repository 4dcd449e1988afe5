package register_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/register"
)

// TestAnchorStatesTheHeads: the register states the heads it was built
// from, the same in JSON, in CSV (beside the file) and in memory, and one
// more record on one history changes it (a history cut short or grown after
// publication shows).
func TestAnchorStatesTheHeads(t *testing.T) {
	e := scenario(t)
	q1 := register.MustQuarter(2026, 1)
	o := register.Options{Directory: directory}
	rows := register.Select(e.views(), q1, o)
	want := register.AnchorOf(rows)
	require.Equal(t, len(rows), want.Histories)

	var b bytes.Buffer
	require.NoError(t, register.WriteJSON(&b, q1, e.source().Entries(e.ctx, q1, o)))
	var doc struct {
		Fonte register.Anchor `json:"fonte"`
	}
	require.NoError(t, json.Unmarshal(b.Bytes(), &doc))
	require.Equal(t, want, doc.Fonte)

	var csvAnchor register.Anchor
	require.NoError(t, register.WriteCSV(&bytes.Buffer{}, e.source().Entries(e.ctx, q1, o), register.CSVOptions{Anchor: &csvAnchor}))
	require.Equal(t, want, csvAnchor)

	// The anchor is the digest of the heads labelled by protocol number, in row order.
	var ids []string
	var heads []history.Head
	for _, r := range rows {
		ids = append(ids, r.Protocol)
		heads = append(heads, r.Head)
	}
	require.Equal(t, history.Digest(ids, heads), want.Digest)

	// One more record on one history of the period: the anchor changes.
	e.must(e.svc.SetPublicSubject(e.ctx, e.act(rows[0].ID, desk, day(2026, time.July, 1)), access.PublicSubject{Text: "Oggetto riformulato"}))
	require.NotEqual(t, want, register.AnchorOf(register.Select(e.views(), q1, o)))
}

// TestSourceNeedsCalendar: the register replays with the Service's
// calendar, which has no default; without one it fails with ErrInvalid
// instead of guessing (Rome and Italy differ on 29 June).
func TestSourceNeedsCalendar(t *testing.T) {
	e := scenario(t)
	for _, err := range (register.Source{Store: e.store}).Requests(e.ctx, access.Query{}) {
		require.True(t, errors.Is(err, history.ErrInvalid), "got %v", err)
		return
	}
	t.Fatal("Requests yielded nothing")
}
