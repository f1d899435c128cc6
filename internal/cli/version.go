package cli

import (
	"fmt"
	"runtime"

	"sitrep"
	"sitrep/internal/gazetteer"
)

// runVersion prints the version, the JSON schemas it writes, and the
// credits the data licences ask for.
func runVersion(e *env, args []string) error {
	fs := flagSet(e, "version")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("version takes no arguments")
	}
	_, err := fmt.Fprintf(e.stdout, "sitrep %s (%s, %s/%s)\nschemas: %s, %s\n%s\n",
		Version, runtime.Version(), runtime.GOOS, runtime.GOARCH, sitrep.Schema, sitrep.AnnotateSchema, gazetteer.Credit)
	return writeErr(err)
}
