package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"strconv"
	"strings"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
)

// Load implements history.Store. It reads the head and index, then the
// records after after up to the head's version, so that the two agree
// whatever is written meanwhile. Stored bytes that no longer hash to their
// stored hash, and a version missing in the middle or at the end, give a
// *history.BrokenError (wrapping history.ErrBroken).
func (s *Store[ID, E]) Load(ctx context.Context, id ID, after int) (history.Stream[ID, E], error) {
	var out history.Stream[ID, E]
	if err := ctx.Err(); err != nil {
		return out, err
	}
	if after < 0 {
		return out, fmt.Errorf("%w: negative version %d", history.ErrInvalid, after)
	}
	if err := s.ready(ctx); err != nil {
		return out, err
	}
	rows, err := s.stmt(qLoad).QueryContext(ctx, after, s.procedure, string(id))
	if err != nil {
		return out, s.fail(ctx, "load", err)
	}
	defer rows.Close()
	sum, encoded, err := scanLoad(rows, id, after)
	if err != nil {
		return out, s.fail(ctx, "load", err)
	}
	if err := rows.Err(); err != nil {
		return out, s.fail(ctx, "load", err)
	}
	if encoded == nil {
		return out, fmt.Errorf("%w: %s", history.ErrNotFound, id)
	}
	recs, err := decode[E](id, after, sum.Head, encoded)
	if err != nil {
		return out, err
	}
	if s.d == SQLite {
		s.hints.loaded(sum)
	}
	return history.Stream[ID, E]{ID: id, Head: sum.Head, Records: recs, Index: sum.Index}, nil
}

// qLoad reads a history's head and index with its records after a version
// in one statement (one round trip, one snapshot): the index columns on
// every row, read once, and no record columns (NULL) when there is no
// record after that version.
const qLoad = `SELECT h.version, h.head, h.kind, h.state, h.office, h.channel, h.received, h.due, h.tags, r.version, r.prev, r.hash, r.bytes
FROM histories h LEFT JOIN records r ON r.procedure = h.procedure AND r.id = h.id AND r.version > ? AND r.version <= h.version
WHERE h.procedure = ? AND h.id = ? ORDER BY r.version`

// withRecord scans a row of qLoad: the summary's columns into dest, then
// the record's.
type withRecord struct {
	rows   *sql.Rows
	record []any
}

func (w withRecord) Scan(dest ...any) error { return w.rows.Scan(append(dest, w.record...)...) }

// scanLoad reads the rows of qLoad: the summary from the first row, each
// row's record. encoded is nil when there is no row (no such history),
// empty when there is no record after after.
func scanLoad[ID ~string](rows *sql.Rows, id ID, after int) (history.Summary[ID], []history.Encoded, error) {
	var sum history.Summary[ID]
	var encoded []history.Encoded
	var version sql.NullInt64
	var prev, hash sql.RawBytes // copied into the fixed-size hashes
	var bytes []byte
	row := withRecord{rows: rows, record: []any{&version, &prev, &hash, &bytes}}
	var skip []any // the summary's columns, once read
	for rows.Next() {
		var err error
		switch {
		case encoded == nil:
			if sum, err = scanSummary(row, newSummaryRow(false), id); err != nil {
				return sum, nil, err
			}
			encoded = make([]history.Encoded, 0, max(sum.Head.Version-after, 0))
		case skip == nil:
			var raw sql.RawBytes
			skip = []any{&raw, &raw, &raw, &raw, &raw, &raw, &raw, &raw, &raw}
			fallthrough
		default:
			if err = row.Scan(skip...); err != nil {
				return sum, nil, err
			}
		}
		if !version.Valid {
			continue
		}
		e := history.Encoded{Version: int(version.Int64), Bytes: bytes}
		if !setHash(&e.Prev, prev) || !setHash(&e.Hash, hash) {
			return sum, nil, &history.BrokenError{ID: string(id), Version: e.Version, Reason: "stored hash is not 32 bytes"}
		}
		encoded = append(encoded, e)
		bytes = nil // the next row scans into a new slice
	}
	return sum, encoded, nil
}

// records reads and decodes the records of id after after, up to head.
func (s *Store[ID, E]) records(ctx context.Context, id ID, after int, head history.Head) ([]history.Record[E], error) {
	if after >= head.Version {
		return nil, nil
	}
	rows, err := s.stmt(qRecords).QueryContext(ctx, s.procedure, string(id), after, head.Version)
	if err != nil {
		return nil, s.fail(ctx, "load records", err)
	}
	defer rows.Close()
	encoded := make([]history.Encoded, 0, head.Version-after)
	var version intCol
	var prev, hash sql.RawBytes // copied into the fixed-size hashes
	var bytes []byte            // kept: database/sql copies it
	dest := []any{&version, &prev, &hash, &bytes}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, s.fail(ctx, "load records", err)
		}
		e := history.Encoded{Version: int(version), Bytes: bytes}
		if !setHash(&e.Prev, prev) || !setHash(&e.Hash, hash) {
			return nil, &history.BrokenError{ID: string(id), Version: e.Version, Reason: "stored hash is not 32 bytes"}
		}
		encoded = append(encoded, e)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail(ctx, "load records", err)
	}
	return decode[E](id, after, head, encoded)
}

