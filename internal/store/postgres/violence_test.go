package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"sitrep/internal/store"
	"sitrep/internal/store/storetest"
)

// TestViolenceEdgesMigration runs migration 12 over a database from
// before it: it counts the violence edges and incidents per actor as the
// triggers would have, and the triggers it makes keep counting.
func TestViolenceEdgesMigration(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	docs := storetest.Load(t, db)
	stored := func() string {
		var out []string
		if err := db.ViolenceEdges(ctx, func(e store.ViolenceEdge) error {
			out = append(out, fmt.Sprintf("%+v", e))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if err := db.ActorIncidents(ctx, func(a store.ActorIncidents) error {
			out = append(out, fmt.Sprintf("%+v", a))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		slices.Sort(out)
		return strings.Join(out, "\n")
	}
	want := stored()
	if !strings.Contains(want, "Perpetrator:islamic-state Target:balochistan-national-party Incidents:1 Documents:1") {
		t.Fatalf("no violence edge of the bombing:\n%s", want)
	}
	files, err := migrationFiles()
	if err != nil {
		t.Fatal(err)
	}
	var sql string
	for _, m := range files {
		if m.version == 12 {
			sql = m.sql
		}
	}
	for _, q := range []string{"DROP TRIGGER violence_actor ON incident_actors", "DROP FUNCTION violence_actor",
		"DROP TRIGGER violence_pair ON violence_incidents", "DROP FUNCTION violence_pair",
		"DROP TABLE violence_incidents, violence_edges, violence_edge_types, actor_incidents", sql} {
		if _, err := db.pool.Exec(ctx, q); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	if got := stored(); got != want {
		t.Errorf("after the migration:\n%s\nwant\n%s", got, want)
	}
	if _, err := db.AddEdit(ctx, store.Edit{EventKey: docs[0].Key("e1"), Status: store.EditReject, Who: "vera"}); err != nil {
		t.Fatal(err)
	}
	if got := stored(); strings.Contains(got, "Target:balochistan-national-party") {
		t.Errorf("the bombing's report rejected, its violence edge stays:\n%s", got)
	}
}
