package petition_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/petition/petitiontest"
)

// The expected check characters below were computed by hand with the odd
// and even tables of DM 23 dicembre 1976 (and cross-checked with an
// independent implementation), not by the code under test.

func TestDM23dic1976_ValidCodes(t *testing.T) {
	on := deadline.MustDate(2026, time.March, 2)
	for _, c := range []struct {
		name, in, code string
		sex            petition.Sex
		birth          deadline.Date
		place          string
		abroad         bool
	}{
		{"man born in 1985", "RSSMRA85T10A562S", "RSSMRA85T10A562S", petition.Male, deadline.MustDate(1985, time.December, 10), "A562", false},
		{"woman: day plus 40", "BNCLRA90A41H501F", "BNCLRA90A41H501F", petition.Female, deadline.MustDate(1990, time.January, 1), "H501", false},
		{"29 February of a year divisible by four", "RSSMRA84B29H501U", "RSSMRA84B29H501U", petition.Male, deadline.MustDate(1984, time.February, 29), "H501", false},
		{"born abroad (Z code)", "VRDGPP13R10Z404K", "VRDGPP13R10Z404K", petition.Male, deadline.MustDate(2013, time.October, 10), "Z404", true},
		{"lower case", "rssmra85t10a562s", "RSSMRA85T10A562S", petition.Male, deadline.MustDate(1985, time.December, 10), "A562", false},
		{"spaces inside and around", "  RSS MRA 85T10 A562S\t", "RSSMRA85T10A562S", petition.Male, deadline.MustDate(1985, time.December, 10), "A562", false},
		{"SPID fiscalNumber prefix", "TINIT-RSSMRA85T10A562S", "RSSMRA85T10A562S", petition.Male, deadline.MustDate(1985, time.December, 10), "A562", false},
		{"SPID prefix in lower case", "tinit-rssmra85t10a562s", "RSSMRA85T10A562S", petition.Male, deadline.MustDate(1985, time.December, 10), "A562", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			cf, err := petition.ParseCodiceFiscale(c.in)
			require.NoError(t, err)
			assert.Equal(t, c.code, cf.String())
			assert.Equal(t, c.sex, cf.Sex())
			assert.Equal(t, c.birth, cf.BirthDate(on))
			assert.Equal(t, c.place, cf.Place())
			assert.Equal(t, c.abroad, cf.BornAbroad())
			assert.False(t, cf.Omocodic())
			assert.Equal(t, cf, cf.Normalized())
		})
	}
}

// DM 12 marzo 1974, DPR 605/1973 art. 1: an omocodic variant is issued to
// another person, whose code would otherwise coincide with an existing one.
// Variants are therefore different codes (not Equal, different Key), that
// share the base (SameBase, Key().Base(), Normalized).
func TestDM23dic1976_Omocodia(t *testing.T) {
	base, err := petition.ParseCodiceFiscale("RSSMRA85T10A562S")
	require.NoError(t, err)
	on := deadline.MustDate(2026, time.March, 2)
	// Substitutions from the right: positions 15, 14, 13, 11, 10, 8, 7.
	for k, code := range []string{
		1: "RSSMRA85T10A56NH",
		2: "RSSMRA85T10A5SNT",
		3: "RSSMRA85T10ARSNO",
		4: "RSSMRA85T1LARSNR",
		5: "RSSMRA85TMLARSNC",
		6: "RSSMRA8RTMLARSNO",
		7: "RSSMRAURTMLARSNL",
	} {
		if k == 0 {
			continue
		}
		t.Run(code, func(t *testing.T) {
			cf, err := petition.ParseCodiceFiscale(code)
			require.NoError(t, err)
			assert.Equal(t, k, cf.Substitutions())
			assert.True(t, cf.Omocodic())
			assert.False(t, cf.Equal(base), "another person than the holder of the base code")
			assert.False(t, base.Equal(cf))
			assert.NotEqual(t, base.Key(), cf.Key())
			assert.True(t, cf.Key().Omocodic())
			assert.True(t, cf.SameBase(base), "the same code once omocodia is undone")
			assert.True(t, base.SameBase(cf))
			assert.Equal(t, base.Key().Base(), cf.Key().Base())
			assert.Equal(t, "RSSMRA85T10A562S", cf.Normalized().String())
			assert.Equal(t, base.Key(), cf.Normalized().Key())
			again, err := petition.ParseCodiceFiscale(" tinit-" + strings.ToLower(code))
			require.NoError(t, err)
			assert.True(t, again.Equal(cf), "case, spaces and the SPID prefix do not change the code")
			assert.Equal(t, cf.Key(), again.Key())
			assert.Equal(t, code, cf.String(), "String keeps the code as issued")
			assert.Equal(t, base.BirthDate(on), cf.BirthDate(on))
			assert.Equal(t, base.Sex(), cf.Sex())
			assert.Equal(t, "A562", cf.Place())
		})
	}
	other, err := petition.ParseCodiceFiscale("BNCLRA90A41H501F")
	require.NoError(t, err)
	assert.False(t, other.Equal(base))
	assert.False(t, other.SameBase(base))
	assert.NotEqual(t, other.Key(), base.Key())
	assert.NotEqual(t, other.Key().Base(), base.Key().Base())
	assert.False(t, petition.CodiceFiscale{}.Equal(petition.CodiceFiscale{}), "no code identifies nobody")
	assert.False(t, petition.CodiceFiscale{}.SameBase(petition.CodiceFiscale{}))
	assert.True(t, petition.CodiceFiscale{}.Key().IsZero())
	assert.False(t, base.Key().IsZero())
	assert.False(t, base.Key().Omocodic())

	// Two variants of one base, with substitutions at different positions,
	// are different codes too.
	v1, err := petition.ParseCodiceFiscale("RSSMRA85T10A56NH")
	require.NoError(t, err)
	c, err := petition.CheckCharacter("RSSMRA85T1LA562")
	require.NoError(t, err)
	v2, err := petition.ParseCodiceFiscale("RSSMRA85T1LA562" + string(c))
	require.NoError(t, err)
	assert.Equal(t, 1, v2.Substitutions())
	assert.False(t, v1.Equal(v2))
	assert.NotEqual(t, v1.Key(), v2.Key())
	assert.True(t, v1.SameBase(v2))
}

