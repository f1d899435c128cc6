package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"sitrep/internal/corpus"
	"sitrep/internal/custody"
	"sitrep/internal/store"
	"sitrep/internal/store/postgres"
	"sitrep/internal/store/postgres/pgtest"
	"sitrep/internal/synth"
	"sitrep/internal/views"
)

// child starts 'sitrep ARGS' as a child process (through TestIngestChild)
// and returns it with its standard error.
func child(t *testing.T, args ...string) (*exec.Cmd, io.Reader) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestIngestChild$")
	cmd.Env = append(os.Environ(), "SITREP_CHILD_ARGS="+strings.Join(args, "\x1f"), "XDG_DATA_HOME="+t.TempDir())
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	return cmd, stderr
}

// TestWorkersSurviveSIGKILL runs a PostgreSQL corpus as a team would: one
// server, three workers, and an ingest that queues 2,000 documents. One
// worker is killed with SIGKILL while it holds jobs, and another started
// in its place. Every document must end up stored once and extracted
// once (one extraction record each in the custody log, the jobs the dead
// worker held taken over by others), in the running server's counts and
// in the incidents, and the custody log must verify.
func TestWorkersSurviveSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	if raceEnabled {
		t.Skip("too slow under the race detector; 'make check' runs it without (make test-faults)")
	}
	url := pgtest.URL(t)
	ctx := context.Background()
	const docs = 2000
	// Several reports of each incident, in no order, committed by three
	// workers in small batches: each commit finds incidents another
	// worker placed, read back from the store rather than kept in its
	// memory, and must place the next report as the log's replay does.
	in := filepath.Join(t.TempDir(), "docs.jsonl")
	var b strings.Builder
	if err := synth.WriteJSONL(&b, synth.News(docs, 1)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Run(ctx, []string{"--data", url, "user", "add", "ana", "--role", "admin", "--password-stdin"},
		strings.NewReader("a long enough password\n"), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	_, serr := child(t, "--data", url, "serve", "--addr", "127.0.0.1:0")
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(serr)
		re := regexp.MustCompile(`on (https?://\S+)`)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
	}()
	worker := func(name string) *exec.Cmd {
		cmd, _ := child(t, "--data", url, "worker", "--name", name, "--batch", "8", "--lease", "2s", "--workers", "1")
		return cmd
	}
	workers := []*exec.Cmd{worker("w1"), worker("w2"), worker("w3")}

	ingestDone := make(chan error, 1)
	go func() {
		ingestDone <- Run(ctx, []string{"--data", url, "ingest", "--queue", "--batch", "50", in}, nil, io.Discard, io.Discard)
	}()
	db, err := postgres.Open(ctx, url, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Kill w2 while it holds jobs, once a few hundred are done.
	deadline := time.Now().Add(4 * time.Minute)
	killed := false
	for !killed {
		if time.Now().After(deadline) {
			t.Fatal("w2 never held jobs with a few hundred done")
		}
		qs, err := db.QueueStats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := db.Pool().QueryRow(ctx, "SELECT COUNT(*) FROM jobs WHERE worker = 'w2' AND done_at IS NULL AND lease_until > now()").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if qs.Done >= 300 && n > 0 {
			workers[1].Process.Signal(syscall.SIGKILL)
			workers[1].Wait()
			killed = true
			t.Logf("killed w2 holding %d jobs, %d done", n, qs.Done)
		}
		time.Sleep(20 * time.Millisecond)
	}
	workers = append(workers, worker("w4"))
	if err := <-ingestDone; err != nil {
		t.Fatalf("ingest --queue: %v", err)
	}
	for {
		qs, err := db.QueueStats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if qs.Open == 0 {
			t.Logf("queue: %+v", qs)
			if qs.Done != docs || qs.Failed != 0 || qs.Retried == 0 {
				t.Errorf("queue ends as %+v; want %d done, none failed, the dead worker's jobs taken over", qs, docs)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the queue did not empty: %+v", qs)
		}
		time.Sleep(100 * time.Millisecond)
	}
	for _, w := range []*exec.Cmd{workers[0], workers[2], workers[3]} {
		w.Process.Signal(syscall.SIGTERM)
		if err := w.Wait(); err != nil {
			t.Errorf("a worker stopped with SIGTERM exits with %v", err)
		}
	}

	// Stored once, extracted once: one original, one document and one
	// extraction record in the custody log per document.
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Originals != docs || st.Documents != docs {
		t.Errorf("stored %d originals, %d documents; want %d each", st.Originals, st.Documents, docs)
	}
	derived := map[string]int{}
	err = db.LogRecords(ctx, 0, func(_ int64, data []byte) error {
		r, err := store.DecodeRecord(data)
		if err == nil && r.Derived != nil {
			derived[r.Derived.DocID]++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	twice := 0
	for _, n := range derived {
		if n != 1 {
			twice++
		}
	}
	if len(derived) != docs || twice > 0 {
		t.Errorf("extraction records for %d documents, %d of them more than once; want %d, each once", len(derived), twice, docs)
	}
	events := 0
	if err := db.ScanDerived(ctx, func(d store.Derived) error { events += len(d.Result.Events); return nil }); err != nil {
		t.Fatal(err)
	}
	if int64(events) != st.Events || events < docs {
		t.Errorf("%d event rows for %d events in the extraction results", st.Events, events)
	}

	// The running server counts every document and event.
	base := <-addr
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	req, _ := http.NewRequest("POST", base+"/api/login", strings.NewReader(`{"user":"ana","password":"a long enough password"}`))
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := hc.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("login: %v %v", resp, err)
	}
	resp.Body.Close()
	resp, err = hc.Get(base + "/api/stats")
	if err != nil {
		t.Fatal(err)
	}
	var got struct{ Store store.Stats }
	json.NewDecoder(resp.Body).Decode(&got)
	resp.Body.Close()
	if got.Store.Documents != docs || got.Store.Events != st.Events {
		t.Errorf("the server counts %d documents, %d events; want %d, %d", got.Store.Documents, got.Store.Events, docs, st.Events)
	}

	// Every event is in an incident, once.
	c, err := corpus.Open(ctx, corpus.Options{DataDir: url, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	incs, _, err := c.Incidents(ctx, store.IncidentFilter{Limit: 1 << 30})
	if errors.Is(err, corpus.ErrNoViews) {
		// The PostgreSQL store keeps its views on the branch that adds them.
		t.Logf("the PostgreSQL store keeps no incident views yet: %v", err)
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	members := map[string]int{}
	for _, inc := range incs {
		for _, e := range inc.Events {
			members[e.Key]++
		}
	}
	// Near copies (the texts are alike) stay out of incidents.
	missing, copies := 0, 0
	err = db.ScanEvents(ctx, store.EventFilter{}, func(e store.Event) error {
		ls, err := db.Links(ctx, e.DocID)
		isCopy := false
		for _, l := range ls {
			isCopy = isCopy || l.DocID == e.DocID
		}
		switch {
		case isCopy:
			copies++
			if members[e.Key] != 0 {
				t.Errorf("event %s of a near copy is in an incident", e.Key)
			}
		case members[e.Key] != 1:
			missing++
		}
		return err
	})
	if err != nil || missing > 0 || copies == len(members) {
		t.Errorf("%d events not in exactly one incident, %d of near copies (%v)", missing, copies, err)
	}

	// The stored views, which the workers placed reports into one at a
	// time: every event of an original report in one incident, and the
	// incidents exactly what replaying the custody log gives.
	var keys []string
	db.ScanEvents(ctx, store.EventFilter{}, func(e store.Event) error { keys = append(keys, e.Key); return nil })
	placed, err := db.IncidentsOf(ctx, keys)
	if err != nil || len(placed) != len(keys)-copies {
		t.Errorf("stored views: %d of %d events in an incident (%d near copies), %v", len(placed), len(keys), copies, err)
	}
	vr, err := views.Verify(ctx, db, 10)
	if err != nil || len(vr.Problems) > 0 || vr.Incidents == 0 {
		t.Errorf("stored views against the log's: %+v, %v; want incidents and no problem", vr, err)
	}

	rep, err := custody.New(db, t.TempDir()).Verify(ctx)
	if err != nil {
		t.Errorf("verify: %v", err)
	}
	t.Logf("verified %s", rep.Tree)
}
