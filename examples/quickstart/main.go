// Command quickstart simulates a half year at Roma Capitale's Ufficio Punto
// di Ascolto on a real database, and publishes what the office publishes:
//
//	go run ./examples/quickstart [-out DIR] [-seed N] [-db FILE | -dsn postgres://...]
//
// The histories of every procedure are kept in a SQLite file, ascolto.db in
// the output folder unless -db names another one; -dsn keeps them in a
// PostgreSQL database instead. A run on a database that already holds the
// office's histories continues the same office: it simulates the six months
// after the last day found there, numbering requests and protocols on from
// the last ones, and reports on its own last quarter.
//
// On a new database, from 1 April to 30 September 2026 it receives access requests of the three
// kinds (with irregular requests, counter-interested parties, oppositions,
// late decisions, reviews and appeals), reports and complaints (many passed
// on by ChiamaRoma 060606; routed, answered, reopened, merged, forwarded to
// AMA and ATAC), petitions and popular initiatives with their signatures,
// and council acts; every act goes through the procedures' services, on
// Rome's calendar, with a simulated clock.
//
// Then, as of 30 September 2026, it prints the key deadlines with their
// explanations, writes the register of access requests of the third quarter
// (CSV for Amministrazione trasparente, JSON) and the quarterly monitoring
// report (Markdown with an SVG chart, CSV, JSON) to a folder, and says where.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/register"
	"github.com/puntodiascolto/ascolto/register/council"
)

// config is what the command line sets.
type config struct {
	out  string // folder of the published files
	seed uint64
	db   string // SQLite file; default: ascolto.db in out
	dsn  string // PostgreSQL DSN; when set, db is ignored
}

func main() {
	var c config
	flag.StringVar(&c.out, "out", "", "folder for the register and the report (default: a new temporary folder)")
	flag.Uint64Var(&c.seed, "seed", 2026, "seed of the simulation")
	flag.StringVar(&c.db, "db", "", "SQLite file of the office's histories, created or continued (default: ascolto.db in the output folder)")
	flag.StringVar(&c.dsn, "dsn", "", "PostgreSQL DSN (postgres://user@host:5432/db?sslmode=disable) to keep the histories there instead")
	flag.Parse()
	if err := run(os.Stdout, c); err != nil {
		log.Fatal(err)
	}
}

// The simulated half year and the quarter that is reported: April to
// September 2026 on a new database, the k-th half year after it on one
// continued k times (setPeriod).
var (
	first   = deadline.MustDate(2026, time.April, 1)
	last    = deadline.MustDate(2026, time.September, 30)
	quarter = register.MustQuarter(2026, 3)
	// months shifts the simulation's fixed dates to the half year run.
	months int
)

// setPeriod sets the half year a run simulates, k half years after the
// first one.
func setPeriod(k int) {
	months = 6 * k
	first = shift(deadline.MustDate(2026, time.April, 1))
	last = shift(deadline.MustDate(2026, time.October, 1)).AddDays(-1)
	y, m, _ := last.Date()
	quarter = register.MustQuarter(y, (int(m)+2)/3)
}

// shift moves a date of the first half year to the half year run.
func shift(d deadline.Date) deadline.Date {
	y, m, dd := d.Date()
	t := time.Date(y, m+time.Month(months), dd, 12, 0, 0, 0, time.UTC)
	return deadline.MustDate(t.Year(), t.Month(), t.Day())
}

