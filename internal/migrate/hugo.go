package migrate

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"

	"dateline/internal/config"
	"dateline/internal/migrate/shortcode"
	"dateline/internal/slug"
)

// Hugo imports a Hugo site: every Markdown file under content/ (section list pages,
// _index.md, excepted: dateline makes its own lists), the files of leaf bundles, and the
// settings of hugo.toml, hugo.yaml, config.toml or config.yaml. Files at the top of
// content/, and any without a date, become standalone pages.
func Hugo(src, into string, now time.Time) (*Report, error) {
	hc, err := readHugoConfig(src)
	if err != nil {
		return nil, err
	}
	w, err := NewWriter(into, hc.settings(), now)
	if err != nil {
		return nil, err
	}
	t := &Translated{SiteURL: strings.TrimSuffix(hc.BaseURL, "/"), Custom: w.cfg.Import.Shortcodes, Syntax: shortcode.Hugo}
	root := filepath.Join(src, filepath.FromSlash(hc.contentDir()))
	err = walkMarkdown(root, func(rel string, data []byte) error {
		w.hugoPost(root, rel, data, hc, t)
		return nil
	})
	if err != nil {
		return nil, err
	}
	static, err := filesUnder(filepath.Join(src, "static"), func(string) bool { return true })
	if err != nil {
		return nil, err
	}
	w.AddStatic(filepath.Join(src, "static"), static)
	return w.Report, w.Import(t)
}

type hugoConfig struct {
	Title           string
	BaseURL         string `toml:"baseURL" yaml:"baseURL"`
	LanguageCode    string `toml:"languageCode" yaml:"languageCode"`
	DefaultLanguage string `toml:"defaultContentLanguage" yaml:"defaultContentLanguage"`
	TimeZone        string `toml:"timeZone" yaml:"timeZone"`
	Permalinks      map[string]string
	Params          struct{ Description string }
	Markup          struct {
		Goldmark struct{ Renderer struct{ Unsafe bool } }
	}
	Languages map[string]hugoLanguage
	Module    struct {
		Mounts []struct{ Source, Target string }
	}
}

type hugoLanguage struct {
	ContentDir string `toml:"contentDir" yaml:"contentDir"`
	Title      string
}

// readHugoConfig reads the site's settings from the first config file Hugo would, and the
// default language's file of config/_default/ when there is one.
func readHugoConfig(src string) (*hugoConfig, error) {
	hc := &hugoConfig{}
	var names []string
	for _, dir := range []string{"", "config/_default/"} {
		for _, base := range []string{"hugo", "config"} {
			for _, ext := range []string{".toml", ".yaml", ".yml"} {
				names = append(names, dir+base+ext)
			}
		}
	}
	for _, name := range names {
		if ok, err := decodeFile(src, name, hc); ok || err != nil {
			return hc, hc.readLanguage(src, err)
		}
	}
	return hc, nil
}

// readLanguage reads config/_default/languages.LANG.toml of the default language.
func (hc *hugoConfig) readLanguage(src string, err error) error {
	if err != nil {
		return err
	}
	var lang hugoLanguage
	ok, err := decodeFile(src, "config/_default/languages."+hc.language()+".toml", &lang)
	if ok && err == nil {
		if hc.Languages == nil {
			hc.Languages = map[string]hugoLanguage{}
		}
		hc.Languages[hc.language()] = lang
	}
	return err
}

// decodeFile decodes the TOML or YAML file src/name into v; ok is false when there is none.
func decodeFile(src, name string, v any) (ok bool, err error) {
	data, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(name)))
	if os.IsNotExist(err) {
		return false, nil
	}
	if err != nil {
		return true, err
	}
	if strings.HasSuffix(name, ".toml") {
		err = toml.Unmarshal(data, v)
	} else {
		err = yaml.Unmarshal(data, v)
	}
	if err != nil {
		return true, fmt.Errorf("%s: %w", name, err)
	}
	return true, nil
}

func (hc *hugoConfig) language() string {
	if hc.DefaultLanguage != "" {
		return hc.DefaultLanguage
	}
	return "en"
}

