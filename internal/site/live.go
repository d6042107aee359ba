package site

import (
	"bytes"
	"context"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"dateline/internal/archive"
	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/output"
	"dateline/internal/render"
	"dateline/internal/theme"
)

// Live is a site kept built in memory for the development server, and rebuilt for the
// files that change. A rebuild re-reads only the changed files, recomputes the pure stages
// (the archive only when an edit moved, added or retagged an article), and then runs the
// pipeline of every build (builder.run): it plans every job with its signature, and runs
// only the jobs whose signature differs from the page being served. It writes into a
// copy of the served files and swaps the copy in when the whole rebuild succeeded, so a
// broken change never reaches the browser: the last good build stays served, and the
// error stays until the file is fixed.
//
// The result is the same, byte for byte, as a clean build of the same files; the tests
// hold it to that.
type Live struct {
	mu        sync.Mutex // one rebuild at a time
	opts      Options
	cache     *cache
	b         *builder          // the state of the served build
	set       *content.Set      // the content as on disk, which may have errors
	theme     *theme.Theme      // the theme as on disk, once it parses
	render    *render.Renderer  // its templates
	served    map[string]uint64 // the signature of every served job, by site path
	resources map[string]bool   // the served files that articles copy beside their pages
	mem       atomic.Pointer[output.Memory]

	// Errors in the configuration or the templates outlive the rebuild that found them:
	// until the file is changed again, rebuilds must not go on with the old version.
	configErr, templatesErr error
}

// Result says what a build or rebuild did.
type Result struct {
	Stats   *Stats
	Written []string // site paths whose bytes changed or appeared
	Removed []string // site paths that no longer exist
	Took    time.Duration
}

// CSSOnly reports whether only stylesheets changed, which a browser can swap in place.
func (r *Result) CSSOnly() bool {
	if len(r.Removed) > 0 || len(r.Written) == 0 {
		return false
	}
	for _, p := range r.Written {
		if path.Ext(p) != ".css" {
			return false
		}
	}
	return true
}

// Start builds the site into memory.
func Start(ctx context.Context, opts Options) (*Live, *Result, error) {
	l := &Live{opts: opts}
	l.mem.Store(output.NewMemory())
	res, err := l.full(ctx)
	if err != nil {
		return nil, res, err
	}
	return l, res, nil
}

// Get returns a file of the served build; it is safe to call during a rebuild.
func (l *Live) Get(name string) ([]byte, bool) { return l.mem.Load().Get(name) }

// Files returns every file of the served build.
func (l *Live) Files() map[string][]byte { return l.mem.Load().Files() }

// full builds everything anew, as at start or after dateline.toml changed.
func (l *Live) full(ctx context.Context) (*Result, error) {
	began := time.Now()
	c := newCache()
	b, err := start(ctx, l.opts, c, nil)
	if b.arch == nil {
		return &Result{Stats: b.stats()}, err
	}
	t := &liveTarget{mem: output.NewMemory()}
	if err := b.run(ctx, t, err); err != nil {
		return &Result{Stats: b.stats()}, err
	}
	old := l.mem.Load()
	res := &Result{Stats: b.stats()}
	l.cache, l.b, l.set, l.configErr, l.templatesErr = c, b, b.set, nil, nil
	l.theme, l.render = b.theme, b.render
	l.commit(t, res, old)
	res.Took = time.Since(began)
	return res, nil
}

// sigs returns the signature of every job of a plan.
func sigs(p *plan) map[string]uint64 {
	out := make(map[string]uint64, p.size())
	p.jobs(func(j *job) { out[j.path] = j.sig })
	return out
}

// Update rebuilds what the changed paths (relative to the site, as watch reports them)
// affect. On error the served build stays as it was.
func (l *Live) Update(ctx context.Context, paths []string) (*Result, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	began := time.Now()
	if slices.Contains(paths, config.File) || l.configErr != nil {
		// A new configuration changes everything; after a failed one, every change is
		// tried as a whole build until one succeeds.
		res, err := l.full(ctx)
		l.configErr = err
		return res, err
	}
	b, err := l.next(ctx, paths)
	if b.arch == nil {
		return &Result{Stats: b.stats()}, err
	}
	old := l.mem.Load()
	t := &liveTarget{mem: old.Clone(), served: l.served}
	if err := b.run(ctx, t, err); err != nil {
		return &Result{Stats: b.stats()}, err
	}
	res := &Result{Stats: b.stats()}
	if s := b.search; s != nil && !s.ran && l.b.search != nil {
		s.files = l.b.search.files // the index job did not run: its files stay
	}
	b.prev, b.unchanged = nil, nil // no chain of builders kept alive
	l.b = b
	l.commit(t, res, old)
	res.Took = time.Since(began)
	return res, nil
}

