package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"sitrep/internal/custody"
	"sitrep/internal/store/sqlite"
)

// TestIngestChild is the ingest run TestIngestSurvivesSIGKILL kills: it
// runs only in the child process.
func TestIngestChild(t *testing.T) {
	args := os.Getenv("SITREP_CHILD_ARGS")
	if args == "" {
		t.Skip("runs only as the child of TestIngestSurvivesSIGKILL")
	}
	err := Run(context.Background(), strings.Split(args, "\x1f"), os.Stdin, os.Stdout, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
}

// TestIngestSurvivesSIGKILL kills 'sitrep ingest' with SIGKILL at random
// moments, at least 20 times over a run of 1,000 documents, starting it
// again after each kill. Every document the ingest acknowledged (printed
// by -v once its batch committed) must be in the store after the kill, the
// store must open cleanly, and at the end all 1,000 are there and the
// custody log verifies. SITREP_KILLS and SITREP_KILL_DOCS set other counts
// (make test-kill200: 200 kills over 2,000 documents).
func TestIngestSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	if raceEnabled {
		t.Skip("too slow under the race detector; 'make check' runs it without (make test-faults)")
	}
	docs, kills := envInt(t, "SITREP_KILL_DOCS", 1000), envInt(t, "SITREP_KILLS", 20)
	// The kill comes up to this long after a run's first acknowledgement;
	// with many kills it must be short enough that the documents last.
	maxDelay := max(2, 40*20*docs/(kills*1000))
	dir, data := t.TempDir(), t.TempDir()
	in := filepath.Join(dir, "docs.jsonl")
	var b strings.Builder
	places := []string{"Quetta", "Turbat", "Gwadar", "Khuzdar", "Panjgur", "Kech", "Mastung", "Sibi"}
	for i := range docs {
		line, _ := json.Marshal(map[string]string{
			"id": fmt.Sprint(i), "published": fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28),
			"text": fmt.Sprintf("Police said %d men were detained in %s on Monday after a raid on house number %d.", 1+i%7, places[i%len(places)], i),
		})
		b.Write(line)
		b.WriteByte('\n')
	}
	os.WriteFile(in, []byte(b.String()), 0o644)

	acked := map[string]bool{}
	rng := rand.New(rand.NewPCG(1, 2))
	killed := 0
	for run := 0; ; run++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestIngestChild$")
		cmd.Env = append(os.Environ(), "SITREP_CHILD_ARGS="+strings.Join([]string{"--data", data, "ingest", "-v", "--batch", "5", in}, "\x1f"))
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Kill at a random moment after the run's first acknowledgement,
		// while it is storing documents.
		var timeout <-chan time.Time
		armed := killed >= kills
		done := false
		for !done {
			select {
			case l, ok := <-lines:
				if !ok {
					done = true
					break
				}
				if f := strings.Fields(l); len(f) >= 2 && (f[0] == "new" || f[0] == "copy") {
					acked[f[1]] = true
					if !armed {
						armed = true
						timeout = time.After(time.Duration(rng.IntN(maxDelay)) * time.Millisecond)
					}
				}
			case <-timeout:
				cmd.Process.Signal(syscall.SIGKILL)
				killed++
				timeout = nil
			}
		}
		err := cmd.Wait()
		n := storedOriginals(t, data, acked)
		t.Logf("run %d: %d acknowledged so far, %d stored (exit: %v)", run, len(acked), n, err)
		if err == nil {
			if n != docs {
				t.Fatalf("after a clean run %d documents are stored, want %d", n, docs)
			}
			if killed < kills {
				t.Fatalf("the ingest finished after %d kills, want at least %d while it stored", killed, kills)
			}
			break
		}
		if run > kills+20 {
			t.Fatalf("no clean run after %d runs", run)
		}
	}
	db, err := sqlite.Open(context.Background(), data, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rep, err := custody.New(db, data).Verify(context.Background())
	if err != nil || len(rep.Problems) > 0 {
		t.Fatalf("custody after %d kills: %v %v", killed, err, rep.Problems)
	}
	t.Logf("SIGKILL: %d kills over %d documents, %d acknowledged, 0 lost, verify OK", killed, docs, len(acked))
}

func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("%s=%q: want a positive number", name, v)
	}
	return n
}

// storedOriginals opens the store (which must open cleanly after a kill),
// checks that every acknowledged original is there, and counts them all.
func storedOriginals(t *testing.T, data string, acked map[string]bool) int {
	t.Helper()
	db, err := sqlite.Open(context.Background(), data, sqlite.Options{})
	if err != nil {
		t.Fatalf("store does not open after a kill: %v", err)
	}
	defer db.Close()
	for h := range acked {
		if _, err := db.Original(context.Background(), h); err != nil {
			t.Fatalf("acknowledged original %s lost: %v", h, err)
		}
	}
	st, err := db.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(st.Originals)
}
