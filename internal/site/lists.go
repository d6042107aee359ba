package site

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"dateline/internal/archive"
	"dateline/internal/render"
)

// list is a list of articles shown over numbered pages.
type list struct {
	first   string  // the site path of page 1
	kind    string  // the template: "home" or "list"
	heading string  // the page's h1
	title   string  // what the list is, for titles and clash errors: "Topics: Water"
	intro   string  // a line under the heading
	about   string  // the meta description, when not the intro
	ids     []int32 // newest first
	feed    *render.Feed
}

// description is the list's meta description.
func (l list) description() string {
	if l.about != "" {
		return l.about
	}
	return l.intro
}

// planLists plans every page of every list, and the index pages that lead to them.
func (b *builder) planLists(p *plan) {
	for _, l := range b.lists() {
		kind := b.render.Sig(l.kind)
		pages := archive.Pages(len(l.ids), b.cfg.Paginate)
		for n := 1; n <= pages; n++ {
			ids := l.ids[min(len(l.ids), (n-1)*b.cfg.Paginate):min(len(l.ids), n*b.cfg.Paginate)]
			what := func() string {
				if n > 1 {
					return fmt.Sprintf("page %d of %s", n, l.title)
				}
				return "the page " + l.title
			}
			sig := newSum().u64(b.site, kind, uint64(n), uint64(pages)).str(l.first, l.heading, l.intro, l.about).ids(b.arts, ids)
			if l.feed != nil {
				sig.str(l.feed.URL, l.feed.Title)
			}
			j := job{path: render.PagePath(l.first, n) + "index.html", what: what, page: true, shows: ids,
				sig: sig.done(), run: func() error { return b.listPage(l, n, pages, ids) }}
			j.modSig = j.sig // a list's lastmod changes only with what it lists
			p.add(j)
		}
	}
	kind := b.render.Sig("index")
	for _, ix := range b.indexes() {
		sig := newSum().u64(b.site, kind).str(ix.path, ix.heading, ix.intro)
		for _, g := range ix.groups {
			sig.str(g.Name, g.URL).u64(uint64(g.Count))
			for _, e := range g.Entries {
				sig.str(e.Name, e.URL).u64(uint64(e.Count))
			}
		}
		j := job{path: ix.path + "index.html", from: "the index " + ix.heading, page: true, shows: ix.ids,
			sig: sig.done(), run: func() error { return b.indexPage(ix) }}
		j.modSig = j.sig
		p.add(j)
	}
}

// lists returns every list of the site: the front page, years, months, terms, authors.
func (b *builder) lists() []list {
	out := []list{{first: "/", kind: "home", heading: "Latest news", title: "front page", about: b.cfg.Description, ids: b.listed()}}
	for _, y := range b.arch.Years {
		year := fmt.Sprint(y.Year)
		out = append(out, list{first: "/" + year + "/", kind: "list", heading: year, title: year,
			intro: count(len(y.Articles)) + " published in " + year, ids: y.Articles})
		for _, m := range y.Months {
			name := fmt.Sprintf("%s %d", m.Month, m.Year)
			out = append(out, list{first: fmt.Sprintf("/%d/%02d/", m.Year, int(m.Month)), kind: "list", heading: name,
				title: name, intro: count(len(m.Articles)) + " published in " + name, ids: m.Articles})
		}
	}
	for _, t := range b.arch.Groupings() {
		for _, term := range t.Terms {
			first := render.TermPath(t.Name, term.Slug)
			feed := render.Feed{Title: term.Name + " | " + b.cfg.Title, URL: b.views.URL(first + "feed.xml")}
			out = append(out, list{first: first, kind: "list", heading: term.Name, title: t.Title + ": " + term.Name,
				intro: count(len(term.Articles)) + " · " + singular(t.Title), ids: term.Articles, feed: &feed})
		}
	}
	return out
}

// listed returns the positions of every article that lists show, newest first: all but
// the standalone pages.
func (b *builder) listed() []int32 {
	return b.all()[:b.arch.Listed]
}

// all returns the positions of every article and then every standalone page.
func (b *builder) all() []int32 {
	all := make([]int32, len(b.arch.Articles))
	for i := range all {
		all[i] = int32(i)
	}
	return all
}

func count(n int) string {
	if n == 1 {
		return "1 article"
	}
	return fmt.Sprintf("%d articles", n)
}

// singular names one member of a taxonomy: "Topics" → "Topic", "People" → "Person".
func singular(title string) string {
	switch {
	case title == "People":
		return "Person"
	case strings.HasSuffix(title, "ies"):
		return strings.TrimSuffix(title, "ies") + "y"
	case strings.HasSuffix(title, "s"):
		return strings.TrimSuffix(title, "s")
	}
	return title
}

