package corpus

import (
	"context"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sitrep/internal/ingest/ingesttest"
)

// BenchmarkIngestFormats ingests a generated corpus of the same 300
// reports in each input format (ingesttest) into a fresh SQLite store,
// and reports documents per second (reading, extraction, writes and
// views), the peak live heap while it ran, and the heap before it (the
// knowledge bases), so that the peak reads as base + work.
//
//	go test -run '^$' -bench IngestFormats -benchtime 3x ./internal/corpus
func BenchmarkIngestFormats(b *testing.B) {
	const n = 300
	for _, f := range ingesttest.Formats {
		b.Run(f, func(b *testing.B) {
			src := b.TempDir()
			if err := ingesttest.Write(src, f, n); err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			var docs, secs float64
			var peak, base uint64
			for b.Loop() {
				b.StopTimer()
				c, db := sqliteCorpus(b)
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				base = max(base, ms.HeapAlloc)
				stop := samplePeak(&peak)
				b.StartTimer()
				s, err := c.Ingest(ctx, []string{src}, nil, IngestOptions{})
				b.StopTimer()
				stop()
				if err != nil || s.New != n {
					b.Fatalf("%d new of %d, %d failed (%v), err %v", s.New, n, s.Failed, s.Failures, err)
				}
				docs += float64(s.New)
				secs += s.Elapsed.Seconds()
				db.Close()
				b.StartTimer()
			}
			b.ReportMetric(docs/secs, "docs/s")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(base)/(1<<20), "base-heap-MiB")
			b.ReportMetric(0, "ns/op")
		})
	}
}

// samplePeak records the live heap's peak into peak until stopped.
func samplePeak(peak *uint64) (stop func()) {
	var max atomic.Uint64
	max.Store(*peak)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > max.Load() {
				max.Store(v)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait(); *peak = max.Load() }
}
