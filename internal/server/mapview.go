package server

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"sitrep"
	"sitrep/internal/auth"
	"sitrep/internal/store"
)

// mapPoints answers the map: the matching incidents with coordinates
// (within bbox=W,S,E,N when given), each as a point when at most detail
// of them match (default mapDetail), else grouped by place. Points are
// compact rows [lon, lat, killed, type index, id, approximate], with types
// listed once; approximate is 1 for an incident placed only at a
// province's or a country's centre. A place is a row [lon, lat,
// approximate, incidents, killed, [incidents per type]]: every matching
// incident at those coordinates counted once, and the people reported
// killed in them (best figures) summed, read from the store's counts, so
// that a map of a million incidents costs its few thousand places and not
// a million rows. "total" counts every match, with coordinates or not;
// "located" those the answer shows. max asks for points whatever their
// number, the most recent max of them ("truncated" says when more
// matched): a browser tab given millions of points stops answering.
func (s *Server) mapPoints(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	v := r.URL.Query()
	q, err := parseIncidentQuery(v)
	if badRequest(w, err) {
		return
	}
	box, err := parseBBox(v.Get("bbox"))
	if badRequest(w, err) {
		return
	}
	number := func(name string, n int) (int, bool) {
		x := v.Get(name)
		if x == "" {
			return n, true
		}
		if n, err := strconv.Atoi(x); err == nil && n >= 1 && n <= mapPointsMax {
			return n, true
		}
		writeError(w, http.StatusBadRequest, fmt.Sprintf("%s: a number of incidents from 1 to %d", name, mapPointsMax))
		return 0, false
	}
	detail, ok := number("detail", mapDetail)
	if !ok {
		return
	}
	limit, ok := number("max", detail)
	if !ok {
		return
	}
	counts, err := s.pointCounts(r.Context(), q)
	if err != nil {
		fail(w, err)
		return
	}
	total, located := 0, 0
	shown := counts[:0]
	for _, c := range counts {
		total += c.Incidents
		if c.Located && box.contains(c.Lat, c.Lon) {
			located += c.Incidents
			shown = append(shown, c)
		}
	}
	var buf []byte
	if v.Get("max") != "" || located <= detail {
		if buf, err = s.mapRows(r.Context(), q, box, limit); err != nil {
			fail(w, err)
			return
		}
		buf = fmt.Appendf(buf, `,"truncated":%t`, located > limit)
	} else {
		buf = mapPlaces(shown)
	}
	types, _ := json.Marshal(sitrep.EventTypes)
	buf = append(buf, `,"types":`...)
	buf = append(buf, types...)
	buf = fmt.Appendf(buf, `,"total":%d,"located":%d}`, total, located)
	writeBody(w, buf)
}

// The map's default number of incidents shown one by one (more are
// grouped by place), and the largest a request may ask for.
const (
	mapDetail    = 20_000
	mapPointsMax = 1_000_000
)

// pointCounts counts the incidents matching q by point and type: from the
// store's counts when its filter says which incidents (with dates=start,
// less those that begin before since: the store's dates take them as
// they overlap it), else from the rows.
func (s *Server) pointCounts(ctx context.Context, q incidentQuery) ([]store.PointCount, error) {
	if q.needsFull() {
		var c store.PointCounter
		_, err := s.eachRow(ctx, q, c.Add)
		return c.Counts(), err
	}
	keep := func(c store.PointCount) bool {
		return (q.types == nil || slices.Contains(q.types, c.Type)) && !(q.exact && c.Approximate)
	}
	var out []store.PointCount
	err := s.c.CountIncidentPoints(ctx, q.f, func(c store.PointCount) error {
		if keep(c) {
			out = append(out, c)
		}
		return nil
	})
	if err != nil || !q.startIn || q.f.Since == "" {
		return out, err
	}
	// The incidents that begin before since and reach into it.
	since, err := time.Parse(time.DateOnly, q.f.Since)
	if err != nil {
		return nil, err
	}
	before := q.f
	before.Until = since.AddDate(0, 0, -1).Format(time.DateOnly)
	type key struct {
		located, approximate bool
		lat, lon             float64
		typ                  string
	}
	at := make(map[key]int, len(out))
	for i, c := range out {
		at[key{c.Located, c.Approximate, c.Lat, c.Lon, c.Type}] = i
	}
	err = s.c.CountIncidentPoints(ctx, before, func(c store.PointCount) error {
		if i, ok := at[key{c.Located, c.Approximate, c.Lat, c.Lon, c.Type}]; ok && keep(c) {
			out[i].Incidents -= c.Incidents
			out[i].Killed -= c.Killed
		}
		return nil
	})
	return slices.DeleteFunc(out, func(c store.PointCount) bool { return c.Incidents <= 0 }), err
}

