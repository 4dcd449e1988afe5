package petition

import (
	"slices"
	"strings"
)

// signatorySet is the fold's set of live signatures, keyed by the codice
// fiscale as issued (CFKey). Nearly every code is alone on its base (the
// code without omocodia): the set keeps those in one map keyed by the base,
// with the omocodia pattern in the value, so that finding a signatory is one
// lookup on a 64-bit key however many have signed. A live signature whose
// code shares its base with another's (an omocodic variant: another person,
// or a transcription error) goes in a second map, by base, in the order
// recorded; such groups are the signatures to verify by hand.
type signatorySet struct {
	first  map[uint64]sigInfo   // by base: the earliest live signature
	shared map[uint64][]sigInfo // by base: the later live ones, in order
}

func newSignatorySet() signatorySet {
	return signatorySet{first: make(map[uint64]sigInfo)}
}

// get returns the live signature whose code is k.
func (s *signatorySet) get(k CFKey) (sigInfo, bool) {
	info, ok := s.first[k.base]
	if !ok {
		return sigInfo{}, false
	}
	if info.subst == k.subst {
		return info, true
	}
	for _, v := range s.shared[k.base] { // the few codes sharing this base
		if v.subst == k.subst {
			return v, true
		}
	}
	return sigInfo{}, false
}

// add records a live signature of code k, which must not be in the set.
func (s *signatorySet) add(k CFKey, info sigInfo) {
	info.subst = k.subst
	if _, ok := s.first[k.base]; !ok {
		s.first[k.base] = info
		return
	}
	if s.shared == nil {
		s.shared = make(map[uint64][]sigInfo)
	}
	s.shared[k.base] = append(s.shared[k.base], info)
}

// remove deletes the live signature of code k and returns it.
func (s *signatorySet) remove(k CFKey) (sigInfo, bool) {
	info, ok := s.first[k.base]
	if !ok {
		return sigInfo{}, false
	}
	others := s.shared[k.base]
	if info.subst == k.subst {
		if len(others) == 0 {
			delete(s.first, k.base)
			return info, true
		}
		s.first[k.base] = others[0]
		s.setShared(k.base, slices.Delete(others, 0, 1))
		return info, true
	}
	for i, v := range others {
		if v.subst == k.subst {
			s.setShared(k.base, slices.Delete(others, i, i+1))
			return v, true
		}
	}
	return sigInfo{}, false
}

func (s *signatorySet) setShared(base uint64, others []sigInfo) {
	if len(others) == 0 {
		delete(s.shared, base)
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
		v := Verification{Base: CFKey{base: base}.code()}
		v.Codes = append(v.Codes, CFKey{base: base, subst: s.first[base].subst}.code())
		for _, o := range others {
			v.Codes = append(v.Codes, CFKey{base: base, subst: o.subst}.code())
		}
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b Verification) int { return strings.Compare(a.Base, b.Base) })
	return out
}
