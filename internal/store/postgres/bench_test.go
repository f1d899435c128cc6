package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"sitrep"
	"sitrep/internal/store"
	"sitrep/internal/store/postgres/pgtest"
)

// The query benchmark runs over a generated store of SITREP_BENCH_EVENTS
// events (default 100,000) with the distributions of the SQLite store's
// benchmark (internal/store/sqlite/bench_test.go: 2,000 places around 40
// centres, 500 actors, power-law use of both, twelve words of evidence
// from a small vocabulary), so that the two backends' figures compare. It
// is written straight into the tables with COPY, in the schema
// SITREP_BENCH_SCHEMA (default bench_N), which is kept and reused when it
// holds that many events:
//
//	scripts/pg-test.sh run env SITREP_BENCH_EVENTS=1000000 \
//	  go test ./internal/store/postgres -run '^$' -bench Events -benchtime 1100x -v

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

var benchEvents = envInt("SITREP_BENCH_EVENTS", 100_000)

var vocabulary = strings.Fields(`attack blast bomb checkpoint convoy police soldiers militants gunmen
	market mosque school hospital highway bus students journalist lawyer activist protesters families bodies
	grave village district border camp raid operation curfew strike sit-in march rally ambush grenade rocket
	mortar drone explosive device motorcycle vehicle suicide abducted disappeared detained arrested tortured
	released killed injured wounded funeral mourners officials spokesman ministry court commission report
	evidence witnesses night morning evening dozens several hundreds residents shopkeepers labourers miners
	engineers workers pilgrims teachers doctors elders tribesmen farmers fishermen drivers`)

type benchPlace struct {
	name, admin1 string
	lat, lon     float64
}

type benchData struct {
	places []benchPlace
	actors []string
}

func zipf(r *rand.Rand, n int, s float64) int {
	u := r.Float64()
	x := math.Pow(float64(n)+1, 1-s)
	v := math.Pow(1+u*(x-1), 1/(1-s)) - 1
	return min(int(v), n-1)
}

func makeBenchData(r *rand.Rand) *benchData {
	d := &benchData{}
	for c := range 40 {
		clat, clon := -30+r.Float64()*80, -20+r.Float64()*140
		for p := range 50 {
			d.places = append(d.places, benchPlace{name: fmt.Sprintf("Town%02d_%02d", c, p), admin1: fmt.Sprintf("Province%02d", c),
				lat: clat + r.NormFloat64()*0.8, lon: clon + r.NormFloat64()*0.8})
		}
	}
	for i := range 500 {
		d.actors = append(d.actors, fmt.Sprintf("actor-%03d", i))
	}
	return d
}

