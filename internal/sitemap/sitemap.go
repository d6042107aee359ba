// Package sitemap writes what search engines read to find a site's pages: the sitemap
// (split into parts under a sitemap index past MaxURLs), the Google News sitemap of recent
// articles, and robots.txt, which names them.
package sitemap

import (
	"bytes"
	"encoding/xml"
	"strings"
	"time"
)

// MaxURLs is the most URLs one sitemap file may hold (sitemaps.org).
const MaxURLs = 50000

// MaxNews is the most articles a news sitemap may hold (Google News).
const MaxNews = 1000

// NewsWindow is how old an article may be to appear in the news sitemap.
const NewsWindow = 48 * time.Hour

// URL is one page of the site.
type URL struct {
	Loc     string    `xml:"loc"`
	LastMod time.Time `xml:"-"`
}

type urlXML struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []urlXML `xml:"url"`
}

type sitemapIndex struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []urlXML `xml:"sitemap"`
}

func lastmod(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// Write returns one sitemap file listing urls.
func Write(urls []URL) ([]byte, error) {
	s := urlset{URLs: make([]urlXML, len(urls))}
	for i, u := range urls {
		s.URLs[i] = urlXML{u.Loc, lastmod(u.LastMod)}
	}
	return encode(s)
}

// Index returns a sitemap index naming the parts of a large sitemap.
func Index(parts []URL) ([]byte, error) {
	s := sitemapIndex{Sitemaps: make([]urlXML, len(parts))}
	for i, u := range parts {
		s.Sitemaps[i] = urlXML{u.Loc, lastmod(u.LastMod)}
	}
	return encode(s)
}

// NewsItem is an article for the news sitemap.
type NewsItem struct {
	Loc       string
	Title     string
	Published time.Time
}

type newsURL struct {
	Loc  string   `xml:"loc"`
	News newsNews `xml:"news:news"`
}

type newsNews struct {
	Publication newsPublication `xml:"news:publication"`
	Date        string          `xml:"news:publication_date"`
	Title       string          `xml:"news:title"`
}

type newsPublication struct {
	Name     string `xml:"news:name"`
	Language string `xml:"news:language"`
}

type newsURLSet struct {
	XMLName xml.Name  `xml:"urlset"`
	NS      string    `xml:"xmlns,attr"`
	NewsNS  string    `xml:"xmlns:news,attr"`
	URLs    []newsURL `xml:"url"`
}

// Recent returns the items published in the NewsWindow before now (newest first, as
// given), at most MaxNews.
func Recent(items []NewsItem, now time.Time) []NewsItem {
	var out []NewsItem
	for _, it := range items {
		if it.Published.After(now) || now.Sub(it.Published) > NewsWindow {
			continue
		}
		out = append(out, it)
		if len(out) == MaxNews {
			break
		}
	}
	return out
}

// News returns a Google News sitemap of items (already chosen by Recent) for the
// publication name, in language (an ISO 639 code such as "en").
func News(name, language string, items []NewsItem) ([]byte, error) {
	s := newsURLSet{
		NS: "http://www.sitemaps.org/schemas/sitemap/0.9", NewsNS: "http://www.google.com/schemas/sitemap-news/0.9",
		URLs: make([]newsURL, len(items)),
	}
	for i, it := range items {
		s.URLs[i] = newsURL{Loc: it.Loc, News: newsNews{
			Publication: newsPublication{Name: name, Language: newsLanguage(language)},
			Date:        it.Published.Format(time.RFC3339),
			Title:       it.Title,
		}}
	}
	return encode(s)
}

// newsLanguage is the language code Google News wants: ISO 639, with zh-cn and zh-tw
// the only regional forms.
func newsLanguage(lang string) string {
	l := strings.ToLower(lang)
	if l == "zh-cn" || l == "zh-tw" {
		return l
	}
	if i := strings.IndexAny(l, "-_"); i > 0 {
		return l[:i]
	}
	return l
}

// Robots returns robots.txt, allowing everything and naming the sitemaps.
func Robots(sitemaps ...string) []byte {
	var b strings.Builder
	b.WriteString("User-agent: *\nAllow: /\n\n")
	for _, s := range sitemaps {
		b.WriteString("Sitemap: " + s + "\n")
	}
	return []byte(b.String())
}
