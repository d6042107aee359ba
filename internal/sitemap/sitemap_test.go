package sitemap

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"
)

func TestRecentKeepsTwoDaysAndAtMostTheLimit(t *testing.T) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	items := []NewsItem{
		{Loc: "future", Published: now.Add(time.Hour)},
		{Loc: "fresh", Published: now.Add(-time.Hour)},
		{Loc: "edge", Published: now.Add(-NewsWindow)},
		{Loc: "stale", Published: now.Add(-NewsWindow - time.Minute)},
	}
	var got []string
	for _, it := range Recent(items, now) {
		got = append(got, it.Loc)
	}
	if strings.Join(got, " ") != "fresh edge" {
		t.Errorf("recent = %v", got)
	}
	many := make([]NewsItem, 1500)
	for i := range many {
		many[i].Published = now.Add(-time.Duration(i) * time.Second)
	}
	if n := len(Recent(many, now)); n != MaxNews {
		t.Errorf("recent kept %d, want %d", n, MaxNews)
	}
}

func TestNewsSitemapFollowsGoogleNews(t *testing.T) {
	data, err := News("The Ledger", "en-US", []NewsItem{{Loc: "https://x.org/a/", Title: `Water "cuts" & more`, Published: time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)}})
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, want := range []string{
		`xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"`, `xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"`,
		`<news:name>The Ledger</news:name>`, `<news:language>en</news:language>`,
		`<news:publication_date>2026-06-01T09:00:00Z</news:publication_date>`, `<news:title>Water &#34;cuts&#34; &amp; more</news:title>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("news sitemap lacks %s:\n%s", want, s)
		}
	}
	if err := xml.Unmarshal(data, new(struct{})); err != nil {
		t.Errorf("not XML: %v", err)
	}
}