// benchStore opens the benchmark schema, generating it when needed.
func benchStore(b *testing.B) (*DB, *benchData) {
	base := os.Getenv(pgtest.Env)
	if base == "" {
		b.Skipf("set %s (scripts/pg-test.sh run …)", pgtest.Env)
	}
	ctx := context.Background()
	schema := os.Getenv("SITREP_BENCH_SCHEMA")
	if schema == "" {
		schema = fmt.Sprintf("bench_%d", benchEvents)
	}
	u, _ := url.Parse(base)
	v := u.Query()
	v.Set("search_path", schema)
	u.RawQuery = v.Encode()
	d := makeBenchData(rand.New(rand.NewPCG(7, 7)))
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if conn.QueryRow(ctx, "SELECT COUNT(*) FROM "+schema+".events").Scan(&n); n != benchEvents {
		if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE; CREATE SCHEMA "+schema); err != nil {
			b.Fatal(err)
		}
		db, err := Open(ctx, u.String(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		if err := generate(ctx, db, d); err != nil {
			b.Fatal(err)
		}
		db.Close()
		fmt.Fprintf(os.Stderr, "generated %d events in %v\n", benchEvents, time.Since(t0).Round(time.Second))
	}
	db, err := Open(ctx, u.String(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db, d
}

func generate(ctx context.Context, db *DB, d *benchData) error {
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	copyRows := func(table string, cols []string, rows [][]any) error {
		_, err := tx.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
		return err
	}
	var rows [][]any
	for i, p := range d.places {
		rows = append(rows, []any{int64(i + 1), p.name, p.admin1, "XX", p.lat, p.lon, strings.ToLower(p.name), strings.ToLower(p.admin1), "xx"})
	}
	if err := copyRows("places", []string{"rowid", "name", "admin1", "country", "lat", "lon", "name_l", "admin1_l", "country_l"}, rows); err != nil {
		return err
	}
	rows = nil
	for i, a := range d.actors {
		name := fmt.Sprintf("Armed Group %03d", i)
		rows = append(rows, []any{int64(i + 1), a, name, "armed_group", strings.ToLower(name)})
	}
	if err := copyRows("actors", []string{"rowid", "id", "name", "type", "search"}, rows); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(1, 2))
	day0 := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	const perDoc = 10
	var docs, events, links [][]any
	flush := func() error {
		if err := copyRows("originals", []string{"rowid", "hash", "size", "captured_at", "log_index"}, origRows(docs)); err != nil {
			return err
		}
		if err := copyRows("documents", []string{"rowid", "id", "text_hash", "text", "title", "outlet", "published", "stored_at", "log_index", "fts"}, docs); err != nil {
			return err
		}
		if err := copyRows("events", []string{"rowid", "doc_rowid", "event_id", "type", "date_start", "date_end", "place_rowid", "data", "evidence"}, events); err != nil {
			return err
		}
		err := copyRows("event_actors", []string{"actor_rowid", "date_start", "event_rowid", "roles"}, links)
		docs, events, links = nil, nil, nil
		return err
	}
	var sb strings.Builder
	for doc := 1; doc <= benchEvents/perDoc; doc++ {
		pub := day0.AddDate(0, 0, r.IntN(4000))
		docs = append(docs, []any{int64(doc), fmt.Sprintf("sha256:%064x", doc), "", "", "Report", "Outlet", pub.Format(time.DateOnly), pub, int64(0), tsVector("Report")})
		for k := range perDoc {
			id := int64((doc-1)*perDoc + k + 1)
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
				sb.WriteString(vocabulary[r.IntN(len(vocabulary))])
			}
			ev := sitrep.Event{ID: fmt.Sprintf("e%d", k), Type: typ, Modality: sitrep.Asserted,
				Date:         &sitrep.Date{Start: start.Format(time.DateOnly), End: end.Format(time.DateOnly), Precision: sitrep.PrecisionDay},
				Place:        &sitrep.Place{Name: place.name, Admin1: place.admin1, Country: "XX", Lat: &place.lat, Lon: &place.lon},
				Perpetrators: []sitrep.ActorRef{{ID: d.actors[perp], Name: "Armed Group"}},
				Evidence:     []sitrep.Span{{Start: 0, End: sb.Len(), Text: sb.String()}}}
			data, _ := json.Marshal(ev)
			events = append(events, []any{id, int64(doc), ev.ID, typ, start, end, int64(pl + 1), data, tsVector(sb.String())})
			links = append(links, []any{int64(perp + 1), start, id, int16(1 << store.RolePerpetrator)})
			if r.IntN(2) == 0 {
				if t := zipf(r, len(d.actors), 1.1); t != perp {
					links = append(links, []any{int64(t + 1), start, id, int16(1 << store.RoleTarget)})
				}
			}
		}
		if len(events) >= 20000 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	for _, q := range []string{
		"INSERT INTO meta (key, value) VALUES ('max_span_days', '30')",
		"UPDATE actors SET events = x.n FROM (SELECT actor_rowid, COUNT(*) AS n FROM event_actors GROUP BY 1) x WHERE actors.rowid = x.actor_rowid",
	} {
		if _, err := tx.Exec(ctx, q); err != nil {
			return err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	_, err = db.pool.Exec(ctx, "VACUUM ANALYZE")
	return err
}

func origRows(docs [][]any) [][]any {
	out := make([][]any, len(docs))
	for i, d := range docs {
		out[i] = []any{d[0], d[1], int64(0), d[7], int64(0)}
	}
	return out
}

// BenchmarkEventsFiltered runs the filters of the SQLite store's benchmark
// of the same name, a page of 100 newest first, and reports latency
// percentiles per kind and overall.
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
		case "text":
			f.Text = vocabulary[r.IntN(len(vocabulary))]
		case "text-2":
			f.Text = vocabulary[r.IntN(len(vocabulary))] + " " + vocabulary[r.IntN(len(vocabulary))]
			if r.IntN(2) == 0 {
				f.Text = vocabulary[r.IntN(len(vocabulary))] + " " + d.places[zipf(r, len(d.places), 1.1)].name
			}
		case "text+type":
			f.Text = vocabulary[r.IntN(len(vocabulary))]
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
	b.ReportMetric(float64(benchEvents), "events")
	b.ReportMetric(pct(all, 50), "p50-ms")
	b.ReportMetric(pct(all, 95), "p95-ms")
	for _, k := range kinds {
		b.ReportMetric(pct(lat[k], 95), k+"-p95-ms")
		if testing.Verbose() {
			b.Logf("%-11s n=%4d p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms", k, len(lat[k]), pct(lat[k], 50), pct(lat[k], 95), pct(lat[k], 100))
		}
	}
	b.ReportMetric(0, "ns/op")
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

// BenchmarkIncidents lists incidents from the stored views of a corpus
// ingested as a user would (SITREP_BENCH_CORPUS names its database, e.g.
// a schema that scripts/bench-workers.sh filled with news10k), each kind
// of filter in turn, a page of 100, and reports latency percentiles.
func BenchmarkIncidents(b *testing.B) {
	u := os.Getenv("SITREP_BENCH_CORPUS")
	if u == "" {
		b.Skip("set SITREP_BENCH_CORPUS to the URL of a corpus with its views")
	}
	ctx := context.Background()
	db, err := Open(ctx, u, Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	// Filter values drawn from the corpus itself.
	common := func(q string) []string {
		var out []string
		each(ctx, db.pool, q, nil, func(r pgx.Rows) error {
			var v string
			err := r.Scan(&v)
			out = append(out, v)
			return err
		})
		return out
	}
	places := common("SELECT place_l FROM incidents WHERE place_l <> '' GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 50")
	actors := common("SELECT actor FROM incident_actors GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 50")
	if len(places) == 0 || len(actors) == 0 {
		b.Skip("the corpus has no incidents")
	}
	r := rand.New(rand.NewPCG(5, 6))
	kinds := []string{"none", "type", "place", "actor", "text", "near", "dates", "dossier"}
	lat := map[string][]float64{}
	var all []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		kind := kinds[i%len(kinds)]
		var f store.IncidentFilter
		switch kind {
		case "type":
			f.Type = sitrep.EventTypes[r.IntN(4)]
		case "place":
			f.Place = places[r.IntN(len(places))]
		case "actor":
			f.Actor = actors[r.IntN(len(actors))]
		case "text":
			f.Text = vocabulary[r.IntN(len(vocabulary))]
		case "near":
			f.Near = &store.Near{Lat: 31.5, Lon: 34.5, KM: 50 + float64(r.IntN(200))}
		case "dates":
			f.Since = fmt.Sprintf("2025-%02d-01", 1+r.IntN(12))
			f.Until = f.Since[:8] + "28"
		}
		t0 := time.Now()
		if kind == "dossier" {
			incs, _, err := db.Incidents(ctx, store.IncidentFilter{Limit: 1, Offset: r.IntN(50)})
			if err == nil && len(incs) > 0 {
				_, err = db.Incident(ctx, incs[0].ID)
			}
			if err != nil {
				b.Fatal(err)
			}
		} else if _, _, err := db.Incidents(ctx, f); err != nil {
			b.Fatalf("%s %+v: %v", kind, f, err)
		}
		ms := float64(time.Since(t0).Microseconds()) / 1000
		lat[kind] = append(lat[kind], ms)
		all = append(all, ms)
	}
	b.StopTimer()
	b.ReportMetric(pct(all, 50), "p50-ms")
	b.ReportMetric(pct(all, 95), "p95-ms")
	for _, k := range kinds {
		b.ReportMetric(pct(lat[k], 95), k+"-p95-ms")
		if testing.Verbose() {
			b.Logf("%-8s n=%4d p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms", k, len(lat[k]), pct(lat[k], 50), pct(lat[k], 95), pct(lat[k], 100))
		}
	}
	b.ReportMetric(0, "ns/op")
}

// BenchmarkViewQueries measures what the server's pages ask of the store
// over a corpus whose incidents were placed as ingest places them: a
// store of SITREP_BENCH_EVENTS events (default 100,000; ten per document,
// at the places and with the actors of the event benchmark, two claims per
// document) written through PutBatch into schema views_N, kept for reuse.
// It reports p95 per page: incident lists (unfiltered, by type, place,
// actor, words, circle), an incident dossier, an actor page (the actor,
// its events, its framing) and one actor's claim graph.
func BenchmarkViewQueries(b *testing.B) {
	base := os.Getenv(pgtest.Env)
	if base == "" {
		b.Skipf("set %s (scripts/pg-test.sh run …)", pgtest.Env)
	}
	ctx := context.Background()
	schema := fmt.Sprintf("views_%d", benchEvents)
	u, _ := url.Parse(base)
	v := u.Query()
	v.Set("search_path", schema)
	u.RawQuery = v.Encode()
	d := makeBenchData(rand.New(rand.NewPCG(7, 7)))
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		b.Fatal(err)
	}
	var n int
	conn.QueryRow(ctx, "SELECT COUNT(*) FROM "+schema+".events").Scan(&n)
	if n != benchEvents {
		if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE; CREATE SCHEMA "+schema); err != nil {
			b.Fatal(err)
		}
	}
	conn.Close(ctx)
	db, err := Open(ctx, u.String(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if n != benchEvents {
		t0 := time.Now()
		if err := generateDocuments(ctx, db, d); err != nil {
			b.Fatal(err)
		}
		db.Optimize(ctx)
		fmt.Fprintf(os.Stderr, "stored %d events through PutBatch in %v\n", benchEvents, time.Since(t0).Round(time.Second))
	}
	incs, _, err := db.Incidents(ctx, store.IncidentFilter{Limit: 200})
	if err != nil || len(incs) == 0 {
		b.Fatalf("no incidents: %v", err)
	}
	r := rand.New(rand.NewPCG(8, 9))
	kinds := []string{"incidents", "incidents-type", "incidents-place", "incidents-actor", "incidents-text", "incidents-near",
		"dossier", "actor-page", "claim-graph"}
	lat := map[string][]float64{}
	var all []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		kind := kinds[i%len(kinds)]
		actor := d.actors[zipf(r, len(d.actors), 1.3)]
		place := d.places[zipf(r, len(d.places), 1.1)]
		t0 := time.Now()
		var err error
		switch kind {
		case "incidents":
			_, _, err = db.Incidents(ctx, store.IncidentFilter{})
		case "incidents-type":
			_, _, err = db.Incidents(ctx, store.IncidentFilter{Type: sitrep.EventTypes[r.IntN(4)]})
		case "incidents-place":
			_, _, err = db.Incidents(ctx, store.IncidentFilter{Place: place.admin1})
		case "incidents-actor":
			_, _, err = db.Incidents(ctx, store.IncidentFilter{Actor: actor})
		case "incidents-text":
			_, _, err = db.Incidents(ctx, store.IncidentFilter{Text: vocabulary[r.IntN(len(vocabulary))]})
		case "incidents-near":
			_, _, err = db.Incidents(ctx, store.IncidentFilter{Near: &store.Near{Lat: place.lat, Lon: place.lon, KM: 50}})
		case "dossier":
			_, err = db.Incident(ctx, incs[r.IntN(len(incs))].ID)
		case "actor-page":
			if _, err = db.Actors(ctx, store.ActorFilter{ID: actor}); err == nil {
				if _, err = db.Events(ctx, store.EventFilter{Actor: actor}); err == nil {
					_, err = db.Framing(ctx, actor)
				}
			}
		case "claim-graph":
			_, err = db.Claims(ctx, store.ClaimFilter{Actor: actor, Limit: 1000})
		}
		if err != nil {
			b.Fatalf("%s: %v", kind, err)
		}
		ms := float64(time.Since(t0).Microseconds()) / 1000
		lat[kind] = append(lat[kind], ms)
		all = append(all, ms)
	}
	b.StopTimer()
	b.ReportMetric(float64(benchEvents), "events")
	b.ReportMetric(pct(all, 95), "p95-ms")
	for _, k := range kinds {
		b.ReportMetric(pct(lat[k], 95), k+"-p95-ms")
		if testing.Verbose() {
			b.Logf("%-16s n=%4d p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms", k, len(lat[k]), pct(lat[k], 50), pct(lat[k], 95), pct(lat[k], 100))
		}
	}
	b.ReportMetric(0, "ns/op")
}

// generateDocuments stores benchEvents events, ten per document, through
// PutBatch, 100 documents a transaction.
func generateDocuments(ctx context.Context, db *DB, d *benchData) error {
	r := rand.New(rand.NewPCG(1, 2))
	day0 := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	const perDoc = 10
	var items []store.Item
	for doc := range benchEvents / perDoc {
		pub := day0.AddDate(0, 0, r.IntN(4000))
		var sb strings.Builder
		res := sitrep.Result{Schema: sitrep.Schema}
		seen := map[string]bool{}
		for k := range perDoc {
			typ := sitrep.EventTypes[zipf(r, len(sitrep.EventTypes), 1.2)]
			start := pub.AddDate(0, 0, -r.IntN(5))
			p := d.places[zipf(r, len(d.places), 1.1)]
			perp := d.actors[zipf(r, len(d.actors), 1.3)]
			from := sb.Len()
			fmt.Fprintf(&sb, "%s: %s", p.name, typ)
			for range 12 {
				sb.WriteString(" " + vocabulary[r.IntN(len(vocabulary))])
			}
			sb.WriteString(". ")
			lat, lon := p.lat, p.lon
			res.Events = append(res.Events, sitrep.Event{ID: fmt.Sprintf("E%d", k+1), Type: typ, Modality: sitrep.Asserted,
				Date:         &sitrep.Date{Start: start.Format(time.DateOnly), End: start.Format(time.DateOnly), Precision: sitrep.PrecisionDay},
				Place:        &sitrep.Place{Name: p.name, Admin1: p.admin1, Country: "XX", Lat: &lat, Lon: &lon, Precision: sitrep.PlaceTown},
				Perpetrators: []sitrep.ActorRef{{ID: perp, Name: "Armed Group " + perp[6:]}},
				Evidence:     []sitrep.Span{{Start: from, End: sb.Len() - 1, Text: sb.String()[from : sb.Len()-1]}}})
			if !seen[perp] {
				seen[perp] = true
				res.Actors = append(res.Actors, sitrep.Actor{ID: perp, Name: "Armed Group " + perp[6:], Type: sitrep.ArmedGroup, Mentions: 1})
			}
		}
		for c := range 2 {
			s, o := d.actors[zipf(r, len(d.actors), 1.3)], d.actors[zipf(r, len(d.actors), 1.3)]
			res.Claims = append(res.Claims, sitrep.Claim{ID: fmt.Sprintf("C%d", c+1), Speaker: sitrep.ActorRef{ID: s, Name: s},
				Cue: "said", Kind: sitrep.Indirect, Text: "accused of attacks",
				Relation: &sitrep.Relation{Type: sitrep.ResponsibleFor, Subject: sitrep.ActorRef{ID: o, Name: o}, Object: sitrep.ActorRef{ID: s, Name: s}}})
		}
		text := sb.String()
		raw := []byte(fmt.Sprintf("%d\n%s", doc, text))
		items = append(items, store.Item{Original: store.Original{Source: "bench", Outlet: fmt.Sprintf("Outlet %d", doc%20), Published: pub.Format(time.DateOnly)},
			Raw: raw, Document: &store.Document{Text: text, Outlet: fmt.Sprintf("Outlet %d", doc%20), Published: pub.Format(time.DateOnly)},
			Result: &res, ExtractorVersion: "bench"})
		if len(items) == 100 {
			if err := db.PutBatch(ctx, items); err != nil {
				return err
			}
			items = nil
		}
	}
	if len(items) > 0 {
		return db.PutBatch(ctx, items)
	}
	return nil
}
