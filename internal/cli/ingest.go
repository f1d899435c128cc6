package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"sitrep/internal/corpus"
	"sitrep/internal/errs"
	"sitrep/internal/ingest"
	"sitrep/internal/store"
	"sitrep/internal/store/postgres"
	"sitrep/internal/store/sqlite"
)

// openCorpus opens the corpus of the data directory with its views.
func openCorpus(e *env, readOnly bool) (*corpus.Corpus, error) {
	c, err := corpus.Open(e.ctx, corpus.Options{DataDir: e.dataDir, ReadOnly: readOnly, PlacesDir: e.localDir(), ActorsFile: e.actorsPath()})
	if err != nil {
		return nil, storeErr("open corpus", e.dataDir, err)
	}
	return c, nil
}

// openStore opens the data directory's store alone, for the queries that
// need no cross-document view; it is much faster to open than a corpus.
func openStore(e *env) (store.Store, error) {
	if postgres.IsURL(e.dataDir) {
		db, err := postgres.Open(e.ctx, e.dataDir, postgres.Options{ReadOnly: true})
		if err != nil {
			return nil, storeErr("open store", e.dataDir, err)
		}
		return db, nil
	}
	if _, err := os.Stat(sqlitePath(e.dataDir)); err != nil {
		return nil, errs.E(errs.Op("open store"), errs.NotExist,
			fmt.Errorf("no corpus in %s: run 'sitrep ingest' first, or give --data DIR", e.dataDir))
	}
	db, err := sqlite.Open(e.ctx, e.dataDir, sqlite.Options{ReadOnly: true})
	if err != nil {
		return nil, storeErr("open store", e.dataDir, err)
	}
	return db, nil
}

func sqlitePath(dir string) string { return dir + string(os.PathSeparator) + sqlite.FileName }

// storeErr gives a store error the kind that picks its exit code.
func storeErr(op, path string, err error) error {
	kind := errs.IO
	switch {
	case errors.Is(err, store.ErrNotFound):
		kind = errs.NotExist
	case errors.Is(err, store.ErrInvalid):
		kind = errs.Invalid
	case errors.Is(err, context.Canceled):
		kind = errs.Other
	}
	return errs.E(errs.Op(op), errs.Path(location(path)), kind, err)
}

func runIngest(e *env, args []string) error {
	fs := flagSet(e, "ingest")
	workers := fs.Int("workers", 0, "extraction workers (default: one per CPU but one, left to the store writer)")
	maxBytes := fs.Int64("max-bytes", ingest.DefaultMaxBytes, "largest original accepted, in bytes")
	fetch := fs.Bool("fetch", false, "fetch feed URLs given as arguments (needs a network)")
	batch := fs.Int("batch", corpus.DefaultBatchSize, "documents committed together; smaller batches are acknowledged sooner")
	queue := fs.Bool("queue", false, "store the documents and leave extraction to 'sitrep worker' processes (PostgreSQL)")
	verbose := fs.Bool("v", false, "print one line per document once it is stored: new|copy|failed HASH SOURCE")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("ingest: give files, folders, feed URLs or - for standard input")
	}
	if *batch < 1 {
		return usagef("--batch must be at least 1")
	}
	if *maxBytes < 1 {
		return usagef("--max-bytes must be at least 1")
	}
	if *queue && !postgres.IsURL(e.dataDir) {
		return usagef("ingest --queue: the queue lives in PostgreSQL: give --data postgres://USER@HOST:PORT/DB")
	}
	c, err := openCorpus(e, false)
	if err != nil {
		return err
	}
	defer c.Close()
	p := newProgress(e.stderr)
	opt := corpus.IngestOptions{
		Workers:   *workers,
		BatchSize: *batch,
		Queue:     *queue,
		Walk:      ingest.WalkOptions{MaxBytes: *maxBytes, Fetch: *fetch},
		Progress: func(pr corpus.Progress) {
			p.total = pr.Total
			p.update(pr.Done-pr.Failed, pr.Failed)
		},
	}
	if *verbose {
		opt.Stored = func(it corpus.StoredItem) {
			state := "new"
			if it.CopyOf != "" {
				state = "copy"
			}
			fmt.Fprintf(e.stdout, "%s %s %s\n", state, it.Hash, it.Source)
		}
	}
	s, err := c.Ingest(e.ctx, fs.Args(), e.stdin, opt)
	p.finish()
	printIngestSummary(e, s)
	if err != nil {
		return storeErr("ingest", e.dataDir, err)
	}
	if s.Queued > 0 {
		fmt.Fprintf(e.stderr, "%d documents queued for 'sitrep worker'\n", s.Queued)
	}
	if s.Failed > 0 && s.New == 0 && s.Duplicate == 0 {
		return errs.E(errs.Op("ingest"), errs.Invalid, "no document could be read")
	}
	return nil
}

func printIngestSummary(e *env, s corpus.Summary) {
	w := e.stderr
	rate := float64(s.Done) / max(s.Elapsed.Seconds(), 1e-9)
	fmt.Fprintf(w, "ingested %d records in %s (%.0f/s): %d new (%d near copies of earlier reports), %d duplicates, %d failed; %d events, %d claims\n",
		s.Done, s.Elapsed.Round(time.Millisecond), rate, s.New, s.Copies, s.Duplicate, s.Failed, s.Events, s.Claims)
	const show = 20
	for i, f := range s.Failures {
		if i == show {
			fmt.Fprintf(w, "  … and %d more failures\n", len(s.Failures)-show)
			break
		}
		kept := ""
		if f.Kept != "" {
			kept = " (original kept as " + f.Kept + ")"
		}
		fmt.Fprintf(w, "  failed: %s: %s%s\n", f.Source, strings.TrimSpace(f.Reason), kept)
	}
}
