package auth

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"sitrep/internal/store/postgres/pgtest"
)

func backends(t *testing.T) map[string]Backend {
	sq, err := OpenSQLite(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sq.Close() })
	out := map[string]Backend{"memory": NewMemory(), "sqlite": sq}
	if os.Getenv(pgtest.Env) != "" {
		pg, err := OpenPostgres(context.Background(), pgtest.URL(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { pg.Close() })
		out["postgres"] = pg
	}
	return out
}

// clock is a settable time for the session timeouts.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestService(t *testing.T) {
	for name, b := range backends(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC)}
			s := New(b, DefaultPolicy)
			s.now = c.now
			if err := s.AddUser(ctx, "ana", Editor, "correct horse battery", false); err != nil {
				t.Fatal(err)
			}
			if err := s.AddUser(ctx, "ana", Viewer, "another long password", false); !errors.Is(err, ErrExists) {
				t.Errorf("duplicate user: %v", err)
			}
			for _, bad := range [][3]string{{"bad name", Viewer, "long enough pw"}, {"bo", "root", "long enough pw"}, {"bo", Viewer, "short"}} {
				if err := s.AddUser(ctx, bad[0], bad[1], bad[2], false); !errors.Is(err, ErrInvalid) {
					t.Errorf("AddUser%v: %v", bad, err)
				}
			}
			if _, err := s.Login(ctx, "ana", "wrong password!", "10.0.0.1"); !errors.Is(err, ErrBadPassword) {
				t.Errorf("wrong password: %v", err)
			}
			s1, err := s.Login(ctx, "ana", "correct horse battery", "10.0.0.1")
			if err != nil || s1.Role != Editor || s1.CSRF == "" {
				t.Fatalf("login: %+v %v", s1, err)
			}
			s2, _ := s.Login(ctx, "ana", "correct horse battery", "10.0.0.1")
			if s2.ID == s1.ID {
				t.Error("a new login must get a new session id")
			}
			if got, err := s.Session(ctx, s1.ID); err != nil || got.User != "ana" || got.CSRF != s1.CSRF {
				t.Errorf("session: %+v %v", got, err)
			}
			c.t = c.t.Add(DefaultPolicy.IdleTimeout + time.Minute)
			if _, err := s.Session(ctx, s1.ID); !errors.Is(err, ErrNoSession) {
				t.Errorf("idle session still valid: %v", err)
			}
			// Used every 20 minutes, a session still ends at the absolute limit.
			s3, _ := s.Login(ctx, "ana", "correct horse battery", "10.0.0.1")
			for range 40 {
				c.t = c.t.Add(20 * time.Minute)
				if _, err := s.Session(ctx, s3.ID); err != nil {
					if c.t.Sub(s3.Created) <= DefaultPolicy.AbsoluteTimeout {
						t.Fatalf("session ended early at %v: %v", c.t.Sub(s3.Created), err)
					}
					break
				}
				if c.t.Sub(s3.Created) > DefaultPolicy.AbsoluteTimeout {
					t.Fatal("session outlived the absolute timeout")
				}
			}
			// Changing the role ends the user's sessions.
			s4, _ := s.Login(ctx, "ana", "correct horse battery", "10.0.0.1")
			if err := s.AddUser(ctx, "ana", Viewer, "a brand new password", true); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Session(ctx, s4.ID); !errors.Is(err, ErrNoSession) {
				t.Errorf("session survived a password change: %v", err)
			}
			if err := s.Logout(ctx, s2, "10.0.0.1"); err != nil {
				t.Fatal(err)
			}
			log, _ := s.AuditLog(ctx, 100)
			if len(log) < 5 || log[0].Action != "logout" {
				t.Errorf("audit log %+v", log)
			}
		})
	}
}

