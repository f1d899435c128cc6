// Package worker takes documents from the extraction queue of a corpus
// kept in PostgreSQL, extracts them and commits the results: 'sitrep
// worker' runs it, on as many machines as there are, against one database.
//
// A worker claims a few jobs at a time under a lease it renews while it
// works, extracts them on every core, and commits them in one transaction
// that the queue fences by the claim's token (postgres.Queue). Extraction
// of the next batch goes on while the last one commits. A worker that dies
// loses nothing: its leases run out and another worker takes the jobs.
package worker

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"

	"sitrep"
	"sitrep/internal/extract"
	"sitrep/internal/store"
	"sitrep/internal/store/postgres"
)

// Queue is what a worker needs of the store: postgres.DB.
type Queue interface {
	Claim(ctx context.Context, worker string, n int, lease time.Duration) ([]postgres.Job, error)
	Renew(ctx context.Context, jobs []postgres.Job, lease time.Duration) (int, error)
	Complete(ctx context.Context, results []postgres.Result) ([]postgres.Job, error)
	Documents(ctx context.Context, ids []string) (map[string]store.Document, error)
	QueueStats(ctx context.Context) (postgres.QueueStats, error)
}

var _ Queue = (*postgres.DB)(nil)

// Defaults of Options, also the command's flag defaults. A batch is
// committed at once, and each commit holds the custody log: fewer, larger
// commits let more workers share one store.
const (
	DefaultBatch = 128
	DefaultLease = 30 * time.Second
)

// Options tune Run.
type Options struct {
	Name        string        // who holds the leases; default host:pid
	Batch       int           // jobs claimed at a time; default DefaultBatch
	Lease       time.Duration // how long a claim lasts unrenewed; default DefaultLease
	Poll        time.Duration // wait when no job is free; default 1s
	Workers     int           // extractions in parallel; default GOMAXPROCS
	MaxAttempts int           // claims after which a job fails for good; default 5
	// UntilEmpty returns once no job is open, instead of waiting for more.
	UntilEmpty bool
	// Progress, when set, is called after every commit.
	Progress func(Stats)
}

// Stats counts what a worker did.
type Stats struct {
	Committed int           `json:"committed"` // jobs whose results were committed
	Failed    int           `json:"failed"`    // jobs done without a result
	Lost      int           `json:"lost"`      // jobs whose lease another worker took over
	Events    int           `json:"events"`
	Claims    int           `json:"claims"`
	Elapsed   time.Duration `json:"elapsed_ns"`
	// Committing is the time spent in commits, waiting for the store's
	// single writer included: with Elapsed it says what limits a worker.
	Committing time.Duration `json:"committing_ns"`
}

func (o *Options) defaults() {
	if o.Name == "" {
		host, _ := os.Hostname()
		o.Name = fmt.Sprintf("%s:%d", host, os.Getpid())
	}
	if o.Batch <= 0 {
		o.Batch = DefaultBatch
	}
	if o.Lease <= 0 {
		o.Lease = DefaultLease
	}
	if o.Poll <= 0 {
		o.Poll = time.Second
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 5
	}
}

// held is the set of jobs under this worker's leases, renewed in the
// background until they are committed.
type held struct {
	mu   sync.Mutex
	jobs map[int64]postgres.Job
}

func (h *held) add(js []postgres.Job) {
	h.mu.Lock()
	for _, j := range js {
		h.jobs[j.Seq] = j
	}
	h.mu.Unlock()
}

func (h *held) drop(rs []postgres.Result) {
	h.mu.Lock()
	for _, r := range rs {
		delete(h.jobs, r.Seq)
	}
	h.mu.Unlock()
}

func (h *held) list() []postgres.Job {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]postgres.Job, 0, len(h.jobs))
	for _, j := range h.jobs {
		out = append(out, j)
	}
	return out
}

