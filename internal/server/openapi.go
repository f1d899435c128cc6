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

// eventParams are the filters of event lists and exports: the incident
// filters and the language of the reporting document.
var eventParams = append([]string{"language"}, filterParams...)

var mapParams = []string{"type", "since", "until", "place", "near", "actor", "text", "max"}

// routes lists the API; New registers the same paths.
var routes = []route{
	{"POST", "/api/login", "", "Log in with {user, password}; sets the session cookie and returns the CSRF token", nil},
	{"GET", "/api/openapi.json", "", "This description", nil},
	{"POST", "/api/logout", "viewer", "End the session", nil},
	{"GET", "/api/me", "viewer", "The logged-in user, role and CSRF token", nil},
	{"GET", "/api/stats", "viewer", "What the corpus holds, the state of its views, and its change counter", nil},
	{"GET", "/api/changes", "viewer", "The change counter: it grows with every write of any process, so a page polling it knows when to read its lists again", nil},
	{"GET", "/api/documents", "viewer", "Captured documents in the order they were registered: hash, outlet, title, dates", []string{"outlet", "limit", "offset"}},
	{"GET", "/api/documents/{id}", "viewer", "A document's text and its original's capture record", nil},
	{"GET", "/api/originals/{hash}", "viewer", "The original bytes, as a download", nil},
	{"GET", "/api/events", "viewer", "Events, newest first, with analyst edits applied", eventParams},
	{"GET", "/api/events/{key}", "viewer", "An event's dossier: sources, figures, evidence, hashes, edits, the document text", nil},
	{"GET", "/api/events/{key}/edits", "viewer", "An event's review history", nil},
	{"POST", "/api/events/{key}/edits", "editor", "Confirm, reject or edit an event: {status, field, value, note}", nil},
	{"GET", "/api/incidents", "viewer", "Incidents (all reports of one event), newest first, with figures low/best/high", filterParams},
	{"GET", "/api/incidents/{id}", "viewer", "One incident with its reports and why each joined, and its version (also the ETag); an id merged or split since leads to where its reports went (requested names it)", nil},
	{"POST", "/api/incidents/merge", "editor", "Merge two incidents: {a, b}", nil},
	{"POST", "/api/incidents/{id}/split", "editor", "Take a report out of an incident: {event}", nil},
	{"GET", "/api/actors", "viewer", "Actors by mentions", []string{"name", "type", "limit", "offset"}},
	{"GET", "/api/actors/{id}", "viewer", "One actor across documents, with the labels each source uses", nil},
	{"GET", "/api/claims", "viewer", "Claims: who alleges what about whom", []string{"speaker", "relation", "actor", "text", "since", "until", "language", "limit", "offset"}},
	{"GET", "/api/graph", "viewer", "The claim graph and its contradictions; with actor, the edges where that actor is subject, object or speaker; at most edges edges (default 200), those of most claims (truncated says when some were left out)", []string{"actor", "edges"}},
	{"GET", "/api/search", "viewer", "Full-text search over documents, with snippets", []string{"q", "limit"}},
	{"GET", "/api/timeline", "viewer", "Incidents per week and type, empty weeks included", filterParams},
	{"GET", "/api/map", "viewer", "Matching incidents with coordinates, the most recent max (default 200,000), as compact rows [lon, lat, killed, type index, id]; truncated says when more matched", mapParams},
	{"POST", "/api/ingest", "editor", "Upload a file to ingest (multipart field \"file\"), or capture a page by its address (field \"url\"); streams progress as JSON lines", nil},
	{"GET", "/api/export", "viewer", "Events as CSV, JSON Lines or GeoJSON (audited)", append([]string{"format"}, eventParams...)},
	{"GET", "/api/audit", "admin", "The audit log, newest first", []string{"limit"}},
}

// bodies names the JSON fields of each route that takes a JSON body.
var bodies = map[string][]string{
	"POST /api/login":                {"user", "password"},
	"POST /api/events/{key}/edits":   {"status", "field", "value", "note"},
	"POST /api/incidents/merge":      {"a", "b"},
	"POST /api/incidents/{id}/split": {"event"},
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
