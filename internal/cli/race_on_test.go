//go:build race

package cli

// raceEnabled: the race detector slows the child processes of the kill
// test tenfold; make check runs that test again without it.
const raceEnabled = true
