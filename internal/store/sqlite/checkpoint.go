package sqlite

import (
	"context"
	"database/sql"
)

// SQLite copies committed pages from the WAL into the database file (a
// checkpoint) inside the commit that takes the WAL past a threshold, on
// the writer's connection: in an ingest that was an eighth of the single
// writer's time, every batch. A checkpointer does it on a connection and
// goroutine of its own after each write commits, while the writer goes on
// with the next transaction. It changes nothing about durability: a
// commit is synced in the WAL before it is acknowledged, checkpointed or
// not.
//
// The writer keeps an automatic checkpoint at a larger threshold
// (walBackstopPages). The WAL starts again from its beginning only when a
// write transaction begins with every frame copied, which a checkpoint
// running beside the writer rarely allows; the writer's own checkpoint,
// finding nearly everything copied already, does, and bounds the file.
type checkpointer struct {
	conn *sql.DB
	kick chan struct{}
	done chan struct{}
}

// walBackstopPages is the WAL size, in pages, at which the writer
// checkpoints itself (SQLite's default is 1,000).
const walBackstopPages = 8000

func newCheckpointer(conn *sql.DB) *checkpointer {
	c := &checkpointer{conn: conn, kick: make(chan struct{}, 1), done: make(chan struct{})}
	go func() {
		defer close(c.done)
		for range c.kick {
			// PASSIVE waits for no one: frames a reader still needs stay
			// for the next round. A failure leaves them for the next round
			// too, or for the writer's own checkpoint.
			_, _ = c.conn.ExecContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)")
		}
	}()
	return c
}

// committed asks for a checkpoint of what the writer just committed;
// one already asked for and not yet begun covers it.
func (c *checkpointer) committed() {
	select {
	case c.kick <- struct{}{}:
	default:
	}
}

// close waits for a running checkpoint and closes the connection.
func (c *checkpointer) close() error {
	close(c.kick)
	<-c.done
	return c.conn.Close()
}
