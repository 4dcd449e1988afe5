// Command letters prints, in the order the office sends them, every letter
// of two access requests, written by package letter from the Request the
// Service returns after each act:
//
//   - a FOIA request (accesso civico generalizzato) with a
//     counter-interested party who opposes: receipt, start notice to the
//     requester and to the competent office, internal request for the
//     documents, notice to the party, decision, and the acceptance despite
//     the opposition told to the party;
//   - a documentale request, irregular at first, decided after its term:
//     receipt, irregularity notice, start notice, notice to the party, and
//     the decision with the statement of its delay (art. 2 c. 9-quinquies
//     L. 241/1990).
//
// With -out DIR it also writes each letter as text and HTML files there.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/letter"
	"github.com/puntodiascolto/ascolto/office"
)

func main() {
	out := flag.String("out", "", "also write each letter as .txt and .html files in this folder")
	flag.Parse()
	if err := run(os.Stdout, *out); err != nil {
		log.Fatal(err)
	}
}

var (
	desk     = office.Actor{ID: "f.bianchi", Role: office.FrontOffice, Office: "pda"}
	mobility = office.Actor{ID: "m.rossi", Role: office.CompetentOffice, Office: "mobilita"}
	planning = office.Actor{ID: "u.verdi", Role: office.CompetentOffice, Office: "urbanistica"}
	outside  = office.Actor{ID: "protocollo-pec", Role: office.External}
)

// desktop is the desk: the clock, the access Service, the letter writer,
// and the letters written so far.
type desktop struct {
	ctx context.Context
	now time.Time
	svc *access.Service
	w   *letter.Writer
	out io.Writer
	dir string
	n   int
	err error
}

// on moves the clock to the given day of 2026, 10:00 in Rome.
func (d *desktop) on(m time.Month, day int) *desktop {
	d.now = time.Date(2026, m, day, 9, 0, 0, 0, time.UTC)
	return d
}

// act performs an act unless an earlier one failed, then writes the
// letters it calls for from the Request the Service returned.
func (d *desktop) act(what string, do func() (*access.Request, error), letters ...func(*access.Request) (letter.Letter, error)) {
	if d.err != nil {
		return
	}
	r, err := do()
	if err != nil {
		d.err = fmt.Errorf("%s: %w", what, err)
		return
	}
	for _, write := range letters {
		l, err := write(r)
		if err == nil {
			err = d.print(l)
		}
		if err != nil {
			d.err = fmt.Errorf("%s: %w", what, err)
			return
		}
	}
}

// print writes letter l as text, and as files under -out.
func (d *desktop) print(l letter.Letter) error {
	txt, err := d.w.Text(l)
	if err != nil {
		return err
	}
	d.n++
	fmt.Fprintf(d.out, "════ %d. %s → %s ════\n\n%s\n", d.n, l.Kind, l.To, txt)
	if d.dir == "" {
		return nil
	}
	html, err := d.w.HTML(l)
	if err != nil {
		return err
	}
	base := filepath.Join(d.dir, fmt.Sprintf("%02d-%s-%s", d.n, l.Case, l.Kind))
	if err := os.WriteFile(base+".txt", []byte(txt), 0o644); err != nil {
		return err
	}
	return os.WriteFile(base+".html", []byte(html), 0o644)
}

func run(out io.Writer, dir string) error {
	directory, err := office.NewDirectory(
		office.Office{ID: "pda", Name: "Ufficio Punto di Ascolto"},
		office.Office{ID: "mobilita", Name: "Dipartimento Mobilità Sostenibile e Trasporti", Matters: []string{"mobilità"}},
		office.Office{ID: "urbanistica", Name: "Dipartimento Programmazione e Attuazione Urbanistica", Matters: []string{"edilizia"}},
		office.Office{ID: "polizia-locale", Name: "Polizia Locale di Roma Capitale"},
	)
	if err != nil {
		return err
	}
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	d := &desktop{ctx: context.Background(), out: out, dir: dir}
	d.svc, err = access.NewService(access.Config{Store: access.NewMemoryStore(), Calendar: deadline.Rome(), Directory: directory,
		Policy: access.Policy{Administration: "Roma Capitale", Substitute: access.Substitute{Title: "Segretario Generale", Contact: "protocollo.segretariato@pec.comune.roma.it"}},
		Now:    func() time.Time { return d.now }})
	if err != nil {
		return err
	}
	d.w, err = letter.New(letter.Options{
		Office: "Ufficio Punto di Ascolto - Gabinetto del Sindaco", Address: "Via di San Marco 8, 00186 Roma",
		Contact: "ld.accesso.gabinetto@comune.roma.it", Directory: directory, Access: d.svc.Policy(),
		Responsible: map[office.ID]string{"mobilita": "dirigente della U.O. Varchi e permessi", "urbanistica": "dirigente della U.O. Permessi di costruire"},
		Viewing:     "Ufficio Punto di Ascolto, Via di San Marco 8, lunedì e mercoledì 9-12 e 14-16",
		RPCT:        "Responsabile della prevenzione della corruzione e della trasparenza di Roma Capitale",
	})
	if err != nil {
		return err
	}
	d.foia()
	d.documentale()
	return d.err
}
