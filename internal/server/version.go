package server

// Optimistic concurrency (RFC 9110 §8.8.3 and §13.1.1, RFC 6585 §3).
// Every event and incident answer carries its version as an ETag, and
// every request that changes an event or an incident must send, in
// If-Match, the version the page showed: a missing one is refused with
// 428, a stale one with 412. A reviewer's decision therefore lands only on
// the record, in the state, that the reviewer saw.
//
// A version is built on the store's own: for an event, the store's version
// (its effective values and review state) and the incident it belongs to
// (so a report moved to another incident is a different version of it);
// for an incident, the store's version (members, figures, actors, reasons)
// and the review state of each report.
//
// The check and the change run under Server.changeMu, so two requests of
// this server cannot both pass the check with the same version. Another
// process writing to the same store is not serialised with them.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"

	"sitrep/internal/consolidate"
	"sitrep/internal/store"
)

// eventVersion is the version of an event as the API shows it: the
// store's version of it (its values and review state) and the incident it
// is in.
func eventVersion(e store.Event, incident string) string {
	return "ev-" + digest(e.Version+"\x00"+incident)
}

// incidentVersion is the version of an incident as the API shows it: the
// store's version of it and its reports' review states (reviews).
func incidentVersion(inc *store.Incident, reviews map[string]string) string {
	var b strings.Builder
	b.WriteString(inc.Version)
	for _, e := range inc.Events {
		b.WriteString("\x00" + e.Key + "\x00" + reviews[e.Key])
	}
	return "inc-" + digest(b.String())
}

func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:12])
}

// etag quotes a version as a strong entity tag.
func etag(version string) string { return `"` + version + `"` }

// ifMatch reports whether the request's If-Match holds the current version;
// when it does not, it has answered 428 (none sent) or 412 (another one),
// with the current version in the ETag header and the body.
func ifMatch(w http.ResponseWriter, r *http.Request, current string) bool {
	h := r.Header.Get("If-Match")
	if strings.TrimSpace(h) == "" {
		w.Header().Set("ETag", etag(current))
		writeJSON(w, http.StatusPreconditionRequired, versionError{
			apiError: apiError{Error: "send If-Match with the version (ETag) of what you are changing, as you last read it", Status: http.StatusPreconditionRequired},
			Current:  current,
		})
		return false
	}
	for _, t := range strings.Split(h, ",") {
		t = strings.TrimSpace(t)
		// If-Match compares strongly: a weak tag never matches.
		if t == "*" || t == etag(current) {
			return true
		}
	}
	w.Header().Set("ETag", etag(current))
	writeJSON(w, http.StatusPreconditionFailed, versionError{
		apiError: apiError{Error: "it has changed since you read it: read it again, then decide", Status: http.StatusPreconditionFailed},
		Current:  current,
	})
	return false
}

type versionError struct {
	apiError
	Current string `json:"current"`
}

// reviewStates maps event keys to their review state (confirmed or
// rejected) from the store's edits, replayed oldest first as the store
// applies them. The map is cached until the store's custody log grows,
// which every write by any process does.
func (s *Server) reviewStates(ctx context.Context) (map[string]string, error) {
	size, err := s.c.Store().LogSize(ctx)
	if err != nil {
		return nil, err
	}
	s.reviewMu.Lock()
	defer s.reviewMu.Unlock()
	if s.reviews != nil && s.reviewsAt == size {
		return s.reviews, nil
	}
	edits, err := s.c.Store().Edits(ctx, store.EditFilter{})
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, e := range edits {
		switch e.Status {
		case store.EditConfirm:
			m[e.EventKey] = store.ReviewConfirmed
		case store.EditReject:
			m[e.EventKey] = store.ReviewRejected
		}
	}
	s.reviews, s.reviewsAt = m, size
	return m, nil
}

// Review states of an incident, from its reports' (a rejected report
// leaves its incident, so only confirmations count).
const (
	incidentUnreviewed = "unreviewed"
	incidentPartly     = "partly confirmed"
	incidentConfirmed  = "confirmed"
)

func incidentReview(inc *consolidate.Incident, reviews map[string]string) string {
	confirmed := 0
	for _, e := range inc.Events {
		if reviews[e.Key] == store.ReviewConfirmed {
			confirmed++
		}
	}
	switch {
	case confirmed == 0:
		return incidentUnreviewed
	case confirmed == len(inc.Events):
		return incidentConfirmed
	default:
		return incidentPartly
	}
}
