package content

import (
	"strings"

	"golang.org/x/net/html"
)

// Fields other generators write that mean something dateline has under another shape:
// Jekyll's published: false is a draft, a post's permalink: or Hugo's url: is the path
// readers knew it by (kept as an alias, so old links still work), Hugo's expiryDate: takes
// an article off the site, and type: page makes a standalone page.

// foreign decodes one of those fields.
func (d *decoder) foreign(name string, f field) {
	v := f.val
	switch name {
	case "published":
		if v.kind == scalar && v.tag == "bool" {
			if !d.bool(f) {
				d.a.Own().Draft = true
			}
			return
		}
		if t := d.date(f.key, v); !t.IsZero() && d.a.Date.IsZero() {
			d.a.Date = t // published: as the date, where date: does not say otherwise
		}
	case "permalink":
		d.permalink(f)
	case "expires":
		if t := d.date(f.key, v); !t.IsZero() {
			d.a.Own().Expires = t
		}
	case "type":
		if v.kind == scalar && strings.EqualFold(strings.TrimSpace(v.str), "page") {
			d.a.Own().Standalone = true
			return
		}
		d.param(f)
	}
}

// permalink keeps a post's own old path as an alias. A pattern (/:year/:title/) is a
// site-wide rule, not a path, and is left to [permalinks] in dateline.toml.
func (d *decoder) permalink(f field) {
	v := f.val
	if v.kind != scalar || v.tag != "str" || strings.TrimSpace(v.str) == "" {
		return
	}
	if strings.Contains(v.str, ":") {
		d.warn(v.line, v.col, "set [permalinks] article in dateline.toml for the site's pattern",
			"%s %q is a pattern, not a path; it is ignored", f.key, v.str)
		return
	}
	paths := d.aliasPaths(f)
	if len(paths) == 0 {
		return
	}
	x := d.a.Own()
	x.Aliases = append(x.Aliases, paths...)
	if x.AliasesAt.Line == 0 {
		x.AliasesAt = at(v.line, v.col)
	}
}

// plainText is the text of a dek or summary written as HTML, as WordPress and Jekyll
// excerpts often are (<p>…</p>): the tags go, their text stays, and entities are read.
// Text without a tag is returned as it is.
func plainText(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			b.WriteByte(' ')
		}
	}
}