func TestDM23dic1976_Refused(t *testing.T) {
	for _, c := range []struct {
		name, in string
		reason   petition.CFReason
		pos      int
		want     string
	}{
		{"wrong check character", "RSSMRA85T10A562X", petition.CFCheck, 16, "S"},
		{"omocodic code with the base's check character", "RSSMRA85T10A56NS", petition.CFCheck, 16, "H"},
		{"month letter F does not exist", "RSSMRA85F10A562S", petition.CFMonth, 9, ""},
		{"month letter Z does not exist", "RSSMRA85Z10A562S", petition.CFMonth, 9, ""},
		{"30 February", "RSSMRA85B30A562S", petition.CFDay, 10, ""},
		{"29 February of a year not divisible by four", "RSSMRA85B29H501V", petition.CFDay, 10, ""},
		{"31 April", "RSSMRA85D31A562S", petition.CFDay, 10, ""},
		{"day 00", "RSSMRA85T00A562S", petition.CFDay, 10, ""},
		{"day 32", "RSSMRA85T32A562S", petition.CFDay, 10, ""},
		{"day 40", "RSSMRA85T40A562S", petition.CFDay, 10, ""},
		{"woman's day 72", "RSSMRA85T72A562S", petition.CFDay, 10, ""},
		{"digit among the surname letters", "R5SMRA85T10A562S", petition.CFFormat, 2, ""},
		{"letter that is not an omocodia substitute", "RSSMRAA5T10A562S", petition.CFFormat, 7, ""},
		{"digit at the place letter", "RSSMRA85T10456NS", petition.CFFormat, 12, ""},
		{"symbol", "RSSMRA85T10A56-S", petition.CFFormat, 15, ""},
		{"accented letter", "RSSMRÀ85T10A562", petition.CFFormat, 6, ""},
		{"too short", "RSSMRA85T10A562", petition.CFLength, 0, "16"},
		{"too long", "RSSMRA85T10A562SS", petition.CFLength, 0, "16"},
		{"provisional numeric code", "12345678901", petition.CFLength, 0, "16"},
		{"empty", "", petition.CFLength, 0, "16"},
		{"only the SPID prefix", "TINIT-", petition.CFLength, 0, "16"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := petition.ParseCodiceFiscale(c.in)
			require.ErrorIs(t, err, petition.ErrCodiceFiscale)
			var ce *petition.CodiceFiscaleError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, c.reason, ce.Reason, err.Error())
			assert.Equal(t, c.pos, ce.Position)
			if c.want != "" {
				assert.Equal(t, c.want, ce.Want)
			}
			if len(c.in) > 4 {
				assert.NotContains(t, err.Error(), c.in, "the error must not repeat the code (personal data)")
			}
		})
	}
}

