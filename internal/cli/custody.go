package cli

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"sitrep/internal/custody"
	"sitrep/internal/errs"
)

// runVerify recomputes every hash the custody log commits to and, given a
// checkpoint kept elsewhere, proves the log only grew since.
func runVerify(e *env, args []string) error {
	fs := flagSet(e, "verify")
	checkpoint := fs.String("checkpoint", "", "a checkpoint file printed earlier by 'sitrep checkpoint'")
	key := fs.String("key", "", "the verifier key to check the checkpoint with, when the one beside the store is not trusted (custody.pub)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := openStore(e)
	if err != nil {
		return err
	}
	defer db.Close()
	l := custody.New(db, e.localDir())
	rep, err := l.Verify(e.ctx)
	if err != nil && len(rep.Problems) == 0 {
		return storeErr("verify", e.dataDir, err)
	}
	fmt.Fprintf(e.stdout, "log: %s\nchecked %d originals (%d bytes), %d documents, %d extraction results (%d replaced ones kept), %d copy links, %d edits, %d incident decisions\n",
		rep.Tree, rep.Originals, rep.Bytes, rep.Documents, rep.Derived, rep.Superseded, rep.Links, rep.Edits, rep.Decisions)
	indexes := ""
	if rep.Indexes {
		indexes = ", and the filter columns, join tables and full-text indexes derived from them"
	}
	fmt.Fprintf(e.stdout, "recomputed from them and compared: %d events, %d claims, %d actors, %d incidents, %d redirects of merged or split incidents, %d documents' framing counts, %d claim edges, %d violence edges and actors' incident counts, %d actors' incident and claim counts%s\n",
		rep.Events, rep.Claims, rep.Actors, rep.Incidents, rep.Redirects, rep.Framing, rep.Edges, rep.Violence, rep.Figures, indexes)
	for _, n := range rep.Notes {
		fmt.Fprintf(e.stdout, "note: %s\n", n)
	}
	if len(rep.Problems) > 0 {
		fmt.Fprintf(e.stdout, "FAILED: %d problems; the first:\n  %v\n", len(rep.Problems), rep.Problems[0])
		for _, p := range rep.Problems[1:] {
			fmt.Fprintf(e.stdout, "  %v\n", p)
		}
		return errs.E(errs.Op("verify"), errs.Invalid, rep.Problems[0])
	}
	if *checkpoint != "" {
		old, err := os.ReadFile(*checkpoint)
		if err != nil {
			return errs.E(errs.Op("verify"), errs.Path(*checkpoint), err)
		}
		var t custody.Tree
		if *key != "" {
			vkey, kerr := os.ReadFile(*key)
			if kerr != nil {
				return errs.E(errs.Op("verify"), errs.Path(*key), kerr)
			}
			t, err = l.VerifyCheckpointWith(e.ctx, old, strings.TrimSpace(string(vkey)))
		} else {
			t, err = l.VerifyCheckpoint(e.ctx, old)
		}
		if err != nil {
			kind := errs.IO
			if errors.Is(err, custody.ErrInconsistent) || errors.Is(err, custody.ErrBadSignature) {
				kind = errs.Invalid
			}
			fmt.Fprintf(e.stdout, "FAILED: checkpoint %s: %v\n", *checkpoint, err)
			return errs.E(errs.Op("verify"), errs.Path(*checkpoint), kind, err)
		}
		fmt.Fprintf(e.stdout, "checkpoint %s: the log has only grown since (now %s)\n", *checkpoint, t)
	}
	fmt.Fprintln(e.stdout, "OK")
	return nil
}

// runCheckpoint prints a signed tree head to keep outside the data
// directory.
func runCheckpoint(e *env, args []string) error {
	fs := flagSet(e, "checkpoint")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := openStore(e)
	if err != nil {
		return err
	}
	defer db.Close()
	l := custody.New(db, e.localDir())
	cp, err := l.Checkpoint(e.ctx)
	if err != nil {
		return storeErr("checkpoint", e.dataDir, err)
	}
	_, err = e.stdout.Write(cp)
	return err
}
