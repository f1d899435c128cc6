package cli

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitrep/internal/auth"
	"sitrep/internal/corpus"
	"sitrep/internal/server"
)

// TestServeSeesAnotherProcess runs the server on a data directory while
// 'sitrep ingest', another process, stores reports in it: each report's
// incident is in the server's incident list, map, timeline and claim
// graph within five seconds of the ingest ending, with no restart, and a
// merge made by 'sitrep merge' shows too.
func TestServeSeesAnotherProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	ctx := context.Background()
	data, dir := t.TempDir(), t.TempDir()
	c, err := corpus.Open(ctx, corpus.Options{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	a := auth.New(auth.NewMemory(), auth.DefaultPolicy)
	if err := a.AddUser(ctx, "vera", auth.Viewer, "password of vera", false); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(server.Config{Corpus: c, Auth: a}))
	defer srv.Close()
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	req, _ := http.NewRequest("POST", srv.URL+"/api/login", strings.NewReader(`{"user":"vera","password":"password of vera"}`))
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if resp, err := hc.Do(req); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("login: %v %v", resp, err)
	}
	get := func(path string, v any) {
		t.Helper()
		resp, err := hc.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s", path, resp.Status)
		}
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	child := func(args ...string) {
		t.Helper()
		cmd := exec.Command(os.Args[0], "-test.run=^TestIngestChild$")
		cmd.Env = append(os.Environ(), "SITREP_CHILD_ARGS="+strings.Join(append([]string{"--data", data}, args...), "\x1f"))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("sitrep %v: %v\n%s", args, err, out)
		}
	}
	// waitFor polls the server until cond holds, for at most five seconds.
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(100 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("after 5 s the server still does not show %s", what)
			}
		}
	}
	type list struct {
		Incidents []struct {
			ID      string
			Reports int
		}
		Total int
	}
	reports := []string{
		`{"id":"1","published":"2024-05-07","source":"Wire One","text":"PESHAWAR: A bomb exploded at a crowded vegetable market in Peshawar on Monday, killing at least 12 people, police said. The Tehreek-e-Taliban Pakistan claimed responsibility for the blast."}`,
		`{"id":"2","published":"2024-06-11","source":"Daily Two","text":"QUETTA: Gunmen attacked a police checkpoint in Quetta on Monday night, killing two policemen, officials said. The provincial government said the Baloch Liberation Army was behind the attack."}`,
	}
	var ids []string
	for i, r := range reports {
		p := filepath.Join(dir, "r.jsonl")
		os.WriteFile(p, []byte(r+"\n"), 0o644)
		child("ingest", p)
		waitFor("the new report's incident", func() bool {
			var l list
			get("/api/incidents", &l)
			if l.Total != i+1 {
				return false
			}
			ids = append(ids[:0], l.Incidents[0].ID)
			return true
		})
		var m struct{ Points [][]any }
		get("/api/map", &m)
		var tl struct {
			Days    [][3]json.RawMessage // [day, [incidents per type], [killed per type]]
			Undated int
		}
		get("/api/timeline", &tl)
		n := tl.Undated
		for _, d := range tl.Days {
			var counts []int
			json.Unmarshal(d[1], &counts)
			for _, k := range counts {
				n += k
			}
		}
		if len(m.Points) != i+1 || n != i+1 {
			t.Errorf("after %d reports the map shows %d points and the timeline %d incidents", i+1, len(m.Points), n)
		}
	}
	var g struct {
		Graph struct{ Edges []struct{ Subject string } }
	}
	get("/api/graph", &g)
	if len(g.Graph.Edges) == 0 {
		t.Errorf("the claim graph shows no edge of the ingested claims")
	}
	// A merge made at the command line shows in the server.
	var l list
	get("/api/incidents", &l)
	child("merge", l.Incidents[0].ID, l.Incidents[1].ID)
	waitFor("the merge", func() bool {
		var l list
		get("/api/incidents", &l)
		return l.Total == 1 && l.Incidents[0].Reports == 2
	})
}
