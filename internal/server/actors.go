package server

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"slices"

	"sitrep/internal/auth"
	"sitrep/internal/consolidate"
	"sitrep/internal/corpus"
	"sitrep/internal/store"
)

// The actor page: every spelling, the documents naming the actor, first
// and last seen, the incidents naming it as perpetrator, target or
// claimant (as reported), the claims it made and the claims about it, and
// the labels each outlet uses for it.

// actor answers the actor's record, its framing by outlet and the counts
// the page links from; the lists behind the counts are paged by
// actorDocuments, actorClaims and /api/incidents?perpetrator=… .
func (s *Server) actor(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	id := r.PathValue("id")
	a, framing, err := s.c.Actor(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		// An actor named only through an organisation's branch or an
		// incident's tallies has no record of its own; its incidents and
		// claims still count.
		a, framing = consolidate.ActorRecord{ID: id, Aliases: []string{}, Documents: []string{}}, nil
	} else if err != nil {
		fail(w, err)
		return
	}
	counts := map[string]int{}
	_, err = s.c.EachIncident(r.Context(), allIncidents(), func(inc *consolidate.Incident) {
		for role, l := range map[string][]consolidate.ActorTally{"perpetrator": inc.Perpetrators, "target": inc.Targets, "claimant": inc.ClaimedBy} {
			if hasActor(l, id) {
				counts[role]++
				if a.Name == "" {
					a.Name = l[slices.IndexFunc(l, func(t consolidate.ActorTally) bool { return t.ID == id })].Name
				}
			}
		}
	})
	if err != nil {
		fail(w, err)
		return
	}
	made, about, err := s.actorClaimList(r.Context(), id)
	if err != nil {
		fail(w, err)
		return
	}
	if a.Name == "" && len(made)+len(about) == 0 && len(counts) == 0 {
		writeError(w, http.StatusNotFound, "no actor "+id)
		return
	}
	if framing == nil {
		framing = []consolidate.FramingCount{}
	}
	docs := len(a.Documents)
	a.Documents = nil // paged by actorDocuments
	writeJSON(w, http.StatusOK, map[string]any{"actor": a, "documents": docs, "framing": framing,
		"incidents": counts, "claims": map[string]int{"made": len(made), "about": len(about)}})
}

// allIncidents selects every incident.
func allIncidents() corpus.IncidentFilter { return corpus.IncidentFilter{Limit: 1<<31 - 1} }

// actorClaimList returns the claims an actor made (as speaker) and the
// claims whose relation names it (as subject or object), oldest document
// first.
func (s *Server) actorClaimList(ctx context.Context, id string) (made, about []store.Claim, err error) {
	err = s.c.Store().ScanClaims(ctx, store.ClaimFilter{Actor: id}, func(c store.Claim) error {
		if c.Claim.Speaker.ID == id {
			made = append(made, c)
		}
		if rel := c.Claim.Relation; rel != nil {
			g := s.c.GraphRelation(c.DocID, *rel)
			if rel.Subject.ID == id || rel.Object.ID == id || g.Subject.ID == id || g.Object.ID == id {
				about = append(about, c)
			}
		}
		return nil
	})
	return made, about, err
}

// actorClaims pages the claims an actor made (role=made) or that name it
// (role=about).
func (s *Server) actorClaims(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	limit, offset, err := page(r.URL.Query())
	if badRequest(w, err) {
		return
	}
	made, about, err := s.actorClaimList(r.Context(), r.PathValue("id"))
	if err != nil {
		fail(w, err)
		return
	}
	list := made
	switch r.URL.Query().Get("role") {
	case "made", "":
	case "about":
		list = about
	default:
		writeError(w, http.StatusBadRequest, "role: made or about")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"claims": orNone(pageOf(list, limit, offset)), "total": len(list), "limit": limit, "offset": offset})
}

// documentItem is a document in a list, without its text.
type documentItem struct {
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	Published string `json:"published,omitempty"`
	URL       string `json:"url,omitempty"`
}

// actorDocuments pages the documents that name an actor, newest first.
func (s *Server) actorDocuments(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	limit, offset, err := page(r.URL.Query())
	if badRequest(w, err) {
		return
	}
	a, _, err := s.c.Actor(r.Context(), r.PathValue("id"))
	if err != nil {
		fail(w, err)
		return
	}
	all := make([]documentItem, 0, len(a.Documents))
	for _, id := range a.Documents {
		all = append(all, documentItem{ID: id})
	}
	// The record lists ids only; the page reads the dates of all of them
	// to order them, then the rest of the page's.
	for i := range all {
		if o, err := s.c.Store().Original(r.Context(), all[i].ID); err == nil {
			all[i].Title, all[i].Outlet, all[i].Published, all[i].URL = o.Title, o.Outlet, o.Published, o.URL
		}
	}
	slices.SortStableFunc(all, func(a, b documentItem) int { return cmp.Compare(b.Published, a.Published) })
	writeJSON(w, http.StatusOK, map[string]any{"documents": orNone(pageOf(all, limit, offset)), "total": len(all), "limit": limit, "offset": offset})
}
