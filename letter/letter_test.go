package letter_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/internal/golden"
	"github.com/puntodiascolto/ascolto/letter"
)

// written is a letter with the Request the Service returned for the
// history it was written from (nil for complaints and petitions) and the
// planted data of the persons it must not name.
type written struct {
	name   string
	l      letter.Letter
	r      *access.Request
	others []string
	w      *letter.Writer
}

// ids are the strings that identify a person of the fixtures.
func ids(p access.Person) []string {
	return slices.DeleteFunc([]string{p.FullName(), p.Surname, p.FiscalCode, p.Email, p.PEC, p.Phone}, func(s string) bool { return s == "" })
}

// catalogue writes every letter of the fixtures, in the order the office
// sends them, with the writer w makes for each fixture.
func catalogue(t *testing.T, mk func(f *fixture) *letter.Writer) []written {
	t.Helper()
	var out []written
	var w *letter.Writer
	add := func(name string, r *access.Request, others []string, l letter.Letter, err error) {
		t.Helper()
		require.NoError(t, err, name)
		out = append(out, written{name: name, l: l, r: r, others: others, w: w})
	}
	f := foia(t)
	w = mk(f)
	s := f.steps
	toApp, toParty := ids(party), ids(applicant)
	all := append(ids(party), ids(applicant)...)
	l, err := w.Receipt(s["filed"])
	add("foia-1-ricevuta", s["filed"], toApp, l, err)
	l, err = w.StartNotice(s["started"])
	add("foia-2-avvio", s["started"], toApp, l, err)
	l, err = w.OfficeStart(s["started"])
	add("foia-3-avvio-ufficio", s["started"], all, l, err)
	l, err = w.DocumentRequest(s["documents"], 1)
	add("foia-4-richiesta-documenti", s["documents"], all, l, err)
	l, err = w.PartyNotice(s["notified"], 1)
	add("foia-5-controinteressato", s["notified"], toParty, l, err)
	l, err = w.Decision(s["decided"])
	add("foia-6-provvedimento", s["decided"], toApp, l, err)
	l, err = w.PartyAcceptance(s["acceptanceReceived"], 1)
	add("foia-7-accoglimento-controinteressato", s["acceptanceReceived"], toParty, l, err)
	l, err = w.ReviewDecision(s["partyReviewDecided"])
	add("foia-8-riesame-controinteressato", s["partyReviewDecided"], toParty, l, err)

	f = late(t)
	w = mk(f)
	s = f.steps
	toApp, toParty = ids(docParty), ids(docApp)
	l, err = w.Receipt(s["filed"])
	add("doc-1-ricevuta", s["filed"], toApp, l, err)
	l, err = w.Irregularity(s["irregular"])
	add("doc-2-irregolarita", s["irregular"], toApp, l, err)
	l, err = w.StartNotice(s["started"])
	add("doc-3-avvio", s["started"], toApp, l, err)
	l, err = w.PartyNotice(s["noticeReceived"], 1)
	add("doc-4-controinteressato", s["noticeReceived"], toParty, l, err)
	l, err = w.Decision(s["decided"])
	add("doc-5-provvedimento-tardivo", s["decided"], toApp, l, err)

	f = review(t)
	w = mk(f)
	l, err = w.Decision(f.steps["decided"])
	add("riesame-1-diniego", f.steps["decided"], nil, l, err)
	l, err = w.ReviewDecision(f.steps["reviewDecided"])
	add("riesame-2-decisione", f.steps["reviewDecided"], nil, l, err)

	f = deferral(t)
	w = mk(f)
	l, err = w.Decision(f.steps["decided"])
	add("differimento-provvedimento", f.steps["decided"], nil, l, err)

	f = substitute(t)
	w = mk(f)
	l, err = w.Receipt(f.steps["filed"])
	add("sostitutivo-1-ricevuta", f.steps["filed"], nil, l, err)
	l, err = w.SubstituteDecision(f.steps["decided"])
	add("sostitutivo-2-decisione", f.steps["decided"], nil, l, err)
	return out
}

