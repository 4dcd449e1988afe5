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
// Reindex rewrites it from the records after a calendar correction. Due
// ranges, received ranges and tag queries each use an index (the package's
// tests check the plans with EXPLAIN).
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
