package procedure

import (
	"errors"
	"fmt"

	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/law"
)

// The error vocabulary every procedure shares. Every error an act returns
// wraps one of these, one of history's (ErrNotFound, ErrExists,
// ErrConflict, ErrInvalid, ErrBroken) or a context error; test with
// errors.Is. Nothing is stored when an act fails.
var (
	// ErrNotAllowed: the act is not allowed in the case's current state
	// (a *NotAllowedError citing the act's rule).
	ErrNotAllowed = errors.New("procedure: act not allowed in this state")
	// ErrForbidden: the actor may not perform the act, by role or by
	// office (a *ForbiddenError or a *RuleError).
	ErrForbidden = errors.New("procedure: actor not permitted")
	// ErrRule: the act breaks a rule of law or of the administration's
	// policy; the error is a *RuleError citing it.
	ErrRule = errors.New("procedure: rule violated")
	// ErrPersonalData: a text meant for publication contains personal data
	// (art. 5 c. 1 lett. c Reg. UE 2016/679); wrapped by a *RuleError that
	// names the field and the kind of datum, never the datum.
	ErrPersonalData = errors.New("procedure: personal data in a publishable text")
)

// RuleError is a refused act: it names the rule the act would break and
// why. It wraps ErrRule, ErrForbidden (a rule about who may act) or
// ErrPersonalData.
type RuleError struct {
	// Rule is the provision the act would break.
	Rule law.Citation
	// Reason says what is wrong, in English, without personal data.
	Reason string
	kind   error
}

// Error implements error.
func (e *RuleError) Error() string {
	if e.Rule.IsZero() {
		return fmt.Sprintf("%v: %s", e.kind, e.Reason)
	}
	return fmt.Sprintf("%v: %s (%s)", e.kind, e.Reason, e.Rule)
}

// Unwrap returns ErrRule, ErrForbidden or ErrPersonalData.
func (e *RuleError) Unwrap() error { return e.kind }

// Refuse returns a *RuleError wrapping ErrRule.
func Refuse(rule law.Citation, format string, args ...any) error {
	return &RuleError{Rule: rule, Reason: fmt.Sprintf(format, args...), kind: ErrRule}
}

// Forbid returns a *RuleError wrapping ErrForbidden.
func Forbid(rule law.Citation, format string, args ...any) error {
	return &RuleError{Rule: rule, Reason: fmt.Sprintf(format, args...), kind: ErrForbidden}
}

// PersonalData returns a *RuleError wrapping ErrPersonalData.
func PersonalData(rule law.Citation, format string, args ...any) error {
	return &RuleError{Rule: rule, Reason: fmt.Sprintf(format, args...), kind: ErrPersonalData}
}

// Invalid returns an error wrapping history.ErrInvalid.
func Invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", history.ErrInvalid, fmt.Sprintf(format, args...))
}

// IsRule reports whether err is a refusal under a rule and returns it.
func IsRule(err error) (*RuleError, bool) {
	var re *RuleError
	ok := errors.As(err, &re)
	return re, ok
}
