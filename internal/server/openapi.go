package server

import (
	"net/http"
	"strings"
)

// route describes one API route for the OpenAPI document and for the
// test that checks every route's access rules.
type route struct {
	Method, Path, Role, Summary string
	Params                      []string // query parameters
}

var filterParams = []string{"type", "since", "until", "place", "near", "actor", "text", "rejected", "order", "limit", "offset"}

// incidentParams are the shared filters of the incident views (incidents.go).
var incidentParams = []string{"type", "since", "until", "dates", "place", "near", "actor", "text", "approx", "review", "perpetrator", "target"}

var listParams = append(append([]string{}, incidentParams...), "sort", "limit", "offset")

// eventParams are the filters of event lists and exports: the incident
// filters and the language of the reporting document.
var eventParams = append([]string{"language"}, filterParams...)

// routes lists the API; New registers the same paths.
var routes = []route{
	{"POST", "/api/login", "", "Log in with {user, password}; sets the session cookie and returns the CSRF token", nil},
	{"GET", "/api/openapi.json", "", "This description", nil},
	{"POST", "/api/logout", "viewer", "End the session", nil},
	{"GET", "/api/me", "viewer", "The logged-in user, role and CSRF token", nil},
	{"GET", "/api/stats", "viewer", "What the corpus holds, the state of its views, and its change counter", nil},
	{"GET", "/api/changes", "viewer", "The change counter, which grows with every write of any process: as server-sent events (event \"version\", now and at each change) when the client accepts text/event-stream, else once as JSON {changes}", nil},
	{"GET", "/api/documents", "viewer", "Captured documents in the order they were registered: hash, outlet, title, dates", []string{"outlet", "limit", "offset"}},
	{"GET", "/api/documents/{id}", "viewer", "A document's text and its original's capture record", nil},
	{"GET", "/api/originals/{hash}", "viewer", "The original bytes, as a download", nil},
	{"GET", "/api/events", "viewer", "Events, newest first, with analyst edits applied; each with its version", append([]string{"doc"}, eventParams...)},
	{"GET", "/api/events/{key}", "viewer", "An event's dossier: sources, figures, evidence, hashes, edits, the document text; ETag: its version", nil},
	{"GET", "/api/events/{key}/edits", "viewer", "An event's review history", nil},
	{"POST", "/api/events/{key}/edits", "editor", "Confirm, reject or edit an event: {status, field, value, note}; If-Match: the event's version", nil},
	{"GET", "/api/incidents", "viewer", "Incidents (all reports of one event) as table rows with their versions, in the order asked for (sort), with the total (in the default order, counted up to 1,000: total_capped says more matched)", listParams},
	{"GET", "/api/incidents/{id}", "viewer", "One incident with its reports, why each joined and their review states; ETag: its version; an id merged or split since leads to where its reports went (requested names it)", nil},
	{"POST", "/api/incidents/{id}/merge", "editor", "Merge another incident into this one: {other}; If-Match: this one's version", nil},
	{"POST", "/api/incidents/{id}/split", "editor", "Take a report out of this incident: {event}; If-Match: the incident's version", nil},
	{"POST", "/api/incidents/{id}/review", "editor", "Confirm or reject every report of this incident: {status, note}; If-Match: the incident's version", nil},
	{"GET", "/api/actors", "viewer", "Actors by mentions", []string{"name", "type", "limit", "offset"}},
	{"GET", "/api/actors/{id}", "viewer", "One actor: spellings, first and last seen, framing by outlet, and counts of its documents, incidents and claims", nil},
	{"GET", "/api/actors/{id}/documents", "viewer", "The documents naming an actor, newest first", []string{"limit", "offset"}},
	{"GET", "/api/actors/{id}/claims", "viewer", "Claims an actor made (role=made) or that name it (role=about)", []string{"role", "limit", "offset"}},
	{"GET", "/api/claims", "viewer", "Claims: who alleges what about whom", []string{"speaker", "relation", "actor", "text", "since", "until", "language", "limit", "offset"}},
	{"GET", "/api/graph", "viewer", "The claim graph and its contradictions; with actor, the edges where that actor is subject, object or speaker; at most edges edges (default 200), those of most claims (truncated says when some were left out)", []string{"actor", "edges"}},
	{"GET", "/api/network", "viewer", "The actor network of the incident filters: the most connected actors (nodes) or one actor's (focus), the edges among them, and a page of the edge list", append(append([]string{}, incidentParams...), "relation", "focus", "nodes", "limit", "offset")},
	{"GET", "/api/network/claims", "viewer", "The claims behind one edge of the network (subject, object, relation), with their documents", append(append([]string{}, incidentParams...), "subject", "object", "relation", "limit", "offset")},
	{"GET", "/api/search", "viewer", "Full-text search over documents, with snippets, the events and incidents of each hit, and the total", []string{"q", "limit", "offset"}},
	{"GET", "/api/timeline", "viewer", "Incidents and people reported killed per day of the incident's first date and per type", incidentParams},
	{"GET", "/api/map", "viewer", "Matching incidents with coordinates (within bbox=W,S,E,N when given): as points [lon, lat, killed, type index, id, approximate] when at most detail (default 20,000) match or max is given (the most recent max; truncated says when more matched), else as places [lon, lat, approximate, incidents, killed, [incidents per type]], every incident counted once; total counts every match, located those shown", append(append([]string{}, incidentParams...), "max", "detail", "bbox")},
	{"POST", "/api/ingest", "editor", "Upload a file to ingest (multipart field \"file\"), or capture a page by its address (field \"url\"); streams progress as JSON lines", nil},
	{"GET", "/api/export", "viewer", "Events as CSV, JSON Lines or GeoJSON (audited)", append([]string{"format"}, eventParams...)},
	{"GET", "/api/export/incidents", "viewer", "The incidents of a table view (its filters and order, every page) as CSV, JSON Lines or GeoJSON (audited)", append([]string{"format"}, listParams...)},
	{"GET", "/api/audit", "admin", "Review decisions from the store (any process) and the server's access log, newest first", []string{"user", "action", "object", "since", "until", "limit", "offset"}},
}

