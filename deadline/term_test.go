package deadline

import (
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/law"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Terms used by the tests, as the procedures will declare them.
var (
	citeFOIA30 = law.Cite("D.Lgs. 33/2013", "5", "6")
	citeFOIA5  = law.Cite("D.Lgs. 33/2013", "5", "5")
	admin30    = Term{Name: "conclusione del procedimento", Length: 30, Unit: Days, Kind: Administrative, Source: citeFOIA30}
	court30    = Term{Name: "ricorso al TAR", Length: 30, Unit: Days, Kind: Court, Source: law.Cite("c.p.a.", "116", "1")}
	d          = MustDate
)

// termCase is one hand-computed expiry: the weekday of the expected date
// is checked too, so that a wrong hand computation shows up.
type termCase struct {
	name    string
	cal     func() *Calendar
	spec    Spec
	want    Date
	weekday time.Weekday
}

func runTermCases(t *testing.T, cases []termCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := Rome()
			if tc.cal != nil {
				c = tc.cal()
			}
			require.Equal(t, tc.weekday, tc.want.Weekday(), "hand-computed weekday of %s", tc.want)
			got, err := c.Compute(tc.spec)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got, "Compute")
			x, err := c.Explain(tc.spec)
			require.NoError(t, err)
			assert.Equal(t, tc.want, x.Due, "Explain:\n%s", x)
			require.NotEmpty(t, x.Steps)
			assert.Equal(t, ActionDue, x.Steps[len(x.Steps)-1].Action)
			if len(tc.spec.Suspensions) == 0 && tc.spec.Restart == nil {
				got, err := c.Expiry(tc.spec.Start, tc.spec.Term)
				require.NoError(t, err)
				assert.Equal(t, tc.want, got, "Expiry")
			}
		})
	}
}

func milano() *Calendar {
	c, err := ForMunicipality("Milano")
	if err != nil {
		panic(err)
	}
	return c
}

// TestArt2963c2_DiesAQuoNonComputatur: the day of the event is not counted.
func TestArt2963c2_DiesAQuoNonComputatur(t *testing.T) {
	runTermCases(t, []termCase{
		{"30 days from Monday 2 March 2026", nil, Spec{Start: d(2026, 3, 2), Term: admin30}, d(2026, 4, 1), time.Wednesday},
		{"1 day from Friday ends on Saturday", nil, Spec{Start: d(2026, 3, 6), Term: Term{Length: 1}}, d(2026, 3, 7), time.Saturday},
		{"0 days ends on the day of the event", nil, Spec{Start: d(2026, 3, 4), Term: Term{Length: 0}}, d(2026, 3, 4), time.Wednesday},
		{"across a year end", nil, Spec{Start: d(2026, 12, 15), Term: admin30}, d(2027, 1, 14), time.Thursday},
	})
}

// TestArt2963c3_HolidayExtension: an expiry on a Sunday or holiday moves to
// the next day that is neither (art. 2963 c. 3 c.c.; art. 155 c. 4 c.p.c.).
func TestArt2963c3_HolidayExtension(t *testing.T) {
	runTermCases(t, []termCase{
		{"Sunday 8 March 2026 moves to Monday", nil, Spec{Start: d(2026, 2, 6), Term: admin30}, d(2026, 3, 9), time.Monday},
		{"Easter Monday 6 April 2026 moves to Tuesday", nil, Spec{Start: d(2026, 3, 7), Term: admin30}, d(2026, 4, 7), time.Tuesday},
		{"Easter Sunday then Easter Monday", nil, Spec{Start: d(2026, 3, 6), Term: admin30}, d(2026, 4, 7), time.Tuesday},
		{"4 October 2027 is a Monday and a holiday (L. 151/2025)", nil, Spec{Start: d(2027, 9, 4), Term: admin30}, d(2027, 10, 5), time.Tuesday},
		{"4 October 2026 is a Sunday", nil, Spec{Start: d(2026, 9, 4), Term: admin30}, d(2026, 10, 5), time.Monday},
		{"4 October 2025 was a working Saturday", nil, Spec{Start: d(2025, 9, 4), Term: admin30}, d(2025, 10, 4), time.Saturday},
		{"29 June 2026 in Rome (DPR 792/1985)", nil, Spec{Start: d(2026, 5, 30), Term: admin30}, d(2026, 6, 30), time.Tuesday},
		{"29 June 2026 in Milan is an ordinary Monday", milano, Spec{Start: d(2026, 5, 30), Term: admin30}, d(2026, 6, 29), time.Monday},
		{"29 June 2026 nationally", Italy, Spec{Start: d(2026, 5, 30), Term: admin30}, d(2026, 6, 29), time.Monday},
		{"Sant'Ambrogio closes Milan's offices but does not move terms", milano, Spec{Start: d(2026, 11, 7), Term: admin30}, d(2026, 12, 7), time.Monday},
		{"Christmas, Santo Stefano on Saturday, Sunday", nil, Spec{Start: d(2026, 11, 25), Term: admin30}, d(2026, 12, 28), time.Monday},
		{"17 March 2011, 150th anniversary of Unification (D.L. 5/2011)", nil, Spec{Start: d(2011, 2, 15), Term: admin30}, d(2011, 3, 18), time.Friday},
		{"17 March 2010 was a working day", nil, Spec{Start: d(2010, 2, 15), Term: admin30}, d(2010, 3, 17), time.Wednesday},
		{"6 January 1984 was a working day (L. 54/1977)", nil, Spec{Start: d(1983, 12, 7), Term: admin30}, d(1984, 1, 6), time.Friday},
		{"6 January 1986 is a holiday again (DPR 792/1985)", nil, Spec{Start: d(1985, 12, 7), Term: admin30}, d(1986, 1, 7), time.Tuesday},
		{"2 June 2000 was a working Friday (L. 54/1977)", nil, Spec{Start: d(2000, 5, 3), Term: admin30}, d(2000, 6, 2), time.Friday},
		{"2 June 2001 is a holiday again, on a Saturday (L. 336/2000)", nil, Spec{Start: d(2001, 5, 3), Term: admin30}, d(2001, 6, 4), time.Monday},
		{"2 June 2026 is a Tuesday", nil, Spec{Start: d(2026, 5, 3), Term: admin30}, d(2026, 6, 3), time.Wednesday},
		{"Ferragosto 2027 is a Sunday, the 16th a Monday", nil, Spec{Start: d(2027, 7, 16), Term: admin30}, d(2027, 8, 16), time.Monday},
	})
}

