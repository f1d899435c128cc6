// Package server is sitrep's HTTP API and web interface. Every route
// checks the session and the role it needs; every state change also
// checks that the request comes from the app's own pages (Fetch metadata
// or Origin, and the session's CSRF token). The API calls the same corpus
// and store code as the command line, so both give the same answers.
package server

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"

	"sitrep/internal/auth"
	"sitrep/internal/corpus"
	"sitrep/internal/store"
)

//go:embed ui
var uiFiles embed.FS

// Server serves the API and the UI.
type Server struct {
	c       *corpus.Corpus
	auth    *auth.Service
	mux     *http.ServeMux
	secure  bool // served over TLS: cookies are Secure, HSTS is sent
	private bool // URL captures may reach private addresses
	proxies []netip.Prefix

	// changeMu holds a version check and the change it allows together
	// (version.go).
	changeMu sync.Mutex

	reviewMu  sync.Mutex
	reviews   map[string]string // event key → review state
	reviewsAt int64             // the custody log size reviews was read at

	outletMu sync.Mutex
	outlets  map[string]string // document id → outlet

	views viewCache // answers built by walking much of the corpus (cache.go)

	closing   chan struct{} // closed when the server shuts down: live streams end
	closeOnce sync.Once

	etags sync.Map // embedded file name → ETag

	answers answers // timelines kept until the next write (mapview.go)
}

// Config configures a Server.
type Config struct {
	Corpus *corpus.Corpus
	Auth   *auth.Service
	TLS    bool
	// TrustedProxies are the reverse proxies in front of the server. Only
	// a request from one of them has its X-Forwarded-For read, so that the
	// login limits count the client behind the proxy, and no client can
	// choose the address it is counted as.
	TrustedProxies []netip.Prefix
	// FetchPrivate lets URL captures reach loopback and private
	// addresses; off, a user of the server cannot make it read the
	// network it runs in.
	FetchPrivate bool
	// ReadOnly serves a store opened read-only: every route that would
	// change the corpus answers 409 at once, before asking for versions.
	ReadOnly bool
}

const cookieName = "sitrep_session"

