// Package feed writes the site's feeds: Atom 1.0 (RFC 4287) and JSON Feed 1.1.
//
// An article appears in many feeds (the site's, and one per term and author it has), so
// its Atom <entry> is encoded once, by EntryXML, and the same bytes are placed in every
// feed that lists it. Entry ids are tag URIs made from the host, the publication date and
// the article's path, so they stay the same when an article is updated. Content carries
// absolute URLs, since a feed reader has no page to resolve relative ones against.
package feed

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
	"time"
)

// Limit is how many of the latest articles a feed holds.
const Limit = 20

// Feed describes one feed.
type Feed struct {
	Title    string
	Subtitle string
	Self     string // the feed's own absolute URL
	Page     string // the absolute URL of the HTML page the feed follows
	Author   string // named when an entry has no author of its own: the publication
	Language string
	Icon     string // absolute URL, optional
}

// Entry is one article in a feed.
type Entry struct {
	ID         string
	URL        string
	Title      string
	Summary    string
	Content    []byte // HTML with absolute URLs
	Published  time.Time
	Updated    time.Time
	Authors    []Person
	Categories []Category
	Image      string // absolute URL of the lead image, if any
}

// Person is an author.
type Person struct {
	Name string `xml:"name" json:"name"`
	URI  string `xml:"uri,omitempty" json:"url,omitempty"`
}

// Category is a taxonomy term of an entry.
type Category struct {
	Term   string `xml:"term,attr"`
	Label  string `xml:"label,attr,omitempty"`
	Scheme string `xml:"scheme,attr,omitempty"`
}

// TagID returns a tag URI (RFC 4151) for an article: stable across updates, unique per
// host, date and path.
func TagID(pageURL string, published time.Time) string {
	u, err := url.Parse(pageURL)
	if err != nil || u.Host == "" {
		return pageURL
	}
	return fmt.Sprintf("tag:%s,%s:%s", u.Hostname(), published.Format("2006-01-02"), u.EscapedPath())
}

// atomText is a text construct; Type is "text" or "html".
type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

// atomHTML is HTML content, written as one CDATA section: feed readers read it the same
// as escaped text, and it costs no escaping of a whole article.
type atomHTML struct {
	Type string `xml:"type,attr"`
	Body []byte `xml:",cdata"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	XMLName    xml.Name   `xml:"entry"`
	ID         string     `xml:"id"`
	Title      atomText   `xml:"title"`
	Links      []atomLink `xml:"link"`
	Published  string     `xml:"published"`
	Updated    string     `xml:"updated"`
	Authors    []Person   `xml:"author"`
	Categories []Category `xml:"category"`
	Summary    *atomText  `xml:"summary,omitempty"`
	Content    atomHTML   `xml:"content"`
}

// EntryXML encodes an entry as an Atom <entry> element, to be placed in feeds by Atom.
func EntryXML(e Entry) ([]byte, error) {
	var buf bytes.Buffer
	err := WriteEntryXML(&buf, e)
	return buf.Bytes(), err
}

// WriteEntryXML is EntryXML writing to buf.
func WriteEntryXML(buf *bytes.Buffer, e Entry) error {
	ae := atomEntry{
		ID:        e.ID,
		Title:     atomText{Type: "text", Body: e.Title},
		Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: e.URL}},
		Published: e.Published.Format(time.RFC3339),
		Updated:   e.Updated.Format(time.RFC3339),
		Authors:   e.Authors,
		Content:   atomHTML{Type: "html", Body: e.Content},
	}
	if e.Image != "" {
		ae.Links = append(ae.Links, atomLink{Rel: "enclosure", Type: imageType(e.Image), Href: e.Image})
	}
	ae.Categories = e.Categories
	if e.Summary != "" {
		ae.Summary = &atomText{Type: "text", Body: e.Summary}
	}
	buf.Grow(len(e.Content) + 2048) // the content, and its metadata
	return xml.NewEncoder(buf).Encode(ae)
}

type atomFeed struct {
	XMLName   xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string     `xml:"xml:lang,attr,omitempty"`
	ID        string     `xml:"id"`
	Title     atomText   `xml:"title"`
	Subtitle  *atomText  `xml:"subtitle,omitempty"`
	Links     []atomLink `xml:"link"`
	Updated   string     `xml:"updated"`
	Author    Person     `xml:"author"`
	Generator string     `xml:"generator"`
	Icon      string     `xml:"icon,omitempty"`
	Entries   []byte     `xml:",innerxml"`
}

// Atom writes to buf a feed whose entries were encoded by EntryXML and put one after the
// other, newest first. updated is the newest change among them.
func Atom(buf *bytes.Buffer, f Feed, updated time.Time, entries []byte) error {
	af := atomFeed{
		Lang:  f.Language,
		ID:    f.Page,
		Title: atomText{Type: "text", Body: f.Title},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: f.Self},
			{Rel: "alternate", Type: "text/html", Href: f.Page},
		},
		Updated:   updated.Format(time.RFC3339),
		Author:    Person{Name: f.Author},
		Generator: "dateline",
		Icon:      f.Icon,
		Entries:   entries,
	}
	if f.Subtitle != "" {
		af.Subtitle = &atomText{Type: "text", Body: f.Subtitle}
	}
	buf.Grow(len(entries) + 2048)
	buf.WriteString(xml.Header)
	if err := xml.NewEncoder(buf).Encode(af); err != nil {
		return err
	}
	buf.WriteByte('\n')
	return nil
}

func imageType(u string) string {
	switch ext := extension(u); ext {
	case ".png":
		return "image/png"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".svg":
		return "image/svg+xml"
	}
	return "image/jpeg"
}

func extension(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	path := p.Path
	for i := len(path) - 1; i >= 0 && path[i] != '/'; i-- {
		if path[i] == '.' {
			return path[i:]
		}
	}
	return ""
}