// TestArt2963c3_ExtensionCitations: a court term's extension cites art.
// 155 c. 4 c.p.c. and art. 52 c. 3 c.p.a.; an administrative term's cites
// art. 2963 c. 3 c.c. and art. 155 c. 4 c.p.c. with a Secondary note that
// they apply to it as a general principle (RULES.md §1.4 [S]).
func TestArt2963c3_ExtensionCitations(t *testing.T) {
	cc := law.Citation{Act: "c.c.", Article: "2963", Comma: "3"}
	cpc := law.Citation{Act: "c.p.c.", Article: "155", Comma: "4"}
	cpa := law.Citation{Act: "c.p.a.", Article: "52", Comma: "3"}
	principle := law.Citation{Note: "principio generale applicato ai termini del procedimento amministrativo", Confidence: law.Secondary}
	extension := func(t *testing.T, term Term) Step {
		t.Helper()
		// 30 days from 4 September 2027 end on Monday 4 October, a holiday.
		x, err := Rome().Explain(Spec{Start: d(2027, 9, 4), Term: term})
		require.NoError(t, err)
		require.Len(t, x.Steps, 4, "%s", x)
		require.Equal(t, ActionExtension, x.Steps[2].Action)
		return x.Steps[2]
	}
	adm := extension(t, admin30)
	assert.Equal(t, []law.Citation{cc, cpc, principle}, adm.Sources)
	assert.Equal(t, law.Secondary, adm.Sources[2].Confidence)
	assert.Contains(t, adm.Text, "(art. 2963 c. 3 c.c.; art. 155 c. 4 c.p.c.; principio generale applicato ai termini del procedimento amministrativo) → 05/10/2027")
	court := extension(t, court30)
	assert.Equal(t, []law.Citation{cpc, cpa}, court.Sources)
	assert.Contains(t, court.Text, "prorogato al primo giorno non festivo (art. 155 c. 4 c.p.c.; art. 52 c. 3 c.p.a.) → 05/10/2027")
}

// TestConsStV3152_2011_SaturdayDoesNotMoveAdministrativeTerms.
func TestConsStV3152_2011_SaturdayDoesNotMoveAdministrativeTerms(t *testing.T) {
	runTermCases(t, []termCase{
		{"administrative term ends on Saturday 7 March 2026", nil, Spec{Start: d(2026, 2, 5), Term: admin30}, d(2026, 3, 7), time.Saturday},
		{"unless the term's rules say otherwise", nil, Spec{Start: d(2026, 2, 5), Term: Term{Length: 30, Rules: &Rules{HolidayExtension: true, SaturdayExtension: true}}}, d(2026, 3, 9), time.Monday},
	})
	x, err := Rome().Explain(Spec{Start: d(2026, 2, 5), Term: admin30})
	require.NoError(t, err)
	assert.Contains(t, x.String(), "07/03/2026 è sabato: il sabato non proroga i termini del procedimento amministrativo (Cons. St. V 3152/2011)")
}

// TestArt155c5_SaturdayExtendsCourtTerms: court terms expiring on a
// Saturday move to the next working day, since 1 March 2006 (art. 155 c. 5
// c.p.c.; art. 52 c. 5 c.p.a.).
func TestArt155c5_SaturdayExtendsCourtTerms(t *testing.T) {
	runTermCases(t, []termCase{
		{"Saturday 7 March 2026 moves to Monday 9", nil, Spec{Start: d(2026, 2, 5), Term: court30}, d(2026, 3, 9), time.Monday},
		{"Saturday 4 March 2006, after the rule, moves", nil, Spec{Start: d(2006, 2, 2), Term: court30}, d(2006, 3, 6), time.Monday},
		{"Saturday 5 March 2005, before the rule, does not move", nil, Spec{Start: d(2005, 2, 3), Term: court30}, d(2005, 3, 5), time.Saturday},
		{"Santo Stefano 2026 on Saturday, then Sunday", nil, Spec{Start: d(2026, 11, 26), Term: court30}, d(2026, 12, 28), time.Monday},
		{"Saturday 2 June 2001 before the rule: holiday, then Sunday", nil, Spec{Start: d(2001, 5, 3), Term: court30}, d(2001, 6, 4), time.Monday},
	})
}