// mapRows writes the opening of the map's answer with points: the most
// recent limit of the located incidents matching q within box. The rows
// are written by hand: encoding/json would box six values per incident.
func (s *Server) mapRows(ctx context.Context, q incidentQuery, box *bbox, limit int) ([]byte, error) {
	if near := box.circle(); near != nil && q.f.Near == nil {
		q.f.Near = near // the store's index finds the box's places
	}
	buf := []byte(`{"points":[`)
	sent := 0
	_, err := s.eachRow(ctx, q, func(inc store.IncidentRow) {
		if sent >= limit || !inc.Located || !box.contains(inc.Lat, inc.Lon) {
			return
		}
		if sent > 0 {
			buf = append(buf, ',')
		}
		sent++
		buf = append(buf, '[')
		buf = strconv.AppendFloat(buf, inc.Lon, 'f', -1, 64)
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, inc.Lat, 'f', -1, 64)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(max(inc.Killed, 0)), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(slices.Index(sitrep.EventTypes, inc.Type)), 10)
		buf = append(buf, ',')
		buf = appendJSONString(buf, inc.ID)
		if approxPrecision(inc.Precision) {
			buf = append(buf, ",1]"...)
		} else {
			buf = append(buf, ",0]"...)
		}
	})
	return append(buf, ']'), err
}

// mapPlaces writes the opening of the map's answer with places: the
// counts of each point's types put together, most incidents first.
func mapPlaces(counts []store.PointCount) []byte {
	type key struct {
		lon, lat float64
		approx   bool
	}
	type place struct {
		key
		incidents, killed int
		types             []int
	}
	at := map[key]*place{}
	var places []*place
	for _, c := range counts {
		k := key{c.Lon, c.Lat, c.Approximate}
		p := at[k]
		if p == nil {
			p = &place{key: k, types: make([]int, len(sitrep.EventTypes))}
			at[k] = p
			places = append(places, p)
		}
		p.incidents += c.Incidents
		p.killed += c.Killed
		if t := slices.Index(sitrep.EventTypes, c.Type); t >= 0 {
			p.types[t] += c.Incidents
		}
	}
	slices.SortFunc(places, func(a, b *place) int {
		return cmp.Or(cmp.Compare(b.incidents, a.incidents), cmp.Compare(a.lon, b.lon), cmp.Compare(a.lat, b.lat), cmp.Compare(b2i(a.approx), b2i(b.approx)))
	})
	buf := make([]byte, 0, 64+len(places)*48)
	buf = append(buf, `{"places":[`...)
	for i, p := range places {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, '[')
		buf = strconv.AppendFloat(buf, p.lon, 'f', -1, 64)
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, p.lat, 'f', -1, 64)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(b2i(p.approx)), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(p.incidents), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(p.killed), 10)
		buf = append(buf, ",["...)
		for j, n := range p.types {
			if j > 0 {
				buf = append(buf, ',')
			}
			buf = strconv.AppendInt(buf, int64(n), 10)
		}
		buf = append(buf, "]]"...)
	}
	return append(buf, ']')
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// bbox is the part of the map a request asks for: longitudes west to
// east (across the antimeridian when west > east), latitudes south to
// north. A nil box is the whole world.
type bbox struct{ w, s, e, n float64 }

func parseBBox(v string) (*bbox, error) {
	if v == "" {
		return nil, nil
	}
	bad := filterError{"bbox: W,S,E,N (longitudes from -180 to 180, latitudes from -90 to 90, south below north)"}
	p := strings.Split(v, ",")
	if len(p) != 4 {
		return nil, bad
	}
	var x [4]float64
	for i := range p {
		var err error
		if x[i], err = strconv.ParseFloat(strings.TrimSpace(p[i]), 64); err != nil {
			return nil, bad
		}
	}
	b := &bbox{x[0], x[1], x[2], x[3]}
	// Written as what must hold, so that NaN is refused too.
	if !(b.w >= -180 && b.w <= 180 && b.e >= -180 && b.e <= 180 && b.s >= -90 && b.s <= b.n && b.n <= 90) {
		return nil, bad
	}
	return b, nil
}

func (b *bbox) contains(lat, lon float64) bool {
	if b == nil {
		return true
	}
	if lat < b.s || lat > b.n {
		return false
	}
	if b.w <= b.e {
		return lon >= b.w && lon <= b.e
	}
	return lon >= b.w || lon <= b.e
}

// circle is a circle that holds the box, for the store's index of places;
// nil for a box across the antimeridian or wider than a hemisphere.
func (b *bbox) circle() *store.Near {
	if b == nil || b.w > b.e || b.e-b.w > 180 {
		return nil
	}
	c := store.Near{Lat: (b.s + b.n) / 2, Lon: (b.w + b.e) / 2}
	// The farthest point of the box's edges, sampled, and a margin.
	const steps = 16
	for i := 0; i <= steps; i++ {
		f := float64(i) / steps
		lon, lat := b.w+f*(b.e-b.w), b.s+f*(b.n-b.s)
		for _, p := range [][2]float64{{b.s, lon}, {b.n, lon}, {lat, b.w}, {lat, b.e}} {
			c.KM = max(c.KM, store.DistanceKM(c.Lat, c.Lon, p[0], p[1]))
		}
	}
	c.KM = min(c.KM*1.01+1, store.MaxNearKM)
	return &c
}

