package sqlite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"sitrep"
	"sitrep/internal/store"
	"sitrep/internal/store/storetest"
	"sitrep/internal/views"
)

// TestViewsOfOtherProcesses writes through two handles on one data
// directory, as a command-line ingest and a running server do: each sees
// the other's incidents at once, and views kept in memory between writes
// are dropped when the other one wrote, so the views stay those of the log.
func TestViewsOfOtherProcesses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := open(t, dir, Options{})
	b := open(t, dir, Options{})
	docs := storetest.Corpus()
	if err := a.PutBatch(ctx, []store.Item{docs[0].Item()}); err != nil {
		t.Fatal(err)
	}
	if of, err := b.IncidentsOf(ctx, []string{docs[0].Key("e1")}); err != nil || of[docs[0].Key("e1")] == "" {
		t.Fatalf("the other handle does not see the incident: %v, %v", of, err)
	}
	// b merges what a placed; a, which has its incidents in memory, then
	// places a report of the same bombing: it must see b's merge.
	if _, err := b.PutDecision(ctx, store.Decision{Kind: store.DecisionMerge, Keys: []string{docs[0].Key("e1"), docs[0].Key("e2")}, Who: "vera"}); err != nil {
		t.Fatal(err)
	}
	if err := a.PutBatch(ctx, []store.Item{docs[1].Item(), docs[3].Item()}); err != nil {
		t.Fatal(err)
	}
	inc, err := a.IncidentsOf(ctx, []string{docs[0].Key("e1"), docs[0].Key("e2")})
	if err != nil || inc[docs[0].Key("e1")] != inc[docs[0].Key("e2")] {
		t.Errorf("a does not see b's merge: %v, %v", inc, err)
	}
	for _, db := range []*DB{a, b} {
		if rep, err := views.Verify(ctx, db, 10); err != nil || len(rep.Problems) > 0 {
			t.Errorf("views differ from the log: %v, %v", rep.Problems, err)
		}
	}
}

// TestTwoWritersTakingTurns stores batches through two handles on one
// data directory in turn, as two processes do: each handle starts its
// views again from the tables after the other wrote, and what they store
// must be what replaying the log gives. The stream has an abduction first
// told in words every report then used, reported again once later reports
// have made those words rare.
func TestTwoWritersTakingTurns(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbs := []*DB{open(t, dir, Options{}), open(t, dir, Options{})}
	item := func(i int, text string, events ...sitrep.Event) store.Item {
		r := sitrep.Result{Schema: sitrep.Schema, Events: events}
		return store.Item{Original: store.Original{Source: fmt.Sprintf("turns-%d", i), Published: "2025-03-04"},
			Raw: []byte(text), Document: &store.Document{Text: text, Published: "2025-03-04"}, Result: &r, ExtractorVersion: "test-1"}
	}
	abduction := func(text string) sitrep.Event {
		lat, lon := 30.18, 67.0
		return sitrep.Event{ID: "e1", Type: sitrep.Abduction, Modality: sitrep.Asserted,
			Date:     &sitrep.Date{Start: "2025-03-03", End: "2025-03-03", Precision: sitrep.PrecisionDay, Text: "on Monday"},
			Place:    &sitrep.Place{Name: "Quetta", Admin1: "Balochistan", Country: "PK", Lat: &lat, Lon: &lon, Precision: sitrep.PlaceTown},
			Targets:  []sitrep.ActorRef{{ID: "students", Name: "students"}},
			Evidence: []sitrep.Span{{Start: 0, End: len(text), Text: text}}}
	}
	var items []store.Item
	for i := range 30 {
		text := fmt.Sprintf("Students in Quetta held meeting number %d.", i)
		if i == 15 {
			text = "Gunmen abducted students in Quetta on Monday."
			items = append(items, item(i, text, abduction(text)))
			continue
		}
		items = append(items, item(i, text))
	}
	for i := range 320 {
		items = append(items, item(30+i, fmt.Sprintf("Farmers in Multan sold wheat crop number %d.", i)))
	}
	text := "Relatives said the students abducted in Quetta on Monday were still missing."
	items = append(items, item(350, text, abduction(text)))
	for i := 0; i < len(items); i += 8 {
		if err := dbs[i/8%2].PutBatch(ctx, items[i:min(i+8, len(items))]); err != nil {
			t.Fatal(err)
		}
	}
	of, err := dbs[0].IncidentsOf(ctx, []string{store.Key(store.HashBytes(items[15].Raw), "e1"), store.Key(store.HashBytes(items[350].Raw), "e1")})
	if err != nil || len(of) != 2 || of[store.Key(store.HashBytes(items[15].Raw), "e1")] != of[store.Key(store.HashBytes(items[350].Raw), "e1")] {
		t.Fatalf("the two reports of the abduction are not in one incident: %v, %v", of, err)
	}
	rep, err := views.Verify(ctx, dbs[0], 5)
	if err != nil || len(rep.Problems) > 0 {
		t.Errorf("stored views against the log's: %v, %v", rep.Problems, err)
	}
}

