package sqlstore_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history/sqlstore"
	"github.com/puntodiascolto/ascolto/history/sqlstore/sqlite"
	"github.com/puntodiascolto/ascolto/office"
)

// An office keeps its access requests in a SQLite file: open it, migrate
// it, and give the store to the Service. A second run on the same file
// continues where the first stopped.
func Example() {
	dir, err := os.MkdirTemp("", "ascolto")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()

	db, err := sqlite.Open(filepath.Join(dir, "ascolto.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	if err := sqlstore.Migrate(ctx, db, sqlite.Dialect); err != nil {
		log.Fatal(err)
	}
	store, err := sqlstore.New[access.ID, access.Event](db, sqlite.Dialect, "access")
	if err != nil {
		log.Fatal(err)
	}
	svc, err := access.NewService(access.Config{Store: store, Calendar: deadline.Rome(),
		Now: func() time.Time { return time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC) }})
	if err != nil {
		log.Fatal(err)
	}
	desk := office.Actor{ID: "l.rossi", Role: office.FrontOffice, Office: "punto-di-ascolto"}
	r, err := svc.File(ctx, access.Act{By: desk}, access.Filing{Kind: access.Generalizzato, Channel: access.ChannelPEC,
		Protocol: access.Protocol{Number: "RA/2026/0000001"}, Subject: "dati sulle multe"})
	if err != nil {
		log.Fatal(err)
	}
	stream, err := store.Load(ctx, r.ID, 0)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("records:", stream.Head.Version, "verified:", stream.Verify() == nil)
	fmt.Println("due:", stream.Index.Due)
	// Output:
	// records: 1 verified: true
	// due: 2026-04-01
}
