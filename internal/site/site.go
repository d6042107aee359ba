// Package site builds a whole site. It runs the stages in order: configuration and
// theme, content.Load, archive.Build, then a plan of every file the build will write
// (checked so that no two sources claim one URL), then the article pages on all cores
// (each body read, converted, rendered and written before the next is taken, so only
// metadata stays in memory), then everything that lists articles: listing pages, feeds,
// sitemaps. A one-off build (Build) and the development server (Live) run this one
// pipeline (builder.run), into a target that knows what the build before left, so that
// only jobs whose signature changed run: an output folder behind the build store
// (package store), or the served files in memory. Files go out through an output.Sink;
// the site itself is read through an fs.FS.
package site

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"dateline/internal/archive"
	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/diag"
	"dateline/internal/markdown"
	"dateline/internal/output"
	"dateline/internal/progress"
	"dateline/internal/render"
	"dateline/internal/search"
	"dateline/internal/store"
	"dateline/internal/theme"
)

// Options are the settings of one build.
type Options struct {
	Source  string // the site folder; FS defaults to it
	FS      fs.FS  // the site, read-only; tests pass an in-memory one
	Drafts  bool
	Future  bool
	Expired bool      // include articles past their expiry date
	BaseURL string    // overrides baseURL from dateline.toml when set
	Now     time.Time // the build time; zero means the current time

	// Progress, when set, is told each stage of the build and its count, for a progress
	// line.
	Progress *progress.Meter

	// NoSearch leaves the search page and index out (for measuring what they cost).
	NoSearch bool

	// LimitMemory sets the process's soft memory limit from the size of the archive
	// (see limitMemory); for a one-off build, which owns its process.
	LimitMemory bool
}

// Stats describe a finished build, for the summary line.
type Stats struct {
	Articles  int
	Pages     int  // HTML pages written
	Files     int  // all files written, pages included
	Kept      int  // files of the last build kept as they were (a warm build)
	Unchanged bool // the output folder needs no change at all
	Skipped   content.Skipped
	Warnings  []error
}

// Inputs are the folders of a site that a build reads; the output may not overlap them.
var Inputs = []string{content.ContentDir, theme.TemplatesDir, theme.StaticDir}

// ReservedIDs are the element ids the default layout uses, which headings must not take.
var ReservedIDs = []string{"main", "corrections-heading", "filed-under", "related-heading", "pager-heading"}

// Build builds the site into sink. A store.Out is finished when the build succeeds: the
// new tree swapped in, or, when nothing changed, nothing touched, and the build store
// saved. On error nothing should be kept of what the sink got: the caller aborts it.
func Build(ctx context.Context, opts Options, sink output.Sink) (*Stats, error) {
	var t target = sinkTarget{sink}
	out, _ := sink.(*store.Out)
	if out != nil {
		t = outTarget{out}
	}
	b, err := start(ctx, opts, nil, out)
	if b.arch != nil {
		if out != nil && out.Cache() != "" {
			b.out = out
		}
		err = b.run(ctx, t, err)
	}
	stats := b.stats()
	stats.Unchanged = b.untouched
	return stats, err
}

// run is the pipeline of every build, one-off or of the development server, once the
// site is read (readErr is what reading it found): it signs and plans every job, checks
// the plan, runs every job whose files the target does not have already, articles first,
// and finishes the build in the target.
func (b *builder) run(ctx context.Context, t target, readErr error) error {
	p, err := b.plan()
	if err := errors.Join(readErr, err); err != nil {
		return err
	}
	b.sink = t
	if b.cache == nil {
		b.cardHTML, b.excerpts = store.NewSpool(), store.NewSpool()
		defer b.cardHTML.Close()
		defer b.excerpts.Close()
	}
	if b.search != nil {
		defer b.search.start(b)()
	}
	defer b.entries.close()
	p.meter = b.opts.Progress
	if err := p.run(ctx, func(j *job) bool { return !t.keep(b, j) }); err != nil {
		return err
	}
	return t.finish(ctx, b, p)
}

