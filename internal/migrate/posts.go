package migrate

import (
	"fmt"
	"path"
	"strings"
	"time"

	"dateline/internal/content"
	"dateline/internal/migrate/shortcode"
)

// Translated is a source's posts with what their bodies need to be translated.
type Translated struct {
	Posts   []Post
	Lines   []int             // the file line each post's body starts on, for reports
	Targets map[string]string // a ref, link or post_url target, as sources write them → the post's Path
	SiteURL string            // the old site's base URL, for {{ site.url }}
	Custom  map[string]string // [import.shortcodes] of dateline.toml
	Syntax  shortcode.Syntax  // the template language of the bodies: Hugo's leaves {{ .Date }} alone
}

// Import translates every post's body and writes the posts. The URL a target resolves to
// is the new URL of the post it names, found by parsing the post as the site will.
func (w *Writer) Import(t *Translated) error {
	urls := map[string]string{} // Path → new URL
	for _, p := range t.Posts {
		if u := w.urlOf(p); u != "" {
			urls[p.Path] = u
			w.taken[u] = p.Path
		}
	}
	resolve := func(target string) (string, bool) {
		target, frag, _ := strings.Cut(target, "#")
		if p, ok := t.Targets[normTarget(target)]; ok && urls[p] != "" {
			if frag != "" {
				return urls[p] + "#" + frag, true
			}
			return urls[p], true
		}
		return "", false
	}
	opts := shortcode.Options{Resolve: resolve, Custom: t.Custom, SiteURL: t.SiteURL, Syntax: t.Syntax}
	for i, p := range t.Posts {
		body, unknown, err := shortcode.Translate(p.Body, opts)
		if err != nil {
			return fmt.Errorf("[import.shortcodes] in dateline.toml: %w", err)
		}
		for _, u := range unknown {
			w.Report.unknown(unknownName(u), fmt.Sprintf("%s:%d", p.Source, t.Lines[i]+u.Line-1))
		}
		p.Body = body
		w.Add(p)
	}
	return nil
}

// unknownName is how the report names what was not translated: the shortcode or tag, the
// text of one that cannot be read, or a reference to a post that did not come in.
func unknownName(u shortcode.Unknown) string {
	switch {
	case u.Target != "":
		return fmt.Sprintf("%s to %q, which is not in the import", u.Name, u.Target)
	case u.Name == "":
		return u.Text
	}
	return u.Name
}

// urlOf is the URL a post will have, or "" when it will not build.
func (w *Writer) urlOf(p Post) string {
	if a := w.articleOf(p); a != nil {
		return a.URL
	}
	return ""
}

// articleOf is the post as the site will read it, or nil when it will not build.
func (w *Writer) articleOf(p Post) *content.Article {
	data, err := encode(dateline(p.Front, "", w.cfg.Taxonomies), nil)
	if err != nil {
		return nil
	}
	a, _ := content.Parse(w.cfg, content.ContentDir+"/"+p.Path, data)
	return a
}

// normTarget is how targets are looked up: without a leading slash, ./ or a Markdown
// extension.
func normTarget(t string) string {
	t = strings.TrimPrefix(strings.TrimSpace(t), "/")
	t = strings.TrimPrefix(t, "./")
	for _, ext := range []string{".md", ".markdown", ".html"} {
		t = strings.TrimSuffix(t, ext)
	}
	return strings.TrimSuffix(t, "/index")
}

// addTargets records the names a post can be referred to by: its path in the source and
// its file name without extension.
func (t *Translated) addTargets(p Post, names ...string) {
	if t.Targets == nil {
		t.Targets = map[string]string{}
	}
	for _, n := range names {
		t.Targets[normTarget(n)] = p.Path
	}
}

// expand fills a permalink pattern with a post's values, for its old URL: :year, :month,
// :day, :title, :slug and the others Hugo and Jekyll define.
func expand(pattern string, date time.Time, values map[string]string) string {
	if pattern == "" {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(pattern); {
		if pattern[i] != ':' {
			b.WriteByte(pattern[i])
			i++
			continue
		}
		j := i + 1
		for j < len(pattern) && (pattern[j] == '_' || pattern[j] >= 'a' && pattern[j] <= 'z') {
			j++
		}
		b.WriteString(placeholder(pattern[i+1:j], date, values))
		i = j
	}
	p := path.Clean("/" + b.String())
	if strings.HasSuffix(b.String(), "/") && p != "/" {
		p += "/"
	}
	return p
}

func placeholder(name string, date time.Time, values map[string]string) string {
	switch name {
	case "year":
		return date.Format("2006")
	case "short_year":
		return date.Format("06")
	case "month":
		return date.Format("01")
	case "i_month":
		return date.Format("1")
	case "day":
		return date.Format("02")
	case "i_day":
		return date.Format("2")
	case "hour":
		return date.Format("15")
	case "minute":
		return date.Format("04")
	case "second":
		return date.Format("05")
	}
	return values[name]
}
