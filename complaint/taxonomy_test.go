package complaint_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
)

func TestTaxonomy(t *testing.T) {
	tx := taxonomy(t)
	assert.Equal(t, []string{"strade", "buche"}, tx.Path("buche"))
	assert.Equal(t, []string{"buche", "pericolo", "marciapiedi"}, tx.Children("strade"))
	id, ok := tx.Office("buche")
	assert.True(t, ok)
	assert.Equal(t, office.ID("csimu"), id, "inherited from strade")
	m, ok := tx.Matter("marciapiedi")
	assert.True(t, ok)
	assert.Equal(t, "strade", m)
	term, ok := tx.Term("buche")
	require.True(t, ok)
	assert.Equal(t, 15, term.Length)
	_, ok = tx.Term("marciapiedi")
	assert.False(t, ok)
	assert.Equal(t, "Rifiuti e decoro", tx.Label("rifiuti"))
	assert.Equal(t, "boh", tx.Label("boh"))
	assert.Len(t, tx.Categories(), 7)
	c, ok := tx.Category("buche")
	require.True(t, ok)
	c.Term.Length = 99
	c.Keywords[0] = "changed"
	again, _ := tx.Category("buche")
	assert.Equal(t, 15, again.Term.Length, "categories are returned as copies")
	assert.Equal(t, "buca", again.Keywords[0])

	var nilTax *complaint.Taxonomy
	assert.False(t, nilTax.Has("x"))
	assert.Nil(t, nilTax.Categories())
	assert.Nil(t, nilTax.Path("x"))
	_, ok = nilTax.Category("x")
	assert.False(t, ok)

	for name, cats := range map[string][]complaint.Category{
		"empty code":     {{Label: "x"}},
		"upper case":     {{Code: "Buche", Label: "x"}},
		"spaces":         {{Code: "a b", Label: "x"}},
		"no label":       {{Code: "a"}},
		"duplicate":      {{Code: "a", Label: "x"}, {Code: "a", Label: "y"}},
		"unknown parent": {{Code: "a", Label: "x", Parent: "z"}},
		"cycle":          {{Code: "a", Label: "x", Parent: "b"}, {Code: "b", Label: "y", Parent: "a"}},
		"self parent":    {{Code: "a", Label: "x", Parent: "a"}},
		"negative term":  {{Code: "a", Label: "x", Term: &deadline.Term{Length: -1}}},
	} {
		_, err := complaint.NewTaxonomy(cats...)
		require.ErrorIs(t, err, complaint.ErrInvalid, name)
	}
	_, err := complaint.NewTaxonomy(complaint.Category{Code: "child", Label: "c", Parent: "root"}, complaint.Category{Code: "root", Label: "r"})
	require.NoError(t, err, "parents may come after their children")
}

func TestPolicyTermFor(t *testing.T) {
	p := complaint.DefaultPolicy()
	p.Taxonomy = taxonomy(t)
	p.KindTerms = map[complaint.Kind]deadline.Term{complaint.Apprezzamento: complaint.AnswerTerm(60)}
	assert.Equal(t, 15, p.TermFor(complaint.Apprezzamento, "buche").Length, "the category wins")
	assert.Equal(t, 60, p.TermFor(complaint.Apprezzamento, "marciapiedi").Length, "then the kind")
	assert.Equal(t, 30, p.TermFor(complaint.Reclamo, "").Length, "then the policy")
	assert.Equal(t, 30, complaint.Policy{}.TermFor(complaint.Reclamo, "").Length, "the zero policy is the default")
}

func TestKindsAndNames(t *testing.T) {
	for _, k := range complaint.Kinds() {
		assert.NotEmpty(t, complaint.Outcomes(k), k)
		got, err := complaint.ParseKind(k.Italian())
		require.NoError(t, err)
		assert.Equal(t, k, got)
	}
	_, err := complaint.ParseKind("lamentela")
	require.ErrorIs(t, err, complaint.ErrInvalid)
	got, err := complaint.ParseKind(" Richiesta di Informazioni ")
	require.NoError(t, err)
	assert.Equal(t, complaint.RichiestaInformazioni, got)
	assert.Nil(t, complaint.Outcomes("x"))
	for _, c := range complaint.Channels() {
		assert.True(t, c.Valid())
		assert.NotEmpty(t, c.Italian())
	}
	assert.Equal(t, "ChiamaRoma 060606", complaint.Escalation060606.Italian())
	for _, s := range complaint.States() {
		assert.True(t, s.Valid())
		assert.NotEmpty(t, s.Italian())
	}
	assert.False(t, complaint.State("x").Valid())
	assert.True(t, complaint.Reopened.Open())
	assert.False(t, complaint.Answered.Open())
	for _, o := range []complaint.Outcome{complaint.Founded, complaint.PartlyFounded, complaint.Unfounded, complaint.Resolved, complaint.Scheduled, complaint.NotFound, complaint.Adopted, complaint.Acknowledged, complaint.Informed} {
		assert.True(t, o.Valid(), o)
		assert.NotEmpty(t, o.Italian())
	}
	for _, r := range []complaint.CloseReason{complaint.ClosedAnswered, complaint.ClosedForwarded, complaint.ClosedNoReply, complaint.ClosedWithdrawn, complaint.ClosedNotPertinent} {
		assert.True(t, r.Valid(), r)
		assert.NotEmpty(t, r.Italian())
	}
}

