package gazetteer

import (
	"hash/maphash"
	"maps"
	"slices"
	"testing"
)

func TestKeyTable(t *testing.T) {
	keys := []string{"quetta", "kech district", "turbat", "st. louis", "quetta."}
	tab := newKeyTable(keys)
	if tab.len() != len(keys) {
		t.Fatalf("len = %d, want %d", tab.len(), len(keys))
	}
	for i, k := range keys {
		if got := tab.id(k); got != int32(i) {
			t.Errorf("id(%q) = %d, want %d", k, got, i)
		}
		if got := tab.idBytes([]byte(k)); got != int32(i) {
			t.Errorf("idBytes(%q) = %d, want %d", k, got, i)
		}
		if got := tab.key(int32(i)); got != k {
			t.Errorf("key(%d) = %q, want %q", i, got, k)
		}
	}
	for _, k := range []string{"", "quett", "quetta city", "Quetta"} {
		if got := tab.id(k); got != -1 {
			t.Errorf("id(%q) = %d, want -1 (absent)", k, got)
		}
	}
}

// TestKeyTableCollision gives "turbat" the hash of "quetta", as a 64-bit
// collision would: each key still finds its own id, through collided.
func TestKeyTableCollision(t *testing.T) {
	tab := newKeyTable([]string{"quetta", "turbat"})
	hq, ht := maphash.String(tab.seed, "quetta"), maphash.String(tab.seed, "turbat")
	delete(tab.index, ht)
	tab.collided = map[string]int32{"turbat": 1}
	// A look-up of "turbat" lands on "quetta" first.
	tab.index[ht] = tab.index[hq]
	for k, want := range map[string]int32{"quetta": 0, "turbat": 1, "gwadar": -1} {
		if got := tab.id(k); got != want {
			t.Errorf("id(%q) = %d, want %d", k, got, want)
		}
		if got := tab.idBytes([]byte(k)); got != want {
			t.Errorf("idBytes(%q) = %d, want %d", k, got, want)
		}
	}
}

func TestNameTablePackUnpack(t *testing.T) {
	m := map[string][]cand{
		"kech":    {{e: 3, f: cAlias}, {e: 7, f: 0}},
		"turbat":  {{e: 5, f: 0}},
		"quetta.": {{e: 1, f: cAcronym}},
	}
	want := map[string][]cand{}
	for k, cs := range m {
		want[k] = slices.Clone(cs)
	}
	slices.Reverse(want["kech"]) // by e, descending
	tab := packNames(m, func(a, b cand) int { return int(b.e - a.e) })
	for k, cs := range want {
		got, ok := tab.lookup([]byte(k))
		if !ok || !slices.Equal(got, cs) {
			t.Errorf("lookup(%q) = %v, %v; want %v", k, got, ok, cs)
		}
		if got := tab.candidates(k); !slices.Equal(got, cs) {
			t.Errorf("candidates(%q) = %v, want %v", k, got, cs)
		}
	}
	if _, ok := tab.lookup([]byte("gwadar")); ok {
		t.Error("lookup of an absent name found it")
	}
	if back := tab.unpack(); !maps.EqualFunc(back, want, slices.Equal) {
		t.Errorf("unpack = %v, want %v", back, want)
	}
	lens := packLens(map[string]uint8{"kech": 2, "north": 3})
	if lens.longest([]byte("north")) != 3 || lens.longest([]byte("kech")) != 2 || lens.longest([]byte("south")) != 0 {
		t.Errorf("longest: north %d kech %d south %d", lens.longest([]byte("north")), lens.longest([]byte("kech")), lens.longest([]byte("south")))
	}
	if back := lens.unpack(); len(back) != 2 || back["north"] != 3 {
		t.Errorf("lens unpack = %v", back)
	}
}
