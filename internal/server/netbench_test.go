package server

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"sitrep/internal/corpus"
)

// BenchmarkNetworkOverview times the actor network's overview (/api/network
// with no filter), built afresh by each iteration's new server (no cache),
// over the store BenchmarkAPILists reads (SITREP_BENCH_EVENTS,
// SITREP_BENCH_DIR, SITREP_BENCH_POSTGRES):
//
//	SITREP_BENCH_EVENTS=100000 SITREP_BENCH_DIR=/tmp/sitrep-api-100k \
//	  go test ./internal/server -run '^$' -bench NetworkOverview -benchtime 3x
//
// It reports the elapsed and processor time of the first answer (ms-op,
// cpu-ms-op), its size, and the edges and actors it counted.
func BenchmarkNetworkOverview(b *testing.B) {
	n, a, sess := benchSetup(b)
	var elapsed, cpu time.Duration
	var size int
	b.ResetTimer()
	for range b.N {
		h := New(Config{Corpus: corpus.New(benchDB, nil), Auth: a})
		w := httptest.NewRecorder()
		c0, t0 := cpuTime(), time.Now()
		h.ServeHTTP(w, benchRequest("/api/network", sess.ID))
		elapsed, cpu = elapsed+time.Since(t0), cpu+cpuTime()-c0
		if w.Code != http.StatusOK {
			b.Fatalf("/api/network: %d %s", w.Code, w.Body)
		}
		size = w.Body.Len()
	}
	b.StopTimer()
	runtime.GC()
	b.ReportMetric(float64(n), "events")
	b.ReportMetric(float64(elapsed.Microseconds())/1000/float64(b.N), "ms-op")
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms-op")
	b.ReportMetric(float64(size), "bytes")
	b.ReportMetric(0, "ns/op")
}
