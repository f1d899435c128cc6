package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	_ "modernc.org/sqlite" // the database/sql driver "sqlite"
)

// Memory is a Backend in memory, for tests.
type Memory struct {
	mu       sync.Mutex
	users    map[string]User
	hashes   map[string]string
	sessions map[string]Session
	audit    []AuditEntry
	attempts map[string][]time.Time
}

var (
	_ Backend = (*Memory)(nil)
	_ Backend = (*SQLite)(nil)
)

// NewMemory returns an empty in-memory backend.
func NewMemory() *Memory {
	return &Memory{users: map[string]User{}, hashes: map[string]string{}, sessions: map[string]Session{}, attempts: map[string][]time.Time{}}
}

func (m *Memory) PutUser(_ context.Context, u User, hash string, replace bool) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.users[u.Name]; ok {
		if !replace {
			return fmt.Errorf("%s: %w", u.Name, ErrExists)
		}
		u.Created = old.Created
	}
	m.users[u.Name], m.hashes[u.Name] = u, hash
	return nil
}

func (m *Memory) GetUser(_ context.Context, name string) (User, string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	u, ok := m.users[name]
	if !ok {
		return User{}, "", ErrNoUser
	}
	return u, m.hashes[name], nil
}

func (m *Memory) Users(context.Context) ([]User, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []User
	for _, u := range m.users {
		out = append(out, u)
	}
	slices.SortFunc(out, func(a, b User) int { return cmpString(a.Name, b.Name) })
	return out, nil
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (m *Memory) PutSession(_ context.Context, h string, s Session) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	s.ID = ""
	m.sessions[h] = s
	return nil
}

func (m *Memory) GetSession(_ context.Context, h string) (Session, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.sessions[h]
	if !ok {
		return Session{}, ErrNoSession
	}
	return s, nil
}

func (m *Memory) TouchSession(_ context.Context, h string, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if s, ok := m.sessions[h]; ok {
		s.LastSeen = at
		m.sessions[h] = s
	}
	return nil
}

func (m *Memory) DeleteSession(_ context.Context, h string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.sessions, h)
	return nil
}

func (m *Memory) DeleteUserSessions(_ context.Context, user string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for h, s := range m.sessions {
		if s.User == user {
			delete(m.sessions, h)
		}
	}
	return nil
}

func (m *Memory) Audit(_ context.Context, e AuditEntry) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.audit = append(m.audit, e)
	return nil
}

func (m *Memory) AuditLog(_ context.Context, limit int) ([]AuditEntry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []AuditEntry
	for i := len(m.audit) - 1; i >= 0 && (limit <= 0 || len(out) < limit); i-- {
		out = append(out, m.audit[i])
	}
	return out, nil
}

func (m *Memory) AddAttempt(_ context.Context, keys []string, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, k := range keys {
		m.attempts[k] = append(m.attempts[k], at)
	}
	return nil
}

func (m *Memory) DropAttempts(_ context.Context, key string, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if at.IsZero() {
		delete(m.attempts, key)
		return nil
	}
	ts := m.attempts[key]
	if i := slices.IndexFunc(ts, at.Equal); i >= 0 {
		m.attempts[key] = slices.Delete(ts, i, i+1)
	}
	return nil
}

func (m *Memory) Attempts(_ context.Context, since time.Time) (map[string][]time.Time, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string][]time.Time{}
	for k, ts := range m.attempts {
		ts = slices.DeleteFunc(ts, func(t time.Time) bool { return t.Before(since) })
		if len(ts) == 0 {
			delete(m.attempts, k)
			continue
		}
		m.attempts[k] = ts
		out[k] = slices.Clone(ts)
	}
	return out, nil
}

func (m *Memory) Close() error { return nil }

// SQLite is a Backend in the file auth.db of a data directory, kept apart
// from the corpus so that accounts never enter the custody log.
type SQLite struct{ db *sql.DB }

// FileName is the accounts database in a data directory.
const FileName = "auth.db"

