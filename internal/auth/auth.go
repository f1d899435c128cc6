// Package auth keeps sitrep's local accounts, their sessions and the audit
// log of what they did. Passwords are stored as argon2id hashes; session
// ids are random and stored only as their SHA-256, so a copy of the
// database does not let anyone in. Three backends share one test suite: a
// SQLite file beside the corpus (auth.db), tables in the PostgreSQL
// database of a corpus kept there, and memory, for tests.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/argon2"
)

// Roles, each allowed what the one before it may do and more.
const (
	Viewer = "viewer" // reads everything
	Editor = "editor" // also reviews events, merges and splits incidents, ingests
	Admin  = "admin"  // also reads the audit log
)

// RoleRank orders roles; an unknown role ranks below every known one.
func RoleRank(role string) int {
	switch role {
	case Viewer:
		return 1
	case Editor:
		return 2
	case Admin:
		return 3
	}
	return 0
}

// Errors callers test for.
var (
	ErrNoUser      = errors.New("no such user")
	ErrExists      = errors.New("user exists")
	ErrBadPassword = errors.New("wrong user name or password")
	ErrNoSession   = errors.New("no valid session")
	ErrInvalid     = errors.New("invalid argument")
)

// User is a local account.
type User struct {
	Name    string    `json:"name"`
	Role    string    `json:"role"`
	Created time.Time `json:"created"`
	hash    string    // argon2id, encoded
}

// Session is a logged-in user's session.
type Session struct {
	ID        string    `json:"-"` // the secret the cookie carries; only its hash is stored
	User      string    `json:"user"`
	Role      string    `json:"role"`
	CSRF      string    `json:"-"` // the token state-changing requests must echo
	Created   time.Time `json:"created"`
	LastSeen  time.Time `json:"last_seen"`
	ExpiresAt time.Time `json:"expires_at"` // the absolute limit
}

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	At     time.Time `json:"at"`
	User   string    `json:"user"`
	Action string    `json:"action"` // login, login-failed, logout, edit, merge, split, ingest, export
	Object string    `json:"object,omitempty"`
	Detail string    `json:"detail,omitempty"`
	IP     string    `json:"ip,omitempty"`
}

// Backend stores users, sessions (by the hash of their id) and the audit
// log.
type Backend interface {
	PutUser(ctx context.Context, u User, hash string, replace bool) error
	GetUser(ctx context.Context, name string) (User, string, error)
	Users(ctx context.Context) ([]User, error)
	PutSession(ctx context.Context, idHash string, s Session) error
	GetSession(ctx context.Context, idHash string) (Session, error)
	TouchSession(ctx context.Context, idHash string, at time.Time) error
	DeleteSession(ctx context.Context, idHash string) error
	DeleteUserSessions(ctx context.Context, user string) error
	Audit(ctx context.Context, e AuditEntry) error
	AuditLog(ctx context.Context, limit int) ([]AuditEntry, error)
	Close() error
}

// Policy sets session lifetimes and the login rate limit.
type Policy struct {
	IdleTimeout     time.Duration // a session unused this long ends
	AbsoluteTimeout time.Duration // a session ends this long after login, used or not
	MaxFailures     int           // failed logins allowed per window, per account and per address
	FailureWindow   time.Duration
}

// DefaultPolicy: 30 minutes idle, 12 hours absolute, 5 failures per 15 minutes.
var DefaultPolicy = Policy{IdleTimeout: 30 * time.Minute, AbsoluteTimeout: 12 * time.Hour, MaxFailures: 5, FailureWindow: 15 * time.Minute}

// Service is the accounts service over a backend.
type Service struct {
	b      Backend
	policy Policy
	now    func() time.Time

	mu       sync.Mutex
	failures map[string][]time.Time // "user:NAME" or "ip:ADDR" → recent failures
}

// New returns the service over b with the given policy.
func New(b Backend, p Policy) *Service {
	return &Service{b: b, policy: p, now: time.Now, failures: map[string][]time.Time{}}
}

// Close closes the backend.
func (s *Service) Close() error { return s.b.Close() }

// ErrRateLimited reports too many recent failed logins.
var ErrRateLimited = errors.New("too many failed logins; try again later")

// argon2id parameters: RFC 9106's second recommended option (64 MiB,
// three passes), which keeps a login under a tenth of a second here.
const (
	argonTime    = 3
	argonMemory  = 64 * 1024
	argonThreads = 2
	argonKeyLen  = 32
)

