package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"sitrep"
	"sitrep/internal/errs"
	"sitrep/internal/ingest"
)

// maxListed is how many failures (and how many notes) a batch prints one
// by one; the rest are only counted, so a bad input cannot flood stderr
// or grow memory.
const maxListed = 20

// reasonDuplicate tallies a second document with the output name of an
// earlier one.
const reasonDuplicate = ingest.Reason("duplicate id")

// batchConfig says how to run a batch: the work done on each document and
// where its result goes. Both are called from the worker goroutines.
type batchConfig struct {
	workers  int
	maxBytes int64
	work     func(sitrep.Document) any
	sink     func(name string, v any) error
	note     io.Writer // repairs and renamed ids; nil to drop them
	progress *progress // nil for none
}

// batchSummary is what a batch did. Only counts and the first few
// failures are kept, so its size does not depend on the input.
type batchSummary struct {
	mu        sync.Mutex
	processed int            // documents that went through the work function
	written   int            // results the sink accepted
	failed    int            // lines or documents that produced no result
	ioFailed  bool           // a failure was the system's, not the input's
	reasons   map[string]int // failures by reason
	listed    []string       // the first maxListed failures, "line N: why"
	notes     int
	elapsed   time.Duration
}

func (s *batchSummary) fail(line int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failed++
	reason := "other"
	var r ingest.Reason
	switch {
	case errors.As(err, &r):
		reason = string(r)
	case errs.Is(errs.IO, err):
		reason, s.ioFailed = "write failed", true
	case errs.Is(errs.Invalid, err):
		reason = "invalid input"
	}
	s.reasons[reason]++
	if len(s.listed) < maxListed {
		s.listed = append(s.listed, fmt.Sprintf("line %d: %v", line, err))
	}
}

func (s *batchSummary) notef(w io.Writer, format string, args ...any) {
	if w == nil {
		return
	}
	s.mu.Lock()
	s.notes++
	n := s.notes
	s.mu.Unlock()
	switch {
	case n <= maxListed:
		fmt.Fprintf(w, "sitrep: "+format+"\n", args...)
	case n == maxListed+1:
		fmt.Fprintf(w, "sitrep: further notes like these are not shown\n")
	}
}

// job is one document on its way through the pool.
type job struct {
	line int
	name string // output file name, without ".json"
	doc  sitrep.Document
}

// batch reads JSON Lines from r and runs cfg.work on every document with a
// pool of cfg.workers goroutines. Lines are read one at a time into a
// channel as deep as the pool, so memory is bounded by the pool (at most
// 2×workers+1 documents in flight), never by the input. Bad lines are
// counted and skipped. The returned error is a failure to read the stream
// or a cancelled context; failed lines are in the summary.
func batch(ctx context.Context, r io.Reader, cfg batchConfig) (*batchSummary, error) {
	start := time.Now()
	sum := &batchSummary{reasons: map[string]int{}}
	lr, err := ingest.NewLineReader(r, ingest.LineLimit(cfg.maxBytes))
	if err != nil {
		return sum, err
	}
	defer lr.Close()

	jobs := make(chan job, cfg.workers)
	var wg sync.WaitGroup
	for range cfg.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				v := cfg.work(j.doc)
				err := cfg.sink(j.name, v)
				sum.mu.Lock()
				sum.processed++
				if err == nil {
					sum.written++
				}
				done, failed := sum.processed, sum.failed
				sum.mu.Unlock()
				if err != nil {
					sum.fail(j.line, err)
					failed++
				}
				cfg.progress.update(done, failed)
			}
		}()
	}

	// seen holds a 64-bit hash of each output name, to refuse a second
	// document that would overwrite the first: the one piece of state kept
	// per document (about 16 bytes), deliberately small.
	seen := map[uint64]int{}
	var readErr error
	for {
		if err := ctx.Err(); err != nil {
			readErr = fmt.Errorf("interrupted; the results so far are written: %w", err)
			break
		}
		n, line, err := lr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if errs.Is(errs.Invalid, err) {
				sum.fail(n, err)
				continue
			}
			readErr = err
			break
		}
		doc, repaired, err := ingest.DecodeLine(line, cfg.maxBytes)
		if err != nil {
			sum.fail(n, err)
			continue
		}
		if repaired > 0 {
			sum.notef(cfg.note, "line %d: repaired %d invalid UTF-8 sequences (each bad byte replaced by U+FFFD)", n, repaired)
		}
		name, changed := safeName(doc.ID)
		h := fnv.New64a()
		h.Write([]byte(name))
		if prev, dup := seen[h.Sum64()]; dup {
			sum.fail(n, errs.E(errs.Invalid, fmt.Errorf("%w %q: its output %s.json was already written for line %d", reasonDuplicate, doc.ID, name, prev)))
			continue
		}
		seen[h.Sum64()] = n
		if changed {
			sum.notef(cfg.note, "line %d: id %q is not a safe file name; written as %s.json", n, doc.ID, name)
		}
		select {
		case jobs <- job{line: n, name: name, doc: doc}:
		case <-ctx.Done():
		}
	}
	close(jobs)
	wg.Wait()
	sum.elapsed = time.Since(start)
	return sum, readErr
}

