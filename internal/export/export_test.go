package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"sitrep/internal/store"
	"sitrep/internal/store/memory"
	"sitrep/internal/store/storetest"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// corpus is the hand-made storetest corpus, with one analyst edit so that
// the review and edited columns show.
func corpus(t *testing.T) store.Store {
	t.Helper()
	st := memory.New()
	docs := storetest.Load(t, st)
	at := time.Date(2025, 9, 6, 8, 0, 0, 0, time.UTC)
	for _, e := range []store.Edit{
		{EventKey: docs[0].Key("e1"), Status: store.EditValue, Field: store.FieldKilled, Value: "15-16", Who: "ana", At: at},
		{EventKey: docs[0].Key("e1"), Status: store.EditConfirm, Who: "ana", At: at},
	} {
		if _, err := st.AddEdit(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s (run go test -update if the change is intended):\n%s", name, path, got)
	}
}

func TestCSV(t *testing.T) {
	st := corpus(t)
	var buf bytes.Buffer
	w := NewCSV(&buf)
	if err := st.ScanEvents(context.Background(), store.EventFilter{Order: store.OldestFirst}, w.Write); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	golden(t, "events.csv", buf.Bytes())
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil || len(rows) != 7 || len(rows[0]) != len(CSVColumns) {
		t.Errorf("csv: %d rows, %v", len(rows), err)
	}
}

func TestCSVEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := NewCSV(&buf).Close(); err != nil {
		t.Fatal(err)
	}
	if rows, _ := csv.NewReader(&buf).ReadAll(); len(rows) != 1 {
		t.Errorf("empty export: want the header alone, got %v", rows)
	}
}

func TestJSONL(t *testing.T) {
	st := corpus(t)
	var buf bytes.Buffer
	w := NewJSONL(&buf)
	ctx := context.Background()
	if err := st.ScanEvents(ctx, store.EventFilter{Order: store.OldestFirst}, w.WriteEvent); err != nil {
		t.Fatal(err)
	}
	if err := st.ScanClaims(ctx, store.ClaimFilter{}, w.WriteClaim); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	golden(t, "events.jsonl", buf.Bytes())
	for i, line := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
		if !json.Valid(line) {
			t.Errorf("line %d is not JSON", i+1)
		}
	}
}

func TestGeoJSON(t *testing.T) {
	st := corpus(t)
	var buf bytes.Buffer
	w := NewGeoJSON(&buf)
	if err := st.ScanEvents(context.Background(), store.EventFilter{Order: store.OldestFirst}, w.Write); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	golden(t, "events.geojson", buf.Bytes())
	var fc struct {
		Type     string
		Features []struct {
			Geometry *struct{ Coordinates []float64 }
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil || fc.Type != "FeatureCollection" || len(fc.Features) != 6 {
		t.Fatalf("geojson: %v, %+v", err, fc)
	}
	if fc.Features[0].Geometry != nil || fc.Features[1].Geometry.Coordinates[0] != 2.3488 {
		t.Errorf("geometry: undated Kech event has none, Paris is lon first")
	}
	var empty bytes.Buffer
	NewGeoJSON(&empty).Close()
	if !json.Valid(empty.Bytes()) {
		t.Errorf("empty collection is not JSON: %s", empty.Bytes())
	}
}

func TestGraphML(t *testing.T) {
	st := corpus(t)
	ctx := context.Background()
	var buf bytes.Buffer
	w := NewGraphML(&buf)
	actors, err := st.Actors(ctx, store.ActorFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range actors {
		if err := w.AddActor(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.ScanClaims(ctx, store.ClaimFilter{}, w.AddClaim); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	golden(t, "actors.graphml", buf.Bytes())
	var doc struct {
		Graph struct {
			Nodes []struct {
				ID string `xml:"id,attr"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Graph.Nodes) != len(actors) || len(doc.Graph.Edges) != 2 || doc.Graph.Edges[1].Source != "pakistan-army" {
		t.Errorf("graph: %d nodes, edges %+v", len(doc.Graph.Nodes), doc.Graph.Edges)
	}
}

// failing is a writer on a full disk.
type failing struct{ n int }

var errFull = errors.New("no space left on device")

func (f *failing) Write(p []byte) (int, error) {
	if f.n -= len(p); f.n < 0 {
		return 0, errFull
	}
	return len(p), nil
}

func TestWriterErrors(t *testing.T) {
	st := corpus(t)
	ctx := context.Background()
	all := store.EventFilter{}
	c := NewCSV(&failing{n: 100})
	err := st.ScanEvents(ctx, all, c.Write)
	if err == nil {
		err = c.Close()
	}
	if !errors.Is(err, errFull) {
		t.Errorf("csv on a full disk: err = %v", err)
	}
	g := NewGeoJSON(&failing{n: 100})
	err = st.ScanEvents(ctx, all, g.Write)
	if err == nil {
		err = g.Close()
	}
	if !errors.Is(err, errFull) {
		t.Errorf("geojson on a full disk: err = %v", err)
	}
	j := NewJSONL(&failing{n: 100})
	err = st.ScanEvents(ctx, all, j.WriteEvent)
	if err == nil {
		err = j.Close()
	}
	if !errors.Is(err, errFull) {
		t.Errorf("jsonl on a full disk: err = %v", err)
	}
}
