package open311_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
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

// The documents under testdata/spec were written for these tests from the
// text of the GeoReport v2 specification, in each of its forms (XML and
// JSON), with the liberties real servers take: numbers for codes, strings
// for booleans, null for empty fields.

func spec(t *testing.T, name string) io.Reader {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "spec", name))
	require.NoError(t, err)
	return bytes.NewReader(b)
}

var specServices = []open311.Service{
	{ServiceCode: "101", ServiceName: "Lampione spento", Description: "Un punto luce della pubblica illuminazione non funziona.", Metadata: true, Type: "realtime", Keywords: "lampione, luce, buio", Group: "illuminazione"},
	{ServiceCode: "102", ServiceName: "Rifiuti abbandonati", Description: "Ingombranti o sacchi lasciati sulla strada.", Metadata: false, Type: "batch", Keywords: "rifiuti, ingombranti", Group: "decoro"},
}

// TestSpec_Services: GET services, in XML and in JSON with a numeric
// service_code and metadata "true", reads to the same services and
// round-trips.
func TestSpec_Services(t *testing.T) {
	for _, c := range []struct {
		file string
		dec  func(io.Reader) ([]open311.Service, error)
		enc  func(io.Writer, []open311.Service) error
	}{
		{"services.xml", open311.DecodeServicesXML, open311.EncodeServicesXML},
		{"services.json", open311.DecodeServicesJSON, open311.EncodeServicesJSON},
	} {
		got, err := c.dec(spec(t, c.file))
		require.NoError(t, err, c.file)
		assert.Equal(t, specServices, got, c.file)
		var buf bytes.Buffer
		require.NoError(t, c.enc(&buf, got))
		again, err := c.dec(&buf)
		require.NoError(t, err)
		assert.Equal(t, got, again, c.file+" round trip")
	}
	var buf bytes.Buffer
	require.NoError(t, open311.EncodeServicesXML(&buf, specServices[:1]))
	assert.True(t, strings.HasPrefix(buf.String(), `<?xml version="1.0" encoding="UTF-8"?>`+"\n<services><service><service_code>101</service_code>"), buf.String())
}

var specDefinition = open311.ServiceDefinition{ServiceCode: "101", Attributes: []open311.Attribute{
	{Variable: true, Code: "palo", Datatype: open311.String, DatatypeDescription: "Il numero scritto sul palo, se visibile.", Order: 1, Description: "Numero del palo"},
	{Variable: true, Code: "guasto", Datatype: open311.SingleValueList, Required: true, Order: 2, Description: "Che cosa si vede?",
		Values: []open311.AttributeValue{{Key: "1", Name: "Spento"}, {Key: "2", Name: "Lampeggia"}}},
}}

// TestSpec_ServiceDefinition: GET service definition, in XML and in JSON
// with numeric keys, booleans and order as strings, null descriptions.
func TestSpec_ServiceDefinition(t *testing.T) {
	for _, c := range []struct {
		file string
		dec  func(io.Reader) (open311.ServiceDefinition, error)
		enc  func(io.Writer, open311.ServiceDefinition) error
	}{
		{"definition.xml", open311.DecodeDefinitionXML, open311.EncodeDefinitionXML},
		{"definition.json", open311.DecodeDefinitionJSON, open311.EncodeDefinitionJSON},
	} {
		got, err := c.dec(spec(t, c.file))
		require.NoError(t, err, c.file)
		assert.Equal(t, specDefinition, got, c.file)
		var buf bytes.Buffer
		require.NoError(t, c.enc(&buf, got))
		again, err := c.dec(&buf)
		require.NoError(t, err)
		assert.Equal(t, got, again, c.file+" round trip")
	}
	_, err := open311.DecodeDefinitionJSON(strings.NewReader(`{"service_code":"1","attributes":[{"code":"x","order":"primo"}]}`))
	require.ErrorIs(t, err, complaint.ErrInvalid)
}

