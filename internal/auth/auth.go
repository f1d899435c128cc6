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
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
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
	// The login attempts the rate limiter counts, kept so that a restart
	// does not reset it: AddAttempt records one under each key,
	// DropAttempts forgets a key's attempts (at zero: all of them, else
	// the one at that time), Attempts returns those since a time and
	// forgets older ones.
	AddAttempt(ctx context.Context, keys []string, at time.Time) error
	DropAttempts(ctx context.Context, key string, at time.Time) error
	Attempts(ctx context.Context, since time.Time) (map[string][]time.Time, error)
	Close() error
}

// Policy sets session lifetimes and what login attempts are let through.
type Policy struct {
	IdleTimeout     time.Duration // a session unused this long ends
	AbsoluteTimeout time.Duration // a session ends this long after login, used or not
	// MaxFailures is the number of failed logins allowed per window for
	// one user name from one address. The count is per address so that
	// someone guessing a user's password never locks that user out from
	// anywhere else.
	MaxFailures int
	// MaxAddressFailures is the number allowed per window from one
	// address, whatever the user names: it stops one address trying a
	// password on many accounts.
	MaxAddressFailures int
	FailureWindow      time.Duration
	// MaxChecking is how many password checks run at once; each takes
	// argon2's 64 MiB, and an attempt beyond them is refused at once
	// (ErrBusy) rather than queued.
	MaxChecking int
	// AuditedRefusals is how many failed or refused logins a minute are
	// audited one by one; the rest of the minute's are summed up in one
	// row, so that a flood cannot flood the audit log.
	AuditedRefusals int
}

// DefaultPolicy: 30 minutes idle, 12 hours absolute; 5 failures per user
// and address and 20 per address in 15 minutes; 2 password checks at once;
// 20 refusals a minute audited one by one.
var DefaultPolicy = Policy{IdleTimeout: 30 * time.Minute, AbsoluteTimeout: 12 * time.Hour, MaxFailures: 5, MaxAddressFailures: 20,
	FailureWindow: 15 * time.Minute, MaxChecking: 2, AuditedRefusals: 20}

// Service is the accounts service over a backend.
type Service struct {
	b      Backend
	policy Policy
	now    func() time.Time

	checking chan struct{} // a slot per password check allowed at once
	limits   limiter
	refusals refusalAudit
	counts   struct{ checked, succeeded, rateLimited, busy atomic.Int64 }
}

// LoginCounts says what became of the login attempts since the service
// started: passwords checked (of which succeeded), and attempts refused
// unchecked for the rate limit or for every check slot being busy.
type LoginCounts struct {
	Checked     int64 `json:"checked"`
	Succeeded   int64 `json:"succeeded"`
	RateLimited int64 `json:"rate_limited"`
	Busy        int64 `json:"busy"`
}

// Counts returns the login counts so far.
func (s *Service) Counts() LoginCounts {
	return LoginCounts{Checked: s.counts.checked.Load(), Succeeded: s.counts.succeeded.Load(),
		RateLimited: s.counts.rateLimited.Load(), Busy: s.counts.busy.Load()}
}

// New returns the service over b with the given policy.
func New(b Backend, p Policy) *Service {
	s := &Service{b: b, policy: p, now: time.Now, checking: make(chan struct{}, max(1, p.MaxChecking))}
	s.limits.attempts = map[string][]time.Time{}
	return s
}

// Close writes the audit summary still pending and closes the backend.
func (s *Service) Close() error {
	s.refusals.flush(context.Background(), s.b)
	return s.b.Close()
}

// Login refusals callers test for: too many recent failures from the
// address (ErrRateLimited, HTTP 429), or every password check slot busy
// (ErrBusy, HTTP 503); neither checks the password.
var (
	ErrRateLimited = errors.New("too many failed logins; try again later")
	ErrBusy        = errors.New("too many logins at once; try again in a moment")
)

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

// Login checks a password and opens a new session: a fresh random id on
// every login, so a session id planted before login is worthless after.
//
// Before the password is checked the attempt is counted against the
// address and against the user name from that address, as a failure until
// it succeeds; parallel guesses are then limited as sequential ones are.
// An attempt over either limit, or finding every password check slot
// taken, is refused without a check.
func (s *Service) Login(ctx context.Context, name, password, ip string) (Session, error) {
	now := s.now()
	keys := []string{"ip:" + ip, "ip:" + ip + " user:" + nameKey(name)}
	ok, err := s.limits.reserve(ctx, s.b, keys, []int{s.policy.MaxAddressFailures, s.policy.MaxFailures}, now, s.policy.FailureWindow)
	if err != nil {
		return Session{}, err
	}
	if !ok {
		s.counts.rateLimited.Add(1)
		s.refusals.note(ctx, s.b, s.policy.AuditedRefusals, AuditEntry{At: now.UTC(), User: name, Action: "login-refused", Detail: "rate limited", IP: ip})
		return Session{}, ErrRateLimited
	}
	select {
	case s.checking <- struct{}{}:
		defer func() {
			<-s.checking
			// A check leaves argon2's 64 MiB behind as garbage, which
			// the collector's pacing lets pile up under a flood of
			// logins; collecting now bounds the memory a flood takes.
			runtime.GC()
		}()
	default:
		// Not checked, so not counted.
		s.counts.busy.Add(1)
		s.limits.drop(ctx, s.b, keys, now)
		s.refusals.note(ctx, s.b, s.policy.AuditedRefusals, AuditEntry{At: now.UTC(), User: name, Action: "login-refused", Detail: "busy", IP: ip})
		return Session{}, ErrBusy
	}
	u, hash, err := s.b.GetUser(ctx, name)
	if err != nil && !errors.Is(err, ErrNoUser) {
		s.limits.drop(ctx, s.b, keys, now)
		return Session{}, err
	}
	s.counts.checked.Add(1)
	if err != nil {
		checkPassword(dummyHash(), password) // the same time whether the user exists or not
	}
	if err != nil || !checkPassword(hash, password) {
		s.refusals.note(ctx, s.b, s.policy.AuditedRefusals, AuditEntry{At: now.UTC(), User: name, Action: "login-failed", IP: ip})
		return Session{}, ErrBadPassword
	}
	s.counts.succeeded.Add(1)
	// A success is no failure: forget this attempt from the address, and
	// every earlier one of the user's from it.
	s.limits.drop(ctx, s.b, keys[:1], now)
	s.limits.drop(ctx, s.b, keys[1:], time.Time{})
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

// nameKey stands for a user name in the limiter's keys: whatever was
// typed at the form, a short digest any backend can store.
func nameKey(name string) string {
	sum := sha256.Sum256([]byte(name))
	return hex.EncodeToString(sum[:16])
}

// dummyHash is checked when the user does not exist. Made on first use:
// every sitrep command links this package, and a hash costs 64 MiB.
var dummyHash = sync.OnceValue(func() string {
	h, _ := hashPassword("not a password anyone has")
	return h
})

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

// AuditLog returns the latest entries, newest first, with the summary of
// refused logins so far this minute.
func (s *Service) AuditLog(ctx context.Context, limit int) ([]AuditEntry, error) {
	s.refusals.flush(ctx, s.b)
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
