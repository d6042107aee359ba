package archive

import (
	"slices"

	"dateline/internal/config"
	"dateline/internal/content"
)

// Update returns the archive of articles, computed from prev, which was built from an
// earlier version of them, with as little work as the change allows:
//
//   - when no article moved or changed its terms or authors, prev's groupings are shared
//     (Reuse);
//   - when none moved (same articles, same order) but terms or authors changed, the
//     groupings are rebuilt, and related articles are found again only for the articles
//     that share a changed term;
//   - otherwise the archive is built anew.
//
// It also returns which articles' groupings may differ from prev's (their terms'
// spellings, their related articles), or nil when all may.
func Update(cfg *config.Config, prev *Archive, articles []*content.Article) (*Archive, func(i int) bool) {
	if next := Reuse(prev, articles); next != nil {
		return next, func(int) bool { return false }
	}
	sorted := slices.Clone(articles)
	slices.SortFunc(sorted, Newer)
	if prev == nil || !sameOrder(prev.Articles, sorted) {
		return Build(cfg, articles), nil
	}
	a := &Archive{Articles: sorted, Listed: prev.Listed, Years: prev.Years}
	a.groupAll(cfg)
	affected := prev.touched(a)
	a.Related = slices.Clone(prev.Related)
	a.relate(affected)
	return a, func(i int) bool { return affected[i] }
}

// sameOrder reports whether two article lists hold the same files, in the same order,
// with the same dates: their years and months are the same.
func sameOrder(x, y []*content.Article) bool {
	return slices.EqualFunc(x, y, func(a, b *content.Article) bool {
		return a.Path == b.Path && a.Date.Equal(b.Date) && a.Standalone == b.Standalone
	})
}

// touched marks the articles of next that have a term whose articles differ between
// prev and next: their related articles and term spellings may have changed.
func (prev *Archive) touched(next *Archive) []bool {
	changed := map[string]bool{} // "taxonomy/slug"
	for ti, t := range next.Groupings() {
		old := prev.Groupings()[ti]
		for _, term := range t.Terms {
			if o := old.bySlug[term.Slug]; o == nil || o.Name != term.Name || !slices.Equal(o.Articles, term.Articles) {
				changed[t.Name+"/"+term.Slug] = true
			}
		}
		for _, term := range old.Terms {
			if t.bySlug[term.Slug] == nil {
				changed[t.Name+"/"+term.Slug] = true
			}
		}
	}
	out := make([]bool, len(next.Articles))
	for i, a := range next.Articles {
		out[i] = a != prev.Articles[i] && !sameShape(a, prev.Articles[i]) || hasAny(next, a, changed) || hasAny(prev, prev.Articles[i], changed)
	}
	return out
}

// hasAny reports whether article a of arch has one of the terms in set.
func hasAny(arch *Archive, a *content.Article, set map[string]bool) bool {
	in := func(t *Taxonomy, names []string) bool {
		for _, name := range names {
			if term := t.Term(name); term != nil && set[t.Name+"/"+term.Slug] {
				return true
			}
		}
		return false
	}
	for ti, t := range arch.Taxonomies {
		if in(t, a.Terms[ti]) {
			return true
		}
	}
	return in(arch.Authors, a.Authors)
}
