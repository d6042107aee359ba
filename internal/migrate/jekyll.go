package migrate

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"dateline/internal/config"
	"dateline/internal/migrate/shortcode"
	"dateline/internal/slug"
)

// Jekyll imports a Jekyll site: the posts of every _posts/ folder (and _drafts/, as
// drafts; a folder's path, such as en/news/, gives its posts categories, as in Jekyll), the
// Markdown pages elsewhere, and the settings of _config.yml.
func Jekyll(src, into string, now time.Time) (*Report, error) {
	jc, err := readJekyllConfig(src)
	if err != nil {
		return nil, err
	}
	w, err := NewWriter(into, jc.settings(), now)
	if err != nil {
		return nil, err
	}
	t := &Translated{SiteURL: strings.TrimSuffix(jc.URL+jc.BaseURL, "/"), Custom: w.cfg.Import.Shortcodes, Syntax: shortcode.Liquid}
	posts, pages, static, err := jc.layout(src)
	if err != nil {
		return nil, err
	}
	w.AddStatic(src, static)
	for _, dir := range posts {
		if err := w.jekyllPosts(src, dir, jc, t); err != nil {
			return nil, err
		}
	}
	for _, rel := range pages {
		if err := w.jekyllPage(src, rel, jc, t); err != nil {
			return nil, err
		}
	}
	return w.Report, w.Import(t)
}

type jekyllConfig struct {
	Title, Description, URL, Timezone, Lang, Locale, Permalink string
	BaseURL                                                    string `yaml:"baseurl"`
	Exclude                                                    []string
}

// layout finds the site's post folders (_posts and _drafts, wherever they are), its
// Markdown pages and its media files, skipping what Jekyll skips: folders starting with _
// or ., and the names _config.yml excludes.
func (jc *jekyllConfig) layout(src string) (posts, pages, static []string, err error) {
	skip := append([]string{"node_modules", "vendor", "README.md", "readme.md"}, jc.Exclude...)
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		rel = filepath.ToSlash(rel)
		name := d.Name()
		switch {
		case rel == ".":
			return nil
		case slices.Contains(skip, rel) || slices.Contains(skip, name):
			return skipDir(d)
		case d.IsDir() && (name == "_posts" || name == "_drafts"):
			posts = append(posts, rel)
			return fs.SkipDir
		case strings.HasPrefix(name, "_") || strings.HasPrefix(name, "."):
			return skipDir(d)
		case !d.Type().IsRegular():
			return nil // a link is not followed out of the source
		case path.Ext(name) == ".md" || path.Ext(name) == ".markdown":
			pages = append(pages, rel)
		case media(name):
			static = append(static, rel)
		}
		return nil
	})
	return posts, pages, static, err
}

// media reports whether a file of a Jekyll site is served as it is: images, documents,
// audio and video, not the templates, styles and scripts the old site was built from.
func media(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico", ".pdf", ".csv",
		".mp3", ".mp4", ".m4a", ".webm", ".ogg", ".zip", ".txt":
		return true
	}
	return false
}

// skipDir is what a walk returns to leave out an entry: the whole folder, or the file.
func skipDir(d fs.DirEntry) error {
	if d.IsDir() {
		return fs.SkipDir
	}
	return nil
}

func readJekyllConfig(src string) (*jekyllConfig, error) {
	jc := &jekyllConfig{}
	data, err := os.ReadFile(filepath.Join(src, "_config.yml"))
	if os.IsNotExist(err) {
		return jc, nil
	}
	if err != nil {
		return nil, err
	}
	if err := yaml.Unmarshal(data, jc); err != nil {
		return nil, fmt.Errorf("_config.yml: %w", err)
	}
	return jc, nil
}

func (jc *jekyllConfig) settings() *config.Config {
	lang := jc.Lang
	if lang == "" {
		lang = strings.ReplaceAll(jc.Locale, "_", "-")
	}
	base := ""
	if jc.URL != "" {
		base = strings.TrimSuffix(jc.URL, "/") + "/" + strings.Trim(jc.BaseURL, "/")
		base = strings.TrimSuffix(base, "/") + "/"
	}
	c := &config.Config{Title: jc.Title, Description: jc.Description, BaseURL: base, Language: lang, Timezone: jc.Timezone}
	c.Markdown.Unsafe = true // Jekyll's kramdown passes raw HTML, and its posts use it
	return c
}

