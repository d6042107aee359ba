package migrate

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/diag"
)

// position is the line:col that starts a message about the file the import writes.
var position = regexp.MustCompile(`^[0-9]+:[0-9]+: `)

// Writer puts posts into a site's content/ folder, never replacing a file.
type Writer struct {
	Site   string // the site folder
	Now    time.Time
	Report *Report
	cfg    *config.Config
	taken  map[string]string // URL or alias → the Path of the post that has it
	// What this run wrote: content paths, and URLs with the source of their post.
	written map[string]bool
	urls    map[string]string
}

// NewWriter opens the site at dir for an import, writing its dateline.toml from settings
// when it has none.
func NewWriter(dir string, settings *config.Config, now time.Time) (*Writer, error) {
	w := &Writer{Site: dir, Now: now, Report: &Report{}, taken: map[string]string{},
		written: map[string]bool{}, urls: map[string]string{}}
	if err := os.MkdirAll(filepath.Join(dir, content.ContentDir), 0o755); err != nil {
		return nil, err
	}
	toml := filepath.Join(dir, config.File)
	if _, err := os.Stat(toml); errors.Is(err, fs.ErrNotExist) && settings != nil {
		if err := writeNew(toml, configFile(settings)); err != nil {
			return nil, err
		}
		w.Report.Config = toml
	}
	cfg, _, err := config.Load(os.DirFS(dir))
	if err != nil {
		return nil, err
	}
	w.cfg = cfg
	return w, nil
}

// Config is the site's configuration, as the import reads it.
func (w *Writer) Config() *config.Config { return w.cfg }

// configFile is a dateline.toml holding the settings a source gave.
func configFile(c *config.Config) []byte {
	var b bytes.Buffer
	b.WriteString("# Written by dateline import from the old site's settings.\n")
	for _, kv := range [][2]string{{"title", c.Title}, {"description", c.Description}, {"baseURL", c.BaseURL},
		{"language", c.Language}, {"timezone", c.Timezone}} {
		if kv[1] != "" {
			fmt.Fprintf(&b, "%s = %q\n", kv[0], kv[1])
		}
	}
	for _, t := range c.Taxonomies {
		fmt.Fprintf(&b, "\n[[taxonomies]]\nname = %q\ntitle = %q\n", t.Name, t.Title)
	}
	if c.Markdown.Unsafe {
		b.WriteString("\n[markdown]\n# The old site passed raw HTML through, and its posts rely on it.\nunsafe = true\n")
	}
	return b.Bytes()
}

// Add writes one post, unless its file is already in the site. Two posts of one import
// that would have one file or one URL get numbered ones (water-2.md, slug water-2), noted.
func (w *Writer) Add(p Post) {
	rel, ok := cleanRel(p.Path)
	if !ok {
		w.skip(p.Source, fmt.Sprintf("%q is not a path inside content/", p.Path))
		return
	}
	for n := 2; w.written[rel]; n++ {
		rel = numbered(p.Path, n)
	}
	name := content.ContentDir + "/" + rel
	dest := filepath.Join(w.Site, filepath.FromSlash(name))
	if _, err := os.Lstat(dest); err == nil {
		w.Report.Existing++
		return
	}
	if rel != p.Path {
		w.note(p.Source, "written as %s, as another post of the import has content/%s", name, p.Path)
	}
	p.Path = rel
	data, a, err := w.article(p, name)
	if err != nil {
		// The line and column are of the file the import made, not of the source: drop them.
		w.skip(p.Source, position.ReplaceAllString(strings.TrimPrefix(err.Error(), name+":"), ""))
		return
	}
	err = os.MkdirAll(filepath.Dir(dest), 0o755)
	if err == nil {
		err = writeNew(dest, data)
	}
	if err != nil {
		w.skip(p.Source, err.Error())
		return
	}
	w.written[rel], w.urls[a.URL], w.taken[a.URL] = true, p.Source, rel
	w.count(a)
	w.copyFiles(p, path.Dir(name))
}

