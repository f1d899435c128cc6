package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"sitrep/internal/consolidate"
	"sitrep/internal/extract"
	"sitrep/internal/store"
	"sitrep/internal/store/memory"
	"sitrep/internal/store/sqlite"
)

var (
	testX    *extract.Extractor
	testOnce sync.Once
)

func newCorpus(t testing.TB, st store.Store) *Corpus {
	t.Helper()
	testOnce.Do(func() {
		x, err := extract.New(extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		testX = x
	})
	return New(st, testX)
}

// sqliteCorpus is a corpus on a fresh SQLite store in a temporary
// directory; the caller closes the store.
func sqliteCorpus(tb testing.TB) (*Corpus, *sqlite.DB) {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), tb.TempDir(), sqlite.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return newCorpus(tb, db), db
}

// The reports below are written for these tests; they describe no real
// incident. Three outlets report one bombing with different tolls; a
// fourth reports another attack in the same city on the same day.
var reports = map[string]string{
	"a-wire.txt":  `{"id":"wire-1","published":"2024-05-07","title":"Blast at market","source":"Wire One","text":"PESHAWAR: A bomb exploded at a crowded vegetable market in Peshawar on Monday, killing at least 12 people and wounding 30 others, police said. No group claimed responsibility for the blast."}`,
	"b-daily.txt": `{"id":"daily-1","published":"2024-05-07","title":"Market bombing toll rises","source":"Daily Two","text":"The death toll from Monday's bomb blast at a vegetable market in Peshawar rose to 15, hospital officials said on Tuesday. Thirty-two people were injured in the explosion."}`,
	"c-eve.txt":   `{"id":"eve-1","published":"2024-05-08","title":"Peshawar market attack","source":"Evening Three","text":"Fourteen people were killed when a bomb went off in a busy market in Peshawar on Monday, officials said."}`,
	"d-other.txt": `{"id":"other-1","published":"2024-05-07","title":"Police post attacked","source":"Wire One","text":"Gunmen attacked a police checkpoint on the outskirts of Peshawar on Monday night, killing two policemen, officials said. The attackers fled."}`,
}

