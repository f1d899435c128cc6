package server

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"sitrep"
	"sitrep/internal/auth"
	"sitrep/internal/corpus"
	"sitrep/internal/extract"
	"sitrep/internal/store/memory"
)

var (
	testX    *extract.Extractor
	testOnce sync.Once
)

// The reports are written for these tests; they describe no real incident.
const reports = `{"id":"r1","published":"2024-05-07","source":"Wire One","title":"Market blast","text":"A bomb exploded at a vegetable market in Peshawar on Monday, killing nine people and wounding 20 others, police said. The Coastal Rights Forum said the army had backed the bombers, an allegation the army denied."}
{"id":"r2","published":"2024-05-08","source":"Daily Two","title":"Toll rises","text":"The death toll from Monday's bomb blast at a vegetable market in Peshawar rose to 11, hospital officials said on Tuesday."}
{"id":"r3","published":"2024-06-01","source":"Wire One","title":"Students missing","text":"Families said three students were abducted by armed men in Turbat on Friday."}
`

type fixture struct {
	srv    *httptest.Server
	corpus *corpus.Corpus
	auth   *auth.Service
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	testOnce.Do(func() {
		x, err := extract.New(extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		testX = x
	})
	ctx := context.Background()
	c := corpus.New(memory.New(), testX)
	p := filepath.Join(t.TempDir(), "r.jsonl")
	os.WriteFile(p, []byte(reports), 0o644)
	if _, err := c.Ingest(ctx, []string{p}, nil, corpus.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	a := auth.New(auth.NewMemory(), auth.DefaultPolicy)
	for _, u := range [][2]string{{"vera", auth.Viewer}, {"ed", auth.Editor}, {"ada", auth.Admin}} {
		if err := a.AddUser(ctx, u[0], u[1], "password of "+u[0], false); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(New(Config{Corpus: c, Auth: a}))
	t.Cleanup(srv.Close)
	return &fixture{srv: srv, corpus: c, auth: a}
}

// client is a logged-in browser-like client.
type client struct {
	t    *testing.T
	base string
	hc   *http.Client
	csrf string
	// ifMatch, when set, is sent as If-Match (quoted unless "*").
	ifMatch string
	// header is the last answer's header.
	header http.Header
}

func (f *fixture) login(t *testing.T, user string) *client {
	jar, _ := cookiejar.New(nil)
	c := &client{t: t, base: f.srv.URL, hc: &http.Client{Jar: jar}}
	if user == "" {
		return c
	}
	var out struct{ CSRF string }
	if code := c.do("POST", "/api/login", map[string]string{"user": user, "password": "password of " + user}, &out); code != 200 {
		t.Fatalf("login %s: %d", user, code)
	}
	c.csrf = out.CSRF
	return c
}

func (c *client) do(method, path string, body any, out any) int {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, c.base+path, rd)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if c.csrf != "" {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	if c.ifMatch == "*" {
		req.Header.Set("If-Match", "*")
	} else if c.ifMatch != "" {
		req.Header.Set("If-Match", etag(c.ifMatch))
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	c.header = resp.Header
	b, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil && resp.StatusCode < 300 {
			c.t.Fatalf("%s %s: %v in %s", method, path, err, b)
		}
	}
	if resp.StatusCode >= 400 && !strings.Contains(resp.Header.Get("Content-Type"), "json") {
		c.t.Errorf("%s %s: error %d is not JSON", method, path, resp.StatusCode)
	}
	return resp.StatusCode
}

func concrete(path string) string {
	r := strings.NewReplacer("{id}", "x", "{key}", "x%23E1", "{hash}", "sha256:00")
	return r.Replace(path)
}

// Every route refuses an anonymous read or write, a viewer's write and a
// non-admin's admin read.
func TestEveryRouteChecksItsRole(t *testing.T) {
	f := newFixture(t)
	anon, viewer, editor := f.login(t, ""), f.login(t, "vera"), f.login(t, "ed")
	for _, rt := range routes {
		if rt.Role == "" {
			continue
		}
		p := concrete(rt.Path)
		if code := anon.do(rt.Method, p, map[string]string{}, nil); code != http.StatusUnauthorized {
			t.Errorf("anonymous %s %s: %d, want 401", rt.Method, p, code)
		}
		if rt.Role == auth.Editor || rt.Role == auth.Admin {
			if code := viewer.do(rt.Method, p, map[string]string{}, nil); code != http.StatusForbidden {
				t.Errorf("viewer %s %s: %d, want 403", rt.Method, p, code)
			}
		}
		if rt.Role == auth.Admin {
			if code := editor.do(rt.Method, p, nil, nil); code != http.StatusForbidden {
				t.Errorf("editor %s %s: %d, want 403", rt.Method, p, code)
			}
		}
	}
}

func TestCrossOriginAndCSRF(t *testing.T) {
	f := newFixture(t)
	ed := f.login(t, "ed")
	var evs struct{ Events []eventItem }
	ed.do("GET", "/api/events", nil, &evs)
	if len(evs.Events) == 0 {
		t.Fatal("no events")
	}
	path := "/api/events/" + strings.ReplaceAll(evs.Events[0].Key, "#", "%23") + "/edits"
	token := ed.csrf
	ed.csrf = ""
	if code := ed.do("POST", path, map[string]string{"status": "confirm"}, nil); code != http.StatusForbidden {
		t.Errorf("edit without CSRF token: %d", code)
	}
	ed.csrf = token
	req, _ := http.NewRequest("POST", f.srv.URL+path, strings.NewReader(`{"status":"confirm"}`))
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("X-CSRF-Token", token)
	resp, err := ed.hc.Do(req)
	if err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site edit: %v %v", resp.StatusCode, err)
	}
	req, _ = http.NewRequest("POST", f.srv.URL+"/api/login", strings.NewReader(`{"user":"ed","password":"password of ed"}`))
	req.Header.Set("Origin", "https://elsewhere.example")
	if resp, _ := http.DefaultClient.Do(req); resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-origin login: %d", resp.StatusCode)
	}
}

func TestReviewHistorySurvivesReextraction(t *testing.T) {
	f := newFixture(t)
	ed := f.login(t, "ed")
	var evs struct{ Events []eventItem }
	if code := ed.do("GET", "/api/events?type=bombing&text=vegetable", nil, &evs); code != 200 || len(evs.Events) == 0 {
		t.Fatalf("events: %d %+v", code, evs)
	}
	key := strings.ReplaceAll(evs.Events[0].Key, "#", "%23")
	ed.ifMatch = evs.Events[0].Version
	if code := ed.do("POST", "/api/events/"+key+"/edits", map[string]string{"status": "edit", "field": "killed", "value": "10", "note": "hospital list"}, nil); code != 201 {
		t.Fatalf("edit: %d", code)
	}
	ed.ifMatch = "*"
	if code := ed.do("POST", "/api/events/"+key+"/edits", map[string]string{"status": "edit", "field": "colour", "value": "red"}, nil); code != 400 {
		t.Errorf("edit of an unknown field: %d, want 400", code)
	}
	if _, err := f.corpus.Reextract(context.Background(), corpus.ReextractOptions{All: true}); err != nil {
		t.Fatal(err)
	}
	var d struct {
		Dossier struct {
			Event struct {
				Event struct{ Killed struct{ Best *int } }
			}
			Edits []struct{ Who, Field, Value string }
		}
	}
	ed.do("GET", "/api/events/"+key, nil, &d)
	if len(d.Dossier.Edits) != 1 || d.Dossier.Edits[0].Who != "ed" || d.Dossier.Event.Event.Killed.Best == nil || *d.Dossier.Event.Event.Killed.Best != 10 {
		t.Errorf("after re-extraction: %+v", d.Dossier)
	}
	admin := f.login(t, "ada")
	var log struct{ Audit []auth.AuditEntry }
	admin.do("GET", "/api/audit", nil, &log)
	found := false
	for _, e := range log.Audit {
		found = found || e.Action == "edit" && e.User == "ed"
	}
	if !found {
		t.Errorf("the edit is not in the audit log: %+v", log.Audit)
	}
}

func TestQueriesAndErrors(t *testing.T) {
	f := newFixture(t)
	v := f.login(t, "vera")
	var incs struct {
		Incidents []struct {
			ID     string
			Killed struct{ Low, High *int }
		}
		Total int
	}
	if code := v.do("GET", "/api/incidents?type=bombing", nil, &incs); code != 200 || incs.Total != 1 || *incs.Incidents[0].Killed.Low != 9 || *incs.Incidents[0].Killed.High != 11 {
		t.Errorf("incidents: %d %+v", code, incs)
	}
	for path, want := range map[string]int{
		"/api/events?since=May":          400,
		"/api/events?near=1,2":           400,
		"/api/events?limit=5000":         400,
		"/api/events/sha256:00%23E1":     404,
		"/api/incidents/inc-missing":     404,
		"/api/search":                    400,
		"/api/search?q=vegetable":        200,
		"/api/graph":                     200,
		"/api/timeline":                  200,
		"/api/openapi.json":              200,
		"/api/nothing":                   404,
		"/api/export?format=xml":         400,
		"/api/actors?name=Coastal":       200,
		"/api/claims?relation=supports":  200,
		"/api/stats":                     200,
		"/api/documents?limit=2":         200,
		"/api/documents?offset=-3":       400,
		"/api/export?format=csv&limit=5": 200,
	} {
		if code := v.do("GET", path, nil, nil); code != want {
			t.Errorf("GET %s: %d, want %d", path, code, want)
		}
	}
	// The map sends at most max incidents and says when it held some back.
	for _, c := range []struct {
		path      string
		points    int
		truncated bool
	}{{"/api/map", 2, false}, {"/api/map?max=1", 1, true}, {"/api/map?type=abduction&max=1", 1, false}} {
		var m struct {
			Points    [][6]any
			Total     int
			Truncated bool
		}
		if code := v.do("GET", c.path, nil, &m); code != 200 || len(m.Points) != c.points || m.Truncated != c.truncated || m.Total < c.points {
			t.Errorf("GET %s: %d, %d points, total %d, truncated %v; want %d points, truncated %v", c.path, code, len(m.Points), m.Total, m.Truncated, c.points, c.truncated)
		}
	}
	// The timeline counts incidents and people killed per day of the
	// incident's first date, over every date: a date filter is what its
	// brush sets, not what it shows.
	for _, path := range []string{"/api/timeline", "/api/timeline?since=2024-05-20&dates=start"} {
		var tl struct {
			Types   []string
			Days    [][3]json.RawMessage
			Undated int
		}
		v.do("GET", path, nil, &tl)
		got := map[string][2]int{}
		for _, d := range tl.Days {
			var day string
			var n, k []int
			json.Unmarshal(d[0], &day)
			json.Unmarshal(d[1], &n)
			json.Unmarshal(d[2], &k)
			for i, typ := range tl.Types {
				if n[i] > 0 {
					got[day+" "+typ] = [2]int{n[i], k[i]}
				}
			}
		}
		var bomb struct {
			Incidents []struct{ Killed struct{ Best int } }
		}
		v.do("GET", "/api/incidents?type=bombing", nil, &bomb)
		if len(tl.Days) != 2 || got["2024-05-06 bombing"] != [2]int{1, bomb.Incidents[0].Killed.Best} || got["2024-05-31 abduction"] != [2]int{1, 0} {
			t.Errorf("GET %s: %v; want a bombing on 2024-05-06 with its best figure killed and an abduction on 2024-05-31", path, got)
		}
	}
	var one struct{ Points [][6]any }
	v.do("GET", "/api/map?type=abduction", nil, &one)
	if len(one.Points) != 1 || one.Points[0][0].(float64) < 60 || one.Points[0][1].(float64) < 20 || one.Points[0][3].(float64) != float64(slices.Index(sitrep.EventTypes, "abduction")) ||
		!strings.HasPrefix(one.Points[0][4].(string), "inc-") || one.Points[0][5].(float64) != 0 {
		t.Errorf("map row for the Turbat abduction: %+v, want [lon, lat, killed, type index, id, 0 (placed at the town)]", one.Points)
	}
	// Past detail incidents, the map groups them by place: each incident
	// once, at its coordinates, with its type and toll; the counts are the
	// store's, or the rows' when the query needs more than the store's
	// filter (dates=start), and both agree.
	var all struct {
		Points [][6]any
		Total  int
	}
	v.do("GET", "/api/map", nil, &all)
	type placesAnswer struct {
		Places         [][6]json.RawMessage
		Types          []string
		Total, Located int
		Points         []any
	}
	placeText := func(path string) (string, placesAnswer) {
		var m placesAnswer
		if code := v.do("GET", path, nil, &m); code != 200 {
			t.Fatalf("GET %s: %d", path, code)
		}
		var out []string
		for _, p := range m.Places {
			var types []int
			json.Unmarshal(p[5], &types)
			for i, n := range types {
				if n > 0 {
					out = append(out, fmt.Sprintf("%s,%s %s %d", p[0], p[1], m.Types[i], n))
				}
			}
			out = append(out, fmt.Sprintf("%s,%s approx %s: %s incidents, %s killed", p[0], p[1], p[2], p[3], p[4]))
		}
		slices.Sort(out)
		return strings.Join(out, "; "), m
	}
	var want []string
	for _, p := range all.Points {
		want = append(want, fmt.Sprintf("%v,%v %s 1", p[0], p[1], sitrep.EventTypes[int(p[3].(float64))]),
			fmt.Sprintf("%v,%v approx %v: 1 incidents, %v killed", p[0], p[1], p[5], p[2]))
	}
	slices.Sort(want)
	grouped, m := placeText("/api/map?detail=1")
	if grouped != strings.Join(want, "; ") || m.Points != nil || m.Total != all.Total || m.Located != len(all.Points) {
		t.Errorf("GET /api/map?detail=1: %s (total %d, located %d, points %v)\nwant %s (total %d, located %d)", grouped, m.Total, m.Located, m.Points, strings.Join(want, "; "), all.Total, len(all.Points))
	}
	if fromRows, _ := placeText("/api/map?detail=1&dates=start&since=2000-01-01"); fromRows != grouped {
		t.Errorf("places counted from the rows (dates=start): %s\nwant %s", fromRows, grouped)
	}
	// A box shows what lies in it: the Turbat abduction, as a point.
	var box struct {
		Points         [][6]any
		Total, Located int
	}
	if code := v.do("GET", "/api/map?bbox=60,20,65.5,28", nil, &box); code != 200 || len(box.Points) != 1 || box.Located != 1 || box.Total != all.Total ||
		box.Points[0][3].(float64) != float64(slices.Index(sitrep.EventTypes, "abduction")) {
		t.Errorf("GET /api/map?bbox=60,20,65.5,28: %d, %+v; want the abduction alone, total %d", code, box, all.Total)
	}
	for _, p := range []string{"/api/map?max=0", "/api/map?max=many", "/api/map?max=1000001", "/api/map?detail=0",
		"/api/map?bbox=1,2,3", "/api/map?bbox=0,10,5,5", "/api/map?bbox=200,0,210,5", "/api/map?bbox=NaN,0,1,1"} {
		if code := v.do("GET", p, nil, nil); code != 400 {
			t.Errorf("GET %s: %d, want 400", p, code)
		}
	}
	var hits struct{ Hits []struct{ Snippet string } }
	v.do("GET", "/api/search?q=vegetable", nil, &hits)
	if len(hits.Hits) == 0 || !strings.Contains(hits.Hits[0].Snippet, "[vegetable]") {
		t.Errorf("search snippets: %+v", hits)
	}
}

func TestHeadersAndOriginals(t *testing.T) {
	f := newFixture(t)
	v := f.login(t, "vera")
	resp, err := v.hc.Get(f.srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self';") || strings.Contains(csp, "script-src 'self' 'unsafe") || strings.Contains(csp, "unsafe-eval") || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("headers: %v", resp.Header)
	}
	// Embedded files carry an ETag from their content, so that the
	// browser keeps the base map and asks again cheaply.
	resp, err = v.hc.Get(f.srv.URL + "/basemap/world.json")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	tag := resp.Header.Get("ETag")
	req, _ := http.NewRequest("GET", f.srv.URL+"/basemap/world.json", nil)
	req.Header.Set("If-None-Match", tag)
	if again, err := v.hc.Do(req); err != nil || tag == "" || again.StatusCode != http.StatusNotModified {
		t.Errorf("base map: ETag %q, then %v %v", tag, again, err)
	} else {
		again.Body.Close()
	}
	var evs struct{ Events []eventItem }
	v.do("GET", "/api/events", nil, &evs)
	resp, err = v.hc.Get(f.srv.URL + "/api/originals/" + evs.Events[0].DocID)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") ||
		!strings.Contains(resp.Header.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("original served as %d %v", resp.StatusCode, resp.Header)
	}
	// The session cookie is HttpOnly and SameSite=Strict.
	var login *http.Response
	req, _ = http.NewRequest("POST", f.srv.URL+"/api/login", strings.NewReader(`{"user":"vera","password":"password of vera"}`))
	login, _ = http.DefaultClient.Do(req)
	login.Body.Close()
	sc := login.Header.Get("Set-Cookie")
	if !strings.Contains(sc, "HttpOnly") || !strings.Contains(sc, "SameSite=Strict") {
		t.Errorf("cookie %q", sc)
	}
	if code := v.do("POST", "/api/logout", nil, nil); code != 200 {
		t.Errorf("logout: %d", code)
	}
	if code := v.do("GET", "/api/me", nil, nil); code != 401 {
		t.Errorf("after logout: %d", code)
	}
}

func TestUploadIngest(t *testing.T) {
	f := newFixture(t)
	ed := f.login(t, "ed")
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "brief.txt")
	fw.Write([]byte("Police said a grenade was thrown at a shop in Panjgur on Sunday, wounding two men."))
	mw.Close()
	req, _ := http.NewRequest("POST", f.srv.URL+"/api/ingest", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("X-CSRF-Token", ed.csrf)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := ed.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(out), `"summary"`) || !strings.Contains(string(out), `"new":1`) {
		t.Errorf("upload: %d %s", resp.StatusCode, out)
	}
}

