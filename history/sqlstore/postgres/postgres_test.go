package postgres_test

import (
	"context"
	"sync"
	"testing"

	"github.com/puntodiascolto/ascolto/history/sqlstore/postgres"
	"github.com/puntodiascolto/ascolto/history/sqlstore/postgres/postgrestest"
)

// TestOpenPool: a pool from Open opens at most DefaultMaxConns
// connections, and the connections of 8 concurrent queries stay open,
// idle, once the queries are done (database/sql's default would keep 2 and
// close 6 backends).
func TestOpenPool(t *testing.T) {
	_, db := postgrestest.Schema(t, "ascolto_postgres")
	if got := db.Stats().MaxOpenConnections; got != postgres.DefaultMaxConns {
		t.Fatalf("MaxOpenConnections = %d, want %d", got, postgres.DefaultMaxConns)
	}
	const queries = 8
	ctx := context.Background()
	var (
		wg      sync.WaitGroup
		holding sync.WaitGroup // until every query holds its connection
		mu      sync.Mutex
		pids    = make(map[int]bool)
	)
	holding.Add(queries)
	for range queries {
		wg.Go(func() {
			conn, err := db.Conn(ctx)
			if err != nil {
				holding.Done()
				t.Error(err)
				return
			}
			defer conn.Close()
			var pid int
			err = conn.QueryRowContext(ctx, "SELECT pg_backend_pid()").Scan(&pid)
			holding.Done()
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			pids[pid] = true
			mu.Unlock()
			holding.Wait()
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	if len(pids) != queries {
		t.Fatalf("%d queries ran on %d backends, want %d", queries, len(pids), queries)
	}
	st := db.Stats()
	if st.Idle <= 2 || st.Idle != queries || st.MaxIdleClosed != 0 {
		t.Fatalf("after %d concurrent queries: %d idle connections, %d closed as over the idle limit; want %d idle, none closed",
			queries, st.Idle, st.MaxIdleClosed, queries)
	}
}

// A deployment with more concurrent writers per instance, on a server
// whose max_connections allows it, raises both limits together.
func ExampleOpen() {
	db, err := postgres.Open("postgres://ascolto@db.example.org:5432/ascolto?sslmode=verify-full")
	if err != nil {
		panic(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(20)
}
