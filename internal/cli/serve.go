package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"

	"dateline/internal/output"
	"dateline/internal/serve"
	"dateline/internal/site"
)

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
	url := "http://" + ln.Addr().String() + "/"
	mem := output.NewMemory()
	start := time.Now()
	stats, err := site.Build(ctx, site.Options{Source: sf.source, Drafts: sf.drafts, Future: sf.future, BaseURL: url}, mem)
	e.printDiagnostics(stats, err)
	if err != nil {
		return errReported
	}
	fmt.Fprintf(e.stdout, "%s in %s\nServing at %s (Ctrl-C to stop)\n", summary(stats), time.Since(start).Round(time.Millisecond), url)
	srv := &http.Server{Handler: &serve.Handler{Files: mem}, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
