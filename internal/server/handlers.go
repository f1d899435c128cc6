package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"sitrep"
	"sitrep/internal/auth"
	"sitrep/internal/corpus"
	"sitrep/internal/export"
	"sitrep/internal/ingest"
	"sitrep/internal/store"
)

// maxPage caps a page of results.
const maxPage = 1000

// filterError is a bad query parameter.
type filterError struct{ msg string }

func (e filterError) Error() string { return e.msg }

// eventFilter reads the filters shared by events and incidents.
func eventFilter(q url.Values) (store.EventFilter, error) {
	f := store.EventFilter{Type: q.Get("type"), Since: q.Get("since"), Until: q.Get("until"), Place: q.Get("place"),
		Actor: q.Get("actor"), Text: q.Get("text"), DocID: q.Get("doc"), Language: q.Get("language"), IncludeRejected: q.Get("rejected") == "true"}
	if !validLanguage(f.Language) {
		return f, filterError{"language: a code such as en or ur"}
	}
	if f.Type != "" && !oneOf(f.Type, sitrep.EventTypes) {
		return f, filterError{"type: one of " + strings.Join(sitrep.EventTypes, ", ")}
	}
	for _, d := range []struct{ name, v string }{{"since", f.Since}, {"until", f.Until}} {
		if d.v != "" {
			if _, err := time.Parse("2006-01-02", d.v); err != nil {
				return f, filterError{d.name + ": a date written YYYY-MM-DD"}
			}
		}
	}
	if n := q.Get("near"); n != "" {
		p := strings.Split(n, ",")
		var v [3]float64
		ok := len(p) == 3
		for i := 0; ok && i < 3; i++ {
			x, err := strconv.ParseFloat(strings.TrimSpace(p[i]), 64)
			ok = err == nil
			v[i] = x
		}
		// Written as what must hold, so that NaN (which fails every
		// comparison) is refused too.
		inRange := v[0] >= -90 && v[0] <= 90 && v[1] >= -180 && v[1] <= 180 && v[2] > 0 && v[2] <= 20040
		if !ok || !inRange {
			return f, filterError{"near: LAT,LON,KM"}
		}
		f.Near = &store.Near{Lat: v[0], Lon: v[1], KM: v[2]}
	}
	var err error
	if f.Limit, f.Offset, err = page(q); err != nil {
		return f, err
	}
	if q.Get("order") == "asc" {
		f.Order = store.OldestFirst
	}
	return f, nil
}

// validLanguage accepts "" or two or three lower-case letters.
func validLanguage(l string) bool {
	if l == "" {
		return true
	}
	for _, c := range l {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return len(l) == 2 || len(l) == 3
}

func page(q url.Values) (limit, offset int, err error) {
	limit, offset = store.DefaultLimit, 0
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > maxPage {
			return 0, 0, filterError{fmt.Sprintf("limit: 1 to %d", maxPage)}
		}
	}
	if v := q.Get("offset"); v != "" {
		if offset, err = strconv.Atoi(v); err != nil || offset < 0 {
			return 0, 0, filterError{"offset: 0 or more"}
		}
	}
	return limit, offset, nil
}

func oneOf(s string, set []string) bool {
	for _, x := range set {
		if x == s {
			return true
		}
	}
	return false
}

func badRequest(w http.ResponseWriter, err error) bool {
	var fe filterError
	if errors.As(err, &fe) {
		writeError(w, http.StatusBadRequest, fe.msg)
		return true
	}
	return false
}

