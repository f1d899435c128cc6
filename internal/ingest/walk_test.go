package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitrep/internal/errs"
)

// The pages, feeds and captures below are written for these tests.

const testPage = `<!DOCTYPE html>
<html><head>
<title>Two shot dead in market | Coast Times</title>
<meta property="og:site_name" content="Coast Times">
<meta property="article:published_time" content="2024-03-05T08:30:00+05:00">
<meta name="author" content="Sara Rind">
<link rel="canonical" href="https://coast.example/news/market-shooting">
<script>var tracking = "do not read me";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Two shot dead in market</h1>
<p>Gunmen on a motorcycle shot dead two traders in the main market of Turbat on Monday evening, police said.</p>
<p>The attackers fled towards the hills. No group has claimed responsibility for the killings, which came a week after a similar attack in the same district.</p>
<div class="share-buttons">Share on Facebook</div>
<p>Traders closed their shops on Tuesday in protest and demanded protection from the provincial government.</p>
</article>
<aside>Most read: weather</aside>
<footer>Copyright Coast Times</footer>
</body></html>`

func collect(t *testing.T, paths []string, stdin []byte, opt WalkOptions) []Record {
	t.Helper()
	var out []Record
	var in *bytes.Reader
	if stdin != nil {
		in = bytes.NewReader(stdin)
	}
	err := Walk(context.Background(), paths, in, opt, func(r Record) error {
		out = append(out, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func writeIn(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func TestHTMLPage(t *testing.T) {
	dir := t.TempDir()
	p := writeIn(t, dir, "page.html", []byte(testPage))
	rs := collect(t, []string{p}, nil, WalkOptions{})
	if len(rs) != 1 || rs[0].Err != nil {
		t.Fatalf("records %+v", rs)
	}
	r := rs[0]
	if !bytes.Equal(r.Raw, []byte(testPage)) {
		t.Error("Raw is not the page byte for byte")
	}
	for _, c := range []struct{ field, got, want string }{
		{"title", r.Title, "Two shot dead in market | Coast Times"},
		{"outlet", r.Outlet, "Coast Times"},
		{"published", r.Published, "2024-03-05"},
		{"author", r.Author, "Sara Rind"},
		{"url", r.URL, "https://coast.example/news/market-shooting"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if !strings.Contains(r.Text, "Gunmen on a motorcycle shot dead two traders") || !strings.Contains(r.Text, "demanded protection") {
		t.Errorf("main text missing: %q", r.Text)
	}
	for _, junk := range []string{"tracking", "Home", "Share on Facebook", "Most read", "Copyright"} {
		if strings.Contains(r.Text, junk) {
			t.Errorf("page furniture %q in text: %q", junk, r.Text)
		}
	}
}

// A page nested a hundred thousand elements deep is read by the streaming
// tokenizer in time and memory proportional to its size.
func TestDeeplyNestedHTML(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><body>")
	for range 100_000 {
		b.WriteString("<div>")
	}
	b.WriteString("<p>Deep inside, a sentence about a protest in Gwadar on Friday.</p>")
	p := HTMLText([]byte(b.String()))
	if !strings.Contains(p.Text, "protest in Gwadar") {
		t.Errorf("text lost: %q", p.Text)
	}
}

const testRSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Valley Herald</title><link>https://valley.example</link>
<item><title>Bridge bombed</title><link>https://valley.example/a1</link><pubDate>Tue, 05 Mar 2024 10:00:00 +0000</pubDate>
<description>&lt;p&gt;A bomb damaged a bridge near Khuzdar on Monday night, officials said. Nobody was hurt.&lt;/p&gt;</description></item>
<item><title>Students missing</title><link>https://valley.example/a2</link><dc:date>2024-03-06</dc:date><dc:creator>Desk</dc:creator>
<content:encoded><![CDATA[<p>Families said three students went missing in Quetta on Sunday.</p>]]></content:encoded></item>
</channel></rss>`

const testAtom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Hill Wire</title>
<entry><title>Clash reported</title><link rel="alternate" href="https://hill.example/c1"/><published>2024-04-01T09:00:00Z</published>
<author><name>Field Desk</name></author><summary>Two soldiers and three fighters were killed in a clash in Kohlu district on Sunday.</summary></entry>
</feed>`

func TestFeeds(t *testing.T) {
	dir := t.TempDir()
	rss := writeIn(t, dir, "a.xml", []byte(testRSS))
	atom := writeIn(t, dir, "b.atom", []byte(testAtom))
	rs := collect(t, []string{rss, atom}, nil, WalkOptions{})
	if len(rs) != 3 {
		t.Fatalf("%d records, want 3: %+v", len(rs), rs)
	}
	if r := rs[0]; r.Err != nil || r.Title != "Bridge bombed" || r.Published != "2024-03-05" || r.URL != "https://valley.example/a1" ||
		r.Outlet != "Valley Herald" || !strings.Contains(r.Text, "damaged a bridge near Khuzdar") || strings.Contains(r.Text, "<p>") {
		t.Errorf("rss item 1: %+v", r)
	}
	if r := rs[0]; !bytes.HasPrefix(r.Raw, []byte("<item>")) || !bytes.HasSuffix(r.Raw, []byte("</item>")) || !bytes.Contains([]byte(testRSS), r.Raw) {
		t.Errorf("rss item Raw is not the item's bytes in the file: %q", r.Raw)
	}
	if r := rs[1]; r.Published != "2024-03-06" || r.Author != "Desk" || !strings.Contains(r.Text, "three students went missing") {
		t.Errorf("rss item 2: %+v", r)
	}
	if r := rs[2]; r.Title != "Clash reported" || r.URL != "https://hill.example/c1" || r.Published != "2024-04-01" || r.Author != "Field Desk" || r.Outlet != "Hill Wire" {
		t.Errorf("atom entry: %+v", r)
	}
}

func TestMalformedFeedKeepsItemsAndOriginal(t *testing.T) {
	broken := testRSS[:strings.Index(testRSS, "<item><title>Students")] + "<item><title>Cut <b"
	dir := t.TempDir()
	rs := collect(t, []string{writeIn(t, dir, "cut.rss", []byte(broken))}, nil, WalkOptions{})
	if len(rs) != 2 || rs[0].Err != nil || rs[1].Err == nil || !bytes.Equal(rs[1].Raw, []byte(broken)) {
		t.Fatalf("records %+v", rs)
	}
}

// warcRecord builds one WARC/1.1 record.
func warcRec(typ, uri string, block string) string {
	return fmt.Sprintf("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2024-03-05T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: application/http; msgtype=%s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		typ, uri, strings.Repeat("a", 8), typ, len(block), block)
}

func httpResponse(ctype, body string) string {
	return fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", ctype, len(body), body)
}

func TestWARC(t *testing.T) {
	page := httpResponse("text/html; charset=utf-8", testPage)
	w := warcRec("request", "https://coast.example/news/market-shooting", "GET /news/market-shooting HTTP/1.1\r\nHost: coast.example\r\n\r\n") +
		warcRec("response", "https://coast.example/news/market-shooting", page) +
		warcRec("response", "https://coast.example/logo.png", httpResponse("image/png", "\x89PNG....")) +
		warcRec("response", "https://coast.example/brief.txt", httpResponse("text/plain", "Police said a grenade was thrown at a shop in Panjgur on Sunday."))
	dir := t.TempDir()
	plain := writeIn(t, dir, "crawl.warc", []byte(w))
	zipped := writeIn(t, dir, "crawl2.warc.gz", gzipped([]byte(w)))
	for _, p := range []string{plain, zipped} {
		rs := collect(t, []string{p}, nil, WalkOptions{})
		if len(rs) != 2 {
			t.Fatalf("%s: %d records, want the page and the text: %+v", p, len(rs), rs)
		}
		if r := rs[0]; r.Err != nil || r.URL != "https://coast.example/news/market-shooting" || r.CapturedAt.Format("2006-01-02") != "2024-03-05" ||
			string(r.Raw) != page || !strings.Contains(r.Text, "shot dead two traders") {
			t.Errorf("%s: page record %+v", p, r)
		}
		if r := rs[1]; r.Err != nil || !strings.Contains(r.Text, "grenade was thrown") {
			t.Errorf("%s: text record %+v", p, r)
		}
	}
	// Cut in the middle of the second response: the first is read, then
	// the cut is reported with its offset.
	cut := w[:strings.Index(w, "Gunmen on a motorcycle")]
	cut = w[:len(warcRec("request", "https://coast.example/news/market-shooting", "GET /news/market-shooting HTTP/1.1\r\nHost: coast.example\r\n\r\n"))] + cut[len(warcRec("request", "https://coast.example/news/market-shooting", "GET /news/market-shooting HTTP/1.1\r\nHost: coast.example\r\n\r\n")):]
	rs := collect(t, []string{writeIn(t, dir, "cut.warc", []byte(cut))}, nil, WalkOptions{})
	if len(rs) != 1 || rs[0].Err == nil || !strings.Contains(rs[0].Err.Error(), "cut short") {
		t.Errorf("truncated WARC: %+v", rs)
	}
}

func TestJSONLinesAndFolders(t *testing.T) {
	dir := t.TempDir()
	writeIn(t, dir, "batch/docs.jsonl", []byte(`{"id":"1","text":"Two people were killed in a blast in Quetta.","published":"2024-01-02","source":"Wire"}
not json
{"id":"3","text":"Protesters gathered in Gwadar on Friday."}
`))
	writeIn(t, dir, "batch/.hidden.txt", []byte("never read"))
	writeIn(t, dir, "batch/notes/a.txt", []byte("A plain report of an arrest in Kech."))
	rs := collect(t, []string{filepath.Join(dir, "batch")}, nil, WalkOptions{})
	if len(rs) != 4 {
		t.Fatalf("%d records: %+v", len(rs), rs)
	}
	if r := rs[0]; r.ID != "1" || r.Outlet != "Wire" || r.Published != "2024-01-02" || string(r.Raw) != `{"id":"1","text":"Two people were killed in a blast in Quetta.","published":"2024-01-02","source":"Wire"}`+"\n" && string(r.Raw) != `{"id":"1","text":"Two people were killed in a blast in Quetta.","published":"2024-01-02","source":"Wire"}` {
		t.Errorf("line 1: %+v", r)
	}
	if r := rs[1]; r.Err == nil || !strings.HasSuffix(r.Source, ":2") {
		t.Errorf("line 2 should fail with its line number: %+v", r)
	}
	if r := rs[3]; r.Err != nil || r.Text != "A plain report of an arrest in Kech." {
		t.Errorf("nested text file: %+v", r)
	}
	if n, _ := Count([]string{filepath.Join(dir, "batch")}); n != 4 {
		t.Errorf("Count = %d, want 4", n)
	}
}

func TestBadInputKeepsOriginal(t *testing.T) {
	dir := t.TempDir()
	bomb := gzipped(bytes.Repeat([]byte("A"), 4<<20))
	cases := []struct {
		name string
		data []byte
		opt  WalkOptions
		kept bool
		kind errs.Kind
	}{
		{"bomb.txt.gz", bomb, WalkOptions{MaxBytes: 1 << 20, MaxOriginal: 2 << 20}, true, errs.Invalid},
		{"big.html", append([]byte("<html><body><p>"), bytes.Repeat([]byte("word "), 300_000)...), WalkOptions{MaxBytes: 1 << 20}, true, errs.Invalid},
		{"huge.html", bytes.Repeat([]byte("x"), 3<<20), WalkOptions{MaxBytes: 1 << 20, MaxOriginal: 2 << 20}, false, errs.Invalid},
		{"binary.txt", []byte{1, 2, 3, 4, 5, 6, 'E', 'L', 'F', 0, 0, 0, 2, 0, 0}, WalkOptions{}, true, errs.Invalid},
		{"damaged.txt.gz", bomb[:len(bomb)/2], WalkOptions{}, true, errs.Invalid},
	}
	for _, c := range cases {
		rs := collect(t, []string{writeIn(t, dir, c.name, c.data)}, nil, c.opt)
		if len(rs) != 1 || rs[0].Err == nil {
			t.Errorf("%s: %+v", c.name, rs)
			continue
		}
		if kept := rs[0].Raw != nil; kept != c.kept {
			t.Errorf("%s: original kept = %v, want %v", c.name, kept, c.kept)
		}
		if c.kept && !bytes.Equal(rs[0].Raw, c.data) {
			t.Errorf("%s: Raw differs from the file", c.name)
		}
		if errs.KindOf(rs[0].Err) != c.kind {
			t.Errorf("%s: error %v has kind %v, want %v", c.name, rs[0].Err, errs.KindOf(rs[0].Err), c.kind)
		}
	}
	rs := collect(t, []string{filepath.Join(dir, "missing.txt")}, nil, WalkOptions{})
	if len(rs) != 1 || errs.KindOf(rs[0].Err) != errs.NotExist {
		t.Errorf("missing file: %+v", rs)
	}
	// Invalid UTF-8 is repaired, and the original kept as received.
	bad := []byte("Police said \xff\xfe two men were detained in Turbat.")
	rs = collect(t, []string{writeIn(t, dir, "bad.txt", bad)}, nil, WalkOptions{})
	if len(rs) != 1 || rs[0].Err != nil || rs[0].Repaired != 2 || !bytes.Equal(rs[0].Raw, bad) {
		t.Errorf("invalid UTF-8: %+v", rs)
	}
}

func TestStdinAndCancel(t *testing.T) {
	rs := collect(t, []string{"-"}, []byte(testPage), WalkOptions{})
	if len(rs) != 1 || rs[0].Err != nil || rs[0].Title == "" {
		t.Errorf("stdin page: %+v", rs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Walk(ctx, []string{"-"}, bytes.NewReader([]byte("x")), WalkOptions{}, func(Record) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled walk: %v", err)
	}
	rs = collect(t, []string{"https://feeds.example/rss"}, nil, WalkOptions{})
	if len(rs) != 1 || rs[0].Err == nil || !strings.Contains(rs[0].Err.Error(), "--fetch=false") {
		t.Errorf("URL with captures off: %+v", rs)
	}
}

func TestNearDuplicates(t *testing.T) {
	story := "A bomb exploded at a crowded vegetable market in the city on Monday, killing at least twelve people and wounding thirty others, police said. " +
		"The blast tore through stalls shortly after the morning rush, witnesses said, and ambulances took the wounded to the main hospital. " +
		"No group claimed responsibility for the attack, the third in the city this month. Officials said the bomb had been hidden in a handcart."
	other := "Gunmen attacked a police checkpoint on the outskirts of the city on Monday night, killing two policemen and wounding a third, officials said. " +
		"The attackers fled into the orchards before reinforcements arrived, and a search operation was under way, the district police chief said. " +
		"No group claimed responsibility for the attack, the third in the city this month. Officials said the bomb had been hidden in a handcart."
	d := NewDupIndex()
	if _, _, ok := d.Add("a", "CITY (Wire) - "+story+"\n\nCopyright Wire. All rights reserved."); ok {
		t.Fatal("the first text is a copy of nothing")
	}
	if of, sim, ok := d.Add("b", "By a staff reporter\n"+story+"\nShare this story"); !ok || of != "a" || sim < DupThreshold {
		t.Errorf("reprint not found: %q %.2f %v", of, sim, ok)
	}
	if of, sim, ok := d.Add("c", other); ok {
		t.Errorf("another story sharing a closing paragraph called a copy of %s (%.2f)", of, sim)
	}
	if _, _, ok := d.Add("d", "Too short to judge."); ok {
		t.Error("a short text called a copy")
	}
}

func BenchmarkDupIndexAdd(b *testing.B) {
	d := NewDupIndex()
	text := strings.Repeat("Security forces said the operation in the district continued for a third day with curfews imposed. ", 30)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		d.Add(fmt.Sprint(i), text+fmt.Sprint(i))
		i++
	}
}

func FuzzHTMLText(f *testing.F) {
	f.Add([]byte(testPage))
	f.Add([]byte("<div><p>a<div class=share>b</p></div>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p := HTMLText(b)
		if len(p.Text) > 4*len(b)+16 {
			t.Errorf("text of %d bytes from %d bytes of page", len(p.Text), len(b))
		}
	})
}

// readInput reads b as standard input would be read.
func readInput(b []byte, opt WalkOptions, fn func(Record) error) error {
	w := &walker{ctx: context.Background(), opt: opt, fn: fn, manifests: map[string]*manifest{}}
	return w.readInput(bytes.NewReader(b), "fuzz", "", -1, w.emitter(nil))
}

func FuzzFeedAndWARC(f *testing.F) {
	f.Add([]byte(testRSS))
	f.Add([]byte(testAtom))
	f.Add([]byte(warcRec("response", "https://x.example/", httpResponse("text/plain", "A short report."))))
	f.Add([]byte("WARC/1.\nContent-Length:015 \n\r\n000000000000000"))
	f.Fuzz(func(t *testing.T, b []byte) {
		n := 0
		_ = readInput(b, WalkOptions{MaxBytes: 1 << 16, MaxOriginal: 1 << 17}, func(r Record) error {
			n++
			if r.Err == nil && r.Skip == "" && r.Raw == nil {
				t.Errorf("a record with text and no original: %+v", r)
			}
			return nil
		})
		if n == 0 {
			t.Error("no record for an input")
		}
	})
}

// A feed URL is fetched only when allowed, and read like a feed file.
func TestFetchFeed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/rss" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, testRSS)
	}))
	defer srv.Close()
	rs := collect(t, []string{srv.URL + "/rss", srv.URL + "/missing"}, nil, WalkOptions{Fetch: true, FetchPrivate: true})
	if len(rs) != 3 || rs[0].Title != "Bridge bombed" || rs[1].Err != nil || rs[2].Err == nil || !strings.Contains(rs[2].Err.Error(), "404") {
		t.Errorf("fetched records: %+v", rs)
	}
}

// BenchmarkSign signs a news-length text of varied words (every shingle
// distinct), as ingest does for each new document.
func BenchmarkSign(b *testing.B) {
	words := strings.Fields("security forces said the operation in district continued for third day with curfews imposed while officials reported two killed and several injured near market road police station")
	var sb strings.Builder
	x := uint64(1)
	for range 800 {
		x = x*6364136223846793005 + 1442695040888963407
		sb.WriteString(words[(x>>33)%uint64(len(words))])
		sb.WriteByte(' ')
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Sign(text)
	}
}
