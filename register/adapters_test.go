package register_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/register"
)

func TestComplaintCase(t *testing.T) {
	p := complaint.Public{ID: "c1", Kind: complaint.Segnalazione, Channel: complaint.Escalation060606, Category: "strade.buche", CategoryLabel: "Buche stradali",
		Office: "dip-mobilita", Received: day(2026, 1, 7), FirstDue: day(2026, 2, 6), FirstAnswered: day(2026, 2, 10), Answered: day(2026, 3, 1),
		Closed: day(2026, 3, 2), Outcome: complaint.Resolved, Summary: "buca riparata"}
	c := register.ComplaintCase(p, directory)
	assert.Equal(t, "c1", c.ID)
	assert.Equal(t, day(2026, 2, 6), c.Due)
	assert.Equal(t, day(2026, 2, 10), c.Answered, "the first answer is measured against the first term")
	assert.Equal(t, "Buche stradali", c.Category)
	assert.Equal(t, "Dipartimento Mobilità Sostenibile e Trasporti", c.Office)
	assert.Equal(t, complaint.Segnalazione.Italian(), c.Kind)
	assert.Equal(t, complaint.Escalation060606.Italian(), c.Channel)
	assert.Equal(t, complaint.Resolved.Italian(), c.Outcome)

	open := register.ComplaintCase(complaint.Public{ID: "c2", Kind: complaint.Reclamo, Category: "rifiuti", Received: day(2026, 1, 9), Outcome: complaint.Founded}, nil)
	assert.Equal(t, "rifiuti", open.Category)
	assert.Empty(t, open.Outcome, "no outcome while open")
	closed := register.ComplaintCase(complaint.Public{ID: "c3", Kind: complaint.Reclamo, Received: day(2026, 1, 9), Closed: day(2026, 1, 10), CloseReason: complaint.ClosedWithdrawn}, nil)
	assert.Equal(t, complaint.ClosedWithdrawn.Italian(), closed.Outcome)

	s := register.ComplaintMonitoring(slices.Values([]register.Case{c, open, closed}), q1)
	assert.Equal(t, 3, s.Total.Received)
	assert.Equal(t, 1, s.Total.Late)
}

func TestPetitionCase(t *testing.T) {
	filed := day(2026, 1, 12)
	x, err := deadline.Rome().Explain(deadline.Spec{Start: filed, Term: deadline.Term{Name: "risposta", Length: 60}})
	require.NoError(t, err)
	p := petition.Petition{ID: "p1", Kind: petition.Petizione, KindName: "petizione", Office: "punto-di-ascolto", Filed: filed,
		Checked: day(2026, 1, 20), Admissible: true, Answered: day(2026, 3, 2), Answer: petition.Answer{Outcome: petition.PartlyAccepted, Summary: "in parte"},
		Deadlines: []deadline.Deadline{{Name: "risposta", Due: x.Due, Explanation: x, Met: day(2026, 3, 2)}}}
	c, ok := register.PetitionCase(p, directory)
	require.True(t, ok)
	assert.Equal(t, x.Due, c.Due)
	assert.Equal(t, day(2026, 3, 2), c.Closed)
	assert.Equal(t, "accolta in parte", c.Outcome)
	assert.Equal(t, "Ufficio Punto di Ascolto", c.Office)

	_, ok = register.PetitionCase(petition.Petition{ID: "draft", Kind: petition.Petizione, Drafted: day(2026, 1, 2)}, nil)
	assert.False(t, ok, "a petition not filed is not monitored")
	in, ok := register.PetitionCase(petition.Petition{ID: "p2", Kind: petition.InterrogazionePopolare, Filed: day(2026, 2, 1), Checked: day(2026, 2, 3)}, nil)
	require.True(t, ok)
	assert.Equal(t, "inammissibile", in.Outcome)
	assert.Equal(t, string(petition.InterrogazionePopolare), in.Kind, "the code when the view has no Italian name")
	arch, _ := register.PetitionCase(petition.Petition{ID: "p3", Kind: petition.Petizione, Filed: day(2026, 2, 1), Checked: day(2026, 2, 3), Admissible: true, ArchivedOn: day(2026, 3, 1)}, nil)
	assert.Equal(t, "archiviata", arch.Outcome)
}