func run(w io.Writer, c config) error {
	out, seed := c.out, c.seed
	if out == "" {
		dir, err := os.MkdirTemp("", "ascolto-quickstart-")
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
	arc, err := openArchive(ctx, out, c.db, c.dsn)
	if err != nil {
		return err
	}
	defer arc.close()
	setPeriod(arc.period())
	s := newSim(seed, romeTime(last, 23, 0))
	rome := deadline.Rome()

	// One service per procedure, all on the same clock, calendar, directory
	// and database; numbers go on from the runs before.
	accessStore := arc.access
	nAccess := arc.past.access
	accessSvc, err := access.NewService(access.Config{Store: accessStore, Calendar: rome, Directory: dir, Now: s.clock,
		NewID: func() access.ID { nAccess++; return access.ID(fmt.Sprintf("ACC-%d-%04d", s.now.Year(), nAccess)) }})
	if err != nil {
		return err
	}
	tax, err := taxonomy()
	if err != nil {
		return err
	}
	cpol := complaint.DefaultPolicy()
	cpol.Taxonomy = tax
	nComplaint := arc.past.complaints
	complaintSvc, err := complaint.NewService(complaint.Config{Store: arc.compl, Directory: dir, Calendar: rome,
		Policy: cpol, Now: s.clock,
		NewID: func() complaint.ID {
			nComplaint++
			return complaint.ID(fmt.Sprintf("SEG-%d-%05d", s.now.Year(), nComplaint))
		}})
	if err != nil {
		return err
	}
	nPetition := arc.past.petitions
	petitionSvc, err := petition.NewService(petition.Config{Store: arc.petit, Directory: dir, Calendar: rome,
		Policy: petitionPolicy(), Now: s.clock,
		NewID: func() petition.ID {
			nPetition++
			return petition.ID(fmt.Sprintf("PET-%d-%03d", s.now.Year(), nPetition))
		}})
	if err != nil {
		return err
	}
	councilSvc, err := council.NewService(council.Config{Store: arc.council, Calendar: rome, Now: s.clock})
	if err != nil {
		return err
	}
	if err := arc.countCouncil(ctx, councilSvc); err != nil {
		return err
	}

	acc := &accessDesk{s: s, svc: accessSvc, ctx: ctx, n: arc.past.access, notable: map[string]access.ID{}}
	cmp := &complaintDesk{s: s, svc: complaintSvc, ctx: ctx, n: arc.past.complaints, recent: map[string]complaint.View{}, notable: map[string]complaint.ID{}}
	pet := &petitionDesk{s: s, svc: petitionSvc, ctx: ctx, base: arc.past.petitions}
	cou := &councilDesk{s: s, svc: councilSvc, ctx: ctx, seq: arc.past.council}
	newAccess, newComplaints, newPetitions, newCouncil := nAccess, nComplaint, nPetition, sumInts(cou.seq)

	// The flow of a working day: a few access requests, a handful of
	// complaints, now and then a council act.
	for d := first; !d.After(last); d = d.AddDays(1) {
		if d.Weekday() == time.Saturday || rome.IsOfficeClosed(d) {
			continue
		}
		for range s.between(1, 4) {
			acc.file(d)
		}
		for range s.between(2, 6) {
			cmp.file(d)
		}
		if s.chance(0.3) {
			cou.file(d)
		}
	}
	for _, p := range []struct {
		on      deadline.Date
		subject string
		matter  string
		to      office.ID
	}{
		{deadline.MustDate(2026, time.April, 14), "Attraversamento pedonale protetto davanti a una scuola", "mobilità", "dip-mobilita"},
		{deadline.MustDate(2026, time.May, 5), "Potatura dei pini di un viale alberato", "verde", "dip-ambiente"},
		{deadline.MustDate(2026, time.June, 3), "Riapertura di un centro anziani", "sociale", "dip-sociale"},
		{deadline.MustDate(2026, time.July, 7), "Marciapiedi accessibili in una via del Municipio VII", "strade", "csimu"},
		{deadline.MustDate(2026, time.July, 21), "Più corse notturne su una linea di autobus", "mobilità", "dip-mobilita"},
		{deadline.MustDate(2026, time.August, 18), "Illuminazione di un parco pubblico", "verde", "dip-ambiente"},
		{deadline.MustDate(2026, time.September, 8), "Zona scolastica a traffico limitato", "mobilità", "dip-mobilita"},
	} {
		pet.online(shift(p.on), p.subject, p.matter, p.to)
	}
	pet.initiative(petition.InterrogazionePopolare, petition.Sindaco, shift(deadline.MustDate(2026, time.May, 4)), 5, 45,
		"Interrogazione popolare sui tempi di attesa degli sportelli anagrafici", "servizi demografici")
	pet.initiative(petition.PropostaDeliberazione, petition.AssembleaCapitolina, shift(deadline.MustDate(2026, time.June, 8)), 11, 480,
		"Regolamento per le zone scolastiche a traffico limitato", "mobilità")

	if err := s.run(); err != nil {
		return fmt.Errorf("simulation at %s: %w", s.now.Format(time.DateTime), err)
	}

	// What the Direction reads on 30 September.
	today := last
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	p("ascolto: simulazione del Punto di Ascolto di Roma Capitale, dal %s al %s", first.Italian(), last.Italian())
	p("%s", arc.describe())
	p("%d richieste di accesso, %d segnalazioni e reclami, %d petizioni e iniziative popolari, %d atti consiliari",
		nAccess-newAccess, nComplaint-newComplaints, nPetition-newPetitions, sumInts(cou.seq)-newCouncil)
	// The pending request that falls due first from today.
	due, err := accessSvc.Due(ctx, today, today.AddDays(10))
	if err != nil {
		return err
	}
	if len(due) > 0 {
		acc.notable["in scadenza nei prossimi giorni"] = due[0].ID
	}
	if err := explainNotable(w, ctx, accessSvc, acc.notable, today); err != nil {
		return err
	}
	for _, what := range []string{"riaperta", "unita a un'altra: stesso problema, stesso luogo"} {
		id, ok := cmp.notable[what]
		if !ok {
			continue
		}
		v, err := complaintSvc.Get(ctx, id)
		if err != nil {
			return err
		}
		p("\n== segnalazione %s: %s, %s, %s, ricevuta il %s, stato %s", what, v.ID, v.Kind.Italian(), v.CategoryLabel, v.Received.Italian(), v.State.Italian())
		printDeadlines(w, v.Deadlines, today)
	}
	proposal, err := petitionSvc.Get(ctx, pet.proposal)
	if err != nil {
		return err
	}
	p("\n== proposta di deliberazione di iniziativa popolare %s: %d firme valide, soglia %d, depositata il %s",
		proposal.ID, proposal.Counted, proposal.Threshold.Signatures, proposal.Filed.Italian())
	printDeadlines(w, proposal.Deadlines, today)

	// Register of the quarter: streamed into the CSV from the rows the
	// database keeps beside the histories (built from the histories the
	// first time, read as kept the next: register.Source.KeptEntries).
	src := register.Source{Store: accessStore, Calendar: rome, Policy: accessSvc.Policy(), Directory: dir}
	opts := register.Options{Today: today}
	var anchor register.Anchor
	csvPath := filepath.Join(out, "registro-accessi-"+quarter.Slug()+".csv")
	if err := writeFile(csvPath, func(f io.Writer) error {
		return register.WriteCSV(f, src.KeptEntries(ctx, quarter, opts), register.CSVOptions{Comma: ';', BOM: true, Anchor: &anchor})
	}); err != nil {
		return err
	}
	jsonPath := filepath.Join(out, "registro-accessi-"+quarter.Slug()+".json")
	if err := writeFile(jsonPath, func(f io.Writer) error {
		return register.WriteJSONAsOf(f, quarter, opts.Today, src.KeptEntries(ctx, quarter, opts))
	}); err != nil {
		return err
	}
	if _, err := writeMetadata(csvPath, jsonPath, quarter, opts.Today, anchor); err != nil {
		return err
	}

	// Quarterly monitoring: access, complaints, petitions, council acts.
	var requests []*access.Request
	for r, err := range src.Requests(ctx, access.Query{ReceivedTo: quarter.To}) {
		if err != nil {
			return err
		}
		requests = append(requests, r)
	}
	cases, err := complaintCases(ctx, complaintSvc, dir)
	if err != nil {
		return err
	}
	petitions, err := petitionCases(ctx, petitionSvc, dir)
	if err != nil {
		return err
	}
	var acts []council.Item
	for a, err := range councilSvc.Search(ctx, council.Filter{To: quarter.To}) {
		if err != nil {
			return err
		}
		acts = append(acts, a)
	}
	rep := register.Quarterly(register.Input{Title: "Roma Capitale - Ufficio Punto di Ascolto", Period: quarter, Directory: dir, AsOf: opts.Today,
		Requests: slices.Values(requests), Complaints: slices.Values(cases), Petitions: slices.Values(petitions), Council: slices.Values(acts)})
	files, err := rep.WriteDir(out)
	if err != nil {
		return err
	}

	t := rep.Access.Total
	p("\n== %s in cifre", quarter)
	p("accesso: %d ricevute, %d decise (%d nel termine), %d pendenti a fine trimestre, di cui %d con termini scaduti",
		t.Received, t.Decided, t.InTime, t.Pending, t.Overdue)
	p("\n== File scritti in %s", out)
	for _, f := range []string{csvPath, jsonPath, files.Markdown, files.Chart, files.CSV, files.JSON} {
		p("  %s", filepath.Base(f))
	}
	p("Il rapporto da leggere è %s (il grafico è %s).", files.Markdown, filepath.Base(files.Chart))
	if err := writeLetters(ctx, w, out, accessStore, accessSvc, dir, acc.notable); err != nil {
		return err
	}
	n, err := arc.verify(ctx)
	if err != nil {
		return err
	}
	p("Storie nell'archivio verificate contro le loro teste: %d, intatte.", n)
	return nil
}

// petitionCases returns the monitoring case of every petition filed, this
// run's and the runs' before.
func petitionCases(ctx context.Context, svc *petition.Service, dir *office.Directory) ([]register.Case, error) {
	var cases []register.Case
	q := petition.Query{Limit: 1000}
	for {
		page, err := svc.List(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, it := range page.Items {
			v, err := svc.Get(ctx, it.ID)
			if err != nil {
				return nil, err
			}
			if c, ok := register.PetitionCase(v, dir); ok {
				cases = append(cases, c)
			}
		}
		if page.Next == "" {
			return cases, nil
		}
		q.Cursor = page.Next
	}
}

// explainNotable prints, for one request of each notable sort, every
// deadline with the steps that produced it.
func explainNotable(w io.Writer, ctx context.Context, svc *access.Service, notable map[string]access.ID, today deadline.Date) error {
	kinds := make([]string, 0, len(notable))
	for k := range notable {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		r, err := svc.Get(ctx, notable[k])
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\n== accesso %s: %s, %s, ricevuta il %s, stato %s\n", k, r.ID, r.Kind.Italian(), r.Received.Italian(), r.State)
		printDeadlines(w, r.Deadlines, today)
	}
	return nil
}

// printDeadlines prints each deadline, where it stands today, and the steps
// that produced it with the provision behind each.
func printDeadlines(w io.Writer, ds []deadline.Deadline, today deadline.Date) {
	for _, d := range ds {
		st := d.Status(today, 5)
		fmt.Fprintf(w, "-- %s: %s (%s)\n", d.Name, d.Due.Italian(), st.State.Italian())
		for _, line := range strings.Split(strings.TrimRight(d.Explanation.String(), "\n"), "\n") {
			fmt.Fprintf(w, "   %s\n", line)
		}
	}
}

func complaintCases(ctx context.Context, svc *complaint.Service, dir *office.Directory) ([]register.Case, error) {
	var cases []register.Case
	q := complaint.Query{Limit: 1000}
	for {
		page, err := svc.List(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, it := range page.Items {
			v, err := svc.Get(ctx, it.ID)
			if err != nil {
				return nil, err
			}
			cases = append(cases, register.ComplaintCase(v.Public(), dir))
		}
		if page.Next == "" {
			return cases, nil
		}
		q.Cursor = page.Next
	}
}

func sumInts(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func writeFile(path string, fill func(io.Writer) error) error {
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
