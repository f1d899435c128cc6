package consolidate

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

// TestWordScoresOrderFree: words are numbered in the order a process
// meets them, so another process walks the same shared words in another
// order. The scores of shared words must come out the same to the last
// bit, or a store's scores differ from its log's replay.
func TestWordScoresOrderFree(t *testing.T) {
	const k = 13
	words := make([]string, k)
	for i := range words {
		words[i] = fmt.Sprintf("word%02d", i)
	}
	// build numbers the words in the given order and gives both incidents
	// every word, used by some of their three reports.
	build := func(order []int) (*vocab, []int32, *incident, *incident) {
		v := newVocab()
		v.n = 997
		for _, i := range order {
			v.df[v.id(words[i])] = int32(1 + 7*i%19)
		}
		var terms []int32
		var pa, pb profile
		for i := range words {
			t := v.ids[words[i]]
			terms = append(terms, t)
			pa = append(pa, termCount{t, int32(1 + i%3)})
			pb = append(pb, termCount{t, int32(1 + (i+1)%3)})
		}
		slices.Sort(terms)
		byID := func(a, b termCount) int { return int(a.t - b.t) }
		slices.SortFunc(pa, byID)
		slices.SortFunc(pb, byID)
		three := make([]*member, 3)
		mask := termMask(terms) // as refresh sets it
		return v, terms, &incident{prof: pa, members: three, mask: mask}, &incident{prof: pb, members: three, mask: mask}
	}
	var idWant, profWant float64
	for n, order := range [][]int{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, {12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
		{6, 0, 12, 3, 9, 1, 11, 4, 8, 2, 10, 5, 7}, {1, 3, 5, 7, 9, 11, 0, 2, 4, 6, 8, 10, 12}} {
		v, terms, a, b := build(order)
		id, nw := v.identity(terms, a.prof, 3, func(int32) float64 { return 1 }, nil)
		prof := (&Index{voc: v}).profileIdentity(a, b, false)
		if nw != k || id == 0 || prof == 0 {
			t.Fatalf("order %d: %d words counted, identity %v, profile identity %v", n, nw, id, prof)
		}
		if n == 0 {
			idWant, profWant = id, prof
			continue
		}
		if math.Float64bits(id) != math.Float64bits(idWant) || math.Float64bits(prof) != math.Float64bits(profWant) {
			t.Errorf("words numbered in order %d: identity %v, profile identity %v; in order 0: %v, %v", n, id, prof, idWant, profWant)
		}
	}
}

// TestFoldWordKeepsNamesOfStopVerbs: the verb forms of a report's stock
// phrases ("expressed grief") say nothing about which incident it is,
// but the bare word is also a name ("the Night Express", "Express Tribune")
// and must stay a word, its rarity decided by the corpus.
func TestFoldWordKeepsNamesOfStopVerbs(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"expressed", ""}, {"expressing", ""}, {"expresses", ""},
		{"Express", "express"}, {"condemned", ""}, {"Hijackers", "hijack"},
		{"bosses", "boss"}, {"Class", "class"}, {"hearings", "hear"},
	} {
		if got := foldWord(c.in); got != c.want {
			t.Errorf("foldWord(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestPlaceSpellingsDoNotName: two incidents in different districts share
// the words "bazaar" and "Miraan", the way a report from Lorsan spells the
// district the other is placed at (Miran). With the places left out, only
// the bazaar is shared: another spelling of a place name is no name of
// an incident.
func TestPlaceSpellingsDoNotName(t *testing.T) {
	v := newVocab()
	v.n = 997
	bazaar, miraan, miran, lorsan := v.id("bazaar"), v.id("miraan"), v.id("miran"), v.id("lorsan")
	for _, w := range []int32{bazaar, miraan, miran, lorsan} {
		v.df[w] = 5
	}
	shared := profile{{bazaar, 2}, {miraan, 2}}
	slices.SortFunc(shared, func(a, b termCount) int { return int(a.t - b.t) })
	two := make([]*member, 2)
	terms := []int32{bazaar, miraan}
	slices.Sort(terms)
	a := &incident{prof: shared, members: two, mask: termMask(terms), union: evidence{placeTerms: []int32{lorsan}}}
	b := &incident{prof: shared, members: two, mask: termMask(terms), union: evidence{placeTerms: []int32{miran}}}
	x := &Index{voc: v}
	with, without := x.profileIdentity(a, b, false), x.profileIdentity(a, b, true)
	if want := v.weight(bazaar); math.Abs(without-want) > 1e-9 || with <= without {
		t.Errorf("profile identity %v with the places' spellings, %v without; want %v without", with, without, want)
	}
}

// TestFoldWordApostrophes: a possessive's ending goes, straight or curly;
// a word with an apostrophe inside is no word.
func TestFoldWordApostrophes(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"militia's", "militia"}, {"militia’s", "militia"}, {"villagers'", "villag"},
		{"O'Brien", ""}, {"o’clock", ""}, {"Ba’athist", ""}, {"Mosul", "mosul"},
		{"Ḥalab’s", "ḥalab"}, {"Ḥa’lab", ""},
	} {
		if got := foldWord(c.in); got != c.want {
			t.Errorf("foldWord(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
