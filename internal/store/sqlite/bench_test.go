package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"sitrep"
	"sitrep/internal/store"
)

// The query benchmark needs a big store; it is generated once per process
// into a temporary directory, straight through SQL in one transaction with
// prepared statements (the public write path would also build custody
// records and document text nobody queries here).
//
// Its size is SITREP_BENCH_EVENTS (default 100,000, so that a plain
// `go test -bench .` stays quick). The figures that matter are at a
// million events; generating those takes a minute or two, so
// SITREP_BENCH_DIR may name a directory to keep the store in and reuse:
//
//	SITREP_BENCH_EVENTS=1000000 SITREP_BENCH_DIR=/tmp/sitrep-bench-1m \
//	  go test ./internal/store/sqlite -run '^$' -bench 'Events|Claims|Search' -benchtime 1400x -v

// benchEvents is the size of the generated store.
var benchEvents = envInt("SITREP_BENCH_EVENTS", 100_000)

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
	benchSet  *benchData
)

type benchPlace struct {
	name      string
	lat, lon  float64
	admin1    string
	weightCum float64
}

type benchData struct {
	places []benchPlace
	actors []string
	words  []string
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

var vocabulary = strings.Fields(`attack blast bomb checkpoint convoy police soldiers militants gunmen
	market mosque school hospital highway bus students journalist lawyer activist protesters families bodies
	grave village district border camp raid operation curfew strike sit-in march rally ambush grenade rocket
	mortar drone explosive device motorcycle vehicle suicide abducted disappeared detained arrested tortured
	released killed injured wounded funeral mourners officials spokesman ministry court commission report
	evidence witnesses night morning evening dozens several hundreds residents shopkeepers labourers miners
	engineers workers pilgrims teachers doctors elders tribesmen farmers fishermen drivers`)

func zipf(r *rand.Rand, n int, s float64) int {
	// Inverse-CDF sampling of a truncated power law: a few items are
	// common, most are rare, as places and actors in news are.
	u := r.Float64()
	x := math.Pow(float64(n)+1, 1-s)
	v := math.Pow(1+u*(x-1), 1/(1-s)) - 1
	return min(int(v), n-1)
}

func makeBenchData(r *rand.Rand) *benchData {
	d := &benchData{words: vocabulary}
	// 40 regional centres, 50 places around each.
	for c := range 40 {
		clat, clon := -30+r.Float64()*80, -20+r.Float64()*140
		admin := fmt.Sprintf("Province%02d", c)
		for p := range 50 {
			d.places = append(d.places, benchPlace{
				name: fmt.Sprintf("Town%02d_%02d", c, p), admin1: admin,
				lat: clat + r.NormFloat64()*0.8, lon: clon + r.NormFloat64()*0.8,
			})
		}
	}
	for i := range 500 {
		d.actors = append(d.actors, fmt.Sprintf("actor-%03d", i))
	}
	return d
}

func generate(dir string, d *benchData) error {
	ctx := context.Background()
	db, err := Open(ctx, dir, Options{})
	if err != nil {
		return err
	}
	db.Close()
	raw, err := sql.Open("sqlite", filepath.Join(dir, FileName)+"?_pragma=foreign_keys(0)&_pragma=synchronous(OFF)&_pragma=cache_size(-262144)")
	if err != nil {
		return err
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	tx, err := raw.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	prep := func(q string) *sql.Stmt {
		s, e := tx.Prepare(q)
		if e != nil && err == nil {
			err = e
		}
		return s
	}
	insDoc := prep("INSERT INTO documents (rowid, id, text_hash, text, title, outlet, published, stored_at, log_index) VALUES (?, ?, '', '', ?, ?, ?, '', 0)")
	insPlace := prep("INSERT INTO places (rowid, name, admin1, country, lat, lon, name_l, admin1_l, country_l) VALUES (?, ?, ?, 'XX', ?, ?, ?, ?, 'xx')")
	insActor := prep("INSERT INTO actors (rowid, id, name, type, search) VALUES (?, ?, ?, 'armed_group', ?)")
	insEvent := prep("INSERT INTO events (rowid, doc_rowid, event_id, type, date_start, date_end, place_rowid, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
	insFTS := prep("INSERT INTO events_fts (rowid, evidence) VALUES (?, ?)")
	insEA := prep("INSERT OR IGNORE INTO event_actors (actor_rowid, date_start, event_rowid, role) VALUES (?, ?, ?, ?)")
	if err != nil {
		return err
	}
	for i, p := range d.places {
		if _, err := insPlace.Exec(i+1, p.name, p.admin1, p.lat, p.lon, strings.ToLower(p.name), strings.ToLower(p.admin1)); err != nil {
			return err
		}
	}
	for i, a := range d.actors {
		name := fmt.Sprintf("Armed Group %03d", i)
		if _, err := insActor.Exec(i+1, a, name, strings.ToLower(name)); err != nil {
			return err
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	day0 := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	const perDoc = 10
	var sb strings.Builder
	for doc := 1; doc <= benchEvents/perDoc; doc++ {
		pub := day0.AddDate(0, 0, r.IntN(4000))
		if _, err := insDoc.Exec(doc, fmt.Sprintf("sha256:%064x", doc), "Report", "Outlet", pub.Format(time.DateOnly)); err != nil {
			return err
		}
		for k := range perDoc {
			id := (doc-1)*perDoc + k + 1
			typ := sitrep.EventTypes[zipf(r, len(sitrep.EventTypes), 1.2)]
			start := pub.AddDate(0, 0, -r.IntN(5))
			end := start
			if r.IntN(10) == 0 {
				end = start.AddDate(0, 0, r.IntN(30))
			}
			pl := zipf(r, len(d.places), 1.1)
			place := d.places[pl]
			perp := zipf(r, len(d.actors), 1.3)
			sb.Reset()
			fmt.Fprintf(&sb, "%s: %s", place.name, typ)
			for range 12 {
				sb.WriteString(" ")
				sb.WriteString(d.words[r.IntN(len(d.words))])
			}
			ev := sitrep.Event{ID: fmt.Sprintf("e%d", k), Type: typ, Modality: sitrep.Asserted,
				Date:         &sitrep.Date{Start: start.Format(time.DateOnly), End: end.Format(time.DateOnly), Precision: sitrep.PrecisionDay},
				Place:        &sitrep.Place{Name: place.name, Admin1: place.admin1, Country: "XX", Lat: &place.lat, Lon: &place.lon},
				Perpetrators: []sitrep.ActorRef{{ID: d.actors[perp], Name: "Armed Group"}},
				Evidence:     []sitrep.Span{{Start: 0, End: sb.Len(), Text: sb.String()}}}
			data, _ := json.Marshal(ev)
			ds := ev.Date.Start
			if _, err := insEvent.Exec(id, doc, ev.ID, typ, ds, ev.Date.End, pl+1, data); err != nil {
				return err
			}
			if _, err := insFTS.Exec(ftsKey(ds, int64(id)), sb.String()); err != nil {
				return err
			}
			if _, err := insEA.Exec(perp+1, ds, id, store.RolePerpetrator); err != nil {
				return err
			}
			if r.IntN(2) == 0 {
				if _, err := insEA.Exec(zipf(r, len(d.actors), 1.1)+1, ds, id, store.RoleTarget); err != nil {
					return err
				}
			}
		}
	}
	if _, err := tx.Exec("INSERT INTO meta (key, value) VALUES ('max_span_days', '30')"); err != nil {
		return err
	}
	// The counters the write path keeps, which the query planner reads.
	if _, err := tx.Exec(`UPDATE actors SET events = (SELECT COUNT(DISTINCT event_rowid) FROM event_actors WHERE actor_rowid = actors.rowid)`); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	_, err = raw.Exec("ANALYZE")
	return err
}

func benchStore(b *testing.B) (*DB, *benchData) {
	benchOnce.Do(func() {
		benchSet = makeBenchData(rand.New(rand.NewPCG(7, 7)))
		if keep := os.Getenv("SITREP_BENCH_DIR"); keep != "" {
			if n, err := countEvents(keep); err == nil && n == benchEvents {
				return // generated by an earlier run; Open migrates it if need be
			}
			if benchErr = os.RemoveAll(keep); benchErr != nil {
				return
			}
			benchDirKept = keep
		} else if benchDir, benchErr = os.MkdirTemp("", "sitrep-bench-"); benchErr != nil {
			return
		}
		t0 := time.Now()
		benchErr = generate(benchPath(), benchSet)
		fmt.Fprintf(os.Stderr, "generated %d events in %v\n", benchEvents, time.Since(t0).Round(time.Second))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	db, err := Open(context.Background(), benchPath(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db, benchSet
}

// benchDirKept is SITREP_BENCH_DIR once the benchmark store is in it.
var benchDirKept string

func benchPath() string {
	if benchDir != "" {
		return benchDir
	}
	if benchDirKept == "" {
		benchDirKept = os.Getenv("SITREP_BENCH_DIR")
	}
	return benchDirKept
}

// countEvents counts the events of a kept benchmark store.
func countEvents(dir string) (int, error) {
	raw, err := sql.Open("sqlite", filepath.Join(dir, FileName)+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer raw.Close()
	var n int
	err = raw.QueryRow("SELECT COUNT(*) FROM events").Scan(&n)
	return n, err
}

// BenchmarkEventsFiltered runs filtered event lists as `sitrep events`
// does (default page of 100, newest first) over the generated store, each
// filter kind in turn, and reports latency percentiles per kind as
// <kind>-p50-ms and <kind>-p95-ms, and over all kinds as p50-ms, p95-ms.
func BenchmarkEventsFiltered(b *testing.B) {
	db, d := benchStore(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 4))
	day0 := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	kinds := []string{"none", "type+dates", "place", "place+type", "near", "actor-id", "actor-name",
		"text", "text-2", "text+type", "combined"}
	lat := map[string][]float64{}
	var all []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		kind := kinds[i%len(kinds)]
		var f store.EventFilter
		switch kind {
		case "none":
		case "type+dates":
			s := day0.AddDate(0, 0, r.IntN(3900))
			f.Type = sitrep.EventTypes[r.IntN(len(sitrep.EventTypes))]
			f.Since, f.Until = s.Format(time.DateOnly), s.AddDate(0, 0, 90).Format(time.DateOnly)
		case "place":
			f.Place = d.places[zipf(r, len(d.places), 1.1)].name
		case "place+type":
			f.Place = d.places[zipf(r, len(d.places), 1.1)].admin1
			f.Type = sitrep.EventTypes[r.IntN(len(sitrep.EventTypes))]
		case "near":
			p := d.places[r.IntN(len(d.places))]
			f.Near = &store.Near{Lat: p.lat, Lon: p.lon, KM: 25 + float64(r.IntN(75))}
		case "actor-id":
			f.Actor = d.actors[zipf(r, len(d.actors), 1.3)]
		case "actor-name":
			f.Actor = fmt.Sprintf("group %03d", r.IntN(len(d.actors)))
		case "text": // one word: about one event in ten has it
			f.Text = d.words[r.IntN(len(d.words))]
		case "text-2": // two words, or a word and a place
			f.Text = d.words[r.IntN(len(d.words))] + " " + d.words[r.IntN(len(d.words))]
			if r.IntN(2) == 0 {
				f.Text = d.words[r.IntN(len(d.words))] + " " + d.places[zipf(r, len(d.places), 1.1)].name
			}
		case "text+type":
			f.Text = d.words[r.IntN(len(d.words))]
			f.Type = sitrep.EventTypes[r.IntN(len(sitrep.EventTypes))]
			s := day0.AddDate(0, 0, r.IntN(3500))
			f.Since, f.Until = s.Format(time.DateOnly), s.AddDate(0, 0, 365).Format(time.DateOnly)
		case "combined":
			p := d.places[zipf(r, len(d.places), 1.1)]
			s := day0.AddDate(0, 0, r.IntN(3500))
			f.Near = &store.Near{Lat: p.lat, Lon: p.lon, KM: 100}
			f.Since, f.Until = s.Format(time.DateOnly), s.AddDate(0, 0, 365).Format(time.DateOnly)
			f.Type = sitrep.EventTypes[r.IntN(3)]
		}
		t0 := time.Now()
		if _, err := db.Events(ctx, f); err != nil {
			b.Fatalf("%s %+v: %v", kind, f, err)
		}
		ms := float64(time.Since(t0).Microseconds()) / 1000
		lat[kind] = append(lat[kind], ms)
		all = append(all, ms)
	}
	b.StopTimer()
	reportLatency(b, kinds, lat, all)
}

// reportLatency reports p50 and p95 per kind and overall, and drops ns/op,
// which averages kinds of very different cost into one meaningless figure.
func reportLatency(b *testing.B, kinds []string, lat map[string][]float64, all []float64) {
	b.ReportMetric(float64(benchEvents), "events")
	b.ReportMetric(pct(all, 50), "p50-ms")
	b.ReportMetric(pct(all, 95), "p95-ms")
	for _, k := range kinds {
		if len(lat[k]) > 0 {
			b.ReportMetric(pct(lat[k], 50), k+"-p50-ms")
			b.ReportMetric(pct(lat[k], 95), k+"-p95-ms")
		}
	}
	b.ReportMetric(0, "ns/op")
	if testing.Verbose() {
		for _, k := range kinds {
			b.Logf("%-11s n=%4d p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms", k, len(lat[k]), pct(lat[k], 50), pct(lat[k], 95), pct(lat[k], 100))
		}
	}
}

func pct(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[max(0, min(i, len(s)-1))]
}

// BenchmarkPutDocument stores documents through the public batch API:
// original bytes, text, full-text index, extraction result with events,
// claims and actors, custody records; 100 documents per transaction. A
// document is what the brief calls a typical article: 3 KB of text, 2
// events, 3 claims, 8 actors. It reports docs/s.
func BenchmarkPutDocument(b *testing.B) {
	db, err := Open(context.Background(), b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(5, 6))
	data := makeBenchData(r)
	const batch = 100
	items := make([]store.Item, 0, batch)
	b.ResetTimer()
	t0 := time.Now()
	for i := 0; i < b.N; i++ {
		items = append(items, benchItem(r, data, i))
		if len(items) == batch || i == b.N-1 {
			if err := db.PutBatch(ctx, items); err != nil {
				b.Fatal(err)
			}
			items = items[:0]
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/time.Since(t0).Seconds(), "docs/s")

}

func benchItem(r *rand.Rand, d *benchData, i int) store.Item {
	var sb strings.Builder
	fmt.Fprintf(&sb, "Report %d. ", i)
	for sb.Len() < 3000 {
		sb.WriteString(d.words[r.IntN(len(d.words))])
		if r.IntN(12) == 0 {
			sb.WriteString(". ")
		} else {
			sb.WriteByte(' ')
		}
	}
	text := sb.String()
	res := sitrep.Result{Schema: sitrep.Schema}
	for k := range 2 {
		p := d.places[zipf(r, len(d.places), 1.1)]
		res.Events = append(res.Events, sitrep.Event{ID: fmt.Sprintf("e%d", k), Type: sitrep.EventTypes[r.IntN(10)], Modality: sitrep.Asserted,
			Date:         &sitrep.Date{Start: "2025-03-04", End: "2025-03-04", Precision: sitrep.PrecisionDay},
			Place:        &sitrep.Place{Name: p.name, Admin1: p.admin1, Country: "XX", Lat: &p.lat, Lon: &p.lon},
			Perpetrators: []sitrep.ActorRef{{ID: d.actors[zipf(r, 500, 1.3)], Name: "Group"}},
			Targets:      []sitrep.ActorRef{{ID: d.actors[zipf(r, 500, 1.1)], Name: "Target"}},
			Evidence:     []sitrep.Span{{Start: 0, End: 200, Text: text[:200]}}})
	}
	for k := range 3 {
		res.Claims = append(res.Claims, sitrep.Claim{ID: fmt.Sprintf("c%d", k), Speaker: sitrep.ActorRef{ID: d.actors[r.IntN(500)], Name: "Speaker"},
			Cue: "said", Kind: sitrep.Indirect, Text: text[200+k*100 : 320+k*100],
			Relation: &sitrep.Relation{Type: sitrep.Supports, Subject: sitrep.ActorRef{ID: d.actors[r.IntN(500)]}, Object: sitrep.ActorRef{ID: d.actors[r.IntN(500)]}}})
	}
	for k := range 8 {
		res.Actors = append(res.Actors, sitrep.Actor{ID: d.actors[(i+k*97)%500], Name: "Group", Type: sitrep.ArmedGroup, Mentions: 1 + k})
	}
	return store.Item{Original: store.Original{Source: fmt.Sprintf("/in/%d.txt", i), Outlet: "Outlet", Published: "2025-03-05"},
		Raw: []byte(text), Document: &store.Document{Text: text, Title: fmt.Sprintf("Report %d", i), Outlet: "Outlet", Published: "2025-03-05"},
		Result: &res, ExtractorVersion: "bench"}
}
