package server

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"slices"

	"sitrep/internal/auth"
	"sitrep/internal/consolidate"
	"sitrep/internal/store"
)

// The actor page: every spelling, the documents naming the actor, first
// and last seen, the incidents naming it as perpetrator, target or
// claimant (as reported), the claims it made and the claims about it, and
// the labels each outlet uses for it.

// actorReads bounds each read behind the actor page (incidents, claims,
// documents), so that the page of an actor named in millions of reports
// stays within bounded time and memory; a count that reached it is shown
// as "more than".
var actorReads = 20_000

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
	counts := map[string]int{}
	incs, _, err := s.c.Incidents(ctx, store.IncidentFilter{Actor: id, Limit: actorReads + 1})
	if err != nil {
		fail(w, err)
		return
	}
	capped := map[string]bool{"incidents": len(incs) > actorReads}
	for _, inc := range incs[:min(len(incs), actorReads)] {
		for role, l := range map[string][]consolidate.ActorTally{"perpetrator": inc.Perpetrators, "target": inc.Targets, "claimant": inc.ClaimedBy} {
			if i := slices.IndexFunc(l, func(t consolidate.ActorTally) bool { return t.ID == id }); i >= 0 {
				counts[role]++
				if a.Name == "" {
					a.Name = l[i].Name
				}
			}
		}
	}
	made, about, more, err := s.actorClaimList(ctx, id)
	if err != nil {
		fail(w, err)
		return
	}
	capped["claims"] = more
	if a.Name == "" && len(made)+len(about) == 0 && len(counts) == 0 {
		writeError(w, http.StatusNotFound, "no actor "+id)
		return
	}
	if framing == nil {
		framing = []consolidate.FramingCount{}
	}
	docs, err := s.actorDocumentList(ctx, id)
	if err != nil {
		fail(w, err)
		return
	}
	capped["documents"] = len(docs) >= actorReads
	writeJSON(w, http.StatusOK, map[string]any{"actor": a, "documents": len(docs), "framing": framing,
		"incidents": counts, "claims": map[string]int{"made": len(made), "about": len(about)}, "capped": capped})
}

// actorClaimList returns the claims an actor made (as speaker) and the
// claims whose relation names it (as subject or object, as the claim
// graph draws them), in the store's order, among the first actorReads
// claims naming it; more says whether there were others.
func (s *Server) actorClaimList(ctx context.Context, id string) (made, about []store.Claim, more bool, err error) {
	// The actor page asks for the counts, then for a page of each list.
	type lists struct {
		made, about []store.Claim
		more        bool
	}
	l, err := cached(ctx, s, "actor-claims/"+id, func() (lists, error) {
		made, about, more, err := s.readActorClaims(ctx, id)
		return lists{made, about, more}, err
	})
	return l.made, l.about, l.more, err
}

func (s *Server) readActorClaims(ctx context.Context, id string) (made, about []store.Claim, more bool, err error) {
	var all []store.Claim
	var keys []string
	err = s.c.Store().ScanClaims(ctx, store.ClaimFilter{Actor: id}, func(c store.Claim) error {
		if len(all) >= actorReads {
			more = true
			return errEnough
		}
		all = append(all, c)
		if r := c.Claim.Relation; r != nil && store.IsEventID(r.Object.ID) {
			keys = append(keys, store.Key(c.DocID, r.Object.ID))
		}
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		return nil, nil, false, err
	}
	incidents, err := s.c.IncidentsOf(ctx, keys)
	if err != nil {
		return nil, nil, false, err
	}
	for _, c := range all {
		if c.Claim.Speaker.ID == id {
			made = append(made, c)
		}
		if rel := c.Claim.Relation; rel != nil {
			g, err := s.c.GraphRelation(c.DocID, *rel, incidents)
			if err != nil {
				return nil, nil, false, err
			}
			if rel.Subject.ID == id || rel.Object.ID == id || g.Subject.ID == id || g.Object.ID == id {
				about = append(about, c)
			}
		}
	}
	return made, about, more, nil
}

// actorClaims pages the claims an actor made (role=made) or that name it
// (role=about).
func (s *Server) actorClaims(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	limit, offset, err := page(r.URL.Query())
	if badRequest(w, err) {
		return
	}
	made, about, _, err := s.actorClaimList(r.Context(), r.PathValue("id"))
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

// actorDocumentList lists the documents with an event or a claim naming
// an actor, newest first.
func (s *Server) actorDocumentList(ctx context.Context, id string) ([]documentItem, error) {
	return cached(ctx, s, "actor-documents/"+id, func() ([]documentItem, error) { return s.readActorDocuments(ctx, id) })
}

func (s *Server) readActorDocuments(ctx context.Context, id string) ([]documentItem, error) {
	seen := map[string]bool{}
	var out []documentItem
	add := func(docID, title, outlet, published, url string) error {
		if len(out) >= actorReads {
			return errEnough
		}
		if !seen[docID] {
			seen[docID] = true
			out = append(out, documentItem{ID: docID, Title: title, Outlet: outlet, Published: published, URL: url})
		}
		return nil
	}
	err := s.c.Store().ScanEvents(ctx, store.EventFilter{Actor: id}, func(e store.Event) error {
		return add(e.DocID, e.Title, e.Outlet, e.Published, e.URL)
	})
	if err != nil && !errors.Is(err, errEnough) {
		return nil, err
	}
	err = s.c.Store().ScanClaims(ctx, store.ClaimFilter{Actor: id}, func(c store.Claim) error {
		return add(c.DocID, c.Title, c.Outlet, c.Published, "")
	})
	if err != nil && !errors.Is(err, errEnough) {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b documentItem) int { return cmp.Compare(b.Published, a.Published) })
	return out, nil
}

// actorDocuments pages the documents that name an actor in an event or a
// claim, newest first.
func (s *Server) actorDocuments(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	limit, offset, err := page(r.URL.Query())
	if badRequest(w, err) {
		return
	}
	all, err := s.actorDocumentList(r.Context(), r.PathValue("id"))
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"documents": orNone(pageOf(all, limit, offset)), "total": len(all), "limit": limit, "offset": offset})
}
