package complaint_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/history"
)

// TestAttributes_KeptForTheOfficeNeverPublished: the answers to the
// category's questions (a licence plate) are kept in the filing record and
// returned by Service.Attributes, and appear in no projection: not the
// View's JSON, not Public, not the Index.
func TestAttributes_KeptForTheOfficeNeverPublished(t *testing.T) {
	f := newFixture(t)
	fl := pothole()
	fl.Attributes = []complaint.Attribute{{Code: "targa", Value: "AB123CD"}, {Code: "foto", Value: "https://example.org/p.jpg"}}
	v := f.file(t, web, fl)
	got, err := f.svc.Attributes(f.ctx, v.ID)
	require.NoError(t, err)
	assert.Equal(t, fl.Attributes, got)
	got[0].Value = "changed"
	again, err := f.svc.Attributes(f.ctx, v.ID)
	require.NoError(t, err)
	assert.Equal(t, "AB123CD", again[0].Value, "a copy is returned")

	for name, x := range map[string]any{"view": v, "public": v.Public(), "index": v.Index()} {
		b, err := json.Marshal(x)
		require.NoError(t, err)
		assert.NotContains(t, string(b), "AB123CD", name)
	}
	_, err = f.svc.Attributes(f.ctx, "ghost")
	require.ErrorIs(t, err, complaint.ErrNotFound)
}

func TestAttributes_Validation(t *testing.T) {
	f := newFixture(t)
	for name, c := range map[string]struct {
		as   []complaint.Attribute
		want error
	}{
		"malformed code":  {[]complaint.Attribute{{Code: "Targa!", Value: "x"}}, complaint.ErrInvalid},
		"invalid UTF-8":   {[]complaint.Attribute{{Code: "targa", Value: "\xff"}}, complaint.ErrInvalid},
		"control char":    {[]complaint.Attribute{{Code: "targa", Value: "a\x00b"}}, complaint.ErrInvalid},
		"over its limit":  {[]complaint.Attribute{{Code: "targa", Value: strings.Repeat("x", 501)}}, complaint.ErrInvalid},
		"too many":        {manyAttributes(complaint.MaxAttributes + 1), complaint.ErrInvalid},
		"as many as may":  {manyAttributes(complaint.MaxAttributes), nil},
		"empty code":      {[]complaint.Attribute{{Value: "x"}}, complaint.ErrInvalid},
		"one good answer": {[]complaint.Attribute{{Code: "targa", Value: "AB123CD"}}, nil},
	} {
		fl := pothole()
		fl.Attributes = c.as
		_, err := f.svc.File(f.ctx, complaint.Act{By: web}, fl)
		if c.want == nil {
			require.NoError(t, err, name)
			continue
		}
		require.ErrorIs(t, err, c.want, name)
	}
	var te *history.TextError
	fl := pothole()
	fl.Attributes = []complaint.Attribute{{Code: "targa", Value: strings.Repeat("x", 501)}}
	_, err := f.svc.File(f.ctx, complaint.Act{By: web}, fl)
	require.ErrorAs(t, err, &te, "the limit tag binds")
}

func manyAttributes(n int) []complaint.Attribute {
	out := make([]complaint.Attribute, n)
	for i := range out {
		out[i] = complaint.Attribute{Code: "q", Value: "v"}
	}
	return out
}
