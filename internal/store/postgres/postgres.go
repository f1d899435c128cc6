// Package postgres is store.Store on PostgreSQL, through jackc/pgx: the
// whole corpus of a team in one database that any number of processes on
// any number of machines share, with the extraction queue its workers
// take documents from (queue.go).
//
// The rows are the SQLite store's, in PostgreSQL's types: originals with
// their bytes (bytea), documents, extraction results, the per-event and
// per-claim rows queries read, actors, links, edits, decisions, the
// custody log with its tlog hashes, and the cross-document views
// (incidents, framing, near-copy signatures: views.go, incidents.go),
// which package views maintains in the same transactions. Full-text
// search uses PostgreSQL's own tsvector and GIN indexes, over tokens made
// by the Go code (fts.go) so that a query means what it means with the
// other backends.
//
// Writers: every write transaction first locks the custody log's table
// (EXCLUSIVE: readers go on, writers queue), because each change appends
// to one log whose hashes chain; the same lock serialises the placement
// of reports into incidents, so that two workers placing look-alike
// events at once cannot split an incident. Within the lock a transaction
// hands out row ids itself and sends its inserts as one pipelined batch.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"sitrep/internal/consolidate"
	"sitrep/internal/store"
	"sitrep/internal/views"
)

var _ store.Store = (*DB)(nil)

//go:embed migrations/*.sql
var migrations embed.FS

// IsURL reports whether a --data value names a PostgreSQL database rather
// than a data directory.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Redact returns the URL without its password, for messages.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "postgres://…"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Options tune Open.
type Options struct {
	// ReadOnly opens the store for queries only; writes fail with
	// store.ErrReadOnly.
	ReadOnly bool
	// MaxConns bounds the connection pool (default 8).
	MaxConns int
}

// DB is a store in a PostgreSQL database.
type DB struct {
	pool     *pgxpool.Pool
	url      string
	readOnly bool
	now      func() time.Time
	closed   atomic.Bool

	maint *views.Maintainer // the views' incidents between transactions

	// placeCache maps committed places to their row ids: places are never
	// changed or removed, so the cache stays true.
	placeCache sync.Map
}

// Open connects to the database the URL names and brings its schema up to
// date (unless read-only, when the schema must be current).
func Open(ctx context.Context, rawURL string, opts Options) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(rawURL)
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: %w: %w", Redact(rawURL), store.ErrInvalid, err)
	}
	cfg.MaxConns = 8
	if opts.MaxConns > 0 {
		cfg.MaxConns = int32(opts.MaxConns)
	}
	if opts.ReadOnly {
		cfg.ConnConfig.RuntimeParams["default_transaction_read_only"] = "on"
	}
	// Statements are prepared once per connection; every execution is
	// planned for its own values, since a common place or actor and a rare
	// one need different plans.
	cfg.ConnConfig.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: connect %s: %w", Redact(rawURL), err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: connect %s: %w", Redact(rawURL), classify(err))
	}
	db := &DB{pool: pool, url: rawURL, readOnly: opts.ReadOnly, now: time.Now, maint: views.NewMaintainer(0)}
	if opts.ReadOnly {
		err = db.checkVersion(ctx)
	} else {
		err = db.migrate(ctx)
	}
	if err != nil {
		pool.Close()
		return nil, err
	}
	return db, nil
}

// URL is the database's URL as given to Open.
func (db *DB) URL() string { return db.url }

// Pool is the connection pool, for packages that keep their own tables in
// the same database (internal/auth).
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// Close closes the pool; later calls fail with store.ErrClosed.
func (db *DB) Close() error {
	if db.closed.Swap(true) {
		return nil
	}
	db.pool.Close()
	return nil
}

func (db *DB) check() error {
	if db.closed.Load() {
		return store.ErrClosed
	}
	return nil
}

// Optimize refreshes the planner's statistics and the tables' visibility
// maps; run it after a large ingest. The maps let the covering indexes of
// timelines, actors' incidents and circles answer alone (index-only
// scans): autovacuum sets them only once a fifth of a table has changed.
// The timeline's day counts are updated in place for every incident
// written, each update a new entry in their covering index: after a bulk
// load the index is several times the size of its rows (212 MB for 65 MB
// at a million events), and a country's timeline reads all its pages, so
// it is built again (concurrently: writers go on).
func (db *DB) Optimize(ctx context.Context) error {
	if _, err := db.pool.Exec(ctx, "VACUUM (ANALYZE)"); err != nil {
		return fmt.Errorf("postgres: vacuum: %w", classify(err))
	}
	if _, err := db.pool.Exec(ctx, "REINDEX INDEX CONCURRENTLY incident_days_pkey"); err != nil {
		return fmt.Errorf("postgres: reindex: %w", classify(err))
	}
	return nil
}

