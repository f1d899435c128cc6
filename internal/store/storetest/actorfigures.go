package storetest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"sitrep"
	"sitrep/internal/store"
)

// testActorFigures: the actor page's stored counts follow ingest,
// re-extraction, merges, splits and a rebuild, and agree with the
// incidents and claims they count and with the incident filter by role;
// its lists are pages of them, newest first.
func testActorFigures(t *testing.T, s store.ViewStore) {
	docs := Load(t, s)
	a, b := docs[0], docs[1]
	ctx := context.Background()
	figures := func(id string) store.ActorFigures {
		t.Helper()
		f, err := s.ActorFigures(ctx, id)
		if err != nil {
			t.Fatalf("ActorFigures(%s): %v", id, err)
		}
		return f
	}
	claims := func(id, role string, limit, offset int) []store.Claim {
		t.Helper()
		cs, err := s.ActorClaims(ctx, id, role, limit, offset)
		if err != nil {
			t.Fatalf("ActorClaims(%s, %s): %v", id, role, err)
		}
		return cs
	}
	// Islamic State bombed, and claimed it (a); the army is alleged to
	// back it (b). The party was the target.
	is := figures("islamic-state")
	if want := (store.ActorFigures{Perpetrator: 1, Claimant: 1, Made: 1, About: 2, Documents: is.Documents}); is != want || is.Documents < 2 {
		t.Errorf("figures of islamic-state = %+v, want %+v with 2 documents or more", is, want)
	}
	if bnp := figures("balochistan-national-party"); bnp.Target != 1 || bnp.Perpetrator != 0 || bnp.About != 1 || bnp.Made != 0 {
		t.Errorf("figures of the party = %+v, want target of 1 incident, named by 1 claim", bnp)
	}
	if none := figures("nobody-at-all"); none != (store.ActorFigures{}) {
		t.Errorf("figures of an unknown actor = %+v", none)
	}
	about := claims("islamic-state", store.ClaimsAbout, 10, 0)
	if len(about) != 2 || about[0].Published < about[1].Published {
		t.Errorf("claims about islamic-state: %+v, want 2, newest first", about)
	}
	if second := claims("islamic-state", store.ClaimsAbout, 1, 1); len(second) != 1 || second[0].Key != about[1].Key {
		t.Errorf("second page of one: %+v, want %s", second, about[1].Key)
	}
	if made := claims("islamic-state", store.ClaimsMade, 10, 0); len(made) != 1 || made[0].Claim.Speaker.ID != "islamic-state" {
		t.Errorf("claims islamic-state made: %+v", made)
	}
	if _, err := s.ActorClaims(ctx, "islamic-state", "said", 10, 0); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("ActorClaims(role said) = %v, want ErrInvalid", err)
	}
	ds, err := s.ActorDocuments(ctx, "islamic-state", 10, 0)
	if err != nil || len(ds) != is.Documents || !slices.IsSortedFunc(ds, func(x, y store.ActorDocument) int { return strings.Compare(y.Published, x.Published) }) {
		t.Errorf("documents of islamic-state: %+v, %v; want %d, newest first", ds, err, is.Documents)
	}
	if ds, err := s.ActorDocuments(ctx, "islamic-state", 10, len(ds)); err != nil || len(ds) != 0 {
		t.Errorf("documents past the end: %+v, %v", ds, err)
	}
	agree(t, s)

	// b read again without its claim; a merge and a split of incidents.
	r := b.Result
	r.Claims = nil
	if err := s.ReplaceDerived(ctx, b.ID(), r, "test-2"); err != nil {
		t.Fatal(err)
	}
	if is := figures("islamic-state"); is.About != 1 || is.Made != 1 {
		t.Errorf("after b lost its claim: %+v, want about 1, made 1", is)
	}
	if _, err := s.PutDecision(ctx, store.Decision{Kind: store.DecisionMerge, Keys: []string{a.Key("e1"), a.Key("e2")}, Who: "vera"}); err != nil {
		t.Fatal(err)
	}
	agree(t, s)
	if _, err := s.PutDecision(ctx, store.Decision{Kind: store.DecisionSplit, Keys: []string{a.Key("e2")}, Apart: []string{a.Key("e1")}, Who: "vera"}); err != nil {
		t.Fatal(err)
	}
	agree(t, s)
	before := figures("islamic-state")
	if err := s.RebuildViews(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if after := figures("islamic-state"); after != before {
		t.Errorf("figures after a rebuild %+v, before %+v", after, before)
	}
	agree(t, s)
	noProblems(t, s)
}

// agree checks every actor's figures against its incidents, read by the
// incident filter, and its claims, read by the claim filter.
func agree(t *testing.T, s store.ViewStore) {
	t.Helper()
	ctx := context.Background()
	actors, err := s.Actors(ctx, store.ActorFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, act := range actors {
		id := act.ID
		got, err := s.ActorFigures(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		want := store.ActorFigures{Documents: act.Documents}
		incs, _, err := s.Incidents(ctx, store.IncidentFilter{Actor: id, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for _, inc := range incs {
			keys, roles := store.IncidentActorRoles(inc.Incident)
			if i, ok := slices.BinarySearch(keys, id); ok {
				want.CountRoles(roles[i])
			}
		}
		cs, err := s.Claims(ctx, store.ClaimFilter{Actor: id, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			is := func(r sitrep.ActorRef) bool { return store.Named(r) && store.ActorKey(r) == id }
			if is(c.Claim.Speaker) {
				want.Made++
			}
			if r := c.Claim.Relation; r != nil && (is(r.Subject) || is(r.Object)) {
				want.About++
			}
		}
		if got != want {
			t.Errorf("figures of %s = %+v, counted from its incidents and claims %+v", id, got, want)
		}
		for role, n := range map[int]int{store.IncidentPerpetrator: want.Perpetrator, store.IncidentTarget: want.Target, store.IncidentClaimant: want.Claimant} {
			if incs, total, err := s.Incidents(ctx, store.IncidentFilter{Actor: id, Roles: role, Limit: 1000}); err != nil || total != n || len(incs) != n {
				t.Errorf("incidents naming %s in role %d: %d of %d, %v; want %d", id, role, len(incs), total, err, n)
			}
		}
		for role, n := range map[string]int{store.ClaimsMade: want.Made, store.ClaimsAbout: want.About} {
			if cs, err := s.ActorClaims(ctx, id, role, 1000, 0); err != nil || len(cs) != n {
				t.Errorf("ActorClaims(%s, %s): %d claims, %v; want %d", id, role, len(cs), err, n)
			}
		}
	}
}
