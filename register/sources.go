package register

import (
	"bytes"
	"cmp"
	"iter"
	"slices"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/register/council"
)

// Section names a kind of history a report reads, in an Anchor's Parts.
type Section string

// The sections of a report, in the order an Anchor lists them.
const (
	PartAccess     Section = "accesso"   // access requests
	PartComplaints Section = "reclami"   // complaints, reports, suggestions
	PartPetitions  Section = "petizioni" // petitions and popular initiatives
	PartCouncil    Section = "consiglio" // council acts
)

// Italian names the section in a sentence: "richieste di accesso".
func (s Section) Italian() string {
	switch s {
	case PartAccess:
		return "richieste di accesso"
	case PartComplaints:
		return "reclami e segnalazioni"
	case PartPetitions:
		return "petizioni"
	case PartCouncil:
		return "atti del Consiglio"
	}
	return string(s)
}

// Part is the anchor of one section of a report: the number of histories
// of that kind the report read and history.Digest over their heads, in a
// fixed order whatever the input's order:
//
//   - access requests: the register's order (receipt day, protocol number,
//     head), labelled by protocol number, so that this part and the
//     register's Anchor (AnchorOf) agree over the same requests;
//   - complaints and petitions: by receipt (filing) day, then head,
//     labelled by that day (yyyy-mm-dd): a Case has no public number;
//   - council acts: by filing day, then the act's public identifier
//     (council.ActID, "AC:INT/2026/12"), then head, labelled by it.
//
// No label is a store's ID, so the anchor does not depend on how a store
// names cases.
type Part struct {
	Section   Section      `json:"sezione"`
	Histories int          `json:"storie"`
	Digest    history.Hash `json:"impronta"`
}

// sources keeps what the anchor of a report needs of each history it
// reads (about 60 bytes each), so that its digest follows a fixed order
// whatever the order of the input.
type sources struct {
	parts []sourcePart
}

type sourcePart struct {
	section Section
	heads   []sourceHead
}

type sourceHead struct {
	filed deadline.Date
	label string
	head  history.Head
}

// part returns the collector of section, adding it on first use.
func (s *sources) part(section Section) *sourcePart {
	for i := range s.parts {
		if s.parts[i].section == section {
			return &s.parts[i]
		}
	}
	s.parts = append(s.parts, sourcePart{section: section})
	return &s.parts[len(s.parts)-1]
}

// requests passes reqs through, keeping the heads of those received up to
// last (what AccessMonitoring counts).
func (s *sources) requests(reqs iter.Seq[*access.Request], last deadline.Date) iter.Seq[*access.Request] {
	p := s.part(PartAccess)
	return func(yield func(*access.Request) bool) {
		for r := range reqs {
			if r != nil && !r.Received.After(last) {
				p.heads = append(p.heads, sourceHead{r.Received, r.Protocol.Number, r.Head()})
			}
			if !yield(r) {
				return
			}
		}
	}
}

// cases passes cs through, keeping the heads of those received up to last.
func (s *sources) cases(section Section, cs iter.Seq[Case], last deadline.Date) iter.Seq[Case] {
	p := s.part(section)
	return func(yield func(Case) bool) {
		for c := range cs {
			if !c.Received.After(last) {
				p.heads = append(p.heads, sourceHead{c.Received, c.Received.String(), c.Head})
			}
			if !yield(c) {
				return
			}
		}
	}
}

// council passes acts through, keeping the heads of those filed up to last.
func (s *sources) council(acts iter.Seq[council.Item], last deadline.Date) iter.Seq[council.Item] {
	p := s.part(PartCouncil)
	return func(yield func(council.Item) bool) {
		for a := range acts {
			if !a.Filed.After(last) {
				p.heads = append(p.heads, sourceHead{a.Filed, string(council.ActID(a.Body, a.Number)), a.Head()})
			}
			if !yield(a) {
				return
			}
		}
	}
}

// anchor digests each part in its order, then the parts: the Anchor's
// Digest is history.Digest over the parts labelled by section, each
// head being (Histories, Digest) of the part. Nil when nothing was read.
func (s *sources) anchor() *Anchor {
	if len(s.parts) == 0 {
		return nil
	}
	slices.SortFunc(s.parts, func(a, b sourcePart) int { return cmp.Compare(sectionOrder(a.section), sectionOrder(b.section)) })
	var all history.Digester
	a := &Anchor{}
	for _, sp := range s.parts {
		slices.SortFunc(sp.heads, compareHeads)
		var d history.Digester
		for _, h := range sp.heads {
			d.Add(h.label, h.head)
		}
		p := Part{Section: sp.section, Histories: d.Len(), Digest: d.Sum()}
		all.Add(string(p.Section), history.Head{Version: p.Histories, Hash: p.Digest})
		a.Parts = append(a.Parts, p)
		a.Histories += p.Histories
	}
	a.Digest = all.Sum()
	return a
}

func sectionOrder(s Section) int {
	return slices.Index([]Section{PartAccess, PartComplaints, PartPetitions, PartCouncil}, s)
}

// compareHeads orders by day, label (as protocol numbers), then head.
func compareHeads(a, b sourceHead) int {
	if c := a.filed.Compare(b.filed); c != 0 {
		return c
	}
	if c := CompareProtocol(a.label, b.label); c != 0 {
		return c
	}
	if c := cmp.Compare(a.head.Version, b.head.Version); c != 0 {
		return c
	}
	return bytes.Compare(a.head.Hash[:], b.head.Hash[:])
}
