package corpus

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"sitrep/internal/consolidate"
	"sitrep/internal/store"
)

// IncidentFilter selects incidents. Empty fields match everything.
type IncidentFilter struct {
	Type  string
	Since string // YYYY-MM-DD: the incident's dates end on or after it
	Until string // YYYY-MM-DD: the incident's dates start on or before it
	// Place matches a place name, admin1 or country code of the
	// incident, ignoring case.
	Place string
	Near  *store.Near
	// Actor matches an actor id, or part of a name, among the incident's
	// perpetrators, targets and claimants.
	Actor string
	// Text is a full-text query over the evidence of the incident's reports.
	Text   string
	Limit  int // 0 means store.DefaultLimit
	Offset int
}

// maxTextMatches bounds the events a text query contributes.
const maxTextMatches = 100_000

// Incidents returns the incidents matching f, newest first, and how many
// match in all.
func (c *Corpus) Incidents(ctx context.Context, f IncidentFilter) ([]consolidate.Incident, int, error) {
	var out []consolidate.Incident
	total, err := c.EachIncident(ctx, f, func(inc *consolidate.Incident) { out = append(out, *inc) })
	return out, total, err
}

// EachIncident calls fn for the incidents matching f, newest first, from
// f.Offset and at most f.Limit of them, and returns how many match in all.
// fn is given the view's own incident, to read and not to keep: a bulk
// reader (the map) is spared copying hundreds of thousands of incidents.
func (c *Corpus) EachIncident(ctx context.Context, f IncidentFilter, fn func(*consolidate.Incident)) (int, error) {
	var keys map[string]bool
	if strings.TrimSpace(f.Text) != "" {
		keys = map[string]bool{}
		err := c.st.ScanEvents(ctx, store.EventFilter{Text: f.Text, Limit: maxTextMatches}, func(e store.Event) error {
			keys[e.Key] = true
			return nil
		})
		if err != nil {
			return 0, err
		}
	}
	limit := f.Limit
	if limit <= 0 {
		limit = store.DefaultLimit
	}
	offset := max(f.Offset, 0)
	sn := c.incidentList()
	total, sent := 0, 0
	lq := strings.ToLower(strings.TrimSpace(f.Actor))
	visit := func(i int) {
		if !matchRow(&sn.rows[i], f, lq) {
			return
		}
		if keys != nil && !anyKey(&sn.incs[i], keys) {
			return
		}
		if total >= offset && sent < limit {
			fn(&sn.incs[i])
			sent++
		}
		total++
	}
	lo, hi := sn.dateRange(f.Since, f.Until)
	// Walk the shorter of the type's and the place's position lists (both
	// in snapshot order); matchRow checks every other condition.
	var pos []int32
	indexed := false
	if f.Type != "" {
		pos, indexed = sn.byType[f.Type], true
	}
	if f.Place != "" {
		if pl := sn.byPlace[strings.ToLower(f.Place)]; !indexed || len(pl) < len(pos) {
			pos, indexed = pl, true
		}
	}
	if indexed {
		a := sort.Search(len(pos), func(k int) bool { return int(pos[k]) >= lo })
		for _, p := range pos[a:] {
			if int(p) >= hi {
				break
			}
			visit(int(p))
		}
		return total, nil
	}
	for i := lo; i < hi; i++ {
		visit(i)
	}
	return total, nil
}

// maxSpan is how long before a query's start an incident may begin and
// still reach into it: a report dated "last year" spans a year.
const maxSpan = 400 * 24 * time.Hour

// dateRange narrows the snapshot, sorted by start date newest first, to
// the positions that can match since/until: those starting on or before
// until, and not so long before since that they cannot reach it.
func (sn *snapshot) dateRange(since, until string) (lo, hi int) {
	lo, hi = 0, len(sn.rows)
	if until != "" {
		// undated incidents sort last and never match a date filter
		lo = sort.Search(len(sn.rows), func(i int) bool { s := sn.rows[i].start; return s != "" && s <= until || s == "" })
	}
	if since != "" {
		if t, err := time.Parse("2006-01-02", since); err == nil {
			floor := t.Add(-maxSpan).Format("2006-01-02")
			hi = sort.Search(len(sn.rows), func(i int) bool { s := sn.rows[i].start; return s == "" || s < floor })
		}
	}
	return lo, max(lo, hi)
}

func matchRow(r *incRow, f IncidentFilter, actor string) bool {
	if f.Type != "" && r.typ != f.Type {
		return false
	}
	if f.Since != "" && (r.end == "" || r.end < f.Since) {
		return false
	}
	if f.Until != "" && (r.start == "" || r.start > f.Until) {
		return false
	}
	if f.Place != "" && !strings.EqualFold(r.place, f.Place) && !strings.EqualFold(r.admin1, f.Place) && !strings.EqualFold(r.country, f.Place) {
		return false
	}
	if f.Near != nil {
		if !r.located {
			return false
		}
		// a degree of latitude is at least 110 km: most points fail this
		// cheap test before the exact distance
		if dLat := r.lat - f.Near.Lat; dLat*110 > f.Near.KM || -dLat*110 > f.Near.KM {
			return false
		}
		if haversineKM(r.lat, r.lon, f.Near.Lat, f.Near.Lon) > f.Near.KM {
			return false
		}
	}
	if actor != "" && !strings.Contains(r.actors, actor) {
		return false
	}
	return true
}

