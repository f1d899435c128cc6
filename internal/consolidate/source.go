package consolidate

import (
	"slices"
	"strings"

	"sitrep"
)

// Version names the consolidation rules: how reports are scored, placed,
// merged and summed up. A store keeps it with the incidents it holds, so
// that incidents placed by other rules are rebuilt (sitrep reextract)
// rather than mixed with new ones; change it whenever a change of the
// rules changes where reports go or what an incident says.
const Version = "2026.12.07-43"

// Source is where an Index finds the incidents it has not loaded: a store
// that keeps them between processes. An Index with a Source holds only
// the incidents placement has needed so far, so that its memory follows
// the reports placed, not the size of the corpus; Changes then says what
// to write back.
type Source interface {
	// BlockIncidents returns the ids of the incidents with a report
	// indexed under any of the blocks.
	BlockIncidents(blocks []Block) ([]string, error)
	// KeyIncidents returns the ids of the incidents holding any of the
	// event keys.
	KeyIncidents(keys []string) ([]string, error)
	// DocIncidents returns the ids of the incidents holding reports of
	// the document.
	DocIncidents(docID string) ([]string, error)
	// LoadIncidents returns the incidents with these ids; an id it does
	// not hold is left out.
	LoadIncidents(ids []string) ([]Stored, error)
	// IncidentTaken reports whether an incident with this id exists.
	IncidentTaken(id string) (bool, error)
	// LastSeq is the creation number of the last incident opened.
	LastSeq() (int, error)
}

// Block is one cell of the blocking index: a place key ("country|admin1",
// "country|*" or "*") and a week number (days since 1970-01-01 divided by
// seven, or WideWeek for reports spanning more than a year).
type Block struct {
	Place string `json:"place"`
	Week  int32  `json:"week"`
}

// WideWeek is the week of reports whose dates span more than wideDays.
const WideWeek = wideWeek

// Stored is an incident as a Source keeps it: its snapshot (every report
// with its score and reasons, and the incident's reasons), its creation
// number, and the reports that joined on type, date and place alone.
type Stored struct {
	Incident Incident `json:"incident"`
	Seq      int      `json:"seq"`
	Weak     []string `json:"weak,omitempty"` // event keys, sorted
}

// Change is an incident an Index changed since the last call to Changes:
// either its new state with the blocks it is indexed under, or its end,
// with the incident its reports went to (Into, empty when they went
// nowhere: the documents were withdrawn).
type Change struct {
	ID     string
	Gone   bool
	Into   string
	Stored Stored
	Blocks []Block
}

// NewStoredIndex returns an Index that reads the incidents it needs from
// src and remembers what it changed (Changes). Decisions are not read
// from src: restore them with RestoreDecisions.
func NewStoredIndex(src Source) *Index {
	x := NewIndex()
	x.src = src
	return x
}

// SetSource changes the Source the Index reads from, e.g. to the next
// transaction of the same store.
func (x *Index) SetSource(src Source) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.src = src
}

// Err returns the first error the Source returned. An Index that met one
// is left part way through a change and must be thrown away.
func (x *Index) Err() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.err
}

// Seq is the creation number of the last incident opened.
func (x *Index) Seq() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.readSeq()
	return x.seq
}

func (x *Index) readSeq() {
	if x.src != nil && !x.seqRead && x.err == nil {
		x.seqRead = true
		n, err := x.src.LastSeq()
		if !x.fail(err) {
			x.seq = max(x.seq, n)
		}
	}
}

func (x *Index) fail(err error) bool {
	if err != nil && x.err == nil {
		x.err = err
	}
	return x.err != nil
}

// touch marks an incident to be written back.
func (x *Index) touch(inc *incident) {
	if x.src != nil {
		x.dirty[inc] = true
	}
}

// known reports whether the Index has an incident with this id, alive or
// ended since the last Changes: a Source's copy of it is then stale.
func (x *Index) known(id string) bool {
	return x.incidents[id] != nil || x.gone[id] != nil
}

// load reads the incidents with these ids that the Index does not have.
func (x *Index) load(ids []string) {
	if x.src == nil || x.err != nil || len(ids) == 0 {
		return
	}
	var want []string
	for _, id := range ids {
		if !x.known(id) && !slices.Contains(want, id) {
			want = append(want, id)
		}
	}
	if len(want) == 0 {
		return
	}
	stored, err := x.src.LoadIncidents(want)
	if x.fail(err) {
		return
	}
	var words []string
	for _, s := range stored {
		for _, ref := range s.Incident.Events {
			words = append(words, ref.Words...)
		}
	}
	x.ensureWords(words)
	for _, s := range stored {
		if !x.known(s.Incident.ID) {
			x.adopt(s)
		}
	}
}

// adopt makes a stored incident part of the Index.
func (x *Index) adopt(s Stored) {
	inc := &incident{id: s.Incident.ID, seq: s.Seq, union: evidence{killedLo: -1, killedHi: -1}}
	for _, r := range s.Incident.Reasons {
		inc.log(r)
	}
	for _, ref := range s.Incident.Events {
		m := x.newMember(ref, nil, nil, &Doc{ID: ref.DocID, Published: ref.Published}, nil)
		_, m.weak = slices.BinarySearch(s.Weak, ref.Key)
		m.inc = inc
		inc.members = append(inc.members, m)
		x.byKey[ref.Key] = m
		x.byDoc[ref.DocID] = append(x.byDoc[ref.DocID], ref.Key)
		x.indexUnder(inc, m)
	}
	inc.refresh()
	x.incidents[inc.id] = inc
}

