package corpus

import (
	"context"
	"errors"
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
	"sitrep/internal/store"
)

// Progress is reported while an ingest runs.
type Progress struct {
	Done      int    `json:"done"`  // records handled: new, duplicate or failed
	Total     int    `json:"total"` // records expected, 0 when unknown
	New       int    `json:"new"`
	Duplicate int    `json:"duplicate"`
	Copies    int    `json:"copies"` // new documents that are near copies of earlier ones
	Failed    int    `json:"failed"`
	Skipped   int    `json:"skipped"`           // inputs that are not documents (README, image, manifest, …)
	Current   string `json:"current,omitempty"` // source of the last record stored
}

// Failure is one record that could not be read as a document, or one
// input skipped because it is none. A failed record's original is still
// kept when bytes were received (Kept).
type Failure struct {
	Source string `json:"source"`
	Reason string `json:"reason"`
	Kept   string `json:"kept,omitempty"` // hash of the preserved original
}

// Summary is the outcome of an ingest.
type Summary struct {
	Progress
	Failures []Failure     `json:"failures,omitempty"`
	Skips    []Failure     `json:"skips,omitempty"`
	Queued   int           `json:"queued,omitempty"` // new documents left to workers to extract
	Events   int           `json:"events"`
	Claims   int           `json:"claims"`
	Elapsed  time.Duration `json:"elapsed_ns"`
}

// Outcomes of one record, as StoredItem.State.
const (
	StateNew       = "new"
	StateCopy      = "copy" // new, and a near copy of an earlier document
	StateDuplicate = "duplicate"
	StateFailed    = "failed"
	StateSkipped   = "skipped"
)

// StoredItem is the outcome of one record, reported once it is final: for
// new documents and kept originals, once they are durably stored.
type StoredItem struct {
	State  string
	Hash   string // empty when nothing was stored
	Source string
	CopyOf string
	Reason string // why it failed or was skipped
}

// IngestOptions tune an ingest.
type IngestOptions struct {
	Walk ingest.WalkOptions
	// Workers extract in parallel; 0 means one per CPU but one, which is
	// left to the writer. On 2 CPUs a second worker helped only on a busy
	// machine (news10k, load 5-6: 1.08-1.26 times the articles per
	// second) and cost 5-11% on a quiet one (load 2-3), where the writer
	// is the slowest stage. Documents are committed in the order they
	// were read, whatever the number of workers.
	Workers int
	// BatchSize is the most documents committed in one transaction; 0
	// means DefaultBatchSize. Smaller batches are acknowledged sooner.
	BatchSize int
	// Progress, when set, is called after every committed batch.
	Progress func(Progress)
	// Stored, when set, is called once for every record, in the order
	// they are committed: a new document is then on disk and in the
	// custody log. Its calls and the summary's counts agree.
	Stored func(StoredItem)
	// Queue stores the originals and their text and leaves extraction to
	// workers ('sitrep worker'): the store must keep a queue (Queued).
	Queue bool
	// Views, when set, follows the rebuild of views that other rules built
	// (EnsureViews), which an ingest runs first.
	Views func(done, total int64)
}

// Enqueuer is a store with an extraction queue (PostgreSQL): it stores
// documents without results and enqueues them for workers.
type Enqueuer interface {
	Enqueue(ctx context.Context, items []store.Item) error
}

// Queued reports whether the corpus's store keeps an extraction queue.
func (c *Corpus) Queued() bool {
	_, ok := c.st.(Enqueuer)
	return ok
}

// DefaultBatchSize bounds the documents committed in one transaction, and
// batchWait the time a document waits for its batch to fill. A commit's
// fixed costs (the incidents it rewrites, the index pages it writes again)
// are spread over its batch: the writer spent 12% less processor time per
// article in batches of 512 than of 256 (BenchmarkCommitNews10k), 17% in
// batches of 1,024, which hold twice the memory and leave one core idle
// longer while the last batch commits.
const (
	DefaultBatchSize = 512
	batchWait        = 250 * time.Millisecond
)

// work is one record on its way through the pipeline.
type work struct {
	seq  int // the record's place in the order read
	rec  ingest.Record
	hash string
	dup  bool
	res  *sitrep.Result
	sig  ingest.Signature
}

// Ingest reads paths (files, folders, "-" for stdin, feed URLs when
// allowed) and stores every original, its text and what was extracted
// from it; the store updates the cross-document views in the same
// transactions. A record that fails is
// reported in the summary and does not stop the ingest; an error from the
// store does, after everything committed so far has been acknowledged.
func (c *Corpus) Ingest(ctx context.Context, paths []string, stdin io.Reader, opt IngestOptions) (Summary, error) {
	total, _ := ingest.Count(paths)
	return c.run(ctx, total, opt, func(ctx context.Context, fn func(ingest.Record) error) error {
		return ingest.Walk(ctx, paths, stdin, opt.Walk, fn)
	})
}

