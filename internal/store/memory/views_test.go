package memory

import (
	"context"
	"slices"
	"strings"
	"testing"

	"sitrep/internal/store/storetest"
	"sitrep/internal/views"
)

// TestVerifyNamesChangedIncident changes what an incident says behind the
// store's back: the views recomputed from the log disagree, and say where.
func TestVerifyNamesChangedIncident(t *testing.T) {
	s := New()
	storetest.Load(t, s)
	ctx := context.Background()
	if rep, err := views.Verify(ctx, s, 10); err != nil || len(rep.Problems) > 0 {
		t.Fatalf("untouched store: %v, %v", rep.Problems, err)
	}
	var id string
	for k, si := range s.views.Incidents {
		if si.Incident.Killed.Best != nil {
			id = k
			n := 250
			si.Incident.Killed.Best = &n
			break
		}
	}
	rep, err := views.Verify(ctx, s, 10)
	ps := rep.Problems
	if err != nil || len(ps) != 1 || ps[0].Key != id || !strings.Contains(ps[0].What, "killed") || !strings.Contains(ps[0].Found, "250") {
		t.Fatalf("after changing incident %s: %v, %v", id, ps, err)
	}
	delete(s.views.Incidents, id)
	// The incident is missing, the actors it named have one incident
	// fewer in their figures, and its violence edge is gone.
	rep, _ = views.Verify(ctx, s, 10)
	if len(rep.Problems) < 2 || rep.Problems[0].Key != id || !strings.Contains(rep.Problems[0].What, "missing") ||
		slices.ContainsFunc(rep.Problems[1:], func(p views.Problem) bool {
			return p.Table != "actor" && p.Table != "violence edge" && p.Table != "actor incidents"
		}) ||
		!slices.ContainsFunc(rep.Problems, func(p views.Problem) bool { return p.Table == "violence edge" }) {
		t.Errorf("after deleting incident %s: %v", id, rep.Problems)
	}
}
