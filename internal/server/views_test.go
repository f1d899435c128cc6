package server

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"sitrep"
	"sitrep/internal/corpus"
)

// More reports, written for these tests (they describe no real event): a
// killing with a perpetrator named and an allegation about who backs it,
// and a blast placed only at a province's centre.
const moreReports = `{"id":"r4","published":"2024-08-21","source":"Coast Daily","title":"Teacher shot","text":"Gunmen shot dead a school teacher in Turbat on Tuesday, police said. Officials blamed the Balochistan Liberation Army for the killing. The Pakistani government accused India of backing the Balochistan Liberation Army, a charge India rejected."}
{"id":"r5","published":"2024-07-15","source":"Hill Wire","title":"Blast","text":"Two people were killed and five injured when a bomb exploded in Balochistan province on Sunday, officials said."}
`

func newRichFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	f.ingest(t, moreReports)
	return f
}

func (f *fixture) ingest(t *testing.T, jsonl string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "more.jsonl")
	os.WriteFile(p, []byte(jsonl), 0o644)
	if _, err := f.corpus.Ingest(context.Background(), []string{p}, nil, corpus.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
}

type row struct {
	ID, Version, Type, Review string
	Date                      struct{ Start string }
	Place                     struct{ Name, Precision string }
	Approximate               bool
	Killed                    struct{ Low, Best, High *int }
	Perpetrators, Targets     []struct{ ID, Name string }
	Reports, Documents        int
	Outlets                   int
}

type rows struct {
	Incidents []row
	Total     int
}

func (c *client) rows(path string) rows {
	c.t.Helper()
	var out rows
	if code := c.do("GET", path, nil, &out); code != 200 {
		c.t.Fatalf("GET %s: %d", path, code)
	}
	return out
}

func esc(key string) string { return strings.ReplaceAll(key, "#", "%23") }

// Every route that changes an event or an incident refuses a request
// without If-Match (428) and one with another version (412), and says
// which version is current.
func TestEveryChangeNeedsIfMatch(t *testing.T) {
	f := newFixture(t)
	ed := f.login(t, "ed")
	bomb := ed.rows("/api/incidents?type=bombing").Incidents[0]
	var inc incidentAnswer
	ed.do("GET", "/api/incidents/"+bomb.ID, nil, &inc)
	other := ed.rows("/api/incidents?type=abduction").Incidents[0]
	key := inc.Events[1].Key
	bodies := map[string]any{
		"POST /api/events/{key}/edits":    map[string]string{"status": "confirm"},
		"POST /api/incidents/{id}/merge":  map[string]string{"other": other.ID},
		"POST /api/incidents/{id}/split":  map[string]string{"event": key},
		"POST /api/incidents/{id}/review": map[string]string{"status": "confirm"},
	}
	for _, rt := range routes {
		if rt.Method == "GET" || rt.Role == "" {
			continue
		}
		name := rt.Method + " " + rt.Path
		if !ifMatchRoutes[name] {
			// The others change no event or incident: logout, upload.
			if name != "POST /api/logout" && name != "POST /api/ingest" {
				t.Errorf("%s changes something but is not in ifMatchRoutes", name)
			}
			continue
		}
		path := strings.NewReplacer("{id}", bomb.ID, "{key}", esc(key)).Replace(rt.Path)
		ed.ifMatch = ""
		if code := ed.do("POST", path, bodies[name], nil); code != http.StatusPreconditionRequired {
			t.Errorf("%s without If-Match: %d, want 428", name, code)
		}
		ed.ifMatch = "ev-stale"
		var e versionError
		if code := ed.do("POST", path, bodies[name], &e); code != http.StatusPreconditionFailed || e.Current == "" || ed.header.Get("ETag") != etag(e.Current) {
			t.Errorf("%s with a stale If-Match: %d %+v, ETag %q; want 412 and the current version", name, code, e, ed.header.Get("ETag"))
		}
	}
	// Nothing was changed by the refused requests.
	if after := ed.rows("/api/incidents?type=bombing").Incidents[0]; after.Version != bomb.Version || after.Reports != 2 {
		t.Errorf("the refused requests changed the incident: %+v, was %+v", after, bomb)
	}
}

