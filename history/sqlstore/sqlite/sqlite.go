// Package sqlite opens the embedded default database of ascolto: a SQLite
// file through modernc.org/sqlite, a pure-Go driver (no C toolchain, nothing
// to install), configured for sqlstore.
package sqlite

import (
	"database/sql"
	"errors"
	"strings"

	"github.com/puntodiascolto/ascolto/history/sqlstore"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Dialect is the dialect to give sqlstore.New and sqlstore.Migrate for a
// database opened by Open.
const Dialect = sqlstore.SQLite

// Params are the connection parameters Open sets on every connection:
//   - WAL journal: readers never block the writer nor the writer readers;
//   - synchronous NORMAL: in WAL mode a commit survives a crash of the
//     program and the database is never corrupted, but a power loss may
//     lose the last commits (use FULL, at a cost, where that matters: see
//     OpenWith);
//   - busy_timeout of 10 seconds: a writer waits for another (in this
//     process or another) rather than failing;
//   - foreign keys enforced;
//   - transactions begin IMMEDIATE: a Write takes the write lock before
//     reading the heads it checks, so two writers never both read a version
//     and then race to upgrade their lock;
//   - a checkpoint every 4,000 WAL pages (16 MiB with 4 KiB pages) rather
//     than SQLite's 1,000: the commit that crosses the mark copies the
//     WAL's pages into the database and syncs both files before its Write
//     returns, and acts keep dirtying the same pages (a history's row, the
//     last page of records, the due index), so a checkpoint four times as
//     rare copies far less than four times as much: less CPU per act in
//     sqlstore's BenchmarkServiceActs, fewer syncs on a Write's path. A
//     crash of the program still loses nothing; what a power loss may take
//     are the commits written since the last sync, which with synchronous
//     NORMAL is the last checkpoint's (or the operating system's own
//     write-back, within seconds): up to 4,000 pages' worth of acts where
//     it was 1,000. The WAL file grows to about 16 MiB and keeps that size.
//
// Page cache, mmap and temporary storage keep SQLite's defaults: the
// benchmarks showed no difference (an act reads the few pages its Load
// just read), and a memory map turns a disk error into a crash.
const Params = "_journal_mode=WAL&_synchronous=NORMAL&_busy_timeout=10000&_foreign_keys=1&_txlock=immediate&_pragma=wal_autocheckpoint(4000)"

// MaxIdle is how many idle connections the pool of Open keeps, where
// database/sql keeps 2. A connection the pool closes for want of room is
// opened again at the next burst, and a SQLite connection is dear to open:
// it runs Params' pragmas, reads the schema and prepares again every
// statement a Store runs on it. With the default, as soon as more than two
// requests read at once (a writer and a few Loads), connections were
// closed and reopened all the time (a tenth of the CPU of
// sqlstore's BenchmarkServiceActs with 8 writers). Each idle connection
// keeps its page cache (2 MiB at most, SQLite's default).
const MaxIdle = 16

// ErrPath is returned for a path Open cannot pass to the driver.
var ErrPath = errors.New("sqlite: invalid database path")

// Open opens (creating it if needed) the SQLite database at path with
// Params. Run sqlstore.Migrate on it before use; close it when done.
func Open(path string) (*sql.DB, error) {
	return OpenWith(path, Params)
}

// OpenWith opens the database at path with params, URL query parameters
// of modernc.org/sqlite: Params with changes, e.g.
// strings.Replace(Params, "_synchronous=NORMAL", "_synchronous=FULL", 1)
// to sync every commit to disk. Keep _txlock=immediate: sqlstore relies on
// it. The pool keeps up to MaxIdle connections open between uses.
func OpenWith(path, params string) (*sql.DB, error) {
	if path == "" || strings.ContainsAny(path, "?#") || strings.HasPrefix(path, "file:") {
		return nil, ErrPath
	}
	db, err := sql.Open("sqlite", path+"?"+params)
	if err != nil {
		return nil, err
	}
	db.SetMaxIdleConns(MaxIdle)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
