package server

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"sitrep"
	"sitrep/internal/auth"
	"sitrep/internal/consolidate"
	"sitrep/internal/store"
)

// The actor network: actors as nodes; as edges, the relations alleged in
// claims (subject → object, with who alleges them) and violence as
// reported in incidents (perpetrator → target). It reads the incident
// filters of the map, the relation types asked for, and an actor to centre
// on. The graph shows the most connected actors only; the edge list pages
// through every edge.

// netQuery is what /api/network and its evidence read.
type netQuery struct {
	inc incidentQuery
	// incidentScoped: the query narrows incidents by more than dates and
	// actor, so claims count only when made in reports of those incidents.
	incidentScoped bool
	relations      []string
	violence       bool // include perpetrator → target edges
	focus          string
	nodes          int
}

func parseNetQuery(q url.Values) (netQuery, error) {
	var nq netQuery
	var err error
	if nq.inc, err = parseIncidentQuery(q); err != nil {
		return nq, err
	}
	nq.incidentScoped = nq.inc.f.Type != "" || nq.inc.types != nil || nq.inc.f.Place != "" || nq.inc.f.Near != nil ||
		nq.inc.f.Text != "" || nq.inc.exact || nq.inc.review != "" || q.Get("perpetrator") != "" || q.Get("target") != ""
	nq.violence = true
	nq.relations = sitrep.RelationTypes
	if rel := splitList(q.Get("relation")); rel != nil {
		nq.relations, nq.violence = nil, false
		for _, r := range rel {
			switch {
			case r == "violence":
				nq.violence = true
			case oneOf(r, sitrep.RelationTypes):
				nq.relations = append(nq.relations, r)
			default:
				return nq, filterError{"relation: violence or one of " + strings.Join(sitrep.RelationTypes, ", ") + ", comma-separated"}
			}
		}
	}
	nq.focus = q.Get("focus")
	nq.nodes = 40
	if v := q.Get("nodes"); v != "" {
		if nq.nodes, err = strconv.Atoi(v); err != nil || nq.nodes < 2 || nq.nodes > 300 {
			return nq, filterError{"nodes: 2 to 300"}
		}
	}
	return nq, nil
}

type netNode struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Kind      string `json:"kind"` // actor or incident
	Incidents int    `json:"incidents"`
	Claims    int    `json:"claims"`
	Degree    int    `json:"degree"`
}

type speakerCount struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Claims int    `json:"claims"`
}

type netEdge struct {
	ID         string         `json:"id"`
	Kind       string         `json:"kind"` // claim or violence
	Source     string         `json:"source"`
	Target     string         `json:"target"`
	SourceName string         `json:"source_name"`
	TargetName string         `json:"target_name"`
	Relation   string         `json:"relation,omitempty"`
	Speakers   []speakerCount `json:"speakers,omitempty"` // claims: who alleges it, most claims first
	// SpeakerCount is how many speakers allege it, when Speakers lists
	// only the first of them (an edge drawn, not listed).
	SpeakerCount int            `json:"speaker_count,omitempty"`
	Types        map[string]int `json:"types,omitempty"` // violence: incidents per type
	Weight       int            `json:"weight"`          // claims, or incidents
	Documents    int            `json:"documents"`
	FirstSeen    string         `json:"first_seen,omitempty"`
	LastSeen     string         `json:"last_seen,omitempty"`

	docs map[string]bool
}

// netKey names the filters of a network query: its parameters without
// those that only choose what to show of the network (the actor to centre
// on, how many actors to draw, the page of the edge list).
func netKey(q url.Values) string {
	k := url.Values{}
	for name, v := range q {
		switch name {
		case "focus", "nodes", "limit", "offset":
		default:
			k[name] = v
		}
	}
	return k.Encode()
}

// network builds every node and edge of the query. Its claim edges are
// the store's (claim_edges) unless the query narrows the claims to some
// incidents' reports or some dates; those are summed from at most
// netClaims claims. The overview's violence edges (no filter, no actor in
// focus) are the store's too (store.ViolenceEdge); a filtered network's
// come from at most netIncidents incidents (the newest that match;
// netFocusIncidents for one actor's network), so that one request over a
// corpus of millions stays within bounded time and memory; the answer
// says when the limits were reached, and narrower filters lift them.
var (
	netIncidents = 50_000
	netClaims    = 200_000
)

