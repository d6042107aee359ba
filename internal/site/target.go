package site

import (
	"context"
	"errors"
	"strings"

	"dateline/internal/content"
	"dateline/internal/diag"
	"dateline/internal/output"
	"dateline/internal/store"
)

// target is where the pipeline (run) writes a build: a sink, and what the build before
// left in it, so that a job whose files are in place is kept instead of run. A one-off
// build goes into an output folder through the build store (outTarget), the development
// server into memory (liveTarget), and a test may give any sink (sinkTarget).
type target interface {
	output.Sink
	// keep reports whether a job's files are in place as the build before left them,
	// and keeps them in this build when so.
	keep(b *builder, j *job) bool
	// finish ends a build whose jobs all ran.
	finish(ctx context.Context, b *builder, p *plan) error
}

// sinkTarget is a sink that knows no build before: every job runs.
type sinkTarget struct{ output.Sink }

func (sinkTarget) keep(*builder, *job) bool                      { return false }
func (sinkTarget) finish(context.Context, *builder, *plan) error { return nil }

// outTarget is an output folder behind the build store.
type outTarget struct{ *store.Out }

// keep asks the store whether a job's file is the same as in the output folder, with
// the resources an article page copies or the files of the index proper.
func (t outTarget) keep(b *builder, j *job) bool {
	if b.store == nil {
		return false
	}
	names := []string{strings.TrimPrefix(j.path, "/")}
	if j.path == searchMeta {
		names = append(names, b.searchKeep()...)
	}
	if j.file && j.page {
		sa, ok := b.store.Articles[j.from]
		if !ok {
			return false
		}
		names = append(names, sa.Outputs...)
	}
	if !t.Keep(j.sig, names) {
		return false
	}
	if j.file && j.page && len(names) > 1 {
		b.copied.Store(j.from, names[1:])
	}
	return true
}

// finish swaps the new tree in and saves the build store (store.Out.Finish). A store
// that could not be saved is a warning.
func (t outTarget) finish(ctx context.Context, b *builder, p *plan) error {
	if b.out == nil { // a build without a store: the tree is swapped in
		_, err := t.Finish(ctx, store.Save{})
		return err
	}
	b.opts.Progress.Start("saving the build store", 0)
	s := store.Save{Key: b.storeKey(), Count: len(b.arch.Articles), Excerpt: b.excerpt,
		Same: b.store != nil && len(b.store.Articles) == len(b.set.Articles)}
	for _, a := range b.arch.Articles {
		s.Same = s.Same && b.store.Articles[a.Path].Version == a.Version
	}
	s.Articles = func(yield func(string, store.Article) bool) {
		for i, a := range b.arch.Articles {
			sa := store.Article{Version: a.Version, Article: a, Params: len(a.Params) > 0, Outputs: b.resourceOutputs(a), Position: i}
			if !yield(a.Path, sa) {
				return
			}
		}
	}
	s.Sigs = func(yield func(string, uint64) bool) {
		p.jobs(func(j *job) { yield(strings.TrimPrefix(j.path, "/"), j.sig) })
	}
	untouched, err := t.Finish(ctx, s)
	b.untouched = untouched
	var saveErr *store.SaveError
	if errors.As(err, &saveErr) {
		b.warnings = append(b.warnings, &diag.Error{Path: b.out.Cache(), Warning: true, Msg: "the build store was not saved: " + saveErr.Error(),
			Hint: "the next build is a cold one; delete the folder if this repeats"})
		err = nil
	}
	return err
}

// storeKey hashes what article metadata depends on besides the file itself.
func (b *builder) storeKey() uint64 {
	c := b.cfg
	s := newSum().str(c.Title, c.BaseURL, c.Language, c.Timezone, c.Permalinks.Article)
	for _, t := range c.Taxonomies {
		s.str(t.Name, t.Title)
	}
	return store.Key(s.u64(uint64(c.Paginate), boolBit(c.Markdown.Unsafe), boolBit(b.opts.Drafts), boolBit(b.opts.Future), boolBit(b.opts.Expired)).done())
}

func boolBit(v bool) uint64 {
	if v {
		return 1
	}
	return 0
}

// useStore takes what the last build into the output folder left: its articles count
// only when they were parsed with the same configuration.
func (b *builder) useStore(out *store.Out) {
	if out == nil || out.Last() == nil {
		return
	}
	b.store = out.Last()
	if b.store.Key != b.storeKey() {
		b.store.Articles = nil
	}
}

// known gives content.Load the articles the store knows at their version.
func (b *builder) known(path string, v content.Version) *content.Article {
	return b.store.Known(path, v, b.cfg.Location)
}

// restoreExcerpts gives articles read again the excerpt their unchanged body had, for
// the lists that show them without their page being rendered: from the development
// server's cache, or from the build store.
func (b *builder) restoreExcerpts() {
	for i, a := range b.arch.Articles {
		if a.Excerpt != "" {
			continue
		}
		if bd := b.cache.body(a.Path, b.srcs[i]); bd != nil {
			a.Excerpt = bd.excerpt
		} else if b.store != nil {
			if sa, ok := b.store.Articles[a.Path]; ok && sa.Article.Hash == a.Hash {
				a.Excerpt = sa.Article.Excerpt
			}
		}
	}
}

// resourceOutputs returns the resource files an article's page copied in this build.
func (b *builder) resourceOutputs(a *content.Article) []string {
	if v, ok := b.copied.Load(a.Path); ok {
		return v.([]string)
	}
	return nil
}