func TestCheckCharacter(t *testing.T) {
	c, err := petition.CheckCharacter("rssmra85t10a562")
	require.NoError(t, err)
	assert.Equal(t, byte('S'), c)
	_, err = petition.CheckCharacter("RSSMRA85T10A56")
	require.ErrorIs(t, err, petition.ErrCodiceFiscale)
	_, err = petition.CheckCharacter("RSSMRA85T10A56!")
	require.ErrorIs(t, err, petition.ErrCodiceFiscale)
}

func TestBirthDateCentury(t *testing.T) {
	cf, err := petition.ParseCodiceFiscale("RSSMRA08C10H501Q") // 10 March of a year ending in 08
	require.NoError(t, err)
	assert.Equal(t, deadline.MustDate(2008, time.March, 10), cf.BirthDate(deadline.MustDate(2026, time.March, 2)))
	assert.Equal(t, deadline.MustDate(1908, time.March, 10), cf.BirthDate(deadline.MustDate(2008, time.March, 9)),
		"on a day before 10/03/2008 the code can only be of 1908")
	assert.Equal(t, deadline.Date{}, cf.BirthDate(deadline.Date{}))
	yy, m, d := cf.BirthDay()
	assert.Equal(t, []int{8, 3, 10}, []int{yy, int(m), d})
	assert.Equal(t, deadline.Date{}, petition.CodiceFiscale{}.BirthDate(deadline.MustDate(2026, 1, 1)))
}

func TestSyntheticCodesAreValidAndDistinct(t *testing.T) {
	seen := map[uint64]bool{}
	for _, code := range petitiontest.Codes(3, 2000) {
		cf, err := petition.ParseCodiceFiscale(code)
		require.NoError(t, err, code)
		require.False(t, seen[cf.Key().Base()], "distinct people, none an omocodic variant of another")
		seen[cf.Key().Base()] = true
	}
}

// FuzzCodiceFiscale checks that the parser never panics, that every error is
// a *CodiceFiscaleError, that a valid code parses back to itself with the
// same Key (whatever the case and the SPID prefix), and that its code
// without omocodia re-validates with the same base, birth data and place,
// and is the same code (Equal, same Key) only if the code had no omocodia
// letter.
func FuzzCodiceFiscale(f *testing.F) {
	for _, s := range []string{"RSSMRA85T10A562S", "RSSMRAURTMLARSNL", "rssmra85t10a562s", "TINIT-BNCLRA90A41H501F",
		"RSSMRA85B30A562S", "RSSMRA85T10A562X", "", "TINIT-", "RSSMRÀ85T10A562", "  R S S M R A 8 5 T 1 0 A 5 6 2 S  "} {
		f.Add(s)
	}
	on := deadline.MustDate(2026, time.March, 2)
	f.Fuzz(func(t *testing.T, s string) {
		cf, err := petition.ParseCodiceFiscale(s)
		if err != nil {
			var ce *petition.CodiceFiscaleError
			if !errors.As(err, &ce) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		n := cf.Normalized()
		again, err := petition.ParseCodiceFiscale(n.String())
		if err != nil {
			t.Fatalf("normalized code does not re-validate: %v", err)
		}
		if !again.SameBase(cf) || again.Key().Base() != cf.Key().Base() || again.Omocodic() {
			t.Fatalf("normalized code has another base or is still omocodic")
		}
		if same := again.Equal(cf); same != !cf.Omocodic() || same != (again.Key() == cf.Key()) {
			t.Fatalf("normalized code Equal=%v, same key=%v, for a code with %d substitutions", same, again.Key() == cf.Key(), cf.Substitutions())
		}
		spid, err := petition.ParseCodiceFiscale("tinit-" + strings.ToLower(cf.String()))
		if err != nil || !spid.Equal(cf) || spid.Key() != cf.Key() {
			t.Fatalf("the SPID, lower-case form is another code: %v", err)
		}
		if again.Sex() != cf.Sex() || again.BirthDate(on) != cf.BirthDate(on) || again.Place() != cf.Place() {
			t.Fatalf("normalization changed birth data or place")
		}
		if petition.KeyCode(cf.Key()) != cf.String() || petition.KeyCode(n.Key()) != n.String() {
			t.Fatalf("the key does not unpack to the code")
		}
		round, err := petition.ParseCodiceFiscale(cf.String())
		if err != nil || round != cf {
			t.Fatalf("the code as issued does not parse back to itself: %v", err)
		}
	})
}
