package ical_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/deadline/ical"
	"github.com/puntodiascolto/ascolto/internal/golden"
	"github.com/puntodiascolto/ascolto/law"
)

var stamp = time.Date(2026, time.March, 31, 18, 0, 0, 0, time.UTC)

func opts() ical.Options {
	return ical.Options{Domain: "comune.roma.it", Stamp: stamp, Name: "Scadenze - Ufficio Punto di Ascolto"}
}

// civicDecision is the decision term of a generalised civic access request
// filed on 2 March 2026 and suspended 7 days for a counter-interested party.
func civicDecision(t *testing.T) deadline.Deadline {
	t.Helper()
	x, err := deadline.Rome().Explain(deadline.Spec{
		Start: deadline.MustDate(2026, time.March, 2),
		Term: deadline.Term{Name: "conclusione del procedimento", Length: 30, Unit: deadline.Days,
			Kind: deadline.Administrative, Source: law.Cite("D.Lgs. 33/2013", "5", "6")},
		Suspensions: []deadline.Suspension{{From: deadline.MustDate(2026, time.March, 5), To: deadline.MustDate(2026, time.March, 12),
			Reason: "notifica ai controinteressati", Source: law.Cite("D.Lgs. 33/2013", "5", "5")}},
	})
	require.NoError(t, err)
	return deadline.Deadline{Name: "decisione", Code: "decision", Due: x.Due, Explanation: x}
}

// hostileText has everything TEXT must escape or fold: commas, semicolons,
// backslashes, line breaks of every kind, emoji, accents and a 300-character
// line of multi-byte characters.
var hostileText = "Passo 1, con virgole; punti e virgola; \\ barre \\n finte\r\nriga CRLF\rriga CR\n" +
	"emoji 🏛️⚖️📅 e accenti: perché città però\n" + strings.Repeat("è", 150) + strings.Repeat("x;", 75) + "\tfine"

func handMade(name, code string, due deadline.Date, src law.Citation, text string) deadline.Deadline {
	x := deadline.Explanation{Start: due.AddDays(-30), Due: due, Term: deadline.Term{Name: name, Source: src},
		Steps: []deadline.Step{{Action: deadline.ActionDue, To: due, Text: text}}}
	return deadline.Deadline{Name: name, Code: code, Due: due, Explanation: x}
}

func events(t *testing.T) []ical.Event {
	t.Helper()
	acc := ical.Case{Key: "acc-0001", Kind: "Accesso civico generalizzato", Protocol: "RA/2026/0001000", Office: "Dipartimento Mobilità"}
	met := civicDecision(t)
	met.Met = deadline.MustDate(2026, time.April, 1)
	due := deadline.MustDate(2026, time.May, 4)
	return []ical.Event{
		{Case: acc, Deadline: civicDecision(t)},
		{Case: acc, Deadline: met}, // met: not listed
		{Case: ical.Case{Protocol: "RQ/2026/2500", Kind: "Interrogazione a risposta scritta", Office: "Assemblea Capitolina"},
			Deadline: handMade("risposta", "answer", due, law.Cite("Statuto Roma Capitale", "31", ""), hostileText)},
		{Case: acc, Deadline: handMade("termine interno", "internal", due, law.Citation{Note: "scelta dell'ufficio", Confidence: law.Policy}, "interno")}, // policy: not listed
		{Case: acc, Deadline: handMade("riesame", "review", deadline.Date{}, law.Cite("D.Lgs. 33/2013", "5", "7"), "senza data")},                         // no date: not listed
		{Case: acc, Deadline: handMade("ricorso", "appeal", due, law.Cite("c.p.a.", "116", "1"), "primo")},
		{Case: acc, Deadline: handMade("ricorso", "appeal", due.AddDays(30), law.Cite("c.p.a.", "116", "1"), "secondo")},
	}
}

func write(t *testing.T, evs []ical.Event, o ical.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, ical.Write(&b, seq(evs), o))
	return b.Bytes()
}

func seq(evs []ical.Event) func(func(ical.Event, error) bool) {
	return func(yield func(ical.Event, error) bool) {
		for _, e := range evs {
			if !yield(e, nil) {
				return
			}
		}
	}
}

