package eventstore

import (
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/eventlog"
)

// Memory is an in-memory Store, safe for concurrent use. It never answers a
// query by scanning every stream when the query narrows the search: a due
// or received range visits only the days in range, and tags are indexed, so
// a query with a selective tag ("cell:...", "master:...") visits only the
// streams that carry it. Whichever of the two candidate sets is smaller is
// used.
type Memory[ID ~string, E any] struct {
	errs Errors

	mu       sync.RWMutex
	streams  map[ID]*entry[E]
	received dayIndex[ID]
	due      dayIndex[ID]
	tags     map[string]map[ID]struct{}
}

type entry[E any] struct {
	records []eventlog.Record[E]
	idx     Index
}

// NewMemory returns an empty Memory store that wraps errs' sentinels.
func NewMemory[ID ~string, E any](errs Errors) *Memory[ID, E] {
	return &Memory[ID, E]{
		errs:     errs,
		streams:  make(map[ID]*entry[E]),
		received: newDayIndex[ID](),
		due:      newDayIndex[ID](),
		tags:     make(map[string]map[ID]struct{}),
	}
}

// Create implements Store.
func (m *Memory[ID, E]) Create(ctx context.Context, id ID, idx Index, records ...eventlog.Record[E]) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if id == "" {
		return fmt.Errorf("%w: empty id", m.errs.Invalid)
	}
	if len(records) == 0 {
		return fmt.Errorf("%w: %s: a history starts with at least one record", m.errs.Invalid, id)
	}
	if err := m.checkChain(id, eventlog.Hash{}, 0, records); err != nil {
		return err
	}
	idx = cloneIndex(idx)
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.streams[id]; ok {
		return fmt.Errorf("%w: %s", m.errs.Exists, id)
	}
	m.streams[id] = &entry[E]{records: slices.Clone(records), idx: idx}
	m.received.add(idx.Received, id)
	if !idx.Due.IsZero() {
		m.due.add(idx.Due, id)
	}
	m.retag(id, nil, idx.Tags)
	return nil
}

// Append implements Store.
func (m *Memory[ID, E]) Append(ctx context.Context, id ID, expectedVersion int, idx Index, records ...eventlog.Record[E]) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(records) == 0 {
		return fmt.Errorf("%w: %s: nothing to append", m.errs.Invalid, id)
	}
	idx = cloneIndex(idx)
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.streams[id]
	if !ok {
		return fmt.Errorf("%w: %s", m.errs.NotFound, id)
	}
	if v := len(e.records); v != expectedVersion {
		return fmt.Errorf("%w: %s is at version %d, not %d", m.errs.Conflict, id, v, expectedVersion)
	}
	if err := m.checkChain(id, e.records[len(e.records)-1].Hash, expectedVersion, records); err != nil {
		return err
	}
	m.received.move(e.idx.Received, idx.Received, id)
	if e.idx.Due != idx.Due {
		if !e.idx.Due.IsZero() {
			m.due.remove(e.idx.Due, id)
		}
		if !idx.Due.IsZero() {
			m.due.add(idx.Due, id)
		}
	}
	m.retag(id, e.idx.Tags, idx.Tags)
	// Load hands out copies, so the stored slice can grow in place.
	e.records, e.idx = append(e.records, records...), idx
	return nil
}

func (m *Memory[ID, E]) checkChain(id ID, prev eventlog.Hash, version int, records []eventlog.Record[E]) error {
	for _, r := range records {
		version++
		if r.Version != version {
			return fmt.Errorf("%w: %s: record numbered %d where %d was due", m.errs.Invalid, id, r.Version, version)
		}
		if r.Prev != prev {
			return fmt.Errorf("%w: %s: record %d does not link to its predecessor", m.errs.Invalid, id, version)
		}
		prev = r.Hash
	}
	return nil
}