// TestL742_1969Art1_AugustSuspension: court terms do not run from 1 to 31
// August (1 August-15 September until 2014); a term whose start falls in
// the period starts after it, the first day counting as day 1; a term
// running into it resumes on 1 September. Administrative terms never stop
// (Cons. St. V 854/2024).
func TestL742_1969Art1_AugustSuspension(t *testing.T) {
	runTermCases(t, []termCase{
		{"court term from 20 July 2026 resumes on 1 September, ends Saturday 19, moves to Monday", nil, Spec{Start: d(2026, 7, 20), Term: court30}, d(2026, 9, 21), time.Monday},
		{"the same administrative term runs through August", nil, Spec{Start: d(2026, 7, 20), Term: admin30}, d(2026, 8, 19), time.Wednesday},
		{"court term starting on 10 August 2026: 1 September is day 1 (Ad. Plen. 4/2016)", nil, Spec{Start: d(2026, 8, 10), Term: court30}, d(2026, 9, 30), time.Wednesday},
		{"event on 31 July: 1 September is day 1", nil, Spec{Start: d(2026, 7, 31), Term: court30}, d(2026, 9, 30), time.Wednesday},
		{"event on 31 August: 1 September is day 1", nil, Spec{Start: d(2026, 8, 31), Term: court30}, d(2026, 9, 30), time.Wednesday},
		{"event on 1 September: ordinary count", nil, Spec{Start: d(2026, 9, 1), Term: court30}, d(2026, 10, 1), time.Thursday},
		{"60 days from 15 June 2026 skip August", nil, Spec{Start: d(2026, 6, 15), Term: Term{Length: 60, Kind: Court}}, d(2026, 9, 14), time.Monday},
		{"2014: suspension until 15 September, 16 September is day 1", nil, Spec{Start: d(2014, 8, 10), Term: court30}, d(2014, 10, 15), time.Wednesday},
		{"2014: term from 20 July resumes on 16 September, ends on Saturday 4 October", nil, Spec{Start: d(2014, 7, 20), Term: court30}, d(2014, 10, 6), time.Monday},
		{"2 months from 15 June 2026: the 31 August days are added", nil, Spec{Start: d(2026, 6, 15), Term: Term{Length: 2, Unit: Months, Kind: Court}}, d(2026, 9, 15), time.Tuesday},
		{"6 months from 10 August 2026 count from 1 September: 28 February 2027 is a Sunday", nil, Spec{Start: d(2026, 8, 10), Term: Term{Length: 6, Unit: Months, Kind: Court}}, d(2027, 3, 1), time.Monday},
		{"1 year from 15 July 2026 crosses two Augusts (Cass. III 16549/2012)", nil, Spec{Start: d(2026, 7, 15), Term: Term{Length: 1, Unit: Years, Kind: Court}}, d(2027, 9, 15), time.Wednesday},
		{"court term without the August rule", nil, Spec{Start: d(2026, 7, 20), Term: Term{Length: 30, Kind: Court, Rules: &Rules{HolidayExtension: true, SaturdayExtension: true}}}, d(2026, 8, 19), time.Wednesday},
	})
}

// TestArt54c2CPA_AugustCitations: the August suspension of a court term
// cites L. 742/1969 art. 1, D.L. 132/2014 art. 16 c. 1 from 2015 and art. 54
// c. 2 c.p.a. from 2011 (in force 16 September 2010); a term starting in the
// suspension also cites Cons. St. Ad. Plen. 4/2016 and 18/2016 [T] and Cass.
// II 688/2006 [S].
func TestArt54c2CPA_AugustCitations(t *testing.T) {
	feriale := law.Citation{Act: "L. 742/1969", Article: "1", URN: "urn:nir:stato:legge:1969-10-07;742"}
	dl132 := law.Citation{Act: "D.L. 132/2014", Article: "16", Comma: "1", URN: "urn:nir:stato:decreto.legge:2014-09-12;132"}
	cpa := law.Citation{Act: "c.p.a.", Article: "54", Comma: "2"}
	adPlen := law.Citation{Note: "Cons. St. Ad. Plen. 4/2016 e 18/2016", Confidence: law.Text}
	cass := law.Citation{Note: "Cass. II 688/2006", Confidence: law.Secondary}
	tests := []struct {
		name   string
		start  Date
		action Action
		cites  []law.Citation
	}{
		{"2026: 1-31 August", d(2026, 7, 20), ActionPause, []law.Citation{feriale, dl132, cpa}},
		{"2012: 1 August-15 September, c.p.a. in force", d(2012, 7, 20), ActionPause, []law.Citation{feriale, cpa}},
		{"2009: before the c.p.a.", d(2009, 7, 20), ActionPause, []law.Citation{feriale}},
		{"2026: start in August", d(2026, 8, 10), ActionDeferredStart, []law.Citation{feriale, dl132, cpa, adPlen, cass}},
		{"2009: start in August", d(2009, 8, 10), ActionDeferredStart, []law.Citation{feriale, adPlen, cass}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := Rome().Explain(Spec{Start: tt.start, Term: court30})
			require.NoError(t, err)
			var found bool
			for _, s := range x.Steps {
				if s.Action == tt.action {
					found = true
					assert.Equal(t, tt.cites, s.Sources, "%s", x)
				}
			}
			assert.True(t, found, "no %s step:\n%s", tt.action, x)
		})
	}
}

// TestArt2963c4_MonthsAndYears: same-numbered day of the final month, or its
// last day (art. 2963 c. 4-5 c.c.; art. 155 c. 2 c.p.c.).
func TestArt2963c4_MonthsAndYears(t *testing.T) {
	month := Term{Length: 1, Unit: Months}
	runTermCases(t, []termCase{
		{"31 January 2026 + 1 month = Saturday 28 February", nil, Spec{Start: d(2026, 1, 31), Term: month}, d(2026, 2, 28), time.Saturday},
		{"31 January 2024 + 1 month = 29 February (leap year)", nil, Spec{Start: d(2024, 1, 31), Term: month}, d(2024, 2, 29), time.Thursday},
		{"31 January 2026 + 1 month, court term: Saturday moves", nil, Spec{Start: d(2026, 1, 31), Term: Term{Length: 1, Unit: Months, Kind: Court}}, d(2026, 3, 2), time.Monday},
		{"29 February 2024 + 1 year = 28 February 2025", nil, Spec{Start: d(2024, 2, 29), Term: Term{Length: 1, Unit: Years}}, d(2025, 2, 28), time.Friday},
		{"6 months from 4 April 2027 end on 4 October, a holiday", nil, Spec{Start: d(2027, 4, 4), Term: Term{Length: 6, Unit: Months}}, d(2027, 10, 5), time.Tuesday},
		{"3 years from 2 March 2026", nil, Spec{Start: d(2026, 3, 2), Term: Term{Length: 3, Unit: Years}}, d(2029, 3, 2), time.Friday},
	})
}

