package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
)

// ErrProcedure is returned by New for an empty or over-long procedure name.
var ErrProcedure = errors.New("sqlstore: invalid procedure name")

// Store is a history.Store on a database/sql database, for the histories
// of one procedure: the procedure name given to New is the namespace its
// rows carry, so every procedure shares the same tables. It is safe for
// concurrent use, and several Stores (several processes) may share one
// database: every Write is one transaction, checked against the version and
// head hash it read.
type Store[ID ~string, E any] struct {
	db        *sql.DB
	d         Dialect
	procedure string
	checked   atomic.Bool // the schema was found current
	group     group[ID]   // the Writes waiting for a SQLite transaction
	hints     hints[ID]   // the rows last written or loaded (SQLite)

	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

// New returns the Store of procedure (e.g. "access", "complaint") on db,
// which speaks dialect d. db must have been brought to the current schema
// by Migrate: the first method called on the Store checks it and fails with
// a *SchemaError otherwise. On SQLite, open db with sqlite.Open, whose
// transactions begin IMMEDIATE; on PostgreSQL, with postgres.Open.
func New[ID ~string, E any](db *sql.DB, d Dialect, procedure string) (*Store[ID, E], error) {
	if err := d.check(); err != nil {
		return nil, err
	}
	if db == nil {
		return nil, errors.New("sqlstore: nil *sql.DB")
	}
	if procedure == "" || len(procedure) > 64 {
		return nil, fmt.Errorf("%w: %q", ErrProcedure, procedure)
	}
	return &Store[ID, E]{db: db, d: d, procedure: procedure, stmts: map[string]*sql.Stmt{}}, nil
}

// Procedure returns the namespace the Store's rows carry.
func (s *Store[ID, E]) Procedure() string { return s.procedure }

// Close releases the statements the Store prepared; it does not close the
// *sql.DB, which its owner closes.
func (s *Store[ID, E]) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for q, st := range s.stmts {
		errs = append(errs, st.Close())
		delete(s.stmts, q)
	}
	s.checked.Store(false)
	return errors.Join(errs...)
}

// ready checks the schema and prepares the statements, once. Statements
// are prepared on the pool before any transaction begins: a transaction
// holding a connection never waits for another one, which a full pool
// would never give (database/sql prepares a statement again on each
// connection it runs on, that connection included).
func (s *Store[ID, E]) ready(ctx context.Context) error {
	if s.checked.Load() {
		return nil
	}
	if err := checkSchema(ctx, s.db, s.d); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, q := range statements(s.d) {
		if _, ok := s.stmts[q]; ok {
			continue
		}
		st, err := s.db.PrepareContext(ctx, s.d.rebind(q))
		if err != nil {
			return s.fail(ctx, "prepare", err)
		}
		s.stmts[q] = st
	}
	s.checked.Store(true)
	return nil
}

// stmt returns the statement ready prepared for query.
func (s *Store[ID, E]) stmt(query string) *sql.Stmt {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stmts[query]
}

