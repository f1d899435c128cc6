package sqlite

import (
	"context"
	"slices"
	"strings"
	"testing"

	"sitrep/internal/store"
	"sitrep/internal/store/storetest"
)

// violenceProblems is what verify finds in the tables of migration 19.
func violenceProblems(t *testing.T, db *DB) []string {
	t.Helper()
	var got []string
	for _, v := range violenceTables {
		for _, p := range tableProblems(t, db, v.name) {
			got = append(got, p.Table+" "+p.Row+": "+p.Expected+", found "+p.Found)
		}
	}
	slices.Sort(got)
	return got
}

// verify finds stored violence edges that disagree with the incidents'
// actor rows; it finds nothing in a store whose writes kept them, nor
// after the migration's step counted the incidents again and writes went
// on from there.
func TestVerifyViolenceEdges(t *testing.T) {
	ctx := context.Background()
	db := open(t, t.TempDir(), Options{})
	storetest.Load(t, db)
	if ps := violenceProblems(t, db); len(ps) != 0 {
		t.Fatalf("problems in a store its writes kept: %v", ps)
	}
	var edges int
	if err := db.w.QueryRow("SELECT COUNT(*) FROM violence_edges").Scan(&edges); err != nil || edges == 0 {
		t.Fatalf("%d violence edges, %v; want the bombing's", edges, err)
	}
	execAll(t, db,
		"UPDATE violence_edges SET last_seen = '2025-09-03'",
		"UPDATE violence_edge_types SET type = 'protest'",
	)
	want := []string{
		`violence_edge_types [1,2,"bombing",1]: this row, found none, or another`,
		`violence_edge_types [1,2,"protest",1]: none, found this row`,
		`violence_edges [1,2,1,"2025-09-02","2025-09-02"]: this row, found none, or another`,
		`violence_edges [1,2,1,"2025-09-02","2025-09-03"]: none, found this row`,
	}
	if got := violenceProblems(t, db); !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The migration's step on a store of incidents without the tables'
	// rows.
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range violenceTables {
		if _, err := tx.Exec("DELETE FROM " + v.name); err != nil {
			t.Fatal(err)
		}
	}
	if err := fillViolenceEdges(ctx, tx); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if ps := violenceProblems(t, db); len(ps) != 0 {
		t.Errorf("problems after the migration's step: %v", ps)
	}
	docs := storetest.Corpus()
	if _, err := db.AddEdit(ctx, store.Edit{EventKey: docs[0].Key("e1"), Status: store.EditReject, Who: "vera"}); err != nil {
		t.Fatal(err)
	}
	if ps := violenceProblems(t, db); len(ps) != 0 {
		t.Errorf("problems after a rejection: %v", ps)
	}
	if err := db.w.QueryRow("SELECT COUNT(*) FROM violence_edges").Scan(&edges); err != nil || edges != 0 {
		t.Errorf("%d violence edges after the bombing's report was rejected, %v; want none", edges, err)
	}
}
