package petition

import (
	"errors"
	"fmt"
	"strings"

	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/procedure"
)

// Sentinel errors. The shared ones are the same values as history's and
// procedure's, so that errors.Is works the same whichever procedure a
// caller uses; the petition's own (ErrInvalidEvent, ErrThreshold,
// ErrWindow, ErrDuplicate, ErrIneligible, ErrOnline) say more precisely why
// an act was refused. Every error the package returns wraps one of them (or
// codicefiscale.ErrInvalid, or a context error); test with errors.Is.
// Nothing is stored when an act fails.
var (
	// ErrNotFound: no petition with that ID.
	ErrNotFound = history.ErrNotFound
	// ErrExists: a petition with that ID already exists.
	ErrExists = history.ErrExists
	// ErrConflict: another act was recorded on the petition since it was
	// read (by this process or another one on the same store), or the act's
	// Version is stale; reload and decide again (procedure.Retry). The
	// Service never retries on its own.
	ErrConflict = history.ErrConflict
	// ErrInvalid: malformed input: an empty or invalid actor or ID, a text
	// that is not valid UTF-8 or is over its limit (*history.TextError), a
	// malformed event or configuration (ErrInvalidEvent), a bad query.
	ErrInvalid = history.ErrInvalid
	// ErrBroken: a stored history does not verify (*history.BrokenError).
	ErrBroken = history.ErrBroken
	// ErrNotAllowed: the act is not allowed in the petition's state
	// (*procedure.NotAllowedError, citing the act's rule).
	ErrNotAllowed = procedure.ErrNotAllowed
	// ErrForbidden: the actor may not perform the act, by role
	// (*procedure.ForbiddenError) or by office (*procedure.RuleError).
	ErrForbidden = procedure.ErrForbidden
	// ErrRule is wrapped by every *RuleError: the act is refused by a rule
	// of law or policy, which the error cites.
	ErrRule = procedure.ErrRule
	// ErrPersonalData: a text meant for publication (a subject, a matter, a
	// protocol, the grounds, the summary or reference of the answer, the
	// reason for archiving) contains personal data. A *RuleError wraps it
	// with ErrRule.
	ErrPersonalData = procedure.ErrPersonalData

	// ErrInvalidEvent: an act or event lacks what it needs (a subject, a
	// reason, a known kind...), or a configuration is unusable. It wraps
	// ErrInvalid.
	ErrInvalidEvent error = &invalidError{"petition: invalid event"}
	// ErrThreshold: not enough valid signatures to file.
	ErrThreshold = errors.New("petition: signature threshold not reached")
	// ErrWindow: a signature is dated outside the collection window.
	ErrWindow = errors.New("petition: signature outside the collection window")
	// ErrDuplicate: the person has already signed.
	ErrDuplicate = errors.New("petition: duplicate signature")
	// ErrIneligible: the signatory does not belong to an eligibility category,
	// is under age or declared no evidence.
	ErrIneligible = errors.New("petition: signatory not eligible")
	// ErrOnline: the kind does not accept this online signature.
	ErrOnline = errors.New("petition: online signature not accepted")
)

// invalidError is a sentinel of the petition's own that wraps ErrInvalid,
// so that errors.Is(err, ErrInvalid) holds for every malformed input.
type invalidError struct{ msg string }

func (e *invalidError) Error() string { return e.msg }

func (e *invalidError) Unwrap() error { return ErrInvalid }

// RuleError is an act refused by a rule: which rule, and why. It wraps
// ErrRule (procedure.ErrRule) and, when set, the more specific sentinel in
// Err (ErrThreshold, ErrWindow, ErrDuplicate, ErrIneligible, ErrOnline,
// ErrPersonalData). It is the petition's own type, not procedure.RuleError,
// because a refusal of a signature names its specific sentinel; it also
// unwraps to a *procedure.RuleError with the same rule and reason, so that
// procedure.IsRule finds it as it finds the other procedures' refusals.
type RuleError struct {
	// Rule is the provision applied.
	Rule law.Citation
	// Reason says in Italian what the rule requires and what was found.
	Reason string
	// Err is the specific sentinel, or nil.
	Err error
}

// Error returns the reason and the rule cited.
func (e *RuleError) Error() string {
	if e.Rule.IsZero() {
		return "petition: " + e.Reason
	}
	return fmt.Sprintf("petition: %s (%s)", e.Reason, e.Rule)
}

// Unwrap returns the refusal as a *procedure.RuleError (which wraps
// ErrRule) and the specific sentinel.
func (e *RuleError) Unwrap() []error {
	rule := procedure.Refuse(e.Rule, "%s", e.Reason)
	if e.Err == nil {
		return []error{rule}
	}
	return []error{rule, e.Err}
}

// SignatureError is the refusal of one signature of a batch.
type SignatureError struct {
	// Index is the signature's position in the batch passed to Sign, from 0.
	Index int
	// Err is why it was refused: a *RuleError or a *codicefiscale.Error.
	Err error
}

// Error returns the signature's position and why it was refused.
func (e *SignatureError) Error() string {
	return fmt.Sprintf("petition: signature %d: %s", e.Index, strings.TrimPrefix(e.Err.Error(), "petition: "))
}

// Unwrap returns the reason.
func (e *SignatureError) Unwrap() error { return e.Err }

// BatchError lists the signatures of a batch that were refused. Sign is all
// or nothing: when it returns a BatchError, no signature of the batch was
// recorded; the caller may drop the refused ones and sign the rest again.
type BatchError struct {
	// Refused are the refused signatures, in batch order.
	Refused []SignatureError
	// Of is the size of the batch.
	Of int
}

// Error counts the refusals and lists the first three.
func (e *BatchError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "petition: %d of %d signatures refused", len(e.Refused), e.Of)
	for i, r := range e.Refused {
		if i == 3 {
			fmt.Fprintf(&b, "; and %d more", len(e.Refused)-i)
			break
		}
		b.WriteString("; ")
		b.WriteString(strings.TrimPrefix(r.Error(), "petition: "))
	}
	return b.String()
}

// Unwrap returns each refusal, so that errors.Is(err, ErrDuplicate) tells
// whether any signature was a duplicate.
func (e *BatchError) Unwrap() []error {
	out := make([]error, len(e.Refused))
	for i := range e.Refused {
		out[i] = &e.Refused[i]
	}
	return out
}
