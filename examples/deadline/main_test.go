package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/puntodiascolto/ascolto/internal/golden"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGolden runs the command on the README's examples and compares the
// output with testdata/<name>.golden (go test -update rewrites them).
func TestGolden(t *testing.T) {
	tests := []struct {
		name string
		args string
	}{
		{"roma-30-giorni", "-from 2026-09-04 -days 30 -municipality Roma"},
		{"giurisdizionale-agosto", "-from 20/07/2026 -days 30 -kind giurisdizionale -name ricorso"},
		{"giurisdizionale-inizio-agosto", "-from 10/08/2026 -days 30 -kind giurisdizionale -name ricorso"},
		{"sospensione", "-from 2026-03-02 -days 30 -suspend 2026-03-05:2026-03-12 -name conclusione -today 2026-04-05"},
		{"sospensione-json", "-from 2026-03-02 -days 30 -suspend 2026-03-05:2026-03-12 -json -today 2026-04-10"},
		{"mesi-milano", "-from 2026-01-31 -length 1 -unit mesi -municipality 015146 -today 2026-02-28"},
		{"lavorativi", "-from 2026-04-03 -length 5 -unit lavorativi"},
		{"dilatorio", "-from 2026-03-21 -days 15 -dilatory"},
		{"interruzione", "-from 2026-03-02 -days 30 -restart 09/03/2026 -suspend 2026-03-10:2026-03-20:5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(strings.Fields(tt.args), &stdout, &stderr)
			require.Equal(t, 0, code, stderr.String())
			assert.Empty(t, stderr.String())
			golden.Assert(t, tt.name+".golden", stdout.Bytes())
		})
	}
}

// TestStatusLine: one day is "giorno", more are "giorni".
func TestStatusLine(t *testing.T) {
	tests := []struct{ today, want string }{
		{"2026-04-07", "Al 07/04/2026: in scadenza, manca 1 giorno\n"},
		{"2026-04-05", "Al 05/04/2026: in scadenza, mancano 3 giorni\n"},
		{"2026-04-09", "Al 09/04/2026: scaduto da 1 giorno\n"},
		{"2026-04-11", "Al 11/04/2026: scaduto da 3 giorni\n"},
	}
	for _, tt := range tests {
		t.Run(tt.today, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			require.Equal(t, 0, run([]string{"-from", "2026-03-02", "-days", "37", "-today", tt.today}, &stdout, &stderr), stderr.String())
			assert.Contains(t, stdout.String(), tt.want)
		})
	}
}

func TestJSONOutput(t *testing.T) {
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, run([]string{"-from", "2027-09-04", "-days", "30", "-json"}, &stdout, &stderr), stderr.String())
	var out struct {
		Calendar    string
		Due         string
		Explanation struct {
			Steps []struct{ Action, Text string }
		}
	}
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &out))
	assert.Equal(t, "Italia", out.Calendar)
	assert.Equal(t, "2027-10-05", out.Due)
	require.Len(t, out.Explanation.Steps, 4)
	assert.Equal(t, "extension", out.Explanation.Steps[2].Action)
	assert.Contains(t, out.Explanation.Steps[2].Text, "San Francesco d'Assisi")
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args string
		code int
		msg  string
	}{
		{"", 2, "-from is required"},
		{"-from 2026-03-02", 2, "-days or -length is required"},
		{"-from 2026-02-30 -days 3", 2, "February 2026 has 28 days"},
		{"-from 2026-03-02 -days 3 -length 3", 2, "not both"},
		{"-from 2026-03-02 -days 3 -unit mesi", 2, "-days counts calendar days"},
		{"-from 2026-03-02 -days x", 2, "not a number"},
		{"-from 2026-03-02 -days 3 -unit settimane", 2, "unknown unit"},
		{"-from 2026-03-02 -days 3 -kind penale", 2, "unknown kind"},
		{"-from 2026-03-02 -days 3 -municipality Atlantide", 2, "unknown municipality"},
		{"-from 2026-03-02 -days 3 -suspend 2026-03-05", 2, "from:to"},
		{"-from 2026-03-02 -days 3 -suspend 2026-03-05:2026-03-0x", 2, "invalid date"},
		{"-from 2026-03-02 -days 3 -suspend 2026-03-05:2026-03-07:x", 2, "bad cap"},
		{"-from 2026-03-02 -days 3 extra", 2, "unexpected arguments"},
		{"-from 2026-03-02 -days -3", 1, "negative length"},
		{"-from 2026-03-02 -days 30 -suspend 2026-03-10:2026-03-05", 1, "ends (2026-03-05) before it starts"},
		{"-from 1970-03-02 -days 30", 1, "before 1977"},
	}
	for _, tt := range tests {
		t.Run(tt.args, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			assert.Equal(t, tt.code, run(strings.Fields(tt.args), &stdout, &stderr))
			assert.Contains(t, stderr.String(), tt.msg)
			assert.Empty(t, stdout.String())
		})
	}
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 0, run([]string{"-h"}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "-municipality")
}
