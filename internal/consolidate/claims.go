package consolidate

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"sitrep"
)

// Speaker is an actor quoted as making a claim, with how many claims and
// documents carry its words.
type Speaker struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Claims    int    `json:"claims"`
	Documents int    `json:"documents"`
}

// Edge is one relation alleged between two actors, merged across
// documents: every claim stating subject -relation-> object.
type Edge struct {
	Subject     string    `json:"subject"`
	SubjectName string    `json:"subject_name"`
	Object      string    `json:"object"`
	ObjectName  string    `json:"object_name"`
	Relation    string    `json:"relation"`
	Speakers    []Speaker `json:"speakers"` // unattributed claims (the outlet's voice) have no speaker
	// Documents lists the documents stating it; an edge summed by a store
	// may list none, and DocumentCount still counts them.
	Documents     []string `json:"documents"`
	DocumentCount int      `json:"document_count"`
	Claims        int      `json:"claims"`
	FirstSeen     string   `json:"first_seen,omitempty"`
	LastSeen      string   `json:"last_seen,omitempty"`
	Contradicted  bool     `json:"contradicted"`
}

// Pair is everything alleged about one ordered pair of actors.
type Pair struct {
	Subject   string `json:"subject"`
	Object    string `json:"object"`
	Relations []Edge `json:"relations"`
}

// ClaimRef points at one claim of one document.
type ClaimRef struct {
	DocID    string `json:"doc_id"`
	ClaimID  string `json:"claim_id"`
	Speaker  string `json:"speaker"`
	Relation string `json:"relation"`
	Subject  string `json:"subject"`
	Object   string `json:"object"`
}

// Contradiction kinds.
const (
	// ContradictionDenial: a claim A -r-> B and a claim that A denies B (or
	// denies the speaker who alleged it).
	ContradictionDenial = "denial"
	// ContradictionOpposite: A -supports-> B alleged, and A -attacks-> B or
	// A -condemns-> B also stated.
	ContradictionOpposite = "opposite"
)

// Contradiction is a pair of edges that cannot both describe the same
// stance. The graph surfaces it; it does not decide which side is right.
type Contradiction struct {
	Kind    string     `json:"kind"`
	Subject string     `json:"subject"`
	Object  string     `json:"object"`
	Claims  []ClaimRef `json:"claims"` // the claims on both sides
	Note    string     `json:"note"`
}

// opposites lists relation pairs that contradict each other for the same
// subject and object.
var opposites = map[string][]string{
	sitrep.Supports: {sitrep.Attacks, sitrep.Condemns},
	sitrep.Attacks:  {sitrep.Supports},
	sitrep.Condemns: {sitrep.Supports},
}

// deniable are the relations a subject can deny: allegations about its
// conduct or ties. Its own condemnations and demands are not contradicted
// by a denial.
var deniable = map[string]bool{
	sitrep.Supports: true, sitrep.ResponsibleFor: true, sitrep.LinkedTo: true,
	sitrep.Attacks: true, sitrep.ClaimsResponsibility: true,
}

type claimDoc struct {
	info   sitrep.DocumentInfo
	claims []sitrep.Claim
}

// ClaimGraph accumulates the claims of many documents. Adding a document
// again replaces its claims. The merged view is built on read.
type ClaimGraph struct {
	mu   sync.Mutex
	docs map[string]claimDoc
}

// NewClaimGraph returns an empty graph.
func NewClaimGraph() *ClaimGraph { return &ClaimGraph{docs: map[string]claimDoc{}} }

// Add records the claims of one document. Claims without a relation carry
// no edge and are ignored.
func (g *ClaimGraph) Add(doc sitrep.DocumentInfo, claims []sitrep.Claim) {
	var keep []sitrep.Claim
	for _, c := range claims {
		if c.Relation != nil && c.Relation.Subject.ID != "" && c.Relation.Object.ID != "" && c.Relation.Type != "" {
			keep = append(keep, c)
		}
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(keep) == 0 {
		delete(g.docs, doc.ID)
		return
	}
	g.docs[doc.ID] = claimDoc{info: doc, claims: keep}
}

// Remove forgets a document's claims.
func (g *ClaimGraph) Remove(docID string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.docs, docID)
}

type edgeKey struct{ subject, object, relation string }

