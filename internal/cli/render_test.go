package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"sitrep"
	"sitrep/internal/consolidate"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func ip(n int) *int         { return &n }
func fp(f float64) *float64 { return &f }
func sp(s string) *string   { return &s }

// The results below are made up for these tests: invented places' names are
// real, the events and people are not.
var renderCases = map[string]*sitrep.Result{
	"empty": {
		Schema:   sitrep.Schema,
		Document: sitrep.DocumentInfo{ID: "sha256:00"},
	},
	"full": {
		Schema: sitrep.Schema,
		Document: sitrep.DocumentInfo{ID: "sha256:ab12", Title: "Blast at a market", Published: "2025-03-04",
			Source: "Example Wire", URL: sp("https://example.org/blast")},
		Events: []sitrep.Event{{
			ID: "E1", Type: sitrep.Bombing, Suicide: true, Modality: sitrep.Asserted,
			Date: &sitrep.Date{Start: "2025-03-03", End: "2025-03-03", Precision: sitrep.PrecisionDay, Text: "Monday"},
			Place: &sitrep.Place{Name: "Quetta", Admin1: "Balochistan", Country: "PK", Lat: fp(30.1841), Lon: fp(67.0014),
				GeonamesID: 1167528, Precision: sitrep.PlaceTown},
			Perpetrators: []sitrep.ActorRef{{ID: "example-front", Name: "the Example Front"}},
			Targets:      []sitrep.ActorRef{{ID: "police", Name: "police"}, {ID: "shoppers", Name: "shoppers"}},
			ClaimedBy:    []sitrep.ActorRef{{ID: "example-front", Name: "Example Front"}},
			Killed:       &sitrep.Count{Low: ip(9), Best: ip(9), Text: "at least nine people"},
			Injured:      &sitrep.Count{Low: ip(20), Best: ip(25), High: ip(30), Text: "between 20 and 30"},
			Victims:      &sitrep.Count{Text: "several"},
			ReportedBy:   &sitrep.ActorRef{ID: "police", Name: "a police officer"},
			Evidence: []sitrep.Span{
				{Start: 0, End: 61, Text: "A suicide bomber killed at least nine people\nin Quetta on Monday."},
				{Start: 62, End: 100, Text: "Between 20 and 30 were wounded."},
			},
		}, {
			ID: "E2", Type: sitrep.Abduction, Modality: sitrep.Alleged,
			Date:     &sitrep.Date{Start: "2025-02-01", End: "2025-02-28", Precision: sitrep.PrecisionMonth},
			Place:    &sitrep.Place{Name: "Dasht", Country: "PK", Precision: sitrep.PlaceDistrict},
			Evidence: []sitrep.Span{{Start: 101, End: 140, Text: "A student was taken away in February."}},
		}},
		Claims: []sitrep.Claim{{
			ID: "C1", Speaker: sitrep.ActorRef{ID: "example-front", Name: "Example Front"}, Cue: "claimed", Kind: sitrep.Indirect,
			Text:     "it carried out the attack",
			Relation: &sitrep.Relation{Type: sitrep.ClaimsResponsibility, Subject: sitrep.ActorRef{ID: "example-front", Name: "Example Front"}, Object: sitrep.ActorRef{ID: "E1", Name: "the attack"}},
		}, {
			ID: "C2", Speaker: sitrep.ActorRef{ID: "rights-desk", Name: "Rights Desk"}, Cue: "said", Kind: sitrep.Direct,
			Text: "We demand  the student's\nrelease.",
		}},
		Actors: []sitrep.Actor{
			{ID: "example-front", Name: "Example Front", Type: sitrep.ArmedGroup, Country: "PK", Aliases: []string{"the Example Front"}, Mentions: 3},
			{ID: "police", Name: "police", Type: sitrep.StateForce, Mentions: 1},
		},
		Places: []sitrep.Place{
			{Name: "Quetta", Admin1: "Balochistan", Country: "PK", Lat: fp(30.1841), Lon: fp(67.0014), GeonamesID: 1167528, Precision: sitrep.PlaceTown, Mentions: 2},
		},
	},
}

