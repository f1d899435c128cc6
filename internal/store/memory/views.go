package memory

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"sitrep"
	"sitrep/internal/consolidate"
	"sitrep/internal/store"
	"sitrep/internal/views"
)

// memTx is the memory store as the views see it during one write.
type memTx struct {
	*views.MemTables
	s     *Store
	start int64
}

func (t memTx) LogStart() (int64, error) { return t.start, nil }
func (t memTx) Rules() (string, error)   { return t.s.rules, nil }
func (t memTx) SetRules(r string) error {
	t.s.rules = r
	return nil
}
func (t memTx) Decisions() ([]store.Decision, error) { return slices.Clone(t.s.decisions), nil }

// beginViews starts the views' part of a write. Callers hold the write
// lock, and call it before appending to the log.
func (s *Store) beginViews() (*views.Session, error) {
	return s.maint.Begin(memTx{s.views, s, int64(len(s.log))})
}

// endViews writes the views back and ends their session: committed when
// err is nil.
func (s *Store) endViews(sess *views.Session, err error) error {
	if err == nil {
		err = sess.Finish()
	}
	if err != nil {
		sess.Abort()
		return err
	}
	sess.Commit(int64(len(s.log)))
	return nil
}

func (s *Store) isCopy(docID string) bool {
	return slices.ContainsFunc(s.links, func(l store.Link) bool { return l.DocID == docID })
}

// effective returns a document's events as placed: effective values, in
// the result's order, rejected ones left out.
func (s *Store) effective(docID string) []sitrep.Event {
	d, ok := s.derived[docID]
	if !ok {
		return nil
	}
	var out []sitrep.Event
	for _, e := range d.Result.Events {
		if ev, ok := s.events[store.Key(docID, e.ID)]; ok && ev.ev.Review != store.ReviewRejected {
			out = append(out, cloneEvent(ev.ev.Event))
		}
	}
	return out
}

func (s *Store) ViewsState(ctx context.Context) (store.ViewsState, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return store.ViewsState{}, err
	}
	return store.ViewsState{Rules: s.rules, Current: s.rules == consolidate.Version}, nil
}

func (s *Store) RebuildViews(ctx context.Context, progress func(done, total int64)) error {
	err := views.Rebuild(ctx, s, s.maint, func(fn func(views.Tx) error) error {
		s.mu.Lock()
		defer s.mu.Unlock()
		if err := s.check(ctx); err != nil {
			return err
		}
		return fn(memTx{s.views, s, int64(len(s.log))})
	}, progress)
	if err != nil {
		return fmt.Errorf("memory: rebuild views: %w", err)
	}
	return nil
}

func (s *Store) Result(ctx context.Context, docID, hash string) (sitrep.Result, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return sitrep.Result{}, err
	}
	var r sitrep.Result
	if d, ok := s.derived[docID]; ok && d.ResultHash == hash {
		r = d.Result
	} else if h, ok := s.history[docID+" "+hash]; ok {
		r = h
	} else {
		return r, fmt.Errorf("memory: result %s of %s: %w", hash, docID, store.ErrNotFound)
	}
	b, err := store.CanonicalResult(r)
	if err != nil {
		return r, err
	}
	var out sitrep.Result
	return out, jsonUnmarshal(b, &out)
}

func (s *Store) ScanViews(ctx context.Context, fn func(store.ViewRecord) error) error {
	s.mu.RLock()
	if err := s.check(ctx); err != nil {
		s.mu.RUnlock()
		return err
	}
	var out []store.ViewRecord
	s.views.Scan(func(r store.ViewRecord) error {
		if r.Incident != nil {
			c := *r.Incident
			r.Incident = &c
		}
		out = append(out, r)
		return nil
	})
	for _, e := range s.edgeSums().Edges() {
		out = append(out, store.ViewRecord{Edge: &e})
	}
	s.mu.RUnlock()
	return each(out, fn)
}

