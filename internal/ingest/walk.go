package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"sitrep/internal/errs"
	"sitrep/internal/lang"
)

// Record is one original as received, and what was read from it.
type Record struct {
	// Raw is the original exactly as received: a file's bytes (compressed
	// if it came compressed), one JSON Lines line, one feed item's element,
	// one Telegram message, a URL's capture as WARC records. Nil when
	// nothing could be kept.
	Raw         []byte
	Source      string // path; "path#itemN", "path@offset" or "path:line" inside a container; or URL
	URL         string // canonical URL when known
	ContentType string
	CapturedAt  time.Time // when a WARC captured it; zero means "now"
	Title       string
	Outlet      string
	Author      string
	Published   string // YYYY-MM-DD
	Language    string // ISO 639-1 code when stated or detected
	ID          string // the JSON Lines "id"
	Text        string // the main text, valid UTF-8; empty when Err is set
	Repaired    int    // invalid UTF-8 bytes replaced in Text
	// Err says why no text could be read. Raw is still set when bytes were
	// received, so that the original is kept all the same.
	Err error
	// Skip says why an input is not a document at all (a README, an
	// image, a manifest, a link not followed); such a record has no Raw
	// and nothing of it is stored.
	Skip string
}

// Metadata is what a user states about a document. Empty fields state
// nothing.
type Metadata struct {
	Published string // YYYY-MM-DD
	Outlet    string
	Title     string
	URL       string
	Language  string
}

// apply sets the fields m states, overriding what r holds.
func (m Metadata) apply(r *Record) {
	for _, f := range []struct {
		to *string
		v  string
	}{
		{&r.Published, m.Published}, {&r.Outlet, m.Outlet}, {&r.Title, m.Title}, {&r.URL, m.URL}, {&r.Language, m.Language},
	} {
		if strings.TrimSpace(f.v) != "" {
			*f.to = f.v
		}
	}
}

