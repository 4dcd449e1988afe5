package sqlstore

import (
	"context"

	"github.com/puntodiascolto/ascolto/history"
)

// WriteBatch writes each change as one Write queued at once would be on
// PostgreSQL (writeBatch: several in one call of ascolto_write_many), each
// with its context, and returns each one's error.
func WriteBatch[ID ~string, E any](s *Store[ID, E], ctxs []context.Context, changes []history.Change[ID, E]) []error {
	errs := make([]error, len(changes))
	var jobs []*job[ID]
	var at []int
	for i, c := range changes {
		prepared, err := history.Prepare([]history.Change[ID, E]{c})
		if err == nil {
			err = s.ready(context.Background())
		}
		if err != nil {
			errs[i] = err
			continue
		}
		jobs = append(jobs, &job[ID]{ctx: ctxs[i], prepared: prepared})
		at = append(at, i)
	}
	s.writeBatch(jobs)
	for k, j := range jobs {
		errs[at[k]] = j.err
	}
	return errs
}
