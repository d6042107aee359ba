package render

import (
	"html/template"
	"path"
	"strconv"
	"strings"

	"dateline/internal/archive"
	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/link"
	"dateline/internal/slug"
)

// Views builds the views of one build from its configuration and archive.
type Views struct {
	cfg   *config.Config
	arch  *archive.Archive
	size  ImageSizer
	Site  *Site
	links map[*archive.Term]Ref // every term's and author's link, made once
}

// ImageSizer finds the pixel size of an article's local image.
type ImageSizer func(a *content.Article, src string) (w, h int, ok bool)

// NewViews prepares view building for a site.
func NewViews(cfg *config.Config, arch *archive.Archive, size ImageSizer) *Views {
	s := &Site{Title: cfg.Title, Language: cfg.Language, Home: cfg.Base.Rel("/")}
	for _, t := range cfg.Taxonomies {
		s.Taxonomies = append(s.Taxonomies, Ref{Name: t.Title, URL: cfg.Base.Rel("/" + t.Name + "/")})
	}
	if arch.Listed > 0 {
		// The newest article's year, not the build's, so output depends only on input.
		s.Year = arch.Articles[0].Date.Year()
	}
	for _, a := range arch.Articles[arch.Listed:] {
		s.Pages = append(s.Pages, Ref{Name: a.Title, URL: cfg.Base.Rel(a.URL)})
	}
	v := &Views{cfg: cfg, arch: arch, size: size, Site: s, links: map[*archive.Term]Ref{}}
	for _, t := range arch.Groupings() {
		for _, term := range t.Terms {
			v.links[term] = Ref{Name: term.Name, URL: cfg.Base.Rel(TermPath(t.Name, term.Slug))}
		}
	}
	return v
}

// Page returns the common part of a page at a site path.
func (v *Views) Page(kind, title, description, sitePath string) Page {
	full := title
	if title != v.cfg.Title {
		full = title + " | " + v.cfg.Title
	}
	return Page{
		Site: v.Site, Title: full, Description: description, Kind: kind,
		Canonical: v.cfg.Base.Abs(sitePath), Feeds: []Feed{v.SiteFeed(), v.siteJSONFeed()},
	}
}

// SiteFeed is the site's Atom feed, linked from every page.
func (v *Views) SiteFeed() Feed {
	return Feed{Title: v.cfg.Title, URL: v.cfg.Base.Rel("/feed.xml")}
}

func (v *Views) siteJSONFeed() Feed {
	return Feed{Title: v.cfg.Title + " (JSON Feed)", URL: v.cfg.Base.Rel("/feed.json"), JSON: true}
}

// URL is the root-relative URL of a site path.
func (v *Views) URL(sitePath string) string { return v.cfg.Base.Rel(sitePath) }

// Article returns the view of an article, for a page that lists it or for its own page:
// its body has been converted, so its teaser is complete.
func (v *Views) Article(a *content.Article) *Article {
	return v.article(a, a.Teaser())
}

// article returns the view of an article with the given summary.
func (v *Views) article(a *content.Article, summary string) *Article {
	base := v.cfg.Base
	av := &Article{
		Title: a.Title, Dek: a.Dek, Summary: summary, Dateline: a.Dateline,
		URL: base.Rel(a.URL), Permalink: base.Abs(a.URL),
		Date: Time{a.Date}, Source: a.Source, Params: a.Params,
	}
	if !a.Updated.IsZero() && a.Updated.After(a.Date) {
		av.Updated = &Time{a.Updated}
	}
	av.Authors = series(v.refs(v.arch.Authors, a.Authors))
	for i, t := range v.arch.Taxonomies {
		if len(a.Terms[i]) > 0 {
			av.Terms = append(av.Terms, TermGroup{Name: t.Name, Title: t.Title, Terms: v.refs(t, a.Terms[i])})
			if t.Name == "topics" && len(av.Terms[len(av.Terms)-1].Terms) > 0 {
				av.Topics = av.Terms[len(av.Terms)-1].Terms
				av.Topic = &av.Topics[0]
			}
		}
	}
	for _, c := range a.Corrections {
		av.Corrections = append(av.Corrections, Correction{Time{c.Date}, c.Text})
	}
	av.Image = v.Image(a)
	return av
}

// refs links terms to their pages, under the term's chosen spelling.
func (v *Views) refs(t *archive.Taxonomy, names []string) []Ref {
	out := make([]Ref, 0, len(names))
	for _, name := range names {
		if term := t.Term(name); term != nil {
			out = append(out, v.links[term])
		}
	}
	return out
}

// Articles returns the views of the articles at positions ids of the archive.
func (v *Views) Articles(ids []int32) []*Article {
	out := make([]*Article, len(ids))
	for i, id := range ids {
		out[i] = v.Article(v.arch.Articles[id])
	}
	return out
}

// Ref returns a link to the article at position i, or nil when i is -1.
func (v *Views) Ref(i int) *Ref {
	if i < 0 {
		return nil
	}
	a := v.arch.Articles[i]
	return &Ref{Name: a.Title, URL: v.cfg.Base.Rel(a.URL)}
}

