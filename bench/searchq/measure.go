package main

import (
	"cmp"
	"fmt"
	"io"
	"net/url"
	"path"
	"slices"
	"strings"
)

// measurement is one query on one engine.
type measurement struct {
	err    error
	bytes  int // fetched for the search, as the server saw it
	code   int // of which scripts and wasm
	perf   int // fetched for the search, as the page's Performance API saw it
	files  []resource
	ms     float64 // last fetch before the first results → first results
	nav    float64 // navigation start → first results
	none   bool    // the page said no results
	status string
	top    []string
	rank   int  // of the expected article in top, 1-based; 0: not there
	rival  bool // top holds an article whose headline holds every word of the query
}

// measureAll runs every query -reps times on every engine, alternating engines, after one
// uncounted warm-up query per engine, and keeps each query's median run.
func measureAll(o options, qs []query, engines []string) ([][]measurement, error) {
	srv, err := serve(o.site)
	if err != nil {
		return nil, err
	}
	defer srv.close()
	browser, stopBrowser, err := startBrowser(o.chromium)
	if err != nil {
		return nil, err
	}
	defer stopBrowser()
	for _, e := range engines {
		if _, err := open(browser, pageURL(srv.base, e, qs[0].Text, o), o.timeout, o.settle); err != nil {
			return nil, fmt.Errorf("%s: warm-up query %q: %w", e, qs[0].Text, err)
		}
	}
	runs := make([][]measurement, len(engines))
	for _, q := range qs {
		reps := make([][]measurement, len(engines))
		for range max(o.reps, 1) {
			for i, e := range engines {
				u := pageURL(srv.base, e, q.Text, o)
				mark := srv.mark()
				pr, err := open(browser, u, o.timeout, o.settle)
				m := measure(pr, srv.since(mark), u, q)
				m.err = err
				reps[i] = append(reps[i], m)
			}
		}
		for i := range engines {
			runs[i] = append(runs[i], medianRun(reps[i]))
		}
	}
	return runs, nil
}

// medianRun picks, of the runs of one query, the one with the median time after the
// fetches (the lower middle one of an even count), or the first that failed.
func medianRun(ms []measurement) measurement {
	for _, m := range ms {
		if m.err != nil {
			return m
		}
	}
	s := slices.SortedFunc(slices.Values(ms), func(a, b measurement) int { return cmp.Compare(a.ms, b.ms) })
	return s[(len(s)-1)/2]
}

// counted says whether a fetched file is part of the search: everything but the page
// itself, style sheets and images, which any page of the site loads.
func counted(uri, page string) bool {
	u, err := url.Parse(uri)
	if err != nil {
		return true
	}
	switch path.Ext(u.Path) {
	case ".css", ".svg", ".ico", ".png", ".jpg", ".webp", ".woff", ".woff2":
		return false
	}
	return u.Path != page
}

// isCode says whether a fetched file is a program rather than index data.
func isCode(uri string) bool {
	p, _, _ := strings.Cut(uri, "?")
	return strings.HasSuffix(p, ".js") || strings.HasPrefix(path.Base(p), "wasm.")
}

// measure reads one query's figures from what the page and the server saw. The server's
// clock and the page's share the machine: a response's end, less the page's time origin,
// is on the page's timeline.
func measure(pr pageResult, log []served, pageURL string, q query) measurement {
	m := measurement{status: strings.TrimSpace(pr.Status), top: pr.Top}
	page := ""
	if u, err := url.Parse(pageURL); err == nil {
		page = u.Path
	}
	at := pr.First
	if at == nil {
		at, m.none = pr.None, true
	}
	last := 0.0
	ended := func(end float64) {
		if at != nil && end <= *at && end > last {
			last = end
		}
	}
	for _, r := range pr.Resources {
		if u, err := url.Parse(r.Name); err == nil && counted(u.RequestURI(), page) {
			m.perf += r.Size
			ended(r.End)
		}
	}
	for _, s := range log {
		if !counted(s.uri, page) {
			continue
		}
		end := float64(s.end.UnixMicro())/1000 - pr.Origin
		m.files = append(m.files, resource{Name: s.uri, Size: s.bytes, End: end})
		m.bytes += s.bytes
		if isCode(s.uri) {
			m.code += s.bytes
		}
		ended(end)
	}
	if at != nil {
		m.nav, m.ms = *at, *at-last
	}
	m.rank = slices.Index(m.top, q.Expected) + 1
	m.rival = slices.ContainsFunc(m.top, func(p string) bool { return slices.Contains(q.Rivals, p) })
	return m
}

func printEngine(w io.Writer, engine string, qs []query, ms []measurement, verbose bool) {
	fmt.Fprintf(w, "\n## %s\n\n", engine)
	fmt.Fprintln(w, "| # | query | rivals | rank | bytes | of which code | Performance API bytes | files | ms after fetches | ms from navigation | status | top 3 |")
	fmt.Fprintln(w, "|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|")
	for i, m := range ms {
		q := qs[i]
		if m.err != nil {
			fmt.Fprintf(w, "| %d | %s | %d | error | | | | | | | %s | |\n", i+1, q.Text, len(q.Rivals), strings.ReplaceAll(m.err.Error(), "|", "/"))
			continue
		}
		rank := "-"
		if m.rank > 0 {
			rank = fmt.Sprint(m.rank)
		}
		if m.rival {
			rank += " (a rival in top 3)"
		}
		fmt.Fprintf(w, "| %d | %s | %d | %s | %d | %d | %d | %d | %.1f | %.1f | %s | %s |\n", i+1, q.Text, len(q.Rivals), rank,
			m.bytes, m.code, m.perf, len(m.files), m.ms, m.nav, m.status, strings.Join(m.top, " "))
		if verbose {
			for _, f := range m.files {
				fmt.Fprintf(w, "|   | %s | | | %d | | | | ended %.1f | | | |\n", f.Name, f.Size, f.End)
			}
		}
	}
	fmt.Fprintf(w, "\nexpected articles: %s\n", strings.Join(expected(qs), " "))
	fmt.Fprintln(w, summary(engine, ms))
}

func expected(qs []query) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.Expected)
	}
	return out
}

// summary is the line bench/search.sh reads.
func summary(engine string, ms []measurement) string {
	var bytes, perf, times, navs []float64
	errs, hits, headlineHits := 0, 0, 0
	for _, m := range ms {
		if m.err != nil {
			errs++
			continue
		}
		if m.rank > 0 {
			hits++
		}
		if m.rank > 0 || m.rival {
			headlineHits++
		}
		bytes = append(bytes, float64(m.bytes))
		perf = append(perf, float64(m.perf))
		times = append(times, m.ms)
		navs = append(navs, m.nav)
	}
	return fmt.Sprintf("summary engine=%s queries=%d errors=%d hits=%d headline_hits=%d bytes_median=%.0f bytes_max=%.0f perf_median=%.0f perf_max=%.0f ms_median=%.1f ms_max=%.1f nav_median=%.1f",
		engine, len(ms), errs, hits, headlineHits, median(bytes), maxOf(bytes), median(perf), maxOf(perf), median(times), maxOf(times), median(navs))
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func maxOf(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	return slices.Max(xs)
}
