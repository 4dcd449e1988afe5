// Command petition runs two popular initiatives through package petition,
// on an in-memory store, the calendar of Rome and a fixed clock, and prints
// what the Punto di Ascolto may publish about them, in Italian: timeline,
// signature counts, deadlines with their explanation. It never prints a
// name or a codice fiscale: everything printed comes from the publishable
// view (petition.Public).
//
//   - an online petition to the Mayor, signed with SPID by its single
//     signatory, filed, forwarded to two offices (one replies late) and
//     answered;
//   - a popular proposal of deliberation to the Assemblea Capitolina that
//     collects signatures on paper and online from four eligibility
//     categories, with a duplicate and a minor refused, an omocodic code
//     accepted as another person and counted among the signatures the
//     office verifies by hand, two withdrawals,
//     signatures that fall out of the three-month window, reaches its
//     5,000-signature threshold, is filed, examined and decided.
//
// The signatories are synthetic: their codici fiscali are generated
// deterministically and are valid (check character included).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"strings"
	"time"

	"github.com/puntodiascolto/ascolto/codicefiscale"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
)

func main() {
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}

var (
	portal    = office.Actor{ID: "portale-spid", Role: office.External}
	desk      = office.Actor{ID: "f.bianchi", Role: office.FrontOffice, Office: "punto-ascolto"}
	mayor     = office.Actor{ID: "s.neri", Role: office.CompetentOffice, Office: "segreteria-sindaco"}
	assembly  = office.Actor{ID: "a.verdi", Role: office.CompetentOffice, Office: "segretariato-assemblea"}
	mobility  = office.Actor{ID: "m.rossi", Role: office.CompetentOffice, Office: "dip-mobilita"}
	municipio = office.Actor{ID: "g.gialli", Role: office.CompetentOffice, Office: "municipio-viii"}
	budget    = office.Actor{ID: "r.blu", Role: office.CompetentOffice, Office: "ragioneria"}
)

// desktop is the office's workstation: the clock and the service.
type desktop struct {
	ctx context.Context
	now time.Time
	svc *petition.Service
	w   io.Writer
}

// on moves the clock to 10:00 in Rome on the given day.
func (d *desktop) on(y int, m time.Month, day int) deadline.Date {
	d.now = time.Date(y, m, day, 9, 0, 0, 0, time.UTC)
	return deadline.DateOf(d.now)
}

func (d *desktop) today() deadline.Date { return deadline.DateOf(d.now) }

func run(w io.Writer) error {
	dir, err := office.NewDirectory(
		office.Office{ID: "punto-ascolto", Name: "Ufficio Punto di Ascolto"},
		office.Office{ID: "segreteria-sindaco", Name: "Segreteria del Sindaco"},
		office.Office{ID: "segretariato-assemblea", Name: "Segretariato generale - Ufficio dell'Assemblea Capitolina"},
		office.Office{ID: "dip-mobilita", Name: "Dipartimento Mobilità Sostenibile e Trasporti", Matters: []string{"mobilità"}},
		office.Office{ID: "municipio-viii", Name: "Municipio VIII"},
		office.Office{ID: "ragioneria", Name: "Ragioneria Generale"},
	)
	if err != nil {
		return err
	}
	policy := petition.Rome().
		WithBody(petition.Body{ID: petition.Sindaco, Name: "Sindaco di Roma Capitale", Secretariat: "segreteria-sindaco"}).
		WithBody(petition.Body{ID: petition.AssembleaCapitolina, Name: "Assemblea Capitolina", Secretariat: "segretariato-assemblea"})
	d := &desktop{ctx: context.Background(), w: w}
	d.svc, err = petition.NewService(petition.Config{
		Store: petition.NewMemoryStore(), Directory: dir, Calendar: deadline.Rome(), Policy: policy,
		Now:   func() time.Time { return d.now },
		NewID: sequence(),
	})
	if err != nil {
		return err
	}
	if err := d.onlinePetition(); err != nil {
		return fmt.Errorf("petizione online: %w", err)
	}
	if err := d.popularProposal(); err != nil {
		return fmt.Errorf("proposta di deliberazione: %w", err)
	}
	return nil
}