// TestRenderGolden compares the text report of hand-made results with
// testdata/*.golden; run `go test ./internal/cli -run Golden -update` after
// an intended change and read the diff.
func TestRenderGolden(t *testing.T) {
	for name, res := range renderCases {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := renderText(&buf, res); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "render_"+name+".golden")
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("report differs from %s:\n--- got\n%s\n--- want\n%s", path, buf.Bytes(), want)
			}
		})
	}
}

func TestCountText(t *testing.T) {
	for _, tc := range []struct {
		c    *sitrep.Count
		want string
	}{
		{nil, ""},
		{&sitrep.Count{Low: ip(3), Best: ip(3), High: ip(3), Text: "three"}, `3 — "three"`},
		{&sitrep.Count{Low: ip(9), Best: ip(9), Text: "at least 9"}, `9 or more — "at least 9"`},
		{&sitrep.Count{Low: ip(10), Best: ip(15), High: ip(20)}, `10 to 20 (best 15)`},
		{&sitrep.Count{High: ip(5), Text: "fewer than five"}, `up to 5 — "fewer than five"`},
		{&sitrep.Count{Text: "numerous"}, `no number — "numerous"`},
	} {
		if got := countText(tc.c); got != tc.want {
			t.Errorf("countText(%+v) = %q, want %q", tc.c, got, tc.want)
		}
	}
}

// The claim graph's text lists the relations most documents state first;
// alike ones keep their order.
func TestGraphBySupport(t *testing.T) {
	edges := bySupport([]consolidate.Edge{
		{Subject: "a", Claims: 1, DocumentCount: 1},
		{Subject: "b", Claims: 5, Documents: []string{"d1", "d2", "d3"}},
		{Subject: "c", Claims: 2, DocumentCount: 1},
		{Subject: "d", Claims: 1, DocumentCount: 1},
		{Subject: "e", Claims: 4, DocumentCount: 3},
	})
	var got []string
	for _, ed := range edges {
		got = append(got, ed.Subject)
	}
	if want := []string{"b", "e", "c", "a", "d"}; !slices.Equal(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
}

// nodeBook is a store's actors by id, for the graph's names.
type nodeBook map[string]string

func (b nodeBook) Node(id string) (consolidate.Node, bool) {
	n, ok := b[id]
	return consolidate.Node{ID: id, Name: n}, ok
}

// The claim graph's text names each actor as the store does, whatever
// word one claim used for it; an incident or an actor the store lacks
// keeps the name the claims gave.
func TestGraphTextNamesActorsAsStored(t *testing.T) {
	var b strings.Builder
	edges := []consolidate.Edge{
		{Subject: "ruritania", SubjectName: "Ruritanian", Relation: "supports", Object: "hill-front", ObjectName: "Ruritanian-backed fighters",
			Speakers: []consolidate.Speaker{{ID: "borduria-government", Name: "Szohod", Documents: 2}}, Claims: 2, DocumentCount: 2},
		{Subject: "hill-front", SubjectName: "the Front", Relation: "denies", Object: "inc-0a1b2c3d4e5f", ObjectName: "incident inc-0a1b2c3d4e5f",
			Claims: 1, DocumentCount: 1},
	}
	incidents := func(id string) (string, bool) {
		if id == "inc-0a1b2c3d4e5f" {
			return (&consolidate.Incident{Type: "armed_attack", Date: sitrep.Date{Start: "2025-04-22"}, Place: &sitrep.Place{Name: "Dunmore"}}).Label(), true
		}
		return "", false
	}
	names := storedNames(nodeBook{"ruritania": "Ruritania", "borduria-government": "Government of Borduria"}, incidents)
	if err := printGraph(&b, edges, nil, names); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Ruritania —supports→ Ruritanian-backed fighters\n  alleged by Government of Borduria (2);",
		"the Front —denies→ incident inc-0a1b2c3d4e5f (armed attack · 2025-04-22 · Dunmore)\n  alleged by no named speaker;",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("got %q, want it to hold %q", b.String(), want)
		}
	}
}
