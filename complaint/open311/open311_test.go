package open311_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/complaint/open311"
)

func coord(f float64) *open311.Coord { c := open311.Coord(f); return &c }

func postRequest() open311.PostRequest {
	return open311.PostRequest{
		JurisdictionID: "roma.it", ServiceCode: "buche", Lat: coord(41.87411), Long: coord(12.52112),
		AddressString: "Via Appia Nuova 120", Email: "mario.rossi@example.org", DeviceID: "device-42",
		AccountID: "acct-1", FirstName: "Mario", LastName: "Rossi", Phone: "+39 333 1234567",
		Description: "Buca profonda, ci sono caduto", MediaURL: "https://example.org/buca.jpg",
		Attributes: map[string]string{"municipio": "VII"},
	}
}

// TestOpen311_PostRoundTrip: a POST service request encodes as a form and
// decodes back; filed, its personal data land in the Person only.
func TestOpen311_PostRoundTrip(t *testing.T) {
	p := postRequest()
	form := p.Values()
	back, err := open311.ParsePostRequest(form)
	require.NoError(t, err)
	assert.Equal(t, p, back)
	enc, err := url.ParseQuery(form.Encode())
	require.NoError(t, err)
	back, err = open311.ParsePostRequest(enc)
	require.NoError(t, err)
	assert.Equal(t, p, back, "through the wire encoding")
	js, err := json.Marshal(p)
	require.NoError(t, err)
	back, err = open311.DecodePostJSON(bytes.NewReader(js))
	require.NoError(t, err)
	assert.Equal(t, p, back)

	f := newFixture(t)
	resp, v, err := open311.File(f.ctx, f.svc, complaint.Act{By: web}, p)
	require.NoError(t, err)
	assert.Equal(t, open311.RequestID(v.ID), resp.ServiceRequestID)
	assert.Equal(t, "Segnalazione registrata; risposta prevista entro il 17/10/2026", resp.ServiceNotice)
	assert.Equal(t, complaint.Segnalazione, v.Kind)
	assert.Equal(t, complaint.Online, v.Channel)
	assert.Equal(t, "buche", v.Category)
	assert.Equal(t, complaint.Person{FirstName: "Mario", LastName: "Rossi", Email: "mario.rossi@example.org", Phone: "+39 333 1234567", AccountID: "acct-1", DeviceID: "device-42"}, v.Person)
	assert.Equal(t, "Buca profonda, ci sono caduto", v.Description)
	assert.Equal(t, []string{"https://example.org/buca.jpg"}, v.Media)
	assert.Equal(t, complaint.Place{Address: "Via Appia Nuova 120", Municipio: 7, Point: &complaint.Point{Lat: 41.87411, Lon: 12.52112}}, v.Place)

	sr := open311.For(f.svc).Request(v)
	assert.Equal(t, "buche", sr.ServiceCode)
	assert.Equal(t, "Buche e dissesti stradali", sr.ServiceName)
	assert.Equal(t, 41.8741, float64(*sr.Lat), "published to 4 decimals")
	assert.Equal(t, 12.5211, float64(*sr.Long))
	assert.Equal(t, "Via Appia Nuova 120", sr.Address)
	assert.Empty(t, sr.Description, "the citizen's text is not published; no office summary yet")
	assert.Empty(t, sr.MediaURL)
	assert.Equal(t, open311.StatusOpen, sr.Status)
	assert.Equal(t, "2026-10-17T21:59:59Z", mustText(t, sr.ExpectedDatetime), "end of 17 Oct in Rome (CEST)")
	assert.Equal(t, "Risposta prevista entro il 17/10/2026", sr.ServiceNotice)
}

func mustText(t *testing.T, d *open311.Datetime) string {
	t.Helper()
	require.NotNil(t, d)
	b, err := d.MarshalText()
	require.NoError(t, err)
	return string(b)
}

