// Command ascolto-reindex rewrites the index of every history of every
// procedure in an ascolto database, after a correction of the calendar (a
// holiday added, a suspension changed) or of a policy changed the due
// dates, states or tags the histories imply:
//
//	ascolto-reindex -db ascolto.db
//	ascolto-reindex -dsn 'postgres://user@host:5432/db?sslmode=disable'
//
// It replays each history with the calendar and the default policies of
// this build of ascolto (deadline.Rome, access.DefaultPolicy,
// complaint.DefaultPolicy, petition.Rome, council's), compares the index
// it derives with the stored one and rewrites those that differ, each a
// compare-and-set on the history's version (a history written meanwhile is
// read again), then prints how many histories it read and rewrote per
// procedure. The records are never touched: the index is a projection of
// them. A deployment whose Services run other policies runs the same loop
// from its own program, with its own Configs: each Service has Reindex.
//
// The database must be at the schema this build knows (run the
// application, or sqlstore.Migrate, first): a database of another schema
// version is refused, and nothing is written. On any error (a database
// that cannot be opened or reached, a history that cannot be replayed) the
// command prints it on the standard error (pgx masks the password of a
// DSN it quotes) and exits with status 1. Its standard output is
// procedures and counts only: no history, no person.
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history/sqlstore"
	"github.com/puntodiascolto/ascolto/history/sqlstore/postgres"
	"github.com/puntodiascolto/ascolto/history/sqlstore/sqlite"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/register/council"
)

func main() {
	dbPath := flag.String("db", "", "SQLite file of the histories")
	dsn := flag.String("dsn", "", "PostgreSQL DSN of the histories (instead of -db)")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *dbPath, *dsn); err != nil {
		log.Fatal(err)
	}
}

// errUsage is returned without exactly one of -db and -dsn.
var errUsage = errors.New("ascolto-reindex: give -db FILE (SQLite) or -dsn URL (PostgreSQL)")

// reindexer is what every procedure's Service offers.
type reindexer interface {
	Reindex(ctx context.Context) (read, rewritten int, err error)
}

func run(ctx context.Context, w io.Writer, dbPath, dsn string) error {
	var db *sql.DB
	var d sqlstore.Dialect
	var err error
	switch {
	case (dbPath == "") == (dsn == ""):
		return errUsage
	case dsn != "":
		d = postgres.Dialect
		if db, err = postgres.Open(dsn); err != nil {
			return fmt.Errorf("opening the PostgreSQL database: %w", err)
		}
	default:
		if _, err := os.Stat(dbPath); err != nil {
			return err // never create an empty database
		}
		d = sqlite.Dialect
		db, err = sqlite.Open(dbPath)
	}
	if err != nil {
		return err
	}
	defer db.Close()
	services, err := open(db, d)
	if err != nil {
		return err
	}
	total := [2]int{}
	for _, p := range services {
		read, rewritten, err := p.svc.Reindex(ctx)
		if err != nil {
			return fmt.Errorf("%s: after %d histories: %w", p.name, read, err)
		}
		total[0], total[1] = total[0]+read, total[1]+rewritten
		fmt.Fprintf(w, "%-10s %8d histories read, %8d indexes rewritten\n", p.name, read, rewritten)
	}
	fmt.Fprintf(w, "%-10s %8d histories read, %8d indexes rewritten\n", "total", total[0], total[1])
	return nil
}

type procedure struct {
	name string
	svc  reindexer
}

// open returns the Service of every procedure on db, with the Rome
// calendar and the default policies.
func open(db *sql.DB, d sqlstore.Dialect) ([]procedure, error) {
	rome := deadline.Rome()
	dir, err := office.NewDirectory()
	if err != nil {
		return nil, err
	}
	var out []procedure
	add := func(name string, svc reindexer, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, procedure{name, svc})
		return nil
	}
	as, err := sqlstore.New[access.ID, access.Event](db, d, "access")
	if err == nil {
		var svc *access.Service
		svc, err = access.NewService(access.Config{Store: as, Calendar: rome, Directory: dir})
		err = add("access", svc, err)
	}
	if err != nil {
		return nil, err
	}
	cs, err := sqlstore.New[complaint.ID, complaint.Event](db, d, "complaint")
	if err == nil {
		var svc *complaint.Service
		svc, err = complaint.NewService(complaint.Config{Store: cs, Calendar: rome, Directory: dir})
		err = add("complaint", svc, err)
	}
	if err != nil {
		return nil, err
	}
	ps, err := sqlstore.New[petition.ID, petition.Event](db, d, "petition")
	if err == nil {
		var svc *petition.Service
		svc, err = petition.NewService(petition.Config{Store: ps, Calendar: rome, Directory: dir})
		err = add("petition", svc, err)
	}
	if err != nil {
		return nil, err
	}
	ks, err := sqlstore.New[council.ID, council.Event](db, d, "council")
	if err == nil {
		var svc *council.Service
		svc, err = council.NewService(council.Config{Store: ks, Calendar: rome})
		err = add("council", svc, err)
	}
	return out, err
}
