package cli

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sitrep"
	"sitrep/internal/extract"
	"sitrep/internal/ingest"
)

// newsCorpus is the 10,000-article throughput corpus, read from the shared
// checkout beside the repository and never copied into it.
var newsCorpus = filepath.Join("..", "..", "..", "shared", "evaldata", "bench", "news10k.jsonl.gz")

// BenchmarkNews10k runs batch extraction over the whole corpus exactly as
// `sitrep extract --format json --out` does (streamed gzip JSON Lines, the
// same bounded worker pool of GOMAXPROCS workers), minus writing the files,
// and reports articles/s, allocations and bytes per article, and the peak
// live heap seen while it ran.
func BenchmarkNews10k(b *testing.B) {
	if _, err := os.Stat(newsCorpus); err != nil {
		b.Skipf("skipped: the benchmark corpus %s is absent (%v); it lives in ../shared/evaldata/bench", newsCorpus, err)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	x.Extract(sitrep.Document{Text: "Warm-up: load the knowledge before timing."})

	var articles atomic.Int64
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // sample the live heap; ReadMemStats would stop the world
		defer wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	// The knowledge bases (gazetteer, actors) stay in memory throughout;
	// report them apart so that the peak can be read as base + work.
	base := before.HeapAlloc
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		f, err := os.Open(newsCorpus)
		if err != nil {
			b.Fatal(err)
		}
		sum, err := batch(context.Background(), f, batchConfig{
			workers:  runtime.GOMAXPROCS(0),
			maxBytes: ingest.DefaultMaxBytes,
			work:     func(d sitrep.Document) any { return x.Extract(d) },
			sink:     func(string, any) error { return nil },
		})
		f.Close()
		if err != nil || sum.failed > 0 {
			b.Fatalf("batch: %v, %d failed %v", err, sum.failed, sum.listed)
		}
		articles.Add(int64(sum.processed))
	}
	elapsed := time.Since(start)
	b.StopTimer()
	runtime.ReadMemStats(&after)
	close(stop)
	wg.Wait()

	n := float64(articles.Load())
	b.ReportMetric(n/elapsed.Seconds(), "articles/s")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/n, "allocs/article")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/n/1024, "KiB/article")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(base)/(1<<20), "base-heap-MiB")
	b.ReportMetric(0, "ns/op") // one op is a whole corpus; articles/s is the figure
}
