package access

import (
	"strconv"
	"strings"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
)

// ProtocolNumber is a protocol number read by ParseProtocolNumber: an
// optional register code, the year and the progressive number within the
// year (the numbering restarts every year, DPR 445/2000 art. 57).
type ProtocolNumber struct {
	// Register is the register code in upper case ("RA"), or empty.
	Register string
	// Year is the protocol year; 0 when the number did not state it (the
	// year of the protocol date then completes it).
	Year int
	// Seq is the progressive number, from 1.
	Seq int
	// Date is the date written after the number ("del 02/03/2026"), or zero.
	Date deadline.Date
}

// MaxProtocolRegister bounds the length of a register code: Roma
// Capitale's are two letters ("RA", "QA", "RC"); four leave room for other
// administrations' codes and none for a word or a surname.
const MaxProtocolRegister = 4

// String returns the normal form the register publishes: "RA/2026/0000123"
// (the register code if any, the year, the number on at least seven digits
// as DPR 445/2000 art. 57 asks), or "2026/0000123" without a register code.
func (n ProtocolNumber) String() string {
	s := strconv.Itoa(n.Seq)
	if len(s) < 7 {
		s = strings.Repeat("0", 7-len(s)) + s
	}
	s = strconv.Itoa(n.Year) + "/" + s
	if n.Register != "" {
		s = n.Register + "/" + s
	}
	return s
}

// ProtocolError is a protocol number refused at filing: it says why, never
// what was typed (a refused number may hold personal data). It wraps
// ErrInvalid.
type ProtocolError struct {
	// Reason says which part of the grammar the number breaks.
	Reason string
}

// Error returns the reason.
func (e *ProtocolError) Error() string { return "access: protocol number refused: " + e.Reason }

// Unwrap returns ErrInvalid.
func (e *ProtocolError) Unwrap() error { return ErrInvalid }

// ParseProtocolNumber reads a protocol number as Italian protocol systems
// and officers write it. The grammar, on the words of s (separated by
// spaces, '/', '-', '.', ','), case ignored:
//
//	number  = [prefix] [code] (year seq | seq year | seq) [date]
//	prefix  = ["prot" | "protocollo"] ["n" | "nr" | "num" | "n°"]
//	code    = 1 to MaxProtocolRegister letters                  "RA", "qa"
//	year    = four digits from 1900 to 2999
//	seq     = 1 to 9 digits, not all zero
//	date    = "del" dd/mm/yyyy
//
// so "RA/2026/0000123", "ra-2026-123", "QA 12345/2026", "Prot. RC/2026/12"
// and "prot. n. 12345 del 02/03/2026" are accepted. When both numbers have
// four digits the first is the year (the code/year/number order of the
// protocol's segnatura). Anything else, a name or a code among the words
// included, is refused with a *ProtocolError.
func ParseProtocolNumber(s string) (ProtocolNumber, error) {
	w := protocolWords(s)
	var n ProtocolNumber
	if len(w) > 0 && (w[0] == "prot" || w[0] == "protocollo") {
		w = w[1:]
	}
	if len(w) > 0 && (w[0] == "n" || w[0] == "nr" || w[0] == "num" || w[0] == "n°") {
		w = w[1:]
	}
	if len(w) > 0 && isLetters(w[0]) {
		if len(w[0]) > MaxProtocolRegister {
			return n, &ProtocolError{"the register code has 1 to " + strconv.Itoa(MaxProtocolRegister) + " letters"}
		}
		n.Register, w = strings.ToUpper(w[0]), w[1:]
	}
	if i := indexOf(w, "del"); i >= 0 {
		if len(w) != i+4 {
			return n, &ProtocolError{"\"del\" is followed by a date dd/mm/yyyy and nothing else"}
		}
		d, err := protocolDate(w[i+1:])
		if err != nil {
			return n, err
		}
		n.Date, w = d, w[:i]
	}
	return n, n.numbers(w)
}

