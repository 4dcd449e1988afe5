package register

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"

	"github.com/puntodiascolto/ascolto/deadline"
)

// CSVOptions shape the CSV file.
type CSVOptions struct {
	// Comma is the field separator: ',' (the default, RFC 4180) or ';' (what
	// spreadsheets in the Italian locale expect).
	Comma rune
	// BOM writes a UTF-8 byte order mark first, so that spreadsheet programs
	// read the accents right.
	BOM bool
	// ISODates writes dates as 2026-03-31 instead of 31/03/2026.
	ISODates bool
	// LF ends lines with "\n" instead of RFC 4180's "\r\n".
	LF bool
	// Anchor, when set, receives the anchor of the rows written (see
	// Anchor): the CSV has no room for it, so the office publishes it
	// beside the file.
	Anchor *Anchor
}

// ErrInvalidOptions is returned for a separator other than ',' or ';'.
var ErrInvalidOptions = errors.New("register: invalid options")

// Headings returns the register's CSV column headings, in order: the
// request, review and court blocks of Circolare FP 2/2017 All. 3 §4 with the
// additions published registers carry, and the difensore civico's block.
func Headings() []string {
	return []string{
		"Tipologia di accesso",
		"Numero di protocollo",
		"Data di protocollo",
		"Data di presentazione",
		"Oggetto della richiesta",
		"Struttura competente",
		"Canale di presentazione",
		"Presenza di controinteressati",
		"Trasferita",
		"Esito",
		"Data del provvedimento",
		"Sintesi della motivazione",
		"Riesame - Data di presentazione",
		"Riesame - Esito",
		"Riesame - Data del provvedimento",
		"Riesame - Sintesi della motivazione",
		"Difensore civico - Data di presentazione",
		"Difensore civico - Esito",
		"Difensore civico - Data dell'esito",
		"Ricorso giudice amministrativo - Data di presentazione",
		"Ricorso giudice amministrativo - Data di comunicazione del provvedimento all'amministrazione",
		"Ricorso giudice amministrativo - Esito",
		"Data di chiusura",
	}
}

// csvOut writes RFC 4180 records straight into a buffered writer, without
// allocating per field.
type csvOut struct {
	w     *bufio.Writer
	comma byte
	crlf  bool
	iso   bool
	first bool
	buf   []byte
}

func (c *csvOut) sep() {
	if !c.first {
		c.w.WriteByte(c.comma)
	}
	c.first = false
}

// field writes the text s, neutralised against formula injection
// (Neutralise) and quoted when it holds either separator, a quote, a line
// break or surrounding spaces (RFC 4180 §2.6-2.7), or when it was
// neutralised.
func (c *csvOut) field(s string) {
	c.sep()
	if s == "" {
		return
	}
	quote := false
	if formula(s) {
		s, quote = "'"+s, true
	}
	c.quoted(s, quote)
}

// number writes a figure the library computed (a count, a share, a mean):
// never the text of a person, so never neutralised, even with a sign.
func (c *csvOut) number(s string) {
	c.sep()
	c.quoted(s, false)
}

// quoted writes s, quoted when quote is set or s needs it.
func (c *csvOut) quoted(s string, quote bool) {
	if s == "" {
		return
	}
	quote = quote || s[0] == ' ' || s[0] == '\t' || s[len(s)-1] == ' '
	for i := 0; i < len(s) && !quote; i++ {
		switch s[i] {
		case c.comma, ',', ';', '"', '\r', '\n':
			quote = true
		}
	}
	if !quote {
		c.w.WriteString(s)
		return
	}
	c.w.WriteByte('"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		c.w.WriteString(s[:i+1])
		c.w.WriteByte('"')
		s = s[i+1:]
	}
	c.w.WriteString(s)
	c.w.WriteByte('"')
}

// Neutralise returns the text of a CSV cell as the library writes it, safe
// from formula injection (OWASP, "CSV Injection"): a cell a spreadsheet
// would read as a formula, one starting with '=', '+', '-', '@', a tab or a
// carriage return (or, after leading spaces and line breaks, with one of
// the first four or their full-width forms), gets a single quote in front,
// which spreadsheets read as "this cell is text"; the writers also quote
// it. Every text cell of WriteCSV and Report.WriteCSV passes through it:
// subjects, protocol numbers, office names, outcomes, reasons, labels.
// Dates and the figures the library computes (counts, shares, means) do
// not: they are never a person's text, and a spreadsheet must read them as
// numbers.
func Neutralise(s string) string {
	if formula(s) {
		return "'" + s
	}
	return s
}