// A decision lands only on the record, in the state, that the reviewer
// saw: an edit made after someone else's, from the same old page, is
// refused; an edit of a report made while it belonged to another incident
// is refused.
func TestVersionsBindDecisionsToWhatWasSeen(t *testing.T) {
	f := newFixture(t)
	ana, ben := f.login(t, "ed"), f.login(t, "ed")
	var inc incidentAnswer
	ana.do("GET", "/api/incidents/"+ana.rows("/api/incidents?type=bombing").Incidents[0].ID, nil, &inc)
	if ana.header.Get("ETag") != etag(inc.Version) || inc.Version == "" {
		t.Fatalf("incident ETag %q, version %q", ana.header.Get("ETag"), inc.Version)
	}
	key := esc(inc.Events[0].Key)
	var ev struct{ Version string }
	ana.do("GET", "/api/events/"+key, nil, &ev)
	seen := ev.Version
	if ana.header.Get("ETag") != etag(seen) {
		t.Fatalf("event ETag %q, version %q", ana.header.Get("ETag"), seen)
	}
	// Ben sets the toll first.
	ben.ifMatch = seen
	if code := ben.do("POST", "/api/events/"+key+"/edits", map[string]string{"status": "edit", "field": "killed", "value": "26"}, nil); code != 201 {
		t.Fatalf("ben's edit: %d", code)
	}
	newer := strings.Trim(ben.header.Get("ETag"), `"`)
	// Ana, from the page she loaded before, is refused.
	ana.ifMatch = seen
	if code := ana.do("POST", "/api/events/"+key+"/edits", map[string]string{"status": "edit", "field": "killed", "value": "12"}, nil); code != 412 {
		t.Errorf("a second edit from a stale page: %d, want 412", code)
	}
	// Ben's answer carried the new version: his next decision goes through.
	ben.ifMatch = newer
	if code := ben.do("POST", "/api/events/"+key+"/edits", map[string]string{"status": "confirm"}, nil); code != 201 {
		t.Errorf("an edit with the version the last answer gave: %d", code)
	}
	// The incident's version changed with its report's review state.
	ana.ifMatch = inc.Version
	if code := ana.do("POST", "/api/incidents/"+inc.ID+"/review", map[string]string{"status": "reject"}, nil); code != 412 {
		t.Errorf("rejecting an incident whose report was confirmed since: %d, want 412", code)
	}
	// A report split off into its own incident is another version of it:
	// an edit sent with the version read before the split is refused.
	var cur incidentAnswer
	ben.do("GET", "/api/incidents/"+inc.ID, nil, &cur)
	var second struct{ Version string }
	ben.do("GET", "/api/events/"+esc(cur.Events[1].Key), nil, &second)
	ben.ifMatch = cur.Version
	var apart incidentAnswer
	if code := ben.do("POST", "/api/incidents/"+cur.ID+"/split", map[string]string{"event": cur.Events[1].Key}, &apart); code != 200 || len(apart.Events) != 1 {
		t.Fatalf("split: %d %+v", code, apart)
	}
	ana.ifMatch = second.Version
	if code := ana.do("POST", "/api/events/"+esc(cur.Events[1].Key)+"/edits", map[string]string{"status": "edit", "field": "killed", "value": "26"}, nil); code != 412 {
		t.Errorf("an edit of a report read before it moved to another incident: %d, want 412", code)
	}
	// Merging it back needs the version of the incident the page shows.
	var kept incidentAnswer
	ben.do("GET", "/api/incidents/"+cur.ID, nil, &kept)
	ben.ifMatch = kept.Version
	var merged incidentAnswer
	if code := ben.do("POST", "/api/incidents/"+kept.ID+"/merge", map[string]string{"other": apart.ID}, &merged); code != 200 || len(merged.Events) != 2 || ben.header.Get("ETag") != etag(merged.Version) {
		t.Errorf("merge: %d %+v", code, merged)
	}
}

