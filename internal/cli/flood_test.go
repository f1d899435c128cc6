package cli

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLoginFlood sends 1,000 login attempts at once to a 'sitrep serve'
// process, twice: all from one address, then through a trusted proxy from
// 1,000 addresses, which only the bound on concurrent password checks can
// hold. Every attempt must be answered (401, 429 or 503; none queued until
// it times out), at most five checked from the one address, and the
// server's peak resident memory must stay under 1 GB.
func TestLoginFlood(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	if raceEnabled {
		t.Skip("measures memory; 'make check' runs it without the race detector (make test-faults)")
	}
	data := t.TempDir()
	if _, errOut, code := run(t, "a long password for ed\n", "--data", data, "user", "add", "ed", "--role", "editor", "--password-stdin"); code != 0 {
		t.Fatalf("user add: %s", errOut)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestIngestChild$")
	cmd.Env = append(os.Environ(), "SITREP_CHILD_ARGS="+strings.Join([]string{"--data", data, "serve", "--addr", "127.0.0.1:0", "--trusted-proxy", "127.0.0.1"}, "\x1f"))
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		re := regexp.MustCompile(`on (http://\S+) `)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
		io.Copy(io.Discard, stderr)
	}()
	var base string
	select {
	case base = <-addr:
	case <-time.After(2 * time.Minute):
		t.Fatal("the server did not start")
	}
	idle := peakRSS(t, cmd.Process.Pid)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1000}, Timeout: time.Minute}

	flood := func(name string, xff func(i int) string) map[int]int {
		codes := map[int]int{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range 1000 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				req, _ := http.NewRequest("POST", base+"/api/login", strings.NewReader(`{"user":"ed","password":"guess number `+strconv.Itoa(i)+`"}`))
				if xff != nil {
					req.Header.Set("X-Forwarded-For", xff(i))
				}
				<-start
				code := 0
				if resp, err := client.Do(req); err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					code = resp.StatusCode
				}
				mu.Lock()
				codes[code]++
				mu.Unlock()
			}()
		}
		close(start)
		wg.Wait()
		checked := codes[http.StatusUnauthorized] + codes[http.StatusOK]
		t.Logf("%s: 1000 parallel attempts: %d checked, %d refused (429: %d, 503: %d), other %v; server peak memory %d MiB (idle %d MiB)",
			name, checked, codes[http.StatusTooManyRequests]+codes[http.StatusServiceUnavailable], codes[http.StatusTooManyRequests],
			codes[http.StatusServiceUnavailable], codes, peakRSS(t, cmd.Process.Pid)>>20, idle>>20)
		if n := checked + codes[http.StatusTooManyRequests] + codes[http.StatusServiceUnavailable]; n != 1000 {
			t.Errorf("%s: %d of 1000 answered 401, 429 or 503: %v", name, n, codes)
		}
		return codes
	}
	one := flood("one address", nil)
	if checked := one[http.StatusUnauthorized]; checked > 5 {
		t.Errorf("one address had %d guesses checked, more than the limit of 5", checked)
	}
	flood("1,000 addresses behind a trusted proxy", func(i int) string { return fmt.Sprintf("198.51.%d.%d", i/250, 1+i%250) })
	if peak := peakRSS(t, cmd.Process.Pid); peak >= 1<<30 {
		t.Errorf("server peak memory %d MiB, want under 1 GiB", peak>>20)
	}
}

// peakRSS is a process's peak resident memory (VmHWM), in bytes.
func peakRSS(t *testing.T, pid int) int64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skipf("no /proc to measure memory: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	t.Fatal("no VmHWM in /proc status")
	return 0
}
