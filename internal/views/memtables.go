package views

import (
	"encoding/json"
	"slices"
	"strings"

	"sitrep/internal/consolidate"
	"sitrep/internal/store"
)

// MemTables are view tables in memory: the memory store's, and those
// Verify recomputes. They are not safe for concurrent use; their owner
// locks.
type MemTables struct {
	Incidents map[string]*store.StoredIncident
	blocks    map[consolidate.Block]map[string]struct{}
	keys      map[string]string         // event key → incident
	docs      map[string]map[string]int // document → incident → reports
	Redirects map[string]string
	seq       int
	Framing   map[string][]consolidate.FramingCount // by document
	sigs      []NearCopy
	bands     map[uint64][]int // band key → positions in sigs
	signed    map[string]bool
	wordDocs  map[string]bool
	words     map[string]int
}

// NewMemTables returns empty tables.
func NewMemTables() *MemTables {
	t := &MemTables{}
	t.ClearViews()
	t.bands, t.signed = map[uint64][]int{}, map[string]bool{}
	return t
}

var _ Tables = (*MemTables)(nil)

func (t *MemTables) BlockIncidents(bs []consolidate.Block) ([]string, error) {
	var out []string
	for _, b := range bs {
		for id := range t.blocks[b] {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

func (t *MemTables) KeyIncidents(keys []string) ([]string, error) {
	var out []string
	for _, k := range keys {
		if id, ok := t.keys[k]; ok {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

func (t *MemTables) DocIncidents(docID string) ([]string, error) {
	var out []string
	for id := range t.docs[docID] {
		out = append(out, id)
	}
	slices.Sort(out)
	return out, nil
}

// LoadIncidents returns copies: the Index changes what it loads.
func (t *MemTables) LoadIncidents(ids []string) ([]consolidate.Stored, error) {
	var out []consolidate.Stored
	for _, id := range ids {
		if s, ok := t.Incidents[id]; ok {
			var c consolidate.Stored
			b, err := json.Marshal(s.Stored)
			if err == nil {
				err = json.Unmarshal(b, &c)
			}
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
	}
	return out, nil
}

func (t *MemTables) IncidentTaken(id string) (bool, error) {
	_, ok := t.Incidents[id]
	return ok, nil
}

func (t *MemTables) LastSeq() (int, error) { return t.seq, nil }

func (t *MemTables) SetLastSeq(n int) error {
	t.seq = n
	return nil
}

func (t *MemTables) drop(id string) {
	s, ok := t.Incidents[id]
	if !ok {
		return
	}
	for _, b := range s.Blocks {
		delete(t.blocks[b], id)
		if len(t.blocks[b]) == 0 {
			delete(t.blocks, b)
		}
	}
	for _, e := range s.Incident.Events {
		if t.keys[e.Key] == id {
			delete(t.keys, e.Key)
		}
		if n := t.docs[e.DocID][id] - 1; n > 0 {
			t.docs[e.DocID][id] = n
		} else if t.docs[e.DocID] != nil {
			delete(t.docs[e.DocID], id)
			if len(t.docs[e.DocID]) == 0 {
				delete(t.docs, e.DocID)
			}
		}
	}
	delete(t.Incidents, id)
}

func (t *MemTables) WriteIncidents(put []store.StoredIncident, ended []store.Redirect) error {
	for _, r := range ended {
		t.drop(r.ID)
		if r.Into != "" {
			t.Redirects[r.ID] = r.Into
		} else {
			delete(t.Redirects, r.ID)
		}
	}
	for _, s := range put {
		id := s.Incident.ID
		t.drop(id)
		delete(t.Redirects, id)
		t.Incidents[id] = &s
		for _, b := range s.Blocks {
			if t.blocks[b] == nil {
				t.blocks[b] = map[string]struct{}{}
			}
			t.blocks[b][id] = struct{}{}
		}
		for _, e := range s.Incident.Events {
			t.keys[e.Key] = id
			if t.docs[e.DocID] == nil {
				t.docs[e.DocID] = map[string]int{}
			}
			t.docs[e.DocID][id]++
		}
	}
	return nil
}

func (t *MemTables) PutFraming(docs []store.DocFraming) error {
	for _, d := range docs {
		if len(d.Counts) == 0 {
			delete(t.Framing, d.DocID)
		} else {
			t.Framing[d.DocID] = d.Counts
		}
	}
	return nil
}

func (t *MemTables) NearCopies(bands []uint64) ([]NearCopy, error) {
	var pos []int
	for _, b := range bands {
		pos = append(pos, t.bands[b]...)
	}
	slices.Sort(pos)
	pos = slices.Compact(pos)
	out := make([]NearCopy, len(pos))
	for i, p := range pos {
		out[i] = t.sigs[p]
	}
	return out, nil
}

func (t *MemTables) PutSignatures(sigs []NearCopy) error {
	for _, c := range sigs {
		if t.signed[c.DocID] {
			continue
		}
		t.signed[c.DocID] = true
		n := len(t.sigs)
		t.sigs = append(t.sigs, NearCopy{DocID: c.DocID, Signature: c.Signature})
		for _, b := range c.Bands {
			t.bands[b] = append(t.bands[b], n)
		}
	}
	return nil
}

func (t *MemTables) ClearViews() error {
	t.Incidents = map[string]*store.StoredIncident{}
	t.blocks = map[consolidate.Block]map[string]struct{}{}
	t.keys = map[string]string{}
	t.docs = map[string]map[string]int{}
	t.Redirects = map[string]string{}
	t.Framing = map[string][]consolidate.FramingCount{}
	t.seq = 0
	t.wordDocs, t.words = map[string]bool{}, map[string]int{}
	return nil
}

func (t *MemTables) WordCounts(words []string) (int, []int, error) {
	out := make([]int, len(words))
	for i, w := range words {
		out[i] = t.words[w]
	}
	return len(t.wordDocs), out, nil
}

func (t *MemTables) DocCounted(docID string) (bool, error) { return t.wordDocs[docID], nil }

func (t *MemTables) PutWords(docs []string, counts map[string]int) error {
	for _, d := range docs {
		t.wordDocs[d] = true
	}
	for w, n := range counts {
		t.words[w] += n
	}
	return nil
}

// IncidentOf returns the incident an event key is in.
func (t *MemTables) IncidentOf(key string) (string, bool) {
	id, ok := t.keys[key]
	return id, ok
}

// Scan calls fn with every row, in the order of store.Store.ScanViews.
func (t *MemTables) Scan(fn func(store.ViewRecord) error) error {
	ids := make([]string, 0, len(t.Incidents))
	for id := range t.Incidents {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if err := fn(store.ViewRecord{Incident: t.Incidents[id]}); err != nil {
			return err
		}
	}
	ids = ids[:0]
	for id := range t.Redirects {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if err := fn(store.ViewRecord{Redirect: &store.Redirect{ID: id, Into: t.Redirects[id]}}); err != nil {
			return err
		}
	}
	ids = ids[:0]
	for id := range t.Framing {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if err := fn(store.ViewRecord{Framing: &store.DocFraming{DocID: id, Counts: t.Framing[id]}}); err != nil {
			return err
		}
	}
	return nil
}

// FramingCounts sums the documents' counts for one actor (all for ""),
// ordered by source, actor and label.
func (t *MemTables) FramingCounts(actorID string) []consolidate.FramingCount {
	agg := map[consolidate.FramingKey]*consolidate.FramingCount{}
	for _, counts := range t.Framing {
		for _, c := range counts {
			if actorID != "" && c.ActorID != actorID {
				continue
			}
			a := agg[c.FramingKey]
			if a == nil {
				a = &consolidate.FramingCount{FramingKey: c.FramingKey}
				agg[c.FramingKey] = a
			}
			a.Documents += c.Documents
			a.Uses += c.Uses
		}
	}
	out := make([]consolidate.FramingCount, 0, len(agg))
	for _, c := range agg {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b consolidate.FramingCount) int {
		if c := strings.Compare(a.Source, b.Source); c != 0 {
			return c
		}
		if c := strings.Compare(a.ActorID, b.ActorID); c != 0 {
			return c
		}
		return strings.Compare(a.Label, b.Label)
	})
	return out
}
