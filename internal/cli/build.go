package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"dateline/internal/diag"
	"dateline/internal/output"
	"dateline/internal/site"
	"dateline/internal/store"
)

// siteFlags are the flags build and serve share.
type siteFlags struct {
	source  string
	drafts  bool
	future  bool
	expired bool
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.source, "source", ".", "the site `folder`, holding content/")
	fs.BoolVar(&f.drafts, "drafts", false, "include articles marked draft: true")
	fs.BoolVar(&f.future, "future", false, "include articles dated in the future (embargoed)")
	fs.BoolVar(&f.expired, "expired", false, "include articles past their expiry date (expirydate:)")
}

// options are the site.Options the flags choose.
func (f *siteFlags) options() site.Options {
	return site.Options{Source: f.source, Drafts: f.drafts, Future: f.future, Expired: f.expired}
}

func runBuild(ctx context.Context, e *env, args []string) error {
	fs := e.flags("build")
	var sf siteFlags
	sf.register(fs)
	dest := fs.String("dest", "", "the output `folder` (default: public under the source)")
	baseURL := fs.String("base-url", "", "the `URL` the site is served from, replacing baseURL of dateline.toml")
	quiet := fs.Bool("quiet", false, "print no progress line, only problems and the summary")
	fs.Var(&e.warnings, "warnings", "how many warnings to print, or `all` (default 20)")
	if _, err := parse(fs, args, 0, 0); err != nil {
		return err
	}
	if *dest == "" {
		*dest = filepath.Join(sf.source, "public")
	}
	if stop, err := profile(); err != nil {
		return err
	} else {
		defer stop()
	}
	start := time.Now()
	dir, err := output.OpenDir(*dest, sf.source, site.Inputs)
	if err != nil {
		return err
	}
	dir.Step = e.outputStep
	out := store.Open(dir, filepath.Join(sf.source, store.CacheDir))
	meter, stopProgress := e.buildProgress(start, *quiet)
	opts := sf.options()
	opts.BaseURL, opts.LimitMemory, opts.Progress = *baseURL, true, meter
	opts.NoSearch = os.Getenv("DATELINE_NO_SEARCH") != "" // for bench/search.sh: what the index costs
	stats, err := site.Build(ctx, opts, out)
	stopProgress()
	e.printDiagnostics(stats, err)
	if err != nil {
		out.Abort()
		return errReported
	}
	if stats.Unchanged {
		fmt.Fprintf(e.stdout, "Nothing changed: %d %s, %d files of %s kept as they were, in %s\n", stats.Articles,
			plural(stats.Articles, "article", "articles"), stats.Kept, *dest, time.Since(start).Round(time.Millisecond))
		return nil
	}
	kept := ""
	if stats.Kept > 0 {
		kept = fmt.Sprintf(", %d kept as they were", stats.Kept)
	}
	fmt.Fprintf(e.stdout, "%s%s into %s in %s\n", summary(stats), kept, *dest, time.Since(start).Round(time.Millisecond))
	return nil
}

// warningLimit is how many warnings a command prints before it only counts the rest:
// 20 unless --warnings says a number or all.
type warningLimit struct {
	n   int
	set bool
}

// defaultWarnings is the limit without --warnings: enough to see what kind of problems
// there are, few enough that the summary stays on the screen.
const defaultWarnings = 20

func (w *warningLimit) limit() int {
	if !w.set {
		return defaultWarnings
	}
	return w.n
}

func (w *warningLimit) String() string {
	if w.set && w.n < 0 {
		return "all"
	}
	return fmt.Sprint(w.limit())
}

func (w *warningLimit) Set(s string) error {
	if s == "all" {
		w.n, w.set = -1, true
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return fmt.Errorf("want a number or all, got %q", s)
	}
	w.n, w.set = n, true
	return nil
}

// printDiagnostics prints warnings (the first of them), then errors, one a line, then
// the count of errors.
func (e *env) printDiagnostics(stats *site.Stats, err error) {
	if stats != nil {
		e.printWarnings(stats.Warnings)
	}
	e.printErrors(err)
}

// printErrors prints errors, one a line, then their count.
func (e *env) printErrors(err error) {
	if err == nil {
		return
	}
	errs, _ := diag.Split(err)
	diag.Sort(errs)
	for _, x := range errs {
		fmt.Fprintln(e.stderr, x)
	}
	fmt.Fprintf(e.stderr, "%d %s\n", len(errs), plural(len(errs), "error", "errors"))
}

// summary is the build summary line: what was built and what was left out.
func summary(s *site.Stats) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Built %d %s, %d pages, %d files", s.Articles, plural(s.Articles, "article", "articles"), s.Pages, s.Files)
	var skipped []string
	if n := s.Skipped.Drafts; n > 0 {
		skipped = append(skipped, fmt.Sprintf("%d %s (--drafts)", n, plural(n, "draft", "drafts")))
	}
	if n := s.Skipped.Future; n > 0 {
		skipped = append(skipped, fmt.Sprintf("%d embargoed (--future)", n))
	}
	if n := s.Skipped.Expired; n > 0 {
		skipped = append(skipped, fmt.Sprintf("%d expired (--expired)", n))
	}
	if len(skipped) > 0 {
		last := len(skipped) - 1
		if last > 0 {
			skipped[last-1] += " and " + skipped[last]
			skipped = skipped[:last]
		}
		fmt.Fprintf(&b, ", leaving out %s", strings.Join(skipped, ", "))
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// printWarnings prints warnings, as many as --warnings allows, then how many more there are.
func (e *env) printWarnings(warnings []error) {
	limit := e.warnings.limit()
	for i, w := range warnings {
		if i == limit {
			fmt.Fprintf(e.stderr, "… and %d more %s (--warnings all lists them)\n", len(warnings)-limit, plural(len(warnings)-limit, "warning", "warnings"))
			break
		}
		fmt.Fprintln(e.stderr, w)
	}
}

// profile writes a CPU profile of the build to the file named by DATELINE_CPUPROFILE and
// a heap profile, as of the build's last collection, to the one named by
// DATELINE_MEMPROFILE, for go tool pprof, when they are set (see the README's Performance
// section).
func profile() (stop func(), err error) {
	stopCPU, err := cpuProfile(os.Getenv("DATELINE_CPUPROFILE"))
	if err != nil {
		return nil, err
	}
	heap := os.Getenv("DATELINE_MEMPROFILE")
	if heap == "" {
		return stopCPU, nil
	}
	f, err := os.Create(heap)
	if err != nil {
		stopCPU()
		return nil, err
	}
	return func() { stopCPU(); pprof.Lookup("heap").WriteTo(f, 0); f.Close() }, nil
}

// cpuProfile starts a CPU profile written to name; with no name it does nothing.
func cpuProfile(name string) (stop func(), err error) {
	if name == "" {
		return func() {}, nil
	}
	f, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
