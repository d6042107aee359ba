package site

import (
	"bytes"
	"slices"
	"sync"
	"time"

	"dateline/internal/content"
	"dateline/internal/feed"
	"dateline/internal/render"
)

// aFeed is one Atom feed of the site: the site's own, or a term's or an author's.
type aFeed struct {
	path string // site path of the feed file
	desc feed.Feed
	ids  []int32
}

// planFeeds plans the site's Atom and JSON feeds and one Atom feed per term and author,
// and marks the articles whose entries they need.
func (b *builder) planFeeds(p *plan) {
	b.entries = newEntries(len(b.arch.Articles))
	base := b.cfg.Base
	site := feed.Feed{Title: b.cfg.Title, Self: base.Abs("/feed.xml"), Page: base.Abs("/"), Author: b.cfg.Title,
		Language: b.cfg.Language, Subtitle: "The latest from " + b.cfg.Title}
	feeds := []aFeed{{path: "/feed.xml", desc: site, ids: b.listed()}}
	for _, t := range b.arch.Groupings() {
		for _, term := range t.Terms {
			page := render.TermPath(t.Name, term.Slug)
			d := site
			d.Title, d.Subtitle = term.Name+" | "+b.cfg.Title, t.Title+": "+term.Name
			d.Self, d.Page = base.Abs(page+"feed.xml"), base.Abs(page)
			feeds = append(feeds, aFeed{path: page + "feed.xml", desc: d, ids: term.Articles})
		}
	}
	for i := range feeds {
		f := &feeds[i]
		f.ids = f.ids[:min(len(f.ids), feed.Limit)]
		for _, id := range f.ids {
			b.entries.need[id] = true
		}
		sig := newSum().u64(b.site).str(f.desc.Title, f.desc.Subtitle, f.desc.Self).ids(b.arts, f.ids).done()
		p.add(job{path: f.path, what: func() string { return "the feed " + f.desc.Title }, sig: sig, run: func() error { return b.atom(*f) }})
	}
	jsonFeed := site
	jsonFeed.Self = base.Abs("/feed.json")
	p.add(job{path: "/feed.json", from: "the JSON feed", sig: newSum().u64(b.site).ids(b.arts, feeds[0].ids).done(),
		run: func() error { return b.jsonFeed(jsonFeed, feeds[0].ids) }})
}

// entry describes an article for feeds, with its body's URLs made absolute.
func (b *builder) entry(a *content.Article, body []byte) feed.Entry {
	base := b.cfg.Base
	url := base.Abs(a.URL)
	e := feed.Entry{
		ID: feed.TagID(url, a.Date), URL: url, Title: a.Title, Summary: a.Description(),
		Content: feed.Absolutize(body, url), Published: a.Date, Updated: a.Modified(),
	}
	for _, name := range a.Authors {
		if t := b.arch.Authors.Term(name); t != nil {
			e.Authors = append(e.Authors, feed.Person{Name: t.Name, URI: base.Abs(render.TermPath("authors", t.Slug))})
		}
	}
	for i, tax := range b.arch.Taxonomies {
		for _, name := range a.Terms[i] {
			if t := tax.Term(name); t != nil {
				e.Categories = append(e.Categories, feed.Category{Term: t.Slug, Label: t.Name, Scheme: base.Abs("/" + tax.Name + "/")})
			}
		}
	}
	if img := b.views.Image(a); img != nil {
		e.Image = img.AbsURL
	}
	return e
}

// atom writes one Atom feed from the stored entries.
func (b *builder) atom(f aFeed) error {
	fb := pooled[feedBuf](&b.feedBufs)
	defer b.feedBufs.Put(fb)
	fb.out.Reset()
	entries := fb.entries[:0]
	if b.cache == nil {
		n := 0
		for _, id := range f.ids {
			n += b.entries.atoms.Length(id)
		}
		entries = slices.Grow(entries, n)
	}
	var updated time.Time
	for _, id := range f.ids {
		var err error
		if entries, err = b.appendAtomEntry(entries, id); err != nil {
			return err
		}
		if m := b.arch.Articles[id].Modified(); m.After(updated) {
			updated = m
		}
	}
	fb.entries = entries
	if err := feed.Atom(&fb.out, f.desc, updated, entries); err != nil {
		return err
	}
	return b.write(f.path, fb.out.Bytes())
}

// pooled takes a value from a pool of *T, or makes one when the pool is empty.
func pooled[T any](p *sync.Pool) *T {
	if v, ok := p.Get().(*T); ok {
		return v
	}
	return new(T)
}

type feedBuf struct {
	entries []byte
	out     bytes.Buffer
}

// jsonFeed writes the site's JSON Feed.
func (b *builder) jsonFeed(f feed.Feed, ids []int32) error {
	items := make([]feed.Entry, 0, len(ids))
	for _, id := range ids {
		e, err := b.jsonEntry(id)
		if err != nil {
			return err
		}
		items = append(items, e)
	}
	data, err := feed.JSON(f, items)
	if err != nil {
		return err
	}
	return b.write("/feed.json", data)
}
