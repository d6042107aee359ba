package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"dateline/internal/content"
	"dateline/internal/sitemap"
	"dateline/internal/theme"
)

// planExtras plans the 404 page.
func (b *builder) planExtras(p *plan) {
	p.add(job{path: "/404.html", from: "the 404 page", sig: newSum().u64(b.site, b.render.Sig("404")).done(), run: func() error {
		return b.page("404", b.views.NotFound(), "/404.html")
	}})
}

// planStatic plans the copies of the theme's and the site's static files, and the
// generated stylesheet for highlighted code unless the site brings its own.
func (b *builder) planStatic(p *plan) error {
	files, err := theme.Files(b.theme.Static, content.Ignored)
	if err != nil {
		return err
	}
	for _, f := range files {
		p.add(job{path: "/" + f, from: path.Join(theme.StaticDir, f), file: true, sig: fileSig(b.theme.Static, f), run: func() error {
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
	p.add(job{path: "/css/syntax.css", from: "the code stylesheet", sig: 1, run: func() error {
		var css bytes.Buffer
		if err := b.md.WriteCSS(&css); err != nil {
			return err
		}
		return b.write("/css/syntax.css", css.Bytes())
	}})
	return nil
}

// planSitemaps plans the sitemap of every page planned so far (split under an index
// past sitemap.MaxURLs), the news sitemap of the latest articles, and robots.txt, which
// names them. With no article in the news window there is no news sitemap, since the
// schema wants at least one <url>, and robots.txt names only the sitemap.
func (b *builder) planSitemaps(p *plan) {
	pages := make([]int32, 0, p.size())
	for i := range int32(p.size()) {
		if p.at(i).page {
			pages = append(pages, i)
		}
	}
	b.planSitemapFiles(p, pages, sitemap.MaxURLs)
	sitemaps := []string{b.cfg.Base.Abs("/sitemap.xml")}
	if news := b.recent(); len(news) > 0 {
		b.planNewsSitemap(p, news)
		sitemaps = append(sitemaps, b.cfg.Base.Abs("/news-sitemap.xml"))
	}
	robots := sitemap.Robots(sitemaps...)
	p.add(job{path: "/robots.txt", from: "robots.txt", sig: newSum().str(string(robots)).done(),
		run: func() error { return b.write("/robots.txt", robots) }})
}

func (b *builder) planNewsSitemap(p *plan, news []sitemap.NewsItem) {
	sig := newSum().str(b.cfg.Title, b.cfg.Language)
	for _, n := range news {
		sig.str(n.Loc, n.Title).time(n.Published)
	}
	p.add(job{path: "/news-sitemap.xml", from: "the news sitemap", sig: sig.done(), run: func() error {
		data, err := sitemap.News(b.cfg.Title, b.cfg.Language, news)
		if err != nil {
			return err
		}
		return b.write("/news-sitemap.xml", data)
	}})
}

// recent returns the articles for the news sitemap.
func (b *builder) recent() []sitemap.NewsItem {
	base := b.cfg.Base
	var news []sitemap.NewsItem
	for _, a := range b.arch.Articles[:b.arch.Listed] {
		if b.opts.Now.Sub(a.Date) > sitemap.NewsWindow {
			break // newest first: the rest are older still
		}
		news = append(news, sitemap.NewsItem{Loc: base.Abs(a.URL), Title: a.Title, Published: a.Date})
	}
	return sitemap.Recent(news, b.opts.Now)
}

// planSitemapFiles writes the sitemap of pages (numbers of jobs of p, see plan.at) as
// /sitemap.xml, or, past max pages, as parts under a sitemap index there. Locations are
// built and sorted only when a file is written: the signatures, which the development
// server computes on every change, need neither. A page's lastmod is the latest change
// of the articles its job shows, and its job's modSig changes whenever that does.
func (b *builder) planSitemapFiles(p *plan, pages []int32, max int) {
	var parts [][]int32
	if len(pages) <= max {
		parts = [][]int32{pages}
	} else {
		slices.SortFunc(pages, func(x, y int32) int { return strings.Compare(p.at(x).path, p.at(y).path) })
		for n := 0; n*max < len(pages); n++ {
			parts = append(parts, pages[n*max:min(len(pages), (n+1)*max)])
		}
	}
	all := newSum().str(b.cfg.BaseURL)
	var names []sitemap.URL
	for n, part := range parts {
		name := "/sitemap.xml"
		if len(parts) > 1 {
			name = fmt.Sprintf("/sitemap-%d.xml", n+1)
		}
		names = append(names, sitemap.URL{Loc: b.cfg.Base.Abs(name)})
		sig := newSum().str(b.cfg.BaseURL)
		for _, i := range part {
			sig.str(p.at(i).path).u64(p.at(i).modSig)
		}
		all.str(name)
		p.add(job{path: name, from: "the sitemap", sig: sig.done(), run: func() error { return b.sitemap(name, p, part) }})
	}
	if len(parts) == 1 {
		return
	}
	p.add(job{path: "/sitemap.xml", from: "the sitemap index", sig: all.done(), run: func() error {
		data, err := sitemap.Index(names)
		if err != nil {
			return err
		}
		return b.write("/sitemap.xml", data)
	}})
}

// sitemap writes one sitemap file of the pages of p, sorted by URL.
func (b *builder) sitemap(name string, p *plan, pages []int32) error {
	urls := make([]sitemap.URL, len(pages))
	for k, i := range pages {
		j := p.at(i)
		urls[k] = sitemap.URL{Loc: b.cfg.Base.Abs(strings.TrimSuffix(j.path, "index.html")), LastMod: b.newest(j.shows)}
	}
	slices.SortFunc(urls, func(x, y sitemap.URL) int { return strings.Compare(x.Loc, y.Loc) })
	data, err := sitemap.Write(urls)
	if err != nil {
		return err
	}
	return b.write(name, data)
}

// fileSig identifies a version of a static file by its size and modification time.
func fileSig(fsys fs.FS, name string) uint64 {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return 0
	}
	return newSum().str(name).u64(uint64(info.Size())).time(info.ModTime()).done()
}
