package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"sitrep"
	"sitrep/internal/consolidate"
	"sitrep/internal/store"
)

// testViolenceEdges: the stored violence edges and incidents per actor
// (the actor network's overview) are those counted from the incidents
// the store lists, as reports join, are rejected, merged and split.
func testViolenceEdges(t *testing.T, s store.ViewStore) {
	docs := Load(t, s)
	a := docs[0]
	ctx := context.Background()
	check := func(when string, wantEdge string) {
		t.Helper()
		got, want := storedViolence(t, s), rowViolence(t, s)
		if got != want {
			t.Errorf("%s: stored violence edges and actors\n%s\nwant, counted from the incidents,\n%s", when, got, want)
		}
		if !strings.Contains(got, wantEdge) {
			t.Errorf("%s: violence edges\n%s\nwant %s", when, got, wantEdge)
		}
	}
	check("loaded", "islamic-state -> balochistan-national-party: 1 incidents, 1 documents, 2025-09-02..2025-09-02, {\"bombing\":1}")
	// A second attack of the group on the party, reported elsewhere.
	text := "Gunmen of the Islamic State attacked an office of the Balochistan National Party in Gwadar on Sunday."
	later := Doc{Name: "g", Text: text, Raw: []byte(text), Meta: store.Original{Source: "/corpus/gwadar.txt", CapturedAt: captured.Add(6 * time.Hour),
		Outlet: "Coast Post", Published: "2025-10-13", Title: "Party office attacked"}}
	later.Result = sitrep.Result{Schema: sitrep.Schema, Events: []sitrep.Event{{ID: "e1", Type: sitrep.ArmedAttack, Modality: sitrep.Asserted,
		Date:         &sitrep.Date{Start: "2025-10-12", End: "2025-10-12", Precision: sitrep.PrecisionDay, Text: "Sunday"},
		Place:        &sitrep.Place{Name: "Gwadar", Admin1: "Balochistan", Country: "PK", Lat: f64(25.12), Lon: f64(62.32), Precision: sitrep.PlaceTown},
		Perpetrators: []sitrep.ActorRef{ref("islamic-state", "Gunmen of the Islamic State")},
		Targets:      []sitrep.ActorRef{ref("balochistan-national-party", "Balochistan National Party")},
		Evidence:     span(text, text)}},
		Actors: []sitrep.Actor{{ID: "islamic-state", Name: "Islamic State", Type: sitrep.ArmedGroup, Aliases: []string{}, Mentions: 1},
			{ID: "balochistan-national-party", Name: "Balochistan National Party", Type: sitrep.PoliticalParty, Aliases: []string{}, Mentions: 1}}}
	if err := s.PutBatch(ctx, []store.Item{later.Item()}); err != nil {
		t.Fatal(err)
	}
	check("a second attack", "islamic-state -> balochistan-national-party: 2 incidents, 2 documents, 2025-09-02..2025-10-12, {\"armed_attack\":1,\"bombing\":1}")
	// The arrest and the second attack as one incident: the police
	// attacked the party too.
	if _, err := s.PutDecision(ctx, store.Decision{Kind: store.DecisionMerge, Keys: []string{later.Key("e1"), a.Key("e2")}, Who: "vera"}); err != nil {
		t.Fatal(err)
	}
	check("merged", "balochistan-police -> balochistan-national-party: 1 incidents, 2 documents")
	check("merged", "islamic-state -> balochistan-national-party: 2 incidents, 2 documents")
	if _, err := s.PutDecision(ctx, store.Decision{Kind: store.DecisionSplit, Keys: []string{later.Key("e1")}, Apart: []string{a.Key("e2")}, Who: "vera"}); err != nil {
		t.Fatal(err)
	}
	check("split", "islamic-state -> balochistan-national-party: 2 incidents, 2 documents, 2025-09-02..2025-10-12")
	if strings.Contains(storedViolence(t, s), "balochistan-police ->") {
		t.Errorf("after the split the police still attacked: %s", storedViolence(t, s))
	}
	// The second attack rejected: the first one's dates again.
	if _, err := s.AddEdit(ctx, store.Edit{EventKey: later.Key("e1"), Status: store.EditReject, Who: "vera"}); err != nil {
		t.Fatal(err)
	}
	check("rejected", "islamic-state -> balochistan-national-party: 1 incidents, 1 documents, 2025-09-02..2025-09-02, {\"bombing\":1}")
	// One report of two attacks, weeks and provinces apart: two incidents
	// more, one document more.
	two := "Islamic State fighters attacked a Balochistan National Party rally in Quetta on 3 November. " +
		"On 24 November they attacked the party's office in Peshawar."
	attack := func(id, sentence, day string, place sitrep.Place) sitrep.Event {
		return sitrep.Event{ID: id, Type: sitrep.ArmedAttack, Modality: sitrep.Asserted,
			Date:         &sitrep.Date{Start: day, End: day, Precision: sitrep.PrecisionDay, Text: day},
			Place:        &place,
			Perpetrators: []sitrep.ActorRef{ref("islamic-state", "Islamic State fighters")},
			Targets:      []sitrep.ActorRef{ref("balochistan-national-party", "Balochistan National Party")},
			Evidence:     span(two, sentence)}
	}
	both := Doc{Name: "h", Text: two, Raw: []byte(two), Meta: store.Original{Source: "/corpus/two-attacks.txt", CapturedAt: captured.Add(9 * time.Hour),
		Outlet: "Coast Post", Published: "2025-11-25", Title: "Party attacked twice"}}
	both.Result = sitrep.Result{Schema: sitrep.Schema, Events: []sitrep.Event{
		attack("e1", "Islamic State fighters attacked a Balochistan National Party rally in Quetta on 3 November.", "2025-11-03",
			sitrep.Place{Name: "Quetta", Admin1: "Balochistan", Country: "PK", Lat: f64(30.18), Lon: f64(66.99), Precision: sitrep.PlaceTown}),
		attack("e2", "On 24 November they attacked the party's office in Peshawar.", "2025-11-24",
			sitrep.Place{Name: "Peshawar", Admin1: "Khyber Pakhtunkhwa", Country: "PK", Lat: f64(34.01), Lon: f64(71.58), Precision: sitrep.PlaceTown})},
		Actors: later.Result.Actors}
	if err := s.PutBatch(ctx, []store.Item{both.Item()}); err != nil {
		t.Fatal(err)
	}
	check("one report of two attacks", "islamic-state -> balochistan-national-party: 3 incidents, 2 documents, 2025-09-02..2025-11-24, {\"armed_attack\":2,\"bombing\":1}")
	noProblems(t, s)
}

