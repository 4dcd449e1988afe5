package procedure_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/procedure"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

type row = procedure.Row[CounterState, EventType]

var anyone = []office.Role{office.FrontOffice}

// NewTable refuses a table where an act appears twice, or a row without
// From states or without roles; MustTable panics on the same.
func TestNewTable_RefusesMalformedRows(t *testing.T) {
	ok := row{Act: EventAdded, From: []CounterState{Open}, Roles: anyone}
	tests := []struct {
		name string
		rows []row
	}{
		{"an act in two rows", []row{ok, {Act: EventAdded, From: []CounterState{Closed}, Roles: anyone}}},
		{"an act in two rows, not adjacent", []row{ok, {Act: EventClosed, From: []CounterState{Open}, Roles: anyone}, ok}},
		{"a row without From", []row{{Act: EventAdded, Roles: anyone}}},
		{"a row with an empty From", []row{{Act: EventAdded, From: []CounterState{}, Roles: anyone}}},
		{"a row without roles", []row{{Act: EventAdded, From: []CounterState{Open}}}},
		{"a bad row after a good one", []row{ok, {Act: EventClosed, From: []CounterState{Open}, To: Closed}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tbl, err := procedure.NewTable("t", tt.rows...)
			require.Error(t, err)
			assert.Nil(t, tbl)
			assert.Contains(t, err.Error(), "t: act")
			assert.Panics(t, func() { procedure.MustTable("t", tt.rows...) })
		})
	}

	tbl, err := procedure.NewTable[CounterState, EventType]("empty")
	require.NoError(t, err)
	assert.Empty(t, tbl.Rows())
	assert.Empty(t, tbl.States())
	assert.NotPanics(t, func() { procedure.MustTable("ok", ok) })
}

// The table keeps its own copy of the rows: neither the caller's slices nor
// the copies Rows and Row return can change it.
func TestTable_IsImmutable(t *testing.T) {
	from := []CounterState{Open}
	roles := []office.Role{office.FrontOffice}
	tbl := procedure.MustTable("t", row{Act: EventAdded, From: from, Roles: roles})
	from[0], roles[0] = Closed, office.Administrator

	rows := tbl.Rows()
	rows[0].From[0], rows[0].Roles[0] = Closed, office.Administrator
	r, ok := tbl.Row(EventAdded)
	require.True(t, ok)
	r.From[0], r.Roles[0] = Closed, office.Administrator

	r, _ = tbl.Row(EventAdded)
	assert.Equal(t, []CounterState{Open}, r.From)
	assert.Equal(t, []office.Role{office.FrontOffice}, r.Roles)
	states := tbl.States()
	states[0] = Closed
	assert.Equal(t, []CounterState{Open}, tbl.States())
	_, err := tbl.Check(Open, EventAdded, office.FrontOffice)
	assert.NoError(t, err)
}

func TestTable_RowsStatesAndRow(t *testing.T) {
	rows := counterLifecycle.Rows()
	acts := make([]EventType, len(rows))
	for i, r := range rows {
		acts[i] = r.Act
	}
	assert.Equal(t, []EventType{EventAdded, EventLinked, EventClosed, EventReopened}, acts)
	assert.Equal(t, []CounterState{Open, Closed}, counterLifecycle.States(), "states in order of first mention")

	r, ok := counterLifecycle.Row(EventClosed)
	require.True(t, ok)
	assert.Equal(t, Closed, r.To)
	assert.False(t, r.Stays())
	assert.Equal(t, law.Cite("L. 241/1990", "2", "1"), r.Basis)
	r, _ = counterLifecycle.Row(EventAdded)
	assert.True(t, r.Stays())

	_, ok = counterLifecycle.Row(EventOpened)
	assert.False(t, ok)
}

// Check returns the next state, or a typed refusal citing the act's rule:
// the state first (*NotAllowedError), then the role (*ForbiddenError).
func TestTable_Check(t *testing.T) {
	addBasis := law.Cite("L. 241/1990", "8", "")
	tests := []struct {
		name  string
		state CounterState
		act   EventType
		role  office.Role
		want  CounterState
		err   error
	}{
		{"an act that moves the state", Open, EventClosed, office.CompetentOffice, Closed, nil},
		{"an act that keeps the state", Open, EventAdded, office.FrontOffice, Open, nil},
		{"another permitted role", Open, EventAdded, office.CompetentOffice, Open, nil},
		{"back to open", Closed, EventReopened, office.Administrator, Open, nil},
		{"wrong state", Closed, EventAdded, office.FrontOffice, Closed, &procedure.NotAllowedError[CounterState, EventType]{State: Closed, Act: EventAdded, Allowed: []CounterState{Open}, Basis: addBasis}},
		{"wrong state and wrong role: the state is told", Closed, EventAdded, office.RPCT, Closed, &procedure.NotAllowedError[CounterState, EventType]{State: Closed, Act: EventAdded, Allowed: []CounterState{Open}, Basis: addBasis}},
		{"no state yet", "", EventAdded, office.FrontOffice, "", &procedure.NotAllowedError[CounterState, EventType]{State: "", Act: EventAdded, Allowed: []CounterState{Open}, Basis: addBasis}},
		{"an act the table does not know", Open, "shred", office.Administrator, Open, &procedure.NotAllowedError[CounterState, EventType]{State: Open, Act: "shred"}},
		{"wrong role", Open, EventAdded, office.RPCT, Open, &procedure.ForbiddenError[EventType]{Act: EventAdded, Role: office.RPCT, Roles: []office.Role{office.FrontOffice, office.CompetentOffice}, Basis: addBasis}},
		{"zero role", Open, EventClosed, 0, Open, &procedure.ForbiddenError[EventType]{Act: EventClosed, Role: 0, Roles: []office.Role{office.CompetentOffice}, Basis: law.Cite("L. 241/1990", "2", "1")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := counterLifecycle.Check(tt.state, tt.act, tt.role)
			assert.Equal(t, tt.want, got)
			if tt.err == nil {
				require.NoError(t, err)
				return
			}
			assert.Equal(t, tt.err, err)
			switch want := tt.err.(type) {
			case *procedure.NotAllowedError[CounterState, EventType]:
				var na *procedure.NotAllowedError[CounterState, EventType]
				require.ErrorAs(t, err, &na)
				assert.ErrorIs(t, err, procedure.ErrNotAllowed)
				assert.NotErrorIs(t, err, procedure.ErrForbidden)
				assert.Contains(t, err.Error(), string(want.Act))
			case *procedure.ForbiddenError[EventType]:
				var fe *procedure.ForbiddenError[EventType]
				require.ErrorAs(t, err, &fe)
				assert.ErrorIs(t, err, procedure.ErrForbidden)
				assert.NotErrorIs(t, err, procedure.ErrNotAllowed)
				assert.Contains(t, err.Error(), want.Role.Italian())
			}
		})
	}
}