func TestIncidentTable(t *testing.T) {
	f := newRichFixture(t)
	v := f.login(t, "vera")
	all := v.rows("/api/incidents")
	if all.Total != 4 || len(all.Incidents) != 4 {
		t.Fatalf("incidents: %+v", all)
	}
	byKilled := v.rows("/api/incidents?sort=-killed")
	if byKilled.Incidents[0].Type != "bombing" || byKilled.Incidents[0].Place.Name != "Peshawar" || *byKilled.Incidents[0].Killed.Low != 9 || *byKilled.Incidents[0].Killed.High != 11 ||
		byKilled.Incidents[0].Reports != 2 || byKilled.Incidents[0].Outlets != 2 || byKilled.Incidents[0].Review != incidentUnreviewed {
		t.Errorf("the deadliest first: %+v", byKilled.Incidents[0])
	}
	if last := byKilled.Incidents[3]; last.Killed.Best != nil {
		t.Errorf("incidents without a figure sort after those with one: %+v", last)
	}
	p2 := v.rows("/api/incidents?sort=-killed&limit=2&offset=2")
	if p2.Total != 4 || len(p2.Incidents) != 2 || p2.Incidents[0].ID != byKilled.Incidents[2].ID {
		t.Errorf("second page: %+v", p2)
	}
	if r := v.rows("/api/incidents?approx=hide"); r.Total != 3 {
		t.Errorf("without the province-centre blast: %+v", r)
	}
	if r := v.rows("/api/incidents?type=bombing&approx=show"); r.Total != 2 || !r.Incidents[0].Approximate && !r.Incidents[1].Approximate {
		t.Errorf("the province-centre blast is marked approximate: %+v", r)
	}
	if r := v.rows("/api/incidents?type=bombing,abduction"); r.Total != 3 {
		t.Errorf("two types: %+v", r)
	}
	// dates=start: the incident begins within since..until.
	if r := v.rows("/api/incidents?since=2024-05-06&until=2024-05-06&dates=start"); r.Total != 1 || r.Incidents[0].Type != "bombing" {
		t.Errorf("one day: %+v", r)
	}
	if r := v.rows("/api/incidents?perpetrator=bla"); r.Total != 1 || r.Incidents[0].Perpetrators[0].ID != "bla" {
		t.Errorf("by perpetrator: %+v", r)
	}
	for path, want := range map[string]int{"/api/incidents?sort=colour": 400, "/api/incidents?approx=maybe": 400, "/api/incidents?review=done": 400,
		"/api/incidents?dates=end": 400, "/api/incidents?type=bombing,parade": 400} {
		if code := v.do("GET", path, nil, nil); code != want {
			t.Errorf("GET %s: %d, want %d", path, code, want)
		}
	}
	// Export this view: every page, in its order, in each format.
	resp, err := v.hc.Get(f.srv.URL + "/api/export/incidents?format=csv&sort=-killed&limit=1")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(resp.Body).ReadAll()
	resp.Body.Close()
	if err != nil || len(recs) != 5 || recs[1][0] != byKilled.Incidents[0].ID || recs[1][14] != strconv.Itoa(*byKilled.Incidents[0].Killed.Best) || recs[1][20] != "2" {
		t.Errorf("CSV export: %v %v", recs, err)
	}
	resp, _ = v.hc.Get(f.srv.URL + "/api/export/incidents?format=geojson&approx=hide")
	var fc struct {
		Features []struct {
			ID       string
			Geometry *struct{ Coordinates []float64 }
		}
	}
	json.NewDecoder(resp.Body).Decode(&fc)
	resp.Body.Close()
	if len(fc.Features) != 3 || fc.Features[0].Geometry == nil {
		t.Errorf("GeoJSON export: %+v", fc)
	}
	resp, _ = v.hc.Get(f.srv.URL + "/api/export/incidents?format=jsonl&type=abduction")
	sc := bufio.NewScanner(resp.Body)
	lines := 0
	for sc.Scan() {
		var inc struct{ ID, Review string }
		if json.Unmarshal(sc.Bytes(), &inc) != nil || inc.ID == "" || inc.Review != incidentUnreviewed {
			t.Errorf("JSON Lines export line %s", sc.Bytes())
		}
		lines++
	}
	resp.Body.Close()
	if lines != 1 {
		t.Errorf("JSON Lines export: %d lines", lines)
	}
}

