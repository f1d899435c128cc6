package postgres

import (
	"context"
	"testing"

	"sitrep/internal/store"
	"sitrep/internal/store/postgres/pgtest"
	"sitrep/internal/store/storetest"
)

// TestViewsWalkingCircles runs the views suite with every page of a
// circle's incidents found by walking all incidents newest first, the
// plan of busy circles, rather than point by point.
func TestViewsWalkingCircles(t *testing.T) {
	defer func(c float64) { pointsCost = c }(pointsCost)
	pointsCost = 0
	storetest.RunViews(t, func(t *testing.T) store.ViewStore {
		db, err := Open(context.Background(), pgtest.URL(t), Options{})
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return db
	})
}