// TestSpec_PostResponses: the answer to POST service request and to GET
// token is an array, <service_requests><request> in XML, with the
// identifier or a token.
func TestSpec_PostResponses(t *testing.T) {
	notice := "La segnalazione sarà esaminata entro 48 ore."
	for _, c := range []struct {
		file string
		want open311.PostResponse
	}{
		{"post_response.xml", open311.PostResponse{ServiceRequestID: "2931", ServiceNotice: notice}},
		{"post_response.json", open311.PostResponse{ServiceRequestID: "2931", ServiceNotice: notice}},
		{"post_token.json", open311.PostResponse{Token: "5f1e9c2a", ServiceNotice: notice}},
		{"token.xml", open311.PostResponse{ServiceRequestID: "2931", Token: "5f1e9c2a"}},
		{"token.json", open311.PostResponse{ServiceRequestID: "2931", Token: "5512"}},
	} {
		dec, enc := open311.DecodePostResponsesJSON, open311.EncodePostResponsesJSON
		if strings.HasSuffix(c.file, ".xml") {
			dec, enc = open311.DecodePostResponsesXML, open311.EncodePostResponsesXML
		}
		got, err := dec(spec(t, c.file))
		require.NoError(t, err, c.file)
		assert.Equal(t, []open311.PostResponse{c.want}, got, c.file)
		var buf bytes.Buffer
		require.NoError(t, enc(&buf, got))
		again, err := dec(&buf)
		require.NoError(t, err)
		assert.Equal(t, got, again, c.file+" round trip")
	}
	var buf bytes.Buffer
	require.NoError(t, open311.EncodePostResponsesJSON(&buf, []open311.PostResponse{{ServiceRequestID: "R-1", AccountID: "a1"}}))
	assert.Equal(t, `[{"service_request_id":"R-1","account_id":"a1"}]`+"\n", buf.String())
	buf.Reset()
	require.NoError(t, open311.EncodePostResponsesXML(&buf, []open311.PostResponse{{Token: "t1"}}))
	assert.Equal(t, `<?xml version="1.0" encoding="UTF-8"?>`+"\n<service_requests><request><token>t1</token></request></service_requests>\n", buf.String())
	for _, bad := range []string{`[{"service_notice":"x"}]`, `{"token":{}}`, `nope`} {
		_, err := open311.DecodePostResponsesJSON(strings.NewReader(bad))
		require.ErrorIs(t, err, complaint.ErrInvalid, bad)
	}
}

// TestSpec_Errors: the errors document, <errors><error> or a JSON array.
func TestSpec_Errors(t *testing.T) {
	want := []open311.Error{{Code: 403, Description: "api_key mancante o non valida"}, {Code: 400, Description: "service_code mancante"}}
	for _, file := range []string{"errors.xml", "errors.json"} {
		dec, enc := open311.DecodeErrorsJSON, open311.EncodeErrorsJSON
		if strings.HasSuffix(file, ".xml") {
			dec, enc = open311.DecodeErrorsXML, open311.EncodeErrorsXML
		}
		got, err := dec(spec(t, file))
		require.NoError(t, err, file)
		assert.Equal(t, want, got, file)
		var buf bytes.Buffer
		require.NoError(t, enc(&buf, got))
		again, err := dec(&buf)
		require.NoError(t, err)
		assert.Equal(t, got, again, file+" round trip")
	}
	_, err := open311.DecodeErrorsJSON(strings.NewReader(`[{"code":"quattrocento"}]`))
	require.ErrorIs(t, err, complaint.ErrInvalid)
}

