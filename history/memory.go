package history

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/puntodiascolto/ascolto/deadline"
)

// Memory is an in-memory Store, safe for concurrent use. Each record is
// checked against its hash (the SHA-256 of its canonical encoding, as a
// database would store it) and kept as a deep copy, never the caller's own
// memory; Load hands out deep copies too, so that nothing a caller passes
// in or reads out shares memory with what it stores.
//
// It never answers a query by scanning every history when the query narrows
// the search: a due or received range visits only the days in range, and
// tags are indexed, so a query with a selective tag visits only the
// histories that carry it (whichever candidate set is smaller is used).
type Memory[ID ~string, E any] struct {
	mu       sync.RWMutex
	streams  map[ID]*memEntry[E]
	received dayIndex[ID]
	due      dayIndex[ID]
	tags     map[string]map[ID]struct{}
}

type memEntry[E any] struct {
	decoded []Record[E]
	head    Head
	idx     Index
}

// NewMemory returns an empty Memory store.
func NewMemory[ID ~string, E any]() *Memory[ID, E] {
	return &Memory[ID, E]{
		streams:  make(map[ID]*memEntry[E]),
		received: newDayIndex[ID](),
		due:      newDayIndex[ID](),
		tags:     make(map[string]map[ID]struct{}),
	}
}