// newest is the latest change among the articles at ids, for a page's lastmod.
func (b *builder) newest(ids []int32) time.Time {
	var t time.Time
	for _, id := range ids {
		if m := b.arch.Articles[id].Modified(); m.After(t) {
			t = m
		}
	}
	return t
}

// listPage renders page n of pages of a list.
func (b *builder) listPage(l list, n, pages int, ids []int32) error {
	title := l.heading
	if n > 1 {
		title = fmt.Sprintf("%s, page %d", l.heading, n)
	}
	path := render.PagePath(l.first, n)
	scratch := pooled[[]byte](&b.cardBufs)
	defer b.cardBufs.Put(scratch)
	river, starts := (*scratch)[:0], make([]int, len(ids), len(ids)+1) // ListPage appends the end
	for k, id := range ids {
		river = append(river, '\n')
		starts[k] = len(river)
		var err error
		if river, err = b.appendCard(river, id); err != nil {
			return err
		}
	}
	*scratch = river
	// Rendered by html/template; the conversion copies, once for the page.
	cards := template.HTML(river)
	lp := b.views.ListPage(b.views.Page(l.kind, title, l.description(), path), l.heading, l.intro, ids, cards, starts, b.views.Pager(l.first, n, pages))
	if l.kind == "home" && n == 1 {
		lp.Page.Title = b.cfg.Title
	}
	if l.feed != nil {
		lp.Feeds = append([]render.Feed{*l.feed}, lp.Feeds...)
	}
	return b.page(l.kind, lp, path+"index.html")
}

// index is a page that lists the groups of the archive.
type index struct {
	path    string
	heading string
	intro   string
	groups  []render.Group
	ids     []int32 // the articles behind it, for its lastmod
}

// indexes returns /archive/, one index per taxonomy, and /authors/.
func (b *builder) indexes() []index {
	all := make([]int32, 0, len(b.arch.Years))
	dates := index{path: "/archive/", heading: "Archive", intro: "Every article, by year and month."}
	for _, y := range b.arch.Years {
		g := render.Group{CountRef: render.CountRef{Name: fmt.Sprint(y.Year), URL: b.views.URL(fmt.Sprintf("/%d/", y.Year)), Count: len(y.Articles)}}
		for _, m := range y.Months {
			g.Entries = append(g.Entries, render.CountRef{Name: m.Month.String(), URL: b.views.URL(fmt.Sprintf("/%d/%02d/", m.Year, int(m.Month))), Count: len(m.Articles)})
		}
		dates.groups = append(dates.groups, g)
		all = append(all, y.Articles[0])
	}
	dates.ids = all
	out := []index{dates}
	for _, t := range b.arch.Groupings() {
		out = append(out, b.termIndex(t))
	}
	return out
}

// termIndex lists the terms of a taxonomy, grouped by their first letter.
func (b *builder) termIndex(t *archive.Taxonomy) index {
	ix := index{path: "/" + t.Name + "/", heading: t.Title, intro: fmt.Sprintf("%d %s, A to Z.", len(t.Terms), strings.ToLower(t.Title))}
	for _, term := range t.Terms {
		letter := strings.ToUpper(term.Slug[:1])
		if letter[0] >= '0' && letter[0] <= '9' {
			letter = "0–9"
		}
		if n := len(ix.groups); n == 0 || ix.groups[n-1].Name != letter {
			ix.groups = append(ix.groups, render.Group{CountRef: render.CountRef{Name: letter}})
		}
		g := &ix.groups[len(ix.groups)-1]
		g.Entries = append(g.Entries, render.CountRef{Name: term.Name, URL: b.views.URL(render.TermPath(t.Name, term.Slug)), Count: len(term.Articles)})
		g.Count++
		ix.ids = append(ix.ids, term.Articles[0])
	}
	return ix
}

func (b *builder) indexPage(ix index) error {
	return b.page("index", &render.IndexPage{
		Page:    b.views.Page("index", ix.heading, ix.intro, ix.path),
		Heading: ix.heading, Intro: ix.intro, Groups: ix.groups,
	}, ix.path+"index.html")
}

// appendCard appends the rendered card of the article at position i to dst: from the
// spool, where the article's own job put it, or rendered now (the development server, a
// kept page).
func (b *builder) appendCard(dst []byte, i int32) ([]byte, error) {
	if b.cardHTML != nil {
		data, ok, err := b.cardHTML.AppendTo(dst, i)
		if ok || err != nil {
			return data, err
		}
	}
	err := b.render.WriteCard(b.views.Article(b.arch.Articles[i]), func(card []byte) error {
		dst = append(dst, card...)
		return nil
	})
	return dst, err
}