type edgeAcc struct {
	edge     Edge
	speakers map[string]*Speaker
	spDocs   map[string]map[string]bool
	docs     map[string]bool
	subjN    map[string]int
	objN     map[string]int
	refs     []ClaimRef
}

// build merges every document's claims into edges, in a deterministic order.
func (g *ClaimGraph) build() (map[edgeKey]*edgeAcc, []edgeKey) {
	g.mu.Lock()
	ids := make([]string, 0, len(g.docs))
	for id := range g.docs {
		ids = append(ids, id)
	}
	docs := make([]claimDoc, 0, len(ids))
	slices.Sort(ids)
	for _, id := range ids {
		docs = append(docs, g.docs[id])
	}
	g.mu.Unlock()

	acc := map[edgeKey]*edgeAcc{}
	var order []edgeKey
	for _, d := range docs {
		for _, c := range d.claims {
			r := c.Relation
			k := edgeKey{r.Subject.ID, r.Object.ID, r.Type}
			a := acc[k]
			if a == nil {
				a = &edgeAcc{
					edge:     Edge{Subject: k.subject, Object: k.object, Relation: k.relation},
					speakers: map[string]*Speaker{}, spDocs: map[string]map[string]bool{},
					docs: map[string]bool{}, subjN: map[string]int{}, objN: map[string]int{},
				}
				acc[k] = a
				order = append(order, k)
			}
			a.edge.Claims++
			a.subjN[r.Subject.Name]++
			a.objN[r.Object.Name]++
			if !a.docs[d.info.ID] {
				a.docs[d.info.ID] = true
				a.edge.Documents = append(a.edge.Documents, d.info.ID)
			}
			if p := d.info.Published; p != "" {
				if a.edge.FirstSeen == "" || p < a.edge.FirstSeen {
					a.edge.FirstSeen = p
				}
				if p > a.edge.LastSeen {
					a.edge.LastSeen = p
				}
			}
			if sp := c.Speaker.ID; sp != "" {
				s := a.speakers[sp]
				if s == nil {
					s = &Speaker{ID: sp, Name: c.Speaker.Name}
					a.speakers[sp] = s
					a.spDocs[sp] = map[string]bool{}
				}
				s.Claims++
				if !a.spDocs[sp][d.info.ID] {
					a.spDocs[sp][d.info.ID] = true
					s.Documents++
				}
			}
			a.refs = append(a.refs, ClaimRef{DocID: d.info.ID, ClaimID: c.ID, Speaker: c.Speaker.ID, Relation: r.Type, Subject: r.Subject.ID, Object: r.Object.ID})
		}
	}
	for _, a := range acc {
		a.edge.SubjectName, a.edge.ObjectName = topName(a.subjN), topName(a.objN)
		a.edge.DocumentCount = len(a.edge.Documents)
		for _, s := range a.speakers {
			a.edge.Speakers = append(a.edge.Speakers, *s)
		}
		slices.SortFunc(a.edge.Speakers, func(x, y Speaker) int {
			if x.Claims != y.Claims {
				return y.Claims - x.Claims
			}
			return strings.Compare(x.ID, y.ID)
		})
	}
	slices.SortFunc(order, func(x, y edgeKey) int {
		if c := strings.Compare(x.subject, y.subject); c != 0 {
			return c
		}
		if c := strings.Compare(x.object, y.object); c != 0 {
			return c
		}
		return strings.Compare(x.relation, y.relation)
	})
	return acc, order
}

