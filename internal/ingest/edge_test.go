package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"sitrep/internal/errs"
)

// Inputs at the edges (issue 15, item 4), each read or refused with a
// message, never silently.

func TestWARCWithoutText(t *testing.T) {
	onlyImages := warcRec("response", "https://x.example/logo.png", httpResponse("image/png", "\x89PNG....")) +
		warcRec("request", "https://x.example/", "GET / HTTP/1.1\r\nHost: x.example\r\n\r\n")
	for name, in := range map[string]string{
		"images and requests": onlyImages,
		"fuzz input":          "WARC/1.\nContent-Length:015 \n\r\n000000000000000",
		"empty":               "WARC/1.1\r\n",
	} {
		var rs []Record
		readInput([]byte(in), WalkOptions{}, func(r Record) error { rs = append(rs, r); return nil })
		if len(rs) != 1 || rs[0].Err == nil {
			t.Errorf("%s: %+v, want one failed record", name, rs)
		}
	}
}

// A JSON Lines file larger than the cap on an original is streamed: its
// good lines are read and its oversized line reported, not the file
// refused.
func TestLargeJSONLinesStreamed(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	for i := range 3000 {
		fmt.Fprintf(&b, `{"id":"%d","text":"Report %d: protesters gathered in Quetta on Friday, police said."}`+"\n", i, i)
		if i == 1500 {
			fmt.Fprintf(&b, `{"id":"big","text":"%s"}`+"\n", strings.Repeat("x", 300_000))
		}
	}
	opt := WalkOptions{MaxBytes: 100_000, MaxOriginal: 200_000} // the file is 1.2 MB
	for _, name := range []string{"big.jsonl", "big.jsonl.gz"} {
		data := b.Bytes()
		if strings.HasSuffix(name, ".gz") {
			data = gzipped(data)
		}
		rs := collect(t, []string{writeIn(t, dir, name, data)}, nil, opt)
		good, bad := 0, 0
		for _, r := range rs {
			if r.Err == nil {
				good++
			} else {
				bad++
				if errs.KindOf(r.Err) != errs.Invalid || !strings.Contains(r.Source, ":1502") {
					t.Errorf("%s: failure %s: %v", name, r.Source, r.Err)
				}
			}
		}
		if good != 3000 || bad != 1 {
			t.Errorf("%s: %d good, %d failed; want 3000 and 1", name, good, bad)
		}
	}
}

// Counting records for the progress bar reads a small part of a large
// compressed container and decompresses no more than that.
func TestCountSamplesLargeFiles(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	line := `{"id":"%d","text":"Officials said a convoy was ambushed near Kohlu on Sunday and two soldiers were killed."}` + "\n"
	for i := range 200_000 {
		fmt.Fprintf(&b, line, i)
	}
	p := writeIn(t, dir, "many.jsonl.gz", gzipped(b.Bytes()))
	n, err := Count([]string{p})
	if err != nil {
		t.Fatal(err)
	}
	if n < 180_000 || n > 220_000 {
		t.Errorf("Count = %d, want about 200000", n)
	}
	small := writeIn(t, dir, "few.jsonl", []byte(fmt.Sprintf(line, 1)+fmt.Sprintf(line, 2)))
	if n, _ := Count([]string{small}); n != 2 {
		t.Errorf("Count(2 lines) = %d", n)
	}
}

func TestSpecialFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("named pipes and sockets are not files here")
	}
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	opt := WalkOptions{PipeTimeout: 300 * time.Millisecond}
	// Nothing writes: the wait ends with a message.
	rs := collect(t, []string{fifo}, nil, opt)
	if len(rs) != 1 || !errors.Is(rs[0].Err, ReasonTimeout) {
		t.Errorf("pipe without a writer: %+v", rs)
	}
	// A writer that sends a report is read.
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err == nil {
			f.WriteString("Gunmen shot dead two labourers in Kech on Monday, officials said.")
			f.Close()
		}
	}()
	rs = collect(t, []string{fifo}, nil, opt)
	if len(rs) != 1 || rs[0].Err != nil || !strings.Contains(rs[0].Text, "two labourers") {
		t.Errorf("pipe with a writer: %+v", rs)
	}
	// A writer that opens and stays silent times out.
	hold := make(chan struct{})
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err == nil {
			<-hold
			f.Close()
		}
	}()
	rs = collect(t, []string{fifo}, nil, opt)
	close(hold)
	if len(rs) != 1 || !errors.Is(rs[0].Err, ReasonTimeout) {
		t.Errorf("silent writer: %+v", rs)
	}
	// A socket and a device are refused with what they are.
	sock := filepath.Join(dir, "sock")
	l, err := net.Listen("unix", sock)
	if err == nil {
		defer l.Close()
		rs = collect(t, []string{sock}, nil, opt)
		if len(rs) != 1 || rs[0].Err == nil || !strings.Contains(rs[0].Err.Error(), "socket") {
			t.Errorf("socket: %+v", rs)
		}
	}
	rs = collect(t, []string{"/dev/null"}, nil, opt)
	if len(rs) != 1 || rs[0].Err == nil || !strings.Contains(rs[0].Err.Error(), "device") {
		t.Errorf("device: %+v", rs)
	}
	// Inside a folder, the pipe, the socket and a symbolic link are
	// reported as skipped; the regular file is read.
	writeIn(t, dir, "a.txt", []byte("Police said a grenade was thrown at a shop in Panjgur on Sunday."))
	os.Symlink(filepath.Join(dir, "a.txt"), filepath.Join(dir, "link.txt"))
	rs = collect(t, []string{dir}, nil, opt)
	skipped := map[string]string{}
	for _, r := range rs {
		if r.Skip != "" {
			skipped[filepath.Base(r.Source)] = r.Skip
		}
	}
	if len(rs) != 4 || !strings.Contains(skipped["pipe"], "named pipe") || !strings.Contains(skipped["link.txt"], "symbolic link") ||
		err == nil && !strings.Contains(skipped["sock"], "socket") {
		t.Errorf("folder with special files: %+v", rs)
	}
}

func TestNULInHTMLAndUTF16(t *testing.T) {
	dir := t.TempDir()
	page := writeIn(t, dir, "nul.html", []byte("<html><body><p>Two men were arrested\x00 in Quetta.</p></body></html>"))
	rs := collect(t, []string{page}, nil, WalkOptions{})
	if len(rs) != 1 || !errors.Is(rs[0].Err, ReasonBinary) {
		t.Errorf("HTML with a NUL byte: %+v", rs)
	}
	// FF FE followed by ASCII is not UTF-16: the two bytes are repaired.
	notUTF16 := append([]byte{0xff, 0xfe}, "Police said two men were detained in Turbat on Friday."...)
	rs = collect(t, []string{writeIn(t, dir, "ff.txt", notUTF16)}, nil, WalkOptions{})
	if len(rs) != 1 || rs[0].Err != nil || rs[0].Repaired != 2 {
		t.Errorf("FF FE then ASCII: %+v", rs)
	}
	// Real UTF-16, either byte order, is named.
	for _, le := range []bool{true, false} {
		b := []byte{0xfe, 0xff}
		if le {
			b = []byte{0xff, 0xfe}
		}
		for _, c := range "Police said two men were detained." {
			if le {
				b = append(b, byte(c), 0)
			} else {
				b = append(b, 0, byte(c))
			}
		}
		rs = collect(t, []string{writeIn(t, dir, "u16.txt", b)}, nil, WalkOptions{})
		if len(rs) != 1 || !errors.Is(rs[0].Err, ReasonUTF16) {
			t.Errorf("UTF-16 (little endian %v): %+v", le, rs)
		}
	}
}

func TestPrintableNames(t *testing.T) {
	for in, want := range map[string]string{
		"report.txt":               "report.txt",
		"تقرير.txt":                "تقرير.txt",
		"a\nfailed: forged.txt":    `"a\nfailed: forged.txt"`,
		"x\x1b[2Jy.txt":            `"x\x1b[2Jy.txt"`,
		"bad\xffname":              `"bad\xffname"`,
		"evil\u202etxt.exe":        `"evil\u202etxt.exe"`,
		"tab\tname.txt":            `"tab\tname.txt"`,
		"quote\"only-printable.tx": "quote\"only-printable.tx",
	} {
		if got := errs.Printable(in); got != want {
			t.Errorf("Printable(%q) = %s, want %s", in, got, want)
		}
	}
	err := errs.E(errs.Op("read"), errs.Path("a\nb.txt"), errs.Invalid, "empty")
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("error message holds a raw newline: %q", err.Error())
	}
}