// New builds the server's routes.
func New(cfg Config) *Server {
	s := &Server{c: cfg.Corpus, auth: cfg.Auth, mux: http.NewServeMux(), secure: cfg.TLS, private: cfg.FetchPrivate, proxies: cfg.TrustedProxies,
		closing: make(chan struct{})}
	// The roles come from the routes table, which is also the OpenAPI
	// description and what the access test walks: one list, so that no
	// route can be served with a role other than the documented one.
	impl := map[string]any{
		"POST /api/login":                 http.HandlerFunc(s.login),
		"GET /api/openapi.json":           http.HandlerFunc(s.openAPI),
		"POST /api/logout":                handler(s.logout),
		"GET /api/me":                     handler(s.me),
		"GET /api/stats":                  handler(s.stats),
		"GET /api/changes":                handler(s.changes),
		"GET /api/documents":              handler(s.documents),
		"GET /api/documents/{id}":         handler(s.document),
		"GET /api/originals/{hash}":       handler(s.original),
		"GET /api/events":                 handler(s.events),
		"GET /api/events/{key}":           handler(s.event),
		"GET /api/events/{key}/edits":     handler(s.eventEdits),
		"POST /api/events/{key}/edits":    handler(s.addEdit),
		"GET /api/incidents":              handler(s.incidents),
		"GET /api/incidents/{id}":         handler(s.incident),
		"POST /api/incidents/{id}/merge":  handler(s.merge),
		"POST /api/incidents/{id}/split":  handler(s.split),
		"POST /api/incidents/{id}/review": handler(s.review),
		"GET /api/actors":                 handler(s.actors),
		"GET /api/actors/{id}":            handler(s.actor),
		"GET /api/actors/{id}/documents":  handler(s.actorDocuments),
		"GET /api/actors/{id}/claims":     handler(s.actorClaims),
		"GET /api/claims":                 handler(s.claims),
		"GET /api/graph":                  handler(s.graph),
		"GET /api/network":                handler(s.networkView),
		"GET /api/network/claims":         handler(s.networkClaims),
		"GET /api/search":                 handler(s.search),
		"GET /api/timeline":               handler(s.timeline),
		"GET /api/map":                    handler(s.mapPoints),
		"POST /api/ingest":                handler(s.ingest),
		"GET /api/export":                 handler(s.export),
		"GET /api/export/incidents":       handler(s.exportIncidents),
		"GET /api/audit":                  handler(s.audit),
	}
	for _, rt := range routes {
		pattern := rt.Method + " " + rt.Path
		switch h := impl[pattern].(type) {
		case http.HandlerFunc:
			if rt.Role != "" {
				panic("server: " + pattern + " is public in code but needs " + rt.Role + " in the routes table")
			}
			s.mux.Handle(pattern, s.public(h))
		case handler:
			if auth.RoleRank(rt.Role) == 0 {
				panic("server: " + pattern + " needs a role in the routes table")
			}
			if cfg.ReadOnly && rt.Method != http.MethodGet && pattern != "POST /api/logout" {
				h = refuseReadOnly
			}
			s.mux.Handle(pattern, s.need(rt.Role, h))
		default:
			panic("server: no handler for " + pattern)
		}
		delete(impl, pattern)
	}
	for pattern := range impl {
		panic("server: " + pattern + " is missing from the routes table")
	}
	s.mux.Handle("/api/", s.public(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such API route")
	}))
	ui, _ := fs.Sub(uiFiles, "ui")
	static := http.FileServerFS(ui)
	s.mux.Handle("/", s.public(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			writeError(w, http.StatusMethodNotAllowed, "the pages are read-only")
			return
		}
		if r.URL.Path != "/" && strings.HasSuffix(r.URL.Path, "/") {
			writeError(w, http.StatusNotFound, "no such page") // no directory listings
			return
		}
		// Embedded files have no modification time: an ETag from their
		// content lets the browser keep them (the base map weighs 2 MB)
		// and ask again cheaply.
		w.Header().Set("Cache-Control", "no-cache")
		if tag := s.staticETag(ui, strings.TrimPrefix(r.URL.Path, "/")); tag != "" {
			w.Header().Set("ETag", tag)
		}
		static.ServeHTTP(w, r)
	}))
	return s
}

// staticETag is the ETag of an embedded file, from its content.
func (s *Server) staticETag(ui fs.FS, name string) string {
	if name == "" {
		name = "index.html"
	}
	if t, ok := s.etags.Load(name); ok {
		return t.(string)
	}
	b, err := fs.ReadFile(ui, name)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	t := `"` + hex.EncodeToString(sum[:12]) + `"`
	s.etags.Store(name, t)
	return t
}

// ServeHTTP adds the headers every response carries.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// No inline script anywhere and no style elements; archived pages are
	// never shown as HTML (originals are served as attachments, texts as
	// text). Style attributes are allowed because the map and network
	// libraries position their elements with them; they cannot run code.
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; "+
		"worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	if s.secure {
		// A browser that once reached the server over TLS never tries
		// plain HTTP again, where a session cookie could be taken.
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	s.mux.ServeHTTP(w, r)
}

// ListenAndServe serves until ctx ends, then shuts down gracefully. With
// certFile and keyFile it serves HTTPS (and the session cookie is Secure,
// as Config.TLS says).
func (s *Server) ListenAndServe(ctx context.Context, addr, certFile, keyFile string, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	srv.RegisterOnShutdown(s.Close)
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() {
		if certFile != "" {
			errc <- srv.ServeTLS(ln, certFile, keyFile)
			return
		}
		errc <- srv.Serve(ln)
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	}
}

// Close ends the live streams (a server shutting down waits for open
// requests, and a stream would keep it waiting).
func (s *Server) Close() { s.closeOnce.Do(func() { close(s.closing) }) }

