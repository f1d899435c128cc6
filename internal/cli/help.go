package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

const usageText = `usage: sitrep [--data DIR] [--actors FILE] COMMAND [flags] [FILE|-]

Commands:
  extract    read one article, or a JSON Lines batch, and print its incidents,
             claims, actors and places (sitrep/v1)
  annotate   print what the readers recognised: dates, numbers, actors, places
  gazetteer  import a GeoNames dump into the data directory so villages resolve:
             sitrep gazetteer import PK.zip [--alternates alternateNamesV2.zip];
             sitrep gazetteer list
  version    print the version and data credits
  help       print this, or a command's flags: sitrep help extract

Global flags (before the command):
  --data DIR      where sitrep keeps its state for later commands
                  (default $SITREP_DATA, else %s)
  --actors FILE   extra actor knowledge, in the format of internal/actors/data/actors.txt
                  (default: actors.txt in the data directory, when there is one)
  --version       print the version

Exit codes: 0 success, 1 failure while working, 2 wrong command line,
3 input that is not a readable document.
`

// synopses are the first lines of each command's help.
var synopses = map[string]string{
	"extract": `usage: sitrep extract [--format json|text] [--published YYYY-MM-DD] [--title T] [--source S] [--url U] FILE|-
       sitrep extract --format json --out DIR DOCS.jsonl[.gz]|-

Prints the incidents, claims, actors and places of one article (FILE, or - for
standard input). With --out, reads one JSON document a line,
{"id","text","published","title","source","url"}, and writes DIR/<id>.json for
each, on every core; bad lines are reported by number and skipped.
`,
	"annotate": `usage: sitrep annotate [--format json] [--published YYYY-MM-DD] FILE|-
       sitrep annotate --format json --out DIR DOCS.jsonl[.gz]|-

Prints what the readers recognised in one article, with byte offsets: dates,
numbers, actors, places (sitrep-annotate/v1). --out works as for extract.
`,
	"gazetteer": `usage: sitrep gazetteer import [--alternates FILE] [--countries PK,AF] [--name NAME] FILE
       sitrep gazetteer list

import loads a GeoNames table (allCountries.txt, a country file such as PK.txt,
plain or zipped) into DATA/gazetteer, streaming, with progress; later
extractions resolve the places it holds. Malformed rows are reported with their
line numbers and skipped. list prints the imported files.
`,
	"version": "usage: sitrep version\n\nPrints the version and the credits of the data sitrep ships.\n",
	"help":    "usage: sitrep help [COMMAND]\n",
}

func printUsage(w io.Writer) { fmt.Fprintf(w, usageText, DefaultDataDir()) }

func printCommandUsage(w io.Writer, fs *flag.FlagSet) {
	io.WriteString(w, synopses[fs.Name()])
	hasFlags := false
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		io.WriteString(w, "\nFlags:\n")
		fs.PrintDefaults()
	}
}

// runHelp prints the general usage, or a command's flags, on stdout: help
// that was asked for is output, not an error.
func runHelp(e *env, args []string) error {
	if len(args) == 0 {
		printUsage(e.stdout)
		return nil
	}
	cmd, ok := command(args[0])
	if !ok || args[0] == "help" {
		if ok {
			io.WriteString(e.stdout, synopses["help"])
			return nil
		}
		printUsage(e.stderr)
		return usagef("unknown command %q", args[0])
	}
	// A command asked for -h prints its usage (to stderr, as the flag
	// package does) and returns flag.ErrHelp; show it on stdout instead.
	sub := *e
	sub.stderr = e.stdout
	if err := cmd(&sub, []string{"-h"}); !errors.Is(err, flag.ErrHelp) {
		return err
	}
	return nil
}
