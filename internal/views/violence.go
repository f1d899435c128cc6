package views

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"sitrep/internal/store"
)

// verifyViolence compares the store's violence edges and incidents per
// actor (the actor network's overview) with those counted from the
// incidents recomputed from the log, calling add for each that differs;
// it returns how many edges and actors it compared.
func verifyViolence(ctx context.Context, st store.ViewStore, want *MemTables, add func(Problem) error) (int, error) {
	var c store.ViolenceCounter
	for _, si := range want.Incidents {
		c.Add(si)
	}
	wantEdges := map[string]string{}
	for _, e := range c.Edges() {
		wantEdges[e.Perpetrator+" -> "+e.Target] = edgeText(e)
	}
	gotEdges := map[string]string{}
	if err := st.ViolenceEdges(ctx, func(e store.ViolenceEdge) error {
		gotEdges[e.Perpetrator+" -> "+e.Target] = edgeText(e)
		return nil
	}); err != nil {
		return 0, err
	}
	wantActors := map[string]string{}
	for _, a := range c.Actors() {
		wantActors[a.Actor] = fmt.Sprint(a.Incidents)
	}
	gotActors := map[string]string{}
	if err := st.ActorIncidents(ctx, func(a store.ActorIncidents) error {
		gotActors[a.Actor] = fmt.Sprint(a.Incidents)
		return nil
	}); err != nil {
		return 0, err
	}
	n := 0
	for _, t := range []struct {
		table, what string
		want, got   map[string]string
	}{
		{"violence edge", "incidents, documents, first and last start dates, incidents per type", wantEdges, gotEdges},
		{"actor incidents", "incidents naming the actor", wantActors, gotActors},
	} {
		all := map[string]bool{}
		for k := range t.want {
			all[k] = true
		}
		for k := range t.got {
			all[k] = true
		}
		for _, k := range slices.Sorted(maps.Keys(all)) {
			n++
			w, ok := t.want[k]
			if !ok {
				w = "none"
			}
			g, ok := t.got[k]
			if !ok {
				g = "none"
			}
			if w != g {
				if err := add(Problem{Table: t.table, Key: k, What: t.what, Expected: w, Found: g}); err != nil {
					return n, err
				}
			}
		}
	}
	return n, nil
}

// edgeText is what verify compares of a violence edge.
func edgeText(e store.ViolenceEdge) string {
	types, _ := json.Marshal(e.Types) // keys sorted
	return fmt.Sprintf("%d incidents, %d documents, %s to %s, %s", e.Incidents, e.Documents, e.FirstSeen, e.LastSeen, types)
}