// An editor captures a page by its address; the server refuses its own
// network (loopback here) unless started to allow it.
func TestUploadURL(t *testing.T) {
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<html><head><title>Shop attacked</title></head><body><article><p>Police said a grenade was thrown at a shop in Panjgur on Sunday, wounding two men.</p></article></body></html>")
	}))
	defer page.Close()
	f := newFixture(t)
	post := func(srvURL string, c *client) string {
		form := url.Values{"url": {page.URL + "/shop"}}
		req, _ := http.NewRequest("POST", srvURL+"/api/ingest", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-CSRF-Token", c.csrf)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		resp, err := c.hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		return string(out)
	}
	ed := f.login(t, "ed")
	if out := post(f.srv.URL, ed); !strings.Contains(out, `"failed":1`) || !strings.Contains(out, "private") {
		t.Errorf("capture of a loopback address by default: %s", out)
	}
	open := httptest.NewServer(New(Config{Corpus: f.corpus, Auth: f.auth, FetchPrivate: true}))
	defer open.Close()
	f2 := &fixture{srv: open, corpus: f.corpus, auth: f.auth}
	if out := post(open.URL, f2.login(t, "ed")); !strings.Contains(out, `"new":1`) {
		t.Errorf("capture allowed: %s", out)
	}
}

// A login replaces the browser's earlier session, a TLS server marks its
// cookie Secure, and repeated wrong passwords are refused with 429.
func TestSessionRotationTLSAndRateLimit(t *testing.T) {
	f := newFixture(t)
	c := f.login(t, "vera")
	u, _ := url.Parse(f.srv.URL)
	first := c.hc.Jar.Cookies(u)[0].Value
	var out struct{ CSRF string }
	if code := c.do("POST", "/api/login", map[string]string{"user": "vera", "password": "password of vera"}, &out); code != 200 {
		t.Fatalf("second login: %d", code)
	}
	if second := c.hc.Jar.Cookies(u)[0].Value; second == first {
		t.Error("the session id did not change at login")
	}
	if _, err := f.auth.Session(context.Background(), first); err == nil {
		t.Error("the session before the login is still valid")
	}

	tlsSrv := httptest.NewTLSServer(New(Config{Corpus: f.corpus, Auth: f.auth, TLS: true}))
	defer tlsSrv.Close()
	resp, err := tlsSrv.Client().Post(tlsSrv.URL+"/api/login", "application/json", strings.NewReader(`{"user":"vera","password":"password of vera"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if sc := resp.Header.Get("Set-Cookie"); !strings.Contains(sc, "Secure") || !strings.Contains(sc, "HttpOnly") {
		t.Errorf("cookie under TLS: %q", sc)
	}
	if hsts := resp.Header.Get("Strict-Transport-Security"); !strings.Contains(hsts, "max-age=31536000") {
		t.Errorf("HSTS under TLS: %q", hsts)
	}
	if plain, err := http.Get(f.srv.URL + "/"); err == nil {
		plain.Body.Close()
		if hsts := plain.Header.Get("Strict-Transport-Security"); hsts != "" {
			t.Errorf("HSTS over plain HTTP, where browsers ignore it: %q", hsts)
		}
	}

	anon := f.login(t, "")
	codes := map[int]int{}
	for range auth.DefaultPolicy.MaxFailures + 1 {
		codes[anon.do("POST", "/api/login", map[string]string{"user": "ed", "password": "not the password"}, nil)]++
	}
	if codes[http.StatusUnauthorized] != auth.DefaultPolicy.MaxFailures || codes[http.StatusTooManyRequests] != 1 {
		t.Errorf("wrong passwords answered %v", codes)
	}
	if code := anon.do("POST", "/api/login", map[string]string{"user": "ed", "password": "password of ed"}, nil); code != http.StatusTooManyRequests {
		t.Errorf("the right password while limited: %d, want 429", code)
	}
}

func TestDocumentsPage(t *testing.T) {
	f := newFixture(t)
	v := f.login(t, "vera")
	var page struct {
		Documents []struct{ Hash, Outlet string }
	}
	if code := v.do("GET", "/api/documents?outlet=wire&limit=1&offset=1", nil, &page); code != 200 || len(page.Documents) != 1 || page.Documents[0].Outlet != "Wire One" {
		t.Errorf("documents: %d %+v", code, page)
	}
	var all struct{ Documents []struct{ Hash string } }
	v.do("GET", "/api/documents", nil, &all)
	if len(all.Documents) != 3 {
		t.Errorf("all documents: %+v", all)
	}
}

func TestOpenAPIListsEveryRoute(t *testing.T) {
	f := newFixture(t)
	var doc struct {
		OpenAPI string
		Paths   map[string]map[string]struct {
			Role string `json:"x-sitrep-role"`
		}
	}
	if code := f.login(t, "").do("GET", "/api/openapi.json", nil, &doc); code != 200 || doc.OpenAPI == "" {
		t.Fatalf("openapi: %d", code)
	}
	for _, rt := range routes {
		op, ok := doc.Paths[rt.Path][strings.ToLower(rt.Method)]
		if !ok || op.Role != rt.Role {
			t.Errorf("%s %s: %+v", rt.Method, rt.Path, op)
		}
	}
}

// The map's hand-written rows stay valid JSON whatever an id holds.
func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"inc-0a1b2c", "", `say "no"`, `back\slash`, "<b>&", "Kōhlu", "tab\there"} {
		b := appendJSONString([]byte("x"), s)
		var got string
		if err := json.Unmarshal(b[1:], &got); err != nil || got != s {
			t.Errorf("%q: wrote %s, read back %q, %v", s, b[1:], got, err)
		}
		if bytes.ContainsAny(b, "<>&") {
			t.Errorf("%q: %s has <, > or & unescaped", s, b)
		}
	}
}

// TestExportCSVNeutralisesFormulas: the API's CSV export quotes a cell an
// uploader made a formula, as the command line does.
func TestExportCSVNeutralisesFormulas(t *testing.T) {
	f := newFixture(t)
	p := filepath.Join(t.TempDir(), "f.jsonl")
	os.WriteFile(p, []byte(`{"id":"f1","published":"2024-05-07","source":"@SUM(1+1)*cmd|' /C calc'!A0","title":"=HYPERLINK(\"http://evil.example\")","text":"A bomb exploded at a market in Mardan on Monday, killing four people, police said."}`+"\n"), 0o644)
	if _, err := f.corpus.Ingest(context.Background(), []string{p}, nil, corpus.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	v := f.login(t, "vera")
	resp, err := v.hc.Get(f.srv.URL + "/api/export?format=csv&place=Mardan")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	rows, err := csv.NewReader(resp.Body).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("export: %d rows, %v", len(rows), err)
	}
	cells := strings.Join(rows[1], "\x00")
	if !strings.Contains(cells, "\x00'@SUM(1+1)") || !strings.Contains(cells, "'=HYPERLINK(") {
		t.Errorf("row not neutralised: %q", rows[1])
	}
}

func TestClientIP(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	for _, tc := range []struct {
		trusted []netip.Prefix
		remote  string
		xff     []string
		want    string
	}{
		{nil, "203.0.113.7:5000", []string{"198.51.100.1"}, "203.0.113.7"},                      // no proxy configured: the header is the client's
		{proxies, "203.0.113.7:5000", []string{"198.51.100.1"}, "203.0.113.7"},                  // not from a proxy
		{proxies, "10.1.2.3:5000", []string{"198.51.100.1"}, "198.51.100.1"},                    // from a proxy
		{proxies, "10.1.2.3:5000", []string{"1.1.1.1, 198.51.100.1, 10.9.9.9"}, "198.51.100.1"}, // left of the first untrusted hop: the client's to choose
		{proxies, "10.1.2.3:5000", []string{"1.1.1.1", "198.51.100.1"}, "198.51.100.1"},         // several headers
		{proxies, "10.1.2.3:5000", []string{"198.51.100.1, junk"}, "10.1.2.3"},                  // unparsable hop: the proxy's
		{proxies, "10.1.2.3:5000", nil, "10.1.2.3"},
		{proxies, "[::1]:5000", []string{"2001:db8::5"}, "2001:db8::5"},
		{proxies, "[::ffff:10.0.0.1]:5000", []string{"::ffff:198.51.100.1"}, "198.51.100.1"},
	} {
		s := &Server{proxies: tc.trusted}
		r := httptest.NewRequest("POST", "/api/login", nil)
		r.RemoteAddr = tc.remote
		for _, v := range tc.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		if got := s.clientIP(r); got != tc.want {
			t.Errorf("%v from %s with %q: %s, want %s", tc.trusted, tc.remote, tc.xff, got, tc.want)
		}
	}
}

// Behind a trusted proxy, one client guessing passwords is limited by its
// own address: the others behind the proxy still log in. From anywhere
// else, X-Forwarded-For changes nothing.
func TestLoginLimitBehindProxy(t *testing.T) {
	f := newFixture(t)
	behind := httptest.NewServer(New(Config{Corpus: f.corpus, Auth: f.auth, TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}}))
	defer behind.Close()
	login := func(base, xff, password string) int {
		req, _ := http.NewRequest("POST", base+"/api/login", strings.NewReader(`{"user":"ed","password":"`+password+`"}`))
		req.Header.Set("X-Forwarded-For", xff)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for range auth.DefaultPolicy.MaxFailures {
		login(behind.URL, "198.51.100.66", "not the password")
	}
	if code := login(behind.URL, "198.51.100.66", "password of ed"); code != http.StatusTooManyRequests {
		t.Errorf("the guessing client: %d, want 429", code)
	}
	if code := login(behind.URL, "198.51.100.7", "password of ed"); code != http.StatusOK {
		t.Errorf("another client behind the proxy: %d, want 200", code)
	}
	// Not behind a trusted proxy: every header below is the same client.
	for i := range auth.DefaultPolicy.MaxFailures {
		login(f.srv.URL, fmt.Sprintf("192.0.2.%d", i), "not the password")
	}
	if code := login(f.srv.URL, "192.0.2.200", "password of ed"); code != http.StatusTooManyRequests {
		t.Errorf("a forged X-Forwarded-For escaped the limit: %d", code)
	}
}

func TestRedactPaths(t *testing.T) {
	for in, want := range map[string]string{
		"sqlite: open /srv/sitrep/sitrep.db: disk I/O error":          "sqlite: open …/sitrep.db: disk I/O error",
		`read "/tmp/sitrep-upload-123/x.bin": binary data`:            `read "…/x.bin": binary data`,
		"fetch https://example.org/a/b: HTTP 404":                     "fetch https://example.org/a/b: HTTP 404",
		"upload:report.html#item-2 has no text":                       "upload:report.html#item-2 has no text",
		"document sha256:ab12: not found":                             "document sha256:ab12: not found",
		"/var/lib/sitrep/data/sitrep.db (and /tmp/x/y.jsonl) are bad": "…/sitrep.db (and …/y.jsonl) are bad",
	} {
		if got := redactPaths(in); got != want {
			t.Errorf("redactPaths(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"/home/ana/reports/quetta.html":     "quetta.html",
		"/data/crawl.warc.gz#record-7":      "crawl.warc.gz#record-7",
		"https://dawn.example/quetta-blast": "https://dawn.example/quetta-blast",
		"upload:brief.txt":                  "upload:brief.txt",
		"-":                                 "-",
	} {
		if got := publicSource(in); got != want {
			t.Errorf("publicSource(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNoServerPathsForNonAdmins: a viewer's answers name a document's
// source by file name; an admin's by its full path.
func TestNoServerPathsForNonAdmins(t *testing.T) {
	f := newFixture(t)
	dir := filepath.Join(t.TempDir(), "secret-share", "reports")
	os.MkdirAll(dir, 0o755)
	p := filepath.Join(dir, "brief.txt")
	os.WriteFile(p, []byte("Police said a grenade was thrown at a shop in Panjgur on Sunday, wounding two men."), 0o644)
	if _, err := f.corpus.Ingest(context.Background(), []string{p}, nil, corpus.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	var evs struct{ Events []eventItem }
	f.login(t, "vera").do("GET", "/api/events?place=Panjgur", nil, &evs)
	if len(evs.Events) != 1 {
		t.Fatalf("events: %+v", evs)
	}
	key := url.PathEscape(evs.Events[0].Key)
	for _, user := range []string{"vera", "ed", "ada"} {
		c := f.login(t, user)
		for _, path := range []string{"/api/documents", "/api/documents/" + url.PathEscape(evs.Events[0].DocID), "/api/events/" + key} {
			var body json.RawMessage
			c.do("GET", path, nil, &body)
			leaks := strings.Contains(string(body), "secret-share")
			if user != "ada" && leaks {
				t.Errorf("%s sees a server path in %s: %s", user, path, body)
			}
			if user == "ada" && !leaks && path != "/api/documents" {
				t.Errorf("the admin does not see the source path in %s", path)
			}
			if !strings.Contains(string(body), "brief.txt") && path != "/api/documents" {
				t.Errorf("%s does not see the file name in %s", user, path)
			}
		}
	}
}
