package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"sitrep"
	"sitrep/internal/consolidate"
	"sitrep/internal/store"
)

// The extraction queue. 'ingest --queue' stores originals and their text
// and enqueues the documents (Enqueue); workers on any machine take a few
// at a time (Claim: FOR UPDATE SKIP LOCKED, so that two never take the
// same), extract them and commit the results (Complete). A claim is a
// lease: a worker that dies stops renewing it, and once it runs out
// another worker takes the job. Every claim changes the job's token, and
// Complete commits a result only under the token of the current claim,
// in the same transaction that marks the job done: a worker whose lease
// was taken over cannot commit, and no document is committed twice.

// Job is a queued document a worker holds.
type Job struct {
	Seq      int64
	DocID    string
	Token    int64 // the claim's; Complete and Renew need it
	Attempts int   // claims so far, this one included
}

// Result is what a worker made of a job: the extraction, or why there is
// none.
type Result struct {
	Job
	Result           *sitrep.Result
	ExtractorVersion string
	Err              string // the job failed for good; Result is nil
}

// QueueStats counts the queue's jobs.
type QueueStats struct {
	Open    int64 `json:"open"`    // not done: waiting or held
	Held    int64 `json:"held"`    // under a lease now
	Done    int64 `json:"done"`    // results committed
	Failed  int64 `json:"failed"`  // done without a result
	Retried int64 `json:"retried"` // claimed more than once (a lease ran out)
}

// Enqueue stores items (originals, with their documents and no results)
// and enqueues every document among them that has no extraction result
// yet, in one transaction.
func (db *DB) Enqueue(ctx context.Context, items []store.Item) error {
	for i, it := range items {
		if it.Result != nil {
			return fmt.Errorf("postgres: enqueue: item %d has a result already: %w", i, store.ErrInvalid)
		}
	}
	return db.write(ctx, "enqueue", func(w *wtx) error {
		if _, err := w.session(); err != nil {
			return err
		}
		var ids []string
		for _, it := range items {
			if it.Document != nil {
				ids = append(ids, store.HashBytes(it.Raw))
			}
		}
		if err := w.putBatch(items); err != nil {
			return err
		}
		if err := w.flushCopies(); err != nil {
			return err
		}
		return w.exec(`INSERT INTO jobs (doc_id) SELECT d.id FROM documents d
			WHERE d.id = ANY($1) AND NOT EXISTS (SELECT 1 FROM derived x WHERE x.doc_rowid = d.rowid)
			ON CONFLICT (doc_id) DO NOTHING`, ids)
	})
}

