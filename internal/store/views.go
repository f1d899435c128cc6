package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"sitrep"
	"sitrep/internal/consolidate"
)

// The cross-document views are rows of the store like the documents they
// are computed from: incidents with their reports and why each joined,
// the place and week blocks that find an incident's candidates, where the
// ids of ended incidents lead, the labels each source uses for each actor,
// and the near-copy signatures. A store keeps them up to date in the same
// transaction as the documents, edits, links and decisions that change
// them (package views does the work for every backend), so that every
// process reads the same views and nothing is rebuilt when a store is
// opened.
//
// The views are a function of the custody log: replaying its records in
// order (results, links, edits, decisions) with the same consolidation
// rules gives the same rows, which is how verify checks them and how
// RebuildViews rebuilds them.

// ErrStaleViews reports that the views were built by other consolidation
// rules, or never built (a store from before they were kept): they must
// be rebuilt (RebuildViews, sitrep reextract) before they are changed.
var ErrStaleViews = errors.New("the incident views were built by other consolidation rules or not at all: rebuild them with 'sitrep reextract'")

// Incident is one incident as a store keeps it.
type Incident struct {
	consolidate.Incident
	// Version changes whenever anything shown of the incident changes:
	// a change made on what was shown sends it back (HTTP If-Match).
	Version string `json:"version"`
	// Requested is the id that was asked for, when that incident has since
	// been merged into this one or emptied into it; empty otherwise.
	Requested string `json:"requested,omitempty"`
}

// IncidentFilter selects incidents. Empty fields match everything;
// several fields must all hold.
type IncidentFilter struct {
	Type  string
	Since string // YYYY-MM-DD: the incident's dates end on or after it
	Until string // YYYY-MM-DD: the incident's dates start on or before it
	// Place matches a place name, admin1 or country code of the incident,
	// ignoring case.
	Place string
	Near  *Near
	// Actor matches an actor id exactly, or part of a name used for it,
	// among the incident's perpetrators, targets and claimants.
	Actor string
	// Roles, when set, keeps incidents naming the actor whose key is
	// Actor (matched exactly) in one of these roles (IncidentPerpetrator,
	// IncidentTarget, IncidentClaimant bits).
	Roles int
	// Text is a full-text query over the evidence of the incident's reports.
	Text   string
	Limit  int // 0 means DefaultLimit; ScanIncidents: 0 means all
	Offset int
}