// Files that are not articles are skipped with what they are; the rest
// of a folder is read.
func TestOnlyDocumentsAreDocuments(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"README.md":     []byte("# My corpus\n\nThese files are articles I collected."),
		"LICENSE":       []byte("Permission is hereby granted to anyone."),
		"photo.txt":     append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...),
		"scan.jpg":      {0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'J', 'F', 'I', 'F'},
		"data.zip":      append([]byte("PK\x03\x04"), make([]byte, 40)...),
		"letter.docx":   append([]byte("PK\x03\x04"), "....[Content_Types].xml...word/document.xml"...),
		"old.doc":       append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 64)...),
		"tool":          append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 64)...),
		"table.csv":     []byte("date,place,killed\n2024-01-02,Quetta,3\n"),
		"config.json":   []byte(`{"name": "my project", "version": 2}`),
		"fake.pdf":      []byte("Gunmen killed two people in Quetta, police said."),
		"sitemap.xml":   []byte(`<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>`),
		"article.txt":   []byte("Gunmen killed two people in Quetta on Monday, police said."),
		"article2.html": []byte(testPage),
	}
	for n, b := range files {
		writeIn(t, dir, n, b)
	}
	rs := collect(t, []string{dir}, nil, WalkOptions{})
	docs, skips, fails := 0, map[string]string{}, map[string]error{}
	for _, r := range rs {
		switch base := filepath.Base(r.Source); {
		case r.Skip != "":
			skips[base] = r.Skip
		case r.Err != nil:
			fails[base] = r.Err
		default:
			docs++
		}
	}
	if docs != 2 {
		t.Errorf("%d documents, want 2 (article.txt, article2.html)", docs)
	}
	for n, want := range map[string]string{"README.md": "documentation", "LICENSE": "documentation", "photo.txt": "image",
		"scan.jpg": "image", "data.zip": "ZIP", "letter.docx": "office", "old.doc": "office", "tool": "executable",
		"table.csv": "data table", "config.json": "JSON", "sitemap.xml": "XML"} {
		if !strings.Contains(skips[n], want) {
			t.Errorf("%s: skipped %q, want a reason naming %q", n, skips[n], want)
		}
	}
	if !errors.Is(fails["fake.pdf"], ReasonNotPDF) {
		t.Errorf("fake.pdf: %v, want %v", fails["fake.pdf"], ReasonNotPDF)
	}
}

// extract reads an HTML file with the main-text reader, as ingest does:
// no script, navigation or share block in the text.
func TestReadDocument(t *testing.T) {
	dir := t.TempDir()
	page := writeIn(t, dir, "page.html", []byte(strings.Replace(testPage, "<script>", "<script>var headline = '99 killed in Lahore';", 1)))
	r, err := ReadDocument(context.Background(), page, nil, WalkOptions{})
	if err != nil || strings.Contains(r.Text, "Lahore") || strings.Contains(r.Text, "tracking") || !strings.Contains(r.Text, "shot dead two traders") {
		t.Errorf("page: %v %q", err, r.Text)
	}
	feed := writeIn(t, dir, "feed.rss", []byte(testRSS))
	if _, err := ReadDocument(context.Background(), feed, nil, WalkOptions{}); errs.KindOf(err) != errs.Invalid || !strings.Contains(err.Error(), "several documents") {
		t.Errorf("feed: %v", err)
	}
	readme := writeIn(t, dir, "README", []byte("notes"))
	if _, err := ReadDocument(context.Background(), readme, nil, WalkOptions{}); errs.KindOf(err) != errs.Invalid {
		t.Errorf("README: %v", err)
	}
	r, err = ReadDocument(context.Background(), "-", strings.NewReader("Two traders were shot dead in Turbat."), WalkOptions{Meta: Metadata{Published: "2024-03-05"}})
	if err != nil || r.Published != "2024-03-05" || r.Text != "Two traders were shot dead in Turbat." {
		t.Errorf("stdin: %+v %v", r, err)
	}
}
