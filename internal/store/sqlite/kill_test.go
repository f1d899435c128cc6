package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"testing"

	"sitrep/internal/custody"
	"sitrep/internal/store"
)

// killBatch is the size of the batches TestKillChild writes.
const killBatch = 20

// TestSIGKILL runs a writer in a child process, kills it with SIGKILL in
// the middle of its batches, and opens the store again: every batch the
// child saw committed is there, no batch is there in part, and custody
// verifies. This is what WAL with synchronous=FULL and the one-transaction
// batch promise.
func TestSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$")
	cmd.Env = append(os.Environ(), "SITREP_KILL_DIR="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed := 0
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if n, ok := strings.CutPrefix(sc.Text(), "committed "); ok {
			fmt.Sscan(n, &committed)
			if committed >= 3 {
				break
			}
		}
	}
	cmd.Process.Kill() // SIGKILL: no deferred Close, no checkpoint
	cmd.Wait()
	if committed < 3 {
		t.Fatalf("child committed %d batches before it ended", committed)
	}
	ctx := context.Background()
	db := open(t, dir, Options{})
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents < int64(committed*killBatch) || st.Documents%killBatch != 0 || st.Originals != st.Documents {
		t.Errorf("after SIGKILL with %d batches committed: %+v; want whole batches of %d, at least the committed ones", committed, st, killBatch)
	}
	if _, err := custody.New(db, dir).Verify(ctx); err != nil {
		t.Errorf("Verify after SIGKILL: %v", err)
	}
}

// TestKillChild is TestSIGKILL's child: it writes batches until killed.
func TestKillChild(t *testing.T) {
	dir := os.Getenv("SITREP_KILL_DIR")
	if dir == "" {
		t.Skip("run by TestSIGKILL")
	}
	ctx := context.Background()
	db, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(9, 9))
	data := makeBenchData(r)
	for n := 1; n < 10000; n++ {
		items := make([]store.Item, killBatch)
		for i := range items {
			items[i] = benchItem(r, data, n*killBatch+i)
		}
		if err := db.PutBatch(ctx, items); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("committed %d\n", n)
	}
}