// netLimited says which of the network's reads stopped at their limit:
// the newest incidents, the newest claims, or one actor's edges of most
// claims.
type netLimited struct {
	Incidents bool `json:"incidents"`
	Claims    bool `json:"claims"`
	Edges     bool `json:"edges"`
	// Drawn is how many edges join the actors drawn when more than
	// netDrawn do: only the heaviest netDrawn are drawn.
	Drawn int `json:"drawn,omitempty"`
}

// storedEdges reports whether the network's claim edges are the store's
// claim edges (claim_edges, summed over every claim as they are written):
// when the query narrows claims to neither some incidents' reports nor
// some dates.
func (nq netQuery) storedEdges() bool {
	return !nq.incidentScoped && nq.inc.f.Since == "" && nq.inc.f.Until == ""
}

// One actor's network reads at most its netFocusEdges claim edges of
// most claims, and its netFocusIncidents newest incidents as perpetrator
// or target for the violence edges.
var (
	netFocusEdges     = 200
	netFocusIncidents = 100
	// netDrawn is how many edges a network draws at most, the heaviest
	// first, each with its drawnSpeakers first speakers.
	netDrawn      = 600
	drawnSpeakers = 3
)

func (s *Server) network(ctx context.Context, nq netQuery) (map[string]*netNode, []*netEdge, netLimited, error) {
	var limited netLimited
	reviews, err := s.reviewStates(ctx)
	if err != nil {
		return nil, nil, limited, err
	}
	nodes := map[string]*netNode{}
	node := func(id, name string) *netNode {
		n := nodes[id]
		if n == nil {
			n = &netNode{ID: id, Name: name, Kind: "actor"}
			if strings.HasPrefix(id, "inc-") {
				n.Kind = "incident"
			}
			nodes[id] = n
		}
		if n.Name == "" {
			n.Name = name
		}
		return n
	}
	edges := map[string]*netEdge{}
	edge := func(kind, src, dst, rel string) *netEdge {
		k := kind + "\x00" + src + "\x00" + dst + "\x00" + rel
		e := edges[k]
		if e == nil {
			e = &netEdge{ID: strconv.Itoa(len(edges)), Kind: kind, Source: src, Target: dst, Relation: rel, docs: map[string]bool{}}
			edges[k] = e
		}
		return e
	}
	docs := map[string]bool{} // documents of the matching incidents
	incQ, upTo := nq.inc, netIncidents
	if nq.storedEdges() && nq.focus != "" && incQ.f.Actor == "" {
		// One actor's network: the incidents naming it in a role of
		// the violence edges.
		incQ.f.Actor, incQ.f.Roles, upTo = nq.focus, store.IncidentPerpetrator|store.IncidentTarget, netFocusIncidents
	}
	if nq.storedEdges() && nq.focus == "" && incQ.f.Actor == "" {
		// The overview: every incident's violence edges, as stored.
		err = s.storedViolenceEdges(ctx, nq, node, edge)
	} else {
		_, limited.Incidents, err = s.eachIncidentUpTo(ctx, incQ, reviews, upTo, func(inc *store.Incident) {
			for _, d := range inc.Documents {
				docs[d] = true
			}
			named := map[string]bool{}
			for _, l := range [][]consolidate.ActorTally{inc.Perpetrators, inc.Targets, inc.ClaimedBy} {
				for _, a := range l {
					if !named[a.ID] {
						named[a.ID] = true
						node(a.ID, a.Name).Incidents++
					}
				}
			}
			if !nq.violence {
				return
			}
			for _, p := range inc.Perpetrators {
				for _, t := range inc.Targets {
					if p.ID == t.ID {
						continue
					}
					e := edge("violence", p.ID, t.ID, "")
					if e.Types == nil {
						e.Types = map[string]int{}
					}
					e.Types[inc.Type]++
					e.Weight++
					for _, d := range inc.Documents {
						e.docs[d] = true
					}
					e.seen(inc.Date.Start)
				}
			}
		})
	}
	if err != nil {
		return nil, nil, limited, err
	}
	actor := strings.ToLower(strings.TrimSpace(nq.inc.f.Actor))
	if nq.storedEdges() {
		if limited.Edges, err = s.storedClaimEdges(ctx, nq, actor, node, edge); err != nil {
			return nil, nil, limited, err
		}
		return nodes, s.finishNetwork(ctx, nodes, edges), limited, nil
	}
	claims, incidents, err := s.relationClaims(ctx, nq, docs)
	if err != nil {
		return nil, nil, limited, err
	}
	limited.Claims = len(claims) >= netClaims
	for _, c := range claims {
		rel := c.Claim.Relation.Type
		{
			r, err := s.c.GraphRelation(c.DocID, *c.Claim.Relation, incidents)
			if err != nil {
				return nil, nil, limited, err
			}
			if actor != "" && !actorMatches(r.Subject, actor) && !actorMatches(r.Object, actor) {
				continue
			}
			if r.Subject.ID == "" || r.Object.ID == "" || r.Subject.ID == r.Object.ID {
				continue
			}
			node(r.Subject.ID, r.Subject.Name).Claims++
			node(r.Object.ID, r.Object.Name).Claims++
			e := edge("claim", r.Subject.ID, r.Object.ID, rel)
			e.Weight++
			e.docs[c.DocID] = true
			e.seen(c.Published)
			sp := c.Claim.Speaker
			i := slices.IndexFunc(e.Speakers, func(x speakerCount) bool { return x.ID == sp.ID && x.Name == sp.Name })
			if i < 0 {
				e.Speakers = append(e.Speakers, speakerCount{ID: sp.ID, Name: sp.Name})
				i = len(e.Speakers) - 1
			}
			e.Speakers[i].Claims++
		}
	}
	return nodes, s.finishNetwork(ctx, nodes, edges), limited, nil
}

