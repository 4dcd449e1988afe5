package council

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrInvalidNumber is wrapped by the errors ParseNumber and Number.Validate
// return for a protocol number that is not of the form REGISTER/YEAR/SEQUENCE.
var ErrInvalidNumber error = &invalidError{"council: invalid number"}

// Limits of a protocol number.
const (
	// MinYear and MaxYear bound the year of a protocol number.
	MinYear = 1900
	MaxYear = 2999
	// MaxSeq bounds the progressive number: DPR 445/2000 art. 57 asks for at
	// least seven digits; nine leave room for registers that use more.
	MaxSeq = 999_999_999
	// MaxRegisterLen bounds the register code ("RQ", "RC", "CA").
	MaxRegisterLen = 8
)

// Number is the protocol number of a council act, as the council's protocol
// writes it: a register code, the year and the progressive number within
// the year, "RQ/2021/2582" (the Assemblea Capitolina registers interrogazioni
// under "RQ"). The numbering restarts every calendar year (DPR 445/2000 art.
// 57), so the year is part of the number. The zero Number is no number.
type Number struct {
	// Register is the register code in upper case, e.g. "RQ".
	Register string `json:"register"`
	// Year is the protocol year.
	Year int `json:"year"`
	// Seq is the progressive number within the year, from 1.
	Seq int `json:"seq"`
}

// IsZero reports whether n is the zero Number.
func (n Number) IsZero() bool { return n == Number{} }

// String renders n in its canonical form "RQ/2021/2582" (no leading zeros);
// the zero Number renders as "".
func (n Number) String() string {
	if n.IsZero() {
		return ""
	}
	return n.Register + "/" + strconv.Itoa(n.Year) + "/" + strconv.Itoa(n.Seq)
}

// Validate reports an error wrapping ErrInvalidNumber if n is not a
// well-formed number: a register of 1 to MaxRegisterLen letters A-Z, a year
// in [MinYear, MaxYear] and a sequence in [1, MaxSeq].
func (n Number) Validate() error {
	if n.Register == "" || len(n.Register) > MaxRegisterLen {
		return fmt.Errorf("%w: register %q must have 1 to %d letters", ErrInvalidNumber, n.Register, MaxRegisterLen)
	}
	for i := 0; i < len(n.Register); i++ {
		if c := n.Register[i]; c < 'A' || c > 'Z' {
			return fmt.Errorf("%w: register %q must be upper-case letters A-Z", ErrInvalidNumber, n.Register)
		}
	}
	if n.Year < MinYear || n.Year > MaxYear {
		return fmt.Errorf("%w: year %d outside %d-%d", ErrInvalidNumber, n.Year, MinYear, MaxYear)
	}
	if n.Seq < 1 || n.Seq > MaxSeq {
		return fmt.Errorf("%w: sequence %d outside 1-%d", ErrInvalidNumber, n.Seq, MaxSeq)
	}
	return nil
}

// ParseNumber reads a protocol number "RQ/2021/2582". Surrounding spaces
// are ignored, the register may be in any case (it is upper-cased) and the
// sequence may carry leading zeros ("RQ/2021/0002582", the seven-digit form
// of DPR 445/2000 art. 57); anything else wraps ErrInvalidNumber.
func ParseNumber(s string) (Number, error) {
	t := strings.TrimSpace(s)
	reg, rest, ok1 := strings.Cut(t, "/")
	year, seq, ok2 := strings.Cut(rest, "/")
	if !ok1 || !ok2 {
		return Number{}, fmt.Errorf("%w: %q is not REGISTER/YEAR/NUMBER", ErrInvalidNumber, s)
	}
	n := Number{Register: strings.ToUpper(reg)}
	var err error
	if len(year) != 4 {
		return Number{}, fmt.Errorf("%w: %q: the year has four digits", ErrInvalidNumber, s)
	}
	if n.Year, err = digits(year); err != nil {
		return Number{}, fmt.Errorf("%w: %q: year: %v", ErrInvalidNumber, s, err)
	}
	if len(seq) > 12 {
		return Number{}, fmt.Errorf("%w: %q: number too long", ErrInvalidNumber, s)
	}
	if n.Seq, err = digits(seq); err != nil {
		return Number{}, fmt.Errorf("%w: %q: number: %v", ErrInvalidNumber, s, err)
	}
	if err := n.Validate(); err != nil {
		return Number{}, fmt.Errorf("%w (in %q)", err, s)
	}
	return n, nil
}

// MustNumber is ParseNumber for numbers written in the source (tables,
// tests, examples): it panics on a malformed number.
func MustNumber(s string) Number {
	n, err := ParseNumber(s)
	if err != nil {
		panic(err)
	}
	return n
}

// digits reads a non-empty run of ASCII digits of at most 12 characters.
func digits(s string) (int, error) {
	if s == "" {
		return 0, errors.New("empty")
	}
	v := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("%q is not a digit", c)
		}
		v = v*10 + int(c-'0')
	}
	return v, nil
}

// MarshalText encodes n in its canonical form.
func (n Number) MarshalText() ([]byte, error) {
	if n.IsZero() {
		return []byte{}, nil
	}
	if err := n.Validate(); err != nil {
		return nil, err
	}
	return []byte(n.String()), nil
}

// UnmarshalText decodes a number written by MarshalText or accepted by
// ParseNumber; an empty text is the zero Number.
func (n *Number) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*n = Number{}
		return nil
	}
	v, err := ParseNumber(string(b))
	if err != nil {
		return err
	}
	*n = v
	return nil
}
