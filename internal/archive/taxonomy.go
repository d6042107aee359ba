package archive

import (
	"cmp"
	"slices"

	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/slug"
)

// Taxonomy is one way of grouping articles (topics, people, places, organizations,
// a site's own, or authors), with its terms sorted by slug.
type Taxonomy struct {
	config.Taxonomy
	Terms      []*Term
	bySlug     map[string]*Term
	bySpelling map[string]*Term // every spelling used, so lookups need no slugging
}

// Term is one term of a taxonomy. Spellings that slug alike ("ICE", "Ice") are one term,
// shown under its most frequent spelling (ties: the one that sorts first).
type Term struct {
	Name     string
	Slug     string
	Articles []int32 // newest first
}

// Term returns the term a spelling belongs to, or nil.
func (t *Taxonomy) Term(spelling string) *Term {
	if term, ok := t.bySpelling[spelling]; ok {
		return term
	}
	return t.bySlug[slug.Make(spelling)]
}

// group builds a taxonomy from the terms terms(article) of every article.
func group(cfg config.Taxonomy, articles []*content.Article, terms func(*content.Article) []string) *Taxonomy {
	t := &Taxonomy{Taxonomy: cfg, bySlug: map[string]*Term{}, bySpelling: map[string]*Term{}}
	spellings := map[string]map[string]int{}
	for i, a := range articles {
		for _, name := range terms(a) {
			s := ""
			if term, ok := t.bySpelling[name]; ok {
				s = term.Slug
			} else if s = slug.Make(name); s == "" {
				continue // content reports terms without a slug
			}
			term := t.bySlug[s]
			if term == nil {
				term = &Term{Slug: s}
				t.bySlug[s] = term
				spellings[s] = map[string]int{}
			}
			t.bySpelling[name] = term
			if n := len(term.Articles); n == 0 || term.Articles[n-1] != int32(i) {
				term.Articles = append(term.Articles, int32(i))
			}
			spellings[s][name]++
		}
	}
	for s, term := range t.bySlug {
		term.Name = mostFrequent(spellings[s])
		t.Terms = append(t.Terms, term)
	}
	slices.SortFunc(t.Terms, func(a, b *Term) int { return cmp.Compare(a.Slug, b.Slug) })
	return t
}

func mostFrequent(counts map[string]int) string {
	best, n := "", 0
	for s, c := range counts {
		if c > n || (c == n && s < best) {
			best, n = s, c
		}
	}
	return best
}