func TestOpen311_PostValidation(t *testing.T) {
	for name, edit := range map[string]func(*open311.PostRequest){
		"no service code":  func(p *open311.PostRequest) { p.ServiceCode = "" },
		"no location":      func(p *open311.PostRequest) { p.Lat, p.Long, p.AddressString = nil, nil, "" },
		"lat without long": func(p *open311.PostRequest) { p.Long = nil },
		"lat out of range": func(p *open311.PostRequest) { p.Lat = coord(95) },
		"long description": func(p *open311.PostRequest) { p.Description = strings.Repeat("x", 4001) },
	} {
		p := postRequest()
		edit(&p)
		require.ErrorIs(t, p.Validate(), complaint.ErrInvalid, name)
	}
	_, err := open311.ParsePostRequest(url.Values{"service_code": {"buche"}, "lat": {"abc"}, "long": {"1"}})
	require.ErrorIs(t, err, complaint.ErrInvalid)
	p := postRequest()
	p.AddressString, p.Lat, p.Long = "", nil, nil
	p.AddressID = "RM-12345"
	require.NoError(t, p.Validate(), "address_id alone is a location")

	o := open311.For(newFixture(t).svc)
	o.Jurisdiction = "roma.it"
	p = postRequest()
	p.JurisdictionID = "milano.it"
	_, err = o.Filing(p)
	require.ErrorIs(t, err, complaint.ErrInvalid)
	p = postRequest()
	p.ServiceCode = "unicorni"
	_, err = o.Filing(p)
	require.ErrorIs(t, err, complaint.ErrInvalid)
	p = postRequest()
	p.Attributes["municipio"] = "XX"
	_, err = o.Filing(p)
	require.ErrorIs(t, err, complaint.ErrInvalid)
}

// TestOpen311_GetRoundTrip: the public representation encodes to JSON and
// XML and decodes to the same value; imported into another desk, it gives
// the same public fields.
func TestOpen311_GetRoundTrip(t *testing.T) {
	f := newFixture(t)
	v := f.file(t, desk, pothole())
	must(t)(f.svc.Assign(f.ctx, complaint.Act{ID: v.ID, By: desk}, complaint.Assignment{}))
	f.clock.at(2026, 10, 9)
	v = must(t)(f.svc.Answer(f.ctx, complaint.Act{ID: v.ID, By: csimu}, complaint.Answer{Outcome: complaint.Scheduled, Text: "Gentile signor Rossi", Summary: "intervento entro ottobre"}))
	sr := open311.For(f.svc).Request(v)
	assert.Equal(t, open311.StatusClosed, sr.Status, "answered: SUS Chiusa")
	assert.Equal(t, "Dipartimento CSIMU", sr.AgencyResponsible)
	assert.Equal(t, "Stato: riscontrata; esito: intervento programmato; intervento entro ottobre", sr.StatusNotes)
	assert.Equal(t, "buca sulla carreggiata", sr.Description)
	assert.Nil(t, sr.ExpectedDatetime, "nothing due once answered")
	assert.Equal(t, "2026-10-02T08:00:00Z", mustText(t, sr.RequestedDatetime))

	var js bytes.Buffer
	require.NoError(t, open311.EncodeRequestsJSON(&js, []open311.Request{sr}))
	assert.Contains(t, js.String(), `"lat":41.8741,"long":12.5211`)
	back, err := open311.DecodeRequestsJSON(&js)
	require.NoError(t, err)
	assert.Equal(t, []open311.Request{sr}, back)

	var xs bytes.Buffer
	require.NoError(t, open311.EncodeRequestsXML(&xs, []open311.Request{sr}))
	assert.True(t, strings.HasPrefix(xs.String(), `<?xml version="1.0" encoding="UTF-8"?>`+"\n<service_requests><request><service_request_id>"))
	back, err = open311.DecodeRequestsXML(&xs)
	require.NoError(t, err)
	assert.Equal(t, []open311.Request{sr}, back)

	g := newFixture(t)
	g.clock.at(2026, 10, 10)
	fl, err := open311.For(g.svc).Import(back[0])
	require.NoError(t, err)
	assert.Equal(t, string(v.ID), fl.ExternalRef)
	fl.Summary = "buca sulla carreggiata"
	w := g.file(t, desk, fl)
	sr2 := open311.For(g.svc).Request(w)
	for _, c := range []struct{ a, b any }{
		{sr.ServiceCode, sr2.ServiceCode}, {sr.ServiceName, sr2.ServiceName}, {sr.Description, sr2.Description},
		{sr.Address, sr2.Address}, {sr.Zipcode, sr2.Zipcode}, {*sr.Lat, *sr2.Lat}, {*sr.Long, *sr2.Long},
		{sr.RequestedDatetime, sr2.RequestedDatetime},
	} {
		assert.Equal(t, c.a, c.b)
	}
	assert.Equal(t, open311.StatusOpen, sr2.Status, "the history is not imported: a new report here")
}