func contradictions(acc map[edgeKey]*edgeAcc, order []edgeKey) []Contradiction {
	var out []Contradiction
	for _, k := range order {
		if k.relation == sitrep.Denies {
			continue
		}
		a := acc[k]
		if !deniable[k.relation] {
			goto opposite
		}
		// The subject denies the object itself ("denies supporting B",
		// "denies enforced disappearances").
		if d := acc[edgeKey{k.subject, k.object, sitrep.Denies}]; d != nil {
			out = append(out, Contradiction{
				Kind: ContradictionDenial, Subject: k.subject, Object: k.object,
				Claims: append(slices.Clone(a.refs), d.refs...),
				Note:   k.subject + " denies the " + k.relation + " claim about " + k.object,
			})
			a.edge.Contradicted, d.edge.Contradicted = true, true
		}
		// The subject denies what a speaker of this edge alleged.
		for _, s := range a.edge.Speakers {
			if s.ID == k.subject || s.ID == k.object {
				continue
			}
			if d := acc[edgeKey{k.subject, s.ID, sitrep.Denies}]; d != nil {
				out = append(out, Contradiction{
					Kind: ContradictionDenial, Subject: k.subject, Object: k.object,
					Claims: append(slices.Clone(a.refs), d.refs...),
					Note:   k.subject + " denies the allegations of " + s.ID,
				})
				a.edge.Contradicted, d.edge.Contradicted = true, true
			}
		}
	opposite:
		for _, opp := range opposites[k.relation] {
			if k.relation > opp { // report each opposite pair once
				continue
			}
			if o := acc[edgeKey{k.subject, k.object, opp}]; o != nil {
				out = append(out, Contradiction{
					Kind: ContradictionOpposite, Subject: k.subject, Object: k.object,
					Claims: append(slices.Clone(a.refs), o.refs...),
					Note:   k.relation + " and " + opp + " both stated for " + k.subject + " and " + k.object,
				})
				a.edge.Contradicted, o.edge.Contradicted = true, true
			}
		}
	}
	return out
}

// ContradictionsOf finds the contradictions among edges summed elsewhere
// (a store's claim edges), marking the edges they involve; the claims on
// either side are not listed. edges must be ordered by subject, object
// and relation.
func ContradictionsOf(edges []Edge) ([]Edge, []Contradiction) {
	acc := make(map[edgeKey]*edgeAcc, len(edges))
	order := make([]edgeKey, 0, len(edges))
	for _, e := range edges {
		k := edgeKey{e.Subject, e.Object, e.Relation}
		acc[k] = &edgeAcc{edge: e}
		order = append(order, k)
	}
	cs := contradictions(acc, order)
	out := make([]Edge, len(order))
	for i, k := range order {
		out[i] = acc[k].edge
	}
	return out, cs
}

// Edges returns every edge, ordered by subject, object and relation.
func (g *ClaimGraph) Edges() []Edge {
	acc, order := g.build()
	contradictions(acc, order)
	out := make([]Edge, len(order))
	for i, k := range order {
		out[i] = acc[k].edge
	}
	return out
}

// Pairs groups the edges by ordered (subject, object) pair.
func (g *ClaimGraph) Pairs() []Pair {
	var out []Pair
	for _, e := range g.Edges() {
		if n := len(out); n > 0 && out[n-1].Subject == e.Subject && out[n-1].Object == e.Object {
			out[n-1].Relations = append(out[n-1].Relations, e)
			continue
		}
		out = append(out, Pair{Subject: e.Subject, Object: e.Object, Relations: []Edge{e}})
	}
	return out
}

// Contradictions lists the contradictions in the graph.
func (g *ClaimGraph) Contradictions() []Contradiction {
	return contradictions(g.build())
}

// Node is an actor in the exported graph.
type Node struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	Aliases []string `json:"aliases,omitempty"`
}

// GraphExport is the JSON form of the claim graph.
type GraphExport struct {
	Schema         string          `json:"schema"`
	Nodes          []Node          `json:"nodes"`
	Edges          []Edge          `json:"edges"`
	Contradictions []Contradiction `json:"contradictions"`
}

// GraphSchema versions the JSON export.
const GraphSchema = "sitrep-claims/v1"

// ActorNames supplies the name, type and aliases of an actor node: an
// ActorBook, or a store's actors.
type ActorNames interface {
	Node(id string) (Node, bool)
}

// Node returns the node of an actor the book holds.
func (b *ActorBook) Node(id string) (Node, bool) {
	r, ok := b.Get(id)
	return Node{ID: id, Name: r.Name, Type: r.Type, Aliases: r.Aliases}, ok
}

