package codicefiscale

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrInvalid is wrapped by every *Error: the string is not a valid personal
// codice fiscale.
var ErrInvalid = errors.New("codicefiscale: invalid codice fiscale")

// Reason says what is wrong with a codice fiscale (Error.Reason).
type Reason uint8

const (
	// BadLength: the code is not 16 characters long (after removing spaces
	// and the SPID prefix "TINIT-").
	BadLength Reason = iota + 1
	// BadFormat: a character is not allowed at its position (a digit where
	// the surname letters go, a symbol...).
	BadFormat
	// BadMonth: the ninth character is not one of the month letters
	// ABCDEHLMPRST.
	BadMonth
	// BadDay: the day of birth (positions 10-11, plus 40 for women) does not
	// exist in the month of birth.
	BadDay
	// BadCheck: the sixteenth character is not the check character computed
	// from the other fifteen.
	BadCheck
)

// String returns the reason in Italian.
func (r Reason) String() string {
	switch r {
	case BadLength:
		return "lunghezza errata"
	case BadFormat:
		return "carattere non ammesso"
	case BadMonth:
		return "lettera del mese non valida"
	case BadDay:
		return "giorno di nascita inesistente"
	case BadCheck:
		return "carattere di controllo errato"
	}
	return fmt.Sprintf("Reason(%d)", uint8(r))
}

// Error says why a string is not a valid personal codice fiscale. It never repeats the code, which is personal data: only the
// position and the offending character.
type Error struct {
	// Reason is what is wrong.
	Reason Reason
	// Position is the 1-based position of the offending character, 0 when
	// the error is not about one character (BadLength).
	Position int
	// Got is the character found at Position ("X"), or the length found
	// for BadLength ("15 caratteri").
	Got string
	// Want says in Italian what was expected there ("una lettera", "una
	// cifra"), or the right check character.
	Want string
}

// Error says what is wrong, in Italian, without repeating the code.
func (e *Error) Error() string {
	if e.Position == 0 {
		return fmt.Sprintf("%v: %v (%s invece di %s)", ErrInvalid, e.Reason, e.Got, e.Want)
	}
	return fmt.Sprintf("%v: %v in posizione %d (%q; atteso: %s)", ErrInvalid, e.Reason, e.Position, e.Got, e.Want)
}

// Unwrap returns ErrInvalid.
func (e *Error) Unwrap() error { return ErrInvalid }

// Sex is the sex a codice fiscale encodes (40 is added to the day of birth
// of women).
type Sex byte

const (
	// Male is encoded by a day of birth from 01 to 31.
	Male Sex = 'M'
	// Female is encoded by a day of birth from 41 to 71.
	Female Sex = 'F'
)

// String returns "M" or "F".
func (s Sex) String() string { return string(rune(s)) }

// Code is a validated personal codice fiscale (16 characters).
// The zero value is no code.
//
// A code identifies one person as issued. When two people would get the
// same code, the Agenzia delle Entrate gives the second an omocodic variant
// (DPR 605/1973 art. 1; DM Finanze 12 marzo 1974 and 23 dicembre 1976): it
// replaces digits, starting from the right, at positions 7, 8, 10, 11, 13,
// 14 and 15 with the letters LMNPQRSTUV (L for 0 ... V for 9) and recomputes
// the check character. "RSSMRA85T10A562S" and "RSSMRA85T10A56NH" are
// therefore two people. Equal and Key compare codes as issued (case, spaces
// and the SPID prefix aside); Normalized undoes the substitutions and
// SameBase tells codes that coincide once undone: different people whose
// signatures deserve a manual check (a digit misread as its omocodia letter
// on a paper sheet gives the same pattern).
type Code struct {
	code string // 16 upper-case characters, as issued
	key  Key    // the code as issued, packed
}

