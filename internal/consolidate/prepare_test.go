package consolidate

import (
	"testing"

	"sitrep"
)

// TestPrepareAheadPlacesAsAddDoc: documents prepared on another goroutine
// are placed exactly as AddDoc places them, in the same order.
func TestPrepareAheadPlacesAsAddDoc(t *testing.T) {
	docs := synthCorpus(3000, 5)
	one := NewIndex()
	for _, d := range docs {
		one.AddDoc(Doc{ID: d.id, Published: d.published, Text: d.text}, d.events)
	}
	ahead := consolidateSynth(docs)
	events := 0
	for _, d := range docs {
		for i, ev := range d.events {
			k := EventKey(d.id, i, ev)
			a, _ := one.IncidentOf(k)
			b, _ := ahead.IncidentOf(k)
			if a == "" || a != b {
				t.Fatalf("%s: incident %q placed one by one, %q prepared ahead", k, a, b)
			}
			events++
		}
	}
	if one.Len() != ahead.Len() || events < 3000 {
		t.Errorf("%d incidents one by one, %d prepared ahead, of %d events", one.Len(), ahead.Len(), events)
	}
}

// TestPrepareAheadStops: a caller that stops taking documents (an error
// half way) closes the Preparer, which then ends without preparing the
// rest.
func TestPrepareAheadStops(t *testing.T) {
	asked := make(chan int, 100_000)
	p := PrepareAhead(100_000, func(i int) (Doc, []sitrep.Event) {
		asked <- i
		return Doc{ID: "d", Text: "Gunmen attacked a checkpoint in Harak."}, nil
	})
	for i := range 3 {
		if p.Next() == nil {
			t.Fatalf("document %d missing", i)
		}
	}
	p.Close()
	p.Close() // twice is harmless
	n := 3
	for p.Next() != nil {
		n++
	}
	if n >= 100_000 || len(asked) >= 100_000 {
		t.Errorf("after Close %d documents were handed over and %d prepared, of 100,000", n, len(asked))
	}
	if got := PrepareAhead(0, nil).Next(); got != nil {
		t.Errorf("no documents: Next gave %v", got)
	}
}