// storedViolence is the store's violence edges and incidents per actor,
// as text sorted.
func storedViolence(t *testing.T, s store.ViewStore) string {
	t.Helper()
	var edges []store.ViolenceEdge
	var actors []store.ActorIncidents
	ctx := context.Background()
	if err := s.ViolenceEdges(ctx, func(e store.ViolenceEdge) error { edges = append(edges, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := s.ActorIncidents(ctx, func(a store.ActorIncidents) error { actors = append(actors, a); return nil }); err != nil {
		t.Fatal(err)
	}
	return violenceText(edges, actors)
}

// rowViolence counts the violence edges and incidents per actor of the
// incidents the store lists.
func rowViolence(t *testing.T, s store.ViewStore) string {
	t.Helper()
	incs, _, err := s.Incidents(context.Background(), store.IncidentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var c store.ViolenceCounter
	for _, inc := range incs {
		si := store.NewStoredIncident(consolidate.Stored{Incident: inc.Incident}, nil)
		c.Add(&si)
	}
	return violenceText(c.Edges(), c.Actors())
}

func violenceText(edges []store.ViolenceEdge, actors []store.ActorIncidents) string {
	var out []string
	for _, e := range edges {
		types, _ := json.Marshal(e.Types)
		out = append(out, fmt.Sprintf("%s -> %s: %d incidents, %d documents, %s..%s, %s", e.Perpetrator, e.Target, e.Incidents, e.Documents, e.FirstSeen, e.LastSeen, types))
	}
	for _, a := range actors {
		out = append(out, fmt.Sprintf("%s: %d incidents", a.Actor, a.Incidents))
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}
