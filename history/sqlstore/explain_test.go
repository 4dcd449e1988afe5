package sqlstore_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/sqlstore"
)

// explainRows is the number of histories the planner is shown: enough for
// PostgreSQL to prefer an index over reading the table, as it would on a
// real register.
const explainRows = 20000

// fillIndex inserts explainRows histories (index rows and tags only: the
// planner looks at nothing else) spread over a year of receipts, two years
// of due dates and 1,000 tags (20 histories each, a category of a city's register), then has the database gather statistics.
func fillIndex(t *testing.T, db *sql.DB, d sqlstore.Dialect) {
	t.Helper()
	ctx := context.Background()
	stmts := map[sqlstore.Dialect][]string{
		sqlstore.SQLite: {
			`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 20000)
INSERT INTO histories (procedure, id, version, head, kind, state, office, channel, received, due, tags)
SELECT 'access', printf('r%06d', i), 1, zeroblob(32), 'generalizzato', 'pending', 'o' || (i % 40), 'pec',
	date('2026-01-01', '+' || (i % 365) || ' days'), CASE WHEN i % 3 = 0 THEN NULL ELSE date('2026-01-01', '+' || (30 + i % 730) || ' days') END,
	'["cat:' || (i % 1000) || '"]' FROM n`,
			`INSERT INTO tags (procedure, tag, id) SELECT procedure, 'cat:' || (CAST(substr(id, 2) AS INTEGER) % 1000), id FROM histories`,
			`ANALYZE`,
		},
		sqlstore.Postgres: {
			`INSERT INTO histories (procedure, id, version, head, kind, state, office, channel, received, due, tags)
SELECT 'access', 'r' || lpad(i::text, 6, '0'), 1, decode(repeat('00', 32), 'hex'), 'generalizzato', 'pending', 'o' || (i % 40), 'pec',
	to_char(date '2026-01-01' + (i % 365), 'YYYY-MM-DD'), CASE WHEN i % 3 = 0 THEN NULL ELSE to_char(date '2026-01-01' + (30 + i % 730), 'YYYY-MM-DD') END,
	'["cat:' || (i % 1000) || '"]' FROM generate_series(0, 19999) AS i`,
			`INSERT INTO tags (procedure, tag, id) SELECT procedure, 'cat:' || (substr(id, 2)::int % 1000), id FROM histories`,
			`ANALYZE`,
		},
	}
	for _, q := range stmts[d] {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("filling the index: %v", err)
		}
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM histories`).Scan(&n); err != nil || n != explainRows {
		t.Fatalf("filled %d histories (%v), want %d", n, err, explainRows)
	}
}

// TestQueriesUseAnIndex proves with the database's own plan that the
// queries of the procedures and the register (due between two dates,
// received in a period, by tag) never read the whole histories table
// (issue 9).
func TestQueriesUseAnIndex(t *testing.T) {
	day := func(m time.Month, d int) deadline.Date { return deadline.MustDate(2026, m, d) }
	queries := []struct {
		name string
		q    history.Query
	}{
		{"due in the next 7 days", history.Query{DueFrom: day(time.March, 2), DueTo: day(time.March, 9)}},
		{"due before a date", history.Query{DueTo: day(time.February, 3)}},
		{"received in a quarter", history.Query{ReceivedFrom: day(time.January, 1), ReceivedTo: day(time.March, 31)}},
		{"received in a month of one office", history.Query{ReceivedFrom: day(time.May, 1), ReceivedTo: day(time.May, 31), Offices: []string{"o7"}}},
		{"by tag", history.Query{Tags: []string{"cat:42"}}},
		{"by tag, due in a month", history.Query{Tags: []string{"cat:42"}, DueFrom: day(time.April, 1), DueTo: day(time.April, 30)}},
	}
	eachBackend(t, func(t *testing.T, b backend) {
		db := b.storage(t)()
		fillIndex(t, db, b.dialect)
		st := newStore[string, note](t, db, b.dialect, "access")
		for _, c := range queries {
			t.Run(c.name, func(t *testing.T) {
				query, args := sqlstore.ListSQL(st, c.q)
				plan := explain(t, db, b.dialect, query, args)
				if fullScan(b.dialect, plan) {
					t.Fatalf("the plan reads the whole histories table:\n%s\nquery: %s", plan, query)
				}
				t.Logf("plan:\n%s", plan)
				page, err := st.List(context.Background(), c.q)
				if err != nil || len(page.Items) == 0 {
					t.Fatalf("the query found %d histories (%v): the plan proves nothing on an empty result", len(page.Items), err)
				}
			})
		}
	})
}

func explain(t *testing.T, db *sql.DB, d sqlstore.Dialect, query string, args []any) string {
	t.Helper()
	prefix, col := "EXPLAIN ", 0
	if d == sqlstore.SQLite {
		prefix, col = "EXPLAIN QUERY PLAN ", 3
	}
	rows, err := db.Query(prefix+query, args...)
	if err != nil {
		t.Fatalf("explain: %v", err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		switch v := vals[col].(type) {
		case []byte:
			lines = append(lines, string(v))
		case string:
			lines = append(lines, v)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n")
}

// fullScan reports a plan that reads every row of histories: a SQLite SCAN
// of it (through an index or not), or a search bounded by the procedure
// only, or a PostgreSQL Seq Scan.
func fullScan(d sqlstore.Dialect, plan string) bool {
	if d == sqlstore.SQLite {
		// A search on the procedure alone visits all its histories.
		return strings.Contains(plan, "SCAN h") || strings.Contains(plan, "SCAN histories") ||
			strings.Contains(plan, "(procedure=?)")
	}
	return strings.Contains(plan, "Seq Scan on histories")
}
