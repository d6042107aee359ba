// Package archive orders articles and groups them for the pages that list them. It is
// pure: it reads the articles' metadata and computes, touching no files, so a rebuild can
// run it again cheaply for whatever changed.
//
// Order is newest first, ties broken by slug and then by file path, so that output is
// stable whatever order the files were read in.
package archive

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/diag"
)

// Archive is the ordered set of a site's articles.
type Archive struct {
	Articles []*content.Article // newest first
}

// Build orders the articles and checks that no two of them claim the same URL.
func Build(cfg *config.Config, articles []*content.Article) (*Archive, error) {
	sorted := slices.Clone(articles)
	slices.SortFunc(sorted, Newer)
	if err := checkURLs(sorted); err != nil {
		return nil, err
	}
	return &Archive{Articles: sorted}, nil
}

// Newer orders a before b when a is newer, then by slug, then by path.
func Newer(a, b *content.Article) int {
	if c := b.Date.Compare(a.Date); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Slug, b.Slug); c != 0 {
		return c
	}
	return cmp.Compare(a.Path, b.Path)
}

// checkURLs reports every URL that two articles, or an article and an alias, would both
// write, naming both files.
func checkURLs(articles []*content.Article) error {
	type claim struct {
		a   *content.Article
		pos content.Pos
	}
	owner := make(map[string]claim, len(articles))
	var errs []error
	take := func(url string, c claim) {
		prev, taken := owner[url]
		if !taken {
			owner[url] = c
			return
		}
		errs = append(errs, &diag.Error{Path: c.a.Path, Line: max(c.pos.Line, 1), Col: max(c.pos.Col, 1),
			Msg:  fmt.Sprintf("URL %s is also written by %s", url, prev.a.Path),
			Hint: "give one of them another slug: or date:, or drop the alias"})
	}
	for _, a := range articles {
		take(a.URL, claim{a, a.Lines.Slug})
	}
	for _, a := range articles {
		for _, alias := range a.Aliases {
			take(alias, claim{a, a.Lines.Aliases})
		}
	}
	diag.Sort(errs)
	return errors.Join(errs...)
}