// The refusals read as an officer needs them: the act, the state, where it
// is allowed, who may do it and the rule.
func TestTable_ErrorMessages(t *testing.T) {
	_, err := counterLifecycle.Check(Closed, EventLinked, office.FrontOffice)
	assert.EqualError(t, err, "procedure: act not allowed in this state: linked is not allowed in state closed (allowed in [open]; art. 8 c. 2 L. 241/1990)")
	_, err = counterLifecycle.Check(Open, EventAdded, office.RPCT)
	assert.Equal(t, "procedure: actor not permitted: added may be performed by "+
		office.FrontOffice.Italian()+", "+office.CompetentOffice.Italian()+", not by "+office.RPCT.Italian()+" (art. 8 L. 241/1990)", err.Error())
	assert.True(t, errors.Is(err, procedure.ErrForbidden))
}

// Permitted lists the acts a role may perform in a state, in table order:
// the buttons a UI shows; Acts lists them whoever performs them.
func TestTable_PermittedAndActs(t *testing.T) {
	tbl := procedure.MustTable("t",
		row{Act: EventReopened, From: []CounterState{Closed}, To: Open, Roles: []office.Role{office.Administrator}},
		row{Act: EventLinked, From: []CounterState{Open, Closed}, Roles: []office.Role{office.FrontOffice, office.Administrator}},
		row{Act: EventClosed, From: []CounterState{Open}, To: Closed, Roles: []office.Role{office.CompetentOffice}},
		row{Act: EventAdded, From: []CounterState{Open}, Roles: []office.Role{office.CompetentOffice, office.FrontOffice}},
	)
	tests := []struct {
		state CounterState
		role  office.Role
		want  []EventType
	}{
		{Open, office.FrontOffice, []EventType{EventLinked, EventAdded}},
		{Open, office.CompetentOffice, []EventType{EventClosed, EventAdded}},
		{Closed, office.Administrator, []EventType{EventReopened, EventLinked}},
		{Closed, office.CompetentOffice, nil},
		{Open, office.RPCT, nil},
		{"", office.FrontOffice, nil},
		{Open, 0, nil},
		{Open, office.Role(200), nil},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tbl.Permitted(tt.state, tt.role), "Permitted(%s, %v)", tt.state, tt.role)
		for _, act := range tt.want {
			_, err := tbl.Check(tt.state, act, tt.role)
			assert.NoError(t, err, "a permitted act passes Check")
		}
	}
	assert.Equal(t, []EventType{EventLinked, EventClosed, EventAdded}, tbl.Acts(Open))
	assert.Equal(t, []EventType{EventReopened, EventLinked}, tbl.Acts(Closed))
	assert.Nil(t, tbl.Acts("archived"))

	// A zero role may perform nothing even where a table lists it.
	zero := procedure.MustTable("t", row{Act: EventAdded, From: []CounterState{Open}, Roles: []office.Role{0}})
	assert.Nil(t, zero.Permitted(Open, 0))
}

// DOT draws the table the same way every time: the golden file is the
// counter's lifecycle (go test -run TestTable_DOT -update rewrites it).
func TestTable_DOT(t *testing.T) {
	got := counterLifecycle.DOT()
	for range 20 {
		require.Equal(t, got, procedure.MustTable("contatore", counterLifecycle.Rows()...).DOT())
	}
	golden := filepath.Join("testdata", "contatore.dot")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), got)
}

// Names, labels and bases are quoted: a quote, a backslash or a line break
// in them cannot end a DOT string early.
func TestTable_DOTQuotes(t *testing.T) {
	tbl := procedure.MustTable(`a "b" \c`,
		procedure.Row[string, string]{Act: "x", From: []string{`s"1`}, To: "s\\2", Roles: anyone, Label: "due\nrighe", Basis: law.Citation{Note: `"nota"`}},
		procedure.Row[string, string]{Act: "loop", From: []string{"s\\2"}, Roles: anyone},
	)
	want := "digraph \"a \\\"b\\\" \\\\c\" {\n" +
		"\trankdir=LR;\n\tnode [shape=box, style=rounded];\n" +
		"\t\"s\\\"1\";\n" +
		"\t\"s\\\\2\";\n" +
		"\t\"s\\\"1\" -> \"s\\\\2\" [label=\"due\\nrighe\\n\\\"nota\\\"\"];\n" +
		"\t\"s\\\\2\" -> \"s\\\\2\" [label=\"loop\"];\n" +
		"}\n"
	assert.Equal(t, want, tbl.DOT())
}