const schema = `
CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, role TEXT NOT NULL, hash TEXT NOT NULL, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (id_hash TEXT PRIMARY KEY, user TEXT NOT NULL, role TEXT NOT NULL, csrf TEXT NOT NULL,
	created TEXT NOT NULL, last_seen TEXT NOT NULL, expires_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user);
CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, action TEXT NOT NULL,
	object TEXT NOT NULL, detail TEXT NOT NULL, ip TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS login_attempts (key TEXT NOT NULL, at INTEGER NOT NULL); -- at: Unix nanoseconds
CREATE INDEX IF NOT EXISTS login_attempts_key ON login_attempts(key, at);`

// OpenSQLite opens (creating) dir/auth.db, readable by its owner only.
func OpenSQLite(ctx context.Context, dir string) (*SQLite, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("auth: %w", err)
	}
	path := filepath.Join(dir, FileName)
	// Created readable by its owner only before SQLite opens it: its -wal
	// and -shm files take the database's mode when they are made.
	if f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE|os.O_EXCL, 0o600); err == nil {
		f.Close()
	}
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("auth: %w", err)
	}
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("auth: open %s: %w", path, err)
	}
	os.Chmod(path, 0o600)
	return &SQLite{db: db}, nil
}

const timeFmt = time.RFC3339Nano

func (s *SQLite) PutUser(ctx context.Context, u User, hash string, replace bool) error {
	q := `INSERT INTO users(name, role, hash, created) VALUES(?,?,?,?)`
	if replace {
		q += ` ON CONFLICT(name) DO UPDATE SET role=excluded.role, hash=excluded.hash`
	}
	_, err := s.db.ExecContext(ctx, q, u.Name, u.Role, hash, u.Created.Format(timeFmt))
	if err != nil && !replace {
		if _, _, gerr := s.GetUser(ctx, u.Name); gerr == nil {
			return fmt.Errorf("%s: %w", u.Name, ErrExists)
		}
	}
	return err
}

func (s *SQLite) GetUser(ctx context.Context, name string) (User, string, error) {
	var u User
	var hash, created string
	err := s.db.QueryRowContext(ctx, `SELECT name, role, hash, created FROM users WHERE name=?`, name).Scan(&u.Name, &u.Role, &hash, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, "", ErrNoUser
	}
	u.Created, _ = time.Parse(timeFmt, created)
	return u, hash, err
}

func (s *SQLite) Users(ctx context.Context) ([]User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, role, created FROM users ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		var u User
		var created string
		if err := rows.Scan(&u.Name, &u.Role, &created); err != nil {
			return nil, err
		}
		u.Created, _ = time.Parse(timeFmt, created)
		out = append(out, u)
	}
	return out, rows.Err()
}

func (s *SQLite) PutSession(ctx context.Context, h string, x Session) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO sessions VALUES(?,?,?,?,?,?,?)`, h, x.User, x.Role, x.CSRF,
		x.Created.Format(timeFmt), x.LastSeen.Format(timeFmt), x.ExpiresAt.Format(timeFmt))
	return err
}

func (s *SQLite) GetSession(ctx context.Context, h string) (Session, error) {
	var x Session
	var c, l, e string
	err := s.db.QueryRowContext(ctx, `SELECT user, role, csrf, created, last_seen, expires_at FROM sessions WHERE id_hash=?`, h).
		Scan(&x.User, &x.Role, &x.CSRF, &c, &l, &e)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, ErrNoSession
	}
	x.Created, _ = time.Parse(timeFmt, c)
	x.LastSeen, _ = time.Parse(timeFmt, l)
	x.ExpiresAt, _ = time.Parse(timeFmt, e)
	return x, err
}

func (s *SQLite) TouchSession(ctx context.Context, h string, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE sessions SET last_seen=? WHERE id_hash=?`, at.Format(timeFmt), h)
	return err
}

func (s *SQLite) DeleteSession(ctx context.Context, h string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash=?`, h)
	return err
}

func (s *SQLite) DeleteUserSessions(ctx context.Context, user string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE user=?`, user)
	return err
}

