package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"
)

// openPipe opens a named pipe for reading. Opening one blocks until a
// writer opens it too; after timeout (or when ctx ends) the wait is given
// up, and the blocked open released by opening the pipe for writing and
// closing it at once.
func openPipe(ctx context.Context, path string, timeout time.Duration) (*os.File, error) {
	type opened struct {
		f   *os.File
		err error
	}
	done := make(chan opened, 1)
	go func() {
		f, err := os.Open(path)
		done <- opened{f, err}
	}()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case o := <-done:
		if o.err != nil {
			return nil, o.err
		}
		return o.f, nil
	case <-t.C:
	case <-ctx.Done():
	}
	releasePipe(path)
	select {
	case o := <-done:
		if o.f != nil {
			o.f.Close()
		}
	case <-time.After(time.Second):
		// Still blocked (the pipe was replaced?): the goroutine ends when
		// a writer comes, or with the process.
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return nil, invalid(ReasonTimeout, fmt.Sprintf("a named pipe that nothing wrote to within %s", timeout))
}

// idleReader reads a pipe, giving up when nothing arrives for timeout.
type idleReader struct {
	f       *os.File
	timeout time.Duration
}

func (r *idleReader) Read(p []byte) (int, error) {
	// A pipe is read through the runtime's poller, so deadlines work.
	_ = r.f.SetReadDeadline(time.Now().Add(r.timeout))
	n, err := r.f.Read(p)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		err = invalid(ReasonTimeout, fmt.Sprintf("nothing received from the pipe for %s", r.timeout))
	}
	return n, err
}
