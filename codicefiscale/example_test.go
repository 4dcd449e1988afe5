package codicefiscale_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/puntodiascolto/ascolto/codicefiscale"
)

func ExampleParse() {
	cf, err := codicefiscale.Parse("rssmra85t10a56nh") // omocodic, lower case
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cf, "sostituzioni:", cf.Substitutions())
	fmt.Println("senza omocodia:", cf.Normalized(), "- stesso codice:", cf.Equal(cf.Normalized()), "- stessa base:", cf.SameBase(cf.Normalized()))
	born := cf.BirthDate(time.Date(2026, time.March, 2, 0, 0, 0, 0, time.UTC))
	fmt.Println("nato il", born.Format("02/01/2006"), "sesso", cf.Sex(), "luogo", cf.Place())

	_, err = codicefiscale.Parse("TINIT-RSSMRA85T10A562X")
	var ce *codicefiscale.Error
	if errors.As(err, &ce) {
		fmt.Println(ce.Reason, "in posizione", ce.Position, "- atteso", ce.Want)
	}
	fmt.Println(errors.Is(err, codicefiscale.ErrInvalid))
	// Output:
	// RSSMRA85T10A56NH sostituzioni: 1
	// senza omocodia: RSSMRA85T10A562S - stesso codice: false - stessa base: true
	// nato il 10/12/1985 sesso M luogo A562
	// carattere di controllo errato in posizione 16 - atteso S
	// true
}

// A set of codes keyed by Key: the same code as issued is found whatever
// its case, spacing or SPID prefix; an omocodic variant is another code
// with the same base.
func ExampleKey() {
	seen := map[codicefiscale.Key]bool{}
	for _, s := range []string{"RSSMRA85T10A562S", "tinit-rssmra85t10a562s", "RSSMRA85T10A56NH"} {
		k, err := codicefiscale.ParseKey(s)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(k.Code(), "già visto:", seen[k], "omocodia:", k.Omocodia(), "base:", k.WithOmocodia(0).Code())
		seen[k] = true
	}
	// Output:
	// RSSMRA85T10A562S già visto: false omocodia: 0 base: RSSMRA85T10A562S
	// RSSMRA85T10A562S già visto: true omocodia: 0 base: RSSMRA85T10A562S
	// RSSMRA85T10A56NH già visto: false omocodia: 64 base: RSSMRA85T10A562S
}

// Complete makes a valid code from its first fifteen characters, e.g.
// synthetic signatories for a simulation.
func ExampleComplete() {
	for _, first15 := range []string{"RSSMRA85T10A562", "VRDLCU90A41H501"} {
		cf, err := codicefiscale.Complete(first15)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(cf, cf.Sex())
	}
	// Output:
	// RSSMRA85T10A562S M
	// VRDLCU90A41H501M F
}
