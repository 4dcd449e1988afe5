package open311_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"time"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/complaint/open311"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
)

// exampleService is a desk with two offices, AMA outside, a small
// taxonomy and a clock stopped on Friday 2 October 2026, 10:00 in Rome.
func exampleService() *complaint.Service {
	dir, _ := office.NewDirectory(
		office.Office{ID: "ascolto", Name: "Ufficio Punto di Ascolto"},
		office.Office{ID: "csimu", Name: "Dipartimento CSIMU", Matters: []string{"strade"}},
		office.Office{ID: "ama", Name: "AMA S.p.A.", Matters: []string{"rifiuti"}, External: true},
	)
	potholes := complaint.AnswerTerm(15)
	tax, _ := complaint.NewTaxonomy(
		complaint.Category{Code: "strade", Label: "Strade", Office: "csimu"},
		complaint.Category{Code: "buche", Label: "Buche stradali", Parent: "strade", Term: &potholes},
		complaint.Category{Code: "rifiuti", Label: "Rifiuti", Office: "ama"},
	)
	pol := complaint.DefaultPolicy()
	pol.Taxonomy = tax
	now := time.Date(2026, 10, 2, 8, 0, 0, 0, time.UTC)
	n := 0
	svc, err := complaint.NewService(complaint.Config{Calendar: deadline.Rome(),
		Store: complaint.NewMemoryStore(), Directory: dir, Policy: pol,
		Now:   func() time.Time { return now },
		NewID: func() complaint.ID { n++; return complaint.ID(fmt.Sprintf("R-%d", n)) },
	})
	if err != nil {
		panic(err)
	}
	return svc
}

// An Open311 client posts a report as a form: it is filed as a complaint,
// the reporter's data kept for the office, and published with the street
// and civic number only, the position rounded to 4 decimals and none of
// the reporter's data.
func Example() {
	svc := exampleService()
	gateway := office.Actor{ID: "open311-gateway", Role: office.External}
	form, _ := url.ParseQuery("service_code=buche&lat=41.874113&long=12.521127" +
		"&address_string=Via+Appia+Nuova+120+int.+4&email=mario.rossi%40example.org&first_name=Mario" +
		"&description=Buca+davanti+a+casa+mia&api_key=xyz")
	p, err := open311.ParsePostRequest(form)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp, v, err := open311.File(context.Background(), svc, complaint.Act{By: gateway}, p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.ServiceRequestID, resp.ServiceNotice)
	fmt.Println("kept for the office:", v.Person.Email, "|", v.Place.Address)
	_ = open311.EncodeRequestsJSON(os.Stdout, []open311.Request{open311.For(svc).Request(v)})
	// Output:
	// R-1 Segnalazione registrata; risposta prevista entro il 17/10/2026
	// kept for the office: mario.rossi@example.org | Via Appia Nuova 120 int. 4
	// [{"service_request_id":"R-1","status":"open","status_notes":"Stato: registrata","service_name":"Buche stradali","service_code":"buche","service_notice":"Risposta prevista entro il 17/10/2026","requested_datetime":"2026-10-02T08:00:00Z","updated_datetime":"2026-10-02T08:00:00Z","expected_datetime":"2026-10-17T21:59:59Z","address":"Via Appia Nuova 120","lat":41.8741,"long":12.5211}]
}

// The public Open311 representation of a complaint carries the category,
// the place of the problem and the office's summary, never the reporter.
func ExampleCodec_Request() {
	svc := exampleService()
	desk := office.Actor{ID: "l.bianchi", Role: office.FrontOffice, Office: "ascolto"}
	v, _ := svc.File(context.Background(), complaint.Act{ID: "R-77", By: desk}, complaint.Filed{
		Kind: complaint.Segnalazione, Channel: complaint.Email, Category: "buche",
		Place:       complaint.Place{Address: "Via Appia Nuova 120 int. 4 c/o Rossi", Point: &complaint.Point{Lat: 41.87411, Lon: 12.52112}},
		Person:      complaint.Person{FirstName: "Mario", Email: "mario.rossi@example.org"},
		Description: "Mario Rossi, buca davanti a casa mia", Summary: "buca sulla carreggiata",
	})
	sr := open311.For(svc).Request(v)
	_ = open311.EncodeRequestsJSON(os.Stdout, []open311.Request{sr})
	// Output:
	// [{"service_request_id":"R-77","status":"open","status_notes":"Stato: registrata","service_name":"Buche stradali","service_code":"buche","description":"buca sulla carreggiata","service_notice":"Risposta prevista entro il 17/10/2026","requested_datetime":"2026-10-02T08:00:00Z","updated_datetime":"2026-10-02T08:00:00Z","expected_datetime":"2026-10-17T21:59:59Z","address":"Via Appia Nuova 120","lat":41.8741,"long":12.5211}]
}
