// Package archive orders articles and groups them for the pages that list them: by date
// (years and months), by taxonomy term, by author, and by relation to one another. It is
// pure: it reads the articles' metadata and computes, touching no files, so a rebuild can
// run it again cheaply for whatever changed.
//
// Order is newest first, ties broken by slug and then by file path, so that output is
// stable whatever order the files were read in. Every group holds positions in that order
// (int32, to stay small on archives of a million articles), so every list is already
// newest first.
package archive

import (
	"cmp"
	"slices"

	"dateline/internal/config"
	"dateline/internal/content"
)

// Archive is a site's articles, ordered and grouped.
type Archive struct {
	Articles   []*content.Article // newest first, then the standalone pages by path
	Listed     int                // how many of Articles are articles: the pages after them are in no list
	Taxonomies []*Taxonomy        // in the order of the configuration
	Authors    *Taxonomy          // bylines, grouped like a taxonomy
	Years      []*Year            // newest first
	Related    [][]int32          // for each article, up to MaxRelated others
}

// Build orders the articles and computes every grouping.
func Build(cfg *config.Config, articles []*content.Article) *Archive {
	sorted := slices.Clone(articles)
	slices.SortFunc(sorted, Newer)
	a := &Archive{Articles: sorted, Listed: listed(sorted)}
	a.groupAll(cfg)
	a.Years = byDate(sorted[:a.Listed])
	a.Related = make([][]int32, len(a.Articles))
	a.relate(nil)
	return a
}

// groupAll groups the listed articles by each taxonomy and by author.
func (a *Archive) groupAll(cfg *config.Config) {
	listed := a.Articles[:a.Listed]
	a.Taxonomies = nil
	for i, t := range cfg.Taxonomies {
		a.Taxonomies = append(a.Taxonomies, group(t, listed, func(x *content.Article) []string { return x.Terms[i] }))
	}
	a.Authors = group(config.Taxonomy{Name: "authors", Title: "Authors"}, listed, func(x *content.Article) []string { return x.Authors })
}

// listed counts the articles before the first standalone page of sorted.
func listed(sorted []*content.Article) int {
	n, _ := slices.BinarySearchFunc(sorted, true, func(a *content.Article, _ bool) int {
		if a.Standalone {
			return 1
		}
		return -1
	})
	return n
}

// Newer orders a before b when a is newer, then by slug, then by path. Standalone pages
// come after every article, by path.
func Newer(a, b *content.Article) int {
	if a.Standalone != b.Standalone {
		if a.Standalone {
			return 1
		}
		return -1
	}
	if a.Standalone {
		return cmp.Compare(a.Path, b.Path)
	}
	if c := b.Date.Compare(a.Date); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Slug, b.Slug); c != 0 {
		return c
	}
	return cmp.Compare(a.Path, b.Path)
}

// Older returns the position of the article published just before the one at i, or -1.
func (a *Archive) Older(i int) int {
	if i+1 < a.Listed {
		return i + 1
	}
	return -1
}

// Newer returns the position of the article published just after the one at i, or -1.
func (a *Archive) Newer(i int) int {
	if i >= a.Listed {
		return -1 // a standalone page is in no sequence
	}
	return i - 1
}

// Pages is how many pages a list of n articles takes at per a page; an empty list still
// has its one page.
func Pages(n, per int) int {
	return max(1, (n+per-1)/per)
}

// Groupings returns the taxonomies and then the authors: every grouping that has term
// pages and feeds.
func (a *Archive) Groupings() []*Taxonomy {
	return append(slices.Clip(a.Taxonomies), a.Authors)
}

// Reuse returns an archive for articles that shares every grouping of prev, when the
// articles differ from prev's only in what no grouping or order depends on (text, title,
// images): same files, dates, slugs, terms and authors. Otherwise it returns nil and the
// caller builds anew. The development server takes this path for most edits.
func Reuse(prev *Archive, articles []*content.Article) *Archive {
	if prev == nil || len(articles) != len(prev.Articles) {
		return nil
	}
	at := make(map[string]int, len(prev.Articles))
	for i, a := range prev.Articles {
		at[a.Path] = i
	}
	next := *prev
	next.Articles = slices.Clone(prev.Articles)
	for _, a := range articles {
		i, ok := at[a.Path]
		if !ok || (prev.Articles[i] != a && !sameShape(prev.Articles[i], a)) {
			return nil
		}
		next.Articles[i] = a
	}
	return &next
}

// sameShape reports whether two versions of an article sort and group alike.
func sameShape(a, b *content.Article) bool {
	return a.Date.Equal(b.Date) && a.Slug == b.Slug && a.URL == b.URL && a.Standalone == b.Standalone &&
		slices.Equal(a.Authors, b.Authors) && slices.EqualFunc(a.Terms, b.Terms, slices.Equal[[]string])
}
