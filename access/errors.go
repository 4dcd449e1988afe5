package access

import (
	"errors"
	"fmt"

	"github.com/puntodiascolto/ascolto/internal/eventstore"
	"github.com/puntodiascolto/ascolto/internal/lifecycle"
	"github.com/puntodiascolto/ascolto/law"
)

// Sentinel errors. Every error the package returns wraps one of them (or a
// context error); test with errors.Is.
var (
	// ErrNotFound: no request with that ID.
	ErrNotFound = errors.New("access: request not found")
	// ErrExists: a request with that ID already exists.
	ErrExists = errors.New("access: request already exists")
	// ErrConflict: another act was recorded on the request since it was
	// read; reload and decide again. The Service never retries on its own.
	ErrConflict = errors.New("access: concurrent modification")
	// ErrInvalid: malformed input or history (an empty ID, a record out of
	// sequence, an event without its payload, a history Replay cannot read).
	ErrInvalid = errors.New("access: invalid")
	// ErrNotAllowed: the act is not allowed in the request's current state
	// (wrapped by *lifecycle.NotAllowedError, which cites the act's rule).
	ErrNotAllowed = errors.New("access: act not allowed in this state")
	// ErrForbidden: the actor may not perform the act, by role or by office
	// (wrapped by *lifecycle.ForbiddenError or *RuleError).
	ErrForbidden = errors.New("access: actor not permitted")
	// ErrRule: the act breaks a rule of law; the error is a *RuleError
	// citing it.
	ErrRule = errors.New("access: rule violated")
)

// storeErrors are the sentinels the shared store machinery wraps.
var storeErrors = eventstore.Errors{NotFound: ErrNotFound, Exists: ErrExists, Conflict: ErrConflict, Invalid: ErrInvalid}

// tableErrors are the sentinels the lifecycle tables wrap.
var tableErrors = lifecycle.Errors{NotAllowed: ErrNotAllowed, Forbidden: ErrForbidden}

// RuleError is a refused act: it names the rule the act would break and why.
// It wraps ErrRule, or ErrForbidden when the rule is about who may act (a
// decision by an office that is not the competent one). Nothing is stored
// when an act is refused.
type RuleError struct {
	// Rule is the provision the act would break.
	Rule law.Citation
	// Reason says what is wrong, in English.
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

// Unwrap returns ErrRule or ErrForbidden.
func (e *RuleError) Unwrap() error { return e.kind }

// ruleErr builds a *RuleError wrapping ErrRule.
func ruleErr(rule law.Citation, format string, args ...any) error {
	return &RuleError{Rule: rule, Reason: fmt.Sprintf(format, args...), kind: ErrRule}
}

// forbidErr builds a *RuleError wrapping ErrForbidden.
func forbidErr(rule law.Citation, format string, args ...any) error {
	return &RuleError{Rule: rule, Reason: fmt.Sprintf(format, args...), kind: ErrForbidden}
}

// invalidf builds an error wrapping ErrInvalid.
func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}
