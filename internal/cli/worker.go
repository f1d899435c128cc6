package cli

import (
	"fmt"
	"os/signal"
	"syscall"
	"time"

	"sitrep/internal/errs"
	"sitrep/internal/extract"
	"sitrep/internal/store/postgres"
	"sitrep/internal/worker"
)

// runWorker extracts documents queued by 'ingest --queue' until stopped.
func runWorker(e *env, args []string) error {
	fs := flagSet(e, "worker")
	name := fs.String("name", "", "who holds the leases, in the queue's records (default: host:pid)")
	batch := fs.Int("batch", worker.DefaultBatch, "jobs claimed and committed at a time (each commit holds the custody log; fewer, larger commits scale better)")
	lease := fs.Duration("lease", worker.DefaultLease, "how long a claim lasts unless renewed; a dead worker's jobs wait this long")
	workers := fs.Int("workers", 0, "extractions in parallel (default: one per CPU)")
	untilEmpty := fs.Bool("until-empty", false, "stop once no job is open, instead of waiting for more")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usagef("worker: no arguments; the queue is the database's (--data postgres://…)")
	}
	if !postgres.IsURL(e.dataDir) {
		return usagef("worker: the queue lives in PostgreSQL: give --data postgres://USER@HOST:PORT/DB")
	}
	if *batch < 1 || *lease < time.Second {
		return usagef("worker: --batch must be at least 1 and --lease at least 1s")
	}
	x, err := extract.New(e.extractOptions())
	if err != nil {
		return errs.E(errs.Op("worker"), err)
	}
	db, err := postgres.Open(e.ctx, e.dataDir, postgres.Options{})
	if err != nil {
		return storeErr("worker", e.dataDir, err)
	}
	defer db.Close()
	ctx, stop := signal.NotifyContext(e.ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	p := newProgress(e.stderr)
	s, err := worker.Run(ctx, db, x, worker.Options{Name: *name, Batch: *batch, Lease: *lease, Workers: *workers, UntilEmpty: *untilEmpty,
		Progress: func(s worker.Stats) {
			p.status(fmt.Sprintf("%d committed (%.0f/s), %d failed, %d taken over", s.Committed,
				float64(s.Committed)/max(s.Elapsed.Seconds(), 1e-9), s.Failed, s.Lost))
		}})
	p.finish()
	fmt.Fprintf(e.stderr, "worker: %d documents committed in %s (%.0f/s; %s of it committing), %d failed, %d taken over by another worker; %d events, %d claims\n",
		s.Committed, s.Elapsed.Round(time.Millisecond), float64(s.Committed)/max(s.Elapsed.Seconds(), 1e-9), s.Committing.Round(time.Millisecond),
		s.Failed, s.Lost, s.Events, s.Claims)
	if err != nil {
		return storeErr("worker", e.dataDir, err)
	}
	return nil
}
