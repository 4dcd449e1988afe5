package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/puntodiascolto/ascolto/history"
)

// The projections table keeps, beside each history, derived values a
// reader would otherwise fold the whole history for (a register row), each
// under a name and with the head it was built from. It is a cache, not part
// of the histories: a kept value counts only while its history's head is
// still the one it was built from, and deleting its rows loses nothing (they
// are built again, at the cost of a replay). Migrate creates it (migration
// sqlite/0002, postgres/0003).

// Kept is a history as Projections reads it: its ID, head and day of
// receipt, and either the value kept under the projection's name for that
// very head (Body), or, when none is (never built, or built on an earlier
// head), the whole history (Stream.Records) to build it from.
type Kept[ID ~string, E any] struct {
	// Stream has the ID, the head and, when Body is nil, the records; its
	// Index holds the day of receipt only.
	Stream history.Stream[ID, E]
	// Body is the kept value; nil when it must be built again.
	Body []byte
}

// MaxKeptPage is the largest page of Projections: more than List's
// history.MaxLimit, as a kept value is small and a reader of a whole
// register pays a query per page.
const MaxKeptPage = 2000

// KeptPage is a page of Projections, and the cursor of the next one ("" at
// the end).
type KeptPage[ID ~string, E any] struct {
	Items []Kept[ID, E]
	Next  string
}

// Projections reads one page of the histories q selects, in (received, ID)
// order: kinds, offices, states, channels and the received range of q
// apply; a due range or tags are refused (ErrInvalid). Each comes with the
// value kept under name for its current head, or its records when there is
// none: a reader builds the missing values from the records and keeps them
// (Project) for the next time. One query reads the page with the kept
// values, one more the records of those missing. Pages as List does
// (q.Limit, q.Cursor), but up to MaxKeptPage histories a page.
func (s *Store[ID, E]) Projections(ctx context.Context, name string, q history.Query) (KeptPage[ID, E], error) {
	var page KeptPage[ID, E]
	if err := ctx.Err(); err != nil {
		return page, err
	}
	if q.ByDue() || len(q.Tags) > 0 {
		return page, fmt.Errorf("%w: Projections reads in order of receipt, without tags", history.ErrInvalid)
	}
	limit, err := q.PageSize()
	if err != nil {
		return page, err
	}
	if q.Limit > limit {
		limit = min(q.Limit, MaxKeptPage)
	}
	cur, resume, err := history.ParseCursor(q)
	if err != nil {
		return page, err
	}
	if err := s.ready(ctx); err != nil {
		return page, err
	}
	query, args := s.keptQuery(name, q, cur, resume, limit+1)
	if err := s.scanKept(ctx, query, args, limit, &page); err != nil {
		return page, err
	}
	return page, s.fillRecords(ctx, page.Items)
}

// keptQuery is the SQL of a page of Projections.
func (s *Store[ID, E]) keptQuery(name string, q history.Query, cur history.Cursor, resume bool, limit int) (string, []any) {
	var b strings.Builder
	args := []any{name, s.procedure}
	// A scalar subquery, not a join: one lookup in the projections' primary
	// key per row of the page, whatever the planner's statistics say of a
	// table that fills as it is read.
	b.WriteString(`SELECT h.id, h.version, h.head, h.received,
	(SELECT p.body FROM projections p WHERE p.procedure = h.procedure AND p.name = ? AND p.id = h.id AND p.version = h.version AND p.head = h.head)
FROM histories h WHERE h.procedure = ?`)
	for _, f := range []struct {
		col  string
		vals []string
	}{{"kind", q.Kinds}, {"state", q.States}, {"office", q.Offices}, {"channel", q.Channels}} {
		if len(f.vals) == 0 {
			continue
		}
		b.WriteString(" AND h." + f.col + " IN (?" + strings.Repeat(", ?", len(f.vals)-1) + ")")
		for _, v := range f.vals {
			args = append(args, v)
		}
	}
	if !q.ReceivedFrom.IsZero() {
		b.WriteString(" AND h.received >= ?")
		args = append(args, q.ReceivedFrom.String())
	}
	if !q.ReceivedTo.IsZero() {
		b.WriteString(" AND h.received <= ?")
		args = append(args, q.ReceivedTo.String())
	}
	if resume {
		b.WriteString(" AND (h.received, h.id) > (?, ?)")
		args = append(args, cur.Day.String(), cur.ID)
	}
	b.WriteString(" ORDER BY h.received, h.id LIMIT " + strconv.Itoa(limit))
	return s.d.rebind(b.String()), args
}

