package cli

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitrep"
	"sitrep/internal/store"
	"sitrep/internal/store/sqlite"
)

// run runs the command line as main does and returns stdout, stderr and
// the exit code.
func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := Run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	code := ExitCode(err, &errb)
	return out.String(), errb.String(), code
}

func writeFile(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// A made-up report: sentences written for these tests.
const article = "Gunmen shot dead a shopkeeper in Quetta on Monday, police said. Two passers-by were wounded.\n"

func TestExtractJSONFromStdin(t *testing.T) {
	out, errs, code := run(t, article, "extract", "--format", "json", "--published", "2025-01-08", "--title", "T", "--url", "https://example.org/a", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r sitrep.Result
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(article))
	if r.Schema != sitrep.Schema || r.Document.ID != "sha256:"+hex.EncodeToString(sum[:]) ||
		r.Document.Published != "2025-01-08" || r.Document.Title != "T" || r.Document.URL == nil {
		t.Errorf("document %+v", r.Document)
	}
	// The JSON output is stable: the same input gives the same bytes.
	again, _, _ := run(t, article, "extract", "--format", "json", "--published", "2025-01-08", "--title", "T", "--url", "https://example.org/a", "-")
	if again != out {
		t.Error("two runs on the same input differ")
	}
	if !strings.HasPrefix(out, "{\n  \"schema\": \"sitrep/v1\",") {
		t.Errorf("output is not indented JSON starting with the schema: %.60q", out)
	}
}

func TestExtractTextReport(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "a.txt", []byte(article))
	// Flags may follow the file name.
	out, errs, code := run(t, "", "--data", dir, "extract", p, "--published", "2025-01-08")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"(untitled)", "published 2025-01-08", "INCIDENTS (", "CLAIMS (", "ACTORS (", "PLACES ("} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	empty := writeFile(t, dir, "empty.txt", nil)
	bin := writeFile(t, dir, "prog", []byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0})
	utf16 := writeFile(t, dir, "u16.txt", []byte{0xff, 0xfe, 'Q', 0, 'u', 0})
	bad := writeFile(t, dir, "bad.txt", []byte("Gunmen killed two people in Quetta \xff\xfe on Monday.\n"))
	big := filepath.Join(dir, "big.txt")
	f, _ := os.Create(big)
	f.Truncate(50 << 20) // refused from its size, before it is read
	f.Close()
	small := writeFile(t, dir, "small.txt", []byte(strings.Repeat("word ", 100)))
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"missing", []string{"extract", filepath.Join(dir, "nope.txt")}, 3, "no such file"},
		{"directory", []string{"extract", dir}, 3, "is a directory"},
		{"empty", []string{"extract", empty}, 3, "empty document"},
		{"binary", []string{"extract", bin}, 3, "not a document: an executable"},
		{"utf-16", []string{"extract", utf16}, 3, "UTF-16"},
		{"50 MB", []string{"extract", big}, 3, "over the size limit: 52428800 bytes"},
		{"--max-bytes", []string{"extract", "--max-bytes", "100", small}, 3, "more than the 100 allowed"},
		{"bad date", []string{"extract", "--published", "12/11/2020", bad}, 2, "YYYY-MM-DD"},
		{"impossible date", []string{"extract", "--published", "2023-02-30", bad}, 2, "YYYY-MM-DD"},
		{"bad format", []string{"extract", "--format", "xml", bad}, 2, "unknown --format"},
		{"annotate text", []string{"annotate", "--format", "text", bad}, 2, "unknown --format"},
		{"no file", []string{"extract"}, 2, "name one input file"},
		{"two files", []string{"extract", bad, bad}, 2, "name one input file"},
		{"unknown flag", []string{"extract", "--colour", bad}, 2, "flag provided but not defined"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command \"frobnicate\""},
		{"no command", nil, 2, "no command given"},
		{"missing actors file", []string{"--actors", filepath.Join(dir, "none.txt"), "extract", bad}, 3, "no such file"},
		{"repaired", []string{"extract", "--format", "json", bad}, 0, "repaired 2 invalid UTF-8 sequences"},
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