// WalkOptions tune Walk.
type WalkOptions struct {
	// MaxBytes caps a document's text (default DefaultMaxBytes).
	MaxBytes int64
	// MaxOriginal caps an original kept, and what a compressed file may
	// expand to (default DefaultMaxOriginal): beyond it, nothing is held.
	// Formats read record by record (WARC, JSON Lines, Telegram exports)
	// are streamed, and the cap holds for each record, not the file.
	MaxOriginal int64
	// Fetch allows http(s) arguments to be captured.
	Fetch bool
	// FetchTimeout bounds one capture, redirects included (default 60 s).
	FetchTimeout time.Duration
	// FetchPrivate lets captures reach loopback, private and link-local
	// addresses. Off, such addresses are refused, so that a server cannot
	// be made to read its own network.
	FetchPrivate bool
	// PipeTimeout bounds the wait for a named pipe's writer, and then for
	// each of its writes (default 30 s).
	PipeTimeout time.Duration
	// Meta is what the user states about every input; it overrides what
	// the input itself and a manifest beside it say.
	Meta Metadata
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

func (o WalkOptions) pipeTimeout() time.Duration {
	if o.PipeTimeout > 0 {
		return o.PipeTimeout
	}
	return 30 * time.Second
}

func tooLarge(n int, max int64) error {
	return invalid(ReasonTooLarge, fmt.Sprintf("%d bytes, more than the %d allowed (see --max-bytes)", n, max))
}

// Walk reads each path in order and calls fn with every record found:
// files; folders, recursively in name order, skipping names starting with
// a dot; "-" for standard input; http(s) URLs, captured when opt.Fetch.
// The format is recognised from the content first and the name second:
// WARC, PDF, Telegram exports, JSON Lines, RSS or Atom feeds, HTML, plain
// text, each possibly gzipped; what is not a document yields a record that
// says why it was skipped. A manifest beside files gives their metadata.
// A path that cannot be read yields a failed record, not an error; fn's
// error, or ctx's, stops the walk and is returned.
func Walk(ctx context.Context, paths []string, stdin io.Reader, opt WalkOptions, fn func(Record) error) error {
	w := &walker{ctx: ctx, opt: opt, fn: fn, manifests: map[string]*manifest{}}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		switch {
		case p == "-":
			if stdin == nil {
				err = fn(Record{Source: "standard input", Err: errs.E(errs.Op("read"), errs.Path("standard input"), errs.Invalid, "no input")})
				break
			}
			err = w.readInput(stdin, "standard input", "", -1, w.emitter(nil))
		case isURL(p):
			err = w.capture(p)
		default:
			err = w.walkPath(p)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func isURL(p string) bool { return strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") }

// walker is one Walk: its options, and the manifests read so far, by
// folder.
type walker struct {
	ctx       context.Context
	opt       WalkOptions
	fn        func(Record) error
	manifests map[string]*manifest
}

// emitter returns the function that hands a record on, with the metadata
// of its manifest entry (if any) and then the user's applied, and its
// language: the one stated (by the user or a manifest), else the one the
// identifier is sure of, else the one the page declares.
func (w *walker) emitter(entry *Metadata) func(Record) error {
	return func(r Record) error {
		if r.Skip == "" {
			stated := w.opt.Meta.Language != ""
			if entry != nil {
				entry.apply(&r)
				stated = stated || entry.Language != ""
			}
			w.opt.Meta.apply(&r)
			if !stated && r.Err == nil {
				if code, conf := lang.Detect(r.Text); conf >= minLanguageConfidence {
					r.Language = code
				}
			}
		}
		return w.fn(r)
	}
}

// minLanguageConfidence is how sure the identifier must be for its answer
// to be the document's language, as for extraction.
const minLanguageConfidence = 0.5

func (w *walker) fail(source string, err error) error {
	return w.fn(Record{Source: source, Err: err})
}

// walkPath reads a file, or a folder's files in name order.
func (w *walker) walkPath(root string) error {
	st, err := os.Stat(root)
	if err != nil {
		return w.fail(root, errs.E(errs.Op("read"), errs.Path(root), statKind(err), osErr(err)))
	}
	if !st.IsDir() {
		return w.readPath(root, st)
	}
	type entry struct {
		path string
		skip string // why it is not read
	}
	var files []entry
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			files = append(files, entry{path: p}) // reported when read
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		switch t := d.Type(); {
		case t.IsRegular():
			files = append(files, entry{path: p})
		case t&fs.ModeSymlink != 0:
			files = append(files, entry{p, "a symbolic link; links inside a folder are not followed (name the file itself to read it)"})
		case !t.IsDir():
			files = append(files, entry{p, specialKind(t) + "; only regular files are read inside a folder"})
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	for _, f := range files {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		if f.skip != "" {
			err = w.fn(Record{Source: f.path, Skip: f.skip})
		} else if st, serr := os.Stat(f.path); serr != nil {
			err = w.fail(f.path, errs.E(errs.Op("read"), errs.Path(f.path), statKind(serr), osErr(serr)))
		} else {
			err = w.readPath(f.path, st)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// specialKind names a file that is neither regular nor a folder.
func specialKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

// readPath reads one named file: a regular file, or a named pipe (with
// timeouts); sockets and devices are refused. A manifest is read as the
// metadata of its folder's files, never as a document.
func (w *walker) readPath(path string, st fs.FileInfo) error {
	op, name := errs.Op("read"), errs.Path(path)
	mode := st.Mode()
	if mode&(fs.ModeSocket|fs.ModeDevice|fs.ModeCharDevice|fs.ModeIrregular) != 0 {
		return w.fail(path, errs.E(op, name, errs.Invalid, specialKind(mode)+": sitrep reads files, folders, URLs and standard input"))
	}
	m, err := w.manifest(filepath.Dir(path))
	if err != nil {
		return err
	}
	if m != nil && m.path == filepath.Clean(path) {
		return w.fn(Record{Source: path, Skip: fmt.Sprintf("a manifest: the metadata of %d files beside it, not a document", len(m.entries))})
	}
	var entry *Metadata
	if m != nil {
		if e, ok := m.entries[filepath.Base(path)]; ok {
			entry = &e
		}
	}
	if mode&fs.ModeNamedPipe != 0 {
		f, err := openPipe(w.ctx, path, w.opt.pipeTimeout())
		if err != nil {
			return w.fail(path, errs.E(op, name, err))
		}
		defer f.Close()
		return w.readInput(&idleReader{f: f, timeout: w.opt.pipeTimeout()}, path, path, -1, w.emitter(entry))
	}
	f, err := os.Open(path)
	if err != nil {
		return w.fail(path, errs.E(op, name, statKind(err), osErr(err)))
	}
	defer f.Close()
	return w.readInput(f, path, path, st.Size(), w.emitter(entry))
}

// readInput recognises an input's format from its first bytes and name,
// and reads it: formats made of records are streamed; the others are read
// whole, up to the cap. size is the input's size when known, else -1.
func (w *walker) readInput(r io.Reader, source, name string, size int64, emit func(Record) error) error {
	op, path := errs.Op("read"), errs.Path(source)
	br := bufio.NewReaderSize(r, 64<<10)
	peek, err := br.Peek(64 << 10)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return emit(Record{Source: source, Err: errs.E(op, path, readKind(err), err)})
	}
	gz := len(peek) > 2 && peek[0] == 0x1f && peek[1] == 0x8b
	lower := strings.ToLower(name)
	head := peek[:min(len(peek), sniffWindow)]
	if gz {
		lower = strings.TrimSuffix(lower, ".gz")
		head = gunzipHead(peek, sniffWindow)
	}
	f, why := sniff(head, lower)
	switch f {
	case formatSkip:
		return emit(Record{Source: source, Skip: why})
	case formatJSONL:
		return readJSONL(w.ctx, br, source, w.opt, emit)
	case formatWARC, formatTelegram:
		var src io.Reader = br
		if gz {
			zr, err := gzip.NewReader(br)
			if err != nil {
				return emit(Record{Source: source, Err: errs.E(op, path, invalid(ReasonDamaged, err.Error()))})
			}
			defer zr.Close()
			src = zr
		}
		if f == formatWARC {
			return readWARC(src, source, w.opt, emit)
		}
		return readTelegram(w.ctx, src, source, w.opt, emit)
	}
	limit := w.opt.maxOriginal()
	if size > limit {
		return emit(Record{Source: source, Err: errs.E(op, path, tooLarge(int(size), limit))})
	}
	var raw []byte
	if size >= 0 {
		// A file's size is known: read it into a buffer of that size rather
		// than a growing one, which would briefly need twice the memory.
		raw = make([]byte, size)
		if _, err := io.ReadFull(br, raw); err != nil {
			return emit(Record{Source: source, Err: errs.E(op, path, readKind(err), err)})
		}
	} else {
		raw, err = io.ReadAll(io.LimitReader(br, limit+1))
		if err != nil {
			return emit(Record{Source: source, Err: errs.E(op, path, readKind(err), err)})
		}
		if int64(len(raw)) > limit {
			return emit(Record{Source: source, Err: errs.E(op, path, tooLarge(len(raw), limit))})
		}
	}
	return readWhole(raw, gz, f, source, lower, w.opt, emit)
}

// readKind is the kind of a read error: a pipe that timed out is the
// input's fault, anything else the system's.
func readKind(err error) errs.Kind {
	if errors.Is(err, os.ErrDeadlineExceeded) || errs.Is(errs.Invalid, err) {
		return errs.Invalid
	}
	return errs.IO
}

// readWhole reads an input held whole, in format f; raw is the input as
// received, compressed when gz.
func readWhole(raw []byte, gz bool, f format, source, name string, opt WalkOptions, fn func(Record) error) error {
	data := raw
	if gz {
		var err error
		data, err = gunzip(raw, opt.maxOriginal())
		if err != nil {
			return fn(Record{Raw: raw, Source: source, ContentType: "application/gzip", Err: errs.E(errs.Op("read"), errs.Path(source), err)})
		}
	}
	switch f {
	case formatFeed:
		return readFeed(data, source, opt, fn)
	case formatPDF:
		return fn(pdfRecord(raw, data, source, opt))
	}
	rec := Record{Raw: raw, Source: source}
	if int64(len(data)) > opt.maxBytes() {
		rec.Err = errs.E(errs.Op("read"), errs.Path(source), tooLarge(len(data), opt.maxBytes()))
		return fn(rec)
	}
	if f == formatHTML {
		rec.ContentType = "text/html"
		fillFromHTML(&rec, data)
		if rec.Err != nil {
			rec.Err = errs.E(errs.Op("read"), errs.Path(source), rec.Err)
		}
		return fn(rec)
	}
	rec.ContentType = "text/plain"
	var err error
	rec.Text, rec.Repaired, err = Text(data)
	if err != nil {
		rec.Err = errs.E(errs.Op("read"), errs.Path(source), err)
	}
	return fn(rec)
}

// gunzipHead expands the start of a gzip stream, for the format test.
func gunzipHead(b []byte, n int) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	out := make([]byte, n)
	k, _ := io.ReadFull(zr, out)
	return out[:k]
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
	if err := binaryCheck(page); err != nil {
		r.Err = err
		return
	}
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
	r.Language = firstNonEmpty(r.Language, p.Language)
	if strings.TrimSpace(p.Text) == "" {
		r.Err = invalid(ReasonNoContent, "the page has no main text")
		return
	}
	r.Text = p.Text
}

// readJSONL yields one record per line, each line its own original. It
// streams: memory holds one line, whatever the file's size.
func readJSONL(ctx context.Context, r io.Reader, source string, opt WalkOptions, fn func(Record) error) error {
	lr, err := NewLineReader(r, LineLimit(opt.maxBytes()))
	if err != nil {
		return fn(Record{Source: source, Err: errs.E(errs.Op("read"), errs.Path(source), err)})
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
// estimate: containers (JSON Lines, feeds, WARC files, Telegram exports)
// count their records, other files one each. It follows Walk's rules for
// folders. A container larger than countSample is not read whole: its
// records are counted in its first countSample bytes (decompressed) and
// the count scaled to the file's size, so that counting never decompresses
// or reads more than a small part of what the ingest will.
func Count(paths []string) (int, error) {
	total := 0
	for _, p := range paths {
		if p == "-" || isURL(p) {
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
			if !d.IsDir() {
				total += countFile(f, d.Type())
			}
			return nil
		})
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// countSample is how much of a container Count reads.
const countSample = 4 << 20

func countFile(path string, mode fs.FileMode) int {
	if !mode.IsRegular() {
		return 1
	}
	f, err := os.Open(path)
	if err != nil {
		return 1
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 1
	}
	cr := &byteCounter{r: f}
	br := bufio.NewReaderSize(cr, 64<<10)
	peek, _ := br.Peek(64 << 10)
	gz := len(peek) > 2 && peek[0] == 0x1f && peek[1] == 0x8b
	name := strings.ToLower(path)
	head := peek[:min(len(peek), sniffWindow)]
	var r io.Reader = br
	if gz {
		name = strings.TrimSuffix(name, ".gz")
		head = gunzipHead(peek, sniffWindow)
		zr, err := gzip.NewReader(br)
		if err != nil {
			return 1
		}
		defer zr.Close()
		r = zr
	}
	var mark []byte
	switch fm, _ := sniff(head, name); fm {
	case formatJSONL:
		mark = []byte("\n")
	case formatWARC:
		mark = []byte("WARC-Type: response")
	case formatTelegram:
		mark = []byte(`"type": "message"`)
	case formatFeed:
		mark = nil
	default:
		return 1
	}
	sample, _ := io.ReadAll(io.LimitReader(r, countSample))
	var n int
	if mark == nil {
		n = bytes.Count(sample, []byte("<item")) + bytes.Count(sample, []byte("<entry"))
	} else {
		n = bytes.Count(sample, mark)
		if mark[0] == '\n' && len(sample) > 0 && sample[len(sample)-1] != '\n' {
			n++ // the last line has no newline
		}
	}
	if read := cr.n - int64(br.Buffered()); len(sample) == countSample && read > 0 && read < st.Size() {
		n = int(float64(n) * float64(st.Size()) / float64(read))
	}
	return max(n, 1)
}

// errSecond stops ReadDocument's walk at a second record.
var errSecond = errors.New("a second record")

// ReadDocument reads the one document of a file, or of stdin for "-",
// with the same readers as Walk: the command that reads one document
// reads it as ingest would. An input that is not a document, or that
// holds several (a feed, JSON Lines, a WARC file, a Telegram export), is
// an error of kind Invalid.
func ReadDocument(ctx context.Context, path string, stdin io.Reader, opt WalkOptions) (Record, error) {
	name := path
	if path == "-" {
		name = "standard input"
	}
	if path != "-" && !isURL(path) {
		if st, err := os.Stat(path); err == nil && st.IsDir() {
			return Record{}, errs.E(errs.Op("read"), errs.Path(name), invalid(ReasonDirectory, "name a document, or one JSON Lines file with --out"))
		}
	}
	var recs []Record
	err := Walk(ctx, []string{path}, stdin, opt, func(r Record) error {
		recs = append(recs, r)
		if len(recs) > 1 {
			return errSecond
		}
		return nil
	})
	switch {
	case errors.Is(err, errSecond):
		return Record{}, errs.E(errs.Op("read"), errs.Path(name), errs.Invalid,
			"holds several documents (a feed, JSON Lines, a WARC file or a Telegram export): use 'sitrep ingest', or --out for JSON Lines")
	case err != nil:
		return Record{}, err
	case len(recs) == 0:
		return Record{}, errs.E(errs.Op("read"), errs.Path(name), invalid(ReasonNoContent, ""))
	}
	r := recs[0]
	if r.Skip != "" {
		return r, errs.E(errs.Op("read"), errs.Path(name), errs.Invalid, "not a document: "+r.Skip)
	}
	if r.Err != nil {
		if _, ok := r.Err.(*errs.Error); !ok {
			r.Err = errs.E(errs.Op("read"), errs.Path(name), r.Err)
		}
		return r, r.Err
	}
	return r, nil
}
