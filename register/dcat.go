package register

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/puntodiascolto/ascolto/deadline"
)

// Vocabularies DCAT-AP_IT draws its values from (EU Publications Office
// authority tables, Creative Commons).
const (
	// LicenseCCBY40 is Creative Commons Attribution 4.0, the default licence
	// of the register: art. 7 D.Lgs. 33/2013 wants published data in an open
	// format and reusable, and CC-BY 4.0 is the licence AgID's guidelines
	// on the valorisation of public information recommend.
	LicenseCCBY40 = "https://creativecommons.org/licenses/by/4.0/"
	// FrequencyQuarterly is the register's update frequency (Circolare FP
	// 2/2017 All. 3 §4: "con cadenza trimestrale").
	FrequencyQuarterly = "http://publications.europa.eu/resource/authority/frequency/QUARTERLY"
	// ThemeGovernment is the data theme "Government and public sector".
	ThemeGovernment = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
	languageItalian = "http://publications.europa.eu/resource/authority/language/ITA"
	fileTypeBase    = "http://publications.europa.eu/resource/authority/file-type/"
)

// Publisher is the administration that publishes the register: its name
// and its code in the Indice delle Pubbliche Amministrazioni (IPA).
type Publisher struct {
	Name string
	IPA  string
}

// Distribution is one file of the register as published: its format, the
// name it is published under, the SHA-256 and size of its bytes and the
// Anchor of the rows it holds (what it was built from).
type Distribution struct {
	// Format is "CSV" or "JSON".
	Format string
	// File is the published file's name; Dataset.DownloadURL places it.
	File   string
	SHA256 [32]byte
	Size   int64
	Anchor Anchor
}

// NewDistribution describes a published file from its bytes.
func NewDistribution(format, file string, content []byte, a Anchor) Distribution {
	return Distribution{Format: format, File: file, SHA256: sha256.Sum256(content), Size: int64(len(content)), Anchor: a}
}

// Dataset is the DCAT-AP_IT description of the register of access
// requests of one period, published in Amministrazione trasparente > Altri
// contenuti > Accesso civico (art. 7 D.Lgs. 33/2013: open format, open
// licence). Every value is an input, so the same inputs give the same
// bytes.
type Dataset struct {
	Publisher Publisher
	// Title and Description default to the register's Italian title and
	// description for Period.
	Title, Description string
	// License is the licence's URL; empty means LicenseCCBY40.
	License string
	// Period is the temporal coverage (dct:temporal).
	Period Period
	// AsOf is the day the register speaks as of: dct:issued and
	// dct:modified. Required.
	AsOf deadline.Date
	// DownloadURL is the pattern of the files' addresses, with "{file}"
	// where a Distribution's File goes:
	// "https://www.comune.example.it/trasparenza/accesso-civico/{file}".
	DownloadURL string
	// LandingPage is the page of Amministrazione trasparente that lists the
	// register; optional (the access URL of the files without it).
	LandingPage string
	// ContactEmail is the contact point's address (dcat:contactPoint);
	// optional.
	ContactEmail string
	// Distributions are the published files (CSV, JSON), at least one.
	Distributions []Distribution
}

