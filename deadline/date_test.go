package deadline

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDateCivilRoundTrip checks every representable day against the time
// package: same year, month, day and weekday, and day numbers in sequence.
func TestDateCivilRoundTrip(t *testing.T) {
	ref := time.Date(1, time.January, 1, 12, 0, 0, 0, time.UTC)
	for n := int32(1); n <= dayMax; n++ {
		d := Date{n}
		y, m, dd := d.Date()
		if fromCivil(y, m, dd) != n || dd < 1 || dd > daysIn(y, m) {
			t.Fatalf("day %d: %04d-%02d-%02d does not round-trip", n, y, m, dd)
		}
		if n%97 == 1 || n == dayMax { // sample the time package: it is slow
			tm := ref.AddDate(0, 0, int(n-1))
			if ty, tmo, td := tm.Date(); ty != y || tmo != m || td != dd || tm.Weekday() != d.Weekday() {
				t.Fatalf("day %d: %04d-%02d-%02d %s, time says %s", n, y, m, dd, d.Weekday(), tm.Format("2006-01-02 Monday"))
			}
		}
	}
	assert.Equal(t, "9999-12-31", Date{dayMax}.String())
	assert.Equal(t, "0001-01-01", Date{1}.String())
}

func TestNewDate(t *testing.T) {
	tests := []struct {
		y   int
		m   time.Month
		d   int
		ok  bool
		iso string
	}{
		{2026, time.October, 4, true, "2026-10-04"},
		{2024, time.February, 29, true, "2024-02-29"},
		{2000, time.February, 29, true, "2000-02-29"},
		{1900, time.February, 29, false, ""},
		{2026, time.February, 29, false, ""},
		{2026, time.February, 30, false, ""},
		{2026, time.April, 31, false, ""},
		{2026, 13, 1, false, ""},
		{2026, 0, 1, false, ""},
		{2026, time.January, 0, false, ""},
		{0, time.January, 1, false, ""},
		{10000, time.January, 1, false, ""},
		{1, time.January, 1, true, "0001-01-01"},
		{9999, time.December, 31, true, "9999-12-31"},
	}
	for _, tt := range tests {
		d, err := NewDate(tt.y, tt.m, tt.d)
		if !tt.ok {
			require.Error(t, err, "%d-%d-%d", tt.y, tt.m, tt.d)
			assert.ErrorIs(t, err, ErrInvalidDate)
			assert.True(t, d.IsZero())
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tt.iso, d.String())
		assert.Equal(t, tt.y, d.Year())
		assert.Equal(t, tt.m, d.Month())
		assert.Equal(t, tt.d, d.Day())
	}
	assert.Panics(t, func() { MustDate(2026, time.February, 30) })
}

func TestParseDate(t *testing.T) {
	valid := []struct{ in, iso string }{
		{"2026-10-04", "2026-10-04"},
		{"04/10/2026", "2026-10-04"},
		{"4/10/2026", "2026-10-04"},
		{"4/1/2026", "2026-01-04"},
		{"29/02/2024", "2024-02-29"},
		{"0001-01-01", "0001-01-01"},
		{"31/12/9999", "9999-12-31"},
	}
	for _, tt := range valid {
		d, err := ParseDate(tt.in)
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.iso, d.String(), tt.in)
	}
	invalid := []string{
		"", "2026-02-30", "30/02/2026", "2026-13-01", "2026-00-10", "2026-01-00",
		"2025-02-29", "31/04/2026", "0000-01-01", "domani", "2026-1-04", "2026/10/04",
		"04-10-2026", "04/10/26", "004/10/2026", "04/010/2026", " 2026-10-04", "2026-10-04 ",
		"2026-10-0x", "+026-10-04", "-2026-10-04", "04/10/2026/", "//2026", "4//2026",
		"2026-10-04T00:00:00Z", "٢٠٢٦-١٠-٠٤", "04/10/+026", "04/1a/2026",
	}
	for _, in := range invalid {
		d, err := ParseDate(in)
		require.Error(t, err, "%q", in)
		assert.True(t, d.IsZero(), "%q", in)
		assert.ErrorIs(t, err, ErrInvalidDate, "%q", in)
		var pe *ParseError
		require.True(t, errors.As(err, &pe), "%q", in)
		assert.Equal(t, in, pe.Input)
		assert.Contains(t, err.Error(), "invalid date")
	}
}

func TestDateFormats(t *testing.T) {
	d := MustDate(2026, time.October, 4)
	assert.Equal(t, "2026-10-04", d.String())
	assert.Equal(t, "04/10/2026", d.Italian())
	assert.Equal(t, time.Sunday, d.Weekday())
	assert.Equal(t, 277, d.YearDay())
	assert.Equal(t, time.Date(2026, 10, 4, 0, 0, 0, 0, time.UTC), d.Time(nil))
	var zero Date
	assert.Equal(t, "", zero.String())
	assert.Equal(t, "", zero.Italian())
	assert.Equal(t, 0, zero.Year())
	assert.Equal(t, 0, zero.YearDay())
	assert.Equal(t, time.Month(0), zero.Month())
}

