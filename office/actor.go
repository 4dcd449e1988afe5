package office

import (
	"errors"
	"fmt"
	"strings"
)

// Role is what an actor may do in a procedure. Each procedure's lifecycle
// table lists the roles allowed to perform each act.
type Role uint8

const (
	// FrontOffice is the desk that receives cases and coordinates them: the
	// Punto di Ascolto, the URP.
	FrontOffice Role = iota + 1
	// CompetentOffice is the office competent ratione materiae: it holds the
	// documents, answers and decides.
	CompetentOffice
	// RPCT is the Responsabile della prevenzione della corruzione e della
	// trasparenza, who decides reviews (riesame) of civic access (art. 5 c. 7
	// D.Lgs. 33/2013).
	RPCT
	// Administrator configures the system and may correct registrations.
	Administrator
	// External is an act coming from outside the administration and recorded
	// by the system: the citizen filing online, a counter-interested party's
	// opposition arriving by PEC, the difensore civico, the court.
	External
	// Substitute is the titolare del potere sostitutivo: the senior
	// officer the governing body names to conclude, on the applicant's
	// request, a procedure whose term passed without a decision (art. 2 c.
	// 9-bis and 9-ter L. 241/1990; failing a naming, the dirigente
	// generale, else the head of the office, else the highest-ranking
	// officer).
	Substitute
)

var roleNames = [...]string{
	FrontOffice:     "front-office",
	CompetentOffice: "competent-office",
	RPCT:            "rpct",
	Administrator:   "administrator",
	External:        "external",
	Substitute:      "substitute",
}

var roleItalian = [...]string{
	FrontOffice:     "Punto di Ascolto / URP",
	CompetentOffice: "ufficio competente",
	RPCT:            "RPCT",
	Administrator:   "amministratore",
	External:        "soggetto esterno",
	Substitute:      "titolare del potere sostitutivo",
}

// ErrInvalidActor means an actor lacks an ID or has an unknown role.
var ErrInvalidActor = errors.New("office: invalid actor")

// String returns the role's stable name, e.g. "competent-office".
func (r Role) String() string {
	if int(r) < len(roleNames) && roleNames[r] != "" {
		return roleNames[r]
	}
	return fmt.Sprintf("Role(%d)", r)
}

// Italian returns the role's name for officers, e.g. "ufficio competente".
func (r Role) Italian() string {
	if int(r) < len(roleItalian) && roleItalian[r] != "" {
		return roleItalian[r]
	}
	return r.String()
}

// Valid reports whether r is one of the declared roles.
func (r Role) Valid() bool { return r >= FrontOffice && r <= Substitute }

// MarshalText encodes the role by its stable name.
func (r Role) MarshalText() ([]byte, error) {
	if !r.Valid() {
		return nil, fmt.Errorf("%w: role %d", ErrInvalidActor, r)
	}
	return []byte(r.String()), nil
}

// UnmarshalText decodes a role from its stable name.
func (r *Role) UnmarshalText(b []byte) error {
	for i, n := range roleNames {
		if n != "" && n == string(b) {
			*r = Role(i)
			return nil
		}
	}
	return fmt.Errorf("%w: unknown role %q", ErrInvalidActor, b)
}

// Actor is who performs an act: a member of staff acting in a role for an
// office, or, with role External, the system recording an act that came from
// outside. Actor IDs are staff or system identifiers (a username, "sistema"),
// never a citizen's name: the citizen's identity lives in the procedure's own
// personal-data fields.
type Actor struct {
	// ID identifies the member of staff or system, e.g. "m.rossi", "pec-gateway".
	ID string `json:"id"`
	// Role is the capacity in which the actor acts.
	Role Role `json:"role"`
	// Office is the office the actor acts for; empty for External.
	Office ID `json:"office,omitempty"`
}

// Validate reports an error wrapping ErrInvalidActor if a has no ID or an
// unknown role.
func (a Actor) Validate() error {
	if strings.TrimSpace(a.ID) == "" {
		return fmt.Errorf("%w: empty ID", ErrInvalidActor)
	}
	if !a.Role.Valid() {
		return fmt.Errorf("%w: %s has unknown role %d", ErrInvalidActor, a.ID, a.Role)
	}
	return nil
}

// String renders the actor for an audit trail: "m.rossi (ufficio competente, dip-mobilita)".
func (a Actor) String() string {
	if a.Office == "" {
		return fmt.Sprintf("%s (%s)", a.ID, a.Role.Italian())
	}
	return fmt.Sprintf("%s (%s, %s)", a.ID, a.Role.Italian(), a.Office)
}