func (s *SQLite) Audit(ctx context.Context, e AuditEntry) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO audit(at, user, action, object, detail, ip) VALUES(?,?,?,?,?,?)`,
		e.At.Format(timeFmt), e.User, e.Action, e.Object, e.Detail, e.IP)
	return err
}

func (s *SQLite) AuditLog(ctx context.Context, limit int) ([]AuditEntry, error) {
	if limit <= 0 {
		limit = 1000
	}
	rows, err := s.db.QueryContext(ctx, `SELECT at, user, action, object, detail, ip FROM audit ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at string
		if err := rows.Scan(&at, &e.User, &e.Action, &e.Object, &e.Detail, &e.IP); err != nil {
			return nil, err
		}
		e.At, _ = time.Parse(timeFmt, at)
		out = append(out, e)
	}
	return out, rows.Err()
}

func (s *SQLite) AddAttempt(ctx context.Context, keys []string, at time.Time) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, `INSERT INTO login_attempts(key, at) VALUES(?, ?)`, k, at.UnixNano()); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func (s *SQLite) DropAttempts(ctx context.Context, key string, at time.Time) error {
	if at.IsZero() {
		_, err := s.db.ExecContext(ctx, `DELETE FROM login_attempts WHERE key = ?`, key)
		return err
	}
	_, err := s.db.ExecContext(ctx, `DELETE FROM login_attempts WHERE rowid = (SELECT rowid FROM login_attempts WHERE key = ? AND at = ? LIMIT 1)`,
		key, at.UnixNano())
	return err
}

func (s *SQLite) Attempts(ctx context.Context, since time.Time) (map[string][]time.Time, error) {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM login_attempts WHERE at < ?`, since.UnixNano()); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT key, at FROM login_attempts ORDER BY at`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]time.Time{}
	for rows.Next() {
		var k string
		var at int64
		if err := rows.Scan(&k, &at); err != nil {
			return nil, err
		}
		out[k] = append(out[k], time.Unix(0, at))
	}
	return out, rows.Err()
}

func (s *SQLite) Close() error { return s.db.Close() }

// ReadOnly is a Backend over an auth.db that cannot be written, as on
// read-only media: accounts are read from it, and sessions, the audit log
// and the login limits are kept in memory until the server stops.
type ReadOnly struct {
	accounts *SQLite
	*Memory
}

var _ Backend = (*ReadOnly)(nil)

// OpenSQLiteReadOnly opens dir/auth.db for reading accounts only.
func OpenSQLiteReadOnly(ctx context.Context, dir string) (*ReadOnly, error) {
	path := filepath.Join(dir, FileName)
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("auth: %w", err)
	}
	uri := "file:" + strings.ReplaceAll(path, "%", "%25")
	var db *sql.DB
	var err error
	// immutable: on read-only media the -shm file a WAL database needs
	// cannot be made; nothing writes the file while it is mounted so.
	for _, dsn := range []string{uri + "?mode=ro", uri + "?mode=ro&immutable=1"} {
		if db, err = sql.Open("sqlite", dsn); err != nil {
			continue
		}
		var n int
		if err = db.QueryRowContext(ctx, "SELECT COUNT(*) FROM users").Scan(&n); err == nil {
			break
		}
		db.Close()
	}
	if err != nil {
		return nil, fmt.Errorf("auth: open %s read-only: %w", path, err)
	}
	return &ReadOnly{accounts: &SQLite{db: db}, Memory: NewMemory()}, nil
}

func (r *ReadOnly) PutUser(context.Context, User, string, bool) error {
	return fmt.Errorf("auth: accounts are read-only here: %w", ErrInvalid)
}

func (r *ReadOnly) GetUser(ctx context.Context, name string) (User, string, error) {
	return r.accounts.GetUser(ctx, name)
}

func (r *ReadOnly) Users(ctx context.Context) ([]User, error) { return r.accounts.Users(ctx) }

func (r *ReadOnly) Close() error { return r.accounts.Close() }

// Postgres is a Backend in a PostgreSQL database, beside a corpus kept
// there (tables auth_users, auth_sessions, auth_audit), so that every
// server of a team shares the accounts and their sessions. Like auth.db,
// the tables are not part of the corpus's custody log.
type Postgres struct{ pool *pgxpool.Pool }

var _ Backend = (*Postgres)(nil)

