package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// makeReadOnly makes dir read-only as read-only media would be: a
// read-only bind mount when running as root (whom permissions do not
// stop), else permissions. It skips the test when neither is possible.
func makeReadOnly(t *testing.T, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
			if err == nil {
				os.Chmod(p, fi.Mode().Perm()&^0o222)
			}
			return nil
		})
		t.Cleanup(func() {
			filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
				if err == nil {
					os.Chmod(p, fi.Mode().Perm()|0o200)
				}
				return nil
			})
		})
		return
	}
	if err := syscall.Mount(dir, dir, "", syscall.MS_BIND, ""); err != nil {
		t.Skipf("cannot make a read-only mount here: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, 0) })
	if err := syscall.Mount(dir, dir, "", syscall.MS_BIND|syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot make a read-only mount here: %v", err)
	}
	if f, err := os.Create(filepath.Join(dir, "probe")); err == nil {
		f.Close()
		t.Skip("the mount is not read-only")
	}
}

// TestReadOnlyStore: a store on read-only media can be browsed, queried,
// exported and verified, from the command line and the server; writes
// are refused with a message, not a crash.
func TestReadOnlyStore(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	writeFile(t, in, "wire.jsonl", []byte(reportLines))
	if _, errOut, code := run(t, "", "--data", data, "ingest", in); code != 0 {
		t.Fatalf("ingest: %s", errOut)
	}
	if _, errOut, code := run(t, "a long password for ed\n", "--data", data, "user", "add", "ed", "--role", "editor", "--password-stdin"); code != 0 {
		t.Fatalf("user add: %s", errOut)
	}
	// --read-only on a writable store refuses writes up front.
	if _, errOut, code := run(t, "", "--read-only", "--data", data, "ingest", in); code != ExitUsage || !strings.Contains(errOut, "--read-only") {
		t.Errorf("ingest with --read-only: exit %d: %s", code, errOut)
	}
	makeReadOnly(t, data)
	out, _, code := run(t, "", "--data", data, "events", "--format", "json")
	if code != 0 || !strings.Contains(out, "Kech") {
		t.Fatalf("events on read-only media: exit %d: %s", code, out)
	}
	var ev struct{ Key string }
	json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &ev)
	for _, args := range [][]string{
		{"show", ev.Key}, {"search", "police"}, {"incidents"}, {"claims"}, {"actors"},
		{"export", "--format", "csv"}, {"export", "--format", "jsonl"}, {"export", "--format", "geojson"}, {"export", "--format", "graphml"},
		{"export", "--format", "framing"}, {"verify"}, {"user", "list"},
	} {
		if out, errOut, code := run(t, "", append([]string{"--data", data}, args...)...); code != 0 || out == "" {
			t.Errorf("%v on read-only media: exit %d: %s", args, code, errOut)
		}
	}
	if _, errOut, code := run(t, "", "--data", data, "ingest", in); code == 0 || !strings.Contains(errOut, "read-only") {
		t.Errorf("ingest on read-only media: exit %d: %s", code, errOut)
	}

	// The server serves it read-only: login and reads work, an edit gets 409.
	cmd := exec.Command(os.Args[0], "-test.run=^TestIngestChild$")
	cmd.Env = append(os.Environ(), "SITREP_CHILD_ARGS="+strings.Join([]string{"--data", data, "serve", "--addr", "127.0.0.1:0"}, "\x1f"))
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
		t.Fatal("the server did not start on read-only media")
	}
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar}
	do := func(method, path, body, csrf string) (int, string) {
		req, _ := http.NewRequestWithContext(context.Background(), method, base+path, strings.NewReader(body))
		req.Header.Set("X-CSRF-Token", csrf)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, body := do("POST", "/api/login", `{"user":"ed","password":"a long password for ed"}`, "")
	var login struct{ CSRF string }
	json.Unmarshal([]byte(body), &login)
	if code != 200 {
		t.Fatalf("login on read-only media: %d %s", code, body)
	}
	if code, body := do("GET", "/api/events", "", ""); code != 200 || !strings.Contains(body, "Kech") {
		t.Errorf("events on read-only media: %d %s", code, body)
	}
	if code, body := do("POST", "/api/events/"+url.PathEscape(ev.Key)+"/edits", `{"status":"confirm"}`, login.CSRF); code != http.StatusConflict {
		t.Errorf("an edit on read-only media: %d %s, want 409", code, body)
	}
}
