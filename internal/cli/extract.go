package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"sitrep"
	"sitrep/internal/extract"
	"sitrep/internal/ingest"
)

// runExtract is `sitrep extract` and, with annotate set, `sitrep annotate`.
func runExtract(e *env, args []string, annotate bool) error {
	name := "extract"
	if annotate {
		name = "annotate"
	}
	fs := flagSet(e, name, "[--format json|text] [--published YYYY-MM-DD] [--title T] [--source S] [--url U] FILE|-\n"+
		"       sitrep "+name+" --format json --out DIR DOCS.jsonl[.gz]|-")
	format := fs.String("format", "text", "output format: json or text")
	published := fs.String("published", "", "publication date of the article, YYYY-MM-DD (dates in the text resolve against it)")
	title := fs.String("title", "", "title of the article")
	source := fs.String("source", "", "outlet that published the article")
	url := fs.String("url", "", "address of the article")
	out := fs.String("out", "", "batch mode: write DIR/<id>.json for each line of a JSON Lines input")
	maxBytes := fs.Int64("max-bytes", ingest.DefaultMaxBytes, "largest document accepted, in bytes")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "batch mode: documents read in parallel")
	if annotate {
		*format = "json"
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !oneOf(*format, "json", "text") || annotate && *format != "json" {
		return usageError{fmt.Sprintf("unknown --format %q", *format)}
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usageError{"name one input file, or - for standard input"}
	}
	if *published != "" {
		if err := ingest.ValidDate(*published); err != nil {
			return err
		}
	}
	x, err := extract.New(extract.Options{ActorsFile: e.actorsPath()})
	if err != nil {
		return err
	}
	path := fs.Arg(0)
	if *out != "" {
		if *format != "json" {
			return usageError{"batch mode (--out) writes JSON: use --format json"}
		}
		return batch(e, x, path, *out, *workers, int(*maxBytes), annotate)
	}
	raw, err := ingest.ReadFile(path, e.stdin, *maxBytes)
	if err != nil {
		return err
	}
	txt, repaired, err := ingest.Text(raw)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if repaired > 0 {
		fmt.Fprintf(e.stderr, "sitrep: %s: repaired %d invalid UTF-8 sequences (replaced with U+FFFD); offsets refer to the repaired text\n", path, repaired)
	}
	doc := sitrep.Document{ID: filepath.Base(path), Text: txt, Published: *published, Title: *title, Source: *source, URL: *url}
	if annotate {
		return writeJSON(e.stdout, x.Annotate(doc))
	}
	res := x.Extract(doc)
	if *format == "text" {
		return renderText(e.stdout, res)
	}
	return writeJSON(e.stdout, res)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// batchItem is one document on its way through the worker pool.
type batchItem struct {
	line int
	doc  sitrep.Document
}

// batch extracts every line of a JSON Lines input into DIR/<id>.json. Lines
// are read as workers take them (a channel as deep as the pool), so memory
// depends on the pool, never on the input's size.
func batch(e *env, x *extract.Extractor, path, dir string, workers, maxBytes int, annotate bool) error {
	if workers < 1 {
		workers = 1
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	var in io.Reader = e.stdin
	var total int64
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil {
			total = st.Size()
		}
		in = f
	}
	counted := &countingReader{r: in}
	prog := newProgress(e.stderr, total)

	items := make(chan batchItem, workers)
	var mu sync.Mutex
	var failures []string
	fail := func(line int, err error) {
		mu.Lock()
		failures = append(failures, fmt.Sprintf("line %d: %v", line, err))
		mu.Unlock()
	}
	done, written := 0, 0
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range items {
				var v any
				if annotate {
					v = x.Annotate(it.doc)
				} else {
					v = x.Extract(it.doc)
				}
				err := writeFileAtomic(filepath.Join(dir, safeName(it.doc.ID)+".json"), v)
				if err != nil {
					fail(it.line, err)
				}
				mu.Lock()
				if err == nil {
					written++
				}
				done++
				n := done
				mu.Unlock()
				prog.update(n, counted.n())
			}
		}()
	}
	seen := map[string]int{}
	readErr := ingest.Lines(counted, maxBytes, func(n int, line []byte, err error) error {
		if e.ctx.Err() != nil {
			return e.ctx.Err()
		}
		if err != nil {
			fail(n, err)
			return nil
		}
		doc, err := ingest.Decode(line)
		if err != nil {
			fail(n, err)
			return nil
		}
		txt, repaired, err := ingest.Text([]byte(doc.Text))
		if err != nil {
			fail(n, err)
			return nil
		}
		if repaired > 0 {
			fmt.Fprintf(e.stderr, "sitrep: line %d: repaired %d invalid UTF-8 sequences\n", n, repaired)
		}
		doc.Text = txt
		if prev, dup := seen[safeName(doc.ID)]; dup {
			fail(n, fmt.Errorf("id %q already used on line %d; its output would be overwritten", doc.ID, prev))
			return nil
		}
		seen[safeName(doc.ID)] = n
		items <- batchItem{line: n, doc: doc}
		return nil
	})
	close(items)
	wg.Wait()
	prog.finish(done)
	fmt.Fprintf(e.stderr, "sitrep: %d documents written to %s, %d failed\n", written, dir, len(failures))
	for i, f := range failures {
		if i == 20 {
			fmt.Fprintf(e.stderr, "  … and %d more\n", len(failures)-20)
			break
		}
		fmt.Fprintf(e.stderr, "  %s\n", f)
	}
	if readErr != nil {
		return fmt.Errorf("read %s: %w", path, readErr)
	}
	if len(failures) > 0 {
		return fmt.Errorf("%w: %d input lines could not be processed", ingest.ErrInvalid, len(failures))
	}
	return nil
}