// others written for complaints and petitions.
func cases(t *testing.T, o letter.Options) []written {
	t.Helper()
	v, dir := complaintCase(t)
	o.Directory = dir
	w := writer(t, o)
	l, err := w.ComplaintAnswer(v)
	require.NoError(t, err)
	out := []written{{name: "reclamo-risposta", l: l, w: w}}
	p, dir := petitionCase(t)
	o.Directory = dir
	w = writer(t, o)
	l, err = w.PetitionReceipt(p, 1)
	require.NoError(t, err)
	out = append(out, written{name: "petizione-1-ricevuta", l: l, w: w, others: []string{"Luca Marini", "Marini", promoter2.CodiceFiscale, promoter2.Email}})
	l, err = w.PetitionForward(p, 1)
	require.NoError(t, err)
	all := []string{"Luca Marini", "Marini", promoter2.CodiceFiscale, promoter2.Email, "Sara Lombardi", "Lombardi", promoter1.CodiceFiscale, promoter1.Email}
	return append(out, written{name: "petizione-2-trasmissione", l: l, w: w, others: all})
}

// italian writes every letter in Italian.
func italian(t *testing.T) []written {
	t.Helper()
	var o letter.Options
	out := catalogue(t, func(f *fixture) *letter.Writer { o = options(f); return writer(t, o) })
	return append(out, cases(t, o)...)
}

// render returns the letter as text and as HTML.
func render(t *testing.T, x written) (string, string) {
	t.Helper()
	txt, err := x.w.Text(x.l)
	require.NoError(t, err, x.name)
	html, err := x.w.HTML(x.l)
	require.NoError(t, err, x.name)
	return txt, html
}

// TestGolden: every letter, as text and as HTML, one golden file each (go
// test ./letter -update rewrites them after a deliberate change).
func TestGolden(t *testing.T) {
	for _, x := range italian(t) {
		txt, html := render(t, x)
		golden.AssertString(t, x.name+".txt", txt)
		golden.AssertString(t, x.name+".html", html)
		if x.name == "foia-1-ricevuta" || x.name == "doc-5-provvedimento-tardivo" {
			b, err := json.MarshalIndent(x.l, "", "  ")
			require.NoError(t, err)
			golden.Assert(t, x.name+".json", append(b, '\n'))
		}
		if strings.HasPrefix(x.name, "foia-") {
			md, err := x.w.Markdown(x.l)
			require.NoError(t, err)
			golden.AssertString(t, x.name+".md", md)
		}
	}
}

// TestEnglish_ReceiptAndDecision: civic access is open to anyone: the
// receipt and the decision exist in English, the other letters do not.
func TestEnglish_ReceiptAndDecision(t *testing.T) {
	f := foia(t)
	o := options(f)
	o.Lang = letter.English
	w := writer(t, o)
	for name, mk := range map[string]func() (letter.Letter, error){
		"en-ricevuta":      func() (letter.Letter, error) { return w.Receipt(f.steps["filed"]) },
		"en-provvedimento": func() (letter.Letter, error) { return w.Decision(f.steps["decided"]) },
	} {
		l, err := mk()
		require.NoError(t, err)
		require.Equal(t, letter.English, l.Lang)
		txt, html := render(t, written{name: name, l: l, w: w})
		golden.AssertString(t, name+".txt", txt)
		golden.AssertString(t, name+".html", html)
	}
	require.False(t, w.Available(letter.PartyNotice))
	_, err := w.PartyNotice(f.steps["notified"], 1)
	require.ErrorIs(t, err, letter.ErrTemplate)
}

var datePattern = regexp.MustCompile(`\b\d{2}/\d{2}/\d{4}\b`)

