// Command searchq measures, in headless Chromium, what one search costs a reader of a
// built site, with dateline's own search (/search/) and with Pagefind (/pagefind/, made
// by `pagefind --site DIR`), on the same query set:
//
//   - bytes: the body bytes of every file the page fetched for the search: the search
//     script, the index files, Pagefind's scripts and wasm; not the HTML page itself,
//     style sheets or images. searchq's own server counts them, because Pagefind fetches
//     from a web worker, whose fetches the page's Performance API does not list; the sum
//     of encodedBodySize over the page's performance.getEntriesByType('resource') is
//     printed beside it ("Performance API bytes"), and for dateline the two agree. The
//     server is net/http's FileServer, which never compresses, so these are the sizes of
//     the files on disk; each query opens a fresh tab in a new browser context, so
//     nothing comes from a cache.
//   - ms: from the end of the last fetch that completed before the first result was in
//     the list (its responseEnd, or for a worker's fetch the server's end of the
//     response on the page's clock) to that moment, stamped by a MutationObserver
//     installed before the page's own scripts: the time the search takes after its data
//     arrived. "ms from navigation" is the same moment counted from the start of
//     navigation.
//   - top 3: the paths of the first three results, and whether the expected article is
//     among them.
//
// Dateline's page is /search/?q=QUERY, done when #search-results holds an li or
// #search-status starts with "No results". Pagefind's page is served by searchq itself
// (outside the site): it imports /pagefind/pagefind.js, awaits pagefind.search(q), loads
// data() of the first -pf-results results and lists their URLs in the same elements. It
// searches in Pagefind's web worker, as Pagefind does by default, unless -pf-no-worker.
//
// The query set comes from the generated corpus (dateline/internal/corpus) the site was
// built from: -n articles spread evenly over it in path (date) order; each query is the
// tag words and the place of the article's headline ("Council approves water policy in
// Port Salmar" → "water policy Port Salmar"), and the expected hit is that article's page.
// "rivals" counts the other headlines that hold every word of the query: with rivals, a
// miss is not necessarily wrong, so a second count, "headline hits", takes a query as
// answered when its top 3 hold the expected article or a rival. -print-queries writes the
// set as TSV (query, expected path, rivals' paths) and -queries reads one back.
//
// A first, uncounted query warms Chromium up. With -engine both the engines alternate
// query by query, so drift hits both alike. With -reps R each query runs R times and the
// run with the median time after the fetches counts (the bytes are the same each time). Each engine ends with a line
//
//	summary engine=dateline queries=20 errors=0 hits=19 headline_hits=20 bytes_median=… bytes_max=… perf_median=… perf_max=… ms_median=… ms_max=… nav_median=…
//
// which bench/search.sh reads.
//
//	go run ./bench/searchq -site /tmp/site/public -corpus /tmp/corpus-10000-1 -engine both
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"strings"
	"time"
)

type options struct {
	site, corpus, queries, engine, chromium string
	n, pfResults, reps                      int
	timeout, settle                         time.Duration
	printQueries, verbose, pfNoWorker       bool
}

func main() {
	var o options
	flag.StringVar(&o.site, "site", "", "the built site `folder` (dateline's output, with pagefind/ in it for Pagefind)")
	flag.StringVar(&o.corpus, "corpus", "", "the generated corpus `folder` the site was built from, to make the query set")
	flag.StringVar(&o.queries, "queries", "", "read the query set from this TSV `file` instead")
	flag.IntVar(&o.n, "n", 20, "queries to make from the corpus")
	flag.IntVar(&o.reps, "reps", 1, "runs of each query; the run with the median time counts")
	flag.StringVar(&o.engine, "engine", "both", "dateline, pagefind or both")
	flag.IntVar(&o.pfResults, "pf-results", 3, "Pagefind results whose data() the page loads")
	flag.BoolVar(&o.pfNoWorker, "pf-no-worker", false, "run Pagefind's search in the page, not in its web worker")
	flag.StringVar(&o.chromium, "chromium", "", "the Chromium `binary` (default: chromium on PATH)")
	flag.DurationVar(&o.timeout, "timeout", 20*time.Second, "how long a query may take to show results")
	flag.DurationVar(&o.settle, "settle", 500*time.Millisecond, "after the results, wait until no fetch has started for this long")
	flag.BoolVar(&o.printQueries, "print-queries", false, "print the query set as TSV and stop")
	flag.BoolVar(&o.verbose, "v", false, "list the files each query fetched")
	flag.Parse()
	if err := run(o, os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func run(o options, w io.Writer) error {
	if o.site == "" {
		return fmt.Errorf("-site is required")
	}
	qs, err := querySet(o)
	if err != nil {
		return err
	}
	if o.printQueries {
		for _, q := range qs {
			fmt.Fprintf(w, "%s\t%s\t%s\n", q.Text, q.Expected, strings.Join(q.Rivals, " "))
		}
		return nil
	}
	engines := []string{o.engine}
	if o.engine == "both" {
		engines = []string{"dateline", "pagefind"}
	}
	if err := checkEngines(o.site, engines); err != nil {
		return err
	}
	if o.chromium == "" {
		if o.chromium, err = exec.LookPath("chromium"); err != nil {
			return fmt.Errorf("no chromium on PATH: %w\nhint: apt-get install -y chromium, or pass -chromium", err)
		}
	}
	runs, err := measureAll(o, qs, engines)
	if err != nil {
		return err
	}
	for i, e := range engines {
		printEngine(w, e, qs, runs[i], o.verbose)
	}
	return nil
}

func querySet(o options) ([]query, error) {
	if o.queries != "" {
		return readQueries(o.queries)
	}
	if o.corpus == "" {
		return nil, fmt.Errorf("give -corpus (the generated corpus folder) or -queries (a TSV file)")
	}
	heads, err := readHeadlines(os.DirFS(o.corpus))
	if err != nil {
		return nil, err
	}
	if len(heads) == 0 {
		return nil, fmt.Errorf("%s: no articles under content/", o.corpus)
	}
	return makeQueries(heads, o.n, o.site)
}

// checkEngines fails early when the site lacks an engine's index.
func checkEngines(site string, engines []string) error {
	for _, e := range engines {
		var need, hint string
		switch e {
		case "dateline":
			need, hint = "search/meta.z", "build the site with a dateline that writes the search index"
		case "pagefind":
			need, hint = "pagefind/pagefind.js", "run pagefind --site "+site
		default:
			return fmt.Errorf("-engine %q: want dateline, pagefind or both", e)
		}
		if _, err := os.Stat(site + "/" + need); err != nil {
			return fmt.Errorf("%s: %w\nhint: %s", e, err, hint)
		}
	}
	return nil
}
