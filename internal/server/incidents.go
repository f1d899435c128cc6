package server

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"sitrep"
	"sitrep/internal/auth"
	"sitrep/internal/consolidate"
	"sitrep/internal/export"
	"sitrep/internal/store"
)

// incidentQuery is what the map, the table, the timeline, the network and
// the review queue select incidents by: the corpus's filter, plus what only
// the interface asks for. Every view reads the same query from the URL, so
// that one set of filters means the same incidents everywhere.
type incidentQuery struct {
	f store.IncidentFilter // Limit and Offset unused: the views page
	// types holds several types when more than one is asked for (the
	// corpus filter takes one).
	types []string
	// startIn narrows since/until to incidents whose first day lies
	// between them (dates=start), as the timeline counts them; without
	// it, an incident matches when its dates overlap them.
	startIn bool
	// exact leaves out incidents placed only at a province's or a
	// country's centre (approx=hide).
	exact bool
	// review keeps incidents in this review state.
	review string
	// perpetrator and target keep incidents whose reports name this
	// actor id in that role.
	perpetrator, target string
	sort                string
	limit, offset       int
}

// Sort orders of incident lists: a leading "-" reverses.
// "weight" orders by people killed (best figure), then by reports: the
// review queue's order.
var incidentSorts = []string{"date", "killed", "reports", "outlets", "type", "place", "review", "weight"}

