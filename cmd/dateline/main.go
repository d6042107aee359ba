// Command dateline builds a static news archive from Markdown articles. See the README
// and the output of "dateline --help".
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"dateline/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
