package council_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/register/council"
)

func TestParseNumber(t *testing.T) {
	for _, c := range []struct {
		in   string
		want council.Number
	}{
		{"RQ/2021/2582", council.Number{Register: "RQ", Year: 2021, Seq: 2582}},
		{"  rq/2025/827 ", council.Number{Register: "RQ", Year: 2025, Seq: 827}},
		{"RQ/2025/0005429", council.Number{Register: "RQ", Year: 2025, Seq: 5429}},
		{"CA/2026/1", council.Number{Register: "CA", Year: 2026, Seq: 1}},
		{"ABCDEFGH/1900/999999999", council.Number{Register: "ABCDEFGH", Year: 1900, Seq: 999999999}},
	} {
		got, err := council.ParseNumber(c.in)
		require.NoError(t, err, c.in)
		assert.Equal(t, c.want, got, c.in)
	}
	for _, in := range []string{
		"", "RQ", "RQ/2021", "RQ/2021/", "/2021/5", "RQ/21/5", "RQ/02021/5", "RQ/2021/0", "RQ/2021/-5",
		"RQ/2021/5/6", "R1/2021/5", "RÈ/2021/5", "ABCDEFGHI/2021/5", "RQ/1899/5", "RQ/3000/5",
		"RQ/2021/1000000000", "RQ/2021/5 5", "RQ /2021/5", "RQ/2021/+5", "RQ/2021/0000000000000001",
	} {
		_, err := council.ParseNumber(in)
		assert.ErrorIs(t, err, council.ErrInvalidNumber, "%q", in)
	}
}

func TestNumberText(t *testing.T) {
	n := council.MustNumber("RQ/2021/2582")
	b, err := json.Marshal(struct {
		N council.Number `json:"n"`
		Z council.Number `json:"z,omitzero"`
	}{N: n})
	require.NoError(t, err)
	assert.JSONEq(t, `{"n":"RQ/2021/2582"}`, string(b))
	var back struct{ N council.Number }
	require.NoError(t, json.Unmarshal([]byte(`{"N":"rq/2021/02582"}`), &back))
	assert.Equal(t, n, back.N)
	require.Error(t, json.Unmarshal([]byte(`{"N":"RQ-2021-2582"}`), &back))
	_, err = council.Number{Register: "rq", Year: 2021, Seq: 1}.MarshalText()
	assert.ErrorIs(t, err, council.ErrInvalidNumber, "a lower-case register is not canonical")
	assert.Panics(t, func() { council.MustNumber("nope") })
}

// FuzzParseNumber checks that whatever ParseNumber accepts is valid and
// prints back to a text that parses to the same number.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"RQ/2021/2582", "rq/2025/0005429", "RQ/21/1", "", "//", "RQ/2021/0", "A/1900/1", "RQ/२०२१/1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := council.ParseNumber(s)
		if err != nil {
			require.ErrorIs(t, err, council.ErrInvalidNumber)
			return
		}
		require.NoError(t, n.Validate())
		back, err := council.ParseNumber(n.String())
		require.NoError(t, err)
		require.Equal(t, n, back)
	})
}

func TestParseBody(t *testing.T) {
	m := council.MustMunicipio
	for in, want := range map[string]council.Body{
		"Assemblea Capitolina": council.Assemblea, "assemblea-capitolina": council.Assemblea, "AC": council.Assemblea,
		"assemblea": council.Assemblea, "Municipio I": m(1), "municipio-vii": m(7), "Mun. XII": m(12),
		"Municipio 7": m(7), "M XV": m(15), "xv": m(15), "IX": m(9), "  municipio   iv ": m(4), "14": m(14),
	} {
		got, err := council.ParseBody(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "Municipio", "Municipio XVI", "Municipio 0", "Municipio 16", "IIII", "VX",
		"Municipio XIX", "Municipio 07", "Giunta", "Municipio IIV", "M 1a", "MMMM"} {
		_, err := council.ParseBody(in)
		assert.ErrorIs(t, err, council.ErrInvalidBody, "%q", in)
	}
}

func TestBodies(t *testing.T) {
	bs := council.Bodies()
	require.Len(t, bs, 16)
	assert.Equal(t, council.Assemblea, bs[0])
	assert.Equal(t, "Municipio XV", bs[15].String())
	for _, b := range bs {
		for _, s := range []string{b.String(), b.Code()} {
			back, err := council.ParseBody(s)
			require.NoError(t, err, s)
			assert.Equal(t, b, back)
		}
	}
	assert.Equal(t, 0, council.Assemblea.Municipio())
	assert.Equal(t, "Body(17)", council.Body(17).String())
	assert.Empty(t, council.Body(0).Code())
	_, err := council.Body(0).MarshalText()
	assert.ErrorIs(t, err, council.ErrInvalidBody)
	_, err = council.Municipio(16)
	assert.ErrorIs(t, err, council.ErrInvalidBody)
	assert.Panics(t, func() { council.MustMunicipio(0) })
	var b council.Body
	require.NoError(t, json.Unmarshal([]byte(`"Municipio VIII"`), &b))
	assert.Equal(t, council.MustMunicipio(8), b)
}

// FuzzParseBody checks that an accepted body is valid and that its name and
// code parse back to it.
func FuzzParseBody(f *testing.F) {
	for _, s := range []string{"Assemblea Capitolina", "Municipio VII", "mun. xii", "15", "IIII", "Municipio 0", "M-IV"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := council.ParseBody(s)
		if err != nil {
			require.ErrorIs(t, err, council.ErrInvalidBody)
			return
		}
		require.True(t, b.Valid())
		for _, txt := range []string{b.String(), b.Code()} {
			back, err := council.ParseBody(txt)
			require.NoError(t, err)
			require.Equal(t, b, back)
		}
	})
}
