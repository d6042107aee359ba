package archive

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"dateline/internal/config"
	"dateline/internal/content"
)

// art makes an article published on 2024-01-day with topics, people, places and
// organizations given as "topic|topic;person".
func art(slug string, day int, terms string, authors ...string) *content.Article {
	a := &content.Article{
		Path: "content/" + slug + ".md", Slug: slug, Date: time.Date(2024, 1, day, 12, 0, 0, 0, time.UTC),
		Terms: make([][]string, 4), Authors: authors, Extra: content.NoExtra,
	}
	for i, group := range strings.Split(terms, ";") {
		if group != "" {
			a.Terms[i] = strings.Split(group, "|")
		}
	}
	return a
}

func slugs(a *Archive, ids []int32) string {
	var out []string
	for _, id := range ids {
		out = append(out, a.Articles[id].Slug)
	}
	return strings.Join(out, " ")
}

func TestBuildOrdersNewestFirstTiesBySlug(t *testing.T) {
	a := Build(config.Default(), []*content.Article{art("beta", 1, ""), art("alpha", 1, ""), art("gamma", 3, ""), art("delta", 2, "")})
	var got []string
	for _, x := range a.Articles {
		got = append(got, x.Slug)
	}
	if strings.Join(got, " ") != "gamma delta alpha beta" {
		t.Errorf("order = %v", got)
	}
	if a.Older(0) != 1 || a.Newer(0) != -1 || a.Older(3) != -1 || a.Newer(3) != 2 {
		t.Errorf("neighbours wrong")
	}
}

func TestTermsMergeSpellingsUnderTheMostFrequent(t *testing.T) {
	a := Build(config.Default(), []*content.Article{
		art("a", 1, ";;;ICE"), art("b", 2, ";;;Ice"), art("c", 3, ";;;ICE"), art("d", 4, ";Enrique Peña Nieto"),
		art("e", 5, "Water|water", "Ana Ruiz"), art("f", 6, "", "ana ruiz", "Ana Ruiz"),
	})
	orgs := a.Taxonomies[3]
	if len(orgs.Terms) != 1 || orgs.Terms[0].Name != "ICE" || orgs.Terms[0].Slug != "ice" || slugs(a, orgs.Terms[0].Articles) != "c b a" {
		t.Errorf("organizations = %+v", orgs.Terms)
	}
	if orgs.Term("Ice") != orgs.Terms[0] {
		t.Error("Term(Ice) does not find ICE")
	}
	if p := a.Taxonomies[1].Term("Enrique Pena Nieto"); p == nil || p.Slug != "enrique-pena-nieto" || p.Name != "Enrique Peña Nieto" {
		t.Errorf("people term = %+v", p)
	}
	if w := a.Taxonomies[0].Terms; len(w) != 1 || len(w[0].Articles) != 1 {
		t.Errorf("an article listed twice under one term: %+v", w)
	}
	if au := a.Authors.Terms; len(au) != 1 || au[0].Name != "Ana Ruiz" || slugs(a, au[0].Articles) != "f e" {
		t.Errorf("authors = %+v", au)
	}
}

func TestDatesGroupByYearAndMonthNewestFirst(t *testing.T) {
	mk := func(slug string, y int, m time.Month) *content.Article {
		x := art(slug, 1, "")
		x.Date = time.Date(y, m, 10, 0, 0, 0, 0, time.UTC)
		return x
	}
	a := Build(config.Default(), []*content.Article{mk("a", 2023, 3), mk("b", 2024, 1), mk("c", 2023, 3), mk("d", 2023, 11)})
	var got []string
	for _, y := range a.Years {
		for _, m := range y.Months {
			got = append(got, fmt.Sprintf("%d-%02d:%s", y.Year, int(m.Month), slugs(a, m.Articles)))
		}
	}
	if strings.Join(got, " ") != "2024-01:b 2023-11:d 2023-03:a c" {
		t.Errorf("months = %v", got)
	}
	if len(a.Years[1].Articles) != 3 {
		t.Errorf("2023 has %d articles", len(a.Years[1].Articles))
	}
}

