package sqlstore

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Dialect is the SQL a database speaks: SQLite or Postgres. Its zero value
// is no dialect, refused by New and Migrate.
type Dialect int

// The dialects a Store speaks.
const (
	// SQLite is SQLite 3 (modernc.org/sqlite, see package sqlite): one file,
	// one writer at a time (BEGIN IMMEDIATE), any number of readers (WAL).
	SQLite Dialect = iota + 1
	// Postgres is PostgreSQL 13 or later through pgx (see package postgres):
	// several application instances write to one database, each append a
	// compare-and-set on the history's version and head hash.
	Postgres
)

// ErrDialect is returned for a Dialect that is neither SQLite nor Postgres.
var ErrDialect = errors.New("sqlstore: unknown dialect")

// String returns "sqlite" or "postgres".
func (d Dialect) String() string {
	switch d {
	case SQLite:
		return "sqlite"
	case Postgres:
		return "postgres"
	}
	return "Dialect(" + strconv.Itoa(int(d)) + ")"
}

func (d Dialect) check() error {
	if d != SQLite && d != Postgres {
		return fmt.Errorf("%w: %v", ErrDialect, d)
	}
	return nil
}

// rebind turns the ? placeholders of query into $1, $2... for PostgreSQL.
// The queries of this package hold no ? inside literals.
func (d Dialect) rebind(query string) string {
	if d != Postgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}
