package complaint_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/complaint/open311"
)

// TestPersonalDataNeverPublished plants personal data in every field that
// holds it (the reporter, the citizen's text, media, the 060606 ticket and
// notes, the question, the reply, the answer letter, the reopening reason,
// the outside body's letter, internal notes, what follows the civic number
// of the place and its exact position) through a whole life, and proves that
// the Index, the Public view, the Open311 representation (JSON and XML) and
// the timeline contain none of it.
func TestPersonalDataNeverPublished(t *testing.T) {
	f := newFixture(t)
	canary := func(field string) string { return "SEGRETO-" + field }
	fl := complaint.Filed{
		Kind: complaint.Reclamo, Channel: complaint.Escalation060606, Category: "buche",
		Escalation: &complaint.Escalation{Ticket: canary("ticket"), Opened: romeTime(2026, 10, 1, 9, 0), Notes: canary("notes060606")},
		Place:      complaint.Place{Address: "Via Appia Nuova 120 int. 4 c/o " + canary("placename"), Municipio: 7, Point: &complaint.Point{Lat: 41.8741123, Lon: 12.5211277}},
		Person: complaint.Person{
			FirstName: canary("firstname"), LastName: canary("lastname"), FiscalCode: "ZZZZZZ80A01H501C",
			Email: canary("email") + "@example.org", PEC: canary("pec") + "@pec.example.org", Phone: canary("phone"),
			Address: canary("homeaddress"), AccountID: canary("account"), DeviceID: canary("device"),
		},
		Description: canary("description"),
		Summary:     "buca sulla carreggiata",
		Media:       []string{"https://example.org/" + canary("photo") + ".jpg"},
		Protocol:    "RA/2026/1",
	}
	// The exact position and the address as written stay with the office.
	secrets := []string{"SEGRETO", "segreto", "ZZZZZZ80A01H501C", "41.8741123", "12.5211277", "int. 4"}
	v := f.file(t, desk, fl)
	id := v.ID
	must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: id, By: desk}, complaint.Assignment{To: "csimu", Reason: canary("assignreason")}))
	f.clock.at(2026, 10, 5)
	must(t)(f.svc.RequestInfo(f.ctx, complaint.Act{ID: id, By: csimu}, complaint.InfoRequest{Question: canary("question")}))
	f.clock.at(2026, 10, 6)
	must(t)(f.svc.RecordReply(f.ctx, complaint.Act{ID: id, By: web}, complaint.CitizenReply{Text: canary("reply")}))
	f.clock.at(2026, 10, 10)
	must(t)(f.svc.Answer(f.ctx, complaint.Act{ID: id, By: csimu}, complaint.Answer{Outcome: complaint.Founded, Text: canary("answerletter"), Summary: "intervento programmato"}))
	f.clock.at(2026, 10, 12)
	must(t)(f.svc.Reopen(f.ctx, complaint.Act{ID: id, By: web}, complaint.Reopening{Reason: canary("reopenreason")}))
	must(t)(f.svc.ForwardOutside(f.ctx, complaint.Act{ID: id, By: desk}, complaint.OutsideForwarding{To: "ama", Reference: "AMA-1", Summary: "trasmessa ad AMA"}))
	must(t)(f.svc.RecordExternalReply(f.ctx, complaint.Act{ID: id, By: web}, complaint.ExternalReply{Text: canary("amaletter"), Summary: "rimosso"}))
	v = must(t)(f.svc.Close(f.ctx, complaint.Act{ID: id, By: desk}, complaint.Closure{Note: canary("closenote")}))

	dupF := fl
	dupF.Person = complaint.Person{Email: canary("dupemail") + "@example.org"}
	dup := f.file(t, web, dupF)
	must(t)(f.svc.Merge(f.ctx, complaint.Act{ID: dup.ID, By: desk}, complaint.Merger{Master: id, Note: canary("mergenote")}))
	dupV, err := f.svc.Get(f.ctx, dup.ID)
	require.NoError(t, err)

	// The view itself holds the data: the test would be vacuous otherwise.
	all, err := json.Marshal(v)
	require.NoError(t, err)
	for _, field := range []string{"ticket", "notes060606", "firstname", "email", "homeaddress", "description", "photo", "question", "reply", "answerletter", "reopenreason", "amaletter"} {
		require.Contains(t, string(all), canary(field), "the full view keeps %s", field)
	}

	for _, view := range []complaint.View{v, dupV} {
		var out []string
		idx, err := json.Marshal(view.Index())
		require.NoError(t, err)
		out = append(out, "index: "+string(idx))
		pub, err := json.Marshal(view.Public())
		require.NoError(t, err)
		out = append(out, "public: "+string(pub))
		sr := open311.For(f.svc).Request(view)
		var js, xs bytes.Buffer
		require.NoError(t, open311.EncodeRequestsJSON(&js, []open311.Request{sr}))
		require.NoError(t, open311.EncodeRequestsXML(&xs, []open311.Request{sr}))
		out = append(out, "open311 json: "+js.String(), "open311 xml: "+xs.String())
		for _, e := range view.History {
			out = append(out, "history: "+e.String())
		}
		for _, r := range view.Reminders(date(2027, 1, 1), 3) {
			out = append(out, "reminder: "+r.Text)
		}
		for _, s := range out {
			for _, secret := range secrets {
				assert.NotContains(t, s, secret, "%s leaks in %s", secret, s)
			}
		}
	}
	assert.Equal(t, "buca sulla carreggiata", v.Public().Summary, "the office's summary is published")
	assert.Equal(t, complaint.Municipio(7), v.Public().Municipio)
}

