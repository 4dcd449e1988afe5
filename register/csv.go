package register

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"

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
}

// ErrInvalidOptions is returned for a separator other than ',' or ';'.
var ErrInvalidOptions = errors.New("register: invalid options")

type column struct {
	heading string
	value   func(e *Entry, date func(deadline.Date) string) string
}

func yesNo(b bool) string {
	if b {
		return "sì"
	}
	return "no"
}

// columns are the register's CSV columns, in order, with the headings of
// Circolare FP 2/2017 All. 3 §4 for its three blocks.
var columns = []column{
	{"Tipologia di accesso", func(e *Entry, _ func(deadline.Date) string) string { return KindLabel(e.Kind, e.Informal) }},
	{"Numero di protocollo", func(e *Entry, _ func(deadline.Date) string) string { return e.Protocol }},
	{"Data di protocollo", func(e *Entry, d func(deadline.Date) string) string { return d(e.ProtocolDate) }},
	{"Data di presentazione", func(e *Entry, d func(deadline.Date) string) string { return d(e.Filed) }},
	{"Oggetto della richiesta", func(e *Entry, _ func(deadline.Date) string) string { return e.Subject }},
	{"Struttura competente", func(e *Entry, _ func(deadline.Date) string) string { return e.Office }},
	{"Canale di presentazione", func(e *Entry, _ func(deadline.Date) string) string { return e.Channel }},
	{"Presenza di controinteressati", func(e *Entry, _ func(deadline.Date) string) string { return yesNo(e.CounterInterested) }},
	{"Trasferita", func(e *Entry, _ func(deadline.Date) string) string {
		if e.Forwarded == "" {
			return "no"
		}
		return "sì: " + e.Forwarded
	}},
	{"Esito", func(e *Entry, _ func(deadline.Date) string) string { return e.Outcome }},
	{"Data del provvedimento", func(e *Entry, d func(deadline.Date) string) string { return d(e.Decided) }},
	{"Sintesi della motivazione", func(e *Entry, _ func(deadline.Date) string) string { return e.Reasons }},
	{"Riesame - Data di presentazione", func(e *Entry, d func(deadline.Date) string) string {
		if e.Review == nil {
			return ""
		}
		return d(e.Review.Filed)
	}},
	{"Riesame - Esito", func(e *Entry, _ func(deadline.Date) string) string {
		if e.Review == nil {
			return ""
		}
		return e.Review.Outcome
	}},
	{"Riesame - Data del provvedimento", func(e *Entry, d func(deadline.Date) string) string {
		if e.Review == nil {
			return ""
		}
		return d(e.Review.Decided)
	}},
	{"Riesame - Sintesi della motivazione", func(e *Entry, _ func(deadline.Date) string) string {
		if e.Review == nil {
			return ""
		}
		return e.Review.Reasons
	}},
	{"Difensore civico - Data di presentazione", func(e *Entry, d func(deadline.Date) string) string {
		if e.Ombudsman == nil {
			return ""
		}
		return d(e.Ombudsman.Filed)
	}},
	{"Difensore civico - Esito", func(e *Entry, _ func(deadline.Date) string) string {
		if e.Ombudsman == nil {
			return ""
		}
		return e.Ombudsman.Outcome
	}},
	{"Difensore civico - Data dell'esito", func(e *Entry, d func(deadline.Date) string) string {
		if e.Ombudsman == nil {
			return ""
		}
		return d(e.Ombudsman.Decided)
	}},
	{"Ricorso giudice amministrativo - Data di presentazione", func(e *Entry, d func(deadline.Date) string) string {
		if e.Appeal == nil {
			return ""
		}
		return d(e.Appeal.Filed)
	}},
	{"Ricorso giudice amministrativo - Data di comunicazione del provvedimento all'amministrazione", func(e *Entry, d func(deadline.Date) string) string {
		if e.Appeal == nil {
			return ""
		}
		return d(e.Appeal.Decided)
	}},
	{"Ricorso giudice amministrativo - Esito", func(e *Entry, _ func(deadline.Date) string) string {
		if e.Appeal == nil {
			return ""
		}
		return e.Appeal.Outcome
	}},
	{"Data di chiusura", func(e *Entry, d func(deadline.Date) string) string { return d(e.Closed) }},
}

// Headings returns the register's CSV column headings, in order.
func Headings() []string {
	out := make([]string, len(columns))
	for i, c := range columns {
		out[i] = c.heading
	}
	return out
}

// WriteCSV writes the register as CSV (UTF-8, Italian headings, RFC 4180
// quoting, CRLF line ends unless o.LF) one row at a time as rows yields them: memory
// does not grow with the number of rows. It stops at the first error of rows
// or of w.
func WriteCSV(w io.Writer, rows iter.Seq2[Entry, error], o CSVOptions) error {
	comma := o.Comma
	if comma == 0 {
		comma = ','
	}
	if comma != ',' && comma != ';' {
		return fmt.Errorf("%w: separator %q (use ',' or ';')", ErrInvalidOptions, comma)
	}
	date := func(d deadline.Date) string {
		if d.IsZero() {
			return ""
		}
		if o.ISODates {
			return d.String()
		}
		return d.Italian()
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if o.BOM {
		if _, err := bw.WriteString("\uFEFF"); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(bw)
	cw.Comma, cw.UseCRLF = comma, !o.LF
	if err := cw.Write(Headings()); err != nil {
		return err
	}
	rec := make([]string, len(columns))
	for e, err := range rows {
		if err != nil {
			return err
		}
		for i, c := range columns {
			rec[i] = c.value(&e, date)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteJSON writes the register as a JSON document {"periodo": {...},
// "richieste": [...]}, streaming one row at a time; dates are ISO 8601 and
// absent dates null.
func WriteJSON(w io.Writer, p Period, rows iter.Seq2[Entry, error]) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	head, err := json.Marshal(struct {
		From        deadline.Date `json:"dal"`
		To          deadline.Date `json:"al"`
		Description string        `json:"descrizione"`
	}{p.From, p.To, p.String()})
	if err != nil {
		return err
	}
	fmt.Fprintf(bw, "{\"periodo\":%s,\"richieste\":[", head)
	first := true
	for e, err := range rows {
		if err != nil {
			return err
		}
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
	bw.WriteString("\n]}\n")
	return bw.Flush()
}
