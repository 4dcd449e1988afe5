package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/puntodiascolto/ascolto/history"
)

// qWriteMany calls the function of migration 0004 (PostgreSQL).
const qWriteMany = `SELECT ok, present, stored_version, stored_head FROM ascolto_write_many(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// writeBatch writes the acts of concurrent Writes on PostgreSQL (each job
// one change with records): one alone through ascolto_write (writeOne),
// several through one call of ascolto_write_many, one statement and so one
// transaction and one WAL flush for all of them. Each act is checked and
// written exactly as alone, in ID order (the order every batch locks rows
// in); each job gets its own outcome. When the statement fails as a whole
// on the server (a deadlock with another process, a record already there,
// a value the server refuses), nothing of it was stored, and each job is
// written again alone, so that it fails for its own reasons only. A job
// whose context is done before the statement is sent stores nothing.
func (s *Store[ID, E]) writeBatch(jobs []*job[ID]) {
	var live []*job[ID]
	for _, j := range jobs {
		if j.err = j.ctx.Err(); j.err == nil {
			live = append(live, j)
		}
	}
	switch len(live) {
	case 0:
		return
	case 1:
		live[0].err = s.writeOne(live[0].ctx, live[0].prepared[0])
		return
	}
	slices.SortStableFunc(live, func(a, b *job[ID]) int {
		return strings.Compare(string(a.prepared[0].ID), string(b.prepared[0].ID))
	})
	args, err := s.manyArgs(live)
	if err == nil {
		err = s.writeMany(live, args)
	}
	if err == nil {
		return
	}
	var pg sqlState
	if !errors.As(err, &pg) {
		for _, j := range live { // not the server's answer: not retried
			j.err = s.fail(j.ctx, "write", err)
		}
		return
	}
	for _, j := range live {
		j.err = s.writeOne(j.ctx, j.prepared[0])
	}
}

// manyArgs returns the arguments of qWriteMany for the jobs' changes.
func (s *Store[ID, E]) manyArgs(jobs []*job[ID]) ([]any, error) {
	n := len(jobs)
	ids, prev, heads := make([]string, n), make([][]byte, n), make([][]byte, n)
	expected, version := make([]int64, n), make([]int64, n)
	kind, state, office, channel, received := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	dues, tags := make([]*string, n), make([]*string, n)
	tagCounts, recCounts := make([]int32, n), make([]int32, n)
	var tagList []string
	var versions []int64
	var prevs, hashes, bytes [][]byte
	for i, j := range jobs {
		p := j.prepared[0]
		col, err := encodeTags(p.Index.Tags)
		if err != nil {
			return nil, err
		}
		if col != nil {
			c := col.(string)
			tags[i] = &c
		}
		head, x := p.Head(history.Head{}), p.Index
		ids[i], expected[i], prev[i], version[i], heads[i] = string(p.ID), int64(p.Expected), p.Records[0].Prev[:], int64(head.Version), head.Hash[:]
		kind[i], state[i], office[i], channel[i], received[i] = x.Kind, x.State, x.Office, x.Channel, x.Received.String()
		if !x.Due.IsZero() {
			d := x.Due.String()
			dues[i] = &d
		}
		tagCounts[i], recCounts[i] = int32(len(x.Tags)), int32(len(p.Records))
		tagList = append(tagList, x.Tags...)
		for _, r := range p.Records {
			versions, prevs, hashes, bytes = append(versions, int64(r.Version)), append(prevs, r.Prev[:]), append(hashes, r.Hash[:]), append(bytes, r.Bytes)
		}
	}
	return []any{s.procedure, ids, expected, prev, version, heads, kind, state, office, channel, received, dues, tags,
		tagCounts, tagList, recCounts, versions, prevs, hashes, bytes}, nil
}

// writeMany runs qWriteMany and sets each job's outcome; an error is the
// statement's, and then no job's outcome is set.
func (s *Store[ID, E]) writeMany(jobs []*job[ID], args []any) error {
	rows, err := s.stmt(qWriteMany).QueryContext(context.Background(), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	outcomes := make([]error, 0, len(jobs))
	for rows.Next() {
		var ok, present bool
		var version sql.NullInt64
		var storedHead []byte
		if err := rows.Scan(&ok, &present, &version, &storedHead); err != nil {
			return err
		}
		if len(outcomes) == len(jobs) {
			return fmt.Errorf("sqlstore: ascolto_write_many returned more than %d rows", len(jobs))
		}
		outcomes = append(outcomes, written(jobs[len(outcomes)].prepared[0], ok, present, version, storedHead))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(outcomes) != len(jobs) {
		return fmt.Errorf("sqlstore: ascolto_write_many returned %d rows for %d changes", len(outcomes), len(jobs))
	}
	for i, j := range jobs {
		j.err = outcomes[i]
	}
	return nil
}