// TestStaleViews opens a store whose views other rules built: changes
// that move incidents are refused until the views are rebuilt.
func TestStaleViews(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := open(t, dir, Options{})
	docs := storetest.Load(t, db)
	// As a store from before the views were kept: no rules, no claim edges.
	execAll(t, db,
		"UPDATE meta SET value = 'older rules' WHERE key = 'views_rules'",
		"DELETE FROM claim_edges", "DELETE FROM claim_edge_docs", "DELETE FROM claim_edge_speakers",
	)
	db.Close()
	db = open(t, dir, Options{})
	if st, err := db.ViewsState(ctx); err != nil || st.Current || st.Rules != "older rules" {
		t.Fatalf("ViewsState = %+v, %v", st, err)
	}
	_, err := db.AddEdit(ctx, store.Edit{EventKey: docs[0].Key("e1"), Status: store.EditConfirm, Who: "vera"})
	if !errors.Is(err, store.ErrStaleViews) {
		t.Fatalf("edit on stale views: %v, want ErrStaleViews", err)
	}
	if rep, _ := views.Verify(ctx, db, 10); len(rep.Problems) != 1 || rep.Problems[0].Table != "views" {
		t.Errorf("verify on stale views: %v", rep.Problems)
	}
	if err := db.RebuildViews(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddEdit(ctx, store.Edit{EventKey: docs[0].Key("e1"), Status: store.EditConfirm, Who: "vera"}); err != nil {
		t.Fatalf("edit after the rebuild: %v", err)
	}
	if rep, err := views.Verify(ctx, db, 10); err != nil || len(rep.Problems) > 0 {
		t.Errorf("views after the rebuild: %v, %v", rep.Problems, err)
	}
}

// TestVerifyNamesChangedViewRows changes view rows behind the store's
// back, one at a time in a store of its own: verify names each.
func TestVerifyNamesChangedViewRows(t *testing.T) {
	ctx := context.Background()
	docs := storetest.Corpus()
	load := func(t *testing.T) (db *DB, bomb, arrest string) {
		db = open(t, t.TempDir(), Options{})
		storetest.Load(t, db)
		if _, err := db.PutDecision(ctx, store.Decision{Kind: store.DecisionMerge, Keys: []string{docs[0].Key("e2"), docs[1].Key("e2")}, Who: "vera"}); err != nil {
			t.Fatal(err)
		}
		of, _ := db.IncidentsOf(ctx, []string{docs[0].Key("e1"), docs[0].Key("e2")})
		return db, of[docs[0].Key("e1")], of[docs[0].Key("e2")]
	}
	cases := []struct {
		name, sql, what string
		key             func(bomb, arrest string) string
	}{
		{"killed", `UPDATE incident_data SET data = replace(data, '"best":15', '"best":250') WHERE incident_rowid = (SELECT rowid FROM incidents WHERE id = ?1)`, "killed", first},
		{"version", `UPDATE incidents SET version = 'x' WHERE id = ?1`, "version", first},
		{"type column", `UPDATE incidents SET type = 'protest' WHERE id = ?1`, "columns", first},
		{"member", `DELETE FROM incident_members WHERE incident_rowid = (SELECT rowid FROM incidents WHERE id = ?2)`, "member rows", second},
		{"block", `DELETE FROM incident_blocks WHERE incident_rowid = (SELECT rowid FROM incidents WHERE id = ?1)`, "blocks", first},
		{"actor", `DELETE FROM incident_actors WHERE incident_rowid = (SELECT rowid FROM incidents WHERE id = ?1)`, "actor rows", first},
		{"redirect", `UPDATE incident_redirects SET into_id = ?1`, "where the id leads", nil},
		{"framing", `UPDATE framing SET uses = 7`, "labels counted", func(string, string) string { return docs[1].ID() }},
		{"incident gone", `DELETE FROM incidents WHERE id = ?1`, "missing", first},
		{"claim edge", `UPDATE claim_edges SET claims = 9 WHERE subject = 'pakistan-army'`, "sums of the claims: claims", nil},
		{"claim edge speaker", `UPDATE claim_edge_speakers SET speaker = 'someone-else'`, "speakers", nil},
		{"actor role", `UPDATE incident_actors SET roles = (roles | 2) - (roles & 2) WHERE incident_rowid = (SELECT rowid FROM incidents WHERE id = ?1)`, "roles", first},
		{"actor figures", `UPDATE actor_figures SET made = made + 1 WHERE actor_rowid = (SELECT rowid FROM actors WHERE id = 'islamic-state')`,
			"claims made", func(string, string) string { return "islamic-state" }},
		{"violence edge", `UPDATE violence_edges SET incidents = incidents + 1`, "incidents, documents",
			func(string, string) string { return "islamic-state -> balochistan-national-party" }},
		{"actor incidents", `UPDATE actor_incidents SET incidents = 7 WHERE actor_rowid = (SELECT rowid FROM actors WHERE id = 'frontier-corps')`,
			"incidents naming the actor", func(string, string) string { return "frontier-corps" }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db, bomb, arrest := load(t)
			res, err := db.w.Exec(tc.sql, bomb, arrest)
			if err != nil {
				t.Fatal(err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				t.Fatalf("%s changed nothing", tc.sql)
			}
			rep, err := views.Verify(ctx, db, 10)
			ps := rep.Problems
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) == 0 {
				t.Fatal("verify found nothing")
			}
			if tc.key != nil && ps[0].Key != tc.key(bomb, arrest) || !strings.Contains(ps[0].What, tc.what) {
				t.Errorf("first problem %s; want %s", ps[0], tc.what)
			}
		})
	}
}

