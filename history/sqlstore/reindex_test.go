package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/register/council"
)

// reindexed is one procedure's part of TestReindexOverSQL: fill writes
// histories through its Service and returns how many, reindex runs the
// Service's Reindex, list lists the stored summaries.
type reindexed struct {
	procedure string
	fill      func(t *testing.T) int
	reindex   func() (read, rewritten int, err error)
	list      func() ([]history.Index, error)
}

// Reindex over a SQL store replays every history of a procedure and
// rewrites the index of each one whose stored index went stale (as after a
// calendar correction), tag rows included; a second pass rewrites none.
// The complaint suite (complainttest's IndexIsReplayed) runs Reindex on
// both dialects too.
func TestReindexOverSQL(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		db := b.storage(t)()
		for _, p := range []reindexed{reindexAccess(t, db, b), reindexCouncil(t, db, b), reindexPetition(t, db, b)} {
			n := p.fill(t)
			want, err := p.list()
			if err != nil || len(want) != n {
				t.Fatalf("%s: listed %d of %d: %v", p.procedure, len(want), n, err)
			}
			exec(t, db, b.dialect, `UPDATE histories SET state = 'stale', due = NULL, tags = NULL WHERE procedure = ?`, p.procedure)
			exec(t, db, b.dialect, `DELETE FROM tags WHERE procedure = ?`, p.procedure)
			read, rewritten, err := p.reindex()
			if err != nil || read != n || rewritten != n {
				t.Fatalf("%s: Reindex read %d and rewrote %d, want %d and %d: %v", p.procedure, read, rewritten, n, n, err)
			}
			got, err := p.list()
			if err != nil || len(got) != n {
				t.Fatalf("%s: listed %d of %d after Reindex: %v", p.procedure, len(got), n, err)
			}
			for i := range got {
				if !got[i].Equal(want[i]) {
					t.Errorf("%s: index %d after Reindex %+v, want %+v", p.procedure, i, got[i], want[i])
				}
			}
			if read, rewritten, err = p.reindex(); err != nil || read != n || rewritten != 0 {
				t.Fatalf("%s: second Reindex read %d and rewrote %d, want %d and 0: %v", p.procedure, read, rewritten, n, err)
			}
		}
	})
}

// indexes lists every history of st, in List's order, by its index.
func indexes[ID ~string, E any](st history.Store[ID, E]) func() ([]history.Index, error) {
	return func() ([]history.Index, error) {
		page, err := st.List(context.Background(), history.Query{Limit: history.MaxLimit})
		var out []history.Index
		for _, it := range page.Items {
			out = append(out, it.Index)
		}
		return out, err
	}
}

func reindexAccess(t *testing.T, db *sql.DB, b backend) reindexed {
	st := newStore[access.ID, access.Event](t, db, b.dialect, "access")
	svc, err := access.NewService(access.Config{Store: st, Calendar: deadline.Rome(), Now: func() time.Time { return benchDay }})
	if err != nil {
		t.Fatal(err)
	}
	return reindexed{procedure: "access", reindex: func() (int, int, error) { return svc.Reindex(bg) }, list: indexes(st),
		fill: func(t *testing.T) int {
			for i := range 3 {
				if err := actRequest(bg, svc, i+1); err != nil {
					t.Fatal(err)
				}
			}
			return 3
		}}
}

func reindexCouncil(t *testing.T, db *sql.DB, b backend) reindexed {
	st := newStore[council.ID, council.Event](t, db, b.dialect, "council")
	svc, err := council.NewService(council.Config{Store: st, Calendar: deadline.Rome(), Now: func() time.Time { return benchDay }})
	if err != nil {
		t.Fatal(err)
	}
	return reindexed{procedure: "council", reindex: func() (int, int, error) { return svc.Reindex(bg) }, list: indexes(st),
		fill: func(t *testing.T) int {
			for i := range 2 {
				_, err := svc.Register(bg, council.Act{By: benchDesk}, council.Registered{
					Kind: council.InterrogazioneScritta, Number: council.MustNumber(fmt.Sprintf("RQ/2026/%d", 2582+i)), Body: council.Assemblea,
					Filed: deadline.MustDate(2026, time.February, 27), Presenters: []council.Councillor{{Name: "Anna Bianchi"}},
					Addressee: "Assessora alla Mobilità", Subject: "Buche in via Tiburtina", Matters: []string{"Mobilità"}})
				if err != nil {
					t.Fatal(err)
				}
			}
			return 2
		}}
}

func reindexPetition(t *testing.T, db *sql.DB, b backend) reindexed {
	st := newStore[petition.ID, petition.Event](t, db, b.dialect, "petition")
	dir, err := office.NewDirectory(office.Office{ID: benchDesk.Office, Name: "Punto di Ascolto"})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	svc, err := petition.NewService(petition.Config{Store: st, Directory: dir, Calendar: deadline.Rome(),
		Now: func() time.Time { return benchDay }, NewID: func() petition.ID { n++; return petition.ID(fmt.Sprintf("PET-2026-%03d", n)) }})
	if err != nil {
		t.Fatal(err)
	}
	return reindexed{procedure: "petition", reindex: func() (int, int, error) { return svc.Reindex(bg) }, list: indexes(st),
		fill: func(t *testing.T) int {
			for range 2 {
				_, err := svc.Draft(bg, petition.Act{By: benchDesk}, petition.Registration{Kind: petition.PropostaDeliberazione,
					Addressee: petition.AssembleaCapitolina, Channel: petition.Counter, Subject: "Zone scolastiche a traffico limitato",
					Text: "Testo dei promotori.", Promoters: []petition.Person{{FamilyName: "Comitato", GivenName: "Promotore"}}})
				if err != nil {
					t.Fatal(err)
				}
			}
			return 2
		}}
}