// finishNetwork counts the edges' documents and the nodes' neighbours,
// names both, and returns the edges heaviest first.
func (s *Server) finishNetwork(ctx context.Context, nodes map[string]*netNode, edges map[string]*netEdge) []*netEdge {
	var out []*netEdge
	neighbours := map[string]map[string]bool{}
	link := func(a, b string) {
		if neighbours[a] == nil {
			neighbours[a] = map[string]bool{}
		}
		neighbours[a][b] = true
	}
	for _, e := range edges {
		e.Documents += len(e.docs)
		slices.SortFunc(e.Speakers, func(a, b speakerCount) int {
			return cmp.Or(cmp.Compare(b.Claims, a.Claims), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
		})
		link(e.Source, e.Target)
		link(e.Target, e.Source)
		out = append(out, e)
	}
	for id, n := range nodes {
		n.Degree = len(neighbours[id])
		if n.Kind == "incident" {
			if inc, err := s.c.Incident(ctx, id); err == nil {
				n.Name = inc.Label()
			}
		}
	}
	for _, e := range out {
		e.SourceName, e.TargetName = nodes[e.Source].Name, nodes[e.Target].Name
	}
	// Heaviest first; ties in a stable order.
	slices.SortFunc(out, func(a, b *netEdge) int {
		return cmp.Or(cmp.Compare(b.Weight, a.Weight), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Source, b.Source),
			cmp.Compare(a.Target, b.Target), cmp.Compare(a.Relation, b.Relation))
	})
	return out
}

// storedClaimEdges adds the store's claim edges of the relations asked
// for: the netFocusEdges of most claims of the actor in focus (as subject
// or object; limited says when it has more), or every one, kept to those
// naming the actor of the filter when there is one. The claim graph
// (Corpus.Graph) reads them as it draws them: branches on their
// organisation, events on their incidents.
func (s *Server) storedClaimEdges(ctx context.Context, nq netQuery, actor string, node func(id, name string) *netNode, edge func(kind, src, dst, rel string) *netEdge) (limited bool, err error) {
	limit := 0
	if nq.focus != "" {
		limit = netFocusEdges
	}
	g, limited, err := s.c.Graph(ctx, nq.focus, limit)
	if err != nil {
		return false, err
	}
	for _, ge := range g.Edges {
		sub := sitrep.ActorRef{ID: ge.Subject, Name: ge.SubjectName}
		obj := sitrep.ActorRef{ID: ge.Object, Name: ge.ObjectName}
		switch {
		case !slices.Contains(nq.relations, ge.Relation),
			sub.ID == "" || obj.ID == "" || sub.ID == obj.ID,
			nq.focus != "" && sub.ID != nq.focus && obj.ID != nq.focus, // an edge it only alleges
			actor != "" && !actorMatches(sub, actor) && !actorMatches(obj, actor):
			continue
		}
		node(sub.ID, sub.Name).Claims += ge.Claims
		node(obj.ID, obj.Name).Claims += ge.Claims
		e := edge("claim", sub.ID, obj.ID, ge.Relation)
		e.Weight += ge.Claims
		e.Documents += ge.DocumentCount
		e.seen(ge.FirstSeen)
		e.seen(ge.LastSeen)
		for _, sp := range ge.Speakers {
			e.Speakers = append(e.Speakers, speakerCount{ID: sp.ID, Name: sp.Name, Claims: sp.Claims})
		}
	}
	return limited, nil
}