// formula reports whether a spreadsheet could read s as a formula.
func formula(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == '\t' || s[0] == '\r' {
		return true
	}
	t := strings.TrimLeft(s, " \t\r\n\u00a0\u3000")
	if t == "" {
		return false
	}
	switch t[0] {
	case '=', '+', '-', '@':
		return true
	}
	for _, p := range []string{"\uff1d", "\uff0b", "\uff0d", "\uff20"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

func (c *csvOut) date(d deadline.Date) {
	c.sep()
	if d.IsZero() {
		return
	}
	y, m, dd := d.Date()
	b := c.buf[:0]
	if c.iso {
		b = strconv.AppendInt(b, int64(y), 10)
		b = append(b, '-', byte('0'+int(m)/10), byte('0'+int(m)%10), '-', byte('0'+dd/10), byte('0'+dd%10))
	} else {
		b = append(b, byte('0'+dd/10), byte('0'+dd%10), '/', byte('0'+int(m)/10), byte('0'+int(m)%10), '/')
		b = strconv.AppendInt(b, int64(y), 10)
	}
	c.buf = b
	c.w.Write(b)
}

func (c *csvOut) end() {
	if c.crlf {
		c.w.WriteByte('\r')
	}
	c.w.WriteByte('\n')
	c.first = true
}

func yesNo(b bool) string {
	if b {
		return "sì"
	}
	return "no"
}

// row writes e in the order of Headings.
func (c *csvOut) row(e *Entry) {
	kind := e.Kind.Italian()
	if e.Informal {
		kind = KindLabel(e.Kind, true)
	}
	c.field(kind)
	c.field(e.Protocol)
	c.date(e.ProtocolDate)
	c.date(e.Filed)
	c.field(e.Subject)
	c.field(e.Office)
	c.field(e.Channel)
	c.field(yesNo(e.CounterInterested))
	if e.Forwarded == "" {
		c.field("no")
	} else {
		c.field("sì: " + e.Forwarded)
	}
	c.field(e.Outcome)
	c.date(e.Decided)
	c.field(e.Reasons)
	if v := e.Review; v != nil {
		c.date(v.Filed)
		c.field(v.Outcome)
		c.date(v.Decided)
		c.field(v.Reasons)
	} else {
		c.field("")
		c.field("")
		c.field("")
		c.field("")
	}
	if o := e.Ombudsman; o != nil {
		c.date(o.Filed)
		c.field(o.Outcome)
		c.date(o.Decided)
	} else {
		c.field("")
		c.field("")
		c.field("")
	}
	if a := e.Appeal; a != nil {
		c.date(a.Filed)
		c.date(a.Communicated)
		c.field(a.Outcome)
	} else {
		c.field("")
		c.field("")
		c.field("")
	}
	c.date(e.Closed)
	c.end()
}

// WriteCSV writes the register as CSV (UTF-8, Italian headings, RFC 4180
// quoting, CRLF line ends unless o.LF, every text cell neutralised against
// formula injection: see Neutralise) one row at a time as rows yields
// them: memory does not grow with the number of rows. It stops at the first
// error of rows or of w.
func WriteCSV(w io.Writer, rows iter.Seq2[Entry, error], o CSVOptions) error {
	c, ew, err := o.open(w)
	if err != nil {
		return err
	}
	var d anchoring
	defer func() {
		if o.Anchor != nil {
			*o.Anchor = d.anchor()
		}
	}()
	for _, h := range Headings() {
		c.field(h)
	}
	c.end()
	for e, err := range rows {
		if err != nil {
			return err
		}
		c.row(&e)
		d.add(e)
		if ew.err != nil {
			return ew.err
		}
	}
	return c.w.Flush()
}

// open checks o and returns the writer of a CSV file on w, with the BOM
// already written when o asks for it.
func (o CSVOptions) open(w io.Writer) (*csvOut, *errWriter, error) {
	comma := o.Comma
	if comma == 0 {
		comma = ','
	}
	if comma != ',' && comma != ';' {
		return nil, nil, fmt.Errorf("%w: separator %q (use ',' or ';')", ErrInvalidOptions, comma)
	}
	ew := &errWriter{w: w}
	bw := bufio.NewWriterSize(ew, 64<<10)
	if o.BOM {
		bw.WriteString("\uFEFF")
	}
	return &csvOut{w: bw, comma: byte(comma), crlf: !o.LF, iso: o.ISODates, first: true, buf: make([]byte, 0, 16)}, ew, nil
}

// errWriter remembers the first error of w, so that a writer that fails
// stops the export at once.
type errWriter struct {
	w   io.Writer
	err error
}

// Write writes to the underlying writer until it fails once.
func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// WriteJSON writes the register as a JSON document {"periodo": {...},
// "richieste": [...], "fonte": {...}}, streaming one row at a time; dates
// are ISO 8601 and absent dates null. "fonte" is the rows' Anchor: how many
// histories the file was built from and the digest of their heads.
func WriteJSON(w io.Writer, p Period, rows iter.Seq2[Entry, error]) error {
	return WriteJSONAsOf(w, p, deadline.Date{}, rows)
}

// WriteJSONAsOf is WriteJSON stating the day the register speaks as of
// ("datiAl", after "periodo"): the Options.Today the rows were built with,
// an input and never the clock, so the same inputs give the same bytes. A
// zero asOf leaves it out, as WriteJSON does.
func WriteJSONAsOf(w io.Writer, p Period, asOf deadline.Date, rows iter.Seq2[Entry, error]) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	head, err := json.Marshal(struct {
		From        deadline.Date `json:"dal"`
		To          deadline.Date `json:"al"`
		Description string        `json:"descrizione"`
	}{p.From, p.To, p.String()})
	if err != nil {
		return err
	}
	fmt.Fprintf(bw, "{\"periodo\":%s,", head)
	if !asOf.IsZero() {
		fmt.Fprintf(bw, "\"datiAl\":\"%s\",", asOf)
	}
	bw.WriteString("\"richieste\":[")
	first := true
	var d anchoring
	for e, err := range rows {
		if err != nil {
			return err
		}
		d.add(e)
		b, err := json.Marshal(e)
		if err != nil {
			return err
		}
		if !first {
			bw.WriteByte(',')
		}
		first = false
		bw.WriteString("\n")
		bw.Write(b)
	}
	src, err := json.Marshal(d.anchor())
	if err != nil {
		return err
	}
	fmt.Fprintf(bw, "\n],\"fonte\":%s}\n", src)
	return bw.Flush()
}
