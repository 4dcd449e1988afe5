package register_test

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/register"
)

// randomIDs gives random request IDs, as a store keyed by UUIDs would.
func randomIDs() access.ID { return access.ID("x" + rand.Text()) }

// publish builds the scenario's office with random IDs, plus five requests
// received on one day and filed out of protocol order, and returns every
// file published about the first semester, by name.
func publish(t *testing.T) map[string][]byte {
	t.Helper()
	e := scenarioIDs(t, randomIDs)
	on := day(2026, time.March, 16)
	for _, n := range []int{803, 800, 1000, 9, 801} {
		e.file(access.Generalizzato, on, fmt.Sprintf("RA/2026/%d", n), access.ChannelPEC)
	}
	p, err := register.Semester(2026, 1)
	require.NoError(t, err)
	asOf := day(2026, time.July, 10)
	o := register.Options{Directory: directory, Today: asOf}
	src := e.source()
	out := map[string][]byte{}
	write := func(name string, f func(*bytes.Buffer) error) {
		var b bytes.Buffer
		require.NoError(t, f(&b), name)
		out[name] = b.Bytes()
	}
	var csvAnchor register.Anchor
	write("registro.csv", func(b *bytes.Buffer) error {
		return register.WriteCSV(b, src.Entries(e.ctx, p, o), register.CSVOptions{Comma: ';', BOM: true, Anchor: &csvAnchor})
	})
	write("registro.json", func(b *bytes.Buffer) error { return register.WriteJSONAsOf(b, p, asOf, src.Entries(e.ctx, p, o)) })
	write("registro-memoria.csv", func(b *bytes.Buffer) error {
		return register.WriteCSV(b, register.Seq(register.Select(e.views(), p, o)), register.CSVOptions{Comma: ';', BOM: true})
	})
	views := e.views()
	slices.Reverse(views) // the report takes its input in any order
	rep := register.Quarterly(register.Input{Period: p, Requests: slices.Values(views), Directory: directory, AsOf: asOf})
	write("monitoraggio.md", func(b *bytes.Buffer) error { return rep.WriteMarkdown(b, register.MarkdownOptions{Chart: "c.svg"}) })
	write("monitoraggio.svg", func(b *bytes.Buffer) error { return rep.WriteSVG(b) })
	write("monitoraggio.csv", func(b *bytes.Buffer) error { return rep.WriteCSV(b, register.CSVOptions{}) })
	write("monitoraggio.json", func(b *bytes.Buffer) error { return rep.WriteJSON(b) })
	write("registro.jsonld", func(b *bytes.Buffer) error {
		return testDataset(p, []register.Distribution{
			register.NewDistribution("CSV", "registro.csv", out["registro.csv"], csvAnchor),
			register.NewDistribution("JSON", "registro.json", out["registro.json"], csvAnchor),
		}).WriteJSONLD(b)
	})
	return out
}

// testDataset describes the register of p as of 10 July 2026.
func testDataset(p register.Period, ds []register.Distribution) register.Dataset {
	return register.Dataset{Publisher: register.Publisher{Name: "Roma Capitale", IPA: "c_h501"}, Period: p, AsOf: day(2026, time.July, 10),
		DownloadURL: "https://www.comune.example.it/trasparenza/accesso-civico/{file}", Distributions: ds}
}

// TestReproducible_SameHistoriesSameBytes (DPR 445/2000 art. 53: the
// protocol register must be provably unchanged): the same histories under
// other random IDs, another map order and another local time zone give
// byte-identical files, and the register lists them in protocol order.
func TestReproducible_SameHistoriesSameBytes(t *testing.T) {
	first := publish(t)
	local := time.Local
	t.Cleanup(func() { time.Local = local })
	for _, zone := range []*time.Location{time.FixedZone("UTC-11", -11*3600), time.FixedZone("UTC+14", 14*3600)} {
		time.Local = zone
		again := publish(t)
		require.Len(t, again, len(first))
		for name, b := range first {
			require.Equal(t, string(b), string(again[name]), "%s differs with other IDs in %s", name, zone)
		}
	}
	var doc struct {
		Rows []struct {
			Protocol string `json:"numeroProtocollo"`
			Filed    string `json:"dataPresentazione"`
		} `json:"richieste"`
	}
	require.NoError(t, json.Unmarshal(first["registro.json"], &doc))
	var got []int
	for _, r := range doc.Rows {
		if r.Filed == "2026-03-16" {
			var n int
			_, err := fmt.Sscanf(r.Protocol[strings.LastIndex(r.Protocol, "/")+1:], "%d", &n)
			require.NoError(t, err, r.Protocol)
			got = append(got, n)
		}
	}
	require.Equal(t, []int{9, 800, 801, 803, 1000}, got, "one day's rows in protocol order, not in filing or ID order")
	require.Equal(t, string(first["registro.csv"]), string(first["registro-memoria.csv"]), "the streamed and the in-memory paths give the same file")
}

// TestCompareProtocol_ByValueOfDigitRuns: protocol numbers sort as the
// protocol register lists them, whatever their padding.
func TestCompareProtocol_ByValueOfDigitRuns(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"", "RA/2026/1"}, {"RA/2026/9", "RA/2026/10"}, {"RA/2025/999", "RA/2026/1"},
		{"RA/2026/0000009", "RA/2026/10"}, {"RA/2026/007", "RA/2026/7"}, {"RA/2026/7", "RA/2026/7-bis"}, {"RA/2026/7", "RB/2026/1"},
	} {
		require.Negative(t, register.CompareProtocol(c.a, c.b), "%q before %q", c.a, c.b)
		require.Positive(t, register.CompareProtocol(c.b, c.a), "%q after %q", c.b, c.a)
	}
	require.Zero(t, register.CompareProtocol("RA/2026/7", "RA/2026/7"))
}

// TestProtocolOrder_RefusesRowsOutOfReceipt: the streamed path sorts one
// day at a time, so rows that go back in time are an error, not a wrong file.
func TestProtocolOrder_RefusesRowsOutOfReceipt(t *testing.T) {
	rows := []register.Entry{{Filed: day(2026, 2, 2), Protocol: "2"}, {Filed: day(2026, 2, 2), Protocol: "1"}, {Filed: day(2026, 2, 1)}}
	var got []string
	var err error
	for e, e2 := range register.ProtocolOrder(register.Seq(rows)) {
		if err = e2; err != nil {
			break
		}
		got = append(got, e.Protocol)
	}
	require.ErrorIs(t, err, register.ErrOrder)
	require.Empty(t, got, "the day held when the error came is not yielded")
}
