// Package migrate brings an archive from Hugo, Jekyll or WordPress into a dateline site,
// once and for good: `dateline import hugo|jekyll|wordpress SOURCE`.
//
// Every source becomes the same thing, a list of Posts (front matter, Markdown body and
// the path the post had on the old site), and one Writer puts them under the site's
// content/ folder. The Writer never overwrites a file: an article already there is left
// as it is and counted, so a second run adds only what is new. Old URLs keep working: the
// old path of every post becomes one of its aliases, unless it is the post's new URL.
//
// Front matter keeps the fields the source wrote, renamed to dateline's names where
// dateline has the field (excerpt → summary, categories → topics, redirect_from →
// aliases); what has no dateline meaning stays, for templates' .Params. Bodies go through
// package shortcode (Hugo shortcodes, Jekyll Liquid) or package wxr (WordPress HTML), and
// what neither knows is reported by name, count and first file:line.
package migrate

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Post is one article or page as a source gives it.
type Post struct {
	Source  string            // where it came from, for messages: _posts/2019-01-30-x.md, or export.xml:120
	Path    string            // where it goes, relative to the site's content/: 2019/x.md or pages/about.md
	Front   []Field           // front matter, in order
	Body    []byte            // Markdown
	OldPath string            // its path on the old site, "" when unknown
	Files   map[string]string // files to copy beside it: name in content/ → source file
	Draft   bool
	Future  bool
}

// Field is one front matter key and its value (plain Go data: string, bool, int, float,
// time.Time, []any, map[string]any).
type Field struct {
	Key   string
	Value any
}

// Report is what an import did.
type Report struct {
	Imported, Drafts, Embargoed, Existing, Files int
	Skipped                                      []Skip
	Unknown                                      map[string]*Unknown // by name: "{{< tabs >}}", "{% include %}"
	Remote                                       []string            // images left on the old site
	Notes                                        []string            // what was changed to make a post build, by post
	Config                                       string              // the dateline.toml written, or ""
}

// Skip is a source file that was not imported, and why.
type Skip struct{ Source, Reason string }

// Unknown counts one shortcode or tag nothing translated.
type Unknown struct {
	Count int
	First string // file:line
}

// unknown records a shortcode or tag left in a post.
func (r *Report) unknown(name, at string) {
	if r.Unknown == nil {
		r.Unknown = map[string]*Unknown{}
	}
	u := r.Unknown[name]
	if u == nil {
		u = &Unknown{First: at}
		r.Unknown[name] = u
	}
	u.Count++
}

// OK reports whether everything came in.
func (r *Report) OK() bool { return len(r.Skipped) == 0 }

// Print writes the report for a person.
func (r *Report) Print(w io.Writer) {
	if r.Config != "" {
		fmt.Fprintf(w, "Wrote %s from the source's settings\n", r.Config)
	}
	fmt.Fprintf(w, "Imported %d %s (%d drafts, %d embargoed), %d files; %d already in the site\n",
		r.Imported, plural(r.Imported, "post", "posts"), r.Drafts, r.Embargoed, r.Files, r.Existing)
	names := make([]string, 0, len(r.Unknown))
	for n := range r.Unknown {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := r.Unknown[names[i]], r.Unknown[names[j]]
		return a.Count > b.Count || a.Count == b.Count && names[i] < names[j]
	})
	if len(names) > 0 {
		fmt.Fprintf(w, "Left untranslated (kept in the Markdown as comments, hidden from readers; map them under [import.shortcodes] in dateline.toml):\n")
		for _, n := range names {
			u := r.Unknown[n]
			fmt.Fprintf(w, "  %s: %d, first at %s\n", n, u.Count, u.First)
		}
	}
	if len(r.Remote) > 0 {
		fmt.Fprintf(w, "%d images are still on the old site (give --uploads DIR to copy them), first %s\n", len(r.Remote), r.Remote[0])
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "Note: %s\n", n)
	}
	if len(r.Skipped) > 0 {
		fmt.Fprintf(w, "Skipped %d:\n", len(r.Skipped))
		for _, s := range r.Skipped {
			sep := ": "
			if s.Reason != "" && s.Reason[0] >= '0' && s.Reason[0] <= '9' {
				sep = ":" // the reason starts with the line: file:3:1: …
			}
			fmt.Fprintf(w, "  %s%s%s\n", s.Source, sep, s.Reason)
		}
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// cleanRel makes a path relative to content/ safe: slash-separated, no .. or leading /.
func cleanRel(p string) (string, bool) {
	p = strings.ReplaceAll(p, "\\", "/")
	for _, part := range strings.Split(p, "/") {
		if part == ".." || part == "" || part == "." {
			return "", false
		}
	}
	return p, true
}

// filesUnder lists the files under root that keep says to, relative to root, in lexical
// order; a missing root has none.
func filesUnder(root string, keep func(rel string) bool) ([]string, error) {
	var out []string
	if _, err := os.Stat(root); os.IsNotExist(err) {
		return nil, nil
	}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err // folders are walked into; links are not followed out of the source
		}
		rel, _ := filepath.Rel(root, p)
		if rel = filepath.ToSlash(rel); keep(rel) {
			out = append(out, rel)
		}
		return nil
	})
	return out, err
}
