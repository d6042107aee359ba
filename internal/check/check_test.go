package check

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"dateline/internal/output"
	"dateline/internal/serve"
	"dateline/internal/site"
	"dateline/internal/sitetest"
)

func TestSiteFindsEveryBrokenLinkAndFragment(t *testing.T) {
	fsys := fstest.MapFS{
		"index.html": {Data: []byte(`<html><head><link rel="canonical" href="https://x.org/news/"><link rel="stylesheet" href="/news/css/site.css"></head>
<body><a href="/news/a/">a</a> <a href="/news/gone/">gone</a> <a href="a/#sec">sec</a> <a href="a/#nope">nope</a>
<a href="/elsewhere/">outside</a> <a href="https://other.org/x">other site</a> <a href="mailto:x@x.org">mail</a>
<a href="#top">top</a> <img src="/news/missing.png"> <a href="https://x.org/news/a/">absolute</a> <a href="https://x.org/news/zzz/">absolute broken</a></body></html>`)},
		"css/site.css":   {Data: []byte("body{}")},
		"a/index.html":   {Data: []byte(`<p id="sec">x</p><a href="../">home</a><a href="../css/site.css">css</a><a href="b">folder without slash</a>`)},
		"a/b/index.html": {Data: []byte(`<meta http-equiv="refresh" content="0; url=https://x.org/news/moved/">`)},
	}
	r, err := Site(fsys, "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range r.Problems {
		got = append(got, p.String())
	}
	want := []string{
		`a/b/index.html: https://x.org/news/moved/: no such page or file`,
		`index.html: /elsewhere/: outside the site's base path /news/`,
		`index.html: /news/gone/: no such page or file`,
		`index.html: /news/missing.png: no such page or file`,
		`index.html: a/#nope: no element with id "nope" in a/index.html`,
		`index.html: https://x.org/news/zzz/: no such page or file`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if r.Pages != 3 {
		t.Errorf("pages = %d", r.Pages)
	}
}

// buildExample builds the example archive for base into memory.
func buildExample(t *testing.T, base string) *output.Memory {
	t.Helper()
	mem := output.NewMemory()
	if _, err := site.Build(context.Background(), site.Options{FS: os.DirFS("../.."), BaseURL: base, Now: sitetest.Now}, mem); err != nil {
		t.Fatal(err)
	}
	return mem
}

func TestExampleArchiveChecksClean(t *testing.T) {
	mem := buildExample(t, "https://example.org/archive/")
	fsys := fstest.MapFS{}
	for name, data := range mem.Files() {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	r, err := Site(fsys, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Problems {
		t.Error(p)
	}
	if r.Pages < 150 || r.Links < 5000 {
		t.Errorf("checked only %d pages and %d links", r.Pages, r.Links)
	}
}

// TestSubPathSiteHasNoBrokenLinksOverHTTP serves the example archive under /archive/ on
// 127.0.0.1, as a host would, and follows every internal link of every page.
func TestSubPathSiteHasNoBrokenLinksOverHTTP(t *testing.T) {
	mux := http.NewServeMux()
	srv := &http.Server{Handler: mux}
	ln, base := listen(t)
	mem := buildExample(t, base+"archive/")
	mux.Handle("/archive/", http.StripPrefix("/archive", &serve.Handler{Files: mem}))
	go srv.Serve(ln)
	defer srv.Close()

	c := &crawler{t: t, prefix: base + "archive/", pages: map[string]*page{}, status: map[string]int{}}
	for _, name := range mem.Names() {
		if strings.HasSuffix(name, ".html") {
			c.visit(c.prefix + strings.TrimSuffix(name, "index.html"))
		}
	}
	if len(c.pages) < 150 {
		t.Fatalf("crawled only %d pages", len(c.pages))
	}
}

type crawler struct {
	t      *testing.T
	prefix string
	mu     sync.Mutex
	pages  map[string]*page
	status map[string]int
}

// visit fetches a page and follows its internal links.
func (c *crawler) visit(pageURL string) {
	p := c.fetch(pageURL)
	if p == nil {
		return
	}
	for _, l := range p.links {
		ref, err := url.Parse(l)
		if err != nil {
			c.t.Errorf("%s: bad URL %q", pageURL, l)
			continue
		}
		base, _ := url.Parse(pageURL)
		target := base.ResolveReference(ref)
		if target.Host != base.Host {
			continue
		}
		frag := target.Fragment
		target.Fragment = ""
		if !strings.HasPrefix(target.String(), c.prefix) {
			c.t.Errorf("%s: link %s leaves the sub-path %s", pageURL, l, c.prefix)
			continue
		}
		tp := c.fetch(target.String())
		if frag != "" && frag != "top" && tp != nil && !tp.ids[frag] {
			c.t.Errorf("%s: link %s: no id %q there", pageURL, l, frag)
		}
	}
}

// fetch GETs a URL once, failing the test on a status other than 200, and returns the
// parsed page when it is HTML.
func (c *crawler) fetch(u string) *page {
	c.mu.Lock()
	if p, ok := c.pages[u]; ok || c.status[u] != 0 {
		c.mu.Unlock()
		return p
	}
	c.mu.Unlock()
	resp, err := http.Get(u)
	if err != nil {
		c.t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.status[u] = resp.StatusCode
	if resp.StatusCode != http.StatusOK {
		c.t.Errorf("GET %s: %s", u, resp.Status)
		return nil
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		return nil
	}
	p, err := parse(string(body))
	if err != nil {
		c.t.Fatal(err)
	}
	c.pages[u] = p
	return p
}

// listen opens a listener on 127.0.0.1 and returns it with its base URL.
func listen(t *testing.T) (net.Listener, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln, "http://" + ln.Addr().String() + "/"
}
