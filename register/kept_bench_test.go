package register_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"iter"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/sqlstore"
	"github.com/puntodiascolto/ascolto/history/sqlstore/postgres"
	"github.com/puntodiascolto/ascolto/history/sqlstore/postgres/postgrestest"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/register"
)

// streamTemplates is the number of distinct histories the streaming
// benchmark's requests are copies of (a record's hash does not depend on
// the history's ID): one protocol number each, received over 2026, in
// order.
const streamTemplates = 2000

// streamHistories seals the template histories: filed (protocol
// RA/2026/<t>), assigned, summarised for publication, and six in ten
// decided 20 days later; the others still running.
func streamHistories(b *testing.B) [][]access.Record {
	desk := office.Actor{ID: "l.rossi", Role: office.FrontOffice, Office: "punto-di-ascolto"}
	mob := office.Actor{ID: "m.bianchi", Role: office.CompetentOffice, Office: "dip-mobilita"}
	out := make([][]access.Record, streamTemplates)
	for t := range out {
		rec := day(2026, time.January, 1).AddDays(t * 365 / streamTemplates)
		at := rec.Time(time.UTC).Add(9 * time.Hour)
		var h []access.Record
		add := func(at time.Time, by office.Actor, e access.Event) {
			more, err := history.Extend(headOf(h), at, deadline.Date{}, by, access.Generalizzato.Basis(), e)
			if err != nil {
				b.Fatal(err)
			}
			h = append(h, more...)
		}
		add(at, desk, access.Event{Type: access.EventReceived, Filed: &access.Filing{Kind: access.Generalizzato, Channel: access.ChannelPEC,
			Received: at, Protocol: access.Protocol{Number: fmt.Sprintf("RA/2026/%07d", t+1), Date: rec},
			Applicant: access.Person{Name: "Maria", Surname: "Esposito"}, Subject: "richiesta"}})
		add(at.Add(time.Hour), desk, access.Event{Type: access.EventAssigned, Assignment: &access.Assignment{Office: "dip-mobilita"}})
		add(at.Add(2*time.Hour), desk, access.Event{Type: access.EventPublicSubjectSet, Subject: &access.PublicSubject{Text: "Dati sulle multe"}})
		if t%10 < 6 {
			add(at.Add(20*24*time.Hour), mob, access.Event{Type: access.EventDecided, Ruling: &access.Ruling{Outcome: access.Accepted, Summary: "dati trasmessi"}})
		}
		out[t] = h
	}
	return out
}

// streamStore returns an access store on a PostgreSQL schema of its own
// (dropped at the end) holding n requests, each a copy of a template
// history, bulk-loaded with COPY: the histories' rows (head and index, as
// Write stores them) and every record's exact bytes.
func streamStore(b *testing.B, n int, hists [][]access.Record) *sqlstore.Store[access.ID, access.Event] {
	db := postgresDB(b)
	start := time.Now()
	copyHistories(b, db, n, hists)
	b.Logf("%d requests (%d templates) loaded with COPY in %v", n, len(hists), time.Since(start).Round(time.Millisecond))
	st, err := sqlstore.New[access.ID, access.Event](db, postgres.Dialect, "access")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// postgresDB returns a pool on a new, migrated PostgreSQL schema of its
// own, dropped at the end. Skips without a server unless
// ASCOLTO_REQUIRE_POSTGRES=1.
func postgresDB(tb testing.TB) *sql.DB {
	tb.Helper()
	_, db := postgrestest.Schema(tb, "ascolto_register")
	if err := sqlstore.Migrate(context.Background(), db, postgres.Dialect); err != nil {
		tb.Fatal(err)
	}
	return db
}

// copyHistories COPYs n copies of hists into histories and records, then
// analyses them.
func copyHistories(b *testing.B, db *sql.DB, n int, hists [][]access.Record) {
	ctx := context.Background()
	idx := make([]access.Index, len(hists))
	encoded := make([][][]byte, len(hists))
	for t, h := range hists {
		r, err := access.Replay(h, deadline.Rome(), access.Policy{})
		if err != nil {
			b.Fatal(err)
		}
		idx[t] = r.Index()
		for _, rec := range h {
			bytes, err := history.Encode(rec)
			if err != nil {
				b.Fatal(err)
			}
			encoded[t] = append(encoded[t], bytes)
		}
	}
	id := func(i int) string { return fmt.Sprintf("r%07d", i) }
	// Request i copies template tmpl(i): the table is in order of receipt,
	// as an office fills it.
	tmpl := func(i int) int { return i * len(hists) / n }
	conn, err := db.Conn(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		c := dc.(*stdlib.Conn).Conn()
		_, err := c.CopyFrom(ctx, pgx.Identifier{"histories"}, []string{"procedure", "id", "version", "head", "kind", "state", "office", "channel", "received", "due"},
			pgx.CopyFromFunc(rowsOf(n, func(i int) []any {
				h, x := hists[tmpl(i)], idx[tmpl(i)]
				var due any
				if !x.Due.IsZero() {
					due = x.Due.String()
				}
				return []any{"access", id(i), len(h), h[len(h)-1].Hash[:], x.Kind, x.State, x.Office, x.Channel, x.Received.String(), due}
			})))
		if err != nil {
			return err
		}
		type rec struct{ i, v int }
		var recs []rec
		for i := range n {
			for v := range hists[tmpl(i)] {
				recs = append(recs, rec{i, v})
			}
		}
		_, err = c.CopyFrom(ctx, pgx.Identifier{"records"}, []string{"procedure", "id", "version", "prev", "hash", "bytes"},
			pgx.CopyFromFunc(rowsOf(len(recs), func(k int) []any {
				t := tmpl(recs[k].i)
				r := hists[t][recs[k].v]
				return []any{"access", id(recs[k].i), r.Version, r.Prev[:], r.Hash[:], encoded[t][recs[k].v]}
			})))
		return err
	})
	if err != nil {
		b.Fatalf("COPY: %v", err)
	}
	if _, err := db.ExecContext(ctx, "ANALYZE"); err != nil {
		b.Fatal(err)
	}
}

