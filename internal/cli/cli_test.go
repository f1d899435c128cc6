package cli

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"sitrep"
	"sitrep/internal/extract"
)

func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := Run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	code := ExitCode(err, &errb)
	return out.String(), errb.String(), code
}

const article = "Gunmen shot dead a shopkeeper in Quetta on Monday, police said. The attack was claimed by nobody.\n"

func TestExtractJSONFromStdin(t *testing.T) {
	out, errs, code := run(t, article, "extract", "--format", "json", "--published", "2025-01-08", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r sitrep.Result
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Schema != sitrep.Schema || len(r.Events) != 1 || r.Events[0].Date == nil || r.Events[0].Date.Start != "2025-01-06" {
		t.Errorf("result %+v", r)
	}
}

func TestExtractTextReport(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	os.WriteFile(p, []byte(article), 0o644)
	out, _, code := run(t, "", "--data", dir, "extract", p, "--published", "2025-01-08")
	if code != 0 || !strings.Contains(out, "INCIDENTS (1)") || !strings.Contains(out, "> Gunmen shot dead") || !strings.Contains(out, "Quetta") {
		t.Errorf("exit %d, report:\n%s", code, out)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	bin := filepath.Join(dir, "bin.dat")
	os.WriteFile(bin, []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2}, 0o644)
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("Gunmen killed two people in Quetta \xff\xfe on Monday."), 0o644)
	big := filepath.Join(dir, "big.txt")
	f, _ := os.Create(big)
	f.Truncate(50 << 20)
	f.Close()
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"missing", []string{"extract", filepath.Join(dir, "nope.txt")}, 3, "no such file"},
		{"empty", []string{"extract", empty}, 3, "empty"},
		{"binary", []string{"extract", bin}, 3, "binary"},
		{"huge", []string{"extract", big}, 3, "limit"},
		{"bad date", []string{"extract", "--published", "12/11/2020", bad}, 3, "YYYY-MM-DD"},
		{"bad format", []string{"extract", "--format", "xml", bad}, 2, "format"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"repaired", []string{"extract", "--format", "json", bad}, 0, "repaired 2 invalid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, code := run(t, "", tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.msg) {
				t.Errorf("exit %d (want %d), stderr %q (want %q)", code, tt.code, errs, tt.msg)
			}
		})
	}
}

func TestGlobalDataFlagBeforeCommand(t *testing.T) {
	_, errs, code := run(t, "", "--data", t.TempDir(), "ingest", "x")
	if code != 2 || !strings.Contains(errs, "unknown command \"ingest\"") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

func TestBatch(t *testing.T) {
	dir := t.TempDir()
	in := `{"id":"one","text":"A bomb killed 3 people in Peshawar on 2 May.","published":"2024-05-04"}` + "\n" +
		`{"id":"../two","text":"Protesters rallied in Quetta on Friday.","published":"2024-05-04"}` + "\n" +
		"this is not json\n" +
		`{"id":"three","text":""}` + "\n"
	out := filepath.Join(dir, "out")
	_, errs, code := run(t, in, "extract", "--format", "json", "--out", out, "-")
	if code != 3 || !strings.Contains(errs, "line 3") || !strings.Contains(errs, "line 4") || !strings.Contains(errs, "2 documents written") {
		t.Errorf("exit %d: %s", code, errs)
	}
	for _, name := range []string{"one.json", ".._two.json"} {
		if _, err := os.Stat(filepath.Join(out, strings.TrimPrefix(name, "."))); err != nil {
			if _, err2 := os.Stat(filepath.Join(out, "_two.json")); name != "one.json" && err2 == nil {
				continue
			}
			t.Errorf("%s: %v", name, err)
		}
	}
	// annotate in batch from a gzip file
	gz := filepath.Join(dir, "docs.jsonl.gz")
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(`{"id":"g","text":"On 3 May two men were abducted in Turbat.","published":"2024-05-04"}` + "\n"))
	zw.Close()
	os.WriteFile(gz, buf.Bytes(), 0o644)
	out2 := filepath.Join(dir, "ann")
	if _, errs, code := run(t, "", "annotate", "--out", out2, gz); code != 0 {
		t.Fatalf("annotate batch: %d %s", code, errs)
	}
	var a sitrep.Annotation
	b, _ := os.ReadFile(filepath.Join(out2, "g.json"))
	if err := json.Unmarshal(b, &a); err != nil || len(a.Dates) == 0 || a.Dates[0].Value != "2024-05-03" || len(a.Numbers) == 0 {
		t.Errorf("annotation %s %v", b, err)
	}
}

func TestSafeName(t *testing.T) {
	for in, want := range map[string]string{"a/b": "a_b", "..": "_", "x y.json": "x_y.json", "": "_"} {
		if got := safeName(in); got != want {
			t.Errorf("safeName(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkNews10k measures extraction throughput over the 10,000-article
// corpus with the batch worker pool (one worker per core).
func BenchmarkNews10k(b *testing.B) {
	path := filepath.Join("..", "..", "..", "shared", "evaldata", "bench", "news10k.jsonl.gz")
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("benchmark corpus absent (%v): it lives in ../shared/evaldata/bench", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		b.Fatal(err)
	}
	var docs []sitrep.Document
	dec := json.NewDecoder(zr)
	for {
		var l struct{ ID, Text, Published, Title, Source string }
		if dec.Decode(&l) != nil {
			break
		}
		docs = append(docs, sitrep.Document{ID: l.ID, Text: l.Text, Published: l.Published, Title: l.Title, Source: l.Source})
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	x.Extract(docs[0]) // load the knowledge before timing
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	start := time.Now()
	for n := 0; n < b.N; n++ {
		ch := make(chan sitrep.Document, runtime.GOMAXPROCS(0))
		done := make(chan struct{})
		for w := 0; w < runtime.GOMAXPROCS(0); w++ {
			go func() {
				for d := range ch {
					x.Extract(d)
				}
				done <- struct{}{}
			}()
		}
		for _, d := range docs {
			ch <- d
		}
		close(ch)
		for w := 0; w < runtime.GOMAXPROCS(0); w++ {
			<-done
		}
	}
	el := time.Since(start)
	runtime.ReadMemStats(&after)
	n := float64(len(docs) * b.N)
	b.ReportMetric(n/el.Seconds(), "articles/s")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/n, "allocs/article")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/n/1024, "KiB/article")
}

func TestActorsFileFromDataDir(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "actors.txt"), []byte("harbour-watch | rights_group | PK | Harbour Watch | HW\n"), 0o644)
	out, errs, code := run(t, "HW said two fishermen were detained in Gwadar on Monday.", "--data", dir, "extract", "--format", "json", "-")
	if code != 0 || !strings.Contains(out, `"harbour-watch"`) {
		t.Errorf("exit %d %s: %s", code, errs, out)
	}
	_, errs, code = run(t, "x", "--data", dir, "--actors", filepath.Join(dir, "missing.txt"), "extract", "-")
	if code == 0 || !strings.Contains(errs, "actors") {
		t.Errorf("a missing --actors file must fail: %d %s", code, errs)
	}
}