// parseIncidentQuery reads the shared filters of the incident views.
func parseIncidentQuery(q url.Values) (incidentQuery, error) {
	var iq incidentQuery
	// eventFilter checks the type against the taxonomy; several types
	// are checked here.
	types := splitList(q.Get("type"))
	if len(types) > 1 {
		for _, t := range types {
			if !oneOf(t, sitrep.EventTypes) {
				return iq, filterError{"type: one or more (comma-separated) of " + strings.Join(sitrep.EventTypes, ", ")}
			}
		}
		q = cloneValues(q)
		q.Del("type")
		iq.types = types
	}
	f, err := eventFilter(q)
	if err != nil {
		return iq, err
	}
	iq.f = incidentFilter(f)
	iq.limit, iq.offset = f.Limit, f.Offset
	switch q.Get("dates") {
	case "", "overlap":
	case "start":
		iq.startIn = true
	default:
		return iq, filterError{"dates: start (the incident begins between since and until) or overlap (its dates meet them)"}
	}
	switch q.Get("approx") {
	case "", "show":
	case "hide":
		iq.exact = true
	default:
		return iq, filterError{"approx: show or hide (incidents placed at a province's or country's centre)"}
	}
	switch r := q.Get("review"); r {
	case "", incidentUnreviewed, incidentPartly, incidentConfirmed:
		iq.review = r
	default:
		return iq, filterError{"review: unreviewed, partly confirmed or confirmed"}
	}
	iq.perpetrator, iq.target = q.Get("perpetrator"), q.Get("target")
	// One actor in one role is a filter of the store (its incident rows
	// carry the roles), read a page at a time; more than that is checked
	// on whole incidents.
	if iq.f.Actor == "" && (iq.perpetrator == "") != (iq.target == "") {
		iq.f.Actor, iq.f.Roles = iq.perpetrator, store.IncidentPerpetrator
		if iq.target != "" {
			iq.f.Actor, iq.f.Roles = iq.target, store.IncidentTarget
		}
		iq.perpetrator, iq.target = "", ""
	}
	if s := q.Get("sort"); s != "" {
		if !oneOf(strings.TrimPrefix(s, "-"), incidentSorts) {
			return iq, filterError{"sort: one of " + strings.Join(incidentSorts, ", ") + ", with - before it for the reverse order"}
		}
		iq.sort = s
	}
	return iq, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func cloneValues(q url.Values) url.Values {
	out := url.Values{}
	for k, v := range q {
		out[k] = slices.Clone(v)
	}
	return out
}

// approximate reports whether a place is only a province's or a country's
// centre.
func approximate(p *sitrep.Place) bool { return p != nil && approxPrecision(p.Precision) }

func approxPrecision(p string) bool { return store.ApproximatePrecision(p) }

// needsFull reports whether q reads more than an incident's row: its
// reports' review states, or the actors in a role.
func (q incidentQuery) needsFull() bool {
	return q.review != "" || q.perpetrator != "" || q.target != ""
}

// keepRow applies what q asks of a row beyond the store's filter.
func (q incidentQuery) keepRow(r store.IncidentRow) bool {
	switch {
	case q.types != nil && !slices.Contains(q.types, r.Type),
		q.startIn && (r.Start == "" || q.f.Since != "" && r.Start < q.f.Since),
		q.exact && approxPrecision(r.Precision):
		return false
	}
	return true
}

// keepFull applies what q asks of a whole incident.
func (q incidentQuery) keepFull(inc *consolidate.Incident, reviews map[string]string) bool {
	switch {
	case q.review != "" && incidentReview(inc, reviews) != q.review,
		q.perpetrator != "" && !hasActor(inc.Perpetrators, q.perpetrator),
		q.target != "" && !hasActor(inc.Targets, q.target):
		return false
	}
	return true
}

// allIncidents bounds what one request reads of whole incidents.
const allIncidents = 1 << 30

// eachRow calls fn with the row of every incident matching q, newest
// first, and returns how many match: from the store's compact rows, or
// from whole incidents when q needs them.
func (s *Server) eachRow(ctx context.Context, q incidentQuery, fn func(store.IncidentRow)) (int, error) {
	if q.needsFull() {
		reviews, err := s.reviewStates(ctx)
		if err != nil {
			return 0, err
		}
		return s.eachIncident(ctx, q, reviews, func(inc *store.Incident) { fn(store.IncidentRowOf(inc.Incident)) })
	}
	f := q.f
	f.Offset, f.Limit = 0, 0
	total := 0
	_, err := s.c.ScanIncidents(ctx, f, func(r store.IncidentRow) error {
		if q.keepRow(r) {
			total++
			fn(r)
		}
		return nil
	})
	return total, err
}

// eachIncident calls fn with every whole incident matching q, newest
// first, and returns how many match. reviews is needed when q filters by
// review state.
func (s *Server) eachIncident(ctx context.Context, q incidentQuery, reviews map[string]string, fn func(*store.Incident)) (int, error) {
	total, _, err := s.eachIncidentUpTo(ctx, q, reviews, allIncidents, fn)
	return total, err
}

// eachIncidentUpTo is eachIncident over at most the n newest incidents the
// store's filters give; more says whether the store held more.
func (s *Server) eachIncidentUpTo(ctx context.Context, q incidentQuery, reviews map[string]string, n int, fn func(*store.Incident)) (total int, more bool, err error) {
	f := q.f
	f.Offset, f.Limit = 0, n+1 // the one past n only says there are more
	if f.Actor == "" {
		// An incident whose reports name an actor as perpetrator or
		// target names it: the store's actor filter (an index) reads
		// those and a few more, and keepFull keeps the right ones.
		f.Actor = cmp.Or(q.perpetrator, q.target)
	}
	incs, _, err := s.c.Incidents(ctx, f)
	if err != nil {
		return 0, false, err
	}
	more = len(incs) > n
	for i := range incs[:min(len(incs), n)] {
		inc := &incs[i]
		if q.keepRow(store.IncidentRowOf(inc.Incident)) && q.keepFull(&inc.Incident, reviews) {
			total++
			fn(inc)
		}
	}
	return total, more, nil
}

func hasActor(ts []consolidate.ActorTally, id string) bool {
	return slices.ContainsFunc(ts, func(t consolidate.ActorTally) bool { return t.ID == id })
}

// needsReviews reports whether q or its order reads review states.
func (q incidentQuery) needsReviews() bool {
	return q.review != "" || strings.TrimPrefix(q.sort, "-") == "review"
}

// rowSorts are the orders a row holds what to sort by.
var rowSorts = []string{"", "date", "killed", "reports", "type", "place", "weight"}

// matchIncidents returns the incidents matching q in q's order, whole, and
// the review states; with page set, only the page of q's limit and offset
// is read whole, and total counts them all.
func (s *Server) matchIncidents(ctx context.Context, q incidentQuery, page bool) ([]*store.Incident, int, map[string]string, error) {
	reviews, err := s.reviewStates(ctx)
	if err != nil {
		return nil, 0, nil, err
	}
	key := strings.TrimPrefix(q.sort, "-")
	desc := q.sort == "" || strings.HasPrefix(q.sort, "-")
	if slices.Contains(rowSorts, key) && !q.needsFull() {
		var rows []store.IncidentRow
		if _, err := s.eachRow(ctx, q, func(r store.IncidentRow) { rows = append(rows, r) }); err != nil {
			return nil, 0, nil, err
		}
		if key != "" && key != "date" || !desc {
			by := func(a, b store.IncidentRow) int {
				switch key {
				case "killed":
					return cmp.Compare(a.Killed, b.Killed)
				case "reports":
					return cmp.Compare(a.Reports, b.Reports)
				case "weight":
					return cmp.Or(cmp.Compare(a.Killed, b.Killed), cmp.Compare(a.Reports, b.Reports))
				case "type":
					return cmp.Compare(a.Type, b.Type)
				case "place":
					return cmp.Compare(strings.ToLower(a.Place), strings.ToLower(b.Place))
				}
				return cmp.Compare(a.Start, b.Start)
			}
			// Stable, so that ties stay newest first.
			slices.SortStableFunc(rows, func(a, b store.IncidentRow) int {
				if desc {
					return by(b, a)
				}
				return by(a, b)
			})
		}
		total := len(rows)
		if page {
			rows = pageOf(rows, q.limit, q.offset)
		}
		out := make([]*store.Incident, 0, len(rows))
		for _, r := range rows {
			inc, err := s.c.Incident(ctx, r.ID)
			if err != nil {
				return nil, 0, nil, err
			}
			out = append(out, &inc)
		}
		return out, total, reviews, nil
	}
	var out []*store.Incident
	if _, err := s.eachIncident(ctx, q, reviews, func(inc *store.Incident) { out = append(out, inc) }); err != nil {
		return nil, 0, nil, err
	}
	if key != "" && key != "date" || !desc {
		var outlets map[string]int
		if key == "outlets" {
			outlets = map[string]int{}
			for i, inc := range out {
				if i%outletBatch == 0 {
					s.fetchOutlets(ctx, out[i:min(len(out), i+outletBatch)])
				}
				outlets[inc.ID] = s.outletCount(ctx, &inc.Incident)
			}
		}
		by := func(a, b *store.Incident) int {
			switch key {
			case "killed":
				return cmp.Compare(best(a.Killed), best(b.Killed))
			case "reports":
				return cmp.Compare(len(a.Events), len(b.Events))
			case "weight":
				return cmp.Or(cmp.Compare(best(a.Killed), best(b.Killed)), cmp.Compare(len(a.Events), len(b.Events)))
			case "outlets":
				return cmp.Compare(outlets[a.ID], outlets[b.ID])
			case "type":
				return cmp.Compare(a.Type, b.Type)
			case "place":
				return cmp.Compare(placeName(a.Place), placeName(b.Place))
			case "review":
				return cmp.Compare(incidentReview(&a.Incident, reviews), incidentReview(&b.Incident, reviews))
			}
			return cmp.Compare(a.Date.Start, b.Date.Start)
		}
		slices.SortStableFunc(out, func(a, b *store.Incident) int {
			if desc {
				return by(b, a)
			}
			return by(a, b)
		})
	}
	total := len(out)
	if page {
		out = pageOf(out, q.limit, q.offset)
	}
	return out, total, reviews, nil
}

// best is a range's best figure, -1 when none is reported, so that
// incidents without a figure sort apart from those reporting zero.
func best(r consolidate.Range) int {
	if r.Best == nil {
		return -1
	}
	return *r.Best
}

func placeName(p *sitrep.Place) string {
	if p == nil {
		return ""
	}
	return strings.ToLower(p.Name)
}

// incidentRow is one incident as the table and the review queue show it.
type incidentRow struct {
	ID           string                   `json:"id"`
	Version      string                   `json:"version"`
	Type         string                   `json:"type"`
	Date         sitrep.Date              `json:"date"`
	Place        *sitrep.Place            `json:"place"`
	Approximate  bool                     `json:"approximate"` // placed at a province's or country's centre
	Killed       consolidate.Range        `json:"killed"`
	Injured      consolidate.Range        `json:"injured"`
	Perpetrators []consolidate.ActorTally `json:"perpetrators"`
	Targets      []consolidate.ActorTally `json:"targets"`
	ClaimedBy    []consolidate.ActorTally `json:"claimed_by"`
	Reports      int                      `json:"reports"`
	Documents    int                      `json:"documents"`
	Outlets      int                      `json:"outlets"`
	Modalities   []string                 `json:"modalities"` // how the reports present it
	Review       string                   `json:"review"`
}

func (s *Server) row(ctx context.Context, si *store.Incident, reviews map[string]string) incidentRow {
	inc := &si.Incident
	r := incidentRow{ID: inc.ID, Version: incidentVersion(si, reviews), Type: inc.Type, Date: inc.Date, Place: inc.Place,
		Approximate: approximate(inc.Place), Killed: inc.Killed, Injured: inc.Injured,
		Perpetrators: orEmpty(inc.Perpetrators), Targets: orEmpty(inc.Targets), ClaimedBy: orEmpty(inc.ClaimedBy),
		Reports: len(inc.Events), Documents: len(inc.Documents), Outlets: s.outletCount(ctx, inc),
		Review: incidentReview(inc, reviews), Modalities: []string{}}
	r.Killed.Figures, r.Injured.Figures = nil, nil
	for _, e := range inc.Events {
		if m := cmp.Or(e.Modality, sitrep.Asserted); !slices.Contains(r.Modalities, m) {
			r.Modalities = append(r.Modalities, m)
		}
	}
	return r
}

func orEmpty(a []consolidate.ActorTally) []consolidate.ActorTally {
	if a == nil {
		return []consolidate.ActorTally{}
	}
	return a
}

// outletCount counts the distinct outlets among an incident's documents.
func (s *Server) outletCount(ctx context.Context, inc *consolidate.Incident) int {
	seen := map[string]bool{}
	for _, d := range inc.Documents {
		seen[strings.ToLower(s.outlet(ctx, d))] = true
	}
	return len(seen)
}

// outlet returns a document's outlet (its id when unknown), from a cache:
// a document's outlet never changes. The cache is emptied when it holds
// maxOutlets documents, which bounds its memory.
func (s *Server) outlet(ctx context.Context, docID string) string {
	s.outletMu.Lock()
	o, ok := s.outlets[docID]
	s.outletMu.Unlock()
	if ok {
		return o
	}
	o = docID
	if orig, err := s.c.Store().Original(ctx, docID); err == nil && orig.Outlet != "" {
		o = orig.Outlet
	}
	s.outletMu.Lock()
	if s.outlets == nil || len(s.outlets) >= maxOutlets {
		s.outlets = map[string]string{}
	}
	s.outlets[docID] = o
	s.outletMu.Unlock()
	return o
}

const maxOutlets = 200_000

// outletBatch is how many incidents' outlets fetchOutlets reads at once
// when a request goes through more.
const outletBatch = 500

// fetchOutlets puts the outlets of the documents of incs that the cache
// lacks into it in one read of the store: a page of incidents names
// hundreds of documents, each a round trip to PostgreSQL when read one
// at a time. On an error outlet reads them one by one.
func (s *Server) fetchOutlets(ctx context.Context, incs []*store.Incident) {
	var missing []string
	s.outletMu.Lock()
	for _, inc := range incs {
		for _, d := range inc.Documents {
			if _, ok := s.outlets[d]; !ok {
				missing = append(missing, d)
			}
		}
	}
	s.outletMu.Unlock()
	if len(missing) == 0 {
		return
	}
	got, err := s.c.Store().Originals(ctx, missing)
	if err != nil {
		return
	}
	s.outletMu.Lock()
	if s.outlets == nil || len(s.outlets)+len(missing) > maxOutlets {
		s.outlets = map[string]string{}
	}
	for _, d := range missing {
		s.outlets[d] = cmp.Or(got[d].Outlet, d)
	}
	s.outletMu.Unlock()
}

// pageOf returns the part of a list from offset, at most limit long.
func pageOf[T any](all []T, limit, offset int) []T {
	if offset >= len(all) {
		return nil
	}
	return all[offset:min(len(all), offset+limit)]
}

// incidents lists the incidents of the shared filters as table rows, in
// the order asked for, a page at a time, with the total.
func (s *Server) incidents(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	q, err := parseIncidentQuery(r.URL.Query())
	if badRequest(w, err) {
		return
	}
	var page []*store.Incident
	var total int
	var reviews map[string]string
	if q.storeOrder() {
		page, total, reviews, err = s.storePage(r.Context(), q)
	} else {
		page, total, reviews, err = s.matchIncidents(r.Context(), q, true)
	}
	if err != nil {
		fail(w, err)
		return
	}
	s.fetchOutlets(r.Context(), page)
	rows := []incidentRow{}
	for _, inc := range page {
		rows = append(rows, s.row(r.Context(), inc, reviews))
	}
	// A total above store.CountCap is "more than" it (total_capped):
	// counting every match of a broad filter over a million incidents
	// would cost more than the page.
	writeJSON(w, http.StatusOK, map[string]any{"incidents": rows, "total": total, "total_capped": total > store.CountCap,
		"limit": q.limit, "offset": q.offset})
}

// storeOrder reports whether the store's filter is the whole of q and its
// order q's (newest first): the store then pages the incidents itself.
func (q incidentQuery) storeOrder() bool {
	return (q.sort == "" || q.sort == "-date") && !q.needsFull() && q.types == nil && !q.exact && !q.startIn
}

// storePage reads a page of the incidents matching q from the store, and
// how many match (up to store.CountCap+1).
func (s *Server) storePage(ctx context.Context, q incidentQuery) ([]*store.Incident, int, map[string]string, error) {
	reviews, err := s.reviewStates(ctx)
	if err != nil {
		return nil, 0, nil, err
	}
	f := q.f
	f.Limit, f.Offset = q.limit, q.offset
	incs, total, err := s.c.Incidents(ctx, f)
	if err != nil {
		return nil, 0, nil, err
	}
	out := make([]*store.Incident, len(incs))
	for i := range incs {
		out[i] = &incs[i]
	}
	return out, total, reviews, nil
}

// incidentAnswer is one incident with its version and review states.
type incidentAnswer struct {
	store.Incident
	Version string `json:"version"`
	Review  string `json:"review"`
	// ReportReviews gives each report's review state (absent: none).
	ReportReviews map[string]string `json:"report_reviews"`
	Outlets       map[string]string `json:"outlets"` // document id → outlet
}

func (s *Server) incidentAnswer(ctx context.Context, id string) (incidentAnswer, error) {
	inc, err := s.c.Incident(ctx, id)
	if err != nil {
		return incidentAnswer{}, err
	}
	reviews, err := s.reviewStates(ctx)
	if err != nil {
		return incidentAnswer{}, err
	}
	a := incidentAnswer{Incident: inc, Version: incidentVersion(&inc, reviews), Review: incidentReview(&inc.Incident, reviews),
		ReportReviews: map[string]string{}, Outlets: map[string]string{}}
	for _, e := range inc.Events {
		if st := reviews[e.Key]; st != "" {
			a.ReportReviews[e.Key] = st
		}
	}
	s.fetchOutlets(ctx, []*store.Incident{&inc})
	for _, d := range inc.Documents {
		a.Outlets[d] = s.outlet(ctx, d)
	}
	return a, nil
}

func (s *Server) incident(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	a, err := s.incidentAnswer(r.Context(), r.PathValue("id"))
	if err != nil {
		fail(w, err)
		return
	}
	w.Header().Set("ETag", etag(a.Version))
	writeJSON(w, http.StatusOK, a)
}

// lockIncident takes the change lock and checks If-Match against the
// incident's version; on success the caller holds changeMu and must
// unlock it.
func (s *Server) lockIncident(w http.ResponseWriter, r *http.Request, id string) (incidentAnswer, bool) {
	s.changeMu.Lock()
	a, err := s.incidentAnswer(r.Context(), id)
	if err != nil {
		s.changeMu.Unlock()
		fail(w, err)
		return a, false
	}
	if !ifMatch(w, r, a.Version) {
		s.changeMu.Unlock()
		return a, false
	}
	return a, true
}

// answerIncident writes an incident after a change, with its new version.
func (s *Server) answerIncident(w http.ResponseWriter, r *http.Request, id string) {
	a, err := s.incidentAnswer(r.Context(), id)
	if err != nil {
		fail(w, err)
		return
	}
	w.Header().Set("ETag", etag(a.Version))
	writeJSON(w, http.StatusOK, a)
}

// merge joins another incident into this one; If-Match holds this one's
// version, as the dossier showed it.
func (s *Server) merge(w http.ResponseWriter, r *http.Request, sess auth.Session) {
	var req struct {
		Other string `json:"other"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 4096)).Decode(&req); err != nil || req.Other == "" {
		writeError(w, http.StatusBadRequest, `send {"other": the id of the incident to merge into this one}`)
		return
	}
	id := r.PathValue("id")
	if _, ok := s.lockIncident(w, r, id); !ok {
		return
	}
	inc, err := s.c.Merge(r.Context(), id, req.Other, sess.User)
	s.changeMu.Unlock()
	if err != nil {
		fail(w, err)
		return
	}
	s.auth.Audit(r.Context(), auth.AuditEntry{User: sess.User, Action: "merge", Object: id + " " + req.Other, Detail: "kept " + inc.ID, IP: s.clientIP(r)})
	s.answerIncident(w, r, inc.ID)
}

// split takes one report out of this incident into an incident of its own.
func (s *Server) split(w http.ResponseWriter, r *http.Request, sess auth.Session) {
	var req struct {
		Event string `json:"event"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 4096)).Decode(&req); err != nil || req.Event == "" {
		writeError(w, http.StatusBadRequest, `send {"event": the key of the report to split off}`)
		return
	}
	id := r.PathValue("id")
	if _, ok := s.lockIncident(w, r, id); !ok {
		return
	}
	inc, err := s.c.Split(r.Context(), id, req.Event, sess.User)
	s.changeMu.Unlock()
	if err != nil {
		fail(w, err)
		return
	}
	s.auth.Audit(r.Context(), auth.AuditEntry{User: sess.User, Action: "split", Object: id + " " + req.Event, Detail: "now " + inc.ID, IP: s.clientIP(r)})
	s.answerIncident(w, r, inc.ID)
}

