package server

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"sitrep"
	"sitrep/internal/auth"
	"sitrep/internal/corpus"
	"sitrep/internal/store"
	"sitrep/internal/store/postgres"
	"sitrep/internal/store/sqlite"
)

// BenchmarkAPILists times the server's answers over a SQLite store (or the
// PostgreSQL database SITREP_BENCH_POSTGRES names) of
// SITREP_BENCH_EVENTS generated events (default 20,000 so that a plain run
// stays quick), written through the public batch API as an ingest would,
// views and all. SITREP_BENCH_DIR keeps the store between runs, since a
// million events take a long while to write:
//
//	SITREP_BENCH_EVENTS=1000000 SITREP_BENCH_DIR=/tmp/sitrep-api-1m \
//	  go test ./internal/server -run '^$' -bench APILists -benchtime 400x -v
//
// A PostgreSQL database that already holds the events is read as it is,
// so a cluster kept between runs (scripts/pg-test.sh start DIR) is written
// once; opening it applies any new migration.
//
// It reports how long the first answer took from opening the store
// (first-ms), p50 and p95 in milliseconds over the lists, dossiers, actor
// pages and one actor's claim graph (/api/graph, and the network the
// actor page links to), and per kind with -v; the map and
// the timeline (every matching incident at once) are timed per kind only,
// with the size of their answers (bytes-p50).
// It also reports the processor time of each answer (cpu-p50-ms,
// cpu-p95-ms: the process's user and system time over the request),
// which a machine shared with other work does not inflate as it does the
// elapsed time. Each request runs under the profiler label kind, so that
// a -cpuprofile splits by kind (go tool pprof -tagfocus 'kind=actor graph').
func BenchmarkAPILists(b *testing.B) {
	ctx := context.Background()
	n, a, sess := benchSetup(b)
	// What 'sitrep serve' does before it answers: open the corpus and
	// build the routes; then the first answer, an incident list.
	t0 := time.Now()
	h := New(Config{Corpus: corpus.New(benchDB, nil), Auth: a})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, benchRequest("/api/incidents", sess.ID))
	first := time.Since(t0)
	if w.Code != http.StatusOK {
		b.Fatalf("first request: %d %s", w.Code, w.Body)
	}
	ids, groups := benchIDs(b, benchDB)
	r := rand.New(rand.NewPCG(1, 2))
	day0 := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	kinds := []string{"events", "events type+dates", "events place", "events near", "events actor", "events text",
		"incidents", "incidents type+dates", "incidents place", "incidents actor", "incidents near",
		"incident dossier", "actor page", "actor graph", "actor network",
		"map", "map type+dates", "map place", "map years", "map box", "timeline place"}
	lat, cpu, size := map[string][]float64{}, map[string][]float64{}, map[string][]float64{}
	var all, allCPU []float64
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
		case "years": // the timeline's brush over two years
			s := day0.AddDate(0, 0, r.IntN(2900))
			q.Set("since", s.Format(time.DateOnly))
			q.Set("until", s.AddDate(0, 0, 730).Format(time.DateOnly))
		case "box": // the map zoomed in on a town
			t := benchTowns[benchZipf(r, len(benchTowns))]
			q.Set("bbox", fmt.Sprintf("%.3f,%.3f,%.3f,%.3f", t.lon-0.4, t.lat-0.3, t.lon+0.4, t.lat+0.3))
		case "place":
			t := benchTowns[benchZipf(r, len(benchTowns))]
			q.Set("place", []string{t.name, t.admin1, t.country}[r.IntN(3)])
		case "near":
			t := benchTowns[benchZipf(r, len(benchTowns))]
			q.Set("near", fmt.Sprintf("%.3f,%.3f,%d", t.lat, t.lon, 25+r.IntN(75)))
		case "actor":
			q.Set("actor", groups[benchZipf(r, len(groups))])
		case "text":
			q.Set("text", benchWords[r.IntN(len(benchWords))])
		}
		target := "/api/" + path + "?" + q.Encode()
		switch kind {
		case "incident dossier":
			target = "/api/incidents/" + ids[r.IntN(len(ids))]
		case "actor page":
			target = "/api/actors/" + groups[benchZipf(r, len(groups))]
		case "actor graph":
			target = "/api/graph?actor=" + groups[benchZipf(r, len(groups))]
		case "actor network": // the claim graph the actor page links to
			target = "/api/network?focus=" + groups[benchZipf(r, len(groups))]
		}
		req := benchRequest(target, sess.ID)
		w := httptest.NewRecorder()
		c0 := cpuTime()
		t0 := time.Now()
		pprof.Do(ctx, pprof.Labels("kind", kind), func(context.Context) { h.ServeHTTP(w, req) })
		ms := float64(time.Since(t0).Microseconds()) / 1000
		cms := float64((cpuTime() - c0).Microseconds()) / 1000
		cpu[kind] = append(cpu[kind], cms)
		if w.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", req.URL, w.Code, w.Body)
		}
		lat[kind] = append(lat[kind], ms)
		size[kind] = append(size[kind], float64(w.Body.Len()))
		if path != "map" && path != "timeline" { // bulk answers, reported on their own
			all, allCPU = append(all, ms), append(allCPU, cms)
		}
	}
	b.StopTimer()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(n), "events")
	b.ReportMetric(float64(first.Microseconds())/1000, "first-ms")
	b.ReportMetric(percentile(all, 50), "p50-ms")
	b.ReportMetric(percentile(all, 95), "p95-ms")
	b.ReportMetric(percentile(allCPU, 50), "cpu-p50-ms")
	b.ReportMetric(percentile(allCPU, 95), "cpu-p95-ms")
	b.ReportMetric(float64(m.HeapInuse)/(1<<20), "heap-MB")
	b.ReportMetric(0, "ns/op")
	for _, k := range kinds {
		if testing.Verbose() && len(lat[k]) > 0 {
			b.Logf("%-22s n=%4d p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms; processor p50 %7.2f ms  p95 %7.2f ms; bytes-p50 %9.0f", k, len(lat[k]),
				percentile(lat[k], 50), percentile(lat[k], 95), percentile(lat[k], 100), percentile(cpu[k], 50), percentile(cpu[k], 95), percentile(size[k], 50))
		}
	}
}

