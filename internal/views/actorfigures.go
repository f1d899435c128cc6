package views

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"sitrep/internal/store"
)

// recomputeFigures counts, for every actor, the incidents recomputed from
// the log that name it in each role and the stored claims (which custody
// checks against the logged results) it made or that name it: what a
// store's ActorFigures must give, documents apart (the actors' own
// counts, checked with them).
func recomputeFigures(ctx context.Context, st store.ViewStore, want *MemTables) (map[string]*store.ActorFigures, error) {
	out := map[string]*store.ActorFigures{}
	of := func(k string) *store.ActorFigures {
		f := out[k]
		if f == nil {
			f = &store.ActorFigures{}
			out[k] = f
		}
		return f
	}
	for _, si := range want.Incidents {
		for i, k := range si.Actors {
			of(k).CountRoles(si.Roles[i])
		}
	}
	err := st.ScanClaims(ctx, store.ClaimFilter{}, func(c store.Claim) error {
		made, about := store.ClaimFigureKeys(c.Claim)
		if made != "" {
			of(made).Made++
		}
		for _, k := range about {
			of(k).About++
		}
		return nil
	})
	return out, err
}

// verifyFigures compares every actor's stored figures with those
// recomputed, calling add for each that differs; it returns how many
// actors it compared.
func verifyFigures(ctx context.Context, st store.ViewStore, want *MemTables, add func(Problem) error) (int, error) {
	figures, err := recomputeFigures(ctx, st, want)
	if err != nil {
		return 0, err
	}
	// Every actor the store lists, and every one the recomputation counts.
	keys := map[string]bool{}
	for k := range figures {
		keys[k] = true
	}
	const pageSize = 1000
	for off := 0; ; off += pageSize {
		as, err := st.Actors(ctx, store.ActorFilter{Limit: pageSize, Offset: off})
		if err != nil {
			return 0, err
		}
		for _, a := range as {
			keys[a.ID] = true
		}
		if len(as) < pageSize {
			break
		}
	}
	n := 0
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		got, err := st.ActorFigures(ctx, k)
		if err != nil {
			return n, err
		}
		n++
		var w store.ActorFigures
		if f := figures[k]; f != nil {
			w = *f
		}
		w.Documents = got.Documents // the actor's own count, checked with the actors
		if w != got {
			if err := add(Problem{Table: "actor", Key: k, What: "incidents as perpetrator, target, claimant; claims made, about",
				Expected: fmt.Sprint(w.Perpetrator, w.Target, w.Claimant, w.Made, w.About),
				Found:    fmt.Sprint(got.Perpetrator, got.Target, got.Claimant, got.Made, got.About)}); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}
