// Package ical writes an office's deadlines as an iCalendar feed (RFC 5545),
// so that an officer can subscribe to them in any calendar program: one
// all-day event per binding deadline, on the day it expires, with the
// explanation of how that day was computed.
//
// # What the feed holds
//
// Write reads Event values: a deadline.Deadline and the public labels of the
// case it belongs to (kind of procedure, protocol number, office). It writes
// a VEVENT for each event whose deadline is binding and not yet met:
//
//   - DTSTART;VALUE=DATE is the due date, a civil date of Europe/Rome, and
//     DTEND;VALUE=DATE the day after: an all-day event, with no time and
//     hence no VTIMEZONE, that shows on the same day in every zone;
//   - SUMMARY is "<deadline>: <kind> <protocol> (<office>)", built only from
//     those labels, which carry no personal data (the applicant's name and
//     words never reach this package);
//   - DESCRIPTION is the explanation step by step, one line per step
//     (deadline.Explanation.String), citations included;
//   - UID is a hash of the case key (the history ID, or the protocol number),
//     of the deadline's Code and Name and of its rank among equal ones, "@"
//     the domain of Options: the same deadline keeps its UID when its date
//     moves (a suspension), so a calendar program updates the event instead
//     of adding one;
//   - DTSTAMP is Options.Stamp: the package never reads the clock, so the
//     same inputs give the same bytes.
//
// Binding reports which deadlines are binding, from the strength the
// procedure gave the term (deadline.Term.Strength): a Binding term is in
// the feed, a Guidance one (a term no provision sets: the orientative
// term to ask for a review of civic access, the 30 days to go to the
// difensore civico on civic access, applied by analogy, an office's
// internal dates) is not. A term its procedure left Ungraded is binding
// when the provision that sets it is an act (Term.Source.Act is not
// empty) and not a policy choice (Confidence law.Policy): so the terms
// set by law or by a regulation are in the feed (the answer to a popular
// petition, the answer to an interrogazione of the Assemblea Capitolina),
// while those the library or the office chooses are not (the answer terms
// of complaints, from the service charters, and the default term of a
// Municipio whose regolamento the library does not know).
//
// # Format
//
// Text values are escaped as RFC 5545 §3.3.11 asks (backslash, semicolon,
// comma, and line breaks as "\n"); control characters other than line breaks
// and tabs, which TEXT cannot carry, are dropped, and invalid UTF-8 becomes
// U+FFFD. Lines are folded at 75 octets (§3.1) without splitting a UTF-8
// sequence, and end with CRLF. The tests parse every feed back with an
// independent iCalendar parser.
package ical

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/law"
)

// DefaultProdID is the PRODID of a feed whose Options leave it empty.
const DefaultProdID = "-//Punto di Ascolto//ascolto scadenze//IT"

// ErrInvalidOptions reports Options that cannot make a valid feed: no
// domain, a domain that is not a plain host name, or no stamp.
var ErrInvalidOptions = errors.New("ical: invalid options")

// ErrNoKey reports an event whose case has neither a Key nor a Protocol, so
// that no stable UID can be derived for it.
var ErrNoKey = errors.New("ical: event without a case key or protocol")

// Case is the public label of the case a deadline belongs to.
type Case struct {
	// Key identifies the case for the UID, typically its history ID. It is
	// hashed, never written; when empty, Protocol is used instead.
	Key string
	// Kind is the kind of procedure as an officer reads it:
	// "Accesso civico generalizzato", "Interrogazione a risposta scritta".
	Kind string
	// Protocol is the protocol number of the case: "RA/2026/0001000".
	Protocol string
	// Office is the name of the competent office.
	Office string
}

// Event is one deadline of one case: what Write turns into a VEVENT.
type Event struct {
	Case     Case
	Deadline deadline.Deadline
}

// Options configures a feed.
type Options struct {
	// Domain follows "@" in every UID: the domain of the administration
	// that publishes the feed, e.g. "comune.roma.it". Required.
	Domain string
	// Stamp is the DTSTAMP of every event: the instant the feed speaks as
	// of, given by the caller (it is written in UTC). Required.
	Stamp time.Time
	// Name is the calendar's display name (NAME, RFC 7986, and
	// X-WR-CALNAME); empty writes neither.
	Name string
	// ProdID is the PRODID; empty means DefaultProdID.
	ProdID string
}