// Export builds the graph with its nodes. actors, when not nil, supplies
// names, types and aliases; otherwise names come from the claims and the
// type is empty.
func (g *ClaimGraph) Export(actors ActorNames) GraphExport {
	acc, order := g.build()
	cs := contradictions(acc, order)
	out := GraphExport{Schema: GraphSchema, Contradictions: cs}
	if out.Contradictions == nil {
		out.Contradictions = []Contradiction{}
	}
	nodes := map[string]*Node{}
	addNode := func(id, name string) {
		if nodes[id] != nil {
			return
		}
		n := &Node{ID: id, Name: name}
		if actors != nil {
			if r, ok := actors.Node(id); ok {
				n.Name, n.Type, n.Aliases = r.Name, r.Type, r.Aliases
				if n.Name == "" {
					n.Name = name
				}
			}
		}
		nodes[id] = n
	}
	out.Edges = make([]Edge, 0, len(order))
	for _, k := range order {
		e := acc[k].edge
		out.Edges = append(out.Edges, e)
		addNode(e.Subject, e.SubjectName)
		addNode(e.Object, e.ObjectName)
	}
	out.Nodes = make([]Node, 0, len(nodes))
	for _, n := range nodes {
		out.Nodes = append(out.Nodes, *n)
	}
	slices.SortFunc(out.Nodes, func(a, b Node) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// WriteJSON writes the claim graph as indented JSON.
func (g *ClaimGraph) WriteJSON(w io.Writer, actors ActorNames) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(g.Export(actors))
}

// GraphML document structure. GraphML has no list type, so lists of
// speakers and documents are written as strings joined with ";" (ids
// contain no ";": they are slugs and "sha256:" hashes).
type graphML struct {
	XMLName xml.Name   `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	Keys    []graphKey `xml:"key"`
	Graph   graphBody  `xml:"graph"`
}

type graphKey struct {
	ID       string `xml:"id,attr"`
	For      string `xml:"for,attr"`
	AttrName string `xml:"attr.name,attr"`
	AttrType string `xml:"attr.type,attr"`
}

type graphBody struct {
	ID          string      `xml:"id,attr"`
	EdgeDefault string      `xml:"edgedefault,attr"`
	Nodes       []graphNode `xml:"node"`
	Edges       []graphEdge `xml:"edge"`
}

type graphNode struct {
	ID   string      `xml:"id,attr"`
	Data []graphData `xml:"data"`
}

type graphEdge struct {
	ID     string      `xml:"id,attr"`
	Source string      `xml:"source,attr"`
	Target string      `xml:"target,attr"`
	Data   []graphData `xml:"data"`
}

type graphData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

var graphKeys = []graphKey{
	{"n_name", "node", "name", "string"},
	{"n_type", "node", "type", "string"},
	{"n_aliases", "node", "aliases", "string"},
	{"e_relation", "edge", "relation", "string"},
	{"e_speakers", "edge", "speakers", "string"},
	{"e_speaker_names", "edge", "speaker_names", "string"},
	{"e_documents", "edge", "documents", "string"},
	{"e_document_count", "edge", "document_count", "int"},
	{"e_claims", "edge", "claims", "int"},
	{"e_first_seen", "edge", "first_seen", "string"},
	{"e_last_seen", "edge", "last_seen", "string"},
	{"e_contradicted", "edge", "contradicted", "boolean"},
}

// WriteGraphML writes the claim graph as GraphML: nodes are actors with
// their type, edges are relations with their speakers, documents and counts.
func (g *ClaimGraph) WriteGraphML(w io.Writer, actors ActorNames) error {
	ex := g.Export(actors)
	doc := graphML{Keys: graphKeys, Graph: graphBody{ID: "claims", EdgeDefault: "directed"}}
	for _, n := range ex.Nodes {
		doc.Graph.Nodes = append(doc.Graph.Nodes, graphNode{ID: n.ID, Data: []graphData{
			{"n_name", n.Name}, {"n_type", n.Type}, {"n_aliases", strings.Join(n.Aliases, ";")},
		}})
	}
	for i, e := range ex.Edges {
		var ids, names []string
		for _, s := range e.Speakers {
			ids = append(ids, s.ID)
			names = append(names, s.Name)
		}
		doc.Graph.Edges = append(doc.Graph.Edges, graphEdge{
			ID: "e" + strconv.Itoa(i), Source: e.Subject, Target: e.Object,
			Data: []graphData{
				{"e_relation", e.Relation},
				{"e_speakers", strings.Join(ids, ";")},
				{"e_speaker_names", strings.Join(names, ";")},
				{"e_documents", strings.Join(e.Documents, ";")},
				{"e_document_count", strconv.Itoa(e.DocumentCount)},
				{"e_claims", strconv.Itoa(e.Claims)},
				{"e_first_seen", e.FirstSeen},
				{"e_last_seen", e.LastSeen},
				{"e_contradicted", strconv.FormatBool(e.Contradicted)},
			},
		})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
