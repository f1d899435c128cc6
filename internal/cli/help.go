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
  ingest     store files, folders, feeds, WARC archives or JSON Lines in the
             data directory: originals kept byte for byte, extracted, indexed
  events     list stored events, filtered (--type --since --until --place
             --near --actor --text), as a table, JSON Lines or CSV
  incidents  list incidents: the events of all reports of one real event
  show       an event's dossier (sources, figures, evidence, hashes) or an incident
  claims     list claims: who alleges what about whom
  actors     list actors across documents; 'actors ID' shows one with its framing
  search     full-text search over documents, ranked, with snippets
  graph      the claim graph: relations alleged, by whom, how often (text, json, graphml)
  export     events as CSV (ACLED-like), JSON Lines, GeoJSON; actors as GraphML
  merge      put two incidents together (kept across re-extraction)
  split      take one report out of an incident (kept across re-extraction)
  reextract  read stored documents again with the current rules
  verify     recompute the custody log, every hash and every row shown; check a checkpoint
  checkpoint print a signed checkpoint of the custody log to keep elsewhere
  migrate    copy the data directory's corpus into PostgreSQL: migrate --to postgres://…
  worker     extract the documents 'ingest --queue' left in a PostgreSQL corpus;
             run any number, on any machines
  serve      the web interface and JSON API (127.0.0.1:8080; --addr to change;
             --tls-cert/--tls-key for HTTPS)
  user       local accounts for serve: user add NAME --role viewer|editor|admin; user list
  gazetteer  import a GeoNames dump into the data directory so villages resolve:
             sitrep gazetteer import PK.zip [--alternates alternateNamesV2.zip];
             sitrep gazetteer list
  version    print the version and data credits
  help       print this, or a command's flags: sitrep help extract

Global flags (before the command):
  --data DIR      where sitrep keeps its state for later commands
                  (default $SITREP_DATA, else %s);
                  or a PostgreSQL database, postgres://USER@HOST:PORT/DB
  --actors FILE   extra actor knowledge, in the format of internal/actors/data/actors.txt
                  (default: actors.txt in the data directory, when there is one)
  --read-only     never write the data directory (read-only media are detected
                  without it): commands that write are refused, serve serves read-only
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
	"ingest": `usage: sitrep ingest [--workers N] [--max-bytes N] [--fetch] [-v] PATH... | -

Stores every input in the data directory: the original byte for byte
(addressed by SHA-256, registered in the custody log), its text and what was
extracted from it. PATH is a text, HTML, RSS/Atom, WARC (.warc, .warc.gz) or
JSON Lines file (gzip allowed), a folder (read recursively), a feed URL with
--fetch, or - for standard input. Exact duplicates are stored once; near copies
of a story already stored are linked to it. A progress line shows on a terminal;
a summary (new, duplicate, failed with reasons) ends the run. With -v, each
document is printed once it is durably stored.
`,
	"events":     "usage: sitrep events [filters] [--format table|json|csv]\n\nLists stored events, newest first, with analyst edits applied.\n",
	"incidents":  "usage: sitrep incidents [filters] [--format table|json]\n\nLists incidents, newest first: each is every report of one real event, with\nthe figures across reports as low/best/high.\n",
	"show":       "usage: sitrep show EVENT-KEY|INCIDENT-ID [--format text|json]\n\nPrints an event's dossier: each source with its figures and evidence sentences,\nthe original's hash and capture time, the review history; or an incident with\nits reports and why each joined.\n",
	"claims":     "usage: sitrep claims [--speaker S] [--relation R] [--actor A] [--text Q] [--since D] [--until D] [--format table|json]\n",
	"actors":     "usage: sitrep actors [--name N] [--type T] [--format table|json] [ID]\n\nLists actors by mentions; with an ID, prints that actor across documents and the\nlabels each source uses for it.\n",
	"search":     "usage: sitrep search [--limit N] [--format text|json] QUERY\n\nRanked full-text search over the stored documents; matches are [bracketed].\n",
	"graph":      "usage: sitrep graph [--format text|json|graphml] [--out FILE]\n\nPrints the claim graph: for each pair of actors, the relations alleged, by whom,\nin how many documents, first and last seen; then the contradictions.\n",
	"export":     "usage: sitrep export [filters] [--format csv|jsonl|geojson|graphml] [--out FILE]\n\nColumns are documented in internal/export/COLUMNS.md.\n",
	"merge":      "usage: sitrep merge INCIDENT INCIDENT\n\nThe decision is stored with who took it ($SITREP_USER or the login name).\n",
	"split":      "usage: sitrep split INCIDENT EVENT-KEY\n\nTakes one report out of an incident for good.\n",
	"migrate":    "usage: sitrep [--data DIR] migrate --to postgres://USER@HOST:PORT/DB\n\nCopies the corpus of the data directory into an empty PostgreSQL database (or goes on\nwith an unfinished copy of the same corpus), custody log byte for byte, then verifies the copy.\n",
	"worker":     "usage: sitrep --data postgres://USER@HOST:PORT/DB worker [--batch N] [--lease 30s] [--workers N] [--until-empty]\n\nTakes documents that 'ingest --queue' stored, a few at a time under a lease, extracts them and\ncommits the results. A worker that stops loses nothing: its leases run out and another takes the jobs.\n",
	"reextract":  "usage: sitrep reextract [--all]\n\nRebuilds what was derived from the stored documents with the current rules.\n",
	"verify":     "usage: sitrep verify [--checkpoint FILE [--key custody.pub]]\n\nRecomputes the custody log, every hash it commits to and every node of its\nMerkle tree; recomputes from the logged records the events, claims and actors\nthe store shows and checks its filter columns and full-text indexes against\nthem; compares the log with the heads journalled outside the database\n(custody.heads) to find commits a lost write-ahead log took; and names each\nmismatch. With a checkpoint, proves the log has only grown since.\n",
	"checkpoint": "usage: sitrep checkpoint > FILE\n\nPrints a signed checkpoint (size and root of the custody log) to keep outside the\ndata directory; check it later with 'sitrep verify --checkpoint FILE'.\n",
	"version":    "usage: sitrep version\n\nPrints the version and the credits of the data sitrep ships.\n",
	"help":       "usage: sitrep help [COMMAND]\n",
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