type loginRequest struct {
	User     string `json:"user"`
	Password string `json:"password"`
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	var req loginRequest
	if err := json.NewDecoder(io.LimitReader(r.Body, 4096)).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "send {\"user\":…, \"password\":…}")
		return
	}
	sess, err := s.auth.Login(r.Context(), req.User, req.Password, s.clientIP(r))
	switch {
	case errors.Is(err, auth.ErrRateLimited):
		w.Header().Set("Retry-After", "900")
		writeError(w, http.StatusTooManyRequests, err.Error())
		return
	case errors.Is(err, auth.ErrBusy):
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, err.Error())
		return
	case errors.Is(err, auth.ErrBadPassword):
		writeError(w, http.StatusUnauthorized, err.Error())
		return
	case err != nil:
		fail(w, err)
		return
	}
	// The session this browser had before, if any, ends: a login always
	// starts a fresh session id.
	if c, err := r.Cookie(cookieName); err == nil {
		if old, err := s.auth.Session(r.Context(), c.Value); err == nil {
			s.auth.EndSession(r.Context(), old)
		}
	}
	s.setCookie(w, sess)
	writeJSON(w, http.StatusOK, map[string]any{"user": sess.User, "role": sess.Role, "csrf": sess.CSRF, "expires_at": sess.ExpiresAt})
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, sess auth.Session) {
	s.auth.Logout(r.Context(), sess, s.clientIP(r))
	s.clearCookie(w)
	writeJSON(w, http.StatusOK, map[string]string{"status": "logged out"})
}

func (s *Server) me(w http.ResponseWriter, r *http.Request, sess auth.Session) {
	writeJSON(w, http.StatusOK, map[string]any{"user": sess.User, "role": sess.Role, "csrf": sess.CSRF, "expires_at": sess.ExpiresAt})
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	st, err := s.c.Store().Stats(r.Context())
	if err != nil {
		fail(w, err)
		return
	}
	// changes grows with every write of any process (the custody log's
	// size): a page that polls it knows when to read its lists again.
	out := map[string]any{"store": st, "changes": st.LogRecords}
	if views, err := s.c.ViewsState(r.Context()); err == nil {
		_, total, err := s.c.Incidents(r.Context(), store.IncidentFilter{Limit: 1})
		if err != nil {
			fail(w, err)
			return
		}
		out["incidents"], out["views"] = total, views
	} else if !errors.Is(err, corpus.ErrNoViews) {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// errEnough stops a scan once a page is full.
var errEnough = errors.New("page full")

// documents lists the captured originals in the order they were
// registered (the custody log's), a page at a time; outlet, when given,
// keeps those whose outlet contains it, ignoring case.
func (s *Server) documents(w http.ResponseWriter, r *http.Request, sess auth.Session) {
	q := r.URL.Query()
	limit, offset, err := page(q)
	if badRequest(w, err) {
		return
	}
	outlet := strings.ToLower(q.Get("outlet"))
	out := []store.Original{}
	seen := 0
	err = s.c.Store().ScanOriginals(r.Context(), func(o store.Original) error {
		if outlet != "" && !strings.Contains(strings.ToLower(o.Outlet), outlet) {
			return nil
		}
		seen++
		if seen > offset {
			out = append(out, forRole(o, sess))
		}
		if len(out) == limit {
			return errEnough
		}
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"documents": out, "limit": limit, "offset": offset})
}

// document serves a document's text as JSON: text, never HTML.
func (s *Server) document(w http.ResponseWriter, r *http.Request, sess auth.Session) {
	d, err := s.c.Store().Document(r.Context(), r.PathValue("id"))
	if err != nil {
		fail(w, err)
		return
	}
	o, _ := s.c.Store().Original(r.Context(), d.ID)
	writeJSON(w, http.StatusOK, map[string]any{"document": d, "original": forRole(o, sess)})
}

// original serves the bytes as captured, as a download that no browser
// renders in the app's origin.
func (s *Server) original(w http.ResponseWriter, r *http.Request, sess auth.Session) {
	hash := r.PathValue("hash")
	rc, err := s.c.Store().OpenOriginal(r.Context(), hash)
	if err != nil {
		fail(w, err)
		return
	}
	defer rc.Close()
	h := w.Header()
	// text/plain with nosniff, as an attachment and sandboxed: archived
	// HTML is never rendered in the app's origin.
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="`+strings.ReplaceAll(strings.TrimPrefix(hash, "sha256:"), `"`, "")+`.orig"`)
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	s.auth.Audit(r.Context(), auth.AuditEntry{User: sess.User, Action: "export", Object: hash, Detail: "original", IP: s.clientIP(r)})
	io.Copy(w, rc)
}

// eventItem is an event in a list, with the incident it belongs to.
type eventItem struct {
	store.Event
	Incident string `json:"incident,omitempty"`
	Version  string `json:"version"`
}

func (s *Server) events(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	f, err := eventFilter(r.URL.Query())
	if badRequest(w, err) {
		return
	}
	evs, err := s.c.Store().Events(r.Context(), f)
	if err != nil {
		fail(w, err)
		return
	}
	keys := make([]string, len(evs))
	for i, e := range evs {
		keys[i] = e.Key
	}
	of, err := s.c.IncidentsOf(r.Context(), keys)
	if err != nil {
		fail(w, err)
		return
	}
	out := make([]eventItem, len(evs))
	for i, e := range evs {
		out[i] = eventItem{Event: e, Incident: of[e.Key], Version: eventVersion(e, of[e.Key])}
	}
	writeJSON(w, http.StatusOK, map[string]any{"events": out, "limit": f.Limit, "offset": f.Offset})
}

func (s *Server) event(w http.ResponseWriter, r *http.Request, sess auth.Session) {
	key := r.PathValue("key")
	d, err := s.c.Store().Event(r.Context(), key)
	if err != nil {
		fail(w, err)
		return
	}
	for i := range d.Sources {
		d.Sources[i].Original = forRole(d.Sources[i].Original, sess)
	}
	inc, _ := s.c.IncidentOf(r.Context(), key)
	var text string
	if doc, err := s.c.Store().Document(r.Context(), d.Event.DocID); err == nil {
		text = doc.Text
	}
	v := eventVersion(d.Event, inc)
	w.Header().Set("ETag", etag(v))
	writeJSON(w, http.StatusOK, map[string]any{"dossier": d, "incident": inc, "text": text, "version": v})
}

func (s *Server) eventEdits(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	es, err := s.c.Store().Edits(r.Context(), store.EditFilter{EventKey: r.PathValue("key")})
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"edits": es})
}

