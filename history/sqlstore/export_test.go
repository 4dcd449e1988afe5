package sqlstore

import "github.com/puntodiascolto/ascolto/history"

// ListSQL returns the query List runs for q (first page), for the EXPLAIN
// tests.
func ListSQL[ID ~string, E any](s *Store[ID, E], q history.Query) (string, []any) {
	limit, _ := q.PageSize()
	return s.listQuery(q, history.Cursor{}, false, limit+1)
}