// TestDates_AreTheServiceDeadlines: every date a letter promises is the due
// date of a deadline the Service computed for the same history (same code,
// name and day), and every date the text prints is one of the letter's
// promises or a date of the history (filing, acts): nothing is computed
// again.
func TestDates_AreTheServiceDeadlines(t *testing.T) {
	for _, x := range italian(t) {
		if x.r == nil {
			continue
		}
		allowed := map[string]bool{x.l.Date.Italian(): true}
		assert.True(t, historyDate(x.r, x.l.Date), "%s is dated %s, not a day of the history", x.name, x.l.Date)
		for _, p := range x.l.Dates {
			i := slices.IndexFunc(x.r.Deadlines, func(d deadline.Deadline) bool { return d.Code == p.Code && d.Name == p.Name })
			require.GreaterOrEqual(t, i, 0, "%s promises %s (%s), which the Service did not compute", x.name, p.Name, p.Code)
			assert.Equal(t, x.r.Deadlines[i].Due, p.Due, "%s: %s", x.name, p.Name)
			allowed[p.Due.Italian()] = true
		}
		for _, f := range x.l.Fields {
			if d, ok := f.Value.(deadline.Date); ok && !d.IsZero() {
				allowed[d.Italian()] = true
				assert.True(t, historyDate(x.r, d), "%s: field %s holds %s, neither a deadline nor a day of the history", x.name, f.Name, d)
			}
		}
		txt, _ := render(t, x)
		for _, d := range datePattern.FindAllString(txt, -1) {
			assert.True(t, allowed[d], "%s prints %s, which is neither a promise nor a field", x.name, d)
		}
	}
}

// historyDate reports whether d is the due date of one of r's deadlines
// or a day r's history records.
func historyDate(r *access.Request, d deadline.Date) bool {
	for _, dl := range r.Deadlines {
		if dl.Due == d {
			return true
		}
	}
	days := []deadline.Date{r.Received, r.Protocol.Date, r.StartNotified, r.IrregularityNotified, r.Corrected}
	for _, p := range r.Parties {
		days = append(days, p.Notified, p.Received, p.Opposed, p.AcceptanceReceived)
	}
	for _, in := range r.Internal {
		days = append(days, in.Requested)
	}
	if r.Decision != nil {
		days = append(days, r.Decision.Date, r.Decision.DeferredUntil)
	}
	if r.Review != nil {
		days = append(days, r.Review.Filed, r.Review.Decided)
	}
	if r.Substitute != nil {
		days = append(days, r.Substitute.Requested)
	}
	if ls := r.LateDecision; ls != nil {
		days = append(days, ls.From, ls.Due)
	}
	return slices.Contains(days, d)
}

// TestPrivacy_OnlyTheAddressee: no letter prints the name, surname, codice
// fiscale, e-mail, PEC or telephone of a person other than its addressee
// (the applicant in a party's letter, the party in the applicant's, both
// in an office's, the other promoter in a promoter's).
func TestPrivacy_OnlyTheAddressee(t *testing.T) {
	for _, x := range italian(t) {
		txt, html := render(t, x)
		for _, id := range x.others {
			for _, out := range []string{txt, html} {
				assert.False(t, mentions(out, id), "%s names %q", x.name, id)
			}
		}
		if x.l.To != letter.ToOffice {
			assert.Contains(t, txt, x.l.Addressee, x.name)
		}
	}
}

// TestMandatory_EveryFieldPrinted: the shipped templates print every
// mandatory field (New checks it; this proves the check sees them).
func TestMandatory_EveryFieldPrinted(t *testing.T) {
	for _, k := range letter.Kinds() {
		require.NotEmpty(t, letter.Mandatory(k), k)
	}
	_, err := letter.New(letter.Options{})
	require.NoError(t, err)
	_ = errors.New
}

// TestDates_ComplaintAndPetition: the complaint answer and the petition
// letters state the due dates the complaint and petition Services
// computed.
func TestDates_ComplaintAndPetition(t *testing.T) {
	v, dir := complaintCase(t)
	w := writer(t, letter.Options{Directory: dir})
	l, err := w.ComplaintAnswer(v)
	require.NoError(t, err)
	a, _ := v.LastAnswer()
	require.Len(t, l.Dates, 1)
	assert.Equal(t, v.Deadlines[a.Round].Due, l.Dates[0].Due)
	assert.Equal(t, v.Deadlines[a.Round].Code, l.Dates[0].Code)
	due, _ := l.Value("due")
	assert.Equal(t, a.Due, due)
	late, _ := l.Value("late")
	assert.Equal(t, true, late, "the fixture's answer is late")

	p, dir := petitionCase(t)
	w = writer(t, letter.Options{Directory: dir})
	for _, write := range []func() (letter.Letter, error){
		func() (letter.Letter, error) { return w.PetitionReceipt(p, 2) },
		func() (letter.Letter, error) { return w.PetitionForward(p, 1) },
	} {
		l, err := write()
		require.NoError(t, err)
		require.NotEmpty(t, l.Dates)
		for _, pr := range l.Dates {
			i := slices.IndexFunc(p.Deadlines, func(d deadline.Deadline) bool { return d.Code == pr.Code && d.Name == pr.Name })
			require.GreaterOrEqual(t, i, 0, pr.Name)
			assert.Equal(t, p.Deadlines[i].Due, pr.Due)
		}
	}
	_, err = w.PetitionReceipt(p, 3)
	require.ErrorIs(t, err, letter.ErrNotApplicable)
}

