package sqlite

import (
	"context"
	"testing"

	"sitrep/internal/store"
	"sitrep/internal/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		db, err := Open(context.Background(), t.TempDir(), Options{})
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return db
	})
}

// TestStoreProbing runs the suite with every actor and text filter in its
// probing form, which big stores use for common actors and words.
func TestStoreProbing(t *testing.T) {
	defer func(old int64) { probeAbove = old }(probeAbove)
	probeAbove = 0
	TestStore(t)
}
