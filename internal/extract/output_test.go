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

// A country or province written as an abbreviation is named as the
// gazetteer names it, so one place is listed and mapped under one name;
// other names stay as the report writes them.
func TestAbbreviatedPlaceNamedInFull(t *testing.T) {
	for body, want := range map[string]string{
		"Gunmen killed two people in the U.S. on Monday.": "United States",
		"Gunmen killed two people in the UK on Monday.":   "United Kingdom",
		"Gunmen killed two people in Quetta on Monday.":   "Quetta",
		"Gunmen killed two people in KP on Monday.":       "Khyber Pakhtunkhwa",
	} {
		r := run(t, "2025-03-05", body)
		if len(r.Events) != 1 || r.Events[0].Place == nil {
			t.Fatalf("%q: want one placed event, got %+v", body, r.Events)
		}
		if p := r.Events[0].Place; p.Name != want {
			t.Errorf("%q: place %q, want %q", body, p.Name, want)
		}
	}
}
