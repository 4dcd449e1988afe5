package petition

import (
	"errors"
	"fmt"
	"strings"

	"github.com/puntodiascolto/ascolto/law"
)

// Sentinel errors. Every error the package returns wraps one of them (or
// codicefiscale.ErrInvalid, or a context error); test with errors.Is.
var (
	// ErrNotFound: no petition with that ID.
	ErrNotFound = errors.New("petition: not found")
	// ErrExists: a petition with that ID already exists.
	ErrExists = errors.New("petition: already exists")
	// ErrConflict: another writer changed the petition since it was read;
	// reload and retry the act if it still makes sense.
	ErrConflict = errors.New("petition: conflict")
	// ErrInvalid: records handed to a Store are not a sealed continuation of
	// the history, or a query is malformed.
	ErrInvalid = errors.New("petition: invalid records or query")
	// ErrInvalidEvent: an act or event lacks what it needs (a subject, a
	// reason, a known kind...), or a configuration is unusable.
	ErrInvalidEvent = errors.New("petition: invalid event")
	// ErrNotAllowed: the act is not allowed in the petition's state.
	ErrNotAllowed = errors.New("petition: act not allowed in this state")
	// ErrForbidden: the actor may not perform the act.
	ErrForbidden = errors.New("petition: actor may not perform this act")

	// ErrRule is wrapped by every *RuleError: the act is refused by a rule
	// of law or policy, which the error cites.
	ErrRule = errors.New("petition: refused by rule")
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
	// ErrPersonalData: a text meant for publication (a subject, a matter, a
	// protocol, the grounds, the summary or reference of the answer, the
	// reason for archiving) contains personal data.
	ErrPersonalData = errors.New("petition: personal data in a text meant for publication")
)

// RuleError is an act refused by a rule: which rule, and why. It wraps
// ErrRule and, when set, the more specific sentinel in Err (ErrThreshold,
// ErrWindow, ErrDuplicate, ErrIneligible, ErrOnline, ErrPersonalData).
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

// Unwrap returns ErrRule and the specific sentinel.
func (e *RuleError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrRule}
	}
	return []error{ErrRule, e.Err}
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