// TestStorePathsAgree checks that the answers the store pages and counts
// itself (the table in its default order, the timeline of a store filter)
// are those read from every incident's row: a type list naming every
// type asks the same of the store, but is read row by row.
func TestStorePathsAgree(t *testing.T) {
	f := newRichFixture(t)
	v := f.login(t, "vera")
	every := "type=" + strings.Join(sitrep.EventTypes, ",")
	for _, q := range []string{"", "place=Balochistan", "since=2024-07-01"} {
		byStore, byRows := v.rows("/api/incidents?"+q+"&limit=2&offset=1"), v.rows("/api/incidents?"+q+"&"+every+"&limit=2&offset=1")
		js := func(v any) string { b, _ := json.Marshal(v); return string(b) }
		if a, b := js(byStore), js(byRows); a != b || byStore.Total == 0 {
			t.Errorf("incidents?%s: the store's page %s\nrows' page %s", q, a, b)
		}
		var tlStore, tlRows map[string]any
		v.do("GET", "/api/timeline?"+q, nil, &tlStore)
		v.do("GET", "/api/timeline?"+q+"&"+every, nil, &tlRows)
		if a, b := js(tlStore), js(tlRows); a != b || len(tlStore["days"].([]any)) == 0 {
			t.Errorf("timeline?%s: counted by the store %s\nfrom the rows %s", q, a, b)
		}
	}
}

