package sqlstore

import (
	"errors"
	"strings"
)

// The drivers' errors are classified through the methods they expose, so
// that this package imports no driver: pgx's *pgconn.PgError has
// SQLState, modernc's *sqlite.Error has Code.

type sqlState interface{ SQLState() string }

type sqliteCode interface{ Code() int }

// SQLite extended result codes.
const (
	sqliteConstraintPrimaryKey = 1555
	sqliteConstraintUnique     = 2067
)

// isUniqueViolation reports a duplicate key.
func isUniqueViolation(err error) bool {
	var pg sqlState
	if errors.As(err, &pg) {
		return pg.SQLState() == "23505"
	}
	var lite sqliteCode
	if errors.As(err, &lite) {
		c := lite.Code()
		return c == sqliteConstraintPrimaryKey || c == sqliteConstraintUnique
	}
	return false
}

// isRace reports an error that means another writer got there first: a
// deadlock or serialization failure (PostgreSQL), which the database broke
// by aborting this transaction.
func isRace(err error) bool {
	var pg sqlState
	if errors.As(err, &pg) {
		switch pg.SQLState() {
		case "40001", "40P01":
			return true
		}
	}
	return false
}

// missingTable reports a query on a table that does not exist.
func missingTable(err error) bool {
	var pg sqlState
	if errors.As(err, &pg) {
		return pg.SQLState() == "42P01"
	}
	return strings.Contains(err.Error(), "no such table")
}
