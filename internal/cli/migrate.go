package cli

import (
	"fmt"

	"sitrep/internal/custody"
	"sitrep/internal/errs"
	"sitrep/internal/store/postgres"
)

// runMigrate copies the corpus of a data directory into PostgreSQL and
// verifies the copy against the custody log it brought along.
func runMigrate(e *env, args []string) error {
	fs := flagSet(e, "migrate")
	to := fs.String("to", "", "the PostgreSQL database to copy into: postgres://USER@HOST:PORT/DB (empty, or an unfinished copy of the same corpus)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !postgres.IsURL(*to) {
		return usagef("migrate: --to must be a PostgreSQL URL, postgres://USER@HOST:PORT/DB")
	}
	if fs.NArg() != 0 {
		return usagef("migrate: the corpus copied is the data directory (--data DIR); no other arguments")
	}
	if postgres.IsURL(e.dataDir) {
		return usagef("migrate: --data must be the data directory to copy, not a database")
	}
	src, err := openStore(e)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := postgres.Open(e.ctx, *to, postgres.Options{})
	if err != nil {
		return storeErr("migrate", *to, err)
	}
	defer dst.Close()
	p := newProgress(e.stderr)
	part := ""
	err = dst.Import(e.ctx, src, e.dataDir, func(ip postgres.ImportProgress) {
		if ip.Part != part && part != "" {
			p.finish()
			fmt.Fprintf(e.stderr, "migrate: %s copied\n", part)
		}
		part = ip.Part
		p.status(fmt.Sprintf("%s: %d of %d", ip.Part, ip.Done, ip.Total))
	})
	p.finish()
	if err != nil {
		return storeErr("migrate", *to, err)
	}
	fmt.Fprintf(e.stderr, "migrate: %s copied\n", part)
	rep, err := custody.New(dst, e.localDir()).Verify(e.ctx)
	if err != nil {
		if len(rep.Problems) > 0 {
			return errs.E(errs.Op("migrate"), errs.Invalid, fmt.Errorf("the copy does not verify: %w", rep.Problems[0]))
		}
		return storeErr("migrate", *to, err)
	}
	fmt.Fprintf(e.stdout, "copied %s into %s\nlog: %s\nverified %d originals (%d bytes), %d documents, %d extraction results, %d copy links, %d edits, %d incident decisions\n",
		e.dataDir, postgres.Redact(*to), rep.Tree, rep.Originals, rep.Bytes, rep.Documents, rep.Derived, rep.Links, rep.Edits, rep.Decisions)
	return nil
}
