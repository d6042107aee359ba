package content

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unique"

	"dateline/internal/config"
	"dateline/internal/diag"
	"dateline/internal/link"
	"dateline/internal/slug"
)

// aliases maps every front matter key an article may use, lower-cased, to the field it sets.
// Beside dateline's own names are those Hugo, Jekyll and WordPress exports write for the
// same thing, so an archive builds as it comes (the README's table says what each does).
var aliases = map[string]string{
	"title": "title", "date": "date",
	"publishdate": "date", "pubdate": "date", "published_at": "date",
	"dek": "dek", "subtitle": "dek", "description": "dek", "deck": "dek",
	"authors": "authors", "author": "authors",
	"dateline": "dateline",
	"updated":  "updated", "lastmod": "updated", "last_modified_at": "updated", "modified": "updated",
	"tags": "topics", "categories": "topics",
	"image": "image", "featured_image": "image", "featuredimage": "image", "primary_image": "image",
	"images": "image", "cover_image": "image", "thumbnail": "image",
	"image_alt": "image_alt", "image_caption": "image_caption", "image_figcaption": "image_caption",
	"image_credit": "image_credit",
	"slug":         "slug", "summary": "summary", "excerpt": "summary", "draft": "draft",
	"published":   "published",
	"corrections": "corrections", "aliases": "aliases", "redirect_from": "aliases",
	"permalink": "permalink", "url": "permalink",
	"source":     "source",
	"expirydate": "expires", "expiry_date": "expires", "expires": "expires",
	"type": "type",
}

// Field returns the article field a front matter key sets ("excerpt" → "summary",
// "categories" → "topics"), or "" for a key that is no field. Taxonomies a site adds are
// not known here.
func Field(key string) string { return aliases[strings.ToLower(key)] }

// decoder turns front matter fields into an Article, collecting every problem.
type decoder struct {
	path  string
	cfg   *config.Config
	a     *Article
	errs  []error
	set   map[string]int // field → line it was set on, to catch a field set twice
	typos map[string]field

	nameDate   time.Time        // the date a Jekyll file name gives, used when there is no date:
	imageParts map[string]field // image_alt: and the like, for the image set beside them
}

