//go:build race

package custody

// raceEnabled: the race detector slows SQLite tenfold; the tamper
// campaign then runs a sample, and make check runs all of it without.
const raceEnabled = true
