package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"sitrep/internal/errs"
)

// Record is one original as received, and what was read from it.
type Record struct {
	// Raw is the original exactly as received: a file's bytes (compressed
	// if it came compressed), one JSON Lines line, one feed item's element,
	// one captured HTTP response. Nil when nothing could be kept.
	Raw         []byte
	Source      string // path; "path#itemN", "path@offset" or "path:line" inside a container; or URL
	URL         string // canonical URL when known
	ContentType string
	CapturedAt  time.Time // when a WARC captured it; zero means "now"
	Title       string
	Outlet      string
	Author      string
	Published   string // YYYY-MM-DD
	ID          string // the JSON Lines "id"
	Text        string // the main text, valid UTF-8; empty when Err is set
	Repaired    int    // invalid UTF-8 bytes replaced in Text
	// Err says why no text could be read. Raw is still set when bytes were
	// received, so that the original is kept all the same.
	Err error
}

// WalkOptions tune Walk.
type WalkOptions struct {
	// MaxBytes caps a document's text (default DefaultMaxBytes).
	MaxBytes int64
	// MaxOriginal caps an original kept, and what a compressed file may
	// expand to (default DefaultMaxOriginal): beyond it, nothing is held.
	MaxOriginal int64
	// Fetch allows http(s) arguments (feeds or pages) to be downloaded.
	Fetch      bool
	HTTPClient *http.Client
}

// DefaultMaxOriginal caps one original (256 MiB): a page too large to read
// as a document is still kept up to this size.
const DefaultMaxOriginal = 256 << 20

func (o WalkOptions) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

func (o WalkOptions) maxOriginal() int64 {
	if o.MaxOriginal > 0 {
		return max(o.MaxOriginal, o.maxBytes())
	}
	return max(DefaultMaxOriginal, o.maxBytes())
}

func tooLarge(n int, max int64) error {
	return invalid(ReasonTooLarge, fmt.Sprintf("%d bytes, more than the %d allowed (see --max-bytes)", n, max))
}

// Walk reads each path in order and calls fn with every record found:
// files; folders, recursively in name order, skipping names starting with
// a dot; "-" for standard input; http(s) URLs when opt.Fetch. The format
// is recognised from the content first and the name second: WARC, RSS or
// Atom feeds, JSON Lines, HTML, plain text, each possibly gzipped. A path
// that cannot be read yields a failed record, not an error; fn's error, or
// ctx's, stops the walk and is returned.
func Walk(ctx context.Context, paths []string, stdin io.Reader, opt WalkOptions, fn func(Record) error) error {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		switch {
		case p == "-":
			err = readStream(ctx, stdin, "standard input", "", opt, fn)
		case strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://"):
			err = fetch(ctx, p, opt, fn)
		default:
			err = walkPath(ctx, p, opt, fn)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func walkPath(ctx context.Context, root string, opt WalkOptions, fn func(Record) error) error {
	st, err := os.Stat(root)
	if err != nil {
		return fn(Record{Source: root, Err: errs.E(errs.Op("read"), errs.Path(root), statKind(err), osErr(err))})
	}
	if !st.IsDir() {
		return readFile(ctx, root, opt, fn)
	}
	var files []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			files = append(files, p) // reported when read
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := readFile(ctx, f, opt, fn); err != nil {
			return err
		}
	}
	return nil
}

func readFile(ctx context.Context, path string, opt WalkOptions, fn func(Record) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fn(Record{Source: path, Err: errs.E(errs.Op("read"), errs.Path(path), statKind(err), osErr(err))})
	}
	defer f.Close()
	// A file's size is known: read it into a buffer of that size rather
	// than a growing one, which would briefly need twice the memory.
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() <= opt.maxOriginal() {
		raw := make([]byte, st.Size())
		if _, err := io.ReadFull(f, raw); err != nil {
			return fn(Record{Source: path, Err: errs.E(errs.Op("read"), errs.Path(path), errs.IO, err)})
		}
		return readBytes(ctx, raw, path, path, opt, fn)
	}
	return readStream(ctx, f, path, path, opt, fn)
}