// timeline counts the matching incidents, and the people reported killed
// in them (best figures), per day of their first date and per type. The
// page groups days into weeks or months itself, so that zooming needs no
// new request and a brush reads exact days. Since and until are ignored:
// they are what the brush sets, and the timeline shows the dates around
// them. Undated incidents are counted apart.
func (s *Server) timeline(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	q, err := parseIncidentQuery(r.URL.Query())
	if badRequest(w, err) {
		return
	}
	q.f.Since, q.f.Until, q.startIn = "", "", false
	// The answer reads every matching incident, or every day of them: it
	// is kept until the next write of any process, as pages ask it often.
	changes, err := s.changeVersion(r.Context())
	if err != nil {
		fail(w, err)
		return
	}
	key := "timeline?" + r.URL.RawQuery
	if body, ok := s.answers.get(key, changes); ok {
		writeBody(w, body)
		return
	}
	days := map[string]*timelineDay{}
	undated := 0
	var last *timelineDay // the store's counts come a day at a time
	var lastDay string
	add := func(d, typ string, n, killed int) {
		t := slices.Index(sitrep.EventTypes, typ)
		if len(d) != 10 || t < 0 {
			undated += n
			return
		}
		if last == nil || d != lastDay {
			if last, lastDay = days[d], d; last == nil {
				last = &timelineDay{make([]int, len(sitrep.EventTypes)), make([]int, len(sitrep.EventTypes))}
				days[d] = last
			}
		}
		last.n[t] += n
		last.k[t] += killed
	}
	if q.needsFull() || q.types != nil || q.exact {
		_, err = s.eachRow(r.Context(), q, func(inc store.IncidentRow) { add(inc.Start, inc.Type, 1, max(inc.Killed, 0)) })
	} else {
		// The store's filter is the whole query: it counts by day, so
		// that a timeline costs the days, not the incidents.
		err = s.c.CountIncidentDays(r.Context(), q.f, func(d store.DayCount) error {
			add(d.Day, d.Type, d.Incidents, d.Killed)
			return nil
		})
	}
	if err != nil {
		fail(w, err)
		return
	}
	keys := make([]string, 0, len(days))
	for d := range days {
		keys = append(keys, d)
	}
	sort.Strings(keys)
	body := timelineJSON(keys, days, undated)
	s.answers.put(key, changes, body)
	writeBody(w, body)
}

// timelineDay holds a day's incidents and people killed per type, in the
// order of sitrep.EventTypes.
type timelineDay struct{ n, k []int }

// timelineJSON encodes the timeline: {"days": [[day, [incidents per
// type], [killed per type]], ...], "types": [...], "undated": n}. A
// country's timeline holds thousands of days of counts, which it writes
// by hand: through encoding/json they took a quarter of the answer's
// processor time.
func timelineJSON(keys []string, days map[string]*timelineDay, undated int) []byte {
	ints := func(b []byte, xs []int) []byte {
		b = append(b, '[')
		for i, x := range xs {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(x), 10)
		}
		return append(b, ']')
	}
	b := make([]byte, 0, 64+len(keys)*(16+4*len(sitrep.EventTypes)))
	b = append(b, `{"days":[`...)
	for i, d := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSONString(b, d)
		b = append(b, ',')
		b = ints(b, days[d].n)
		b = append(b, ',')
		b = ints(b, days[d].k)
		b = append(b, ']')
	}
	types, _ := json.Marshal(sitrep.EventTypes)
	b = append(append(b, `],"types":`...), types...)
	b = strconv.AppendInt(append(b, `,"undated":`...), int64(undated), 10)
	return append(b, '}')
}

// writeBody sends JSON already encoded.
func writeBody(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	w.Write(append(body, '\n'))
}

// answers keeps a few answers that read every matching incident, each
// valid while the change counter it was computed at has not moved.
type answers struct {
	mu      sync.Mutex
	changes int64
	byKey   map[string][]byte
}

// maxAnswers bounds the answers kept (a few filters' timelines).
const maxAnswers = 32

func (a *answers) get(key string, changes int64) ([]byte, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.changes != changes {
		return nil, false
	}
	b, ok := a.byKey[key]
	return b, ok
}

func (a *answers) put(key string, changes int64, body []byte) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.changes != changes || a.byKey == nil || len(a.byKey) >= maxAnswers {
		a.changes, a.byKey = changes, map[string][]byte{}
	}
	a.byKey[key] = body
}
