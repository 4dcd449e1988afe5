package register

import "github.com/puntodiascolto/ascolto/history"

// Anchor states what a published register was built from: the number of
// request histories it covers and one digest over their heads (version and
// hash of each history's last record, history.Digest), taken in the file's
// row order and labelled by protocol number. Anyone holding the histories
// can replay them, rebuild the file and compare the anchor: a history cut
// short, edited or left out changes it (the head is what Verify checks a
// stored history against). The label is the protocol number, never the
// store's ID, so the anchor does not depend on how a store names cases.
type Anchor struct {
	// Histories is the number of rows, one per history.
	Histories int `json:"storie"`
	// Digest is history.Digest over the rows' protocol numbers and heads;
	// for a report, over its Parts.
	Digest history.Hash `json:"impronta"`
	// Parts are, for a report, the anchors of each section it read (see
	// Part); empty for the register, which covers access requests only.
	Parts []Part `json:"parti,omitempty"`
}

// AnchorOf computes the Anchor of rows in memory, in their order.
func AnchorOf(rows []Entry) Anchor {
	var d anchoring
	for _, e := range rows {
		d.add(e)
	}
	return d.anchor()
}

// anchoring accumulates an Anchor in constant memory.
type anchoring struct{ d history.Digester }

func (a *anchoring) add(e Entry) { a.d.Add(e.Protocol, e.Head) }

func (a *anchoring) anchor() Anchor { return Anchor{Histories: a.d.Len(), Digest: a.d.Sum()} }