func TestNetworkAndActorPage(t *testing.T) {
	f := newRichFixture(t)
	v := f.login(t, "vera")
	type edge struct {
		Kind, Source, Target, Relation string
		Speakers                       []struct{ ID, Name string }
		Types                          map[string]int
		Weight                         int
	}
	type net struct {
		Nodes []struct {
			ID, Name          string
			Incidents, Claims int
			Degree            int
		}
		Edges []edge
		List  struct {
			Edges []edge
			Total int
		}
	}
	var n net
	if code := v.do("GET", "/api/network", nil, &n); code != 200 {
		t.Fatalf("network: %d", code)
	}
	var supports, violence *edge
	for i, e := range n.List.Edges {
		if e.Kind == "claim" && e.Relation == "supports" && e.Source == "india" && e.Target == "bla" {
			supports = &n.List.Edges[i]
		}
		if e.Kind == "violence" && e.Source == "bla" {
			violence = &n.List.Edges[i]
		}
	}
	if supports == nil || !slices.ContainsFunc(supports.Speakers, func(s struct{ ID, Name string }) bool { return s.ID == "pakistan-government" }) ||
		violence == nil || violence.Types["armed_attack"] != 1 {
		t.Fatalf("edges: %+v", n.List.Edges)
	}
	if len(n.Nodes) == 0 || len(n.Edges) == 0 || n.List.Total != len(n.List.Edges) {
		t.Errorf("graph: %+v", n)
	}
	// The relation filter; a node limit; one actor's own network.
	var only net
	v.do("GET", "/api/network?relation=supports", nil, &only)
	for _, e := range only.List.Edges {
		if e.Relation != "supports" {
			t.Errorf("relation=supports gave %+v", e)
		}
	}
	var two net
	v.do("GET", "/api/network?nodes=2", nil, &two)
	if len(two.Nodes) != 2 || two.List.Total != n.List.Total {
		t.Errorf("nodes=2: %d nodes, %d edges listed of %d", len(two.Nodes), two.List.Total, n.List.Total)
	}
	// the actors drawn are those named in most incidents and claims, not
	// those with most neighbours
	least := 1 << 30
	for _, d := range two.Nodes {
		least = min(least, d.Incidents+d.Claims)
	}
	for _, o := range n.Nodes {
		if o.Degree > 0 && o.Incidents+o.Claims > least && !slices.ContainsFunc(two.Nodes, func(d struct {
			ID, Name          string
			Incidents, Claims int
			Degree            int
		}) bool {
			return d.ID == o.ID
		}) {
			t.Errorf("nodes=2 drew %+v but not %+v", two.Nodes, o)
		}
	}
	var india net
	v.do("GET", "/api/network?focus=india", nil, &india)
	for _, e := range india.List.Edges {
		if e.Source != "india" && e.Target != "india" {
			t.Errorf("india's network lists %+v", e)
		}
	}
	// Incident filters narrow the claims to the reports of the incidents
	// kept: the Peshawar bombing's reports allege nothing about India.
	var bomb net
	v.do("GET", "/api/network?type=bombing", nil, &bomb)
	for _, e := range bomb.List.Edges {
		if e.Source == "india" {
			t.Errorf("type=bombing kept %+v", e)
		}
	}
	// Each claim edge leads to its claims and their documents.
	var ev struct {
		Claims []struct {
			DocID, Outlet string
			Claim         struct{ Text string }
		}
		Total int
	}
	if code := v.do("GET", "/api/network/claims?subject=india&object=bla&relation=supports", nil, &ev); code != 200 || ev.Total != supports.Weight || ev.Claims[0].Outlet != "Coast Daily" {
		t.Errorf("evidence: %d %+v", code, ev)
	}
	// The actor page.
	var page struct {
		Actor struct {
			Name      string
			Aliases   []string
			FirstSeen string `json:"first_seen"`
		}
		Documents int
		Framing   []struct{ Source, Label string }
		Incidents map[string]int
		Claims    map[string]int
	}
	if code := v.do("GET", "/api/actors/bla", nil, &page); code != 200 || page.Incidents["perpetrator"] != 1 || page.Claims["about"] < 1 || page.Documents < 1 || page.Actor.Name == "" || page.Actor.FirstSeen == "" {
		t.Errorf("actor page: %d %+v", code, page)
	}
	var about struct {
		Claims []struct {
			Claim struct{ Speaker struct{ ID string } }
		}
		Total int
	}
	v.do("GET", "/api/actors/bla/claims?role=about", nil, &about)
	if about.Total != page.Claims["about"] || !slices.ContainsFunc(about.Claims, func(c struct {
		Claim struct{ Speaker struct{ ID string } }
	}) bool {
		return c.Claim.Speaker.ID == "pakistan-government"
	}) {
		t.Errorf("claims about bla: %+v", about)
	}
	var made struct{ Total int }
	v.do("GET", "/api/actors/pakistan-government/claims?role=made", nil, &made)
	if made.Total < 1 {
		t.Errorf("claims made by the government: %+v", made)
	}
	var docs struct {
		Documents []struct{ ID, Outlet, Published string }
		Total     int
	}
	v.do("GET", "/api/actors/bla/documents", nil, &docs)
	if docs.Total != page.Documents || docs.Documents[0].Outlet == "" {
		t.Errorf("documents naming bla: %+v", docs)
	}
	if code := v.do("GET", "/api/actors/nobody-at-all", nil, nil); code != 404 {
		t.Errorf("unknown actor: %d", code)
	}
	// The network is built once per version of the corpus: a decision
	// made since (the incident of bla's violence edge rejected) shows.
	ed := f.login(t, "ed")
	attack := ed.rows("/api/incidents?type=armed_attack&perpetrator=bla").Incidents[0]
	ed.ifMatch = attack.Version
	if code := ed.do("POST", "/api/incidents/"+attack.ID+"/review", map[string]string{"status": "reject"}, nil); code != 200 {
		t.Fatalf("reject: %d", code)
	}
	var after net
	v.do("GET", "/api/network?nodes=3", nil, &after)
	if after.List.Total == 0 || slices.ContainsFunc(after.List.Edges, func(e edge) bool { return e.Kind == "violence" && e.Source == "bla" }) {
		t.Errorf("the rejected incident's edge is still in the network: %+v", after.List.Edges)
	}
}

