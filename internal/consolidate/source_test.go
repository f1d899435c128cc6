package consolidate

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"sitrep"
)

// mapSource keeps incidents as a store would: the state Changes writes
// back, and nothing else.
type mapSource struct {
	incs      map[string]Stored
	incBlocks map[string][]Block
	blocks    map[Block]map[string]bool
	keys      map[string]string // event key → incident
	redirect  map[string]string
	seq       int
	reads     int
	docs      map[string]bool // documents whose words are counted
	words     map[string]int
}

func newMapSource() *mapSource {
	return &mapSource{incs: map[string]Stored{}, incBlocks: map[string][]Block{}, blocks: map[Block]map[string]bool{},
		keys: map[string]string{}, redirect: map[string]string{}, docs: map[string]bool{}, words: map[string]int{}}
}

func (s *mapSource) WordCounts(words []string) (int, []int, error) {
	out := make([]int, len(words))
	for i, w := range words {
		out[i] = s.words[w]
	}
	return len(s.docs), out, nil
}

func (s *mapSource) DocCounted(docID string) (bool, error) { return s.docs[docID], nil }

func (s *mapSource) BlockIncidents(bs []Block) ([]string, error) {
	s.reads++
	var out []string
	for _, b := range bs {
		for id := range s.blocks[b] {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

func (s *mapSource) KeyIncidents(keys []string) ([]string, error) {
	var out []string
	for _, k := range keys {
		if id, ok := s.keys[k]; ok {
			out = append(out, id)
		}
	}
	return out, nil
}

func (s *mapSource) DocIncidents(docID string) ([]string, error) {
	var out []string
	for k, id := range s.keys {
		if strings.HasPrefix(k, docID+"#") {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

func (s *mapSource) LoadIncidents(ids []string) ([]Stored, error) {
	var out []Stored
	for _, id := range ids {
		if st, ok := s.incs[id]; ok {
			// a copy, as a store decodes a new one on every read
			b, _ := json.Marshal(st)
			var c Stored
			json.Unmarshal(b, &c)
			out = append(out, c)
		}
	}
	return out, nil
}

func (s *mapSource) IncidentTaken(id string) (bool, error) { _, ok := s.incs[id]; return ok, nil }
func (s *mapSource) LastSeq() (int, error)                 { return s.seq, nil }

func (s *mapSource) drop(id string) {
	for _, b := range s.incBlocks[id] {
		delete(s.blocks[b], id)
	}
	delete(s.incBlocks, id)
	if st, ok := s.incs[id]; ok {
		for _, e := range st.Incident.Events {
			if s.keys[e.Key] == id {
				delete(s.keys, e.Key)
			}
		}
	}
	delete(s.incs, id)
}

func (s *mapSource) apply(x *Index) {
	wc := x.WordChanges()
	for _, d := range wc.Docs {
		s.docs[d] = true
	}
	for w, n := range wc.Counts {
		s.words[w] += n
	}
	for _, c := range x.Changes() {
		s.drop(c.ID)
		if c.Gone {
			if c.Into != "" {
				s.redirect[c.ID] = c.Into
			}
			continue
		}
		delete(s.redirect, c.ID)
		s.incs[c.ID] = c.Stored
		s.incBlocks[c.ID] = c.Blocks
		for _, b := range c.Blocks {
			if s.blocks[b] == nil {
				s.blocks[b] = map[string]bool{}
			}
			s.blocks[b][c.ID] = true
		}
		for _, e := range c.Stored.Incident.Events {
			s.keys[e.Key] = c.ID
		}
	}
	s.seq = x.Seq()
}

// TestStoredIndexMatchesMemory places the same stream of documents,
// re-extractions, withdrawals and user decisions in an Index holding
// everything and in one that reads from a store, writes back every few
// documents and forgets what it holds every few dozen: both must end with
// the same incidents, reports, reasons and blocks.
func TestStoredIndexMatchesMemory(t *testing.T) {
	docs := synthCorpus(3000, 7)
	rng := rand.New(rand.NewPCG(3, 4))
	mem := NewIndex()
	// src is written back every few documents, each is written back after
	// every document: their redirects must agree.
	src, each := newMapSource(), newMapSource()
	var decisions []Decision
	x, y := NewStoredIndex(src), NewStoredIndex(each)
	both := func(f func(*Index)) {
		f(mem)
		f(x)
		f(y)
	}
	for i, d := range docs {
		both(func(ix *Index) { ix.Add(d.id, d.published, d.events) })
		switch {
		case i%97 == 50 && i > 100:
			// a re-extraction that changes a toll and drops an event
			old := docs[rng.IntN(i)]
			evs := slices.Clone(old.events)
			if len(evs) > 1 {
				evs = evs[:len(evs)-1]
			}
			k := 1 + rng.IntN(300)
			evs[0].Killed = &sitrep.Count{Best: &k}
			both(func(ix *Index) { ix.Add(old.id, old.published, evs) })
		case i%131 == 70:
			gone := docs[rng.IntN(i)].id
			both(func(ix *Index) { ix.Remove(gone) })
		case i%53 == 20 && i > 60:
			// merge the incidents of two recent reports, or split one off
			a, b := docs[i-1-rng.IntN(20)], docs[i-1-rng.IntN(20)]
			ka, kb := EventKey(a.id, 0, a.events[0]), EventKey(b.id, 0, b.events[0])
			var dec Decision
			if rng.IntN(2) == 0 {
				dec = Decision{Kind: DecisionMerge, Keys: []string{ka, kb}}
			} else {
				ia, ok := mem.IncidentOf(ka)
				if !ok {
					continue
				}
				inc, _ := mem.Incident(ia)
				var apart []string
				for _, e := range inc.Events {
					if e.Key != ka {
						apart = append(apart, e.Key)
					}
				}
				if len(apart) == 0 {
					continue
				}
				dec = Decision{Kind: DecisionSplit, Keys: []string{ka}, Apart: apart}
			}
			decisions = append(decisions, dec)
			var ids [3]string
			for j, ix := range []*Index{mem, x, y} {
				id, err := ix.ApplyDecision(dec)
				if err != nil {
					t.Fatal(err)
				}
				ids[j] = id
			}
			if ids[0] != ids[1] || ids[0] != ids[2] {
				t.Fatalf("decision %d: incident %v in memory, stored, stored each time", len(decisions), ids)
			}
		}
		if err := x.Err(); err != nil {
			t.Fatal(err)
		}
		// Reading an incident loads it: what is in memory must not matter.
		for j, ev := range d.events {
			k := EventKey(d.id, j, ev)
			a, _ := mem.IncidentOf(k)
			if b, _ := x.IncidentOf(k); a != b {
				t.Fatalf("document %d: %s placed in %q in memory, %q stored", i, k, a, b)
			}
		}
		each.apply(y)
		if i%7 == 6 {
			src.apply(x)
		}
		if i%41 == 40 {
			src.apply(x)
			x = NewStoredIndex(src)
			x.RestoreDecisions(decisions)
		}
	}
	src.apply(x)
	if fmt.Sprint(src.redirect) != fmt.Sprint(each.redirect) {
		t.Errorf("redirects depend on when changes are written back:\n%v\n%v", src.redirect, each.redirect)
	}
	if src.reads == 0 {
		t.Fatal("the stored index never read its source")
	}
	n := 0
	mem.Each(func(want Stored, blocks []Block) {
		n++
		got, ok := src.incs[want.Incident.ID]
		if !ok {
			t.Fatalf("incident %s (%d reports) not stored", want.Incident.ID, len(want.Incident.Events))
		}
		wb, _ := json.Marshal(want)
		gb, _ := json.Marshal(got)
		if string(wb) != string(gb) {
			t.Fatalf("incident %s differs:\nmemory %s\nstored %s", want.Incident.ID, wb, gb)
		}
		if fmt.Sprint(blocks) != fmt.Sprint(src.incBlocks[want.Incident.ID]) {
			t.Fatalf("incident %s blocks differ:\nmemory %v\nstored %v", want.Incident.ID, blocks, src.incBlocks[want.Incident.ID])
		}
	})
	if n != len(src.incs) {
		t.Fatalf("%d incidents in memory, %d stored", n, len(src.incs))
	}
	if n < 500 {
		t.Fatalf("only %d incidents: the stream is too small to test anything", n)
	}
	t.Logf("%d documents, %d decisions -> %d incidents, %d redirects", len(docs), len(decisions), n, len(src.redirect))
}

// TestWordsKeptAsPlaced: a report's words are chosen, rarest first, when
// it is placed. A report of words every report used then keeps none; when
// later reports make those words rare, an Index that reads its incident
// back (another process, or one started after a crash) must keep it as it
// was, as the Index that placed it does: the stored incidents may not
// depend on which process placed the next report.
func TestWordsKeptAsPlaced(t *testing.T) {
	quetta := &sitrep.Place{Name: "Quetta", Admin1: "Balochistan", Country: "PK", Precision: sitrep.PlaceTown}
	abduction := func(sentence string) []sitrep.Event {
		return []sitrep.Event{{ID: "E1", Type: sitrep.Abduction, Modality: sitrep.Asserted,
			Date:     &sitrep.Date{Start: "2024-03-04", End: "2024-03-04", Precision: sitrep.PrecisionDay, Text: "on Monday"},
			Place:    quetta,
			Targets:  []sitrep.ActorRef{{ID: "students", Name: "students"}},
			Evidence: []sitrep.Span{{Text: sentence}}}}
	}
	type doc struct {
		d   Doc
		evs []sitrep.Event
	}
	var docs []doc
	// First every report speaks of students in Quetta: the first
	// abduction's words are all common, it keeps none.
	for i := range 60 {
		d := Doc{ID: fmt.Sprintf("early%02d", i), Published: "2024-03-05",
			Text: fmt.Sprintf("Students in Quetta held meeting number %d.", i)}
		var evs []sitrep.Event
		if i == 30 {
			d.Text = "Gunmen abducted students in Quetta on Monday."
			evs = abduction(d.Text)
		}
		docs = append(docs, doc{d, evs})
	}
	// Then reports of other things make "student" and "quetta" rare.
	for i := range 800 {
		docs = append(docs, doc{d: Doc{ID: fmt.Sprintf("later%03d", i), Published: "2024-05-01",
			Text: fmt.Sprintf("Farmers in Multan sold wheat crop number %d.", i)}})
	}
	// A second report of the abduction joins it.
	text := "Relatives said the students abducted in Quetta on Monday were still missing."
	docs = append(docs, doc{Doc{ID: "late", Published: "2024-03-06", Text: text}, abduction(text)})

	// mem places everything; stored starts afresh from src for every
	// document, as two processes taking turns do.
	mem, src := NewIndex(), newMapSource()
	for _, d := range docs {
		mem.AddDoc(d.d, d.evs)
		x := NewStoredIndex(src)
		x.AddDoc(d.d, d.evs)
		if err := x.Err(); err != nil {
			t.Fatal(err)
		}
		src.apply(x)
	}
	a, _ := mem.IncidentOf("early30#E1")
	if b, _ := mem.IncidentOf("late#E1"); a == "" || a != b {
		t.Fatalf("the two reports of the abduction are in incidents %q and %q", a, b)
	}
	n := 0
	mem.Each(func(want Stored, _ []Block) {
		n++
		wb, _ := json.Marshal(want)
		gb, _ := json.Marshal(src.incs[want.Incident.ID])
		if string(wb) != string(gb) {
			t.Errorf("incident %s differs:\nplaced by one Index %s\nstored               %s", want.Incident.ID, wb, gb)
		}
	})
	if n != len(src.incs) {
		t.Errorf("%d incidents placed by one Index, %d stored", n, len(src.incs))
	}
}