// TestArt2963c5_MonthTermCitations: the count step of a month or year term
// cites the comma it applied: c. 4 (same-numbered day) or c. 5 (the last day
// of a final month without that day), and art. 155 c. 2 c.p.c. for court
// terms (RULES.md §1.3).
func TestArt2963c5_MonthTermCitations(t *testing.T) {
	c4 := law.Citation{Act: "c.c.", Article: "2963", Comma: "4"}
	c5 := law.Citation{Act: "c.c.", Article: "2963", Comma: "5"}
	cpc := law.Citation{Act: "c.p.c.", Article: "155", Comma: "2"}
	src := law.Cite("L. 241/1990", "2", "3")
	tests := []struct {
		name  string
		spec  Spec
		text  string
		cites []law.Citation
	}{
		{"31 January 2026 + 1 month: c. 5", Spec{Start: d(2026, 1, 31), Term: Term{Length: 1, Unit: Months}},
			"1 mese (art. 2963 c. 5 c.c.) dal 31/01/2026: il mese di scadenza non ha il giorno 31, il termine si compie con il suo ultimo giorno → 28/02/2026",
			[]law.Citation{c5}},
		{"2 March 2026 + 3 months: c. 4", Spec{Start: d(2026, 3, 2), Term: Term{Name: "conclusione", Length: 3, Unit: Months, Source: src}},
			"conclusione: 3 mesi (art. 2 c. 3 L. 241/1990; art. 2963 c. 4 c.c.) dal 02/03/2026 → 02/06/2026",
			[]law.Citation{src, c4}},
		{"29 February 2024 + 1 year: c. 5", Spec{Start: d(2024, 2, 29), Term: Term{Length: 1, Unit: Years}},
			"1 anno (art. 2963 c. 5 c.c.) dal 29/02/2024: il mese di scadenza non ha il giorno 29, il termine si compie con il suo ultimo giorno → 28/02/2025",
			[]law.Citation{c5}},
		{"court term, 31 January 2026 + 1 month: c. 5 and art. 155 c. 2 c.p.c.", Spec{Start: d(2026, 1, 31), Term: Term{Length: 1, Unit: Months, Kind: Court}},
			"1 mese (art. 2963 c. 5 c.c.; art. 155 c. 2 c.p.c.) dal 31/01/2026: il mese di scadenza non ha il giorno 31, il termine si compie con il suo ultimo giorno → 28/02/2026",
			[]law.Citation{c5, cpc}},
		{"court term, 3 years from 2 March 2026: c. 4 and art. 155 c. 2 c.p.c.", Spec{Start: d(2026, 3, 2), Term: Term{Length: 3, Unit: Years, Kind: Court}},
			"3 anni (art. 2963 c. 4 c.c.; art. 155 c. 2 c.p.c.) dal 02/03/2026 → 02/03/2029",
			[]law.Citation{c4, cpc}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := Rome().Explain(tt.spec)
			require.NoError(t, err)
			require.GreaterOrEqual(t, len(x.Steps), 2)
			count := x.Steps[1]
			require.Equal(t, ActionCount, count.Action, "%s", x)
			assert.Equal(t, tt.text, count.Text)
			assert.Equal(t, tt.cites, count.Sources)
		})
	}
}

// TestRULES1_2_WorkingDays: days that are not holidays nor Saturdays count;
// the working week is Monday to Friday by default [P].
func TestRULES1_2_WorkingDays(t *testing.T) {
	wd := Term{Length: 5, Unit: WorkingDays}
	runTermCases(t, []termCase{
		{"5 working days from Friday 3 April 2026 skip Easter Monday", nil, Spec{Start: d(2026, 4, 3), Term: wd}, d(2026, 4, 13), time.Monday},
		{"with Saturday as a working day", nil, Spec{Start: d(2026, 4, 3), Term: Term{Length: 5, Unit: WorkingDays, Rules: &Rules{HolidayExtension: true, SaturdayWorking: true}}}, d(2026, 4, 10), time.Friday},
		{"Sant'Ambrogio is an office closure and still counts in Milan", milano, Spec{Start: d(2026, 12, 3), Term: wd}, d(2026, 12, 11), time.Friday},
		{"0 working days from Easter Sunday", nil, Spec{Start: d(2026, 4, 5), Term: Term{Length: 0, Unit: WorkingDays}}, d(2026, 4, 7), time.Tuesday},
	})
}

