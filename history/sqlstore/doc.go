// Package sqlstore is a history.Store on a database/sql database: the
// histories of every ascolto procedure (access, complaint, petition,
// council acts) in three tables shared by all of them, with SQLite as the
// embedded default and PostgreSQL for several application instances. It
// imports no driver: package sqlite opens a SQLite file (modernc.org/sqlite,
// pure Go) and package postgres a PostgreSQL pool (pgx).
//
// # Choosing
//
// SQLite is a file beside the program: nothing to install or run, one
// writer at a time (each Write takes the write lock with BEGIN IMMEDIATE),
// any number of readers (WAL). It suits one office, one municipality, one
// server. PostgreSQL suits several application instances writing to one
// database: each append is a compare-and-set on the history's version and
// head hash, so two instances never both win the same version. IDs and dates
// compare byte by byte on both (PostgreSQL columns are COLLATE "C").
//
// # Tables
//
// histories holds one row per history: (procedure, id), its head (version
// and last hash) and its index (kind, state, office, channel, received,
// due, tags); records holds each record's canonical encoding, the exact
// bytes that were hashed (history.Encoded.Bytes, a BLOB or BYTEA, never
// re-encoded), with its version, predecessor and hash; tags holds one row
// per (procedure, tag, id). The index is a projection: procedure.Runner's
// Reindex rewrites it from the records after a calendar correction. A
// fourth table, projections, keeps values derived from each history for the
// head they were built from (the register's rows: register.Source's
// KeptEntries), read by Projections and written by Project; it is a cache,
// created by a numbered migration like the rest. Due
// ranges, received ranges and tag queries each use an index (the package's
// tests check the plans with EXPLAIN).
//
// # Write throughput and durability
//
// An act is one Write. On SQLite a Write is a transaction (BEGIN
// IMMEDIATE) on a WAL database with synchronous=NORMAL (package sqlite's
// Params): a commit is written to the WAL without waiting for the disk, so
// it survives a crash of the program and the database is never corrupted,
// but a power loss or an operating-system crash may lose the last commits
// (those not yet checkpointed or synced); open with synchronous=FULL
// (sqlite.OpenWith) to sync every commit, at several times the cost. The
// WAL is checkpointed into the database every 4,000 pages (16 MiB), not
// SQLite's 1,000: acts rewrite the same few pages, so rarer checkpoints
// copy and sync less per act, and the commits a power loss may take
// (those since the last checkpoint's sync, unless the operating system
// wrote them back first) are up to 4,000 pages' worth. The acts of
// concurrent Writes on one Store share a transaction (a group
// commit, each Write in a savepoint of its own, succeeding or failing
// alone). An append rewrites only the index columns that changed, and
// one that continues the row its Store last wrote or loaded does not read
// the row first: its compare-and-set on the version and head hash also
// compares the index columns it decided from, and goes the long way (read,
// check, write) when another writer changed any of them.
//
// On PostgreSQL an act is one statement, the function ascolto_write
// (migration 2): the compare-and-set on version and head hash, the
// records and the tags in one round trip and one transaction. The acts of
// concurrent Writes on one Store are written together, group-committed
// like SQLite's: the acts that arrive while another call is on the wire
// wait, then go in one call of ascolto_write_many (migration 4), which
// performs each one as ascolto_write would, in ID order, and returns each
// one's outcome: one round trip, one transaction and one WAL flush for
// all of them. If that statement fails as a whole (a deadlock with
// another process, a damaged row), nothing of it is stored and each act
// is written again alone, so that an act fails for its own reasons only.
// With the server's default synchronous_commit=on each commit waits for
// the WAL to reach the disk, which bounds the acts per second of one
// writer by the disk's flush latency (a group shares one flush).
//
// PostgreSQL plans from the statistics autovacuum gathers, within a
// minute of a table's first 50 changes. Until then a connection may cache
// plans made for an empty table, which look a history up through the
// histories_received index and so read every entry of the procedure:
// after a bulk import into a new database, run ANALYZE (statistics
// invalidate those plans). A deployment
// that prefers throughput may open the pool with synchronous_commit=off
// (postgres.Open("postgres://...&synchronous_commit=off")): a crash of the
// database server may then lose the commits of its last fraction of a
// second (up to three times wal_writer_delay, 600 ms by default) that were
// already reported to the caller, never part of a Write nor the database's
// consistency; a crash of the application loses nothing either way.
//
// # Migrating
//
// Migrate creates the schema and upgrades it with the migrations embedded
// in this package, in one transaction, and records the version in the
// schema_version table. Call it at every start (it does nothing on a current
// database) or from a deployment step. A Store checks the version on first
// use; a database written by a later release of ascolto, with a schema newer
// than this one knows, is refused with a *SchemaError (ErrSchema) and never
// written.
//
// # Backing up
//
// SQLite: copy the file with the online backup of the sqlite3 shell
// (sqlite3 ascolto.db ".backup backup.db") or VACUUM INTO 'backup.db' from
// any connection, both safe while the program writes; do not copy the file
// alone while it runs (the WAL holds the last commits). PostgreSQL: pg_dump
// (pg_dump -Fc -n schema dbname), or continuous archiving for
// point-in-time recovery. A restored database verifies: Load checks every
// record against its hash, and each history against its head.
//
// # Errors
//
// Write, Load and List return the history package's errors (ErrNotFound,
// ErrExists, ErrConflict, ErrInvalid) as the contract says. A database
// edited behind the store's back gives a *history.BrokenError (ErrBroken)
// naming the history and the first bad version: bytes that no longer hash
// to their stored hash, a version missing in the middle or at the end.
// A done context gives its own error, and a Write that returns it stored
// nothing.
package sqlstore
