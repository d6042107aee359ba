// Package check reads a built site and finds every internal link, and every #fragment,
// that leads nowhere: hrefs and srcs of every HTML page, the canonical and share-image
// URLs in its <head>, and the target of a redirect page. A link is internal when it is
// relative, root-relative, or absolute under the site's base URL; internal links must
// stay under the base path.
package check

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/sync/errgroup"
)

// Problem is one link that leads nowhere.
type Problem struct {
	Page   string // the file the link is on, relative to the site root
	Link   string // as written
	Reason string
}

func (p Problem) String() string { return fmt.Sprintf("%s: %s: %s", p.Page, p.Link, p.Reason) }

// Report is the result of checking a site.
type Report struct {
	Pages    int
	Links    int
	Problems []Problem // sorted by page, then link
}

// page is what check keeps of one HTML file.
type page struct {
	ids   map[string]bool
	links []string
}

// Site checks the site in fsys, which was built for base (such as
// "https://example.org/archive/"). An empty base is read from the canonical link of the
// front page.
func Site(fsys fs.FS, base string) (*Report, error) {
	files, err := list(fsys)
	if err != nil {
		return nil, err
	}
	pages, err := parseAll(fsys, files)
	if err != nil {
		return nil, err
	}
	if base == "" {
		if base, err = baseOf(pages); err != nil {
			return nil, err
		}
	}
	b, err := url.Parse(base)
	if err != nil || b.Host == "" {
		return nil, fmt.Errorf("check: base URL %q: want an absolute URL", base)
	}
	c := &checker{files: files, pages: pages, base: b, prefix: strings.TrimSuffix(b.Path, "/")}
	return c.run(), nil
}

// list returns the set of every file of the site.
func list(fsys fs.FS) (map[string]bool, error) {
	files := map[string]bool{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			files[p] = true
		}
		return nil
	})
	if len(files) == 0 && err == nil {
		err = errors.New("check: the folder holds no files; build the site first")
	}
	return files, err
}

// parseAll parses every HTML file on all cores.
func parseAll(fsys fs.FS, files map[string]bool) (map[string]*page, error) {
	pages := map[string]*page{}
	var mu sync.Mutex
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for name := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		g.Go(func() error {
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return err
			}
			p, err := parse(string(data))
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			mu.Lock()
			pages[name] = p
			mu.Unlock()
			return nil
		})
	}
	return pages, g.Wait()
}

// parse collects the ids of a page and the URLs it links to.
func parse(src string) (*page, error) {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return nil, err
	}
	p := &page{ids: map[string]bool{}}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		attrs := map[string]string{}
		for _, a := range n.Attr {
			attrs[a.Key] = a.Val
		}
		if id, ok := attrs["id"]; ok {
			p.ids[id] = true
		}
		if n.Data == "a" && attrs["name"] != "" {
			p.ids[attrs["name"]] = true
		}
		p.links = append(p.links, linksOf(n.Data, attrs)...)
	}
	return p, nil
}

// linksOf returns the URLs an element points at.
func linksOf(tag string, attrs map[string]string) []string {
	var out []string
	for _, key := range []string{"href", "src", "poster", "action"} {
		if v, ok := attrs[key]; ok && tag != "base" {
			out = append(out, v)
		}
	}
	if tag == "meta" {
		switch attrs["property"] + attrs["name"] {
		case "og:url", "og:image", "twitter:image":
			out = append(out, attrs["content"])
		}
		if strings.EqualFold(attrs["http-equiv"], "refresh") {
			if _, target, ok := strings.Cut(attrs["content"], "url="); ok {
				out = append(out, strings.TrimSpace(target))
			}
		}
	}
	return out
}

// baseOf reads the base URL from the canonical link of the front page.
func baseOf(pages map[string]*page) (string, error) {
	home, ok := pages["index.html"]
	if !ok {
		return "", errors.New("check: no index.html at the root; pass the base URL the site was built for")
	}
	for _, l := range home.links {
		if u, err := url.Parse(l); err == nil && u.IsAbs() && (u.Scheme == "http" || u.Scheme == "https") {
			return l, nil // the canonical link comes first in the <head>
		}
	}
	return "", errors.New("check: index.html has no canonical link; pass the base URL the site was built for")
}

type checker struct {
	files  map[string]bool
	pages  map[string]*page
	base   *url.URL
	prefix string // the base path without its trailing slash: "" or "/archive"
}

func (c *checker) run() *Report {
	r := &Report{Pages: len(c.pages)}
	for name, p := range c.pages {
		for _, l := range p.links {
			r.Links++
			if reason := c.follow(name, l); reason != "" {
				r.Problems = append(r.Problems, Problem{Page: name, Link: l, Reason: reason})
			}
		}
	}
	slices.SortFunc(r.Problems, func(a, b Problem) int {
		return strings.Compare(a.Page+"\x00"+a.Link, b.Page+"\x00"+b.Link)
	})
	return r
}

// follow checks one link on the page at name and says what is wrong, or "".
func (c *checker) follow(name, link string) string {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil {
		return "not a URL"
	}
	if u.Scheme != "" || u.Host != "" {
		if (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "") || u.Host != c.base.Host ||
			!strings.HasPrefix(u.Path, c.prefix+"/") {
			return "" // another site, or mailto:, tel:
		}
	}
	here := &url.URL{Path: c.prefix + "/" + name}
	target := here.ResolveReference(&url.URL{Path: u.Path, RawPath: u.RawPath})
	if u.Path == "" {
		target = here
	}
	if !strings.HasPrefix(target.Path, c.prefix+"/") {
		return "outside the site's base path " + c.prefix + "/"
	}
	file := strings.TrimPrefix(target.Path, c.prefix+"/")
	file = c.resolve(file)
	if file == "" {
		return "no such page or file"
	}
	return c.fragment(file, u.Fragment)
}

// resolve maps a path inside the site to the file a static host would serve, or "".
func (c *checker) resolve(p string) string {
	p = strings.TrimPrefix(path.Clean("/"+p), "/")
	for _, f := range []string{p, path.Join(p, "index.html")} {
		if f == "" || f == "." {
			f = "index.html"
		}
		if c.files[f] {
			return f
		}
	}
	return ""
}

// fragment checks that #frag names an element of the file, when it is a page.
func (c *checker) fragment(file, frag string) string {
	if frag == "" || frag == "top" {
		return ""
	}
	p, ok := c.pages[file]
	if !ok || p.ids[frag] {
		return ""
	}
	return fmt.Sprintf("no element with id %q in %s", frag, file)
}