func hashPassword(pw string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("argon2id$v=19$m=%d,t=%d,p=%d$%s$%s", argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

func checkPassword(encoded, pw string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 5 || parts[0] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[2], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[3])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[4])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// AddUser creates an account, or with replace sets its role and password.
func (s *Service) AddUser(ctx context.Context, name, role, password string, replace bool) error {
	if !validName(name) {
		return fmt.Errorf("user name %q: letters, digits, '.', '-' and '_' only, 1–64 of them: %w", name, ErrInvalid)
	}
	if RoleRank(role) == 0 {
		return fmt.Errorf("role %q: viewer, editor or admin: %w", role, ErrInvalid)
	}
	if len(password) < 10 {
		return fmt.Errorf("a password needs at least 10 characters: %w", ErrInvalid)
	}
	h, err := hashPassword(password)
	if err != nil {
		return err
	}
	if err := s.b.PutUser(ctx, User{Name: name, Role: role, Created: s.now().UTC()}, h, replace); err != nil {
		return err
	}
	if replace {
		// A changed password or role ends the sessions opened before.
		return s.b.DeleteUserSessions(ctx, name)
	}
	return nil
}

func validName(n string) bool {
	if n == "" || len(n) > 64 {
		return false
	}
	for _, r := range n {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// Users lists the accounts.
func (s *Service) Users(ctx context.Context) ([]User, error) { return s.b.Users(ctx) }

// limited reports whether key has used up its failures in the window,
// forgetting older ones.
func (s *Service) limited(key string, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	recent := s.failures[key][:0]
	for _, t := range s.failures[key] {
		if now.Sub(t) < s.policy.FailureWindow {
			recent = append(recent, t)
		}
	}
	if len(recent) == 0 {
		// Forget the key: otherwise guessed names would grow the map forever.
		delete(s.failures, key)
		return false
	}
	s.failures[key] = recent
	return len(recent) >= s.policy.MaxFailures
}

func (s *Service) fail(now time.Time, keys ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range keys {
		s.failures[k] = append(s.failures[k], now)
	}
}

// Login checks a password and opens a new session: a fresh random id on
// every login, so a session id planted before login is worthless after.
func (s *Service) Login(ctx context.Context, name, password, ip string) (Session, error) {
	now := s.now()
	if s.limited("user:"+name, now) || s.limited("ip:"+ip, now) {
		s.b.Audit(ctx, AuditEntry{At: now.UTC(), User: name, Action: "login-refused", Detail: "rate limited", IP: ip})
		return Session{}, ErrRateLimited
	}
	u, hash, err := s.b.GetUser(ctx, name)
	if err != nil || !checkPassword(hash, password) {
		if err != nil && !errors.Is(err, ErrNoUser) {
			return Session{}, err
		}
		if err != nil {
			checkPassword(dummyHash, password) // the same time whether the user exists or not
		}
		s.fail(now, "user:"+name, "ip:"+ip)
		s.b.Audit(ctx, AuditEntry{At: now.UTC(), User: name, Action: "login-failed", IP: ip})
		return Session{}, ErrBadPassword
	}
	id, err := randomToken()
	if err != nil {
		return Session{}, err
	}
	csrf, err := randomToken()
	if err != nil {
		return Session{}, err
	}
	sess := Session{ID: id, User: u.Name, Role: u.Role, CSRF: csrf, Created: now.UTC(), LastSeen: now.UTC(), ExpiresAt: now.Add(s.policy.AbsoluteTimeout).UTC()}
	if err := s.b.PutSession(ctx, hashID(id), sess); err != nil {
		return Session{}, err
	}
	s.b.Audit(ctx, AuditEntry{At: now.UTC(), User: u.Name, Action: "login", IP: ip})
	return sess, nil
}

var dummyHash, _ = hashPassword("not a password anyone has")

// Session returns the live session with this id and marks it used; an
// expired or idle one is deleted and refused.
func (s *Service) Session(ctx context.Context, id string) (Session, error) {
	if id == "" {
		return Session{}, ErrNoSession
	}
	h := hashID(id)
	sess, err := s.b.GetSession(ctx, h)
	if err != nil {
		return Session{}, ErrNoSession
	}
	now := s.now()
	if now.After(sess.ExpiresAt) || now.Sub(sess.LastSeen) > s.policy.IdleTimeout {
		s.b.DeleteSession(ctx, h)
		return Session{}, ErrNoSession
	}
	// The role is read again: a demoted user loses rights at once.
	u, _, err := s.b.GetUser(ctx, sess.User)
	if err != nil {
		s.b.DeleteSession(ctx, h)
		return Session{}, ErrNoSession
	}
	sess.Role = u.Role
	sess.ID = id
	if now.Sub(sess.LastSeen) > time.Minute {
		s.b.TouchSession(ctx, h, now.UTC())
	}
	return sess, nil
}

// Logout ends a session.
func (s *Service) Logout(ctx context.Context, sess Session, ip string) error {
	s.b.Audit(ctx, AuditEntry{At: s.now().UTC(), User: sess.User, Action: "logout", IP: ip})
	return s.b.DeleteSession(ctx, hashID(sess.ID))
}

// EndSession ends a session without an audit entry: the browser logged
// in again, which is audited as a login.
func (s *Service) EndSession(ctx context.Context, sess Session) error {
	return s.b.DeleteSession(ctx, hashID(sess.ID))
}

// Audit records an action.
func (s *Service) Audit(ctx context.Context, e AuditEntry) error {
	if e.At.IsZero() {
		e.At = s.now().UTC()
	}
	return s.b.Audit(ctx, e)
}

// AuditLog returns the latest entries, newest first.
func (s *Service) AuditLog(ctx context.Context, limit int) ([]AuditEntry, error) {
	return s.b.AuditLog(ctx, limit)
}

func randomToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func hashID(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:])
}

// SameToken compares a request's CSRF token with the session's in
// constant time.
func SameToken(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