const pgSchema = `
CREATE TABLE IF NOT EXISTS auth_users (name text PRIMARY KEY, role text NOT NULL, hash text NOT NULL, created timestamptz NOT NULL);
CREATE TABLE IF NOT EXISTS auth_sessions (id_hash text PRIMARY KEY, who text NOT NULL, role text NOT NULL, csrf text NOT NULL,
	created timestamptz NOT NULL, last_seen timestamptz NOT NULL, expires_at timestamptz NOT NULL);
CREATE INDEX IF NOT EXISTS auth_sessions_who ON auth_sessions (who);
CREATE TABLE IF NOT EXISTS auth_audit (id bigserial PRIMARY KEY, at timestamptz NOT NULL, who text NOT NULL, action text NOT NULL,
	object text NOT NULL, detail text NOT NULL, ip text NOT NULL);
CREATE TABLE IF NOT EXISTS auth_login_attempts (key text NOT NULL, at bigint NOT NULL); -- at: Unix nanoseconds
CREATE INDEX IF NOT EXISTS auth_login_attempts_key ON auth_login_attempts (key, at);`

// pgSchemaLock is the advisory lock under which the tables are created, so
// that servers starting together do not race.
const pgSchemaLock = 0x73697472_6175 // "sitrau"

// OpenPostgres connects to the database the URL names and creates the
// tables when they are missing.
func OpenPostgres(ctx context.Context, url string) (*Postgres, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("auth: %w", err)
	}
	cfg.MaxConns = 4
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("auth: %w", err)
	}
	err = pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(pgSchemaLock)); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, pgSchema)
		return err
	})
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("auth: create tables: %w", err)
	}
	return &Postgres{pool: pool}, nil
}