// Five wrong passwords for a user from one address stop the checks from
// that address, and only from it: the right user elsewhere still logs in.
func TestLoginRateLimit(t *testing.T) {
	ctx := context.Background()
	s := New(NewMemory(), DefaultPolicy)
	s.AddUser(ctx, "bo", Viewer, "a long password here", false)
	for range DefaultPolicy.MaxFailures {
		if _, err := s.Login(ctx, "bo", "guess guess guess", "10.0.0.9"); !errors.Is(err, ErrBadPassword) {
			t.Fatalf("guess: %v", err)
		}
	}
	if _, err := s.Login(ctx, "bo", "a long password here", "10.0.0.9"); !errors.Is(err, ErrRateLimited) {
		t.Errorf("after %d failures the right password is let through: %v", DefaultPolicy.MaxFailures, err)
	}
	if _, err := s.Login(ctx, "bo", "a long password here", "10.0.0.10"); err != nil {
		t.Errorf("the right user from another address is locked out: %v", err)
	}
	s.now = func() time.Time { return time.Now().Add(DefaultPolicy.FailureWindow + time.Second) }
	if _, err := s.Login(ctx, "bo", "a long password here", "10.0.0.9"); err != nil {
		t.Errorf("after the window: %v", err)
	}
}

// One address trying many user names is stopped after MaxAddressFailures,
// whatever the names; other addresses are not.
func TestAddressLimit(t *testing.T) {
	ctx := context.Background()
	p := DefaultPolicy
	p.MaxAddressFailures = 3
	s := New(NewMemory(), p)
	s.AddUser(ctx, "bo", Viewer, "a long password here", false)
	for i := range p.MaxAddressFailures {
		if _, err := s.Login(ctx, fmt.Sprintf("user%d", i), "guess guess guess", "10.0.0.9"); !errors.Is(err, ErrBadPassword) {
			t.Fatalf("guess %d: %v", i, err)
		}
	}
	if _, err := s.Login(ctx, "bo", "a long password here", "10.0.0.9"); !errors.Is(err, ErrRateLimited) {
		t.Errorf("an address past its limit is still checked: %v", err)
	}
	if _, err := s.Login(ctx, "bo", "a long password here", "10.0.0.8"); err != nil {
		t.Errorf("another address: %v", err)
	}
}

// Guesses sent in parallel are counted before they are checked: no more
// of them are checked than sequential guesses would be, and the rest are
// refused at once.
func TestParallelGuessesLimited(t *testing.T) {
	ctx := context.Background()
	s := New(NewMemory(), DefaultPolicy)
	s.AddUser(ctx, "bo", Viewer, "a long password here", false)
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.Login(ctx, "bo", "guess guess guess", "10.0.0.9")
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	kinds := map[string]int{}
	for err := range errs {
		switch {
		case errors.Is(err, ErrBadPassword):
			kinds["checked"]++
		case errors.Is(err, ErrRateLimited):
			kinds["rate limited"]++
		case errors.Is(err, ErrBusy):
			kinds["busy"]++
		default:
			t.Errorf("unexpected %v", err)
		}
	}
	c := s.Counts()
	if kinds["checked"] > DefaultPolicy.MaxFailures || c.Checked != int64(kinds["checked"]) || kinds["checked"] == 0 ||
		kinds["checked"]+kinds["rate limited"]+kinds["busy"] != 200 {
		t.Errorf("200 parallel guesses: %v, counts %+v; at most %d may be checked", kinds, c, DefaultPolicy.MaxFailures)
	}
}

// With every check slot taken an attempt is refused at once, and not
// counted against the user.
func TestBusyRefusedAtOnce(t *testing.T) {
	ctx := context.Background()
	s := New(NewMemory(), DefaultPolicy)
	s.AddUser(ctx, "bo", Viewer, "a long password here", false)
	for range cap(s.checking) {
		s.checking <- struct{}{}
	}
	for range 2 * DefaultPolicy.MaxFailures {
		if _, err := s.Login(ctx, "bo", "a long password here", "10.0.0.9"); !errors.Is(err, ErrBusy) {
			t.Fatalf("all slots busy: %v", err)
		}
	}
	for range cap(s.checking) {
		<-s.checking
	}
	if _, err := s.Login(ctx, "bo", "a long password here", "10.0.0.9"); err != nil {
		t.Errorf("refusals while busy were counted as failures: %v", err)
	}
}