// migrationLock is the advisory lock key under which schema migrations
// run, so that processes starting together migrate once.
const migrationLock = 0x73697472_6570 // "sitrep"

// migrate applies the embedded migrations not yet recorded, each in its
// own transaction, under a session advisory lock.
func (db *DB) migrate(ctx context.Context) (err error) {
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("postgres: migrate: %w", classify(err))
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", int64(migrationLock)); err != nil {
		return fmt.Errorf("postgres: migrate: lock: %w", classify(err))
	}
	defer conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", int64(migrationLock))
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("postgres: migrations table: %w", classify(err))
	}
	var have int
	if err := conn.QueryRow(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&have); err != nil {
		return fmt.Errorf("postgres: schema version: %w", classify(err))
	}
	files, err := migrationFiles()
	if err != nil {
		return err
	}
	if latest := files[len(files)-1].version; have > latest {
		return fmt.Errorf("postgres: database schema %d is newer than this program's %d: %w", have, latest, store.ErrInvalid)
	}
	defer func() {
		if err == nil {
			// A new store's views are this program's from the start.
			_, err = conn.Exec(ctx, `INSERT INTO meta (key, value) SELECT 'view_rules', $1
				WHERE NOT EXISTS (SELECT 1 FROM custody_log) ON CONFLICT (key) DO NOTHING`, consolidate.Version)
		}
	}()
	for _, m := range files {
		if m.version <= have {
			continue
		}
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.sql); err != nil {
				return err
			}
			if step := migrationSteps[m.version]; step != nil {
				if err := step(ctx, tx); err != nil {
					return err
				}
			}
			_, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", m.version, m.name)
			return err
		})
		if err != nil {
			return fmt.Errorf("postgres: migration %s: %w", m.name, classify(err))
		}
	}
	return nil
}

func (db *DB) checkVersion(ctx context.Context) error {
	var have int
	if err := db.pool.QueryRow(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&have); err != nil {
		return fmt.Errorf("postgres: not a sitrep store: %w", classify(err))
	}
	files, err := migrationFiles()
	if err != nil {
		return err
	}
	if latest := files[len(files)-1].version; have != latest {
		return fmt.Errorf("postgres: database schema %d, this program needs %d; a command that writes to it (sitrep ingest, serve or reextract) migrates it: %w", have, latest, store.ErrReadOnly)
	}
	return nil
}

// migrationSteps are the parts of migrations written in Go, run in the
// migration's transaction after its SQL.
var migrationSteps = map[int]func(context.Context, pgx.Tx) error{}

type migration struct {
	version int
	name    string
	sql     string
}

// migrationFiles lists the embedded migrations in order; their names
// start with their number: 0001_init.sql.
func migrationFiles() ([]migration, error) {
	ents, err := fs.ReadDir(migrations, "migrations")
	if err != nil {
		return nil, fmt.Errorf("postgres: migrations: %w", err)
	}
	var out []migration
	for _, e := range ents {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("postgres: migration %s: name must start with its number", e.Name())
		}
		b, err := migrations.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("postgres: migration %s: %w", e.Name(), err)
		}
		out = append(out, migration{v, e.Name(), string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("postgres: migration %s: expected number %d", m.name, i+1)
		}
	}
	return out, nil
}

// classify adds the store's error kinds to PostgreSQL's errors for the
// same conditions, keeping the original.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "53100" || pe.Code == "53400": // disk_full, configuration_limit_exceeded
			return fmt.Errorf("%w: %w", store.ErrFull, err)
		case pe.Code == "25006" || pe.Code == "42501": // read_only_sql_transaction, insufficient_privilege
			return fmt.Errorf("%w: %w", store.ErrReadOnly, err)
		case strings.HasPrefix(pe.Code, "22"): // data exception: a value PostgreSQL cannot hold
			return fmt.Errorf("%w: %w", store.ErrInvalid, err)
		}
	}
	return err
}