// Key identifies a codice fiscale as issued, packed in a comparable value
// meant as a map key (duplicate checks), not for display: equal for the
// same code, whatever its case, spacing or SPID prefix, and different for
// any two codes that differ, omocodic variants included. Base returns the
// key of the code without omocodia. The zero Key is no code.
type Key struct {
	base  uint64 // the code without omocodia (check character excluded) packed in 60 bits
	subst uint8  // bit i set: omocodicPositions[i] holds an omocodia letter
}

// Base returns a number identifying the code with the omocodia
// substitutions undone: equal for a code and its omocodic variants, which
// are different people.
func (k Key) Base() uint64 { return k.base }

// Omocodic reports whether the code has at least one omocodia letter.
func (k Key) Omocodic() bool { return k.subst != 0 }

// IsZero reports whether k is the key of no code.
func (k Key) IsZero() bool { return k == Key{} }

// Omocodia returns the omocodia pattern of the code: bit i is set when the
// i-th of the positions omocodia may replace (7, 8, 10, 11, 13, 14, 15,
// from the left) holds a letter. It is 0 for an ordinary code. With Base,
// it is all a Key holds: a set of signatories can keep the base as its map
// key and the pattern alongside.
func (k Key) Omocodia() uint8 { return k.subst }

// WithOmocodia returns the key of the code with k's base and the omocodia
// pattern p (see Omocodia; bits above the seventh are ignored): the key of
// another omocodic variant of the same base, or of the base code itself
// for p == 0. The zero Key stays zero.
func (k Key) WithOmocodia(p uint8) Key {
	if k.IsZero() {
		return k
	}
	return Key{base: k.base, subst: p & (1<<len(omocodicPositions) - 1)}
}

// Code returns the codice fiscale k packs, as issued (check character
// recomputed); the zero Code for the zero Key.
func (k Key) Code() Code {
	if k.IsZero() {
		return Code{}
	}
	return Code{code: k.code(), key: k}
}

// code returns the codice fiscale k packs, check character included.
func (k Key) code() string {
	var b [16]byte
	x := k.base
	place := int(x % 1000)
	x /= 1000
	b[11] = byte('A' + x%26)
	x /= 26
	dd := int(x % 72)
	x /= 72
	b[8] = monthLetters[x%12]
	x /= 12
	yy := int(x % 100)
	x /= 100
	for i := 5; i >= 0; i-- {
		b[i] = byte('A' + x%26)
		x /= 26
	}
	b[6], b[7] = byte('0'+yy/10), byte('0'+yy%10)
	b[9], b[10] = byte('0'+dd/10), byte('0'+dd%10)
	b[12], b[13], b[14] = byte('0'+place/100), byte('0'+place/10%10), byte('0'+place%10)
	for i, p := range omocodicPositions {
		if k.subst&(1<<i) != 0 {
			b[p] = omocodicLetters[b[p]-'0']
		}
	}
	b[15] = checkChar(&b)
	return string(b[:])
}

// omocodic positions (0-based) and the letters that replace their digits.
var (
	omocodicPositions = [...]int{6, 7, 9, 10, 12, 13, 14}
	omocodicLetters   = "LMNPQRSTUV"
	monthLetters      = "ABCDEHLMPRST"
)

// oddValues are the values of characters in odd positions (1st, 3rd... 15th)
// in the check-character algorithm; digits take the value of the letter of
// the same rank (0 as A, 1 as B...).
var oddValues = [26]int{1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23}

// SPIDPrefix is the prefix of the fiscalNumber attribute SPID identity
// providers assert ("TINIT-" followed by the code); Parse removes it.
const SPIDPrefix = "TINIT-"

// Parse validates a personal codice fiscale: 16 characters
// (spaces and tabs ignored, lower case accepted, the SPID prefix "TINIT-"
// removed); letters at positions 1-6, 9, 12 and 16; digits, or their
// omocodia letters, at 7-8, 10-11 and 13-15; a month letter at 9; a day of
// birth that exists in that month (plus 40 for women; 29 February only in
// years divisible by four); and the check character of DM 23 dicembre 1976.
// It fails with a *Error. The 11-digit numeric codes of companies and
// bodies, and the provisional ones, are not personal codes: they are
// refused.
func Parse(s string) (Code, error) {
	buf, key, err := parse(s)
	if err != nil {
		return Code{}, err
	}
	return Code{code: string(buf[:]), key: key}, nil
}

