package open311_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	"github.com/puntodiascolto/ascolto/complaint/open311"
	"github.com/puntodiascolto/ascolto/office"
)

// An Open311 endpoint over a complaint.Service: a client posts a report
// with its api_key, reads the new identifier from the array it gets back,
// and fetches the public representation, which carries none of the
// reporter's data; a wrong key is refused with an errors document.
func ExampleHandler() {
	svc := exampleService()
	codec := open311.For(svc)
	codec.Attributes = map[string][]open311.Attribute{"strade": {
		{Variable: true, Code: "targa", Datatype: open311.String, Order: 1, Description: "Targa del veicolo coinvolto"},
	}}
	h, err := open311.NewHandler(open311.Config{Service: svc, Codec: &codec,
		Keys: open311.KeyMap{"chiave-fms": {ID: "fixmystreet", Role: office.External}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	form := url.Values{"api_key": {"chiave-fms"}, "service_code": {"buche"}, "lat": {"41.874113"}, "long": {"12.521127"},
		"email": {"mario.rossi@example.org"}, "attribute[targa]": {"AB123CD"}}
	show := func(resp *http.Response, err error) {
		if err != nil {
			fmt.Println(err)
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		fmt.Print(resp.StatusCode, " ", strings.TrimPrefix(string(b), `<?xml version="1.0" encoding="UTF-8"?>`+"\n"))
	}
	show(http.PostForm(srv.URL+"/requests.json", form))
	show(http.Get(srv.URL + "/requests/R-1.xml"))
	form.Set("api_key", "indovinata")
	show(http.PostForm(srv.URL+"/requests.json", form))
	// Output:
	// 200 [{"service_request_id":"R-1","service_notice":"Segnalazione registrata; risposta prevista entro il 17/10/2026"}]
	// 200 <service_requests><request><service_request_id>R-1</service_request_id><status>open</status><status_notes>Stato: registrata</status_notes><service_name>Buche stradali</service_name><service_code>buche</service_code><service_notice>Risposta prevista entro il 17/10/2026</service_notice><requested_datetime>2026-10-02T08:00:00Z</requested_datetime><updated_datetime>2026-10-02T08:00:00Z</updated_datetime><expected_datetime>2026-10-17T21:59:59Z</expected_datetime><lat>41.8741</lat><long>12.5211</long></request></service_requests>
	// 403 [{"code":403,"description":"api_key mancante o non valida, o operazione non consentita"}]
}

// Reading another system's list leniently: numeric codes are read as
// text, extended statuses are mapped to open or closed with the original
// kept, and a record that cannot be read is reported on its own.
func ExampleDecodeRequestsJSON() {
	doc := `[
	  {"service_request_id": 638344, "status": "in_progress", "service_code": 101, "zipcode": 185},
	  {"service_request_id": 638345, "status": "fixed", "service_code": "101"},
	  {"service_request_id": 638346, "status": "open", "lat": 41.9}
	]`
	reqs, err := open311.DecodeRequestsJSON(strings.NewReader(doc))
	for _, r := range reqs {
		fmt.Printf("%s service %s: %s (was %q) zipcode %q\n", r.ServiceRequestID, r.ServiceCode, r.Status, r.ExtendedStatus, r.Zipcode)
	}
	var bad open311.RecordErrors
	if errors.As(err, &bad) {
		for _, e := range bad {
			fmt.Println("skipped:", e)
		}
	}
	// Output:
	// 638344 service 101: open (was "in_progress") zipcode "185"
	// 638345 service 101: closed (was "fixed") zipcode ""
	// skipped: record 2 (service_request_id "638346"): history: invalid: lat and long go together
}

// ErrorsFor turns any error into the status and errors document an
// endpoint answers with; the description never repeats what the client
// sent.
func ExampleErrorsFor() {
	_, err := open311.ParsePostRequest(url.Values{"service_code": {"buche"}, "lat": {"41.9"}})
	code, errs := open311.ErrorsFor(err)
	fmt.Println(code, errs[0].Description)
	// Output:
	// 400 lat: and long go together
}
