package eventlog_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/internal/eventlog"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
)

type ev struct {
	Kind string `json:"kind"`
	N    int    `json:"n"`
}

var (
	at    = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	clerk = office.Actor{ID: "m.rossi", Role: office.FrontOffice, Office: "pda"}
	basis = law.Cite("L. 241/1990", "25", "4")
)

func history(t *testing.T, n int) []eventlog.Record[ev] {
	t.Helper()
	var h []eventlog.Record[ev]
	for i := range n {
		more, err := eventlog.Extend(h, at.Add(time.Duration(i)*time.Hour), clerk, basis, ev{"step", i})
		require.NoError(t, err)
		h = append(h, more...)
	}
	return h
}

func TestExtendChainsRecords(t *testing.T) {
	h := history(t, 4)
	require.NoError(t, eventlog.Verify(h))
	require.True(t, h[0].Prev.IsZero())
	for i, r := range h {
		require.Equal(t, i+1, r.Version)
		if i > 0 {
			require.Equal(t, h[i-1].Hash, r.Prev)
		}
	}
	batch, err := eventlog.Extend(h, at, clerk, basis, ev{"a", 1}, ev{"b", 2})
	require.NoError(t, err)
	require.Equal(t, []int{5, 6}, []int{batch[0].Version, batch[1].Version})
	require.NoError(t, eventlog.Verify(append(h, batch...)))
}

func TestVerifyFindsFirstEditedRecord(t *testing.T) {
	edits := []struct {
		name string
		edit func(r *eventlog.Record[ev])
	}{
		{"event", func(r *eventlog.Record[ev]) { r.Event.N = 99 }},
		{"instant", func(r *eventlog.Record[ev]) { r.At = r.At.Add(time.Nanosecond) }},
		{"actor", func(r *eventlog.Record[ev]) { r.Actor.ID = "intruder" }},
		{"role", func(r *eventlog.Record[ev]) { r.Actor.Role = office.RPCT }},
		{"basis", func(r *eventlog.Record[ev]) { r.Basis.Comma = "5" }},
		{"hash", func(r *eventlog.Record[ev]) { r.Hash[0] ^= 1 }},
		{"link", func(r *eventlog.Record[ev]) { r.Prev[3] ^= 1 }},
		{"number", func(r *eventlog.Record[ev]) { r.Version = 7 }},
	}
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			h := history(t, 5)
			e.edit(&h[2])
			err := eventlog.Verify(h)
			require.ErrorIs(t, err, eventlog.ErrBroken)
			var be *eventlog.BrokenError
			require.True(t, errors.As(err, &be))
			require.Equal(t, 3, be.Version, be.Error())
		})
	}
}

func TestVerifyFindsRemovedRecord(t *testing.T) {
	h := history(t, 4)
	h = append(h[:1], h[2:]...)
	var be *eventlog.BrokenError
	require.ErrorAs(t, eventlog.Verify(h), &be)
	require.Equal(t, 2, be.Version)
}

func TestSumIgnoresZoneOfInstant(t *testing.T) {
	h := history(t, 1)
	rome := time.FixedZone("CET", 3600)
	r := h[0]
	r.At = r.At.In(rome)
	require.NoError(t, eventlog.Verify([]eventlog.Record[ev]{r}), "the same instant in another zone hashes alike")
}

func TestHashText(t *testing.T) {
	h := history(t, 1)[0].Hash
	b, err := h.MarshalText()
	require.NoError(t, err)
	var back eventlog.Hash
	require.NoError(t, back.UnmarshalText(b))
	require.Equal(t, h, back)
	require.Error(t, back.UnmarshalText([]byte("abc")))
	require.Error(t, back.UnmarshalText(make([]byte, 64)))
}

type named struct{ X int }

func (named) EventName() string { return "stable-name" }

func TestNamedEventsHashByName(t *testing.T) {
	a, err := eventlog.Extend[any](nil, at, clerk, basis, named{1})
	require.NoError(t, err)
	b, err := eventlog.Extend[any](nil, at, clerk, basis, struct{ X int }{1})
	require.NoError(t, err)
	require.NotEqual(t, a[0].Hash, b[0].Hash, "the event's name is part of the hash")
}
