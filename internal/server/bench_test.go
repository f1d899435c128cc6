package server

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"sitrep"
	"sitrep/internal/auth"
	"sitrep/internal/corpus"
	"sitrep/internal/store"
	"sitrep/internal/store/sqlite"
)

// BenchmarkAPILists times filtered event and incident lists through the
// whole HTTP handler (session check, filter parsing, store or corpus
// query, JSON encoding) over a SQLite store of SITREP_BENCH_EVENTS
// generated events (default 20,000 so that a plain run stays quick). The
// store is written through the public batch API, 50 events a document;
// SITREP_BENCH_DIR keeps it between runs, since a million events take a
// few minutes to write:
//
//	SITREP_BENCH_EVENTS=1000000 SITREP_BENCH_DIR=/tmp/sitrep-api-1m \
//	  go test ./internal/server -run '^$' -bench APILists -benchtime 390x -v
//
// It reports p50 and p95 in milliseconds over all list requests and per
// kind; /api/map (up to 200,000 incidents in one response) is timed per
// kind only.
func BenchmarkAPILists(b *testing.B) {
	n := 20_000
	if v, err := strconv.Atoi(os.Getenv("SITREP_BENCH_EVENTS")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	// The testing package runs a benchmark with b.N = 1 before the real
	// run: the corpus, minutes to load at a million events, is kept.
	if benchCorpus == nil {
		benchCorpus = openBenchCorpus(b, n)
	}
	c := benchCorpus
	a := auth.New(auth.NewMemory(), auth.DefaultPolicy)
	a.AddUser(ctx, "vera", auth.Viewer, "password of vera", false)
	sess, err := a.Login(ctx, "vera", "password of vera", "127.0.0.1")
	if err != nil {
		b.Fatal(err)
	}
	h := New(Config{Corpus: c, Auth: a})
	r := rand.New(rand.NewPCG(1, 2))
	day0 := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	kinds := []string{"events", "events type+dates", "events place", "events near", "events actor", "events text",
		"incidents", "incidents type+dates", "incidents place", "incidents actor", "incidents near",
		"map", "map type+dates"}
	lat := map[string][]float64{}
	var all []float64
	h.ServeHTTP(httptest.NewRecorder(), benchRequest("/api/incidents?limit=1", sess.ID)) // builds the corpus snapshot
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		kind := kinds[i%len(kinds)]
		path, filter, _ := strings.Cut(kind, " ")
		q := url.Values{}
		switch filter {
		case "type+dates":
			s := day0.AddDate(0, 0, r.IntN(3500))
			q.Set("type", sitrep.EventTypes[r.IntN(len(sitrep.EventTypes))])
			q.Set("since", s.Format(time.DateOnly))
			q.Set("until", s.AddDate(0, 0, 90).Format(time.DateOnly))
		case "place":
			q.Set("place", benchPlaces[r.IntN(len(benchPlaces))].name)
		case "near":
			p := benchPlaces[r.IntN(len(benchPlaces))]
			q.Set("near", fmt.Sprintf("%.3f,%.3f,%d", p.lat, p.lon, 25+r.IntN(75)))
		case "actor":
			q.Set("actor", fmt.Sprintf("group-%d", r.IntN(200)))
		case "text":
			q.Set("text", benchWords[r.IntN(len(benchWords))])
		}
		req := benchRequest("/api/"+path+"?"+q.Encode(), sess.ID)
		w := httptest.NewRecorder()
		t0 := time.Now()
		h.ServeHTTP(w, req)
		ms := float64(time.Since(t0).Microseconds()) / 1000
		if w.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", req.URL, w.Code, w.Body)
		}
		lat[kind] = append(lat[kind], ms)
		if path != "map" { // the map is a bulk download, reported on its own
			all = append(all, ms)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(n), "events")
	b.ReportMetric(percentile(all, 50), "p50-ms")
	b.ReportMetric(percentile(all, 95), "p95-ms")
	b.ReportMetric(0, "ns/op")
	for _, k := range kinds {
		if testing.Verbose() && len(lat[k]) > 0 {
			b.Logf("%-22s n=%4d p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms", k, len(lat[k]), percentile(lat[k], 50), percentile(lat[k], 95), percentile(lat[k], 100))
		}
	}
}

var benchCorpus *corpus.Corpus

