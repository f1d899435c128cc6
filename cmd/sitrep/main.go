// Command sitrep turns news reports about armed conflict and human-rights
// abuses into a sourced record of incidents, actors, places and claims.
package main

import (
	"context"
	"os"
	"os/signal"

	"sitrep/internal/cli"
	"sitrep/internal/memtune"
)

func main() {
	cli.BatchTuning = func() { memtune.ForBatch() }
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(cli.ExitCode(err, os.Stderr))
}