// TestEvent_OnePayload: an event carries exactly one payload of its type,
// and survives JSON.
func TestEvent_OnePayload(t *testing.T) {
	_, err := complaint.NewEvent(nil)
	require.ErrorIs(t, err, complaint.ErrInvalid)
	e, err := complaint.NewEvent(&complaint.Merger{Master: "R-1", Note: "stessa buca"})
	require.NoError(t, err)
	assert.Equal(t, complaint.EventMerged, e.Type)
	assert.Equal(t, "complaint.merged", e.EventName())
	b, err := json.Marshal(e)
	require.NoError(t, err)
	assert.JSONEq(t, `{"type":"merged","merger":{"master":"R-1","note":"stessa buca"}}`, string(b))
	var back complaint.Event
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, e, back)

	two := e
	two.Separation = &complaint.Separation{}
	require.ErrorIs(t, two.Validate(), complaint.ErrInvalid, "two payloads")
	wrong := complaint.Event{Type: complaint.EventAnswered, Merger: e.Merger}
	require.ErrorIs(t, wrong.Validate(), complaint.ErrInvalid, "a payload of another type")

	for name, p := range map[string]complaint.Payload{
		"assignment":      &complaint.Assignment{},
		"forwarding":      &complaint.Forwarding{From: "a", To: "a"},
		"question":        &complaint.InfoRequest{Question: " "},
		"duplicate gone":  &complaint.DuplicateRemoved{},
		"outcome":         &complaint.Answer{Outcome: "boh", Summary: "x"},
		"close reason":    &complaint.Closure{Reason: "boh"},
		"duplicate":       &complaint.DuplicateAdded{},
		"master":          &complaint.Merger{},
		"outside office":  &complaint.OutsideForwarding{},
		"external text":   &complaint.ExternalReply{},
		"reclassify none": &complaint.Reclassification{},
		"reclassify kind": &complaint.Reclassification{Kind: "boh"},
		"reclassify cat":  &complaint.Reclassification{Category: "A B"},
		"reclassify pt":   &complaint.Reclassification{Place: &complaint.Place{Municipio: 99}},
		"filed received":  &complaint.Filed{Kind: complaint.Reclamo, Channel: complaint.Email, Description: "x"},
		"filed media":     &complaint.Filed{Kind: complaint.Reclamo, Channel: complaint.Email, Description: "x", Received: time.Now(), Media: make([]string, 21)},
		"separation note": &complaint.Separation{Note: string(make([]byte, 600))},
	} {
		_, err := complaint.NewEvent(p)
		require.ErrorIs(t, err, complaint.ErrInvalid, name)
	}
	require.NoError(t, (&complaint.WorkStart{}).Validate())
}

func TestPersonAndPlace(t *testing.T) {
	assert.True(t, complaint.Person{}.IsZero())
	assert.False(t, complaint.Person{FirstName: "A"}.Reachable())
	assert.True(t, complaint.Person{Phone: "06"}.Reachable())
	assert.Equal(t, "Mario Rossi", citizen().Name())
	require.NoError(t, complaint.Person{FiscalCode: "01234567890"}.Validate(), "a company's code")
	require.ErrorIs(t, complaint.Person{FiscalCode: "0123456789X"}.Validate(), complaint.ErrInvalid)
	require.ErrorIs(t, complaint.Person{FiscalCode: "rssmra80a01h501u"}.Validate(), complaint.ErrInvalid, "Validate expects the normalised form")
	require.ErrorIs(t, complaint.Person{PEC: "a b@c"}.Validate(), complaint.ErrInvalid)
	require.NoError(t, complaint.Person{FiscalCode: "RSSMRA85T10A56NH"}.Validate(), "an omocodic code")
	assert.True(t, complaint.Place{}.IsZero())
	assert.Equal(t, "41.890210,12.492231", complaint.Point{Lat: 41.89021, Lon: 12.492231}.String())
	// row: (41.89021+90)/0.002 = 65945.1; width: 0.002/cos 41.891° = 0.00268666°; col: 192.492231/0.00268666 = 71647.4
	assert.Equal(t, "cell:65945:71647", complaint.Point{Lat: 41.89021, Lon: 12.492231}.Cell())
}

// A reporter's codice fiscale is checked by codicefiscale.Parse: the shape
// is not enough. A malformed code is refused with a *FiscalCodeError that
// wraps both ErrInvalid and codicefiscale.ErrInvalid and does not repeat
// the code.
func TestPersonFiscalCode(t *testing.T) {
	for _, c := range []struct {
		name, code string
		reason     codicefiscale.Reason
	}{
		{"wrong check character", "RSSMRA80A01H501X", codicefiscale.BadCheck},
		{"31 February", "RSSMRA80B31H501U", codicefiscale.BadDay},
		{"month letter that does not exist", "RSSMRA80F01H501U", codicefiscale.BadMonth},
		{"digit among the surname letters", "R5SMRA80A01H501U", codicefiscale.BadFormat},
		{"too short", "RSSMRA", codicefiscale.BadLength},
		{"neither 16 characters nor 11 digits", "0123456789X", codicefiscale.BadLength},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := complaint.Person{FiscalCode: c.code}.Validate()
			require.ErrorIs(t, err, complaint.ErrInvalid)
			require.ErrorIs(t, err, codicefiscale.ErrInvalid)
			var fe *complaint.FiscalCodeError
			require.ErrorAs(t, err, &fe)
			var ce *codicefiscale.Error
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, c.reason, ce.Reason, err.Error())
			assert.NotContains(t, err.Error(), c.code, "the error does not repeat the code")
		})
	}
	require.NoError(t, complaint.Person{FiscalCode: "RSSMRA80A01H501U"}.Validate())
	require.NoError(t, complaint.Person{FiscalCode: "09876543210"}.Validate(), "a company's code")
	err := complaint.Person{FiscalCode: "rssmra80a01h501u"}.Validate()
	require.ErrorIs(t, err, complaint.ErrInvalid, "not normalised")
	assert.NotErrorIs(t, err, codicefiscale.ErrInvalid, "a valid code, only not normalised")
}
