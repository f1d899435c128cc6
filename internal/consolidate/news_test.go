package consolidate

// BenchmarkNews10kIncidents measures consolidation on real reporting: the
// 10,000 Dawn/APP articles of 2025 in ../shared/evaldata/bench, extracted
// with the current rules and consolidated in publication order, as `sitrep
// ingest` does. For ten incidents the corpus covers heavily it reports
// into how many incidents their reports fall and whether an incident
// mixes reports of two of them.
//
// Nothing of the corpus is copied here. Each incident is described by its
// kind, the days it happened, the country, and a few words of our own that
// name it (a place, a target); a report of it is an extracted event whose
// sentence (the one it was read from) uses those words, whose type is of a
// kind the incident can be reported as, whose document appeared within the
// days it was in the news, and whose stated date, if it states one, is not
// another day's. That judge was checked by reading samples of what it
// selects (NEWS_EVAL_SAMPLE=40 prints a fixed random sample;
// NEWS_EVAL_SHOW=name every report of one incident with its incident).

import (
	"bufio"
	"compress/gzip"
	"encoding/gob"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"sitrep"
	"sitrep/internal/extract"
	"sitrep/internal/gazetteer"
	"sitrep/internal/ingest"
)

// realIncident describes one incident of 2025 in our own words.
type realIncident struct {
	name     string
	kinds    []string // event types a report of it may carry
	from, to string   // the days it happened
	news     int      // days after `to` its reports are counted
	stated   int      // days after `to` a report's stated date may fall
	country  string
	words    []*regexp.Regexp // each must match a report's sentences
	control  bool             // a look-alike: counted for mixing only
	// place matches the name, province or country code of a right place
	// for it: where it happened, never where it was spoken of.
	place *regexp.Regexp
}

var violentTypes = []string{sitrep.Bombing, sitrep.ArmedAttack, sitrep.Assassination, sitrep.Clash, sitrep.Abduction}

func allOf(res ...string) []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(res))
	for i, r := range res {
		out[i] = regexp.MustCompile(r)
	}
	return out
}

var attackTypes = []string{sitrep.Bombing, sitrep.ArmedAttack, sitrep.Assassination, sitrep.Abduction}