// The statements of Write and Load.
const (
	qHead   = `SELECT version, head, received, due, tags FROM histories WHERE procedure = ? AND id = ?`
	qCreate = `INSERT INTO histories (procedure, id, version, head, kind, state, office, channel, received, due, tags)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
	qRecord    = `INSERT INTO records (procedure, id, version, prev, hash, bytes) VALUES (?, ?, ?, ?, ?, ?)`
	qUntag     = `DELETE FROM tags WHERE procedure = ? AND id = ?`
	qTag       = `INSERT INTO tags (procedure, tag, id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`
	qIndex     = `SELECT version, head, kind, state, office, channel, received, due, tags FROM histories WHERE procedure = ? AND id = ?`
	qRecords   = `SELECT version, prev, hash, bytes FROM records WHERE procedure = ? AND id = ? AND version > ? AND version <= ? ORDER BY version`
	recordCols = 6
	// maxRows bounds the rows of one multi-row INSERT (SQLite allows 32,766
	// parameters, PostgreSQL 65,535).
	maxRows = 500
)

// qUpdate is the compare-and-set of an append, indexed by which of the
// indexed columns received and due it sets (1: received, 2: due): SQLite
// rewrites an index whose column an UPDATE sets even to the same value,
// a page more to write at each commit, so an append sets only those that
// changed. qGuess is the same on a row not read but guessed (see hints):
// it also compares the columns from which the append decided what to set.
var qUpdate, qGuess = func() (q, g [4]string) {
	for i := range q {
		set := "version = ?, head = ?, kind = ?, state = ?, office = ?, channel = ?, "
		if i&1 != 0 {
			set += "received = ?, "
		}
		if i&2 != 0 {
			set += "due = ?, "
		}
		q[i] = "UPDATE histories SET " + set + "tags = ?\nWHERE procedure = ? AND id = ? AND version = ? AND head = ?"
		g[i] = q[i] + " AND received = ? AND due IS ? AND tags IS ?"
	}
	return q, g
}()

// statements returns those ready prepares for dialect d.
func statements(d Dialect) []string {
	qs := []string{qHead, qCreate, qUpdate[0], qUpdate[1], qUpdate[2], qUpdate[3], qRecord, qUntag, qTag, qIndex, qRecords, qLoad}
	if d == Postgres {
		qs = append(qs, qWrite, qWriteMany)
	} else {
		qs = append(qs, qGuess[:]...)
		qs = append(qs, qSavepoint, qRelease, qRollbackTo)
	}
	return qs
}

// stored is what Write reads of a history before changing it, or what it
// wrote.
type stored struct {
	exists        bool
	head          history.Head
	received, due string // due is "" for NULL
	tags          []string
	tagsCol       any // the tags column as encodeTags gives it, in a guess (see hints)
}

// Write implements history.Store: one transaction that reads each
// history's head, checks the batch against it (history.Prepared.Check),
// then writes the histories in ID order, each a compare-and-set on the
// version and head hash read, their records and their tags. Once every
// statement has run, a done context is the last chance to give up; after
// that the commit is not cancelled, so a Write returning the context's
// error stored nothing, and one returning nil stored everything.
//
// An act (at most maxOneStatement records) is written faster, with the
// same guarantees: on PostgreSQL one history's act is one statement, the
// function ascolto_write of migration 2 (one round trip instead of five);
// on SQLite the acts of concurrent Writes on one Store share a transaction
// (see group), and a change to one history that continues the row the
// Store last wrote or loaded skips reading it: its compare-and-set also
// compares what it would have read (see hints). A larger batch is written
// as above, stopped between statements when its context is done.
func (s *Store[ID, E]) Write(ctx context.Context, changes ...history.Change[ID, E]) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	prepared, err := history.Prepare(changes)
	if err != nil {
		return err
	}
	if err := s.ready(ctx); err != nil {
		return err
	}
	if small(prepared) {
		switch {
		case s.d == Postgres && len(prepared) == 1 && len(prepared[0].Records) > 0:
			return s.writeGrouped(ctx, prepared, s.writeBatch)
		case s.d == SQLite:
			return s.writeGrouped(ctx, prepared, s.writeJobs)
		}
	}
	tx, err := s.db.BeginTx(context.WithoutCancel(ctx), nil)
	if err != nil {
		return s.fail(ctx, "begin", err)
	}
	defer tx.Rollback()
	rows, err := s.applyAll(ctx, tx, prepared)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return s.fail(ctx, "commit", err)
	}
	if s.d == SQLite {
		s.hints.put(prepared, rows)
	}
	return nil
}

// small reports whether a batch writes at most maxOneStatement records: an
// act, not an import, so that it is written whole once begun (see
// writeOne and writeGrouped).
func small[ID ~string](prepared []history.Prepared[ID]) bool {
	n := 0
	for _, p := range prepared {
		n += len(p.Records)
	}
	return n <= maxOneStatement
}

// applyAll checks the batch against the stored heads, then writes the
// histories in ID order; it returns the rows written, in batch order. An
// act on SQLite tries first without reading the stored head (see hints).
func (s *Store[ID, E]) applyAll(ctx context.Context, tx *sql.Tx, prepared []history.Prepared[ID]) ([]stored, error) {
	if old, ok := s.guess(prepared); ok {
		row, err := s.apply(ctx, tx, prepared[0], old, true)
		if !errors.Is(err, errStale) {
			return []stored{row}, err
		}
	}
	olds, err := s.check(ctx, tx, prepared)
	if err != nil {
		return nil, err
	}
	order := make([]int, len(prepared))
	for i := range order {
		order[i] = i
	}
	// Rows are locked in one order by every writer: no deadlock between
	// two batches touching the same histories.
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(string(prepared[a].ID), string(prepared[b].ID)) })
	rows := make([]stored, len(prepared))
	for _, i := range order {
		if rows[i], err = s.apply(ctx, tx, prepared[i], olds[i], false); err != nil {
			return nil, err
		}
	}
	return rows, nil
}

// qWrite calls the function of migration 0002 (PostgreSQL).
const qWrite = `SELECT ok, present, stored_version, stored_head FROM ascolto_write(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// maxOneStatement is the most records writeOne and writeGrouped write: a
// larger batch (an import, a sheet of signatures) takes a transaction of
// its own, which a done context stops between statements.
const maxOneStatement = 64

// writeOne is Write on PostgreSQL of one history created or continued by
// a few records (every act): one statement, ascolto_write, which is its own
// transaction and does on the server what Write's transaction does in five
// round trips. The statement is not cancelled once sent: an error returned
// means nothing was stored, nil that everything was.
func (s *Store[ID, E]) writeOne(ctx context.Context, p history.Prepared[ID]) error {
	tags, err := encodeTags(p.Index.Tags)
	if err != nil {
		return err
	}
	n := len(p.Records)
	versions, prevs, hashes, bytes := make([]int64, n), make([][]byte, n), make([][]byte, n), make([][]byte, n)
	for i, r := range p.Records {
		versions[i], prevs[i], hashes[i], bytes[i] = int64(r.Version), r.Prev[:], r.Hash[:], r.Bytes
	}
	head, x := p.Head(history.Head{}), p.Index
	var ok, present bool
	var version sql.NullInt64
	var storedHead []byte
	err = s.stmt(qWrite).QueryRowContext(context.WithoutCancel(ctx),
		s.procedure, string(p.ID), p.Expected, p.Records[0].Prev[:], head.Version, head.Hash[:],
		x.Kind, x.State, x.Office, x.Channel, x.Received.String(), due(x.Due), tags, x.Tags,
		versions, prevs, hashes, bytes).Scan(&ok, &present, &version, &storedHead)
	switch {
	case isUniqueViolation(err):
		return fmt.Errorf("%w: %s: a record at version %d exists", history.ErrConflict, p.ID, p.Records[0].Version)
	case err != nil:
		return s.fail(ctx, "write", err)
	}
	return written(p, ok, present, version, storedHead)
}

// written is the error of a change from what ascolto_write returned: nil
// when it wrote, else why not, from the stored head it found.
func written[ID ~string](p history.Prepared[ID], ok, present bool, version sql.NullInt64, storedHead []byte) error {
	switch {
	case ok:
		return nil
	case p.Expected == 0:
		return fmt.Errorf("%w: %s", history.ErrExists, p.ID)
	case !present:
		return fmt.Errorf("%w: %s", history.ErrNotFound, p.ID)
	}
	old := history.Head{Version: int(version.Int64)}
	if !setHash(&old.Hash, storedHead) {
		return &history.BrokenError{ID: string(p.ID), Version: old.Version, Reason: "stored head hash is not 32 bytes"}
	}
	if err := p.Check(old); err != nil {
		return err
	}
	return fmt.Errorf("%w: %s", history.ErrConflict, p.ID)
}

// fail turns a database error into the error Write returns: the context's
// own once it is done, ErrConflict when the database aborted the
// transaction for a concurrent one, else the error wrapped.
func (s *Store[ID, E]) fail(ctx context.Context, op string, err error) error {
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case isRace(err):
		return fmt.Errorf("%w: %s: %v", history.ErrConflict, op, err)
	}
	return fmt.Errorf("sqlstore: %s %s: %w", s.procedure, op, err)
}

// check reads each history's head in batch order and checks the change
// against it, so that the first change that fails gives the error.
func (s *Store[ID, E]) check(ctx context.Context, tx *sql.Tx, prepared []history.Prepared[ID]) ([]stored, error) {
	st := tx.StmtContext(ctx, s.stmt(qHead))
	olds := make([]stored, len(prepared))
	for i, p := range prepared {
		var version int
		var head []byte
		var received string
		var dueCol, tags sql.NullString
		err := st.QueryRowContext(ctx, s.procedure, string(p.ID)).Scan(&version, &head, &received, &dueCol, &tags)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return nil, s.fail(ctx, "read head", err)
		default:
			old := stored{exists: true, head: history.Head{Version: version}, received: received, due: dueCol.String}
			if !setHash(&old.head.Hash, head) {
				return nil, &history.BrokenError{ID: string(p.ID), Version: version, Reason: "stored head hash is not 32 bytes"}
			}
			if old.tags, err = decodeTags(tags); err != nil {
				return nil, &history.BrokenError{ID: string(p.ID), Version: version, Reason: "stored tags: " + err.Error()}
			}
			olds[i] = old
		}
		switch {
		case p.Expected == 0 && olds[i].exists:
			return nil, fmt.Errorf("%w: %s", history.ErrExists, p.ID)
		case p.Expected > 0 && !olds[i].exists:
			return nil, fmt.Errorf("%w: %s", history.ErrNotFound, p.ID)
		}
		if err := p.Check(olds[i].head); err != nil {
			return nil, err
		}
	}
	return olds, nil
}

// apply writes one change checked against old, and returns the row it
// wrote. When old was guessed, not read (see hints), a row that is not old
// gives errStale before anything is written.
func (s *Store[ID, E]) apply(ctx context.Context, tx *sql.Tx, p history.Prepared[ID], old stored, guessed bool) (stored, error) {
	head := p.Head(old.head)
	tags, err := encodeTags(p.Index.Tags)
	if err != nil {
		return stored{}, err
	}
	x := p.Index
	row := stored{exists: true, head: head, received: x.Received.String(), due: x.Due.String(), tags: x.Tags, tagsCol: tags}
	if !old.exists {
		lost := history.ErrExists
		if guessed {
			lost = errStale
		}
		err = s.exec(ctx, tx, qCreate, lost, p.ID,
			s.procedure, string(p.ID), head.Version, head.Hash[:],
			x.Kind, x.State, x.Office, x.Channel, row.received, due(x.Due), tags)
	} else {
		args := []any{head.Version, head.Hash[:], x.Kind, x.State, x.Office, x.Channel}
		set := 0
		if row.received != old.received {
			set |= 1
			args = append(args, row.received)
		}
		if row.due != old.due { // "" for no due date on both sides
			set |= 2
			args = append(args, due(x.Due))
		}
		args = append(args, tags, s.procedure, string(p.ID), old.head.Version, old.head.Hash[:])
		if guessed {
			args = append(args, old.received, dueCol(old.due), old.tagsCol)
			err = s.exec(ctx, tx, qGuess[set], errStale, p.ID, args...)
		} else {
			err = s.exec(ctx, tx, qUpdate[set], history.ErrConflict, p.ID, args...)
		}
	}
	if err != nil {
		return stored{}, err
	}
	if err := s.insertRecords(ctx, tx, p); err != nil {
		return stored{}, err
	}
	if old.exists && slices.Equal(old.tags, p.Index.Tags) {
		return row, nil
	}
	return row, s.retag(ctx, tx, p.ID, old.exists, p.Index.Tags)
}

// exec runs a prepared statement that must change one row; none changed is
// lost, wrapped with id.
func (s *Store[ID, E]) exec(ctx context.Context, tx *sql.Tx, query string, lost error, id ID, args ...any) error {
	res, err := tx.StmtContext(ctx, s.stmt(query)).ExecContext(ctx, args...)
	if err != nil {
		return s.fail(ctx, "write history", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return s.fail(ctx, "write history", err)
	}
	if n != 1 {
		return fmt.Errorf("%w: %s", lost, id)
	}
	return nil
}

// insertRecords inserts p's records: one prepared statement for one record
// (an act), multi-row INSERTs for more.
func (s *Store[ID, E]) insertRecords(ctx context.Context, tx *sql.Tx, p history.Prepared[ID]) error {
	recs := p.Records
	for len(recs) > 0 {
		n := min(len(recs), maxRows)
		var err error
		if n == 1 {
			r := recs[0]
			_, err = tx.StmtContext(ctx, s.stmt(qRecord)).ExecContext(ctx, s.procedure, string(p.ID), r.Version, r.Prev[:], r.Hash[:], r.Bytes)
		} else {
			args := make([]any, 0, n*recordCols)
			for _, r := range recs[:n] {
				args = append(args, s.procedure, string(p.ID), r.Version, r.Prev[:], r.Hash[:], r.Bytes)
			}
			_, err = tx.ExecContext(ctx, s.d.rebind(qRecord+strings.Repeat(", (?, ?, ?, ?, ?, ?)", n-1)), args...)
		}
		if isUniqueViolation(err) {
			return fmt.Errorf("%w: %s: a record at version %d exists", history.ErrConflict, p.ID, recs[0].Version)
		}
		if err != nil {
			return s.fail(ctx, "write records", err)
		}
		recs = recs[n:]
	}
	return nil
}

// retag replaces the tag rows of a history.
func (s *Store[ID, E]) retag(ctx context.Context, tx *sql.Tx, id ID, existed bool, tags []string) error {
	if existed {
		if _, err := tx.StmtContext(ctx, s.stmt(qUntag)).ExecContext(ctx, s.procedure, string(id)); err != nil {
			return s.fail(ctx, "untag", err)
		}
	}
	if len(tags) == 0 {
		return nil
	}
	st := tx.StmtContext(ctx, s.stmt(qTag))
	for _, t := range tags {
		if _, err := st.ExecContext(ctx, s.procedure, t, string(id)); err != nil {
			return s.fail(ctx, "tag", err)
		}
	}
	return nil
}

// due is the due column's value: NULL when nothing is due.
func due(d deadline.Date) any {
	return dueCol(d.String())
}

// dueCol is the due column's value for a date's String: NULL for "".
func dueCol(s string) any {
	if s == "" {
		return nil
	}
	return s
}
