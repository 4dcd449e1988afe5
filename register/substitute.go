package register

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"iter"
	"slices"
	"strconv"
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
)

// citeSubstituteReport is the basis of SubstituteReport: by 30 January the
// titolare del potere sostitutivo tells the governing body the procedures,
// by kind and competent office, whose term set by law or regulation was
// not respected.
var citeSubstituteReport = func() law.Citation {
	c := law.Cite("L. 241/1990", "2", "9-quater")
	c.URN = "urn:nir:stato:legge:1990-08-07;241"
	return c
}()

// SubstituteReport is the yearly report of the titolare del potere
// sostitutivo to the governing body (art. 2 c. 9-quater L. 241/1990): the
// access procedures of Year, by kind and competent office, in which the
// term to decide was not respected. It lists the decisions taken late in
// the year and the requests still undecided past their term on 31
// December. It holds no personal data: kinds, offices, normal protocol
// numbers (others are Withheld), dates and days; the guidance terms
// (deadline.Guidance) are not terms "previsti dalla legge" and never count.
type SubstituteReport struct {
	// Year is the year reported on; Due is 30 January of the next year,
	// the day by which the report is due (a fixed date, not a term).
	Year int           `json:"anno"`
	Due  deadline.Date `json:"daComunicareEntro"`
	// Source is the provision that requires it.
	Source law.Citation `json:"fonte"`
	// Groups count the procedures by kind and office, in kind order then
	// by office name.
	Groups []SubstituteGroup `json:"perTipologiaEStruttura"`
	// Procedures lists them, most late first, then by protocol.
	Procedures []LateProcedure `json:"procedimenti"`
}

// SubstituteGroup is the count of one kind of procedure in one office.
type SubstituteGroup struct {
	Kind   access.Kind `json:"tipologia"`
	Office string      `json:"struttura"`
	// ConcludedLate are the decisions of the year taken after the term;
	// PendingLate the requests undecided past the term on 31 December.
	ConcludedLate int `json:"conclusiOltreIlTermine"`
	PendingLate   int `json:"pendentiOltreIlTermine"`
	// DaysLate totals the days beyond the term of both; MaxDaysLate is the
	// longest.
	DaysLate    int `json:"giorniDiRitardo"`
	MaxDaysLate int `json:"ritardoMassimo"`
	// BySubstitute counts the decisions the substitute took itself.
	BySubstitute int `json:"decisiDalTitolare"`
}

// LateProcedure is one procedure whose term was not respected.
type LateProcedure struct {
	Protocol string        `json:"protocollo"`
	Kind     access.Kind   `json:"tipologia"`
	Office   string        `json:"struttura"`
	Received deadline.Date `json:"dataPresentazione"`
	// Due is the term's last day; Decided the day of the decision, zero
	// for a request still undecided on 31 December.
	Due     deadline.Date `json:"termine"`
	Decided deadline.Date `json:"dataProvvedimento,omitzero"`
	// DaysLate is Decided (or 31 December) minus Due.
	DaysLate int `json:"giorniDiRitardo"`
	// SubstituteAsked marks a request the applicant took to the
	// substitute; BySubstitute a decision the substitute took itself.
	SubstituteAsked bool `json:"potereSostitutivoAttivato,omitempty"`
	BySubstitute    bool `json:"decisaDalTitolare,omitempty"`
}

// SubstituteAnnualReport builds the report for year from the requests'
// views (access.Replay on the calendar and policy in force); dir names
// the offices (nil prints their IDs).
func SubstituteAnnualReport(reqs iter.Seq[*access.Request], year int, dir *office.Directory) SubstituteReport {
	end := deadline.MustDate(year, time.December, 31)
	rep := SubstituteReport{Year: year, Due: deadline.MustDate(year+1, time.January, 30), Source: citeSubstituteReport}
	groups := map[[2]string]*SubstituteGroup{}
	for r := range reqs {
		lp, ok := lateProcedure(r, year, end)
		if !ok {
			continue
		}
		lp.Office = officeName(dir, r.Office)
		rep.Procedures = append(rep.Procedures, lp)
		k := [2]string{string(lp.Kind), lp.Office}
		g := groups[k]
		if g == nil {
			g = &SubstituteGroup{Kind: lp.Kind, Office: lp.Office}
			groups[k] = g
		}
		if lp.Decided.IsZero() {
			g.PendingLate++
		} else {
			g.ConcludedLate++
		}
		g.DaysLate += lp.DaysLate
		g.MaxDaysLate = max(g.MaxDaysLate, lp.DaysLate)
		if lp.BySubstitute {
			g.BySubstitute++
		}
	}
	for _, g := range groups {
		rep.Groups = append(rep.Groups, *g)
	}
	rank := func(k access.Kind) int { return slices.Index(access.Kinds(), k) }
	slices.SortFunc(rep.Groups, func(a, b SubstituteGroup) int {
		return cmp.Or(cmp.Compare(rank(a.Kind), rank(b.Kind)), cmp.Compare(a.Office, b.Office))
	})
	slices.SortFunc(rep.Procedures, func(a, b LateProcedure) int {
		return cmp.Or(cmp.Compare(b.DaysLate, a.DaysLate), CompareProtocol(a.Protocol, b.Protocol), a.Received.Compare(b.Received))
	})
	return rep
}

