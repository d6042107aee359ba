// Package render turns typed page views into HTML through the theme's html/template
// files. Templates are parsed once per build and then executed in parallel; every page
// kind gets its own template set (the layout, the partials and the page's file), so pages
// can define the same blocks without clashing.
//
// Templates see only typed views (ArticlePage, ListPage), so a misspelt field fails the
// build instead of rendering empty, and only the functions in funcs: no environment, no
// files, no programs.
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
var Kinds = []string{"article", "home", "list", "index", "404", "alias"}

// Renderer executes a theme's templates.
type Renderer struct {
	pages map[string]*template.Template
	sigs  map[string]uint64
	bufs  sync.Pool
}

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

// Card renders an article's card, partials/card.html, which lists show.
func (r *Renderer) Card(a *Article) (template.HTML, error) {
	var buf bytes.Buffer
	if err := r.pages["list"].ExecuteTemplate(&buf, "partials/card.html", a); err != nil {
		return "", fmt.Errorf("templates/partials/card.html: %w", err)
	}
	return template.HTML(buf.String()), nil // made by html/template, escaped
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
	buf := r.bufs.Get().(*bytes.Buffer)
	defer r.bufs.Put(buf)
	buf.Reset()
	if err := t.ExecuteTemplate(buf, entry, data); err != nil {
		return fmt.Errorf("templates/%s.html: %w", kind, err)
	}
	return write(buf.Bytes())
}