// contentDir is where the default language's content is: its languages contentDir, or a
// module mount onto content, or content/.
func (hc *hugoConfig) contentDir() string {
	if d := hc.Languages[hc.language()].ContentDir; d != "" {
		return path.Clean(d)
	}
	for _, m := range hc.Module.Mounts {
		if m.Target == "content" && m.Source != "" {
			return path.Clean(m.Source)
		}
	}
	return "content"
}

func (hc *hugoConfig) settings() *config.Config {
	title := hc.Title
	if title == "" {
		title = hc.Languages[hc.language()].Title
	}
	c := &config.Config{Title: title, Description: hc.Params.Description, Language: hc.LanguageCode, Timezone: hc.TimeZone}
	if strings.HasPrefix(hc.BaseURL, "http") {
		c.BaseURL = strings.TrimSuffix(hc.BaseURL, "/") + "/"
	}
	c.Markdown.Unsafe = hc.Markup.Goldmark.Renderer.Unsafe
	return c
}

// hugoPost reads one content file: a post in a section, a page, or a bundle's index.md
// with the files beside it.
func (w *Writer) hugoPost(root, rel string, data []byte, hc *hugoConfig, t *Translated) {
	source := "content/" + rel
	base := path.Base(rel)
	if strings.HasPrefix(base, "_index.") {
		return // a section's list page: dateline makes its own lists
	}
	if ignoredName(rel) {
		w.skip(source, "dateline ignores names that start with _ or . (Hugo's headless content, included elsewhere); move it out to keep it")
		return
	}
	front, body, line, err := readFront(source, data)
	if err != nil {
		w.skip(source, err.Error())
		return
	}
	bundle := strings.HasPrefix(base, "index.")
	name := strings.TrimSuffix(base, path.Ext(base))
	dir := path.Dir(rel)
	if bundle {
		name, dir = path.Base(dir), path.Dir(dir)
	}
	section := strings.SplitN(rel, "/", 2)[0]
	p := Post{Source: source, Front: front, Body: body, Draft: fieldValue(front, "draft") == true}
	p.Path = strings.TrimPrefix(dir+"/"+name+".md", "./")
	if bundle {
		p.Path = strings.TrimPrefix(dir+"/"+name+"/index.md", "./")
		p.Files = bundleFiles(filepath.Join(root, filepath.FromSlash(path.Dir(rel))))
	}
	page := dir == "." || w.articleOf(p) == nil && fieldValue(front, "date") == nil
	if page {
		p.Path = "pages/" + p.Path
		section = ""
	}
	s := name
	if v, ok := fieldValue(front, "slug").(string); ok && v != "" {
		s = v
	}
	if a := w.articleOf(p); a != nil {
		p.OldPath = hugoPath(hc.Permalinks[section], section, dir, s, name, a.Date, fieldValue(front, "title"))
	}
	t.Posts, t.Lines = append(t.Posts, p), append(t.Lines, line)
	t.addTargets(p, rel, strings.TrimSuffix(rel, path.Ext(rel)), name)
}

// hugoPath is a post's URL on the Hugo site: its section's permalink pattern filled, or
// Hugo's default, the folder path and the slug.
func hugoPath(pattern, section, dir, s, file string, date time.Time, title any) string {
	if pattern == "" {
		return path.Clean("/"+strings.ToLower(dir)+"/"+slug.Make(s)) + "/"
	}
	t := slug.Make(fmt.Sprint(title))
	// Hugo makes every path lower case (unless disablePathToLower).
	return strings.ToLower(expand(pattern, date, map[string]string{"slug": s, "title": t, "filename": file,
		"contentbasename": file, "section": section, "sections": dir}))
}

// bundleFiles lists the files of a leaf bundle besides its index.md, by name.
func bundleFiles(dir string) map[string]string {
	rels, _ := filesUnder(dir, func(rel string) bool { return !strings.HasPrefix(path.Base(rel), "index.") })
	files := map[string]string{}
	for _, rel := range rels {
		files[rel] = filepath.Join(dir, filepath.FromSlash(rel))
	}
	return files
}

// ignoredName reports whether a path has a folder or file name dateline ignores.
func ignoredName(rel string) bool {
	for _, part := range strings.Split(rel, "/") {
		if strings.HasPrefix(part, "_") || strings.HasPrefix(part, ".") {
			return true
		}
	}
	return false
}
