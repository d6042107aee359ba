package render

import (
	"html/template"
	"path"

	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/link"
	"dateline/internal/slug"
)

// Site is what every page knows of the site.
type Site struct {
	Title      string
	Language   string
	Home       string // root-relative URL of the front page
	Taxonomies []Ref  // the taxonomy index pages, for navigation
	Year       int    // the year of the newest article, for the footer
}

// Ref is a named link.
type Ref struct {
	Name string
	URL  string // root-relative
	Sep  string // what goes before it in a sentence: "", ", " or " and "
}

// series sets the separators of a list read as a sentence: "A, B and C".
func series(refs []Ref) []Ref {
	for i := range refs {
		switch {
		case i == 0:
		case i == len(refs)-1:
			refs[i].Sep = " and "
		default:
			refs[i].Sep = ", "
		}
	}
	return refs
}

// Page holds what the layout needs on every page: the <head> and the chrome.
type Page struct {
	Site        *Site
	Title       string // the <title>
	Description string
	Canonical   string // absolute URL
	Kind        string // "article", "home", "list": a class on <body> and the og:type
	Image       *Image // the page's share image, if any
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
}

// ListPage is the data of a page listing articles, such as the front page.
type ListPage struct {
	Page
	Heading  string
	Articles []*Article
}

// Views builds views from content, with the site's URLs.
type Views struct {
	cfg  *config.Config
	Site *Site
}

// NewViews prepares view building for a site.
func NewViews(cfg *config.Config) *Views {
	s := &Site{Title: cfg.Title, Language: cfg.Language, Home: cfg.Base.Rel("/")}
	for _, t := range cfg.Taxonomies {
		s.Taxonomies = append(s.Taxonomies, Ref{Name: t.Title, URL: cfg.Base.Rel("/" + t.Name + "/")})
	}
	return &Views{cfg: cfg, Site: s}
}

// ImageSizer finds the pixel size of an article's local image.
type ImageSizer func(a *content.Article, src string) (w, h int, ok bool)

// Article returns the view of an article.
func (v *Views) Article(a *content.Article, size ImageSizer) *Article {
	base := v.cfg.Base
	av := &Article{
		Title: a.Title, Dek: a.Dek, Summary: a.Summary, Dateline: a.Dateline,
		URL: base.Rel(a.URL), Permalink: base.Abs(a.URL),
		Date: Time{a.Date}, Source: a.Source, Params: a.Params,
	}
	if !a.Updated.IsZero() && a.Updated.After(a.Date) {
		av.Updated = &Time{a.Updated}
	}
	for _, name := range a.Authors {
		av.Authors = append(av.Authors, Ref{Name: name, URL: base.Rel(AuthorPath(name))})
	}
	series(av.Authors)
	for i, t := range v.cfg.Taxonomies {
		if len(a.Terms[i]) == 0 {
			continue
		}
		g := TermGroup{Name: t.Name, Title: t.Title}
		for _, term := range a.Terms[i] {
			g.Terms = append(g.Terms, Ref{Name: term, URL: base.Rel(TermPath(t.Name, term))})
		}
		av.Terms = append(av.Terms, g)
	}
	for _, c := range a.Corrections {
		av.Corrections = append(av.Corrections, Correction{Time{c.Date}, c.Text})
	}
	if a.Image != nil {
		av.Image = v.image(a, a.Image, size)
	}
	return av
}

// image resolves a lead image's URLs: a file beside the article is copied next to its
// page, so its URL is relative to the page's.
func (v *Views) image(a *content.Article, img *content.Image, size ImageSizer) *Image {
	iv := &Image{Alt: img.Alt, Caption: img.Caption, Credit: img.Credit, URL: img.Src, AbsURL: img.Src}
	base := v.cfg.Base
	switch {
	case link.IsLocal(img.Src):
		p := path.Join(a.URL, img.Src)
		iv.URL, iv.AbsURL = base.Rel(p), base.Abs(p)
		if size != nil {
			iv.Width, iv.Height, _ = size(a, img.Src)
		}
	case len(img.Src) > 0 && img.Src[0] == '/' && (len(img.Src) < 2 || img.Src[1] != '/'):
		iv.URL, iv.AbsURL = base.Rel(img.Src), base.Abs(img.Src)
	}
	return iv
}

// AuthorPath is the site path of an author's page.
func AuthorPath(name string) string { return "/authors/" + slug.Make(name) + "/" }

// TermPath is the site path of a taxonomy term's page.
func TermPath(taxonomy, term string) string { return "/" + taxonomy + "/" + slug.Make(term) + "/" }
