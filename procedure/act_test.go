package procedure_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/procedure"
)

var (
	desk    = office.Actor{ID: "m.rossi", Role: office.FrontOffice, Office: "urp"}
	officer = office.Actor{ID: "l.bianchi", Role: office.CompetentOffice, Office: "dip-mobilita"}
	admin   = office.Actor{ID: "sistema", Role: office.Administrator}
)

// An act names a valid actor (ID, declared role, valid UTF-8, at most 200
// characters) and, unless it opens a case, a valid case ID.
func TestActCheck_ActorAndCaseID(t *testing.T) {
	type act = procedure.Act[CounterID]
	tests := []struct {
		name     string
		act      act
		creating bool
		// actor is true when the refusal must also wrap office.ErrInvalidActor.
		actor bool
		// field is the field a *history.TextError must name, if any.
		field string
		limit int
		ok    bool
	}{
		{name: "a valid act", act: act{ID: "C-1", By: desk}, ok: true},
		{name: "an external actor without office", act: act{ID: "C-1", By: office.Actor{ID: "pec-gateway", Role: office.External}}, ok: true},
		{name: "creating with an empty ID lets the service assign one", act: act{By: desk}, creating: true, ok: true},
		{name: "creating with an ID", act: act{ID: "C-1", By: desk}, creating: true, ok: true},
		{name: "an actor of 200 characters", act: act{ID: "C-1", By: office.Actor{ID: strings.Repeat("è", 200), Role: office.FrontOffice}}, ok: true},

		{name: "empty actor ID", act: act{ID: "C-1", By: office.Actor{Role: office.FrontOffice}}, actor: true},
		{name: "zero role", act: act{ID: "C-1", By: office.Actor{ID: "m.rossi"}}, actor: true},
		{name: "unknown role", act: act{ID: "C-1", By: office.Actor{ID: "m.rossi", Role: office.Role(200)}}, actor: true},
		{name: "zero actor, even when creating", act: act{}, creating: true, actor: true},
		{name: "actor ID not UTF-8", act: act{ID: "C-1", By: office.Actor{ID: "m\xffrossi", Role: office.FrontOffice}}, field: "ID"},
		{name: "actor office not UTF-8", act: act{ID: "C-1", By: office.Actor{ID: "m.rossi", Role: office.FrontOffice, Office: "urp\xc3"}}, field: "Office"},
		{name: "actor ID over 200 characters", act: act{ID: "C-1", By: office.Actor{ID: strings.Repeat("a", 201), Role: office.FrontOffice}}, field: "Actor.ID", limit: 200},
		{name: "actor office over 200 characters", act: act{ID: "C-1", By: office.Actor{ID: "m.rossi", Role: office.FrontOffice, Office: office.ID(strings.Repeat("u", 201))}}, field: "Actor.Office", limit: 200},

		{name: "empty case ID", act: act{By: desk}},
		{name: "case ID with a newline", act: act{ID: "C-1\n", By: desk}},
		{name: "case ID with a NUL", act: act{ID: "C\x001", By: desk}},
		{name: "case ID with DEL", act: act{ID: "C\x7f1", By: desk}},
		{name: "case ID with a control character, creating", act: act{ID: "C\t1", By: desk}, creating: true},
		{name: "case ID of 201 bytes", act: act{ID: CounterID(strings.Repeat("x", history.MaxIDLength+1)), By: desk}},
		{name: "case ID of 201 bytes, creating", act: act{ID: CounterID(strings.Repeat("x", history.MaxIDLength+1)), By: desk}, creating: true},
		{name: "case ID not UTF-8", act: act{ID: "C-\xff", By: desk}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.act.Check(tt.creating)
			if tt.ok {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, history.ErrInvalid)
			if tt.actor {
				assert.ErrorIs(t, err, office.ErrInvalidActor)
			} else {
				assert.NotErrorIs(t, err, office.ErrInvalidActor)
			}
			if tt.field != "" {
				var te *history.TextError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, tt.field, te.Field)
				assert.Equal(t, tt.limit, te.Limit)
			}
		})
	}
}

// A case ID of exactly MaxIDLength bytes is valid.
func TestActCheck_IDAtTheLimit(t *testing.T) {
	a := procedure.Act[CounterID]{ID: CounterID(strings.Repeat("x", history.MaxIDLength)), By: desk}
	require.NoError(t, a.Check(false))
}

// Each refusal helper wraps its own sentinel, and only it.
func TestRuleErrors_WrapTheirSentinel(t *testing.T) {
	rule := law.Cite("D.Lgs. 33/2013", "5", "6")
	sentinels := []error{procedure.ErrRule, procedure.ErrForbidden, procedure.ErrPersonalData, procedure.ErrNotAllowed, history.ErrInvalid}
	tests := []struct {
		err  error
		want error
	}{
		{procedure.Refuse(rule, "term of %d days", 30), procedure.ErrRule},
		{procedure.Forbid(rule, "not %s", "yours"), procedure.ErrForbidden},
		{procedure.PersonalData(rule, "field %s holds a %s", "Summary", "tax code"), procedure.ErrPersonalData},
	}
	for _, tt := range tests {
		t.Run(tt.want.Error(), func(t *testing.T) {
			for _, s := range sentinels {
				assert.Equal(t, s == tt.want, errors.Is(tt.err, s), "errors.Is(%v, %v)", tt.err, s)
			}
			re, ok := procedure.IsRule(fmt.Errorf("wrapped: %w", tt.err))
			require.True(t, ok)
			assert.Equal(t, rule, re.Rule)
			assert.Contains(t, tt.err.Error(), rule.String())
			assert.Contains(t, tt.err.Error(), tt.want.Error())
		})
	}
	re := procedure.Refuse(law.Citation{}, "no rule")
	assert.Equal(t, procedure.ErrRule.Error()+": no rule", re.Error())

	_, ok := procedure.IsRule(procedure.Invalid("x"))
	assert.False(t, ok)
	_, ok = procedure.IsRule(nil)
	assert.False(t, ok)
}

func TestInvalid_WrapsErrInvalid(t *testing.T) {
	err := procedure.Invalid("amount %d", -1)
	require.ErrorIs(t, err, history.ErrInvalid)
	assert.Contains(t, err.Error(), "amount -1")
}

func TestChronology_CitesAPolicy(t *testing.T) {
	c := procedure.Chronology()
	assert.False(t, c.IsZero())
	assert.Equal(t, law.Policy, c.Confidence)
}
