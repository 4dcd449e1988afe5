package access

import "github.com/puntodiascolto/ascolto/deadline"

// SubstituteTerm returns the term within which the titolare del potere
// sostitutivo concludes a request of kind k once the applicant asked it:
// half the original term (art. 2 c. 9-ter L. 241/1990). Letters state it
// among the remedies against inaction (package letter).
func SubstituteTerm(k Kind) deadline.Term { return substituteTerm(k) }
