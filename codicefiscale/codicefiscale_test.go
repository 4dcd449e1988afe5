package codicefiscale_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/codicefiscale"
)

// The expected check characters below were computed by hand with the odd
// and even tables of DM 23 dicembre 1976 (and cross-checked with an
// independent implementation), not by the code under test.

func TestDM23dic1976_ValidCodes(t *testing.T) {
	on := date(2026, time.March, 2)
	for _, c := range []struct {
		name, in, code string
		sex            codicefiscale.Sex
		birth          time.Time
		place          string
		abroad         bool
	}{
		{"man born in 1985", "RSSMRA85T10A562S", "RSSMRA85T10A562S", codicefiscale.Male, date(1985, time.December, 10), "A562", false},
		{"woman: day plus 40", "BNCLRA90A41H501F", "BNCLRA90A41H501F", codicefiscale.Female, date(1990, time.January, 1), "H501", false},
		{"29 February of a year divisible by four", "RSSMRA84B29H501U", "RSSMRA84B29H501U", codicefiscale.Male, date(1984, time.February, 29), "H501", false},
		{"born abroad (Z code)", "VRDGPP13R10Z404K", "VRDGPP13R10Z404K", codicefiscale.Male, date(2013, time.October, 10), "Z404", true},
		{"lower case", "rssmra85t10a562s", "RSSMRA85T10A562S", codicefiscale.Male, date(1985, time.December, 10), "A562", false},
		{"spaces inside and around", "  RSS MRA 85T10 A562S\t", "RSSMRA85T10A562S", codicefiscale.Male, date(1985, time.December, 10), "A562", false},
		{"SPID fiscalNumber prefix", "TINIT-RSSMRA85T10A562S", "RSSMRA85T10A562S", codicefiscale.Male, date(1985, time.December, 10), "A562", false},
		{"SPID prefix in lower case", "tinit-rssmra85t10a562s", "RSSMRA85T10A562S", codicefiscale.Male, date(1985, time.December, 10), "A562", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			cf, err := codicefiscale.Parse(c.in)
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
	base, err := codicefiscale.Parse("RSSMRA85T10A562S")
	require.NoError(t, err)
	on := date(2026, time.March, 2)
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
			cf, err := codicefiscale.Parse(code)
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
			again, err := codicefiscale.Parse(" tinit-" + strings.ToLower(code))
			require.NoError(t, err)
			assert.True(t, again.Equal(cf), "case, spaces and the SPID prefix do not change the code")
			assert.Equal(t, cf.Key(), again.Key())
			assert.Equal(t, code, cf.String(), "String keeps the code as issued")
			assert.Equal(t, base.BirthDate(on), cf.BirthDate(on))
			assert.Equal(t, base.Sex(), cf.Sex())
			assert.Equal(t, "A562", cf.Place())
		})
	}
	other, err := codicefiscale.Parse("BNCLRA90A41H501F")
	require.NoError(t, err)
	assert.False(t, other.Equal(base))
	assert.False(t, other.SameBase(base))
	assert.NotEqual(t, other.Key(), base.Key())
	assert.NotEqual(t, other.Key().Base(), base.Key().Base())
	assert.False(t, codicefiscale.Code{}.Equal(codicefiscale.Code{}), "no code identifies nobody")
	assert.False(t, codicefiscale.Code{}.SameBase(codicefiscale.Code{}))
	assert.True(t, codicefiscale.Code{}.Key().IsZero())
	assert.False(t, base.Key().IsZero())
	assert.False(t, base.Key().Omocodic())

	// Two variants of one base, with substitutions at different positions,
	// are different codes too.
	v1, err := codicefiscale.Parse("RSSMRA85T10A56NH")
	require.NoError(t, err)
	c, err := codicefiscale.CheckCharacter("RSSMRA85T1LA562")
	require.NoError(t, err)
	v2, err := codicefiscale.Parse("RSSMRA85T1LA562" + string(c))
	require.NoError(t, err)
	assert.Equal(t, 1, v2.Substitutions())
	assert.False(t, v1.Equal(v2))
	assert.NotEqual(t, v1.Key(), v2.Key())
	assert.True(t, v1.SameBase(v2))
}