// benchSetup returns the number of events the server benchmarks read
// (SITREP_BENCH_EVENTS, default 20,000 so that a plain run stays quick),
// opening their store once, and a viewer's session to ask with. The
// testing package runs a benchmark with b.N = 1 before the real run: the
// store, long to write at a million events, is kept.
func benchSetup(b *testing.B) (int, *auth.Service, auth.Session) {
	n := 20_000
	if v, err := strconv.Atoi(os.Getenv("SITREP_BENCH_EVENTS")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	if benchDB == nil {
		benchDB = openBenchStore(b, n)
	}
	a := auth.New(auth.NewMemory(), auth.DefaultPolicy)
	a.AddUser(ctx, "vera", auth.Viewer, "password of vera", false)
	sess, err := a.Login(ctx, "vera", "password of vera", "127.0.0.1")
	if err != nil {
		b.Fatal(err)
	}
	return n, a, sess
}

// benchStore is a store the benchmark writes and reads.
type benchStore interface {
	store.ViewStore
	Optimize(context.Context) error
}

var benchDB benchStore

// cpuTime is the processor time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// openBenchStore opens (writing when needed) the benchmark's store, the
// PostgreSQL database SITREP_BENCH_POSTGRES names or else a SQLite
// directory; it stays open for the process.
func openBenchStore(b *testing.B, n int) benchStore {
	ctx := context.Background()
	var st benchStore
	var err error
	if url := os.Getenv("SITREP_BENCH_POSTGRES"); url != "" {
		st, err = postgres.Open(ctx, url, postgres.Options{})
	} else {
		dir := os.Getenv("SITREP_BENCH_DIR")
		if dir == "" {
			dir = b.TempDir()
		}
		st, err = sqlite.Open(ctx, dir, sqlite.Options{})
	}
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
		st.Optimize(ctx)
		b.Logf("wrote %d events in %v", n, time.Since(t0).Round(time.Second))
	}
	return st
}