func TestStdinOverCap(t *testing.T) {
	_, errs, code := run(t, strings.Repeat("text ", 1000), "extract", "--max-bytes", "1000", "-")
	if code != 3 || !strings.Contains(errs, "standard input") || !strings.Contains(errs, "--max-bytes") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

// The BOM is dropped and CRLF kept; offsets index the text as read.
func TestOffsetsIntoTextAsGiven(t *testing.T) {
	body := "Police said on 3 May 2024 that two men were abducted.\r\nOn 4 May 2024 they were freed.\r\n"
	out, errs, code := run(t, "\ufeff"+body, "annotate", "--published", "2024-05-06", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var a sitrep.Annotation
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(body))
	if a.Document.ID != "sha256:"+hex.EncodeToString(sum[:]) {
		t.Errorf("document id %s is not the hash of the text without its BOM", a.Document.ID)
	}
	if len(a.Dates) == 0 {
		t.Fatalf("no dates found in %q", body)
	}
	for _, d := range a.Dates {
		if d.Start < 0 || d.End > len(body) || body[d.Start:d.End] != d.Text {
			t.Errorf("date %+v does not index the text", d)
		}
	}
}

func TestDataFlagBeforeLaterCommand(t *testing.T) {
	_, errs, code := run(t, "", "--data", t.TempDir(), "frobnicate", "x")
	if code != 2 || !strings.Contains(errs, `unknown command "frobnicate"`) || !strings.Contains(errs, "usage: sitrep") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

func TestHelpAndVersion(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"help", "extract"}, {"extract", "-h"}, {"--version"}, {"version"}, {"-h"}} {
		out, errs, code := run(t, "", args...)
		if code != 0 || out+errs == "" {
			t.Errorf("%v: exit %d, %q %q", args, code, out, errs)
		}
	}
	out, _, _ := run(t, "", "help", "extract")
	if !strings.Contains(out, "--published") || !strings.Contains(out, "--out") {
		t.Errorf("help extract:\n%s", out)
	}
	out, _, _ = run(t, "", "--version")
	if !strings.HasPrefix(out, "sitrep "+Version) || !strings.Contains(out, "GeoNames") {
		t.Errorf("version: %s", out)
	}
	if _, errs, code := run(t, "", "help", "nonsense"); code != 2 || !strings.Contains(errs, "unknown command") {
		t.Errorf("help nonsense: %d %s", code, errs)
	}
}

func TestDefaultDataDir(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/xdg")
	if got := DefaultDataDir(); got != "/xdg/sitrep" {
		t.Errorf("with XDG_DATA_HOME: %s", got)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/someone")
	if got := DefaultDataDir(); got != "/home/someone/.local/share/sitrep" {
		t.Errorf("without XDG_DATA_HOME: %s", got)
	}
}

func TestActorsFileFromDataDir(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "actors.txt", []byte("harbour-watch | rights_group | PK | Harbour Watch | HW\n"))
	out, errs, code := run(t, "HW said two fishermen were detained in Gwadar on Monday.", "--data", dir, "extract", "--format", "json", "-")
	if code != 0 || !strings.Contains(out, `"harbour-watch"`) {
		t.Errorf("exit %d %s: %s", code, errs, out)
	}
	t.Setenv("SITREP_DATA", dir)
	out, _, _ = run(t, "HW said two fishermen were detained in Gwadar on Monday.", "extract", "--format", "json", "-")
	if !strings.Contains(out, `"harbour-watch"`) {
		t.Errorf("$SITREP_DATA not used: %s", out)
	}
}

func gzipBytes(t *testing.T, s string) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(s))
	zw.Close()
	return buf.Bytes()
}

