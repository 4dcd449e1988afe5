package council

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrInvalidBody is wrapped by the errors ParseBody and Municipio return for
// a body that is neither the Assemblea Capitolina nor one of the Municipi.
var ErrInvalidBody error = &invalidError{"council: invalid body"}

// Municipi is the number of Roma Capitale's Municipi (I to XV), as set by
// Del. AC 11/2013 after the 2013 reorganisation.
const Municipi = 15

// Body is the council an act is filed with: the Assemblea Capitolina or the
// council of one of the fifteen Municipi. The zero Body is no body.
//
// Bodies are printed the way council documents write them ("Assemblea
// Capitolina", "Municipio VII") and encoded by a stable code
// ("assemblea-capitolina", "municipio-vii").
type Body uint8

// Assemblea is the Assemblea Capitolina, Roma Capitale's city council.
const Assemblea Body = 1

// Municipio returns the council of Municipio n (1 to 15), or an error
// wrapping ErrInvalidBody.
func Municipio(n int) (Body, error) {
	if n < 1 || n > Municipi {
		return 0, fmt.Errorf("%w: there is no Municipio %d (I-%s)", ErrInvalidBody, n, roman(Municipi))
	}
	return Body(n + 1), nil
}

// MustMunicipio is Municipio for bodies written in the source: it panics
// when n is not between 1 and 15.
func MustMunicipio(n int) Body {
	b, err := Municipio(n)
	if err != nil {
		panic(err)
	}
	return b
}

// Bodies returns every body: the Assemblea Capitolina, then Municipio I to XV.
func Bodies() []Body {
	out := make([]Body, 0, Municipi+1)
	for b := Assemblea; b <= Body(Municipi+1); b++ {
		out = append(out, b)
	}
	return out
}

// Valid reports whether b is the Assemblea or a Municipio.
func (b Body) Valid() bool { return b >= Assemblea && b <= Body(Municipi+1) }

// IsZero reports whether b is the zero Body.
func (b Body) IsZero() bool { return b == 0 }

// Municipio returns the Municipio's number (1 to 15), or 0 for the
// Assemblea Capitolina and invalid bodies.
func (b Body) Municipio() int {
	if b > Assemblea && b.Valid() {
		return int(b) - 1
	}
	return 0
}

// String returns the body's name: "Assemblea Capitolina", "Municipio VII".
func (b Body) String() string {
	switch {
	case b == Assemblea:
		return "Assemblea Capitolina"
	case b.Valid():
		return "Municipio " + roman(b.Municipio())
	}
	return "Body(" + strconv.Itoa(int(b)) + ")"
}

// Code returns the body's stable code: "assemblea-capitolina",
// "municipio-vii"; "" for an invalid body.
func (b Body) Code() string {
	switch {
	case b == Assemblea:
		return "assemblea-capitolina"
	case b.Valid():
		return "municipio-" + strings.ToLower(roman(b.Municipio()))
	}
	return ""
}

// ParseBody reads a body written as its name or code, ignoring case, dots
// and extra spaces: "Assemblea Capitolina", "assemblea-capitolina",
// "Assemblea", "AC"; "Municipio VII", "municipio-vii", "Mun. VII",
// "Municipio 7", "VII". Roman numerals must be canonical (IV, not IIII).
func ParseBody(s string) (Body, error) {
	f := strings.ToUpper(strings.TrimSpace(s))
	f = strings.NewReplacer(".", " ", "-", " ", "_", " ").Replace(f)
	f = strings.Join(strings.Fields(f), " ")
	switch f {
	case "ASSEMBLEA CAPITOLINA", "ASSEMBLEA", "AC", "CONSIGLIO COMUNALE":
		return Assemblea, nil
	}
	for _, p := range []string{"MUNICIPIO ", "MUN ", "M "} {
		if rest, ok := strings.CutPrefix(f, p); ok {
			f = rest
			break
		}
	}
	if f == "" {
		return 0, fmt.Errorf("%w: empty", ErrInvalidBody)
	}
	var n int
	if f[0] >= '0' && f[0] <= '9' {
		if len(f) > 2 || (len(f) == 2 && f[0] == '0') {
			return 0, fmt.Errorf("%w: %q", ErrInvalidBody, s)
		}
		v, err := strconv.Atoi(f)
		if err != nil {
			return 0, fmt.Errorf("%w: %q", ErrInvalidBody, s)
		}
		n = v
	} else {
		v, err := parseRoman(f)
		if err != nil {
			return 0, fmt.Errorf("%w: %q: %v", ErrInvalidBody, s, err)
		}
		n = v
	}
	b, err := Municipio(n)
	if err != nil {
		return 0, fmt.Errorf("%w (in %q)", err, s)
	}
	return b, nil
}

// MarshalText encodes the body by its code.
func (b Body) MarshalText() ([]byte, error) {
	if !b.Valid() {
		return nil, fmt.Errorf("%w: %d", ErrInvalidBody, uint8(b))
	}
	return []byte(b.Code()), nil
}

// UnmarshalText decodes a body from its code or any form ParseBody accepts.
func (b *Body) UnmarshalText(t []byte) error {
	v, err := ParseBody(string(t))
	if err != nil {
		return err
	}
	*b = v
	return nil
}

var romanDigits = []struct {
	v int
	s string
}{
	{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"},
	{50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"},
}

// roman writes n (1 to 3999) in canonical Roman numerals.
func roman(n int) string {
	if n < 1 || n > 3999 {
		return strconv.Itoa(n)
	}
	var b strings.Builder
	for _, d := range romanDigits {
		for n >= d.v {
			b.WriteString(d.s)
			n -= d.v
		}
	}
	return b.String()
}

// parseRoman reads a canonical upper-case Roman numeral from 1 to 3999:
// the value is accepted only if writing it back gives the same text.
func parseRoman(s string) (int, error) {
	if s == "" || len(s) > 15 {
		return 0, errors.New("not a Roman numeral")
	}
	val := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100, 'D': 500, 'M': 1000}
	n := 0
	for i := 0; i < len(s); i++ {
		v, ok := val[s[i]]
		if !ok {
			return 0, fmt.Errorf("%q is not a Roman digit", s[i])
		}
		if i+1 < len(s) && val[s[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	if n < 1 || roman(n) != s {
		return 0, fmt.Errorf("%q is not a canonical Roman numeral", s)
	}
	return n, nil
}
