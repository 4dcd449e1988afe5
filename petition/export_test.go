package petition

import (
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/office"
)

// Roll exposes to the benchmarks the path a signature takes in the
// Service's guard and fold: admission (eligibility, window, duplicate
// lookup in the signatory set) and insertion.
type Roll struct{ a *aggregate }

// NewRoll returns the folded state of a proposal whose collection opened on
// opened, under Rome's policy.
func NewRoll(opened deadline.Date) *Roll {
	y, m, d := opened.Date()
	at := time.Date(y, m, d, 9, 0, 0, 0, time.UTC)
	recs, err := history.Extend(history.Head{}, at, opened, office.Actor{ID: "bench", Role: office.FrontOffice}, citeArt8c2,
		Registration{Kind: PropostaDeliberazione, Addressee: AssembleaCapitolina, Channel: Counter, Subject: "s",
			Promoters: []Person{{FamilyName: "P"}}}.Event(),
		Collection{}.Event())
	if err != nil {
		panic(err)
	}
	a, err := replay("bench", recs, deadline.Rome(), Rome())
	if err != nil {
		panic(err)
	}
	return &Roll{a: a}
}

// Add admits s on day today and adds it to the set.
func (r *Roll) Add(s Signature, today deadline.Date) error {
	if _, err := r.a.admit(&s, today, 1); err != nil {
		return err
	}
	r.a.sign([]Signature{s})
	return nil
}

// Valid returns the number of valid signatures.
func (r *Roll) Valid() int { return r.a.p.Signatures.Valid }
