package letter_test

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/letter"
)

// TestOverride_ReplacesOneTemplate: an administration's file with a
// shipped name replaces that template only; the others stay.
func TestOverride_ReplacesOneTemplate(t *testing.T) {
	f := foia(t)
	o := options(f)
	o.Templates = fstest.MapFS{"it/ricevuta.tmpl": {Data: []byte(`{{define "subject"}}Ricevuta n. {{.V.protocol}}{{end}}
{{define "body"}}Protocollo {{.V.protocol}} del {{date .V.received}}; ufficio {{.V.office}}, responsabile {{.V.responsible}}.
Termine: {{date .V.due}}.
{{range .V.remedies}}- {{.What}}
{{end}}{{end}}`)}}
	w := writer(t, o)
	l, err := w.Receipt(f.steps["filed"])
	require.NoError(t, err)
	require.Equal(t, "Ricevuta n. RA/2026/0012345", l.Subject)
	txt, err := w.Text(l)
	require.NoError(t, err)
	require.Contains(t, txt, "Termine: 01/04/2026.")
	require.Contains(t, txt, "- ricorso giurisdizionale")
	l, err = w.Decision(f.steps["decided"])
	require.NoError(t, err)
	require.Contains(t, l.Subject, "Provvedimento sulla richiesta", "the decision keeps the shipped template")
}

// TestOverride_Refused: a malformed template, one without "subject" or
// "body", and one that never prints a mandatory field are refused by New
// with a *TemplateError naming the file (and the fields missing).
func TestOverride_Refused(t *testing.T) {
	for _, tc := range []struct {
		name, file, src string
		missing         []string
	}{
		{"does not parse", "it/provvedimento.tmpl", `{{define "subject"}}x{{end}}{{define "body"}}{{if .V.outcome}}{{end}}`, nil},
		{"no body", "it/avvio.tmpl", `{{define "subject"}}x{{end}}`, nil},
		{"drops the remedies and the late statement", "it/provvedimento.tmpl",
			`{{define "subject"}}x{{end}}{{define "body"}}{{.V.outcome}} {{range .V.grounds}}{{.Label}}{{end}} {{.V.reasons}}{{end}}`,
			[]string{"remedies", "late", "lateDue", "taken"}},
		{"drops the 10 days and how to oppose", "it/controinteressato.tmpl",
			`{{define "subject"}}x{{end}}{{define "body"}}{{.V.object}}{{end}}`, []string{"window", "oppose"}},
		{"layout does not parse", "it/layout.html.tmpl", `<p>{{.L.Subject</p>`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := letter.New(letter.Options{Templates: fstest.MapFS{tc.file: {Data: []byte(tc.src)}}})
			require.ErrorIs(t, err, letter.ErrTemplate)
			var te *letter.TemplateError
			require.True(t, errors.As(err, &te))
			assert.Equal(t, tc.file, te.Name)
			assert.Equal(t, tc.missing, te.Missing)
			if tc.missing == nil {
				assert.Error(t, te.Err)
			} else {
				assert.Contains(t, err.Error(), strings.Join(tc.missing, ", "))
			}
		})
	}
	_, err := letter.New(letter.Options{Lang: "fr"})
	require.ErrorIs(t, err, letter.ErrTemplate)
}

// TestOverride_HTMLEscapes: a value never becomes markup: the HTML and
// the Markdown escape what the case holds.
func TestOverride_HTMLEscapes(t *testing.T) {
	f := foia(t)
	w := writer(t, options(f))
	l, err := w.Receipt(f.steps["filed"])
	require.NoError(t, err)
	for i := range l.Fields {
		if l.Fields[i].Name == "object" {
			l.Fields[i].Value = `<script>alert(1)</script>`
		}
	}
	html, err := w.HTML(l)
	require.NoError(t, err)
	require.NotContains(t, html, "<script>")
	require.Contains(t, html, "&lt;script&gt;")
	md, err := w.Markdown(l)
	require.NoError(t, err)
	require.NotContains(t, md, "<script>")
}