// TestSpec_RequestsLenient: a GET requests list with numeric codes,
// extended statuses and bad records yields the good records, statuses
// mapped with the original kept, and one RecordError per bad record.
func TestSpec_RequestsLenient(t *testing.T) {
	got, err := open311.DecodeRequestsJSON(spec(t, "requests.json"))
	var bad open311.RecordErrors
	require.ErrorAs(t, err, &bad)
	require.ErrorIs(t, err, complaint.ErrInvalid)
	first := got[0]
	assert.Equal(t, open311.RequestID("2931"), first.ServiceRequestID)
	assert.Equal(t, "101", first.ServiceCode, "a numeric service_code")
	assert.Equal(t, "545483", first.AddressID, "a numeric address_id")
	assert.Equal(t, "185", first.Zipcode, "a numeric zipcode")
	assert.Equal(t, time.Date(2026, 9, 14, 14, 37, 38, 0, time.UTC), first.RequestedDatetime.Time)
	type st struct {
		id               open311.RequestID
		status, original string
	}
	var sts []st
	for _, r := range got {
		sts = append(sts, st{r.ServiceRequestID, r.Status, r.ExtendedStatus})
	}
	assert.Equal(t, []st{{"2931", "open", ""}, {"2932", "open", "IN_PROGRESS"}, {"2933", "open", "Action Scheduled"}, {"2934", "closed", "fixed"}}, sts)
	type rec struct {
		index int
		id    open311.RequestID
	}
	var recs []rec
	for _, e := range bad {
		recs = append(recs, rec{e.Index, e.ID})
		assert.ErrorIs(t, e, complaint.ErrInvalid)
	}
	assert.Equal(t, []rec{{4, "2935"}, {5, "2936"}, {6, ""}, {7, "2938"}, {8, "2939"}}, recs, "unknown status, lat alone, no ID, no status, bad datetime")

	gotX, err := open311.DecodeRequestsXML(spec(t, "requests.xml"))
	require.ErrorAs(t, err, &bad)
	require.Len(t, gotX, 2)
	assert.Equal(t, first, gotX[0], "the same record in XML")
	assert.Equal(t, "investigating", gotX[1].ExtendedStatus)
	recs = nil
	for _, e := range bad {
		recs = append(recs, rec{e.Index, e.ID})
	}
	assert.Equal(t, []rec{{2, "2935"}, {3, "2936"}, {4, "2937"}}, recs, "unknown status, long alone, lat not a number")

	var buf bytes.Buffer
	require.NoError(t, open311.EncodeRequestsXML(&buf, gotX))
	again, err := open311.DecodeRequestsXML(&buf)
	require.NoError(t, err, "what was read writes a clean document")
	gotX[1].ExtendedStatus = ""
	assert.Equal(t, gotX, again)
}

