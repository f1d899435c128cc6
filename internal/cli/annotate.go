package cli

import (
	"sitrep"
)

// runAnnotate is `sitrep annotate`: what the readers and recognisers found
// in a document (dates, numbers, actors, places with byte offsets), for
// debugging and for scoring the readers on their own.
func runAnnotate(e *env, args []string) error {
	fs := flagSet(e, "annotate")
	f := addDocFlags(fs, "json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	path, err := f.check(fs, "json")
	if err != nil {
		return err
	}
	if f.out == "" {
		doc, err := readDoc(e, f, path)
		if err != nil {
			return err
		}
		x, err := newExtractor(e)
		if err != nil {
			return err
		}
		return writeErr(writeJSON(e.stdout, x.Annotate(doc)))
	}
	x, err := newExtractor(e)
	if err != nil {
		return err
	}
	return runBatch(e, f, path, "annotate", func(d sitrep.Document) any { return x.Annotate(d) })
}