// TestRULES1_7_Suspension: a suspension from A to B adds B−A days, at most
// Cap; then the holiday extension applies.
func TestRULES1_7_Suspension(t *testing.T) {
	susp := func(from, to Date, cap int) Suspension {
		return Suspension{From: from, To: to, Cap: cap, Reason: "notifica ai controinteressati", Source: citeFOIA5}
	}
	runTermCases(t, []termCase{
		{"7 days of suspension (art. 5 c. 5 D.Lgs. 33/2013)", nil, Spec{Start: d(2026, 3, 2), Term: admin30, Suspensions: []Suspension{susp(d(2026, 3, 5), d(2026, 3, 12), 0)}}, d(2026, 4, 8), time.Wednesday},
		{"15 days capped at 10 (art. 5 c. 7 D.Lgs. 33/2013)", nil, Spec{Start: d(2026, 3, 3), Term: Term{Length: 20}, Suspensions: []Suspension{susp(d(2026, 3, 5), d(2026, 3, 20), 10)}}, d(2026, 4, 2), time.Thursday},
		{"4 days push the expiry onto Easter: extended", nil, Spec{Start: d(2026, 3, 2), Term: admin30, Suspensions: []Suspension{susp(d(2026, 3, 5), d(2026, 3, 9), 0)}}, d(2026, 4, 7), time.Tuesday},
		{"two suspensions, given out of order", nil, Spec{Start: d(2026, 3, 2), Term: admin30, Suspensions: []Suspension{susp(d(2026, 3, 20), d(2026, 3, 23), 0), susp(d(2026, 3, 5), d(2026, 3, 12), 0)}}, d(2026, 4, 11), time.Saturday},
		{"a suspension starting after the expiry has no effect", nil, Spec{Start: d(2026, 3, 2), Term: admin30, Suspensions: []Suspension{susp(d(2026, 4, 2), d(2026, 4, 10), 0)}}, d(2026, 4, 1), time.Wednesday},
		{"a suspension starting on the last day counts", nil, Spec{Start: d(2026, 3, 2), Term: admin30, Suspensions: []Suspension{susp(d(2026, 4, 1), d(2026, 4, 3), 0)}}, d(2026, 4, 3), time.Friday},
		{"an empty suspension adds nothing", nil, Spec{Start: d(2026, 3, 2), Term: admin30, Suspensions: []Suspension{susp(d(2026, 3, 5), d(2026, 3, 5), 0)}}, d(2026, 4, 1), time.Wednesday},
		{"a suspension of a court term does not count August", nil, Spec{Start: d(2026, 7, 1), Term: court30, Suspensions: []Suspension{susp(d(2026, 7, 10), d(2026, 7, 15), 0)}}, d(2026, 9, 7), time.Monday},
		{"working-day term: the paused working days are added", nil, Spec{Start: d(2026, 3, 2), Term: Term{Length: 10, Unit: WorkingDays}, Suspensions: []Suspension{susp(d(2026, 3, 4), d(2026, 3, 9), 0)}}, d(2026, 3, 19), time.Thursday},
	})
}

// TestDPR184_2006Art6c5_Restart: an interrupted term runs anew from the
// corrected request; suspensions before it no longer matter.
func TestDPR184_2006Art6c5_Restart(t *testing.T) {
	restart := &Restart{On: d(2026, 3, 9), Reason: "richiesta regolarizzata", Source: law.Cite("DPR 184/2006", "6", "5")}
	runTermCases(t, []termCase{
		{"30 days anew from 9 March 2026", nil, Spec{Start: d(2026, 3, 2), Term: admin30, Restart: restart}, d(2026, 4, 8), time.Wednesday},
		{"a suspension before the restart is absorbed", nil, Spec{Start: d(2026, 3, 2), Term: admin30, Restart: restart, Suspensions: []Suspension{{From: d(2026, 3, 3), To: d(2026, 3, 6)}}}, d(2026, 4, 8), time.Wednesday},
		{"a suspension across the restart counts from it", nil, Spec{Start: d(2026, 3, 2), Term: admin30, Restart: restart, Suspensions: []Suspension{{From: d(2026, 3, 3), To: d(2026, 3, 11)}}}, d(2026, 4, 10), time.Friday},
		{"restart on the day of the event", nil, Spec{Start: d(2026, 3, 2), Term: admin30, Restart: &Restart{On: d(2026, 3, 2)}}, d(2026, 4, 1), time.Wednesday},
	})
}

// TestRULES1_8_DilatoryTerm: "not before 15 days": allowed from the day
// after the 15th day, without holiday extension (art. 5 c. 6 D.Lgs. 33/2013).
func TestRULES1_8_DilatoryTerm(t *testing.T) {
	dil := Term{Name: "trasmissione dei dati al richiedente", Length: 15, Dilatory: true, Source: citeFOIA30}
	runTermCases(t, []termCase{
		{"receipt 2 March 2026: allowed from 18 March", nil, Spec{Start: d(2026, 3, 2), Term: dil}, d(2026, 3, 18), time.Wednesday},
		{"allowed from Easter Monday: no extension", nil, Spec{Start: d(2026, 3, 21), Term: dil}, d(2026, 4, 6), time.Monday},
		{"a dilatory term with a suspension", nil, Spec{Start: d(2026, 3, 2), Term: dil, Suspensions: []Suspension{{From: d(2026, 3, 10), To: d(2026, 3, 12)}}}, d(2026, 3, 20), time.Friday},
	})
}

// TestDL18_2020Art103_LegalSuspension: administrative terms did not run from
// 23 February to 15 May 2020; days inside do not count, a term starting
// inside starts after it; court terms are not affected by it.
func TestDL18_2020Art103_LegalSuspension(t *testing.T) {
	covid := func() *Calendar {
		c, err := Rome().WithSuspensions(LegalSuspension{
			From: d(2020, 2, 23), To: d(2020, 5, 15), Kind: Administrative,
			Name:   "sospensione dei termini amministrativi",
			Source: law.Cite("D.L. 18/2020", "103", "1").WithNote("prorogata dall'art. 37 D.L. 23/2020"),
		})
		if err != nil {
			panic(err)
		}
		return c
	}
	runTermCases(t, []termCase{
		{"term running across the period: 12 days before, 18 after, 2 June holiday", covid, Spec{Start: d(2020, 2, 10), Term: admin30}, d(2020, 6, 3), time.Wednesday},
		{"term starting inside starts on 16 May", covid, Spec{Start: d(2020, 3, 10), Term: admin30}, d(2020, 6, 15), time.Monday},
		{"court terms are not affected", covid, Spec{Start: d(2020, 3, 10), Term: court30}, d(2020, 4, 9), time.Thursday},
		{"the rule can be switched off per term", covid, Spec{Start: d(2020, 3, 10), Term: Term{Length: 30, Rules: &Rules{HolidayExtension: true}}}, d(2020, 4, 9), time.Thursday},
		{"a term ending before the period is not affected", covid, Spec{Start: d(2020, 1, 2), Term: admin30}, d(2020, 2, 1), time.Saturday},
		{"working days skip the period", covid, Spec{Start: d(2020, 2, 20), Term: Term{Length: 3, Unit: WorkingDays}}, d(2020, 5, 19), time.Tuesday},
	})
	x, err := covid().Explain(Spec{Start: d(2020, 3, 10), Term: admin30})
	require.NoError(t, err)
	assert.Equal(t, ActionDeferredStart, x.Steps[1].Action)
	assert.Contains(t, x.Steps[1].Text, "il termine decorre dal 16/05/2020")
}