// Write implements Store.
func (m *Memory[ID, E]) Write(ctx context.Context, changes ...Change[ID, E]) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	prepared, err := Prepare(changes)
	if err != nil {
		return err
	}
	// Prepare checked that each record's hash is that of its encoding: a
	// deep copy of the record is what those bytes decode to.
	decoded := make([][]Record[E], len(changes))
	for i, c := range changes {
		decoded[i] = cloneRecords(c.Records)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	// Check everything first, then apply: all or nothing.
	for _, p := range prepared {
		e, ok := m.streams[p.ID]
		switch {
		case p.Expected == 0 && ok:
			return fmt.Errorf("%w: %s", ErrExists, p.ID)
		case p.Expected > 0 && !ok:
			return fmt.Errorf("%w: %s", ErrNotFound, p.ID)
		}
		var head Head
		if ok {
			head = e.head
		}
		if err := p.Check(head); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, p := range prepared {
		m.apply(p, decoded[i])
	}
	return nil
}

func (m *Memory[ID, E]) apply(p Prepared[ID], decoded []Record[E]) {
	e, ok := m.streams[p.ID]
	if !ok {
		e = &memEntry[E]{}
		m.streams[p.ID] = e
		m.received.add(p.Index.Received, p.ID)
		if !p.Index.Due.IsZero() {
			m.due.add(p.Index.Due, p.ID)
		}
		m.retag(p.ID, nil, p.Index.Tags)
	} else {
		m.received.move(e.idx.Received, p.Index.Received, p.ID)
		if e.idx.Due != p.Index.Due {
			if !e.idx.Due.IsZero() {
				m.due.remove(e.idx.Due, p.ID)
			}
			if !p.Index.Due.IsZero() {
				m.due.add(p.Index.Due, p.ID)
			}
		}
		m.retag(p.ID, e.idx.Tags, p.Index.Tags)
	}
	// Stored records are never modified, so the slice may grow in place: a
	// reader holds its own copies.
	e.decoded = append(e.decoded, decoded...)
	e.head = p.Head(e.head)
	e.idx = p.Index
}

// Load implements Store.
func (m *Memory[ID, E]) Load(ctx context.Context, id ID, after int) (Stream[ID, E], error) {
	if err := ctx.Err(); err != nil {
		return Stream[ID, E]{}, err
	}
	if after < 0 {
		return Stream[ID, E]{}, fmt.Errorf("%w: negative version %d", ErrInvalid, after)
	}
	m.mu.RLock()
	e, ok := m.streams[id]
	var stored []Record[E]
	var head Head
	var idx Index
	if ok {
		stored, head, idx = e.decoded[min(after, len(e.decoded)):], e.head, e.idx.Clone()
	}
	m.mu.RUnlock()
	if !ok {
		return Stream[ID, E]{}, fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	return Stream[ID, E]{ID: id, Head: head, Records: cloneRecords(stored), Index: idx}, nil
}

// List implements Store.
func (m *Memory[ID, E]) List(ctx context.Context, q Query) (Page[ID], error) {
	if err := ctx.Err(); err != nil {
		return Page[ID]{}, err
	}
	limit, err := q.PageSize()
	if err != nil {
		return Page[ID]{}, err
	}
	cur, resume, err := ParseCursor(q)
	if err != nil {
		return Page[ID]{}, err
	}
	from, to := q.ReceivedFrom, q.ReceivedTo
	ix := &m.received
	if q.ByDue() {
		from, to, ix = q.DueFrom, q.DueTo, &m.due
	}
	if resume && (from.IsZero() || cur.Day.After(from)) {
		from = cur.Day
	}

	m.mu.RLock()
	defer m.mu.RUnlock()
	var hits []ID
	if tagged, ok := m.smallestTagSet(q.Tags); ok && len(tagged) < ix.count(from, to) {
		hits = m.collect(q, cur, resume, limit, tagged)
	} else {
		hits = m.scanDays(q, ix, from, to, cur, resume, limit)
	}
	var page Page[ID]
	for i, id := range hits {
		e := m.streams[id]
		if i == limit {
			last := page.Items[limit-1]
			page.Next = Cursor{ByDue: q.ByDue(), Day: q.Key(last.Index), ID: string(last.ID)}.String()
			break
		}
		page.Items = append(page.Items, Summary[ID]{ID: id, Head: e.head, Index: e.idx.Clone()})
	}
	return page, nil
}

// scanDays walks the day index from from to to, collecting up to limit+1
// matching histories in order.
func (m *Memory[ID, E]) scanDays(q Query, ix *dayIndex[ID], from, to deadline.Date, cur Cursor, resume bool, limit int) []ID {
	var out, ids []ID
	start, _ := slices.BinarySearchFunc(ix.days, from, deadline.Date.Compare)
	for _, day := range ix.days[start:] {
		if !to.IsZero() && day.After(to) {
			break
		}
		ids = ids[:0]
		for id := range ix.buckets[day] {
			if resume && !cur.After(day, string(id)) {
				continue
			}
			if q.Matches(m.streams[id].idx) {
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
		out = append(out, ids...)
		if len(out) > limit {
			return out[:limit+1]
		}
	}
	return out
}

// collect filters, sorts and cuts a candidate set (the histories carrying
// the query's most selective tag).
func (m *Memory[ID, E]) collect(q Query, cur Cursor, resume bool, limit int, candidates map[ID]struct{}) []ID {
	type hit struct {
		day deadline.Date
		id  ID
	}
	var hits []hit
	for id := range candidates {
		idx := m.streams[id].idx
		if !q.Matches(idx) {
			continue
		}
		day := q.Key(idx)
		if resume && !cur.After(day, string(id)) {
			continue
		}
		hits = append(hits, hit{day, id})
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if c := a.day.Compare(b.day); c != 0 {
			return c
		}
		return strings.Compare(string(a.id), string(b.id))
	})
	out := make([]ID, 0, min(len(hits), limit+1))
	for _, h := range hits[:min(len(hits), limit+1)] {
		out = append(out, h.id)
	}
	return out
}

// smallestTagSet returns the smallest set of histories carrying one of tags;
// ok is false when tags is empty.
func (m *Memory[ID, E]) smallestTagSet(tags []string) (set map[ID]struct{}, ok bool) {
	for i, t := range tags {
		s := m.tags[t]
		if i == 0 || len(s) < len(set) {
			set = s
		}
	}
	return set, len(tags) > 0
}

// retag moves id from the sets of its old tags to those of its new ones.
func (m *Memory[ID, E]) retag(id ID, old, tags []string) {
	for _, t := range old {
		if !slices.Contains(tags, t) {
			delete(m.tags[t], id)
			if len(m.tags[t]) == 0 {
				delete(m.tags, t)
			}
		}
	}
	for _, t := range tags {
		s := m.tags[t]
		if s == nil {
			s = make(map[ID]struct{})
			m.tags[t] = s
		}
		s[id] = struct{}{}
	}
}

// dayIndex maps each day to the set of histories keyed on it, with the days
// in order, so that a date range visits only its own days.
type dayIndex[ID comparable] struct {
	days    []deadline.Date
	buckets map[deadline.Date]map[ID]struct{}
}

func newDayIndex[ID comparable]() dayIndex[ID] {
	return dayIndex[ID]{buckets: make(map[deadline.Date]map[ID]struct{})}
}

func (x *dayIndex[ID]) add(day deadline.Date, id ID) {
	b, ok := x.buckets[day]
	if !ok {
		b = make(map[ID]struct{})
		x.buckets[day] = b
		i, _ := slices.BinarySearchFunc(x.days, day, deadline.Date.Compare)
		x.days = slices.Insert(x.days, i, day)
	}
	b[id] = struct{}{}
}

func (x *dayIndex[ID]) remove(day deadline.Date, id ID) {
	b := x.buckets[day]
	delete(b, id)
	if len(b) == 0 {
		delete(x.buckets, day)
		if i, ok := slices.BinarySearchFunc(x.days, day, deadline.Date.Compare); ok {
			x.days = slices.Delete(x.days, i, i+1)
		}
	}
}

func (x *dayIndex[ID]) move(from, to deadline.Date, id ID) {
	if from != to {
		x.remove(from, id)
		x.add(to, id)
	}
}

// count returns how many histories are keyed on the days in [from, to]
// (zero bounds are open): the cost of answering by visiting those days.
func (x *dayIndex[ID]) count(from, to deadline.Date) int {
	n := 0
	start, _ := slices.BinarySearchFunc(x.days, from, deadline.Date.Compare)
	for _, day := range x.days[start:] {
		if !to.IsZero() && day.After(to) {
			break
		}
		n += len(x.buckets[day])
	}
	return n
}

var _ Store[string, struct{}] = (*Memory[string, struct{}])(nil)