// lateProcedure returns r's row if its term to decide was not respected
// in year: decided late in the year, or undecided past it on end (31
// December) and still open then.
func lateProcedure(r *access.Request, year int, end deadline.Date) (LateProcedure, bool) {
	if r == nil || r.DecisionDue.IsZero() {
		return LateProcedure{}, false
	}
	if d, ok := r.Deadline(access.DeadlineDecision); !ok || d.Strength() == deadline.Guidance {
		return LateProcedure{}, false
	}
	lp := LateProcedure{Kind: r.Kind, Received: r.Received, Due: r.DecisionDue, SubstituteAsked: r.Substitute != nil}
	switch dec := r.Decision; {
	case dec != nil && dec.Date.Year() == year && dec.Late:
		lp.Decided, lp.DaysLate, lp.BySubstitute = dec.Date, dec.Date.Sub(r.DecisionDue), dec.BySubstitute
	case (dec == nil || dec.Date.After(end)) && r.DecisionDue.Before(end) && openOn(r, end):
		lp.DaysLate = end.Sub(r.DecisionDue)
	default:
		return LateProcedure{}, false
	}
	proto, ok := r.Protocol.Publishable()
	if !ok {
		proto = Withheld
	}
	lp.Protocol = proto
	return lp, true
}

// openOn reports whether r was still with the office at the end of day:
// not withdrawn, transferred or closed by then.
func openOn(r *access.Request, day deadline.Date) bool {
	for _, d := range []deadline.Date{r.Withdrawn, r.Closed} {
		if !d.IsZero() && !d.After(day) {
			return false
		}
	}
	return r.State != access.StateTransferred || r.Forwarded == nil || r.Forwarded.Date.After(day)
}

// substituteHeadings are the CSV columns of a SubstituteReport.
var substituteHeadings = []string{"Protocollo", "Tipologia", "Struttura", "Data di presentazione", "Termine",
	"Data del provvedimento", "Giorni di ritardo", "Potere sostitutivo attivato", "Deciso dal titolare"}

// WriteCSV writes the procedures, one a row (UTF-8, RFC 4180, the
// separator and BOM of o, text cells neutralised against formula
// injection).
func (s SubstituteReport) WriteCSV(w io.Writer, o CSVOptions) error {
	c, _, err := o.open(w)
	if err != nil {
		return err
	}
	for _, h := range substituteHeadings {
		c.field(h)
	}
	c.end()
	for _, p := range s.Procedures {
		c.field(p.Protocol)
		c.field(p.Kind.Italian())
		c.field(p.Office)
		c.date(p.Received)
		c.date(p.Due)
		c.date(p.Decided)
		c.number(strconv.Itoa(p.DaysLate))
		c.field(yesNo(p.SubstituteAsked))
		c.field(yesNo(p.BySubstitute))
		c.end()
	}
	return c.w.Flush()
}

// WriteMarkdown writes the report for the governing body: the source, the
// counts by kind and office, then the procedures.
func (s SubstituteReport) WriteMarkdown(w io.Writer) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "# Procedimenti conclusi oltre il termine nel %d\n\n", s.Year)
	fmt.Fprintf(b, "Relazione del titolare del potere sostitutivo all'organo di governo, da comunicare entro il %s (%s).\n\n",
		s.Due.Italian(), mdEscape(s.Source.String()))
	if len(s.Procedures) == 0 {
		b.WriteString("Nessun procedimento oltre il termine.\n")
		return b.Flush()
	}
	b.WriteString("## Per tipologia e struttura\n\n")
	b.WriteString("| Tipologia | Struttura | Conclusi oltre il termine | Pendenti oltre il termine al 31/12 | Giorni di ritardo | Ritardo massimo | Decisi dal titolare |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|\n")
	for _, g := range s.Groups {
		fmt.Fprintf(b, "| %s | %s | %d | %d | %d | %d | %d |\n", mdEscape(g.Kind.Italian()), mdEscape(orDash(g.Office)),
			g.ConcludedLate, g.PendingLate, g.DaysLate, g.MaxDaysLate, g.BySubstitute)
	}
	b.WriteString("\n## Procedimenti\n\n")
	b.WriteString("| Protocollo | Tipologia | Struttura | Presentazione | Termine | Provvedimento | Giorni di ritardo |\n")
	b.WriteString("|---|---|---|---|---|---|---:|\n")
	for _, p := range s.Procedures {
		decided := "pendente al 31/12"
		if !p.Decided.IsZero() {
			decided = p.Decided.Italian()
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %d |\n", mdEscape(p.Protocol), mdEscape(p.Kind.Italian()), mdEscape(orDash(p.Office)),
			p.Received.Italian(), p.Due.Italian(), decided, p.DaysLate)
	}
	return b.Flush()
}
