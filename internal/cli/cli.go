// Package cli is the sitrep command line: global flags, then one file per
// subcommand. Run is what main calls and what the tests call; it returns
// errors (with a kind, see internal/errs) and never exits or logs.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"

	"sitrep/internal/errs"
	"sitrep/internal/extract"
	"sitrep/internal/store/postgres"
)

// Version of the program; set at build time with
// -ldflags "-X sitrep/internal/cli.Version=…".
var Version = "0.1.0-dev"

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1 // something went wrong while working
	ExitUsage   = 2 // the command line is wrong
	ExitInput   = 3 // the input is not a readable document
)

// ExitCode prints err (if any) on stderr and maps its kind to the process
// exit code. A request for help is not an error.
func ExitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	fmt.Fprintf(stderr, "sitrep: %v\n", err)
	switch errs.KindOf(err) {
	case errs.Usage:
		return ExitUsage
	case errs.Invalid, errs.NotExist:
		return ExitInput
	}
	return ExitFailure
}

// env holds what every command shares.
type env struct {
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer
	dataDir        string
	actorsFile     string
	// readOnly: --read-only was given, or the data directory cannot be
	// written (read-only media): commands read the store and never write.
	readOnly bool
}

// usagef is a usage error: the command line is wrong.
func usagef(format string, args ...any) error {
	return errs.E(errs.Usage, fmt.Sprintf(format, args...))
}

// DefaultDataDir is where sitrep keeps its state when neither --data nor
// $SITREP_DATA names a directory: $XDG_DATA_HOME/sitrep, else
// ~/.local/share/sitrep (the XDG default, used on every system so the
// place is the same wherever the tool runs), else ./sitrep-data when no
// home directory is known.
func DefaultDataDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "sitrep")
	}
	if h, err := os.UserHomeDir(); err == nil && h != "" {
		return filepath.Join(h, ".local", "share", "sitrep")
	}
	return "sitrep-data"
}

// command returns the function that runs the named subcommand. (A switch,
// not a map, because help refers back to the list.)
func command(name string) (func(*env, []string) error, bool) {
	switch name {
	case "extract":
		return runExtract, true
	case "annotate":
		return runAnnotate, true
	case "ingest":
		return runIngest, true
	case "events":
		return runEvents, true
	case "incidents":
		return runIncidents, true
	case "show":
		return runShow, true
	case "claims":
		return runClaims, true
	case "actors":
		return runActors, true
	case "search":
		return runSearch, true
	case "graph":
		return runGraph, true
	case "export":
		return runExport, true
	case "merge":
		return runMerge, true
	case "split":
		return runSplit, true
	case "reextract":
		return runReextract, true
	case "verify":
		return runVerify, true
	case "migrate":
		return runMigrate, true
	case "worker":
		return runWorker, true
	case "checkpoint":
		return runCheckpoint, true
	case "serve":
		return runServe, true
	case "user":
		return runUser, true
	case "gazetteer":
		return runGazetteer, true
	case "version":
		return runVersion, true
	case "help":
		return runHelp, true
	}
	return nil, false
}