// decode decodes the records of id read after after, which must reach head.
func decode[E any, ID ~string](id ID, after int, head history.Head, encoded []history.Encoded) ([]history.Record[E], error) {
	recs, err := history.DecodeAll[E](string(id), after, encoded)
	if err != nil {
		return nil, err
	}
	if after >= head.Version {
		return nil, nil
	}
	if got := after + len(recs); got != head.Version {
		return nil, &history.BrokenError{ID: string(id), Version: got + 1,
			Reason: fmt.Sprintf("record missing: the head is at version %d, the records stop at %d", head.Version, got)}
	}
	return recs, nil
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// summaryRow holds the columns of summaries as rows are scanned: one per
// query, reused from row to row, so that a page of a thousand rows
// allocates its scan destinations once, not once a row (they escape to the
// heap through Scan's ...any). Strings scan into strings, which
// database/sql hands over without a copy; the head into sql.RawBytes,
// copied at once into the fixed-size hash.
type summaryRow struct {
	id                           string
	version                      intCol
	head                         sql.RawBytes
	kind, state, office, channel string
	received                     string
	due, tags                    sql.NullString
	dest                         []any
}

// newSummaryRow returns the destinations of the columns of qIndex, after
// the ID when withID.
func newSummaryRow(withID bool) *summaryRow {
	r := &summaryRow{}
	r.dest = []any{&r.id, &r.version, &r.head, &r.kind, &r.state, &r.office, &r.channel, &r.received, &r.due, &r.tags}
	if !withID {
		r.dest = r.dest[1:]
	}
	return r
}

// scanSummary reads the columns of qIndex (after the ID, when id is "")
// into r, then into a summary.
func scanSummary[ID ~string](row scanner, r *summaryRow, id ID) (history.Summary[ID], error) {
	var sum history.Summary[ID]
	if err := row.Scan(r.dest...); err != nil {
		return sum, err
	}
	sum.ID = id
	if id == "" {
		sum.ID = ID(r.id)
	}
	sum.Head.Version = int(r.version)
	x := &sum.Index
	x.Kind, x.State, x.Office, x.Channel = r.kind, r.state, r.office, r.channel
	if !setHash(&sum.Head.Hash, r.head) {
		return sum, brokenIndex(string(sum.ID), sum.Head.Version, "head hash is not 32 bytes")
	}
	var err error
	if x.Received, err = parseDate(r.received); err != nil {
		return sum, brokenIndex(string(sum.ID), sum.Head.Version, err.Error())
	}
	if x.Due, err = parseDate(r.due.String); err != nil {
		return sum, brokenIndex(string(sum.ID), sum.Head.Version, err.Error())
	}
	if x.Tags, err = decodeTags(r.tags); err != nil {
		return sum, brokenIndex(string(sum.ID), sum.Head.Version, err.Error())
	}
	return sum, nil
}

// brokenIndex is the error of a stored index row that does not hold.
func brokenIndex(id string, version int, reason string) error {
	return &history.BrokenError{ID: id, Version: version, Reason: "stored index: " + reason}
}

// intCol scans an integer column: both drivers give an int64, which
// database/sql would otherwise assign to an int through reflection, for
// every row.
type intCol int

// Scan implements sql.Scanner.
func (c *intCol) Scan(src any) error {
	n, ok := src.(int64)
	if !ok {
		return fmt.Errorf("sqlstore: integer column holds %T", src)
	}
	*c = intCol(n)
	return nil
}

func parseDate(s string) (deadline.Date, error) {
	if s == "" {
		return deadline.Date{}, nil
	}
	return deadline.ParseDate(s)
}

// List implements history.Store with one query on the histories table: the
// filters become WHERE terms (IN lists, ranges, one EXISTS on the tags
// table per tag), the order (received, id) or (due, id), which the
// histories_received and histories_due indexes give (or the tags table, for a selective tag), and the cursor a row
// comparison, so that a page costs the same wherever it starts.
func (s *Store[ID, E]) List(ctx context.Context, q history.Query) (history.Page[ID], error) {
	var page history.Page[ID]
	if err := ctx.Err(); err != nil {
		return page, err
	}
	limit, err := q.PageSize()
	if err != nil {
		return page, err
	}
	cur, resume, err := history.ParseCursor(q)
	if err != nil {
		return page, err
	}
	if err := s.ready(ctx); err != nil {
		return page, err
	}
	query, args := s.listQuery(q, cur, resume, limit+1)
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return page, s.fail(ctx, "list", err)
	}
	defer rows.Close()
	r := newSummaryRow(true)
	for rows.Next() {
		sum, err := scanSummary(rows, r, ID(""))
		if err != nil {
			return page, s.fail(ctx, "list", err)
		}
		if len(page.Items) == limit {
			last := page.Items[limit-1]
			page.Next = history.Cursor{ByDue: q.ByDue(), Day: q.Key(last.Index), ID: string(last.ID)}.String()
			break
		}
		if page.Items == nil {
			// A page is as long as limit but for the last: one
			// allocation instead of append's doubling, which copied and
			// discarded as much again.
			page.Items = make([]history.Summary[ID], 0, limit)
		}
		page.Items = append(page.Items, sum)
	}
	if err := rows.Err(); err != nil {
		return page, s.fail(ctx, "list", err)
	}
	return page, nil
}