func TestDM23dic1976_Refused(t *testing.T) {
	for _, c := range []struct {
		name, in string
		reason   codicefiscale.Reason
		pos      int
		want     string
	}{
		{"wrong check character", "RSSMRA85T10A562X", codicefiscale.BadCheck, 16, "S"},
		{"omocodic code with the base's check character", "RSSMRA85T10A56NS", codicefiscale.BadCheck, 16, "H"},
		{"month letter F does not exist", "RSSMRA85F10A562S", codicefiscale.BadMonth, 9, ""},
		{"month letter Z does not exist", "RSSMRA85Z10A562S", codicefiscale.BadMonth, 9, ""},
		{"30 February", "RSSMRA85B30A562S", codicefiscale.BadDay, 10, ""},
		{"29 February of a year not divisible by four", "RSSMRA85B29H501V", codicefiscale.BadDay, 10, ""},
		{"31 April", "RSSMRA85D31A562S", codicefiscale.BadDay, 10, ""},
		{"day 00", "RSSMRA85T00A562S", codicefiscale.BadDay, 10, ""},
		{"day 32", "RSSMRA85T32A562S", codicefiscale.BadDay, 10, ""},
		{"day 40", "RSSMRA85T40A562S", codicefiscale.BadDay, 10, ""},
		{"woman's day 72", "RSSMRA85T72A562S", codicefiscale.BadDay, 10, ""},
		{"digit among the surname letters", "R5SMRA85T10A562S", codicefiscale.BadFormat, 2, ""},
		{"letter that is not an omocodia substitute", "RSSMRAA5T10A562S", codicefiscale.BadFormat, 7, ""},
		{"digit at the place letter", "RSSMRA85T10456NS", codicefiscale.BadFormat, 12, ""},
		{"symbol", "RSSMRA85T10A56-S", codicefiscale.BadFormat, 15, ""},
		{"accented letter", "RSSMRÀ85T10A562", codicefiscale.BadFormat, 6, ""},
		{"too short", "RSSMRA85T10A562", codicefiscale.BadLength, 0, "16"},
		{"too long", "RSSMRA85T10A562SS", codicefiscale.BadLength, 0, "16"},
		{"provisional numeric code", "12345678901", codicefiscale.BadLength, 0, "16"},
		{"empty", "", codicefiscale.BadLength, 0, "16"},
		{"only the SPID prefix", "TINIT-", codicefiscale.BadLength, 0, "16"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := codicefiscale.Parse(c.in)
			require.ErrorIs(t, err, codicefiscale.ErrInvalid)
			var ce *codicefiscale.Error
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
	c, err := codicefiscale.CheckCharacter("rssmra85t10a562")
	require.NoError(t, err)
	assert.Equal(t, byte('S'), c)
	_, err = codicefiscale.CheckCharacter("RSSMRA85T10A56")
	require.ErrorIs(t, err, codicefiscale.ErrInvalid)
	_, err = codicefiscale.CheckCharacter("RSSMRA85T10A56!")
	require.ErrorIs(t, err, codicefiscale.ErrInvalid)
}

func TestBirthDateCentury(t *testing.T) {
	cf, err := codicefiscale.Parse("RSSMRA08C10H501Q") // 10 March of a year ending in 08
	require.NoError(t, err)
	assert.Equal(t, date(2008, time.March, 10), cf.BirthDate(date(2026, time.March, 2)))
	assert.Equal(t, date(1908, time.March, 10), cf.BirthDate(date(2008, time.March, 9)),
		"on a day before 10/03/2008 the code can only be of 1908")
	assert.Equal(t, time.Time{}, cf.BirthDate(time.Time{}))
	yy, m, d := cf.BirthDay()
	assert.Equal(t, []int{8, 3, 10}, []int{yy, int(m), d})
	assert.Equal(t, time.Time{}, codicefiscale.Code{}.BirthDate(date(2026, 1, 1)))
}

// FuzzParse checks that the parser never panics, that every error is
// a *Error, that a valid code parses back to itself with the
// same Key (whatever the case and the SPID prefix), and that its code
// without omocodia re-validates with the same base, birth data and place,
// and is the same code (Equal, same Key) only if the code had no omocodia
// letter.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"RSSMRA85T10A562S", "RSSMRAURTMLARSNL", "rssmra85t10a562s", "TINIT-BNCLRA90A41H501F",
		"RSSMRA85B30A562S", "RSSMRA85T10A562X", "", "TINIT-", "RSSMRÀ85T10A562", "  R S S M R A 8 5 T 1 0 A 5 6 2 S  "} {
		f.Add(s)
	}
	on := date(2026, time.March, 2)
	f.Fuzz(func(t *testing.T, s string) {
		cf, err := codicefiscale.Parse(s)
		if err != nil {
			var ce *codicefiscale.Error
			if !errors.As(err, &ce) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		n := cf.Normalized()
		again, err := codicefiscale.Parse(n.String())
		if err != nil {
			t.Fatalf("normalized code does not re-validate: %v", err)
		}
		if !again.SameBase(cf) || again.Key().Base() != cf.Key().Base() || again.Omocodic() {
			t.Fatalf("normalized code has another base or is still omocodic")
		}
		if same := again.Equal(cf); same != !cf.Omocodic() || same != (again.Key() == cf.Key()) {
			t.Fatalf("normalized code Equal=%v, same key=%v, for a code with %d substitutions", same, again.Key() == cf.Key(), cf.Substitutions())
		}
		spid, err := codicefiscale.Parse("tinit-" + strings.ToLower(cf.String()))
		if err != nil || !spid.Equal(cf) || spid.Key() != cf.Key() {
			t.Fatalf("the SPID, lower-case form is another code: %v", err)
		}
		if again.Sex() != cf.Sex() || again.BirthDate(on) != cf.BirthDate(on) || again.Place() != cf.Place() {
			t.Fatalf("normalization changed birth data or place")
		}
		if cf.Key().Code().String() != cf.String() || n.Key().Code().String() != n.String() {
			t.Fatalf("the key does not unpack to the code")
		}
		round, err := codicefiscale.Parse(cf.String())
		if err != nil || round != cf {
			t.Fatalf("the code as issued does not parse back to itself: %v", err)
		}
	})
}

func TestNames(t *testing.T) {
	assert.Equal(t, "carattere di controllo errato", codicefiscale.BadCheck.String())
	assert.Equal(t, "Reason(99)", codicefiscale.Reason(99).String())
	assert.Equal(t, "F", codicefiscale.Female.String())
	assert.True(t, codicefiscale.Code{}.IsZero())
}

// date returns midnight UTC of the day: the form of Code.BirthDate.
func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestKeyPacking(t *testing.T) {
	variant, err := codicefiscale.Parse("RSSMRAURTMLARSNL") // all seven positions replaced
	require.NoError(t, err)
	k := variant.Key()
	assert.Equal(t, uint8(0x7f), k.Omocodia())
	assert.Equal(t, variant, k.Code())
	assert.Equal(t, "RSSMRA85T10A562S", k.WithOmocodia(0).Code().String())
	assert.Equal(t, "RSSMRA85T10A56NH", k.WithOmocodia(1<<6).Code().String(), "bit 6 is position 15")
	assert.Equal(t, k, k.WithOmocodia(0xff), "bits above the seventh are ignored")
	again, err := codicefiscale.ParseKey(" tinit-rssmraurtmlarsnl ")
	require.NoError(t, err)
	assert.Equal(t, k, again)
	assert.True(t, codicefiscale.Key{}.WithOmocodia(3).IsZero())
	assert.Equal(t, codicefiscale.Code{}, codicefiscale.Key{}.Code())
	_, err = codicefiscale.ParseKey("RSSMRA85T10A562X")
	var ce *codicefiscale.Error
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, codicefiscale.BadCheck, ce.Reason)
}