// A document in a language the extractor does not read is recorded with
// its language, gets nothing extracted, and the CLI says so.
func TestExtractOtherLanguage(t *testing.T) {
	fr := "Au Mali, des hommes armés ont attaqué un poste de police dans la nuit de mardi, tuant trois agents, selon les autorités. " +
		"Aucun groupe n'a revendiqué l'attaque, qui survient une semaine après un attentat dans la même région."
	out, errs, code := run(t, fr, "extract", "--format", "json", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r sitrep.Result
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Document.Language != "fr" || len(r.Events) != 0 || len(r.Places) != 0 {
		t.Errorf("language %q, %d events, %d places", r.Document.Language, len(r.Events), len(r.Places))
	}
	if !strings.Contains(errs, `written in language "fr", which the extractor does not read`) {
		t.Errorf("stderr: %q", errs)
	}
	dir := t.TempDir()
	line, _ := json.Marshal(map[string]string{"id": "fr1", "text": fr})
	_, errs, code = run(t, string(line)+"\n", "extract", "--format", "json", "--out", dir, "-")
	if code != 0 || !strings.Contains(errs, `fr1: written in language "fr"`) || !strings.Contains(errs, "1 documents not in English") {
		t.Errorf("batch: exit %d, stderr %q", code, errs)
	}
}

func TestBatchExtract(t *testing.T) {
	dir := t.TempDir()
	in := `{"id":"one","text":"A bomb killed 3 people in Peshawar on 2 May.","published":"2024-05-04","title":"First"}` + "\n" +
		`{"id":"../two","text":"Protesters rallied in Quetta on Friday.","published":"2024-05-04"}` + "\n" +
		"this is not json\n" +
		`{"id":"three","text":""}` + "\n" +
		`{"id":"four"}` + "\n" +
		`{"id":"one","text":"The same id again."}` + "\n" +
		`{"id":"five","text":"Bad bytes ` + "\xff\xfe" + ` here, in Turbat.","published":"2024-05-04"}` + "\n" +
		`{"id":"six","text":"A date that is wrong.","published":"2024-13-01"}` + "\n"
	out := filepath.Join(dir, "out")
	stdout, errs, code := run(t, in, "extract", "--format", "json", "--out", out, "-")
	if code != 3 {
		t.Errorf("exit %d, want 3 (some lines failed)", code)
	}
	if stdout != "" {
		t.Errorf("batch mode wrote to stdout: %q", stdout)
	}
	for _, want := range []string{
		"3 processed, 3 written to " + out + ", 5 failed",
		"line 3: not a JSON object",
		`line 4: document "three": empty document`,
		`line 5: document "four": missing "text"`,
		`line 6: duplicate id "one": its output one.json was already written for line 1`,
		"line 7: repaired 2 invalid UTF-8 sequences",
		`line 8: document "six": bad publication date`,
		`line 2: id "../two" is not a safe file name; written as _._two-`,
		"5 of 8 input documents failed",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 3 {
		t.Fatalf("output files %v, want 3 (no temporary files left)", names)
	}
	var r sitrep.Result
	b, _ := os.ReadFile(filepath.Join(out, "one.json"))
	if err := json.Unmarshal(b, &r); err != nil || r.Schema != sitrep.Schema || r.Document.Title != "First" || r.Document.Published != "2024-05-04" {
		t.Errorf("one.json: %v %+v", err, r.Document)
	}
}

func TestBatchAnnotateGzipFile(t *testing.T) {
	dir := t.TempDir()
	gz := writeFile(t, dir, "docs.jsonl.gz", gzipBytes(t, `{"id":"g","text":"On 3 May two men were abducted in Turbat.","published":"2024-05-04"}`+"\n"+`{"id":7,"text":"Nothing happened in 2023."}`+"\n"))
	out := filepath.Join(dir, "ann")
	_, errs, code := run(t, "", "annotate", "--out", out, gz)
	if code != 0 || !strings.Contains(errs, "2 processed, 2 written") {
		t.Fatalf("annotate batch: %d %s", code, errs)
	}
	var a sitrep.Annotation
	b, _ := os.ReadFile(filepath.Join(out, "g.json"))
	if err := json.Unmarshal(b, &a); err != nil || a.Schema != sitrep.AnnotateSchema || len(a.Dates) == 0 {
		t.Errorf("annotation %s %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(out, "7.json")); err != nil {
		t.Errorf("numeric id: %v", err)
	}
}

func TestBatchLongLineSkipped(t *testing.T) {
	// With --max-bytes 1000 a line is capped at 64 MiB, but the document
	// inside it at 1000 bytes.
	in := `{"id":"long","text":"` + strings.Repeat("x", 5000) + `"}` + "\n" + `{"id":"short","text":"Police said two men were arrested."}` + "\n"
	out := filepath.Join(t.TempDir(), "out")
	_, errs, code := run(t, in, "extract", "--format", "json", "--max-bytes", "1000", "--out", out, "-")
	if code != 3 || !strings.Contains(errs, "line 1: document \"long\": over the size limit") || !strings.Contains(errs, "1 written") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

func TestBatchUsageAndSystemErrors(t *testing.T) {
	dir := t.TempDir()
	docs := writeFile(t, dir, "d.jsonl", []byte(`{"id":"a","text":"t"}`+"\n"))
	notDir := writeFile(t, dir, "file", []byte("x"))
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"extract", "--format", "text", "--out", dir, docs}, 2, "use --format json"},
		{[]string{"extract", "--format", "json", "--published", "2024-01-01", "--out", dir, docs}, 2, "from each input line"},
		{[]string{"extract", "--format", "json", "--out", filepath.Join(notDir, "sub"), docs}, 1, "create output directory"},
		{[]string{"extract", "--format", "json", "--out", filepath.Join(dir, "o"), filepath.Join(dir, "none.jsonl")}, 3, "no such file"},
		{[]string{"extract", "--format", "json", "--out", filepath.Join(dir, "o"), dir}, 3, "is a directory"},
		{[]string{"extract", "--format", "json", "--workers", "0", "--out", filepath.Join(dir, "o"), docs}, 2, "--workers"},
	} {
		_, errs, code := run(t, "", tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d (want %d) %s", tc.args, code, tc.code, errs)
		}
	}
}

// Cancelling (Ctrl-C) stops reading, keeps what was written and fails.
func TestBatchCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	err := Run(ctx, []string{"extract", "--format", "json", "--out", t.TempDir(), "-"}, strings.NewReader(`{"id":"a","text":"t"}`+"\n"), &out, &errb)
	if code := ExitCode(err, &errb); code != 1 || !strings.Contains(errb.String(), "interrupted") {
		t.Errorf("exit %d: %s", code, errb.String())
	}
}