func TestDateMarshalling(t *testing.T) {
	type doc struct {
		Filed Date  `json:"filed"`
		Due   Date  `json:"due"`
		Ptr   *Date `json:"ptr,omitempty"`
	}
	in := doc{Filed: MustDate(2026, time.March, 2)}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.JSONEq(t, `{"filed":"2026-03-02","due":null}`, string(b))

	var out doc
	require.NoError(t, json.Unmarshal(b, &out))
	assert.Equal(t, in, out)

	require.NoError(t, json.Unmarshal([]byte(`{"filed":"02/03/2026","due":""}`), &out))
	assert.Equal(t, MustDate(2026, time.March, 2), out.Filed)
	assert.True(t, out.Due.IsZero())

	for _, bad := range []string{`{"filed":"2026-02-30"}`, `{"filed":20260302}`, `{"filed":"x"}`, `{"filed":true}`} {
		err := json.Unmarshal([]byte(bad), &out)
		require.Error(t, err, bad)
		assert.ErrorIs(t, err, ErrInvalidDate, bad)
	}

	txt, err := MustDate(2026, time.October, 4).MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "2026-10-04", string(txt))
	txt, err = Date{}.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, txt)
	var d Date
	require.NoError(t, d.UnmarshalText([]byte("04/10/2026")))
	assert.Equal(t, MustDate(2026, time.October, 4), d)
	require.NoError(t, d.UnmarshalText(nil))
	assert.True(t, d.IsZero())
	assert.ErrorIs(t, d.UnmarshalText([]byte("31/09/2026")), ErrInvalidDate)

	// A map keyed by Date marshals through the text form.
	m := map[Date]string{MustDate(2026, 10, 4): "San Francesco"}
	b, err = json.Marshal(m)
	require.NoError(t, err)
	assert.JSONEq(t, `{"2026-10-04":"San Francesco"}`, string(b))
}

// TestArt2963c4_AddMonths: a term in months ends on the same-numbered day,
// or on the last day of a shorter month (art. 2963 c. 4-5 c.c.).
func TestArt2963c4_AddMonths(t *testing.T) {
	tests := []struct {
		from   Date
		months int
		want   Date
	}{
		{MustDate(2026, 1, 31), 1, MustDate(2026, 2, 28)},
		{MustDate(2024, 1, 31), 1, MustDate(2024, 2, 29)},
		{MustDate(2026, 1, 30), 1, MustDate(2026, 2, 28)},
		{MustDate(2026, 3, 31), 1, MustDate(2026, 4, 30)},
		{MustDate(2026, 8, 31), 6, MustDate(2027, 2, 28)},
		{MustDate(2026, 1, 15), 12, MustDate(2027, 1, 15)},
		{MustDate(2026, 3, 31), -1, MustDate(2026, 2, 28)},
		{MustDate(2026, 12, 31), 2, MustDate(2027, 2, 28)},
		{MustDate(2026, 5, 10), 0, MustDate(2026, 5, 10)},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.from.AddMonths(tt.months), "%s + %d months", tt.from, tt.months)
	}
	assert.Equal(t, MustDate(2025, 2, 28), MustDate(2024, 2, 29).AddYears(1))
	assert.Equal(t, MustDate(2028, 2, 29), MustDate(2024, 2, 29).AddYears(4))
	assert.True(t, MustDate(9999, 12, 1).AddMonths(1).IsZero())
	assert.True(t, MustDate(1, 1, 1).AddMonths(-1).IsZero())
	assert.True(t, Date{}.AddMonths(1).IsZero())
	assert.True(t, MustDate(2026, 1, 1).AddYears(1<<40).IsZero())
	assert.True(t, MustDate(2026, 1, 1).AddMonths(-1<<40).IsZero())
}

func TestDateArithmetic(t *testing.T) {
	a, b := MustDate(2026, 3, 2), MustDate(2026, 4, 1)
	assert.Equal(t, 30, b.Sub(a))
	assert.Equal(t, -30, a.Sub(b))
	assert.Equal(t, b, a.AddDays(30))
	assert.Equal(t, a, b.AddDays(-30))
	assert.True(t, a.Before(b))
	assert.True(t, b.After(a))
	assert.False(t, a.After(a))
	assert.Equal(t, -1, a.Compare(b))
	assert.Equal(t, 1, b.Compare(a))
	assert.Equal(t, 0, a.Compare(MustDate(2026, 3, 2)))
	assert.True(t, a == MustDate(2026, 3, 2))
	assert.Equal(t, -1, Date{}.Compare(a))
	assert.True(t, Date{}.AddDays(1).IsZero())
	assert.True(t, MustDate(9999, 12, 31).AddDays(1).IsZero())
	assert.True(t, MustDate(1, 1, 1).AddDays(-1).IsZero())
	assert.True(t, a.AddDays(1<<40).IsZero())
	assert.True(t, a.AddDays(-1<<40).IsZero())
}
