package server

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"time"

	"sitrep/internal/auth"
	"sitrep/internal/store"
)

// The audit view joins two records: the review decisions (edits, merges,
// splits) read from the store, where every process writes them with its
// custody record, the command line included; and the server's access log
// (logins, uploads, exports, downloads), kept with the accounts. The access
// log's own lines for review decisions are left out, as the store holds
// those.

// auditItem is one line of the audit view.
type auditItem struct {
	At       time.Time `json:"at"`
	User     string    `json:"user"`
	Action   string    `json:"action"`
	Object   string    `json:"object,omitempty"`
	Detail   string    `json:"detail,omitempty"`
	IP       string    `json:"ip,omitempty"`
	Source   string    `json:"source"`             // "store" (review decisions, any process) or "server"
	Incident string    `json:"incident,omitempty"` // the incident the object belongs to now
	Event    string    `json:"event,omitempty"`    // the event an edit is about
}

// auditScan bounds the access-log lines read per request (newest first).
const auditScan = 100_000

// reviewActions are the access log's lines that the store also records.
var reviewActions = []string{"edit", "merge", "split", store.EditConfirm, store.EditReject}

func (s *Server) audit(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	q := r.URL.Query()
	limit, offset, err := page(q)
	if badRequest(w, err) {
		return
	}
	for _, d := range []string{"since", "until"} {
		if v := q.Get(d); v != "" {
			if _, err := time.Parse("2006-01-02", v); err != nil {
				writeError(w, http.StatusBadRequest, d+": a date written YYYY-MM-DD")
				return
			}
		}
	}
	var all []auditItem
	decisions, err := s.c.Store().Decisions(r.Context())
	if err != nil {
		fail(w, err)
		return
	}
	for _, d := range decisions {
		it := auditItem{At: d.At, User: d.Who, Action: d.Kind, Object: strings.Join(d.Keys, " "), Detail: d.Note, Source: "store"}
		if d.Kind == store.DecisionSplit {
			it.Detail = strings.TrimSpace("apart from " + strings.Join(d.Apart, " ") + " " + d.Note)
		}
		if len(d.Keys) > 0 {
			it.Event = d.Keys[0]
			it.Incident, _ = s.c.IncidentOf(r.Context(), d.Keys[0])
		}
		all = append(all, it)
	}
	edits, err := s.c.Store().Edits(r.Context(), store.EditFilter{})
	if err != nil {
		fail(w, err)
		return
	}
	for _, e := range edits {
		it := auditItem{At: e.At, User: e.Who, Action: e.Status, Object: e.EventKey, Source: "store", Event: e.EventKey}
		if e.Field != "" {
			it.Detail = e.Field + " = " + e.Value
		}
		it.Detail = strings.TrimSpace(it.Detail + noteSuffix(e.Note))
		it.Incident, _ = s.c.IncidentOf(r.Context(), e.EventKey)
		all = append(all, it)
	}
	log, err := s.auth.AuditLog(r.Context(), auditScan)
	if err != nil {
		fail(w, err)
		return
	}
	for _, e := range log {
		if slices.Contains(reviewActions, e.Action) {
			continue
		}
		all = append(all, auditItem{At: e.At, User: e.User, Action: e.Action, Object: e.Object, Detail: e.Detail, IP: e.IP, Source: "server"})
	}
	user, action, object := q.Get("user"), q.Get("action"), strings.ToLower(q.Get("object"))
	since, until := q.Get("since"), q.Get("until")
	kept := all[:0]
	for _, it := range all {
		day := it.At.UTC().Format("2006-01-02")
		switch {
		case user != "" && it.User != user,
			action != "" && it.Action != action,
			object != "" && !strings.Contains(strings.ToLower(it.Object+" "+it.Detail+" "+it.Incident), object),
			since != "" && day < since,
			until != "" && day > until:
			continue
		}
		kept = append(kept, it)
	}
	slices.SortStableFunc(kept, func(a, b auditItem) int { return cmp.Compare(b.At.UnixNano(), a.At.UnixNano()) })
	writeJSON(w, http.StatusOK, map[string]any{"audit": orNone(pageOf(kept, limit, offset)), "total": len(kept), "limit": limit, "offset": offset})
}
