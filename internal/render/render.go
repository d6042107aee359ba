// Package render turns typed page views into HTML through the theme's html/template
// files. Templates are parsed once per build and then executed in parallel; every page
// kind gets its own template set (the layout, the partials and the page's file), so pages
// can define the same blocks without clashing.
//
// Templates see only typed views (ArticlePage, ListPage), so a misspelt field fails the
// build instead of rendering empty, and only the functions in funcs: no environment, no
// files, no programs.
//
// The site's chrome, partials/header.html and partials/footer.html, is the same on every
// page of a kind, so it is rendered once per kind from a Chrome view (the site and the
// page kind) and the layout prints it as {{.Header}} and {{.Footer}}. Executing a
// template costs about a microsecond an action, mostly reflection, and the chrome was a
// quarter of the actions of an article page.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"strings"
	"sync"

	"dateline/internal/config"
	"dateline/internal/theme"
)

// Kinds are the page templates a theme provides, each a file named KIND.html. All but
// alias.html fill the blocks of layout.html; alias.html is a page of its own.
var Kinds = []string{"article", "page", "home", "list", "index", "404", "alias", "search"}

// Renderer executes a theme's templates.
type Renderer struct {
	pages map[string]*template.Template
	sigs  map[string]uint64
	bufs  sync.Pool

	mu     sync.Mutex
	site   *Site                       // the site the chrome was rendered for
	chrome map[string][2]template.HTML // by page kind: header and footer
}

// chromeFiles are the partials rendered once per page kind (see the package doc).
var chromeFiles = [2]string{"partials/header.html", "partials/footer.html"}

// New parses the templates of a theme: layout.html and every file under partials/ are
// shared, and each page kind adds its own file.
func New(cfg *config.Config, th *theme.Theme) (*Renderer, error) {
	r := &Renderer{pages: map[string]*template.Template{}}
	r.bufs.New = func() any { return new(bytes.Buffer) }
	shared := template.New("").Funcs(funcs(cfg))
	files, err := theme.Files(th.Templates, func(string) bool { return false })
	if err != nil {
		return nil, err
	}
	sources := map[string][]byte{}
	for _, f := range files {
		if sources[f], err = fs.ReadFile(th.Templates, f); err != nil {
			return nil, fmt.Errorf("templates/%s: %w", f, err)
		}
		if f == "layout.html" || strings.HasPrefix(f, "partials/") {
			if err := parseFile(shared, f, sources[f]); err != nil {
				return nil, err
			}
		}
	}
	for _, kind := range Kinds {
		t, err := shared.Clone()
		if err != nil {
			return nil, err
		}
		src, ok := sources[kind+".html"]
		if !ok {
			return nil, fmt.Errorf("templates/%s.html: missing from the theme", kind)
		}
		if err := parseFile(t, kind+".html", src); err != nil {
			return nil, err
		}
		r.pages[kind] = t
	}
	r.sigs = sigs(r.pages, sources)
	return r, nil
}

func parseFile(t *template.Template, name string, src []byte) error {
	if _, err := t.New(name).Parse(string(src)); err != nil {
		return fmt.Errorf("templates/%s", strings.TrimPrefix(err.Error(), "template: "))
	}
	return nil
}

// Sig is a hash of every template file the pages of a kind use.
func (r *Renderer) Sig(kind string) uint64 { return r.sigs[kind] }

// funcs are the only functions templates may call.
func funcs(cfg *config.Config) template.FuncMap {
	return template.FuncMap{
		"rel": cfg.Base.Rel, // a site path as a root-relative URL
		"abs": cfg.Base.Abs, // a site path as an absolute URL
	}
}

// WriteCard renders the card of an article, partials/card.html, which lists show, and
// passes it to write, which must not keep the bytes.
func (r *Renderer) WriteCard(a *Article, write func(card []byte) error) error {
	buf := r.bufs.Get().(*bytes.Buffer)
	defer r.bufs.Put(buf)
	buf.Reset()
	if err := r.pages["list"].ExecuteTemplate(buf, "partials/card.html", a); err != nil {
		return fmt.Errorf("templates/partials/card.html: %w", err)
	}
	return write(buf.Bytes())
}

// Render executes the template of a page kind with its data (ArticlePage, ListPage,
// IndexPage, or Page for 404) and passes the page to write. The bytes are the
// renderer's again once write returns: write must not keep them.
func (r *Renderer) Render(kind string, data any, write func(page []byte) error) error {
	t, ok := r.pages[kind]
	if !ok {
		return fmt.Errorf("render: no template for %q pages", kind)
	}
	entry := "layout.html"
	if kind == "alias" {
		entry = "alias.html"
	}
	if p, ok := data.(interface{ page() *Page }); ok && kind != "alias" {
		var err error
		pg := p.page()
		if pg.Header, pg.Footer, err = r.chromeOf(t, pg.Kind, pg.Site); err != nil {
			return err
		}
	}
	buf := r.bufs.Get().(*bytes.Buffer)
	defer r.bufs.Put(buf)
	buf.Reset()
	if err := t.ExecuteTemplate(buf, entry, data); err != nil {
		return fmt.Errorf("templates/%s.html: %w", kind, err)
	}
	return write(buf.Bytes())
}

// chromeOf returns the header and footer of the pages of a kind, rendering them with t
// the first time. A build has one Site; the development server's next build has
// another, which replaces what was kept.
func (r *Renderer) chromeOf(t *template.Template, kind string, site *Site) (header, footer template.HTML, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.site != site {
		r.site, r.chrome = site, map[string][2]template.HTML{}
	}
	if c, ok := r.chrome[kind]; ok {
		return c[0], c[1], nil
	}
	var c [2]template.HTML
	for i, name := range chromeFiles {
		var b strings.Builder
		if err := t.ExecuteTemplate(&b, name, Chrome{Site: site, Kind: kind}); err != nil {
			return "", "", fmt.Errorf("templates/%s: %w", name, err)
		}
		c[i] = template.HTML(b.String()) // made by html/template, escaped
	}
	r.chrome[kind] = c
	return c[0], c[1], nil
}