// TestRULES1_9_DSTCrossing: an instant becomes a Rome date once; terms then
// count civil days, untouched by the change of hour.
func TestRULES1_9_DSTCrossing(t *testing.T) {
	spring := DateOf(time.Date(2026, 3, 29, 23, 30, 0, 0, time.UTC))
	springDST := DateOf(time.Date(2026, 3, 29, 22, 30, 0, 0, time.UTC))
	winter := DateOf(time.Date(2026, 3, 28, 22, 30, 0, 0, time.UTC))
	autumn := DateOf(time.Date(2026, 10, 24, 22, 30, 0, 0, time.UTC))
	runTermCases(t, []termCase{
		{"PEC at 23:30 UTC on 29 March 2026 is filed on 30 March", nil, Spec{Start: spring, Term: admin30}, d(2026, 4, 29), time.Wednesday},
		{"PEC at 22:30 UTC on 29 March 2026 is 00:30 CEST, filed on 30 March", nil, Spec{Start: springDST, Term: admin30}, d(2026, 4, 29), time.Wednesday},
		{"PEC at 22:30 UTC on 28 March 2026 is 23:30 CET, filed on 28 March", nil, Spec{Start: winter, Term: admin30}, d(2026, 4, 27), time.Monday},
		{"PEC at 22:30 UTC on 24 October 2026 is filed on 25 October", nil, Spec{Start: autumn, Term: admin30}, d(2026, 11, 24), time.Tuesday},
	})
}

func TestTermErrors(t *testing.T) {
	c := Rome()
	tests := []struct {
		name string
		spec Spec
		err  error
	}{
		{"no start", Spec{Term: admin30}, ErrInvalidTerm},
		{"negative length", Spec{Start: d(2026, 3, 2), Term: Term{Length: -1}}, ErrInvalidTerm},
		{"unknown unit", Spec{Start: d(2026, 3, 2), Term: Term{Length: 1, Unit: 9}}, ErrInvalidTerm},
		{"unknown kind", Spec{Start: d(2026, 3, 2), Term: Term{Length: 1, Kind: 7}}, ErrInvalidTerm},
		{"start before 1977", Spec{Start: d(1976, 12, 31), Term: admin30}, ErrOutOfRange},
		{"expiry after 9999", Spec{Start: d(9999, 12, 15), Term: admin30}, ErrOutOfRange},
		{"huge length", Spec{Start: d(2026, 3, 2), Term: Term{Length: 1 << 40}}, ErrOutOfRange},
		{"huge months", Spec{Start: d(2026, 3, 2), Term: Term{Length: 1 << 20, Unit: Months}}, ErrOutOfRange},
		{"huge years", Spec{Start: d(2026, 3, 2), Term: Term{Length: 1 << 20, Unit: Years}}, ErrOutOfRange},
		{"working days past 9999", Spec{Start: d(9999, 12, 1), Term: Term{Length: 30, Unit: WorkingDays}}, ErrOutOfRange},
		{"suspension ends before it starts", Spec{Start: d(2026, 3, 2), Term: admin30, Suspensions: []Suspension{{From: d(2026, 3, 10), To: d(2026, 3, 5)}}}, ErrInvalidSuspension},
		{"suspension before the term", Spec{Start: d(2026, 3, 2), Term: admin30, Suspensions: []Suspension{{From: d(2026, 3, 1), To: d(2026, 3, 5)}}}, ErrInvalidSuspension},
		{"suspension without dates", Spec{Start: d(2026, 3, 2), Term: admin30, Suspensions: []Suspension{{From: d(2026, 3, 3)}}}, ErrInvalidSuspension},
		{"negative cap", Spec{Start: d(2026, 3, 2), Term: admin30, Suspensions: []Suspension{{From: d(2026, 3, 3), To: d(2026, 3, 5), Cap: -1}}}, ErrInvalidSuspension},
		{"overlapping suspensions", Spec{Start: d(2026, 3, 2), Term: admin30, Suspensions: []Suspension{{From: d(2026, 3, 3), To: d(2026, 3, 8)}, {From: d(2026, 3, 5), To: d(2026, 3, 9)}}}, ErrInvalidSuspension},
		{"restart before the start", Spec{Start: d(2026, 3, 2), Term: admin30, Restart: &Restart{On: d(2026, 3, 1)}}, ErrInvalidRestart},
		{"restart without date", Spec{Start: d(2026, 3, 2), Term: admin30, Restart: &Restart{}}, ErrInvalidRestart},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.Compute(tt.spec)
			assert.ErrorIs(t, err, tt.err)
			assert.True(t, got.IsZero())
			x, err := c.Explain(tt.spec)
			assert.ErrorIs(t, err, tt.err)
			assert.Empty(t, x.Steps)
			if tt.spec.Restart == nil && len(tt.spec.Suspensions) == 0 {
				got, err := c.Expiry(tt.spec.Start, tt.spec.Term)
				assert.ErrorIs(t, err, tt.err)
				assert.True(t, got.IsZero())
			}
		})
	}
	// Many suspensions (more than the allocation-free buffer) still work.
	var many []Suspension
	for i := 0; i < 12; i++ {
		many = append(many, Suspension{From: d(2026, 3, 3+2*i), To: d(2026, 3, 4+2*i)})
	}
	got, err := c.Compute(Spec{Start: d(2026, 3, 2), Term: admin30, Suspensions: many})
	require.NoError(t, err)
	assert.Equal(t, d(2026, 4, 13), got)
}

