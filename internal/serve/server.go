package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"dateline/internal/config"
	"dateline/internal/diag"
	"dateline/internal/site"
	"dateline/internal/watch"
)

// Server is the development server: a site kept built in memory, rebuilt for every batch
// of changes its watcher reports, served over HTTP with live reload.
type Server struct {
	Live    *site.Live
	Watcher *watch.Watcher
	Broker  *Broker
	// Built is called after every rebuild, with the batch of changed paths and the
	// rebuild's error, for the command line to report.
	Built func(res *site.Result, batch []string, err error)
}

// Start builds the site of opts into memory, to be served on ln (opts.BaseURL becomes
// ln's URL), and starts watching its folders. The build's result and error are returned
// as they are; the server is nil when the build failed.
func Start(ctx context.Context, ln net.Listener, opts site.Options, quiet time.Duration) (*Server, *site.Result, error) {
	opts.BaseURL = URL(ln)
	live, res, err := site.Start(ctx, opts)
	if err != nil {
		return nil, res, err
	}
	w, err := watch.New(opts.Source, site.Inputs, []string{config.File}, quiet)
	if err != nil {
		return nil, res, fmt.Errorf("watching %s: %w", opts.Source, err)
	}
	return &Server{Live: live, Watcher: w, Broker: NewBroker()}, res, nil
}

// URL is the address a listener serves the site at.
func URL(ln net.Listener) string { return "http://" + ln.Addr().String() + "/" }

// Serve serves the site on ln and rebuilds it as it changes, until ctx ends; then it
// stops watching, closes open event streams and shuts the server down.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	defer s.Watcher.Close()
	go s.Watch(ctx)
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	srv.RegisterOnShutdown(s.Broker.Close)
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

// Handler serves the current build, with live reload.
func (s *Server) Handler() http.Handler {
	return &Handler{Files: s.Live, Reload: s.Broker}
}

// Watch rebuilds the site for every batch of changes and tells open pages, until ctx
// ends or the watcher stops.
func (s *Server) Watch(ctx context.Context) {
	broken := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.Watcher.Errors():
			// Events were lost (the kernel's queue overflowed): read everything again.
			s.rebuild(ctx, site.Inputs, &broken)
		case batch, ok := <-s.Watcher.Changes():
			if !ok {
				return
			}
			s.rebuild(ctx, batch, &broken)
		}
	}
}

// rebuild rebuilds for one batch and tells open pages. broken says whether the last
// rebuild failed, when the pages show the error and must reload whatever happens.
func (s *Server) rebuild(ctx context.Context, batch []string, broken *bool) {
	res, err := s.Live.Update(ctx, batch)
	if s.Built != nil {
		s.Built(res, batch, err)
	}
	if err != nil {
		s.Broker.Problem(Lines(err))
		*broken = true
		return
	}
	switch {
	case res.CSSOnly() && !*broken:
		s.Broker.Reload(res.Written)
	case len(res.Written)+len(res.Removed) > 0 || *broken:
		s.Broker.Reload(nil) // after an error, always: the pages show the overlay
	}
	*broken = false
}

// Lines returns the errors of a failed build, one a line, in order.
func Lines(err error) []string {
	errs, _ := diag.Split(err)
	diag.Sort(errs)
	lines := make([]string, len(errs))
	for i, x := range errs {
		lines[i] = x.Error()
	}
	if len(lines) == 0 && err != nil && !errors.Is(err, context.Canceled) {
		lines = append(lines, err.Error())
	}
	return lines
}