func (s *Store) IncidentsOf(ctx context.Context, keys []string) (map[string]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, k := range keys {
		if id, ok := s.views.IncidentOf(k); ok {
			out[k] = id
		}
	}
	return out, nil
}

func (s *Store) Framing(ctx context.Context, actorID string) ([]consolidate.FramingCount, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	return s.views.FramingCounts(actorID), nil
}

func (s *Store) Incident(ctx context.Context, id string) (store.Incident, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return store.Incident{}, err
	}
	got, err := store.ResolveRedirect(id, func(id string) (string, error) {
		if _, ok := s.views.Incidents[id]; ok {
			return "", nil
		}
		return s.views.Redirects[id], nil
	})
	if err != nil {
		return store.Incident{}, fmt.Errorf("memory: incident %s: %w", id, err)
	}
	si, ok := s.views.Incidents[got]
	if !ok {
		return store.Incident{}, fmt.Errorf("memory: incident %s: %w", id, store.ErrNotFound)
	}
	inc := incidentOf(si)
	if got != id {
		inc.Requested = id
	}
	return inc, nil
}

// incidentOf copies a stored incident out of the tables.
func incidentOf(si *store.StoredIncident) store.Incident {
	var c consolidate.Incident
	if err := jsonUnmarshal(mustJSON(si.Incident), &c); err != nil {
		c = si.Incident
	}
	return store.Incident{Incident: c, Version: si.Version}
}

func (s *Store) Incidents(ctx context.Context, f store.IncidentFilter) ([]store.Incident, int, error) {
	if f.Limit <= 0 {
		f.Limit = store.DefaultLimit
	}
	var out []store.Incident
	total, err := s.incidents(ctx, f, func(si *store.StoredIncident) { out = append(out, incidentOf(si)) })
	return out, total, err
}

func (s *Store) ScanIncidents(ctx context.Context, f store.IncidentFilter, fn func(store.IncidentRow) error) (int, error) {
	var rows []store.IncidentRow
	total, err := s.incidents(ctx, f, func(si *store.StoredIncident) { rows = append(rows, si.Row) })
	if err != nil {
		return total, err
	}
	return total, each(rows, fn)
}

// incidents calls fn with the page of incidents matching f, under the
// read lock, and returns how many match.
func (s *Store) incidents(ctx context.Context, f store.IncidentFilter, fn func(*store.StoredIncident)) (int, error) {
	var terms []store.Term
	if strings.TrimSpace(f.Text) != "" {
		var err error
		if terms, err = store.ParseQuery(f.Text); err != nil {
			return 0, fmt.Errorf("memory: incidents: %w", err)
		}
	}
	if f.Limit < 0 || f.Offset < 0 {
		return 0, fmt.Errorf("memory: incidents: negative limit or offset: %w", store.ErrInvalid)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return 0, err
	}
	var actors map[string]bool
	if f.Actor != "" {
		actors = s.matchingActors(f.Actor)
	}
	var hits []*store.StoredIncident
	for _, si := range s.views.Incidents {
		r := &si.Row
		if f.Type != "" && r.Type != f.Type || !store.InDates(r.Start, r.End, f.Since, f.Until) {
			continue
		}
		if f.Place != "" && !strings.EqualFold(r.Place, f.Place) && !strings.EqualFold(r.Admin1, f.Place) && !strings.EqualFold(r.Country, f.Place) {
			continue
		}
		if f.Near != nil && !(r.Located && f.Near.Contains(r.Lat, r.Lon)) {
			continue
		}
		if f.Roles != 0 {
			if i, ok := slices.BinarySearch(si.Actors, f.Actor); !ok || si.Roles[i]&f.Roles == 0 {
				continue
			}
		} else if actors != nil && !slices.ContainsFunc(si.Actors, func(k string) bool { return actors[k] }) {
			continue
		}
		if terms != nil && !slices.ContainsFunc(si.Members, func(k string) bool {
			e, ok := s.events[k]
			if !ok {
				return false
			}
			hit, _ := store.Match(terms, e.evidence)
			return hit
		}) {
			continue
		}
		hits = append(hits, si)
	}
	slices.SortFunc(hits, func(a, b *store.StoredIncident) int {
		return -cmp.Or(cmp.Compare(a.Row.Start, b.Row.Start), cmp.Compare(a.Row.ID, b.Row.ID))
	})
	for _, si := range page(hits, f.Limit, f.Offset) {
		fn(si)
	}
	if f.Limit > 0 {
		return max(min(len(hits), store.CountCap+1), min(len(hits), f.Offset+f.Limit)), nil
	}
	return len(hits), nil
}

