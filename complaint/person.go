package complaint

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/puntodiascolto/ascolto/office"
)

// Person is the reporter: the citizen who wrote, called or filed online.
// Every field is personal data (Reg. UE 2016/679): it stays in the
// complaint's history, is used to answer, and never reaches the Index, the
// Public view or the public Open311 representation. All fields are
// optional: anonymous reports are accepted, but cannot be asked for more
// information.
type Person struct {
	// FirstName and LastName are the reporter's names.
	FirstName string `json:"firstName,omitempty"`
	LastName  string `json:"lastName,omitempty"`
	// FiscalCode is the codice fiscale, if the reporter gave it (SPID
	// filings always carry it). It is stored upper case.
	FiscalCode string `json:"fiscalCode,omitempty"`
	// Email, PEC and Phone are the reporter's contacts.
	Email string `json:"email,omitempty"`
	PEC   string `json:"pec,omitempty"`
	Phone string `json:"phone,omitempty"`
	// Address is the reporter's postal address, for answers by post.
	Address string `json:"address,omitempty"`
	// AccountID and DeviceID identify the reporter in an Open311 client
	// (account_id, device_id).
	AccountID string `json:"accountId,omitempty"`
	DeviceID  string `json:"deviceId,omitempty"`
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
// without "@", a codice fiscale of the wrong shape or overlong text.
//
// A codice fiscale is checked for its shape only: 16 letters and digits (a
// person) or 11 digits (a company or body). The check character and omocodia
// are the petition package's concern, where signatures depend on them; here
// a reporter's code is only a contact detail.
func (p Person) Validate() error {
	if err := checkTexts(maxShortText, "first name", p.FirstName, "last name", p.LastName,
		"email", p.Email, "pec", p.PEC, "phone", p.Phone, "address", p.Address,
		"account id", p.AccountID, "device id", p.DeviceID, "fiscal code", p.FiscalCode); err != nil {
		return err
	}
	for _, m := range []string{p.Email, p.PEC} {
		if m != "" && (!strings.Contains(m, "@") || strings.ContainsAny(m, " \t\r\n")) {
			return invalid("%q is not an e-mail address", m)
		}
	}
	if p.FiscalCode != "" && !fiscalCodeShape(p.FiscalCode) {
		return invalid("fiscal code has the wrong shape")
	}
	return nil
}

// normalize trims the fields and upper-cases the codice fiscale.
func (p Person) normalize() Person {
	p.FirstName = strings.TrimSpace(p.FirstName)
	p.LastName = strings.TrimSpace(p.LastName)
	p.FiscalCode = strings.ToUpper(strings.TrimSpace(p.FiscalCode))
	p.Email = strings.TrimSpace(p.Email)
	p.PEC = strings.TrimSpace(p.PEC)
	p.Phone = strings.TrimSpace(p.Phone)
	p.Address = strings.TrimSpace(p.Address)
	p.AccountID = strings.TrimSpace(p.AccountID)
	p.DeviceID = strings.TrimSpace(p.DeviceID)
	return p
}

func fiscalCodeShape(s string) bool {
	switch len(s) {
	case 16:
		for _, r := range s {
			if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return false
			}
		}
		return true
	case 11:
		for _, r := range s {
			if r < '0' || r > '9' {
				return false
			}
		}
		return true
	}
	return false
}

// Limits on free text, so that a store is never asked to keep a
// runaway payload.
const (
	maxShortText = 500
	maxLongText  = 20000
)

func checkText(name, s string, max int) error {
	if !utf8.ValidString(s) {
		return invalid("%s is not valid UTF-8", name)
	}
	if n := utf8.RuneCountInString(s); n > max {
		return invalid("%s has %d characters, more than %d", name, n, max)
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			return invalid("%s contains control character %U", name, r)
		}
	}
	return nil
}

// checkTexts checks name, value pairs against max.
func checkTexts(max int, pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if err := checkText(pairs[i], pairs[i+1], max); err != nil {
			return err
		}
	}
	return nil
}

// fold normalises text for matching, like office.Fold.
func fold(s string) string { return office.Fold(s) }
