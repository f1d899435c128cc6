package gazetteer

import (
	"bytes"
	"runtime"
	"testing"
	"time"
)

// TestLoadCost reports the load time and the heap the loaded gazetteer
// holds; it fails only when they are far beyond the budget (1 s, 300 MB).
func TestLoadCost(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("timing")
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	t0 := time.Now()
	g, err := Load(bytesReader(embedded))
	d := time.Since(t0)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	mb := (int64(after.HeapAlloc) - int64(before.HeapAlloc)) >> 20
	t.Logf("load %v, %d entries, %d names, heap %d MB", d, g.Len(), len(g.names), mb)
	if d > 3*time.Second || mb > 300 {
		t.Errorf("load %v, heap %d MB: over budget", d, mb)
	}
	runtime.KeepAlive(g)
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
