package content

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"dateline/internal/diag"
)

// unusedFields is one warning naming every front matter key, across the site, that is no
// field of an article (layout:, hero:, tumblr_url: of a migrated archive): each once, with
// how many articles set it and the first of them. They are kept in .Params, where
// templates may use them, so nothing is lost, but an editor should know that the default
// theme shows none of them. Keys that look like typos are warned about at their line
// instead. paths are the articles' paths, sorted.
func (s *Set) unusedFields(paths []string) error {
	type use struct {
		key   string
		count int
		first string
	}
	uses := map[string]*use{}
	known := (&decoder{cfg: s.cfg}).known()
	for _, p := range paths {
		for k := range s.parsed[p].Params {
			lk := strings.ToLower(k)
			if slices.Contains(s.opts.ThemeParams, k) {
				continue
			}
			if u := uses[lk]; u != nil {
				u.count++
			} else if diag.Nearest(k, known) == "" {
				uses[lk] = &use{key: k, count: 1, first: p}
			}
		}
	}
	if len(uses) == 0 {
		return nil
	}
	list := make([]*use, 0, len(uses))
	for _, u := range uses {
		list = append(list, u)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].count != list[j].count {
			return list[i].count > list[j].count
		}
		return list[i].key < list[j].key
	})
	var b strings.Builder
	for i, u := range list {
		if i > 0 {
			b.WriteString(", ")
		}
		key := u.key
		if len(key) > 40 {
			key = key[:37] + "…" // a stray line of text that YAML read as a key
		}
		fmt.Fprintf(&b, "%q (%d, first in %s)", key, u.count, u.first)
	}
	return &diag.Error{Path: ContentDir, Warning: true,
		Msg:  fmt.Sprintf("%d front matter fields are not used by dateline and are kept for templates as .Params: %s", len(list), b.String()),
		Hint: "use them in your templates as .Params.NAME, or remove them"}
}

// rawHTML is one warning for the articles whose raw HTML readers see as text, naming the
// first of them at its line. paths are the articles' paths, sorted.
func (s *Set) rawHTML(paths []string) error {
	n, first := 0, ""
	line := 0
	for _, p := range paths {
		if a := s.parsed[p]; a.RawHTML > 0 {
			if n++; n == 1 {
				first, line = p, int(a.RawHTML)
			}
		}
	}
	if n == 0 {
		return nil
	}
	return &diag.Error{Path: first, Line: line, Col: 1, Warning: true,
		Msg:  fmt.Sprintf("raw HTML is shown to readers as text, here and in %d more %s", n-1, plural(n-1)),
		Hint: "if you trust every writer's HTML, set unsafe = true under [markdown] in dateline.toml; otherwise write it as Markdown"}
}

func plural(n int) string {
	if n == 1 {
		return "article"
	}
	return "articles"
}