// IngestFile ingests one uploaded file; its name's extension says its
// format as for a file on disk. The upload is spooled to a temporary file
// so that every format reads it the same way, and the records name the
// upload, not the spool file.
func (c *Corpus) IngestFile(ctx context.Context, name string, r io.Reader, opt IngestOptions) (Summary, error) {
	dir, err := os.MkdirTemp("", "sitrep-upload-")
	if err != nil {
		return Summary{}, fmt.Errorf("spool upload: %w", err)
	}
	defer os.RemoveAll(dir)
	base := filepath.Base(filepath.Clean("/" + name))
	if base == "/" || base == "." {
		base = "upload"
	}
	path := filepath.Join(dir, base)
	f, err := os.Create(path)
	if err != nil {
		return Summary{}, fmt.Errorf("spool upload: %w", err)
	}
	_, err = io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Summary{}, fmt.Errorf("spool upload: %w", err)
	}
	total, _ := ingest.Count([]string{path})
	return c.run(ctx, total, opt, func(ctx context.Context, fn func(ingest.Record) error) error {
		return ingest.Walk(ctx, []string{path}, nil, opt.Walk, func(rec ingest.Record) error {
			rec.Source = "upload:" + base + strings.TrimPrefix(rec.Source, path)
			return fn(rec)
		})
	})
}