// handler is a route that knows its session.
type handler func(w http.ResponseWriter, r *http.Request, sess auth.Session)

// refuseReadOnly answers a change asked of a read-only store.
func refuseReadOnly(w http.ResponseWriter, _ *http.Request, _ auth.Session) {
	fail(w, fmt.Errorf("this server reads a store opened read-only: %w", store.ErrReadOnly))
}

// public routes still refuse cross-site state changes.
func (s *Server) public(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !safeMethod(r.Method) && !sameOrigin(r) {
			writeError(w, http.StatusForbidden, "cross-origin request refused")
			return
		}
		h(w, r)
	})
}

// need checks the session, the role and, for state changes, the origin
// and the CSRF token.
func (s *Server) need(role string, h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(cookieName)
		if err != nil {
			writeError(w, http.StatusUnauthorized, "log in first")
			return
		}
		sess, err := s.auth.Session(r.Context(), c.Value)
		if err != nil {
			s.clearCookie(w)
			writeError(w, http.StatusUnauthorized, "the session has ended: log in again")
			return
		}
		if !safeMethod(r.Method) {
			if !sameOrigin(r) {
				writeError(w, http.StatusForbidden, "cross-origin request refused")
				return
			}
			if !auth.SameToken(r.Header.Get("X-CSRF-Token"), sess.CSRF) {
				writeError(w, http.StatusForbidden, "missing or wrong X-CSRF-Token")
				return
			}
		}
		if auth.RoleRank(sess.Role) < auth.RoleRank(role) {
			writeError(w, http.StatusForbidden, fmt.Sprintf("this needs the %s role; you are %s", role, sess.Role))
			return
		}
		h(w, r, sess)
	})
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// sameOrigin accepts a request the browser marks same-origin, or whose
// Origin is this host; a request with neither (a command-line client)
// has no ambient cookies to abuse and still needs the CSRF token.
func sameOrigin(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" {
		return site == "same-origin" || site == "none"
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	o := strings.TrimPrefix(strings.TrimPrefix(origin, "https://"), "http://")
	return o == r.Host
}

func (s *Server) setCookie(w http.ResponseWriter, sess auth.Session) {
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: sess.ID, Path: "/", HttpOnly: true, Secure: s.secure,
		SameSite: http.SameSiteStrictMode, Expires: sess.ExpiresAt})
}

func (s *Server) clearCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: "", Path: "/", HttpOnly: true, Secure: s.secure,
		SameSite: http.SameSiteStrictMode, MaxAge: -1})
}

// apiError is every error's JSON form.
type apiError struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, apiError{Error: msg, Status: status})
}

// fail maps an error to its status: not found, invalid, or the server's.
// No message names a directory of the server's.
func fail(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, redactPaths(err.Error()))
	case errors.Is(err, store.ErrInvalid), errors.Is(err, auth.ErrInvalid):
		writeError(w, http.StatusBadRequest, redactPaths(err.Error()))
	case errors.Is(err, store.ErrReadOnly):
		writeError(w, http.StatusConflict, redactPaths(err.Error()))
	case errors.Is(err, context.Canceled):
		writeError(w, 499, "request cancelled")
	default:
		writeError(w, http.StatusInternalServerError, redactPaths(err.Error()))
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

// clientIP is the address a request is counted and audited as: the peer,
// or, when the peer is a trusted proxy, the nearest address in
// X-Forwarded-For that is not one (each proxy appends the address it was
// reached from, so the entries left of the first untrusted one are the
// client's to choose, and ignored).
func (s *Server) clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil || !s.trusted(peer) {
		return host
	}
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(v, ",")...)
	}
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			// A hop the proxy passed on unparsed: count the request as
			// the proxy's rather than trust anything further left.
			return peer.Unmap().String()
		}
		if a = a.Unmap(); !s.trusted(a) {
			return a.String()
		}
	}
	return peer.Unmap().String()
}

func (s *Server) trusted(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range s.proxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
