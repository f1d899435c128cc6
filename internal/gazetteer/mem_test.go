package gazetteer

import (
	"bytes"
	"runtime"
	"testing"
	"time"
)

// TestLoadCost reports the load time and checks the heap the loaded
// gazetteer holds against its budget (300 MB). The time is only reported:
// BenchmarkLoad measures it, as a timed test would fail on a loaded machine.
func TestLoadCost(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("memory figures under the race detector are not the program's")
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
	t.Logf("load %v, %d entries, %d names, heap %d MB", d, g.Len(), g.names.len(), mb)
	if mb > 300 {
		t.Errorf("heap %d MB after loading: over the 300 MB budget", mb)
	}
	runtime.KeepAlive(g)
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
