package petition

import (
	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
)

// citeCodiceFiscale is the provision that defines the personal codice
// fiscale and its check character: DPR 605/1973 art. 1 and the DM 23
// dicembre 1976 (Finanze) on its structure, omocodia included.
var citeCodiceFiscale = law.Cite("DPR 605/1973", "1", "").WithNote("struttura e carattere di controllo: DM Finanze 23 dicembre 1976")

// MaxAge is the oldest age, in completed years, at which a signatory is
// taken to be alive when the age is read from the codice fiscale, whose
// year of birth has no century [P]. A code whose two-digit year reads both
// as a minor and as an adult of at most MaxAge years (on 1 April 2026,
// "20" is 2020 or 1920) is read as the adult: refusing a centenarian as a
// child would deny a right on a guess, and a declared date of birth, when
// there is one, settles the century. Since a minor's code always has an
// adult reading of at most 117 years, the code alone never proves that a
// signatory is under 18: only a declared date of birth does.
const MaxAge = 120

// mayBeOfAge reports whether some century makes the date of birth in the
// code cf one on which the person, on day on, has completed at least min
// years and at most MaxAge.
func mayBeOfAge(cf codicefiscale.Code, on deadline.Date, min int) bool {
	if cf.IsZero() || on.IsZero() {
		return false
	}
	yy, m, d := cf.BirthDay()
	for y := on.Year()/100*100 + yy; y >= on.Year()-MaxAge-1; y -= 100 {
		bd, err := deadline.NewDate(y, m, d)
		if err != nil || bd.After(on) {
			continue // 29 February of a century year that is not a leap year; a day to come
		}
		if age := ageOn(bd, on); age >= min && age <= MaxAge {
			return true
		}
	}
	return false
}

// ageOn reports the age in completed years on day on of a person born on
// birth. A person born on 29 February completes a year on 28 February in
// common years (art. 2963 c. 5 c.c.: a term in years ending in a month
// without that day ends on its last day).
func ageOn(birth, on deadline.Date) int {
	if birth.IsZero() || on.Before(birth) {
		return -1
	}
	years := on.Year() - birth.Year()
	if birth.AddYears(years).After(on) {
		years--
	}
	return years
}