// The limiter's count survives a restart of the service.
func TestLimitSurvivesRestart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	b, err := OpenSQLite(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	s := New(b, DefaultPolicy)
	s.AddUser(ctx, "bo", Viewer, "a long password here", false)
	for range DefaultPolicy.MaxFailures {
		s.Login(ctx, "bo", "guess guess guess", "10.0.0.9")
	}
	s.Close()
	b, err = OpenSQLite(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	s = New(b, DefaultPolicy)
	defer s.Close()
	if _, err := s.Login(ctx, "bo", "a long password here", "10.0.0.9"); !errors.Is(err, ErrRateLimited) {
		t.Errorf("after a restart the address may guess again: %v", err)
	}
	if _, err := s.Login(ctx, "bo", "a long password here", "10.0.0.1"); err != nil {
		t.Errorf("after a restart, another address: %v", err)
	}
}

// A flood of refused logins writes a bounded number of audit rows, with
// names cut short and stripped of control characters.
func TestRefusalAuditBounded(t *testing.T) {
	ctx := context.Background()
	p := DefaultPolicy
	p.MaxFailures, p.MaxAddressFailures = 0, 0 // refuse everything, unchecked
	b := NewMemory()
	s := New(b, p)
	c := &clock{t: time.Date(2026, 1, 2, 9, 0, 10, 0, time.UTC)}
	s.now = c.now
	long := strings.Repeat("ä", 5000) + "\n2026-01-01 admin login ok\x1b[2J"
	for i := range 5000 {
		name := fmt.Sprintf("user%d", i)
		if i%2 == 0 {
			name = long
		}
		if _, err := s.Login(ctx, name, "pw", fmt.Sprintf("10.0.%d.%d", i/250, i%250)); !errors.Is(err, ErrRateLimited) {
			t.Fatal(err)
		}
	}
	c.t = c.t.Add(time.Minute)
	s.Login(ctx, "one", "more", "10.9.9.9")
	log, _ := s.AuditLog(ctx, 0)
	if len(log) != p.AuditedRefusals+2 {
		t.Errorf("5,001 refusals over two minutes wrote %d audit rows; want %d one by one and a summary, then one", len(log), p.AuditedRefusals+2)
	}
	var summary bool
	for _, e := range log {
		if len(e.User) > 67 || strings.ContainsAny(e.User, "\n\x1b") {
			t.Errorf("audited name %q", e.User)
		}
		summary = summary || strings.Contains(e.Detail, "4980 more failed or refused logins") && strings.Contains(e.Detail, "from 4980 addresses")
	}
	if !summary {
		t.Errorf("no summary row in %+v", log)
	}
}

func TestPasswordHash(t *testing.T) {
	h, err := hashPassword("correct horse battery")
	if err != nil || !checkPassword(h, "correct horse battery") || checkPassword(h, "correct horse batterY") || checkPassword("argon2id$junk", "x") {
		t.Errorf("hash %q %v", h, err)
	}
}

// TestAuthFileModes: auth.db and its -wal and -shm files are readable by
// their owner only.
func TestAuthFileModes(t *testing.T) {
	dir := t.TempDir()
	b, err := OpenSQLite(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	s := New(b, DefaultPolicy)
	s.AddUser(context.Background(), "bo", Viewer, "a long password here", false)
	for _, name := range []string{FileName, FileName + "-wal", FileName + "-shm"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, mode %v; want 0600", name, err, fi.Mode().Perm())
		}
	}
}

// TestReadOnlyBackend: over an auth.db that cannot be written, accounts
// are read and logins work, with sessions kept in memory.
func TestReadOnlyBackend(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	b, err := OpenSQLite(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	New(b, DefaultPolicy).AddUser(ctx, "bo", Viewer, "a long password here", false)
	b.Close()
	ro, err := OpenSQLiteReadOnly(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	s := New(ro, DefaultPolicy)
	defer s.Close()
	sess, err := s.Login(ctx, "bo", "a long password here", "10.0.0.1")
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	if _, err := s.Session(ctx, sess.ID); err != nil {
		t.Errorf("session: %v", err)
	}
	if err := s.AddUser(ctx, "cy", Viewer, "another long password", false); !errors.Is(err, ErrInvalid) {
		t.Errorf("adding a user to read-only accounts: %v", err)
	}
}

// FuzzAuditName: a name anyone can type at the login form is kept short,
// valid UTF-8 and free of control and format characters.
func FuzzAuditName(f *testing.F) {
	f.Add("ana")
	f.Add(strings.Repeat("ä", 40) + "\n2026-01-01 admin login\x1b[2J\u202e")
	f.Fuzz(func(t *testing.T, name string) {
		got := AuditName(name)
		if len(got) > 64+len("…") || !utf8.ValidString(got) {
			t.Fatalf("AuditName(%q) = %q", name, got)
		}
		for _, r := range got {
			if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
				t.Fatalf("AuditName(%q) = %q keeps %U", name, got, r)
			}
		}
	})
}