// Run works the queue until ctx ends (or, with UntilEmpty, until no job is
// open) or committing fails.
func Run(ctx context.Context, q Queue, x *extract.Extractor, opt Options) (Stats, error) {
	opt.defaults()
	start := time.Now()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	h := &held{jobs: map[int64]postgres.Job{}}
	go renew(ctx, q, h, opt.Lease)

	batches := make(chan []postgres.Result, 1)
	var claimErr error
	go func() {
		defer close(batches)
		claimErr = claimLoop(ctx, q, x, h, opt, batches)
	}()
	var s Stats
	var err error
	for rs := range batches {
		if err != nil {
			continue // drain; the leases of what is left run out
		}
		var lost []postgres.Job
		t0 := time.Now()
		lost, err = q.Complete(ctx, rs)
		s.Committing += time.Since(t0)
		h.drop(rs)
		if err != nil {
			cancel()
			continue
		}
		gone := map[int64]bool{}
		for _, j := range lost {
			gone[j.Seq] = true
		}
		for _, r := range rs {
			switch {
			case gone[r.Seq]:
				s.Lost++
			case r.Result == nil:
				s.Failed++
			default:
				s.Committed++
				s.Events += len(r.Result.Events)
				s.Claims += len(r.Result.Claims)
			}
		}
		s.Elapsed = time.Since(start)
		if opt.Progress != nil {
			opt.Progress(s)
		}
	}
	s.Elapsed = time.Since(start)
	if err != nil {
		return s, fmt.Errorf("worker: commit: %w", err)
	}
	if claimErr != nil && ctx.Err() == nil {
		return s, fmt.Errorf("worker: %w", claimErr)
	}
	return s, nil
}

// renew extends the leases of the held jobs three times a lease.
func renew(ctx context.Context, q Queue, h *held, lease time.Duration) {
	t := time.NewTicker(lease / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if js := h.list(); len(js) > 0 {
				// A failed renewal is not fatal: the commit's fence decides.
				q.Renew(ctx, js, lease)
			}
		}
	}
}

// claimLoop claims batches, extracts them and hands them to the committer.
func claimLoop(ctx context.Context, q Queue, x *extract.Extractor, h *held, opt Options, out chan<- []postgres.Result) error {
	for ctx.Err() == nil {
		jobs, err := q.Claim(ctx, opt.Name, opt.Batch, opt.Lease)
		if err != nil {
			return err
		}
		if len(jobs) == 0 {
			if opt.UntilEmpty {
				st, err := q.QueueStats(ctx)
				if err != nil {
					return err
				}
				if st.Open == 0 {
					return nil
				}
			}
			select {
			case <-ctx.Done():
			case <-time.After(opt.Poll):
			}
			continue
		}
		h.add(jobs)
		rs, err := work(ctx, q, x, jobs, opt)
		if err != nil {
			return err
		}
		select {
		case out <- rs:
		case <-ctx.Done():
		}
	}
	return nil
}

// work extracts the documents of jobs on opt.Workers goroutines.
func work(ctx context.Context, q Queue, x *extract.Extractor, jobs []postgres.Job, opt Options) ([]postgres.Result, error) {
	ids := make([]string, len(jobs))
	for i, j := range jobs {
		ids[i] = j.DocID
	}
	docs, err := q.Documents(ctx, ids)
	if err != nil {
		return nil, err
	}
	rs := make([]postgres.Result, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(opt.Workers, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				rs[i] = one(x, jobs[i], docs, opt.MaxAttempts)
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return rs, nil
}

// one extracts one job's document; a job that cannot be done fails with
// the reason.
func one(x *extract.Extractor, j postgres.Job, docs map[string]store.Document, maxAttempts int) (r postgres.Result) {
	r = postgres.Result{Job: j, ExtractorVersion: extract.Version}
	if j.Attempts > maxAttempts {
		r.Err = fmt.Sprintf("gave up after %d claims: each worker that held it stopped before committing", j.Attempts-1)
		return r
	}
	d, ok := docs[j.DocID]
	if !ok {
		r.Err = "the document is not in the store"
		return r
	}
	defer func() {
		if p := recover(); p != nil {
			r.Result, r.Err = nil, fmt.Sprintf("extraction failed: %v", p)
		}
	}()
	r.Result = x.Extract(sitrep.Document{Text: d.Text, Published: d.Published, Title: d.Title, Source: d.Outlet, URL: d.URL})
	return r
}