// TestOpen311_PublishesStreetAndCivicOnly: the GET representation carries
// the street and civic number without what the citizen wrote after them,
// and the position rounded to 4 decimals; the View keeps the exact place
// for the office, and the Index only the street's name.
func TestOpen311_PublishesStreetAndCivicOnly(t *testing.T) {
	f := newFixture(t)
	fl := pothole()
	fl.Person = complaint.Person{FirstName: "Marcello", LastName: "Zappacosta", Email: "mz@example.org"}
	fl.Place = complaint.Place{Address: "Via Roma 12 int. 4 c/o Zappacosta", Point: &complaint.Point{Lat: 41.871234, Lon: 12.521278}}
	v := f.file(t, desk, fl)
	sr := open311.For(f.svc).Request(v)
	assert.Equal(t, "Via Roma 12", sr.Address)
	assert.Equal(t, 41.8712, float64(*sr.Lat))
	assert.Equal(t, 12.5213, float64(*sr.Long))
	var js bytes.Buffer
	require.NoError(t, open311.EncodeRequestsJSON(&js, []open311.Request{sr}))
	for _, leak := range []string{"Zappacosta", "int.", "41.871234", "12.521278"} {
		assert.NotContains(t, js.String(), leak)
	}
	assert.Equal(t, "Via Roma 12 int. 4 c/o Zappacosta", v.Place.Address, "the office keeps the address as given")
	assert.Equal(t, 41.871234, v.Place.Point.Lat)
	tags := v.Index().Tags
	assert.Contains(t, tags, "street:via roma")
	for _, tag := range tags {
		assert.NotContains(t, tag, "zappacosta")
	}

	// An address naming the reporter without a civic number or a marker
	// before the name is left out of the publication, and of the Index.
	fl.Place = complaint.Place{Address: "Largo Zappacosta", Municipio: 5}
	w := f.file(t, desk, fl)
	assert.Empty(t, open311.For(f.svc).Request(w).Address)
	assert.Equal(t, complaint.Place{Municipio: 5}, w.PublicPlace())
	for _, tag := range w.Index().Tags {
		assert.NotContains(t, tag, "street:")
	}
}