func TestSafeName(t *testing.T) {
	for in, want := range map[string]string{
		"abc-1_2.x": "abc-1_2.x",
		"a/b":       "a_b-",
		"..":        "_.-",
		".hidden":   "_hidden-",
		"x y":       "x_y-",
		"":          "-",
		"CON":       "CON-",
		"lpt1.txt":  "lpt1.txt-",
		"Ünïcode":   "__n__code-",
	} {
		got, changed := safeName(in)
		if !strings.HasPrefix(got, want) || changed != strings.HasSuffix(want, "-") {
			t.Errorf("safeName(%q) = %q, %v; want prefix %q", in, got, changed, want)
		}
	}
	a, _ := safeName("a/b")
	b, _ := safeName("a:b")
	if a == b {
		t.Errorf("a/b and a:b share the name %s", a)
	}
	long, changed := safeName(strings.Repeat("x", 500))
	if !changed || len(long) > maxNameBytes+9 {
		t.Errorf("long id: %d bytes", len(long))
	}
}

func TestProgressLine(t *testing.T) {
	p := &progress{total: 100}
	got := p.line(40, 10, 5*time.Second)
	want := "[============            ] 50/100 documents, 8/s, 10 failed, ETA 6s"
	if got != want {
		t.Errorf("progress %q, want %q", got, want)
	}
	p = &progress{}
	if got := p.line(10, 0, time.Second); got != "10 documents, 10/s" {
		t.Errorf("without a total: %q", got)
	}
	// Not a terminal: nothing is drawn.
	var buf bytes.Buffer
	q := newProgress(&buf)
	q.update(1, 0)
	q.finish()
	if buf.Len() != 0 {
		t.Errorf("progress drawn on a non-terminal: %q", buf.String())
	}
}

