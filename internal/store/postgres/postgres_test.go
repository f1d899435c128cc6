package postgres_test

import (
	"context"
	"testing"

	"sitrep/internal/store"
	"sitrep/internal/store/postgres"
	"sitrep/internal/store/postgres/pgtest"
	"sitrep/internal/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		db, err := postgres.Open(context.Background(), pgtest.URL(t), postgres.Options{})
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return db
	})
}

func TestViews(t *testing.T) {
	storetest.RunViews(t, func(t *testing.T) store.ViewStore {
		db, err := postgres.Open(context.Background(), pgtest.URL(t), postgres.Options{})
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return db
	})
}
