package postgres_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"sitrep/internal/store"
	"sitrep/internal/store/postgres"
	"sitrep/internal/store/postgres/pgtest"
	"sitrep/internal/store/storetest"
)

// TestQueue: claims never overlap, a lease that ran out passes the job to
// another worker, and only the current claim can commit, once.
func TestQueue(t *testing.T) {
	ctx := context.Background()
	db, err := postgres.Open(ctx, pgtest.URL(t), postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	docs := storetest.Corpus()[:3]
	var items []store.Item
	for _, d := range docs {
		it := d.Item()
		it.Result = nil
		items = append(items, it)
	}
	if err := db.Enqueue(ctx, append(items, items[0])); err != nil {
		t.Fatalf("Enqueue: %v", err)
	}
	hour := time.Hour
	a, _ := db.Claim(ctx, "a", 2, hour)
	b, _ := db.Claim(ctx, "b", 2, hour)
	c, _ := db.Claim(ctx, "c", 2, hour)
	if len(a) != 2 || len(b) != 1 || len(c) != 0 || a[0].DocID != docs[0].ID() || b[0].DocID != docs[2].ID() {
		t.Fatalf("claims: a %v, b %v, c %v; want two, one, none, oldest first", a, b, c)
	}
	if n, err := db.Renew(ctx, a, hour); n != 2 || err != nil {
		t.Errorf("Renew = %d, %v", n, err)
	}
	// a's leases run out; c takes the jobs over.
	if _, err := db.Pool().Exec(ctx, "UPDATE jobs SET lease_until = now() - interval '1 second' WHERE worker = 'a'"); err != nil {
		t.Fatal(err)
	}
	c, _ = db.Claim(ctx, "c", 5, hour)
	if len(c) != 2 || c[0].Seq != a[0].Seq || c[0].Token == a[0].Token || c[0].Attempts != 2 {
		t.Fatalf("claims after a's lease ran out: %v (a had %v)", c, a)
	}
	if n, _ := db.Renew(ctx, a, hour); n != 0 {
		t.Errorf("a renewed %d leases it lost", n)
	}
	result := func(j postgres.Job, d storetest.Doc) postgres.Result {
		r := d.Result
		return postgres.Result{Job: j, Result: &r, ExtractorVersion: "test-1"}
	}
	lost, err := db.Complete(ctx, []postgres.Result{result(a[0], docs[0]), result(a[1], docs[1])})
	if err != nil || len(lost) != 2 {
		t.Fatalf("Complete by the worker that lost its leases = %v, %v; want both lost", lost, err)
	}
	if _, err := db.Derived(ctx, docs[0].ID()); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a lost claim committed a result: %v", err)
	}
	n0, _ := db.LogSize(ctx)
	lost, err = db.Complete(ctx, []postgres.Result{result(c[0], docs[0]), {Job: c[1], Err: "unreadable"}})
	if err != nil || len(lost) != 0 {
		t.Fatalf("Complete by the holder = %v, %v", lost, err)
	}
	if d, err := db.Derived(ctx, docs[0].ID()); err != nil || d.ExtractorVersion != "test-1" {
		t.Errorf("Derived after Complete = %+v, %v", d, err)
	}
	if n1, _ := db.LogSize(ctx); n1 != n0+1 {
		t.Errorf("Complete logged %d records; want 1", n1-n0)
	}
	if lost, _ := db.Complete(ctx, []postgres.Result{result(c[0], docs[0])}); len(lost) != 1 {
		t.Errorf("completing a job twice: lost = %v; want it refused", lost)
	}
	if evs, _ := db.Events(ctx, store.EventFilter{DocID: docs[0].ID()}); len(evs) != 2 {
		t.Errorf("events of the committed document: %d; want 2", len(evs))
	}
	qs, err := db.QueueStats(ctx)
	if err != nil || qs != (postgres.QueueStats{Open: 1, Held: 1, Done: 2, Failed: 1, Retried: 2}) {
		t.Errorf("QueueStats = %+v, %v", qs, err)
	}
	// Enqueuing again adds no job: one is open, the others done.
	if err := db.Enqueue(ctx, items); err != nil {
		t.Fatal(err)
	}
	if qs2, _ := db.QueueStats(ctx); qs2 != qs {
		t.Errorf("enqueuing again: %+v; want %+v", qs2, qs)
	}
}