func sequence() func() petition.ID {
	n := 0
	return func() petition.ID {
		n++
		return petition.ID(fmt.Sprintf("PA-2026-%04d", n))
	}
}

// onlinePetition: one citizen, SPID, two offices asked, one late.
func (d *desktop) onlinePetition() error {
	fmt.Fprintln(d.w, "════ 1. Petizione online al Sindaco (un solo firmatario, SPID) ════")
	citizen := petition.Person{FamilyName: "Cittadina", GivenName: "Sintetica", CodiceFiscale: "TINIT-" + code(1, 88, true, "H501"),
		Email: "cittadina@example.org"}
	d.on(2026, time.March, 2)
	p, err := d.svc.Draft(d.ctx, petition.Act{By: portal}, petition.Registration{
		Kind: petition.Petizione, Addressee: petition.Sindaco, Channel: petition.Online,
		Subject: "Attraversamento pedonale protetto davanti a una scuola primaria del Municipio VIII",
		Matter:  "mobilità", Text: "Testo della petizione scritto dalla cittadina.", Promoters: []petition.Person{citizen},
	})
	if err != nil {
		return err
	}
	id := p.ID
	if _, err = d.svc.OpenCollection(d.ctx, petition.Act{ID: id, By: portal}, petition.Collection{}); err != nil {
		return err
	}
	if _, err = d.svc.Sign(d.ctx, petition.Act{ID: id, By: portal}, petition.Batch{Signatures: []petition.Signature{petition.Signature{Signatory: citizen, Category: petition.Elettore,
		Evidence: "iscritta nelle liste elettorali di Roma Capitale", Method: petition.SPID, Sheet: "SPID-tx-000001"}}}); err != nil {
		return err
	}
	// A second online signatory is refused: online petitions have one.
	other := petition.Signature{Signatory: petition.Person{CodiceFiscale: code(2, 75, false, "H501")},
		Category: petition.Elettore, Evidence: "liste elettorali", Method: petition.SPID}
	_, err = d.svc.Sign(d.ctx, petition.Act{ID: id, By: portal}, petition.Batch{Signatures: []petition.Signature{other}})
	if !errors.Is(err, petition.ErrOnline) {
		return fmt.Errorf("expected a refusal of the second online signatory, got %v", err)
	}
	fmt.Fprintf(d.w, "Seconda adesione online respinta: %s\n", refusalText(err))
	if p, err = d.svc.File(d.ctx, petition.Act{ID: id, By: portal}, petition.Filing{Protocol: "RC/2026/31415"}); err != nil {
		return err
	}
	fmt.Fprintf(d.w, "Depositata il %s dal portale (firmataria unica, SPID).\n", p.Filed.Italian())

	d.on(2026, time.March, 4)
	if _, err = d.svc.DeclareAdmissible(d.ctx, petition.Act{ID: id, By: desk}, petition.Admission{Note: "requisiti verificati"}); err != nil {
		return err
	}
	if _, err = d.svc.Forward(d.ctx, petition.Act{ID: id, By: desk}, petition.Forwarding{Requests: []petition.Request{petition.Request{Office: "dip-mobilita", Question: "Fattibilità tecnica e costo dell'attraversamento protetto"}, petition.Request{Office: "municipio-viii", Question: "Segnalazioni e incidenti registrati nel tratto", Days: 10}}}); err != nil {
		return err
	}
	d.on(2026, time.March, 12)
	if _, err = d.svc.RecordReply(d.ctx, petition.Act{ID: id, By: municipio}, petition.Reply{Request: 2, Summary: "Dati sugli incidenti trasmessi"}); err != nil {
		return err
	}
	d.on(2026, time.March, 23)
	if p, err = d.svc.RecordReply(d.ctx, petition.Act{ID: id, By: mobility}, petition.Reply{Request: 1, Summary: "Intervento fattibile, stima trasmessa"}); err != nil {
		return err
	}
	d.printDeadlines(p, "Scadenze al "+d.today().Italian())

	d.on(2026, time.April, 20)
	if _, err = d.svc.Answer(d.ctx, petition.Act{ID: id, By: mayor}, petition.Answer{Outcome: petition.PartlyAccepted,
		Summary: "L'attraversamento sarà realizzato entro l'estate; il semaforo a chiamata è rinviato al piano 2027",
		Act:     "prot. RC/2026/40211",
		Text:    "Gentile cittadina, ..."}); err != nil {
		return err
	}
	d.on(2026, time.April, 27)
	if p, err = d.svc.Archive(d.ctx, petition.Act{ID: id, By: desk}, petition.Archiving{Reason: "conclusa con risposta"}); err != nil {
		return err
	}
	d.printPublic(p)
	return nil
}

