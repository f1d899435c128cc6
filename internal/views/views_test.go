package views

import (
	"encoding/json"
	"testing"

	"sitrep"
	"sitrep/internal/extract"
	"sitrep/internal/store"
	"sitrep/internal/synth"
)

// TestPlacementIndependentOfMemory: the views must be a function of the
// custody log, whoever placed the reports. A writer keeps the incidents
// it read between its transactions only while nobody else writes; a
// worker that another worker's commit forced to forget them reads them
// back from the store, and must place the next report exactly as one
// Maintainer holding everything does (as Verify's replay does). Made-up
// reports of several incidents each, extracted and placed one document a
// transaction by a Maintainer that forgets everything after each, and by
// one that forgets nothing, must give the same rows.
func TestPlacementIndependentOfMemory(t *testing.T) {
	const n = 1200 // a few hundred fewer and main's three faults did not show
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs := synth.News(n, 1)
	results := make([]*sitrep.Result, len(docs))
	for i, d := range docs {
		results[i] = x.Extract(sitrep.Document{Text: d.Text, Published: d.Published, Source: d.Outlet})
	}
	place := func(m *Maintainer) (rows []string, incidents int) {
		t.Helper()
		tables := NewMemTables()
		for i, d := range docs {
			s, err := m.Begin(scratch{tables})
			if err != nil {
				t.Fatal(err)
			}
			r := results[i]
			if err := s.Document(d.ID, d.Published, d.Outlet, d.Text, *r, r.Events, false); err != nil {
				t.Fatal(err)
			}
			if err := s.Finish(); err != nil {
				t.Fatal(err)
			}
			s.Commit(0)
		}
		tables.Scan(func(r store.ViewRecord) error {
			if r.Incident != nil {
				incidents++
				if len(r.Incident.Members) == 0 {
					t.Errorf("incident %s is stored with no member (its reports all left it)", r.Incident.Incident.ID)
				}
			}
			b, err := json.Marshal(r)
			rows = append(rows, string(b))
			return err
		})
		return rows, incidents
	}
	kept, incidents := place(NewMaintainer(0))
	forgot, _ := place(NewMaintainer(1))
	for i := range max(len(kept), len(forgot)) {
		switch {
		case i >= len(kept) || i >= len(forgot):
			t.Fatalf("%d view rows placed by one Maintainer, %d by one that forgets after each document", len(kept), len(forgot))
		case kept[i] != forgot[i]:
			t.Fatalf("view row %d differs when the incidents are read back after each document:\nkept   %.2000s\nforgot %.2000s", i, kept[i], forgot[i])
		}
	}
	if incidents < n/4 {
		t.Fatalf("%d incidents from %d reports: too few to test anything", incidents, n)
	}
	t.Logf("%d reports, %d view rows, %d incidents, alike", n, len(kept), incidents)
}