// review confirms or rejects every report of an incident at once: what
// the review queue's keys and bulk actions send, one incident a request,
// each with the version the queue showed.
func (s *Server) review(w http.ResponseWriter, r *http.Request, sess auth.Session) {
	var req struct {
		Status string `json:"status"`
		Note   string `json:"note"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&req); err != nil || (req.Status != store.EditConfirm && req.Status != store.EditReject) {
		writeError(w, http.StatusBadRequest, `send {"status": "confirm" or "reject", "note": why}`)
		return
	}
	id := r.PathValue("id")
	a, ok := s.lockIncident(w, r, id)
	if !ok {
		return
	}
	var err error
	for _, e := range a.Events {
		if _, err = s.c.AddEdit(r.Context(), store.Edit{EventKey: e.Key, Status: req.Status, Note: req.Note, Who: sess.User}); err != nil {
			break
		}
	}
	s.changeMu.Unlock()
	if err != nil {
		fail(w, err)
		return
	}
	s.auth.Audit(r.Context(), auth.AuditEntry{User: sess.User, Action: req.Status, Object: id,
		Detail: fmt.Sprintf("%d report(s)%s", len(a.Events), noteSuffix(req.Note)), IP: s.clientIP(r)})
	if req.Status == store.EditReject {
		writeJSON(w, http.StatusOK, map[string]any{"rejected": id, "reports": len(a.Events)})
		return
	}
	// A confirmed incident keeps its id unless the corpus placed it anew.
	now := id
	if len(a.Events) > 0 {
		if cur, ok := s.c.IncidentOf(r.Context(), a.Events[0].Key); ok {
			now = cur
		}
	}
	s.answerIncident(w, r, now)
}

func noteSuffix(note string) string {
	if note == "" {
		return ""
	}
	return ": " + note
}

// exportIncidents streams the incidents of the table's view (its filters
// and its order, every page) as CSV, GeoJSON or JSON Lines; audited.
func (s *Server) exportIncidents(w http.ResponseWriter, r *http.Request, sess auth.Session) {
	q, err := parseIncidentQuery(r.URL.Query())
	if badRequest(w, err) {
		return
	}
	format := r.URL.Query().Get("format")
	var write func(export.Incident) error
	var done func() error
	switch format {
	case "csv", "":
		format = "csv"
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		c := export.NewIncidentCSV(w)
		write, done = c.Write, c.Close
	case "jsonl":
		w.Header().Set("Content-Type", "application/x-ndjson")
		j := export.NewJSONL(w)
		write, done = func(inc export.Incident) error { return j.Write(inc) }, j.Close
	case "geojson":
		w.Header().Set("Content-Type", "application/geo+json")
		g := export.NewGeoJSON(w)
		write, done = g.WriteIncident, g.Close
	default:
		writeError(w, http.StatusBadRequest, "format: csv, jsonl or geojson")
		return
	}
	all, _, reviews, err := s.matchIncidents(r.Context(), q, false)
	if err != nil {
		fail(w, err)
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="sitrep-incidents.`+format+`"`)
	s.auth.Audit(r.Context(), auth.AuditEntry{User: sess.User, Action: "export", Object: "incidents." + format,
		Detail: fmt.Sprintf("%d incidents; %s", len(all), r.URL.RawQuery), IP: s.clientIP(r)})
	for i, inc := range all {
		if i%outletBatch == 0 {
			s.fetchOutlets(r.Context(), all[i:min(len(all), i+outletBatch)])
		}
		var outlets []string
		for _, d := range inc.Documents {
			if o := s.outlet(r.Context(), d); !slices.Contains(outlets, o) {
				outlets = append(outlets, o)
			}
		}
		if write(export.Incident{Incident: inc.Incident, Outlets: outlets, Review: incidentReview(&inc.Incident, reviews)}) != nil {
			return // the header is sent; the client sees a cut stream
		}
	}
	done()
}