func TestSearchPages(t *testing.T) {
	f := newRichFixture(t)
	v := f.login(t, "vera")
	var res struct {
		Hits []struct {
			DocID  string `json:"doc_id"`
			Events []struct{ Key, Type, Incident string }
		}
		Total int
	}
	if code := v.do("GET", "/api/search?q=Turbat&limit=1", nil, &res); code != 200 || res.Total != 2 || len(res.Hits) != 1 {
		t.Fatalf("search: %d %+v", code, res)
	}
	first := res.Hits[0].DocID
	v.do("GET", "/api/search?q=Turbat&limit=1&offset=1", nil, &res)
	if len(res.Hits) != 1 || res.Hits[0].DocID == first || len(res.Hits[0].Events) == 0 || !strings.HasPrefix(res.Hits[0].Events[0].Incident, "inc-") {
		t.Errorf("second page: %+v", res)
	}
}

func TestReviewQueueAndAudit(t *testing.T) {
	f := newRichFixture(t)
	ed := f.login(t, "ed")
	queue := ed.rows("/api/incidents?review=unreviewed&sort=-weight")
	if queue.Total != 4 || queue.Incidents[0].Place.Name != "Peshawar" || queue.Incidents[1].Killed.Best == nil || *queue.Incidents[1].Killed.Best != 2 {
		t.Fatalf("queue, heaviest first: %+v", queue.Incidents)
	}
	// Confirm the first, reject the last, each with the version the queue
	// showed.
	ed.ifMatch = queue.Incidents[0].Version
	if code := ed.do("POST", "/api/incidents/"+queue.Incidents[0].ID+"/review", map[string]string{"status": "confirm", "note": "two outlets"}, nil); code != 200 {
		t.Errorf("confirm: %d", code)
	}
	last := queue.Incidents[3]
	ed.ifMatch = last.Version
	if code := ed.do("POST", "/api/incidents/"+last.ID+"/review", map[string]string{"status": "reject"}, nil); code != 200 {
		t.Errorf("reject: %d", code)
	}
	if q := ed.rows("/api/incidents?review=unreviewed"); q.Total != 2 {
		t.Errorf("queue after two decisions: %+v", q)
	}
	if c := ed.rows("/api/incidents?review=confirmed"); c.Total != 1 || c.Incidents[0].Review != incidentConfirmed {
		t.Errorf("confirmed: %+v", c)
	}
	if all := ed.rows("/api/incidents"); all.Total != 3 {
		t.Errorf("a rejected incident leaves the list: %d", all.Total)
	}
	// A merge made by the command line (another process, another user)
	// is in the audit view, with the server's own decisions.
	inc := ed.rows("/api/incidents?type=armed_attack").Incidents[0]
	other := ed.rows("/api/incidents?review=unreviewed&type=bombing").Incidents[0]
	if _, err := f.corpus.Merge(context.Background(), inc.ID, other.ID, "cli-user"); err != nil {
		t.Fatal(err)
	}
	admin := f.login(t, "ada")
	type audit struct {
		Audit []struct{ User, Action, Source, Incident, Object string }
		Total int
	}
	var a audit
	admin.do("GET", "/api/audit?action=merge", nil, &a)
	if a.Total != 1 || a.Audit[0].User != "cli-user" || a.Audit[0].Source != "store" || !strings.HasPrefix(a.Audit[0].Incident, "inc-") {
		t.Errorf("the command line's merge: %+v", a)
	}
	admin.do("GET", "/api/audit?user=ed", nil, &a)
	actions := map[string]int{}
	for _, e := range a.Audit {
		actions[e.Action]++
	}
	if actions["confirm"] != 2 || actions["reject"] != 1 || actions["login"] != 1 || a.Total != len(a.Audit) {
		t.Errorf("ed's lines: %v (%d)", actions, a.Total)
	}
	admin.do("GET", "/api/audit?limit=2&offset=1", nil, &a)
	if len(a.Audit) != 2 || a.Total < 5 {
		t.Errorf("a page of the audit: %+v", a)
	}
	if code := admin.do("GET", "/api/audit?since=yesterday", nil, nil); code != 400 {
		t.Errorf("bad since: %d", code)
	}
}