// category is the eligibility mix: out of every 20 signatories, 16
// electors, 2 workers, 1 student, 1 foreigner; with the evidence declared.
func category(i int) (petition.CategoryID, string, bool) {
	switch i % 20 {
	case 16, 17:
		return petition.Lavoratore, "sede di lavoro a Roma", false
	case 18:
		return petition.Studente, "università con sede a Roma", false
	case 19:
		return petition.Straniero, "permesso di soggiorno, domicilio a Roma", true
	}
	return petition.Elettore, "iscrizione nelle liste elettorali", false
}

// signatory returns the i-th synthetic signatory of the proposal.
func signatory(i int) petition.Person {
	_, _, foreign := category(i)
	place := "H501"
	if foreign {
		place = "Z404"
	}
	return petition.Person{FamilyName: fmt.Sprintf("Firmatario%05d", i), GivenName: "Sintetico",
		CodiceFiscale: code(1000+i, 40+i%60, i%2 == 0, place)}
}

func signature(i int, on deadline.Date, m petition.Method, sheet string) petition.Signature {
	cat, evidence, _ := category(i)
	s := petition.Signature{Signatory: signatory(i), Category: cat, Evidence: evidence, Method: m, Sheet: sheet}
	if m == petition.Paper {
		s.Date = on
	}
	return s
}

// collection day: paper signatures at the stands (sheets of 50) and online
// adhesions.
type collectionDay struct {
	y           int
	m           time.Month
	d           int
	paper, spid int
}

