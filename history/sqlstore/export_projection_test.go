package sqlstore

import "github.com/puntodiascolto/ascolto/history"

// KeptSQL returns the query Projections runs for q (first page), for the
// EXPLAIN tests.
func KeptSQL[ID ~string, E any](s *Store[ID, E], name string, q history.Query) (string, []any) {
	limit, _ := q.PageSize()
	return s.keptQuery(name, q, history.Cursor{}, false, limit+1)
}
