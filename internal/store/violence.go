package store

import (
	"cmp"
	"slices"
	"strings"
)

// ViolenceEdge is the incidents in which one actor is reported as a
// perpetrator and another as a target (the actor network's violence
// edges), summed over every stored incident: how many, in how many
// documents, their first and last start dates, and how many of each type.
type ViolenceEdge struct {
	Perpetrator string         `json:"perpetrator"` // actor ids
	Target      string         `json:"target"`
	Incidents   int            `json:"incidents"`
	Documents   int            `json:"documents"` // distinct documents reporting them
	FirstSeen   string         `json:"first_seen,omitempty"`
	LastSeen    string         `json:"last_seen,omitempty"`
	Types       map[string]int `json:"types"`
}

// ActorIncidents is how many incidents name an actor as perpetrator,
// target or claimant: each incident once.
type ActorIncidents struct {
	Actor     string `json:"actor"`
	Incidents int    `json:"incidents"`
}

// ViolenceCounter sums stored incidents into violence edges and actor
// incident counts as the backends' stored counts do: what a backend
// without them computes, and what tests compare with.
type ViolenceCounter struct {
	edges  map[[2]string]*ViolenceEdge
	docs   map[[2]string]map[string]bool
	actors map[string]int
}

// Add counts one incident: each pair of a perpetrator and a different
// target of its actor rows, with the documents of its reports.
func (c *ViolenceCounter) Add(si *StoredIncident) {
	if c.edges == nil {
		c.edges, c.docs, c.actors = map[[2]string]*ViolenceEdge{}, map[[2]string]map[string]bool{}, map[string]int{}
	}
	for _, a := range si.Actors {
		c.actors[a]++
	}
	for i, p := range si.Actors {
		if si.Roles[i]&1 == 0 {
			continue
		}
		for j, t := range si.Actors {
			if si.Roles[j]&2 == 0 || t == p {
				continue
			}
			k := [2]string{p, t}
			e := c.edges[k]
			if e == nil {
				e = &ViolenceEdge{Perpetrator: p, Target: t, Types: map[string]int{}}
				c.edges[k], c.docs[k] = e, map[string]bool{}
			}
			e.Incidents++
			e.Types[si.Row.Type]++
			if d := si.Row.Start; d != "" {
				if e.FirstSeen == "" || d < e.FirstSeen {
					e.FirstSeen = d
				}
				e.LastSeen = max(e.LastSeen, d)
			}
			for _, m := range si.Members {
				c.docs[k][memberDocument(m)] = true
			}
			e.Documents = len(c.docs[k])
		}
	}
}

// Edges returns the edges counted, by perpetrator and target.
func (c *ViolenceCounter) Edges() []ViolenceEdge {
	out := make([]ViolenceEdge, 0, len(c.edges))
	for _, e := range c.edges {
		out = append(out, *e)
	}
	slices.SortFunc(out, func(a, b ViolenceEdge) int {
		return cmp.Or(cmp.Compare(a.Perpetrator, b.Perpetrator), cmp.Compare(a.Target, b.Target))
	})
	return out
}

// Actors returns the actors counted, by id.
func (c *ViolenceCounter) Actors() []ActorIncidents {
	out := make([]ActorIncidents, 0, len(c.actors))
	for a, n := range c.actors {
		out = append(out, ActorIncidents{a, n})
	}
	slices.SortFunc(out, func(a, b ActorIncidents) int { return cmp.Compare(a.Actor, b.Actor) })
	return out
}

// memberDocument is the document of an incident member's event key
// ("<docID>#<eventID>").
func memberDocument(key string) string {
	doc, _, _ := strings.Cut(key, "#")
	return doc
}
