package content

import "time"

// Article is what the build knows of one article without its body: everything listing
// pages, feeds and the article's own page header need. The Markdown body stays on disk
// until the article page is rendered (Set.Body), so memory grows with the number of
// articles, not with their length. A large archive keeps a million of them, so the
// fields most articles leave unset live out of line, in Extra.
type Article struct {
	Path    string // the source file, slash-separated, relative to the site: content/2019/ice.md
	Title   string
	Dek     string
	Authors []string
	Date    time.Time  // publication time, in the site's time zone
	Terms   [][]string // the terms of each taxonomy, indexed like config.Config.Taxonomies
	Slug    string

	URL   string // the site path of the article page: /2019/03/07/ice-raid/
	Page  string // the site path of the file of that page: URL + "index.html"
	Lines Lines  // where some fields are written, for errors found after loading

	// Excerpt is the body's first paragraph as text, filled in when the body is
	// converted; until then only the goroutine converting it may read it.
	Excerpt string

	Hash     uint64  // of the whole file: the same bytes, the same article
	Version  Version // of the file when it was read
	BodyLine int32   // the file line on which the body starts

	// *Extra is never nil: an article without any of its fields shares NoExtra, which
	// nothing may change. Its fields read as the article's own (a.Updated).
	*Extra
}

// Extra holds the fields of an article that most articles leave unset.
type Extra struct {
	Dateline    string
	Updated     time.Time // last substantive update; zero when never updated
	Image       *Image
	Summary     string // from front matter only; see Teaser
	Corrections []Correction
	Aliases     []string // site paths that redirect here, cleaned
	Source      *Source
	Params      map[string]any // front matter keys that are not fields of an article
	Expires     time.Time      // when the article leaves the site (Hugo's expiryDate); zero for never
	Draft       bool
	Standalone  bool  // a page (About, Ethics) at its own path, outside rivers, feeds and archives
	Bundle      bool  // the article is an index.md whose folder holds its resources
	RawHTML     int32 // the line of the body's first raw HTML, which is shown as text; 0 for none
	ImageAt     Pos   // where image and aliases are written, for errors found after loading
	AliasesAt   Pos
}

// NoExtra is the Extra of every article that sets none of its fields.
var NoExtra = &Extra{}

// Own returns an Extra that belongs to a alone, making one when a shares NoExtra, so
// that its fields can be set.
func (a *Article) Own() *Extra {
	if a.Extra == nil || a.Extra == NoExtra {
		a.Extra = new(Extra)
	}
	return a.Extra
}

// Shared makes an article decoded without an Extra (the build store leaves out one with
// nothing set) share NoExtra.
func (a *Article) Shared() *Article {
	if a.Extra == nil {
		a.Extra = NoExtra
	}
	return a
}

// Image is a lead image.
type Image struct {
	Src     string // as written: a file beside the article, a site path or an absolute URL
	Alt     string
	Caption string
	Credit  string
}

// Correction is a published correction note.
type Correction struct {
	Date time.Time
	Text string
}

// Source names the original publication of an archived or syndicated article.
type Source struct {
	Name string
	URL  string
}

// Lines records the lines of fields that later stages check against other articles
// (those of the rarely set image and aliases are in Extra).
type Lines struct {
	Slug  Pos
	Terms []Pos // indexed like Article.Terms
}

// Pos is a line and column in an article file, in 32 bits each: every article keeps
// several, and a large archive a million articles.
type Pos struct{ Line, Col int32 }

// Modified is when the article last changed: Updated, or Date when it never was.
func (a *Article) Modified() time.Time {
	if a.Updated.After(a.Date) {
		return a.Updated
	}
	return a.Date
}

// Teaser is the summary shown in lists: the summary from front matter, or else the
// body's first paragraph. It is complete once the article's body has been converted.
func (a *Article) Teaser() string {
	if a.Summary != "" {
		return a.Summary
	}
	return a.Excerpt
}

// Description is the article's dek, or its teaser when it has none: what a page's
// description meta tag, a feed entry's summary and JSON-LD say the article is.
func (a *Article) Description() string {
	if a.Dek != "" {
		return a.Dek
	}
	return a.Teaser()
}