// TestWriter_Concurrent: a Writer is safe for concurrent use (run with
// -race).
func TestWriter_Concurrent(t *testing.T) {
	xs := italian(t)
	done := make(chan error, len(xs))
	for _, x := range xs {
		go func() {
			_, err := x.w.HTML(x.l)
			if err == nil {
				_, err = x.w.Text(x.l)
			}
			done <- err
		}()
	}
	for range xs {
		require.NoError(t, <-done)
	}
}

// TestArt2c9quinquies_LateDecisionStatesTermAndTimeTaken: a FOIA request
// whose term stood suspended while a party could oppose, decided after
// it: the decision states the term provided (30 days from filing, plus the
// days of suspension, ending on the Service's due date) and the days
// actually taken, as access.Request.LateDecision computed them.
func TestArt2c9quinquies_LateDecisionStatesTermAndTimeTaken(t *testing.T) {
	f := newFixture(t, access.Policy{})
	s, ctx := f.svc, f.ctx
	f.at("filed", time.March, 2, func(a access.Act) (*access.Request, error) {
		a.ID = "foia-late"
		return s.File(ctx, a, access.Filing{Kind: access.Generalizzato, Channel: access.ChannelPEC, Identification: "PEC",
			Protocol: access.Protocol{Number: "RA/2026/0012400"}, Applicant: applicant, Office: "mobilita", Subject: "Registri dei varchi ZTL"})
	})
	f.at("notified", time.March, 10, func(a access.Act) (*access.Request, error) {
		return s.NotifyCounterInterested(ctx, a, access.Notification{Parties: []access.Person{party}})
	})
	f.at("received", time.March, 12, f.as(outside, func(a access.Act) (*access.Request, error) {
		return s.RecordNoticeReceipt(ctx, a, access.PartyAct{Party: 1})
	}))
	f.at("opposed", time.March, 20, f.as(outside, func(a access.Act) (*access.Request, error) {
		return s.RecordOpposition(ctx, a, access.PartyAct{Party: 1})
	}))
	f.at("decided", time.April, 20, f.as(mobility, func(a access.Act) (*access.Request, error) {
		return s.Decide(ctx, a, access.Ruling{Outcome: access.Refused, Grounds: []access.GroundCode{"d33-5bis-2-a"},
			Reasons: "I registri rivelano gli spostamenti del controinteressato.", Summary: "respinta: dati personali", NoDeferral: "il limite non è temporaneo"})
	}))
	r := f.steps["decided"]
	require.NotNil(t, r.LateDecision)
	w := writer(t, options(f))
	l, err := w.Decision(r)
	require.NoError(t, err)
	txt, err := w.Text(l)
	require.NoError(t, err)
	ls := r.LateDecision
	want := fmt.Sprintf("il termine previsto era di 30 giorni dal 02/03/2026, più 10 giorni di sospensione, scaduto il %s; il termine effettivamente impiegato è stato di %d giorni, %d oltre la scadenza",
		ls.Due.Italian(), ls.DaysTaken, ls.DaysLate)
	require.Contains(t, strings.Join(strings.Fields(txt), " "), want)
	assert.Equal(t, deadline.MustDate(2026, time.April, 11), ls.Due, "01/04 plus the 10 days from the notice to the opposition")
	assert.Equal(t, 49, ls.DaysTaken)
}