func TestStandardStatus(t *testing.T) {
	for in, want := range map[string]string{
		"open": "open", "closed": "closed", "Investigating": "open", "in progress": "open", "in-progress": "open",
		"ACTION_SCHEDULED": "open", "fixed": "closed", "duplicate": "closed", "not_councils_responsibility": "closed",
		"no further action": "closed", "unable_to_fix": "closed", "internal_referral": "closed", " resolved ": "closed",
	} {
		got, ok := open311.StandardStatus(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "pending", "waiting", "openish"} {
		_, ok := open311.StandardStatus(in)
		assert.False(t, ok, in)
	}
}

// TestErrorsFor: each class of error gets its HTTP code, and the
// description never repeats the error's text.
func TestErrorsFor(t *testing.T) {
	secret := "mario.rossi@example.org"
	for _, c := range []struct {
		err  error
		code int
	}{
		{&open311.FieldError{Field: "lat", Problem: "is not a decimal number"}, http.StatusBadRequest},
		{&open311.FieldError{Field: "service_code", Problem: "unknown", Err: open311.ErrUnknownService}, http.StatusNotFound},
		{errors.Join(complaint.ErrInvalid, errors.New(secret)), http.StatusBadRequest},
		{errors.Join(complaint.ErrRule, errors.New(secret)), http.StatusBadRequest},
		{errors.Join(complaint.ErrNotAllowed, errors.New(secret)), http.StatusBadRequest},
		{errors.Join(complaint.ErrForbidden, errors.New(secret)), http.StatusForbidden},
		{errors.Join(complaint.ErrNotFound, errors.New(secret)), http.StatusNotFound},
		{errors.Join(complaint.ErrConflict, errors.New(secret)), http.StatusConflict},
		{errors.Join(errors.New(secret)), http.StatusInternalServerError},
	} {
		code, errs := open311.ErrorsFor(c.err)
		assert.Equal(t, c.code, code, c.err.Error())
		require.Len(t, errs, 1)
		assert.Equal(t, c.code, errs[0].Code)
		assert.NotContains(t, errs[0].Description, secret)
		assert.NotEmpty(t, errs[0].Description)
	}
}

// TestCodec_Attributes: a POST's attribute answers are checked against
// the service definition and kept as the complaint's attributes; those
// not asked are dropped.
func TestCodec_Attributes(t *testing.T) {
	f := newFixture(t)
	o := open311.For(f.svc)
	o.Attributes = map[string][]open311.Attribute{"buche": {
		{Variable: true, Code: "larghezza", Datatype: open311.Number, Order: 1},
		{Variable: true, Code: "quando", Datatype: open311.DatetimeType, Order: 2},
		{Variable: true, Code: "pericoli", Datatype: open311.MultiValueList, Order: 3, Values: []open311.AttributeValue{{Key: "bici", Name: "Per le bici"}, {Key: "pedoni", Name: "Per i pedoni"}}},
	}}
	for _, c := range []struct {
		attrs map[string]string
		want  []complaint.Attribute
		field string
	}{
		{map[string]string{"larghezza": "0.5", "quando": "2026-10-01T18:00:00+02:00", "pericoli": "bici, pedoni", "altro": "x"},
			[]complaint.Attribute{{Code: "larghezza", Value: "0.5"}, {Code: "quando", Value: "2026-10-01T18:00:00+02:00"}, {Code: "pericoli", Value: "bici"}, {Code: "pericoli", Value: "pedoni"}}, ""},
		{map[string]string{"larghezza": "mezzo metro"}, nil, "attribute[larghezza]"},
		{map[string]string{"quando": "ieri sera"}, nil, "attribute[quando]"},
		{map[string]string{"pericoli": "bici,auto"}, nil, "attribute[pericoli]"},
		{map[string]string{"larghezza": strings.Repeat("1", 501)}, nil, "attribute[larghezza]"},
		{nil, nil, ""},
	} {
		p := postRequest()
		p.Attributes = c.attrs
		fl, err := o.Filing(p)
		if c.field != "" {
			var fe *open311.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, c.field, fe.Field)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, c.want, fl.Attributes)
	}
}

// TestParsePostRequest_MultiValueList: the answers of a multivaluelist
// arrive as attribute[code][] or a repeated attribute[code], and are read
// as one comma list the Codec splits.
func TestParsePostRequest_MultiValueList(t *testing.T) {
	for _, q := range []string{
		"service_code=buche&address_id=1&attribute%5Bpericoli%5D%5B%5D=bici&attribute%5Bpericoli%5D%5B%5D=pedoni",
		"service_code=buche&address_id=1&attribute%5Bpericoli%5D=bici&attribute%5Bpericoli%5D=pedoni",
		"service_code=buche&address_id=1&attribute%5Bpericoli%5D=bici,pedoni&attribute%5B%5D=x&attribute%5Bz=y",
	} {
		form, err := url.ParseQuery(q)
		require.NoError(t, err)
		p, err := open311.ParsePostRequest(form)
		require.NoError(t, err, q)
		assert.Equal(t, map[string]string{"pericoli": "bici,pedoni"}, p.Attributes, q)
	}
}

// TestDecodePostJSON_Lenient: a JSON POST with numeric codes and attribute
// values reads as the form would.
func TestDecodePostJSON_Lenient(t *testing.T) {
	p, err := open311.DecodePostJSON(strings.NewReader(`{"service_code": 101, "address_id": 545483, "account_id": 7, "device_id": null, "lat": "41.9", "long": 12.5, "attributes": {"palo": 12, "guasto": "1"}}`))
	require.NoError(t, err)
	lat, long := open311.Coord(41.9), open311.Coord(12.5)
	assert.Equal(t, open311.PostRequest{ServiceCode: "101", AddressID: "545483", AccountID: "7", Lat: &lat, Long: &long,
		Attributes: map[string]string{"palo": "12", "guasto": "1"}}, p)
	_, err = open311.DecodePostJSON(strings.NewReader(`{"service_code": {"x": 1}}`))
	require.ErrorIs(t, err, complaint.ErrInvalid)
}
