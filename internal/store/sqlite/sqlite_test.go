package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
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

func TestViews(t *testing.T) {
	storetest.RunViews(t, func(t *testing.T) store.ViewStore {
		db, err := Open(context.Background(), t.TempDir(), Options{})
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return db
	})
}

// TestStoreProbing runs the suite with every actor, place and near filter
// in its probing form, walking dates, as big stores run them for common
// actors and places and for circles holding many places.
func TestStoreProbing(t *testing.T) {
	defer func(old int64, few, many int) { probeAbove, fewPlaceMatches, manyPlaces = old, few, many }(probeAbove, fewPlaceMatches, manyPlaces)
	probeAbove, fewPlaceMatches, manyPlaces = 0, 0, 0
	TestStore(t)
	t.Run("Views", TestViews)
}

// TestStoreProbingFewPlaces probes place and near filters whose places
// were collected first (a circle with few places but many events).
func TestStoreProbingFewPlaces(t *testing.T) {
	defer func(few int) { fewPlaceMatches = few }(fewPlaceMatches)
	fewPlaceMatches = 0
	TestStore(t)
	t.Run("Views", TestViews)
}

// TestDecisionsReopen checks that decisions are on disk: a store opened
// again, and a read-only one, return them as they were stored.
func TestDecisionsReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs := storetest.Load(t, db)
	want, err := db.PutDecision(ctx, store.Decision{Kind: store.DecisionSplit, Keys: []string{docs[2].Key("e1")},
		Apart: []string{docs[0].Key("e1"), docs[0].Key("e2")}, Who: "ana", Note: "different day"})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, opts := range []Options{{}, {ReadOnly: true}} {
		db, err := Open(ctx, dir, opts)
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.Decisions(ctx)
		db.Close()
		if err != nil || len(got) != 1 || !reflect.DeepEqual(got[0], want) {
			t.Errorf("%+v: Decisions = %+v, %v; want %+v", opts, got, err, want)
		}
	}
}

// TestFileModes: the database, its -wal and -shm files and the heads
// journal are readable by their owner only, whatever the umask.
func TestFileModes(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	storetest.Load(t, db)
	for _, name := range []string{FileName, FileName + "-wal", FileName + "-shm", store.HeadsFile} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", name, fi.Mode().Perm())
		}
	}
}