func writeReports(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		p := filepath.Join(dir, strings.TrimSuffix(n, ".txt")+".jsonl")
		if err := os.WriteFile(p, []byte(reports[n]+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func incidentWith(t *testing.T, c *Corpus, typ string) store.Incident {
	t.Helper()
	incs, _, err := c.Incidents(context.Background(), store.IncidentFilter{Type: typ, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(incs) != 1 {
		t.Fatalf("%d %s incidents, want 1: %+v", len(incs), typ, incs)
	}
	return incs[0]
}

func TestIngestConsolidatesReports(t *testing.T) {
	ctx := context.Background()
	st := memory.New()
	c := newCorpus(t, st)
	dir := writeReports(t, "a-wire.txt", "b-daily.txt", "c-eve.txt", "d-other.txt")
	s, err := c.Ingest(ctx, []string{dir}, nil, IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s.New != 4 || s.Failed != 0 || s.Duplicate != 0 {
		t.Fatalf("summary %+v, want 4 new", s)
	}
	bomb := incidentWith(t, c, "bombing")
	if len(bomb.Documents) != 3 {
		t.Errorf("bombing reported by %d documents, want 3: %+v", len(bomb.Documents), bomb.Events)
	}
	k := bomb.Killed
	if k.Low == nil || k.High == nil || k.Best == nil || *k.Low != 12 || *k.High != 15 || *k.Best != 14 {
		t.Errorf("killed range %+v, want 12/14/15", k)
	}
	attack := incidentWith(t, c, "armed_attack")
	if len(attack.Documents) != 1 {
		t.Errorf("the checkpoint attack joined other reports: %+v", attack)
	}

	// Ingesting the same files again stores nothing new.
	s, err = c.Ingest(ctx, []string{dir}, nil, IngestOptions{})
	if err != nil || s.Duplicate != 4 || s.New != 0 {
		t.Errorf("second ingest %+v, %v; want 4 duplicates", s, err)
	}

	// A fresh corpus over the same store reads the same incidents.
	again := newCorpus(t, st)
	if got := incidentWith(t, again, "bombing"); got.ID != bomb.ID || len(got.Documents) != 3 {
		t.Errorf("reloaded incident %s with %d documents, want %s with 3", got.ID, len(got.Documents), bomb.ID)
	}
}

// A user's split holds when the corpus is reloaded and when the documents
// are read again by the extractor.
func TestSplitSurvivesReloadAndReextraction(t *testing.T) {
	ctx := context.Background()
	st := memory.New()
	c := newCorpus(t, st)
	if _, err := c.Ingest(ctx, []string{writeReports(t, "a-wire.txt", "b-daily.txt", "c-eve.txt")}, nil, IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	bomb := incidentWith(t, c, "bombing")
	out := bomb.Events[len(bomb.Events)-1].Key
	if _, err := c.Split(ctx, bomb.ID, out, "tester"); err != nil {
		t.Fatal(err)
	}
	check := func(c *Corpus, when string) {
		t.Helper()
		incs, _, _ := c.Incidents(ctx, store.IncidentFilter{Type: "bombing"})
		if len(incs) != 2 {
			t.Fatalf("%s: %d bombing incidents, want 2", when, len(incs))
		}
		for _, inc := range incs {
			if len(inc.Events) == 1 && inc.Events[0].Key == out {
				return
			}
		}
		t.Errorf("%s: %s is not on its own: %+v", when, out, incs)
	}
	check(c, "after split")
	again := newCorpus(t, st)
	check(again, "after reload")
	if _, err := again.Reextract(ctx, ReextractOptions{All: true}); err != nil {
		t.Fatal(err)
	}
	check(again, "after re-extraction")
	ds, err := st.Decisions(ctx)
	if err != nil || len(ds) != 1 || ds[0].Who != "tester" || ds[0].Kind != consolidate.DecisionSplit {
		t.Errorf("stored decisions %+v, %v", ds, err)
	}
}

func TestMergeIsStored(t *testing.T) {
	ctx := context.Background()
	st := memory.New()
	c := newCorpus(t, st)
	if _, err := c.Ingest(ctx, []string{writeReports(t, "a-wire.txt", "d-other.txt")}, nil, IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	a, b := incidentWith(t, c, "bombing"), incidentWith(t, c, "armed_attack")
	merged, err := c.Merge(ctx, a.ID, b.ID, "tester")
	if err != nil {
		t.Fatal(err)
	}
	if merged.ID != a.ID || len(merged.Events) != 2 {
		t.Errorf("merge gave %s with %d reports, want %s with 2", merged.ID, len(merged.Events), a.ID)
	}
	again := newCorpus(t, st)
	id, ok1 := again.IncidentOf(ctx, a.Events[0].Key)
	id2, ok2 := again.IncidentOf(ctx, b.Events[0].Key)
	if !ok1 || !ok2 || id != id2 {
		t.Errorf("after reload the merged reports are in %q and %q", id, id2)
	}
	// The id merge took away still shows, as the merged incident.
	if inc, err := again.Incident(ctx, b.ID); err != nil || inc.ID != a.ID || inc.Requested != b.ID {
		t.Errorf("Incident(%s) after the merge: %s (requested %q), %v", b.ID, inc.ID, inc.Requested, err)
	}
	if _, err := c.Merge(ctx, a.ID, "inc-missing", "tester"); err == nil {
		t.Error("merging with a missing incident succeeded")
	}
}

// A reviewer's correction reaches the incident's figures at once, and a
// rejected report leaves its incident.
func TestEditsReachIncidents(t *testing.T) {
	ctx := context.Background()
	c := newCorpus(t, memory.New())
	if _, err := c.Ingest(ctx, []string{writeReports(t, "a-wire.txt", "b-daily.txt", "c-eve.txt")}, nil, IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	bomb := incidentWith(t, c, "bombing")
	var highest string // the report of 15 killed
	for _, ref := range bomb.Events {
		d, err := c.Store().Event(ctx, ref.Key)
		if err != nil {
			t.Fatal(err)
		}
		if k := d.Event.Event.Killed; k != nil && k.Best != nil && *k.Best == 15 {
			highest = ref.Key
		}
	}
	if highest == "" {
		t.Fatalf("no report of 15 killed in %+v", bomb.Events)
	}
	if _, err := c.AddEdit(ctx, store.Edit{EventKey: highest, Status: "edit", Field: "killed", Value: "13", Who: "tester"}); err != nil {
		t.Fatal(err)
	}
	if k := incidentWith(t, c, "bombing").Killed; k.High == nil || *k.High != 14 {
		t.Errorf("after the edit the highest figure killed is %s, want 14 (the edited report now says 13)", fmtInt(k.High))
	}
	if _, err := c.AddEdit(ctx, store.Edit{EventKey: highest, Status: "reject", Who: "tester"}); err != nil {
		t.Fatal(err)
	}
	if inc := incidentWith(t, c, "bombing"); len(inc.Events) != 2 {
		t.Errorf("after the rejection the incident has %d reports, want 2", len(inc.Events))
	}
	if _, err := c.AddEdit(ctx, store.Edit{EventKey: "sha256:00#E1", Status: "confirm", Who: "tester"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("an edit of a missing event: %v, want not found", err)
	}
}

// A story syndicated under another header and footer is stored, linked
// as a copy, and not counted as a second report of its incident.
func TestNearCopyLinked(t *testing.T) {
	ctx := context.Background()
	st := memory.New()
	c := newCorpus(t, st)
	dir := t.TempDir()
	body := "A bomb exploded at a crowded vegetable market in Peshawar on Monday, killing at least 12 people and wounding 30 others, police said. " +
		"The blast tore through stalls shortly after the morning rush, witnesses said, and ambulances took the wounded to the main hospital. " +
		"No group claimed responsibility for the attack, the third in the city this month. Officials said the bomb had been hidden in a handcart."
	os.WriteFile(filepath.Join(dir, "one.txt"), []byte("PESHAWAR (Wire One) - "+body+"\n\nCopyright Wire One. All rights reserved."), 0o644)
	os.WriteFile(filepath.Join(dir, "two.txt"), []byte("By a staff reporter\n\n"+body+"\n\nShare this story: Facebook, X, WhatsApp."), 0o644)
	s, err := c.Ingest(ctx, []string{dir}, nil, IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s.New != 2 || s.Copies != 1 {
		t.Fatalf("summary %+v, want 2 new of which 1 copy", s)
	}
	bomb := incidentWith(t, c, "bombing")
	if len(bomb.Documents) != 1 {
		t.Errorf("the copy counted as another report: %+v", bomb.Documents)
	}
	// Reopened, the corpus still keeps the copy out, and knows the stored
	// texts when a third copy arrives.
	again := newCorpus(t, st)
	if b := incidentWith(t, again, "bombing"); len(b.Documents) != 1 {
		t.Errorf("after reload the copy counts as a report: %+v", b.Documents)
	}
	os.WriteFile(filepath.Join(dir, "three.txt"), []byte("Filed by our correspondent\n\n"+body+"\n\nMore on this story later."), 0o644)
	s, err = again.Ingest(ctx, []string{filepath.Join(dir, "three.txt")}, nil, IngestOptions{})
	if err != nil || s.Copies != 1 {
		t.Errorf("third copy after reload: %+v %v", s, err)
	}
}

// Bad records are reported and do not stop the ingest; the original bytes
// of a record that could not be read as text are still kept.
func TestIngestReportsFailures(t *testing.T) {
	ctx := context.Background()
	st := memory.New()
	c := newCorpus(t, st)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "good.txt"), []byte("Gunmen killed a shopkeeper in Quetta on Friday, police said."), 0o644)
	os.WriteFile(filepath.Join(dir, "binary.txt"), []byte{0x7f, 'E', 'L', 'F', 0, 0, 0, 1, 2, 3, 0, 0, 0, 0}, 0o644)
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	s, err := c.Ingest(ctx, []string{dir, filepath.Join(dir, "missing.txt")}, nil, IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s.New != 1 || s.Failed < 2 || len(s.Failures) != s.Failed {
		t.Fatalf("summary %+v", s)
	}
	for _, f := range s.Failures {
		if f.Reason == "" || f.Source == "" {
			t.Errorf("failure without source or reason: %+v", f)
		}
	}
}

func fmtInt(p *int) string {
	if p == nil {
		return "none"
	}
	return strconv.Itoa(*p)
}

// Two ingests of one folder running at once, as two processes or an
// upload during a command-line ingest would, report each document as new
// exactly once between them; a third, later, finds only duplicates. Every
// record is reported once through Stored, and the reports agree with the
// summary.
func TestTwoIngestsReportNewOnce(t *testing.T) {
	ctx := context.Background()
	st := slowBatches{memory.New()}
	a, b := newCorpus(t, st), newCorpus(t, st)
	dir := t.TempDir()
	const n = 300
	for i := range n {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%03d.txt", i)),
			[]byte(fmt.Sprintf("Report %d: gunmen killed %d people in Turbat on Monday, officials said.", i, i+2)), 0o644)
	}
	os.WriteFile(filepath.Join(dir, "README.md"), []byte("My collection of reports."), 0o644)
	var sums [2]Summary
	var states [2]map[string]int
	var wg sync.WaitGroup
	for i, c := range []*Corpus{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			states[i] = map[string]int{}
			var err error
			sums[i], err = c.Ingest(ctx, []string{dir}, nil, IngestOptions{BatchSize: 16, Stored: func(it StoredItem) { states[i][it.State]++ }})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if got := sums[0].New + sums[1].New; got != n {
		t.Errorf("new: %d + %d = %d, want %d", sums[0].New, sums[1].New, got, n)
	}
	for i, s := range sums {
		if s.New+s.Duplicate != n || s.Skipped != 1 || s.Done != n+1 {
			t.Errorf("ingest %d: %+v", i, s.Progress)
		}
		if states[i]["new"]+states[i]["copy"] != s.New || states[i]["duplicate"] != s.Duplicate || states[i]["skipped"] != s.Skipped {
			t.Errorf("ingest %d: Stored reported %v, the summary %+v", i, states[i], s.Progress)
		}
	}
	s, err := a.Ingest(ctx, []string{dir}, nil, IngestOptions{})
	if err != nil || s.New != 0 || s.Duplicate != n {
		t.Errorf("third ingest: %+v, %v", s.Progress, err)
	}
}

// slowBatches commits batches slowly, so that two ingests both prepare a
// document before either stores it.
type slowBatches struct{ store.Store }

func (s slowBatches) PutBatch(ctx context.Context, items []store.Item) error {
	time.Sleep(20 * time.Millisecond)
	return s.Store.PutBatch(ctx, items)
}

// An original kept without text (a PDF read before sitrep could read it,
// say) gets its document when a later ingest can read it.
func TestKeptOriginalReadLater(t *testing.T) {
	ctx := context.Background()
	st := memory.New()
	c := newCorpus(t, st)
	raw := []byte("Two journalists were arrested in Turbat on Tuesday, their newspaper said.")
	if err := st.PutBatch(ctx, []store.Item{{Original: store.Original{Source: "x.txt"}, Raw: raw}}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "x.txt")
	os.WriteFile(p, raw, 0o644)
	s, err := c.Ingest(ctx, []string{p}, nil, IngestOptions{})
	if err != nil || s.New != 1 {
		t.Errorf("%+v, %v", s.Progress, err)
	}
	if _, err := st.Document(ctx, store.HashBytes(raw)); err != nil {
		t.Errorf("document not stored: %v", err)
	}
}

// gather puts records prepared out of order (parallel workers) back in
// the order read, and marks the later of two equal originals as the
// duplicate, whichever was prepared first.
func TestGatherKeepsReadOrder(t *testing.T) {
	out := make(chan work, 8)
	for _, w := range []work{{seq: 3, hash: "a"}, {seq: 2, hash: "b"}, {seq: 5, hash: "c"}, {seq: 1, hash: "a"}, {seq: 4, hash: "d"}} {
		out <- w
	}
	close(out)
	batches := make(chan []work, 8)
	if err := (&Corpus{}).gather(context.Background(), out, 2, batches); err != nil {
		t.Fatal(err)
	}
	close(batches)
	var got []string
	for b := range batches {
		if len(b) > 2 {
			t.Errorf("a batch of %d, more than 2", len(b))
		}
		for _, w := range b {
			got = append(got, fmt.Sprintf("%d%s%v", w.seq, w.hash, w.dup))
		}
	}
	want := "[1afalse 2bfalse 3atrue 4dfalse 5cfalse]"
	if fmt.Sprint(got) != want {
		t.Errorf("gathered %v, want %s", got, want)
	}
}
