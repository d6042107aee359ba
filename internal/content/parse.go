package content

import (
	"errors"

	"github.com/cespare/xxhash/v2"

	"path"
	"strings"

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
	d.decode(fields)
	d.locate()
	errs, _ := diag.Split(errors.Join(d.errs...))
	if len(errs) > 0 {
		return nil, errors.Join(d.errs...)
	}
	return a, errors.Join(d.errs...)
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
	dir, file := path.Split(rel)
	name := strings.TrimSuffix(file, path.Ext(file))
	if name == "index" {
		a.Own().Bundle = true
		name = path.Base(strings.TrimSuffix(dir, "/"))
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
}