// A village the embedded gazetteer lacks resolves once a GeoNames file
// holding it is imported into the data directory.
func TestGazetteerImportThenExtract(t *testing.T) {
	dir := t.TempDir()
	const article = "Gunmen killed two farmers in Buleda, Balochistan, on Monday, police said."
	out, _, code := run(t, article, "--data", dir, "extract", "--format", "json", "-")
	if code != 0 || strings.Contains(out, `"name": "Buleda"`) {
		t.Fatalf("before import: exit %d, Buleda already resolved: %s", code, out)
	}
	src := filepath.Join("..", "gazetteer", "testdata", "import", "PK.txt")
	out, errOut, code := run(t, "", "--data", dir, "gazetteer", "import", src)
	if code != 0 || !strings.Contains(out, "imported") || !strings.Contains(out, "PK.txt:4:") {
		t.Fatalf("import: exit %d %s: %s", code, errOut, out)
	}
	out, _, code = run(t, article, "--data", dir, "extract", "--format", "json", "-")
	if code != 0 || !strings.Contains(out, `"name": "Buleda"`) || !strings.Contains(out, `"lat": 26.18`) {
		t.Errorf("after import: exit %d: %s", code, out)
	}
	if _, _, code := run(t, "", "--data", dir, "gazetteer", "import", "--countries", "PAK", src); code != ExitUsage {
		t.Errorf("bad --countries: exit %d, want %d", code, ExitUsage)
	}
}

