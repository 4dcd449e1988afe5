package complaint

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/internal/textfold"
	"github.com/puntodiascolto/ascolto/procedure"
)

// Person is the reporter: the citizen who wrote, called or filed online.
// Every field is personal data (Reg. UE 2016/679): it stays in the
// complaint's history, is used to answer, and never reaches the Index, the
// Public view or the public Open311 representation. All fields are
// optional: anonymous reports are accepted, but cannot be asked for more
// information.
type Person struct {
	// FirstName and LastName are the reporter's names.
	FirstName string `json:"firstName,omitempty" limit:"500"`
	LastName  string `json:"lastName,omitempty" limit:"500"`
	// FiscalCode is the codice fiscale, if the reporter gave it (SPID
	// filings always carry it): a personal code, valid for
	// codicefiscale.Parse, or the 11 digits of a company or body. It is
	// stored in the form codicefiscale.Code.String gives (upper case, no
	// spaces, no SPID prefix "TINIT-").
	FiscalCode string `json:"fiscalCode,omitempty" limit:"500"`
	// Email, PEC and Phone are the reporter's contacts.
	Email string `json:"email,omitempty" limit:"500"`
	PEC   string `json:"pec,omitempty" limit:"500"`
	Phone string `json:"phone,omitempty" limit:"500"`
	// Address is the reporter's postal address, for answers by post.
	Address string `json:"address,omitempty" limit:"500"`
	// AccountID and DeviceID identify the reporter in an Open311 client
	// (account_id, device_id).
	AccountID string `json:"accountId,omitempty" limit:"500"`
	DeviceID  string `json:"deviceId,omitempty" limit:"500"`
}

// IsZero reports whether p is anonymous: no field set.
func (p Person) IsZero() bool { return p == Person{} }

// Reachable reports whether the administration can write or call back:
// an e-mail, a PEC, a phone number or a postal address.
func (p Person) Reachable() bool {
	return p.Email != "" || p.PEC != "" || p.Phone != "" || p.Address != ""
}

// Name returns "FirstName LastName", trimmed.
func (p Person) Name() string { return strings.TrimSpace(p.FirstName + " " + p.LastName) }

// fields lists the values of p, for the checks that look for personal data
// (publishable); fieldNames names them, in the same order, for the error
// that refuses a text naming the reporter without repeating the datum.
func (p Person) fields() []string {
	return []string{p.FirstName, p.LastName, p.FiscalCode, p.Email, p.PEC, p.Phone, p.Address, p.AccountID, p.DeviceID}
}

var fieldNames = [...]string{"first name", "last name", "fiscal code", "e-mail", "PEC", "phone", "address", "account id", "device id"}

// Validate reports an error wrapping ErrInvalid for an e-mail or PEC
// without "@", an invalid codice fiscale, or a text longer than its limit
// (500 characters each field) or not valid UTF-8 (*history.TextError).
//
// A codice fiscale is either the 11 digits of a company or body, or a
// personal code that codicefiscale.Parse accepts (structure, date of birth,
// check character, omocodia), already in its normalised form (upper case,
// without spaces or the SPID prefix: the Service normalises it). A code
// Parse refuses gives a *FiscalCodeError, which wraps both ErrInvalid and
// codicefiscale.ErrInvalid.
func (p Person) Validate() error {
	if err := procedure.CheckText(p); err != nil {
		return err
	}
	if err := checkTexts("first name", p.FirstName, "last name", p.LastName,
		"email", p.Email, "pec", p.PEC, "phone", p.Phone, "address", p.Address,
		"account id", p.AccountID, "device id", p.DeviceID, "fiscal code", p.FiscalCode); err != nil {
		return err
	}
	for _, m := range []string{p.Email, p.PEC} {
		if m != "" && (!strings.Contains(m, "@") || strings.ContainsAny(m, " \t\r\n")) {
			return invalid("%q is not an e-mail address", m)
		}
	}
	if p.FiscalCode == "" || bodyCode(p.FiscalCode) {
		return nil
	}
	cf, err := codicefiscale.Parse(p.FiscalCode)
	if err != nil {
		return &FiscalCodeError{Err: err}
	}
	if cf.String() != p.FiscalCode {
		return invalid("fiscal code is not in normalised form (upper case, no spaces, no SPID prefix)")
	}
	return nil
}

// FiscalCodeError refuses a reporter's codice fiscale that
// codicefiscale.Parse does not accept. It wraps ErrInvalid and the
// parser's *codicefiscale.Error (so codicefiscale.ErrInvalid too), and,
// like it, never repeats the code, which is personal data.
type FiscalCodeError struct {
	// Err is the parser's error, a *codicefiscale.Error saying what is
	// wrong and where.
	Err error
}

// Error implements error.
func (e *FiscalCodeError) Error() string {
	return fmt.Sprintf("%v: fiscal code: %v", ErrInvalid, e.Err)
}

// Unwrap returns ErrInvalid and the parser's error.
func (e *FiscalCodeError) Unwrap() []error { return []error{ErrInvalid, e.Err} }

// bodyCode reports whether s is the codice fiscale of a company or body:
// 11 digits.
func bodyCode(s string) bool {
	if len(s) != 11 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// normalize trims the fields and writes a valid personal codice fiscale as
// codicefiscale.Code.String does (upper case, without spaces or the SPID
// prefix); any other code is only trimmed and upper-cased, for Validate to
// judge.
func (p Person) normalize() Person {
	p.FirstName = strings.TrimSpace(p.FirstName)
	p.LastName = strings.TrimSpace(p.LastName)
	if cf, err := codicefiscale.Parse(p.FiscalCode); err == nil {
		p.FiscalCode = cf.String()
	} else {
		p.FiscalCode = strings.ToUpper(strings.TrimSpace(p.FiscalCode))
	}
	p.Email = strings.TrimSpace(p.Email)
	p.PEC = strings.TrimSpace(p.PEC)
	p.Phone = strings.TrimSpace(p.Phone)
	p.Address = strings.TrimSpace(p.Address)
	p.AccountID = strings.TrimSpace(p.AccountID)
	p.DeviceID = strings.TrimSpace(p.DeviceID)
	return p
}

// checkText refuses text that is not valid UTF-8 or holds a control
// character other than a line break or a tab. Lengths are checked against
// each field's `limit` tag (procedure.CheckText, Event.Validate).
func checkText(name, s string) error {
	if !utf8.ValidString(s) {
		return &history.TextError{Field: name, Length: len(s)}
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			return invalid("%s contains control character %U", name, r)
		}
	}
	return nil
}

// checkTexts checks name, value pairs with checkText.
func checkTexts(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if err := checkText(pairs[i], pairs[i+1]); err != nil {
			return err
		}
	}
	return nil
}

// fold normalises text for matching (textfold.Fold).
func fold(s string) string { return textfold.Fold(s) }