// openBenchCorpus opens (writing when needed) the benchmark's store and
// loads the corpus views over it; both stay open for the process.
func openBenchCorpus(b *testing.B, n int) *corpus.Corpus {
	ctx := context.Background()
	dir := os.Getenv("SITREP_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	st, err := sqlite.Open(ctx, dir, sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if stats.Events < int64(n) {
		t0 := time.Now()
		if err := generate(ctx, st, n); err != nil {
			b.Fatal(err)
		}
		b.Logf("wrote %d events in %v", n, time.Since(t0).Round(time.Second))
	}
	t0 := time.Now()
	c := corpus.New(st, nil)
	b.Logf("loaded the corpus views in %v", time.Since(t0).Round(time.Millisecond))
	return c
}

func benchRequest(target, session string) *http.Request {
	req := httptest.NewRequest("GET", target, nil)
	req.AddCookie(&http.Cookie{Name: cookieName, Value: session})
	return req
}

func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[max(0, min(int(math.Ceil(p/100*float64(len(s))))-1, len(s)-1))]
}

var benchPlaces = []struct {
	name, admin1 string
	lat, lon     float64
}{
	{"Quetta", "Balochistan", 30.18, 67.0}, {"Turbat", "Balochistan", 26.0, 63.05}, {"Gwadar", "Balochistan", 25.12, 62.32},
	{"Peshawar", "Khyber Pakhtunkhwa", 34.0, 71.57}, {"Kabul", "Kabul", 34.53, 69.17}, {"Kirkuk", "Kirkuk", 35.47, 44.39},
	{"Goma", "Nord-Kivu", -1.68, 29.22}, {"Gao", "Gao", 16.27, -0.04},
}

var benchWords = strings.Fields("market convoy checkpoint students mosque highway school village border camp")

// generate writes n events, 50 to a document, each with an evidence
// sentence in the document's text so that full-text queries find them.
func generate(ctx context.Context, st store.Store, n int) error {
	const perDoc = 50
	r := rand.New(rand.NewPCG(5, 6))
	day0 := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	var batch []store.Item
	for d := 0; d*perDoc < n; d++ {
		var text strings.Builder
		var evs []sitrep.Event
		published := day0.AddDate(0, 0, r.IntN(3650))
		for e := 0; e < perDoc && d*perDoc+e < n; e++ {
			p := benchPlaces[r.IntN(len(benchPlaces))]
			lat, lon := p.lat+r.Float64()/5, p.lon+r.Float64()/5
			day := published.AddDate(0, 0, -r.IntN(30)).Format(time.DateOnly)
			k := r.IntN(20)
			start := text.Len()
			fmt.Fprintf(&text, "Report %d: an incident near the %s in %s left %d dead. ", e, benchWords[r.IntN(len(benchWords))], p.name, k)
			evs = append(evs, sitrep.Event{ID: fmt.Sprintf("E%d", e+1), Type: sitrep.EventTypes[r.IntN(len(sitrep.EventTypes))], Modality: "asserted",
				Date:         &sitrep.Date{Start: day, End: day, Precision: sitrep.PrecisionDay},
				Place:        &sitrep.Place{Name: p.name, Admin1: p.admin1, Country: "XX", Lat: &lat, Lon: &lon, Precision: "city"},
				Perpetrators: []sitrep.ActorRef{{ID: fmt.Sprintf("group-%d", r.IntN(200)), Name: fmt.Sprintf("Group %d", r.IntN(200))}},
				Killed:       &sitrep.Count{Low: &k, Best: &k, High: &k, Text: strconv.Itoa(k)},
				Evidence:     []sitrep.Span{{Start: start, End: text.Len() - 1, Text: strings.TrimSpace(text.String()[start:])}}})
		}
		raw := []byte(fmt.Sprintf("generated document %d\n%s", d, text.String()))
		res := sitrep.Result{Schema: "sitrep/v1", Document: sitrep.DocumentInfo{Published: published.Format(time.DateOnly), Source: "generated"}, Events: evs}
		batch = append(batch, store.Item{Original: store.Original{Source: fmt.Sprintf("gen-%d", d), Published: published.Format(time.DateOnly)}, Raw: raw,
			Document: &store.Document{Text: text.String(), Published: published.Format(time.DateOnly), Outlet: "Generated"}, Result: &res, ExtractorVersion: "bench"})
		if len(batch) == 100 {
			if err := st.PutBatch(ctx, batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	if len(batch) > 0 {
		return st.PutBatch(ctx, batch)
	}
	return nil
}