// A change written by another writer reaches an open page's stream.
func TestLiveChanges(t *testing.T) {
	f := newFixture(t)
	v := f.login(t, "vera")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", f.srv.URL+"/api/changes", nil)
	req.Header.Set("Accept", "text/event-stream")
	resp, err := v.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("content type %q", resp.Header.Get("Content-Type"))
	}
	versions := make(chan string, 4)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				versions <- d
			}
		}
		close(versions)
	}()
	first := <-versions
	f.ingest(t, `{"id":"r9","published":"2024-09-03","source":"Daily Two","title":"Sit-in","text":"Hundreds of people protested in Gwadar on Monday against the disappearance of two fishermen."}`+"\n")
	select {
	case next := <-versions:
		if next == first {
			t.Errorf("the version did not change: %s", next)
		}
	case <-time.After(5 * time.Second):
		t.Error("no change announced within 5 s of an ingest")
	}
	if r := v.rows("/api/incidents?type=protest"); r.Total != 1 {
		t.Errorf("the new incident: %+v", r)
	}
}

// The network reads a bounded number of incidents and claims, and says so
// when it stopped at the limit; under the limits it says nothing.
func TestNetworkLimited(t *testing.T) {
	f := newRichFixture(t)
	v := f.login(t, "vera")
	type answer struct {
		Limited struct{ Incidents, Claims bool }
		Totals  struct{ Actors, Edges int }
	}
	var full answer
	if code := v.do("GET", "/api/network", nil, &full); code != 200 || full.Limited.Incidents || full.Limited.Claims {
		t.Fatalf("unlimited network: %d %+v", code, full)
	}
	defer func(i, c int) { netIncidents, netClaims = i, c }(netIncidents, netClaims)
	netIncidents, netClaims = 1, 1
	var cut answer
	// (another query than the first, which the server keeps)
	if code := v.do("GET", "/api/network?until=2100-01-01", nil, &cut); code != 200 || !cut.Limited.Incidents || !cut.Limited.Claims {
		t.Fatalf("limits of 1: %d %+v", code, cut)
	}
	if cut.Totals.Edges >= full.Totals.Edges {
		t.Errorf("a network of one incident and one claim has %d edges, the whole %d", cut.Totals.Edges, full.Totals.Edges)
	}
	// One actor's network reads its stored claim edges of most claims, up
	// to netFocusEdges, and says when it had more.
	type edge struct{ Kind, Source, Target string }
	var all struct{ List struct{ Edges []edge } }
	v.do("GET", "/api/network?limit=1000", nil, &all)
	claimEdges := map[string]int{}
	busiest := ""
	for _, e := range all.List.Edges {
		if e.Kind != "claim" {
			continue
		}
		for _, a := range []string{e.Source, e.Target} {
			if claimEdges[a]++; claimEdges[a] > claimEdges[busiest] {
				busiest = a
			}
		}
	}
	if claimEdges[busiest] < 2 {
		t.Fatalf("no actor with two claim edges: %v", claimEdges)
	}
	defer func(n int) { netFocusEdges = n }(netFocusEdges)
	netFocusEdges = 1
	var focus struct {
		Limited struct{ Edges bool }
		List    struct{ Edges []edge }
	}
	if code := v.do("GET", "/api/network?focus="+busiest, nil, &focus); code != 200 || !focus.Limited.Edges {
		t.Fatalf("%s's network with one edge read: %d %+v", busiest, code, focus)
	}
	n := 0
	for _, e := range focus.List.Edges {
		if e.Kind == "claim" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%s's network with one edge read lists %d claim edges: %+v", busiest, n, focus.List.Edges)
	}
}