// ifMatchRoutes change an event or an incident: they need If-Match with
// the version the client last read (version.go).
var ifMatchRoutes = map[string]bool{
	"POST /api/events/{key}/edits":    true,
	"POST /api/incidents/{id}/merge":  true,
	"POST /api/incidents/{id}/split":  true,
	"POST /api/incidents/{id}/review": true,
}

// bodies names the JSON fields of each route that takes a JSON body.
var bodies = map[string][]string{
	"POST /api/login":                 {"user", "password"},
	"POST /api/events/{key}/edits":    {"status", "field", "value", "note"},
	"POST /api/incidents/{id}/merge":  {"other"},
	"POST /api/incidents/{id}/split":  {"event"},
	"POST /api/incidents/{id}/review": {"status", "note"},
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	paths := map[string]map[string]any{}
	for _, rt := range routes {
		op := map[string]any{"summary": rt.Summary, "responses": map[string]any{
			"200": map[string]string{"description": "success (JSON)"},
			"400": map[string]string{"description": "bad parameter: {error, status}"},
			"401": map[string]string{"description": "not logged in"},
			"403": map[string]string{"description": "role too low, cross-origin, or CSRF token missing"},
			"404": map[string]string{"description": "not found"},
		}}
		if rt.Role != "" {
			op["x-sitrep-role"] = rt.Role
			op["security"] = []map[string][]string{{"session": {}}}
		}
		var params []map[string]any
		for _, p := range rt.Params {
			params = append(params, map[string]any{"name": p, "in": "query", "schema": map[string]string{"type": "string"}})
		}
		if ifMatchRoutes[rt.Method+" "+rt.Path] {
			params = append(params, map[string]any{"name": "If-Match", "in": "header", "required": true, "schema": map[string]string{"type": "string"},
				"description": "the ETag (version) of what is changed, as last read"})
			resp := op["responses"].(map[string]any)
			resp["412"] = map[string]string{"description": "changed since that version: read it again ({error, status, current})"}
			resp["428"] = map[string]string{"description": "If-Match missing"}
		}
		for _, seg := range strings.Split(rt.Path, "/") {
			if strings.HasPrefix(seg, "{") {
				params = append(params, map[string]any{"name": strings.Trim(seg, "{}"), "in": "path", "required": true, "schema": map[string]string{"type": "string"}})
			}
		}
		if params != nil {
			op["parameters"] = params
		}
		if props, ok := bodies[rt.Method+" "+rt.Path]; ok {
			schema := map[string]any{"type": "object", "properties": map[string]any{}}
			for _, p := range props {
				schema["properties"].(map[string]any)[p] = map[string]string{"type": "string"}
			}
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": schema}}}
		}
		if rt.Path == "/api/ingest" {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"multipart/form-data": map[string]any{
				"schema": map[string]any{"type": "object", "properties": map[string]any{"file": map[string]string{"type": "string", "format": "binary"},
					"url": map[string]string{"type": "string", "format": "uri"}}}}}}
		}
		if paths[rt.Path] == nil {
			paths[rt.Path] = map[string]any{}
		}
		paths[rt.Path][strings.ToLower(rt.Method)] = op
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"openapi": "3.0.3",
		"info": map[string]string{"title": "sitrep API", "version": "1",
			"description": "Incidents, actors, places and claims read from news reports, each pointing back to its sentences. State-changing requests need the X-CSRF-Token header returned by /api/login."},
		"components": map[string]any{"securitySchemes": map[string]any{"session": map[string]string{"type": "apiKey", "in": "cookie", "name": cookieName}}},
		"paths":      paths,
	})
}