// scanKept reads the rows of a page of Projections into page.
func (s *Store[ID, E]) scanKept(ctx context.Context, query string, args []any, limit int, page *KeptPage[ID, E]) error {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		if missingTable(err) {
			return fmt.Errorf("sqlstore: %s: no projections table: run Migrate: %w", s.procedure, err)
		}
		return s.fail(ctx, "projections", err)
	}
	defer rows.Close()
	// One set of destinations for the page, not one a row (they escape
	// through Scan's ...any); head and body as sql.RawBytes, copied once.
	var id, received string
	var version intCol
	var head, body sql.RawBytes
	dest := []any{&id, &version, &head, &received, &body}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return s.fail(ctx, "projections", err)
		}
		var k Kept[ID, E]
		k.Stream.ID = ID(id)
		k.Stream.Head.Version = int(version)
		if !setHash(&k.Stream.Head.Hash, head) {
			return &history.BrokenError{ID: id, Version: k.Stream.Head.Version, Reason: "stored index: head hash is not 32 bytes"}
		}
		if k.Stream.Index.Received, err = parseDate(received); err != nil {
			return &history.BrokenError{ID: id, Version: k.Stream.Head.Version, Reason: "stored index: " + err.Error()}
		}
		if body != nil {
			k.Body = append(make([]byte, 0, len(body)), body...)
		}
		if len(page.Items) == limit {
			last := page.Items[limit-1].Stream
			page.Next = history.Cursor{Day: last.Index.Received, ID: string(last.ID)}.String()
			break
		}
		if page.Items == nil {
			// As in List: one allocation for the page.
			page.Items = make([]Kept[ID, E], 0, limit)
		}
		page.Items = append(page.Items, k)
	}
	if err := rows.Err(); err != nil {
		return s.fail(ctx, "projections", err)
	}
	return nil
}

// fillRecords reads, in one query, the records of the items without a
// kept value, up to the head each was read at, and checks them (DecodeAll,
// and that none is missing).
func (s *Store[ID, E]) fillRecords(ctx context.Context, items []Kept[ID, E]) error {
	stale := map[string]int{}
	args := []any{s.procedure}
	for i, k := range items {
		if k.Body == nil {
			stale[string(k.Stream.ID)] = i
			args = append(args, string(k.Stream.ID))
		}
	}
	if len(stale) == 0 {
		return nil
	}
	query := s.d.rebind(`SELECT id, version, prev, hash, bytes FROM records WHERE procedure = ? AND id IN (?` +
		strings.Repeat(", ?", len(stale)-1) + `) ORDER BY id, version`)
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return s.fail(ctx, "projections: records", err)
	}
	defer rows.Close()
	encoded := make(map[string][]history.Encoded, len(stale))
	var id string
	var version intCol
	var prev, hash sql.RawBytes // copied into the fixed-size hashes
	var bytes []byte            // kept: database/sql copies it
	dest := []any{&id, &version, &prev, &hash, &bytes}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return s.fail(ctx, "projections: records", err)
		}
		e := history.Encoded{Version: int(version), Bytes: bytes}
		if !setHash(&e.Prev, prev) || !setHash(&e.Hash, hash) {
			return &history.BrokenError{ID: id, Version: e.Version, Reason: "stored hash is not 32 bytes"}
		}
		encoded[id] = append(encoded[id], e)
	}
	if err := rows.Err(); err != nil {
		return s.fail(ctx, "projections: records", err)
	}
	for id, i := range stale {
		st := &items[i].Stream
		enc := encoded[id]
		// Records written after the page was read are not the head's.
		for len(enc) > 0 && enc[len(enc)-1].Version > st.Head.Version {
			enc = enc[:len(enc)-1]
		}
		recs, err := history.DecodeAll[E](id, 0, enc)
		if err != nil {
			return err
		}
		if len(recs) != st.Head.Version || recs[len(recs)-1].Hash != st.Head.Hash {
			return &history.BrokenError{ID: id, Version: len(recs) + 1,
				Reason: fmt.Sprintf("the records do not end at the head (version %d)", st.Head.Version)}
		}
		st.Records = recs
	}
	return nil
}

// Projection is a value to keep (Project) for a history at a head.
type Projection[ID ~string] struct {
	ID   ID
	Head history.Head
	Body []byte
}

// Project keeps values of the projection name, each for its history at
// its head, replacing what was kept for those histories, in one
// transaction. A value kept for a head the history has left is never read
// (Projections compares heads), so a history written meanwhile is safe.
func (s *Store[ID, E]) Project(ctx context.Context, name string, values ...Projection[ID]) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(values) == 0 {
		return nil
	}
	if err := s.ready(ctx); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.fail(ctx, "project", err)
	}
	defer tx.Rollback()
	const cols = 6
	for len(values) > 0 {
		n := min(len(values), maxRows)
		args := make([]any, 0, n*cols)
		for _, v := range values[:n] {
			args = append(args, s.procedure, name, string(v.ID), v.Head.Version, v.Head.Hash[:], v.Body)
		}
		q := `INSERT INTO projections (procedure, name, id, version, head, body) VALUES (?, ?, ?, ?, ?, ?)` +
			strings.Repeat(", (?, ?, ?, ?, ?, ?)", n-1) +
			` ON CONFLICT (procedure, name, id) DO UPDATE SET version = excluded.version, head = excluded.head, body = excluded.body`
		if _, err := tx.ExecContext(ctx, s.d.rebind(q), args...); err != nil {
			return s.fail(ctx, "project", err)
		}
		values = values[n:]
	}
	if err := tx.Commit(); err != nil {
		return s.fail(ctx, "project", err)
	}
	return nil
}

// ErrNoProjections is returned by Forget for an empty name.
var ErrNoProjections = errors.New("sqlstore: empty projection name")

// Forget drops every value kept under name for the Store's procedure (after
// a change of what the projection holds, or to reclaim space): they are
// built again when next read.
func (s *Store[ID, E]) Forget(ctx context.Context, name string) error {
	if name == "" {
		return ErrNoProjections
	}
	if err := s.ready(ctx); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, s.d.rebind(`DELETE FROM projections WHERE procedure = ? AND name = ?`), s.procedure, name)
	if err != nil {
		return s.fail(ctx, "forget", err)
	}
	return nil
}