// ParseKey validates s as Parse does and returns only its Key, without
// building a Code: it does not allocate, for the paths that only compare
// codes (duplicate checks over many signatures). It fails with a *Error.
func ParseKey(s string) (Key, error) {
	_, key, err := parse(s)
	return key, err
}

// parse normalizes s into 16 upper-case bytes and validates them.
func parse(s string) ([16]byte, Key, error) {
	var buf [16]byte
	n := 0
	rest := s
	// Skip leading blanks, then an optional SPID prefix.
	for len(rest) > 0 && (rest[0] == ' ' || rest[0] == '\t') {
		rest = rest[1:]
	}
	if len(rest) >= len(SPIDPrefix) && strings.EqualFold(rest[:len(SPIDPrefix)], SPIDPrefix) {
		rest = rest[len(SPIDPrefix):]
	}
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if c == ' ' || c == '\t' {
			continue
		}
		if n == len(buf) {
			n++
			break
		}
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	if n != len(buf) {
		got := fmt.Sprintf("%d caratteri", countNonBlank(rest))
		return buf, Key{}, &Error{Reason: BadLength, Got: got, Want: "16"}
	}
	key, err := validate(&buf)
	return buf, key, err
}

func countNonBlank(s string) int {
	n := 0
	for _, r := range s {
		if r != ' ' && r != '\t' {
			n++
		}
	}
	return n
}

func isLetter(c byte) bool { return 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }

// digitAt returns the digit at an omocodic position, undoing the
// substitution; ok is false for any other character.
func digitAt(c byte) (int, bool) {
	if isDigit(c) {
		return int(c - '0'), true
	}
	for i := 0; i < len(omocodicLetters); i++ {
		if omocodicLetters[i] == c {
			return i, true
		}
	}
	return 0, false
}

