package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

//go:embed migrations
var migrations embed.FS

// ErrSchema is wrapped by a *SchemaError: the database's schema is not the
// one this package knows (older and not migrated, or newer).
var ErrSchema = errors.New("sqlstore: unsupported schema version")

// SchemaError says which schema version a database holds and which one
// this package knows. A database newer than the package (written by a later
// release) is refused rather than misread; an older one needs Migrate.
type SchemaError struct {
	// Found is the database's schema version; 0 when it was never migrated.
	Found int
	// Known is the latest schema version this package knows.
	Known int
}

// Error says which versions differ and what to do.
func (e *SchemaError) Error() string {
	if e.Found > e.Known {
		return fmt.Sprintf("sqlstore: database schema version %d is newer than %d, the latest this release knows: upgrade ascolto", e.Found, e.Known)
	}
	return fmt.Sprintf("sqlstore: database schema version %d, want %d: run Migrate", e.Found, e.Known)
}

// Unwrap returns ErrSchema.
func (e *SchemaError) Unwrap() error { return ErrSchema }

// migration is one numbered script of a dialect.
type migration struct {
	version int
	script  string
}

// scripts returns the dialect's migrations in order.
func scripts(d Dialect) ([]migration, error) {
	dir := path.Join("migrations", d.String())
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("sqlstore: bad migration name %s", e.Name())
		}
		b, err := fs.ReadFile(migrations, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, script: string(b)})
	}
	slices.SortFunc(out, func(a, b migration) int { return a.version - b.version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("sqlstore: migration %d missing", i+1)
		}
	}
	return out, nil
}

// SchemaVersion is the latest schema version this package knows, the one
// Migrate brings a database to.
func SchemaVersion(d Dialect) (int, error) {
	if err := d.check(); err != nil {
		return 0, err
	}
	ms, err := scripts(d)
	return len(ms), err
}

// Migrate creates or upgrades the schema of db to SchemaVersion, running
// each embedded migration the database has not seen in one transaction, and
// records the version in the schema_version table. It is safe to call at
// every start, from several processes at once, and does nothing on an
// up-to-date database. A database whose schema is newer than this package
// knows is refused with a *SchemaError and left untouched.
func Migrate(ctx context.Context, db *sql.DB, d Dialect) error {
	if err := d.check(); err != nil {
		return err
	}
	ms, err := scripts(d)
	if err != nil {
		return err
	}
	if d == Postgres {
		// Creating the table outside the transaction below avoids a race
		// between two first migrations; IF NOT EXISTS makes it idempotent.
		if _, err := db.ExecContext(ctx, createVersionTable); err != nil && !isUniqueViolation(err) {
			return fmt.Errorf("sqlstore: migrate: %w", err)
		}
	}
	tx, err := db.BeginTx(ctx, nil) // BEGIN IMMEDIATE on SQLite (see package sqlite)
	if err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	defer tx.Rollback()
	if err := lockVersions(ctx, tx, d); err != nil {
		return err
	}
	found, err := readVersion(ctx, tx)
	if err != nil {
		return err
	}
	if found > len(ms) {
		return &SchemaError{Found: found, Known: len(ms)}
	}
	for _, m := range ms[found:] {
		if _, err := tx.ExecContext(ctx, m.script); err != nil {
			return fmt.Errorf("sqlstore: migration %d: %w", m.version, err)
		}
		if _, err := tx.ExecContext(ctx, d.rebind("INSERT INTO schema_version (version) VALUES (?)"), m.version); err != nil {
			return fmt.Errorf("sqlstore: migration %d: %w", m.version, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	return nil
}

const createVersionTable = `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY)`

// lockVersions makes concurrent migrations take turns.
func lockVersions(ctx context.Context, tx *sql.Tx, d Dialect) error {
	q := createVersionTable
	if d == Postgres {
		q = `LOCK TABLE schema_version IN EXCLUSIVE MODE`
	}
	if _, err := tx.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	return nil
}

// readVersion returns the highest version recorded (0 for none).
func readVersion(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (int, error) {
	var v sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("sqlstore: reading the schema version: %w", err)
	}
	return int(v.Int64), nil
}

// checkSchema returns a *SchemaError unless db is at the latest version.
func checkSchema(ctx context.Context, db *sql.DB, d Dialect) error {
	known, err := SchemaVersion(d)
	if err != nil {
		return err
	}
	found, err := readVersion(ctx, db)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if missingTable(err) {
			return &SchemaError{Found: 0, Known: known}
		}
		return err
	}
	if found != known {
		return &SchemaError{Found: found, Known: known}
	}
	return nil
}
