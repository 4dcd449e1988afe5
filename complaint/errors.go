package complaint

import (
	"errors"
	"fmt"

	"github.com/puntodiascolto/ascolto/law"
)

// Errors returned by the package. Test them with errors.Is; the store
// sentinels are also what a Store implementation must wrap (see
// complainttest).
var (
	// ErrNotFound: no complaint has that ID.
	ErrNotFound = errors.New("complaint: not found")
	// ErrExists: a complaint with that ID already exists.
	ErrExists = errors.New("complaint: already exists")
	// ErrConflict: the complaint changed since it was read (another
	// officer acted first); reload and decide again.
	ErrConflict = errors.New("complaint: conflict")
	// ErrInvalid: malformed input: an event, a place, a query, a record
	// out of sequence.
	ErrInvalid = errors.New("complaint: invalid")
	// ErrNotAllowed: the act is not allowed in the complaint's state.
	ErrNotAllowed = errors.New("complaint: act not allowed")
	// ErrForbidden: the actor may not perform the act (wrong role, or an
	// office acting on a complaint assigned to another office).
	ErrForbidden = errors.New("complaint: forbidden")
	// ErrRule: the act breaks a rule of the procedure; the *RuleError
	// says which.
	ErrRule = errors.New("complaint: rule not met")
)

// RuleError is a refusal grounded on a rule of the procedure: the reopening
// window has passed, the outcome does not fit the kind, the office is outside
// the administration. It wraps ErrRule.
type RuleError struct {
	// Rule is the provision (or the administration's policy) enforced.
	Rule law.Citation
	// Reason says what is wrong, in English.
	Reason string
}

// Error implements error.
func (e *RuleError) Error() string {
	if e.Rule.IsZero() {
		return fmt.Sprintf("complaint: %s", e.Reason)
	}
	return fmt.Sprintf("complaint: %s (%s)", e.Reason, e.Rule)
}

// Unwrap returns ErrRule.
func (e *RuleError) Unwrap() error { return ErrRule }

func ruleErr(rule law.Citation, format string, args ...any) error {
	return &RuleError{Rule: rule, Reason: fmt.Sprintf(format, args...)}
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}
