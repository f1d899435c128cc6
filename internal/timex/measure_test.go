package timex

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWritePredictions writes one JSON file of date mentions per document of
// a docs.jsonl file, for the shared scorer (score_mentions.py --byte-offsets).
// It runs only when TIMEX_DOCS and TIMEX_OUT name the input file and the
// output directory; the evaluation data never enters the repository.
func TestWritePredictions(t *testing.T) {
	in, out := os.Getenv("TIMEX_DOCS"), os.Getenv("TIMEX_OUT")
	if in == "" || out == "" {
		t.Skip("set TIMEX_DOCS and TIMEX_OUT to write predictions")
	}
	f, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	type date struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Text  string `json:"text"`
		Value string `json:"value"`
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var d struct {
			ID        string  `json:"id"`
			Text      string  `json:"text"`
			Published *string `json:"published"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		var pub time.Time
		if d.Published != nil {
			pub, _ = time.Parse("2006-01-02", *d.Published)
		}
		res := struct {
			Dates []date `json:"dates"`
		}{Dates: []date{}}
		for _, m := range Find(d.Text, pub) {
			res.Dates = append(res.Dates, date{m.Start, m.End, m.Text, m.Value})
		}
		b, _ := json.Marshal(res)
		if err := os.WriteFile(filepath.Join(out, d.ID+".json"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestSpread reads a JSON Lines corpus (optionally gzipped) named by
// TIMEX_CORPUS and reports how long Find takes and how far resolved days
// fall from publication: a check for runaway resolutions on unlabelled news.
func TestSpread(t *testing.T) {
	in := os.Getenv("TIMEX_CORPUS")
	if in == "" {
		t.Skip("set TIMEX_CORPUS to a JSON Lines corpus")
	}
	f, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rd io.Reader = f
	if strings.HasSuffix(in, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		rd = z
	}
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	var docs, bytes, mentions, future, farPast int
	var spent time.Duration
	for sc.Scan() {
		var d struct {
			Text      string `json:"text"`
			Published string `json:"published"`
		}
		if json.Unmarshal(sc.Bytes(), &d) != nil {
			continue
		}
		pub, _ := time.Parse("2006-01-02", d.Published)
		start := time.Now()
		ms := Find(d.Text, pub)
		spent += time.Since(start)
		docs++
		bytes += len(d.Text)
		for _, m := range ms {
			mentions++
			if m.Precision != "day" || pub.IsZero() || m.Value == "" {
				continue
			}
			v, _ := time.Parse("2006-01-02", m.Value)
			switch {
			case v.After(pub.AddDate(0, 0, 1)):
				future++
				if future <= 15 {
					t.Logf("ahead: %q -> %s (published %s)", m.Text, m.Value, d.Published)
				}
			case v.Before(pub.AddDate(-1, 0, 0)):
				farPast++
			}
		}
	}
	t.Logf("%d docs, %d bytes, %d mentions; %.1f µs/doc; day values after publication: %d, over a year before: %d",
		docs, bytes, mentions, float64(spent.Microseconds())/float64(docs), future, farPast)
}
