package corpus

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"

	"sitrep/internal/store/sqlite"
)

// news10k is the shared benchmark corpus; it is never copied here.
const news10k = "../../../shared/evaldata/bench/news10k.jsonl.gz"

// BenchmarkIngestNews10k ingests the 10,000 articles of news10k into a
// fresh SQLite store: reading, extraction, writes with their custody
// records, full-text indexing and the cross-document views. It reports
// articles per second of the whole run, and the processor time per
// article (user and system, all goroutines), which, unlike the rate, a
// busy machine does not inflate much.
//
//	go test -run '^$' -bench IngestNews10k -benchtime 1x ./internal/corpus
func BenchmarkIngestNews10k(b *testing.B) {
	if _, err := os.Stat(news10k); err != nil {
		b.Skipf("news10k absent (%v): skipping", err)
	}
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		db, err := sqlite.Open(ctx, dir, sqlite.Options{})
		if err != nil {
			b.Fatal(err)
		}
		c := newCorpus(b, db)
		b.StartTimer()
		cpu := cpuTime()
		s, err := c.Ingest(ctx, []string{news10k}, nil, IngestOptions{})
		if err != nil {
			b.Fatal(err)
		}
		cpu = cpuTime() - cpu
		b.StopTimer()
		b.ReportMetric(float64(s.New)/s.Elapsed.Seconds(), "articles/s")
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(max(s.New, 1)), "cpu-ms/article")
		b.ReportMetric(float64(s.Events), "events")
		db.Close()
		b.StartTimer()
	}
}

// cpuTime is the processor time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
