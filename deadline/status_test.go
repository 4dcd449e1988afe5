package deadline

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDeadlineStatus(t *testing.T) {
	due := MustDate(2026, 4, 8)
	dl := Deadline{Name: "conclusione del procedimento", Due: due}
	tests := []struct {
		name  string
		dl    Deadline
		today Date
		soon  int
		want  Status
	}{
		{"open, far away", dl, MustDate(2026, 3, 2), 5, Status{State: Open, DaysLeft: 37}},
		{"due soon: 5 days left, threshold 5", dl, MustDate(2026, 4, 3), 5, Status{State: DueSoon, DaysLeft: 5}},
		{"open: 6 days left, threshold 5", dl, MustDate(2026, 4, 2), 5, Status{State: Open, DaysLeft: 6}},
		{"due soon: 1 day left", dl, MustDate(2026, 4, 7), 5, Status{State: DueSoon, DaysLeft: 1}},
		{"due today", dl, due, 5, Status{State: DueToday}},
		{"due today with no threshold", dl, due, 0, Status{State: DueToday}},
		{"overdue by 3 days", dl, MustDate(2026, 4, 11), 5, Status{State: Overdue, DaysLeft: -3}},
		{"met early", Deadline{Due: due, Met: MustDate(2026, 4, 1)}, MustDate(2026, 5, 1), 5, Status{State: Met, DaysLeft: 7}},
		{"met on the due day", Deadline{Due: due, Met: due}, MustDate(2026, 5, 1), 5, Status{State: Met}},
		{"met 2 days late", Deadline{Due: due, Met: MustDate(2026, 4, 10)}, MustDate(2026, 5, 1), 5, Status{State: MetLate, DaysLeft: -2}},
		{"no due date", Deadline{}, MustDate(2026, 5, 1), 5, Status{State: Open}},
		{"no due date, met", Deadline{Met: MustDate(2026, 4, 1)}, MustDate(2026, 5, 1), 5, Status{State: Met}},
		{"negative threshold never says soon", dl, MustDate(2026, 4, 7), -1, Status{State: Open, DaysLeft: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.dl.Status(tt.today, tt.soon))
		})
	}
	assert.Equal(t, 3, Status{State: Overdue, DaysLeft: -3}.OverdueBy())
	assert.Equal(t, 0, Status{State: Open, DaysLeft: 3}.OverdueBy())
	for s := Open; s <= MetLate; s++ {
		assert.NotEqual(t, "unknown", s.String())
		assert.NotEqual(t, "sconosciuto", s.Italian())
	}
	assert.Equal(t, "unknown", State(99).String())
	assert.Equal(t, "sconosciuto", State(99).Italian())
	b, err := json.Marshal(Status{State: DueSoon, DaysLeft: 2})
	require.NoError(t, err)
	assert.JSONEq(t, `{"state":"due-soon","daysLeft":2}`, string(b))
}

// TestDeadlineFromExplanation: a Deadline built from an explanation
// marshals with its steps, citations and Italian text.
func TestDeadlineFromExplanation(t *testing.T) {
	x, err := Rome().Explain(Spec{Start: MustDate(2026, 3, 2), Term: admin30})
	require.NoError(t, err)
	dl := Deadline{Name: x.Term.Name, Due: x.Due, Explanation: x}
	b, err := json.Marshal(dl)
	require.NoError(t, err)
	var back map[string]any
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, "2026-04-01", back["due"])
	assert.Nil(t, back["met"])
	steps := back["explanation"].(map[string]any)["steps"].([]any)
	require.Len(t, steps, 3)
	first := steps[0].(map[string]any)
	assert.Equal(t, "start", first["action"])
	assert.Contains(t, first["text"], "evento del 02/03/2026")
	var dl2 Deadline
	require.NoError(t, json.Unmarshal(b, &dl2))
	assert.Equal(t, dl.Due, dl2.Due)
}

func TestStateAndActionText(t *testing.T) {
	for s := Open; s <= MetLate; s++ {
		b, err := s.MarshalText()
		require.NoError(t, err)
		var back State
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, s, back)
	}
	var s State
	assert.Error(t, s.UnmarshalText([]byte("late")))
	for a := ActionStart; a <= ActionNote; a++ {
		b, err := a.MarshalText()
		require.NoError(t, err)
		var back Action
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, a, back)
	}
	var a Action
	assert.Error(t, a.UnmarshalText([]byte("unknown")))
	assert.Error(t, a.UnmarshalText([]byte("")))
}