// Run runs the command line args (without the program name).
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, dataDir: os.Getenv("SITREP_DATA")}
	if e.dataDir == "" {
		e.dataDir = DefaultDataDir()
	}
	fs := flag.NewFlagSet("sitrep", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { printUsage(stderr) }
	fs.StringVar(&e.dataDir, "data", e.dataDir, "data directory, or PostgreSQL URL postgres://USER@HOST:PORT/DB")
	fs.StringVar(&e.actorsFile, "actors", "", "extra actor knowledge file")
	fs.BoolVar(&e.readOnly, "read-only", false, "never write the data directory (a store on read-only media is detected without it)")
	showVersion := fs.Bool("version", false, "print the version")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the command to this file (go tool pprof reads it)")
	memProfile := fs.String("memprofile", "", "write a heap profile of the command to this file: what it allocated, and what it held at its end")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errs.E(errs.Usage, err)
	}
	if *showVersion {
		return runVersion(e, nil)
	}
	if fs.NArg() == 0 {
		printUsage(stderr)
		return usagef("no command given")
	}
	name, rest := fs.Arg(0), fs.Args()[1:]
	cmd, ok := command(name)
	if !ok {
		printUsage(stderr)
		return usagef("unknown command %q (run 'sitrep help')", name)
	}
	if e.readOnly && writes(name, rest) {
		return usagef("--read-only: %s writes to the data directory", name)
	}
	if BatchTuning != nil && batchCommand(name) {
		BatchTuning()
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return errs.E(errs.IO, fmt.Errorf("--cpuprofile: %w", err))
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return errs.E(errs.IO, fmt.Errorf("--cpuprofile: %w", err))
		}
		defer pprof.StopCPUProfile()
	}
	if *memProfile != "" {
		f, err := os.Create(*memProfile)
		if err != nil {
			return errs.E(errs.IO, fmt.Errorf("--memprofile: %w", err))
		}
		defer f.Close()
		// Written when the command is done: allocations are counted
		// from the start, what is held as of the last collection.
		defer pprof.Lookup("allocs").WriteTo(f, 0)
	}
	return cmd(e, rest)
}

// BatchTuning, when set, is called before a batch command runs: the
// program sets it (memtune.ForBatch) to trade memory for time; the tests,
// which run commands in their own process, leave it unset.
var BatchTuning func()

// batchCommand reports the commands that read or consolidate many documents in
// one run.
func batchCommand(name string) bool {
	switch name {
	case "extract", "ingest", "reextract", "migrate", "worker":
		return true
	}
	return false
}

// writes reports whether a command changes the data directory.
func writes(name string, args []string) bool {
	switch name {
	case "ingest", "merge", "split", "reextract", "worker":
		return true
	case "user", "gazetteer":
		return len(args) > 0 && (args[0] == "add" || args[0] == "import")
	}
	return false
}

// onReadOnlyMedia reports whether dir exists but cannot take a new file,
// as a data directory on read-only media (or not this user's) cannot.
func onReadOnlyMedia(dir string) bool {
	if _, err := os.Stat(dir); err != nil {
		return false
	}
	f, err := os.CreateTemp(dir, ".sitrep-probe-*")
	if err != nil {
		return true
	}
	f.Close()
	os.Remove(f.Name())
	return false
}

// actorsPath is the user's actor knowledge: --actors, else actors.txt in
// the data directory when there is one.
func (e *env) actorsPath() string {
	if e.actorsFile != "" {
		return e.actorsFile
	}
	p := filepath.Join(e.localDir(), "actors.txt")
	if st, err := os.Stat(p); err == nil && !st.IsDir() {
		return p
	}
	return ""
}

// flagSet makes a subcommand's flag set; its usage is the command's help.
func flagSet(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() { printCommandUsage(e.stderr, fs) }
	return fs
}

// parseFlags parses a subcommand's arguments, allowing flags after the
// file name ("extract FILE --format json"), which people type.
func parseFlags(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return errs.E(errs.Usage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	// Parse the collected positional arguments after "--" so that fs.Args
	// returns them; they cannot be taken for flags any more.
	return fs.Parse(append([]string{"--"}, pos...))
}

// extractOptions is the knowledge every extracting command loads: the
// user's actors file and the places imported into the data directory.
func (e *env) extractOptions() extract.Options {
	return extract.Options{ActorsFile: e.actorsPath(), DataDir: e.localDir()}
}

// localDir is the directory of this machine's own files (imported places,
// actors.txt, the custody signing key): the data directory, or when the
// corpus is in PostgreSQL, the default data directory.
func (e *env) localDir() string {
	if postgres.IsURL(e.dataDir) {
		return DefaultDataDir()
	}
	return e.dataDir
}

// where names the corpus for messages, without a password.
func (e *env) where() string { return location(e.dataDir) }

func location(s string) string {
	if postgres.IsURL(s) {
		return postgres.Redact(s)
	}
	return s
}
