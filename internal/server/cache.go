package server

import (
	"context"
	"sync"
)

// viewCache keeps answers that take a walk over much of the corpus to
// build (an actor network, an actor's claims and documents), each under
// the corpus's version (the custody log's length) and a key naming the
// question. A write anywhere, by any process, makes every entry stale.
// What it holds is only read once built.
type viewCache struct {
	mu      sync.Mutex
	version int64
	built   map[string]any
}

// viewCacheSize bounds the answers kept for one version.
const viewCacheSize = 64

// cached is build's answer, kept for the corpus's current version: the
// same question asked again before a write is answered from the cache.
func cached[T any](ctx context.Context, s *Server, key string, build func() (T, error)) (T, error) {
	var zero T
	version, err := s.changeVersion(ctx)
	if err != nil {
		return zero, err
	}
	c := &s.views
	c.mu.Lock()
	if c.version != version {
		c.version, c.built = version, nil
	}
	v, ok := c.built[key]
	c.mu.Unlock()
	if ok {
		return v.(T), nil
	}
	t, err := build()
	if err != nil {
		return zero, err
	}
	c.mu.Lock()
	if c.version == version {
		if c.built == nil || len(c.built) >= viewCacheSize {
			c.built = map[string]any{}
		}
		c.built[key] = t
	}
	c.mu.Unlock()
	return t, nil
}
