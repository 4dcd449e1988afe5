package open311_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/complaint/open311"
	"github.com/puntodiascolto/ascolto/office"
)

const apiKey = "fms-key-0123456789"

var fms = office.Actor{ID: "fixmystreet", Role: office.External}

// declared are the questions the desk asks: the licence plate of a car
// parked on the pothole and a photo's link for every report on roads, the
// kind of damage for potholes.
func declared() map[string][]open311.Attribute {
	return map[string][]open311.Attribute{
		"strade": {
			{Variable: true, Code: "targa", Datatype: open311.String, Order: 2, Description: "Targa del veicolo in sosta sulla buca"},
			{Variable: true, Code: "foto", Datatype: open311.String, Order: 1, Description: "Collegamento a una foto"},
		},
		"buche": {
			{Variable: true, Code: "tipo", Datatype: open311.SingleValueList, Required: true, Order: 1, Description: "Tipo di dissesto",
				Values: []open311.AttributeValue{{Key: "buca", Name: "Buca"}, {Key: "cedimento", Name: "Cedimento"}}},
			{Variable: false, Code: "avviso", Datatype: open311.Text, Order: 2, Description: "In caso di pericolo chiamare il 112"},
		},
	}
}

// server is an Open311 endpoint over the test fixture.
type server struct {
	*fixture
	h   *open311.Handler
	srv *httptest.Server
	tok int
}

func newServer(t *testing.T, deferred bool) *server {
	t.Helper()
	f := newFixture(t)
	codec := open311.For(f.svc)
	codec.Attributes = declared()
	codec.Jurisdiction = "roma.it"
	s := &server{fixture: f}
	h, err := open311.NewHandler(open311.Config{
		Service: f.svc, Keys: open311.KeyMap{apiKey: fms}, Codec: &codec, Now: f.clock.Now, Deferred: deferred,
		NewToken: func() string { s.tok++; return fmt.Sprintf("T-%d", s.tok) },
	})
	require.NoError(t, err)
	s.h = h
	s.srv = httptest.NewServer(h)
	t.Cleanup(s.srv.Close)
	return s
}

// get returns the status and body of GET path.
func (s *server) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(s.srv.URL + "/" + path)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