func TestOpen311_DecodeTolerance(t *testing.T) {
	got, err := open311.DecodeRequestsJSON(strings.NewReader(`{"service_request_id": 638344, "status": "open", "service_code": "buche", "lat": "41.9", "long": 12.5, "requested_datetime": "2010-04-14T06:37:38-0800"}`))
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, open311.RequestID("638344"), got[0].ServiceRequestID, "a numeric id")
	assert.Equal(t, 41.9, float64(*got[0].Lat), "a coordinate as string")
	assert.Equal(t, time.Date(2010, 4, 14, 14, 37, 38, 0, time.UTC), got[0].RequestedDatetime.Time, "a zone without colon")
	for _, bad := range []string{
		`[{"status":"pending"}]`,
		`[{"lat": 1}]`,
		`[{"lat": 100, "long": 0}]`,
		`[{"requested_datetime": "2010-04-14T06:37:38"}]`,
		`[{"service_request_id": {}}]`,
		`not json`,
	} {
		_, err := open311.DecodeRequestsJSON(strings.NewReader(bad))
		require.ErrorIs(t, err, complaint.ErrInvalid, bad)
	}
	_, err = open311.DecodeRequestsXML(strings.NewReader(`<service_requests><request><status>weird</status></request></service_requests>`))
	require.ErrorIs(t, err, complaint.ErrInvalid)
	_, err = open311.DecodeRequestsXML(strings.NewReader(`<oops`))
	require.ErrorIs(t, err, complaint.ErrInvalid)
	var empty bytes.Buffer
	require.NoError(t, open311.EncodeRequestsJSON(&empty, nil))
	assert.Equal(t, "[]\n", empty.String())
}

func TestOpen311_Services(t *testing.T) {
	svcs := open311.For(newFixture(t).svc).Services()
	require.Len(t, svcs, 7)
	assert.Equal(t, open311.Service{ServiceCode: "buche", ServiceName: "Buche e dissesti stradali", Type: "realtime", Keywords: "buca", Group: "Strade e marciapiedi"}, svcs[1])
	b, err := json.Marshal(svcs[4])
	require.NoError(t, err)
	assert.JSONEq(t, `{"service_code":"rifiuti","service_name":"Rifiuti e decoro","description":"raccolta e cassonetti","metadata":false,"type":"realtime"}`, string(b))
}

// FuzzDecodeRequestsJSON: the lenient GET decoder never panics; every
// record it returns, even beside RecordErrors, has an identifier, a
// standard status and lat/long together, and re-encodes to a document read
// back without error and to the same requests; every record is either
// returned or reported.
func FuzzDecodeRequestsJSON(f *testing.F) {
	f.Add(`[{"service_request_id":"R-1","status":"open","service_code":"buche","lat":41.87,"long":12.52,"requested_datetime":"2026-10-02T08:00:00Z"}]`)
	f.Add(`{"service_request_id": 7, "status": "closed"}`)
	f.Add(`[]`)
	f.Add(`[{"lat":"1e400","long":0}]`)
	f.Add(`[{"service_request_id":1,"status":"IN_PROGRESS","service_code":101,"zipcode":185,"address_id":5},{"status":"weird"}]`)
	if b, err := os.ReadFile(filepath.Join("testdata", "spec", "requests.json")); err == nil {
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := open311.DecodeRequestsJSON(strings.NewReader(in))
		var bad open311.RecordErrors
		if err != nil && !errors.As(err, &bad) {
			return
		}
		var raws []json.RawMessage
		if json.Unmarshal([]byte(in), &raws) == nil && len(got)+len(bad) != len(raws) {
			t.Fatalf("%d records, %d returned and %d reported", len(raws), len(got), len(bad))
		}
		checkRequests(t, in, got)
		var buf bytes.Buffer
		if err := open311.EncodeRequestsJSON(&buf, got); err != nil {
			t.Fatalf("accepted %q but cannot encode it: %v", in, err)
		}
		again, err := open311.DecodeRequestsJSON(&buf)
		if err != nil {
			t.Fatalf("re-decoding %q: %v", buf.String(), err)
		}
		if len(again) != len(got) {
			t.Fatalf("round trip changed the number of requests")
		}
		for i := range got {
			a, b := got[i], again[i]
			if a.ServiceRequestID != b.ServiceRequestID || a.Status != b.Status || a.Description != b.Description || a.ServiceCode != b.ServiceCode || a.Zipcode != b.Zipcode {
				t.Fatalf("round trip changed %+v into %+v", a, b)
			}
		}
	})
}

