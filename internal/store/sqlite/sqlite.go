// Package sqlite is the embedded store.Store: one SQLite database file in a
// data directory, through modernc.org/sqlite (pure Go, no cgo).
//
// Layout: DIR/sitrep.db (with its -wal and -shm files while open). The
// originals' bytes are kept inside the database (table blobs) rather than
// as loose files: a document row, its original's bytes and the custody
// record that registers them then commit in one SQLite transaction, so a
// crash, a full disk or a read-only directory can never leave one without
// the others, and the whole store is one file to copy, back up or replicate
// (litestream). The custody key, written by internal/custody, sits beside it.
//
// Durability: WAL journal with synchronous=FULL, so a committed write
// survives power loss; a checkpointer beside the writer copies the WAL
// into the database file (checkpoint.go). All writes go through one
// connection with BEGIN IMMEDIATE, which serialises writers without
// deadlocks; readers use a separate pool and see the last committed state.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	sqlite3 "modernc.org/sqlite"
	sqlite3lib "modernc.org/sqlite/lib"

	"sitrep/internal/consolidate"
	"sitrep/internal/store"
	"sitrep/internal/views"
)

var _ store.ViewStore = (*DB)(nil)

//go:embed migrations/*.sql
var migrations embed.FS

// FileName is the database's name inside the data directory.
const FileName = "sitrep.db"

// Options tune Open.
type Options struct {
	// ReadOnly opens an existing store for queries only; writes fail with
	// store.ErrReadOnly.
	ReadOnly bool
	// Readers is the size of the read connection pool (default 4).
	Readers int
	// KeepIncidents bounds the incidents kept in memory between write
	// transactions (0: views.DefaultKeep).
	KeepIncidents int
	// maxPages caps the database size in pages, to simulate a full disk
	// in tests (SQLite then fails writes with SQLITE_FULL).
	maxPages int
}

// DB is a store in a data directory.
type DB struct {
	dir      string
	path     string
	readOnly bool
	// scratchDSN opens the database read-only but without query_only, so
	// that VerifyIndexes may build temporary tables.
	scratchDSN string
	w          *sql.DB       // exactly one connection: the writer
	r          *sql.DB       // readers, query_only
	ckpt       *checkpointer // nil when read-only
	now        func() time.Time

	mu     sync.Mutex
	stmts  map[string]*sql.Stmt // prepared on w, reused by each write tx
	closed bool

	maint *views.Maintainer // keeps the views in step with every write
}

