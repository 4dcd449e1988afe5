package complaint

import (
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/procedure"
)

// Sentinel errors, the same values as history's and procedure's: every
// error the package returns wraps one of them (or a context error); test
// with errors.Is. Nothing is stored when an act fails.
var (
	// ErrNotFound: no complaint has that ID.
	ErrNotFound = history.ErrNotFound
	// ErrExists: a complaint with that ID already exists.
	ErrExists = history.ErrExists
	// ErrConflict: the complaint changed since it was read (another
	// officer acted first, or a merger touched the master meanwhile);
	// reload and decide again (procedure.Retry). The Service never retries
	// on its own.
	ErrConflict = history.ErrConflict
	// ErrInvalid: malformed input or history: an event, a place, a query,
	// a text over its limit or not valid UTF-8 (*history.TextError), a
	// history Replay cannot read.
	ErrInvalid = history.ErrInvalid
	// ErrBroken: a stored history does not verify (see *history.BrokenError).
	ErrBroken = history.ErrBroken
	// ErrNotAllowed: the act is not allowed in the complaint's state
	// (wrapped by *procedure.NotAllowedError, which cites the act's rule).
	ErrNotAllowed = procedure.ErrNotAllowed
	// ErrForbidden: the actor may not perform the act (wrong role, or an
	// office acting on a complaint assigned to another office).
	ErrForbidden = procedure.ErrForbidden
	// ErrRule: the act breaks a rule of the procedure; the *RuleError
	// says which.
	ErrRule = procedure.ErrRule
)

// RuleError is a refusal grounded on a rule of the procedure: the reopening
// window has passed, the outcome does not fit the kind, the office is outside
// the administration, a publishable text carries personal data. It wraps
// ErrRule, or ErrForbidden when the rule is about who may act. Test for it
// with procedure.IsRule.
type RuleError = procedure.RuleError

func ruleErr(rule law.Citation, format string, args ...any) error {
	return procedure.Refuse(rule, format, args...)
}

func invalid(format string, args ...any) error { return procedure.Invalid(format, args...) }