// A network draws at most netDrawn edges between its actors, the heaviest,
// each with its first speakers and how many there are, and says how many
// there were; the edge list still pages them all.
func TestNetworkDrawsTheHeaviestEdges(t *testing.T) {
	f := newRichFixture(t)
	v := f.login(t, "vera")
	type edge struct {
		Weight       int
		Speakers     []speakerCount
		SpeakerCount int `json:"speaker_count"`
	}
	type answer struct {
		Edges   []edge
		Limited struct{ Drawn int }
		List    struct{ Total int }
	}
	var full answer
	if code := v.do("GET", "/api/network?nodes=150", nil, &full); code != 200 || full.Limited.Drawn != 0 || len(full.Edges) < 3 {
		t.Fatalf("a small network is drawn whole: %d %+v", code, full.Limited)
	}
	defer func(n, s int) { netDrawn, drawnSpeakers = n, s }(netDrawn, drawnSpeakers)
	netDrawn, drawnSpeakers = 2, 1
	var cut answer
	// (another query than the first, which the server keeps)
	if code := v.do("GET", "/api/network?nodes=150&until=2100-01-01", nil, &cut); code != 200 || len(cut.Edges) != 2 || cut.Limited.Drawn != len(full.Edges) {
		t.Fatalf("drawn %d of %d, limited %+v", len(cut.Edges), len(full.Edges), cut.Limited)
	}
	if cut.List.Total < len(full.Edges) {
		t.Errorf("the edge list pages %d edges, fewer than the %d drawn before", cut.List.Total, len(full.Edges))
	}
	heaviest := 0
	for _, e := range full.Edges {
		heaviest = max(heaviest, e.Weight)
	}
	if cut.Edges[0].Weight != heaviest {
		t.Errorf("the first edge drawn weighs %d, the heaviest %d", cut.Edges[0].Weight, heaviest)
	}
	for _, e := range cut.Edges {
		if len(e.Speakers) > 1 || len(e.Speakers) == 1 && e.SpeakerCount == 1 {
			t.Errorf("an edge drawn with %d speakers listed of %d", len(e.Speakers), e.SpeakerCount)
		}
	}
}

// The actor page's counts are the store's figures: paging through each
// list behind a count gives that many items, newest first, and the
// incident list by role has as many as the page counts.
func TestActorPageCountsMatchLists(t *testing.T) {
	f := newRichFixture(t)
	v := f.login(t, "vera")
	type page struct {
		Documents int
		Claims    map[string]int
		Incidents map[string]int
	}
	for _, id := range []string{"bla", "india", "pakistan-government"} {
		var p page
		if code := v.do("GET", "/api/actors/"+id, nil, &p); code != 200 {
			t.Fatalf("%s: %d", id, code)
		}
		lists := map[string]int{}
		for _, l := range []struct{ name, path, field string }{
			{"made", "/claims?role=made&", "claims"}, {"about", "/claims?role=about&", "claims"}, {"documents", "/documents?", "documents"}} {
			var last string
			for offset := 0; ; offset += 2 {
				var got map[string]json.RawMessage
				if code := v.do("GET", fmt.Sprintf("/api/actors/%s%slimit=2&offset=%d", id, l.path, offset), nil, &got); code != 200 {
					t.Fatalf("%s %s: %d", id, l.name, code)
				}
				var items []struct{ Published string }
				json.Unmarshal(got[l.field], &items)
				for _, it := range items {
					if last != "" && it.Published > last {
						t.Errorf("%s %s: %s after %s, not newest first", id, l.name, it.Published, last)
					}
					last = it.Published
				}
				lists[l.name] += len(items)
				if len(items) < 2 {
					break
				}
			}
		}
		if lists["made"] != p.Claims["made"] || lists["about"] != p.Claims["about"] || lists["documents"] != p.Documents {
			t.Errorf("%s: counts %+v, lists %v", id, p, lists)
		}
		var perp struct{ Total int }
		v.do("GET", "/api/incidents?perpetrator="+id, nil, &perp)
		if perp.Total != p.Incidents["perpetrator"] {
			t.Errorf("%s: %d incidents as perpetrator, the page says %d", id, perp.Total, p.Incidents["perpetrator"])
		}
	}
}
