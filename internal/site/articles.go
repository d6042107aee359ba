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
)

// planArticles plans every article page, the bundle files copied beside it, and the
// redirect pages at its aliases.
func (b *builder) planArticles(p *plan) {
	for i, a := range b.arch.Articles {
		p.articles = append(p.articles, job{
			path: a.URL + "index.html", from: a.Path, file: true, pos: a.Lines.Slug, page: true, lastmod: a.Modified(),
			run: func() error { return b.article(i) },
		})
		dir := content.Dir(a) + "/"
		for _, f := range b.set.BundleFiles(a) {
			p.claims = append(p.claims, job{path: path.Join(a.URL, strings.TrimPrefix(f, dir)), from: f, file: true})
		}
		for _, alias := range a.Aliases {
			p.add(job{path: fileOf(alias), from: a.Path, file: true, pos: a.Lines.Aliases, run: func() error { return b.alias(a, alias) }})
		}
	}
}

// fileOf is the file that serves a site path: the index.html of a folder path.
func fileOf(sitePath string) string {
	if strings.HasSuffix(sitePath, "/") {
		return sitePath + "index.html"
	}
	return sitePath
}

// article builds the page of the article at position i, copies the files it uses, and
// keeps its feed entry when a feed lists it.
func (b *builder) article(i int) error {
	a := b.arch.Articles[i]
	body, err := b.set.Body(a)
	if err != nil {
		return err
	}
	res, err := b.md.Convert(body, markdown.Document{
		Dateline:  a.Dateline,
		ImageSize: func(src string) (int, int, bool) { return b.imageSize(a, src) },
	})
	if err != nil {
		return &diag.Error{Path: a.Path, Line: a.BodyLine, Col: 1, Msg: err.Error(), Err: err}
	}
	a.Excerpt = res.Summary
	page, err := b.render.Render("article", b.views.ArticlePage(i, res.HTML))
	if err != nil {
		return fmt.Errorf("%s: %w", a.Path, err)
	}
	if err := b.write(a.URL+"index.html", page); err != nil {
		return err
	}
	if err := b.entries.keep(b, i, res.HTML); err != nil {
		return err
	}
	return b.resources(a, res.Local)
}

// resources copies the files an article uses next to its page: all of a bundle's files,
// and for a plain article the files beside it that its text or lead image refers to.
func (b *builder) resources(a *content.Article, refs []string) error {
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
	for _, f := range files {
		rel := strings.TrimPrefix(f, dir)
		if rel == "index.html" {
			return &diag.Error{Path: f, Msg: "a resource may not be named index.html: it would replace the article page",
				Hint: "rename the file"}
		}
		data, err := b.set.ReadFile(f)
		if err != nil {
			return &diag.Error{Path: f, Msg: err.Error(), Err: err}
		}
		if err := b.write(path.Join(a.URL, rel), data); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
	}
	return nil
}

// alias writes the page at an old URL of an article, which sends readers to it.
func (b *builder) alias(a *content.Article, alias string) error {
	page, err := b.render.Render("alias", b.views.AliasPage(a, alias))
	if err != nil {
		return err
	}
	return b.write(fileOf(alias), page)
}
