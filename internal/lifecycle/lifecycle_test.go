package lifecycle_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/internal/lifecycle"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
)

var (
	errNotAllowed = errors.New("test: not allowed")
	errForbidden  = errors.New("test: forbidden")
	errs          = lifecycle.Errors{NotAllowed: errNotAllowed, Forbidden: errForbidden}
	decideBasis   = law.Cite("D.Lgs. 33/2013", "5", "6")
)

func table(t *testing.T) *lifecycle.Table[string, string] {
	t.Helper()
	tb, err := lifecycle.New("demo", errs,
		lifecycle.Row[string, string]{Act: "file", From: []string{"draft"}, To: "open", Roles: []office.Role{office.FrontOffice}},
		lifecycle.Row[string, string]{Act: "note", From: []string{"open"}, Roles: []office.Role{office.FrontOffice, office.CompetentOffice}, Label: "annotazione"},
		lifecycle.Row[string, string]{Act: "decide", From: []string{"open"}, To: "decided", Roles: []office.Role{office.CompetentOffice}, Basis: decideBasis},
	)
	require.NoError(t, err)
	return tb
}

func TestCheck(t *testing.T) {
	tb := table(t)
	next, err := tb.Check("open", "decide", office.CompetentOffice)
	require.NoError(t, err)
	assert.Equal(t, "decided", next)

	next, err = tb.Check("open", "note", office.FrontOffice)
	require.NoError(t, err)
	assert.Equal(t, "open", next, "an act with no To keeps the state")

	_, err = tb.Check("draft", "decide", office.CompetentOffice)
	require.ErrorIs(t, err, errNotAllowed)
	var na *lifecycle.NotAllowedError[string, string]
	require.ErrorAs(t, err, &na)
	assert.Equal(t, []string{"open"}, na.Allowed)
	assert.Equal(t, decideBasis, na.Basis)
	assert.Contains(t, err.Error(), "art. 5 c. 6 D.Lgs. 33/2013")

	_, err = tb.Check("open", "decide", office.FrontOffice)
	require.ErrorIs(t, err, errForbidden)
	var fb *lifecycle.ForbiddenError[string]
	require.ErrorAs(t, err, &fb)
	assert.Equal(t, office.FrontOffice, fb.Role)
	assert.Contains(t, err.Error(), "ufficio competente")

	_, err = tb.Check("open", "fly", office.Administrator)
	require.ErrorIs(t, err, errNotAllowed, "unknown acts are not allowed")
}

func TestPermitted(t *testing.T) {
	tb := table(t)
	assert.Equal(t, []string{"note", "decide"}, tb.Acts("open"))
	assert.Equal(t, []string{"note"}, tb.Permitted("open", office.FrontOffice))
	assert.Equal(t, []string{"note", "decide"}, tb.Permitted("open", office.CompetentOffice))
	assert.Empty(t, tb.Permitted("open", 0), "a forgotten role may do nothing")
	assert.Empty(t, tb.Permitted("open", 42), "an unknown role may do nothing")
	assert.Empty(t, tb.Acts("decided"))
	assert.Equal(t, []string{"draft", "open", "decided"}, tb.States())
}

func TestNewRejectsMalformedTables(t *testing.T) {
	_, err := lifecycle.New("x", errs,
		lifecycle.Row[string, string]{Act: "a", From: []string{"s"}, Roles: []office.Role{office.RPCT}},
		lifecycle.Row[string, string]{Act: "a", From: []string{"t"}, Roles: []office.Role{office.RPCT}})
	require.Error(t, err)
	_, err = lifecycle.New("x", errs, lifecycle.Row[string, string]{Act: "a", Roles: []office.Role{office.RPCT}})
	require.Error(t, err)
	_, err = lifecycle.New("x", errs, lifecycle.Row[string, string]{Act: "a", From: []string{"s"}})
	require.Error(t, err)
	_, err = lifecycle.New[string, string]("x", lifecycle.Errors{})
	require.Error(t, err)
	assert.Panics(t, func() { lifecycle.MustNew[string, string]("x", lifecycle.Errors{}) })
}

func TestDOT(t *testing.T) {
	want := `digraph "demo" {
	rankdir=LR;
	node [shape=box, style=rounded];
	"draft";
	"open";
	"decided";
	"draft" -> "open" [label="file"];
	"open" -> "open" [label="annotazione"];
	"open" -> "decided" [label="decide\nart. 5 c. 6 D.Lgs. 33/2013"];
}
`
	assert.Equal(t, want, table(t).DOT())
}

func TestRowsAreCopies(t *testing.T) {
	tb := table(t)
	rows := tb.Rows()
	rows[0].From[0] = "hacked"
	r, ok := tb.Row("file")
	require.True(t, ok)
	assert.Equal(t, []string{"draft"}, r.From)
	r.Roles[0] = office.Administrator
	again, _ := tb.Row("file")
	assert.Equal(t, []office.Role{office.FrontOffice}, again.Roles, "Row returns a copy too")
	_, ok = tb.Row("nope")
	assert.False(t, ok)
}
