package site

import (
	"context"
	"fmt"
	"path"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"

	"dateline/internal/content"
	"dateline/internal/diag"
	"dateline/internal/link"
	"dateline/internal/markdown"
)

// articles converts, renders and writes every article page, with its resources, on all
// cores. Each body is dropped as soon as its page is written.
func (b *builder) articles(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, a := range b.arch.Articles {
		g.Go(func() error {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return b.article(a)
		})
	}
	return g.Wait()
}

// article builds one article page and copies the files it uses.
func (b *builder) article(a *content.Article) error {
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
	if a.Summary == "" {
		a.Summary = res.Summary
	}
	page, err := b.render.ArticlePage(b.render.Views().Article(a, b.imageSize), res.HTML)
	if err != nil {
		return err
	}
	if err := b.writePage(a.URL, page); err != nil {
		return err
	}
	return b.resources(a, res.Local)
}

// imageSize finds the size of an image an article refers to.
func (b *builder) imageSize(a *content.Article, src string) (int, int, bool) {
	p, ok := b.set.Resource(a, src)
	if !ok {
		return 0, 0, false
	}
	return b.set.ImageSize(p)
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
