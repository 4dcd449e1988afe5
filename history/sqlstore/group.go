package sqlstore

import (
	"context"
	"database/sql"
	"sync"

	"github.com/puntodiascolto/ascolto/history"
)

// group commits: the Writes of one Store that arrive while another is
// being written wait, and the next of them writes them all in one
// transaction. On SQLite each is in a savepoint of its own, so that one
// that fails (a conflict, a done context) leaves the others whole; on
// PostgreSQL the acts are one call of ascolto_write_many (see writeBatch). SQLite writes one
// transaction at a time anyway; what a transaction costs beyond its rows
// (taking the write lock, the commit's WAL frames, the database pages two
// Writes share) is paid once for the group, and the writers wait on each
// other in Go, not by polling SQLite's lock (busy_timeout). Each Write
// still succeeds or fails alone and is atomic; a Write whose context is
// done before its turn stores nothing.
type group[ID ~string] struct {
	mu      sync.Mutex
	queue   []*job[ID]
	leading bool // a Write is writing the queue
}

// job is one Write waiting in a group.
type job[ID ~string] struct {
	ctx      context.Context
	prepared []history.Prepared[ID]
	rows     []stored // what it wrote, once written
	err      error
	// done receives false when the job is written (err says how), true
	// when its Write is to write the queue (its own job with it).
	done chan bool
}

// writeGrouped is Write of a small batch (see small): it queues the
// batch, and writes the queue with write (writeJobs on SQLite, writeBatch
// on PostgreSQL) if no other Write is writing it; the last to write hands
// over to the first of those that queued meanwhile.
func (s *Store[ID, E]) writeGrouped(ctx context.Context, prepared []history.Prepared[ID], write func([]*job[ID])) error {
	g := &s.group
	j := &job[ID]{ctx: ctx, prepared: prepared, done: make(chan bool, 1)}
	g.mu.Lock()
	g.queue = append(g.queue, j)
	lead := !g.leading
	g.leading = true
	g.mu.Unlock()
	if !lead && !<-j.done {
		return j.err
	}
	g.mu.Lock()
	jobs := g.queue
	g.queue = nil
	g.mu.Unlock()
	write(jobs)
	for _, o := range jobs {
		if o != j {
			o.done <- false
		}
	}
	g.mu.Lock()
	if len(g.queue) > 0 {
		g.queue[0].done <- true
	} else {
		g.leading = false
	}
	g.mu.Unlock()
	return j.err
}

// writeJobs writes jobs in one transaction and sets each one's error.
// Statements are not cancelled by a job's context (an interrupted SQLite
// statement may roll the whole transaction back): a job whose context is
// done before or after its statements is rolled back to its savepoint.
func (s *Store[ID, E]) writeJobs(jobs []*job[ID]) {
	tx, err := s.db.BeginTx(context.Background(), nil)
	if err != nil {
		for _, j := range jobs {
			j.err = s.fail(j.ctx, "begin", err)
		}
		return
	}
	defer tx.Rollback()
	savepoints := len(jobs) > 1
	var written []*job[ID]
	for _, j := range jobs {
		if j.err = j.ctx.Err(); j.err != nil {
			continue
		}
		ctx := context.WithoutCancel(j.ctx)
		if savepoints {
			if _, err := tx.StmtContext(ctx, s.stmt(qSavepoint)).ExecContext(ctx); err != nil {
				j.err = s.fail(j.ctx, "savepoint", err)
				continue
			}
		}
		if j.rows, j.err = s.applyAll(ctx, tx, j.prepared); j.err == nil {
			j.err = j.ctx.Err()
		}
		if savepoints {
			if err := s.release(ctx, tx, j.err != nil); err != nil {
				s.failAll(jobs, "savepoint", err)
				return
			}
		}
		if j.err == nil {
			written = append(written, j)
		}
	}
	if len(written) == 0 {
		return
	}
	if err := tx.Commit(); err != nil {
		s.failAll(written, "commit", err)
		return
	}
	for _, j := range written {
		s.hints.put(j.prepared, j.rows)
	}
}

// failAll sets the error of every job not failed yet.
func (s *Store[ID, E]) failAll(jobs []*job[ID], op string, err error) {
	for _, j := range jobs {
		if j.err == nil {
			j.err = s.fail(j.ctx, op, err)
		}
	}
}

// The statements of a job's savepoint, prepared like the others: SQLite
// would parse them again at every job.
const (
	qSavepoint  = "SAVEPOINT job"
	qRelease    = "RELEASE job"
	qRollbackTo = "ROLLBACK TO job"
)

// release ends a job's savepoint, undoing its writes first if rollback.
func (s *Store[ID, E]) release(ctx context.Context, tx *sql.Tx, rollback bool) error {
	if rollback {
		if _, err := tx.StmtContext(ctx, s.stmt(qRollbackTo)).ExecContext(ctx); err != nil {
			return err
		}
	}
	_, err := tx.StmtContext(ctx, s.stmt(qRelease)).ExecContext(ctx)
	return err
}
