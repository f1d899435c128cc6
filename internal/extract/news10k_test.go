package extract

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"sitrep"
)

// TestNews10kFigures runs the extractor over the 10,000 real articles of
// ../shared/evaldata/bench/news10k.jsonl.gz and checks the figures that
// make sense of any report: no range with low > high, no incident before
// 1900, at most 20 incidents dated after publication that are not planned,
// at most 20 single incidents with more than 10,000 killed.
// It measures events in articles that report no incident two ways. The
// corpus's conflict:false label is topical (a keyword label, not gold): in
// a hand-checked sample of 200 events from such articles 122 were
// incidents the taxonomy counts (official visits, arrests in crime
// stories, protests, conflict told in the background), so the share of
// conflict:false articles with any event is only held at most 920 of
// 5,000 (894 when this was written). The hand labels of
// testdata/news10k-labels.tsv (500 articles drawn at random from both
// labels) say which articles report no incident, twice: judged from the
// title and lead, and from the whole text. The lead label measures events
// in articles whose news is no incident; the full-text label measures
// events in articles that report none anywhere, which is what a false
// event is. Both are printed, weighted to the corpus by conflict label.
// It takes a minute on two cores, so it runs only when NEWS10K=1 (make
// news10k) and skips with a message otherwise.
func TestNews10kFigures(t *testing.T) {
	if os.Getenv("NEWS10K") != "1" {
		t.Skip("skipped: set NEWS10K=1 (make news10k) to check the news10k figures")
	}
	shared := sharedDir()
	path := filepath.Join(shared, "evaldata", "bench", "news10k.jsonl.gz")
	if _, err := os.Stat(path); shared == "" || err != nil {
		t.Skip("skipped: ../shared/evaldata/bench/news10k.jsonl.gz is absent")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	type doc struct {
		sitrep.Document
		Conflict bool
	}
	docs := make(chan doc)
	go func() {
		defer close(docs)
		sc := bufio.NewScanner(gz)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			var d struct {
				ID, Text, Published, Title, Source, URL string
				Conflict                                bool
			}
			if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
				t.Error(err)
				return
			}
			docs <- doc{sitrep.Document{ID: d.ID, Text: d.Text, Published: d.Published, Title: d.Title, Source: d.Source, URL: d.URL}, d.Conflict}
		}
	}()
	var mu sync.Mutex
	n := news10kFigures{labels: readLabels(t)}
	x := extractor(t)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range docs {
				res := x.Extract(d.Document)
				mu.Lock()
				n.add(d.Document, d.Conflict, res)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	t.Logf("%d articles; conflict:false %d, with any incident %d (%.3f), %.3f incidents per article",
		n.docs, n.calm, n.calmWithEvent, float64(n.calmWithEvent)/float64(max(n.calm, 1)), float64(n.calmEvents)/float64(max(n.calm, 1)))
	t.Logf("ranges low > high %d; before 1900 %d; after publication, not planned %d; more than 10,000 killed %d",
		n.badRange, n.before1900, n.afterPub, n.huge)
	for k, measure := range []string{"lead", "full-text"} {
		var perArticle, withEvent, articles float64
		for _, st := range n.strata {
			c := st.by[k]
			if c.none == 0 {
				continue
			}
			// the stratum's share of no-incident articles in the corpus
			w := float64(st.size) * float64(c.none) / float64(st.labelled)
			perArticle += w * float64(c.events) / float64(c.none)
			withEvent += w * float64(c.withEvent) / float64(c.none)
			articles += w
			t.Logf("%s labels, %s: %d of %d articles report no incident; %d of them with an event, %d events",
				measure, st.name, c.none, st.labelled, c.withEvent, c.events)
		}
		if articles > 0 {
			t.Logf("articles that report no incident (%s labels, weighted to the corpus): %.3f events per article, %.3f with any event",
				measure, perArticle/articles, withEvent/articles)
			// issue 12: an article that reports no incident yields an
			// event at most once in 20
			if measure == "full-text" && withEvent/articles > 0.05 {
				t.Errorf("%.3f of the articles that report no incident (full-text labels) have an event: want at most 0.05", withEvent/articles)
			}
		}
	}
	if n.badRange > 0 || n.before1900 > 0 || n.afterPub > 20 || n.huge > 20 {
		t.Errorf("figures out of bounds: want 0 ranges with low > high, 0 incidents before 1900, at most 20 after publication and 20 above 10,000 killed")
	}
	if n.calm == 5000 && n.calmWithEvent > 920 {
		t.Errorf("%d conflict:false articles with an incident: want at most 920 (894 when this was written)", n.calmWithEvent)
	}
}

type news10kFigures struct {
	docs, calm, calmWithEvent, calmEvents int
	badRange, before1900, afterPub, huge  int
	labels                                map[string][2]string // id -> lead, full-text label
	strata                                [2]labelStratum      // conflict:false, conflict:true
}

// labelStratum counts the hand-labelled articles of one conflict label,
// with the no-incident counts by lead and by full-text label.
type labelStratum struct {
	name           string
	size, labelled int
	by             [2]noIncident
}

type noIncident struct{ none, withEvent, events int }

// readLabels reads testdata/news10k-labels.tsv: article id, the label
// judged from title and lead, and the label judged from the whole text,
// each I (it reports an incident), N (none) or D (debatable); the file's
// header says how they were made.
func readLabels(t *testing.T) map[string][2]string {
	b, err := os.ReadFile(filepath.Join("testdata", "news10k-labels.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][2]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			t.Fatalf("news10k-labels.tsv: want id, lead label, full-text label: %q", line)
		}
		m[f[0]] = [2]string{f[1], f[2]}
	}
	return m
}

func (n *news10kFigures) add(d sitrep.Document, conflict bool, res *sitrep.Result) {
	n.docs++
	st := &n.strata[0]
	st.name = "conflict:false"
	if conflict {
		st = &n.strata[1]
		st.name = "conflict:true"
	}
	st.size++
	if labels, ok := n.labels[d.ID]; ok {
		st.labelled++
		for k, label := range labels {
			if label != "N" {
				continue
			}
			c := &st.by[k]
			c.none++
			c.events += len(res.Events)
			if len(res.Events) > 0 {
				c.withEvent++
			}
		}
	}
	if !conflict {
		n.calm++
		n.calmEvents += len(res.Events)
		if len(res.Events) > 0 {
			n.calmWithEvent++
		}
	}
	for _, e := range res.Events {
		for _, c := range []*sitrep.Count{e.Killed, e.Injured, e.Victims} {
			if c == nil {
				continue
			}
			if c.Low != nil && c.High != nil && *c.Low > *c.High || c.Low != nil && c.Best != nil && *c.Low > *c.Best ||
				c.Best != nil && c.High != nil && *c.Best > *c.High {
				n.badRange++
			}
		}
		if e.Date != nil && e.Date.Start < "1900" {
			n.before1900++
		}
		if e.Date != nil && d.Published != "" && e.Date.Start > d.Published && e.Modality != sitrep.Planned {
			n.afterPub++
		}
		if e.Killed != nil && (e.Killed.Best != nil && *e.Killed.Best > 10000 || e.Killed.Best == nil && e.Killed.Low != nil && *e.Killed.Low > 10000) {
			n.huge++
		}
	}
}
