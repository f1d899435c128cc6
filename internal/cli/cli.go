// Package cli is the sitrep command line: global flags, then one file per
// subcommand. Run is what main calls; tests call it too.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"sitrep/internal/gazetteer"
	"sitrep/internal/ingest"
)

// Version of the program; set at build time with -ldflags "-X sitrep/internal/cli.Version=…".
var Version = "0.1.0-dev"

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // something went wrong while working
	exitUsage   = 2 // the command line is wrong
	exitInput   = 3 // the input is not a readable document
)

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// ExitCode prints err (if any) and maps it to the process exit code.
func ExitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	fmt.Fprintf(stderr, "sitrep: %v\n", err)
	var u usageError
	switch {
	case errors.As(err, &u):
		return exitUsage
	case errors.Is(err, ingest.ErrInvalid), errors.Is(err, os.ErrNotExist):
		return exitInput
	}
	return exitFailure
}

// env holds what every command shares.
type env struct {
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer
	dataDir        string
	actorsFile     string
}

const usage = `usage: sitrep [--data DIR] [--actors FILE] COMMAND [flags] ...

Commands:
  extract    read one article (or a JSON Lines batch) and print its incidents, claims, actors and places
  annotate   print what the readers recognised: dates, numbers, actors, places
  version    print the version and data credits

Global flags:
  --data DIR      where sitrep keeps its state (default $SITREP_DATA, else %s)
  --actors FILE   extra actor knowledge in the format of internal/actors/data/actors.txt
                  (default: actors.txt in the data directory, when present)
  --version       print the version

Run 'sitrep COMMAND -h' for a command's flags.
`

// defaultDataDir is the per-user data directory.
func defaultDataDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "sitrep")
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".local", "share", "sitrep")
	}
	return "sitrep-data"
}

// Run runs the command line args.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, dataDir: os.Getenv("SITREP_DATA")}
	if e.dataDir == "" {
		e.dataDir = defaultDataDir()
	}
	fs := flag.NewFlagSet("sitrep", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintf(stderr, usage, defaultDataDir()) }
	fs.StringVar(&e.dataDir, "data", e.dataDir, "data directory")
	fs.StringVar(&e.actorsFile, "actors", "", "extra actor knowledge file")
	showVersion := fs.Bool("version", false, "print the version")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if *showVersion {
		return runVersion(e, nil)
	}
	rest := fs.Args()
	if len(rest) == 0 {
		fs.Usage()
		return usageError{"no command given"}
	}
	cmd, cargs := rest[0], rest[1:]
	switch cmd {
	case "extract":
		return runExtract(e, cargs, false)
	case "annotate":
		return runExtract(e, cargs, true)
	case "version":
		return runVersion(e, cargs)
	case "help":
		fs.Usage()
		return nil
	}
	fs.Usage()
	return usageError{fmt.Sprintf("unknown command %q", cmd)}
}

// actorsPath is the user's actor knowledge: --actors, else actors.txt in the
// data directory when there is one.
func (e *env) actorsPath() string {
	if e.actorsFile != "" {
		return e.actorsFile
	}
	p := filepath.Join(e.dataDir, "actors.txt")
	if st, err := os.Stat(p); err == nil && !st.IsDir() {
		return p
	}
	return ""
}

func runVersion(e *env, _ []string) error {
	fmt.Fprintf(e.stdout, "sitrep %s\n%s\n", Version, gazetteer.Credit)
	return nil
}

// flagSet makes a subcommand's flag set that reports usage errors as such.
func flagSet(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: sitrep %s %s\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	// flags may follow the file name: "extract FILE --format json"
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	return fs.Parse(append([]string{"--"}, pos...))
}

func oneOf(v string, allowed ...string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}
