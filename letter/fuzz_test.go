package letter_test

import (
	"errors"
	"testing"
	"testing/fstest"
	"time"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/letter"
)

// FuzzOverride: whatever an administration writes as a template, New and
// the rendering either work or fail with ErrTemplate (ErrPersonalData for
// a template that prints another person's data); they never panic.
func FuzzOverride(f *testing.F) {
	f.Add(`{{define "subject"}}x{{end}}{{define "body"}}{{.V.protocol}} {{.V.received}} {{.V.office}} {{.V.responsible}} {{.V.due}} {{.V.remedies}}{{end}}`)
	f.Add(`{{define "subject"}}{{template "subject" .}}{{end}}{{define "body"}}{{.V.protocol}}{{.V.received}}{{.V.office}}{{.V.responsible}}{{.V.due}}{{.V.remedies}}{{end}}`)
	f.Add(`{{define "subject"}}{{.V.nothing}}{{end}}{{define "body"}}{{range .V.remedies}}{{.What}}{{end}}{{.V.protocol}}{{.V.received}}{{.V.office}}{{.V.responsible}}{{.V.due}}{{end}}`)
	f.Add(`{{define "body"}}{{index .V "due"}}{{end}}`)
	f.Add(`{{`)
	r := fuzzRequest(f)
	f.Fuzz(func(t *testing.T, src string) {
		w, err := letter.New(letter.Options{Templates: fstest.MapFS{"it/ricevuta.tmpl": {Data: []byte(src)}}})
		if err != nil {
			if !errors.Is(err, letter.ErrTemplate) {
				t.Fatalf("New: %v", err)
			}
			return
		}
		l, err := w.Receipt(r)
		if err != nil {
			if !errors.Is(err, letter.ErrTemplate) && !errors.Is(err, letter.ErrPersonalData) {
				t.Fatalf("Receipt: %v", err)
			}
			return
		}
		for _, render := range []func(letter.Letter) (string, error){w.Text, w.HTML, w.Markdown} {
			if _, err := render(l); err != nil && !errors.Is(err, letter.ErrTemplate) && !errors.Is(err, letter.ErrPersonalData) {
				t.Fatalf("render: %v", err)
			}
		}
	})
}

// fuzzRequest files the request the fuzzer writes receipts of.
func fuzzRequest(f *testing.F) *access.Request {
	f.Helper()
	fx := newFixture(f, access.Policy{})
	fx.at("filed", time.March, 2, func(a access.Act) (*access.Request, error) {
		a.ID = "fuzz"
		return fx.svc.File(fx.ctx, a, access.Filing{Kind: access.Generalizzato, Channel: access.ChannelPEC,
			Protocol: access.Protocol{Number: "RA/2026/0000001"}, Applicant: applicant, Subject: "Registri dei varchi"})
	})
	return fx.steps["filed"]
}
