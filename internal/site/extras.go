package site

import (
	"bytes"
	"io/fs"
	"path"
	"slices"
	"strings"

	"dateline/internal/content"
	"dateline/internal/sitemap"
	"dateline/internal/theme"
)

// planExtras plans the 404 page and robots.txt.
func (b *builder) planExtras(p *plan) {
	p.add(job{path: "/404.html", from: "the 404 page", run: func() error {
		page, err := b.render.Render("404", b.views.NotFound())
		if err != nil {
			return err
		}
		return b.write("/404.html", page)
	}})
	base := b.cfg.Base
	robots := sitemap.Robots(base.Abs("/sitemap.xml"), base.Abs("/news-sitemap.xml"))
	p.add(job{path: "/robots.txt", from: "robots.txt", run: func() error { return b.write("/robots.txt", robots) }})
}

// planStatic plans the copies of the theme's and the site's static files, and the
// generated stylesheet for highlighted code unless the site brings its own.
func (b *builder) planStatic(p *plan) error {
	files, err := theme.Files(b.theme.Static, content.Ignored)
	if err != nil {
		return err
	}
	for _, f := range files {
		p.add(job{path: "/" + f, from: path.Join(theme.StaticDir, f), file: true, run: func() error {
			data, err := fs.ReadFile(b.theme.Static, f)
			if err != nil {
				return err
			}
			return b.write("/"+f, data)
		}})
	}
	if slices.Contains(files, "css/syntax.css") {
		return nil
	}
	p.add(job{path: "/css/syntax.css", from: "the code stylesheet", run: func() error {
		var css bytes.Buffer
		if err := b.md.WriteCSS(&css); err != nil {
			return err
		}
		return b.write("/css/syntax.css", css.Bytes())
	}})
	return nil
}

// planSitemaps plans the sitemap of every page planned so far (split under an index
// past sitemap.MaxURLs) and the news sitemap of the latest articles.
func (b *builder) planSitemaps(p *plan) {
	base := b.cfg.Base
	var urls []sitemap.URL
	for _, phase := range [][]job{p.articles, p.rest} {
		for _, j := range phase {
			if j.page {
				urls = append(urls, sitemap.URL{Loc: base.Abs(strings.TrimSuffix(j.path, "index.html")), LastMod: j.lastmod})
			}
		}
	}
	slices.SortFunc(urls, func(x, y sitemap.URL) int { return strings.Compare(x.Loc, y.Loc) })
	b.planSitemapFiles(p, urls)
	var news []sitemap.NewsItem
	for _, a := range b.arch.Articles {
		if b.opts.Now.Sub(a.Date) > sitemap.NewsWindow {
			break // newest first: the rest are older still
		}
		news = append(news, sitemap.NewsItem{Loc: base.Abs(a.URL), Title: a.Title, Published: a.Date})
	}
	news = sitemap.Recent(news, b.opts.Now)
	p.add(job{path: "/news-sitemap.xml", from: "the news sitemap", run: func() error {
		data, err := sitemap.News(b.cfg.Title, b.cfg.Language, news)
		if err != nil {
			return err
		}
		return b.write("/news-sitemap.xml", data)
	}})
}

// planSitemapFiles writes urls as /sitemap.xml, or as parts under a sitemap index there.
func (b *builder) planSitemapFiles(p *plan, urls []sitemap.URL) {
	parts, index := sitemap.Split(urls, sitemap.MaxURLs)
	var names []sitemap.URL
	for _, part := range parts {
		names = append(names, sitemap.URL{Loc: b.cfg.Base.Abs(part.Path)})
		p.add(job{path: part.Path, from: "the sitemap", run: func() error { return b.sitemap(part.Path, part.URLs) }})
	}
	if !index {
		return
	}
	p.add(job{path: "/sitemap.xml", from: "the sitemap index", run: func() error {
		data, err := sitemap.Index(names)
		if err != nil {
			return err
		}
		return b.write("/sitemap.xml", data)
	}})
}

func (b *builder) sitemap(name string, urls []sitemap.URL) error {
	data, err := sitemap.Write(urls)
	if err != nil {
		return err
	}
	return b.write(name, data)
}
