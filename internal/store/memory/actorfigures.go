package memory

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"sitrep"
	"sitrep/internal/store"
)

// The actor page's counts and lists, computed by scanning as everything
// here is; the shared suite checks that the stored ones of the other
// backends agree.

func (s *Store) ActorFigures(ctx context.Context, actorKey string) (store.ActorFigures, error) {
	var f store.ActorFigures
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return f, err
	}
	for _, si := range s.views.Incidents {
		if i, ok := slices.BinarySearch(si.Actors, actorKey); ok {
			f.CountRoles(si.Roles[i])
		}
	}
	for _, c := range s.claims {
		made, about := claimRoles(c.c.Claim, actorKey)
		if made {
			f.Made++
		}
		if about {
			f.About++
		}
	}
	for _, d := range s.derived {
		if resultNames(d.Result, actorKey) {
			f.Documents++
		}
	}
	return f, nil
}

// claimRoles reports whether a claim is made by the actor and whether its
// relation names it.
func claimRoles(c sitrep.Claim, actorKey string) (made, about bool) {
	speaker, named := store.ClaimFigureKeys(c)
	return speaker == actorKey, slices.Contains(named, actorKey)
}

// resultNames reports whether a result's actors list names the actor.
func resultNames(r sitrep.Result, actorKey string) bool {
	return slices.ContainsFunc(r.Actors, func(a sitrep.Actor) bool {
		ref := sitrep.ActorRef{ID: a.ID, Name: a.Name}
		return store.Named(ref) && store.ActorKey(ref) == actorKey
	})
}

func (s *Store) ActorClaims(ctx context.Context, actorKey, role string, limit, offset int) ([]store.Claim, error) {
	if err := store.CheckActorClaims(role, limit, offset); err != nil {
		return nil, fmt.Errorf("memory: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	var hits []*claim
	for _, c := range s.claims {
		made, about := claimRoles(c.c.Claim, actorKey)
		if role == store.ClaimsMade && made || role == store.ClaimsAbout && about {
			hits = append(hits, c)
		}
	}
	slices.SortFunc(hits, func(a, b *claim) int {
		return -cmp.Or(cmp.Compare(a.c.Published, b.c.Published), cmp.Compare(a.seq, b.seq))
	})
	var out []store.Claim
	for _, c := range page(hits, limit, offset) {
		out = append(out, c.c)
	}
	return out, nil
}

func (s *Store) ActorDocuments(ctx context.Context, actorKey string, limit, offset int) ([]store.ActorDocument, error) {
	if err := store.CheckActorPage(limit, offset); err != nil {
		return nil, fmt.Errorf("memory: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	// Newest first, then latest stored first, as the other backends.
	var out []store.ActorDocument
	for i := len(s.docOrder) - 1; i >= 0; i-- {
		d := s.docs[s.docOrder[i]]
		if r, ok := s.derived[d.ID]; ok && resultNames(r.Result, actorKey) {
			out = append(out, store.ActorDocument{ID: d.ID, Title: d.Title, Outlet: d.Outlet, Published: d.Published, URL: d.URL})
		}
	}
	slices.SortStableFunc(out, func(a, b store.ActorDocument) int { return cmp.Compare(b.Published, a.Published) })
	return page(out, limit, offset), nil
}
