package sqlstore

import (
	"errors"
	"sync"

	"github.com/puntodiascolto/ascolto/history"
)

// hints remembers, for the histories a Store wrote (once committed) or
// loaded last, the row it saw in histories: a guess at the stored row that
// lets an act on SQLite skip reading it. An act is the compare-and-set of
// its UPDATE, made on the head and on the index columns guessed (qGuess),
// then the rest of the write as if the row had been read: the UPDATE
// changes a row only if the row is the one guessed, and when it changes
// none (another Write, another process or a Reindex came first) the act
// goes the long way, reading the row and checking against it, in the same
// transaction, so a guess decides nothing but which way: the same rows are
// written and the same errors returned either way. A creation needs no guess: its INSERT
// writes nothing when the ID is taken, and the long way then says why.
//
// The cache is bounded (maxHints histories): the act on a history not
// remembered reads its row as before.
type hints[ID ~string] struct {
	mu   sync.Mutex
	rows map[ID]stored
}

// maxHints bounds the histories a Store remembers: the open cases an office
// acts on, not a register.
const maxHints = 4096

// errStale is apply's error when the row it guessed was not the stored
// one: it wrote nothing, and the change is to be checked the long way.
var errStale = errors.New("sqlstore: the stored row is not the one guessed")

// get returns the row remembered for id.
func (h *hints[ID]) get(id ID) (stored, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	r, ok := h.rows[id]
	return r, ok
}

// put remembers rows[i] for prepared[i], the rows a committed Write wrote.
func (h *hints[ID]) put(prepared []history.Prepared[ID], rows []stored) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i, r := range rows {
		h.set(prepared[i].ID, r)
	}
}

// loaded remembers the row of a history Load read.
func (h *hints[ID]) loaded(sum history.Summary[ID]) {
	tags, err := encodeTags(sum.Index.Tags)
	if err != nil {
		return
	}
	r := stored{exists: true, head: sum.Head, received: sum.Index.Received.String(), due: sum.Index.Due.String(),
		tags: append([]string(nil), sum.Index.Tags...), tagsCol: tags}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.set(sum.ID, r)
}

// set stores r under id, making room first if the cache is full; h.mu is
// held.
func (h *hints[ID]) set(id ID, r stored) {
	if h.rows == nil {
		h.rows = map[ID]stored{}
	}
	if _, ok := h.rows[id]; !ok && len(h.rows) >= maxHints {
		for k := range h.rows { // an arbitrary one
			delete(h.rows, k)
			break
		}
	}
	h.rows[id] = r
}

// guess returns the row a batch of one change on SQLite may assume without
// reading it: none for a creation (its INSERT finds a taken ID itself),
// the remembered one for an append it continues. ok is false when the
// batch is to be checked the long way: several changes (whose errors
// follow the batch order), PostgreSQL (whose small Writes are one
// statement already), a change that would not pass Check against the
// guess.
func (s *Store[ID, E]) guess(prepared []history.Prepared[ID]) (stored, bool) {
	if s.d != SQLite || len(prepared) != 1 {
		return stored{}, false
	}
	p := prepared[0]
	var old stored
	if p.Expected > 0 {
		var ok bool
		if old, ok = s.hints.get(p.ID); !ok {
			return stored{}, false
		}
	}
	return old, p.Check(old.head) == nil
}