func (d *desktop) popularProposal() error {
	fmt.Fprintln(d.w)
	fmt.Fprintln(d.w, "════ 2. Proposta di deliberazione di iniziativa popolare all'Assemblea Capitolina ════")
	d.on(2026, time.February, 2)
	promoters := []petition.Person{
		{FamilyName: "Promotrice", GivenName: "Prima", CodiceFiscale: code(900, 70, true, "H501")},
		{FamilyName: "Promotore", GivenName: "Secondo", CodiceFiscale: code(901, 65, false, "H501")},
	}
	p, err := d.svc.Draft(d.ctx, petition.Act{By: desk}, petition.Registration{
		Kind: petition.PropostaDeliberazione, Addressee: petition.AssembleaCapitolina, Channel: petition.Counter,
		Subject: "Regolamento per le zone scolastiche a traffico limitato", Matter: "mobilità",
		Text: "Articolato e relazione illustrativa dei promotori.", Promoters: promoters,
	})
	if err != nil {
		return err
	}
	id := p.ID
	if _, err = d.svc.OpenCollection(d.ctx, petition.Act{ID: id, By: desk}, petition.Collection{Closes: deadline.MustDate(2026, time.May, 31)}); err != nil {
		return err
	}
	days := []collectionDay{
		{2026, time.February, 7, 150, 20}, {2026, time.February, 14, 150, 30},
		{2026, time.February, 21, 400, 60}, {2026, time.February, 28, 400, 80},
		{2026, time.March, 7, 450, 90}, {2026, time.March, 14, 500, 100},
		{2026, time.March, 21, 450, 100}, {2026, time.March, 28, 400, 120},
		{2026, time.April, 11, 400, 100}, {2026, time.April, 18, 350, 100},
		{2026, time.April, 25, 300, 80}, {2026, time.May, 9, 300, 70},
		{2026, time.May, 16, 250, 60},
	}
	next := 0 // next signatory
	var refusals []string
	for _, cd := range days {
		on := d.on(cd.y, cd.m, cd.d)
		for sheet := 0; sheet*50 < cd.paper; sheet++ {
			n := min(50, cd.paper-sheet*50)
			batch := make([]petition.Signature, 0, n+2)
			for k := 0; k < n; k++ {
				batch = append(batch, signature(next+k, on, petition.Paper, fmt.Sprintf("foglio %s/%d", on.String(), sheet+1)))
			}
			if on == deadline.MustDate(2026, time.March, 14) && sheet == 0 {
				// Someone who signed on 7 February signs again, the code
				// written in lower case with spaces; the holder of an
				// omocodic variant of that code (another person: the
				// Agenzia delle Entrate issued the variant to tell them
				// apart) signs; a 17-year-old signs, declaring the date of
				// birth (the code alone, "08", would also read 1908).
				again := signature(5, on, petition.Paper, "foglio 2026-03-14/1")
				again.Signatory.CodiceFiscale = spaced(strings.ToLower(again.Signatory.CodiceFiscale))
				variant := signature(99998, on, petition.Paper, "foglio 2026-03-14/1")
				variant.Signatory.CodiceFiscale = omocodic(signatory(5).CodiceFiscale)
				minor := signature(99999, on, petition.Paper, "foglio 2026-03-14/1")
				minor.Signatory.CodiceFiscale = minorCode()
				minor.Signatory.BirthDate = deadline.MustDate(2008, time.September, 10)
				batch = append(batch, again, variant, minor)
				_, err := d.svc.Sign(d.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: batch})
				var be *petition.BatchError
				if !errors.As(err, &be) {
					return fmt.Errorf("expected refusals, got %v", err)
				}
				struck := map[int]bool{}
				for _, r := range be.Refused {
					refusals = append(refusals, fmt.Sprintf("%s, foglio 1, riga %d: %s", on.Italian(), r.Index+1, refusalText(r.Err)))
					struck[r.Index] = true
				}
				// The desk strikes the refused lines and records the sheet.
				kept := batch[:0]
				for i, s := range batch {
					if !struck[i] {
						kept = append(kept, s)
					}
				}
				batch = kept
			}
			if _, err := d.svc.Sign(d.ctx, petition.Act{ID: id, By: desk}, petition.Batch{Signatures: batch}); err != nil {
				return err
			}
			next += n
		}
		// Online adhesions: SPID and CIE, recorded as they arrive (here in
		// one upload per day).
		batch := make([]petition.Signature, 0, cd.spid)
		for k := 0; k < cd.spid; k++ {
			m := petition.SPID
			if k%4 == 3 {
				m = petition.CIE
			}
			batch = append(batch, signature(next+k, on, m, fmt.Sprintf("adesione online %d", next+k)))
		}
		if p, err = d.svc.Sign(d.ctx, petition.Act{ID: id, By: portal}, petition.Batch{Signatures: batch}); err != nil {
			return err
		}
		next += cd.spid
	}
	// Two signatories withdraw before filing.
	d.on(2026, time.May, 18)
	for _, i := range []int{1200, 3333} {
		if p, err = d.svc.WithdrawSignature(d.ctx, petition.Act{ID: id, By: desk}, petition.Withdrawal{CodiceFiscale: signatory(i).CodiceFiscale}); err != nil {
			return err
		}
	}
	fmt.Fprintln(d.w, "Firme respinte in raccolta (il lotto intero è rifiutato; l'ufficio stralcia le righe e lo registra):")
	for _, r := range refusals {
		fmt.Fprintln(d.w, "  -", r)
	}
	// The officer's view (not published) counts the signatures whose codes
	// differ only by omocodia: different people, to verify on the sheets.
	fmt.Fprintf(d.w, "Firme da verificare a mano (codici fiscali diversi che coincidono senza omocodia; vista dell'ufficio, non pubblicata): %d\n",
		p.ToVerifyCount())

	filed := d.on(2026, time.May, 20)
	window := p.Window
	fmt.Fprintf(d.w, "Finestra di raccolta: %s (%s): per un deposito il %s contano le firme dal %s.\n",
		window, window.Source, filed.Italian(), window.Start(filed).Italian())
	// The first day on which a filing would have reached the threshold.
	for day := p.Opened; !day.After(filed); day = day.AddDays(1) {
		if p.Signatures.Countable(window, day) >= p.Threshold.Signatures {
			fmt.Fprintf(d.w, "Soglia di %s firme (%s) raggiungibile con un deposito dal %s.\n",
				thousands(p.Threshold.Signatures), p.Threshold.Source, day.Italian())
			break
		}
	}
	if p, err = d.svc.File(d.ctx, petition.Act{ID: id, By: desk}, petition.Filing{Protocol: "RC/2026/52001"}); err != nil {
		return err
	}
	fmt.Fprintf(d.w, "Depositata il %s: firme valide %s, contate %s (escluse %s raccolte prima del %s).\n",
		p.Filed.Italian(), thousands(p.Signatures.Valid), thousands(p.Counted),
		thousands(p.Signatures.Valid-p.Counted), window.Start(filed).Italian())

	d.on(2026, time.May, 25)
	if _, err = d.svc.DeclareAdmissible(d.ctx, petition.Act{ID: id, By: assembly}, petition.Admission{Note: "proposta redatta in articoli, con relazione; firme verificate"}); err != nil {
		return err
	}
	if _, err = d.svc.Forward(d.ctx, petition.Act{ID: id, By: desk}, petition.Forwarding{Requests: []petition.Request{petition.Request{Office: "dip-mobilita", Question: "Parere tecnico sull'articolato", Days: 30}, petition.Request{Office: "ragioneria", Question: "Parere di regolarità contabile", Days: 30}}}); err != nil {
		return err
	}
	d.on(2026, time.June, 10)
	if _, err = d.svc.RecordReply(d.ctx, petition.Act{ID: id, By: budget}, petition.Reply{Request: 2, Summary: "Nessun onere aggiuntivo"}); err != nil {
		return err
	}
	d.on(2026, time.June, 22)
	if p, err = d.svc.RecordReply(d.ctx, petition.Act{ID: id, By: mobility}, petition.Reply{Request: 1, Summary: "Parere favorevole con modifiche"}); err != nil {
		return err
	}
	d.on(2026, time.October, 15)
	d.printDeadlines(p, "Scadenze al "+d.today().Italian())

	d.on(2026, time.October, 29)
	if p, err = d.svc.Answer(d.ctx, petition.Act{ID: id, By: assembly}, petition.Answer{Outcome: petition.PartlyAccepted,
		Summary: "Approvata con emendamenti", Act: "Deliberazione AC n. 87/2026"}); err != nil {
		return err
	}
	d.printPublic(p)
	return nil
}