// storedViolenceEdges adds the store's violence edges, when violence is
// asked for, and every actor named in incidents with their count: the
// same as summing every incident, at the cost of the edges. The actors
// are named as the store names them.
func (s *Server) storedViolenceEdges(ctx context.Context, nq netQuery, node func(id, name string) *netNode, edge func(kind, src, dst, rel string) *netEdge) error {
	var ves []store.ViolenceEdge
	err := s.c.ViolenceEdges(ctx, func(e store.ViolenceEdge) error {
		if nq.violence {
			ves = append(ves, e)
		}
		return nil
	}, func(a store.ActorIncidents) error {
		node(a.Actor, "").Incidents += a.Incidents
		return nil
	})
	if err != nil {
		return err
	}
	ids := make([]string, 0, 2*len(ves))
	for _, ve := range ves {
		ids = append(ids, ve.Perpetrator, ve.Target)
	}
	names, err := s.c.ActorNodes(ctx, ids)
	if err != nil {
		return err
	}
	for _, ve := range ves {
		for _, id := range []string{ve.Perpetrator, ve.Target} {
			if a, ok := names.Node(id); ok {
				node(id, a.Name)
			}
		}
		e := edge("violence", ve.Perpetrator, ve.Target, "")
		e.Types, e.Weight, e.Documents = ve.Types, ve.Incidents, ve.Documents
		e.seen(ve.FirstSeen)
		e.seen(ve.LastSeen)
	}
	return nil
}

// relationClaims reads the claims of the relation types asked for,
// published within the query's dates (and, when the query narrows
// incidents, made in their documents), with the incidents of the reports
// they are about, for GraphRelation.
func (s *Server) relationClaims(ctx context.Context, nq netQuery, docs map[string]bool) ([]store.Claim, map[string]string, error) {
	var claims []store.Claim
	var keys []string
	for _, rel := range nq.relations {
		err := s.c.Store().ScanClaims(ctx, store.ClaimFilter{Relation: rel, Since: nq.inc.f.Since, Until: nq.inc.f.Until}, func(c store.Claim) error {
			if c.Claim.Relation == nil || nq.incidentScoped && !docs[c.DocID] {
				return nil
			}
			if len(claims) >= netClaims {
				return errEnough
			}
			claims = append(claims, c)
			if store.IsEventID(c.Claim.Relation.Object.ID) {
				keys = append(keys, store.Key(c.DocID, c.Claim.Relation.Object.ID))
			}
			return nil
		})
		if errors.Is(err, errEnough) {
			break
		}
		if err != nil {
			return nil, nil, err
		}
	}
	incidents, err := s.c.IncidentsOf(ctx, keys)
	return claims, incidents, err
}

func (e *netEdge) seen(date string) {
	if date == "" {
		return
	}
	if e.FirstSeen == "" || date < e.FirstSeen {
		e.FirstSeen = date
	}
	if date > e.LastSeen {
		e.LastSeen = date
	}
}

func actorMatches(a sitrep.ActorRef, lower string) bool {
	return a.ID == lower || strings.Contains(strings.ToLower(a.Name), lower)
}