// safeName turns a document id into a file name: path separators and
// characters unsafe on common file systems become "_".
func safeName(id string) string {
	var b strings.Builder
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	s := strings.TrimLeft(b.String(), ".")
	if s == "" {
		s = "_"
	}
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}

// writeFileAtomic writes JSON to a temporary file and renames it, so an
// interrupted run never leaves a half-written result.
func writeFileAtomic(path string, v any) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := writeJSON(tmp, v); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

type countingReader struct {
	r  io.Reader
	mu sync.Mutex
	c  int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.mu.Lock()
	c.c += int64(n)
	c.mu.Unlock()
	return n, err
}

func (c *countingReader) n() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.c
}

// progress draws a progress line on stderr when it is a terminal.
type progress struct {
	w     io.Writer
	on    bool
	total int64
	start time.Time
	last  time.Time
	mu    sync.Mutex
}

func newProgress(w io.Writer, total int64) *progress {
	on := false
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			on = true
		}
	}
	return &progress{w: w, on: on, total: total, start: time.Now()}
}

func (p *progress) update(done int, read int64) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last = now
	el := now.Sub(p.start).Seconds()
	rate := float64(done) / el
	line := fmt.Sprintf("\r%d documents, %.0f/s", done, rate)
	if p.total > 0 && read > 0 {
		frac := float64(read) / float64(p.total)
		eta := time.Duration(el/frac*(1-frac)) * time.Second
		bar := strings.Repeat("#", int(frac*30)) + strings.Repeat(".", 30-int(frac*30))
		line = fmt.Sprintf("\r[%s] %3.0f%% %d documents, %.0f/s, ETA %s ", bar, frac*100, done, rate, eta.Round(time.Second))
	}
	fmt.Fprint(p.w, line)
}

func (p *progress) finish(done int) {
	if p.on {
		fmt.Fprintf(p.w, "\r%d documents in %s%s\n", done, time.Since(p.start).Round(time.Millisecond), strings.Repeat(" ", 30))
	}
}
