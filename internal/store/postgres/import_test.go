package postgres_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"sitrep/internal/custody"
	"sitrep/internal/store"
	"sitrep/internal/store/postgres"
	"sitrep/internal/store/postgres/pgtest"
	"sitrep/internal/store/sqlite"
	"sitrep/internal/store/storetest"
)

// TestImport copies a SQLite store with edits, a copy link, a
// re-extraction and decisions into PostgreSQL, first cut short and then
// resumed, and checks that the copy verifies against the same custody
// tree and answers queries as the original does.
func TestImport(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	src, err := sqlite.Open(ctx, t.TempDir(), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	docs := storetest.Load(t, src)
	a, b := docs[0], docs[1]
	for _, e := range []store.Edit{
		{EventKey: a.Key("e1"), Status: store.EditValue, Field: store.FieldKilled, Value: "16", Who: "ana"},
		{EventKey: b.Key("e2"), Status: store.EditValue, Field: store.FieldDate, Value: "2025-08-20", Who: "ben"},
		{EventKey: a.Key("e2"), Status: store.EditReject, Who: "ana"},
	} {
		if _, err := src.AddEdit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	r := b.Result
	r.Claims = nil
	if err := src.ReplaceDerived(ctx, b.ID(), r, "test-2"); err != nil {
		t.Fatal(err)
	}
	if _, err := src.PutDecision(ctx, store.Decision{Kind: store.DecisionMerge, Keys: []string{a.Key("e1"), docs[2].Key("e1")}, Who: "ana"}); err != nil {
		t.Fatal(err)
	}

	dst, err := postgres.Open(ctx, url, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	cut := errors.New("cut short")
	cctx, cancel := context.WithCancelCause(ctx)
	err = dst.Import(cctx, src, "src", func(p postgres.ImportProgress) {
		if p.Part == "links" {
			cancel(cut)
		}
	})
	if err == nil {
		t.Fatal("an import cut short reported no error")
	}
	if err := dst.Import(ctx, memoryOf(t, src), "other", nil); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("resuming from another source: err = %v; want ErrInvalid", err)
	}
	if err := dst.Import(ctx, src, "src", nil); err != nil {
		t.Fatalf("resumed import: %v", err)
	}
	if err := dst.Import(ctx, src, "src", nil); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("importing into a full database: err = %v; want ErrInvalid", err)
	}

	want, err := custody.New(src, t.TempDir()).Verify(ctx)
	if err != nil {
		t.Fatalf("source does not verify: %v", err)
	}
	got, err := custody.New(dst, t.TempDir()).Verify(ctx)
	if err != nil {
		t.Fatalf("copy does not verify: %v", err)
	}
	if got.Tree != want.Tree || got.Documents != 4 || got.Edits != 3 || got.Decisions != 1 || got.Links != 1 {
		t.Errorf("copy verified as %+v\nsource %+v", got, want)
	}
	for _, f := range []store.EventFilter{{}, {IncludeRejected: true}, {Since: "2025-08-19", Until: "2025-08-25"}, {Actor: "islamic"}, {Text: "checkpost"}, {Near: &store.Near{Lat: 30.18, Lon: 67, KM: 50}}} {
		w, _ := src.Events(ctx, f)
		g, err := dst.Events(ctx, f)
		if err != nil || !reflect.DeepEqual(g, w) {
			t.Errorf("Events(%+v) in the copy = %d events, %v; want %d, the same", f, len(g), err, len(w))
		}
	}
	for _, q := range []string{"Turbat", "quetta"} {
		w, _ := src.Search(ctx, q, 10)
		g, _ := dst.Search(ctx, q, 10)
		if len(g) != len(w) || len(g) > 0 && g[0].DocID != w[0].DocID {
			t.Errorf("Search(%q) in the copy = %v; want %v", q, g, w)
		}
	}
	wa, _ := src.Actors(ctx, store.ActorFilter{Limit: 100})
	ga, _ := dst.Actors(ctx, store.ActorFilter{Limit: 100})
	if !reflect.DeepEqual(ga, wa) {
		t.Errorf("Actors in the copy = %+v\nwant %+v", ga, wa)
	}
	ws, _ := src.Stats(ctx)
	gs, _ := dst.Stats(ctx)
	if gs != ws {
		t.Errorf("Stats of the copy = %+v; want %+v", gs, ws)
	}
	// The copy's views are built: each event of an original report is in
	// an incident, the merged pair in one.
	keys := []string{a.Key("e1"), docs[2].Key("e1"), b.Key("e1"), b.Key("e2")}
	in, err := dst.IncidentsOf(ctx, keys)
	if err != nil || len(in) != 3 || in[a.Key("e1")] == "" {
		t.Errorf("IncidentsOf in the copy = %v, %v; want three of %v (the wire copy stays out)", in, err, keys)
	}
	if st, _ := dst.ViewsState(ctx); !st.Current {
		t.Errorf("views of the copy: %+v; want current", st)
	}
	// Its documents are signed, so that later reprints are found near copies.
	var sigs int
	if err := dst.Pool().QueryRow(ctx, "SELECT COUNT(*) FROM signatures").Scan(&sigs); err != nil || sigs == 0 {
		t.Errorf("the copy's documents were not signed: %d signatures, %v", sigs, err)
	}
	// The copy goes on as a store of its own.
	if _, err := dst.AddEdit(ctx, store.Edit{EventKey: a.Key("e1"), Status: store.EditConfirm, Who: "cy"}); err != nil {
		t.Fatal(err)
	}
	if _, err := custody.New(dst, t.TempDir()).Verify(ctx); err != nil {
		t.Errorf("copy after a new edit: %v", err)
	}
}

// memoryOf is a store with one more record than src: another source.
func memoryOf(t *testing.T, src store.Store) store.Store {
	db, err := sqlite.Open(context.Background(), t.TempDir(), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	storetest.Load(t, db)
	return db
}