func TestBirthDateLeapCentury(t *testing.T) {
	// A woman born on 29 February of a year ending in 00: 2000 was a leap
	// year, 1900 was not.
	c, err := codicefiscale.CheckCharacter("RSSMRA00B69H501")
	require.NoError(t, err)
	cf, err := codicefiscale.Parse("RSSMRA00B69H501" + string(c))
	require.NoError(t, err)
	assert.Equal(t, codicefiscale.Female, cf.Sex())
	assert.Equal(t, date(2000, time.February, 29), cf.BirthDate(date(2026, time.March, 2)))
	assert.Equal(t, time.Time{}, cf.BirthDate(date(2000, time.February, 28)), "1900 had no 29 February")
	assert.Equal(t, date(2000, time.February, 29), cf.BirthDate(time.Date(2000, time.February, 29, 23, 0, 0, 0, time.FixedZone("CET", 3600))),
		"the calendar day of on, in its own location")
}

// TestComplete: Complete appends the check character of DM 23 dicembre 1976
// and validates the result; a structure that is not a personal code is
// refused whatever its check character.
func TestComplete(t *testing.T) {
	for _, c := range []struct{ first15, want string }{
		{"RSSMRA85T10A562", "RSSMRA85T10A562S"},
		{"rssmra85t10a56n", "RSSMRA85T10A56NH"}, // omocodic, lower case
	} {
		cf, err := codicefiscale.Complete(c.first15)
		require.NoError(t, err, c.first15)
		assert.Equal(t, c.want, cf.String())
	}
	for _, bad := range []string{"", "RSSMRA85T10A56", "RSSMRA85T10A5623", "RSSMRA85Z10A562", "RSSMRA85B30A562", "RSSMRA85T10A56!"} {
		_, err := codicefiscale.Complete(bad)
		require.ErrorIs(t, err, codicefiscale.ErrInvalid, "%q", bad)
	}
}