var realIncidents = []realIncident{
	{name: "train hijacking in Bolan (Mar 11)", kinds: violentTypes, from: "2025-03-11", to: "2025-03-12", news: 10, stated: 2, country: "PK",
		place: regexp.MustCompile(`(?i)^(Bolan|Kachhi|Mashkaf|Sibi|Dhadar|Pehro Kunri|Balochistan)$`),
		words: allOf(`jaff?ar express|train hijack|hijack\w* (of )?(the )?(passenger )?train`)},
	{name: "tourists shot at Pahalgam (Apr 22)", kinds: attackTypes, from: "2025-04-22", to: "2025-04-22", news: 10, stated: 1, country: "IN",
		place: regexp.MustCompile(`(?i)^(Pahalgam|Baisaran|Anantnag|Jammu and Kashmir|Kashmir|Indian-administered Kashmir|Indian Kashmir)$`),
		words: allOf(`pahalgam|baisaran`)},
	{name: "school bus bombed in Khuzdar (May 21)", kinds: violentTypes, from: "2025-05-21", to: "2025-05-21", news: 10, stated: 1, country: "PK",
		place: regexp.MustCompile(`(?i)^(Khuzdar|Zero Point|Balochistan)$`),
		words: allOf(`khuzdar|school bus`, `school|bus|children|students`)},
	{name: "Bannu cantonment stormed (Mar 4)", kinds: violentTypes, from: "2025-03-04", to: "2025-03-05", news: 10, stated: 1, country: "PK",
		place: regexp.MustCompile(`(?i)^(Bannu|Bannu Cantonment|Khyber Pakhtunkhwa)$`),
		words: allOf(`bannu`, `cantonment|cantt`)},
	{name: "seminary bombing at Akora Khattak (Feb 28)", kinds: violentTypes, from: "2025-02-28", to: "2025-02-28", news: 10, stated: 1, country: "PK",
		place: regexp.MustCompile(`(?i)^(Akora Khattak|Nowshera|Khyber Pakhtunkhwa)$`),
		words: allOf(`haqqania|akora khattak`)},
	{name: "convoy attacked near Noshki (Mar 16)", kinds: violentTypes, from: "2025-03-16", to: "2025-03-16", news: 7, stated: 1, country: "PK",
		place: regexp.MustCompile(`(?i)^(Noshki|Nushki|Balochistan)$`),
		words: allOf(`noshki`, `convoy|bus|suicide|vehicle`)},
	{name: "air strike on Doha (Sep 9)", kinds: violentTypes, from: "2025-09-09", to: "2025-09-09", news: 10, stated: 1, country: "QA",
		place: regexp.MustCompile(`(?i)^(Doha|Qatar)$`),
		words: allOf(`doha|qatar`, `strike|attack|israel`)},
	{name: "rally bombing at a Quetta stadium (Sep 2)", kinds: violentTypes, from: "2025-09-02", to: "2025-09-02", news: 10, stated: 1, country: "PK",
		place: regexp.MustCompile(`(?i)^(Quetta|Balochistan)$`),
		words: allOf(`shahwani|bnp|balochistan national party|mengal`)},
	{name: "bus passengers shot in Barkhan (Feb 18)", kinds: violentTypes, from: "2025-02-18", to: "2025-02-18", news: 7, stated: 1, country: "PK",
		place: regexp.MustCompile(`(?i)^(Barkhan|Rakhni|Balochistan)$`),
		words: allOf(`barkhan`, `bus|coach|passengers|offloaded`)},
	{name: "convoy bombed at Mir Ali (Jun 28)", kinds: violentTypes, from: "2025-06-28", to: "2025-06-28", news: 7, stated: 1, country: "PK",
		place: regexp.MustCompile(`(?i)^(Mir Ali|North Waziristan|Khyber Pakhtunkhwa)$`),
		words: allOf(`mir ali|north waziristan`, `convoy|suicide|vehicle`)},
	// Look-alikes near the ten in time, place or words, read only to see
	// whether an incident mixes them with one of the ten.
	{name: "control: soldiers' vehicle bombed in Mach (May 6)", control: true, kinds: violentTypes, from: "2025-05-06", to: "2025-05-06", news: 5, stated: 1, country: "PK",
		place: regexp.MustCompile(`(?i)^(Mach|Bolan|Kachhi|Balochistan)$`),
		words: allOf(`\bmach\b`, `soldier|ied|vehicle|army`)},
	{name: "control: missile strikes on Pakistan (May 7)", control: true, kinds: violentTypes, from: "2025-05-06", to: "2025-05-07", news: 5, stated: 1, country: "PK",
		place: regexp.MustCompile(`(?i)^(Pakistan|Punjab|Muridke|Bahawalpur|Sialkot|Shakargarh|Muzaffarabad|Kotli|Bagh|Azad Kashmir|Azad Jammu and Kashmir)$`),
		words: allOf(`india`, `sindoor|muridke|bahawalpur|missile|six locations|five locations|strikes`)},
	{name: "control: Afghan border clashes (Oct 11)", control: true, kinds: violentTypes, from: "2025-10-11", to: "2025-10-12", news: 5, stated: 1, country: "PK",
		place: regexp.MustCompile(`(?i)^(Kurram|Bajaur|Angoor Adda|Chitral|Dir|Upper Dir|Lower Dir|Zhob|Bahram Chah|Chaman|Torkham|Khyber Pakhtunkhwa|Balochistan|Pakistan|Afghanistan)$`),
		words: allOf(`afghan`, `border|skirmish|posts|clash`)},
	{name: "control: Quetta paramilitary headquarters attack (Sep 30)", control: true, kinds: violentTypes, from: "2025-09-30", to: "2025-09-30", news: 5, stated: 1, country: "PK",
		place: regexp.MustCompile(`(?i)^(Quetta|Balochistan)$`),
		words: allOf(`quetta`, `headquarters|fc hq`)},
}