// ensureBlocks reads from the Source the incidents of blocks not read yet.
func (x *Index) ensureBlocks(keys []blockKey) {
	if x.src == nil || x.err != nil {
		return
	}
	var need []Block
	for _, k := range keys {
		if !x.loaded[k] {
			x.loaded[k] = true
			need = append(need, Block{x.placeNames[k.place], k.week})
		}
	}
	if len(need) == 0 {
		return
	}
	ids, err := x.src.BlockIncidents(need)
	if !x.fail(err) {
		x.load(ids)
	}
}

// ensureDoc reads the incidents holding the document's reports.
func (x *Index) ensureDoc(docID string) {
	if x.src == nil || x.err != nil || x.docsRead[docID] {
		return
	}
	x.docsRead[docID] = true
	ids, err := x.src.DocIncidents(docID)
	if !x.fail(err) {
		x.load(ids)
	}
}

// ensureKeys reads the incidents holding the event keys.
func (x *Index) ensureKeys(keys []string) {
	if x.src == nil || x.err != nil {
		return
	}
	var need []string
	for _, k := range keys {
		if x.byKey[k] == nil && !x.keysRead[k] {
			x.keysRead[k] = true
			need = append(need, k)
		}
	}
	if len(need) == 0 {
		return
	}
	ids, err := x.src.KeyIncidents(need)
	if !x.fail(err) {
		x.load(ids)
	}
}

// DocEvents are the events of one document to place, for Prefetch.
type DocEvents struct {
	ID, Published string
	Events        []sitrep.Event
	// New says the document has nothing placed yet: its earlier
	// incidents need not be looked up.
	New bool
}

// Prefetch reads from the Source, in one go, the incidents that placing
// these documents will look at: a batch costs a few reads instead of a
// few per event. It changes nothing else.
func (x *Index) Prefetch(docs []DocEvents) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.src == nil || x.err != nil {
		return
	}
	var keys []blockKey
	var ids []string
	for _, d := range docs {
		if d.New {
			x.docsRead[d.ID] = true
		}
		for i, ev := range d.Events {
			ref := EventRef{Type: ev.Type, Date: ev.Date, Place: ev.Place, Published: d.Published}
			if m := x.newMember(ref, nil, nil, &Doc{ID: d.ID, Published: d.Published}, []int32{}); m.dated {
				keys = x.lookupBlocks(m, keys)
			}
			// The id an incident this event opens would take.
			if id := incidentID(EventKey(d.ID, i, ev)); !x.known(id) && !x.absent[id] {
				ids = append(ids, id)
			}
		}
	}
	x.ensureBlocks(keys)
	x.load(ids)
	for _, id := range ids {
		if !x.known(id) {
			x.absent[id] = true
		}
	}
}

// taken reports whether an incident id is in use, here or in the Source.
func (x *Index) taken(id string) bool {
	if x.incidents[id] != nil {
		return true
	}
	if x.gone[id] != nil || x.src == nil || x.err != nil || x.absent[id] {
		return false
	}
	ok, err := x.src.IncidentTaken(id)
	x.fail(err)
	return ok
}

// nextSeq hands out the next creation number.
func (x *Index) nextSeq() int {
	x.readSeq()
	x.seq++
	return x.seq
}

// stored is the state of an incident to write back.
func (x *Index) stored(inc *incident) Stored {
	s := Stored{Incident: inc.snapshot(x.voc), Seq: inc.seq}
	for _, m := range inc.members {
		if m.weak {
			s.Weak = append(s.Weak, m.ref.Key)
		}
	}
	slices.Sort(s.Weak)
	return s
}

// blocksOf lists the blocks an incident is indexed under, sorted.
func (x *Index) blocksOf(inc *incident) []Block {
	var out []Block // nil for an undated incident, which is in no block
	for _, b := range inc.blocks {
		out = append(out, Block{x.placeNames[b.k.place], b.k.week})
	}
	slices.SortFunc(out, func(a, b Block) int {
		if c := strings.Compare(a.Place, b.Place); c != 0 {
			return c
		}
		return int(a.Week) - int(b.Week)
	})
	return out
}

// Changes returns, ordered by id, the incidents changed since the last
// call, and forgets that they changed. An Index without a Source does
// not track changes and returns nothing.
func (x *Index) Changes() []Change {
	x.mu.Lock()
	defer x.mu.Unlock()
	byID := map[string]Change{}
	for inc := range x.dirty {
		if !inc.dead {
			continue
		}
		byID[inc.id] = Change{ID: inc.id, Gone: true, Into: inc.into}
	}
	for inc := range x.dirty {
		if !inc.dead {
			byID[inc.id] = Change{ID: inc.id, Stored: x.stored(inc), Blocks: x.blocksOf(inc)}
		}
	}
	out := make([]Change, 0, len(byID))
	for _, c := range byID {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Change) int { return strings.Compare(a.ID, b.ID) })
	clear(x.dirty)
	clear(x.gone)
	for _, inc := range x.incidents {
		inc.left = nil
	}
	return out
}

// Each calls fn for every incident the Index holds, ordered by id, with
// the blocks it is indexed under: the whole state, for comparing with a
// Source's.
func (x *Index) Each(fn func(Stored, []Block)) {
	x.mu.Lock()
	ids := make([]string, 0, len(x.incidents))
	for id := range x.incidents {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	x.mu.Unlock()
	for _, id := range ids {
		x.mu.Lock()
		inc := x.incidents[id]
		s, b := x.stored(inc), x.blocksOf(inc)
		x.mu.Unlock()
		fn(s, b)
	}
}
