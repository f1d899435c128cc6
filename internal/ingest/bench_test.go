package ingest_test

import (
	"context"
	"testing"

	"sitrep/internal/ingest"
	"sitrep/internal/ingest/ingesttest"
)

// BenchmarkReadFormats reads the generated corpus of each format
// (ingesttest) as an ingest does, without extraction or storage: the cost
// of the readers alone, in documents per second and bytes allocated per
// document.
//
//	go test -run '^$' -bench ReadFormats ./internal/ingest
func BenchmarkReadFormats(b *testing.B) {
	const n = 300
	for _, f := range ingesttest.Formats {
		b.Run(f, func(b *testing.B) {
			dir := b.TempDir()
			if err := ingesttest.Write(dir, f, n); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			docs := 0
			for b.Loop() {
				err := ingest.Walk(context.Background(), []string{dir}, nil, ingest.WalkOptions{}, func(r ingest.Record) error {
					if r.Err != nil {
						b.Fatalf("%s: %v", r.Source, r.Err)
					}
					docs++
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
