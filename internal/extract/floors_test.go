package extract

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"sitrep"
)

// TestEvalFloors runs the extractor over the news and GTD dev sets in
// ../shared/evaldata and scores it with ../shared/tools/score.py; it fails
// when a figure falls below its floor in testdata/floors.txt. The sets are
// read in place and never copied into the repository; without them, or
// without python3, the test is skipped with a message.
func TestEvalFloors(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
	shared := sharedDir()
	if shared == "" {
		t.Skip("skipped: ../shared (the evaluation sets) is absent; set SHARED to its path")
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("skipped: python3 is needed to run ../shared/tools/score.py")
	}
	floors := readFloors(t, filepath.Join("testdata", "floors.txt"))
	x := extractor(t)
	for _, set := range []string{"news", "gtd"} {
		dir := filepath.Join(shared, "evaldata", set)
		if _, err := os.Stat(filepath.Join(dir, "docs.jsonl")); err != nil {
			t.Logf("%s: skipped, %v", set, err)
			continue
		}
		out := t.TempDir()
		extractSet(t, x, filepath.Join(dir, "docs.jsonl"), out)
		cmd := exec.Command(python, filepath.Join(shared, "tools", "score.py"), filepath.Join(dir, "gold"), out)
		res, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: score.py: %v", set, err)
		}
		got := scoreFigures(string(res))
		t.Logf("%s: %v", set, got)
		for _, f := range floors {
			if f.set != set {
				continue
			}
			v, ok := got[f.figure]
			if !ok {
				t.Errorf("%s: score.py reported no %s", set, f.figure)
				continue
			}
			if v < f.floor {
				t.Errorf("%s %s = %.3f, below its floor %.3f (testdata/floors.txt)", set, f.figure, v, f.floor)
			}
		}
	}
}

// sharedDir finds ../shared beside the repository root (SHARED overrides).
func sharedDir() string {
	if s := os.Getenv("SHARED"); s != "" {
		if _, err := os.Stat(s); err == nil {
			return s
		}
		return ""
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := dir; d != filepath.Dir(d); d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			s := filepath.Join(d, "..", "shared")
			if _, err := os.Stat(filepath.Join(s, "tools", "score.py")); err == nil {
				return s
			}
			break
		}
	}
	return ""
}

type floor struct {
	set, figure string
	floor       float64
}

func readFloors(t *testing.T, path string) []floor {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []floor
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 3 {
			t.Fatalf("%s: bad line %q", path, line)
		}
		v, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, floor{f[0], f[1], v})
	}
	return out
}

// extractSet writes <id>.json for every line of a docs.jsonl file.
func extractSet(t *testing.T, x *Extractor, docs, out string) {
	b, err := os.ReadFile(docs)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range bytes.Split(b, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var d struct {
			ID, Text, Published, Title, Source, URL string
		}
		if err := json.Unmarshal(line, &d); err != nil {
			t.Fatal(err)
		}
		res := x.Extract(sitrep.Document{ID: d.ID, Text: d.Text, Published: d.Published, Title: d.Title, Source: d.Source, URL: d.URL})
		j, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, d.ID+".json"), j, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var summaryLine = regexp.MustCompile(`(\w+)=([0-9.]+)`)
var fieldsLine = regexp.MustCompile(`'(\w+)': '(\d+)/(\d+)'`)

// scoreFigures reads score.py's output: the summary line's figures and the
// accuracy of each field.
func scoreFigures(out string) map[string]float64 {
	got := map[string]float64{}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "fields:") {
			for _, m := range fieldsLine.FindAllStringSubmatch(line, -1) {
				a, _ := strconv.Atoi(m[2])
				n, _ := strconv.Atoi(m[3])
				if n > 0 {
					got[m[1]] = float64(a) / float64(n)
				}
			}
		}
		if strings.HasPrefix(line, "event_f1=") {
			for _, m := range summaryLine.FindAllStringSubmatch(line, -1) {
				v, _ := strconv.ParseFloat(m[2], 64)
				got[m[1]] = v
			}
		}
	}
	return got
}