// WriteJSONLD writes d as a JSON-LD document (DCAT-AP_IT: dcatapit:Dataset
// with its dcatapit:Distribution, dcatapit:Agent and dcatapit:LicenseDocument
// nodes; the checksums in SPDX terms; what each file was built from as
// dct:provenance), indented, keys in a fixed order. It returns an error
// wrapping ErrInvalidOptions when a required input is missing.
func (d Dataset) WriteJSONLD(w io.Writer) error {
	if err := d.validate(); err != nil {
		return err
	}
	if d.License == "" {
		d.License = LicenseCCBY40
	}
	if d.Title == "" {
		d.Title = "Registro degli accessi - " + d.Period.String()
	}
	if d.Description == "" {
		d.Description = "Registro delle richieste di accesso documentale, civico semplice e civico generalizzato ricevute dal " +
			d.Period.From.Italian() + " al " + d.Period.To.Italian() + ", senza dati personali (Delibera ANAC 1309/2016 § 9; Circolare FP 2/2017 All. 3 § 4)."
	}
	agent := map[string]any{"@type": []string{"dcatapit:Agent", "foaf:Agent"}, "foaf:name": d.Publisher.Name, "dct:identifier": d.Publisher.IPA}
	ds := map[string]any{
		"@id":                    d.id(""),
		"@type":                  []string{"dcatapit:Dataset", "dcat:Dataset"},
		"dct:identifier":         d.Publisher.IPA + ":registro-accessi-" + d.Period.Slug(),
		"dct:title":              map[string]string{"@language": "it", "@value": d.Title},
		"dct:description":        map[string]string{"@language": "it", "@value": d.Description},
		"dct:publisher":          agent,
		"dct:rightsHolder":       agent,
		"dct:issued":             xsdDate(d.AsOf),
		"dct:modified":           xsdDate(d.AsOf),
		"dct:accrualPeriodicity": map[string]string{"@id": FrequencyQuarterly},
		"dcat:theme":             map[string]string{"@id": ThemeGovernment},
		"dct:language":           map[string]string{"@id": languageItalian},
		"dcat:keyword":           []string{"accesso civico", "accesso documentale", "FOIA", "registro degli accessi", "trasparenza"},
		"dct:temporal": map[string]any{"@type": "dct:PeriodOfTime",
			"dcat:startDate": xsdDate(d.Period.From), "dcat:endDate": xsdDate(d.Period.To)},
		"dcat:distribution": d.distributions(),
	}
	if d.LandingPage != "" {
		ds["dcat:landingPage"] = map[string]string{"@id": d.LandingPage}
	}
	if d.ContactEmail != "" {
		ds["dcat:contactPoint"] = map[string]any{"@type": []string{"dcatapit:Organization", "vcard:Organization"},
			"vcard:fn": d.Publisher.Name, "vcard:hasEmail": map[string]string{"@id": "mailto:" + d.ContactEmail}}
	}
	doc := map[string]any{"@context": dcatContext, "@graph": []any{ds}}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// dcatContext maps the prefixes the document uses.
var dcatContext = map[string]string{
	"dcat":     "http://www.w3.org/ns/dcat#",
	"dcatapit": "http://dati.gov.it/onto/dcatapit#",
	"dct":      "http://purl.org/dc/terms/",
	"foaf":     "http://xmlns.com/foaf/0.1/",
	"rdfs":     "http://www.w3.org/2000/01/rdf-schema#",
	"spdx":     "http://spdx.org/rdf/terms#",
	"vcard":    "http://www.w3.org/2006/vcard/ns#",
	"xsd":      "http://www.w3.org/2001/XMLSchema#",
}

func (d Dataset) validate() error {
	var missing []string
	if strings.TrimSpace(d.Publisher.Name) == "" {
		missing = append(missing, "Publisher.Name")
	}
	if strings.TrimSpace(d.Publisher.IPA) == "" {
		missing = append(missing, "Publisher.IPA")
	}
	if d.Period.Validate() != nil {
		missing = append(missing, "Period")
	}
	if d.AsOf.IsZero() {
		missing = append(missing, "AsOf")
	}
	if !strings.Contains(d.DownloadURL, "{file}") {
		missing = append(missing, "DownloadURL with {file}")
	}
	if len(d.Distributions) == 0 {
		missing = append(missing, "Distributions")
	}
	for _, x := range d.Distributions {
		if mediaType(x.Format) == "" || x.File == "" {
			missing = append(missing, fmt.Sprintf("Distribution %q %q (CSV or JSON, with a file name)", x.Format, x.File))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w: DCAT-AP_IT dataset needs %s", ErrInvalidOptions, strings.Join(missing, ", "))
	}
	return nil
}

// id is the URI of the dataset (file empty) or of a distribution.
func (d Dataset) id(file string) string {
	if file == "" {
		return strings.ReplaceAll(d.DownloadURL, "{file}", "registro-accessi-"+d.Period.Slug()) + "#dataset"
	}
	return strings.ReplaceAll(d.DownloadURL, "{file}", file)
}

func (d Dataset) distributions() []any {
	var out []any
	access := d.LandingPage
	for _, x := range d.Distributions {
		url := d.id(x.File)
		if d.LandingPage == "" {
			access = url
		}
		a := x.Anchor
		out = append(out, map[string]any{
			"@id":              url,
			"@type":            []string{"dcatapit:Distribution", "dcat:Distribution"},
			"dct:title":        map[string]string{"@language": "it", "@value": d.Title + " (" + x.Format + ")"},
			"dct:format":       map[string]string{"@id": fileTypeBase + strings.ToUpper(x.Format)},
			"dcat:mediaType":   map[string]string{"@id": "https://www.iana.org/assignments/media-types/" + mediaType(x.Format)},
			"dcat:accessURL":   map[string]string{"@id": access},
			"dcat:downloadURL": map[string]string{"@id": url},
			"dct:license":      map[string]any{"@id": d.License, "@type": []string{"dcatapit:LicenseDocument", "dct:LicenseDocument"}},
			"dcat:byteSize":    map[string]any{"@type": "xsd:nonNegativeInteger", "@value": fmt.Sprint(x.Size)},
			"spdx:checksum": map[string]any{"@type": "spdx:Checksum",
				"spdx:algorithm":     map[string]string{"@id": "spdx:checksumAlgorithm_sha256"},
				"spdx:checksumValue": map[string]string{"@type": "xsd:hexBinary", "@value": hex.EncodeToString(x.SHA256[:])}},
			"dct:provenance": map[string]any{"@type": "dct:ProvenanceStatement", "rdfs:label": map[string]string{"@language": "it", "@value": fmt.Sprintf(
				"Costruito dalle cronologie di %d richieste di accesso (%s), dati al %s; impronta delle loro teste in ordine di protocollo (SHA-256, history.Digest): %s",
				a.Histories, d.Period, d.AsOf.Italian(), a.Digest)}},
		})
	}
	return out
}

func mediaType(format string) string {
	switch strings.ToUpper(format) {
	case "CSV":
		return "text/csv"
	case "JSON":
		return "application/json"
	}
	return ""
}

func xsdDate(d deadline.Date) map[string]string {
	return map[string]string{"@type": "xsd:date", "@value": d.String()}
}

// WriteJSONLDFile describes published files beside them: it reads each of
// files (the register as CSV or JSON, told by the extension .csv or .json),
// appends it to d's Distributions with its bytes' checksum and the anchor a
// of the rows it holds, and writes d as JSON-LD to the first file's path
// with the extension .jsonld, whose path it returns. Another extension is
// ErrInvalidOptions, and nothing is written.
func (d Dataset) WriteJSONLDFile(a Anchor, files ...string) (string, error) {
	if len(files) == 0 {
		return "", fmt.Errorf("%w: no file to describe", ErrInvalidOptions)
	}
	d.Distributions = slices.Clone(d.Distributions)
	for _, f := range files {
		format, ok := map[string]string{".csv": "CSV", ".json": "JSON"}[strings.ToLower(filepath.Ext(f))]
		if !ok {
			return "", fmt.Errorf("%w: %s is neither .csv nor .json", ErrInvalidOptions, filepath.Base(f))
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		d.Distributions = append(d.Distributions, NewDistribution(format, filepath.Base(f), b, a))
	}
	var out bytes.Buffer
	if err := d.WriteJSONLD(&out); err != nil {
		return "", err
	}
	path := strings.TrimSuffix(files[0], filepath.Ext(files[0])) + ".jsonld"
	return path, os.WriteFile(path, out.Bytes(), 0o644)
}