// rowsOf adapts a row function to pgx.CopyFromFunc.
func rowsOf(n int, row func(i int) []any) func() ([]any, error) {
	i := 0
	return func() ([]any, error) {
		if i == n {
			return nil, nil
		}
		i++
		return row(i - 1), nil
	}
}

// sampled samples the heap every 16,384 rows of rows and counts them.
func sampled(rows iter.Seq2[register.Entry, error], h *heapPeak, n *int) iter.Seq2[register.Entry, error] {
	return func(yield func(register.Entry, error) bool) {
		for e, err := range rows {
			if *n%16384 == 0 {
				h.sample()
			}
			*n++
			if !yield(e, err) {
				return
			}
		}
		h.sample()
	}
}

// BenchmarkRegisterStreamPostgres streams the register of 100,000 and
// 1,000,000 access requests received in 2026 from PostgreSQL to CSV
// (issue 9: ≥ 100,000 rows/s, peak heap flat from 100,000 to 1,000,000),
// reporting rows/s, the peak growth of the heap in use and bytes
// allocated per row:
//
//   - kept-cold: Source.KeptEntries the first time: every history read
//     (one query per page of 1,000 for the rows, one for their records),
//     replayed, its row built, kept (one write per page) and written;
//   - kept-warm: KeptEntries again: the kept rows read in order of
//     receipt, a page of 1,000 per query, no history replayed;
//   - fold (100,000 only): Source.Entries, which lists and loads each
//     history and replays it, option (a) of the issue;
//   - memory: Source.Entries on the in-memory template store of
//     BenchmarkSourceCSV (replaying each history, no database).
//
// The requests are copies of 2,000 template histories (3 or 4 records),
// loaded with COPY. Run once:
//
//	ASCOLTO_REQUIRE_POSTGRES=1 go test -run '^$' -bench RegisterStreamPostgres -benchtime 1x -timeout 30m ./register/
func BenchmarkRegisterStreamPostgres(b *testing.B) {
	if testing.Short() {
		b.Skip("a million histories")
	}
	hists := streamHistories(b)
	year, err := register.Year(2026)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			st := streamStore(b, n, hists)
			onPG := register.Source{Store: st, Calendar: deadline.Rome()}
			o := register.Options{Today: day(2027, time.January, 10)}
			export := func(b *testing.B, name string, src register.Source, entries func(register.Source) iter.Seq2[register.Entry, error], cold bool) {
				b.Run(name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						if cold {
							b.StopTimer()
							if err := st.Forget(context.Background(), register.RowProjection); err != nil {
								b.Fatal(err)
							}
							b.StartTimer()
						}
						h, rows := newHeapPeak(), 0
						start := time.Now()
						if err := register.WriteCSV(io.Discard, sampled(entries(src), h, &rows), register.CSVOptions{Comma: ';'}); err != nil {
							b.Fatal(err)
						}
						if rows != n {
							b.Fatalf("%d rows, want %d", rows, n)
						}
						b.ReportMetric(float64(rows)/time.Since(start).Seconds(), "rows/s")
						h.report(b, rows)
					}
				})
			}
			kept := func(s register.Source) iter.Seq2[register.Entry, error] {
				return s.KeptEntries(context.Background(), year, o)
			}
			fold := func(s register.Source) iter.Seq2[register.Entry, error] {
				return s.Entries(context.Background(), year, o)
			}
			export(b, "kept-cold", onPG, kept, true)
			export(b, "kept-warm", onPG, kept, false)
			if n <= 100_000 {
				export(b, "fold", onPG, fold, false)
			}
			mem := newTemplateStore(b, n)
			mem.h = newHeapPeak()
			export(b, "memory", register.Source{Store: mem, Calendar: deadline.Rome()}, func(s register.Source) iter.Seq2[register.Entry, error] {
				return register.Entries(s.Requests(context.Background(), access.Query{}), o)
			}, false)
		})
	}
}
