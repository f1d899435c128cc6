package postgres_test

import (
	"context"
	"fmt"
	"testing"

	"sitrep"
	"sitrep/internal/extract"
	"sitrep/internal/store"
	"sitrep/internal/store/postgres"
	"sitrep/internal/store/postgres/pgtest"
	"sitrep/internal/views"
)

// TestTwoWriters stores reports through two handles on one database, as
// two processes (workers, an ingest and a server) do, alternating batches:
// each handle's views must start again from the tables after the other
// wrote, and the stored views must be what replaying the log gives.
func TestTwoWriters(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	var dbs [2]*postgres.DB
	for i := range dbs {
		db, err := postgres.Open(ctx, url, postgres.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		dbs[i] = db
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	places := []string{"Quetta", "Turbat", "Gwadar", "Khuzdar", "Panjgur"}
	verbs := []string{"detained %d men", "killed %d people in a roadside bombing", "abducted %d students", "wounded %d guards in an attack on a checkpoint"}
	var batch []store.Item
	n := 0
	for i := range 240 {
		text := fmt.Sprintf("Police said gunmen "+verbs[i%len(verbs)]+" in %s on Monday. Officials said report number %d was being checked.",
			1+i%9, places[i%len(places)], i)
		pub := fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28)
		r := x.Extract(sitrep.Document{Text: text, Published: pub})
		batch = append(batch, store.Item{Original: store.Original{Source: "t", Published: pub}, Raw: []byte(text),
			Document: &store.Document{Text: text, Published: pub}, Result: r, ExtractorVersion: extract.Version})
		if len(batch) == 8 {
			if err := dbs[n%2].PutBatch(ctx, batch); err != nil {
				t.Fatal(err)
			}
			n++
			batch = nil
		}
	}
	rep, err := views.Verify(ctx, dbs[0], 5)
	if err != nil || len(rep.Problems) > 0 || rep.Incidents == 0 {
		t.Errorf("stored views against the log's: %+v, %v", rep, err)
	}
}
