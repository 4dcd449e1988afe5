package main

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/sqlstore"
	"github.com/puntodiascolto/ascolto/history/sqlstore/postgres"
	"github.com/puntodiascolto/ascolto/history/sqlstore/sqlite"
	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/register/council"
)

// archive is the office's database: one store per procedure, all in the
// same tables (the procedure is the namespace), and what the runs before
// this one left in it.
type archive struct {
	db      *sql.DB
	where   string // what the output says about it
	access  *sqlstore.Store[access.ID, access.Event]
	compl   *sqlstore.Store[complaint.ID, complaint.Event]
	petit   *sqlstore.Store[petition.ID, petition.Event]
	council *sqlstore.Store[council.ID, council.Event]
	// past counts the cases of the runs before this one.
	past struct {
		access, complaints, petitions int
		council                       map[string]int // the last Seq per register, less 1000
		latest                        deadline.Date  // the latest day a case was received
	}
}

// openArchive opens the office's database: PostgreSQL when dsn is set,
// else the SQLite file dbPath (default: ascolto.db in out), migrated to the
// current schema.
func openArchive(ctx context.Context, out, dbPath, dsn string) (*archive, error) {
	a := &archive{}
	var d sqlstore.Dialect
	var err error
	if dsn != "" {
		d, a.where = postgres.Dialect, "PostgreSQL"
		a.db, err = postgres.Open(dsn)
	} else {
		if dbPath == "" {
			dbPath = filepath.Join(out, "ascolto.db")
		}
		d, a.where = sqlite.Dialect, "SQLite, "+dbPath
		a.db, err = sqlite.Open(dbPath)
	}
	if err != nil {
		return nil, err
	}
	if err := a.open(ctx, d); err != nil {
		a.db.Close()
		return nil, err
	}
	return a, nil
}

func (a *archive) open(ctx context.Context, d sqlstore.Dialect) error {
	if err := sqlstore.Migrate(ctx, a.db, d); err != nil {
		return err
	}
	var err error
	if a.access, err = sqlstore.New[access.ID, access.Event](a.db, d, "access"); err != nil {
		return err
	}
	if a.compl, err = sqlstore.New[complaint.ID, complaint.Event](a.db, d, "complaint"); err != nil {
		return err
	}
	if a.petit, err = sqlstore.New[petition.ID, petition.Event](a.db, d, "petition"); err != nil {
		return err
	}
	if a.council, err = sqlstore.New[council.ID, council.Event](a.db, d, "council"); err != nil {
		return err
	}
	return a.count(ctx)
}

// count reads what the runs before this one left: how many cases of each
// procedure, the last number of each council register, the latest day of
// receipt.
func (a *archive) count(ctx context.Context) error {
	var err error
	var latest [2]deadline.Date
	if a.past.access, latest[0], err = count(ctx, a.access); err != nil {
		return err
	}
	if a.past.complaints, latest[1], err = count(ctx, a.compl); err != nil {
		return err
	}
	if a.past.petitions, _, err = count(ctx, a.petit); err != nil {
		return err
	}
	a.past.latest = latest[0]
	if latest[1].After(a.past.latest) {
		a.past.latest = latest[1]
	}
	return nil
}

// countCouncil reads the last number of each council register.
func (a *archive) countCouncil(ctx context.Context, svc *council.Service) error {
	a.past.council = map[string]int{}
	for it, err := range svc.Search(ctx, council.Filter{}) {
		if err != nil {
			return err
		}
		reg := it.Number.Register
		a.past.council[reg] = max(a.past.council[reg], it.Number.Seq-1000)
	}
	return nil
}

// count returns the number of histories in st and the latest day one was
// received.
func count[ID ~string, E any](ctx context.Context, st history.Store[ID, E]) (int, deadline.Date, error) {
	n := 0
	var latest deadline.Date
	q := history.Query{Limit: history.MaxLimit}
	for {
		page, err := st.List(ctx, q)
		if err != nil {
			return 0, latest, err
		}
		for _, it := range page.Items {
			n++
			if it.Index.Received.After(latest) {
				latest = it.Index.Received
			}
		}
		if page.Next == "" {
			return n, latest, nil
		}
		q.Cursor = page.Next
	}
}

// verify checks every history of every procedure against its stored head
// and returns how many it checked.
func (a *archive) verify(ctx context.Context) (int, error) {
	n := 0
	check := func(err error) error {
		if err == nil {
			n++
		}
		return err
	}
	for st, err := range a.access.Each(ctx) {
		if err = check(orVerify(err, st.Verify)); err != nil {
			return n, err
		}
	}
	for st, err := range a.compl.Each(ctx) {
		if err = check(orVerify(err, st.Verify)); err != nil {
			return n, err
		}
	}
	for st, err := range a.petit.Each(ctx) {
		if err = check(orVerify(err, st.Verify)); err != nil {
			return n, err
		}
	}
	for st, err := range a.council.Each(ctx) {
		if err = check(orVerify(err, st.Verify)); err != nil {
			return n, err
		}
	}
	return n, nil
}

func orVerify(err error, verify func() error) error {
	if err != nil {
		return err
	}
	return verify()
}

func (a *archive) close() error {
	for _, st := range []interface{ Close() error }{a.access, a.compl, a.petit, a.council} {
		st.Close()
	}
	return a.db.Close()
}

// describe says where the office's histories are and what this run found
// there.
func (a *archive) describe() string {
	if a.past.access+a.past.complaints+a.past.petitions == 0 {
		return fmt.Sprintf("archivio: %s (nuovo)", a.where)
	}
	return fmt.Sprintf("archivio: %s (ripreso: %d richieste di accesso, %d segnalazioni e reclami, %d petizioni già presenti; protocollo dal n. %d)",
		a.where, a.past.access, a.past.complaints, a.past.petitions, 40001+a.past.access)
}

// period returns the half year a run simulates: the first (April to
// September 2026) on a new archive, else the six months after the latest
// day of receipt found in it.
func (a *archive) period() (k int) {
	if a.past.latest.IsZero() {
		return 0
	}
	y, m, _ := a.past.latest.Date()
	return ((y-2026)*12+int(m)-int(time.April))/6 + 1
}