func first(a, _ string) string  { return a }
func second(_, b string) string { return b }

// TestViewsIndependentOfBatchingAndMemory writes one stream of generated
// reports (many of the same few incidents, with re-extractions, edits,
// merges and splits) into two stores: one in batches of 64 keeping its
// incidents in memory between them, one in batches of 7 keeping almost
// none. Both must end with the same rows, those verify recomputes from
// the log.
func TestViewsIndependentOfBatchingAndMemory(t *testing.T) {
	ctx := context.Background()
	a := open(t, t.TempDir(), Options{})
	b := open(t, t.TempDir(), Options{KeepIncidents: 3})
	items := generatedReports(1344)
	for _, s := range []struct {
		db    *DB
		batch int
	}{{a, 64}, {b, 7}} {
		for i := 0; i < len(items); i += s.batch {
			batch := slices.Clone(items[i:min(i+s.batch, len(items))])
			if err := s.db.PutBatch(ctx, batch); err != nil {
				t.Fatal(err)
			}
			// Now and then a report is corrected, at the same point of the
			// stream whatever the batches (64·7 = 448).
			if i > 0 && (i+s.batch)%448 == 0 {
				doc := store.HashBytes(items[(i+s.batch)/2].Raw)
				if _, err := s.db.AddEdit(ctx, store.Edit{EventKey: store.Key(doc, "e1"), Status: store.EditValue, Field: store.FieldKilled, Value: "40", Who: "vera"}); err != nil {
					t.Fatal(err)
				}
			}
		}
		for j, it := range items[:40] {
			doc := store.HashBytes(it.Raw)
			switch j % 10 {
			case 3:
				r := *it.Result
				r.Events = slices.Clone(r.Events)
				r.Events[0].Killed = nil
				if err := s.db.ReplaceDerived(ctx, doc, r, "test-2"); err != nil {
					t.Fatal(err)
				}
			case 5:
				other := store.HashBytes(items[j+200].Raw)
				if _, err := s.db.PutDecision(ctx, store.Decision{Kind: store.DecisionMerge, Keys: []string{store.Key(doc, "e1"), store.Key(other, "e1")}, Who: "vera"}); err != nil {
					t.Fatal(err)
				}
			case 7:
				of, _ := s.db.IncidentsOf(ctx, []string{store.Key(doc, "e1")})
				inc, err := s.db.Incident(ctx, of[store.Key(doc, "e1")])
				if err != nil {
					t.Fatal(err)
				}
				var apart []string
				for _, e := range inc.Events {
					if e.Key != store.Key(doc, "e1") {
						apart = append(apart, e.Key)
					}
				}
				if len(apart) > 0 {
					if _, err := s.db.PutDecision(ctx, store.Decision{Kind: store.DecisionSplit, Keys: []string{store.Key(doc, "e1")}, Apart: apart, Who: "vera"}); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	rows := func(db *DB) []byte {
		var out []store.ViewRecord
		if err := db.ScanViews(ctx, func(r store.ViewRecord) error { out = append(out, r); return nil }); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(out)
		return b
	}
	ra, rb := rows(a), rows(b)
	if !bytes.Equal(ra, rb) {
		t.Errorf("the views depend on batching and memory: %d bytes of rows vs %d", len(ra), len(rb))
	}
	for _, db := range []*DB{a, b} {
		rep, err := views.Verify(ctx, db, 5)
		if err != nil || len(rep.Problems) > 0 {
			t.Errorf("views differ from the log: %v, %v", rep.Problems, err)
		}
		if rep.Incidents < 50 || rep.Redirects == 0 {
			t.Errorf("only %d incidents and %d redirects: the stream tests too little", rep.Incidents, rep.Redirects)
		}
	}
	_, n, _ := a.Incidents(ctx, store.IncidentFilter{Limit: 1})
	t.Logf("%d reports -> %d incidents", len(items), n)
}

// generatedReports writes n short reports of about n/4 incidents: a few
// towns, a few weeks, tolls that rise, some with a year for a date.
func generatedReports(n int) []store.Item {
	towns := []struct {
		name, admin1 string
		lat, lon     float64
	}{{"Quetta", "Balochistan", 30.18, 67.0}, {"Turbat", "Balochistan", 26.0, 63.05}, {"Peshawar", "Khyber Pakhtunkhwa", 34.0, 71.57}}
	types := []string{sitrep.Bombing, sitrep.ArmedAttack, sitrep.Abduction, sitrep.Protest}
	groups := []string{"group-a", "group-b", "group-c"}
	day0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var out []store.Item
	for i := range n {
		inc := (i * 7919) % (n / 4)
		town := towns[inc%len(towns)]
		day := day0.AddDate(0, 0, inc/3)
		date := &sitrep.Date{Start: day.Format(time.DateOnly), End: day.Format(time.DateOnly), Precision: sitrep.PrecisionDay}
		if i%23 == 0 {
			date = &sitrep.Date{Start: "2025-01-01", End: "2025-12-31", Precision: sitrep.PrecisionYear}
		}
		k := 3 + inc%11 + i%3
		lat, lon := town.lat, town.lon
		text := fmt.Sprintf("Report %d of incident %d: a %s in %s left %d dead.", i, inc, types[inc%len(types)], town.name, k)
		r := sitrep.Result{Schema: sitrep.Schema, Events: []sitrep.Event{{ID: "e1", Type: types[inc%len(types)], Modality: sitrep.Asserted, Date: date,
			Place:        &sitrep.Place{Name: town.name, Admin1: town.admin1, Country: "PK", Lat: &lat, Lon: &lon, Precision: sitrep.PlaceTown},
			Perpetrators: []sitrep.ActorRef{{ID: groups[inc%len(groups)], Name: "Group " + groups[inc%len(groups)]}},
			Killed:       &sitrep.Count{Best: &k, Text: fmt.Sprint(k)},
			Evidence:     []sitrep.Span{{Start: 0, End: len(text), Text: text}}}}}
		pub := day.AddDate(0, 0, i%3).Format(time.DateOnly)
		out = append(out, store.Item{Original: store.Original{Source: fmt.Sprintf("gen-%d", i), CapturedAt: day, Outlet: fmt.Sprintf("Outlet %d", i%5), Published: pub},
			Raw: []byte(text), Document: &store.Document{Text: text, Outlet: fmt.Sprintf("Outlet %d", i%5), Published: pub}, Result: &r, ExtractorVersion: "test-1"})
	}
	return out
}

// TestEdgesMigration opens a store from before migration 10, whose
// incidents keep their JSON in a column and which has no claim edges or
// actor dates: the migration moves the one and sums the others from the
// stored claims, as the writes that keep them would have.
func TestEdgesMigration(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := open(t, dir, Options{})
	storetest.Load(t, db)
	edges := func(db *DB) string {
		var out []store.ClaimEdge
		if err := db.ClaimEdges(ctx, nil, 0, func(e store.ClaimEdge) error { out = append(out, e); return nil }); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(out)
		return string(b)
	}
	want := edges(db)
	if want == "null" {
		t.Fatal("the fixture states no claim edge")
	}
	execAll(t, db,
		"ALTER TABLE incidents ADD COLUMN data BLOB",
		"UPDATE incidents SET data = (SELECT data FROM incident_data WHERE incident_rowid = incidents.rowid)",
		"DELETE FROM incident_data", "DELETE FROM claim_edges", "DELETE FROM claim_edge_docs", "DELETE FROM claim_edge_speakers",
		"DELETE FROM actor_dates", "DELETE FROM schema_migrations WHERE version >= 10",
	)
	db.Close()
	db = open(t, dir, Options{})
	if got := edges(db); got != want {
		t.Errorf("claim edges after the migration:\n%s\nwant %s", got, want)
	}
	if got, err := db.Actors(ctx, store.ActorFilter{ID: "islamic-state"}); err != nil || len(got) != 1 || got[0].FirstSeen != "2025-09-01" || got[0].LastSeen != "2025-09-03" {
		t.Errorf("first and last seen after the migration: %+v, %v", got, err)
	}
	rep, err := views.Verify(ctx, db, 10)
	if err != nil || len(rep.Problems) > 0 || rep.Incidents == 0 || rep.Edges == 0 {
		t.Errorf("views after the migration: %+v, %v", rep, err)
	}
}
