package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A query is one search and the article it is meant to find.
type query struct {
	Text     string   // what a reader types
	Expected string   // the site path of the article, /YYYY/MM/DD/slug/
	Rivals   []string // the site paths of the other articles whose headline holds every word of Text
}

// headline is what the query set needs of an article's front matter.
type headline struct {
	title, slug string
	date        time.Time
}

// readHeadlines reads the title, slug and date of every article under corpus/content,
// in path order, which for a generated corpus is date order.
func readHeadlines(fsys fs.FS) ([]headline, error) {
	var names []string
	err := fs.WalkDir(fsys, "content", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(name, ".md") {
			names = append(names, name)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	out := make([]headline, 0, len(names))
	for _, name := range names {
		h, err := readHeadline(fsys, name)
		if err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, nil
}

func readHeadline(fsys fs.FS, name string) (headline, error) {
	text, err := fs.ReadFile(fsys, name)
	if err != nil {
		return headline{}, err
	}
	var h headline
	sc := bufio.NewScanner(bytes.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if n > 1 && line == "---" {
			break
		}
		key, val, _ := strings.Cut(line, ": ")
		switch key {
		case "title":
			if h.title, err = strconv.Unquote(val); err != nil {
				return h, fmt.Errorf("%s:%d: title: %w", name, n, err)
			}
		case "slug":
			h.slug = val
		case "date":
			if h.date, err = time.Parse(time.RFC3339, val); err != nil {
				return h, fmt.Errorf("%s:%d: date: %w", name, n, err)
			}
		}
	}
	if h.title == "" || h.slug == "" || h.date.IsZero() {
		return h, fmt.Errorf("%s: front matter lacks a title, slug or date (not a generated corpus?)", name)
	}
	return h, nil
}

// queryWords picks the distinctive words of a generated headline, "Noun verb tag words
// in Place": the tag words and the place, which together name few articles.
func queryWords(title string) string {
	before, place, ok := strings.Cut(title, " in ")
	if !ok {
		return title
	}
	words := strings.Fields(before)
	if len(words) > 2 {
		words = words[2:]
	}
	return strings.Join(append(words, place), " ")
}

// makeQueries picks k articles spread evenly over the corpus, the middle one of each
// k-th, and finds each one's page in the built site.
func makeQueries(heads []headline, k int, site string) ([]query, error) {
	if len(heads) < k {
		k = len(heads)
	}
	var qs []query
	for i := range k {
		h := heads[i*len(heads)/k+len(heads)/(2*k)]
		p, err := articlePath(site, h)
		if err != nil {
			return nil, err
		}
		q := query{Text: queryWords(h.title), Expected: p}
		for _, r := range rivals(heads, q.Text) {
			if r.slug == h.slug {
				continue
			}
			rp, err := articlePath(site, r)
			if err != nil {
				return nil, err
			}
			q.Rivals = append(q.Rivals, rp)
		}
		qs = append(qs, q)
	}
	return qs, nil
}

// articlePath finds the built page of an article: /YYYY/MM/DD/slug/ with the date in UTC
// (a site without a timezone), or else any /*/*/*/slug/ (a site with one).
func articlePath(site string, h headline) (string, error) {
	p := "/" + h.date.UTC().Format("2006/01/02") + "/" + h.slug + "/"
	if _, err := os.Stat(filepath.Join(site, filepath.FromSlash(p), "index.html")); err == nil {
		return p, nil
	}
	found, _ := filepath.Glob(filepath.Join(site, "*", "*", "*", h.slug, "index.html"))
	if len(found) != 1 {
		return "", fmt.Errorf("%s: no page for the article %q in %s (found %d)", p, h.slug, site, len(found))
	}
	rel, _ := filepath.Rel(site, filepath.Dir(found[0]))
	return "/" + filepath.ToSlash(rel) + "/", nil
}

// rivals returns the articles whose headline holds every word of q, case-insensitively.
func rivals(heads []headline, q string) []headline {
	words := strings.Fields(strings.ToLower(q))
	var out []headline
	for _, h := range heads {
		t := strings.Fields(strings.ToLower(h.title))
		if !slices.ContainsFunc(words, func(w string) bool { return !slices.Contains(t, w) }) {
			out = append(out, h)
		}
	}
	return out
}

// readQueries reads a query set written by -print-queries: query TAB expected path
// [TAB rivals' paths, separated by spaces], one a line; # starts a comment.
func readQueries(name string) ([]query, error) {
	text, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var qs []query
	for n, line := range strings.Split(string(text), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || !strings.HasPrefix(f[1], "/") {
			return nil, fmt.Errorf("%s:%d: want query TAB /expected/path/", name, n+1)
		}
		q := query{Text: f[0], Expected: path.Clean(f[1]) + "/"}
		if len(f) > 2 {
			q.Rivals = strings.Fields(f[2])
		}
		qs = append(qs, q)
	}
	return qs, nil
}
