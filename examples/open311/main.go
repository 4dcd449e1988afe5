// Command open311 serves an Open311 GeoReport v2 endpoint over a complaint
// desk kept in memory: Rome's calendar, a small taxonomy of road, waste and
// lighting reports, and a question (the licence plate of a car parked on
// a pothole) whose answers stay with the office.
//
//	go run ./examples/open311 [-addr localhost:8311] [-key demo-key]
//	go run ./examples/open311 -selftest
//
// Serving, it answers on http://ADDR/open311/v2/ (services.json,
// requests.json...) until interrupted. With -selftest it starts on
// 127.0.0.1 on a free port, files a report as FixMyStreet's client does,
// lists and fetches it, tries a wrong api_key and an unknown request,
// prints every exchange and exits: runnable in CI.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/complaint/open311"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/office"
)

// prefix is where the endpoint is mounted.
const prefix = "/open311/v2"

func main() {
	addr := flag.String("addr", "localhost:8311", "address to listen on")
	key := flag.String("key", "demo-key", "the api_key clients must send with POST")
	selftest := flag.Bool("selftest", false, "start on 127.0.0.1:0, file, list and fetch a report, print, exit")
	flag.Parse()
	var err error
	if *selftest {
		err = selfTest(os.Stdout)
	} else {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		err = serve(ctx, *addr, *key)
	}
	if err != nil {
		log.Fatal(err)
	}
}

// newHandler builds the desk and its Open311 endpoint, on the given clock
// and with one client, FixMyStreet, holding key.
func newHandler(now func() time.Time, key string) (http.Handler, error) {
	dir, err := office.NewDirectory(
		office.Office{ID: "ascolto", Name: "Ufficio Punto di Ascolto"},
		office.Office{ID: "csimu", Name: "Dipartimento CSIMU", Matters: []string{"strade"}},
		office.Office{ID: "ama", Name: "AMA S.p.A.", Matters: []string{"rifiuti"}, External: true},
	)
	if err != nil {
		return nil, err
	}
	potholes := complaint.AnswerTerm(15)
	tax, err := complaint.NewTaxonomy(
		complaint.Category{Code: "strade", Label: "Strade e marciapiedi", Office: "csimu"},
		complaint.Category{Code: "buche", Label: "Buche stradali", Parent: "strade", Term: &potholes, Keywords: []string{"buca", "asfalto"}},
		complaint.Category{Code: "illuminazione", Label: "Illuminazione pubblica", Office: "csimu"},
		complaint.Category{Code: "rifiuti", Label: "Rifiuti e decoro", Office: "ama", Description: "raccolta e cassonetti"},
	)
	if err != nil {
		return nil, err
	}
	pol := complaint.DefaultPolicy()
	pol.Taxonomy = tax
	n := 0
	svc, err := complaint.NewService(complaint.Config{Calendar: deadline.Rome(), Store: complaint.NewMemoryStore(),
		Directory: dir, Policy: pol, Now: now,
		NewID: func() complaint.ID { n++; return complaint.ID(fmt.Sprintf("RM-2026-%05d", n)) }})
	if err != nil {
		return nil, err
	}
	codec := open311.For(svc)
	codec.Jurisdiction = "roma.it"
	codec.Attributes = map[string][]open311.Attribute{"buche": {
		{Variable: true, Code: "targa", Datatype: open311.String, Order: 1,
			Description: "Targa del veicolo in sosta sulla buca, se impedisce l'intervento"},
	}}
	h, err := open311.NewHandler(open311.Config{Service: svc, Codec: &codec, Now: now,
		Keys: open311.KeyMap{key: {ID: "fixmystreet", Role: office.External}}})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle(prefix+"/", http.StripPrefix(prefix, h))
	return mux, nil
}

// serve answers on addr until ctx is done.
func serve(ctx context.Context, addr, key string) error {
	h, err := newHandler(time.Now, key)
	if err != nil {
		return err
	}
	srv := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	log.Printf("Open311 GeoReport v2 on http://%s%s/services.json (api_key for POST: %q)", ln.Addr(), prefix, key)
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// selfTest starts the endpoint on a free port of 127.0.0.1 with a clock
// stopped on Friday 2 October 2026, 10:00 in Rome, drives it as
// FixMyStreet's client would and prints each exchange to w.
func selfTest(w io.Writer) error {
	now := time.Date(2026, time.October, 2, 8, 0, 0, 0, time.UTC)
	const key = "chiave-di-prova"
	h, err := newHandler(func() time.Time { return now }, key)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	base := "http://" + ln.Addr().String() + prefix + "/"
	form := url.Values{"api_key": {key}, "jurisdiction_id": {"roma.it"}, "service_code": {"buche"},
		"lat": {"41.874113"}, "long": {"12.521127"}, "address_string": {"Via Appia Nuova 120 int. 4"},
		"first_name": {"Mario"}, "last_name": {"Rossi"}, "email": {"mario.rossi@example.org"},
		"phone": {"+39 333 1234567"}, "device_id": {"device-42"}, "attribute[targa]": {"AB123CD"},
		"description": {"Buca profonda davanti a casa mia"}}
	steps := []struct {
		method, path string
		form         url.Values
	}{
		{"GET", "services.json", nil},
		{"GET", "services/buche.xml", nil},
		{"POST", "requests.json", form},
		{"GET", "requests.json?status=open&service_code=buche", nil},
		{"GET", "requests/RM-2026-00001.xml", nil},
		{"POST", "requests.json", withKey(form, "chiave-sbagliata")},
		{"GET", "requests/RM-2026-09999.json", nil},
	}
	client := &http.Client{Timeout: 10 * time.Second}
	for _, s := range steps {
		if err := exchange(w, client, base, s.method, s.path, s.form); err != nil {
			return err
		}
	}
	return nil
}

func withKey(form url.Values, key string) url.Values {
	f := url.Values{}
	for k, v := range form {
		f[k] = v
	}
	f.Set("api_key", key)
	return f
}

// exchange sends one request and prints it with the answer, the api_key
// masked.
func exchange(w io.Writer, client *http.Client, base, method, path string, form url.Values) error {
	var resp *http.Response
	var err error
	if method == "POST" {
		resp, err = client.PostForm(base+path, form)
		fmt.Fprintf(w, "> POST %s (%d fields, api_key %s)\n", path, len(form), mask(form.Get("api_key")))
	} else {
		resp, err = client.Get(base + path)
		fmt.Fprintf(w, "> GET %s\n", path)
	}
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "< %s %s\n%s\n", resp.Status, resp.Header.Get("Content-Type"), strings.TrimSpace(string(body)))
	return nil
}

func mask(key string) string {
	if len(key) < 4 {
		return "***"
	}
	return key[:3] + "***"
}