// listQuery builds the SQL of List, with its arguments.
func (s *Store[ID, E]) listQuery(q history.Query, cur history.Cursor, resume bool, limit int) (string, []any) {
	var b strings.Builder
	args := []any{s.procedure}
	b.WriteString(`SELECT h.id, h.version, h.head, h.kind, h.state, h.office, h.channel, h.received, h.due, h.tags
FROM histories h WHERE h.procedure = ?`)
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		b.WriteString(" AND h." + col + " IN (?" + strings.Repeat(", ?", len(vals)-1) + ")")
		for _, v := range vals {
			args = append(args, v)
		}
	}
	in("kind", q.Kinds)
	in("state", q.States)
	in("office", q.Offices)
	in("channel", q.Channels)
	between := func(col string, from, to deadline.Date) {
		if !from.IsZero() {
			b.WriteString(" AND h." + col + " >= ?")
			args = append(args, from.String())
		}
		if !to.IsZero() {
			b.WriteString(" AND h." + col + " <= ?")
			args = append(args, to.String())
		}
	}
	between("received", q.ReceivedFrom, q.ReceivedTo)
	key := "received"
	if q.ByDue() {
		key = "due"
		b.WriteString(" AND h.due IS NOT NULL")
		between("due", q.DueFrom, q.DueTo)
	}
	// The first tag is a list the planner may start from (the histories
	// carrying a selective tag); the others filter.
	for i, t := range q.Tags {
		if i == 0 {
			b.WriteString(" AND h.id IN (SELECT t.id FROM tags t WHERE t.procedure = ? AND t.tag = ?)")
			args = append(args, s.procedure, t)
			continue
		}
		b.WriteString(" AND EXISTS (SELECT 1 FROM tags t WHERE t.procedure = h.procedure AND t.tag = ? AND t.id = h.id)")
		args = append(args, t)
	}
	if resume {
		b.WriteString(" AND (h." + key + ", h.id) > (?, ?)")
		args = append(args, cur.Day.String(), cur.ID)
	}
	b.WriteString(" ORDER BY h." + key + ", h.id LIMIT " + strconv.Itoa(limit))
	return s.d.rebind(b.String()), args
}

// Each returns every history of the Store's procedure, whole, in (received,
// ID) order, one at a time: it reads a page of heads at a time and each
// history's records as it yields it, so memory stays flat however many
// histories there are (the register of a year, a reindex). Each history is
// consistent with its own head; the iteration is not a snapshot of the
// whole database (a history written meanwhile may be seen before or after
// the write). The first error ends the iteration.
func (s *Store[ID, E]) Each(ctx context.Context) iter.Seq2[history.Stream[ID, E], error] {
	return func(yield func(history.Stream[ID, E], error) bool) {
		q := history.Query{Limit: 256}
		for {
			page, err := s.List(ctx, q)
			if err != nil {
				yield(history.Stream[ID, E]{}, err)
				return
			}
			for _, sum := range page.Items {
				recs, err := s.records(ctx, sum.ID, 0, sum.Head)
				if err != nil {
					yield(history.Stream[ID, E]{ID: sum.ID}, err)
					return
				}
				if !yield(history.Stream[ID, E]{ID: sum.ID, Head: sum.Head, Records: recs, Index: sum.Index}, nil) {
					return
				}
			}
			if page.Next == "" {
				return
			}
			q.Cursor = page.Next
		}
	}
}

var _ history.Store[string, struct{}] = (*Store[string, struct{}])(nil)

// setHash sets *h to b, a stored hash column, and reports whether b is a
// hash: exactly 32 bytes, neither fewer nor more.
func setHash(h *history.Hash, b []byte) bool {
	if len(b) != len(h) {
		return false
	}
	copy(h[:], b)
	return true
}