// Open opens the store in dir, creating dir and the database if needed and
// bringing the schema up to date.
func Open(ctx context.Context, dir string, opts Options) (*DB, error) {
	if strings.ContainsAny(dir, "?#") {
		return nil, fmt.Errorf("sqlite: data directory %q: '?' and '#' are not allowed in its path: %w", dir, store.ErrInvalid)
	}
	path := filepath.Join(dir, FileName)
	if opts.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("sqlite: open read-only: %w", err)
		}
	} else {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("sqlite: create data directory: %w", classify(err))
		}
		// SQLite creates its files readable by everyone (less the umask),
		// and its -wal and -shm files with the database's mode: create
		// the database first, readable by its owner only, as auth.db is.
		f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			f.Close()
		} else if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("sqlite: create %s: %w", path, classify(err))
		}
		// A bounded journal; failing to trim it is no reason not to open.
		_ = store.TrimHeads(dir)
	}
	// A URI filename, so that SQLite itself reads mode= and immutable=
	// (the driver strips the query of a plain file name); '%' is the one
	// character left to escape, '?' and '#' being refused above.
	uri := "file:" + strings.ReplaceAll(path, "%", "%25")
	common := "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)"
	// The writer keeps 64 MiB of pages: full-text merges reread recent
	// pages, which would otherwise go back to the OS on every batch. Its
	// statement journals (the pages one statement changed, kept to undo it
	// should it fail halfway) stay in memory rather than going through
	// temporary files, and the checkpointer copies the WAL
	// (walBackstopPages).
	wdsn := uri + common + "&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=cache_size(-65536)&_pragma=temp_store(MEMORY)" +
		"&_pragma=wal_autocheckpoint(" + strconv.Itoa(walBackstopPages) + ")&_txlock=immediate"
	rdsn := uri + common + "&_pragma=query_only(1)"
	scratch := uri + common + "&mode=ro"
	if opts.ReadOnly {
		wdsn = uri + common + "&mode=ro&_pragma=query_only(1)"
		rdsn += "&mode=ro"
	}
	if opts.maxPages > 0 {
		wdsn += "&_pragma=max_page_count(" + strconv.Itoa(opts.maxPages) + ")"
	}
	w, err := connect(ctx, wdsn)
	if err != nil && opts.ReadOnly && readOnlyMedia(dir, path) {
		// On read-only media SQLite cannot create the -shm file a WAL
		// database needs to be read. With no -wal file beside it (the
		// store was closed cleanly) nothing can be writing it, and it
		// can be read as immutable.
		const immutable = "&immutable=1"
		wdsn, rdsn, scratch = wdsn+immutable, rdsn+immutable, scratch+immutable
		w, err = connect(ctx, wdsn)
	}
	if err != nil {
		if !opts.ReadOnly && readOnlyMedia(dir, "") {
			err = fmt.Errorf("%w: the data directory cannot be written: %w", store.ErrReadOnly, err)
		}
		return nil, fmt.Errorf("sqlite: open %s: %w", path, classify(err))
	}
	db := &DB{dir: dir, path: path, readOnly: opts.ReadOnly, scratchDSN: scratch, w: w, now: time.Now, stmts: map[string]*sql.Stmt{},
		maint: views.NewMaintainer(opts.KeepIncidents)}
	if !opts.ReadOnly {
		if err := db.migrate(ctx); err != nil {
			w.Close()
			return nil, err
		}
	} else if err := db.checkVersion(ctx); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", rdsn)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	n := opts.Readers
	if n <= 0 {
		n = 4
	}
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	db.r = r
	if !opts.ReadOnly {
		c, err := connect(ctx, uri+common+"&_pragma=synchronous(FULL)")
		if err != nil {
			w.Close()
			r.Close()
			return nil, fmt.Errorf("sqlite: open %s: %w", path, classify(err))
		}
		db.ckpt = newCheckpointer(c)
	}
	return db, nil
}

// connect opens the single writer (or, read-only, reader) connection and
// reads from the database: this is where a read-only or missing directory
// shows.
func connect(ctx context.Context, dsn string) (*sql.DB, error) {
	w, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	var n int
	if err := w.QueryRowContext(ctx, "SELECT COUNT(*) FROM sqlite_master").Scan(&n); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

// readOnlyMedia reports whether dir cannot take a new file, as on
// read-only media or in a directory this user may not write, and, when
// path is given, whether no -wal file lies beside it.
func readOnlyMedia(dir, path string) bool {
	if path != "" {
		if _, err := os.Stat(path + "-wal"); err == nil {
			return false
		}
	}
	f, err := os.CreateTemp(dir, ".sitrep-probe-*")
	if err == nil {
		f.Close()
		os.Remove(f.Name())
		return false
	}
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, errReadOnlyFS)
}

// Dir returns the data directory.
func (db *DB) Dir() string { return db.dir }

// Path returns the database file.
func (db *DB) Path() string { return db.path }

// Close closes the database; a clean close also checkpoints the WAL into
// the main file.
func (db *DB) Close() error {
	db.mu.Lock()
	if db.closed {
		db.mu.Unlock()
		return nil
	}
	db.closed = true
	for _, s := range db.stmts {
		s.Close()
	}
	db.mu.Unlock()
	var errs []error
	if db.r != nil {
		errs = append(errs, db.r.Close())
	}
	if db.ckpt != nil {
		errs = append(errs, db.ckpt.close())
	}
	if !db.readOnly {
		// Let SQLite refresh its planner statistics; cheap when nothing changed.
		_, _ = db.w.Exec("PRAGMA optimize")
	}
	errs = append(errs, db.w.Close())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sqlite: close: %w", err)
	}
	return nil
}

// Optimize refreshes the query planner's statistics; run it after a large
// ingest so that filtered queries use the best index.
func (db *DB) Optimize(ctx context.Context) error {
	if _, err := db.w.ExecContext(ctx, "ANALYZE"); err != nil {
		return fmt.Errorf("sqlite: analyze: %w", classify(err))
	}
	return nil
}

func (db *DB) isClosed() bool {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.closed
}

// migrationSteps do, after a migration's SQL, what SQL alone cannot do
// only when it is still to be done (a migration run again must not mind).
var migrationSteps = map[int]func(context.Context, *sql.Tx) error{10: moveIncidentData}

