package render

import (
	"html/template"

	"dateline/internal/content"
)

// The types in this file are what templates see. They are plain data, built by Views, so
// a template that names a field that does not exist fails the build.

// Site is what every page knows of the site.
type Site struct {
	Title      string
	Language   string
	Home       string // root-relative URL of the front page
	Taxonomies []Ref  // the taxonomy index pages, for navigation
	Year       int    // the year of the newest article, for the footer
	Pages      []Ref  // the standalone pages (About, Ethics), by path, for the footer
}

// Ref is a named link.
type Ref struct {
	Name string
	URL  string // root-relative
	Sep  string // what goes before it in a sentence: "", ", " or " and "
}

// CountRef is a named link with the number of articles behind it.
type CountRef struct {
	Name  string
	URL   string
	Count int
}

// Feed is a feed a page links to with <link rel="alternate">.
type Feed struct {
	Title string
	URL   string // root-relative
	JSON  bool   // a JSON Feed rather than an Atom feed
}

// Page holds what the layout needs on every page: the <head> and the chrome.
type Page struct {
	Site        *Site
	Title       string // the <title>
	Description string
	Canonical   string // absolute URL
	Kind        string // the page kind: a class on <body>; "article" makes og:type article
	Image       *Image // the page's share image, if any
	Feeds       []Feed
	Header      template.HTML // partials/header.html, rendered once for the kind
	Footer      template.HTML // partials/footer.html, rendered once for the kind
}

func (p *Page) page() *Page { return p }

// Chrome is what partials/header.html and partials/footer.html see: they are rendered
// once per page kind, not once per page, so they know only the site and the kind.
type Chrome struct {
	Site *Site
	Kind string
}

// Article is an article as templates see it: everything but the body.
type Article struct {
	Title       string
	Dek         string
	Summary     string
	Dateline    string
	URL         string // root-relative
	Permalink   string // absolute
	Date        Time
	Updated     *Time // nil when never updated
	Authors     []Ref
	Terms       []TermGroup
	Topics      []Ref // the terms of the topics taxonomy, if the site has it
	Topic       *Ref  // the first topic: the article's section, shown as its kicker
	Image       *Image
	Corrections []Correction
	Source      *content.Source
	Params      map[string]any
}

// TermGroup is an article's terms of one taxonomy.
type TermGroup struct {
	Name  string // "topics"
	Title string // "Topics"
	Terms []Ref
}

// Image is an image with its URLs resolved.
type Image struct {
	URL     string // for src: root-relative, or absolute for another site
	AbsURL  string // for og:image and JSON-LD
	Alt     string
	Caption string
	Credit  string
	Width   int
	Height  int
}

// Correction is a correction note.
type Correction struct {
	Date Time
	Text string
}

// ArticlePage is the data of an article page.
type ArticlePage struct {
	Page
	Article *Article
	Body    template.HTML
	JSONLD  template.JS
	Related []*Article
	Older   *Ref // the article published just before, if any
	Newer   *Ref // the article published just after, if any
}

// ListPage is one page of a list of articles: the front page, a year, a month, a term,
// an author. Each listed article is shown by its card, partials/card.html: an article is
// on many lists, and its card is rendered once for all of them. River is the cards one
// after another, each after a newline, which the default theme prints whole; Cards gives
// them one by one.
type ListPage struct {
	Page
	Heading  string
	Intro    string
	River    template.HTML
	Pager    Pager
	cards    []int // where each card starts in River, and where River ends
	articles func() []*Article
}

// Cards returns the cards of the listed articles, in order.
func (p *ListPage) Cards() []template.HTML {
	out := make([]template.HTML, len(p.cards)-1)
	for k := range out {
		out[k] = p.River[p.cards[k] : p.cards[k+1]-1]
	}
	return out
}

// Articles returns the views of the listed articles, for themes that lay out a list
// their own way rather than by cards.
func (p *ListPage) Articles() []*Article { return p.articles() }

// Pager links the pages of a list. Prev and Next are "" at the ends.
type Pager struct {
	Number int
	Total  int
	Prev   string
	Next   string
	Links  []PageLink
}

// PageLink is one numbered link of a pager; Gap marks an elision before it.
type PageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// IndexPage lists the groups of the archive: the years and months of /archive/, the
// terms of a taxonomy, the authors.
type IndexPage struct {
	Page
	Heading string
	Intro   string
	Groups  []Group
}

// Group is a heading with entries under it, such as a year and its months.
type Group struct {
	CountRef
	Entries []CountRef
}

// AliasPage is the page at an old URL of an article, which sends readers on.
type AliasPage struct {
	Page
	Target string // the article's absolute URL
	Name   string // the article's title
}

// SearchPage is the search page: a form, and the script that reads the index.
type SearchPage struct {
	Page
	Index      string // the root-relative URL of the index's folder, ending in /
	ArchiveURL string // for readers without JavaScript
	TopicsURL  string // the topics page, "" when the site has no topics
}