func fetch(ctx context.Context, url string, opt WalkOptions, fn func(Record) error) error {
	if !opt.Fetch {
		return fn(Record{Source: url, Err: errs.E(errs.Op("fetch"), errs.Path(url), errs.Invalid, "URLs are fetched only with --fetch")})
	}
	client := opt.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 60 * time.Second}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fn(Record{Source: url, Err: errs.E(errs.Op("fetch"), errs.Path(url), errs.Invalid, err)})
	}
	req.Header.Set("User-Agent", "sitrep (offline-first conflict reporting archive)")
	resp, err := client.Do(req)
	if err != nil {
		return fn(Record{Source: url, Err: errs.E(errs.Op("fetch"), errs.Path(url), errs.IO, err)})
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fn(Record{Source: url, Err: errs.E(errs.Op("fetch"), errs.Path(url), errs.IO, "HTTP "+resp.Status)})
	}
	return readStream(ctx, resp.Body, url, "", opt, fn)
}

// readStream reads one input whole (capped) and hands it to the reader of
// its format. name is the path for format hints by extension, or "".
func readStream(ctx context.Context, r io.Reader, source, name string, opt WalkOptions, fn func(Record) error) error {
	if r == nil {
		return fn(Record{Source: source, Err: errs.E(errs.Op("read"), errs.Path(source), errs.Invalid, "no input")})
	}
	limit := opt.maxOriginal()
	raw, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return fn(Record{Source: source, Err: errs.E(errs.Op("read"), errs.Path(source), errs.IO, err)})
	}
	if int64(len(raw)) > limit {
		return fn(Record{Source: source, Err: errs.E(errs.Op("read"), errs.Path(source), tooLarge(len(raw), limit))})
	}
	return readBytes(ctx, raw, source, name, opt, fn)
}

// readBytes hands one input read whole to the reader of its format.
func readBytes(ctx context.Context, raw []byte, source, name string, opt WalkOptions, fn func(Record) error) error {
	var err error
	lower := strings.ToLower(name)
	data := raw
	gz := len(raw) > 2 && raw[0] == 0x1f && raw[1] == 0x8b
	if gz {
		data, err = gunzip(raw, opt.maxOriginal())
		if err != nil {
			return fn(Record{Raw: raw, Source: source, ContentType: "application/gzip", Err: errs.E(errs.Op("read"), errs.Path(source), err)})
		}
		lower = strings.TrimSuffix(lower, ".gz")
	}
	head := data[:min(len(data), 2048)]
	switch {
	case isWARC(head):
		return readWARC(bytes.NewReader(data), source, opt, fn)
	case strings.HasSuffix(lower, ".jsonl") || strings.HasSuffix(lower, ".ndjson") || name == "" && looksJSONL(head):
		return readJSONL(ctx, data, source, opt, fn)
	case isFeed(head):
		return readFeed(data, source, opt, fn)
	}
	rec := Record{Raw: raw, Source: source}
	if int64(len(data)) > opt.maxBytes() {
		rec.Err = errs.E(errs.Op("read"), errs.Path(source), tooLarge(len(data), opt.maxBytes()))
		return fn(rec)
	}
	if strings.HasSuffix(lower, ".html") || strings.HasSuffix(lower, ".htm") || looksHTML(head) {
		rec.ContentType = "text/html"
		fillFromHTML(&rec, data)
		return fn(rec)
	}
	rec.ContentType = "text/plain"
	rec.Text, rec.Repaired, err = Text(data)
	if err != nil {
		rec.Err = errs.E(errs.Op("read"), errs.Path(source), err)
	}
	return fn(rec)
}

// gunzip expands a gzip stream (several members allowed), refusing to
// expand past limit: a small file that would inflate to gigabytes stops
// at the limit with an error, having used no more memory than that.
func gunzip(raw []byte, limit int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, invalid(ReasonDamaged, err.Error())
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, invalid(ReasonDamaged, "the stream is cut short")
		}
		return nil, invalid(ReasonDamaged, err.Error())
	}
	if int64(len(out)) > limit {
		return nil, invalid(ReasonTooLarge, fmt.Sprintf("expands to more than %d bytes", limit))
	}
	return out, nil
}