// post sends form as FixMyStreet's client does: form-encoded, api_key in
// the body.
func (s *server) post(t *testing.T, path string, form url.Values) (int, string) {
	t.Helper()
	resp, err := http.PostForm(s.srv.URL+"/"+path, form)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

// fmsForm is what FixMyStreet's Open311 client posts for a report.
func fmsForm() url.Values {
	return url.Values{
		"api_key": {apiKey}, "service_code": {"buche"}, "lat": {"41.874113"}, "long": {"12.521127"},
		"address_string": {"Via Appia Nuova 120"}, "email": {"mario.rossi@example.org"},
		"first_name": {"Mario"}, "last_name": {"Rossi"}, "phone": {"+39 333 1234567"},
		"description": {"Buca profonda davanti al civico 120"}, "media_url": {"https://example.org/buca.jpg"},
		"account_id": {"acct-7"}, "device_id": {"device-42"},
		"attribute[tipo]": {"buca"}, "attribute[targa]": {"AB123CD"}, "attribute[nonchiesto]": {"x"},
	}
}

// errorsOf decodes an errors document in the format of path.
func errorsOf(t *testing.T, path, body string) []open311.Error {
	t.Helper()
	var errs []open311.Error
	var err error
	if strings.HasSuffix(path, ".xml") {
		errs, err = open311.DecodeErrorsXML(strings.NewReader(body))
	} else {
		errs, err = open311.DecodeErrorsJSON(strings.NewReader(body))
	}
	require.NoError(t, err, body)
	require.Len(t, errs, 1)
	return errs
}

// TestHandler_FixMyStreetClient drives the endpoint as FixMyStreet's
// Open311 client does: services, a service definition, POST a report and
// read request[0].service_request_id, list, fetch one.
func TestHandler_FixMyStreetClient(t *testing.T) {
	s := newServer(t, false)
	code, body := s.get(t, "services.xml")
	require.Equal(t, http.StatusOK, code)
	svcs, err := open311.DecodeServicesXML(strings.NewReader(body))
	require.NoError(t, err)
	require.Len(t, svcs, 7)
	assert.Equal(t, open311.Service{ServiceCode: "buche", ServiceName: "Buche e dissesti stradali", Metadata: true, Type: "realtime", Keywords: "buca", Group: "Strade e marciapiedi"}, svcs[1])
	assert.False(t, svcs[4].Metadata, "rifiuti asks nothing")

	code, body = s.get(t, "services/buche.json")
	require.Equal(t, http.StatusOK, code)
	def, err := open311.DecodeDefinitionJSON(strings.NewReader(body))
	require.NoError(t, err)
	var codes []string
	for i, a := range def.Attributes {
		codes = append(codes, a.Code)
		assert.Equal(t, i+1, a.Order)
	}
	assert.Equal(t, []string{"foto", "targa", "tipo", "avviso"}, codes, "the parent's questions first, each group in its order")

	code, body = s.post(t, "requests.json", fmsForm())
	require.Equal(t, http.StatusOK, code, body)
	assert.True(t, strings.HasPrefix(body, "[{"), "a JSON array: FixMyStreet reads request[0]")
	resp, err := open311.DecodePostResponsesJSON(strings.NewReader(body))
	require.NoError(t, err)
	require.Len(t, resp, 1)
	assert.Equal(t, open311.PostResponse{ServiceRequestID: "R-01", AccountID: "acct-7", ServiceNotice: "Segnalazione registrata; risposta prevista entro il 17/10/2026"}, resp[0])
	attrs, err := s.svc.Attributes(s.ctx, "R-01")
	require.NoError(t, err)
	assert.Equal(t, []complaint.Attribute{{Code: "targa", Value: "AB123CD"}, {Code: "tipo", Value: "buca"}}, attrs, "declared and asked only; in declaration order")

	s.clock.Set(s.clock.Now().Add(time.Hour))
	form := fmsForm()
	form.Set("service_code", "rifiuti")
	code, body = s.post(t, "requests.xml", form)
	require.Equal(t, http.StatusOK, code, body)
	assert.Contains(t, body, "<service_requests><request><service_request_id>R-02</service_request_id>")
	xr, err := open311.DecodePostResponsesXML(strings.NewReader(body))
	require.NoError(t, err)
	assert.Equal(t, open311.RequestID("R-02"), xr[0].ServiceRequestID)

	code, body = s.get(t, "requests.json")
	require.Equal(t, http.StatusOK, code)
	list, err := open311.DecodeRequestsJSON(strings.NewReader(body))
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.Equal(t, []open311.RequestID{"R-02", "R-01"}, []open311.RequestID{list[0].ServiceRequestID, list[1].ServiceRequestID}, "most recent first")

	code, body = s.get(t, "requests/R-01.xml")
	require.Equal(t, http.StatusOK, code)
	one, err := open311.DecodeRequestsXML(strings.NewReader(body))
	require.NoError(t, err)
	require.Len(t, one, 1)
	assert.Equal(t, list[1], one[0])
	assert.Equal(t, "Via Appia Nuova 120", one[0].Address)
	assert.Equal(t, 41.8741, float64(*one[0].Lat))
}

// TestHandler_Filters: GET requests narrows by service_request_id (which
// overrides the rest), service_code, status and the received window.
func TestHandler_Filters(t *testing.T) {
	s := newServer(t, false)
	s.file(t, web, pothole()) // R-01, 2 October
	s.clock.at(2026, 10, 5)
	fl := pothole()
	fl.Category = "rifiuti"
	s.file(t, web, fl) // R-02, 5 October
	s.clock.at(2026, 10, 9)
	must(t)(s.svc.Assign(s.ctx, complaint.Act{ID: "R-01", By: desk}, complaint.Assignment{To: "csimu"}))
	must(t)(s.svc.Answer(s.ctx, complaint.Act{ID: "R-01", By: csimu}, complaint.Answer{Outcome: complaint.Scheduled, Summary: "intervento entro ottobre"}))
	desk := s.file(t, desk, complaint.Filed{Kind: complaint.Reclamo, Channel: complaint.Email, Category: "anagrafe", Summary: "attesa allo sportello"})

	for q, want := range map[string][]open311.RequestID{
		"":                                      {"R-02", "R-01"},
		"?status=open":                          {"R-02"},
		"?status=closed":                        {"R-01"},
		"?status=open,closed":                   {"R-02", "R-01"},
		"?service_code=buche":                   {"R-01"},
		"?service_code=strade":                  nil,
		"?service_code=buche,rifiuti":           {"R-02", "R-01"},
		"?start_date=2026-10-03T00:00:00Z":      {"R-02"},
		"?end_date=2026-10-03T00:00:00%2B02:00": {"R-01"},
		"?start_date=2026-10-02T08:00:00Z&end_date=2026-10-02T08:00:00Z":            {"R-01"},
		"?start_date=2026-10-02T08:00:01Z&end_date=2026-10-05T07:59:59Z":            nil,
		"?service_request_id=R-02,R-01,R-99&status=closed":                          {"R-02", "R-01"},
		"?service_request_id=" + string(desk.ID):                                    nil,
		"?service_code=rifiuti&status=open&start_date=2026-10-01T00:00:00Z":         {"R-02"},
		"?jurisdiction_id=roma.it&service_code=buche&end_date=2026-12-01T00:00:00Z": {"R-01"},
	} {
		code, body := s.get(t, "requests.json"+q)
		require.Equal(t, http.StatusOK, code, q+": "+body)
		got, err := open311.DecodeRequestsJSON(strings.NewReader(body))
		require.NoError(t, err, q)
		var ids []open311.RequestID
		for _, r := range got {
			ids = append(ids, r.ServiceRequestID)
		}
		assert.Equal(t, want, ids, q)
	}
	s.clock.at(2027, 1, 10)
	code, body := s.get(t, "requests.json")
	require.Equal(t, http.StatusOK, code)
	assert.Equal(t, "[]\n", body, "older than the last 90 days")
}

// TestHandler_Errors: every refusal is an errors document with the HTTP
// code of ErrorsFor, in the format asked.
func TestHandler_Errors(t *testing.T) {
	s := newServer(t, false)
	s.file(t, web, pothole())
	without := func(k string) url.Values { f := fmsForm(); f.Del(k); return f }
	with := func(k, v string) url.Values { f := fmsForm(); f.Set(k, v); return f }
	for _, c := range []struct {
		name, method, path string
		form               url.Values
		code               int
		desc               string
	}{
		{"bad api_key", "POST", "requests.json", with("api_key", "stolen"), 403, ""},
		{"no api_key", "POST", "requests.xml", without("api_key"), 403, ""},
		{"unknown service posted", "POST", "requests.json", with("service_code", "unicorni"), 404, "service_code: is not a service of this endpoint"},
		{"unknown service", "GET", "services/unicorni.xml", nil, 404, "service_code: is not a service of this endpoint"},
		{"unknown service listed", "GET", "requests.json?service_code=unicorni", nil, 404, ""},
		{"unknown request", "GET", "requests/R-99.json", nil, 404, ""},
		{"malformed request id", "GET", "requests/%20.json", nil, 404, ""},
		{"unknown token", "GET", "tokens/T-1.xml", nil, 404, ""},
		{"unknown endpoint", "GET", "reports.json", nil, 404, ""},
		{"unknown format", "GET", "services.csv", nil, 404, ""},
		{"lat without long", "POST", "requests.json", without("long"), 400, "lat: and long go together"},
		{"lat not a number", "POST", "requests.xml", with("lat", "nord"), 400, "lat: is not a decimal number"},
		{"required attribute", "POST", "requests.json", without("attribute[tipo]"), 400, "attribute[tipo]: is required"},
		{"value not in list", "POST", "requests.json", with("attribute[tipo]", "voragine"), 400, ""},
		{"malformed e-mail", "POST", "requests.json", with("email", "mario.rossi at example.org"), 400, "dati della richiesta non validi"},
		{"bad start_date", "GET", "requests.json?start_date=ieri", nil, 400, "start_date: is not a W3C datetime with a zone"},
		{"span over 90 days", "GET", "requests.xml?start_date=2026-01-01T00:00:00Z&end_date=2026-10-01T00:00:00Z", nil, 400, ""},
		{"end before start", "GET", "requests.json?start_date=2026-10-02T00:00:00Z&end_date=2026-10-01T00:00:00Z", nil, 400, ""},
		{"unknown status", "GET", "requests.json?status=pending", nil, 400, ""},
		{"other jurisdiction", "POST", "requests.json", with("jurisdiction_id", "milano.it"), 400, ""},
	} {
		var code int
		var body string
		if c.method == "POST" {
			code, body = s.post(t, c.path, c.form)
		} else {
			code, body = s.get(t, c.path)
		}
		require.Equal(t, c.code, code, c.name+": "+body)
		errs := errorsOf(t, strings.SplitN(c.path, "?", 2)[0], body)
		assert.Equal(t, c.code, errs[0].Code, c.name)
		if c.desc != "" {
			assert.Equal(t, c.desc, errs[0].Description, c.name)
		}
		assert.NotContains(t, body, "mario.rossi", c.name)
	}
	resp, err := http.Post(s.srv.URL+"/requests.json", "application/x-www-form-urlencoded", strings.NewReader(strings.Repeat("a", 70<<10)))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode, "a body over MaxBody")
	list, err := open311.DecodeRequestsJSON(strings.NewReader(s.mustGet(t, "requests.json")))
	require.NoError(t, err)
	assert.Len(t, list, 1, "nothing refused was filed")
}

