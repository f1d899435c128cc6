package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// progress draws one self-overwriting line on stderr while a batch runs:
// documents done (of the total when known), rate and time left. It is on
// only when stderr is a terminal, so logs and pipes get the summary alone.
type progress struct {
	w     io.Writer
	on    bool
	total int // lines in the input, 0 when unknown
	start time.Time
	mu    sync.Mutex
	last  time.Time
	drawn bool
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w, on: isTerminal(w), start: time.Now()}
}

// isTerminal: a character device is a terminal for our purpose; this
// avoids a dependency on golang.org/x/term for one bit of information.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// update redraws at most five times a second. A nil progress is off.
func (p *progress) update(done, failed int) {
	if p == nil || !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last = now
	p.drawn = true
	fmt.Fprint(p.w, "\r"+p.line(done, failed, now.Sub(p.start))+"\x1b[K")
}

// status redraws a free-form progress line, at most five times a second.
func (p *progress) status(text string) {
	if p == nil || !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last = now
	p.drawn = true
	fmt.Fprint(p.w, "\r"+text+"\x1b[K")
}

// line renders the progress text; separate from update so it can be tested.
func (p *progress) line(done, failed int, elapsed time.Duration) string {
	rate := float64(done) / max(elapsed.Seconds(), 1e-9)
	var b strings.Builder
	if p.total > 0 {
		frac := min(float64(done+failed)/float64(p.total), 1)
		const width = 24
		fill := int(frac * width)
		fmt.Fprintf(&b, "[%s%s] %d/%d", strings.Repeat("=", fill), strings.Repeat(" ", width-fill), done+failed, p.total)
	} else {
		fmt.Fprintf(&b, "%d", done+failed)
	}
	fmt.Fprintf(&b, " documents, %.0f/s", rate)
	if failed > 0 {
		fmt.Fprintf(&b, ", %d failed", failed)
	}
	if p.total > 0 && rate > 0 {
		left := time.Duration(float64(p.total-done-failed) / rate * float64(time.Second))
		fmt.Fprintf(&b, ", ETA %s", max(left, 0).Round(time.Second))
	}
	return b.String()
}

// finish clears the progress line so the summary starts on a clean line.
func (p *progress) finish() {
	if p == nil || !p.on || !p.drawn {
		return
	}
	fmt.Fprint(p.w, "\r\x1b[K")
}