// numbers reads the year and the progressive number.
func (n *ProtocolNumber) numbers(w []string) error {
	for _, x := range w {
		if !isDigits(x) {
			return &ProtocolError{"only a register code, a year, a number and a date are allowed"}
		}
	}
	year := func(x string) bool { return len(x) == 4 && x >= "1900" && x <= "2999" }
	var seq string
	switch {
	case len(w) == 1:
		seq = w[0]
	case len(w) == 2 && year(w[0]):
		n.Year, _ = strconv.Atoi(w[0])
		seq = w[1]
	case len(w) == 2 && year(w[1]):
		n.Year, _ = strconv.Atoi(w[1])
		seq = w[0]
	default:
		return &ProtocolError{"a protocol number is a register code, a year and a number"}
	}
	if len(seq) > 9 {
		return &ProtocolError{"the number has at most nine digits"}
	}
	n.Seq, _ = strconv.Atoi(seq)
	if n.Seq < 1 {
		return &ProtocolError{"the number starts from 1"}
	}
	if !n.Date.IsZero() && n.Year != 0 && n.Date.Year() != n.Year {
		return &ProtocolError{"the year of the number is not the year of its date"}
	}
	if n.Year == 0 && !n.Date.IsZero() {
		n.Year = n.Date.Year()
	}
	return nil
}

// normalize checks p's number and rewrites it in its normal form
// (ProtocolNumber.String), the year taken from p.Date when the number does
// not state it; a date written in the number must be p.Date, or becomes it
// when p.Date is zero; without either, p.Date becomes fallback. An empty
// number is left empty.
func (p *Protocol) normalize(fallback deadline.Date) error {
	if strings.TrimSpace(p.Number) == "" {
		p.Number = ""
		return nil
	}
	n, err := ParseProtocolNumber(p.Number)
	if err != nil {
		return err
	}
	switch {
	case n.Date.IsZero() && p.Date.IsZero():
		p.Date = fallback
	case n.Date.IsZero():
	case p.Date.IsZero():
		p.Date = n.Date
	case p.Date != n.Date:
		return &ProtocolError{"the date written in the number is not the protocol date"}
	}
	if n.Year == 0 {
		n.Year = p.Date.Year()
	}
	if !p.Date.IsZero() && p.Date.Year() != n.Year {
		return &ProtocolError{"the year of the number is not the year of the protocol date (DPR 445/2000 art. 57)"}
	}
	p.Number = n.String()
	return nil
}

// Publishable returns the protocol number in its normal form, and false
// when the stored number does not parse (a history written before numbers
// were checked, or by another system): such a number is never published.
func (p Protocol) Publishable() (string, bool) {
	if p.Number == "" {
		return "", true
	}
	q := p
	if err := q.normalize(deadline.Date{}); err != nil || strings.HasPrefix(q.Number, "0/") || strings.Contains(q.Number, "/0/") {
		return "", false
	}
	return q.Number, true
}

// protocolWords splits s on spaces and the separators protocol numbers use.
func protocolWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == '\t' || r == '/' || r == '-' || r == '.' || r == ',' || r == '_'
	})
}

func protocolDate(w []string) (deadline.Date, error) {
	bad := &ProtocolError{"the date is written dd/mm/yyyy"}
	if len(w) != 3 || !isDigits(w[0]) || !isDigits(w[1]) || !isDigits(w[2]) || len(w[2]) != 4 || len(w[0]) > 2 || len(w[1]) > 2 {
		return deadline.Date{}, bad
	}
	d, _ := strconv.Atoi(w[0])
	m, _ := strconv.Atoi(w[1])
	y, _ := strconv.Atoi(w[2])
	date, err := deadline.NewDate(y, time.Month(m), d)
	if err != nil {
		return deadline.Date{}, bad
	}
	return date, nil
}

func indexOf(w []string, s string) int {
	for i, x := range w {
		if x == s {
			return i
		}
	}
	return -1
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