func anyKey(inc *consolidate.Incident, keys map[string]bool) bool {
	for _, e := range inc.Events {
		if keys[e.Key] {
			return true
		}
	}
	return false
}

func haversineKM(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

// Incident returns one incident; store.ErrNotFound when there is none.
func (c *Corpus) Incident(ctx context.Context, id string) (consolidate.Incident, error) {
	inc, ok := c.idx.Incident(id)
	if !ok {
		return consolidate.Incident{}, fmt.Errorf("incident %q: %w", id, store.ErrNotFound)
	}
	return inc, nil
}

// IncidentOf returns the incident an event ("<docID>#<eventID>") is in.
func (c *Corpus) IncidentOf(eventKey string) (string, bool) { return c.idx.IncidentOf(eventKey) }

// Merge puts incidents a and b together, whatever the matcher thought,
// and stores the decision so that it holds after re-extraction.
func (c *Corpus) Merge(ctx context.Context, a, b, who string) (consolidate.Incident, error) {
	c.write.Lock()
	defer c.write.Unlock()
	ia, ib, err := c.incidentPair(a, b)
	if err != nil {
		return consolidate.Incident{}, err
	}
	var keys []string
	for _, e := range append(slices.Clone(ia.Events), ib.Events...) {
		keys = append(keys, e.Key)
	}
	if _, err := c.st.PutDecision(ctx, store.Decision{Kind: consolidate.DecisionMerge, Keys: keys, Who: who, At: time.Now()}); err != nil {
		return consolidate.Incident{}, err
	}
	defer c.changed()
	return c.idx.Merge(a, b)
}

func (c *Corpus) incidentPair(a, b string) (consolidate.Incident, consolidate.Incident, error) {
	ia, ok := c.idx.Incident(a)
	if !ok {
		return ia, ia, fmt.Errorf("incident %q: %w", a, store.ErrNotFound)
	}
	ib, ok := c.idx.Incident(b)
	if !ok {
		return ia, ib, fmt.Errorf("incident %q: %w", b, store.ErrNotFound)
	}
	return ia, ib, nil
}

// AddEdit stores a reviewer's decision on one report and places that
// report's document again, so that its incident counts the corrected
// figures, and leaves out a rejected report, at once rather than at the
// next start.
func (c *Corpus) AddEdit(ctx context.Context, e store.Edit) (store.Edit, error) {
	c.write.Lock()
	defer c.write.Unlock()
	d, err := c.st.Event(ctx, e.EventKey)
	if err != nil {
		return store.Edit{}, err
	}
	saved, err := c.st.AddEdit(ctx, e)
	if err != nil {
		return saved, err
	}
	return saved, c.placeEvents(ctx, d.Event.DocID, d.Event.Published)
}

// Split takes one report (an event key) out of an incident, for good.
func (c *Corpus) Split(ctx context.Context, incidentID, eventKey, who string) (consolidate.Incident, error) {
	c.write.Lock()
	defer c.write.Unlock()
	inc, ok := c.idx.Incident(incidentID)
	if !ok {
		return consolidate.Incident{}, fmt.Errorf("incident %q: %w", incidentID, store.ErrNotFound)
	}
	var apart []string
	found := false
	for _, e := range inc.Events {
		if e.Key == eventKey {
			found = true
		} else {
			apart = append(apart, e.Key)
		}
	}
	if !found {
		return consolidate.Incident{}, fmt.Errorf("event %q is not a report of incident %s: %w", eventKey, incidentID, store.ErrInvalid)
	}
	if len(apart) == 0 {
		return inc, nil
	}
	if _, err := c.st.PutDecision(ctx, store.Decision{Kind: consolidate.DecisionSplit, Keys: []string{eventKey}, Apart: apart, Who: who, At: time.Now()}); err != nil {
		return consolidate.Incident{}, err
	}
	defer c.changed()
	n, err := c.idx.Split(incidentID, eventKey)
	if errors.Is(err, consolidate.ErrNoIncident) || errors.Is(err, consolidate.ErrNoEvent) {
		err = fmt.Errorf("%w: %w", err, store.ErrInvalid)
	}
	return n, err
}

// Graph is the claim graph: who alleges what about whom, with speakers,
// documents and dates, and the actors it names.
func (c *Corpus) Graph(ctx context.Context) consolidate.GraphExport {
	return c.graph.Export(c.book)
}

// ClaimGraph and Actors give the exporters the views themselves.
func (c *Corpus) ClaimGraph() *consolidate.ClaimGraph { return c.graph }

// ActorBook is the actors across documents.
func (c *Corpus) ActorBook() *consolidate.ActorBook { return c.book }

// Contradictions are pairs of claims that cannot both hold.
func (c *Corpus) Contradictions(ctx context.Context) []consolidate.Contradiction {
	return c.graph.Contradictions()
}

// Actor returns one actor across documents and how each source names it.
func (c *Corpus) Actor(ctx context.Context, id string) (consolidate.ActorRecord, []consolidate.FramingCount, error) {
	a, ok := c.book.Get(id)
	if !ok {
		return a, nil, fmt.Errorf("actor %q: %w", id, store.ErrNotFound)
	}
	return a, c.framing.ForActor(id), nil
}

// Framing is every source's labels for every actor.
func (c *Corpus) Framing() []consolidate.FramingCount { return c.framing.Counts() }