// start reads a whole site: configuration, theme, templates, content, archive, and the
// signatures of articles. c is the development server's cache, or nil; out the output
// folder of a one-off build, whose store may know articles, or nil. On a content error
// the builder still has the archive of the articles that were read, so that the plan can
// report its own errors in the same run.
func start(ctx context.Context, opts Options, c *cache, out *store.Out) (*builder, error) {
	if opts.FS == nil {
		opts.FS = content.DirFS(opts.Source)
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	b, err := prepare(opts.FS, opts)
	b.cache = c
	if err != nil {
		return b, err
	}
	b.useStore(out)
	if opts.LimitMemory {
		// Until the number of articles is known, the most any build may use: reading a
		// large archive makes garbage enough to double the heap before it is known.
		limitMemory(math.MaxInt32)
	}
	copts := b.contentOptions()
	copts.Once = c == nil
	if b.store != nil {
		copts.Known = b.known
	}
	set, err := content.Load(ctx, b.cfg, opts.FS, copts)
	if set == nil {
		return b, err
	}
	b.set = set
	if opts.LimitMemory {
		limitMemory(len(set.Articles))
	}
	b.warnings = append(b.warnings, set.Warnings...)
	b.derive(archive.Build(b.cfg, set.Articles))
	return b, err
}

func (b *builder) contentOptions() content.Options {
	return content.Options{Drafts: b.opts.Drafts, Future: b.opts.Future, Expired: b.opts.Expired, Now: b.opts.Now,
		Progress: b.opts.Progress, ThemeParams: b.theme.Params}
}

// derive computes what the pages need from an archive: views and signatures.
func (b *builder) derive(arch *archive.Archive) {
	b.arch = arch
	b.views = render.NewViews(b.cfg, arch, b.imageSize)
	b.site = b.siteSig()
	b.articleSigs(b.cache.generation)
	b.restoreExcerpts()
}

// builder carries the state of one build through its steps.
type builder struct {
	opts     Options
	cfg      *config.Config
	theme    *theme.Theme
	md       *markdown.Converter
	render   *render.Renderer
	set      *content.Set
	arch     *archive.Archive
	views    *render.Views
	entries  *entries
	search   *searchState // nil without search
	cardHTML *store.Spool // the articles' rendered list cards, in a one-off build
	excerpts *store.Spool // the articles' excerpts once their page is made, in a one-off build
	site     uint64       // the signature of what every page shows of the site
	srcs     []uint64     // by article position: the signature of its sources (sig.go)
	arts     []uint64     // by article position: the signature of its page, and of what lists show of it
	mods     []uint64     // by article position: when it last changed, for sitemap signatures

	store     *store.Store // what the last build into the same folder left, if anything
	out       *store.Out   // the output folder of a one-off build with a store, or nil
	untouched bool         // the output folder needed no change at all
	copied    sync.Map     // article path → the resource files its page copied

	// Buffers reused across pages (see pooled): Atom feeds and feed entries are put
	// together in feedBufs, the largest files of a build and written in a row; a list
	// page's cards are read into cardBufs before they become its river.
	feedBufs sync.Pool // of *feedBuf
	cardBufs sync.Pool // of *[]byte

	// In the development server, the previous build, and which articles are unchanged
	// since (same position, same groupings, same files), whose signatures carry over.
	prev      *builder
	unchanged func(i int) bool
	cache     *cache // the development server's; nil in a one-off build
	sink      target
	warnings  []error
	counts    counts
}

// prepare reads the configuration and the theme, and builds the shared converter and
// templates once.
func prepare(fsys fs.FS, opts Options) (*builder, error) {
	b := &builder{opts: opts}
	cfg, warnings, err := config.Load(fsys)
	b.warnings = warnings
	if err != nil {
		return b, err
	}
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			return b, &diag.Error{Path: "--base-url", Msg: err.Error()}
		}
	}
	b.cfg = cfg
	if b.theme, err = theme.Load(fsys); err != nil {
		return b, err
	}
	b.warnings = append(b.warnings, b.theme.Warnings...)
	if b.render, err = render.New(cfg, b.theme); err != nil {
		return b, err
	}
	if !opts.NoSearch {
		var stems bool
		if b.search, stems = newSearchState(cfg.Language); !stems {
			b.warnings = append(b.warnings, &diag.Error{Path: config.File, Warning: true,
				Msg:  fmt.Sprintf("search has no stemmer for language %q: it finds only the words as written", cfg.Language),
				Hint: "languages with a stemmer: " + strings.Join(search.Languages(), " ")})
		}
	}
	b.md = markdown.New(markdown.Options{Unsafe: cfg.Markdown.Unsafe, ReservedIDs: ReservedIDs})
	return b, nil
}

func (b *builder) stats() *Stats {
	s := &Stats{Warnings: b.warnings, Pages: int(b.counts.pages.Load()), Files: int(b.counts.files.Load())}
	if b.out != nil {
		s.Files, s.Pages, s.Kept = b.out.Counts()
	}
	if b.arch != nil {
		s.Articles = len(b.arch.Articles)
	}
	if b.set != nil {
		s.Skipped = b.set.Skipped
	}
	diag.Sort(s.Warnings)
	return s
}

// imageSize finds the size of an image an article refers to.
func (b *builder) imageSize(a *content.Article, src string) (int, int, bool) {
	p, ok := b.set.Resource(a, src)
	if !ok {
		return 0, 0, false
	}
	return b.set.ImageSize(p)
}

// What a build keeps in memory grows with the archive: the metadata of every article,
// the archive's lists, a job for each file, about 2 KB an article. The rest is
// short-lived: an article being converted and rendered on each core. Go's collector lets
// the heap grow to twice what is live before collecting; a soft limit makes it collect
// at a size of our choosing instead. Each collection costs about what is live, so the
// room above it decides how much of the build the collector takes. With the default
// growth the heap of a 100,000-article build never reached its limit, and the collector
// ran 200 times, a fifth of the CPU counting the preemption and write barriers it
// causes; so a one-off build lets the heap grow to five times what is live (gcPercent),
// and the limit, 5 KB an article, is what starts most collections: half as many, at the
// same peak. Past memoryMax the limit stops growing, so that a million articles fit in
// 2 GiB, and the collector works harder instead. (A build that needs more than the limit
// still runs: the limit only makes collection earlier.)
const (
	memoryBase       = 64 << 20   // the runtime, templates, converter, spools, buffers of the cores
	memoryPerArticle = 5 << 10    // what one article's metadata, jobs and outputs keep, and room
	memoryMax        = 1792 << 20 // 1.75 GiB
	gcPercent        = 400
)

// limitMemory sets the soft memory limit for a build of n articles, unless GOMEMLIMIT
// sets one, and lets the heap grow to the limit, unless GOGC says otherwise.
func limitMemory(n int) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(min(memoryBase+int64(n)*memoryPerArticle, memoryMax))
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}