func (o Options) check() error {
	if o.Stamp.IsZero() {
		return fmt.Errorf("%w: no stamp", ErrInvalidOptions)
	}
	if o.Domain == "" || strings.ContainsFunc(o.Domain, func(r rune) bool {
		return !(r == '.' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) {
		return fmt.Errorf("%w: domain %q is not a host name", ErrInvalidOptions, o.Domain)
	}
	return nil
}

// Binding reports whether d is a binding deadline, one the feed lists: its
// term's strength is deadline.Binding or, left Ungraded, its term is set
// by an act (Term.Source.Act is not empty) and not by a policy choice
// (law.Policy). See the package documentation.
func Binding(d deadline.Deadline) bool {
	switch d.Strength() {
	case deadline.Binding:
		return true
	case deadline.Guidance:
		return false
	}
	src := d.Explanation.Term.Source
	return src.Act != "" && src.Confidence != law.Policy
}

// Write writes the feed of the binding deadlines among events that are not
// yet met (Deadline.Met is zero) and have a due date, in the order events
// yields them. It stops at the first error events yields, or at an event
// without a key (ErrNoKey); what was written until then is not a complete
// calendar.
func Write(w io.Writer, events iter.Seq2[Event, error], o Options) error {
	if err := o.check(); err != nil {
		return err
	}
	b := bufio.NewWriter(w)
	l := lineWriter{w: b}
	l.prop("BEGIN", "VCALENDAR")
	l.prop("VERSION", "2.0")
	l.prop("PRODID", Escape(orDefault(o.ProdID, DefaultProdID)))
	l.prop("CALSCALE", "GREGORIAN")
	l.prop("METHOD", "PUBLISH")
	if o.Name != "" {
		l.prop("NAME", Escape(o.Name))
		l.prop("X-WR-CALNAME", Escape(o.Name))
	}
	stamp := o.Stamp.UTC().Format("20060102T150405Z")
	seen := map[string]int{}
	for e, err := range events {
		if err != nil {
			return err
		}
		d := e.Deadline
		if !d.Met.IsZero() || d.Due.IsZero() || !Binding(d) {
			continue
		}
		key := e.Case.Key
		if key == "" {
			key = e.Case.Protocol
		}
		if key == "" {
			return fmt.Errorf("%w: deadline %q", ErrNoKey, d.Name)
		}
		id := key + "\x00" + d.Code + "\x00" + d.Name
		seen[id]++
		l.event(e, uid(id, seen[id], o.Domain), stamp)
	}
	l.prop("END", "VCALENDAR")
	if l.err != nil {
		return l.err
	}
	return b.Flush()
}

// uid hashes the identity of a deadline and its rank among equal ones.
func uid(id string, rank int, domain string) string {
	h := sha256.Sum256([]byte(id + "\x00" + strconv.Itoa(rank)))
	return hex.EncodeToString(h[:16]) + "@" + domain
}

// Summary returns the SUMMARY of e, before escaping:
// "decisione: Accesso civico generalizzato RA/2026/0001000 (Ufficio X)".
func Summary(e Event) string {
	var b strings.Builder
	b.WriteString(e.Deadline.Name)
	b.WriteString(":")
	for _, s := range []string{e.Case.Kind, e.Case.Protocol} {
		if s != "" {
			b.WriteString(" ")
			b.WriteString(s)
		}
	}
	if e.Case.Office != "" {
		b.WriteString(" (")
		b.WriteString(e.Case.Office)
		b.WriteString(")")
	}
	return b.String()
}

func (l *lineWriter) event(e Event, uid, stamp string) {
	d := e.Deadline
	l.prop("BEGIN", "VEVENT")
	l.prop("UID", Escape(uid))
	l.prop("DTSTAMP", stamp)
	l.prop("DTSTART;VALUE=DATE", basic(d.Due))
	l.prop("DTEND;VALUE=DATE", basic(d.Due.AddDays(1)))
	l.prop("SUMMARY", Escape(Summary(e)))
	l.prop("DESCRIPTION", Escape(d.Explanation.String()))
	l.prop("TRANSP", "TRANSPARENT")
	l.prop("END", "VEVENT")
}

// basic formats a date in the basic ISO 8601 form DATE values use.
func basic(d deadline.Date) string {
	return strings.ReplaceAll(d.String(), "-", "")
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Escape returns s as an RFC 5545 TEXT value (§3.3.11): backslash,
// semicolon and comma escaped with a backslash, every line break (CRLF, LF
// or a lone CR) as "\n"; other control characters but the tab, which TEXT
// cannot carry, are dropped, and invalid UTF-8 becomes U+FFFD.
func Escape(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString(`\n`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteByte(c)
		default:
			if c < 0x20 || c == 0x7f {
				continue
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// lineWriter writes content lines folded at 75 octets, keeping the first
// error.
type lineWriter struct {
	w   *bufio.Writer
	err error
}

// maxLine is the longest content line in octets, CRLF excluded (§3.1).
const maxLine = 75

func (l *lineWriter) prop(name, value string) {
	if l.err != nil {
		return
	}
	line := name + ":" + value
	width := maxLine
	for len(line) > width {
		cut := width
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		l.write(line[:cut], "\r\n ")
		line = line[cut:]
		width = maxLine - 1 // the leading space counts
	}
	l.write(line, "\r\n")
}

func (l *lineWriter) write(s, end string) {
	if l.err != nil {
		return
	}
	if _, err := l.w.WriteString(s); err != nil {
		l.err = err
		return
	}
	_, l.err = l.w.WriteString(end)
}
