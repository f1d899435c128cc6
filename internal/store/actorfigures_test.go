package store

import (
	"slices"
	"testing"

	"sitrep"
	"sitrep/internal/consolidate"
)

func TestIncidentActorRoles(t *testing.T) {
	inc := consolidate.Incident{
		Perpetrators: []consolidate.ActorTally{{ID: "group-b"}, {Name: " The Gunmen "}},
		Targets:      []consolidate.ActorTally{{ID: "police"}, {ID: "group-b"}},
		ClaimedBy:    []consolidate.ActorTally{{ID: "group-b"}},
	}
	keys, roles := IncidentActorRoles(inc)
	wantKeys := []string{"group-b", "name:the gunmen", "police"}
	wantRoles := []int{IncidentPerpetrator | IncidentTarget | IncidentClaimant, IncidentPerpetrator, IncidentTarget}
	if !slices.Equal(keys, wantKeys) || !slices.Equal(roles, wantRoles) {
		t.Errorf("IncidentActorRoles = %v %v, want %v %v", keys, roles, wantKeys, wantRoles)
	}
	var f ActorFigures
	f.CountRoles(roles[0])
	f.CountRoles(roles[2])
	if f != (ActorFigures{Perpetrator: 1, Target: 2, Claimant: 1}) {
		t.Errorf("counted %+v", f)
	}
}

func TestClaimFigureKeys(t *testing.T) {
	ref := func(id, name string) sitrep.ActorRef { return sitrep.ActorRef{ID: id, Name: name} }
	for _, tc := range []struct {
		name  string
		c     sitrep.Claim
		made  string
		about []string
	}{
		{"speaker alone", sitrep.Claim{Speaker: ref("police", "Police")}, "police", nil},
		{"outlet's voice", sitrep.Claim{Relation: &sitrep.Relation{Type: sitrep.Attacks, Subject: ref("a", ""), Object: ref("b", "")}}, "", []string{"a", "b"}},
		{"subject is object", sitrep.Claim{Speaker: ref("a", ""), Relation: &sitrep.Relation{Type: sitrep.Denies, Subject: ref("a", ""), Object: ref("a", "")}}, "a", []string{"a"}},
		{"unnamed object", sitrep.Claim{Speaker: ref("", "a spokesman"), Relation: &sitrep.Relation{Type: sitrep.Condemns, Subject: ref("a", "")}}, "name:a spokesman", []string{"a"}},
	} {
		made, about := ClaimFigureKeys(tc.c)
		if made != tc.made || !slices.Equal(about, tc.about) {
			t.Errorf("%s: %q %v, want %q %v", tc.name, made, about, tc.made, tc.about)
		}
	}
}
