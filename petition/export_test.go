package petition

import (
	"sync/atomic"
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

// Folded is a folded state, for the property tests of the Service's
// incremental mode: folded by the Service's Runner functions (Replay,
// Fold, Copy, Index), the ones its acts use.
type Folded struct {
	s *Service
	a *aggregate
}

// ReplayFolded replays recs whole, as the Runner's Replay.
func (s *Service) ReplayFolded(id ID, recs []Record) (*Folded, error) {
	a, err := s.run.Replay(id, recs)
	if err != nil {
		return nil, err
	}
	return &Folded{s: s, a: a}, nil
}

// Fold folds recs onto f, as the Runner's Fold (which may change f's state
// in place).
func (f *Folded) Fold(recs []Record) error {
	a, err := f.s.run.Fold(f.a.p.ID, f.a, recs)
	if err != nil {
		return err
	}
	f.a = a
	return nil
}

// Copy returns a copy of f, as the Runner's Copy.
func (f *Folded) Copy() *Folded { return &Folded{s: f.s, a: f.s.run.Copy(f.a)} }

// View returns the Petition the Service returns for f.
func (f *Folded) View() Petition { return f.a.view() }

// Index returns the index the Service stores for f.
func (f *Folded) Index() Index { return f.s.run.Index(f.a) }

// CountReplays makes the Service count the histories it replays whole
// (instead of folding only the records after a kept state). Call it before
// the Service is used.
func (s *Service) CountReplays() *atomic.Int64 {
	var n atomic.Int64
	replay := s.run.Replay
	s.run.Replay = func(id ID, recs []Record) (*aggregate, error) {
		n.Add(1)
		return replay(id, recs)
	}
	return &n
}

// Kept returns the number of petitions whose folded state the Service keeps.
func (s *Service) Kept() int {
	if s.run.States == nil {
		return 0
	}
	return s.run.States.Len()
}
