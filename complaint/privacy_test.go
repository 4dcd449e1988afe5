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
)

// TestPersonalDataNeverPublished plants personal data in every field that
// holds it (the reporter, the citizen's text, media, the 060606 ticket and
// notes, the question, the reply, the answer letter, the reopening reason,
// the outside body's letter, internal notes) through a whole life, and
// proves that the Index, the Public view, the Open311 representation (JSON
// and XML) and the timeline contain none of it.
func TestPersonalDataNeverPublished(t *testing.T) {
	f := newFixture(t)
	canary := func(field string) string { return "SEGRETO-" + field }
	fl := complaint.Filed{
		Kind: complaint.Reclamo, Channel: complaint.Escalation060606, Category: "buche",
		Escalation: &complaint.Escalation{Ticket: canary("ticket"), Opened: romeTime(2026, 10, 1, 9, 0), Notes: canary("notes060606")},
		Place:      complaint.Place{Address: "Via Appia Nuova 120", Municipio: 7, Point: &complaint.Point{Lat: 41.87411, Lon: 12.52112}},
		Person: complaint.Person{
			FirstName: canary("firstname"), LastName: canary("lastname"), FiscalCode: "ZZZZZZ80A01H501U",
			Email: canary("email") + "@example.org", PEC: canary("pec") + "@pec.example.org", Phone: canary("phone"),
			Address: canary("homeaddress"), AccountID: canary("account"), DeviceID: canary("device"),
		},
		Description: canary("description"),
		Summary:     "buca sulla carreggiata",
		Media:       []string{"https://example.org/" + canary("photo") + ".jpg"},
		Protocol:    "RA/2026/1",
	}
	secrets := []string{"SEGRETO", "ZZZZZZ80A01H501U"}
	v := f.file(t, desk, fl)
	id := v.ID
	must(t)(f.svc.Assign(f.ctx, desk, id, "csimu", canary("assignreason")))
	f.clock.at(2026, 10, 5)
	must(t)(f.svc.RequestInfo(f.ctx, csimu, id, canary("question")))
	f.clock.at(2026, 10, 6)
	must(t)(f.svc.RecordReply(f.ctx, web, id, complaint.CitizenReply{Text: canary("reply")}))
	f.clock.at(2026, 10, 10)
	must(t)(f.svc.Answer(f.ctx, csimu, id, complaint.Answer{Outcome: complaint.Founded, Text: canary("answerletter"), Summary: "intervento programmato"}))
	f.clock.at(2026, 10, 12)
	must(t)(f.svc.Reopen(f.ctx, web, id, complaint.Reopening{Reason: canary("reopenreason")}))
	must(t)(f.svc.ForwardOutside(f.ctx, desk, id, "ama", "AMA-1", "trasmessa ad AMA"))
	must(t)(f.svc.RecordExternalReply(f.ctx, web, id, complaint.ExternalReply{Text: canary("amaletter"), Summary: "rimosso"}))
	v = must(t)(f.svc.Close(f.ctx, desk, id, complaint.Closure{Note: canary("closenote")}))

	dupF := fl
	dupF.Person = complaint.Person{Email: canary("dupemail") + "@example.org"}
	dup := f.file(t, web, dupF)
	must(t)(f.svc.Merge(f.ctx, desk, dup.ID, id, canary("mergenote")))
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
		sr := f.svc.Open311().Request(view)
		var js, xs bytes.Buffer
		require.NoError(t, complaint.EncodeRequestsJSON(&js, []complaint.ServiceRequest{sr}))
		require.NoError(t, complaint.EncodeRequestsXML(&xs, []complaint.ServiceRequest{sr}))
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
