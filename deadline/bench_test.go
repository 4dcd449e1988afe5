package deadline

import (
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/law"
	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/it"
)

// benchStarts are random start days from 1990 to 2100, the same for every
// benchmark (fixed seed); benchMask indexes them.
const benchMask = 1<<12 - 1

var benchStarts = func() []Date {
	r := rand.New(rand.NewPCG(2026, 10))
	lo, hi := MustDate(1990, 1, 1), MustDate(2100, 12, 31)
	out := make([]Date, benchMask+1)
	for i := range out {
		out[i] = lo.AddDays(r.IntN(hi.Sub(lo) + 1))
	}
	return out
}()

var (
	sinkDate Date
	sinkBool bool
	sinkTime time.Time
	sinkX    Explanation
)

// BenchmarkExpiryAdministrative30 is the fast path: the plain expiry of a
// 30-day administrative term on Rome's calendar.
func BenchmarkExpiryAdministrative30(b *testing.B) {
	c, t := Rome(), Term{Length: 30, Kind: Administrative}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		d, err := c.Expiry(benchStarts[i&benchMask], t)
		if err != nil {
			b.Fatal(err)
		}
		sinkDate = d
	}
}

// BenchmarkExpiryCourt30: the same for a court term (August suspension,
// Saturday extension).
func BenchmarkExpiryCourt30(b *testing.B) {
	c, t := Rome(), Term{Length: 30, Kind: Court}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		d, err := c.Expiry(benchStarts[i&benchMask], t)
		if err != nil {
			b.Fatal(err)
		}
		sinkDate = d
	}
}

// BenchmarkBaselineRickarCal30 is the baseline the fast path is compared
// with: add 30 days to a time.Time and roll forward over Sundays and the
// holidays of rickar/cal/v2's Italian calendar (cal/v2/it), using its
// BusinessCalendar.IsHoliday. Note that this baseline is also less correct:
// it has no 4 October, no 29 June for Rome and no history.
func BenchmarkBaselineRickarCal30(b *testing.B) {
	bc := cal.NewBusinessCalendar()
	bc.AddHoliday(it.Holidays...)
	starts := make([]time.Time, len(benchStarts))
	for i, d := range benchStarts {
		starts[i] = d.Time(time.UTC)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		t := starts[i&benchMask].AddDate(0, 0, 30)
		for {
			if act, _, _ := bc.IsHoliday(t); !act && t.Weekday() != time.Sunday {
				break
			}
			t = t.AddDate(0, 0, 1)
		}
		sinkTime = t
	}
}

// BenchmarkIsHoliday: "is this day a holiday" on Rome's calendar.
func BenchmarkIsHoliday(b *testing.B) {
	c := Rome()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkBool = c.IsHoliday(benchStarts[i&benchMask])
	}
}

// BenchmarkIsHolidayRickarCal: the same question to rickar/cal/v2.
func BenchmarkIsHolidayRickarCal(b *testing.B) {
	bc := cal.NewBusinessCalendar()
	bc.AddHoliday(it.Holidays...)
	starts := make([]time.Time, len(benchStarts))
	for i, d := range benchStarts {
		starts[i] = d.Time(time.UTC)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		act, _, _ := bc.IsHoliday(starts[i&benchMask])
		sinkBool = act
	}
}

// BenchmarkExplain: the explained computation of a 30-day administrative
// term with one suspension.
func BenchmarkExplain(b *testing.B) {
	c := Rome()
	t := Term{Name: "conclusione del procedimento", Length: 30, Source: law.Cite("D.Lgs. 33/2013", "5", "6")}
	src := law.Cite("D.Lgs. 33/2013", "5", "5")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		s := benchStarts[i&benchMask]
		x, err := c.Explain(Spec{Start: s, Term: t, Suspensions: []Suspension{{From: s.AddDays(3), To: s.AddDays(10), Source: src}}})
		if err != nil {
			b.Fatal(err)
		}
		sinkX = x
	}
}

// BenchmarkExplainCourt30: the explained computation of a 30-day court term.
func BenchmarkExplainCourt30(b *testing.B) {
	c := Rome()
	t := Term{Name: "ricorso", Length: 30, Kind: Court, Source: law.Cite("c.p.a.", "116", "1")}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		x, err := c.Explain(Spec{Start: benchStarts[i&benchMask], Term: t})
		if err != nil {
			b.Fatal(err)
		}
		sinkX = x
	}
}

// BenchmarkComputeSuspension: Compute (no steps) with one suspension.
func BenchmarkComputeSuspension(b *testing.B) {
	c := Rome()
	t := Term{Length: 30}
	sus := make([]Suspension, 1)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		s := benchStarts[i&benchMask]
		sus[0] = Suspension{From: s.AddDays(3), To: s.AddDays(10)}
		d, err := c.Compute(Spec{Start: s, Term: t, Suspensions: sus})
		if err != nil {
			b.Fatal(err)
		}
		sinkDate = d
	}
}

// BenchmarkExpiryMonths: a 6-month administrative term (not the fast path).
func BenchmarkExpiryMonths(b *testing.B) {
	c, t := Rome(), Term{Length: 6, Unit: Months}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		d, err := c.Expiry(benchStarts[i&benchMask], t)
		if err != nil {
			b.Fatal(err)
		}
		sinkDate = d
	}
}

// BenchmarkDateOf converts instants to Rome dates.
func BenchmarkDateOf(b *testing.B) {
	at := time.Date(2026, 3, 29, 23, 30, 0, 0, time.UTC)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkDate = DateOf(at.Add(time.Duration(i&benchMask) * time.Hour))
	}
}

// BenchmarkParseDate parses both forms.
func BenchmarkParseDate(b *testing.B) {
	in := []string{"2026-10-04", "04/10/2026"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		d, err := ParseDate(in[i&1])
		if err != nil {
			b.Fatal(err)
		}
		sinkDate = d
	}
}

// BenchmarkCalendarBuild builds a calendar with an office closure and
// reports the bytes of its day tables (table-bytes) and the heap it
// allocates (B/op).
func BenchmarkCalendarBuild(b *testing.B) {
	var c *Calendar
	b.ReportAllocs()
	for b.Loop() {
		c = New("Milano", nationalHolidays(), []Holiday{patron("Sant'Ambrogio", time.December, 7)})
	}
	b.ReportMetric(float64(c.Size()), "table-bytes")
}

// TestCalendarTableMemory reports the memory of the day tables: from Size,
// and from the heap grown by building one calendar.
func TestCalendarTableMemory(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	c := New("Milano", nationalHolidays(), []Holiday{patron("Sant'Ambrogio", time.December, 7)})
	runtime.ReadMemStats(&after)
	years := tableLastYear - tableFirstYear + 1
	t.Logf("day tables %d-%d (%d years, %d days): %d bytes per table; Italy %d B, Rome %d B, Milano (with closures) %d B; heap allocated building Milano: %d B",
		tableFirstYear, tableLastYear, years, tableDays, 8*tableLen, Italy().Size(), Rome().Size(), c.Size(), after.TotalAlloc-before.TotalAlloc)
	if Rome().Size() != 2*8*tableLen || c.Size() != 3*8*tableLen {
		t.Fatalf("unexpected table sizes: Rome %d, Milano %d", Rome().Size(), c.Size())
	}
	runtime.KeepAlive(c)
}