// printDeadlines prints each deadline's status and explanation.
func (d *desktop) printDeadlines(p petition.Petition, title string) {
	fmt.Fprintln(d.w, title+":")
	for _, r := range p.Public(d.today(), d.svc.Policy().DueSoon).Deadlines {
		fmt.Fprintf(d.w, "  • %s [%s]\n", r.Text, r.Status.State.Italian())
		for _, line := range strings.Split(r.Deadline.Explanation.String(), "\n") {
			fmt.Fprintf(d.w, "      %s\n", line)
		}
	}
}

// printPublic prints the publishable view: timeline, counts, deadlines.
func (d *desktop) printPublic(p petition.Petition) {
	pub := p.Public(d.today(), d.svc.Policy().DueSoon)
	fmt.Fprintf(d.w, "\n%s %s — %s, rivolta a: %s\n", strings.ToUpper(pub.KindName[:1])+pub.KindName[1:], pub.ID, pub.Subject, pub.AddresseeName)
	fmt.Fprintf(d.w, "Stato: %s. Canale: %s. Protocollo: %s.\n", pub.StateName, pub.Channel, pub.Protocol)
	fmt.Fprintln(d.w, "Cronologia:")
	for _, s := range pub.Timeline {
		count := ""
		if s.Count > 0 {
			count = fmt.Sprintf(" (%s)", thousands(s.Count))
		}
		fmt.Fprintf(d.w, "  %s  %s%s — %s\n", s.Day.Italian(), s.Label, count, s.Basis)
	}
	c := pub.Signatures
	fmt.Fprintf(d.w, "Firme: valide %s, revocate %s; contate al deposito %s su %s richieste (%s): %s.\n",
		thousands(c.Valid), thousands(c.Withdrawn), thousands(pub.Counting), thousands(pub.Threshold.Signatures),
		pub.Threshold.Source, yesNo(pub.Reached, "soglia raggiunta", "soglia non raggiunta"))
	if len(c.ByDay) > 1 {
		fmt.Fprintln(d.w, "Firme per giorno (data della firma):")
		fmt.Fprintln(d.w, "  giorno        firmate  revocate  valide  cumulate")
		total := 0
		for _, day := range c.ByDay {
			total += day.Valid
			fmt.Fprintf(d.w, "  %s  %7s  %8s  %6s  %8s\n", day.Day.Italian(), thousands(day.Signed), thousands(day.Withdrawn),
				thousands(day.Valid), thousands(total))
		}
	}
	fmt.Fprintln(d.w, "Firme per categoria (art. 6 c. 1 Statuto):")
	for _, cc := range c.ByCategory {
		fmt.Fprintf(d.w, "  %-11s %6s\n", cc.Category, thousands(cc.Valid))
	}
	fmt.Fprint(d.w, "Firme per modalità:")
	for _, m := range c.ByMethod {
		fmt.Fprintf(d.w, " %s %s", m.Method, thousands(m.Valid))
	}
	fmt.Fprintln(d.w)
	fmt.Fprintf(d.w, "Richieste agli uffici: %d, riscontri: %d.\n", pub.Requests, pub.Replies)
	fmt.Fprintf(d.w, "Esito (%s): %s — %s (%s).\n", pub.Answered.Italian(), pub.Outcome, pub.AnswerSummary, pub.AnswerAct)
	fmt.Fprintln(d.w, "Scadenze:")
	for _, r := range pub.Deadlines {
		fmt.Fprintf(d.w, "  • %s [%s]\n", r.Text, r.Status.State.Italian())
	}
}

func yesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}

// refusalText is a refusal as the office reads it: the reason and the rule,
// without the package prefix (and, for a batch, of its first signature).
func refusalText(err error) string {
	var be *petition.BatchError
	if errors.As(err, &be) && len(be.Refused) > 0 {
		err = be.Refused[0].Err
	}
	var re *petition.RuleError
	if errors.As(err, &re) {
		return fmt.Sprintf("%s (%s)", re.Reason, re.Rule)
	}
	return strings.TrimPrefix(err.Error(), "petition: ")
}

// thousands formats n the Italian way: 5.000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

// code builds a valid synthetic codice fiscale: six letters from n, year
// yy, a month and day from n, the place, completed with its check character
// by codicefiscale.Complete.
func code(n int, yy int, female bool, place string) string {
	var b [15]byte
	x := n
	for j := 5; j >= 0; j-- {
		b[j] = byte('A' + x%26)
		x /= 26
	}
	b[6], b[7] = byte('0'+yy/10%10), byte('0'+yy%10)
	b[8] = "ABCDEHLMPRST"[n%12]
	day := 1 + n%28
	if female {
		day += 40
	}
	b[9], b[10] = byte('0'+day/10), byte('0'+day%10)
	copy(b[11:], place)
	return complete(string(b[:]))
}

// complete returns the valid code whose first fifteen characters are
// first15; the example builds them, so an error is a bug of the example.
func complete(first15 string) string {
	cf, err := codicefiscale.Complete(first15)
	if err != nil {
		panic(err)
	}
	return cf.String()
}

// spaced writes a code in groups, as on a paper form: "rss mra 85t10 a562s".
func spaced(cf string) string {
	return cf[:3] + " " + cf[3:6] + " " + cf[6:11] + " " + cf[11:]
}

// minorCode is a signatory born on 10 September 2008: 17 on 14 March 2026.
func minorCode() string { return complete("MNRSGN08P10H501") }

// omocodic replaces the last digit of the place code with its omocodia letter
// and recomputes the check character: the code the Agenzia delle Entrate
// would issue to another person whose code coincides with cf.
func omocodic(cf string) string {
	b := []byte(cf[:15])
	b[14] = "LMNPQRSTUV"[b[14]-'0']
	return complete(string(b))
}
