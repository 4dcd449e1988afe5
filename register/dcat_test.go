package register_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/register"
)

// TestDCATAPIT_RegisterDataset (art. 7 D.Lgs. 33/2013: open format, open
// licence; DCAT-AP_IT): the register's metadata parse as JSON-LD, carry
// the properties DCAT-AP_IT requires of a dataset and of its distributions,
// state each file's SHA-256 and what it was built from, and are the same
// bytes for the same inputs.
func TestDCATAPIT_RegisterDataset(t *testing.T) {
	q1 := register.MustQuarter(2026, 1)
	csv, js := []byte("a;b\r\n"), []byte(`{"richieste":[]}`)
	a := register.Anchor{Histories: 8}
	ds := testDataset(q1, []register.Distribution{
		register.NewDistribution("CSV", "registro-2026-T1.csv", csv, a),
		register.NewDistribution("JSON", "registro-2026-T1.json", js, a),
	})
	var b, again bytes.Buffer
	require.NoError(t, ds.WriteJSONLD(&b))
	require.NoError(t, ds.WriteJSONLD(&again))
	require.Equal(t, b.String(), again.String())

	var doc struct {
		Context map[string]string `json:"@context"`
		Graph   []map[string]any  `json:"@graph"`
	}
	require.NoError(t, json.Unmarshal(b.Bytes(), &doc))
	require.Equal(t, "http://dati.gov.it/onto/dcatapit#", doc.Context["dcatapit"])
	require.Len(t, doc.Graph, 1)
	d := doc.Graph[0]
	for _, p := range []string{"@id", "@type", "dct:identifier", "dct:title", "dct:description", "dct:publisher", "dct:rightsHolder",
		"dct:issued", "dct:modified", "dct:accrualPeriodicity", "dcat:theme", "dct:temporal", "dcat:distribution"} {
		require.Contains(t, d, p)
	}
	require.Contains(t, d["@type"], "dcatapit:Dataset")
	require.Equal(t, "c_h501:registro-accessi-2026-T1", d["dct:identifier"])
	require.Equal(t, register.FrequencyQuarterly, d["dct:accrualPeriodicity"].(map[string]any)["@id"])
	require.Equal(t, register.ThemeGovernment, d["dcat:theme"].(map[string]any)["@id"])
	require.Equal(t, map[string]any{"@type": "xsd:date", "@value": "2026-07-10"}, d["dct:modified"])
	tmp := d["dct:temporal"].(map[string]any)
	require.Equal(t, "2026-01-01", tmp["dcat:startDate"].(map[string]any)["@value"])
	require.Equal(t, "2026-03-31", tmp["dcat:endDate"].(map[string]any)["@value"])
	pub := d["dct:publisher"].(map[string]any)
	require.Equal(t, "Roma Capitale", pub["foaf:name"])
	require.Equal(t, "c_h501", pub["dct:identifier"])

	dists := d["dcat:distribution"].([]any)
	require.Len(t, dists, 2)
	for i, content := range [][]byte{csv, js} {
		x := dists[i].(map[string]any)
		for _, p := range []string{"dct:format", "dcat:mediaType", "dcat:accessURL", "dcat:downloadURL", "dct:license", "spdx:checksum", "dct:provenance"} {
			require.Contains(t, x, p)
		}
		sum := sha256.Sum256(content)
		require.Equal(t, hex.EncodeToString(sum[:]), x["spdx:checksum"].(map[string]any)["spdx:checksumValue"].(map[string]any)["@value"])
		require.Equal(t, register.LicenseCCBY40, x["dct:license"].(map[string]any)["@id"])
		require.Contains(t, x["dct:provenance"].(map[string]any)["rdfs:label"].(map[string]any)["@value"], a.Digest.String())
	}
	require.Equal(t, "https://www.comune.example.it/trasparenza/accesso-civico/registro-2026-T1.csv", dists[0].(map[string]any)["dcat:downloadURL"].(map[string]any)["@id"])
	require.Equal(t, "https://www.iana.org/assignments/media-types/application/json", dists[1].(map[string]any)["dcat:mediaType"].(map[string]any)["@id"])

	ds.License = "https://creativecommons.org/publicdomain/zero/1.0/"
	b.Reset()
	require.NoError(t, ds.WriteJSONLD(&b))
	require.Contains(t, b.String(), ds.License)

	ds.Publisher.IPA, ds.AsOf = "", ds.AsOf.AddDays(0)
	require.True(t, errors.Is(ds.WriteJSONLD(&b), register.ErrInvalidOptions), "a dataset without the administration's IPA code is refused")
}

// TestWriteJSONLDFile: the metadata written beside the published files are
// those WriteJSONLD gives for distributions made from the files' bytes; a
// file that is not the register's CSV or JSON is refused, writing nothing.
func TestWriteJSONLDFile(t *testing.T) {
	q1 := register.MustQuarter(2026, 1)
	dir := t.TempDir()
	csvPath, jsonPath := filepath.Join(dir, "registro-2026-T1.csv"), filepath.Join(dir, "registro-2026-T1.json")
	csv, js := []byte("a;b\r\n"), []byte(`{"richieste":[]}`)
	require.NoError(t, os.WriteFile(csvPath, csv, 0o644))
	require.NoError(t, os.WriteFile(jsonPath, js, 0o644))
	a := register.Anchor{Histories: 8}
	path, err := testDataset(q1, nil).WriteJSONLDFile(a, csvPath, jsonPath)
	require.NoError(t, err)
	require.Equal(t, filepath.Join(dir, "registro-2026-T1.jsonld"), path)
	var want bytes.Buffer
	require.NoError(t, testDataset(q1, []register.Distribution{
		register.NewDistribution("CSV", "registro-2026-T1.csv", csv, a),
		register.NewDistribution("JSON", "registro-2026-T1.json", js, a),
	}).WriteJSONLD(&want))
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, want.String(), string(got))

	other := filepath.Join(dir, "registro.xml")
	require.NoError(t, os.WriteFile(other, []byte("<x/>"), 0o644))
	_, err = testDataset(q1, nil).WriteJSONLDFile(a, other)
	require.ErrorIs(t, err, register.ErrInvalidOptions)
	_, err = os.Stat(filepath.Join(dir, "registro.jsonld"))
	require.True(t, errors.Is(err, os.ErrNotExist), "nothing written for a refused file")
}