type editRequest struct {
	Status string `json:"status"` // confirm, reject, edit
	Field  string `json:"field,omitempty"`
	Value  string `json:"value,omitempty"`
	Note   string `json:"note,omitempty"`
}

func (s *Server) addEdit(w http.ResponseWriter, r *http.Request, sess auth.Session) {
	key := r.PathValue("key")
	var req editRequest
	if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "send {\"status\":\"confirm|reject|edit\", \"field\":…, \"value\":…, \"note\":…}")
		return
	}
	s.changeMu.Lock()
	d, err := s.c.Store().Event(r.Context(), key)
	if err != nil {
		s.changeMu.Unlock()
		fail(w, err)
		return
	}
	inc, _ := s.c.IncidentOf(r.Context(), key)
	if !ifMatch(w, r, eventVersion(d.Event, inc)) {
		s.changeMu.Unlock()
		return
	}
	e, err := s.c.AddEdit(r.Context(), store.Edit{EventKey: key, Status: req.Status, Field: req.Field, Value: req.Value, Note: req.Note, Who: sess.User})
	s.changeMu.Unlock()
	if err != nil {
		fail(w, err)
		return
	}
	s.auth.Audit(r.Context(), auth.AuditEntry{User: sess.User, Action: "edit", Object: key, Detail: strings.TrimSpace(req.Status + " " + req.Field + " " + req.Value), IP: s.clientIP(r)})
	// The answer carries the event's new version, for the next change.
	if d, err := s.c.Store().Event(r.Context(), key); err == nil {
		inc, _ := s.c.IncidentOf(r.Context(), key)
		w.Header().Set("ETag", etag(eventVersion(d.Event, inc)))
	}
	writeJSON(w, http.StatusCreated, e)
}