// edgeSums adds every stored claim up into edges. Callers hold the lock.
func (s *Store) edgeSums() store.EdgeSums {
	byDoc := map[string][]sitrep.Claim{}
	for _, c := range s.claims {
		byDoc[c.c.DocID] = append(byDoc[c.c.DocID], c.c.Claim)
	}
	sums := store.EdgeSums{}
	for doc, cs := range byDoc {
		sums.Add(s.docs[doc].Published, store.DocumentEdges(doc, cs))
	}
	return sums
}

func (s *Store) ClaimEdges(ctx context.Context, actors []string, limit int, fn func(store.ClaimEdge) error) error {
	s.mu.RLock()
	if err := s.check(ctx); err != nil {
		s.mu.RUnlock()
		return err
	}
	all := s.edgeSums().Edges()
	s.mu.RUnlock()
	var edges []store.ClaimEdge
	for _, e := range all {
		if len(actors) == 0 || store.EdgeTouches(e, actors) {
			edges = append(edges, e)
		}
	}
	if limit > 0 && len(edges) > limit {
		store.KeepMostClaimed(&edges, limit)
	}
	if limit > 0 {
		for i := range edges {
			edges[i].Speakers = edges[i].Speakers[:min(len(edges[i].Speakers), store.SpeakersShown)]
		}
	}
	for _, e := range edges {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) CountIncidentPoints(ctx context.Context, f store.IncidentFilter, fn func(store.PointCount) error) error {
	var c store.PointCounter
	f.Limit, f.Offset = 0, 0
	if _, err := s.incidents(ctx, f, func(si *store.StoredIncident) { c.Add(si.Row) }); err != nil {
		return err
	}
	return each(c.Counts(), fn)
}

func (s *Store) CountIncidentDays(ctx context.Context, f store.IncidentFilter, fn func(store.DayCount) error) error {
	type key struct{ day, typ string }
	counts := map[key]*store.DayCount{}
	f.Limit, f.Offset = 0, 0
	if _, err := s.incidents(ctx, f, func(si *store.StoredIncident) {
		k := key{si.Row.Start, si.Row.Type}
		c := counts[k]
		if c == nil {
			c = &store.DayCount{Day: k.day, Type: k.typ}
			counts[k] = c
		}
		c.Incidents++
		c.Killed += max(si.Row.Killed, 0)
	}); err != nil {
		return err
	}
	keys := make([]key, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int { return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.typ, b.typ)) })
	for _, k := range keys {
		if err := fn(*counts[k]); err != nil {
			return err
		}
	}
	return nil
}

// violence counts the stored incidents' violence edges and actors.
func (s *Store) violence(ctx context.Context) (*store.ViolenceCounter, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	var c store.ViolenceCounter
	for _, si := range s.views.Incidents {
		c.Add(si)
	}
	return &c, nil
}

func (s *Store) ViolenceEdges(ctx context.Context, fn func(store.ViolenceEdge) error) error {
	c, err := s.violence(ctx)
	if err != nil {
		return err
	}
	return each(c.Edges(), fn)
}

func (s *Store) ActorIncidents(ctx context.Context, fn func(store.ActorIncidents) error) error {
	c, err := s.violence(ctx)
	if err != nil {
		return err
	}
	return each(c.Actors(), fn)
}