func TestParseUnitAndKind(t *testing.T) {
	for in, want := range map[string]Unit{"giorni": Days, "Lavorativi": WorkingDays, "mesi": Months, "anni": Years, "days": Days, "working-days": WorkingDays} {
		u, err := ParseUnit(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, u)
	}
	_, err := ParseUnit("settimane")
	assert.ErrorIs(t, err, ErrInvalidTerm)
	for in, want := range map[string]Kind{"amministrativo": Administrative, "giurisdizionale": Court, "court": Court, "processuale": Court} {
		k, err := ParseKind(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, k)
	}
	_, err = ParseKind("penale")
	assert.ErrorIs(t, err, ErrInvalidTerm)
	assert.Equal(t, "giorni lavorativi", WorkingDays.String())
	assert.Equal(t, "Unit(9)", Unit(9).String())
	assert.Equal(t, "giurisdizionale", Court.String())
	assert.Equal(t, "Kind(9)", Kind(9).String())
	assert.Equal(t, Rules{HolidayExtension: true, LegalSuspensions: true}, DefaultRules(Administrative))
	assert.Equal(t, Rules{HolidayExtension: true, SaturdayExtension: true, AugustSuspension: true, LegalSuspensions: true}, DefaultRules(Court))
}

// TestExplanationText pins the Italian an officer reads.
func TestExplanationText(t *testing.T) {
	x, err := Rome().Explain(Spec{
		Start: d(2026, 3, 2),
		Term:  admin30,
		Suspensions: []Suspension{{From: d(2026, 3, 5), To: d(2026, 3, 12), Reason: "notifica ai controinteressati",
			Source: citeFOIA5}},
	})
	require.NoError(t, err)
	assert.Equal(t, d(2026, 4, 8), x.Due)
	assert.Equal(t, ""+
		"evento del 02/03/2026 (lunedì): il giorno dell'evento non si computa (art. 2963 c. 2 c.c.; art. 155 c. 1 c.p.c.)\n"+
		"conclusione del procedimento: 30 giorni (art. 5 c. 6 D.Lgs. 33/2013) dal 02/03/2026 → 01/04/2026\n"+
		"sospeso 7 giorni (art. 5 c. 5 D.Lgs. 33/2013), dal 05/03/2026 al 12/03/2026: notifica ai controinteressati → 08/04/2026\n"+
		"scadenza: mercoledì 08/04/2026", x.String())

	x, err = Rome().Explain(Spec{Start: d(2027, 9, 4), Term: admin30})
	require.NoError(t, err)
	assert.Equal(t, ""+
		"evento del 04/09/2027 (sabato): il giorno dell'evento non si computa (art. 2963 c. 2 c.c.; art. 155 c. 1 c.p.c.)\n"+
		"conclusione del procedimento: 30 giorni (art. 5 c. 6 D.Lgs. 33/2013) dal 04/09/2027 → 04/10/2027\n"+
		"04/10/2027 è lunedì, festivo: San Francesco d'Assisi (art. 1 c. 2 L. 151/2025): prorogato al primo giorno non festivo (art. 2963 c. 3 c.c.; art. 155 c. 4 c.p.c.; principio generale applicato ai termini del procedimento amministrativo) → 05/10/2027\n"+
		"scadenza: martedì 05/10/2027", x.String())

	x, err = Rome().Explain(Spec{Start: d(2026, 7, 20), Term: court30})
	require.NoError(t, err)
	assert.Equal(t, ""+
		"evento del 20/07/2026 (lunedì): il giorno dell'evento non si computa (art. 2963 c. 2 c.c.; art. 155 c. 1 c.p.c.)\n"+
		"ricorso al TAR: 30 giorni (art. 116 c. 1 c.p.a.) dal 20/07/2026 → 19/08/2026\n"+
		"sospensione feriale dal 01/08/2026 al 31/08/2026 (art. 1 L. 742/1969; art. 16 c. 1 D.L. 132/2014; art. 54 c. 2 c.p.a.): non si contano 31 giorni → 19/09/2026\n"+
		"19/09/2026 è sabato: prorogato al primo giorno che non sia festivo né sabato (art. 155 c. 5 c.p.c.; art. 52 c. 5 c.p.a.) → 21/09/2026\n"+
		"scadenza: lunedì 21/09/2026", x.String())

	x, err = Rome().Explain(Spec{Start: d(2026, 8, 10), Term: court30})
	require.NoError(t, err)
	assert.Equal(t, ""+
		"evento del 10/08/2026 (lunedì): il giorno dell'evento non si computa (art. 2963 c. 2 c.c.; art. 155 c. 1 c.p.c.)\n"+
		"il primo giorno da contare, 11/08/2026, cade nel periodo di sospensione feriale dal 01/08/2026 al 31/08/2026 (art. 1 L. 742/1969; art. 16 c. 1 D.L. 132/2014; art. 54 c. 2 c.p.a.): il termine decorre dal 01/09/2026, che conta come primo giorno (Cons. St. Ad. Plen. 4/2016 e 18/2016; Cass. II 688/2006); il conteggio parte quindi dal 31/08/2026, che non si computa, come il giorno dell'evento\n"+
		"ricorso al TAR: 30 giorni (art. 116 c. 1 c.p.a.) dal 31/08/2026 → 30/09/2026\n"+
		"scadenza: mercoledì 30/09/2026", x.String())

	for _, s := range x.Steps {
		assert.NotEmpty(t, s.Text)
		assert.Equal(t, s.Text, s.String())
		assert.NotEqual(t, "unknown", s.Action.String())
	}
}

