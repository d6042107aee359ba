package site

import (
	"bytes"
	"context"
	"io/fs"
	"path"

	"dateline/internal/content"
	"dateline/internal/render"
	"dateline/internal/theme"
)

// listings renders the pages that list articles.
func (b *builder) listings(ctx context.Context) error {
	latest := b.arch.Articles[:min(len(b.arch.Articles), b.cfg.Paginate)]
	views := make([]*render.Article, len(latest))
	for i, a := range latest {
		views[i] = b.render.Views().Article(a, b.imageSize)
	}
	page, err := b.render.Home(views)
	if err != nil {
		return err
	}
	return b.writePage("/", page)
}

// static copies the theme's and the site's static files, and the generated stylesheet
// for highlighted code unless the site brings its own.
func (b *builder) static(ctx context.Context) error {
	files, err := theme.Files(b.theme.Static, content.Ignored)
	if err != nil {
		return err
	}
	for _, f := range files {
		data, err := fs.ReadFile(b.theme.Static, f)
		if err != nil {
			return err
		}
		if err := b.write(path.Join("/", f), data); err != nil {
			return err
		}
	}
	if _, err := fs.Stat(b.theme.Static, "css/syntax.css"); err == nil {
		return nil
	}
	var css bytes.Buffer
	if err := b.md.WriteCSS(&css); err != nil {
		return err
	}
	return b.write("/css/syntax.css", css.Bytes())
}
