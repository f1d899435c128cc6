package auth

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// limiter counts login attempts per key within the failure window. It is
// loaded from the backend on first use and writes every change through,
// so a restart keeps it.
type limiter struct {
	mu       sync.Mutex
	loaded   bool
	attempts map[string][]time.Time // key → attempts, oldest first
	adds     int                    // since the last sweep of empty keys
}

// load reads the attempts of the last window from the backend, once.
func (l *limiter) load(ctx context.Context, b Backend, now time.Time, window time.Duration) error {
	if l.loaded {
		return nil
	}
	got, err := b.Attempts(ctx, now.Add(-window))
	if err != nil {
		return fmt.Errorf("auth: login attempts: %w", err)
	}
	for k, ts := range got {
		l.attempts[k] = append(l.attempts[k], ts...)
	}
	l.loaded = true
	return nil
}

// recent returns key's attempts within the window, dropping older ones.
func (l *limiter) recent(key string, now time.Time, window time.Duration) []time.Time {
	ts := l.attempts[key]
	i := 0
	for i < len(ts) && now.Sub(ts[i]) >= window {
		i++
	}
	if i == len(ts) {
		delete(l.attempts, key)
		return nil
	}
	if i > 0 {
		ts = ts[i:]
		l.attempts[key] = ts
	}
	return ts
}

// reserve counts an attempt under every key unless one of them has
// reached its limit; it reports whether the attempt may go ahead.
func (l *limiter) reserve(ctx context.Context, b Backend, keys []string, limits []int, now time.Time, window time.Duration) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.load(ctx, b, now, window); err != nil {
		return false, err
	}
	for i, k := range keys {
		if len(l.recent(k, now, window)) >= limits[i] {
			return false, nil
		}
	}
	if err := b.AddAttempt(ctx, keys, now); err != nil {
		return false, fmt.Errorf("auth: count login attempt: %w", err)
	}
	for _, k := range keys {
		l.attempts[k] = append(l.attempts[k], now)
	}
	// Keys are chosen by whoever logs in: sweep the ones whose attempts
	// have all aged out, so that the map stays as small as the window.
	if l.adds++; l.adds >= 1024 {
		l.adds = 0
		for k := range l.attempts {
			l.recent(k, now, window)
		}
		b.Attempts(ctx, now.Add(-window)) // which also forgets the backend's old ones
	}
	return true, nil
}

// drop forgets, under each key, the attempt made at at, or every attempt
// when at is zero.
func (l *limiter) drop(ctx context.Context, b Backend, keys []string, at time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		if at.IsZero() {
			delete(l.attempts, k)
		} else {
			ts := l.attempts[k]
			for i := len(ts) - 1; i >= 0; i-- {
				if ts[i].Equal(at) {
					l.attempts[k] = append(ts[:i:i], ts[i+1:]...)
					break
				}
			}
		}
		// Failing to forget only keeps an attempt counted: the safe side.
		b.DropAttempts(ctx, k, at)
	}
}

// refusalAudit writes failed and refused logins to the audit log, the
// first few of each minute one by one and the rest as one summary row, so
// that the rows a flood of attempts writes are bounded by time, not by
// the flood.
type refusalAudit struct {
	mu      sync.Mutex
	minute  time.Time // the minute being counted
	written int       // rows written one by one this minute
	more    int       // attempts not written one by one
	users   map[string]bool
	addrs   map[string]bool
}

// maxDistinct bounds the names and addresses a summary counts.
const maxDistinct = 10000

func (r *refusalAudit) note(ctx context.Context, b Backend, budget int, e AuditEntry) {
	minute := e.At.Truncate(time.Minute)
	r.mu.Lock()
	defer r.mu.Unlock()
	if !minute.Equal(r.minute) {
		r.flushLocked(ctx, b)
		r.minute, r.written = minute, 0
	}
	if r.written < budget {
		r.written++
		e.User = AuditName(e.User)
		b.Audit(ctx, e)
		return
	}
	r.more++
	if r.users == nil {
		r.users, r.addrs = map[string]bool{}, map[string]bool{}
	}
	if len(r.users) < maxDistinct {
		r.users[e.User] = true
	}
	if len(r.addrs) < maxDistinct {
		r.addrs[e.IP] = true
	}
}

// flush writes the pending summary.
func (r *refusalAudit) flush(ctx context.Context, b Backend) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.flushLocked(ctx, b)
}

func (r *refusalAudit) flushLocked(ctx context.Context, b Backend) {
	if r.more == 0 {
		return
	}
	b.Audit(ctx, AuditEntry{At: r.minute.Add(time.Minute - time.Second).UTC(), Action: "login-failed",
		Detail: fmt.Sprintf("%d more failed or refused logins in the minute from %s, for %s user names from %s addresses",
			r.more, r.minute.UTC().Format("15:04"), atLeast(len(r.users)), atLeast(len(r.addrs)))})
	r.more, r.users, r.addrs = 0, nil, nil
}

func atLeast(n int) string {
	if n >= maxDistinct {
		return fmt.Sprintf("at least %d", n)
	}
	return fmt.Sprint(n)
}

// AuditName is a user name as the audit log keeps it when whoever logs in
// chose it: at most 64 bytes, control and format characters shown as '?',
// so that a name can neither bloat the log nor forge lines in it.
func AuditName(name string) string {
	const max = 64
	var b strings.Builder
	for _, r := range name {
		if r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			r = '?'
		}
		if b.Len()+utf8.RuneLen(r) > max {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
	}
	return b.String()
}