// TestPublicHasNoPersonalField guards the Public type itself: a new field
// whose name suggests personal data fails this test.
func TestPublicHasNoPersonalField(t *testing.T) {
	b, err := json.Marshal(complaint.Public{})
	require.NoError(t, err)
	var fields map[string]any
	require.NoError(t, json.Unmarshal(b, &fields))
	for k := range fields {
		for _, bad := range []string{"person", "name", "email", "phone", "description", "address", "fiscal", "ticket", "media", "text", "point"} {
			assert.False(t, strings.Contains(strings.ToLower(k), bad), fmt.Sprintf("Public.%s looks personal", k))
		}
	}
}

// zappacosta is the reporter of TestArt5c1LettC_*: every identifier set.
func zappacosta() complaint.Person {
	return complaint.Person{
		FirstName: "Marcello", LastName: "Zappacosta", FiscalCode: "ZPPMCL75C12H501S",
		Email: "mz@example.org", PEC: "m.zappacosta@pec.example.org", Phone: "+39 347 5551234",
		Address: "Via dei Volsci 41", AccountID: "acct-zappa", DeviceID: "device-zappa-77",
	}
}

// leakyTexts are office summaries that carry personal data: the reporter's
// identifiers (as whole words or, for codes and numbers, whatever the
// spacing) and anyone's codice fiscale, e-mail, telephone or IBAN.
var leakyTexts = map[string]string{
	"full name":             "buca segnalata da Marcello Zappacosta",
	"surname":               "segnalata dal sig. ZAPPACOSTA",
	"reporter's code":       "cf ZPP MCL 75C12 H501W",
	"reporter's e-mail":     "risposta inviata a mz@example.org",
	"reporter's phone":      "richiamato al 347 555 1234",
	"reporter's address":    "davanti a via dei Volsci 41",
	"reporter's account":    "utente acct-zappa",
	"anyone's e-mail":       "segnalata anche da paolo.neri@example.com",
	"anyone's phone":        "contattare il 06 1234 5678",
	"anyone's codice fisc.": "vedi RSSMRA80A01H501U",
	"anyone's IBAN":         "rimborso su IT60X0542811101000000123456",
	// Ordinary words may spell a code's shape (TINODELMANTOSTRA): what
	// follows them is still checked.
	"e-mail after words":   "ripristino del manto stradale; scrivere a paolo.neri@example.com",
	"code after words":     "ripristino del manto stradale RSSMRA80A01H501U",
	"letters in an e-mail": "scrivere a ripristinodelmantostradale@example.com",
}