func (c *Corpus) run(ctx context.Context, total int, opt IngestOptions, walk func(context.Context, func(ingest.Record) error) error) (Summary, error) {
	if opt.Queue && !c.Queued() {
		return Summary{}, fmt.Errorf("ingest: queueing documents for workers needs a PostgreSQL store: %w", store.ErrInvalid)
	}
	c.write.Lock()
	defer c.write.Unlock()
	start := time.Now()
	if !opt.Queue {
		if _, err := c.Extractor(); err != nil {
			return Summary{}, err
		}
	}
	if _, err := c.EnsureViews(ctx, opt.Views); err != nil {
		return Summary{}, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	workers := opt.Workers
	if workers <= 0 {
		workers = max(1, runtime.GOMAXPROCS(0)-1)
	}
	type record struct {
		seq int
		rec ingest.Record
	}
	in := make(chan record, workers*2)
	out := make(chan work, workers*2)

	var walkErr error
	go func() {
		defer close(in)
		seq := 0
		walkErr = walk(ctx, func(r ingest.Record) error {
			seq++
			select {
			case in <- record{seq, r}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range in {
				w := c.prepare(ctx, r.rec, !opt.Queue)
				w.seq = r.seq
				select {
				case out <- w:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()

	s := Summary{Progress: Progress{Total: total}}
	err := c.commitLoop(ctx, out, opt, &s)
	if err != nil {
		cancel()
		for range out { // let the workers finish
		}
	}
	s.Elapsed = time.Since(start)
	if err == nil && walkErr != nil && !errors.Is(walkErr, context.Canceled) {
		err = walkErr
	}
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	return s, err
}

// prepare does the work that needs no store write: hashing, the duplicate
// check and, unless workers will do it, extraction.
func (c *Corpus) prepare(ctx context.Context, r ingest.Record, extract bool) work {
	w := work{rec: r}
	if r.Raw == nil {
		return w
	}
	w.hash = store.HashBytes(r.Raw)
	// A record with text repeats an earlier one when its document is
	// stored; an original kept without text earlier (say, a PDF before
	// sitrep could read PDFs) gets its document now.
	if r.Err == nil {
		if _, err := c.st.Document(ctx, w.hash); err == nil {
			w.dup = true
			return w
		}
	} else if _, err := c.st.Original(ctx, w.hash); err == nil {
		w.dup = true
		return w
	}
	if r.Err == nil {
		w.sig = ingest.Sign(r.Text)
		if !extract {
			return w
		}
		w.res = c.x.Extract(sitrep.Document{ID: r.ID, Text: r.Text, Published: r.Published, Title: r.Title, Source: r.Outlet, URL: r.URL})
	}
	return w
}

// commitLoop gathers prepared records into batches and hands them to a
// writer goroutine, so that extraction goes on while a batch commits.
func (c *Corpus) commitLoop(ctx context.Context, out <-chan work, opt IngestOptions, s *Summary) error {
	batches := make(chan []work, 1)
	werr := make(chan error, 1)
	go func() {
		var err error
		for b := range batches {
			if err == nil {
				err = c.commit(ctx, b, opt, s)
				if opt.Progress != nil {
					opt.Progress(s.Progress)
				}
			}
		}
		werr <- err
	}()
	size := opt.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	err := c.gather(ctx, out, size, batches)
	close(batches)
	if e := <-werr; e != nil {
		return e
	}
	return err
}

// gather batches the prepared records, marking repeats of an original
// already seen in this run as duplicates. It goes on reading while the
// writer commits the previous batch, so that extraction does not wait on
// the writer and a batch holds what arrived meanwhile: a slow commit makes
// the next batch larger, which spreads each commit's fixed cost over more
// documents. A batch is handed over when it is full, or when the writer is
// free and batchWait has passed since the last one. Records prepared out
// of order (by parallel workers) wait in early until those read before
// them are in a batch.
func (c *Corpus) gather(ctx context.Context, out <-chan work, size int, batches chan<- []work) error {
	var batch []work
	seen := map[string]bool{}
	early := map[int]work{}
	next := 1
	fill := func() {
		for len(batch) < size {
			w, ok := early[next]
			if !ok {
				return
			}
			delete(early, next)
			next++
			if w.hash != "" {
				w.dup = w.dup || seen[w.hash]
				seen[w.hash] = true
			}
			batch = append(batch, w)
		}
	}
	timer := time.NewTimer(batchWait)
	defer timer.Stop()
	due := false
	for out != nil || len(batch) > 0 || len(early) > 0 {
		var send chan<- []work
		if len(batch) > 0 && (due || len(batch) >= size || out == nil) {
			send = batches
		}
		in := out
		if len(batch) >= size {
			in = nil
		}
		select {
		case send <- batch:
			batch, due = nil, false
			timer.Reset(batchWait)
			fill()
		case w, ok := <-in:
			if !ok {
				out = nil
				continue
			}
			early[w.seq] = w
			fill()
		case <-timer.C:
			due = true
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

func errText(err error) string {
	if err == nil {
		return "no content"
	}
	return err.Error()
}

// commit stores one batch in one transaction, with its near-copy links and
// the views it changes. Nothing is acknowledged before the transaction
// commits. A record is new only when the store says it created it: a
// concurrent ingest of the same file may have stored it in between.
func (c *Corpus) commit(ctx context.Context, all []work, opt IngestOptions, s *Summary) error {
	report := func(it StoredItem) {
		s.Done++
		switch it.State {
		case StateNew, StateCopy:
			s.New++
			s.Current = it.Source
		case StateDuplicate:
			s.Duplicate++
		case StateFailed:
			s.Failed++
			s.Failures = append(s.Failures, Failure{Source: it.Source, Reason: it.Reason, Kept: it.Hash})
		case StateSkipped:
			s.Skipped++
			s.Skips = append(s.Skips, Failure{Source: it.Source, Reason: it.Reason})
		}
		if opt.Stored != nil {
			opt.Stored(it)
		}
	}
	var batch []work
	var items []store.Item
	now := time.Now().UTC()
	for _, w := range all {
		r := w.rec
		switch {
		case r.Skip != "":
			report(StoredItem{State: StateSkipped, Source: r.Source, Reason: r.Skip})
			continue
		case r.Raw == nil:
			report(StoredItem{State: StateFailed, Source: r.Source, Reason: errText(r.Err)})
			continue
		case w.dup:
			report(StoredItem{State: StateDuplicate, Hash: w.hash, Source: r.Source})
			continue
		}
		captured := r.CapturedAt
		if captured.IsZero() {
			captured = now
		}
		it := store.Item{
			Original: store.Original{Source: r.Source, URL: r.URL, CapturedAt: captured, Outlet: r.Outlet,
				Published: r.Published, Title: r.Title, ContentType: r.ContentType},
			Raw:              r.Raw,
			ExtractorVersion: extract.Version,
			Signature:        w.sig,
		}
		if r.Err == nil {
			it.Document = &store.Document{Text: r.Text, Title: r.Title, Outlet: r.Outlet, Published: r.Published, URL: r.URL, Language: r.Language}
			it.Result = w.res
		}
		batch = append(batch, w)
		items = append(items, it)
	}
	if len(batch) == 0 {
		return nil
	}
	put := c.st.PutBatch
	if opt.Queue {
		put = c.st.(Enqueuer).Enqueue
	}
	if err := put(ctx, items); err != nil {
		return fmt.Errorf("store %d documents: %w", len(items), err)
	}
	for i, w := range batch {
		r := w.rec
		item := StoredItem{State: StateNew, Hash: w.hash, Source: r.Source}
		switch {
		case !items[i].Created:
			item.State = StateDuplicate
		case r.Err != nil:
			item.State, item.Reason = StateFailed, r.Err.Error()
		default:
			if items[i].CopyOf != "" {
				item.State, item.CopyOf = StateCopy, items[i].CopyOf
				s.Copies++
			}
			if opt.Queue {
				s.Queued++
			}
			if w.res != nil {
				s.Events += len(w.res.Events)
				s.Claims += len(w.res.Claims)
			}
		}
		report(item)
	}
	return nil
}
