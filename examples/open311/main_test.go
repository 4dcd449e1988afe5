package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/internal/golden"
)

// TestSelfTestGolden: the self-test files, lists and fetches a report and
// is refused with a wrong key and an unknown request; what it prints
// carries none of the reporter's data except in the request it sent.
func TestSelfTestGolden(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, selfTest(&buf))
	golden.Assert(t, "selftest.golden", buf.Bytes())
	out := buf.String()
	assert.Contains(t, out, `[{"service_request_id":"RM-2026-00001"`)
	assert.Contains(t, out, "< 403 Forbidden")
	assert.Contains(t, out, "< 404 Not Found")
	for _, leak := range []string{"Rossi", "mario.rossi", "1234567", "device-42", "AB123CD", "casa mia", "int. 4"} {
		assert.NotContains(t, out, leak)
	}
}

// TestServeStops: serve answers until its context is cancelled, then
// returns.
func TestServeStops(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, addr, "k") }()
	var resp *http.Response
	require.Eventually(t, func() bool {
		resp, err = http.Get("http://" + addr + prefix + "/services.json")
		return err == nil
	}, 5*time.Second, 20*time.Millisecond)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.True(t, strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json"))
	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not return after its context was cancelled")
	}
}