func looksJSONL(head []byte) bool {
	t := bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf")
	return len(t) > 0 && t[0] == '{'
}

func looksHTML(head []byte) bool {
	h := bytes.ToLower(head)
	for _, m := range []string{"<!doctype html", "<html", "<head", "<body", "<article", "<p>", "<div"} {
		if bytes.Contains(h, []byte(m)) {
			return true
		}
	}
	return false
}

// fillFromHTML sets a record's text and metadata from a web page.
func fillFromHTML(r *Record, page []byte) {
	if CountInvalid(page) > 0 {
		t, n, _ := Text(page)
		page, r.Repaired = []byte(t), n
	}
	p := HTMLText(page)
	r.Title = firstNonEmpty(r.Title, p.Title)
	r.Author = firstNonEmpty(r.Author, p.Author)
	r.Published = firstNonEmpty(r.Published, p.Published)
	r.URL = firstNonEmpty(p.URL, r.URL)
	r.Outlet = firstNonEmpty(r.Outlet, p.Outlet)
	if strings.TrimSpace(p.Text) == "" {
		r.Err = invalid(ReasonNoContent, "the page has no main text")
		return
	}
	r.Text = p.Text
}

// readJSONL yields one record per line, each line its own original.
func readJSONL(ctx context.Context, data []byte, source string, opt WalkOptions, fn func(Record) error) error {
	lr, err := NewLineReader(bytes.NewReader(data), LineLimit(opt.maxBytes()))
	if err != nil {
		return fn(Record{Raw: data, Source: source, Err: err})
	}
	defer lr.Close()
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		n, line, err := lr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		src := fmt.Sprintf("%s:%d", source, n)
		if err != nil {
			if n == 0 {
				return fn(Record{Source: source, Err: err})
			}
			if err := fn(Record{Source: src, Err: err}); err != nil {
				return err
			}
			continue
		}
		rec := Record{Raw: append([]byte(nil), line...), Source: src, ContentType: "application/jsonl"}
		doc, repaired, derr := DecodeLine(line, opt.maxBytes())
		if derr != nil {
			rec.Err = errs.E(errs.Path(src), derr)
		} else {
			rec.ID, rec.Text, rec.Repaired = doc.ID, doc.Text, repaired
			rec.Published, rec.Title, rec.Outlet, rec.URL = doc.Published, doc.Title, doc.Source, doc.URL
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}

// Count estimates how many records Walk will yield, for a progress
// estimate: JSON Lines files count their lines, feeds their items, WARC
// files their responses, other files one each. It reads files but does
// not parse them.
func Count(paths []string) (int, error) {
	total := 0
	for _, p := range paths {
		if p == "-" || strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") {
			total++
			continue
		}
		err := filepath.WalkDir(p, func(f string, d fs.DirEntry, err error) error {
			if err != nil {
				total++
				return nil
			}
			if f != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				total += countFile(f)
			}
			return nil
		})
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

func countFile(path string) int {
	lower := strings.TrimSuffix(strings.ToLower(path), ".gz")
	if strings.HasSuffix(lower, ".jsonl") || strings.HasSuffix(lower, ".ndjson") {
		if n, err := CountLines(path); err == nil {
			return n
		}
		return 1
	}
	if !(strings.HasSuffix(lower, ".xml") || strings.HasSuffix(lower, ".rss") || strings.HasSuffix(lower, ".atom") || strings.HasSuffix(lower, ".warc")) {
		return 1
	}
	f, err := os.Open(path)
	if err != nil {
		return 1
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return 1
		}
		defer zr.Close()
		r = zr
	}
	data, _ := io.ReadAll(io.LimitReader(r, DefaultMaxOriginal))
	n := bytes.Count(data, []byte("<item")) + bytes.Count(data, []byte("<entry")) + bytes.Count(data, []byte("WARC-Type: response"))
	return max(n, 1)
}