// permalink is the site's pattern for post URLs, with Jekyll's named styles spelt out.
func (jc *jekyllConfig) permalink() string {
	switch p := jc.Permalink; p {
	case "", "date":
		return "/:categories/:year/:month/:day/:title:output_ext"
	case "pretty":
		return "/:categories/:year/:month/:day/:title/"
	case "ordinal":
		return "/:categories/:year/:y_day/:title:output_ext"
	case "none":
		return "/:categories/:title:output_ext"
	default:
		return p
	}
}

// datedName matches the date a Jekyll post's file name starts with.
var datedName = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}-`)

// jekyllPosts reads the posts of one folder. Their file names give their date and slug,
// which dateline reads the same way, so each keeps its name, under YYYY/ in the folder's
// place (_posts/x.md → 2019/x.md, en/news/_posts/x.md → en/news/2019/x.md).
func (w *Writer) jekyllPosts(src, dir string, jc *jekyllConfig, t *Translated) error {
	place := strings.TrimSuffix(path.Dir(dir), ".")
	if place != "" {
		place += "/"
	}
	return walkMarkdown(filepath.Join(src, filepath.FromSlash(dir)), func(rel string, data []byte) error {
		source := dir + "/" + rel
		front, body, line, err := readFront(source, data)
		if err != nil {
			w.skip(source, err.Error())
			return nil
		}
		splitWords(front, "tags", "categories")
		name := path.Base(rel)
		name = strings.TrimSuffix(name, path.Ext(name)) + ".md"
		p := Post{Source: source, Front: front, Body: body, Draft: path.Base(dir) == "_drafts"}
		year := ""
		if datedName.MatchString(name) {
			year = name[:4] + "/"
		} else if p.Draft && fieldValue(front, "date") == nil {
			p.Front = append(p.Front, Field{"date", w.Now.In(w.cfg.Location).Format("2006-01-02 15:04")}) // a draft has none yet
			year = w.Now.Format("2006/")
		}
		p.Path = place + year + name
		p.OldPath = w.jekyllPath(p, jc, strings.Split(strings.TrimSuffix(place, "/"), "/"))
		t.Posts, t.Lines = append(t.Posts, p), append(t.Lines, line)
		t.addTargets(p, source, strings.TrimSuffix(name, ".md"))
		return nil
	})
}

// jekyllPath is a post's URL on the Jekyll site: the permalink pattern filled with its
// date, title and categories (the folders above _posts, then its categories: field).
func (w *Writer) jekyllPath(p Post, jc *jekyllConfig, folders []string) string {
	a := w.articleOf(p)
	if a == nil {
		return ""
	}
	title := datedName.ReplaceAllString(strings.TrimSuffix(path.Base(p.Path), ".md"), "")
	var cats []string
	for _, c := range append(asList(folders), asList(fieldValue(p.Front, "categories"))...) {
		if c := slug.Make(fmt.Sprint(c)); c != "" {
			cats = append(cats, c)
		}
	}
	return expand(jc.permalink(), a.Date, map[string]string{"title": title, "slug": title,
		"categories": strings.Join(cats, "/"), "output_ext": ".html", "y_day": a.Date.Format("002")})
}

// jekyllPage reads one page, which becomes a standalone page at the same place under
// pages/.
func (w *Writer) jekyllPage(src, rel string, jc *jekyllConfig, t *Translated) error {
	data, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(rel)))
	if err != nil {
		return err
	}
	front, body, line, err := readFront(rel, data)
	if err != nil || rel == "index.md" || rel == "index.markdown" {
		return nil // a Markdown file without front matter is no page in Jekyll either; the home page is dateline's
	}
	base := strings.TrimSuffix(rel, path.Ext(rel))
	p := Post{Source: rel, Front: front, Body: body, Path: "pages/" + base + ".md", OldPath: "/" + base + ".html"}
	if strings.HasSuffix(jc.permalink(), "/") {
		p.OldPath = "/" + base + "/"
	}
	if path.Base(base) == "index" {
		p.OldPath = "/" + strings.TrimSuffix(base, "index")
	}
	t.Posts, t.Lines = append(t.Posts, p), append(t.Lines, line)
	t.addTargets(p, rel)
	return nil
}

// walkMarkdown calls fn for every Markdown file under root, with its path relative to
// root, in lexical order; a missing root has none.
func walkMarkdown(root string, fn func(rel string, data []byte) error) error {
	files, err := filesUnder(root, func(rel string) bool {
		return path.Ext(rel) == ".md" || path.Ext(rel) == ".markdown"
	})
	if err != nil {
		return err
	}
	for _, rel := range files {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		if err := fn(rel, data); err != nil {
			return err
		}
	}
	return nil
}