// Load implements Store.
func (m *Memory[ID, E]) Load(ctx context.Context, id ID) (Stream[ID, E], error) {
	if err := ctx.Err(); err != nil {
		return Stream[ID, E]{}, err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	e, ok := m.streams[id]
	if !ok {
		return Stream[ID, E]{}, fmt.Errorf("%w: %s", m.errs.NotFound, id)
	}
	return Stream[ID, E]{ID: id, Version: len(e.records), Records: slices.Clone(e.records), Index: cloneIndex(e.idx)}, nil
}

// List implements Store.
func (m *Memory[ID, E]) List(ctx context.Context, q Query) (Page[ID], error) {
	if err := ctx.Err(); err != nil {
		return Page[ID]{}, err
	}
	limit := q.Limit
	switch {
	case limit < 0:
		return Page[ID]{}, fmt.Errorf("%w: negative limit %d", m.errs.Invalid, limit)
	case limit == 0:
		limit = DefaultLimit
	case limit > MaxLimit:
		limit = MaxLimit
	}
	byDue := q.ByDue()
	after, afterID, err := decodeCursor[ID](q.Cursor, byDue)
	if err != nil {
		return Page[ID]{}, fmt.Errorf("%w: %v", m.errs.Invalid, err)
	}
	from, to := q.ReceivedFrom, q.ReceivedTo
	ix := &m.received
	if byDue {
		from, to, ix = q.DueFrom, q.DueTo, &m.due
	}
	if !after.IsZero() && (from.IsZero() || after.After(from)) {
		from = after
	}

	m.mu.RLock()
	defer m.mu.RUnlock()
	if tagged, ok := m.smallestTagSet(q.Tags); ok && len(tagged) < ix.count(from, to) {
		return m.listTagged(q, tagged, byDue, after, afterID, limit), nil
	}
	var page Page[ID]
	var ids []ID
	start, _ := slices.BinarySearchFunc(ix.days, from, deadline.Date.Compare)
	for _, day := range ix.days[start:] {
		if !to.IsZero() && day.After(to) {
			break
		}
		ids = ids[:0]
		for id := range ix.buckets[day] {
			if day == after && q.Cursor != "" && id <= afterID {
				continue
			}
			if matches(q, m.streams[id].idx) {
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
		for _, id := range ids {
			if len(page.Items) == limit {
				last := page.Items[limit-1]
				page.Next = encodeCursor(byDue, sortKey(last.Index, byDue), last.ID)
				return page, nil
			}
			e := m.streams[id]
			page.Items = append(page.Items, Summary[ID]{ID: id, Version: len(e.records), Index: cloneIndex(e.idx)})
		}
	}
	return page, nil
}

// smallestTagSet returns the smallest set of streams carrying one of tags;
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

// listTagged answers a query from the set of streams carrying its most
// selective tag: the set is filtered, sorted and paged like the day path.
func (m *Memory[ID, E]) listTagged(q Query, tagged map[ID]struct{}, byDue bool, after deadline.Date, afterID ID, limit int) Page[ID] {
	type hit struct {
		day deadline.Date
		id  ID
	}
	hits := make([]hit, 0, len(tagged))
	for id := range tagged {
		idx := m.streams[id].idx
		if !matches(q, idx) || (byDue && !inRange(idx.Due, q.DueFrom, q.DueTo)) {
			continue
		}
		day := sortKey(idx, byDue)
		if q.Cursor != "" && (day.Before(after) || day == after && id <= afterID) {
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
	var page Page[ID]
	for i, h := range hits {
		if i == limit {
			last := page.Items[limit-1]
			page.Next = encodeCursor(byDue, sortKey(last.Index, byDue), last.ID)
			break
		}
		e := m.streams[h.id]
		page.Items = append(page.Items, Summary[ID]{ID: h.id, Version: len(e.records), Index: cloneIndex(e.idx)})
	}
	return page
}

// inRange reports whether d is set and within [from, to]; zero bounds are open.
func inRange(d, from, to deadline.Date) bool {
	return !d.IsZero() && (from.IsZero() || !d.Before(from)) && (to.IsZero() || !d.After(to))
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

func sortKey(idx Index, byDue bool) deadline.Date {
	if byDue {
		return idx.Due
	}
	return idx.Received
}

func matches(q Query, idx Index) bool {
	in := func(list []string, v string) bool { return len(list) == 0 || slices.Contains(list, v) }
	if !in(q.Kinds, idx.Kind) || !in(q.States, idx.State) || !in(q.Offices, idx.Office) || !in(q.Channels, idx.Channel) {
		return false
	}
	for _, t := range q.Tags {
		if !slices.Contains(idx.Tags, t) {
			return false
		}
	}
	if !q.ReceivedFrom.IsZero() && idx.Received.Before(q.ReceivedFrom) {
		return false
	}
	if !q.ReceivedTo.IsZero() && idx.Received.After(q.ReceivedTo) {
		return false
	}
	return true
}

func cloneIndex(idx Index) Index {
	idx.Tags = slices.Clone(idx.Tags)
	return idx
}

// dayIndex maps each day to the set of streams keyed on it, with the days in
// order, so that a date range visits only its own days.
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

// count returns how many streams are keyed on the days in [from, to] (zero
// bounds are open): the cost of answering a query by visiting those days.
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

func (x *dayIndex[ID]) move(from, to deadline.Date, id ID) {
	if from != to {
		x.remove(from, id)
		x.add(to, id)
	}
}

// Cursors are opaque to callers: base64 of "r|2026-03-31|id" or "d|...".
func encodeCursor[ID ~string](byDue bool, day deadline.Date, id ID) string {
	mode := "r"
	if byDue {
		mode = "d"
	}
	ds := ""
	if !day.IsZero() {
		ds = day.String()
	}
	return base64.RawURLEncoding.EncodeToString([]byte(mode + "|" + ds + "|" + string(id)))
}

func decodeCursor[ID ~string](c string, byDue bool) (deadline.Date, ID, error) {
	if c == "" {
		return deadline.Date{}, "", nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return deadline.Date{}, "", fmt.Errorf("malformed cursor")
	}
	mode, rest, ok := strings.Cut(string(raw), "|")
	day, id, ok2 := strings.Cut(rest, "|")
	want := "r"
	if byDue {
		want = "d"
	}
	if !ok || !ok2 || mode != want {
		return deadline.Date{}, "", fmt.Errorf("cursor does not belong to this query")
	}
	if day == "" {
		return deadline.Date{}, ID(id), nil
	}
	d, err := deadline.ParseDate(day)
	if err != nil {
		return deadline.Date{}, "", fmt.Errorf("malformed cursor date")
	}
	return d, ID(id), nil
}
