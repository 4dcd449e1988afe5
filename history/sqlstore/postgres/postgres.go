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

// Open opens a pool on the PostgreSQL database at dsn, a libpq URL or
// key=value string (postgres://user@host:5432/db?sslmode=disable; add
// search_path=schema to keep ascolto's tables in their own schema), and
// checks that it answers within ten seconds. Run sqlstore.Migrate on it
// before use; close it when done.
func Open(dsn string) (*sql.DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
