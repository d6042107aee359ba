package site_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dateline/internal/site"
	"dateline/internal/sitetest"
)

const pagesSite = `
-- dateline.toml --
title = "The Ledger"
-- content/2024/water.md --
---
title: Water board votes
date: 2024-03-05
topics: [Water]
authors: [Ana Ruiz]
---
The board voted.
-- content/pages/about.md --
---
title: About the Ledger
topics: [Water]
authors: [Ana Ruiz]
---
Who we are.
-- content/pages/policies/ethics/index.md --
---
title: Ethics policy
---
What we do not do.
-- content/2024/contact.md --
---
title: Contact us
type: page
date: 2024-03-06
---
Write to us.
`

// Standalone pages are at their own path, with their own template, in the sitemap and
// the footer, and in no river, feed, date archive or term page.
func TestStandalonePagesAreAtTheirPathAndInNoList(t *testing.T) {
	r := sitetest.Build(t, pagesSite, site.Options{}).OK(t)
	for _, p := range []string{"about/index.html", "policies/ethics/index.html", "contact/index.html"} {
		page := r.File(t, p)
		if !strings.Contains(page, `<article class="page">`) || strings.Contains(page, "Published") {
			t.Errorf("%s is not rendered with page.html:\n%s", p, page)
		}
	}
	for _, list := range []string{"index.html", "feed.xml", "feed.json", "2024/index.html", "topics/water/index.html", "authors/ana-ruiz/index.html"} {
		body := r.File(t, list)
		if i := strings.Index(body, `class="footer-pages"`); i >= 0 {
			body = body[:i]
		}
		if strings.Contains(body, "About the Ledger") || strings.Contains(body, "Contact us") {
			t.Errorf("%s lists a standalone page", list)
		}
	}
	sitemap := r.File(t, "sitemap.xml")
	for _, u := range []string{"/about/", "/policies/ethics/", "/contact/", "/2024/03/05/water/"} {
		if !strings.Contains(sitemap, u+"</loc>") {
			t.Errorf("sitemap lacks %s", u)
		}
	}
	footer := r.File(t, "2024/03/05/water/index.html")
	for _, link := range []string{`href="/about/">About the Ledger</a>`, `href="/contact/">Contact us</a>`, `href="/policies/ethics/">Ethics policy</a>`} {
		if !strings.Contains(footer, link) {
			t.Errorf("footer lacks %s", link)
		}
	}
	if strings.Contains(r.File(t, "2024/03/05/water/index.html"), `rel="prev"`) {
		t.Error("the article's previous article is a standalone page")
	}
	sm := filepath.Join(t.TempDir(), "sitemap.xml")
	os.WriteFile(sm, []byte(sitemap), 0o644)
	if out, err := sitetest.Validate(t, sitetest.Sitemap, sm); err != nil {
		t.Errorf("sitemap.xml is not valid: %v\n%s", err, out)
	}
}

// Editing a standalone page, adding one or making an article one gives what a cold build
// gives; the footer of every page follows.
func TestWarmBuildsKeepStandalonePagesAsColdOnes(t *testing.T) {
	src, dest := t.TempDir(), filepath.Join(t.TempDir(), "public")
	writeArchive(t, src, pagesSite)
	buildInto(t, src, dest, true)
	for _, edit := range []struct{ name, file, text string }{
		{"retitle a page", "content/pages/about.md", "---\ntitle: About us\n---\nWho we are.\n"},
		{"add a page", "content/pages/jobs.md", "---\ntitle: Jobs\n---\nNone open.\n"},
		{"make an article a page", "content/2024/water.md", "---\ntitle: Water board votes\ndate: 2024-03-05\ntype: page\n---\nThe board voted.\n"},
		{"make it an article again", "content/2024/water.md", "---\ntitle: Water board votes\ndate: 2024-03-05\ntopics: [Water]\n---\nThe board voted.\n"},
	} {
		writeArchive(t, src, "-- "+edit.file+" --\n"+edit.text)
		buildInto(t, src, dest, true)
		t.Run(edit.name, func(t *testing.T) { sameAsColdBuild(t, src, dest) })
	}
}