// networkView answers the graph to draw (the most connected actors, or one
// actor and its neighbours) and a page of the edge list.
func (s *Server) networkView(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	nq, err := parseNetQuery(r.URL.Query())
	if badRequest(w, err) {
		return
	}
	limit, offset, err := page(r.URL.Query())
	if badRequest(w, err) {
		return
	}
	type built struct {
		nodes   map[string]*netNode
		edges   []*netEdge
		limited netLimited
	}
	// Paging the edge list or drawing more actors reads the same network;
	// so does centring on an actor when the claims are narrowed.
	key := "network?" + netKey(r.URL.Query())
	if nq.storedEdges() && nq.focus != "" {
		key += "#focus=" + nq.focus // one actor's network is read on its own
	}
	b, err := cached(r.Context(), s, key, func() (built, error) {
		nodes, edges, limited, err := s.network(r.Context(), nq)
		return built{nodes, edges, limited}, err
	})
	nodes, edges := b.nodes, b.edges
	if err != nil {
		fail(w, err)
		return
	}
	if nq.focus != "" && nodes[nq.focus] == nil {
		writeError(w, http.StatusNotFound, "no relation or incident of "+nq.focus+" matches these filters")
		return
	}
	// Pick the nodes to draw.
	chosen := map[string]bool{}
	listed := edges
	if nq.focus != "" {
		chosen[nq.focus] = true
		listed = nil
		for _, e := range edges { // heaviest first
			if e.Source != nq.focus && e.Target != nq.focus {
				continue
			}
			listed = append(listed, e)
			if len(chosen) < nq.nodes {
				chosen[e.Source], chosen[e.Target] = true, true
			}
		}
	} else {
		ranked := make([]*netNode, 0, len(nodes))
		for _, n := range nodes {
			if n.Degree > 0 {
				ranked = append(ranked, n)
			}
		}
		// The actors named in most incidents and claims, not those with
		// most neighbours: every perpetrator of a large incident meets
		// every target any of its hundred reports names, so that a word
		// read as an actor once ("drones", "Six") in the reports of one
		// great incident outnumbers the neighbours of the parties to a
		// conflict.
		slices.SortFunc(ranked, func(a, b *netNode) int {
			return cmp.Or(cmp.Compare(b.Incidents+b.Claims, a.Incidents+a.Claims), cmp.Compare(b.Degree, a.Degree), cmp.Compare(a.ID, b.ID))
		})
		for _, n := range ranked[:min(len(ranked), nq.nodes)] {
			chosen[n.ID] = true
		}
	}
	drawnNodes := []*netNode{}
	for id := range chosen {
		drawnNodes = append(drawnNodes, nodes[id])
	}
	slices.SortFunc(drawnNodes, func(a, b *netNode) int { return cmp.Compare(a.ID, b.ID) })
	// The heaviest edges between the actors drawn, each with its first
	// speakers only: a dense network of thousands of edges is neither
	// readable nor quick to lay out, and the edge list pages them all.
	drawn := []*netEdge{}
	between := 0
	for _, e := range edges {
		if !chosen[e.Source] || !chosen[e.Target] {
			continue
		}
		if between++; len(drawn) < netDrawn {
			d := *e
			if len(d.Speakers) > drawnSpeakers {
				d.SpeakerCount, d.Speakers = len(d.Speakers), d.Speakers[:drawnSpeakers]
			}
			drawn = append(drawn, &d)
		}
	}
	limits := b.limited
	if between > len(drawn) {
		limits.Drawn = between
	}
	withEdges := 0
	for _, n := range nodes {
		if n.Degree > 0 {
			withEdges++
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"nodes": drawnNodes, "edges": drawn,
		"list":    map[string]any{"edges": orNone(pageOf(listed, limit, offset)), "total": len(listed), "limit": limit, "offset": offset},
		"totals":  map[string]int{"actors": withEdges, "edges": len(edges)},
		"limited": limits,
	})
}

func orNone[T any](a []T) []T {
	if a == nil {
		return []T{}
	}
	return a
}

// networkClaims lists the claims behind one claim edge (subject, object,
// relation) under the network's filters, with their documents, a page at
// a time.
func (s *Server) networkClaims(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	q := r.URL.Query()
	nq, err := parseNetQuery(q)
	if badRequest(w, err) {
		return
	}
	limit, offset, err := page(q)
	if badRequest(w, err) {
		return
	}
	subject, object, rel := q.Get("subject"), q.Get("object"), q.Get("relation")
	if subject == "" || object == "" || !oneOf(rel, sitrep.RelationTypes) {
		writeError(w, http.StatusBadRequest, "subject, object and relation (one relation type) are needed")
		return
	}
	var docs map[string]bool
	if nq.incidentScoped {
		docs = map[string]bool{}
		reviews, err := s.reviewStates(r.Context())
		if err != nil {
			fail(w, err)
			return
		}
		if _, err := s.eachIncident(r.Context(), nq.inc, reviews, func(inc *store.Incident) {
			for _, d := range inc.Documents {
				docs[d] = true
			}
		}); err != nil {
			fail(w, err)
			return
		}
	}
	nq.relations = []string{rel}
	claims, incidents, err := s.relationClaims(r.Context(), nq, docs)
	if err != nil {
		fail(w, err)
		return
	}
	var all []store.Claim
	for _, c := range claims {
		g, err := s.c.GraphRelation(c.DocID, *c.Claim.Relation, incidents)
		if err != nil {
			fail(w, err)
			return
		}
		if g.Subject.ID == subject && g.Object.ID == object {
			all = append(all, c)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"claims": orNone(pageOf(all, limit, offset)), "total": len(all), "limit": limit, "offset": offset})
}