// sharedDir is the shared checkout: $SITREP_SHARED, else ../shared beside
// the repository, else /work/shared.
func sharedDir() string {
	if d := os.Getenv("SITREP_SHARED"); d != "" {
		return d
	}
	if d := filepath.Join("..", "..", "..", "shared"); dirExists(d) {
		return d
	}
	return "/work/shared"
}

func dirExists(d string) bool {
	st, err := os.Stat(d)
	return err == nil && st.IsDir()
}

// newsDoc is one extracted article: what consolidation is given.
type newsDoc struct {
	ID, Published, Source, Text string
	Events                      []sitrep.Event
	Claims                      []sitrep.Claim
}

// extractNews reads and extracts every article of the corpus, in parallel.
// NEWS_EXTRACT_CACHE names a file to keep the extractions in between runs
// (it is reused only for the same extraction rules).
func extractNews(t testing.TB, path string) []newsDoc {
	cache := os.Getenv("NEWS_EXTRACT_CACHE")
	if cache != "" {
		if docs, ok := readNewsCache(cache); ok {
			t.Logf("extractions read from %s", cache)
			return docs
		}
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var docs []newsDoc
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		d, _, err := ingest.DecodeLine(sc.Bytes(), ingest.DefaultMaxBytes)
		if err != nil {
			continue
		}
		docs = append(docs, newsDoc{ID: d.ID, Published: d.Published, Source: d.Source, Text: d.Text})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(docs); i += workers {
				d := &docs[i]
				r := x.Extract(sitrep.Document{ID: d.ID, Text: d.Text, Published: d.Published, Source: d.Source})
				d.Events, d.Claims = r.Events, r.Claims
			}
		}()
	}
	wg.Wait()
	if cache != "" {
		writeNewsCache(t, cache, docs)
	}
	return docs
}

// cacheFormat versions the cache's shape besides the extraction rules.
const cacheFormat = "+claims"

func readNewsCache(path string) ([]newsDoc, bool) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	dec := gob.NewDecoder(bufio.NewReader(f))
	var version string
	var docs []newsDoc
	if dec.Decode(&version) != nil || version != extract.Version+cacheFormat || dec.Decode(&docs) != nil {
		return nil, false
	}
	return docs, true
}

