package council

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRomanRoundTrip(t *testing.T) {
	for n := 1; n <= 3999; n++ {
		got, err := parseRoman(roman(n))
		require.NoError(t, err, n)
		require.Equal(t, n, got)
	}
	require.Equal(t, "0", roman(0))
	for _, s := range []string{"IIII", "IC", "VV", "XM", "", "ABC", "MMMM"} {
		_, err := parseRoman(s)
		require.Error(t, err, s)
	}
}