func TestRelatedPrefersMostSharedTermsThenMostRecent(t *testing.T) {
	a := Build(config.Default(), []*content.Article{
		art("subject", 1, "Water|Drought;Ana"),
		art("two-shared", 2, "Water|Drought"),
		art("three-shared", 3, "Water|Drought;Ana"),
		art("one-old", 4, "Water"),
		art("one-new", 9, "Drought"),
		art("one-mid", 6, ";Ana"),
		art("one-mid2", 7, "Water"),
		art("unrelated", 8, "Schools"),
	})
	i := slices.IndexFunc(a.Articles, func(x *content.Article) bool { return x.Slug == "subject" })
	if got := slugs(a, a.Related[i]); got != "three-shared two-shared one-new one-mid2 one-mid" {
		t.Errorf("related = %s", got)
	}
	u := slices.IndexFunc(a.Articles, func(x *content.Article) bool { return x.Slug == "unrelated" })
	if len(a.Related[u]) != 0 {
		t.Errorf("unrelated has related %v", a.Related[u])
	}
}

func TestRelatedStaysBoundedOnHugeTerms(t *testing.T) {
	var arts []*content.Article
	for i := range 5000 {
		arts = append(arts, art(fmt.Sprintf("a%05d", i), 1+i%28, "Water"))
	}
	a := Build(config.Default(), arts)
	for i, r := range a.Related {
		if len(r) != MaxRelated || slices.Contains(r, int32(i)) {
			t.Fatalf("article %d related %v", i, r)
		}
	}
}

func TestPages(t *testing.T) {
	for _, tt := range [][3]int{{0, 10, 1}, {1, 10, 1}, {10, 10, 1}, {11, 10, 2}, {26, 10, 3}} {
		if got := Pages(tt[0], tt[1]); got != tt[2] {
			t.Errorf("Pages(%d, %d) = %d, want %d", tt[0], tt[1], got, tt[2])
		}
	}
}

func TestReuseKeepsGroupingsOnlyWhenShapeIsTheSame(t *testing.T) {
	arts := []*content.Article{art("a", 1, "Water"), art("b", 2, "Water")}
	prev := Build(config.Default(), arts)
	retitled := *arts[0]
	retitled.Title = "New title"
	next := Reuse(prev, []*content.Article{&retitled, arts[1]})
	if next == nil || next.Articles[1] != &retitled || next.Taxonomies[0] != prev.Taxonomies[0] || prev.Articles[1] == &retitled {
		t.Fatalf("a retitled article did not reuse the groupings: %+v", next)
	}
	retagged := *arts[0]
	retagged.Terms = [][]string{{"Drought"}, nil, nil, nil}
	if Reuse(prev, []*content.Article{&retagged, arts[1]}) != nil {
		t.Error("a retagged article reused the groupings")
	}
	if Reuse(prev, arts[:1]) != nil {
		t.Error("a removed article reused the groupings")
	}
}

func TestUpdateEqualsAFreshBuild(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	topics := []string{"Water", "Drought", "Schools", "Courts", "Fire", "Roads"}
	var arts []*content.Article
	for i := range 300 {
		arts = append(arts, art(fmt.Sprintf("a%03d", i), 1+i%28, strings.Join([]string{topics[r.IntN(6)], topics[r.IntN(6)]}, "|")+";"+topics[r.IntN(6)]))
	}
	cfg := config.Default()
	prev := Build(cfg, arts)
	for step := range 40 {
		next := slices.Clone(arts)
		k := r.IntN(len(next))
		changed := *next[k]
		switch step % 4 {
		case 0: // a new topic
			changed.Terms = [][]string{{"Brand New " + fmt.Sprint(step)}, nil, nil, nil}
		case 1: // a topic dropped
			changed.Terms = [][]string{nil, nil, nil, nil}
		case 2: // a new title only
			changed.Title = "retitled"
		case 3: // a new date: the order changes
			changed.Date = changed.Date.AddDate(0, 0, 3)
		}
		next[k] = &changed
		got, affected := Update(cfg, prev, next)
		want := Build(cfg, next)
		if !slices.EqualFunc(got.Related, want.Related, slices.Equal[[]int32]) {
			t.Fatalf("step %d: related differs from a fresh build", step)
		}
		for ti := range want.Groupings() {
			g, w := got.Groupings()[ti], want.Groupings()[ti]
			if len(g.Terms) != len(w.Terms) {
				t.Fatalf("step %d: %s has %d terms, want %d", step, w.Name, len(g.Terms), len(w.Terms))
			}
			for j := range w.Terms {
				if g.Terms[j].Name != w.Terms[j].Name || !slices.Equal(g.Terms[j].Articles, w.Terms[j].Articles) {
					t.Fatalf("step %d: term %s differs", step, w.Terms[j].Name)
				}
			}
		}
		if step%4 == 2 && (affected == nil || slices.ContainsFunc(got.Articles, func(a *content.Article) bool { return affected(slices.Index(got.Articles, a)) })) {
			t.Errorf("step %d: a retitled article marked groupings as changed", step)
		}
		prev, arts = got, next
	}
}