// TestExplanationItalian: numeric dates take the unelided article and
// prepositions ("il 01/09/2026", "dal 11/08/2026"); a suspension's name reads
// after "nel periodo di"; a dilatory term ends with its first allowed day.
func TestExplanationItalian(t *testing.T) {
	covid, err := Italy().WithSuspensions(LegalSuspension{
		From: d(2020, 2, 23), To: d(2020, 5, 15), Kind: Administrative,
		Name: "emergenza COVID-19", Source: law.Cite("D.L. 18/2020", "103", "1"),
	})
	require.NoError(t, err)
	x, err := covid.Explain(Spec{Start: d(2020, 3, 10), Term: admin30})
	require.NoError(t, err)
	assert.Equal(t, "il primo giorno da contare, 11/03/2020, cade nel periodo di emergenza COVID-19 dal 23/02/2020 al 15/05/2020 (art. 103 c. 1 D.L. 18/2020): "+
		"il termine decorre dal 16/05/2020, che conta come primo giorno; il conteggio parte quindi dal 15/05/2020, che non si computa, come il giorno dell'evento", x.Steps[1].Text)
	assert.Equal(t, "conclusione del procedimento: 30 giorni (art. 5 c. 6 D.Lgs. 33/2013) dal 15/05/2020 → 14/06/2020", x.Steps[2].Text)

	x, err = Italy().Explain(Spec{Start: d(2026, 3, 21), Term: Term{Length: 15, Dilatory: true}})
	require.NoError(t, err)
	assert.Equal(t, "primo giorno consentito: lunedì 06/04/2026", x.Steps[len(x.Steps)-1].Text)

	// No elision before a numeric date, no article before a name, in any
	// step of a year of explanations of every kind.
	terms := []Term{admin30, court30, {Length: 1, Unit: Months, Kind: Court}, {Length: 10, Unit: WorkingDays}, {Length: 15, Dilatory: true}}
	for s := d(2026, 1, 1); s.Before(d(2027, 1, 1)); s = s.AddDays(1) {
		for _, term := range terms {
			x, err := covid.Explain(Spec{Start: s, Term: term, Suspensions: []Suspension{{From: s.AddDays(1), To: s.AddDays(8), Reason: "notifica ai controinteressati"}}})
			require.NoError(t, err)
			for _, st := range x.Steps {
				for _, bad := range []string{"l'0", "l'1", "l'8", "all'", "dall'", "dell'0", " nella ", "dal:"} {
					require.NotContains(t, st.Text, bad, "%s", x)
				}
			}
		}
	}
}

// TestExplainOwnsItsSteps: Explain reuses its scratch buffers, never the
// explanations it returned: texts and citations survive later calls, from
// any goroutine, and errors leave nothing behind.
func TestExplainOwnsItsSteps(t *testing.T) {
	c := Rome()
	specs := []Spec{
		{Start: d(2026, 8, 10), Term: court30},
		{Start: d(2027, 9, 4), Term: admin30},
		{Start: d(2026, 3, 2), Term: admin30, Suspensions: []Suspension{{From: d(2026, 3, 5), To: d(2026, 3, 12), Reason: "notifica ai controinteressati", Source: citeFOIA5}}},
		{Start: d(2026, 1, 31), Term: Term{Length: 1, Unit: Months, Kind: Court}},
	}
	want := make([]Explanation, len(specs))
	wantJSON := make([]string, len(specs))
	for i, s := range specs {
		x, err := c.Explain(s)
		require.NoError(t, err)
		b, err := json.Marshal(x)
		require.NoError(t, err)
		want[i], wantJSON[i] = x, string(b)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 200; n++ {
				i := (g + n) % len(specs)
				x, err := c.Explain(specs[i])
				if err != nil {
					t.Error(err)
					return
				}
				if b, _ := json.Marshal(x); string(b) != wantJSON[i] {
					t.Errorf("goroutine %d: explanation %d differs:\n%s", g, i, b)
					return
				}
				_, err = c.Explain(Spec{Term: admin30}) // an error in between
				if err == nil {
					t.Error("no error without a start")
					return
				}
			}
		}()
	}
	wg.Wait()
	for i, x := range want {
		b, err := json.Marshal(x)
		require.NoError(t, err)
		assert.Equal(t, wantJSON[i], string(b), "explanation %d changed after later calls", i)
	}
}

func TestTermJSON(t *testing.T) {
	in := Spec{Start: d(2026, 3, 2), Term: Term{Name: "riesame", Length: 20, Unit: Days, Kind: Administrative, Source: law.Cite("D.Lgs. 33/2013", "5", "7"),
		Rules: &Rules{HolidayExtension: true}}, Suspensions: []Suspension{{From: d(2026, 3, 5), To: d(2026, 3, 10), Cap: 10}},
		Restart: &Restart{On: d(2026, 3, 3)}}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"unit":"giorni"`)
	assert.Contains(t, string(b), `"kind":"amministrativo"`)
	var out Spec
	require.NoError(t, json.Unmarshal(b, &out))
	assert.Equal(t, in, out)
	for _, bad := range []string{`{"unit":"settimane"}`, `{"kind":"penale"}`} {
		var tm Term
		assert.ErrorIs(t, json.Unmarshal([]byte(bad), &tm), ErrInvalidTerm)
	}
	_, err = json.Marshal(Term{Unit: 9})
	assert.ErrorIs(t, err, ErrInvalidTerm)
	_, err = json.Marshal(Term{Kind: 9})
	assert.ErrorIs(t, err, ErrInvalidTerm)
}

func TestUnitQuantity(t *testing.T) {
	assert.Equal(t, "1 giorno", Days.Quantity(1))
	assert.Equal(t, "30 giorni", Days.Quantity(30))
	assert.Equal(t, "1 giorno lavorativo", WorkingDays.Quantity(1))
	assert.Equal(t, "1 mese", Months.Quantity(1))
	assert.Equal(t, "6 mesi", Months.Quantity(6))
	assert.Equal(t, "1 anno", Years.Quantity(1))
	assert.Equal(t, "0 anni", Years.Quantity(0))
	assert.Equal(t, "1 Unit(7)", Unit(7).Quantity(1))
}
