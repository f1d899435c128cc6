package corpus

import (
	"context"
	"errors"
	"os"
	"syscall"
	"testing"
	"time"

	"sitrep/internal/ingest"
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
		c, db := sqliteCorpus(b)
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

// BenchmarkCommitNews10k times the single writer alone: the first
// commitDocs articles of news10k are read and extracted once, outside the
// timer, then committed in batches of DefaultBatchSize into a fresh SQLite
// store (originals, documents, results, custody records, full-text indexes
// and the views, as an ingest commits them). It reports the writer's
// articles per second and the processor time per article.
//
//	go test -run '^$' -bench CommitNews10k -benchtime 3x ./internal/corpus
func BenchmarkCommitNews10k(b *testing.B) {
	const commitDocs = 3000
	if _, err := os.Stat(news10k); err != nil {
		b.Skipf("news10k absent (%v): skipping", err)
	}
	ctx := context.Background()
	c, scratch := sqliteCorpus(b)
	var works []work
	err := ingest.Walk(ctx, []string{news10k}, nil, ingest.WalkOptions{}, func(r ingest.Record) error {
		if len(works) == commitDocs {
			return errEnough
		}
		works = append(works, c.prepare(ctx, r, true))
		return nil
	})
	scratch.Close()
	if err != nil && !errors.Is(err, errEnough) {
		b.Fatal(err)
	}
	for b.Loop() {
		b.StopTimer()
		c, db := sqliteCorpus(b)
		var s Summary
		b.StartTimer()
		start, cpu := time.Now(), cpuTime()
		for i := 0; i < len(works); i += DefaultBatchSize {
			if err := c.commit(ctx, works[i:min(i+DefaultBatchSize, len(works))], IngestOptions{}, &s); err != nil {
				b.Fatal(err)
			}
		}
		cpu, elapsed := cpuTime()-cpu, time.Since(start)
		b.StopTimer()
		b.ReportMetric(float64(s.New)/elapsed.Seconds(), "articles/s")
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(max(s.New, 1)), "cpu-ms/article")
		db.Close()
		b.StartTimer()
	}
}

var errEnough = errors.New("enough articles")