func (s *server) mustGet(t *testing.T, path string) string {
	t.Helper()
	code, body := s.get(t, path)
	require.Equal(t, http.StatusOK, code, body)
	return body
}

// TestHandler_Tokens: with Deferred, POST answers with a token at once;
// GET tokens/{token} gives the token alone until Process files the
// request, received at the time of the POST, then its
// service_request_id; a request refused at filing answers with its
// refusal; a token is forgotten TokenTTL after.
func TestHandler_Tokens(t *testing.T) {
	s := newServer(t, true)
	code, body := s.post(t, "requests.json", fmsForm())
	require.Equal(t, http.StatusOK, code, body)
	resp, err := open311.DecodePostResponsesJSON(strings.NewReader(body))
	require.NoError(t, err)
	require.Equal(t, "T-1", resp[0].Token)
	assert.Empty(t, resp[0].ServiceRequestID)
	posted := s.clock.Now()

	got, err := open311.DecodePostResponsesXML(strings.NewReader(s.mustGet(t, "tokens/T-1.xml")))
	require.NoError(t, err)
	assert.Equal(t, []open311.PostResponse{{Token: "T-1"}}, got, "waiting")
	code, _ = s.post(t, "requests.json", set(fmsForm(), "service_code", "unicorni"))
	require.Equal(t, http.StatusNotFound, code, "checked at once")

	s.clock.Set(posted.Add(3 * time.Hour))
	n, err := s.h.Process(s.ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	got, err = open311.DecodePostResponsesJSON(strings.NewReader(s.mustGet(t, "tokens/T-1.json")))
	require.NoError(t, err)
	assert.Equal(t, []open311.PostResponse{{Token: "T-1", ServiceRequestID: "R-01"}}, got)
	v, err := s.svc.Get(s.ctx, "R-01")
	require.NoError(t, err)
	assert.True(t, v.ReceivedAt.Equal(posted), "received when posted, not when processed")

	n, err = s.h.Process(s.ctx)
	require.NoError(t, err)
	assert.Zero(t, n, "nothing left")

	s.clock.Set(posted.Add(3*time.Hour + 25*time.Hour))
	code, _ = s.get(t, "tokens/T-1.json")
	assert.Equal(t, http.StatusNotFound, code, "forgotten after TokenTTL")
}

func set(f url.Values, k, v string) url.Values { f.Set(k, v); return f }

func encodeJSON(w io.Writer, v any) error { return json.NewEncoder(w).Encode(v) }

// TestHandler_PersonalDataNeverInGET plants a name, an e-mail, a phone
// number, a device and account ID and a licence plate in a POST and walks
// the report through every state (registered, assigned, awaiting the
// citizen, answered, reopened, forwarded outside, closed, and a merged
// duplicate): no GET response, for any format, status, service code,
// window or identifier filter, carries any of them.
func TestHandler_PersonalDataNeverInGET(t *testing.T) {
	s := newServer(t, false)
	planted := []string{"Zappacosta", "Ermenegildo", "zeta.planted", "347 9876543", "9876543", "device-planted-77", "acct-planted-88", "ZZ999ZZ", "casa mia"}
	form := fmsForm()
	for k, v := range map[string]string{"first_name": "Ermenegildo", "last_name": "Zappacosta", "email": "zeta.planted@example.org",
		"phone": "+39 347 9876543", "device_id": "device-planted-77", "account_id": "acct-planted-88", "attribute[targa]": "ZZ999ZZ",
		"description": "Ermenegildo Zappacosta: buca davanti a casa mia", "address_string": "Via Appia Nuova 120 int. 4 c/o Zappacosta"} {
		form.Set(k, v)
	}
	code, body := s.post(t, "requests.json", form)
	require.Equal(t, http.StatusOK, code, body)
	id := complaint.ID("R-01")
	v, err := s.svc.Get(s.ctx, id)
	require.NoError(t, err)
	require.Equal(t, "Zappacosta", v.Person.LastName, "the office keeps them: the test would be vacuous otherwise")
	attrs, err := s.svc.Attributes(s.ctx, id)
	require.NoError(t, err)
	require.Contains(t, attrs, complaint.Attribute{Code: "targa", Value: "ZZ999ZZ"})

	check := func(state string) {
		t.Helper()
		seen := 0
		for _, path := range getPaths(id) {
			code, body := s.get(t, path)
			require.Less(t, code, 500, path)
			seen += strings.Count(body, string(id))
			for _, p := range planted {
				require.NotContains(t, strings.ToLower(body), strings.ToLower(p), "%s: GET %s", state, path)
			}
		}
		require.Positive(t, seen, "%s: the report is listed somewhere", state)
	}
	walk(t, s, id, check)
}

// getPaths are every GET an Open311 client may send about id.
func getPaths(id complaint.ID) []string {
	paths := []string{"services.json", "services.xml", "services/buche.json", "services/buche.xml", "tokens/T-1.json"}
	for _, f := range []string{"json", "xml"} {
		paths = append(paths, "requests/"+string(id)+"."+f)
		for _, st := range []string{"", "open", "closed", "open,closed"} {
			for _, code := range []string{"", "buche", "strade", "buche,rifiuti"} {
				for _, win := range []string{"", "start_date=2026-10-01T00:00:00Z", "start_date=2026-10-01T00:00:00Z&end_date=2026-12-01T00:00:00Z"} {
					q := url.Values{}
					if st != "" {
						q.Set("status", st)
					}
					if code != "" {
						q.Set("service_code", code)
					}
					paths = append(paths, "requests."+f+"?"+q.Encode()+"&"+win)
				}
			}
			paths = append(paths, "requests."+f+"?service_request_id="+string(id)+",R-02&status="+st)
		}
	}
	return paths
}

// walk moves the report through its states, calling check in each.
func walk(t *testing.T, s *server, id complaint.ID, check func(state string)) {
	t.Helper()
	act := complaint.Act{ID: id, By: desk}
	off := complaint.Act{ID: id, By: csimu}
	check("registered")
	must(t)(s.svc.Assign(s.ctx, act, complaint.Assignment{To: "csimu"}))
	check("assigned")
	s.clock.at(2026, 10, 5)
	must(t)(s.svc.RequestInfo(s.ctx, off, complaint.InfoRequest{Question: "Signor Zappacosta, dov'è esattamente?"}))
	check("awaiting the citizen")
	must(t)(s.svc.RecordReply(s.ctx, complaint.Act{ID: id, By: web}, complaint.CitizenReply{Text: "Davanti a casa mia, Zappacosta"}))
	s.clock.at(2026, 10, 9)
	must(t)(s.svc.Answer(s.ctx, off, complaint.Answer{Outcome: complaint.Scheduled, Text: "Gentile signor Zappacosta", Summary: "intervento entro ottobre"}))
	check("answered")
	s.clock.at(2026, 10, 12)
	must(t)(s.svc.Reopen(s.ctx, complaint.Act{ID: id, By: web}, complaint.Reopening{Reason: "Zappacosta: la buca c'è ancora"}))
	check("reopened")
	must(t)(s.svc.ForwardOutside(s.ctx, act, complaint.OutsideForwarding{To: "ama", Reference: "AMA-1", Summary: "trasmessa ad AMA"}))
	check("forwarded outside")
	must(t)(s.svc.Close(s.ctx, act, complaint.Closure{Note: "chiamato Zappacosta al 347 9876543"}))
	check("closed")
	form := fmsForm()
	form.Set("email", "zeta.planted@example.org")
	form.Set("attribute[targa]", "ZZ999ZZ")
	code, body := s.post(t, "requests.json", form)
	require.Equal(t, http.StatusOK, code, body)
	must(t)(s.svc.Merge(s.ctx, complaint.Act{ID: "R-02", By: desk}, complaint.Merger{Master: id, Note: "stessa buca"}))
	check("with a merged duplicate")
}

// TestHandler_JSONBody: a client posting a JSON object, with the api_key
// in the query, files as with a form.
func TestHandler_JSONBody(t *testing.T) {
	s := newServer(t, false)
	p := postRequest()
	p.Attributes = map[string]string{"tipo": "cedimento"}
	var b bytes.Buffer
	require.NoError(t, encodeJSON(&b, p))
	resp, err := http.Post(s.srv.URL+"/requests.json?api_key="+apiKey, "application/json", &b)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	got, err := open311.DecodePostResponsesJSON(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, open311.RequestID("R-01"), got[0].ServiceRequestID)
}

func TestNewHandler_Refuses(t *testing.T) {
	f := newFixture(t)
	_, err := open311.NewHandler(open311.Config{Service: f.svc})
	require.ErrorIs(t, err, complaint.ErrInvalid, "no Keys")
	for name, as := range map[string]map[string][]open311.Attribute{
		"unknown category": {"unicorni": {{Code: "x", Datatype: open311.String}}},
		"malformed code":   {"buche": {{Code: "Targa!", Datatype: open311.String}}},
		"unknown datatype": {"buche": {{Code: "x", Datatype: "colour"}}},
		"list, no values":  {"buche": {{Code: "x", Datatype: open311.MultiValueList}}},
	} {
		c := open311.For(f.svc)
		c.Attributes = as
		_, err := open311.NewHandler(open311.Config{Service: f.svc, Keys: open311.KeyMap{}, Codec: &c})
		require.ErrorIs(t, err, complaint.ErrInvalid, name)
	}
	_, err = open311.KeyMap{"k": fms}.Check(context.Background(), "")
	require.ErrorIs(t, err, complaint.ErrForbidden)
}
