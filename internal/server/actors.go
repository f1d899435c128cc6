package server

import (
	"context"
	"errors"
	"net/http"

	"sitrep/internal/auth"
	"sitrep/internal/consolidate"
	"sitrep/internal/store"
)

// The actor page: every spelling, the documents naming the actor, first
// and last seen, the incidents naming it as perpetrator, target or
// claimant (as reported), the claims it made and the claims about it, and
// the labels each outlet uses for it. The counts are the store's own
// (store.ActorFigures, kept as documents are written) and the lists are
// read a page at a time, newest first, so that the page of an actor named
// in millions of reports costs what one of a few does.

// actor answers the actor's record, its framing by outlet and the counts
// the page links from; the lists behind the counts are paged by
// actorDocuments, actorClaims and /api/incidents?perpetrator=… .
func (s *Server) actor(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	ctx := r.Context()
	id := r.PathValue("id")
	a, framing, err := s.c.Actor(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		// An actor named only through an organisation's branch or an
		// incident's tallies has no record of its own; its incidents and
		// claims still count.
		a, framing = store.Actor{ID: id, Aliases: []string{}}, nil
	} else if err != nil {
		fail(w, err)
		return
	}
	_, f, err := s.actorFigures(ctx, id)
	if err != nil {
		fail(w, err)
		return
	}
	if a.Name == "" && f == (store.ActorFigures{}) {
		writeError(w, http.StatusNotFound, "no actor "+id)
		return
	}
	if framing == nil {
		framing = []consolidate.FramingCount{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"actor": a, "documents": f.Documents, "framing": framing,
		"incidents": map[string]int{"perpetrator": f.Perpetrator, "target": f.Target, "claimant": f.Claimant},
		"claims":    map[string]int{"made": f.Made, "about": f.About}})
}

// actorFigures returns the store's actor reader and the counts it keeps
// for actor id: every actor handler starts from both.
func (s *Server) actorFigures(ctx context.Context, id string) (store.ActorReader, store.ActorFigures, error) {
	ar, err := s.c.ActorReader()
	if err != nil {
		return nil, store.ActorFigures{}, err
	}
	f, err := ar.ActorFigures(ctx, id)
	return ar, f, err
}

// actorClaims pages the claims an actor made (role=made) or that name it
// as subject or object (role=about), newest first.
func (s *Server) actorClaims(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	ctx := r.Context()
	limit, offset, err := page(r.URL.Query())
	if badRequest(w, err) {
		return
	}
	id, role := r.PathValue("id"), r.URL.Query().Get("role")
	switch role {
	case "":
		role = store.ClaimsMade
	case store.ClaimsMade, store.ClaimsAbout:
	default:
		writeError(w, http.StatusBadRequest, "role: made or about")
		return
	}
	ar, f, err := s.actorFigures(ctx, id)
	if err != nil {
		fail(w, err)
		return
	}
	list, err := ar.ActorClaims(ctx, id, role, limit, offset)
	if err != nil {
		fail(w, err)
		return
	}
	total := f.Made
	if role == store.ClaimsAbout {
		total = f.About
	}
	writeJSON(w, http.StatusOK, map[string]any{"claims": orNone(list), "total": total, "limit": limit, "offset": offset})
}

// actorDocuments pages the documents that name an actor, newest first.
func (s *Server) actorDocuments(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	ctx := r.Context()
	limit, offset, err := page(r.URL.Query())
	if badRequest(w, err) {
		return
	}
	id := r.PathValue("id")
	ar, f, err := s.actorFigures(ctx, id)
	if err != nil {
		fail(w, err)
		return
	}
	list, err := ar.ActorDocuments(ctx, id, limit, offset)
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"documents": orNone(list), "total": f.Documents, "limit": limit, "offset": offset})
}
