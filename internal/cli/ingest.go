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
	maxBytes := fs.Int64("max-bytes", ingest.DefaultMaxBytes, "largest document text accepted, in bytes")
	fetch := fs.Bool("fetch", true, "capture http(s) URLs given as arguments; --fetch=false refuses them (no network)")
	fetchTimeout := fs.Duration("fetch-timeout", time.Minute, "longest a URL's capture may take, redirects included")
	batch := fs.Int("batch", corpus.DefaultBatchSize, "documents committed together; smaller batches are acknowledged sooner")
	queue := fs.Bool("queue", false, "store the documents and leave extraction to 'sitrep worker' processes (PostgreSQL)")
	verbose := fs.Bool("v", false, "print one line per input once its outcome is final: new|copy|duplicate|failed|skipped HASH SOURCE [REASON]")
	var meta ingest.Metadata
	fs.StringVar(&meta.Published, "published", "", "publication date of every document read, YYYY-MM-DD (overrides the file and its manifest)")
	fs.StringVar(&meta.Outlet, "outlet", "", "outlet that published every document read")
	fs.StringVar(&meta.Title, "title", "", "title of the document (one input only)")
	fs.StringVar(&meta.URL, "url", "", "address of the document (one input only)")
	fs.StringVar(&meta.Language, "language", "", "language of every document read, an ISO 639-1 code such as en, ur, fa")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("ingest: give files, folders, URLs or - for standard input")
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
	if err := checkMeta(meta, fs.Args()); err != nil {
		return err
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
		// The user runs the command on their own machine: their own
		// network is theirs to capture, unlike a server's.
		Walk: ingest.WalkOptions{MaxBytes: *maxBytes, Fetch: *fetch, FetchTimeout: *fetchTimeout, FetchPrivate: true, Meta: meta},
		Progress: func(pr corpus.Progress) {
			p.total = pr.Total
			p.update(pr.Done-pr.Failed, pr.Failed)
		},
	}
	if *verbose {
		opt.Stored = func(it corpus.StoredItem) {
			hash := it.Hash
			if hash == "" {
				hash = "-"
			}
			line := it.State + " " + hash + " " + errs.Printable(it.Source)
			if it.Reason != "" {
				line += ": " + errs.Printable(it.Reason)
			}
			fmt.Fprintln(e.stdout, line)
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

// checkMeta validates what the user states about the documents: a title
// or an address belongs to one document, so it needs a single input that
// is not a folder.
func checkMeta(m ingest.Metadata, args []string) error {
	if m.Published != "" {
		if err := ingest.ValidDate(m.Published); err != nil {
			return errs.E(errs.Usage, errs.Op("--published"), err)
		}
	}
	if m.Language != "" && !validLanguage(m.Language) {
		return usagef("--language: %q is not an ISO 639-1 code (two letters, such as en or ur)", m.Language)
	}
	if m.Title != "" || m.URL != "" {
		if len(args) != 1 {
			return usagef("--title and --url describe one document: give one input")
		}
		if st, err := os.Stat(args[0]); err == nil && st.IsDir() {
			return usagef("--title and --url describe one document, not the folder %s", errs.Printable(args[0]))
		}
	}
	return nil
}

// validLanguage accepts a two-letter lower-case code.
func validLanguage(s string) bool {
	return len(s) == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z'
}

func printIngestSummary(e *env, s corpus.Summary) {
	w := e.stderr
	rate := float64(s.Done) / max(s.Elapsed.Seconds(), 1e-9)
	fmt.Fprintf(w, "ingested %d records in %s (%.0f/s): %d new (%d near copies of earlier reports), %d duplicates, %d failed, %d skipped (not documents); %d events, %d claims\n",
		s.Done, s.Elapsed.Round(time.Millisecond), rate, s.New, s.Copies, s.Duplicate, s.Failed, s.Skipped, s.Events, s.Claims)
	list := func(what string, fs []corpus.Failure) {
		const show = 20
		for i, f := range fs {
			if i == show {
				fmt.Fprintf(w, "  … and %d more %s\n", len(fs)-show, what)
				break
			}
			kept := ""
			if f.Kept != "" {
				kept = " (original kept as " + f.Kept + ")"
			}
			fmt.Fprintf(w, "  %s: %s: %s%s\n", strings.TrimSuffix(what, "s"), errs.Printable(f.Source), errs.Printable(strings.TrimSpace(f.Reason)), kept)
		}
	}
	list("failed", s.Failures)
	list("skipped", s.Skips)
}