func parse(t *testing.T, feed []byte) []goical.Event {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(feed)).Decode()
	require.NoError(t, err)
	require.Equal(t, "2.0", cal.Props.Get(goical.PropVersion).Value)
	return cal.Events()
}

// TestRFC5545_ParsedBack parses the feed with an independent iCalendar
// parser: one event per binding, open, dated deadline, all-day on its due
// date, with stable distinct UIDs and the explanation as description.
func TestRFC5545_ParsedBack(t *testing.T) {
	evs := events(t)
	feed := write(t, evs, opts())
	got := parse(t, feed)
	want := []ical.Event{evs[0], evs[2], evs[5], evs[6]}
	require.Len(t, got, len(want))
	uids := map[string]bool{}
	for i, ev := range got {
		w := want[i]
		start := ev.Props.Get(goical.PropDateTimeStart)
		require.Equal(t, goical.ValueDate, start.ValueType(), "DTSTART is a DATE")
		require.Equal(t, strings.ReplaceAll(w.Deadline.Due.String(), "-", ""), start.Value)
		end, err := ev.Props.Get(goical.PropDateTimeEnd).DateTime(time.UTC)
		require.NoError(t, err)
		require.Equal(t, w.Deadline.Due.AddDays(1), deadline.DateOf(end.Add(12*time.Hour)), "one all-day event")
		desc, err := ev.Props.Text(goical.PropDescription)
		require.NoError(t, err)
		require.Equal(t, normalise(w.Deadline.Explanation.String()), desc)
		sum, err := ev.Props.Text(goical.PropSummary)
		require.NoError(t, err)
		require.Equal(t, ical.Summary(w), sum)
		uid, err := ev.Props.Text(goical.PropUID)
		require.NoError(t, err)
		require.True(t, strings.HasSuffix(uid, "@comune.roma.it"), uid)
		require.False(t, uids[uid], "UIDs are distinct")
		uids[uid] = true
		st, err := ev.Props.DateTime(goical.PropDateTimeStamp, time.UTC)
		require.NoError(t, err)
		require.True(t, st.Equal(stamp))
	}
	require.Contains(t, got[0].Props.Get(goical.PropDescription).Value, `(art. 5 c. 6 D.Lgs. 33/2013)`)
	require.Equal(t, "20260408", got[0].Props.Get(goical.PropDateTimeStart).Value, "the suspended term")
}

// TestRFC5545_Lines checks the wire format the parser forgives: CRLF line
// ends, lines of at most 75 octets, no UTF-8 sequence split by a fold.
func TestRFC5545_Lines(t *testing.T) {
	feed := write(t, events(t), opts())
	checkLines(t, feed)
	require.True(t, bytes.HasPrefix(feed, []byte("BEGIN:VCALENDAR\r\n")))
	require.True(t, bytes.HasSuffix(feed, []byte("END:VCALENDAR\r\n")))
	require.Contains(t, string(feed), "PRODID:"+ical.DefaultProdID)
	require.NotContains(t, string(feed), "VTIMEZONE", "all-day events need no zone")
}

func checkLines(t *testing.T, feed []byte) {
	t.Helper()
	require.True(t, bytes.HasSuffix(feed, []byte("\r\n")))
	for i, line := range bytes.Split(bytes.TrimSuffix(feed, []byte("\r\n")), []byte("\r\n")) {
		require.LessOrEqual(t, len(line), 75, "line %d: %q", i, line)
		require.True(t, utf8.Valid(line), "line %d splits a UTF-8 sequence: %q", i, line)
		require.NotContains(t, string(line), "\r", "line %d", i)
		require.NotContains(t, string(line), "\n", "line %d", i)
	}
}

// TestStableUID: the same deadline keeps its UID when its date moves, and
// the same inputs give the same bytes.
func TestStableUID(t *testing.T) {
	evs := events(t)
	a := write(t, evs, opts())
	require.Equal(t, a, write(t, events(t), opts()), "same inputs, same bytes")
	moved := slices.Clone(evs)
	moved[0].Deadline.Due = moved[0].Deadline.Due.AddDays(10)
	uidOf := func(feed []byte) string {
		v, err := parse(t, feed)[0].Props.Text(goical.PropUID)
		require.NoError(t, err)
		return v
	}
	require.Equal(t, uidOf(a), uidOf(write(t, moved, opts())))
	other := slices.Clone(evs)
	other[0].Case.Key = "acc-0002"
	require.NotEqual(t, uidOf(a), uidOf(write(t, other, opts())))
}