// benchIDs samples incident ids for dossiers, and lists the groups.
func benchIDs(b *testing.B, st store.ViewStore) (ids, groups []string) {
	ctx := context.Background()
	_, err := st.ScanIncidents(ctx, store.IncidentFilter{Limit: 5000}, func(r store.IncidentRow) error {
		ids = append(ids, r.ID)
		return nil
	})
	if err != nil || len(ids) == 0 {
		b.Fatalf("no incidents to read: %v", err)
	}
	for i := range benchGroups {
		groups = append(groups, fmt.Sprintf("group-%d", i))
	}
	return ids, groups
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

// benchTown is a place of the generated gazetteer.
type benchTown struct {
	name, admin1, country string
	lat, lon              float64
}

// benchTowns is a gazetteer as real reporting uses one: 3,000 towns
// around twelve regional centres, a few of them named in most reports
// (benchZipf), as capitals and provincial towns are.
var benchTowns = func() []benchTown {
	centres := []benchTown{
		{"Quetta", "Balochistan", "PK", 30.18, 67.0}, {"Turbat", "Balochistan", "PK", 26.0, 63.05},
		{"Peshawar", "Khyber Pakhtunkhwa", "PK", 34.0, 71.57}, {"Karachi", "Sindh", "PK", 24.86, 67.01},
		{"Kabul", "Kabul", "AF", 34.53, 69.17}, {"Kandahar", "Kandahar", "AF", 31.61, 65.71},
		{"Kirkuk", "Kirkuk", "IQ", 35.47, 44.39}, {"Mosul", "Nineveh", "IQ", 36.34, 43.13},
		{"Goma", "Nord-Kivu", "CD", -1.68, 29.22}, {"Bunia", "Ituri", "CD", 1.56, 30.25},
		{"Gao", "Gao", "ML", 16.27, -0.04}, {"Mopti", "Mopti", "ML", 14.49, -4.2},
	}
	out := slices.Clone(centres)
	r := rand.New(rand.NewPCG(11, 12))
	for i := len(out); i < 3000; i++ {
		c := centres[r.IntN(len(centres))]
		out = append(out, benchTown{fmt.Sprintf("%s-%d", c.name[:3], i), c.admin1, c.country,
			math.Round((c.lat+r.NormFloat64()*0.8)*1e4) / 1e4, math.Round((c.lon+r.NormFloat64()*0.8)*1e4) / 1e4})
	}
	return out
}()

// benchGroups is how many armed groups and other actors the reports name.
const benchGroups = 300

// benchZipf draws an index below n, the first ones far more often.
func benchZipf(r *rand.Rand, n int) int {
	return min(n-1, int(math.Floor(math.Pow(float64(n+1), r.Float64())))-1)
}

var benchWords = strings.Fields("market convoy checkpoint students mosque highway school village border camp")

// generate writes n events as reports of incidents: each incident (a
// type, town, day, perpetrator and toll) is reported by one to five
// documents published over the next days, with tolls that differ; a
// document carries up to five reports and one claim, and an evidence
// sentence for each report so that full-text queries find them.
func generate(ctx context.Context, st store.Store, n int) error {
	const perDoc = 5
	r := rand.New(rand.NewPCG(5, 6))
	day0 := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	type report struct {
		ev  sitrep.Event
		pub int // days after day0
		inc int
	}
	var reps []report
	for inc := 0; len(reps) < n; inc++ {
		t := benchTowns[benchZipf(r, len(benchTowns))]
		d := (inc * 3650) / max(1, n/2)
		day := day0.AddDate(0, 0, d).Format(time.DateOnly)
		typ := sitrep.EventTypes[r.IntN(len(sitrep.EventTypes))]
		g := benchZipf(r, benchGroups)
		k := r.IntN(20)
		for range 1 + min(4, int(r.ExpFloat64())) {
			if len(reps) == n {
				break
			}
			kk := k + r.IntN(3)
			lat, lon := t.lat, t.lon
			reps = append(reps, report{pub: d + r.IntN(4), inc: inc, ev: sitrep.Event{Type: typ, Modality: "asserted",
				Date:         &sitrep.Date{Start: day, End: day, Precision: sitrep.PrecisionDay},
				Place:        &sitrep.Place{Name: t.name, Admin1: t.admin1, Country: t.country, Lat: &lat, Lon: &lon, Precision: sitrep.PlaceTown},
				Perpetrators: []sitrep.ActorRef{{ID: fmt.Sprintf("group-%d", g), Name: fmt.Sprintf("Group %d", g)}},
				Killed:       &sitrep.Count{Low: &kk, Best: &kk, High: &kk, Text: strconv.Itoa(kk)}}})
		}
	}
	slices.SortStableFunc(reps, func(a, b report) int { return cmp.Compare(a.pub, b.pub) })
	var batch []store.Item
	for i := 0; i < len(reps); {
		var text strings.Builder
		var evs []sitrep.Event
		seen := map[int]bool{}
		pub := day0.AddDate(0, 0, reps[i].pub).Format(time.DateOnly)
		for ; i < len(reps) && len(evs) < perDoc && !seen[reps[i].inc]; i++ {
			seen[reps[i].inc] = true
			ev := reps[i].ev
			ev.ID = fmt.Sprintf("E%d", len(evs)+1)
			start := text.Len()
			fmt.Fprintf(&text, "Report %d: an incident near the %s in %s left %d dead. ", len(evs), benchWords[r.IntN(len(benchWords))], ev.Place.Name, *ev.Killed.Best)
			ev.Evidence = []sitrep.Span{{Start: start, End: text.Len() - 1, Text: strings.TrimSpace(text.String()[start:])}}
			evs = append(evs, ev)
		}
		sp, su, ob := benchZipf(r, benchGroups), benchZipf(r, benchGroups), benchZipf(r, benchGroups)
		rel := []string{sitrep.Supports, sitrep.ResponsibleFor, sitrep.Condemns, sitrep.Attacks, sitrep.Denies}[r.IntN(5)]
		ref := func(g int) sitrep.ActorRef {
			return sitrep.ActorRef{ID: fmt.Sprintf("group-%d", g), Name: fmt.Sprintf("Group %d", g)}
		}
		start := text.Len()
		fmt.Fprintf(&text, "Group %d said Group %d %s Group %d.", sp, su, rel, ob)
		claim := sitrep.Claim{ID: "C1", Speaker: ref(sp), Cue: "said", Kind: sitrep.Indirect, Text: text.String()[start:],
			Relation: &sitrep.Relation{Type: rel, Subject: ref(su), Object: ref(ob)},
			Evidence: []sitrep.Span{{Start: start, End: text.Len(), Text: text.String()[start:]}}}
		var actors []sitrep.Actor
		for _, g := range []int{sp, su, ob} {
			actors = append(actors, sitrep.Actor{ID: fmt.Sprintf("group-%d", g), Name: fmt.Sprintf("Group %d", g), Type: sitrep.ArmedGroup, Aliases: []string{}, Mentions: 1})
		}
		raw := []byte(fmt.Sprintf("generated document %d\n%s", len(batch)+i, text.String()))
		res := sitrep.Result{Schema: "sitrep/v1", Document: sitrep.DocumentInfo{Published: pub, Source: "generated"}, Events: evs, Claims: []sitrep.Claim{claim}, Actors: actors}
		batch = append(batch, store.Item{Original: store.Original{Source: fmt.Sprintf("gen-%d", i), Published: pub}, Raw: raw,
			Document: &store.Document{Text: text.String(), Published: pub, Outlet: fmt.Sprintf("Outlet %d", r.IntN(40))}, Result: &res, ExtractorVersion: "bench"})
		if len(batch) == 256 {
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
