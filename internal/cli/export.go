package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"sitrep/internal/errs"
	"sitrep/internal/export"
	"sitrep/internal/store"
)

func runExport(e *env, args []string) error {
	fs := flagSet(e, "export")
	var f eventFlags
	f.register(fs, 0)
	format := fs.String("format", "csv", "csv (ACLED-like columns), jsonl (events and claims), geojson (events with coordinates), graphml (actor network with claim edges) or framing (CSV: the labels each source uses for each actor)")
	out := fs.String("out", "-", "file to write (- for standard output); written to a temporary file and renamed when complete")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usagef("export takes no arguments, only flags")
	}
	ef, err := f.filter()
	if err != nil {
		return err
	}
	switch *format {
	case "csv", "jsonl", "geojson", "graphml":
	case "framing":
		return exportFraming(e, *out)
	default:
		return usagef("--format is csv, jsonl, geojson, graphml or framing, not %q", *format)
	}
	db, err := openStore(e)
	if err != nil {
		return err
	}
	defer db.Close()
	return writeOut(e, *out, func(w io.Writer) error {
		switch *format {
		case "csv":
			c := export.NewCSV(w)
			if err := db.ScanEvents(e.ctx, ef, c.Write); err != nil {
				return err
			}
			return c.Close()
		case "geojson":
			g := export.NewGeoJSON(w)
			if err := db.ScanEvents(e.ctx, ef, g.Write); err != nil {
				return err
			}
			return g.Close()
		case "jsonl":
			j := export.NewJSONL(w)
			if err := db.ScanEvents(e.ctx, ef, j.WriteEvent); err != nil {
				return err
			}
			if err := db.ScanClaims(e.ctx, store.ClaimFilter{Since: f.since, Until: f.until, Actor: f.actor, Language: f.language}, j.WriteClaim); err != nil {
				return err
			}
			return j.Close()
		default:
			g := export.NewGraphML(w)
			as, err := db.Actors(e.ctx, store.ActorFilter{Limit: 1 << 30})
			if err != nil {
				return err
			}
			for _, a := range as {
				if err := g.AddActor(a); err != nil {
					return err
				}
			}
			if err := db.ScanClaims(e.ctx, store.ClaimFilter{Since: f.since, Until: f.until, Actor: f.actor, Language: f.language}, g.AddClaim); err != nil {
				return err
			}
			return g.Close()
		}
	})
}

// writeOut runs write on standard output, or on a temporary file beside
// path that replaces path only when write succeeded: a failed export never
// leaves a half-written file under the name asked for.
func writeOut(e *env, path string, write func(io.Writer) error) error {
	if path == "-" {
		bw := bufio.NewWriter(e.stdout)
		if err := write(bw); err != nil {
			return storeErr("export", "standard output", err)
		}
		return bw.Flush()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return errs.E(errs.Op("export"), errs.Path(path), errs.IO, err)
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return storeErr("export", path, err)
	}
	fmt.Fprintf(e.stderr, "wrote %s\n", path)
	return nil
}

// exportFraming writes, per source and actor, each label the source used
// for the actor, with the number of its documents using it.
func exportFraming(e *env, out string) error {
	c, err := openCorpus(e, true)
	if err != nil {
		return err
	}
	defer c.Close()
	counts, err := c.Framing(e.ctx)
	if err != nil {
		return storeErr("export", e.dataDir, err)
	}
	return writeOut(e, out, func(w io.Writer) error {
		t := export.NewTable(w)
		t.Write([]string{"source", "actor_id", "label", "documents", "uses"})
		for _, f := range counts {
			t.Write([]string{f.Source, f.ActorID, f.Label, strconv.Itoa(f.Documents), strconv.Itoa(f.Uses)})
		}
		return t.Flush()
	})
}
