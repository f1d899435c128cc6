package corpus

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"sitrep"
	"sitrep/internal/store"
	"sitrep/internal/store/memory"
	"sitrep/internal/store/sqlite"
)

// news10k is the shared benchmark corpus; it is never copied here.
const news10k = "../../../shared/evaldata/bench/news10k.jsonl.gz"

// BenchmarkIngestNews10k ingests the 10,000 articles of news10k into a
// fresh SQLite store: reading, extraction, writes with their custody
// records, full-text indexing and the cross-document views. It reports
// articles per second of the whole run.
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
		s, err := c.Ingest(ctx, []string{news10k}, nil, IngestOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		b.ReportMetric(float64(s.New)/s.Elapsed.Seconds(), "articles/s")
		b.ReportMetric(float64(s.Events), "events")
		db.Close()
		b.StartTimer()
	}
}

// BenchmarkIncidentQueries places generated events (SITREP_BENCH_EVENTS,
// default 100,000) into incidents, then times filtered incident lists, the
// query behind the map, reporting p50 and p95 in milliseconds.
func BenchmarkIncidentQueries(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("SITREP_BENCH_EVENTS")); err == nil && v > 0 {
		n = v
	}
	c := newCorpus(b, memory.New())
	types := sitrep.EventTypes
	places := []struct {
		name, admin1 string
		lat, lon     float64
	}{{"Quetta", "Balochistan", 30.18, 67.0}, {"Peshawar", "Khyber Pakhtunkhwa", 34.0, 71.57}, {"Kabul", "Kabul", 34.53, 69.17}, {"Kirkuk", "Kirkuk", 35.47, 44.39}}
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		p := places[i%len(places)]
		lat, lon := p.lat+float64(i%97)/50, p.lon+float64(i%89)/50
		day := start.AddDate(0, 0, (i*7919)%3650).Format("2006-01-02")
		k := i % 40
		ev := sitrep.Event{ID: "E1", Type: types[i%len(types)], Date: &sitrep.Date{Start: day, End: day, Precision: sitrep.PrecisionDay},
			Place:        &sitrep.Place{Name: p.name, Admin1: p.admin1, Country: "PK", Lat: &lat, Lon: &lon, Precision: sitrep.PlaceTown},
			Perpetrators: []sitrep.ActorRef{{ID: fmt.Sprintf("group-%d", i%50), Name: fmt.Sprintf("Group %d", i%50)}},
			Killed:       &sitrep.Count{Best: &k}}
		c.idx.Add(fmt.Sprintf("doc-%d", i), day, []sitrep.Event{ev})
	}
	c.changed()
	ctx := context.Background()
	filters := []IncidentFilter{
		{}, {Type: "bombing"}, {Since: "2020-01-01", Until: "2020-12-31"}, {Place: "Balochistan"}, {Actor: "group-7"},
		{Near: &store.Near{Lat: 34.0, Lon: 71.6, KM: 50}}, {Type: "clash", Since: "2018-01-01", Place: "Kabul"},
	}
	c.Incidents(ctx, IncidentFilter{}) // the first call builds the snapshot
	var times []time.Duration
	per := make([]time.Duration, len(filters))
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		if _, _, err := c.Incidents(ctx, filters[i%len(filters)]); err != nil {
			b.Fatal(err)
		}
		d := time.Since(t0)
		times = append(times, d)
		per[i%len(filters)] = max(per[i%len(filters)], d)
	}
	b.Logf("slowest per filter: %v", per)
	slices.Sort(times)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(times[len(times)/2]), "p50-ms")
	b.ReportMetric(ms(times[len(times)*95/100]), "p95-ms")
	b.ReportMetric(float64(c.idx.Len()), "incidents")
}