// requireMinimisationRefusal checks err is the *RuleError of art. 5 c. 1
// lett. c Reg. UE 2016/679 and does not repeat the reporter's identifiers.
func requireMinimisationRefusal(t *testing.T, err error, msg string) {
	t.Helper()
	require.ErrorIs(t, err, complaint.ErrRule, msg)
	var re *complaint.RuleError
	require.ErrorAs(t, err, &re, msg)
	assert.Equal(t, "Reg. UE 2016/679", re.Rule.Act, msg)
	assert.Equal(t, "art. 5 c. 1 lett. c Reg. UE 2016/679 (minimizzazione dei dati)", re.Rule.String(), msg)
	for _, id := range []string{"Zappacosta", "ZPPMCL75C12H501S", "mz@example.org", "5551234", "acct-zappa"} {
		assert.NotContains(t, err.Error(), id, "%s: the refusal does not repeat the reporter's data", msg)
	}
}

// TestArt5c1LettC_OfficeSummariesWithoutPersonalData: every text the office
// writes for publication (the summary on filing and reclassification, the
// answer's summary, the note and reference of a forwarding outside, the
// summary of the outside body's reply) is refused with a *RuleError citing
// the data minimisation principle when it carries personal data, and the
// refused act stores nothing; the same act with a clean text goes through.
func TestArt5c1LettC_OfficeSummariesWithoutPersonalData(t *testing.T) {
	filed := func() complaint.Filed {
		fl := pothole()
		fl.Person = zappacosta()
		return fl
	}
	type act struct {
		// prepare brings a new complaint to the state the act needs.
		prepare func(t *testing.T, f *fixture) complaint.ID
		// do performs the act with text as its publishable text.
		do func(f *fixture, id complaint.ID, text string) (complaint.View, error)
	}
	registered := func(t *testing.T, f *fixture) complaint.ID { return f.file(t, desk, filed()).ID }
	assigned := func(t *testing.T, f *fixture) complaint.ID {
		id := registered(t, f)
		must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: id, By: desk}, complaint.Assignment{To: "csimu"}))
		return id
	}
	outside := func(t *testing.T, f *fixture) complaint.ID {
		id := registered(t, f)
		must(t)(f.svc.ForwardOutside(f.ctx, complaint.Act{ID: id, By: desk}, complaint.OutsideForwarding{To: "ama", Reference: "AMA-1", Summary: "trasmessa ad AMA"}))
		return id
	}
	acts := map[string]act{
		"File: summary": {do: func(f *fixture, _ complaint.ID, text string) (complaint.View, error) {
			fl := filed()
			fl.Summary = text
			return f.svc.File(f.ctx, complaint.Act{ID: "NEW", By: desk}, fl)
		}},
		"Answer: summary": {prepare: assigned, do: func(f *fixture, id complaint.ID, text string) (complaint.View, error) {
			return f.svc.Answer(f.ctx, complaint.Act{ID: id, By: csimu}, complaint.Answer{Outcome: complaint.Scheduled, Text: "Gentile signor Zappacosta", Summary: text})
		}},
		"ForwardOutside: summary": {prepare: registered, do: func(f *fixture, id complaint.ID, text string) (complaint.View, error) {
			return f.svc.ForwardOutside(f.ctx, complaint.Act{ID: id, By: desk}, complaint.OutsideForwarding{To: "ama", Reference: "AMA-1", Summary: text})
		}},
		"ForwardOutside: reference": {prepare: registered, do: func(f *fixture, id complaint.ID, text string) (complaint.View, error) {
			return f.svc.ForwardOutside(f.ctx, complaint.Act{ID: id, By: desk}, complaint.OutsideForwarding{To: "ama", Reference: text, Summary: "trasmessa ad AMA"})
		}},
		"RecordExternalReply: summary": {prepare: outside, do: func(f *fixture, id complaint.ID, text string) (complaint.View, error) {
			return f.svc.RecordExternalReply(f.ctx, complaint.Act{ID: id, By: web}, complaint.ExternalReply{Text: "lettera di AMA al signor Zappacosta", Summary: text})
		}},
		"Reclassify: summary": {prepare: registered, do: func(f *fixture, id complaint.ID, text string) (complaint.View, error) {
			return f.svc.Reclassify(f.ctx, complaint.Act{ID: id, By: desk}, complaint.Reclassification{Summary: text})
		}},
	}
	for name, a := range acts {
		t.Run(name, func(t *testing.T) {
			for what, text := range leakyTexts {
				f := newFixture(t)
				var id complaint.ID = "NEW"
				if a.prepare != nil {
					id = a.prepare(t, f)
				}
				before, beforeErr := f.store.Load(f.ctx, id, 0)
				_, err := a.do(f, id, text)
				requireMinimisationRefusal(t, err, what)
				after, afterErr := f.store.Load(f.ctx, id, 0)
				if a.prepare == nil {
					require.ErrorIs(t, beforeErr, complaint.ErrNotFound)
					require.ErrorIs(t, afterErr, complaint.ErrNotFound, "%s: a refused filing stores nothing", what)
					continue
				}
				require.NoError(t, afterErr)
				require.Equal(t, before.Head, after.Head, "%s: a refused act appends nothing", what)
			}
			f := newFixture(t)
			var id complaint.ID
			if a.prepare != nil {
				id = a.prepare(t, f)
			}
			// "manto stradale" spells the shape of a codice fiscale without
			// digits when the letters are run together: words, not a code.
			_, err := a.do(f, id, "intervento di ripristino del manto stradale, rif. AMA/2026/0012345")
			require.NoError(t, err, "a text without personal data goes through")
		})
	}
}

