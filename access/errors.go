package access

import (
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/procedure"
)

// Sentinel errors, the same values as history's and procedure's: every
// error the package returns wraps one of them (or a context error); test
// with errors.Is. Nothing is stored when an act fails.
var (
	// ErrNotFound: no request with that ID.
	ErrNotFound = history.ErrNotFound
	// ErrExists: a request with that ID already exists.
	ErrExists = history.ErrExists
	// ErrConflict: another act was recorded on the request since it was
	// read; reload and decide again (procedure.Retry). The Service never
	// retries on its own.
	ErrConflict = history.ErrConflict
	// ErrInvalid: malformed input or history (an empty ID, a text over its
	// limit or not valid UTF-8, an event without its payload, a history
	// Replay cannot read).
	ErrInvalid = history.ErrInvalid
	// ErrBroken: a stored history does not verify (see *history.BrokenError).
	ErrBroken = history.ErrBroken
	// ErrNotAllowed: the act is not allowed in the request's current state
	// (wrapped by *procedure.NotAllowedError, which cites the act's rule).
	ErrNotAllowed = procedure.ErrNotAllowed
	// ErrForbidden: the actor may not perform the act, by role or by office
	// (wrapped by *procedure.ForbiddenError or *RuleError).
	ErrForbidden = procedure.ErrForbidden
	// ErrRule: the act breaks a rule of law; the error is a *RuleError
	// citing it.
	ErrRule = procedure.ErrRule
	// ErrPersonalData: a publishable text contains personal data; wrapped
	// by a *RuleError naming the kind of datum, never the datum.
	ErrPersonalData = procedure.ErrPersonalData
)

// RuleError is a refused act: it names the rule the act would break and
// why. It wraps ErrRule, ErrForbidden when the rule is about who may act (a
// decision by an office that is not the competent one), or ErrPersonalData.
// Test for it with procedure.IsRule.
type RuleError = procedure.RuleError
