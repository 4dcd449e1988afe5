package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/sqlstore"
	"github.com/puntodiascolto/ascolto/office"
)

// actsPerRequest counts the filing and the four acts after it.
const actsPerRequest = 5

var (
	benchDesk = office.Actor{ID: "l.rossi", Role: office.FrontOffice, Office: "punto-di-ascolto"}
	benchDay  = time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
)

// actRequest files one access request and performs four acts on it
// through the Service, each a Write of its own.
func actRequest(ctx context.Context, svc *access.Service, i int) error {
	r, err := svc.File(ctx, access.Act{By: benchDesk}, access.Filing{Kind: access.Generalizzato, Channel: access.ChannelPEC,
		Protocol: access.Protocol{Number: fmt.Sprintf("RA/2026/%07d", i)}, Subject: "dati sulle multe", Office: "dip-mobilita"})
	if err != nil {
		return err
	}
	act := func() access.Act { return access.Act{ID: r.ID, By: benchDesk} }
	steps := []func() error{
		func() (err error) { r, err = svc.Assign(ctx, act(), access.Assignment{Office: "dip-mobilita"}); return },
		func() (err error) {
			r, err = svc.NotifyStart(ctx, act(), access.StartNotice{Office: "dip-mobilita"})
			return
		},
		func() (err error) {
			r, err = svc.RequestDocuments(ctx, act(), access.DocumentRequest{Requests: []access.InternalRequest{{Office: "urbanistica", Documents: "atti"}}})
			return
		},
		func() (err error) {
			r, err = svc.RecordDocuments(ctx, act(), access.DocumentAnswer{Request: 1})
			return
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkServiceActs measures acts per second through an access Service
// (a filing and four acts per request, each its own Write) on the
// in-memory store, a SQLite file and PostgreSQL, with 1 and 8 concurrent
// writers: one op is one request. Issue 9's figures use 10,000 requests:
//
//	go test -run '^$' -bench ServiceActs -benchtime 10000x ./history/sqlstore
func BenchmarkServiceActs(b *testing.B) {
	memory := func(testing.TB) access.Store { return history.NewMemory[access.ID, access.Event]() }
	onSQL := func(be backend) func(testing.TB) access.Store {
		return func(tb testing.TB) access.Store {
			db := be.storage(tb)()
			st := newStore[access.ID, access.Event](tb, db, be.dialect, "access")
			if be.dialect == sqlstore.Postgres {
				inService(tb, db, st)
			}
			return st
		}
	}
	lite, pg := backends()[0], backends()[1]
	for _, c := range []struct {
		name    string
		writers int
		store   func(testing.TB) access.Store
	}{
		{"memory/writers=1", 1, memory},
		{"memory/writers=8", 8, memory},
		{"sqlite/writers=1", 1, onSQL(lite)},
		{"sqlite/writers=8", 8, onSQL(lite)},
		{"postgres/writers=1", 1, onSQL(pg)},
		{"postgres/writers=8", 8, onSQL(pg)},
	} {
		b.Run(c.name, func(b *testing.B) {
			svc, err := access.NewService(access.Config{Store: c.store(b), Calendar: deadline.Rome(), Now: func() time.Time { return benchDay }})
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			var next atomic.Int64
			var wg sync.WaitGroup
			b.ResetTimer()
			start := time.Now()
			for range c.writers {
				wg.Go(func() {
					for i := int(next.Add(1)); i <= b.N; i = int(next.Add(1)) {
						if err := actRequest(ctx, svc, i); err != nil {
							b.Error(err)
							return
						}
					}
				})
			}
			wg.Wait()
			elapsed := time.Since(start)
			b.ReportMetric(float64(b.N*actsPerRequest)/elapsed.Seconds(), "acts/s")
		})
	}
}

// inService brings a new PostgreSQL database to the state of one in
// service before it is measured: some histories, and the statistics that
// autovacuum gathers within a minute of a table's first 50 changes.
// Without them, the plans PostgreSQL caches on a new connection for an
// empty, never analysed table may look a history up through the
// histories_received index, which reads every entry of the procedure: a
// new database's first minute, not its life. ANALYZE invalidates those
// plans.
func inService(tb testing.TB, db *sql.DB, st access.Store) {
	tb.Helper()
	svc, err := access.NewService(access.Config{Store: st, Calendar: deadline.Rome(), Now: func() time.Time { return benchDay }})
	if err != nil {
		tb.Fatal(err)
	}
	for i := range 200 {
		if err := actRequest(context.Background(), svc, 9_000_000+i); err != nil {
			tb.Fatal(err)
		}
	}
	if _, err := db.Exec("ANALYZE histories, records, tags"); err != nil {
		tb.Fatal(err)
	}
}
