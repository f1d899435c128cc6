package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"sync"

	"sitrep"
	"sitrep/internal/auth"
	"sitrep/internal/store"
)

// mapPoints lists the matching incidents that have coordinates, in a
// compact form the map can take 100,000 of: one row per incident,
// [lon, lat, killed, type index, id, approximate], with types listed once;
// approximate is 1 for an incident placed only at a province's or a
// country's centre. At most max incidents (default mapPointsDefault), the
// most recent, are sent: a browser tab given millions of points stops
// answering, and an analyst is better served by narrower filters.
// "truncated" says when that happened; "total" counts all matches.
func (s *Server) mapPoints(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	q, err := parseIncidentQuery(r.URL.Query())
	if badRequest(w, err) {
		return
	}
	limit := mapPointsDefault
	if v := r.URL.Query().Get("max"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > mapPointsMax {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("max: a number of incidents from 1 to %d", mapPointsMax))
			return
		}
	}
	// The rows are written by hand: encoding/json would box six values
	// per incident, and the map asks for hundreds of thousands.
	buf := []byte(`{"points":[`)
	sent, first := 0, true
	total, err := s.eachRow(r.Context(), q, func(inc store.IncidentRow) {
		if sent >= limit {
			return
		}
		sent++
		if !inc.Located {
			return
		}
		if !first {
			buf = append(buf, ',')
		}
		first = false
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
	if err != nil {
		fail(w, err)
		return
	}
	types, _ := json.Marshal(sitrep.EventTypes)
	buf = append(buf, `],"types":`...)
	buf = append(buf, types...)
	buf = fmt.Appendf(buf, `,"total":%d,"truncated":%t}`, total, total > sent)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	w.Write(append(buf, '\n'))
}

// The map's default and largest number of incidents per request.
const (
	mapPointsDefault = 200_000
	mapPointsMax     = 1_000_000
)

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