// TestArt5c1LettC_DuplicatesShowTheMastersAnswer: a merged duplicate
// publishes its master's answer summary, so the summary is checked against
// the duplicates' reporters too, when answering and when merging.
func TestArt5c1LettC_DuplicatesShowTheMastersAnswer(t *testing.T) {
	f := newFixture(t)
	master := f.file(t, desk, pothole()) // Mario Rossi
	must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: master.ID, By: desk}, complaint.Assignment{To: "csimu"}))
	dupF := pothole()
	dupF.Person = zappacosta()
	dup := f.file(t, web, dupF)
	must(t)(f.svc.Merge(f.ctx, complaint.Act{ID: dup.ID, By: desk}, complaint.Merger{Master: master.ID, Note: "stessa buca"}))

	before := must(t)(f.svc.Get(f.ctx, master.ID))
	_, err := f.svc.Answer(f.ctx, complaint.Act{ID: master.ID, By: csimu}, complaint.Answer{Outcome: complaint.Scheduled, Text: "lettera", Summary: "buca segnalata anche da Zappacosta"})
	requireMinimisationRefusal(t, err, "the duplicate's reporter in the master's answer")
	after := must(t)(f.svc.Get(f.ctx, master.ID))
	require.Equal(t, before.Version, after.Version)

	// A summary naming someone who is not (yet) a reporter of the case
	// passes; the reporter who files later cannot be merged under it.
	must(t)(f.svc.Answer(f.ctx, complaint.Act{ID: master.ID, By: csimu}, complaint.Answer{Outcome: complaint.Scheduled, Text: "lettera", Summary: "intervento chiesto anche dal comitato Gracchi"}))
	late := pothole()
	late.Person = complaint.Person{FirstName: "Lucia", LastName: "Gracchi", Email: "lucia@example.org"}
	lv := f.file(t, web, late)
	_, err = f.svc.Merge(f.ctx, complaint.Act{ID: lv.ID, By: desk}, complaint.Merger{Master: master.ID, Note: "stessa buca"})
	requireMinimisationRefusal(t, err, "the master's answer names the new duplicate's reporter")
	got := must(t)(f.svc.Get(f.ctx, lv.ID))
	require.Equal(t, complaint.Registered, got.State, "the refused merger stored nothing")
}
