package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A Telegram Desktop export, written for this test in the format the
// application writes (pretty-printed, one object per message).
const testTelegram = `{
 "name": "Coast Watch",
 "type": "public_channel",
 "id": 1555123456,
 "messages": [
  {
   "id": 1,
   "type": "service",
   "date": "2024-02-29T09:00:00",
   "date_unixtime": "1709197200",
   "actor": "Coast Watch",
   "actor_id": "channel1555123456",
   "action": "create_channel",
   "title": "Coast Watch",
   "text": "",
   "text_entities": []
  },
  {
   "id": 2,
   "type": "message",
   "date": "2024-03-01T10:15:00",
   "date_unixtime": "1709288100",
   "from": "Coast Watch",
   "from_id": "channel1555123456",
   "text": [
    "Security forces detained ",
    {"type": "bold", "text": "three fishermen"},
    " at the Jiwani jetty on Thursday, their families said."
   ],
   "text_entities": []
  },
  {
   "id": 3,
   "type": "message",
   "date": "2024-03-02T18:40:00",
   "date_unixtime": "1709404800",
   "from": "Coast Watch",
   "from_id": "channel1555123456",
   "forwarded_from": "Gwadar Voice",
   "photo": "photos/photo_3@02-03-2024_18-40-00.jpg",
   "width": 1280,
   "height": 960,
   "text": "A protest against the disappearances was held in Gwadar on Saturday.",
   "text_entities": []
  },
  {
   "id": 4,
   "type": "message",
   "date": "2024-03-03T07:00:00",
   "date_unixtime": "1709449200",
   "from": "Coast Watch",
   "from_id": "channel1555123456",
   "file": "(File not included. Change data exporting settings to download.)",
   "media_type": "video_file",
   "mime_type": "video/mp4",
   "text": "",
   "text_entities": []
  }
 ]
}
`

func TestTelegram(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"result.json", "export.json.gz"} {
		data := []byte(testTelegram)
		if strings.HasSuffix(name, ".gz") {
			data = gzipped(data)
		}
		p := writeIn(t, dir, name, data)
		rs := collect(t, []string{p}, nil, WalkOptions{})
		if len(rs) != 4 {
			t.Fatalf("%s: %d records, want 4: %+v", name, len(rs), rs)
		}
		if !strings.Contains(rs[0].Skip, "service") || !strings.Contains(rs[3].Skip, "video file") {
			t.Errorf("%s: service message and media-only message: %q, %q", name, rs[0].Skip, rs[3].Skip)
		}
		m := rs[1]
		if m.Err != nil || m.Text != "Security forces detained three fishermen at the Jiwani jetty on Thursday, their families said." ||
			m.Published != "2024-03-01" || m.Outlet != "Coast Watch" || m.URL != "https://t.me/c/1555123456/2" ||
			m.Source != p+"#message2" || m.Title != "Coast Watch, message 2" {
			t.Errorf("%s: message 2: %+v", name, m)
		}
		if !bytes.HasPrefix(bytes.TrimSpace(m.Raw), []byte("{")) || !bytes.Contains([]byte(testTelegram), m.Raw) {
			t.Errorf("%s: the original is not the message's JSON in the file: %q", name, m.Raw)
		}
		f := rs[2]
		if f.Author != "Gwadar Voice" || !strings.Contains(f.Title, "forwarded from Gwadar Voice") || !strings.Contains(f.Title, "photo photos/photo_3") {
			t.Errorf("%s: forwarded message with a photo: %+v", name, f)
		}
	}
	if n, _ := Count([]string{filepath.Join(dir, "result.json")}); n != 3 {
		t.Errorf("Count = %d, want the 3 messages", n)
	}
	// A cut export yields what it held, then a failure.
	cut := testTelegram[:strings.Index(testTelegram, `"id": 3`)]
	rs := collect(t, []string{writeIn(t, dir, "cut.json", []byte(cut))}, nil, WalkOptions{})
	if len(rs) != 3 || rs[1].Err != nil || rs[2].Err == nil {
		t.Errorf("cut export: %+v", rs)
	}
	// A message larger than the cap is refused, not held.
	for _, words := range []int{20_000, 300_000} { // over the text cap; over the cap on originals too
		huge := strings.Replace(testTelegram, "A protest against", strings.Repeat("word ", words), 1)
		rs = collect(t, []string{writeIn(t, dir, "huge.json", []byte(huge))}, nil, WalkOptions{MaxBytes: 50_000, MaxOriginal: 100_000})
		if len(rs) < 3 || !errors.Is(rs[2].Err, ReasonTooLarge) {
			t.Errorf("huge message (%d words): %+v", words, rs[2])
		}
	}
}

