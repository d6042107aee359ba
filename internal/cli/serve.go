package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
	"time"

	"dateline/internal/diag"
	"dateline/internal/serve"
	"dateline/internal/site"
)

// quiet is how long the file system must be still before a rebuild starts: long enough
// to gather an editor's save into one batch, short enough not to be felt.
const quiet = 10 * time.Millisecond

func runServe(ctx context.Context, e *env, args []string) error {
	fs := e.flags("serve")
	var sf siteFlags
	sf.register(fs)
	bind := fs.String("bind", "127.0.0.1", "the `address` to listen on; 0.0.0.0 makes the site reachable from other machines")
	port := fs.Int("port", 1313, "the `port` to listen on")
	if _, err := parse(fs, args, 0, 0); err != nil {
		return err
	}
	addr := net.JoinHostPort(*bind, strconv.Itoa(*port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %v; hint: another program (perhaps another dateline serve) uses port %d; pass --port with a free one", addr, err, *port)
	}
	defer ln.Close()
	dev, res, err := serve.Start(ctx, ln, sf.options(), quiet)
	if dev == nil {
		if !isSiteError(err) {
			return err
		}
		e.printDiagnostics(res.Stats, err)
		return errReported
	}
	e.printDiagnostics(res.Stats, nil)
	fmt.Fprintf(e.stdout, "%s in %s\nServing at %s (Ctrl-C to stop)\n", summary(res.Stats), res.Took.Round(time.Millisecond), serve.URL(ln))
	dev.Built = e.built
	if err := dev.Serve(ctx, ln); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "Stopped.")
	return nil
}

// isSiteError reports whether err holds diagnostics of the site, already printed.
func isSiteError(err error) bool {
	var d *diag.Error
	return errors.As(err, &d)
}

// built reports one rebuild of the development server.
func (e *env) built(res *site.Result, batch []string, err error) {
	if err != nil {
		e.printErrors(err)
		return
	}
	e.report1(res, batch)
}

// report1 prints one line for a rebuild, after the warnings about the changed files.
func (e *env) report1(res *site.Result, batch []string) {
	var warnings []error
	for _, w := range res.Stats.Warnings {
		var d *diag.Error
		if errors.As(w, &d) && slices.Contains(batch, d.Path) {
			warnings = append(warnings, w)
		}
	}
	e.printWarnings(warnings)
	what := strings.Join(batch, ", ")
	if len(batch) > 3 {
		what = fmt.Sprintf("%s and %d more", strings.Join(batch[:3], ", "), len(batch)-3)
	}
	fmt.Fprintf(e.stdout, "Rebuilt for %s: %d written, %d removed in %s\n", what, len(res.Written), len(res.Removed),
		res.Took.Round(100*time.Microsecond))
}
