// Package site builds a whole site. It runs the stages in order: configuration and
// theme, content.Load, archive.Build, then a plan of every file the build will write
// (checked so that no two sources claim one URL), then the article pages on all cores
// (each body read, converted, rendered and written before the next is taken, so only
// metadata stays in memory), then everything that lists articles: listing pages, feeds,
// sitemaps. Everything goes into one output.Sink; the site itself is read through an
// fs.FS.
package site

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"time"

	"dateline/internal/archive"
	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/diag"
	"dateline/internal/markdown"
	"dateline/internal/output"
	"dateline/internal/render"
	"dateline/internal/theme"
)

// Options are the settings of one build.
type Options struct {
	Source  string // the site folder; FS defaults to it
	FS      fs.FS  // the site, read-only; tests pass an in-memory one
	Drafts  bool
	Future  bool
	BaseURL string    // overrides baseURL from dateline.toml when set
	Now     time.Time // the build time; zero means the current time
}

// Stats describe a finished build, for the summary line.
type Stats struct {
	Articles int
	Pages    int // HTML pages written
	Files    int // all files written, pages included
	Skipped  content.Skipped
	Warnings []error
}

// Inputs are the folders of a site that a build reads; the output may not overlap them.
var Inputs = []string{content.ContentDir, theme.TemplatesDir, theme.StaticDir}

// ReservedIDs are the element ids the default layout uses, which headings must not take.
var ReservedIDs = []string{"main", "corrections-heading", "filed-under", "related-heading", "pager-heading"}

// Build builds the site into sink. On error nothing should be kept of what the sink got:
// the caller aborts it.
func Build(ctx context.Context, opts Options, sink output.Sink) (*Stats, error) {
	fsys := opts.FS
	if fsys == nil {
		fsys = os.DirFS(opts.Source)
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	b, err := prepare(fsys, opts)
	if err != nil {
		return b.stats(), err
	}
	b.sink = sink
	set, err := content.Load(ctx, b.cfg, fsys, content.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now})
	if set == nil {
		return b.stats(), err
	}
	b.set = set
	b.warnings = append(b.warnings, set.Warnings...)
	b.arch = archive.Build(b.cfg, set.Articles)
	b.views = render.NewViews(b.cfg, b.arch, b.imageSize)
	p, planErr := b.plan()
	if err := errors.Join(err, planErr); err != nil {
		return b.stats(), err
	}
	defer b.entries.close()
	if err := p.run(ctx); err != nil {
		return b.stats(), err
	}
	return b.stats(), nil
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
	sink     output.Sink
	warnings []error
	counts   counts
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
	if b.render, err = render.New(cfg, b.theme); err != nil {
		return b, err
	}
	b.md = markdown.New(markdown.Options{Unsafe: cfg.Markdown.Unsafe, ReservedIDs: ReservedIDs})
	return b, nil
}

func (b *builder) stats() *Stats {
	s := &Stats{Warnings: b.warnings, Pages: int(b.counts.pages.Load()), Files: int(b.counts.files.Load())}
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
