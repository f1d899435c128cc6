// Package memtune sets how the garbage collector trades memory for time in
// sitrep's batch commands (extract, ingest, reextract, migrate, worker).
//
// Go collects when the heap has grown by GOGC percent (100) since the last
// collection. Consolidating a million reports keeps some 3 GB live and
// allocates steadily, so that at 100 the collector takes about a fifth of
// the CPU; at 400 the million took 62 s instead of 75 s on the 2-core
// development machine, with 4.1 GB of heap instead of 3.4 GB (800 gained
// nothing more). A soft limit of three quarters of the machine's memory
// makes the collector work harder before that would run the machine out of
// memory. The server keeps Go's defaults: it holds little and answers
// many.
package memtune

import (
	"bufio"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// BatchGCPercent is the collector's target for batch commands.
const BatchGCPercent = 400

// ForBatch sets BatchGCPercent and a soft memory limit of three quarters
// of the machine's memory, each unless the user set GOGC or GOMEMLIMIT.
// It returns the settings made, for a log line or a benchmark's report.
func ForBatch() (gcPercent int, limit int64) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(BatchGCPercent)
		gcPercent = BatchGCPercent
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		if total := totalMemory(); total > 0 {
			limit = total / 4 * 3
			debug.SetMemoryLimit(limit)
		}
	}
	return gcPercent, limit
}

// totalMemory is the machine's memory in bytes from /proc/meminfo, or 0
// where there is none (the collector then keeps no soft limit).
func totalMemory() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	return memTotal(bufio.NewScanner(f))
}

// memTotal reads the MemTotal line ("MemTotal:  24576000 kB").
func memTotal(sc *bufio.Scanner) int64 {
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "MemTotal:" {
			kb, err := strconv.ParseInt(fields[1], 10, 64)
			if err != nil || kb <= 0 {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}
