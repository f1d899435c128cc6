package server

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"sitrep/internal/auth"
)

// Live updates: /api/changes is a stream of server-sent events that says
// when the corpus has changed, so that open pages read their views again
// without a reload. The version is the length of the store's custody log,
// which every write by any process extends.

// changeVersion is the corpus's current version.
func (s *Server) changeVersion(ctx context.Context) (int64, error) {
	return s.c.Store().LogSize(ctx)
}

// How often the stream looks for a change, and how long one stream lasts:
// the browser reconnects at once, and the reconnection checks the session
// again.
const (
	livePoll   = time.Second
	liveStream = 5 * time.Minute
)

// changes streams the version to a client that accepts server-sent
// events, and answers it once as JSON ({"changes": n}) to one that polls.
func (s *Server) changes(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	v, err := s.changeVersion(r.Context())
	if err != nil {
		fail(w, err)
		return
	}
	flusher, ok := w.(http.Flusher)
	if !ok || !strings.Contains(r.Header.Get("Accept"), "text/event-stream") {
		writeJSON(w, http.StatusOK, map[string]any{"changes": v})
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, "retry: 2000\nevent: version\ndata: %d\n\n", v)
	flusher.Flush()
	tick := time.NewTicker(livePoll)
	defer tick.Stop()
	end := time.After(liveStream)
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.closing:
			return
		case <-end:
			return
		case <-tick.C:
			now, err := s.changeVersion(r.Context())
			if err != nil || now == v {
				continue
			}
			v = now
			if _, err := fmt.Fprintf(w, "event: version\ndata: %d\n\n", v); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}
