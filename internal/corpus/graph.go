package corpus

import (
	"context"
	"fmt"
	"slices"
	"strings"

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
		if store.IsEventID(cl.Claim.Relation.Object.ID) {
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
		if store.IsEventID(r.Object.ID) {
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
// and its contradictions, from the store's claim edges: reading one
// actor's graph costs its edges, not its claims. An edge lists the
// documents stating it only when its object is an incident; the others
// count them. Branches are drawn on their organisation as in ClaimGraph;
// the documents of an edge gathered from several branches' edges are
// counted once per branch. With a limit, the graph keeps the edges of
// most claims, and truncated says whether it left some out.
func (c *Corpus) Graph(ctx context.Context, actor string, limit int) (g consolidate.GraphExport, truncated bool, err error) {
	vs, err := c.views()
	if err != nil {
		cg, err := c.ClaimGraph(ctx, actor)
		if err != nil {
			return consolidate.GraphExport{}, false, err
		}
		return cg.Export(c.ActorNames(ctx)), false, nil
	}
	kb, err := c.actorKnowledge()
	if err != nil {
		return consolidate.GraphExport{}, false, err
	}
	organisation := func(id string) string {
		if id == "" {
			return id
		}
		return kb.Organisation(id)
	}
	var ids []string
	target := ""
	if actor != "" {
		target = organisation(actor)
		ids = kb.Branches(target)
	}
	var edges []store.ClaimEdge
	// The store keeps the edges of most claims of the branches together:
	// merged onto their organisation they are still those of most claims.
	if err := vs.ClaimEdges(ctx, ids, limit, func(e store.ClaimEdge) error { edges = append(edges, e); return nil }); err != nil {
		return consolidate.GraphExport{}, false, err
	}
	var keys []string
	for _, e := range edges {
		if _, id, err := store.SplitKey(e.Object); err == nil && store.IsEventID(id) {
			keys = append(keys, e.Object)
		}
	}
	incidents, err := c.IncidentsOf(ctx, keys)
	if err != nil {
		return consolidate.GraphExport{}, false, err
	}
	// Every actor the edges name, read in one go.
	var actorIDs []string
	for _, e := range edges {
		actorIDs = append(actorIDs, organisation(e.Subject), organisation(e.Object))
		for _, sp := range e.Speakers {
			actorIDs = append(actorIDs, sp.ID)
		}
	}
	names, err := c.actorNodes(ctx, actorIDs)
	if err != nil {
		return consolidate.GraphExport{}, false, err
	}
	name := func(id string) string {
		if n, ok := names.Node(id); ok && n.Name != "" {
			return n.Name
		}
		return id
	}
	type merged struct {
		edge     consolidate.Edge
		speakers map[string]*consolidate.Speaker
	}
	byKey := map[[3]string]*merged{}
	var order [][3]string
	for _, e := range edges {
		subj, obj, objName := organisation(e.Subject), e.Object, ""
		var docs []string
		if doc, id, err := store.SplitKey(e.Object); err == nil && store.IsEventID(id) {
			docs = []string{doc}
			if inc, ok := incidents[e.Object]; ok {
				obj, objName = inc, "incident "+inc
			}
		} else {
			obj = organisation(obj)
		}
		if target != "" && subj != target && obj != target && !slices.ContainsFunc(e.Speakers, func(sp store.EdgeSpeaker) bool { return organisation(sp.ID) == target }) {
			continue
		}
		k := [3]string{subj, obj, e.Relation}
		m := byKey[k]
		if m == nil {
			if objName == "" {
				objName = name(obj)
			}
			m = &merged{edge: consolidate.Edge{Subject: subj, SubjectName: name(subj), Object: obj, ObjectName: objName, Relation: e.Relation},
				speakers: map[string]*consolidate.Speaker{}}
			byKey[k] = m
			order = append(order, k)
		}
		m.edge.Claims += e.Claims
		m.edge.DocumentCount += e.Documents
		m.edge.Documents = append(m.edge.Documents, docs...)
		if e.FirstSeen != "" && (m.edge.FirstSeen == "" || e.FirstSeen < m.edge.FirstSeen) {
			m.edge.FirstSeen = e.FirstSeen
		}
		m.edge.LastSeen = max(m.edge.LastSeen, e.LastSeen)
		for _, sp := range e.Speakers {
			x := m.speakers[sp.ID]
			if x == nil {
				x = &consolidate.Speaker{ID: sp.ID, Name: name(sp.ID)}
				m.speakers[sp.ID] = x
			}
			x.Claims += sp.Claims
			x.Documents += sp.Documents
		}
	}
	truncated = limit > 0 && len(edges) >= limit
	if limit > 0 && len(order) > limit {
		slices.SortFunc(order, func(a, b [3]string) int {
			if x, y := byKey[a].edge.Claims, byKey[b].edge.Claims; x != y {
				return y - x
			}
			return compareKeys(a, b)
		})
		order = order[:limit]
	}
	slices.SortFunc(order, compareKeys)
	out := make([]consolidate.Edge, len(order))
	for i, k := range order {
		m := byKey[k]
		for _, sp := range m.speakers {
			m.edge.Speakers = append(m.edge.Speakers, *sp)
		}
		slices.SortFunc(m.edge.Speakers, func(x, y consolidate.Speaker) int {
			if x.Claims != y.Claims {
				return y.Claims - x.Claims
			}
			return strings.Compare(x.ID, y.ID)
		})
		if m.edge.Documents == nil {
			m.edge.Documents = []string{}
		}
		out[i] = m.edge
	}
	out, cs := consolidate.ContradictionsOf(out)
	if cs == nil {
		cs = []consolidate.Contradiction{}
	}
	g = consolidate.GraphExport{Schema: consolidate.GraphSchema, Edges: out, Contradictions: cs}
	seen := map[string]bool{}
	for _, e := range out {
		for _, n := range [][2]string{{e.Subject, e.SubjectName}, {e.Object, e.ObjectName}} {
			if seen[n[0]] {
				continue
			}
			seen[n[0]] = true
			node, ok := names.Node(n[0])
			if !ok || node.Name == "" {
				node = consolidate.Node{ID: n[0], Name: n[1]}
			}
			g.Nodes = append(g.Nodes, node)
		}
	}
	slices.SortFunc(g.Nodes, func(a, b consolidate.Node) int { return strings.Compare(a.ID, b.ID) })
	if g.Nodes == nil {
		g.Nodes = []consolidate.Node{}
	}
	return g, truncated, nil
}

func compareKeys(a, b [3]string) int {
	for i := range a {
		if c := strings.Compare(a[i], b[i]); c != 0 {
			return c
		}
	}
	return 0
}

// ActorNames names the nodes of a claim graph from the store's actors.
func (c *Corpus) ActorNames(ctx context.Context) consolidate.ActorNames { return actorNames{ctx, c.st} }

// nodes are actors read in advance, by id.
type nodes map[string]consolidate.Node

func (n nodes) Node(id string) (consolidate.Node, bool) {
	x, ok := n[id]
	return x, ok
}

// ActorNodes names the actors of ids as the store does, read in one
// query (a query for each of many ids is slow): what the graph's edges
// name, before they are written.
func (c *Corpus) ActorNodes(ctx context.Context, ids []string) (consolidate.ActorNames, error) {
	return c.actorNodes(ctx, ids)
}

// actorNodes reads the named actors in one query.
func (c *Corpus) actorNodes(ctx context.Context, ids []string) (nodes, error) {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	out := nodes{}
	if len(ids) == 0 {
		return out, nil
	}
	for len(ids) > 0 {
		n := min(len(ids), store.MaxLimit)
		as, err := c.st.Actors(ctx, store.ActorFilter{IDs: ids[:n], Limit: n})
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			out[a.ID] = consolidate.Node{ID: a.ID, Name: a.Name, Type: a.Type, Aliases: a.Aliases}
		}
		ids = ids[n:]
	}
	return out, nil
}

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
	if store.IsEventID(r.Object.ID) {
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