// next returns the builder for the site after paths changed, keeping the content as
// read even when it has errors, so that the error stays until it is fixed.
func (l *Live) next(ctx context.Context, paths []string) (*builder, error) {
	prev := l.b
	b := &builder{opts: prev.opts, cfg: prev.cfg, theme: l.theme, md: prev.md, render: l.render, cache: l.cache}
	if prev.search != nil {
		b.search = &searchState{an: prev.search.an}
	}
	b.opts.Now = l.opts.Now
	if b.opts.Now.IsZero() {
		b.opts.Now = time.Now()
	}
	if touches(paths, theme.TemplatesDir) {
		if l.templatesErr = b.reloadTemplates(); l.templatesErr == nil {
			l.theme, l.render = b.theme, b.render
		}
	}
	if l.templatesErr != nil {
		return b, l.templatesErr
	}
	set, changed, err := l.set.Apply(ctx, paths)
	if set == nil {
		return b, err
	}
	l.set = set
	touched := l.touchResources(set, changed)
	b.set = set
	b.warnings = append(b.warnings, set.Warnings...)
	if err != nil {
		return b, err
	}
	arch, affected := archive.Update(b.cfg, prev.arch, set.Articles)
	b.prev, b.unchanged = prev, unchanged(arch, prev, affected, touched)
	b.derive(arch)
	return b, nil
}

// reloadTemplates parses the theme's templates again.
func (b *builder) reloadTemplates() error {
	th, err := theme.Load(b.opts.FS)
	if err != nil {
		return err
	}
	r, err := render.New(b.cfg, th)
	if err != nil {
		return err
	}
	b.theme, b.render = th, r
	return nil
}

// touches reports whether any path is in the top folder dir.
func touches(paths []string, dir string) bool {
	for _, p := range paths {
		if p == dir || strings.HasPrefix(p, dir+"/") {
			return true
		}
	}
	return false
}

// touchResources raises the generation of every article that may use a changed file
// that is not an article, those whose folder holds it, and returns their paths.
func (l *Live) touchResources(set *content.Set, changed []string) map[string]bool {
	touched := map[string]bool{}
	for _, f := range changed {
		if content.IsArticle(f) {
			continue
		}
		for _, a := range set.Articles {
			if strings.HasPrefix(f, content.Dir(a)+"/") {
				l.cache.gen[a.Path]++
				touched[a.Path] = true
			}
		}
	}
	return touched
}

// unchanged reports which articles did not change since prev: the same article at the
// same position, with groupings archive.Update did not affect and no resource touched.
// It is nil when archive.Update could not tell.
func unchanged(arch *archive.Archive, prev *builder, affected func(int) bool, touched map[string]bool) func(int) bool {
	if affected == nil {
		return nil
	}
	return func(i int) bool {
		a := arch.Articles[i]
		return prev.arch.Articles[i] == a && !affected(i) && !touched[a.Path]
	}
}

// commit drops from the target every file that the new build no longer has, records
// what changed against old, and serves the target's files.
func (l *Live) commit(t *liveTarget, res *Result, old *output.Memory) {
	mem, written := t.mem, t.names
	served, resources := sigs(t.plan), map[string]bool{}
	if l.b.search != nil {
		for _, f := range l.b.search.files {
			resources[f] = true
		}
	}
	for _, a := range l.b.arch.Articles {
		if bd := l.cache.bodies[a.Path]; bd != nil {
			for _, o := range bd.outputs {
				resources[o] = true
			}
		}
	}
	gone := func(p string) {
		if _, ok := served[p]; !ok && !resources[p] {
			name := strings.TrimPrefix(p, "/")
			mem.Remove(name)
			res.Removed = append(res.Removed, name)
		}
	}
	for p := range l.served {
		gone(p)
	}
	for p := range l.resources {
		gone(p)
	}
	for _, name := range written {
		before, ok := old.Get(name)
		if after, _ := mem.Get(name); !ok || !bytes.Equal(before, after) {
			res.Written = append(res.Written, name)
		}
	}
	slices.Sort(res.Written)
	slices.Sort(res.Removed)
	res.Written, res.Removed = slices.Compact(res.Written), slices.Compact(res.Removed)
	l.served, l.resources = served, resources
	l.mem.Store(mem)
}

// liveTarget is the development server's copy of the served files, which a rebuild
// writes into: a job keeps its file when the served one was made by a job of the same
// signature. It remembers the names written and, once finished, the plan.
type liveTarget struct {
	mem    *output.Memory
	served map[string]uint64 // the signature of every served job, by site path
	mu     sync.Mutex
	names  []string
	plan   *plan
}

func (t *liveTarget) Write(name string, data []byte) error {
	t.mu.Lock()
	t.names = append(t.names, name)
	t.mu.Unlock()
	return t.mem.Write(name, data)
}

func (t *liveTarget) keep(_ *builder, j *job) bool {
	sig, ok := t.served[j.path]
	return ok && sig == j.sig
}

func (t *liveTarget) finish(_ context.Context, _ *builder, p *plan) error {
	t.plan = p
	return nil
}