// validate checks the 16 upper-case bytes of b and returns their key: the
// code without omocodia packed in 60 bits (26^6 letters, 100 years, 12
// months, 72 days, 26 place letters, 1000 place numbers: less than 2^60),
// and which positions hold an omocodia letter.
func validate(b *[16]byte) (Key, error) {
	var key uint64
	var subst uint8
	for i := 0; i < 16; i++ {
		c := b[i]
		switch i {
		case 0, 1, 2, 3, 4, 5, 8, 11, 15:
			if !isLetter(c) {
				return Key{}, &Error{Reason: BadFormat, Position: i + 1, Got: string(rune(c)), Want: "una lettera"}
			}
		default:
			if _, ok := digitAt(c); !ok {
				return Key{}, &Error{Reason: BadFormat, Position: i + 1, Got: string(rune(c)), Want: "una cifra (o una lettera di omocodia LMNPQRSTUV)"}
			}
		}
	}
	// Letters of surname and name: 26^6 < 2^29.
	for i := 0; i < 6; i++ {
		key = key*26 + uint64(b[i]-'A')
	}
	d7, _ := digitAt(b[6])
	d8, _ := digitAt(b[7])
	yy := d7*10 + d8
	month := indexByte(monthLetters, b[8])
	if month < 0 {
		return Key{}, &Error{Reason: BadMonth, Position: 9, Got: string(rune(b[8])), Want: "una delle lettere " + monthLetters}
	}
	d10, _ := digitAt(b[9])
	d11, _ := digitAt(b[10])
	dd := d10*10 + d11
	day := dd
	if day > 40 {
		day -= 40
	}
	if day < 1 || day > maxDay(yy, time.Month(month+1)) {
		return Key{}, &Error{Reason: BadDay, Position: 10, Got: fmt.Sprintf("%02d", dd), Want: "un giorno del mese (01-31, 41-71 per le donne)"}
	}
	d13, _ := digitAt(b[12])
	d14, _ := digitAt(b[13])
	d15, _ := digitAt(b[14])
	key = key*100 + uint64(yy)
	key = key*12 + uint64(month)
	key = key*72 + uint64(dd)
	key = key*26 + uint64(b[11]-'A')
	key = key*1000 + uint64(d13*100+d14*10+d15)
	if want := checkChar(b); b[15] != want {
		return Key{}, &Error{Reason: BadCheck, Position: 16, Got: string(rune(b[15])), Want: string(rune(want))}
	}
	for i, p := range omocodicPositions {
		if isLetter(b[p]) {
			subst |= 1 << i
		}
	}
	return Key{base: key, subst: subst}, nil
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// maxDay is the last day of month m in a year ending in yy: 29 February is
// possible only when yy is divisible by four (1900 is not a leap year, but
// 2000 is, so any yy%4 == 0 has a leap year among its centuries).
func maxDay(yy int, m time.Month) int {
	switch m {
	case time.February:
		if yy%4 == 0 {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// checkChar computes the check character of the first 15 characters of b
// (DM 23 dicembre 1976): characters in odd positions take the values of
// oddValues, those in even positions their rank (digits 0-9, letters 0-25);
// the sum modulo 26 is the rank of the check letter.
func checkChar(b *[16]byte) byte {
	sum := 0
	for i := 0; i < 15; i++ {
		c := b[i]
		var v int
		if isDigit(c) {
			v = int(c - '0')
		} else {
			v = int(c - 'A')
		}
		if i%2 == 0 { // 1st, 3rd, ... 15th character
			v = oddValues[v]
		}
		sum += v
	}
	return byte('A' + sum%26)
}

// IsZero reports whether c holds no code.
func (c Code) IsZero() bool { return c.code == "" }

// String returns the code as issued: 16 upper-case characters. It is
// personal data: never log or publish it.
func (c Code) String() string { return c.code }

// Normalized returns the code with the omocodia substitutions undone and the
// check character recomputed: the code from which the Agenzia delle Entrate
// derived an omocodic variant. It is not an identity: the variant was
// issued precisely because another person already had (or would have had)
// that code. Use it to find codes that deserve a manual check (SameBase),
// never to merge people.
func (c Code) Normalized() Code {
	if c.code == "" || c.key.subst == 0 {
		return c
	}
	k := Key{base: c.key.base}
	return Code{code: k.code(), key: k}
}

// Substitutions returns how many digits omocodia replaced with letters (0
// for an ordinary code, up to 7).
func (c Code) Substitutions() int {
	n := 0
	for s := c.key.subst; s != 0; s &= s - 1 {
		n++
	}
	return n
}

// Omocodic reports whether omocodia replaced at least one digit.
func (c Code) Omocodic() bool { return c.key.subst != 0 }

// Equal reports whether c and o are the same code as issued (Parse
// has already removed case, spaces and the SPID prefix): the same person.
// An omocodic variant is not Equal to its base code: it was issued to
// another person.
func (c Code) Equal(o Code) bool { return c.code != "" && c.code == o.code }

// SameBase reports whether c and o coincide once omocodia is undone: the
// same code, or omocodic variants of one another (different people, whose
// signatures deserve a manual check).
func (c Code) SameBase(o Code) bool {
	return c.code != "" && o.code != "" && c.key.base == o.key.base
}

// Key returns the code as issued packed in a comparable Key: equal for
// codes that are Equal, different otherwise (omocodic variants included).
// It is meant as a map key (duplicate checks), not for display.
func (c Code) Key() Key { return c.key }

func (c Code) digits(i, j int) int {
	a, _ := digitAt(c.code[i])
	b, _ := digitAt(c.code[j])
	return a*10 + b
}

// Sex returns the sex the code encodes; 0 for the zero code.
func (c Code) Sex() Sex {
	if c.code == "" {
		return 0
	}
	if c.digits(9, 10) > 40 {
		return Female
	}
	return Male
}

// BirthDay returns the day, month and the last two digits of the year of
// birth the code encodes (the century is not in the code); zeros for the
// zero code.
func (c Code) BirthDay() (yy int, month time.Month, day int) {
	if c.code == "" {
		return 0, 0, 0
	}
	day = c.digits(9, 10)
	if day > 40 {
		day -= 40
	}
	return c.digits(6, 7), time.Month(indexByte(monthLetters, c.code[8]) + 1), day
}

// BirthDate returns the date of birth the code encodes, at midnight UTC,
// choosing the century that makes it the latest date not after the
// calendar day of on (its year, month and day in its own location): a
// person born in 1925 and one born in 2025 share "25", and on a 2026 form
// "25" is read as 2025. It returns the zero time if no century gives a date
// on or before that day, for a zero on, or for the zero code. The century
// is a guess: the code does not carry it.
func (c Code) BirthDate(on time.Time) time.Time {
	if c.code == "" || on.IsZero() {
		return time.Time{}
	}
	yy, m, d := c.BirthDay()
	oy, om, od := on.Date()
	today := time.Date(oy, om, od, 0, 0, 0, 0, time.UTC)
	base := oy / 100 * 100
	for _, century := range [2]int{base, base - 100} {
		y := century + yy
		if m == time.February && d == 29 && !isLeap(y) {
			continue // 29 February of a century year that is not a leap year
		}
		if bd := time.Date(y, m, d, 0, 0, 0, 0, time.UTC); !bd.After(today) {
			return bd
		}
	}
	return time.Time{}
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// Place returns the cadastral (Belfiore) code of the place of birth: a
// letter and three digits, e.g. "H501" for Rome; "Z" and three digits for a
// foreign country. Omocodia letters are read as their digits.
func (c Code) Place() string {
	if c.code == "" {
		return ""
	}
	b := []byte(c.code[11:15])
	for i := 1; i < 4; i++ {
		d, _ := digitAt(b[i])
		b[i] = byte('0' + d)
	}
	return string(b)
}

// BornAbroad reports whether the place of birth is a foreign country (a
// Belfiore code starting with Z).
func (c Code) BornAbroad() bool { return c.code != "" && c.code[11] == 'Z' }

// CheckCharacter returns the check character (the sixteenth) of a codice
// fiscale whose first fifteen characters are first15 (upper or lower case),
// or a *Error (wrapping ErrInvalid) if they are not fifteen letters and
// digits. It does not validate the structure: Parse does.
func CheckCharacter(first15 string) (byte, error) {
	if len(first15) != 15 {
		return 0, &Error{Reason: BadLength, Got: fmt.Sprintf("%d caratteri", len(first15)), Want: "15"}
	}
	var b [16]byte
	for i := 0; i < 15; i++ {
		c := first15[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if !isLetter(c) && !isDigit(c) {
			return 0, &Error{Reason: BadFormat, Position: i + 1, Got: string(rune(c)), Want: "una lettera o una cifra"}
		}
		b[i] = c
	}
	return checkChar(&b), nil
}

// Complete returns the codice fiscale whose first fifteen characters are
// first15 (upper or lower case), completed with its check character (DM 23
// dicembre 1976) and validated by Parse: the way to make a valid code from
// its parts (synthetic signatories for tests and simulations, a code read
// from a form whose last character is illegible). It fails with a *Error,
// wrapping ErrInvalid, when first15 is not fifteen letters and digits or
// does not have the structure of a personal code (a month letter, a day that
// exists, letters and digits where they belong).
func Complete(first15 string) (Code, error) {
	c, err := CheckCharacter(first15)
	if err != nil {
		return Code{}, err
	}
	return Parse(first15 + string(rune(c)))
}
