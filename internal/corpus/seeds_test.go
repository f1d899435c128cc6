package corpus

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitrep"
	"sitrep/internal/store/memory"
)

// seedsDir is the shared seed corpus; it is never copied into the
// repository.
const seedsDir = "../../../shared/corpus/seeds"

// seedsJSONL turns the seed manifest and texts into a JSON Lines file in
// a temporary directory, so that they are ingested with their dates and
// outlets.
func seedsJSONL(t *testing.T) string {
	t.Helper()
	f, err := os.Open(filepath.Join(seedsDir, "manifest.jsonl"))
	if err != nil {
		t.Skipf("seed corpus absent (%v): skipping", err)
	}
	defer f.Close()
	out := filepath.Join(t.TempDir(), "seeds.jsonl")
	w, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var m struct{ File, Published, Source, Title string }
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		text, err := os.ReadFile(filepath.Join(seedsDir, m.File))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(map[string]string{"id": strings.TrimSuffix(m.File, ".txt"), "text": string(text),
			"published": m.Published, "source": m.Source, "title": m.Title})
		w.Write(append(b, '\n'))
	}
	return out
}

// The seed corpus ingested together: one actor for each spelling family,
// and the allegation that the Pakistani military backs the Islamic State
// as one edge with its several speakers and sources.
func TestSeedsTogether(t *testing.T) {
	path := seedsJSONL(t)
	ctx := context.Background()
	c := newCorpus(t, memory.New())
	s, err := c.Ingest(ctx, []string{path}, nil, IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s.New < 4 {
		t.Fatalf("summary %+v", s)
	}
	for id, spellings := range map[string][]string{
		"naseem-baloch": {"Naseem Baloch", "Naseem Baluch"},
		"shafiq-mengal": {"Shafiq Mengal", "Shafeeq Mengal"},
		"sarfraz-bugti": {"Sarfaraz Bugti"},
		"islamic-state": {"ISIS", "Daesh"},
	} {
		a, _, err := c.Actor(ctx, id)
		if err != nil {
			t.Errorf("actor %s: %v", id, err)
			continue
		}
		all := strings.Join(append([]string{a.Name}, a.Aliases...), "|")
		for _, sp := range spellings {
			if !strings.Contains(all, sp) {
				t.Errorf("actor %s lacks the spelling %q: %s", id, sp, all)
			}
		}
	}
	if _, _, err := c.Actor(ctx, "zahid-baloch"); err == nil {
		if a, _, _ := c.Actor(ctx, "naseem-baloch"); strings.Contains(strings.Join(a.Aliases, "|"), "Zahid") {
			t.Errorf("Zahid Baluch merged into Naseem Baloch: %v", a.Aliases)
		}
	}
	g, err := c.ClaimGraph(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, e := range g.Edges() {
		if e.Subject != "pakistan-military" || e.Object != "islamic-state" || e.Relation != sitrep.Supports {
			continue
		}
		found = true
		if len(e.Speakers) < 2 || len(e.Documents) < 2 {
			t.Errorf("military-supports-ISIS edge has %d speakers in %d documents, want several: %+v", len(e.Speakers), len(e.Documents), e)
		}
		t.Logf("edge pakistan-military supports islamic-state: %d claims, speakers %+v, documents %d", e.Claims, e.Speakers, len(e.Documents))
	}
	if !found {
		t.Errorf("no pakistan-military supports islamic-state edge in %+v", g.Edges())
	}
	// The graph the server reads from the stored claim edges says what the
	// claims say.
	stored, _, err := c.Graph(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ s, o, r string }
	sums := map[key][2]int{}
	for _, e := range stored.Edges {
		sums[key{e.Subject, e.Object, e.Relation}] = [2]int{e.Claims, len(e.Speakers)}
	}
	for _, e := range g.Edges() {
		if got, want := sums[key{e.Subject, e.Object, e.Relation}], [2]int{e.Claims, len(e.Speakers)}; got != want {
			t.Errorf("edge %s -%s-> %s: stored edges say %d claims and %d speakers, the claims %d and %d", e.Subject, e.Relation, e.Object, got[0], got[1], want[0], want[1])
		}
	}
	if len(stored.Edges) != len(g.Edges()) {
		t.Errorf("%d stored edges, %d from the claims", len(stored.Edges), len(g.Edges()))
	}
}
