package consolidate

import (
	"slices"
	"testing"

	"sitrep"
)

func TestDateline(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"KORAB, Mar 4 (FW): The minister said...", []string{"korab"}},
		{"NEW ALMIRA / KORAB: Gunmen attacked...", []string{"newalmira", "korab"}},
		{"Almira [Varesh], February 8 (ID): The envoy...", []string{"almira"}},
		{"• Two killed\n• Curfew imposed\nSELU: Police said...", []string{"selu"}},
		{"QESHAL — Traders struck on Tuesday.", []string{"qeshal"}},
		{"Prime Minister Dar: we will respond", nil}, // a speaker, not a dateline
		{"The council met on Monday: it approved the budget.", nil},
		{"No dateline here at all", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Dateline(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Dateline(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestMentionsPlace(t *testing.T) {
	span := func(s string) []sitrep.Span { return []sitrep.Span{{Text: s}} }
	tests := []struct {
		text, place string
		want        bool
	}{
		{"KORAB, Mar 4 (FW): The minister condemned the attack on the train.", "Korab", false},
		{"KORAB, Mar 4 (FW): A bomb went off in Korab's bazaar.", "Korab", true},
		{"Gunmen torched a bank in Ushtar on Friday.", "Ushtar", true},
		{"The President condemned the attack.", "Almira", false},
	}
	for _, tt := range tests {
		if got := mentionsPlace(span(tt.text), tt.place); got != tt.want {
			t.Errorf("mentionsPlace(%q, %q) = %v, want %v", tt.text, tt.place, got, tt.want)
		}
	}
}
