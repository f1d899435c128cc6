package extract

import (
	"slices"
	"testing"

	"sitrep"
)

// Targets are parties, places and things struck: a phrase reader's
// leftovers are trimmed or dropped, real targets are kept whole.
func TestTargetsNamed(t *testing.T) {
	in := []string{
		"terrorists attempting", "the checkpost late", "Sharea Faisal two days ago", "the couple dead",
		"social media", "gunpoint", "X. He", "the night of the attack", "the injured", "dozens of wounded",
		"a police post", "three policemen", "the Line of Control", "a wedding ceremony",
	}
	want := []string{
		"terrorists", "the checkpost", "Sharea Faisal", "the couple", "the injured", "dozens of wounded", "a police post", "three policemen", "the Line of Control",
		"a wedding ceremony",
	}
	var rs []ref
	for _, n := range in {
		rs = append(rs, ref{ActorRef: sitrep.ActorRef{ID: n, Name: n}})
	}
	var got []string
	for _, r := range targetsNamed(rs) {
		got = append(got, r.Name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("targets %q, want %q", got, want)
	}
}
