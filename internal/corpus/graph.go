package corpus

import (
	"context"
	"fmt"
	"slices"

	"sitrep"
	"sitrep/internal/consolidate"
	"sitrep/internal/store"
)

// ClaimGraph is the graph of who alleges what about whom, built from the
// stored claims that state a relation: all of them, or for an actor those
// where it is the subject, the object or the speaker. Claims about a named
// branch of an organisation ("Islamic State Pakistan Province") are drawn
// on the organisation's node, so that one allegation made about both is
// one edge with all its speakers; the claim text keeps the branch's name.
// A claim about an incident of its document ("claimed responsibility for
// E1") points at the incident that report is in, so that claims from
// several reports of one attack meet on one node.
func (c *Corpus) ClaimGraph(ctx context.Context, actor string) (*consolidate.ClaimGraph, error) {
	var claims []store.Claim
	keep := func(cl store.Claim) error {
		if cl.Claim.Relation != nil && cl.Claim.Relation.Type != "" {
			claims = append(claims, cl)
		}
		return nil
	}
	kb, err := c.actorKnowledge()
	if err != nil {
		return nil, err
	}
	organisation := func(id string) string {
		if id == "" {
			return id
		}
		return kb.Organisation(id)
	}
	target := ""
	if actor == "" {
		if err := c.st.ScanClaims(ctx, store.ClaimFilter{}, keep); err != nil {
			return nil, err
		}
	} else {
		target = organisation(actor)
		for _, id := range kb.Branches(target) {
			if err := c.st.ScanClaims(ctx, store.ClaimFilter{Actor: id}, keep); err != nil {
				return nil, err
			}
		}
		slices.SortFunc(claims, func(a, b store.Claim) int {
			if a.Key < b.Key {
				return -1
			}
			if a.Key > b.Key {
				return 1
			}
			return 0
		})
		claims = slices.CompactFunc(claims, func(a, b store.Claim) bool { return a.Key == b.Key })
	}
	// Reports a claim is about: the incidents they are in.
	var keys []string
	for _, cl := range claims {
		if isEventID(cl.Claim.Relation.Object.ID) {
			keys = append(keys, store.Key(cl.DocID, cl.Claim.Relation.Object.ID))
		}
	}
	incidents, err := c.IncidentsOf(ctx, keys)
	if err != nil {
		return nil, err
	}
	g := consolidate.NewClaimGraph()
	byDoc := map[string][]sitrep.Claim{}
	info := map[string]sitrep.DocumentInfo{}
	for _, cl := range claims {
		r := *cl.Claim.Relation
		r.Subject.ID = organisation(r.Subject.ID)
		if isEventID(r.Object.ID) {
			key := store.Key(cl.DocID, r.Object.ID)
			if inc, ok := incidents[key]; ok {
				r.Object.ID, r.Object.Name = inc, "incident "+inc
			} else {
				r.Object.ID = key
			}
		} else {
			r.Object.ID = organisation(r.Object.ID)
		}
		if target != "" && r.Subject.ID != target && r.Object.ID != target && organisation(cl.Claim.Speaker.ID) != target {
			continue
		}
		one := cl.Claim
		one.Relation = &r
		byDoc[cl.DocID] = append(byDoc[cl.DocID], one)
		info[cl.DocID] = sitrep.DocumentInfo{ID: cl.DocID, Title: cl.Title, Published: cl.Published, Source: cl.Outlet}
	}
	for id, cs := range byDoc {
		g.Add(info[id], cs)
	}
	return g, nil
}

// Graph is the claim graph with its nodes named as the store knows them,
// and its contradictions.
func (c *Corpus) Graph(ctx context.Context, actor string) (consolidate.GraphExport, error) {
	g, err := c.ClaimGraph(ctx, actor)
	if err != nil {
		return consolidate.GraphExport{}, err
	}
	return g.Export(c.ActorNames(ctx)), nil
}

// ActorNames names the nodes of a claim graph from the store's actors.
func (c *Corpus) ActorNames(ctx context.Context) consolidate.ActorNames { return actorNames{ctx, c.st} }

type actorNames struct {
	ctx context.Context
	st  store.Store
}

func (a actorNames) Node(id string) (consolidate.Node, bool) {
	as, err := a.st.Actors(a.ctx, store.ActorFilter{ID: id, Limit: 1})
	if err != nil || len(as) == 0 {
		return consolidate.Node{}, false
	}
	return consolidate.Node{ID: id, Name: as[0].Name, Type: as[0].Type, Aliases: as[0].Aliases}, true
}

// isEventID reports whether an id names an event of its document ("E1").
func isEventID(id string) bool {
	if len(id) < 2 || id[0] != 'E' {
		return false
	}
	for _, r := range id[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Actor returns one actor across documents and the labels each source
// uses for it.
func (c *Corpus) Actor(ctx context.Context, id string) (store.Actor, []consolidate.FramingCount, error) {
	as, err := c.st.Actors(ctx, store.ActorFilter{ID: id, Limit: 1})
	if err != nil {
		return store.Actor{}, nil, err
	}
	if len(as) == 0 {
		return store.Actor{}, nil, fmt.Errorf("actor %q: %w", id, store.ErrNotFound)
	}
	vs, err := c.views()
	if err != nil {
		return as[0], nil, nil
	}
	fr, err := vs.Framing(ctx, id)
	return as[0], fr, err
}

// Framing is every source's labels for every actor.
func (c *Corpus) Framing(ctx context.Context) ([]consolidate.FramingCount, error) {
	vs, err := c.views()
	if err != nil {
		return nil, err
	}
	return vs.Framing(ctx, "")
}

// GraphRelation is a stored claim's relation as the claim graph draws it
// (ClaimGraph): a branch of an organisation on the organisation's node,
// and an event of the claim's document on the incident it is in. incidents
// maps event keys to incidents, as IncidentsOf gives them, for the claims
// at hand.
func (c *Corpus) GraphRelation(docID string, r sitrep.Relation, incidents map[string]string) (sitrep.Relation, error) {
	kb, err := c.actorKnowledge()
	if err != nil {
		return r, err
	}
	organisation := func(id string) string {
		if id == "" {
			return id
		}
		return kb.Organisation(id)
	}
	r.Subject.ID = organisation(r.Subject.ID)
	if isEventID(r.Object.ID) {
		key := store.Key(docID, r.Object.ID)
		if inc, ok := incidents[key]; ok {
			r.Object.ID, r.Object.Name = inc, "incident "+inc
		} else {
			r.Object.ID = key
		}
	} else {
		r.Object.ID = organisation(r.Object.ID)
	}
	return r, nil
}
