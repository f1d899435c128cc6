package auth

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

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

func TestLoginRateLimit(t *testing.T) {
	ctx := context.Background()
	s := New(NewMemory(), DefaultPolicy)
	s.AddUser(ctx, "bo", Viewer, "a long password here", false)
	for range DefaultPolicy.MaxFailures {
		s.Login(ctx, "bo", "guess guess guess", "10.0.0.9")
	}
	if _, err := s.Login(ctx, "bo", "a long password here", "10.0.0.9"); !errors.Is(err, ErrRateLimited) {
		t.Errorf("after %d failures the right password is let through: %v", DefaultPolicy.MaxFailures, err)
	}
	if _, err := s.Login(ctx, "bo", "a long password here", "10.0.0.10"); !errors.Is(err, ErrRateLimited) {
		t.Errorf("the account limit does not hold from another address: %v", err)
	}
	s.now = func() time.Time { return time.Now().Add(DefaultPolicy.FailureWindow + time.Second) }
	if _, err := s.Login(ctx, "bo", "a long password here", "10.0.0.9"); err != nil {
		t.Errorf("after the window: %v", err)
	}
}

func TestPasswordHash(t *testing.T) {
	h, err := hashPassword("correct horse battery")
	if err != nil || !checkPassword(h, "correct horse battery") || checkPassword(h, "correct horse batterY") || checkPassword("argon2id$junk", "x") {
		t.Errorf("hash %q %v", h, err)
	}
}