// incidentFilter is the incident form of an event filter from the query.
func incidentFilter(f store.EventFilter) store.IncidentFilter {
	return store.IncidentFilter{Type: f.Type, Since: f.Since, Until: f.Until, Place: f.Place,
		Near: f.Near, Actor: f.Actor, Text: f.Text, Limit: f.Limit, Offset: f.Offset}
}

func (s *Server) actors(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	q := r.URL.Query()
	limit, offset, err := page(q)
	if badRequest(w, err) {
		return
	}
	as, err := s.c.Store().Actors(r.Context(), store.ActorFilter{Name: q.Get("name"), Type: q.Get("type"), Limit: limit, Offset: offset})
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"actors": as, "limit": limit, "offset": offset})
}

func (s *Server) claims(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	q := r.URL.Query()
	limit, offset, err := page(q)
	if badRequest(w, err) {
		return
	}
	cf := store.ClaimFilter{Speaker: q.Get("speaker"), Relation: q.Get("relation"), Actor: q.Get("actor"), Text: q.Get("text"),
		Since: q.Get("since"), Until: q.Get("until"), Language: q.Get("language"), Limit: limit, Offset: offset}
	if !validLanguage(cf.Language) {
		badRequest(w, filterError{"language: a code such as en or ur"})
		return
	}
	cs, err := s.c.Store().Claims(r.Context(), cf)
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"claims": cs, "limit": limit, "offset": offset})
}

// graph is the claim graph: the whole of it, or with ?actor= the edges
// where that actor is subject, object or speaker; at most edges of them
// (default graphEdges), those of most claims.
func (s *Server) graph(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	limit := graphEdges
	if v := r.URL.Query().Get("edges"); v != "" {
		var err error
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > graphEdgesMax {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("edges: a number from 1 to %d", graphEdgesMax))
			return
		}
	}
	g, truncated, err := s.c.Graph(r.Context(), r.URL.Query().Get("actor"), limit)
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"graph": g, "contradictions": g.Contradictions, "truncated": truncated})
}

// The claim graph's default and largest number of edges per request.
const (
	graphEdges    = 200
	graphEdgesMax = 100_000
)

// search finds documents, best first, a page at a time with the total;
// each hit lists the events read from its document and their incidents.
func (s *Server) search(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	q := r.URL.Query()
	if strings.TrimSpace(q.Get("q")) == "" {
		writeError(w, http.StatusBadRequest, "q: a search query")
		return
	}
	limit, offset, err := page(q)
	if badRequest(w, err) {
		return
	}
	hits, total, err := s.c.Store().SearchPage(r.Context(), q.Get("q"), limit, offset)
	if err != nil {
		fail(w, err)
		return
	}
	type hitEvent struct {
		Key      string        `json:"key"`
		Type     string        `json:"type"`
		Date     *sitrep.Date  `json:"date"`
		Place    *sitrep.Place `json:"place"`
		Incident string        `json:"incident,omitempty"`
	}
	type hit struct {
		store.Hit
		Events []hitEvent `json:"events"`
	}
	out := make([]hit, len(hits))
	for i, h := range hits {
		out[i] = hit{Hit: h, Events: []hitEvent{}}
		evs, err := s.c.Store().Events(r.Context(), store.EventFilter{DocID: h.DocID, Order: store.OldestFirst, Limit: maxPage})
		if err != nil {
			fail(w, err)
			return
		}
		for _, e := range evs {
			inc, _ := s.c.IncidentOf(r.Context(), e.Key)
			out[i].Events = append(out[i].Events, hitEvent{Key: e.Key, Type: e.Event.Type, Date: e.Event.Date, Place: e.Event.Place, Incident: inc})
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"hits": out, "total": total, "limit": limit, "offset": offset})
}

// appendJSONString appends s as a JSON string: as it is when it needs no
// escaping (incident ids never do), else through encoding/json, which
// also escapes <, > and & as writeJSON does.
func appendJSONString(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || strings.IndexByte(`"\<>&`, c) >= 0 {
			b, _ := json.Marshal(s)
			return append(buf, b...)
		}
	}
	buf = append(buf, '"')
	buf = append(buf, s...)
	return append(buf, '"')
}