// article is the file a post becomes and the article the site reads from it, with a slug
// numbered when another post of the import has its URL.
func (w *Writer) article(p Post, name string) ([]byte, *content.Article, error) {
	old := p.OldPath
	if old == w.urlOf(p) {
		old = "" // the post keeps its URL: no alias needed
	}
	front := w.freeAliases(p, dateline(p.Front, old, w.cfg.Taxonomies))
	if p.Draft && fieldValue(front, "draft") == nil {
		front = append(front, Field{"draft", true})
	}
	base, first := "", ""
	for n := 1; ; n++ {
		if n > 1 {
			front = setField(front, "slug", fmt.Sprintf("%s-%d", base, n))
		}
		data, err := encode(front, p.Body)
		if err != nil {
			return nil, nil, err
		}
		a, err := content.Parse(w.cfg, name, data)
		if errs, _ := diag.Split(err); len(errs) > 0 {
			return nil, nil, errs[0]
		}
		other, taken := w.urls[a.URL]
		if !taken || a.URL == "" {
			if n > 1 {
				w.note(p.Source, "slug %s, as %s has %s", a.Slug, first, strings.Replace(a.URL, a.Slug, base, 1))
			}
			return data, a, nil
		}
		if n == 1 {
			base, first = a.Slug, other
		}
	}
}

// numbered is a content path with a number added to its name: 2024/x.md → 2024/x-2.md,
// 2024/x/index.md → 2024/x-2/index.md.
func numbered(rel string, n int) string {
	dir, file := path.Split(rel)
	if file == "index.md" && dir != "" {
		return strings.TrimSuffix(dir, "/") + fmt.Sprintf("-%d/index.md", n)
	}
	return dir + strings.TrimSuffix(file, ".md") + fmt.Sprintf("-%d.md", n)
}

// setField sets the first field named key, or adds it.
func setField(front []Field, key string, v any) []Field {
	for i, f := range front {
		if strings.EqualFold(f.Key, key) {
			front[i].Value = v
			return front
		}
	}
	return append(front, Field{key, v})
}

func (w *Writer) note(source, format string, args ...any) {
	w.Report.Notes = append(w.Report.Notes, source+": "+fmt.Sprintf(format, args...))
}

// freeAliases drops the aliases that are another imported post's URL or alias, which a
// redirect there would take from it, and notes each in the report.
func (w *Writer) freeAliases(p Post, front []Field) []Field {
	for i, f := range front {
		if f.Key != "aliases" {
			continue
		}
		var keep []any
		for _, a := range asList(f.Value) {
			other, ok := w.taken[fmt.Sprint(a)]
			if ok && other != p.Path {
				w.note(p.Source, "alias %v dropped: content/%s has it", a, other)
				continue
			}
			w.taken[fmt.Sprint(a)] = p.Path
			keep = append(keep, a)
		}
		front[i].Value = keep
		if len(keep) == 0 {
			return slices.Delete(front, i, i+1)
		}
	}
	return front
}

func (w *Writer) count(a *content.Article) {
	r := w.Report
	r.Imported++
	switch {
	case a.Draft:
		r.Drafts++
	case a.Date.After(w.Now):
		r.Embargoed++
	}
}

// copyFiles copies the files a post uses into its folder, keeping any already there.
func (w *Writer) copyFiles(p Post, dir string) {
	for name, from := range p.Files {
		rel, ok := cleanRel(name)
		if !ok {
			w.skip(from, fmt.Sprintf("%q is not a path inside the post's folder", name))
			continue
		}
		dest := filepath.Join(w.Site, filepath.FromSlash(dir), filepath.FromSlash(rel))
		if _, err := os.Lstat(dest); err == nil {
			continue
		}
		if err := copyFile(from, dest); err != nil {
			w.skip(from, err.Error())
			continue
		}
		w.Report.Files++
	}
}

// AddStatic copies files of the old site that are served as they are (images, PDFs) into
// the site's static/ folder, at the same path, keeping any already there.
func (w *Writer) AddStatic(src string, rels []string) {
	for _, rel := range rels {
		clean, ok := cleanRel(rel)
		if !ok {
			continue
		}
		dest := filepath.Join(w.Site, "static", filepath.FromSlash(clean))
		if _, err := os.Lstat(dest); err == nil {
			continue
		}
		if err := copyFile(filepath.Join(src, filepath.FromSlash(clean)), dest); err != nil {
			w.skip(rel, err.Error())
			continue
		}
		w.Report.Files++
	}
}

func (w *Writer) skip(source, reason string) {
	w.Report.Skipped = append(w.Report.Skipped, Skip{source, reason})
}

// writeNew creates a file that must not exist yet.
func writeNew(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}
