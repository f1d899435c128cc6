package gazetteer

import (
	"hash/maphash"
	"slices"
	"strings"
)

// The name tables hold hundreds of thousands of names for the life of the
// process. As maps keyed by string, each name was a pointer the garbage
// collector followed, and an object it marked, on every cycle: the loaded
// gazetteer cost 80 ms of processor time per collection, most of a
// collection's work in an ingest. Packed as below they hold a handful of
// pointers, whatever their size.

// keyTable maps distinct strings to dense ids 0..n-1. The keys lie end to
// end in one string; the index maps a key's hash to its id, and a map with
// neither keys nor values holding pointers is never scanned. The rare key
// whose hash another key has already taken is found in collided.
type keyTable struct {
	seed     maphash.Seed
	index    map[uint64]int32
	keys     string
	ends     []uint32 // key i is keys[ends[i]:ends[i+1]]
	collided map[string]int32
}

func newKeyTable(keys []string) keyTable {
	t := keyTable{seed: maphash.MakeSeed(), index: make(map[uint64]int32, len(keys)), ends: make([]uint32, 1, len(keys)+1)}
	size := 0
	for _, k := range keys {
		size += len(k)
	}
	var b strings.Builder
	b.Grow(size)
	for i, k := range keys {
		b.WriteString(k)
		t.ends = append(t.ends, uint32(b.Len()))
		h := maphash.String(t.seed, k)
		if _, taken := t.index[h]; taken {
			if t.collided == nil {
				t.collided = map[string]int32{}
			}
			t.collided[k] = int32(i)
			continue
		}
		t.index[h] = int32(i)
	}
	t.keys = b.String()
	return t
}

func (t *keyTable) len() int { return len(t.ends) - 1 }

func (t *keyTable) key(i int32) string { return t.keys[t.ends[i]:t.ends[i+1]] }

// id returns key's id, or -1 when it has none.
func (t *keyTable) id(key string) int32 {
	i, ok := t.index[maphash.String(t.seed, key)]
	if !ok {
		return -1
	}
	if t.key(i) == key {
		return i
	}
	if j, ok := t.collided[key]; ok {
		return j
	}
	return -1
}

// idBytes is id for a key in a buffer; it does not allocate.
func (t *keyTable) idBytes(key []byte) int32 {
	i, ok := t.index[maphash.Bytes(t.seed, key)]
	if !ok {
		return -1
	}
	if t.key(i) == string(key) {
		return i
	}
	if j, ok := t.collided[string(key)]; ok {
		return j
	}
	return -1
}

// nameTable maps normalised names to their candidates, best first: name
// i's are cands[starts[i]:starts[i+1]].
type nameTable struct {
	keyTable
	starts []uint32
	cands  []cand
}

// packNames packs the names gathered while loading, each name's
// candidates ordered by better.
func packNames(m map[string][]cand, better func(a, b cand) int) nameTable {
	keys := make([]string, 0, len(m))
	n := 0
	for k, cs := range m {
		keys = append(keys, k)
		n += len(cs)
	}
	t := nameTable{keyTable: newKeyTable(keys), starts: make([]uint32, 1, len(keys)+1), cands: make([]cand, 0, n)}
	for _, k := range keys {
		cs := m[k]
		if len(cs) > 1 { // most names have one candidate
			slices.SortStableFunc(cs, better)
		}
		t.cands = append(t.cands, cs...)
		t.starts = append(t.starts, uint32(len(t.cands)))
	}
	return t
}

// unpack returns the names as packNames took them, to add more.
func (t *nameTable) unpack() map[string][]cand {
	m := make(map[string][]cand, t.len())
	for i := range int32(t.len()) {
		m[t.key(i)] = slices.Clone(t.cands[t.starts[i]:t.starts[i+1]])
	}
	return m
}

// lookup returns name's candidates; ok is false when it is no name.
func (t *nameTable) lookup(name []byte) (cs []cand, ok bool) {
	i := t.idBytes(name)
	if i < 0 {
		return nil, false
	}
	return t.cands[t.starts[i]:t.starts[i+1]], true
}

// candidates returns name's candidates, none when it is no name.
func (t *nameTable) candidates(name string) []cand {
	i := t.id(name)
	if i < 0 {
		return nil
	}
	return t.cands[t.starts[i]:t.starts[i+1]]
}

// lenTable maps first tokens to the token count of the longest name they
// begin.
type lenTable struct {
	keyTable
	n []uint8
}

func packLens(m map[string]uint8) lenTable {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	t := lenTable{keyTable: newKeyTable(keys), n: make([]uint8, len(keys))}
	for i, k := range keys {
		t.n[i] = m[k]
	}
	return t
}

func (t *lenTable) unpack() map[string]uint8 {
	m := make(map[string]uint8, t.len())
	for i := range int32(t.len()) {
		m[t.key(i)] = t.n[i]
	}
	return m
}

// longest returns the token count of the longest name starting with the
// token tok, 0 for none.
func (t *lenTable) longest(tok []byte) int {
	if i := t.idBytes(tok); i >= 0 {
		return int(t.n[i])
	}
	return 0
}