func writeNewsCache(t testing.TB, path string, docs []newsDoc) {
	f, err := os.Create(path)
	if err != nil {
		t.Logf("cache: %v", err)
		return
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	enc := gob.NewEncoder(w)
	if err := enc.Encode(extract.Version + cacheFormat); err == nil {
		err = enc.Encode(docs)
	}
	if err := w.Flush(); err != nil {
		t.Logf("cache: %v", err)
	}
}

// judgedEvent is an event the judge found to report one of realIncidents.
type judgedEvent struct {
	key, pub string
	ev       sitrep.Event
}

// judge returns the index in realIncidents of the incident an event
// reports, or -1 when it reports none of them or could be either of two.
func judge(pub string, ev sitrep.Event) int {
	text := ""
	found := -1
	for i, ri := range realIncidents {
		if !slices.Contains(ri.kinds, ev.Type) {
			continue
		}
		p, _, ok := parseDay(pub)
		from, _, _ := parseDay(ri.from)
		to, _, _ := parseDay(ri.to)
		if !ok || p < from || p > to+int32(ri.news) {
			continue
		}
		if d := ev.Date; d != nil && d.Text != "" {
			s, _, ok1 := parseDay(d.Start)
			e, _, ok2 := parseDay(d.End)
			if ok1 && ok2 && (e < from-1 || s > to+int32(ri.stated)) {
				continue // it states another day
			}
		}
		if text == "" && len(ev.Evidence) > 0 {
			// The sentence the event was read from, not the others the
			// extraction attached: they may tell of another incident.
			text = strings.ToLower(ev.Evidence[0].Text)
		}
		if slices.ContainsFunc(ri.words, func(r *regexp.Regexp) bool { return !r.MatchString(text) }) {
			continue
		}
		if found >= 0 {
			return -1
		}
		found = i
	}
	return found
}

// BenchmarkNews10kIncidents reports, for the ten incidents, into how many
// incidents their reports fall (within2: how many of the ten fall into at
// most two), how many incidents mix reports of two of the fourteen
// described (mixed), and the share of each one's reports in its largest
// incident (in-largest, averaged over the ten); in order of publication,
// how many judged reports sit in an incident placed where it happened
// (placed-right-reports, of the fourteen described) and how many incidents
// are placed in a national capital none of their reports' sentences names
// (capital-unsaid: placed where they were spoken of). Run with make
// eval-incidents; -v prints the table.
func BenchmarkNews10kIncidents(b *testing.B) {
	path := filepath.Join(sharedDir(), "evaldata", "bench", "news10k.jsonl.gz")
	if _, err := os.Stat(path); err != nil {
		b.Skipf("skipped: %s is absent (%v); it lives in ../shared/evaldata/bench", path, err)
	}
	var within2, mixed, within2File, mixedFile, placed, unsaid int
	var share float64
	for b.Loop() {
		docs := extractNews(b, path)
		// The corpus file's own order first, as `sitrep ingest` reads it,
		// then by publication, as a live feed brings it: consolidation
		// must not depend on the order reports arrive in.
		b.Logf("in the file's order:")
		within2File, mixedFile, _, _, _ = measureNews(b, docs)
		slices.SortStableFunc(docs, func(a, b newsDoc) int { return strings.Compare(a.Published, b.Published) })
		b.Logf("in order of publication:")
		within2, mixed, share, placed, unsaid = measureNews(b, docs)
	}
	b.ReportMetric(float64(within2), "within2/10")
	b.ReportMetric(float64(mixed), "mixed")
	b.ReportMetric(share, "in-largest")
	b.ReportMetric(float64(within2File), "within2-file-order/10")
	b.ReportMetric(float64(mixedFile), "mixed-file-order")
	b.ReportMetric(float64(placed), "placed-right-reports")
	b.ReportMetric(float64(unsaid), "capital-unsaid")
}

func measureNews(t testing.TB, docs []newsDoc) (within2, mixedIncidents int, share float64, placedReports, unsaid int) {
	x := NewIndex()
	byReal := make([][]judgedEvent, len(realIncidents))
	events := 0
	for _, d := range docs {
		events += len(d.Events)
		// What the store's views give consolidation (views.Session.Document).
		doc := ResultDoc(d.ID, d.Published, d.Source, sitrep.Result{Events: d.Events, Claims: d.Claims})
		doc.Text, doc.Dateline = d.Text, Dateline(d.Text)
		for i, a := range x.AddDoc(doc, d.Events) {
			if j := judge(d.Published, d.Events[i]); j >= 0 {
				byReal[j] = append(byReal[j], judgedEvent{a.Key, d.Published, d.Events[i]})
			}
		}
	}
	t.Logf("%d articles, %d events, %d incidents", len(docs), events, x.Len())
	// Which real incidents each predicted incident holds reports of.
	holds := map[string]map[int]int{}
	for j, js := range byReal {
		for _, e := range js {
			id, _ := x.IncidentOf(e.key)
			if holds[id] == nil {
				holds[id] = map[int]int{}
			}
			holds[id][j]++
		}
	}
	show := os.Getenv("NEWS_EVAL_SHOW")
	controls := 0
	for _, ri := range realIncidents {
		if ri.control {
			controls++
		}
	}
	var lines []string
	okCount, mixed := 0, 0
	placedRight, judgedReports := 0, 0
	for j, ri := range realIncidents {
		in := map[string]int{}
		for _, e := range byReal[j] {
			id, _ := x.IncidentOf(e.key)
			in[id]++
		}
		ids := make([]string, 0, len(in))
		for id := range in {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(a, b int) bool { return in[ids[a]] > in[ids[b]] || in[ids[a]] == in[ids[b]] && ids[a] < ids[b] })
		mix := 0
		for _, id := range ids {
			if len(holds[id]) > 1 {
				mix++
			}
		}
		top := 0
		if len(ids) > 0 {
			top = in[ids[0]]
		}
		// Where the incidents holding its reports are placed: the largest
		// one, and the share of its reports whose incident is placed right.
		where, right := "-", 0
		for k, id := range ids {
			inc, _ := x.Incident(id)
			ok := inc.Place != nil && ri.place.MatchString(inc.Place.Name)
			if ok {
				right += in[id]
			}
			if k == 0 {
				where = placeLabel(inc.Place)
				if ok {
					placedRight++
					where += " (right)"
				} else {
					where += " (WRONG)"
				}
			}
		}
		placedReports += right
		judgedReports += len(byReal[j])
		lines = append(lines, fmt.Sprintf("%-58s reports %4d  incidents %3d  largest %4d  mixed %d  placed %s, %d of its reports placed right", ri.name, len(byReal[j]), len(ids), top, mix, where, right))
		if !ri.control && len(ids) <= 2 {
			okCount++
		}
		if !ri.control && len(byReal[j]) > 0 {
			share += float64(top) / float64(len(byReal[j]))
		}
		mixed += mix
		if show != "" && strings.Contains(strings.ToLower(ri.name), strings.ToLower(show)) {
			for _, id := range ids {
				inc, _ := x.Incident(id)
				t.Logf("== %s: %d of its reports, %d members: %s %s %s", id, in[id], len(inc.Events), inc.Type, inc.Date.Start, placeLabel(inc.Place))
				if id != ids[0] && os.Getenv("NEWS_EVAL_WHY") != "" {
					a, b := x.incidents[ids[0]], x.incidents[id]
					ra, rb := a.representative(), b.representative()
					pv := false
					if ra != nil && rb != nil {
						_, pv = placeScore(ra, rb, true, &explain{})
					}
					t.Logf("   same as largest: %v; anchors %v %s / %v %s; rep %s %s / %s %s; place veto %v; words %.1f", x.sameIncident(a, b),
						a.hasAnchor, formatDay(a.anchor), b.hasAnchor, formatDay(b.anchor), ra.typ, placeLabel(ra.ref.Place), rb.typ, placeLabel(rb.ref.Place), pv, x.profileIdentity(a, b, false))
				}
				for _, e := range byReal[j] {
					if got, _ := x.IncidentOf(e.key); got == id {
						t.Logf("   %s %s %s %s %s %q", e.key, e.pub, e.ev.Type, dateLabel(e.ev.Date), placeLabel(e.ev.Place), firstEvidence(e.ev, 160))
						if id != ids[0] && os.Getenv("NEWS_EVAL_WHY") != "" {
							t.Logf("      placed: %.400s", strings.Join(x.byKey[e.key].ref.Reasons, "; "))
							ex := explain{on: true}
							s, ok, named := x.incidentScore(x.byKey[e.key], x.incidents[ids[0]], &ex)
							t.Logf("      vs largest: score %.1f ok %v named %v: %s", s, ok, named, strings.Join(ex.reasons, "; "))
						}
					}
				}
				for _, r := range inc.Events {
					if judgedKey(byReal[j], r.Key) {
						continue
					}
					t.Logf("   other member %s %s %s %s %s", r.Key, r.Published, r.Type, dateLabel(r.Date), placeLabel(r.Place))
					if os.Getenv("NEWS_EVAL_WHY") != "" {
						t.Logf("      placed: %.300s", strings.Join(x.byKey[r.Key].ref.Reasons, "; "))
					}
				}
			}
		}
	}
	for _, l := range lines {
		t.Log(l)
	}
	if n, _ := strconv.Atoi(os.Getenv("NEWS_EVAL_SAMPLE")); n > 0 {
		// A fixed random sample of the judged reports, to read whether the
		// judge is right.
		rng := rand.New(rand.NewPCG(1, 2))
		var all []judgedEvent
		var which []int
		for j, js := range byReal {
			if !realIncidents[j].control {
				all = append(all, js...)
				for range js {
					which = append(which, j)
				}
			}
		}
		for range n {
			i := rng.IntN(len(all))
			t.Logf("sample [%s] %s %s: %s", realIncidents[which[i]].name, all[i].pub, all[i].ev.Type, firstEvidence(all[i].ev, 400))
		}
	}
	if n, _ := strconv.Atoi(os.Getenv("NEWS_EVAL_TOP")); n > 0 {
		// The largest incidents, to read for reports that do not belong.
		evs := map[string]sitrep.Event{}
		for _, d := range docs {
			for i, ev := range d.Events {
				evs[EventKey(d.ID, i, ev)] = ev
			}
		}
		all := x.Incidents()
		sort.Slice(all, func(a, b int) bool { return len(all[a].Events) > len(all[b].Events) })
		for _, inc := range all[:min(n, len(all))] {
			t.Logf("== %s %s %s %s: %d reports, killed %s", inc.ID, inc.Type, inc.Date.Start, placeLabel(inc.Place), len(inc.Events), rangeLabel(inc.Killed))
			for i, r := range inc.Events {
				if i%max(1, len(inc.Events)/12) != 0 {
					continue
				}
				t.Logf("   %s %s %s %s fu=%v %q", r.Published, r.Type, dateLabel(r.Date), placeLabel(r.Place), r.FollowUp, firstEvidence(evs[r.Key], 150))
			}
		}
	}
	mixedIncidents = 0
	for _, h := range holds {
		if len(h) > 1 {
			mixedIncidents++
		}
	}
	share /= float64(len(realIncidents) - controls)
	t.Logf("%d of %d incidents in at most 2 incidents; %d incidents mix reports of two; %.0f%% of each one's reports in its largest incident", okCount, len(realIncidents)-controls, mixedIncidents, 100*share)
	t.Logf("places: the largest incident of %d of %d (controls too) placed right; %d of %d judged reports in an incident placed right", placedRight, len(realIncidents), placedReports, judgedReports)
	unsaid = capitalsUnsaid(t, x, docs)
	if os.Getenv("NEWS_EVAL_IDENTITY") != "" {
		// Word identity of each judged report with the largest incident of
		// its own real incident and of every other one.
		largest := make([]*incident, len(byReal))
		for j, js := range byReal {
			cnt := map[*incident]int{}
			for _, e := range js {
				cnt[x.byKey[e.key].inc]++
			}
			for inc, n := range cnt {
				if largest[j] == nil || n > cnt[largest[j]] {
					largest[j] = inc
				}
			}
		}
		var same, other []float64
		for j, js := range byReal {
			for _, e := range js {
				m := x.byKey[e.key]
				for k, inc := range largest {
					if inc == nil || inc == m.inc {
						continue
					}
					id, _ := x.voc.identity(m.terms, inc.prof, len(inc.members), func(int32) float64 { return 1 }, nil)
					if j == k {
						same = append(same, id)
					} else {
						other = append(other, id)
					}
				}
			}
		}
		q := func(v []float64) string {
			slices.Sort(v)
			if len(v) == 0 {
				return "-"
			}
			return fmt.Sprintf("n=%d p10 %.1f p25 %.1f p50 %.1f p75 %.1f p90 %.1f p99 %.1f max %.1f", len(v), v[len(v)/10], v[len(v)/4], v[len(v)/2], v[3*len(v)/4], v[9*len(v)/10], v[99*len(v)/100], v[len(v)-1])
		}
		t.Logf("identity with own incident (outside it): %s", q(same))
		t.Logf("identity with other incidents: %s", q(other))
	}
	if os.Getenv("NEWS_EVAL_MIXED") != "" {
		for id, h := range holds {
			if len(h) < 2 {
				continue
			}
			t.Logf("mixed %s: %v", id, h)
			if inc, ok := x.Incident(id); ok {
				for _, r := range inc.Reasons {
					if !strings.Contains(r, " joined (") {
						t.Logf("   reason: %.300s", r)
					}
				}
			}
			for j, js := range byReal {
				for _, e := range js {
					if got, _ := x.IncidentOf(e.key); got == id {
						r := x.byKey[e.key].ref
						t.Logf("   [%d] %s %s %s %q: %s", j, e.pub, e.ev.Type, placeLabel(e.ev.Place), firstEvidence(e.ev, 120), strings.Join(r.Reasons, "; "))
					}
				}
			}
		}
	}
	return okCount, mixedIncidents, share, placedReports, unsaid
}

func judgedKey(js []judgedEvent, key string) bool {
	for _, j := range js {
		if j.key == key {
			return true
		}
	}
	return false
}

func placeLabel(p *sitrep.Place) string {
	if p == nil {
		return "(no place)"
	}
	return p.Name + "/" + p.Precision
}

func dateLabel(d *sitrep.Date) string {
	if d == nil {
		return "(no date)"
	}
	return fmt.Sprintf("%s/%s/%q", d.Start, d.Precision, d.Text)
}

func rangeLabel(r Range) string {
	if r.Best == nil {
		return "-"
	}
	return fmt.Sprintf("%d (%d-%d)", *r.Best, *r.Low, *r.High)
}

func firstEvidence(ev sitrep.Event, n int) string {
	if len(ev.Evidence) == 0 {
		return ""
	}
	s := ev.Evidence[0].Text
	if len(s) > n {
		s = s[:n]
	}
	return s
}

// capitalsUnsaid counts the incidents placed in a national capital that no
// sentence of their reports names: a proxy for an incident placed where it
// was spoken of (a press conference, a dateline, "New Delhi said") rather
// than where it happened. NEWS_EVAL_CAPITALS=1 lists them.
func capitalsUnsaid(t testing.TB, x *Index, docs []newsDoc) int {
	evs := map[string]sitrep.Event{}
	for _, d := range docs {
		for i, ev := range d.Events {
			evs[EventKey(d.ID, i, ev)] = ev
		}
	}
	gaz := gazetteer.Default()
	inCapital, unsaid := 0, 0
	for _, inc := range x.Incidents() {
		p := inc.Place
		if p == nil || p.Precision != sitrep.PlaceTown || p.GeonamesID == 0 {
			continue
		}
		if c, ok := gaz.Capital(p.Country); !ok || c.ID != p.GeonamesID {
			continue
		}
		inCapital++
		name := strings.ToLower(p.Name)
		said := false
		for _, r := range inc.Events {
			for _, e := range evs[r.Key].Evidence {
				if strings.Contains(strings.ToLower(e.Text), name) {
					said = true
				}
			}
		}
		if said {
			continue
		}
		unsaid++
		if os.Getenv("NEWS_EVAL_CAPITALS") != "" {
			t.Logf("capital unsaid: %s %s %s %s: %d reports, first %q", inc.ID, inc.Type, inc.Date.Start, p.Name, len(inc.Events), firstEvidence(evs[inc.Events[0].Key], 200))
		}
	}
	t.Logf("capitals: %d incidents placed in a national capital, %d of them named by none of their reports' sentences", inCapital, unsaid)
	return unsaid
}