// Image resolves an article's lead image, or returns nil when it has none. A file beside
// the article is copied next to its page, so its URL is relative to the page's.
func (v *Views) Image(a *content.Article) *Image {
	img := a.Image
	if img == nil {
		return nil
	}
	iv := &Image{Alt: img.Alt, Caption: img.Caption, Credit: img.Credit, URL: img.Src, AbsURL: img.Src}
	base := v.cfg.Base
	switch {
	case link.IsLocal(img.Src):
		p := path.Join(a.URL, img.Src)
		iv.URL, iv.AbsURL = base.Rel(p), base.Abs(p)
		if v.size != nil {
			iv.Width, iv.Height, _ = v.size(a, img.Src)
		}
	case len(img.Src) > 0 && img.Src[0] == '/' && (len(img.Src) < 2 || img.Src[1] != '/'):
		iv.URL, iv.AbsURL = base.Rel(img.Src), base.Abs(img.Src)
	}
	return iv
}

// series sets the separators of a list read as a sentence: "A, B and C".
func series(refs []Ref) []Ref {
	for i := range refs {
		refs[i].Sep = separator(i, len(refs))
	}
	return refs
}

// separator is what goes before the i-th of n names in a series: "A, B and C".
func separator(i, n int) string {
	switch {
	case i == 0:
		return ""
	case i == n-1:
		return " and "
	default:
		return ", "
	}
}

// Series joins names as a byline does: "A", "A and B", "A, B and C".
func Series(names []string) string {
	var b strings.Builder
	for i, name := range names {
		b.WriteString(separator(i, len(names)))
		b.WriteString(name)
	}
	return b.String()
}

// TermPath is the site path of a term's page, from the term's slug.
func TermPath(taxonomy, termSlug string) string { return "/" + taxonomy + "/" + termSlug + "/" }

// AuthorPath is the site path of an author's page.
func AuthorPath(name string) string { return TermPath("authors", slug.Make(name)) }

// PagePath is the site path of page n of a list whose first page is at first.
func PagePath(first string, n int) string {
	if n <= 1 {
		return first
	}
	return first + "page/" + strconv.Itoa(n) + "/"
}

// Pager links page n of total pages of a list whose first page is at first. It numbers
// the first and last pages and the two either side of n, marking the gaps.
func (v *Views) Pager(first string, n, total int) Pager {
	p := Pager{Number: n, Total: total}
	if n > 1 {
		p.Prev = v.URL(PagePath(first, n-1))
	}
	if n < total {
		p.Next = v.URL(PagePath(first, n+1))
	}
	last := 0
	for i := 1; i <= total; i++ {
		if i != 1 && i != total && (i < n-2 || i > n+2) {
			continue
		}
		p.Links = append(p.Links, PageLink{Number: i, URL: v.URL(PagePath(first, i)), Current: i == n, Gap: i > last+1})
		last = i
	}
	return p
}

// ArticlePage returns the data of the page of the article at position i, with its body.
func (v *Views) ArticlePage(i int, body []byte) *ArticlePage {
	a := v.arch.Articles[i]
	av := v.Article(a)
	p := &ArticlePage{
		Page:    v.Page(Kind(a), a.Title, a.Description(), a.URL),
		Article: av,
		Body:    template.HTML(body), // produced by the markdown package, which escapes
		JSONLD:  v.jsonLD(av),
		Related: v.related(i),
		Older:   v.Ref(v.arch.Older(i)),
		Newer:   v.Ref(v.arch.Newer(i)),
	}
	p.Image = av.Image
	return p
}

// AliasPage returns the data of the page at an old URL of an article.
func (v *Views) AliasPage(a *content.Article, alias string) *AliasPage {
	p := &AliasPage{Page: v.Page("alias", a.Title, "", a.URL), Target: v.cfg.Base.Abs(a.URL), Name: a.Title}
	p.Title = "Moved: " + p.Title
	return p
}

// NotFound returns the data of the 404 page.
func (v *Views) NotFound() *Page {
	p := v.Page("404", "Page not found", "", "/404.html")
	return &p
}

// SearchPage returns the data of the search page, whose script reads the index in the
// folder index (a site path).
func (v *Views) SearchPage(index string) *SearchPage {
	p := &SearchPage{Page: v.Page("search", "Search", "Search the archive of "+v.cfg.Title+".", index),
		Index: v.URL(index), ArchiveURL: v.URL("/archive/")}
	for _, t := range v.arch.Taxonomies {
		if t.Name == "topics" && len(t.Terms) > 0 {
			p.TopicsURL = v.URL("/topics/")
		}
	}
	return p
}

// related returns the views of the articles related to the one at position i. Their
// bodies may be being converted at this moment, so their summary is only the one their
// front matter gives, and output never depends on which page was rendered first.
func (v *Views) related(i int) []*Article {
	ids := v.arch.Related[i]
	out := make([]*Article, len(ids))
	for k, id := range ids {
		a := v.arch.Articles[id]
		out[k] = v.article(a, a.Summary)
	}
	return out
}

// ListPage returns the data of a list page whose articles are at ids and whose cards are
// already rendered: river holds them one after another, each after a newline, and
// starts where each begins.
func (v *Views) ListPage(page Page, heading, intro string, ids []int32, river template.HTML, starts []int, pager Pager) *ListPage {
	return &ListPage{Page: page, Heading: heading, Intro: intro, River: river, Pager: pager,
		cards: append(starts, len(river)+1), articles: func() []*Article { return v.Articles(ids) }}
}

// Kind is the page kind of an article's page: "page" for a standalone page (About,
// Ethics), which has its own template, and "article" for the rest.
func Kind(a *content.Article) string {
	if a.Standalone {
		return "page"
	}
	return "article"
}