// report prints the summary line and the listed failures.
func (s *batchSummary) report(w io.Writer, cmd, dir string) {
	rate := float64(s.processed) / max(s.elapsed.Seconds(), 1e-9)
	fmt.Fprintf(w, "sitrep %s: %d processed, %d written to %s, %d failed%s in %s (%.0f documents/s)\n",
		cmd, s.processed, s.written, dir, s.failed, s.reasonList(), s.elapsed.Round(time.Millisecond), rate)
	for _, l := range s.listed {
		fmt.Fprintf(w, "  %s\n", l)
	}
	if s.failed > len(s.listed) {
		fmt.Fprintf(w, "  … and %d more failures\n", s.failed-len(s.listed))
	}
}

func (s *batchSummary) reasonList() string {
	if len(s.reasons) == 0 {
		return ""
	}
	keys := make([]string, 0, len(s.reasons))
	for k := range s.reasons {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if s.reasons[keys[i]] != s.reasons[keys[j]] {
			return s.reasons[keys[i]] > s.reasons[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%d %s", s.reasons[k], k)
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// runBatch is the --out mode of extract and annotate: JSON Lines from path
// (or stdin) to one JSON file per document in f.out.
func runBatch(e *env, f *docFlags, path, cmd string, work func(sitrep.Document) any) error {
	if err := os.MkdirAll(f.out, 0o755); err != nil {
		return errs.E(errs.Op("create output directory"), errs.Path(f.out), errs.IO, err)
	}
	r, _, closeIn, err := ingest.OpenLines(path, e.stdin)
	if err != nil {
		return err
	}
	defer closeIn()
	prog := newProgress(e.stderr)
	if prog.on && path != "-" {
		// Counting costs one extra read of the file; it is only done when
		// someone is watching the progress bar.
		if n, err := ingest.CountLines(path); err == nil {
			prog.total = n
		}
	}
	sum, err := batch(e.ctx, r, batchConfig{
		workers:  f.workers,
		maxBytes: f.maxBytes,
		work:     work,
		sink:     fileSink(f.out),
		note:     e.stderr,
		progress: prog,
	})
	prog.finish()
	sum.report(e.stderr, cmd, f.out)
	if err != nil {
		return errs.E(errs.Op(cmd), err)
	}
	if sum.failed > 0 {
		kind := errs.Invalid
		if sum.ioFailed {
			kind = errs.IO
		}
		return errs.E(errs.Op(cmd), kind, fmt.Sprintf("%d of %d input documents failed", sum.failed, sum.failed+sum.written))
	}
	return nil
}

// fileSink writes each result to dir/<name>.json through a temporary file
// and a rename, so an interrupted run never leaves a half-written result.
func fileSink(dir string) func(string, any) error {
	return func(name string, v any) error {
		path := filepath.Join(dir, name+".json")
		fail := func(err error) error { return errs.E(errs.Op("write"), errs.Path(path), errs.IO, err) }
		tmp, err := os.CreateTemp(dir, ".tmp-*")
		if err != nil {
			return fail(err)
		}
		if err := writeJSON(tmp, v); err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			return fail(err)
		}
		if err := tmp.Close(); err != nil {
			os.Remove(tmp.Name())
			return fail(err)
		}
		if err := os.Rename(tmp.Name(), path); err != nil {
			os.Remove(tmp.Name())
			return fail(err)
		}
		return nil
	}
}

// maxNameBytes keeps output names well under every file system's limit
// (255 bytes) with room for the hash suffix and ".json".
const maxNameBytes = 100

// safeName turns a document id into an output file name. Letters, digits,
// '-', '_' and '.' are kept; any other byte becomes '_'; a leading '.' (a
// hidden file, or "..") becomes '_'; names Windows reserves and names over
// maxNameBytes are changed too. A changed name gets "-" and 8 hex digits
// of the id's SHA-256, so two ids that clean up alike ("a/b", "a:b") still
// get files of their own. changed reports whether the id was altered.
func safeName(id string) (name string, changed bool) {
	b := []byte(id)
	for i, c := range b {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' && i > 0
		if !ok {
			b[i] = '_'
		}
	}
	name = string(b)
	if len(name) > maxNameBytes {
		name = name[:maxNameBytes]
	}
	if name == id && !reservedName(name) && name != "" {
		return name, false
	}
	sum := sha256.Sum256([]byte(id))
	return name + "-" + hex.EncodeToString(sum[:4]), true
}

// reservedName reports the device names Windows refuses as file names,
// with or without an extension.
func reservedName(name string) bool {
	base := strings.ToUpper(name)
	if i := strings.IndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	switch base {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	return len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) && base[3] >= '1' && base[3] <= '9'
}
