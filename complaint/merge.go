package complaint

import (
	"context"
	"fmt"
	"strings"
)

// maxChain bounds how many merged complaints are followed to find a root.
const maxChain = 32

// Merge merges the complaint a.ID into m.Master as its duplicate ("the same
// pothole"). If the master was itself merged, the complaint is merged into
// the root of the chain, which m.Master then names. The duplicate's answer
// term is met by the merger; from then on it follows its master: View.Master
// and Public show the master's state and outcome. A master closed without an
// answer (withdrawn, not pertinent, no reply) cannot take duplicates, nor
// can a complaint be merged into itself: *RuleError. Nor can a master whose
// answer summary, which the duplicate will publish, names the duplicate's
// reporter (art. 5 c. 1 lett. c Reg. UE 2016/679).
//
// The merger is recorded on both histories in one write: the duplicate's
// EventMerged and the master's EventDuplicateAdded, each at the version the
// Service read. Two crossed mergers (A into B and B into A at the same time)
// cannot both succeed: the later write fails with ErrConflict.
func (s *Service) Merge(ctx context.Context, a Act, m Merger) (View, error) {
	return s.do(ctx, a, EventMerged, func(v *View, st *step) (Payload, error) {
		root, err := s.root(ctx, m.Master)
		if err != nil {
			return nil, err
		}
		if root.ID == v.ID {
			return nil, ruleErr(basisMerge, "%s cannot be merged into itself", v.ID)
		}
		ev, err := NewEvent(&DuplicateAdded{Duplicate: v.ID})
		if err != nil {
			return nil, err
		}
		// The master as it is written with the merger: it may have moved
		// since root read it.
		master, _, err := s.whole.Touch(ctx, st, root.ID, ev)
		if master != nil && master.v.State == Merged {
			return nil, fmt.Errorf("%w: %s was merged into %s meanwhile", ErrConflict, root.ID, master.v.MergedInto)
		}
		if err != nil {
			return nil, err
		}
		if err := mayTakeDuplicate(master.v, v); err != nil {
			return nil, err
		}
		m.Master, m.Note = master.v.ID, strings.TrimSpace(m.Note)
		return &m, nil
	})
}

// mayTakeDuplicate checks that master may take dup as a duplicate.
func mayTakeDuplicate(master View, dup *View) error {
	if master.State == Closed && master.CloseReason != ClosedAnswered && master.CloseReason != ClosedForwarded {
		return ruleErr(basisMerge, "%s was closed (%s) and takes no duplicates", master.ID, master.CloseReason.Italian())
	}
	// The duplicate will publish its master's answer summary.
	if ans, ok := master.LastAnswer(); ok {
		if err := publishable("master's answer summary", ans.Summary, dup.Person); err != nil {
			return err
		}
	}
	return nil
}

// Separate undoes a merger: the complaint goes back to Registered, without
// office, and its answer term, which the merger had met, runs again from
// TermStart as if the merger had not happened. The master records the
// separation (EventDuplicateRemoved) in the same write.
func (s *Service) Separate(ctx context.Context, a Act, sep Separation) (View, error) {
	return s.do(ctx, a, EventSeparated, func(v *View, st *step) (Payload, error) {
		ev, err := NewEvent(&DuplicateRemoved{Duplicate: v.ID})
		if err != nil {
			return nil, err
		}
		if _, _, err := s.whole.Touch(ctx, st, v.MergedInto, ev); err != nil && !chainError(err) {
			return nil, err
		}
		sep.Note = strings.TrimSpace(sep.Note)
		return &sep, nil
	})
}

// root loads id and follows its mergers to the complaint that is not
// merged, whose View it returns without the deadlines. A loop or a chain
// longer than maxChain is ErrInvalid.
func (s *Service) root(ctx context.Context, id ID) (View, error) {
	seen := map[ID]bool{}
	for range maxChain {
		if seen[id] {
			return View{}, invalid("merger chain loops at %s", id)
		}
		seen[id] = true
		f, err := s.read(ctx, id)
		if err != nil {
			return View{}, err
		}
		if f.v.State != Merged {
			return f.v, nil
		}
		id = f.v.MergedInto
	}
	return View{}, invalid("merger chain longer than %d", maxChain)
}

// resolveMaster fills v.Master for a merged duplicate. A chain that cannot
// be followed (a loop, a missing master) leaves it nil without error; only a
// failure of the store or the context is returned.
func (s *Service) resolveMaster(ctx context.Context, v *View) error {
	if v.State != Merged || v.MergedInto == "" {
		return nil
	}
	m, err := s.root(ctx, v.MergedInto)
	if err != nil {
		if chainError(err) {
			return nil
		}
		return err
	}
	ms := &MasterStatus{ID: m.ID, State: m.State, Office: m.Responsible(), CloseReason: m.CloseReason, Closed: m.Closed}
	if a, ok := m.LastAnswer(); ok {
		ms.Outcome, ms.AnswerSummary, ms.Answered = a.Outcome, a.Summary, a.On
	}
	v.Master = ms
	return nil
}

// Duplicates returns the complaints merged into id, directly or through a
// chain of mergers, level by level, each level in order of receipt
// (Received, then ID). Each level is a List by the "master:<id>" tag, which
// a store with an index on tags answers from the few complaints carrying
// it. Each complaint is visited once, so a loop of mergers ends the search.
func (s *Service) Duplicates(ctx context.Context, id ID) ([]ID, error) {
	var out []ID
	seen := map[ID]bool{id: true}
	queue := []ID{id}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		err := s.listAll(ctx, Query{Tags: []string{"master:" + string(cur)}}, func(it Summary) error {
			if !seen[it.ID] {
				seen[it.ID] = true
				out = append(out, it.ID)
				queue = append(queue, it.ID)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// listAll calls each for every item of every page q selects.
func (s *Service) listAll(ctx context.Context, q Query, each func(Summary) error) error {
	q.Limit = maxLimit
	for {
		p, err := s.run.Store.List(ctx, q)
		if err != nil {
			return err
		}
		for _, it := range p.Items {
			if err := each(it); err != nil {
				return err
			}
		}
		if p.Next == "" {
			return nil
		}
		q.Cursor = p.Next
	}
}

// maxLimit is the page size of the Service's own queries.
const maxLimit = 1000
