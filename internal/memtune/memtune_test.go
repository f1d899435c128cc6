package memtune

import (
	"bufio"
	"runtime/debug"
	"strings"
	"testing"
)

func TestMemTotal(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
	}{
		{"MemTotal:       24576000 kB\nMemFree:  100 kB\n", 24576000 << 10},
		{"MemFree:  100 kB\nMemTotal: 2048 kB\n", 2048 << 10},
		{"MemTotal: lots kB\n", 0},
		{"", 0},
	} {
		if got := memTotal(bufio.NewScanner(strings.NewReader(c.in))); got != c.want {
			t.Errorf("memTotal(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}

// The user's GOGC wins over the batch setting.
func TestForBatchKeepsTheUsersGOGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	t.Setenv("GOGC", "150")
	t.Setenv("GOMEMLIMIT", "")
	if gc, _ := ForBatch(); gc != 0 {
		t.Errorf("ForBatch set GOGC %d over the user's", gc)
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("the collector's percent is %d, want the 100 set before", got)
	}
	t.Setenv("GOGC", "")
	if gc, _ := ForBatch(); gc != BatchGCPercent {
		t.Errorf("ForBatch set %d, want %d", gc, BatchGCPercent)
	}
	if got := debug.SetGCPercent(100); got != BatchGCPercent {
		t.Errorf("the collector's percent is %d, want %d", got, BatchGCPercent)
	}
}