func (p *Postgres) PutUser(ctx context.Context, u User, hash string, replace bool) error {
	q := `INSERT INTO auth_users (name, role, hash, created) VALUES ($1, $2, $3, $4)`
	if replace {
		q += ` ON CONFLICT (name) DO UPDATE SET role = excluded.role, hash = excluded.hash`
	} else {
		q += ` ON CONFLICT (name) DO NOTHING`
	}
	tag, err := p.pool.Exec(ctx, q, u.Name, u.Role, hash, u.Created)
	if err != nil {
		return fmt.Errorf("auth: put user: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("%s: %w", u.Name, ErrExists)
	}
	return nil
}

func (p *Postgres) GetUser(ctx context.Context, name string) (User, string, error) {
	var u User
	var hash string
	err := p.pool.QueryRow(ctx, `SELECT name, role, hash, created FROM auth_users WHERE name = $1`, name).Scan(&u.Name, &u.Role, &hash, &u.Created)
	if errors.Is(err, pgx.ErrNoRows) {
		return User{}, "", ErrNoUser
	}
	if err != nil {
		return User{}, "", fmt.Errorf("auth: get user: %w", err)
	}
	u.Created = u.Created.UTC()
	return u, hash, nil
}

func (p *Postgres) Users(ctx context.Context) ([]User, error) {
	rows, err := p.pool.Query(ctx, `SELECT name, role, created FROM auth_users ORDER BY name COLLATE "C"`)
	if err != nil {
		return nil, fmt.Errorf("auth: users: %w", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.Name, &u.Role, &u.Created); err != nil {
			return nil, fmt.Errorf("auth: users: %w", err)
		}
		u.Created = u.Created.UTC()
		out = append(out, u)
	}
	return out, rows.Err()
}

func (p *Postgres) PutSession(ctx context.Context, h string, x Session) error {
	_, err := p.pool.Exec(ctx, `INSERT INTO auth_sessions (id_hash, who, role, csrf, created, last_seen, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, h, x.User, x.Role, x.CSRF, x.Created, x.LastSeen, x.ExpiresAt)
	if err != nil {
		return fmt.Errorf("auth: put session: %w", err)
	}
	return nil
}

func (p *Postgres) GetSession(ctx context.Context, h string) (Session, error) {
	var x Session
	err := p.pool.QueryRow(ctx, `SELECT who, role, csrf, created, last_seen, expires_at FROM auth_sessions WHERE id_hash = $1`, h).
		Scan(&x.User, &x.Role, &x.CSRF, &x.Created, &x.LastSeen, &x.ExpiresAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return Session{}, ErrNoSession
	}
	if err != nil {
		return Session{}, fmt.Errorf("auth: get session: %w", err)
	}
	x.Created, x.LastSeen, x.ExpiresAt = x.Created.UTC(), x.LastSeen.UTC(), x.ExpiresAt.UTC()
	return x, nil
}

func (p *Postgres) TouchSession(ctx context.Context, h string, at time.Time) error {
	if _, err := p.pool.Exec(ctx, `UPDATE auth_sessions SET last_seen = $1 WHERE id_hash = $2`, at, h); err != nil {
		return fmt.Errorf("auth: touch session: %w", err)
	}
	return nil
}

func (p *Postgres) DeleteSession(ctx context.Context, h string) error {
	if _, err := p.pool.Exec(ctx, `DELETE FROM auth_sessions WHERE id_hash = $1`, h); err != nil {
		return fmt.Errorf("auth: delete session: %w", err)
	}
	return nil
}

func (p *Postgres) DeleteUserSessions(ctx context.Context, user string) error {
	if _, err := p.pool.Exec(ctx, `DELETE FROM auth_sessions WHERE who = $1`, user); err != nil {
		return fmt.Errorf("auth: delete sessions: %w", err)
	}
	return nil
}

func (p *Postgres) Audit(ctx context.Context, e AuditEntry) error {
	_, err := p.pool.Exec(ctx, `INSERT INTO auth_audit (at, who, action, object, detail, ip) VALUES ($1, $2, $3, $4, $5, $6)`,
		e.At, e.User, e.Action, e.Object, e.Detail, e.IP)
	if err != nil {
		return fmt.Errorf("auth: audit: %w", err)
	}
	return nil
}

func (p *Postgres) AuditLog(ctx context.Context, limit int) ([]AuditEntry, error) {
	if limit <= 0 {
		limit = 1000
	}
	rows, err := p.pool.Query(ctx, `SELECT at, who, action, object, detail, ip FROM auth_audit ORDER BY id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("auth: audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.At, &e.User, &e.Action, &e.Object, &e.Detail, &e.IP); err != nil {
			return nil, fmt.Errorf("auth: audit log: %w", err)
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

func (p *Postgres) AddAttempt(ctx context.Context, keys []string, at time.Time) error {
	_, err := p.pool.Exec(ctx, `INSERT INTO auth_login_attempts (key, at) SELECT k, $2 FROM unnest($1::text[]) AS k`, keys, at.UnixNano())
	if err != nil {
		return fmt.Errorf("auth: count login attempt: %w", err)
	}
	return nil
}

func (p *Postgres) DropAttempts(ctx context.Context, key string, at time.Time) error {
	var err error
	if at.IsZero() {
		_, err = p.pool.Exec(ctx, `DELETE FROM auth_login_attempts WHERE key = $1`, key)
	} else {
		_, err = p.pool.Exec(ctx, `DELETE FROM auth_login_attempts WHERE ctid = (SELECT ctid FROM auth_login_attempts WHERE key = $1 AND at = $2 LIMIT 1)`,
			key, at.UnixNano())
	}
	if err != nil {
		return fmt.Errorf("auth: forget login attempts: %w", err)
	}
	return nil
}

func (p *Postgres) Attempts(ctx context.Context, since time.Time) (map[string][]time.Time, error) {
	if _, err := p.pool.Exec(ctx, `DELETE FROM auth_login_attempts WHERE at < $1`, since.UnixNano()); err != nil {
		return nil, fmt.Errorf("auth: login attempts: %w", err)
	}
	rows, err := p.pool.Query(ctx, `SELECT key, at FROM auth_login_attempts ORDER BY at`)
	if err != nil {
		return nil, fmt.Errorf("auth: login attempts: %w", err)
	}
	defer rows.Close()
	out := map[string][]time.Time{}
	for rows.Next() {
		var k string
		var at int64
		if err := rows.Scan(&k, &at); err != nil {
			return nil, fmt.Errorf("auth: login attempts: %w", err)
		}
		out[k] = append(out[k], time.Unix(0, at))
	}
	return out, rows.Err()
}

func (p *Postgres) Close() error {
	p.pool.Close()
	return nil
}