// What a user knows about a file is stored with it, and lists and
// exports filter by language.
func TestIngestMetadataAndLanguage(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	en := filepath.Join(dir, "en.txt")
	fr := filepath.Join(dir, "fr.txt")
	os.WriteFile(en, []byte("Gunmen shot dead two policemen at a checkpoint in Turbat on Monday, officials said. The attackers fled on motorcycles and a search operation was launched in the area."), 0o644)
	os.WriteFile(fr, []byte("Des hommes armés ont tué deux policiers à un poste de contrôle de Turbat lundi, selon les autorités. Les assaillants ont pris la fuite à moto et une opération de recherche a été lancée."), 0o644)
	run := func(args ...string) (string, string, int) {
		var out, errOut bytes.Buffer
		code := ExitCode(Run(context.Background(), append([]string{"--data", data}, args...), strings.NewReader(""), &out, &errOut), &errOut)
		return out.String(), errOut.String(), code
	}
	if _, stderr, code := run("ingest", "--published", "2024-03-04", "--outlet", "Coast Times", "--title", "Two policemen killed", "--url", "https://coast.example/a", en); code != 0 {
		t.Fatalf("ingest: %d %s", code, stderr)
	}
	if _, stderr, code := run("ingest", "--published", "2024-03-05", fr); code != 0 {
		t.Fatalf("ingest fr: %d %s", code, stderr)
	}
	out, _, _ := run("events", "--format", "json")
	if !strings.Contains(out, `"outlet":"Coast Times"`) || !strings.Contains(out, `"published":"2024-03-04"`) || !strings.Contains(out, `"title":"Two policemen killed"`) {
		t.Errorf("events do not carry the stated metadata:\n%s", out)
	}
	db, err := sqlite.Open(context.Background(), data, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	langs := map[string]string{}
	db.ScanDocuments(context.Background(), func(d store.Document) error { langs[d.Title] = d.Language; return nil })
	db.Close()
	if langs["Two policemen killed"] != "en" || len(langs) != 2 {
		t.Errorf("stored languages: %v", langs)
	}
	for title, l := range langs {
		if title != "Two policemen killed" && l != "fr" {
			t.Errorf("the French report is stored as %q", l)
		}
	}
	if out, _, _ := run("events", "--language", "fr", "--format", "json"); strings.TrimSpace(out) != "" {
		t.Errorf("events in French (none extracted from a French text): %s", out)
	}
	if out, _, _ := run("export", "--language", "en", "--format", "csv"); strings.Count(strings.TrimSpace(out), "\n") < 1 {
		t.Errorf("export of English events: %s", out)
	}
	for _, bad := range [][]string{
		{"ingest", "--published", "5 March 2024", en},
		{"ingest", "--language", "French", en},
		{"ingest", "--title", "One title", en, fr},
		{"ingest", "--url", "https://x.example", dir},
		{"events", "--language", "EN"},
		{"incidents", "--language", "en"},
	} {
		if _, stderr, code := run(bad...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d (%s)", bad, code, ExitUsage, stderr)
		}
	}
}

// A PDF report's evidence is cited with its page.
func TestPDFEvidenceCitesPage(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	report, err := filepath.Abs(filepath.Join("..", "pdf", "testdata", "report.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, "", "--data", data, "ingest", report); code != 0 {
		t.Fatalf("ingest: %d %s", code, stderr)
	}
	out, _, _ := run(t, "", "--data", data, "events", "--format", "json")
	var ev struct{ Key string }
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &ev); err != nil || ev.Key == "" {
		t.Fatalf("no event read from the report: %q", out)
	}
	show, _, code := run(t, "", "--data", data, "show", ev.Key)
	if code != 0 || !strings.Contains(show, ", p. 2]") && !strings.Contains(show, ", p. 3]") {
		t.Errorf("the evidence does not cite its page:\n%s", show)
	}
}

// --cpuprofile and --memprofile write profiles that pprof can read, and
// an unwritable path is an error before the command runs.
func TestProfiles(t *testing.T) {
	for _, flag := range []string{"--cpuprofile", "--memprofile"} {
		p := filepath.Join(t.TempDir(), "command.prof")
		if _, errs, code := run(t, article, flag, p, "extract", "--format", "json", "-"); code != 0 {
			t.Fatalf("%s: exit %d: %s", flag, code, errs)
		}
		b, err := os.ReadFile(p)
		if err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b { // a gzipped protobuf
			t.Fatalf("%s: profile: %v, %d bytes", flag, err, len(b))
		}
		if _, errs, code := run(t, article, flag, filepath.Join(p, "no", "such"), "extract", "-"); code == 0 || !strings.Contains(errs, flag) {
			t.Fatalf("%s: unwritable profile path: exit %d, %q", flag, code, errs)
		}
	}
}

// The batch commands, and only they, get the program's collector tuning.
func TestBatchTuningForBatchCommandsOnly(t *testing.T) {
	calls := 0
	BatchTuning = func() { calls++ }
	defer func() { BatchTuning = nil }()
	if _, errs, code := run(t, article, "extract", "--format", "json", "--published", "2025-01-08", "-"); code != 0 {
		t.Fatalf("extract: exit %d: %s", code, errs)
	}
	if calls != 1 {
		t.Errorf("extract: tuning called %d times, want 1", calls)
	}
	run(t, "", "--data", t.TempDir(), "events")
	run(t, "", "help")
	if calls != 1 {
		t.Errorf("events and help were tuned too: %d calls", calls)
	}
}
