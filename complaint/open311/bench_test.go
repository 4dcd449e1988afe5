package open311_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/complaint/open311"
)

// BenchmarkHandler_List measures GET requests.json (the default window,
// every report of the last 90 days) on a desk holding n reports filed
// online, one an hour.
func BenchmarkHandler_List(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("reports=%d", n), func(b *testing.B) {
			f := newFixture(b)
			start := f.clock.Now()
			for i := range n {
				f.clock.Set(start.Add(-time.Duration(n-i) * time.Hour))
				fl := pothole()
				fl.Received = f.clock.Now()
				_, err := f.svc.File(f.ctx, complaint.Act{By: web}, fl)
				require.NoError(b, err)
			}
			f.clock.Set(start)
			h, err := open311.NewHandler(open311.Config{Service: f.svc, Keys: open311.KeyMap{apiKey: fms}, Now: f.clock.Now})
			require.NoError(b, err)
			b.ResetTimer()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/requests.json", nil))
				if rec.Code != http.StatusOK {
					b.Fatal(rec.Body.String())
				}
			}
		})
	}
}
