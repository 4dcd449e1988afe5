package office_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/office"
)

func rome(t *testing.T) *office.Directory {
	t.Helper()
	d, err := office.NewDirectory(
		office.Office{ID: "mobilita", Name: "Dipartimento Mobilità Sostenibile e Trasporti", Matters: []string{"Mobilità", "trasporti"}, Keywords: []string{"strisce", "ZTL", "semaforo"}},
		office.Office{ID: "lavori", Name: "Dipartimento CSIMU", Matters: []string{"strade"}, Keywords: []string{"buche", "marciapiede", "strisce"}},
		office.Office{ID: "ama", Name: "AMA S.p.A.", Matters: []string{"rifiuti"}, Keywords: []string{"cassonetto", "rifiuti"}, External: true},
	)
	require.NoError(t, err)
	return d
}

func TestNewDirectoryRejectsBadOffices(t *testing.T) {
	for name, offices := range map[string][]office.Office{
		"empty id":     {{Name: "x"}},
		"empty name":   {{ID: "x", Name: " "}},
		"duplicate id": {{ID: "x", Name: "a"}, {ID: "x", Name: "b"}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := office.NewDirectory(offices...)
			require.ErrorIs(t, err, office.ErrInvalidOffice)
		})
	}
}

func TestDirectoryLookup(t *testing.T) {
	d := rome(t)
	o, err := d.Office("ama")
	require.NoError(t, err)
	assert.True(t, o.External)
	_, err = d.Office("nope")
	require.ErrorIs(t, err, office.ErrUnknownOffice)
	assert.True(t, d.Has("lavori"))
	assert.False(t, d.Has("nope"))
	assert.Len(t, d.Offices(), 3)

	o.Matters[0] = "changed"
	again, _ := d.Office("ama")
	assert.Equal(t, "rifiuti", again.Matters[0], "returned offices are copies")
}

func TestCompetentIgnoresCaseAndAccents(t *testing.T) {
	d := rome(t)
	for _, m := range []string{"mobilità", "MOBILITA", "  Mobilita "} {
		got := d.Competent(m)
		require.Len(t, got, 1, m)
		assert.Equal(t, office.ID("mobilita"), got[0].ID)
	}
	assert.Empty(t, d.Competent("urbanistica"))
}

func TestSuggestRanksMatterAboveKeywords(t *testing.T) {
	d := rome(t)
	got := d.Suggest("Buche e strisce sbiadite in via Appia", "mobilità")
	require.Len(t, got, 2)
	assert.Equal(t, office.ID("mobilita"), got[0].Office.ID)
	assert.Equal(t, 11, got[0].Score)
	assert.Equal(t, []string{"materia: mobilità", "parola: strisce"}, got[0].Reasons)
	assert.Equal(t, office.ID("lavori"), got[1].Office.ID)
	assert.Equal(t, 2, got[1].Score)

	assert.Empty(t, d.Suggest("nulla di pertinente", ""))
	ties := d.Suggest("strisce", "")
	require.Len(t, ties, 2)
	assert.Equal(t, office.ID("mobilita"), ties[0].Office.ID, "ties keep directory order")
}

func TestActorValidate(t *testing.T) {
	require.NoError(t, office.Actor{ID: "m.rossi", Role: office.RPCT}.Validate())
	require.ErrorIs(t, office.Actor{Role: office.RPCT}.Validate(), office.ErrInvalidActor)
	require.ErrorIs(t, office.Actor{ID: "x"}.Validate(), office.ErrInvalidActor)
	require.ErrorIs(t, office.Actor{ID: "x", Role: 42}.Validate(), office.ErrInvalidActor)
}

func TestRoleText(t *testing.T) {
	for r := office.FrontOffice; r <= office.Substitute; r++ {
		b, err := r.MarshalText()
		require.NoError(t, err)
		var back office.Role
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, r, back)
	}
	var r office.Role
	require.ErrorIs(t, r.UnmarshalText([]byte("mayor")), office.ErrInvalidActor)
	_, err := office.Role(0).MarshalText()
	require.Error(t, err)
	b, err := json.Marshal(office.Actor{ID: "a", Role: office.RPCT})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"a","role":"rpct"}`, string(b))
	assert.Equal(t, "Role(9)", office.Role(9).String())
}

func ExampleDirectory_Suggest() {
	dir, _ := office.NewDirectory(
		office.Office{ID: "mobilita", Name: "Dipartimento Mobilità", Matters: []string{"mobilità"}, Keywords: []string{"ZTL", "strisce"}},
		office.Office{ID: "ama", Name: "AMA S.p.A.", Keywords: []string{"rifiuti", "cassonetto"}, External: true},
	)
	for _, s := range dir.Suggest("Cassonetto rotto vicino al varco ZTL", "") {
		fmt.Println(s.Office.ID, s.Score, s.Reasons)
	}
	// Output:
	// mobilita 1 [parola: ztl]
	// ama 1 [parola: cassonetto]
}

func ExampleActor_String() {
	a := office.Actor{ID: "m.rossi", Role: office.CompetentOffice, Office: "mobilita"}
	fmt.Println(a)
	// Output: m.rossi (ufficio competente, mobilita)
}