// ingest stores an uploaded file, or captures a URL, streaming progress
// as JSON lines: {"progress":…} while it runs, then {"summary":…} or
// {"error":…}.
func (s *Server) ingest(w http.ResponseWriter, r *http.Request, sess auth.Session) {
	r.Body = http.MaxBytesReader(w, r.Body, 256<<20)
	var run func(corpus.IngestOptions) (corpus.Summary, error)
	var object string
	if u := strings.TrimSpace(r.FormValue("url")); u != "" {
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			writeError(w, http.StatusBadRequest, "url: an http or https address")
			return
		}
		object = u
		run = func(opt corpus.IngestOptions) (corpus.Summary, error) {
			opt.Walk = ingest.WalkOptions{Fetch: true, FetchPrivate: s.private}
			return s.c.Ingest(r.Context(), []string{u}, nil, opt)
		}
	} else {
		file, hdr, err := r.FormFile("file")
		if err != nil {
			writeError(w, http.StatusBadRequest, "send the file as multipart form field \"file\" (at most 256 MiB), or an address as field \"url\"")
			return
		}
		defer file.Close()
		object = hdr.Filename
		run = func(opt corpus.IngestOptions) (corpus.Summary, error) {
			return s.c.IngestFile(r.Context(), hdr.Filename, file, opt)
		}
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	enc := json.NewEncoder(w)
	flusher, _ := w.(http.Flusher)
	emit := func(v any) {
		enc.Encode(v)
		if flusher != nil {
			flusher.Flush()
		}
	}
	sum, err := run(corpus.IngestOptions{Queue: s.c.Queued(), Progress: func(p corpus.Progress) { emit(map[string]any{"progress": p}) }})
	s.auth.Audit(r.Context(), auth.AuditEntry{User: sess.User, Action: "ingest", Object: auth.AuditName(object),
		Detail: fmt.Sprintf("%d new, %d duplicates, %d failed, %d skipped", sum.New, sum.Duplicate, sum.Failed, sum.Skipped), IP: s.clientIP(r)})
	if err != nil {
		emit(map[string]any{"error": redactPaths(err.Error())})
		return
	}
	// The reasons name the spool file the upload was read from.
	for i := range sum.Failures {
		sum.Failures[i].Reason = redactPaths(sum.Failures[i].Reason)
	}
	emit(map[string]any{"summary": sum})
}

// export streams events as CSV, JSON Lines or GeoJSON; every export is
// audited.
func (s *Server) export(w http.ResponseWriter, r *http.Request, sess auth.Session) {
	f, err := eventFilter(r.URL.Query())
	if badRequest(w, err) {
		return
	}
	if r.URL.Query().Get("limit") == "" {
		f.Limit = 0
	}
	format := r.URL.Query().Get("format")
	var write func(store.Event) error
	var done func() error
	switch format {
	case "csv", "":
		format = "csv"
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		c := export.NewCSV(w)
		write, done = c.Write, c.Close
	case "jsonl":
		w.Header().Set("Content-Type", "application/x-ndjson")
		j := export.NewJSONL(w)
		write, done = j.WriteEvent, j.Close
	case "geojson":
		w.Header().Set("Content-Type", "application/geo+json")
		g := export.NewGeoJSON(w)
		write, done = g.Write, g.Close
	default:
		writeError(w, http.StatusBadRequest, "format: csv, jsonl or geojson")
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="sitrep-events.`+format+`"`)
	s.auth.Audit(r.Context(), auth.AuditEntry{User: sess.User, Action: "export", Object: "events." + format, Detail: r.URL.RawQuery, IP: s.clientIP(r)})
	if err := s.c.Store().ScanEvents(r.Context(), f, write); err != nil {
		return // the header is sent; the client sees a cut stream
	}
	done()
}
