package custody

import (
	"context"
	"errors"
	"testing"

	"sitrep/internal/store"
	"sitrep/internal/store/storetest"
)

// TestVerifyDecisions checks that merge and split decisions verify, and
// that a decision changed behind the store's back does not.
func TestVerifyDecisions(t *testing.T) {
	ctx := context.Background()
	db, dir := openSQLite(t)
	docs := storetest.Load(t, db)
	if _, err := db.PutDecision(ctx, store.Decision{Kind: store.DecisionMerge, Keys: []string{docs[0].Key("e1"), docs[2].Key("e1")}, Who: "ana"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.PutDecision(ctx, store.Decision{Kind: store.DecisionSplit, Keys: []string{docs[2].Key("e1")}, Apart: []string{docs[0].Key("e1")}, Who: "ben"}); err != nil {
		t.Fatal(err)
	}
	rep, err := New(db, dir).Verify(ctx)
	if err != nil || rep.Decisions != 2 {
		t.Fatalf("Verify = %+v, %v; want clean with 2 decisions", rep, err)
	}
	tamper(t, dir, "UPDATE decisions SET who = 'mallory' WHERE id = 1")
	if _, err := New(db, dir).Verify(ctx); !errors.Is(err, ErrMismatch) {
		t.Errorf("Verify after a decision was changed: err = %v; want ErrMismatch", err)
	}
}