func (d *decoder) fail(line, col int, hint, format string, args ...any) {
	d.errs = append(d.errs, &diag.Error{Path: d.path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

func (d *decoder) warn(line, col int, hint, format string, args ...any) {
	d.errs = append(d.errs, &diag.Error{Path: d.path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Hint: hint, Warning: true})
}

// fieldOf returns the Article field a key sets, or "" for a key kept in Params. Taxonomy
// names come from the configuration, so a site's own taxonomy is a field too.
func (d *decoder) fieldOf(key string) string {
	k := strings.ToLower(key)
	for _, t := range d.cfg.Taxonomies {
		if k == t.Name {
			return k // a site's own taxonomy wins over an alias (categories)
		}
	}
	return aliases[k]
}

// known lists every key an article may use, for typo hints.
func (d *decoder) known() []string {
	keys := make([]string, 0, len(aliases)+len(d.cfg.Taxonomies))
	for k := range aliases {
		keys = append(keys, k)
	}
	for _, t := range d.cfg.Taxonomies {
		keys = append(keys, t.Name)
	}
	return keys
}

// decode sets the Article's fields from the front matter and checks required ones.
func (d *decoder) decode(fields []field) {
	d.set = map[string]int{}
	d.typos = map[string]field{}
	d.imageParts = map[string]field{}
	if strings.HasPrefix(d.path, PagesDir+"/") {
		d.a.Own().Standalone = true
	}
	chosen := d.choose(fields)
	for _, f := range fields {
		name := d.fieldOf(f.key)
		switch {
		case name == "":
			d.param(f)
		case d.taxonomy(name) >= 0, name == "aliases": // tags: and categories: both add topics
			d.set[name] = f.keyLine
			d.field(name, f)
		case strings.HasPrefix(name, "image_"):
			d.imageParts[name] = f
		case chosen[name].keyLine == f.keyLine && chosen[name].key == f.key:
			d.set[name] = f.keyLine
			d.field(name, f)
		default:
			d.ignore(name, chosen[name], f)
		}
	}
	d.addImageParts()
	d.require("title", d.a.Title != "", `add title: "The headline"`)
	if d.a.Date.IsZero() && !d.nameDate.IsZero() && d.set["date"] == 0 {
		d.a.Date = d.nameDate
	}
	d.require("date", !d.a.Date.IsZero() || d.a.Standalone, "add date: 2024-05-01 (or 2024-05-01 14:30)")
}

// choose picks, for every field set under more than one name (author and authors), the
// key that sets it: the field's own name wins over an alias, and otherwise the first.
func (d *decoder) choose(fields []field) map[string]field {
	chosen := map[string]field{}
	for _, f := range fields {
		name := d.fieldOf(f.key)
		prev, seen := chosen[name]
		if name != "" && (!seen || (strings.ToLower(f.key) == name && strings.ToLower(prev.key) != name)) {
			chosen[name] = f
		}
	}
	return chosen
}

// ignore drops a second key for a field. Saying the same thing twice (author: naming
// one of the people authors: names, as many migrated archives do) is fine; saying two
// different things earns a warning.
func (d *decoder) ignore(name string, kept, dropped field) {
	a, b := d.alone(name, kept), d.alone(name, dropped)
	if a == nil {
		return // the kept field has errors of its own, reported where it is decoded
	}
	if b == nil || !subset(b.Authors, a.Authors) || a.Dek != b.Dek ||
		!a.Updated.Equal(b.Updated) || !slices.EqualFunc(b.Terms, a.Terms, subset) {
		d.warn(dropped.keyLine, dropped.keyCol, fmt.Sprintf("remove one of %s and %s", kept.key, dropped.key),
			"%s is ignored: %s on line %d sets %s", dropped.key, kept.key, kept.keyLine, name)
	}
}

// subset reports whether every name of some is in all: author: naming the first of
// authors: says nothing authors: does not.
func subset(some, all []string) bool {
	for _, s := range some {
		if !slices.Contains(all, s) {
			return false
		}
	}
	return true
}

// alone decodes one field into an empty article, or returns nil if the field has errors.
func (d *decoder) alone(name string, f field) *Article {
	scratch := &decoder{path: d.path, cfg: d.cfg, a: blank(d.cfg)}
	scratch.field(name, f)
	if len(scratch.errs) > 0 {
		return nil
	}
	return scratch.a
}

// intern returns the one copy of a name that every article naming it shares: the same
// authors and terms recur across an archive, and a large one would otherwise hold a copy
// for each article.
func intern(s string) string { return unique.Make(s).Value() }

// at is the position of a value.
func at(line, col int) Pos { return Pos{int32(line), int32(col)} }

// blank returns an article with room for the terms of every taxonomy.
func blank(cfg *config.Config) *Article {
	n := len(cfg.Taxonomies)
	return &Article{Terms: make([][]string, n), Lines: Lines{Terms: make([]Pos, n)}, Extra: NoExtra}
}

// require reports a missing field, pointing at a likely typo of it when there is one.
func (d *decoder) require(name string, ok bool, hint string) {
	if ok || d.set[name] != 0 {
		return
	}
	if t, found := d.typos[name]; found {
		d.fail(t.keyLine, t.keyCol, fmt.Sprintf("rename %q to %s", t.key, name), "missing %s: %q looks like a typo of it", name, t.key)
		return
	}
	d.fail(1, 1, hint, "front matter: missing %s", name)
}

// param keeps an unknown key for templates, and warns when it looks like a typo.
func (d *decoder) param(f field) {
	if d.a.Params == nil {
		d.a.Own().Params = map[string]any{}
	}
	d.a.Params[f.key] = f.val.plain()
	if near := diag.Nearest(f.key, d.known()); near != "" {
		canonical := d.fieldOf(near)
		d.typos[canonical] = f
		d.warn(f.keyLine, f.keyCol, fmt.Sprintf("did you mean %q?", near), "unknown field %q", f.key)
	}
}

// field decodes one known field.
func (d *decoder) field(name string, f field) {
	v := f.val
	a := d.a
	switch name {
	case "title":
		a.Title = d.text(f, true)
	case "dek":
		a.Dek = plainText(d.text(f, false))
	case "dateline":
		if s := d.text(f, false); s != "" {
			a.Own().Dateline = s
		}
	case "summary":
		if s := plainText(d.text(f, false)); s != "" {
			a.Own().Summary = s
		}
	case "slug":
		d.slug(f)
	case "date":
		a.Date = d.date(f.key, v)
	case "updated":
		if t := d.date(f.key, v); !t.IsZero() {
			a.Own().Updated = t
		}
	case "authors":
		a.Authors = d.strings(f)
	case "draft":
		if d.bool(f) { // draft: false, which archives often write, needs no Extra
			a.Own().Draft = true
		}
	case "image":
		if img := d.image(f); img != nil {
			a.Own().Image = img
			a.ImageAt = at(v.line, v.col)
		}
	case "corrections":
		if c := d.corrections(f); len(c) > 0 {
			a.Own().Corrections = c
		}
	case "aliases":
		if paths := d.aliasPaths(f); len(paths) > 0 {
			x := a.Own()
			x.Aliases = append(x.Aliases, paths...)
			if x.AliasesAt.Line == 0 {
				x.AliasesAt = at(v.line, v.col)
			}
		}
	case "source":
		if s := d.source(f); s != nil {
			a.Own().Source = s
		}
	case "published", "permalink", "expires", "type":
		d.foreign(name, f)
	default:
		d.terms(name, f)
	}
}

// text reads a scalar as text. Numbers are accepted as written (a headline may be "1984").
func (d *decoder) text(f field, required bool) string {
	v := f.val
	if v.kind != scalar || v.tag == "bool" || (v.tag == "null" && required) {
		d.fail(v.line, v.col, fmt.Sprintf(`write %s: "…"`, f.key), "%s: want text, got %s", f.key, v.describe())
		return ""
	}
	s := ""
	if v.tag != "null" {
		s = strings.TrimSpace(v.str)
	}
	if s == "" && required {
		d.fail(v.line, v.col, fmt.Sprintf(`write %s: "…"`, f.key), "%s: empty", f.key)
	}
	return s
}

func (d *decoder) bool(f field) bool {
	v := f.val
	if v.kind != scalar || v.tag != "bool" {
		d.fail(v.line, v.col, fmt.Sprintf("write %s: true or %s: false", f.key, f.key), "%s: want true or false, got %s", f.key, v.describe())
		return false
	}
	return v.str == "true" || v.str == "True" || v.str == "TRUE"
}

func (d *decoder) date(key string, v *value) time.Time {
	if v.kind != scalar || (v.tag != "str" && v.tag != "date") {
		d.fail(v.line, v.col, dateHint, "%s: want a date, got %s", key, v.describe())
		return time.Time{}
	}
	t, err := parseDate(v.str, d.cfg.Location)
	if err == nil && (t.Year() < 1 || t.Year() > 9999 || t.IsZero()) {
		// The first instant of year 1 is Go's zero time, which means "no date" here.
		err = fmt.Errorf("date %q: year out of range", v.str)
	}
	if err != nil {
		d.fail(v.line, v.col, dateHint, "%s: %v", key, err)
		return time.Time{}
	}
	return t
}

// MaxNames is the most names an article may list in one field (authors, a taxonomy's
// terms, aliases): each makes pages and feeds, and thousands are a mistake.
const MaxNames = 1000

// strings reads a list of names. One name on its own is accepted as a list of one.
func (d *decoder) strings(f field) []string {
	v := f.val
	hint := fmt.Sprintf(`write %s: ["First", "Second"]`, f.key)
	if v.kind == scalar && v.tag == "str" {
		if s := strings.TrimSpace(v.str); s != "" {
			return []string{intern(s)}
		}
		return nil
	}
	if v.kind == scalar && v.tag == "null" {
		return nil
	}
	if v.kind == mapping {
		v = &value{kind: list, list: []*value{v}, line: v.line, col: v.col} // author: with name: below it
	}
	if v.kind != list {
		d.fail(v.line, v.col, hint, "%s: want a list of names, got %s", f.key, v.describe())
		return nil
	}
	if len(v.list) > MaxNames {
		d.fail(v.line, v.col, "keep the names that matter to readers",
			"%s: %d names; an article may have at most %d", f.key, len(v.list), MaxNames)
		return nil
	}
	out := make([]string, 0, len(v.list))
	for _, e := range v.list {
		if e.kind == mapping && e.get("name") != nil {
			e = e.get("name") // Hugo and Jekyll themes' authors: [{name: …, email: …}]
		}
		if e.kind != scalar || e.tag == "null" || e.tag == "bool" {
			d.fail(e.line, e.col, hint, "%s: want a name, got %s", f.key, e.describe())
			continue
		}
		if s := strings.TrimSpace(e.str); s != "" {
			out = append(out, intern(s))
		}
	}
	return out
}

// taxonomy returns the index of the taxonomy a field name is, or -1.
func (d *decoder) taxonomy(name string) int {
	for i, t := range d.cfg.Taxonomies {
		if t.Name == name {
			return i
		}
	}
	return -1
}

// terms reads a taxonomy's terms, adding to those another key gave it (tags: and
// categories: both set topics); every term must have a slug to make its URL.
func (d *decoder) terms(name string, f field) {
	i := d.taxonomy(name)
	for _, term := range d.strings(f) {
		if slug.Make(term) == "" {
			d.fail(f.val.line, f.val.col, "use a name with Latin letters or digits",
				"%s: term %q cannot make a URL: it has no letters or digits that can be spelt in ASCII", f.key, term)
		}
		if !slices.Contains(d.a.Terms[i], term) {
			d.a.Terms[i] = append(d.a.Terms[i], term)
		}
	}
	if d.a.Lines.Terms[i].Line == 0 {
		d.a.Lines.Terms[i] = at(f.val.line, f.val.col)
	}
}

func (d *decoder) slug(f field) {
	s := d.text(f, false)
	if s != "" && !slug.Valid(s) {
		msg := "use only a-z, 0-9 and single hyphens"
		if len(s) > slug.MaxLen && slug.Valid(s[:slug.MaxLen]) {
			msg = fmt.Sprintf("%d characters; a slug has at most %d", len(s), slug.MaxLen)
		}
		d.fail(f.val.line, f.val.col, fmt.Sprintf("write slug: %s", slug.Make(s)), "slug %q: %s", s, msg)
		return
	}
	d.a.Slug = s
	d.a.Lines.Slug = at(f.val.line, f.val.col)
}

// image reads a lead image: a file name, a map of its parts, or (Hugo's images:) a list
// whose first entry is the lead. An empty image: is no image.
func (d *decoder) image(f field) *Image {
	v := f.val
	if v.kind == list && len(v.list) > 0 {
		v = v.list[0]
	}
	img := &Image{}
	switch {
	case v.kind == scalar && (v.tag == "null" || (v.tag == "str" && strings.TrimSpace(v.str) == "")),
		v.kind == list:
		return nil
	case v.kind == scalar && v.tag == "str":
		img.Src = strings.TrimSpace(v.str)
	case v.kind == mapping:
		d.imageMap(v, img)
	default:
		d.fail(v.line, v.col, "write image: photo.jpg, or image: with src:, alt:, caption: and credit: below it",
			"image: want a file name or a map, got %s", v.describe())
		return nil
	}
	if img.Src == "" {
		d.fail(v.line, v.col, "add src: photo.jpg under image:", "image: missing src")
		return nil
	}
	if !link.SafeImage(img.Src) {
		d.fail(v.line, v.col, "", "image: %q is not an image URL dateline will link to", img.Src)
		return nil
	}
	return img
}

// imageMap reads image: src:, alt:, caption: and credit:, and the names other tools give
// them (path: and url: of jekyll-seo-tag and Hugo themes, title:).
func (d *decoder) imageMap(v *value, img *Image) {
	for i, k := range v.keys {
		sub := field{key: "image." + k, val: v.vals[i], keyLine: v.vals[i].line, keyCol: v.vals[i].col}
		switch strings.ToLower(k) {
		case "src", "path", "url":
			img.Src = d.text(sub, true)
		case "alt":
			img.Alt = d.text(sub, false)
		case "caption", "title":
			img.Caption = d.text(sub, false)
		case "credit", "attribution":
			img.Credit = d.text(sub, false)
		case "width", "height":
			// the build reads the size from the file
		default:
			d.warn(sub.keyLine, sub.keyCol, "an image has src, alt, caption and credit", "image: unknown field %q is ignored", sub.key)
		}
	}
}

// addImageParts sets the lead image's alt text, caption and credit from image_alt: and the
// like, which Jekyll themes write beside image:. Without an image they are kept in Params.
func (d *decoder) addImageParts() {
	for _, name := range []string{"image_alt", "image_caption", "image_credit"} {
		f, ok := d.imageParts[name]
		if !ok {
			continue
		}
		img := d.a.Image
		if img == nil {
			d.param(f)
			continue
		}
		part := map[string]*string{"image_alt": &img.Alt, "image_caption": &img.Caption, "image_credit": &img.Credit}[name]
		if *part == "" {
			*part = d.text(f, false)
		}
	}
}

func (d *decoder) corrections(f field) []Correction {
	v := f.val
	hint := "write corrections: as a list of items with date: and text:"
	if v.kind != list {
		d.fail(v.line, v.col, hint, "corrections: want a list, got %s", v.describe())
		return nil
	}
	out := make([]Correction, 0, len(v.list))
	for _, e := range v.list {
		if e.kind != mapping || e.get("date") == nil || e.get("text") == nil {
			d.fail(e.line, e.col, hint, "corrections: want date: and text:, got %s", e.describe())
			continue
		}
		c := Correction{Date: d.date("corrections.date", e.get("date"))}
		c.Text = d.text(field{key: "corrections.text", val: e.get("text")}, true)
		out = append(out, c)
	}
	return out
}

func (d *decoder) aliasPaths(f field) []string {
	var out []string
	for _, p := range d.strings(f) {
		clean, err := link.CleanPath(p)
		if err != nil {
			d.fail(f.val.line, f.val.col, `write aliases: ["/news/2019/old-url/"]`, "aliases: %v", err)
			continue
		}
		if !strings.HasSuffix(clean, "/") && !strings.Contains(clean[strings.LastIndexByte(clean, '/'):], ".") {
			clean += "/"
		}
		if clean == "/" {
			d.fail(f.val.line, f.val.col, "", "aliases: %q would replace the front page", p)
			continue
		}
		out = append(out, clean)
	}
	return out
}

// source reads where an article first ran: a map of name: and url:, or one string, a
// publication's name or its URL.
func (d *decoder) source(f field) *Source {
	v := f.val
	hint := "write source: with name: and url: below it"
	if v.kind == scalar && v.tag == "str" {
		s := strings.TrimSpace(v.str)
		if u, err := url.Parse(s); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
			return &Source{Name: strings.TrimPrefix(u.Hostname(), "www."), URL: s}
		}
		if s == "" {
			return nil
		}
		return &Source{Name: s}
	}
	if v.kind != mapping || v.get("name") == nil {
		d.fail(v.line, v.col, hint, "source: want a name, or a map with name: and url:, got %s", v.describe())
		return nil
	}
	s := &Source{Name: d.text(field{key: "source.name", val: v.get("name")}, true)}
	if u := v.get("url"); u != nil {
		s.URL = d.text(field{key: "source.url", val: u}, false)
		if !strings.HasPrefix(s.URL, "https://") && !strings.HasPrefix(s.URL, "http://") {
			d.fail(u.line, u.col, hint, "source.url %q: want an absolute http(s) URL", s.URL)
			s.URL = ""
		}
	}
	return s
}