// Claim leases up to n open jobs whose lease has run out (or that were
// never claimed) to worker, oldest first.
func (db *DB) Claim(ctx context.Context, worker string, n int, lease time.Duration) ([]Job, error) {
	if err := db.check(); err != nil {
		return nil, err
	}
	var out []Job
	err := each(ctx, db.pool, `UPDATE jobs j SET lease_until = now() + $3 * interval '1 millisecond', worker = $1,
			token = j.token + 1, attempts = j.attempts + 1
		FROM (SELECT seq FROM jobs WHERE done_at IS NULL AND lease_until < now() ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED) s
		WHERE j.seq = s.seq RETURNING j.seq, j.doc_id, j.token, j.attempts`,
		[]any{worker, n, lease.Milliseconds()}, func(rows pgx.Rows) error {
			var j Job
			if err := rows.Scan(&j.Seq, &j.DocID, &j.Token, &j.Attempts); err != nil {
				return err
			}
			out = append(out, j)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("postgres: claim: %w", classify(err))
	}
	return out, nil
}

// Renew extends the leases of jobs still held under their claims; it
// returns how many were.
func (db *DB) Renew(ctx context.Context, jobs []Job, lease time.Duration) (int, error) {
	if err := db.check(); err != nil {
		return 0, err
	}
	seqs, tokens := jobKeys(jobs)
	// A job locked by a commit in progress is left alone (SKIP LOCKED):
	// it is being finished, and waiting for it could deadlock.
	tag, err := db.pool.Exec(ctx, `UPDATE jobs SET lease_until = now() + $3 * interval '1 millisecond'
		FROM unnest($1::bigint[], $2::bigint[]) AS x(seq, token)
		WHERE jobs.seq = x.seq AND jobs.token = x.token AND jobs.seq IN (
			SELECT seq FROM jobs WHERE seq = ANY($1) AND done_at IS NULL ORDER BY seq FOR UPDATE SKIP LOCKED)`,
		seqs, tokens, lease.Milliseconds())
	if err != nil {
		return 0, fmt.Errorf("postgres: renew: %w", classify(err))
	}
	return int(tag.RowsAffected()), nil
}

func jobKeys(jobs []Job) (seqs, tokens []int64) {
	for _, j := range jobs {
		seqs, tokens = append(seqs, j.Seq), append(tokens, j.Token)
	}
	return seqs, tokens
}

// Complete commits, in one transaction, the results of the jobs still
// held under their claims, and marks those jobs done. It returns the jobs
// whose claim was lost (the lease ran out and another worker took them, or
// finished them): their results are dropped.
func (db *DB) Complete(ctx context.Context, results []Result) (lost []Job, err error) {
	err = db.write(ctx, "complete jobs", func(w *wtx) error {
		if _, err := w.session(); err != nil {
			return err
		}
		lost = nil
		seqs, tokens := jobKeys(jobsOf(results))
		errs := make([]string, len(results))
		for i, r := range results {
			errs[i] = r.Err
		}
		held := map[int64]bool{}
		// Rows are locked in one order (by seq), so that two commits
		// never wait for each other.
		err := each(w.ctx, w.tx, `UPDATE jobs SET done_at = now(), lease_until = 'infinity', error = x.err
			FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS x(seq, token, err)
			WHERE jobs.seq = x.seq AND jobs.token = x.token AND jobs.seq IN (
				SELECT seq FROM jobs WHERE seq = ANY($1) AND done_at IS NULL ORDER BY seq FOR UPDATE)
			RETURNING jobs.seq`,
			[]any{seqs, tokens, errs}, func(rows pgx.Rows) error {
				var s int64
				if err := rows.Scan(&s); err != nil {
					return err
				}
				held[s] = true
				return nil
			})
		if err != nil {
			return fmt.Errorf("jobs: %w", err)
		}
		var ids []string
		var rs []*sitrep.Result
		for _, r := range results {
			if !held[r.Seq] {
				lost = append(lost, r.Job)
			} else if r.Result != nil {
				ids, rs = append(ids, r.DocID), append(rs, r.Result)
			}
		}
		docs, err := w.lookupDocuments(ids)
		if err != nil {
			return err
		}
		if err := w.prefetch(rs); err != nil {
			return err
		}
		var place []consolidate.DocEvents
		for _, r := range results {
			if s, ok := docs[r.DocID]; ok && held[r.Seq] && r.Result != nil {
				place = append(place, consolidate.DocEvents{ID: r.DocID, Published: s.d.Published, Events: r.Result.Events, New: !s.hasDerived})
			}
		}
		if err := w.prefetchViews(place, nil); err != nil {
			return err
		}
		for _, r := range results {
			if !held[r.Seq] || r.Result == nil {
				continue
			}
			s, ok := docs[r.DocID]
			if !ok {
				return fmt.Errorf("job %d: document %s: %w", r.Seq, r.DocID, store.ErrNotFound)
			}
			if err := w.replaceDerived(s, *r.Result, r.ExtractorVersion); err != nil {
				return fmt.Errorf("job %d: %w", r.Seq, err)
			}
		}
		return nil
	})
	return lost, err
}

func jobsOf(rs []Result) []Job {
	out := make([]Job, len(rs))
	for i, r := range rs {
		out[i] = r.Job
	}
	return out
}

// Documents reads the documents of jobs, with their text.
func (db *DB) Documents(ctx context.Context, ids []string) (map[string]store.Document, error) {
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	out := make(map[string]store.Document, len(ids))
	err = each(ctx, q, "SELECT "+documentCols+", documents.text FROM documents WHERE id = ANY($1)", []any{ids}, func(rows pgx.Rows) error {
		var rowid int64
		d, err := scanDocument(rows, &rowid, true)
		if err != nil {
			return err
		}
		out[d.ID] = d
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: documents: %w", classify(err))
	}
	return out, nil
}

// QueueStats counts the jobs.
func (db *DB) QueueStats(ctx context.Context) (QueueStats, error) {
	q, err := db.reader()
	if err != nil {
		return QueueStats{}, err
	}
	var s QueueStats
	err = q.QueryRow(ctx, `SELECT COUNT(*) FILTER (WHERE done_at IS NULL),
		COUNT(*) FILTER (WHERE done_at IS NULL AND lease_until > now()),
		COUNT(*) FILTER (WHERE done_at IS NOT NULL),
		COUNT(*) FILTER (WHERE done_at IS NOT NULL AND error <> ''),
		COUNT(*) FILTER (WHERE attempts > 1) FROM jobs`).Scan(&s.Open, &s.Held, &s.Done, &s.Failed, &s.Retried)
	if errors.Is(err, pgx.ErrNoRows) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("postgres: queue: %w", classify(err))
	}
	return s, nil
}
