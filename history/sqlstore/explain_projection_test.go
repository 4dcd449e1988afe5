package sqlstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/sqlstore"
)

// TestProjectionsUseAnIndex: a page of kept rows (the register streamed
// from the database) reads the histories of a period through
// histories_received and each kept row through the projections' primary
// key, never a whole table, with the projections half filled and with
// statistics gathered or not (a join planned on an empty table's
// statistics read every kept row once per history).
func TestProjectionsUseAnIndex(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		db := b.storage(t)()
		fillIndex(t, db, b.dialect)
		st := newStore[string, note](t, db, b.dialect, "access")
		q := history.Query{ReceivedFrom: deadline.MustDate(2026, time.May, 1), ReceivedTo: deadline.MustDate(2026, time.May, 31), Limit: 1000}
		check := func(when string, empty bool) {
			query, args := sqlstore.KeptSQL(st, "rows", q)
			plan := explain(t, db, b.dialect, query, args)
			t.Logf("%s:\n%s", when, plan)
			if empty {
				// PostgreSQL scans an empty table rather than its index:
				// nothing to read either way.
				plan = strings.ReplaceAll(plan, "Seq Scan on projections", "")
				if !fullScan(b.dialect, plan) {
					return
				}
			}
			if fullScan(b.dialect, plan) || strings.Contains(plan, "Seq Scan on projections") || strings.Contains(plan, "SCAN p") {
				t.Fatalf("%s: the plan reads a whole table:\n%s", when, plan)
			}
			if !strings.Contains(plan, "projections_pkey") && !strings.Contains(plan, "sqlite_autoindex_projections_1") {
				t.Fatalf("%s: kept rows not read through their primary key:\n%s", when, plan)
			}
		}
		check("no kept rows", true)
		insert := `INSERT INTO projections (procedure, name, id, version, head, body) SELECT procedure, 'rows', id, version, head, head FROM histories WHERE id < 'r010000'`
		if _, err := db.ExecContext(context.Background(), insert); err != nil {
			t.Fatal(err)
		}
		check("half kept, statistics not gathered", false)
		if _, err := db.ExecContext(context.Background(), "ANALYZE"); err != nil {
			t.Fatal(err)
		}
		check("half kept, statistics gathered", false)
	})
}
