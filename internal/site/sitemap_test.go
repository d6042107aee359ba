package site

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"dateline/internal/archive"
	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/output"
)

func TestSitemapSplitsUnderAnIndexPastTheLimit(t *testing.T) {
	cfg := config.Default()
	mem := output.NewMemory()
	b := &builder{cfg: cfg, sink: sinkTarget{mem}, arch: &archive.Archive{}}
	var pages []int32
	var jobs []job
	for i := range 7 {
		b.arch.Articles = append(b.arch.Articles, &content.Article{Date: time.Date(2024, 1, 1+i, 0, 0, 0, 0, time.UTC), Extra: content.NoExtra})
		jobs = append(jobs, job{path: fmt.Sprintf("/p%d/index.html", 6-i), page: true, modSig: uint64(i), shows: []int32{int32(i)}})
		pages = append(pages, int32(i))
	}
	p := &plan{rest: jobs}
	b.planSitemapFiles(p, pages, 3)
	if err := p.run(context.Background(), func(j *job) bool { return strings.HasPrefix(j.path, "/sitemap") }); err != nil {
		t.Fatal(err)
	}
	names := strings.Join(mem.Names(), " ")
	if names != "sitemap-1.xml sitemap-2.xml sitemap-3.xml sitemap.xml" {
		t.Fatalf("files = %s", names)
	}
	index, _ := mem.Get("sitemap.xml")
	if !strings.Contains(string(index), "<sitemapindex") || strings.Count(string(index), "<sitemap>") != 3 ||
		!strings.Contains(string(index), "<loc>http://localhost/sitemap-3.xml</loc>") {
		t.Errorf("index:\n%s", index)
	}
	first, _ := mem.Get("sitemap-1.xml")
	if strings.Count(string(first), "<url>") != 3 || !strings.Contains(string(first), "<loc>http://localhost/p0/</loc>\n  <lastmod>2024-01-07T00:00:00Z</lastmod>") {
		t.Errorf("first part:\n%s", first)
	}
	small := &plan{rest: jobs}
	b.planSitemapFiles(small, pages, 7)
	if len(small.rest) != 8 || small.rest[7].path != "/sitemap.xml" {
		t.Errorf("7 pages under a limit of 7 made %d files", len(small.rest)-7)
	}
}