// A whole-account export holds chats under "chats": {"list": [...]}.
func TestTelegramAccountExport(t *testing.T) {
	account := `{"about": "Here is the data you requested.", "personal_information": {"first_name": "A"},
 "chats": {"about": "chats", "list": [` + strings.TrimSpace(testTelegram) + `, {"name": "Friend", "type": "personal_chat", "id": 77,
 "messages": [{"id": 9, "type": "message", "date": "2024-04-01T12:00:00", "from": "Friend", "text": "Did you hear about the raid in Pasni last night?"}]}]}}`
	rs := collect(t, []string{writeIn(t, t.TempDir(), "result.json", []byte(account))}, nil, WalkOptions{})
	if len(rs) != 5 || rs[4].Outlet != "Friend" || rs[4].URL != "" || rs[4].Err != nil {
		t.Errorf("account export: %d records, last %+v", len(rs), rs[len(rs)-1])
	}
}

func FuzzTelegram(f *testing.F) {
	f.Add([]byte(testTelegram))
	f.Add([]byte(`{"chats": {"list": [{"name": "x", "messages": [{"id": 1, "text": ["a", {"text": "b"}]}]}]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		n := 0
		err := readTelegramBytes(b, func(r Record) error {
			n++
			if r.Err == nil && r.Skip == "" && (r.Raw == nil || r.Text == "") {
				t.Errorf("a document without original or text: %+v", r)
			}
			return nil
		})
		if err != nil {
			t.Errorf("error %v: a bad export must yield a failed record", err)
		}
		if n == 0 {
			t.Error("no record for an input")
		}
	})
}

func readTelegramBytes(b []byte, fn func(Record) error) error {
	return readTelegram(context.Background(), bytes.NewReader(b), "fuzz", WalkOptions{MaxBytes: 1 << 16, MaxOriginal: 1 << 17}, fn)
}

// A URL is captured as WARC records, redirects included, and read from
// them; the capture is the original.
func TestCaptureURL(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/old":
			http.Redirect(w, r, "/news/market-shooting", http.StatusMovedPermanently)
		case "/news/market-shooting":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, testPage)
		case "/report.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			b, _ := os.ReadFile("../pdf/testdata/report.pdf")
			w.Write(b)
		case "/slow":
			time.Sleep(2 * time.Second)
		case "/big":
			w.Header().Set("Content-Type", "text/plain")
			w.Write(bytes.Repeat([]byte("word "), 100_000))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	opt := WalkOptions{Fetch: true, FetchPrivate: true}
	before := time.Now().UTC().Add(-time.Second)
	rs := collect(t, []string{srv.URL + "/old"}, nil, opt)
	if len(rs) != 1 || rs[0].Err != nil {
		t.Fatalf("capture: %+v", rs)
	}
	r := rs[0]
	if r.Source != srv.URL+"/old" || r.ContentType != "application/warc" || !strings.Contains(r.Text, "shot dead two traders") ||
		r.URL != "https://coast.example/news/market-shooting" || r.CapturedAt.Before(before) || r.Title == "" {
		t.Errorf("captured page: %+v", r)
	}
	// The original is a WARC file: the redirect and the page, each with
	// its request, capture time and digests that match their blocks.
	warc := string(r.Raw)
	if strings.Count(warc, "WARC-Type: response") != 2 || strings.Count(warc, "WARC-Type: request") != 2 ||
		!strings.Contains(warc, "HTTP/1.1 301") || !strings.Contains(warc, "WARC-Target-URI: "+srv.URL+"/news/market-shooting") {
		t.Errorf("WARC records:\n%.2000s", warc)
	}
	sum := sha256.Sum256([]byte(testPage))
	if !strings.Contains(warc, "WARC-Payload-Digest: sha256:"+hex.EncodeToString(sum[:])) {
		t.Error("no payload digest of the page")
	}
	var reread []Record
	readWARC(bytes.NewReader(r.Raw), "again", WalkOptions{}, func(x Record) error { reread = append(reread, x); return nil })
	if len(reread) != 1 || reread[0].Text != r.Text {
		t.Errorf("the capture does not read back as a WARC file: %+v", reread)
	}
	// A PDF by URL is read as a PDF.
	rs = collect(t, []string{srv.URL + "/report.pdf"}, nil, opt)
	if len(rs) != 1 || rs[0].Err != nil || !strings.Contains(rs[0].Text, "Pasni") || rs[0].Title != "Disappearances in the Coastal District, 2023" {
		t.Errorf("PDF by URL: %+v", rs)
	}
	// Errors: a 404, a timeout, a body over the cap, a private address
	// without permission. Each is a failed record with a clear reason.
	for _, c := range []struct {
		url  string
		opt  WalkOptions
		want string
	}{
		{srv.URL + "/missing", opt, "HTTP 404"},
		{srv.URL + "/slow", WalkOptions{Fetch: true, FetchPrivate: true, FetchTimeout: 300 * time.Millisecond}, "within 300ms"},
		{srv.URL + "/big", WalkOptions{Fetch: true, FetchPrivate: true, MaxBytes: 10_000, MaxOriginal: 100_000}, "100000 allowed"},
		{srv.URL + "/old", WalkOptions{Fetch: true}, "private"},
		{"http://127.0.0.1:1/", WalkOptions{Fetch: true, FetchPrivate: true}, "refused"},
	} {
		rs := collect(t, []string{c.url}, nil, c.opt)
		if len(rs) != 1 || rs[0].Err == nil || !strings.Contains(rs[0].Err.Error(), c.want) || rs[0].Raw != nil {
			t.Errorf("%s: %+v, want an error containing %q", c.url, rs, c.want)
		}
	}
}

func TestPDFIngest(t *testing.T) {
	dir := t.TempDir()
	report, _ := os.ReadFile("../pdf/testdata/report.pdf")
	scan, _ := os.ReadFile("../pdf/testdata/scan.pdf")
	locked, _ := os.ReadFile("../pdf/testdata/locked.pdf")
	writeIn(t, dir, "report.pdf", report)
	writeIn(t, dir, "renamed.bin.gz", gzipped(report))
	writeIn(t, dir, "scan.pdf", scan)
	writeIn(t, dir, "locked.pdf", locked)
	rs := collect(t, []string{dir}, nil, WalkOptions{})
	by := map[string]Record{}
	for _, r := range rs {
		by[filepath.Base(r.Source)] = r
	}
	for _, n := range []string{"report.pdf", "renamed.bin.gz"} {
		r := by[n]
		if r.Err != nil || r.ContentType != "application/pdf" || r.Title != "Disappearances in the Coastal District, 2023" || r.Published == "" {
			t.Errorf("%s: %+v", n, r)
			continue
		}
		if at := strings.Index(r.Text, "near Pasni"); PageAt(r.Text, at) != 3 {
			t.Errorf("%s: 'near Pasni' on page %d, want 3", n, PageAt(r.Text, at))
		}
	}
	if r := by["scan.pdf"]; !errors.Is(r.Err, ReasonNoTextLayer) || !bytes.Equal(r.Raw, scan) {
		t.Errorf("scan: kept %v, error %v", r.Raw != nil, r.Err)
	}
	if r := by["locked.pdf"]; !errors.Is(r.Err, ReasonEncrypted) || r.Raw == nil {
		t.Errorf("locked: %+v", r.Err)
	}
	if PageAt("no pages here", 3) != 0 {
		t.Error("PageAt of a text without pages")
	}
}

// A manifest beside files gives their metadata and is not a document;
// what the user states on the command line wins over both.
func TestManifestAndMetadata(t *testing.T) {
	dir := t.TempDir()
	writeIn(t, dir, "a.txt", []byte("Gunmen killed two people in Quetta on Monday, police said."))
	writeIn(t, dir, "b.html", []byte(testPage))
	writeIn(t, dir, "c.txt", []byte("Protesters blocked the coastal highway near Ormara on Friday."))
	writeIn(t, dir, "manifest.jsonl", []byte(`{"file": "a.txt", "published": "2025-06-10", "source": "Valley Herald", "title": "Two killed", "language": "en"}
{"file": "b.html", "published": "2024-03-06", "source": "Coast Times Weekly"}
not json
{"file": "c.txt", "published": "10 June 2025"}
`))
	rs := collect(t, []string{dir}, nil, WalkOptions{})
	by := map[string]Record{}
	var problems []Record
	for _, r := range rs {
		if r.Err != nil && r.Raw == nil {
			problems = append(problems, r)
			continue
		}
		by[filepath.Base(r.Source)] = r
	}
	if a := by["a.txt"]; a.Published != "2025-06-10" || a.Outlet != "Valley Herald" || a.Title != "Two killed" || a.Language != "en" {
		t.Errorf("a.txt: %+v", a)
	}
	// The manifest wins over the page's own metadata.
	if b := by["b.html"]; b.Published != "2024-03-06" || b.Outlet != "Coast Times Weekly" || b.Title != "Two shot dead in market | Coast Times" {
		t.Errorf("b.html: %+v", b)
	}
	if m := by["manifest.jsonl"]; !strings.Contains(m.Skip, "manifest") || m.Raw != nil {
		t.Errorf("the manifest: %+v", m)
	}
	if len(problems) != 2 || !strings.HasSuffix(problems[0].Source, "manifest.jsonl:3") || !strings.HasSuffix(problems[1].Source, "manifest.jsonl:4") {
		t.Errorf("manifest problems: %+v", problems)
	}
	// A file named on its own still finds its folder's manifest; flags win.
	rs = collect(t, []string{filepath.Join(dir, "a.txt")}, nil, WalkOptions{Meta: Metadata{Outlet: "My Archive", URL: "https://x.example/a"}})
	var a Record
	for _, r := range rs {
		if filepath.Base(r.Source) == "a.txt" {
			a = r
		}
	}
	if a.Published != "2025-06-10" || a.Outlet != "My Archive" || a.URL != "https://x.example/a" {
		t.Errorf("a.txt with flags: %+v", a)
	}
	// CSV manifests, in the same columns.
	csvDir := filepath.Join(dir, "csv")
	writeIn(t, csvDir, "d.txt", []byte("Two journalists were arrested in Turbat on Tuesday."))
	writeIn(t, csvDir, "manifest.csv", []byte("file,published,source,title\nd.txt,2023-11-21,\"Wire, Inc.\",Journalists held\n"))
	rs = collect(t, []string{csvDir}, nil, WalkOptions{})
	if len(rs) != 2 || rs[0].Published != "2023-11-21" || rs[0].Outlet != "Wire, Inc." || rs[0].Title != "Journalists held" || rs[1].Skip == "" {
		t.Errorf("CSV manifest: %+v", rs)
	}
}

// Each document's language: stated by the user or a manifest, else
// identified from the text when the identifier is sure.
func TestLanguage(t *testing.T) {
	dir := t.TempDir()
	writeIn(t, dir, "en.txt", []byte("Security forces said on Monday that they had arrested three men in the district after the attack on the police station, and that the search for the others would go on."))
	writeIn(t, dir, "fr.txt", []byte("Les forces de sécurité ont déclaré lundi qu'elles avaient arrêté trois hommes dans le district après l'attaque contre le commissariat, et que les recherches continuaient."))
	writeIn(t, dir, "short.txt", []byte("Quetta, Monday."))
	rs := collect(t, []string{dir}, nil, WalkOptions{})
	got := map[string]string{}
	for _, r := range rs {
		got[filepath.Base(r.Source)] = r.Language
	}
	if got["en.txt"] != "en" || got["fr.txt"] != "fr" || got["short.txt"] != "" {
		t.Errorf("languages: %v", got)
	}
	rs = collect(t, []string{filepath.Join(dir, "fr.txt")}, nil, WalkOptions{Meta: Metadata{Language: "br"}})
	if rs[0].Language != "br" {
		t.Errorf("stated language: %q", rs[0].Language)
	}
}