// moveIncidentData moves incidents.data into incident_data.
func moveIncidentData(ctx context.Context, tx *sql.Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM pragma_table_info('incidents') WHERE name = 'data'").Scan(&n); err != nil || n == 0 {
		return err
	}
	for _, q := range []string{
		"INSERT OR IGNORE INTO incident_data (incident_rowid, data) SELECT rowid, data FROM incidents",
		"ALTER TABLE incidents DROP COLUMN data",
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// migrate applies the embedded migrations not yet recorded in
// schema_migrations, each in its own transaction.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("sqlite: migrations table: %w", classify(err))
	}
	var have int
	if err := db.w.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&have); err != nil {
		return fmt.Errorf("sqlite: schema version: %w", classify(err))
	}
	files, err := migrationFiles()
	if err != nil {
		return err
	}
	if latest := files[len(files)-1].version; have > latest {
		return fmt.Errorf("sqlite: database schema %d is newer than this program's %d: %w", have, latest, store.ErrInvalid)
	}
	for _, m := range files {
		if m.version <= have {
			continue
		}
		tx, err := db.w.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("sqlite: migration %s: %w", m.name, classify(err))
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			tx.Rollback()
			return fmt.Errorf("sqlite: migration %s: %w", m.name, classify(err))
		}
		if step := migrationSteps[m.version]; step != nil {
			if err := step(ctx, tx); err != nil {
				tx.Rollback()
				return fmt.Errorf("sqlite: migration %s: %w", m.name, classify(err))
			}
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
			m.version, m.name, timeText(db.now())); err != nil {
			tx.Rollback()
			return fmt.Errorf("sqlite: migration %s: %w", m.name, classify(err))
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("sqlite: migration %s: %w", m.name, classify(err))
		}
	}
	// A store with nothing in it has the views of this program's rules; one
	// from before views were kept has none until they are rebuilt.
	if _, err := db.w.ExecContext(ctx, `INSERT OR IGNORE INTO meta (key, value)
		SELECT 'views_rules', ? WHERE NOT EXISTS (SELECT 1 FROM custody_log)`, consolidate.Version); err != nil {
		return fmt.Errorf("sqlite: views rules: %w", classify(err))
	}
	return nil
}

func (db *DB) checkVersion(ctx context.Context) error {
	var have int
	if err := db.w.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&have); err != nil {
		return fmt.Errorf("sqlite: %s is not a sitrep store: %w", db.path, classify(err))
	}
	files, err := migrationFiles()
	if err != nil {
		return err
	}
	if latest := files[len(files)-1].version; have != latest {
		return fmt.Errorf("sqlite: database schema %d, this program needs %d; a command that writes to it (sitrep ingest, serve or reextract) migrates it: %w", have, latest, store.ErrReadOnly)
	}
	return nil
}

type migration struct {
	version int
	name    string
	sql     string
}

// migrationFiles lists the embedded migrations in order. Their names start
// with the version number: 0001_init.sql.
func migrationFiles() ([]migration, error) {
	ents, err := fs.ReadDir(migrations, "migrations")
	if err != nil {
		return nil, fmt.Errorf("sqlite: migrations: %w", err)
	}
	var out []migration
	for _, e := range ents {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("sqlite: migration %s: name must start with its number", e.Name())
		}
		b, err := migrations.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("sqlite: migration %s: %w", e.Name(), err)
		}
		out = append(out, migration{v, e.Name(), string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("sqlite: migration %s: expected number %d", m.name, i+1)
		}
	}
	return out, nil
}

// classify adds store.ErrReadOnly or store.ErrFull to SQLite's and the
// operating system's errors for those conditions, keeping the original.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3lib.SQLITE_READONLY:
			return fmt.Errorf("%w: %w", store.ErrReadOnly, err)
		case sqlite3lib.SQLITE_FULL:
			return fmt.Errorf("%w: %w", store.ErrFull, err)
		case sqlite3lib.SQLITE_CANTOPEN, sqlite3lib.SQLITE_PERM:
			return fmt.Errorf("cannot open or create the database file (missing or read-only directory?): %w", err)
		}
	}
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, errReadOnlyFS) {
		return fmt.Errorf("%w: %w", store.ErrReadOnly, err)
	}
	return err
}

func timeText(t time.Time) string { return store.Timestamp(t).Format(time.RFC3339Nano) }

func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}
