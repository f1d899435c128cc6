package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"sync/atomic"

	"sitrep"
	"sitrep/internal/errs"
	"sitrep/internal/extract"
	"sitrep/internal/ingest"
)

// docFlags are the flags extract and annotate share.
type docFlags struct {
	format    string
	published string
	title     string
	source    string
	url       string
	out       string
	maxBytes  int64
	workers   int
}

func addDocFlags(fs *flag.FlagSet, defaultFormat string) *docFlags {
	f := &docFlags{}
	fs.StringVar(&f.format, "format", defaultFormat, "output format: json or text (annotate: json only)")
	fs.StringVar(&f.published, "published", "", "publication date of the article, YYYY-MM-DD; dates in the text resolve against it")
	fs.StringVar(&f.title, "title", "", "title of the article")
	fs.StringVar(&f.source, "source", "", "outlet that published the article")
	fs.StringVar(&f.url, "url", "", "address of the article")
	fs.StringVar(&f.out, "out", "", "batch mode: read JSON Lines (plain or gzip) and write `DIR`/<id>.json for each line")
	fs.Int64Var(&f.maxBytes, "max-bytes", ingest.DefaultMaxBytes, "largest document accepted, in bytes; larger input is refused, not truncated")
	fs.IntVar(&f.workers, "workers", runtime.GOMAXPROCS(0), "batch mode: documents processed in parallel")
	return f
}

// check validates the parsed flags and returns the one input path.
func (f *docFlags) check(fs *flag.FlagSet, formats ...string) (string, error) {
	ok := false
	for _, v := range formats {
		ok = ok || f.format == v
	}
	if !ok {
		return "", usagef("unknown --format %q: %s accepts %v", f.format, fs.Name(), formats)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return "", usagef("%s: name one input file, or - for standard input", fs.Name())
	}
	if f.published != "" {
		if err := ingest.ValidDate(f.published); err != nil {
			// The command line is what is wrong, so this is a usage error.
			return "", errs.E(errs.Usage, errs.Op("--published"), err)
		}
	}
	if f.maxBytes < 1 {
		return "", usagef("--max-bytes must be at least 1")
	}
	if f.workers < 1 {
		return "", usagef("--workers must be at least 1")
	}
	if f.out != "" {
		if f.format != "json" {
			return "", usagef("batch mode (--out) writes JSON files: use --format json")
		}
		if f.published != "" || f.title != "" || f.source != "" || f.url != "" {
			return "", usagef("batch mode (--out) takes --published, --title, --source and --url from each input line, not from flags")
		}
	}
	return fs.Arg(0), nil
}

// newExtractor loads the knowledge every document shares, once.
func newExtractor(e *env) (*extract.Extractor, error) {
	x, err := extract.New(e.extractOptions())
	if err != nil {
		return nil, errs.E(errs.Op("load knowledge"), err)
	}
	return x, nil
}

// readDoc reads the single document named on the command line with the
// reader of its format, the one ingest uses (the main text of a page, the
// text layer of a PDF), and says on stderr when it had to repair its
// encoding. The flags override what the document says about itself.
func readDoc(e *env, f *docFlags, path string) (sitrep.Document, error) {
	rec, err := ingest.ReadDocument(e.ctx, path, e.stdin, ingest.WalkOptions{MaxBytes: f.maxBytes, Fetch: false,
		Meta: ingest.Metadata{Published: f.published, Title: f.title, Outlet: f.source, URL: f.url}})
	if err != nil {
		return sitrep.Document{}, err
	}
	name := path
	if path == "-" {
		name = "standard input"
	}
	if rec.Repaired > 0 {
		fmt.Fprintf(e.stderr, "sitrep: %s: repaired %d invalid UTF-8 sequences (each bad byte replaced by U+FFFD); offsets refer to the repaired text\n", errs.Printable(name), rec.Repaired)
	}
	return sitrep.Document{ID: filepath.Base(name), Text: rec.Text, Published: rec.Published, Title: rec.Title, Source: rec.Outlet, URL: rec.URL}, nil
}

// runExtract is `sitrep extract`.
func runExtract(e *env, args []string) error {
	fs := flagSet(e, "extract")
	f := addDocFlags(fs, "text")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	path, err := f.check(fs, "json", "text")
	if err != nil {
		return err
	}
	if f.out == "" {
		// Read (and refuse bad input) before the slower knowledge load.
		doc, err := readDoc(e, f, path)
		if err != nil {
			return err
		}
		x, err := newExtractor(e)
		if err != nil {
			return err
		}
		res := x.Extract(doc)
		if extract.Unread(res) {
			fmt.Fprintf(e.stderr, "sitrep extract: %s: %s\n", doc.ID, unreadNote(res))
		}
		if f.format == "text" {
			return writeErr(renderText(e.stdout, res))
		}
		return writeErr(writeJSON(e.stdout, res))
	}
	x, err := newExtractor(e)
	if err != nil {
		return err
	}
	var unread atomic.Int64
	err = runBatch(e, f, path, "extract", func(d sitrep.Document) any {
		res := x.Extract(d)
		if extract.Unread(res) {
			if n := unread.Add(1); n <= maxListed {
				fmt.Fprintf(e.stderr, "sitrep extract: %s: %s\n", d.ID, unreadNote(res))
			}
		}
		return res
	})
	if n := unread.Load(); n > 0 {
		fmt.Fprintf(e.stderr, "sitrep extract: %d documents not in English were recorded with their language and no events or claims\n", n)
	}
	return err
}

// unreadNote says why a document got no events or claims.
func unreadNote(res *sitrep.Result) string {
	return fmt.Sprintf("written in language %q, which the extractor does not read (it reads English); recorded with its language, no events or claims extracted", res.Document.Language)
}

// writeJSON writes v indented, with a final newline. Field order follows
// the struct definitions and slices keep the extractor's order, so the
// output is stable from run to run.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeErr classifies a failure to write the output.
func writeErr(err error) error {
	if err == nil {
		return nil
	}
	return errs.E(errs.Op("write output"), errs.IO, err)
}
