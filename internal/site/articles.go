package site

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"dateline/internal/content"
	"dateline/internal/diag"
	"dateline/internal/link"
	"dateline/internal/markdown"
	"dateline/internal/render"
)

// planArticles plans every article page, the bundle files copied beside it, and the
// redirect pages at its aliases.
func (b *builder) planArticles(p *plan) {
	alias := b.render.Sig("alias")
	for i, a := range b.arch.Articles {
		s := newSum().u64(b.site, b.render.Sig(render.Kind(a)), b.arts[i]).ids(b.arts, b.arch.Related[i])
		for _, n := range []int{b.arch.Older(i), b.arch.Newer(i)} {
			if n >= 0 {
				s.u64(b.arts[n])
			}
		}
		p.articles = append(p.articles, s.done())
		for _, f := range b.set.BundleFiles(a) {
			p.claims = append(p.claims, job{path: path.Join(a.URL, strings.TrimPrefix(f, content.Dir(a)+"/")), from: f, file: true})
		}
		for _, to := range a.Aliases {
			p.add(job{path: fileOf(to), from: a.Path, file: true, pos: a.AliasesAt,
				sig: newSum().u64(b.site, alias, b.arts[i]).str(to).done(), run: func() error { return b.alias(a, to) }})
		}
	}
}

// pageJob returns what makes the job of the page of the article at a position, with its
// signature: all is every position, which the page shows (its lastmod is the article's).
func (b *builder) pageJob(all []int32) func(i int32, sig uint64) job {
	return func(i int32, sig uint64) job {
		a := b.arch.Articles[i]
		return job{path: a.Page, from: a.Path, file: true, pos: a.Lines.Slug, page: true, shows: all[i : i+1],
			modSig: b.mods[i], sig: sig}
	}
}

// fileOf is the file that serves a site path: the index.html of a folder path.
func fileOf(sitePath string) string {
	if strings.HasSuffix(sitePath, "/") {
		return sitePath + "index.html"
	}
	return sitePath
}

// body is an article's converted Markdown.
type body struct {
	key     uint64 // the signature of the sources it was converted from
	html    []byte
	excerpt string
	doc     []byte   // the search document (package search), nil when not searched
	local   []string // the files beside the article that it refers to
	outputs []string // the resource files written beside its page, as site paths
}

// convert reads and converts the body of the article at position i, or takes it from the
// development server's cache.
func (b *builder) convert(i int) (*body, error) {
	a := b.arch.Articles[i]
	if bd := b.cache.body(a.Path, b.srcs[i]); bd != nil {
		return bd, nil
	}
	src, err := b.set.Body(a)
	if err != nil {
		return nil, err
	}
	res, err := b.md.Convert(src, markdown.Document{
		Dateline:  a.Dateline,
		ImageSize: func(src string) (int, int, bool) { return b.imageSize(a, src) },
	})
	if err != nil {
		return nil, &diag.Error{Path: a.Path, Line: int(a.BodyLine), Col: 1, Msg: err.Error(), Err: err}
	}
	bd := &body{key: b.srcs[i], html: res.HTML, excerpt: res.Summary, local: res.Local, doc: b.document(i, res.HTML)}
	b.cache.keep(a.Path, bd)
	return bd, nil
}

// article builds the page of the article at position i, copies the files it uses, and
// keeps its feed entry when a feed lists it.
func (b *builder) article(i int) error {
	a := b.arch.Articles[i]
	bd, err := b.convert(i)
	if err != nil {
		return err
	}
	a.Excerpt = bd.excerpt
	if err := b.page(render.Kind(a), b.views.ArticlePage(i, bd.html), a.Page); err != nil {
		return fmt.Errorf("%s: %w", a.Path, err)
	}
	if err := b.entries.keep(b, i, bd.html); err != nil {
		return err
	}
	if b.cardHTML != nil {
		err := b.render.WriteCard(b.views.Article(a), func(card []byte) error { return b.cardHTML.Put(int32(i), card) })
		if err != nil {
			return err
		}
	}
	if err := b.search.add(b, i, bd.doc); err != nil {
		return err
	}
	if err := b.shelveExcerpt(i, a); err != nil {
		return err
	}
	bd.outputs, err = b.resources(a, bd.local)
	names := make([]string, len(bd.outputs))
	for k, o := range bd.outputs {
		names[k] = strings.TrimPrefix(o, "/")
	}
	if len(names) > 0 {
		b.copied.Store(a.Path, names)
	}
	return err
}

// shelveExcerpt moves the excerpt of the article at position i out of memory, into a
// spool, once its page, card and feed entry are made: a one-off build needs it again
// only to save the build store, and on a large archive the excerpts are a fifth of what
// the build holds. The development server keeps them.
func (b *builder) shelveExcerpt(i int, a *content.Article) error {
	if b.excerpts == nil || a.Excerpt == "" {
		return nil
	}
	err := b.excerpts.Put(int32(i), []byte(a.Excerpt))
	a.Excerpt = ""
	return err
}

// excerpt returns the excerpt of the article at position i, from the spool when its
// page was made in this build.
func (b *builder) excerpt(i int) (string, error) {
	a := b.arch.Articles[i]
	if a.Excerpt != "" || b.excerpts == nil {
		return a.Excerpt, nil
	}
	data, _, err := b.excerpts.AppendTo(nil, int32(i))
	return string(data), err
}

// resources copies the files an article uses next to its page: all of a bundle's files,
// and for a plain article the files beside it that its text or lead image refers to. It
// returns the site paths it wrote.
func (b *builder) resources(a *content.Article, refs []string) ([]string, error) {
	files := slices.Clone(b.set.BundleFiles(a))
	if a.Image != nil && link.IsLocal(a.Image.Src) {
		refs = append(refs, a.Image.Src)
	}
	for _, ref := range refs {
		if p, ok := b.set.Resource(a, ref); ok && !slices.Contains(files, p) {
			files = append(files, p)
		}
	}
	dir := content.Dir(a) + "/"
	var outputs []string
	for _, f := range files {
		rel := strings.TrimPrefix(f, dir)
		if rel == "index.html" {
			return nil, &diag.Error{Path: f, Msg: "a resource may not be named index.html: it would replace the article page",
				Hint: "rename the file"}
		}
		data, err := b.set.ReadFile(f)
		if err != nil {
			return nil, &diag.Error{Path: f, Msg: err.Error(), Err: err}
		}
		out := path.Join(a.URL, rel)
		if err := b.write(out, data); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		outputs = append(outputs, out)
	}
	return outputs, nil
}

// alias writes the page at an old URL of an article, which sends readers to it.
func (b *builder) alias(a *content.Article, alias string) error {
	return b.page("alias", b.views.AliasPage(a, alias), fileOf(alias))
}
