// Package codicefiscale parses and validates the personal codice fiscale,
// the Italian tax code that identifies a natural person to the public
// administration (DPR 29 settembre 1973 n. 605, art. 1).
//
// A personal code has 16 characters, built by the rules of the DM Finanze
// 23 dicembre 1976: three letters from the surname and three from the
// given name (positions 1-6), the last two digits of the year of birth
// (7-8), a letter for the month (9, one of ABCDEHLMPRST), the day of birth
// (10-11, plus 40 for women), the cadastral (Belfiore) code of the
// municipality of birth, or "Z" and three digits for a foreign country
// (12-15), and a check character computed from the other fifteen (16).
// Parse checks all of this, accepting lower case, spaces and the "TINIT-"
// prefix SPID identity providers put before the code, and returns a Code;
// an invalid string gives a *Error, wrapping ErrInvalid, that says what is
// wrong and where without repeating the code, which is personal data.
//
// # Omocodia
//
// Two people can get the same code (same initials, date and place of
// birth). The Agenzia delle Entrate then issues the later one an omocodic
// variant (DM Finanze 12 marzo 1974 and 23 dicembre 1976): starting from
// the right, digits at positions 15, 14, 13, 11, 10, 8 and 7 are replaced
// by the letters LMNPQRSTUV (L for 0 ... V for 9), and the check character
// is recomputed. A variant is therefore another person: Code.Equal and Key
// compare codes as issued, while Code.Normalized undoes the substitutions
// and Code.SameBase tells codes that coincide once undone, to be checked by
// hand (a digit misread as its omocodia letter on a paper form gives the
// same pattern).
//
// The year of birth has no century in the code: Code.BirthDay returns the
// two digits, and Code.BirthDate guesses the century that puts the birth
// latest before a given day.
//
// The package only reads the structure: it does not know whether a code
// was issued, nor the municipalities behind the Belfiore codes. The
// 11-digit codes of companies and bodies are not personal codes and are
// refused.
package codicefiscale