// IncidentRow is the compact form of an incident, for readers of many at
// once (the map, the timeline).
type IncidentRow struct {
	ID        string  `json:"id"`
	Type      string  `json:"type"`
	Start     string  `json:"start"` // "" when undated
	End       string  `json:"end"`
	Place     string  `json:"place,omitempty"`
	Admin1    string  `json:"admin1,omitempty"`
	Country   string  `json:"country,omitempty"`
	Precision string  `json:"precision,omitempty"` // of the place
	Located   bool    `json:"located"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Killed    int     `json:"killed"` // best figure, -1 when no report gives one
	Reports   int     `json:"reports"`
}

// IncidentRowOf is the row of an incident.
func IncidentRowOf(inc consolidate.Incident) IncidentRow {
	r := IncidentRow{ID: inc.ID, Type: inc.Type, Start: inc.Date.Start, End: inc.Date.End, Killed: -1, Reports: len(inc.Events)}
	if r.End == "" || r.End < r.Start {
		r.End = r.Start
	}
	if p := inc.Place; p != nil {
		r.Place, r.Admin1, r.Country, r.Precision = p.Name, p.Admin1, p.Country, p.Precision
		if p.Lat != nil && p.Lon != nil {
			r.Located, r.Lat, r.Lon = true, *p.Lat, *p.Lon
		}
	}
	if inc.Killed.Best != nil {
		r.Killed = *inc.Killed.Best
	}
	return r
}

// IncidentVersion is the version of an incident: a digest of everything
// shown of it.
func IncidentVersion(inc consolidate.Incident) string {
	b, err := json.Marshal(inc)
	if err != nil {
		panic("store: encode incident: " + err.Error()) // plain values only
	}
	return digest(b)
}

// EventVersion is the version of an event: a digest of its key, effective
// values and review state, so that two events with the same values still
// differ.
func EventVersion(e Event) string {
	b, err := json.Marshal(e.Event)
	if err != nil {
		panic("store: encode event: " + err.Error())
	}
	return EventVersionOf(e.Key, e.Review, b)
}

// EventVersionOf is EventVersion from the event's JSON (as json.Marshal
// writes it), for a backend that holds those bytes.
func EventVersionOf(key, review string, data []byte) string {
	return digest([]byte(key + "\x00" + review + "\x00" + string(data)))
}

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// ViewsState says whether a store's views can be read and changed.
type ViewsState struct {
	// Rules is the consolidate.Version that built them; "" when they were
	// never built.
	Rules string `json:"rules"`
	// Current is true when they were built by this program's rules: when
	// false, writes that change them fail with ErrStaleViews until
	// RebuildViews has run.
	Current bool `json:"current"`
}

// ViewRecord is one stored view row, as ScanViews gives them to compare
// with the views recomputed from the log. Exactly one field is set.
type ViewRecord struct {
	Incident *StoredIncident `json:"incident,omitempty"`
	Redirect *Redirect       `json:"redirect,omitempty"`
	Framing  *DocFraming     `json:"framing,omitempty"`
	Edge     *ClaimEdge      `json:"edge,omitempty"`
}

// StoredIncident is an incident's rows: its state, version, blocks, the
// event keys its member rows name, the actor keys its actor rows name, and
// the columns filters read.
type StoredIncident struct {
	consolidate.Stored
	// Data is the incident encoded as JSON, whose digest is its version,
	// for a backend to store as it is.
	Data    []byte              `json:"-"`
	Version string              `json:"version"`
	Blocks  []consolidate.Block `json:"blocks"`
	Members []string            `json:"members"` // sorted
	Actors  []string            `json:"actors"`  // sorted
	Roles   []int               `json:"roles"`   // of each of Actors (IncidentActorRoles)
	Row     IncidentRow         `json:"row"`
}

// NewStoredIncident computes the rows of an incident from its state.
func NewStoredIncident(s consolidate.Stored, blocks []consolidate.Block) StoredIncident {
	data, err := json.Marshal(s.Incident)
	if err != nil {
		panic("store: encode incident: " + err.Error()) // plain values only
	}
	out := StoredIncident{Stored: s, Data: data, Version: digest(data), Blocks: blocks, Row: IncidentRowOf(s.Incident)}
	out.Actors, out.Roles = IncidentActorRoles(s.Incident)
	for _, e := range s.Incident.Events {
		out.Members = append(out.Members, e.Key)
	}
	slices.Sort(out.Members)
	return out
}

// Redirect says where the id of an ended incident leads.
type Redirect struct {
	ID   string `json:"id"`
	Into string `json:"into"`
}

// DocFraming is what one document contributes to the framing counts.
type DocFraming struct {
	DocID  string                     `json:"doc_id"`
	Counts []consolidate.FramingCount `json:"counts"`
}

// ViewStore is a Store that keeps its cross-document views (SQLite and
// memory do; a store that keeps none leaves the corpus without incidents).
type ViewStore interface {
	Store
	Views
}

// CountCap bounds the incidents a list counts: counting a million
// matches would cost more than finding a page of them. When more match,
// the total is given as CountCap+1, "more than CountCap"; counting costs
// about as much as reading ten pages of a hundred.
const CountCap = 1000

// Views is the part of a Store that reads its cross-document views.
type Views interface {
	ActorReader
	// Incidents returns the incidents matching f, newest first (by start
	// date, then id), and how many match in all (up to CountCap+1).
	Incidents(ctx context.Context, f IncidentFilter) ([]Incident, int, error)
	// ScanIncidents calls fn with the rows of the incidents matching f, in
	// the order of Incidents, from f.Offset and at most f.Limit (0: all)
	// of them, and returns how many match in all (up to CountCap+1, or
	// all of them when the limit is 0).
	ScanIncidents(ctx context.Context, f IncidentFilter, fn func(IncidentRow) error) (int, error)
	// CountIncidentDays calls fn, in order of day and type, with how many
	// incidents matching f start on each day, by type, and the people
	// reported killed in them; undated incidents come first, with day ""
	// (f's limit and offset are ignored): a timeline costs the days, not
	// the incidents.
	CountIncidentDays(ctx context.Context, f IncidentFilter, fn func(DayCount) error) error
	// CountIncidentPoints calls fn, in no set order, with how many
	// incidents matching f lie at each point (the coordinates of their
	// place), by type and by whether the point is only a province's or a
	// country's centre, and the people reported killed in them; the
	// incidents without coordinates are counted by type under a PointCount
	// that is not Located (f's limit and offset are ignored): a map of
	// every incident costs its points, not its incidents.
	CountIncidentPoints(ctx context.Context, f IncidentFilter, fn func(PointCount) error) error
	// Incident returns one incident. An id that ended in a merge or a
	// split leads to the incident its reports went to (Requested is then
	// set); ErrNotFound when there is none.
	Incident(ctx context.Context, id string) (Incident, error)
	// IncidentsOf maps event keys to the incidents they are in; keys of
	// events in no incident (rejected, copies, unknown) are left out.
	IncidentsOf(ctx context.Context, keys []string) (map[string]string, error)
	// Framing returns, per source and label, how many documents and uses
	// label an actor (all actors for ""), ordered by source, actor, label.
	Framing(ctx context.Context, actorID string) ([]consolidate.FramingCount, error)
	// ClaimEdges calls fn with the claim edges (ClaimEdge) that involve
	// any of the actor ids as subject, object or speaker, or with every
	// edge when actors is empty, ordered by subject, object, relation.
	// With limit > 0, only the limit edges of most claims (ties by key)
	// among, for each actor, the limit edges of most claims where it is
	// subject, the limit where it is object and the limit it alleges
	// most; and each edge with its SpeakersShown speakers of most claims.
	ClaimEdges(ctx context.Context, actors []string, limit int, fn func(ClaimEdge) error) error
	// ViolenceEdges calls fn, in no set order, with every violence edge
	// (ViolenceEdge) of the stored incidents, and ActorIncidents with how
	// many incidents name each actor: the actor network's overview costs
	// its edges, not the incidents.
	ViolenceEdges(ctx context.Context, fn func(ViolenceEdge) error) error
	ActorIncidents(ctx context.Context, fn func(ActorIncidents) error) error
	// Result returns a result once stored for a document, current or
	// replaced since, by its hash: what replaying the log needs.
	Result(ctx context.Context, docID, resultHash string) (sitrep.Result, error)

	ViewsState(ctx context.Context) (ViewsState, error)
	// RebuildViews recomputes every view from the custody log with this
	// program's rules, in transactions of bounded size; progress, when
	// set, is called with log records done and the log's size.
	RebuildViews(ctx context.Context, progress func(done, total int64)) error
	// ScanViews calls fn with every stored view row: incidents by id, then
	// redirects by id, then framing by document id, then claim edges in
	// ClaimEdges' order.
	ScanViews(ctx context.Context, fn func(ViewRecord) error) error
}

// DayCount is what CountIncidentDays counts of the incidents of one type
// that start on one day.
type DayCount struct {
	Day       string // YYYY-MM-DD; "" for undated incidents
	Type      string
	Incidents int
	Killed    int // sum of the best figures (none counts 0)
}

// PointCount is what CountIncidentPoints counts of the incidents of one
// type at one point. Each incident is counted once, at its own place.
type PointCount struct {
	Located     bool // false: the incidents have no coordinates (Lat, Lon 0)
	Lat, Lon    float64
	Approximate bool // the point is only a province's or a country's centre
	Type        string
	Incidents   int
	Killed      int // sum of the best figures (none counts 0)
}

// PointCounter counts incident rows as CountIncidentPoints counts
// incidents: what a backend without stored counts computes, what a reader
// of whole incidents counts, and what tests compare with.
type PointCounter struct {
	at     map[pointKey]int // index in counts
	counts []PointCount
}

type pointKey struct {
	located     bool
	lat, lon    float64
	approximate bool
	typ         string
}

// Add counts one incident's row.
func (c *PointCounter) Add(r IncidentRow) {
	k := pointKey{r.Located, r.Lat, r.Lon, ApproximatePrecision(r.Precision), r.Type}
	if !r.Located {
		k.lat, k.lon = 0, 0
	}
	i, ok := c.at[k]
	if !ok {
		if c.at == nil {
			c.at = map[pointKey]int{}
		}
		i = len(c.counts)
		c.at[k] = i
		c.counts = append(c.counts, PointCount{Located: k.located, Lat: k.lat, Lon: k.lon, Approximate: k.approximate, Type: k.typ})
	}
	c.counts[i].Incidents++
	c.counts[i].Killed += max(r.Killed, 0)
}

// Counts returns the counts of the rows added, in the order first seen.
func (c *PointCounter) Counts() []PointCount { return c.counts }

// ApproximatePrecision reports whether a place of this precision is only
// a province's or a country's centre, not where an incident happened.
func ApproximatePrecision(p string) bool {
	return p == sitrep.PlaceProvince || p == sitrep.PlaceCountry
}

// ResolveRedirect follows redirects from id: next returns where an ended
// id leads ("" when it is not one). It stops after a few steps, which a
// loop could only come from a damaged store.
func ResolveRedirect(id string, next func(string) (string, error)) (string, error) {
	seen := []string{id}
	for range 16 {
		into, err := next(id)
		if err != nil || into == "" {
			return id, err
		}
		if slices.Contains(seen, into) {
			return id, errors.New("store: incident redirects loop through " + strings.Join(seen, ", "))
		}
		seen = append(seen, into)
		id = into
	}
	return id, nil
}

// ClaimEdge is one relation alleged between two actors, summed over every
// stored claim stating it: how many claims and documents, when first and
// last published, and who alleges it. Object is an actor id, or the key
// of an event ("<docID>#E1") when the claim is about a report.
type ClaimEdge struct {
	Subject   string        `json:"subject"`
	Object    string        `json:"object"`
	Relation  string        `json:"relation"`
	Claims    int           `json:"claims"`
	Documents int           `json:"documents"`
	FirstSeen string        `json:"first_seen,omitempty"`
	LastSeen  string        `json:"last_seen,omitempty"`
	Speakers  []EdgeSpeaker `json:"speakers"` // most claims first, then by id
}

// SpeakersShown is how many speakers of an edge a limited ClaimEdges
// gives, those of most claims.
const SpeakersShown = 20

// EdgeSpeaker is a speaker of an edge: its claims and documents.
type EdgeSpeaker struct {
	ID        string `json:"id"`
	Claims    int    `json:"claims"`
	Documents int    `json:"documents"`
}

// ParseEdgeSpeakers reads an edge's speakers as the stores keep them: a
// JSON array of [id, claims, documents] triples. It reads them itself
// rather than through encoding/json, which took three calls a triple and
// most of an actor graph's time (200 edges of up to SpeakersShown
// speakers); an id with escapes is decoded by encoding/json.
func ParseEdgeSpeakers(b []byte) ([]EdgeSpeaker, error) {
	p := speakerParser{b: b}
	if !p.next('[') {
		return nil, p.fail()
	}
	if p.next(']') {
		return nil, p.end()
	}
	var out []EdgeSpeaker
	for {
		var s EdgeSpeaker
		var ok bool
		if !p.next('[') {
			return nil, p.fail()
		}
		if s.ID, ok = p.str(); !ok || !p.next(',') {
			return nil, p.fail()
		}
		if s.Claims, ok = p.num(); !ok || !p.next(',') {
			return nil, p.fail()
		}
		if s.Documents, ok = p.num(); !ok || !p.next(']') {
			return nil, p.fail()
		}
		out = append(out, s)
		if p.next(']') {
			if err := p.end(); err != nil {
				return nil, err
			}
			return out, nil
		}
		if !p.next(',') {
			return nil, p.fail()
		}
	}
}

// speakerParser reads the JSON of ParseEdgeSpeakers.
type speakerParser struct {
	b []byte
	i int
}

func (p *speakerParser) space() {
	for p.i < len(p.b) && (p.b[p.i] == ' ' || p.b[p.i] == '\t' || p.b[p.i] == '\n' || p.b[p.i] == '\r') {
		p.i++
	}
}

// next consumes c, after any space, when it comes next.
func (p *speakerParser) next(c byte) bool {
	p.space()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *speakerParser) str() (string, bool) {
	p.space()
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return "", false
	}
	escaped := false
	j := p.i + 1
	for ; j < len(p.b) && p.b[j] != '"'; j++ {
		if p.b[j] == '\\' {
			escaped = true
			j++
		} else if p.b[j] < 0x20 {
			return "", false
		}
	}
	if j >= len(p.b) {
		return "", false
	}
	raw := p.b[p.i : j+1]
	p.i = j + 1
	if !escaped && utf8.Valid(raw) {
		return string(raw[1 : len(raw)-1]), true
	}
	var s string
	return s, json.Unmarshal(raw, &s) == nil
}

func (p *speakerParser) num() (int, bool) {
	p.space()
	j := p.i
	if j < len(p.b) && p.b[j] == '-' {
		j++
	}
	digits := j
	for j < len(p.b) && p.b[j] >= '0' && p.b[j] <= '9' {
		j++
	}
	if j-digits > 1 && p.b[digits] == '0' { // JSON has no leading zeros
		return 0, false
	}
	n, err := strconv.Atoi(string(p.b[p.i:j]))
	p.i = j
	return n, err == nil
}

// end checks that nothing but space follows.
func (p *speakerParser) end() error {
	if p.space(); p.i != len(p.b) {
		return p.fail()
	}
	return nil
}

func (p *speakerParser) fail() error {
	return fmt.Errorf("claim edge speakers: %s", p.b)
}

// EdgeKey identifies a ClaimEdge.
type EdgeKey struct{ Subject, Object, Relation string }

// ClaimEdgeKey is the edge a claim states; ok is false for a claim that
// states no relation between two actors with ids.
func ClaimEdgeKey(docID string, c sitrep.Claim) (EdgeKey, bool) {
	r := c.Relation
	if r == nil || r.Type == "" || r.Subject.ID == "" || r.Object.ID == "" {
		return EdgeKey{}, false
	}
	obj := r.Object.ID
	if IsEventID(obj) {
		obj = Key(docID, obj)
	}
	return EdgeKey{r.Subject.ID, obj, r.Type}, true
}

// IsEventID reports whether an id names an event of its document ("E1"),
// as a claim's object does when the claim is about a report.
func IsEventID(id string) bool {
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

// EdgeShare is what one document's claims add to one edge.
type EdgeShare struct {
	Key      EdgeKey
	Claims   int
	Speakers map[string]int // speaker id → claims
}

// DocumentEdges sums one document's claims by edge, in key order.
func DocumentEdges(docID string, claims []sitrep.Claim) []EdgeShare {
	by := map[EdgeKey]*EdgeShare{}
	var order []EdgeKey
	for _, c := range claims {
		k, ok := ClaimEdgeKey(docID, c)
		if !ok {
			continue
		}
		s := by[k]
		if s == nil {
			s = &EdgeShare{Key: k, Speakers: map[string]int{}}
			by[k] = s
			order = append(order, k)
		}
		s.Claims++
		if c.Speaker.ID != "" {
			s.Speakers[c.Speaker.ID]++
		}
	}
	slices.SortFunc(order, compareEdgeKeys)
	out := make([]EdgeShare, len(order))
	for i, k := range order {
		out[i] = *by[k]
	}
	return out
}

func compareEdgeKeys(a, b EdgeKey) int {
	if c := strings.Compare(a.Subject, b.Subject); c != 0 {
		return c
	}
	if c := strings.Compare(a.Object, b.Object); c != 0 {
		return c
	}
	return strings.Compare(a.Relation, b.Relation)
}

// EdgeSums adds documents' shares up into edges.
type EdgeSums map[EdgeKey]*ClaimEdge

// Add counts one document's shares, published on published.
func (s EdgeSums) Add(published string, shares []EdgeShare) {
	for _, sh := range shares {
		e := s[sh.Key]
		if e == nil {
			e = &ClaimEdge{Subject: sh.Key.Subject, Object: sh.Key.Object, Relation: sh.Key.Relation}
			s[sh.Key] = e
		}
		e.Claims += sh.Claims
		e.Documents++
		if published != "" {
			if e.FirstSeen == "" || published < e.FirstSeen {
				e.FirstSeen = published
			}
			e.LastSeen = max(e.LastSeen, published)
		}
		for id, n := range sh.Speakers {
			i := slices.IndexFunc(e.Speakers, func(sp EdgeSpeaker) bool { return sp.ID == id })
			if i < 0 {
				e.Speakers = append(e.Speakers, EdgeSpeaker{ID: id})
				i = len(e.Speakers) - 1
			}
			e.Speakers[i].Claims += n
			e.Speakers[i].Documents++
		}
	}
}

// Edges returns the edges ordered by subject, object and relation, with
// their speakers in order.
func (s EdgeSums) Edges() []ClaimEdge {
	out := make([]ClaimEdge, 0, len(s))
	for _, e := range s {
		SortSpeakers(e.Speakers)
		out = append(out, *e)
	}
	slices.SortFunc(out, func(a, b ClaimEdge) int {
		return compareEdgeKeys(EdgeKey{a.Subject, a.Object, a.Relation}, EdgeKey{b.Subject, b.Object, b.Relation})
	})
	return out
}

// SortSpeakers orders speakers by claims, most first, then by id.
func SortSpeakers(sp []EdgeSpeaker) {
	slices.SortFunc(sp, func(a, b EdgeSpeaker) int {
		if a.Claims != b.Claims {
			return b.Claims - a.Claims
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// EdgeTouches reports whether an edge involves any of the actors, as
// subject, object or speaker.
func EdgeTouches(e ClaimEdge, actors []string) bool {
	if slices.Contains(actors, e.Subject) || slices.Contains(actors, e.Object) {
		return true
	}
	return slices.ContainsFunc(e.Speakers, func(sp EdgeSpeaker) bool { return slices.Contains(actors, sp.ID) })
}

// KeepMostClaimed keeps the limit edges of most claims (ties by key), in
// key order.
func KeepMostClaimed(edges *[]ClaimEdge, limit int) {
	key := func(e ClaimEdge) EdgeKey { return EdgeKey{e.Subject, e.Object, e.Relation} }
	slices.SortFunc(*edges, func(a, b ClaimEdge) int {
		if a.Claims != b.Claims {
			return b.Claims - a.Claims
		}
		return compareEdgeKeys(key(a), key(b))
	})
	*edges = (*edges)[:limit]
	slices.SortFunc(*edges, func(a, b ClaimEdge) int { return compareEdgeKeys(key(a), key(b)) })
}
