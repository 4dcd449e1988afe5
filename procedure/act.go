package procedure

import (
	"fmt"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
)

// Act says who performs an act on which case and on which day the fact took
// place. Every act of every procedure takes one: Service.X(ctx, act, payload).
//
// The zero On means today by the Service's clock; a past date records a fact
// that happened earlier (an opposition received by PEC on Friday, entered on
// Monday). A future On is refused (ErrRule). Each procedure says which acts
// may be dated before acts already recorded.
type Act[ID ~string] struct {
	// ID is the case acted on. For an act that opens a case, an empty ID
	// lets the Service assign one.
	ID ID
	// By is the actor: a member of staff or a system, never a citizen's name.
	By office.Actor
	// On is the day of the fact; zero means today.
	On deadline.Date
	// Version, when not zero, is the version of the case the actor saw: the
	// act fails with history.ErrConflict if the case has moved on since
	// (another officer acted meanwhile). Zero acts on the latest version.
	Version int
}

// Check validates the act's own fields: the actor (ID and role, valid UTF-8,
// ID and office at most 200 characters each) and, unless creating, the case ID.
// Errors wrap history.ErrInvalid.
func (a Act[ID]) Check(creating bool) error {
	if err := history.CheckUTF8(a.By); err != nil {
		return err
	}
	if err := a.By.Validate(); err != nil {
		return fmt.Errorf("%w: actor: %w", history.ErrInvalid, err)
	}
	// A limit tag on a struct field does not reach the struct's own fields:
	// the actor's texts are checked one by one.
	type actor struct {
		ID     string    `limit:"200"`
		Office office.ID `limit:"200"`
	}
	if err := CheckText(struct{ Actor actor }{actor{a.By.ID, a.By.Office}}); err != nil {
		return err
	}
	if creating && a.ID == "" {
		return nil
	}
	return history.CheckID(string(a.ID))
}

// citeChronology is the rule that acts follow one another in time.
var citeChronology = law.Citation{Note: "coerenza cronologica: un atto non può precedere quelli che presuppone né essere datato nel futuro", Confidence: law.Policy}

// Chronology returns the citation of the rule that acts follow one another
// in time, for a procedure's own date guards.
func Chronology() law.Citation { return citeChronology }