// checkRequests fails on a returned record a decoder should have reported.
func checkRequests(t *testing.T, in string, got []open311.Request) {
	t.Helper()
	for _, r := range got {
		if strings.TrimSpace(string(r.ServiceRequestID)) == "" || (r.Status != open311.StatusOpen && r.Status != open311.StatusClosed) || (r.Lat == nil) != (r.Long == nil) {
			t.Fatalf("%q gave a record that should have been reported: %+v", in, r)
		}
	}
}

// FuzzDecodeRequestsXML: the XML decoder never panics, returns only sound
// records, and what it returns encodes and reads back without error.
func FuzzDecodeRequestsXML(f *testing.F) {
	f.Add(`<?xml version="1.0" encoding="UTF-8"?><service_requests><request><service_request_id>1</service_request_id><status>open</status><lat>41.9</lat><long>12.5</long></request></service_requests>`)
	f.Add(`<service_requests></service_requests>`)
	f.Add(`<service_requests><request><service_request_id>2</service_request_id><status>fixed</status></request><request><lat>x</lat></request></service_requests>`)
	f.Fuzz(func(t *testing.T, in string) {
		got, err := open311.DecodeRequestsXML(strings.NewReader(in))
		var bad open311.RecordErrors
		if err != nil && !errors.As(err, &bad) {
			return
		}
		checkRequests(t, in, got)
		var buf bytes.Buffer
		if err := open311.EncodeRequestsXML(&buf, got); err != nil {
			t.Fatalf("accepted %q but cannot encode it: %v", in, err)
		}
		if _, err := open311.DecodeRequestsXML(&buf); err != nil {
			t.Fatalf("re-decoding %q: %v", buf.String(), err)
		}
	})
}

// FuzzDecodeServicesJSON: the lenient services and service definition
// decoders never panic, and what they accept round-trips.
func FuzzDecodeServicesJSON(f *testing.F) {
	f.Add(`[{"service_code":101,"service_name":"x","metadata":"true","type":"realtime"}]`)
	f.Add(`{"service_code":1,"attributes":[{"code":"a","order":"2","required":"true","values":[{"key":1,"name":"n"}]}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		if svcs, err := open311.DecodeServicesJSON(strings.NewReader(in)); err == nil {
			var buf bytes.Buffer
			if err := open311.EncodeServicesJSON(&buf, svcs); err != nil {
				t.Fatalf("accepted %q but cannot encode it: %v", in, err)
			}
			again, err := open311.DecodeServicesJSON(&buf)
			if err != nil || len(again) != len(svcs) {
				t.Fatalf("round trip of %q: %v", in, err)
			}
		}
		if d, err := open311.DecodeDefinitionJSON(strings.NewReader(in)); err == nil {
			var buf bytes.Buffer
			if err := open311.EncodeDefinitionJSON(&buf, d); err != nil {
				t.Fatalf("accepted %q but cannot encode it: %v", in, err)
			}
			if _, err := open311.DecodeDefinitionJSON(&buf); err != nil {
				t.Fatalf("round trip of %q: %v", in, err)
			}
		}
	})
}

// FuzzParsePostRequest: the form decoder never panics, and what it accepts
// survives Values and the wire encoding.
func FuzzParsePostRequest(f *testing.F) {
	f.Add(postRequest().Values().Encode())
	f.Add("service_code=buche&address_string=Via+Appia&attribute%5Bmunicipio%5D=VII")
	f.Add("service_code=x&lat=1&long=")
	f.Fuzz(func(t *testing.T, in string) {
		form, err := url.ParseQuery(in)
		if err != nil {
			return
		}
		p, err := open311.ParsePostRequest(form)
		if err != nil {
			return
		}
		back, err := open311.ParsePostRequest(p.Values())
		if err != nil {
			t.Fatalf("accepted %q, refused its re-encoding: %v", in, err)
		}
		if back.ServiceCode != p.ServiceCode || back.Description != p.Description || back.Email != p.Email {
			t.Fatalf("round trip changed %+v into %+v", p, back)
		}
	})
}
