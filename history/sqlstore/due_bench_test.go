package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/sqlstore"
)

// fillDue inserts n access histories' index rows (the due query reads
// nothing else), received over the year before 5 October 2026 in the order
// they were created, as an office creates them; one in seven still
// pending, its decision due 30 to 59 days after receipt, the others
// decided (nothing due); 40 offices, a tag each. Then it gathers
// statistics. One INSERT ... SELECT on the server: a million rows in
// seconds.
func fillDue(tb testing.TB, db *sql.DB, n int) {
	tb.Helper()
	ctx := context.Background()
	for _, q := range []string{
		fmt.Sprintf(`INSERT INTO histories (procedure, id, version, head, kind, state, office, channel, received, due, tags)
SELECT 'access', 'r' || lpad(i::text, 7, '0'), 3, decode(repeat('00', 32), 'hex'), 'generalizzato',
	CASE WHEN i %% 7 = 0 THEN 'pending' ELSE 'decided' END, 'o' || (i %% 40), 'pec',
	to_char(date '2025-10-06' + (i::bigint * 365 / %[1]d)::int, 'YYYY-MM-DD'),
	CASE WHEN i %% 7 = 0 THEN to_char(date '2025-10-06' + (i::bigint * 365 / %[1]d)::int + 30 + (i %% 30), 'YYYY-MM-DD') END,
	'["cat:' || (i %% 1000) || '"]' FROM generate_series(0, %[1]d - 1) AS i`, n),
		`ANALYZE histories`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			tb.Fatalf("filling %d histories: %v", n, err)
		}
	}
}

// BenchmarkDueNext7Days: "due in the next 7 days" among 1,000,000 access
// requests on PostgreSQL (issue 9: ≤ 10 ms), through Store.List, as
// access.Service.Due and a dashboard ask it: page=first reads the first
// page (100, in due order), page=all every page of 1,000 (some 4,000
// requests). Before measuring it checks with EXPLAIN ANALYZE that the plan
// reads the histories_due index, not the table, and logs the plan.
//
//	ASCOLTO_REQUIRE_POSTGRES=1 go test -run '^$' -bench DueNext7Days -benchtime 200x -v ./history/sqlstore
func BenchmarkDueNext7Days(b *testing.B) {
	if testing.Short() {
		b.Skip("a million rows")
	}
	const n = 1_000_000
	db := postgresStorage(b)()
	start := time.Now()
	fillDue(b, db, n)
	b.Logf("%d histories inserted and analysed in %v", n, time.Since(start).Round(time.Millisecond))
	st := newStore[access.ID, access.Event](b, db, sqlstore.Postgres, "access")
	today := deadline.MustDate(2026, time.October, 5)
	q := history.Query{DueFrom: today, DueTo: today.AddDays(7)}
	query, args := sqlstore.ListSQL(st, q)
	plan := explainAnalyze(b, db, query, args)
	if strings.Contains(plan, "Seq Scan on histories") || !strings.Contains(plan, "histories_due") {
		b.Fatalf("the due query does not use histories_due:\n%s", plan)
	}
	b.Logf("plan at %d histories:\n%s", n, plan)
	ctx := context.Background()
	for _, all := range []bool{false, true} {
		name := "page=first"
		if all {
			name, q.Limit = "page=all", history.MaxLimit
		}
		b.Run(name, func(b *testing.B) {
			rows := 0
			for b.Loop() {
				rows = 0
				q := q
				for {
					page, err := st.List(ctx, q)
					if err != nil {
						b.Fatal(err)
					}
					rows += len(page.Items)
					if !all || page.Next == "" {
						break
					}
					q.Cursor = page.Next
				}
			}
			if rows == 0 {
				b.Fatal("nothing due: the benchmark measures nothing")
			}
			b.ReportMetric(float64(rows), "rows")
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/query")
		})
	}
}

// explainAnalyze runs query under EXPLAIN ANALYZE on PostgreSQL and
// returns the plan with its timings.
func explainAnalyze(tb testing.TB, db *sql.DB, query string, args []any) string {
	tb.Helper()
	rows, err := db.Query("EXPLAIN (ANALYZE, BUFFERS) "+query, args...)
	if err != nil {
		tb.Fatalf("explain: %v", err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			tb.Fatal(err)
		}
		lines = append(lines, line)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return strings.Join(lines, "\n")
}
