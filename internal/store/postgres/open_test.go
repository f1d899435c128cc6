package postgres

import (
	"context"
	"testing"

	"sitrep/internal/store/postgres/pgtest"
)

// openTest opens a fresh database of the test's cluster, closed when the
// test ends.
func openTest(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), pgtest.URL(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
