package petition

import (
	"maps"
	"slices"
	"strings"

	"github.com/puntodiascolto/ascolto/codicefiscale"
)

// signatorySet is the fold's set of live signatures, keyed by the codice
// fiscale as issued (codicefiscale.Key). Nearly every code is alone on its
// base (the code without omocodia, Key.Base): the set keeps those in one map
// keyed by the base, with the omocodia pattern (Key.Omocodia) in the value,
// so that finding a signatory is one lookup on a 64-bit key however many
// have signed. A live signature whose
// code shares its base with another's (an omocodic variant: another person,
// or a transcription error) goes in a second map, by base, in the order
// recorded, and the key of the base code goes in a third, to list them;
// such groups are the signatures to verify by hand.
type signatorySet struct {
	first  map[uint64]sigInfo           // by base: the earliest live signature
	shared map[uint64][]sigInfo         // by base: the later live ones, in order
	bases  map[uint64]codicefiscale.Key // by base, for each group in shared: the key of the base code
}

func newSignatorySet() signatorySet {
	return signatorySet{first: make(map[uint64]sigInfo)}
}

// clone returns a copy of s that adding to or removing from leaves s
// unchanged: the maps, and the slices of shared (remove deletes in place).
func (s signatorySet) clone() signatorySet {
	c := signatorySet{first: maps.Clone(s.first), bases: maps.Clone(s.bases)}
	if s.shared != nil {
		c.shared = make(map[uint64][]sigInfo, len(s.shared))
		for base, others := range s.shared {
			c.shared[base] = slices.Clone(others)
		}
	}
	return c
}

// get returns the live signature whose code is k.
func (s *signatorySet) get(k codicefiscale.Key) (sigInfo, bool) {
	info, ok := s.first[k.Base()]
	if !ok {
		return sigInfo{}, false
	}
	if info.subst == k.Omocodia() {
		return info, true
	}
	for _, v := range s.shared[k.Base()] { // the few codes sharing this base
		if v.subst == k.Omocodia() {
			return v, true
		}
	}
	return sigInfo{}, false
}

// add records a live signature of code k, which must not be in the set.
func (s *signatorySet) add(k codicefiscale.Key, info sigInfo) {
	info.subst = k.Omocodia()
	if _, ok := s.first[k.Base()]; !ok {
		s.first[k.Base()] = info
		return
	}
	if s.shared == nil {
		s.shared = make(map[uint64][]sigInfo)
		s.bases = make(map[uint64]codicefiscale.Key)
	}
	s.bases[k.Base()] = k.WithOmocodia(0)
	s.shared[k.Base()] = append(s.shared[k.Base()], info)
}

// remove deletes the live signature of code k and returns it.
func (s *signatorySet) remove(k codicefiscale.Key) (sigInfo, bool) {
	info, ok := s.first[k.Base()]
	if !ok {
		return sigInfo{}, false
	}
	others := s.shared[k.Base()]
	if info.subst == k.Omocodia() {
		if len(others) == 0 {
			delete(s.first, k.Base())
			return info, true
		}
		s.first[k.Base()] = others[0]
		s.setShared(k.Base(), slices.Delete(others, 0, 1))
		return info, true
	}
	for i, v := range others {
		if v.subst == k.Omocodia() {
			s.setShared(k.Base(), slices.Delete(others, i, i+1))
			return v, true
		}
	}
	return sigInfo{}, false
}

func (s *signatorySet) setShared(base uint64, others []sigInfo) {
	if len(others) == 0 {
		delete(s.shared, base)
		delete(s.bases, base)
		return
	}
	s.shared[base] = others
}

// verifications returns the groups of live signatures that share a base,
// ordered by base code.
func (s *signatorySet) verifications() []Verification {
	if len(s.shared) == 0 {
		return nil
	}
	out := make([]Verification, 0, len(s.shared))
	for base, others := range s.shared {
		k := s.bases[base]
		v := Verification{Base: k.Code().String()}
		v.Codes = append(v.Codes, k.WithOmocodia(s.first[base].subst).Code().String())
		for _, o := range others {
			v.Codes = append(v.Codes, k.WithOmocodia(o.subst).Code().String())
		}
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b Verification) int { return strings.Compare(a.Base, b.Base) })
	return out
}