// TestGolden keeps the whole feed under review: go test -update rewrites it.
func TestGolden(t *testing.T) {
	golden.Assert(t, "scadenze.ics", write(t, events(t), opts()))
}

func TestWriteErrors(t *testing.T) {
	for _, o := range []ical.Options{{Stamp: stamp}, {Domain: "comune.roma.it"}, {Domain: "x@y", Stamp: stamp}, {Domain: "a b", Stamp: stamp}} {
		require.ErrorIs(t, ical.Write(&bytes.Buffer{}, seq(events(t)), o), ical.ErrInvalidOptions, "%+v", o)
	}
	keyless := []ical.Event{{Deadline: civicDecision(t)}}
	require.ErrorIs(t, ical.Write(&bytes.Buffer{}, seq(keyless), opts()), ical.ErrNoKey)
	boom := errors.New("store unavailable")
	failing := func(yield func(ical.Event, error) bool) { yield(ical.Event{}, boom) }
	require.ErrorIs(t, ical.Write(&bytes.Buffer{}, failing, opts()), boom)
}

// normalise is what a TEXT value can carry of s: line breaks as LF, no
// control characters but the tab, valid UTF-8.
func normalise(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// FuzzEscapeFold: any description, summary label and calendar name survive
// escaping and folding, parsed back by an independent parser, and every
// line stays within 75 octets without splitting UTF-8.
func FuzzEscapeFold(f *testing.F) {
	for _, s := range []string{"", hostileText, "\\", ";,\\n", "a\r", "\r\n\r\n", strings.Repeat("🏛", 80), "\x00\x1f\x7f", "\xff\xfe", "é" + strings.Repeat("a", 73) + "é"} {
		f.Add(s, "Ufficio, Via Roma; 1")
	}
	f.Fuzz(func(t *testing.T, desc, office string) {
		due := deadline.MustDate(2026, time.June, 1)
		e := ical.Event{Case: ical.Case{Key: "k", Kind: "Petizione", Protocol: "RC/2026/1", Office: office},
			Deadline: handMade("risposta", "answer", due, law.Cite("Statuto Roma Capitale", "8", ""), desc)}
		o := opts()
		o.Name = desc
		var b bytes.Buffer
		require.NoError(t, ical.Write(&b, seq([]ical.Event{e}), o))
		checkLines(t, b.Bytes())
		cal, err := goical.NewDecoder(&b).Decode()
		require.NoError(t, err)
		evs := cal.Events()
		require.Len(t, evs, 1)
		got, err := evs[0].Props.Text(goical.PropDescription)
		require.NoError(t, err)
		require.Equal(t, normalise(desc), got)
		sum, err := evs[0].Props.Text(goical.PropSummary)
		require.NoError(t, err)
		require.Equal(t, normalise(ical.Summary(e)), sum)
		if desc != "" {
			name, err := cal.Props.Text("X-WR-CALNAME")
			require.NoError(t, err)
			require.Equal(t, normalise(desc), name)
		}
	})
}

// TestBinding_ReadsTheStrength: the feed lists a term by the strength its
// procedure gave it (issue 10); an ungraded term falls back on its source.
func TestBinding_ReadsTheStrength(t *testing.T) {
	law241 := law.Cite("L. 241/1990", "25", "4")
	faq := law.Citation{Note: "FAQ foia.gov.it", Confidence: law.Policy}
	for _, c := range []struct {
		name     string
		strength deadline.Strength
		src      law.Citation
		want     bool
	}{
		{"binding, set by law", deadline.Binding, law241, true},
		{"guidance, though citing a law by analogy", deadline.Guidance, law241.As(law.Policy), false},
		{"guidance, set by an act but graded so", deadline.Guidance, law241, false},
		{"binding, though its citation is a policy", deadline.Binding, faq, true},
		{"ungraded, set by law", deadline.Ungraded, law241, true},
		{"ungraded, a policy", deadline.Ungraded, faq, false},
	} {
		d := civicDecision(t)
		d.Explanation.Term.Strength, d.Explanation.Term.Source = c.strength, c.src
		require.Equal(t, c.want, ical.Binding(d), c.name)
	}
}
