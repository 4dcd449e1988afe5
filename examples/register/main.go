// Command register publishes the register of access requests of a quarter
// and writes the quarterly monitoring report, from histories kept in the
// in-memory stores: a small simulation of the Punto di Ascolto's first
// quarter of 2026.
//
//	go run ./examples/register [-out DIR]
//
// It writes registro-2026-T1.csv (';' separated, with BOM, for spreadsheets),
// registro-2026-T1.json, the report monitoraggio-2026-T1.md with its SVG
// chart, CSV and JSON, and scadenze-2026-T1.ics, the iCalendar feed of the
// binding deadlines still running at the end of the quarter (access
// requests and council interrogazioni), and prints where.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/register"
	"github.com/puntodiascolto/ascolto/register/council"
)

func main() {
	out := flag.String("out", "", "folder for the files (default: a new temporary folder)")
	flag.Parse()
	if err := run(*out); err != nil {
		log.Fatal(err)
	}
}

func run(out string) error {
	if out == "" {
		dir, err := os.MkdirTemp("", "ascolto-register-")
		if err != nil {
			return err
		}
		out = dir
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	ctx := context.Background()
	dir, err := directory()
	if err != nil {
		return err
	}
	var now time.Time
	clock := func() time.Time { return now }
	store := access.NewMemoryStore()
	n := 0
	svc, err := access.NewService(access.Config{Store: store, Calendar: deadline.Rome(), Directory: dir, Now: clock,
		NewID: func() access.ID { n++; return access.ID(fmt.Sprintf("acc-%04d", n)) }})
	if err != nil {
		return err
	}
	at := func(d deadline.Date) { now = d.Time(time.UTC).Add(10 * time.Hour) }
	if err := fileRequests(ctx, svc, at); err != nil {
		return err
	}

	q1 := register.MustQuarter(2026, 1)
	src := register.Source{Store: store, Calendar: deadline.Rome(), Directory: dir}
	opts := register.Options{Today: q1.To}
	var anchor register.Anchor
	csvPath := filepath.Join(out, "registro-"+q1.Slug()+".csv")
	if err := write(csvPath, func(f *os.File) error {
		return register.WriteCSV(f, src.Entries(ctx, q1, opts), register.CSVOptions{Comma: ';', BOM: true, Anchor: &anchor})
	}); err != nil {
		return err
	}
	jsonPath := filepath.Join(out, "registro-"+q1.Slug()+".json")
	if err := write(jsonPath, func(f *os.File) error { return register.WriteJSONAsOf(f, q1, opts.Today, src.Entries(ctx, q1, opts)) }); err != nil {
		return err
	}
	if _, err := writeMetadata(csvPath, jsonPath, q1, opts.Today, anchor); err != nil {
		return err
	}

	// The report reads every request up to the end of the quarter (those
	// received earlier count in the previous quarter and among the pending).
	var views []*access.Request
	for v, err := range src.Requests(ctx, q1.ReportQuery()) {
		if err != nil {
			return err
		}
		views = append(views, v)
	}
	acts, err := councilActs(ctx)
	if err != nil {
		return err
	}
	rep := register.Quarterly(register.Input{Title: "Roma Capitale - Ufficio Punto di Ascolto", Period: q1, Directory: dir, AsOf: opts.Today,
		Requests: slices.Values(views), Council: slices.Values(acts)})
	files, err := rep.WriteDir(out)
	if err != nil {
		return err
	}
	icsPath := filepath.Join(out, "scadenze-"+q1.Slug()+".ics")
	if err := write(icsPath, func(f *os.File) error { return writeFeed(f, views, acts, dir, q1) }); err != nil {
		return err
	}
	t := rep.Access.Total
	fmt.Printf("%s: %d richieste ricevute, %d decise (%d nel termine), %d pendenti, %d con termini scaduti\n",
		q1, t.Received, t.Decided, t.InTime, t.Pending, t.Overdue)
	for _, p := range []string{csvPath, jsonPath, files.Markdown, files.Chart, files.CSV, files.JSON, icsPath} {
		fmt.Println(p)
	}
	return nil
}

// fileRequests files sixty requests received over the quarter (and a few
// days before it), assigns them, and decides all but one in nine; at moves
// the service's clock to a day.
func fileRequests(ctx context.Context, svc *access.Service, at func(deadline.Date)) error {
	desk := office.Actor{ID: "l.rossi", Role: office.FrontOffice, Office: "punto-di-ascolto"}
	offices := []office.ID{"dip-mobilita", "dip-urbanistica", "dip-ambiente"}
	subjects := []string{"Dati sui passaggi dei bus", "Progetto di un parcheggio di scambio", "Calendario della raccolta differenziata", "Verbali di collaudo di una pista ciclabile"}
	rng := rand.New(rand.NewPCG(2026, 1))

	for i := range 60 {
		rec := deadline.MustDate(2025, time.December, 15).AddDays(i * 97 / 60)
		if rec.Weekday() == time.Sunday {
			rec = rec.AddDays(1)
		}
		at(rec)
		kind := access.Kinds()[rng.IntN(3)]
		f := access.Filing{Kind: kind, Channel: access.Channels()[rng.IntN(len(access.Channels()))],
			Protocol:  access.Protocol{Number: fmt.Sprintf("RA/%d/%07d", rec.Year(), 1000+i)},
			Applicant: access.Person{Name: "Cittadino", Surname: fmt.Sprintf("N. %d", i)},
			Subject:   "testo della richiesta (non pubblicato)", Reasons: "motivazione (non pubblicata)"}
		r, err := svc.File(ctx, access.Act{By: desk}, f)
		if err != nil {
			return err
		}
		off := offices[rng.IntN(len(offices))]
		if _, err := svc.Assign(ctx, access.Act{ID: r.ID, By: desk}, access.Assignment{Office: off}); err != nil {
			return err
		}
		if _, err := svc.SetPublicSubject(ctx, access.Act{ID: r.ID, By: desk}, access.PublicSubject{Text: subjects[i%len(subjects)]}); err != nil {
			return err
		}
		if i%9 == 8 {
			continue // still waiting for a decision
		}
		at(rec.AddDays(10 + rng.IntN(30)))
		by := office.Actor{ID: "funzionario", Role: office.CompetentOffice, Office: off}
		ru := access.Ruling{Outcome: access.Accepted, Summary: "Documenti e dati trasmessi"}
		if kind == access.Documentale {
			ru.Viewing = &access.Viewing{Place: "Via di San Marco 8, Roma", Days: 15}
		}
		if i%5 == 0 {
			ru = access.Ruling{Outcome: access.Refused, Grounds: []access.GroundCode{groundFor(kind)}, NoDeferral: "il limite non è temporaneo", Summary: "Limite previsto dalla legge", Reasons: "motivazione completa comunicata al richiedente"}
		}
		if _, err := svc.Decide(ctx, access.Act{ID: r.ID, By: by}, ru); err != nil {
			return err
		}
	}
	return nil
}

// directory is the administration's offices.
func directory() (*office.Directory, error) {
	return office.NewDirectory(
		office.Office{ID: "dip-mobilita", Name: "Dipartimento Mobilità Sostenibile e Trasporti", Matters: []string{"mobilità"}},
		office.Office{ID: "dip-urbanistica", Name: "Dipartimento Programmazione e Attuazione Urbanistica", Matters: []string{"urbanistica"}},
		office.Office{ID: "dip-ambiente", Name: "Dipartimento Ciclo dei Rifiuti", Matters: []string{"rifiuti"}},
		office.Office{ID: "punto-di-ascolto", Name: "Ufficio Punto di Ascolto"},
	)
}

func groundFor(k access.Kind) access.GroundCode {
	switch k {
	case access.Documentale:
		return "l241-24-6-d"
	case access.CivicoSemplice:
		return "d33-5-1"
	}
	return "d33-5bis-2-a"
}

// councilActs catalogues three interrogazioni of the quarter.
func councilActs(ctx context.Context) ([]council.Item, error) {
	now := time.Date(2026, time.March, 31, 12, 0, 0, 0, time.UTC)
	svc, err := council.NewService(council.Config{Calendar: deadline.Rome(), Store: council.NewMemoryStore(), Now: func() time.Time { return now }})
	if err != nil {
		return nil, err
	}
	clerk := office.Actor{ID: "l.rossi", Role: office.FrontOffice, Office: "punto-di-ascolto"}
	var acts []council.Item
	for i, body := range []council.Body{council.Assemblea, council.MustMunicipio(7), council.MustMunicipio(12)} {
		a, err := svc.Register(ctx, council.Act{By: clerk}, council.Registered{Kind: council.InterrogazioneScritta,
			Number: council.Number{Register: "RQ", Year: 2026, Seq: 2500 + i}, Body: body,
			Filed: deadline.MustDate(2026, time.February, 2+10*i), Presenters: []council.Councillor{{Name: "Consigliera Anna Bianchi"}},
			Addressee: "Assessora alla Mobilità", Subject: "Manutenzione delle fermate", Matters: []string{"mobilità"}})
		if err != nil {
			return nil, err
		}
		if i == 0 {
			if a, err = svc.Answer(ctx, council.Act{ID: a.ID, By: clerk}, council.Answer{Date: deadline.MustDate(2026, time.February, 20), Form: council.WrittenAnswer}); err != nil {
				return nil, err
			}
		}
		acts = append(acts, a)
	}
	return acts, nil
}

func write(path string, fill func(*os.File) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeMetadata writes the DCAT-AP_IT description of the register's CSV
// and JSON beside them (.jsonld): checksums of the files' bytes and the
// anchor of the rows they hold.
func writeMetadata(csvPath, jsonPath string, p register.Period, asOf deadline.Date, a register.Anchor) (string, error) {
	d := register.Dataset{
		Publisher: register.Publisher{Name: "Roma Capitale", IPA: "c_h501"}, Period: p, AsOf: asOf,
		DownloadURL: "https://www.comune.roma.it/web/it/amministrazione-trasparente/accesso-civico/{file}",
	}
	return d.WriteJSONLDFile(a, csvPath, jsonPath)
}
