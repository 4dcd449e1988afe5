// Package postgres opens a PostgreSQL database for sqlstore through
// github.com/jackc/pgx/v5 and database/sql: the store for several
// application instances writing to one database.
package postgres

import (
	"context"
	"database/sql"
	"time"

	"github.com/puntodiascolto/ascolto/history/sqlstore"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// Dialect is the dialect to give sqlstore.New and sqlstore.Migrate for a
// database opened by Open.
const Dialect = sqlstore.Postgres

// DefaultMaxConns is how many connections a pool from Open opens at most,
// and keeps idle: PostgreSQL's default max_connections is 100 (3 of them
// reserved for superusers), and every connection is a backend process of
// its own on the server, so a pool must leave room for the other
// application instances writing to the same database and for psql,
// pg_dump, monitoring and migrations. Ten lets eight instances share a
// default server (80 connections) with that room to spare, and is what
// the usual sizing (twice the server's cores, plus its disks) gives a
// four-core server: more connections would queue inside the server
// instead of in the pool. Writers beyond it wait for a free connection;
// they do not fail.
const DefaultMaxConns = 10

// DefaultConnMaxIdleTime is how long a pool from Open keeps a connection
// nobody uses: after a burst, the server's backends are released within
// five minutes; under steady load they are reused, never reopened.
const DefaultConnMaxIdleTime = 5 * time.Minute

// Open opens a pool on the PostgreSQL database at dsn, a libpq URL or
// key=value string (postgres://user@host:5432/db?sslmode=disable; add
// search_path=schema to keep ascolto's tables in their own schema), and
// checks that it answers within ten seconds. Run sqlstore.Migrate on it
// before use; close it when done.
//
// The pool opens at most DefaultMaxConns connections and keeps as many
// idle (database/sql's own defaults, unlimited open but 2 idle, close and
// reopen connections all the time under more than two concurrent
// writers: a new backend on the server each time, and every statement
// prepared again on it), and closes those idle for DefaultConnMaxIdleTime.
// Change them on the returned *sql.DB before use: a caller raising
// SetMaxOpenConns should raise SetMaxIdleConns to the same number (or the
// connections above DefaultMaxConns are closed as soon as they are free);
// lowering SetMaxOpenConns lowers the idle limit with it.
func Open(dsn string) (*sql.DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(DefaultMaxConns)
	db.SetMaxIdleConns(DefaultMaxConns)
	db.SetConnMaxIdleTime(DefaultConnMaxIdleTime)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
