package content

import (
	"errors"

	"github.com/cespare/xxhash/v2"

	"path"
	"slices"
	"strings"
	"time"

	"dateline/internal/config"
	"dateline/internal/diag"
	"dateline/internal/slug"
)

// Parse reads one article file: its front matter, checked, and where its body starts.
// path is the file's slash-separated path relative to the site (content/2019/ice.md).
// The returned error joins every problem found; warnings are joined in too, marked as such,
// and come with a non-nil Article when nothing else is wrong.
func Parse(cfg *config.Config, path string, data []byte) (*Article, error) {
	s, err := SplitFile(path, data)
	if err != nil {
		return nil, err
	}
	var fields []field
	var pos *position
	switch s.Format {
	case YAML:
		fields, pos, err = decodeYAML(s.FrontMatter, s.FrontLine)
	case TOML:
		fields, pos, err = decodeTOML(s.FrontMatter, s.FrontLine)
	}
	if err != nil {
		return nil, &diag.Error{Path: path, Line: pos.line, Col: pos.col, Msg: err.Error(), Err: err, Hint: syntaxHint(s.Format)}
	}
	a := blank(cfg)
	a.Path, a.BodyLine = path, int32(s.BodyLine)
	a.Hash = xxhash.Sum64(data)
	d := &decoder{path: path, cfg: cfg, a: a}
	if day, _, ok := datedName(baseName(path)); ok {
		d.nameDate, _ = time.ParseInLocation("2006-01-02", day, cfg.Location)
	}
	d.decode(fields)
	d.locate()
	if n := rawHTMLLine(s.Body, s.BodyLine); n > 0 && !cfg.Markdown.Unsafe {
		a.Own().RawHTML = int32(n)
	}
	errs, _ := diag.Split(errors.Join(d.errs...))
	if len(errs) > 0 {
		return nil, errors.Join(d.errs...)
	}
	return a, errors.Join(d.errs...)
}

// baseName is the name an article's file gives it: the file's without its extension, or
// its folder's for an index.md.
func baseName(p string) string {
	dir, file := path.Split(p)
	name := strings.TrimSuffix(file, path.Ext(file))
	if name == "index" {
		name = path.Base(strings.TrimSuffix(dir, "/"))
	}
	return name
}

// datedName splits a name that starts with a date, as Jekyll's posts are named
// ("2019-01-30-ruby-2-6-1-released"), into the date and the rest.
func datedName(name string) (day, rest string, ok bool) {
	if len(name) < len("2006-01-02-x") || name[10] != '-' {
		return "", "", false
	}
	if _, err := time.Parse("2006-01-02", name[:10]); err != nil {
		return "", "", false
	}
	return name[:10], name[11:], true
}

func syntaxHint(f Format) string {
	if f == TOML {
		return `TOML front matter is key = "value" lines between +++ lines`
	}
	return `YAML front matter is key: value lines between --- lines; quote values that hold ": " or start with a special character`
}

// locate derives the article's slug, section and URL from its path and fields.
func (d *decoder) locate() {
	a := d.a
	rel := strings.TrimPrefix(a.Path, ContentDir+"/")
	name := baseName(a.Path)
	if path.Base(rel) == "index.md" {
		a.Own().Bundle = true
	}
	if _, rest, ok := datedName(name); ok {
		name = rest // Jekyll's 2019-01-30-ruby-released.md: the date is not part of the slug
	}
	section := "" // the first folder under content/, for permalinks
	if i := strings.IndexByte(rel, '/'); i > 0 {
		section = slug.Make(rel[:i])
	}
	if a.Slug == "" {
		a.Slug = slug.Make(name)
	}
	if a.Slug == "" {
		d.fail(1, 1, "add slug: with a-z, 0-9 and hyphens to the front matter", "file name %q makes no slug for the URL", name)
		return
	}
	if a.Standalone {
		d.pageURL(rel, name)
		tidyAliases(a)
		return
	}
	if a.Date.IsZero() {
		return
	}
	url, err := d.cfg.Article.Expand(a.Date, a.Slug, section)
	if err != nil {
		d.fail(max(int(a.Lines.Slug.Line), 1), max(int(a.Lines.Slug.Col), 1), "check [permalinks] article in dateline.toml", "%v", err)
		return
	}
	// One string for the URL, the page path and, where the URL holds it, the slug: a
	// large archive keeps a million of each.
	page := url + "index.html"
	a.URL, a.Page = page[:len(url)], page
	if i := strings.LastIndex(url, "/"+a.Slug+"/"); i >= 0 {
		a.Slug = page[i+1 : i+1+len(a.Slug)]
	}
	tidyAliases(a)
}

// tidyAliases drops an old permalink that is the new URL, which needs no redirect, and
// writes a path given twice once.
func tidyAliases(a *Article) {
	if a.Extra != NoExtra {
		a.Aliases = slices.DeleteFunc(slices.Compact(slices.Sorted(slices.Values(a.Aliases))),
			func(p string) bool { return p == a.URL })
	}
}

// PagesDir holds a site's standalone pages: About, Contact, Ethics, the corrections policy.
// Each is at its own path (content/pages/about.md at /about/, content/pages/policies/ethics.md
// at /policies/ethics/) and in no river, feed or archive; type: page makes any article one,
// at /slug/.
const PagesDir = ContentDir + "/pages"

// pageURL gives a standalone page its URL: its path under content/pages/ with each folder
// made a slug and the page's slug last, or /slug/ for a page elsewhere.
func (d *decoder) pageURL(rel, name string) {
	a := d.a
	url := "/"
	if under, ok := strings.CutPrefix(rel, "pages/"); ok {
		for _, dir := range strings.Split(path.Dir(under), "/") {
			if s := slug.Make(dir); s != "" && (path.Base(rel) != "index.md" || dir != path.Base(path.Dir(under))) {
				url += s + "/"
			}
		}
	}
	url += a.Slug + "/"
	page := url + "index.html"
	a.URL, a.Page = page[:len(url)], page
	a.Slug = page[len(url)-len(a.Slug)-1 : len(url)-1]
}
